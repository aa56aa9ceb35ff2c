"""Forms kept as data a province updates: the profile's forms folder adds or replaces definitions."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.forms.catalogue import FormNotInForceError, load_catalogue, profile_forms_dir
from kiosk.forms.loader import FormDefinitionError, load_definition
from kiosk.forms.receipt import ReceiptData
from kiosk.forms.schema import FORMS_DIR
from kiosk.forms.workdays import load_calendar, profile_holidays_path

from .test_catalogue import MINIMAL
from .test_cli import kiosk


def _ct01(**replace: str) -> str:
    text = (FORMS_DIR / "ct01.yaml").read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return text


def test_profile_folder_adds_and_replaces_forms(tmp_path: Path) -> None:
    forms = profile_forms_dir(tmp_path)
    forms.mkdir()
    (forms / "x1.yaml").write_text(MINIMAL, encoding="utf-8")
    (forms / "ct01.yaml").write_text(
        _ct01(**{"TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ": "TỜ KHAI CƯ TRÚ (TỈNH)"}), encoding="utf-8"
    )
    cat = load_catalogue(overrides=forms)
    assert cat.issues == []
    assert cat.get("X1").title.vi == "Tờ khai thử"
    assert cat.get("CT01").title.vi == "TỜ KHAI CƯ TRÚ (TỈNH)"
    assert [f.version for f in cat.forms if f.id == "CT01"] == ["2025.1"]  # replaced, not doubled
    # The installed catalogue itself is untouched.
    assert load_catalogue().get("CT01").title.vi == "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ"
    assert all(f.id != "X1" for f in load_catalogue().forms)


def test_new_version_in_profile_takes_over_on_its_date(tmp_path: Path) -> None:
    forms = profile_forms_dir(tmp_path)
    forms.mkdir()
    (forms / "ct01_v2.yaml").write_text(
        _ct01(**{'version: "2025.1"': 'version: "2027.1"', '"2025-07-01"': '"2027-01-01"'}),
        encoding="utf-8",
    )
    cat = load_catalogue(overrides=forms)
    assert cat.get("CT01", date(2026, 6, 1)).version == "2025.1"
    assert cat.get("CT01", date(2027, 1, 1)).version == "2027.1"


def test_bad_profile_file_is_reported_and_skipped(tmp_path: Path, caplog) -> None:
    forms = profile_forms_dir(tmp_path)
    forms.mkdir()
    (forms / "bad.yaml").write_text(MINIMAL.replace("type: phone", "type: fax"), encoding="utf-8")
    (forms / "x2.yaml").write_text(MINIMAL.replace("id: X1", "id: X2"), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        cat = load_catalogue(overrides=forms)
    assert [(i.file, i.line, i.field) for i in cat.issues] == [
        (str(forms / "bad.yaml"), 11, "fields[1] (phone).type")
    ]
    assert "'fax' is not one of" in cat.issues[0].problem
    assert cat.get("X2").id == "X2" and cat.get("CT01").version == "2025.1"
    assert f"{forms / 'bad.yaml'}:11: field 'fields[1] (phone).type'" in caplog.text


def test_profile_bundle_with_a_missing_form_keeps_the_installed_bundle(tmp_path: Path) -> None:
    forms = profile_forms_dir(tmp_path)
    forms.mkdir()
    bundle = (FORMS_DIR / "bundle_death.yaml").read_text(encoding="utf-8")
    assert "form: funeral_allowance" in bundle
    (forms / "bundle_death.yaml").write_text(
        bundle.replace("form: funeral_allowance", "form: GHOST"), encoding="utf-8"
    )
    cat = load_catalogue(overrides=forms)
    assert len(cat.issues) == 1 and "'GHOST' is not a form in the catalogue" in cat.issues[0].problem
    assert cat.issues[0].file == str(forms / "bundle_death.yaml")
    assert [bf.form for bf in cat.get_bundle("bundle_death").forms][-1] == "funeral_allowance"


def test_profile_form_that_breaks_a_bundle_is_skipped(tmp_path: Path) -> None:
    forms = profile_forms_dir(tmp_path)
    forms.mkdir()
    # The birth bundle maps CT01's 'request' field; a CT01 without it would break the bundle.
    broken = _ct01(**{"id: request,": "id: request_text,", "field: request,": "field: request_text,"})
    (forms / "ct01.yaml").write_text(broken, encoding="utf-8")
    load_definition(forms / "ct01.yaml")  # a valid form on its own
    cat = load_catalogue(overrides=forms)
    assert len(cat.issues) == 1
    assert cat.issues[0].file == str(forms / "ct01.yaml")
    assert "bundle_birth_child_under6" in cat.issues[0].problem and "'request'" in cat.issues[0].problem
    assert "request" in cat.get("CT01").field_ids  # the installed CT01 is back


def test_effective_to_before_effective_from_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "x.yaml"
    p.write_text(
        MINIMAL.replace(
            'effective_from: "2025-01-01"', 'effective_from: "2025-01-01"\neffective_to: "2024-12-31"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(FormDefinitionError) as ei:
        load_definition(p)
    assert (ei.value.line, ei.value.field) == (7, "effective_to")
    assert ei.value.problem == "2024-12-31 is before effective_from 2025-01-01"


def test_no_version_in_force_is_refused_naming_the_dates(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(
        MINIMAL.replace(
            'effective_from: "2025-01-01"', 'effective_from: "2025-01-01"\neffective_to: "2025-12-31"'
        ),
        encoding="utf-8",
    )
    cat = load_catalogue(tmp_path)
    assert cat.get("X1", date(2025, 6, 1)).version == "1"
    with pytest.raises(FormNotInForceError) as ei:
        cat.get("X1", date(2026, 3, 1))
    assert str(ei.value) == (
        "No version of form 'X1' is in force on 01/03/2026: version 1 from 01/01/2025 to 31/12/2025."
    )
    assert cat.current_forms(date(2026, 3, 1)) == []


HOLIDAY_2026 = """\
years:
  2026:
    days_off:
      - {date: "2026-01-01", name: "Tết Dương lịch"}
      - {from: "2026-02-14", to: "2026-02-22", name: "Tết"}
      - {date: "2026-02-25", name: "Nghỉ thêm của tỉnh (thử)"}
"""


def test_holiday_override_replaces_a_year(tmp_path: Path) -> None:
    path = profile_holidays_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(HOLIDAY_2026, encoding="utf-8")
    cal = load_calendar(override=path)
    assert not cal.is_working_day(date(2026, 2, 25))
    assert cal.is_working_day(date(2026, 4, 30))  # the whole 2026 entry is the override's
    assert not cal.is_working_day(date(2025, 1, 1))  # other years stay as installed
    assert load_calendar().is_working_day(date(2026, 2, 25))
    path.write_text("years:\n  twenty: {}\n", encoding="utf-8")
    assert load_calendar(override=path).is_working_day(date(2026, 2, 25))  # bad file skipped
    received = datetime(2026, 2, 24, 9, 0)
    r = ReceiptData("A", "B", "C", "D", "E", received, 1)
    assert r.appointment(load_calendar(override=path)).date() == date(2026, 2, 25)


def test_cli_uses_and_checks_the_profile_folder(tmp_path: Path) -> None:
    forms = profile_forms_dir(tmp_path / "profile")
    forms.mkdir(parents=True)
    (forms / "x1.yaml").write_text(MINIMAL, encoding="utf-8")
    (forms / "bad.yaml").write_text(MINIMAL.replace("type: phone", "type: fax"), encoding="utf-8")
    r = kiosk(tmp_path, "list", "--json")
    assert r.returncode == 0, r.stderr
    assert "X1" in {f["id"] for f in json.loads(r.stdout)["forms"]}
    assert (
        f"warning: form definition skipped: {forms / 'bad.yaml'}:11: field 'fields[1] (phone).type'"
        in r.stderr
    )
    r = kiosk(tmp_path, "check")
    assert r.returncode == 1 and f"{forms / 'bad.yaml'}:11:" in r.stderr
    (forms / "bad.yaml").unlink()
    (forms / "holidays").mkdir()
    (forms / "holidays" / "vn_public_holidays.yaml").write_text("years:\n  2026: [1]\n", encoding="utf-8")
    r = kiosk(tmp_path, "check", "--dir", str(forms))
    assert r.returncode == 1 and "years.2026" in r.stderr
    (forms / "holidays" / "vn_public_holidays.yaml").write_text(HOLIDAY_2026, encoding="utf-8")
    r = kiosk(tmp_path, "check", "--dir", str(forms))
    assert r.returncode == 0 and "OK: 1 form(s), 0 bundle(s)" in r.stdout, r.stderr
    receipt = tmp_path / "r.json"
    receipt.write_text(
        json.dumps(
            {
                "agency": "A",
                "unit": "B",
                "dossier_code": "C-1",
                "applicant_name": "Đặng Thị Ứng",
                "procedure_name": "E",
                "received_at": "2026-02-24T09:00",
                "processing_days": 1,
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "r.pdf"
    r = kiosk(tmp_path, "receipt", "--data", str(receipt), "--out", str(out))
    assert r.returncode == 0, r.stderr
    from .conftest import pdf_text

    assert "09 giờ 00 phút, ngày 26/02/2026" in pdf_text(out)  # 25/02 is the province's day off

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kiosk.citizen import Citizen

from .conftest import father, mother, pdf_text

ROOT = Path(__file__).resolve().parents[2]


def kiosk(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "--profile", str(tmp_path / "profile"), "form", *args],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def card_read_result(c: Citizen) -> dict:
    # The shape `kiosk card read --json` emits: the citizen object inside the read result.
    return {"citizen": c.to_json(), "verification": "not_checked"}


def test_list_json(tmp_path: Path) -> None:
    r = kiosk(tmp_path, "list", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    ids = {f["id"] for f in data["forms"]}
    assert {"CT01", "birth_registration", "TK1-TS"} <= ids
    ct01 = next(f for f in data["forms"] if f["id"] == "CT01")
    assert ct01["title_vi"] == "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ" and "household_head" in ct01["roles"]
    assert {b["id"] for b in data["bundles"]} == {"bundle_birth_child_under6", "bundle_death"}
    plain = kiosk(tmp_path, "list")
    assert "CT01" in plain.stdout and "v2025.1" in plain.stdout


def test_render_and_validate(tmp_path: Path) -> None:
    data = {
        "roles": {
            "applicant": card_read_result(mother()),
            "mother": mother().to_json(),
            "father": father().to_json(),
        },
        "fields": {
            "addressee": "UBND xã Nghĩa Hưng",
            "applicant_relation": "Mẹ",
            "child_name": "Trương Bảo Ngọc",
            "child_dob": "14/04/2025",
            "child_sex": "Nữ",
            "child_ethnicity": "Kinh",
            "child_birthplace": "Bệnh viện Đa khoa tỉnh Nghệ An",
            "copies": 2,
        },
    }
    f = tmp_path / "data.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "birth.pdf"
    r = kiosk(tmp_path, "render", "birth_registration", "--data", str(f), "--out", str(out))
    assert r.returncode == 0, r.stderr
    text = pdf_text(out)
    assert "HUỲNH THỊ NGỌC QUỲNH HƯƠNG NGUYỄN PHƯƠNG THỦY" in text and "038089001234" in text
    r = kiosk(tmp_path, "validate", "birth_registration", "--data", str(f), "--json")
    assert r.returncode == 0, r.stdout
    filled = json.loads(kiosk(tmp_path, "fill", "birth_registration", "--data", str(f)).stdout)["forms"][0]
    assert filled["values"]["mother_id"] == "079190004321"
    assert (
        filled["provenance"]["mother_id"] == "chip_verified"
        and filled["sources"]["mother_id"] == "mother.id_number"
    )
    assert filled["provenance"]["child_name"] == "typed" and filled["conflicts"] == []
    assert json.loads(r.stdout)["ok"] is True

    data["fields"]["phone"] = "12345"  # the birth form has no phone: refused, not dropped
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = kiosk(tmp_path, "validate", "birth_registration", "--data", str(f))
    assert r.returncode == 2 and f"{f}: field 'phone': not a field of form birth_registration" in r.stderr
    del data["fields"]["phone"]
    data["fields"]["child_dob"] = "14/04/1980"  # before the parents were born
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = kiosk(tmp_path, "validate", "birth_registration", "--data", str(f), "--json")
    assert r.returncode == 1
    problems = json.loads(r.stdout)["forms"][0]["problems"]
    assert {(p["field"], p["code"]) for p in problems} >= {("child_dob", "rule_before")}
    r = kiosk(tmp_path, "validate", "birth_registration", "--data", str(f))
    assert r.returncode == 1 and "child_dob" in r.stdout and "Ngày sinh của trẻ phải sau" in r.stdout


def test_bundle_render(tmp_path: Path) -> None:
    f = tmp_path / "d.json"
    f.write_text(
        json.dumps(
            {
                "roles": {"applicant": father().to_json(), "deceased": mother().to_json()},
                "fields": {"death_date": "02/11/2026"},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    out = tmp_path / "b.pdf"
    r = kiosk(tmp_path, "render", "bundle_death", "--data", str(f), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "TỜ KHAI ĐỀ NGHỊ HỖ TRỢ CHI PHÍ MAI TÁNG" in pdf_text(out)


def test_clear_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = kiosk(tmp_path, "render", "CT01", "--data", str(bad), "--out", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "is not valid JSON (line 1, column 2)" in r.stderr
    assert "Traceback" not in r.stderr
    r = kiosk(tmp_path, "render", "NOPE", "--data", str(bad), "--out", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "There is no form 'NOPE'" in r.stderr
    good = tmp_path / "g.json"
    good.write_text(json.dumps({"roles": {"spouse": {"full_name": "A"}}}), encoding="utf-8")
    r = kiosk(tmp_path, "render", "CT01", "--data", str(good), "--out", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "Role 'spouse' is not a role of form CT01" in r.stderr
    good.write_text(json.dumps({"roles": {"applicant": {"full_name": "A"}}}), encoding="utf-8")
    r = kiosk(tmp_path, "render", "CT01", "--data", str(good), "--out", str(tmp_path / "no" / "x.pdf"))
    assert r.returncode != 0 and "does not exist" in r.stderr
    bad.write_text(json.dumps({"roles": {"applicant": {"date_of_birth": "31/02/1990"}}}), encoding="utf-8")
    r = kiosk(tmp_path, "validate", "CT01", "--data", str(bad))
    assert r.returncode == 2 and "role 'applicant': date_of_birth: not a real calendar date" in r.stderr


def test_receipt_command(tmp_path: Path) -> None:
    f = tmp_path / "r.json"
    data = {
        "agency": "UBND XÃ A",
        "unit": "BỘ PHẬN MỘT CỬA",
        "dossier_code": "000.00.01.H26-261120-0007",
        "applicant_name": "Đặng Thị Ứng",
        "procedure_name": "Đăng ký khai tử",
        "received_at": "2026-02-12T10:30",
        "processing_days": 3,
        "components": [{"name": "Giấy báo tử", "copy_kind": "certified_copy", "count": 1}],
    }
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "r.pdf"
    r = kiosk(tmp_path, "receipt", "--data", str(f), "--out", str(out), "--thermal")
    assert r.returncode == 0, r.stderr
    text = pdf_text(out)
    assert "Đặng Thị Ứng" in text and "10 giờ 30 phút, ngày 24/02/2026" in text
    data["colour"] = "red"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = kiosk(tmp_path, "receipt", "--data", str(f), "--out", str(out))
    assert r.returncode == 2 and f"{f}: unknown receipt key 'colour'; allowed: address," in r.stderr
    del data["colour"], data["applicant_name"]
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = kiosk(tmp_path, "receipt", "--data", str(f), "--out", str(out))
    assert r.returncode == 2 and f"{f}: 'applicant_name' is missing." in r.stderr
    data["applicant_name"], data["processing_days"] = "Đặng Thị Ứng", "3"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = kiosk(tmp_path, "receipt", "--data", str(f), "--out", str(out))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"{f}: 'processing_days' must be a whole number (e.g. 3), not text." in r.stderr


def test_check_command(tmp_path: Path) -> None:
    from .test_catalogue import MINIMAL

    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "x1.yaml").write_text(MINIMAL, encoding="utf-8")
    r = kiosk(tmp_path, "check", str(forms))
    assert r.returncode == 0 and "OK: 1 form(s), 0 bundle(s)" in r.stdout
    (forms / "x1.yaml").write_text(MINIMAL.replace("type: phone", "type: fax"), encoding="utf-8")
    r = kiosk(tmp_path, "check", str(forms))
    assert r.returncode == 1
    assert f"{forms / 'x1.yaml'}:11: field 'fields[1] (phone).type'" in r.stderr
    assert kiosk(tmp_path, "check").returncode == 0

"""Data files for `kiosk form`: nothing a citizen's data file says is dropped silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.forms.data_file import DataFileError, load_data_file
from kiosk.forms.prefill import prefill_bundle

from .conftest import father, mother


def _write(tmp_path: Path, data: dict) -> Path:
    p = tmp_path / "d.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def _error(tmp_path: Path, catalogue, item_id: str, data: dict) -> str:
    p = _write(tmp_path, data)
    if any(b.id == item_id for b in catalogue.bundles):
        bundle = catalogue.get_bundle(item_id)
        forms = [catalogue.get(bf.form) for bf in bundle.forms]
        with pytest.raises(DataFileError) as ei:
            load_data_file(p, bundle, forms)
    else:
        with pytest.raises(DataFileError) as ei:
            load_data_file(p, catalogue.get(item_id))
    assert ei.value.exit_code == 2
    return str(ei.value).removeprefix(f"{p}: ")


def test_list_for_a_one_person_role_is_refused(tmp_path: Path, catalogue) -> None:
    msg = _error(tmp_path, catalogue, "CT01", {"roles": {"applicant": [mother().to_json()]}})
    assert msg == "role 'applicant' is one person: give one citizen object, not a list."


def test_object_for_a_list_role_is_refused(tmp_path: Path, catalogue) -> None:
    msg = _error(tmp_path, catalogue, "CT01", {"roles": {"members": mother().to_json()}})
    assert msg == "role 'members' is a list of people: give [CITIZEN, ...] (a list), not one object."
    msg = _error(tmp_path, catalogue, "CT01", {"roles": {"applicant[0]": mother().to_json()}})
    assert msg == "role 'applicant[0]': 'applicant' is one person; write it without [0]."
    eleven = {"roles": {"members": [father().to_json()] * 11}}
    assert "form CT01 takes at most 10 people, the file gives 11." in _error(
        tmp_path, catalogue, "CT01", eleven
    )


def test_misspelt_field_key_is_named(tmp_path: Path, catalogue) -> None:
    msg = _error(tmp_path, catalogue, "CT01", {"fields": {"adressee": "Công an phường"}})
    assert msg == "field 'adressee': not a field of form CT01; did you mean 'addressee'?"
    msg = _error(tmp_path, catalogue, "CT01", {"fields": {"members[0].relaton": "Con"}})
    assert msg == (
        "field 'members[0].relaton': 'relaton' is not a column of table 'members' of form CT01; "
        "did you mean 'relation'?"
    )


def test_unknown_role_in_a_bundle_is_refused(tmp_path: Path, catalogue) -> None:
    msg = _error(tmp_path, catalogue, "bundle_death", {"roles": {"deceasd": mother().to_json()}})
    assert msg.startswith("Role 'deceasd' is not a role of bundle bundle_death; use: applicant, deceased")


def test_bundle_keys_must_say_which_form(tmp_path: Path, catalogue) -> None:
    msg = _error(tmp_path, catalogue, "bundle_death", {"fields": {"addressee": "UBND xã A"}})
    assert msg == (
        "field 'addressee' is on several forms of bundle bundle_death "
        "(death_registration, CT01, funeral_allowance) and means something different on each: "
        "write it per form, e.g. 'death_registration:addressee'."
    )
    msg = _error(tmp_path, catalogue, "bundle_death", {"fields": {"CT01:adressee": "x"}})
    assert msg == "field 'CT01:adressee': not a field of form CT01; did you mean 'addressee'?"
    msg = _error(tmp_path, catalogue, "bundle_death", {"fields": {"TK1-TS:phone": "x"}})
    assert msg.startswith("field 'TK1-TS:phone': 'TK1-TS' is not a form of bundle bundle_death")
    msg = _error(tmp_path, catalogue, "bundle_death", {"fields": {"deth_date": "01/11/2026"}})
    assert msg == "field 'deth_date' is not a field of bundle bundle_death; did you mean 'death_date'?"


def test_bundle_fields_reach_only_their_forms(tmp_path: Path, catalogue) -> None:
    bundle = catalogue.get_bundle("bundle_death")
    forms = [catalogue.get(bf.form) for bf in bundle.forms]
    p = _write(
        tmp_path,
        {
            "roles": {"applicant": father().to_json(), "deceased": mother().to_json()},
            "fields": {
                "CT01:addressee": "Công an phường Vinh Tân",
                "funeral_allowance.addressee": "UBND phường Vinh Tân",
                "death_date": "02/11/2026",
                "phone": "0912345678",
                "death_place": "Bệnh viện",
            },
        },
    )
    roles, fields = load_data_file(p, bundle, forms)
    by_form = {f.form.id: f for f in prefill_bundle(bundle, forms, roles, fields)}
    assert by_form["CT01"].value("addressee") == "Công an phường Vinh Tân"
    assert by_form["funeral_allowance"].value("addressee") == "UBND phường Vinh Tân"
    # The police addressee of CT01 is not the addressee of the death registration (commune).
    assert by_form["death_registration"].value("addressee") == ""
    assert "Công an" not in " ".join(by_form["death_registration"].typed.values())
    assert "Công an" not in " ".join(by_form["funeral_allowance"].typed.values())
    # Shared fields reach every form that has them.
    assert by_form["death_registration"].value("death_date") == "02/11/2026"
    assert by_form["funeral_allowance"].value("death_date") == "02/11/2026"
    assert by_form["funeral_allowance"].value("phone") == "0912345678"
    # A plain key one form has reaches that form only.
    assert by_form["death_registration"].value("death_place") == "Bệnh viện"
    assert "death_place" not in by_form["CT01"].typed
    # A plain key several forms have means something different on each: it reaches none
    # (the data file check refuses it; the form screen keeps such keys per form).
    plain = prefill_bundle(bundle, forms, roles, {"addressee": "Công an phường Vinh Tân"})
    assert [f.value("addressee") for f in plain] == ["", "", ""]

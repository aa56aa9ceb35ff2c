from __future__ import annotations

import unicodedata

import pytest

from kiosk.citizen import CITIZEN_FIELDS, Citizen, CitizenDataError, Provenance


def test_normalisation_of_dg13_style_values() -> None:
    c = Citizen()
    decomposed = unicodedata.normalize("NFD", "Lê Thị Hồng")
    c.set("full_name", f"  {decomposed} ", Provenance.CHIP_UNVERIFIED)
    c.set("date_of_birth", "05/01/1960", Provenance.CHIP_UNVERIFIED)
    c.set("sex", "Nữ", Provenance.CHIP_UNVERIFIED)
    c.set("date_of_expiry", "Không thời hạn", Provenance.CHIP_UNVERIFIED)
    c.set("id_number", "001160012345", Provenance.CHIP_UNVERIFIED)
    assert c.get("full_name") == unicodedata.normalize("NFC", "Lê Thị Hồng")
    assert c.get("date_of_birth") == "1960-01-05"
    assert c.get("sex") == "F"
    assert c.get("date_of_expiry") is None and c.no_expiry
    assert c.can == "012345"


def test_json_round_trip_keeps_provenance() -> None:
    c = Citizen()
    c.set("full_name", "Phạm Văn Đức", Provenance.CHIP_VERIFIED)
    c.set("date_of_birth", "1990-12-31", Provenance.QR)
    data = c.to_json()
    assert set(CITIZEN_FIELDS) <= set(data)
    back = Citizen.from_json({"citizen": data, "document": {}})
    assert back.get("full_name") == "Phạm Văn Đức"
    assert back.provenance("full_name") is Provenance.CHIP_VERIFIED
    assert back.provenance("date_of_birth") is Provenance.QR


def test_merge_prefers_stronger_provenance() -> None:
    typed = Citizen()
    typed.set("full_name", "Pham Van Duc", Provenance.TYPED)
    chip = Citizen()
    chip.set("full_name", "Phạm Văn Đức", Provenance.CHIP_VERIFIED)
    typed.merge(chip)
    assert typed.get("full_name") == "Phạm Văn Đức"
    chip.merge(Citizen.from_json({"full_name": "X Y"}))
    assert chip.get("full_name") == "Phạm Văn Đức"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date_of_birth", "31/02/2000", "date_of_birth: not a real calendar date"),
        ("date_of_birth", "2000/13", "date_of_birth: expected dd/mm/yyyy or YYYY-MM-DD"),
        ("sex", "?", "sex: expected Nam/Nữ or M/F"),
        ("id_number", "00130401234A", "id_number: digits only"),
    ],
)
def test_bad_values_name_the_field_not_the_value(field: str, value: str, message: str) -> None:
    with pytest.raises(CitizenDataError) as err:
        Citizen().set(field, value, Provenance.TYPED)
    assert str(err.value) == message

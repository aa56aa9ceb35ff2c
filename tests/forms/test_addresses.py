from __future__ import annotations

import json

import pytest

from kiosk.forms.addresses import ADMIN_DIR, CURRENT_EDITION, LEGACY_EDITION, AddressError, admin_units


@pytest.fixture(scope="module")
def units():
    return admin_units()


def test_counts_and_editions(units) -> None:
    assert len(units.provinces()) == 34
    assert len(units.communes()) == 3321
    assert sum(len(units.communes(p.code)) for p in units.provinces()) == 3321
    hn = units.province("01")
    assert (hn.name, hn.edition, hn.key) == ("Thành phố Hà Nội", CURRENT_EDITION, "2025-07-01:01")
    assert units.legacy_ward("00001").edition == LEGACY_EDITION


def test_search_ignores_diacritics_and_tone_placement(units) -> None:
    for q in ("Hòa Bình", "Hoà Bình", "hoa binh", "Phường Hòa Bình"):
        hits = units.search(q)
        assert hits and all(h.short_name == "Hòa Bình" for h in hits[:3]), q
    ba_dinh = units.search("ba đình", province_code="01")
    assert [c.code for c in ba_dinh] == ["00004"]
    assert units.search("   ") == []


def test_unique_ward_converts_without_confirmation(units) -> None:
    conv = units.convert_ward("00001")  # Phường Phúc Xá -> Phường Hồng Hà
    assert not conv.needs_confirmation
    assert conv.commune is not None and conv.commune.name == "Phường Hồng Hà"


def test_split_ward_needs_the_officer(units) -> None:
    mapping = json.loads((ADMIN_DIR / "mapping.json").read_text(encoding="utf-8"))
    split = sum(1 for v in mapping["wards"].values() if len(v) > 1)
    assert split == 441
    conv = units.convert_ward("00019")
    assert conv.needs_confirmation and conv.commune is None
    assert {c.code for c in conv.candidates} == {"00070", "00004", "00226", "00190"}
    assert conv.confirm("00226").code == "00226"
    with pytest.raises(AddressError, match="not one of the communes"):
        conv.confirm("00097")


def test_old_address_text_converts(units) -> None:
    m = units.match_legacy("12 Lê Lợi, Phường 04, Quận 5, Thành phố Hồ Chí Minh, Việt Nam")
    assert m is not None
    assert (m.ward.name, m.district.name, m.province.name) == ("Phường 4", "Quận 5", "Thành phố Hồ Chí Minh")
    assert m.street == "12 Lê Lợi"
    assert m.new_address() == "12 Lê Lợi, Phường Chợ Quán, Thành phố Hồ Chí Minh"
    # Abbreviations and missing diacritics.
    m2 = units.match_legacy("So 5, P. Phuc Xa, Q. Ba Dinh, TP. Ha Noi")
    assert m2 is not None and m2.conversion.commune is not None
    assert m2.conversion.commune.name == "Phường Hồng Hà"


def test_split_old_address_demands_a_choice(units) -> None:
    m = units.match_legacy("Số 12 phố Hàng Bột, Phường Cát Linh, Quận Đống Đa, Thành phố Hà Nội")
    assert m is not None and m.conversion.needs_confirmation
    with pytest.raises(AddressError, match="officer must choose"):
        m.new_address()
    chosen = units.commune("00190")
    assert m.new_address(chosen) == "Số 12 phố Hàng Bột, Phường Ô Chợ Dừa, Thành phố Hà Nội"
    with pytest.raises(AddressError):
        m.new_address(units.commune("00004"))


def test_unknown_things(units) -> None:
    assert units.match_legacy("Thôn 1, Xã Không Có, Huyện Mơ, Tỉnh Ảo") is None
    assert units.match_legacy("Hà Nội") is None
    with pytest.raises(AddressError, match="no current commune with code 99999"):
        units.commune("99999")
    assert units.new_province_for("27").code == "24"  # old Bắc Ninh -> new Bắc Ninh (code of old Bắc Giang)


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("12 Lê Lợi, P.Bến Nghé, Q.1, TP.HCM", ("Phường Bến Nghé", "Quận 1", "Thành phố Hồ Chí Minh")),
        ("12 Lê Lợi, P. Bến Nghé, Q1, TPHCM", ("Phường Bến Nghé", "Quận 1", "Thành phố Hồ Chí Minh")),
        ("12 Lê Lợi, F4, Q5, HCM", ("Phường 4", "Quận 5", "Thành phố Hồ Chí Minh")),
        ("Số 1, P. Ngô Quyền, TX. Sơn Tây, HN", ("Phường Ngô Quyền", "Thị xã Sơn Tây", "Thành phố Hà Nội")),
        (
            "Tổ 3, TT Đông Anh, H. Đông Anh, TP. Hà Nội",
            ("Thị trấn Đông Anh", "Huyện Đông Anh", "Thành phố Hà Nội"),
        ),
        (
            "Ấp 1, Xã Long Phước, TX Bà Rịa, BR-VT",
            ("Xã Long Phước", "Thành phố Bà Rịa", "Tỉnh Bà Rịa - Vũng Tàu"),
        ),
        (
            "Số 2, P. Phú Hội, Q. Thuận Hóa, Tỉnh Thừa Thiên Huế",
            ("Phường Phú Hội", "Quận Thuận Hóa", "Thành phố Huế"),
        ),
    ],
)
def test_abbreviated_legacy_addresses_are_recognised(address: str, expected: tuple[str, str, str]) -> None:
    m = admin_units().match_legacy(address)
    assert m is not None
    assert (m.ward.name, m.district.name, m.province.name) == expected
    assert m.street == address.split(",", maxsplit=1)[0]

"""Test citizens (invented, realistic Vietnamese data) and store helpers shared by the
dossier and security tests."""

from __future__ import annotations

from kiosk.citizen import Citizen, Provenance
from kiosk.profile import Profile
from kiosk.security.keys import KdfParams, init_profile

FAST_KDF = KdfParams(time_cost=1, memory_cost=8192, parallelism=1)
PASSPHRASE = "mật khẩu đủ dài 2026"

PEOPLE: list[dict[str, str]] = [
    {
        "id_number": "001099012345",
        "full_name": "Nguyễn Văn An",
        "date_of_birth": "1999-01-02",
        "sex": "M",
        "nationality": "Việt Nam",
        "ethnicity": "Kinh",
        "place_of_origin": "Xã Phù Đổng, Gia Lâm, Hà Nội",
        "place_of_residence": "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
        "father_name": "Nguyễn Văn Bình",
        "mother_name": "Trần Thị Cúc",
    },
    {
        "id_number": "079185004321",
        "full_name": "Trần Thị Thu Hương",
        "date_of_birth": "1985-07-30",
        "sex": "F",
        "nationality": "Việt Nam",
        "ethnicity": "Kinh",
        "religion": "Phật giáo",
        "place_of_origin": "Phường Vĩnh Lạc, Rạch Giá, Kiên Giang",
        "place_of_residence": "88 đường Nguyễn Đình Chiểu, phường Xuân Hòa, TP. Hồ Chí Minh",
        "spouse_name": "Lê Quốc Khánh",
    },
    {
        "id_number": "046302000777",
        "full_name": "Hồ Đức Phúc",
        "date_of_birth": "2002-12-09",
        "sex": "M",
        "nationality": "Việt Nam",
        "ethnicity": "Tày",
        "place_of_origin": "Xã Quảng Điền, Thừa Thiên Huế",
        "place_of_residence": "Thôn Đông Hồ, xã Phong Điền, thành phố Huế",
    },
]


def citizen(i: int = 0, provenance: Provenance = Provenance.CHIP_VERIFIED) -> Citizen:
    c = Citizen()
    for k, v in PEOPLE[i].items():
        c.set(k, v, provenance)
    return c


def plaintext_needles() -> list[str]:
    """Values that must never appear unencrypted on disk."""
    out = []
    for p in PEOPLE:
        out += [p["id_number"], p["full_name"], p["place_of_residence"]]
        out += [p.get("father_name", ""), p.get("spouse_name", "")]
    return [x for x in out if x]


def init_admin(profile: Profile) -> None:
    """A set-up test profile: unit H29, an "admin" account with PASSPHRASE, the fast KDF."""
    init_profile(
        profile,
        unit_name="x",
        unit_code="H29",
        admin_username="admin",
        admin_passphrase=PASSPHRASE,
        kdf=FAST_KDF,
    )

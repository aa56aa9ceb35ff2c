"""Test citizens with long, diacritic-heavy names and addresses (all fictional)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.citizen import Citizen, Provenance
from kiosk.forms.catalogue import Catalogue, load_catalogue

LONG_ADDRESS = (
    "Số 1268/47B Đường Huỳnh Tấn Phát, Tổ dân phố Thượng Lũng Nghĩa Quỳnh, Phường Phú Thuận Khương Nhượng, "
    "Quận Bảy Dịch Vụ Hữu Nghị, Thành phố Hồ Chí Minh, Việt Nam"
)


def make_citizen(prov: Provenance = Provenance.CHIP_VERIFIED, **values: str) -> Citizen:
    c = Citizen()
    for k, v in values.items():
        c.set(k, v, prov)
    return c


def mother() -> Citizen:
    return make_citizen(
        id_number="079190004321",
        full_name="Huỳnh Thị Ngọc Quỳnh Hương Nguyễn Phương Thủy",
        date_of_birth="1990-11-24",
        sex="F",
        nationality="Việt Nam",
        ethnicity="Kinh",
        religion="Không",
        place_of_origin="Xã Nghĩa Hưng, Huyện Nghĩa Đàn, Tỉnh Nghệ An",
        place_of_residence=LONG_ADDRESS,
        date_of_issue="2021-06-15",
        father_name="Huỳnh Văn Lưỡng",
        mother_name="Nguyễn Thị Ửng",
        spouse_name="Trương Quốc Khánh Đoàn Nguyễn Hữu Phước",
    )


def father() -> Citizen:
    return make_citizen(
        id_number="038089001234",
        full_name="Trương Quốc Khánh Đoàn Nguyễn Hữu Phước",
        date_of_birth="1989-02-07",
        sex="M",
        nationality="Việt Nam",
        ethnicity="Mường",
        place_of_residence="Thôn Đồng Sơn Thượng, Xã Quỳnh Lưu Yên Thành, Huyện Nghĩa Hưng, Tỉnh Thanh Hóa",
        date_of_issue="2022-01-20",
        father_name="Trương Văn Được",
        mother_name="Đoàn Thị Mỹ Lệ",
        spouse_name="Huỳnh Thị Ngọc Quỳnh Hương Nguyễn Phương Thủy",
    )


def elder() -> Citizen:
    return make_citizen(
        id_number="001045006789",
        full_name="Nguyễn Hữu Đức Thịnh Vượng Trường Xuân",
        date_of_birth="1945-08-19",
        sex="M",
        nationality="Việt Nam",
        ethnicity="Kinh",
        place_of_residence="Số 7 ngõ Hàng Bột, Phường Văn Miếu - Quốc Tử Giám, Thành phố Hà Nội",
        date_of_issue="2021-03-02",
    )


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def people() -> dict[str, Citizen]:
    return {"mother": mother(), "father": father(), "elder": elder()}


def pdf_text(path: Path | bytes) -> str:
    """Text of every page, NFC, white space collapsed (wrapping turns spaces into line breaks)."""
    import io

    reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else path)
    text = " ".join(p.extract_text() or "" for p in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())

from __future__ import annotations

import io
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.forms.receipt import ReceiptComponent, ReceiptData, ReceiptError, render_receipt

from .conftest import pdf_text


def sample(**kw) -> ReceiptData:
    base = dict(
        agency="ỦY BAN NHÂN DÂN XÃ NGHĨA HƯNG",
        unit="BỘ PHẬN MỘT CỬA",
        dossier_code="000.00.22.H40-261123-0001",
        applicant_name="Huỳnh Thị Ngọc Quỳnh Hương Nguyễn Phương Thủy",
        procedure_name="Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT cho trẻ dưới 6 tuổi",
        received_at=datetime(2026, 2, 12, 10, 30),
        processing_days=3,
        address="Số 1268/47B Đường Huỳnh Tấn Phát, Phường Phú Thuận",
        phone="0912345678",
        components=[
            ReceiptComponent("Tờ khai đăng ký khai sinh", "original", 1),
            ReceiptComponent("Giấy chứng sinh", "certified_copy", 1),
        ],
        officer_name="Lê Văn Tiếp",
        place="Nghĩa Hưng",
        register_book="Quyển số 01, Số thứ tự 125",
    )
    base.update(kw)
    return ReceiptData(**base)


def test_appointment_counts_working_days_across_tet() -> None:
    assert sample().appointment() == datetime(2026, 2, 24, 10, 30)
    fixed = datetime(2026, 3, 1, 8, 0)
    assert sample(appointment_at=fixed).appointment() == fixed


@pytest.mark.parametrize("thermal", [False, True])
def test_receipt_content(thermal: bool) -> None:
    buf = io.BytesIO()
    render_receipt(sample(), buf, thermal=thermal)
    text = pdf_text(buf.getvalue())
    for s in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "000.00.22.H40-261123-0001",
        "Huỳnh Thị Ngọc Quỳnh Hương Nguyễn Phương Thủy",
        "3 ngày làm việc",
        "10 giờ 30 phút, ngày 12/02/2026",
        "10 giờ 30 phút, ngày 24/02/2026",
        "Bản sao có chứng thực",
        "Giấy chứng sinh",
        "Quyển số 01, Số thứ tự 125",
    ):
        assert s in text, s
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    assert len(reader.pages) == 1
    width = float(reader.pages[0].mediabox.width)
    assert round(width) == (227 if thermal else 595)  # 80 mm or A4


def test_provisional_code_is_marked() -> None:
    buf = io.BytesIO()
    render_receipt(sample(provisional=True, dossier_code="TMP-7F3A-0001"), buf)
    assert "mã chính thức cấp sau khi đồng bộ" in pdf_text(buf.getvalue())


def test_long_component_list_stays_on_one_thermal_page() -> None:
    comps = [
        ReceiptComponent(f"Giấy tờ số {i}: bản sao trích lục khai sinh có chứng thực", "copy", 2)
        for i in range(25)
    ]
    buf = io.BytesIO()
    render_receipt(sample(components=comps), buf, thermal=True)
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    assert len(reader.pages) == 1
    assert "Giấy tờ số 24" in pdf_text(buf.getvalue())


@pytest.mark.parametrize(("thermal", "dpi"), [(False, 150), (True, 203)])
def test_qr_code_decodes_to_the_dossier_code(tmp_path: Path, thermal: bool, dpi: int) -> None:
    import cv2

    out = tmp_path / "r.pdf"
    render_receipt(sample(), out, thermal=thermal)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(out), str(tmp_path / "r")],
        check=True,
    )
    img = cv2.imread(str(tmp_path / "r.png"), cv2.IMREAD_GRAYSCALE)
    assert cv2.QRCodeDetector().detectAndDecode(img)[0] == "000.00.22.H40-261123-0001"


def test_thermal_barcode_bars_are_printable() -> None:
    # At 203 dpi (8 dots/mm) the narrowest Code 128 bar must be at least one printer dot wide.
    from reportlab.lib.units import mm

    from kiosk.forms.receipt import THERMAL_MARGIN, THERMAL_WIDTH, _codes

    width = THERMAL_WIDTH - 2 * THERMAL_MARGIN - 12
    qr, bar = _codes("000.00.22.H40-261123-0001", 30 * mm, width, 10 * mm)
    assert bar.value == qr.value == "000.00.22.H40-261123-0001"
    assert bar.width <= width
    assert bar.barWidth * 203 / 72 >= 1.0


@pytest.mark.parametrize(
    ("kw", "msg"),
    [
        ({"dossier_code": " "}, "needs a dossier code"),
        ({"processing_days": -1}, "cannot be negative"),
        ({"return_method": "pigeon"}, "Unknown return method 'pigeon'"),
    ],
)
def test_bad_receipt_data(kw, msg) -> None:
    with pytest.raises(ReceiptError, match=msg):
        render_receipt(sample(**kw), io.BytesIO())


RAW = {
    "agency": "UBND XÃ A",
    "unit": "BỘ PHẬN MỘT CỬA",
    "dossier_code": "000.00.01.H26-261120-0007",
    "applicant_name": "Đặng Thị Ứng",
    "procedure_name": "Đăng ký khai tử",
    "received_at": "2026-02-12T10:30",
    "processing_days": 3,
    "components": [{"name": "Giấy báo tử", "copy_kind": "certified_copy", "count": 1}],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"processing_days": "3"}, "'processing_days' must be a whole number (e.g. 3), not text."),
        ({"processing_days": 2.5}, "'processing_days' must be a whole number (e.g. 3), not a number."),
        ({"processing_days": True}, "'processing_days' must be a whole number (e.g. 3), not true/false."),
        ({"dossier_count": "2"}, "'dossier_count' must be a whole number (e.g. 3), not text."),
        ({"dossier_count": 0}, "The number of dossiers must be at least 1."),
        ({"applicant_name": 5}, "'applicant_name' must be text, not a number."),
        ({"received_at": "12/02/2026"}, "'received_at' must be a date and time written YYYY-MM-DDTHH:MM."),
        ({"received_at": 20260212}, "'received_at' must be a date and time written YYYY-MM-DDTHH:MM."),
        ({"provisional": "yes"}, "'provisional' must be true or false, not text."),
        ({"components": {"name": "x"}}, "'components' must be a list of {name, copy_kind, count}."),
        (
            {"components": [{"name": "Giấy", "copy_kind": "scan"}]},
            "Component 1 has an unknown copy kind 'scan'",
        ),
        ({"components": [{"name": "Giấy", "count": "1"}]}, "component 1: 'count' must be a whole number"),
        ({"components": [{"name": "Giấy", "count": 0}]}, "Component 1: the number of copies must be a whole"),
        ({"components": [{"name": "Giấy", "pages": 2}]}, "component 1: unknown key 'pages'"),
        ({"components": [{"copy_kind": "copy"}]}, "component 1 needs a 'name' (text)."),
        (
            {"appointment_at": "2026-02-11T08:00"},
            "The appointment (11/02/2026 08:00) is before the reception (12/02/2026 10:30).",
        ),
    ],
)
def test_receipt_json_is_checked_key_by_key(change: dict, message: str) -> None:
    from kiosk.forms.receipt import receipt_from_json

    with pytest.raises(ReceiptError) as ei:
        receipt_from_json({**RAW, **change}, "r.json")
    assert message in str(ei.value)


def test_receipt_json_builds_the_data() -> None:
    from kiosk.forms.receipt import receipt_from_json

    data = receipt_from_json({**RAW, "appointment_at": "2026-03-02T08:00", "provisional": True}, "r.json")
    assert data.processing_days == 3 and data.received_at == datetime(2026, 2, 12, 10, 30)
    assert data.appointment() == datetime(2026, 3, 2, 8, 0) and data.provisional is True
    assert data.components == [ReceiptComponent("Giấy báo tử", "certified_copy", 1)]


def test_render_refuses_what_would_print_a_wrong_receipt() -> None:
    with pytest.raises(ReceiptError, match="unknown copy kind 'scan'"):
        render_receipt(sample(components=[ReceiptComponent("Giấy", "scan", 1)]), io.BytesIO())
    with pytest.raises(ReceiptError, match="before the reception"):
        render_receipt(sample(appointment_at=datetime(2026, 2, 1, 8, 0)), io.BytesIO())

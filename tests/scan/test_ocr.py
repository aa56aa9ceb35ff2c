"""OCR: the Vietnamese text layer goes into a two-layer PDF/A; absence of Tesseract is reported."""

from __future__ import annotations

import os

import pytest

from kiosk.scan.digitise import digitise
from kiosk.scan.errors import OcrUnavailableError
from kiosk.scan.ocr import extract_text, ocr_pages, ocr_status
from kiosk.scan.page import Page
from kiosk.scan.pdfa import PdfMetadata, build_pdfa, check_legal
from kiosk.scan.samples import a4_page

META = PdfMetadata("HS-OCR", "Tờ khai", 1)


def test_vietnamese_words_found_in_invisible_layer() -> None:
    lines = (
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "Kính gửi: Ủy ban nhân dân phường Hoàn Kiếm",
        "Quê quán: xã Đông Anh, thành phố Hà Nội",
    )
    page = Page(a4_page(200, lines=lines)[:700], 200)  # the top strip only: OCR is slow
    assert ocr_status().available
    layers = ocr_pages([page])
    pdf = build_pdfa([page], META, text_layers=layers)
    text = extract_text(pdf)
    for word in ("KHAI SINH", "Ủy ban nhân dân", "Hoàn Kiếm", "Đông Anh", "Hà Nội"):
        assert word in text, (word, text)
    report = check_legal(pdf)
    assert report.ok and report.text_layer and report.fonts_embedded
    # The image layer is unchanged: still one 200 dpi colour JPEG.
    assert report.colour and report.min_dpi == 200


def test_missing_tesseract_is_reported_and_pdf_still_made(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on this PATH
    status = ocr_status()
    assert not status.available
    assert status.reason == "Tesseract is not installed, so PDFs get no text layer; install tesseract-ocr."
    with pytest.raises(OcrUnavailableError):
        ocr_pages([Page(a4_page(200)[:100], 200)])
    result = digitise([Page(a4_page(200), 200)], META, cleanup=None, ocr=True)
    assert result.report.ok and not result.report.text_layer
    assert result.ocr.reason == status.reason


def test_missing_language_model_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    status = ocr_status("xyz")
    assert not status.available and "install tesseract-ocr-xyz" in status.reason
    assert os.environ.get("PATH")

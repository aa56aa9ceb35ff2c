"""PDF/A-2b assembly: structure checks with pikepdf plus qpdf --check and pdfinfo as external tools."""

from __future__ import annotations

import io
import subprocess
import zlib
from datetime import UTC, datetime

import numpy as np
import pikepdf
import pytest
from PIL import Image

from kiosk.scan.capture.importer import jpeg_stream_bytes
from kiosk.scan.errors import PdfAssemblyError
from kiosk.scan.page import Page
from kiosk.scan.pdfa import PdfMetadata, build_pdfa, check_legal, encode_page, pdf_filename
from kiosk.scan.samples import a4_page

META = PdfMetadata(
    dossier_code="000.00.21.H26-260515-0001",
    component="Tờ khai đăng ký khai sinh",
    item_number=3,
    operator="canbo.hk",
    agency="UBND phường Hoàn Kiếm",
    created=datetime(2026, 5, 15, 8, 30, tzinfo=UTC),
)


@pytest.fixture(scope="module")
def page200() -> Page:
    return Page(a4_page(200), 200)


@pytest.fixture(scope="module")
def pdf_bytes(page200: Page) -> bytes:
    return build_pdfa([page200, page200], META)


def test_pdfa_identification_and_metadata(pdf_bytes: bytes) -> None:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "000.00.21.H26-260515-0001 - 03 - Tờ khai đăng ký khai sinh"
        assert meta["dc:identifier"] == "000.00.21.H26-260515-0001_03"
        assert "operator=canbo.hk" in meta["pdf:Keywords"]
        assert meta["xmp:CreateDate"].startswith("2026-05-15T08:30:00")
        # Document info agrees with XMP (PDF/A requires it).
        assert str(pdf.docinfo["/Title"]) == meta["dc:title"]
        assert str(pdf.docinfo["/Author"]) == "canbo.hk"
        # The XMP stream must not be compressed.
        assert pdf.Root.Metadata.get("/Filter") is None
        assert pdf.pdf_version >= "1.7"
        assert not pdf.is_encrypted
        assert pdf.trailer.get("/ID") is not None


def test_output_intent_is_srgb(pdf_bytes: bytes) -> None:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        (intent,) = list(pdf.Root.OutputIntents)
        assert intent.S == pikepdf.Name.GTS_PDFA1
        icc = intent.DestOutputProfile
        assert int(icc.N) == 3
        data = icc.read_bytes()
        assert data[36:40] == b"acsp" and data[16:20] == b"RGB "


def test_pages_at_full_scale_and_24_bit_colour(pdf_bytes: bytes) -> None:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            box = [float(v) for v in page.mediabox]
            assert abs(box[2] - 595.3) < 0.6 and abs(box[3] - 841.9) < 0.6  # A4 in points
            (img,) = page.get_images().values()
            assert img.ColorSpace == pikepdf.Name.DeviceRGB and int(img.BitsPerComponent) == 8
            assert list(img.Filter) == [pikepdf.Name.FlateDecode, pikepdf.Name.DCTDecode]


def test_legal_check_and_external_checkers(pdf_bytes: bytes, tmp_path) -> None:
    report = check_legal(pdf_bytes)
    assert report.ok, report.problems
    assert report.pages == 2 and report.pdfa == "2B" and report.colour and report.min_dpi == 200
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf_bytes)
    qpdf = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)
    assert qpdf.returncode == 0, qpdf.stdout + qpdf.stderr
    assert "No syntax or stream encoding errors found" in qpdf.stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Page size:       595.44 x 842.04 pts (A4)" in info or "(A4)" in info
    assert "Encrypted:       no" in info
    # Ghostscript must interpret every page without complaint (a third, independent parser).
    gs = subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert gs.returncode == 0 and "Error" not in gs.stdout + gs.stderr, gs.stdout + gs.stderr


def test_jpeg_passthrough_keeps_original_bytes() -> None:
    buf = io.BytesIO()
    Image.fromarray(a4_page(200)).save(buf, format="JPEG", quality=80)
    original = buf.getvalue()
    with Image.open(io.BytesIO(original)) as img:
        page = Page.from_pil(img, 200, jpeg=original)
    enc = encode_page(page)
    assert enc.passthrough
    assert (zlib.decompress(enc.data) if enc.filters[0] == "/FlateDecode" else enc.data) == original
    pdf = build_pdfa([page], META)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        (img,) = doc.pages[0].get_images().values()
        assert jpeg_stream_bytes(img) == original
    # Once the pixels change, the old JPEG is dropped and encoded once from the pixels.
    edited = page.with_pixels(page.pixels[::-1])
    assert edited.jpeg is None and not encode_page(edited).passthrough


def test_300_dpi_option_and_bilevel() -> None:
    page300 = Page(a4_page(300), 300)
    report = check_legal(build_pdfa([page300], META))
    assert report.ok and report.min_dpi == 300
    bw = Page((a4_page(200)[..., 0] > 128).astype(np.uint8) * 255, 200)
    enc = encode_page(bw)
    assert enc.bits == 1 and enc.colour_space == "/DeviceGray"
    assert check_legal(build_pdfa([bw], META)).ok


def test_low_resolution_is_flagged() -> None:
    low = Page(a4_page(100), 100)
    report = check_legal(build_pdfa([low], META))
    assert not report.ok
    assert report.problems == ["A page is scanned at 100 dpi; at least 200 dpi is required."]


def test_size_aware_encoding_steps_quality_down(page200: Page) -> None:
    full = encode_page(page200, quality=90)
    capped = encode_page(page200, quality=90, max_bytes=len(full.data) // 2)
    assert len(capped.data) < len(full.data)


def test_file_name_and_errors() -> None:
    assert pdf_filename("000.00.21.H26-260515-0001", 3) == "000.00.21.H26-260515-0001_03.pdf"
    assert pdf_filename("Hồ sơ/01", 12) == "Ho-so-01_12.pdf"
    assert pdf_filename("Đăng ký đất đai", 1) == "Dang-ky-dat-dai_01.pdf"  # Đ is not D plus a mark
    assert pdf_filename("ĐỒNG", 2) == "DONG_02.pdf"
    with pytest.raises(PdfAssemblyError, match="no pages"):
        build_pdfa([], META)
    assert check_legal(b"not a pdf").problems == ["The file is not a readable PDF."]


def test_info_xmp_disagreement_is_flagged(pdf_bytes: bytes) -> None:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        pdf.docinfo["/Title"] = "something else"
        out = io.BytesIO()
        pdf.save(out)
    assert "The document information and the XMP metadata disagree; PDF/A needs them equal." in (
        check_legal(out.getvalue()).problems
    )

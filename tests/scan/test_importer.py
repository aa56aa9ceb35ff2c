"""Image and PDF import: EXIF orientation, passthrough, rendering, hostile input."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kiosk.scan.capture.importer import import_files, import_image_bytes
from kiosk.scan.errors import ImportFormatError
from kiosk.scan.page import Page
from kiosk.scan.pdfa import PdfMetadata, build_pdfa

META = PdfMetadata("HS-1", "Giấy tờ", 1)


def _photo(orientation: int) -> bytes:
    img = Image.new("RGB", (400, 300), "white")
    img.paste((200, 20, 20), (0, 0, 100, 50))  # red mark in the top-left of the sensor image
    exif = Image.Exif()
    exif[0x0112] = orientation
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif.tobytes(), quality=90)
    return buf.getvalue()


def test_exif_orientation_applied(tmp_path: Path) -> None:
    path = tmp_path / "phone.jpg"
    path.write_bytes(_photo(6))  # camera held upright: rotate 90 clockwise to view
    (page,) = import_files([path])
    assert (page.width, page.height) == (300, 400)
    assert page.jpeg is None  # rotated pixels cannot reuse the sensor JPEG
    # The red mark moved to the top-right corner.
    assert page.pixels[10, 290, 0] > 150 and page.pixels[10, 290, 1] < 80


def test_upright_jpeg_is_passed_through(tmp_path: Path) -> None:
    data = _photo(1)
    (page,) = import_image_bytes(data)
    assert page.jpeg == data


def test_png_with_alpha_is_flattened_on_white() -> None:
    img = Image.new("RGBA", (50, 40), (0, 0, 0, 0))
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(300, 300))
    (page,) = import_image_bytes(buf.getvalue())
    assert page.pixels.shape == (40, 50, 3) and int(page.pixels.min()) == 255
    assert page.dpi == 300


def test_scanned_pdf_jpeg_comes_back_unchanged(tmp_path: Path) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (1654, 2339), (240, 240, 230)).save(buf, format="JPEG", quality=70)
    with Image.open(io.BytesIO(buf.getvalue())) as img:
        src = Page.from_pil(img, 200, jpeg=buf.getvalue())
    pdf_path = tmp_path / "scan.pdf"
    pdf_path.write_bytes(build_pdfa([src], META))
    (page,) = import_files([pdf_path])
    assert page.jpeg == buf.getvalue() and page.dpi == 200


def test_vector_pdf_is_rendered(tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawString(100, 700, "Form")
    c.showPage()
    c.drawString(100, 700, "Page 2")
    c.save()
    pages = import_files([path], dpi=200)
    assert len(pages) == 2
    assert abs(pages[0].width - 1654) <= 2 and pages[0].dpi == 200


def test_missing_and_garbage_files(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="does not exist"):
        import_files([tmp_path / "nope.jpg"])
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(ImportFormatError, match="damaged"):
        import_files([bad])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_fuzz_image_bytes_only_raise_import_errors(data: bytes) -> None:
    try:
        pages = import_image_bytes(data)
    except ImportFormatError:
        return
    assert all(p.pixels.size > 0 for p in pages)


@settings(max_examples=40, deadline=None)
@given(st.binary(min_size=1, max_size=200), st.integers(min_value=20, max_value=400))
def test_fuzz_corrupted_png(noise: bytes, cut: int) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (30, 20), "white").save(buf, format="PNG")
    data = bytearray(buf.getvalue())
    data[cut % len(data) : cut % len(data) + len(noise)] = noise
    with contextlib.suppress(ImportFormatError):
        import_image_bytes(bytes(data))


def test_phone_photo_gets_flattened_with_honest_dpi() -> None:
    import numpy as np

    from kiosk.scan.cleanup import CleanupOptions, clean_page
    from kiosk.scan.samples import a4_page, photograph

    sheet = a4_page(150)
    corners = np.array([[300, 200], [1500, 260], [1560, 1900], [240, 1840]], np.float32)
    photo = photograph(sheet, corners, (1800, 2100))
    sideways = Image.fromarray(np.ascontiguousarray(np.rot90(photo, 1)))  # sensor image, camera turned
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    sideways.save(buf, format="JPEG", quality=88, exif=exif.tobytes())  # Pillow writes a 72 dpi JFIF
    (page,) = import_image_bytes(buf.getvalue())
    assert page.pixels.shape[:2] == (2100, 1800) and "dpi-guessed" in page.notes
    result = clean_page(page, CleanupOptions(use_osd=False))
    assert result.cropped
    out = result.page
    # The sheet spans ~1660 px over 11.69 in: ~142 dpi, reported as such (not the JFIF's 72).
    assert 135 <= out.dpi <= 150
    assert abs(out.width / out.height - 210 / 297) < 0.01

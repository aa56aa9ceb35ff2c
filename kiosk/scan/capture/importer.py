"""Import images (phone photos with EXIF orientation) and PDFs as pages, in memory only.

A JPEG whose EXIF orientation is already upright keeps its original bytes for passthrough
into the PDF (no second lossy encoding). PDF pages that are exactly one embedded JPEG are
taken over as they are; other PDF pages are rendered with ``pdftoppm`` to a pipe.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pikepdf
from PIL import Image, ImageOps, UnidentifiedImageError

from kiosk.scan.errors import ImportFormatError
from kiosk.scan.page import Page

DEFAULT_DPI = 200
MIN_DPI_GUESS = 72
PLACEHOLDER_DPI = 96
DPI_GUESSED = "dpi-guessed"  # Page note: clean-up measures the real dpi from the sheet's edges
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp", ".heic"}
PDF_MAGIC = b"%PDF-"
# Phone photos carry no meaningful DPI; assume the paper was A4 across its long side.
A4_LONG_IN = 297 / 25.4

# A hostile image must not exhaust memory: 200 MP is far above any A3 scan at 600 dpi.
Image.MAX_IMAGE_PIXELS = 200_000_000


def _guess_dpi(img: Image.Image) -> tuple[int, bool]:
    """(dpi, guessed). 72 and 96 dpi are placeholders written by cameras and screens, not scans."""
    info = img.info.get("dpi")
    if info:
        try:
            dpi = round(float(info[0]))
        except (TypeError, ValueError, IndexError):
            dpi = 0
        if dpi > PLACEHOLDER_DPI:
            return dpi, False
    return max(MIN_DPI_GUESS, round(max(img.size) / A4_LONG_IN)), True


def import_image_bytes(data: bytes) -> list[Page]:
    """Pages from one image file's bytes (multi-frame TIFF gives several pages)."""
    try:
        img = Image.open(io.BytesIO(data))
        img.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImportFormatError(
            "The file is not a readable image or PDF; export it again as JPEG, PNG or PDF."
        ) from exc
    except Image.DecompressionBombError as exc:
        raise ImportFormatError("The image is too large to be a document page; scan it again.") from exc
    pages: list[Page] = []
    frames = getattr(img, "n_frames", 1)
    for i in range(frames):
        img.seek(i)
        frame = img.copy()
        orientation = frame.getexif().get(0x0112, 1)
        upright = ImageOps.exif_transpose(frame)
        dpi, guessed = _guess_dpi(frame)
        passthrough = None
        if img.format == "JPEG" and frames == 1 and orientation in (1, None) and frame.mode in ("RGB", "L"):
            passthrough = data
        if upright.mode not in ("RGB", "L"):
            # Flatten transparency on white: PDF/A-2b pages must not need a soft mask.
            if upright.mode in ("RGBA", "LA", "P"):
                rgba = upright.convert("RGBA")
                bg = Image.new("RGB", rgba.size, "white")
                bg.paste(rgba, mask=rgba.getchannel("A"))
                upright = bg
            else:
                upright = upright.convert("RGB")
        page = Page.from_pil(upright, dpi, source="import", jpeg=passthrough)
        pages.append(replace(page, notes=(DPI_GUESSED,)) if guessed else page)
    return pages


def _single_jpeg(page: pikepdf.Page) -> tuple[bytes, int, int, int] | None:
    """(jpeg, width, height, dpi) when the page is one full-page DCT image (a scanned PDF)."""
    images = list(page.get_images(recursive=False).values())
    if len(images) != 1:
        return None
    img = images[0]
    filters = img.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)]
    if names not in (["/DCTDecode"], ["/FlateDecode", "/DCTDecode"]) or img.get("/ColorSpace") not in (
        pikepdf.Name.DeviceRGB,
        pikepdf.Name.DeviceGray,
    ):
        return None
    if img.get("/SMask") is not None or img.get("/Decode") is not None:
        return None
    width, height = int(img.Width), int(img.Height)
    box = page.mediabox
    page_w_in = float(box[2] - box[0]) / 72
    if page_w_in <= 0 or int(page.obj.get("/Rotate", 0)) % 360:
        return None
    dpi = round(width / page_w_in)
    page_h_in = float(box[3] - box[1]) / 72
    if abs(height / dpi - page_h_in) > 0.05 * page_h_in:
        return None
    return jpeg_stream_bytes(img), width, height, dpi


def jpeg_stream_bytes(img: pikepdf.Object) -> bytes:
    """The JPEG inside an image stream, undoing a Flate layer over it (the original bytes)."""
    raw = bytes(img.read_raw_bytes())
    filters = img.get("/Filter")
    if isinstance(filters, pikepdf.Array) and len(filters) == 2 and filters[0] == pikepdf.Name.FlateDecode:
        try:
            return zlib.decompress(raw)
        except zlib.error as exc:
            raise ImportFormatError("A page image in the PDF is damaged; export the PDF again.") from exc
    return raw


def _render_page(path: Path, number: int, dpi: int) -> Page:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ImportFormatError(
            "This PDF needs pdftoppm (poppler-utils) to be imported; install it or scan the papers."
        )
    proc = subprocess.run(
        [exe, "-r", str(dpi), "-f", str(number), "-l", str(number), "-singlefile", "-png", str(path)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    if proc.returncode != 0 or not proc.stdout:
        raise ImportFormatError(f"Page {number} of the PDF could not be rendered; export the PDF again.")
    with Image.open(io.BytesIO(proc.stdout)) as img:
        return Page.from_pil(img.convert("RGB"), dpi, source="import")


def import_pdf(path: Path, *, dpi: int = DEFAULT_DPI) -> list[Page]:
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError as exc:
        raise ImportFormatError(
            "The PDF is password-protected; remove the password and import it again."
        ) from exc
    except pikepdf.PdfError as exc:
        raise ImportFormatError("The PDF is damaged; export it again from its source.") from exc
    pages: list[Page] = []
    with pdf:
        for number, pdf_page in enumerate(pdf.pages, start=1):
            single = _single_jpeg(pdf_page)
            if single is not None:
                data, _w, _h, page_dpi = single
                with Image.open(io.BytesIO(data)) as img:
                    img.load()
                    pages.append(Page.from_pil(img, page_dpi, source="import", jpeg=data))
            else:
                pages.append(_render_page(path, number, dpi))
    if not pages:
        raise ImportFormatError("The PDF has no pages.")
    return pages


def import_files(paths: Iterable[str | Path], *, dpi: int = DEFAULT_DPI) -> list[Page]:
    """Pages from image and PDF files, in the order given."""
    pages: list[Page] = []
    for raw in paths:
        path = Path(raw)
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise ImportFormatError(f"The file {path.name} does not exist; check the name.") from exc
        except OSError as exc:
            raise ImportFormatError(f"The file {path.name} cannot be read; check its permissions.") from exc
        if data.startswith(PDF_MAGIC):
            pages.extend(import_pdf(path, dpi=dpi))
        else:
            pages.extend(import_image_bytes(data))
    return pages

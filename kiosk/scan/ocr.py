"""OCR: Tesseract ``vie`` text-only PDFs, laid over the page images as an invisible layer.

One Tesseract process per core with ``OMP_THREAD_LIMIT=1`` (Tesseract's own threading is
several times slower on small machines). Images go through pipes, never temp files. OCR is
optional: :func:`ocr_status` says clearly when Tesseract or the Vietnamese model is missing,
and the rest of digitisation works without it.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import cv2
from PIL import Image

from kiosk.scan.errors import OcrUnavailableError, ScanError
from kiosk.scan.page import Page

DEFAULT_LANG = "vie"
PAGE_TIMEOUT_S = 180


@dataclass(frozen=True)
class OcrStatus:
    available: bool
    reason: str  # empty when available; else one actionable sentence
    version: str = ""


def _tesseract() -> str | None:
    return shutil.which("tesseract")


def ocr_status(lang: str = DEFAULT_LANG) -> OcrStatus:
    exe = _tesseract()
    if exe is None:
        return OcrStatus(
            False, "Tesseract is not installed, so PDFs get no text layer; install tesseract-ocr."
        )
    try:
        ver = subprocess.run([exe, "--version"], capture_output=True, timeout=20, check=False)
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return OcrStatus(
            False, "Tesseract does not start, so PDFs get no text layer; reinstall tesseract-ocr."
        )
    names = {line.strip() for line in langs.stdout.decode("utf-8", "replace").splitlines()[1:]}
    version = (ver.stdout or ver.stderr).decode("utf-8", "replace").splitlines()[0:1]
    if lang not in names:
        return OcrStatus(
            False,
            f"The Tesseract '{lang}' language model is missing, so PDFs get no text layer; "
            f"install tesseract-ocr-{lang}.",
            version[0] if version else "",
        )
    return OcrStatus(True, "", version[0] if version else "")


def _image_bytes(page: Page) -> bytes:
    # Tesseract binarises internally; grey PNG is smaller to pipe and encodes fast.
    gray = page.pixels if page.pixels.ndim == 2 else cv2.cvtColor(page.pixels, cv2.COLOR_RGB2GRAY)
    buf = io.BytesIO()
    Image.fromarray(gray).save(buf, format="PNG", compress_level=1, dpi=(page.dpi, page.dpi))
    return buf.getvalue()


def _run(exe: str, args: list[str], data: bytes) -> bytes:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.run(
            [exe, "stdin", "stdout", *args],
            input=data,
            capture_output=True,
            timeout=PAGE_TIMEOUT_S,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ScanError(
            f"OCR took longer than {PAGE_TIMEOUT_S} seconds on a page; try a lower resolution."
        ) from exc
    if proc.returncode != 0 or not proc.stdout:
        raise ScanError("Tesseract failed on a page; check the tesseract-ocr installation.")
    return proc.stdout


def ocr_page_pdf(page: Page, lang: str = DEFAULT_LANG) -> bytes:
    """A one-page text-only PDF (invisible text, embedded GlyphLessFont) matching the page."""
    exe = _tesseract()
    if exe is None:
        raise OcrUnavailableError(ocr_status(lang).reason)
    return _run(exe, ["-l", lang, "--dpi", str(page.dpi), "-c", "textonly_pdf=1", "pdf"], _image_bytes(page))


def ocr_page_text(page: Page, lang: str = DEFAULT_LANG) -> str:
    exe = _tesseract()
    if exe is None:
        raise OcrUnavailableError(ocr_status(lang).reason)
    return _run(exe, ["-l", lang, "--dpi", str(page.dpi)], _image_bytes(page)).decode("utf-8", "replace")


def ocr_pages(
    pages: Sequence[Page],
    lang: str = DEFAULT_LANG,
    *,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[bytes]:
    """Text layers for ``pages`` (same order), one Tesseract process per core."""
    status = ocr_status(lang)
    if not status.available:
        raise OcrUnavailableError(status.reason)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(pages)))
    done = 0
    results: list[bytes] = []
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
        futures = [pool.submit(ocr_page_pdf, p, lang) for p in pages]
        for fut in futures:
            results.append(fut.result())
            done += 1
            if progress is not None:
                progress(done, len(pages))
    return results


def extract_text(pdf_bytes: bytes) -> str:
    """The text layer of a PDF (pdftotext), to check that OCR went in."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise ScanError("pdftotext (poppler-utils) is needed to read the text layer; install it.")
    proc = subprocess.run(
        [exe, "-enc", "UTF-8", "-", "-"], input=pdf_bytes, capture_output=True, timeout=60, check=False
    )
    return proc.stdout.decode("utf-8", "replace")

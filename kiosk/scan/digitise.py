"""Capture -> clean up -> OCR -> encode -> assemble PDF/A (signing, when wanted, comes after this).

Each page goes through clean-up, OCR and JPEG encoding in one worker (one page per core:
OpenCV releases the GIL, OSD and OCR run in Tesseract processes), and its pixels are dropped
as soon as it is encoded, so memory holds a few pages in flight plus the compressed result
even for a long feeder batch. ``pages`` may be a lazy sequence (e.g. a :class:`PageSpool`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from kiosk.scan.cleanup import CleanupOptions, CleanupResult, clean_page
from kiosk.scan.cleanup.blank import BlankReport
from kiosk.scan.ocr import OcrStatus, ocr_page_pdf, ocr_status
from kiosk.scan.page import Page
from kiosk.scan.pdfa import EncodedPage, LegalReport, PdfMetadata, assemble_pdfa, check_legal, encode_page

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageOutcome:
    """What happened to one page (no pixels: they are gone once encoded)."""

    number: int  # 1-based, in capture order
    skew_deg: float
    rotated_cw: int
    cropped: bool
    blank: BlankReport | None
    dropped: bool
    encoded_bytes: int


@dataclass
class Digitised:
    pdf: bytes
    page_count: int
    blank_pages: list[int]  # 1-based numbers of pages that look blank (kept unless dropped)
    dropped_pages: list[int]
    ocr: OcrStatus
    report: LegalReport
    outcomes: list[PageOutcome] = field(default_factory=list)


def clean_pages(pages: Sequence[Page], options: CleanupOptions | None) -> list[CleanupResult]:
    if options is None:
        return [
            CleanupResult(page=p, skew_deg=0.0, rotated_cw=0, cropped=False, blank=None, orientation=None)
            for p in pages
        ]
    return [clean_page(p, options) for p in pages]


def digitise(
    pages: Sequence[Page],
    meta: PdfMetadata,
    *,
    cleanup: CleanupOptions | None = CleanupOptions(),  # noqa: B008 - frozen dataclass, safe default
    ocr: bool = True,
    drop_blank: bool = False,
    max_page_bytes: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Digitised:
    """Turn captured pages into the legal PDF/A for one dossier component (in memory).

    Blank pages are only removed with ``drop_blank`` (the officer's agreement); otherwise they
    are reported and kept. OCR is skipped with a clear status when Tesseract is absent.
    ``max_page_bytes`` lowers the JPEG quality (not below 40) for pages that would be larger,
    e.g. to fit a portal's upload limit.
    """
    status = ocr_status() if ocr else OcrStatus(False, "OCR was not requested.")
    use_ocr = ocr and status.available
    total = len(pages)

    def work(index: int) -> tuple[PageOutcome, EncodedPage | None]:
        res = clean_pages([pages[index]], cleanup)[0]
        is_blank = res.blank is not None and res.blank.blank
        if drop_blank and is_blank:
            outcome = PageOutcome(index + 1, res.skew_deg, res.rotated_cw, res.cropped, res.blank, True, 0)
            return outcome, None
        layer = ocr_page_pdf(res.page) if use_ocr else None
        enc = encode_page(res.page, max_bytes=max_page_bytes)
        outcome = PageOutcome(
            index + 1, res.skew_deg, res.rotated_cw, res.cropped, res.blank, False, len(enc.data)
        )
        return outcome, EncodedPage(enc, res.page.dpi, layer)

    outcomes: list[PageOutcome] = []
    encoded: list[EncodedPage] = []
    workers = max(1, min(os.cpu_count() or 1, total))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="digitise") as pool:
        for done, (outcome, enc) in enumerate(pool.map(work, range(total)), start=1):
            outcomes.append(outcome)
            if enc is not None:
                encoded.append(enc)
            if progress is not None:
                progress("page", done, total)
    pdf = assemble_pdfa(encoded, meta)
    blank = [o.number for o in outcomes if o.blank is not None and o.blank.blank]
    return Digitised(
        pdf=pdf,
        page_count=len(encoded),
        blank_pages=blank,
        dropped_pages=[o.number for o in outcomes if o.dropped],
        ocr=status,
        report=check_legal(pdf),
        outcomes=outcomes,
    )

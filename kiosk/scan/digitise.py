"""Capture -> clean up -> assemble -> OCR + PDF/A (signing, when wanted, comes after this)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from kiosk.scan.cleanup import CleanupOptions, CleanupResult, clean_page
from kiosk.scan.ocr import OcrStatus, ocr_pages, ocr_status
from kiosk.scan.page import Page
from kiosk.scan.pdfa import LegalReport, PdfMetadata, build_pdfa, check_legal

log = logging.getLogger(__name__)


@dataclass
class Digitised:
    pdf: bytes
    pages: list[Page]
    blank_pages: list[int]  # 1-based numbers of pages that look blank (kept unless dropped)
    dropped_pages: list[int]
    ocr: OcrStatus
    report: LegalReport
    cleanups: list[CleanupResult] = field(default_factory=list)


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
    progress: Callable[[str, int, int], None] | None = None,
) -> Digitised:
    """Turn captured pages into the legal PDF/A for one dossier component (in memory).

    Blank pages are only removed with ``drop_blank`` (the officer's agreement); otherwise they
    are reported and kept. OCR is skipped with a clear status when Tesseract is absent.
    """
    # OpenCV releases the GIL and OSD runs in a Tesseract process: one page per core.
    results: list[CleanupResult] = []
    with ThreadPoolExecutor(
        max_workers=max(1, min(os.cpu_count() or 1, len(pages))), thread_name_prefix="cleanup"
    ) as pool:
        for i, res in enumerate(pool.map(lambda p: clean_pages([p], cleanup)[0], pages), start=1):
            results.append(res)
            if progress is not None:
                progress("cleanup", i, len(pages))
    blank = [i for i, r in enumerate(results, start=1) if r.blank is not None and r.blank.blank]
    kept = [r.page for i, r in enumerate(results, start=1) if not (drop_blank and i in blank)]
    dropped = blank if drop_blank else []
    status = ocr_status() if ocr else OcrStatus(False, "OCR was not requested.")
    layers = None
    if ocr and status.available and kept:
        layers = list(ocr_pages(kept, progress=(lambda d, t: progress("ocr", d, t)) if progress else None))
    pdf = build_pdfa(kept, meta, text_layers=layers)
    return Digitised(
        pdf=pdf,
        pages=kept,
        blank_pages=blank,
        dropped_pages=dropped,
        ocr=status,
        report=check_legal(pdf),
        cleanups=results,
    )

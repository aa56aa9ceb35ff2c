"""The clean-up pipeline for one page, in the order that keeps each step's input clean."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import cv2
import numpy as np

from kiosk.scan.cleanup.blank import BlankReport, detect_blank
from kiosk.scan.cleanup.deskew import deskew
from kiosk.scan.cleanup.geometry import find_page_quad, quad_size, sheet_output_size, warp_quad
from kiosk.scan.cleanup.orientation import Orientation, detect_orientation
from kiosk.scan.cleanup.whiten import whiten_background
from kiosk.scan.page import Page

DPI_GUESSED = "dpi-guessed"  # set by the importer on photos without a meaningful dpi
A4_LONG_IN = 297 / 25.4
PHOTO_A4_TOLERANCE = 0.15

ColourMode = Literal["colour", "grey", "bilevel"]


@dataclass(frozen=True)
class CleanupOptions:
    crop: bool = True  # find the sheet on a darker background and flatten it
    deskew: bool = True
    orientation: bool = True
    use_osd: bool = True  # Tesseract OSD for orientation when installed
    whiten: bool = True
    detect_blank: bool = True
    colour: ColourMode = "colour"


@dataclass(frozen=True)
class CleanupResult:
    page: Page
    skew_deg: float
    rotated_cw: int
    cropped: bool
    blank: BlankReport | None
    orientation: Orientation | None


NONE = CleanupOptions(
    crop=False, deskew=False, orientation=False, whiten=False, detect_blank=False, colour="colour"
)


def clean_page(page: Page, options: CleanupOptions | None = None) -> CleanupResult:
    opts = options or CleanupOptions()
    img = page.pixels
    changed = False
    cropped = False
    if opts.crop:
        quad = find_page_quad(img)
        if quad is not None:
            photo = page.source == "camera" or DPI_GUESSED in page.notes
            if photo:
                # A photo's dpi is what the camera resolved across the sheet, not a declared value.
                page = replace(page, dpi=max(1, round(max(quad_size(quad)) / A4_LONG_IN)))
            img = warp_quad(
                img, quad, sheet_output_size(quad, page.dpi, tolerance=PHOTO_A4_TOLERANCE if photo else 0.1)
            )
            changed = cropped = True
    skew = 0.0
    if opts.deskew:
        img2, skew = deskew(img)
        changed = changed or img2 is not img
        img = img2
    orient: Orientation | None = None
    turns = 0
    if opts.orientation:
        orient = detect_orientation(img, page.dpi, use_osd=opts.use_osd)
        turns = orient.rotate_cw // 90
        if turns:
            img = np.ascontiguousarray(np.rot90(img, k=-turns))
            changed = True
    if opts.whiten:
        img = whiten_background(img)
        changed = True
    blank = detect_blank(img, page.dpi) if opts.detect_blank else None
    if opts.colour != "colour" and img.ndim == 3:
        img = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
        changed = True
    if opts.colour == "bilevel":
        _t, img = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        changed = True
    out = page.with_pixels(img, note="cleaned") if changed else page
    return CleanupResult(
        page=out, skew_deg=skew, rotated_cw=turns * 90, cropped=cropped, blank=blank, orientation=orient
    )

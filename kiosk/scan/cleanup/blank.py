"""Blank-page detection: a page is blank when no mark the size of a character survives.

The decision is only a suggestion: removing a page needs the officer's agreement (the UI
asks), because a nearly empty back side may still carry a signature or a stamp.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

WORK_DPI = 75
MARGIN = 0.04  # hole punches and scanner edges live here
INK_LEVEL = 170
MIN_MARK_MM = 1.2  # smaller than a 7 pt letter: dust
MIN_MARKS = 3
# A page this dark is a photo, a dark sheet or a filled area, not a blank side: one large dark
# region counts as a single "mark", so the mark count alone would call it blank.
MAX_BLANK_INK = 0.05


@dataclass(frozen=True)
class BlankReport:
    blank: bool
    ink_ratio: float  # share of dark pixels inside the margins
    marks: int  # character-sized marks found


def detect_blank(img: np.ndarray, dpi: int) -> BlankReport:
    gray = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    scale = min(1.0, WORK_DPI / max(1, dpi))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    h, w = small.shape
    my, mx = round(h * MARGIN), round(w * MARGIN)
    inner = small[my : h - my, mx : w - mx]
    # Compare against the local paper level so a grey or yellowed sheet is not "ink".
    paper = cv2.medianBlur(cv2.dilate(inner, np.ones((5, 5), np.uint8)), 5)
    dark = ((inner.astype(np.int16) < INK_LEVEL) | (paper.astype(np.int16) - inner > 60)).astype(np.uint8)
    ratio = float(dark.mean()) if dark.size else 0.0
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(dark, connectivity=8)
    px_per_mm = small.shape[1] / max(1e-6, img.shape[1] / dpi * 25.4)
    min_side = MIN_MARK_MM * px_per_mm
    marks = (
        int(
            np.count_nonzero(
                (np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]) >= min_side)
                & (stats[1:, cv2.CC_STAT_AREA] >= max(2.0, min_side))
            )
        )
        if n > 1
        else 0
    )
    return BlankReport(blank=marks < MIN_MARKS and ratio < MAX_BLANK_INK, ink_ratio=ratio, marks=marks)

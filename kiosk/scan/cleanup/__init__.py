"""Page clean-up (OpenCV): perspective, auto-crop, deskew, orientation, whitening, blank pages.

Colour is kept by default (red seals must stay red); grey or bilevel only by explicit choice.
"""

from kiosk.scan.cleanup.blank import BlankReport, detect_blank
from kiosk.scan.cleanup.deskew import deskew, estimate_skew
from kiosk.scan.cleanup.geometry import find_page_quad, warp_quad
from kiosk.scan.cleanup.orientation import detect_orientation
from kiosk.scan.cleanup.pipeline import CleanupOptions, CleanupResult, clean_page
from kiosk.scan.cleanup.whiten import whiten_background

__all__ = [
    "BlankReport",
    "CleanupOptions",
    "CleanupResult",
    "clean_page",
    "deskew",
    "detect_blank",
    "detect_orientation",
    "estimate_skew",
    "find_page_quad",
    "warp_quad",
    "whiten_background",
]

"""Background whitening: divide by an estimate of the paper colour, keeping ink colours.

Dividing each channel by the local paper brightness removes yellowed paper, shadows and
uneven scanner light while a red seal stays red (unlike thresholding, which turns it black).
"""

from __future__ import annotations

import cv2
import numpy as np

SMALL_SIDE = 256
WHITE_POINT = 235  # after division, anything this light is paper


def _lut() -> np.ndarray:
    x = np.arange(256, dtype=np.float32)
    return np.clip(x * 255.0 / WHITE_POINT, 0, 255).astype(np.uint8)


_LUT = _lut()


def paper_estimate(img: np.ndarray) -> np.ndarray:
    """A smooth full-size image of the paper alone (ink removed by a max filter)."""
    h, w = img.shape[:2]
    scale = SMALL_SIDE / max(h, w)
    small = cv2.resize(
        img, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    # Text strokes are thin: a dilation (max filter) replaces them with the paper around them.
    small = cv2.dilate(small, np.ones((7, 7), np.uint8))
    small = cv2.medianBlur(small, 7)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def whiten_background(img: np.ndarray) -> np.ndarray:
    bg = paper_estimate(img)
    flat = cv2.divide(img, np.maximum(bg, 1), scale=255)
    return cv2.LUT(flat, _LUT)

"""Deskew by projection profile: the angle at which text rows give the sharpest row histogram."""

from __future__ import annotations

import cv2
import numpy as np

MAX_ANGLE = 10.0
WORK_WIDTH = 1000
MAX_POINTS = 60_000


def _dark_points(gray: np.ndarray) -> np.ndarray:
    h, w = gray.shape
    scale = min(1.0, WORK_WIDTH / w)
    small = cv2.resize(
        gray, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    thr, _ = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ys, xs = np.nonzero(small < min(thr, 180))
    pts = np.column_stack([xs, ys]).astype(np.float32)
    if len(pts) > MAX_POINTS:
        rng = np.random.default_rng(0)  # fixed seed: the same page gives the same angle
        pts = pts[rng.choice(len(pts), MAX_POINTS, replace=False)]
    return pts


def _score(pts: np.ndarray, angle_deg: float) -> float:
    a = np.deg2rad(angle_deg)
    # Row coordinate after rotating the points by -angle.
    y = pts[:, 1] * np.cos(a) - pts[:, 0] * np.sin(a)
    hist = np.bincount((y - y.min()).astype(np.int64))
    return float(np.dot(hist, hist))


def estimate_skew(img: np.ndarray) -> float:
    """Skew of the text in degrees (counter-clockwise positive, as ``cv2.getRotationMatrix2D``).

    0.0 for a page with too little ink to tell.
    """
    gray = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    pts = _dark_points(gray)
    if len(pts) < 200:
        return 0.0
    pts -= pts.mean(axis=0)
    coarse = np.arange(-MAX_ANGLE, MAX_ANGLE + 0.01, 0.5)
    best = max(coarse, key=lambda a: _score(pts, float(a)))
    fine = np.arange(best - 0.5, best + 0.51, 0.05)
    best = max(fine, key=lambda a: _score(pts, float(a)))
    # The image y axis points down, so a row tilted by +a (counter-clockwise on screen) has
    # y' = y cos a - x sin a flat at angle -a; report the on-screen angle.
    return -float(round(best, 2))


def rotate_image(img: np.ndarray, angle_deg: float) -> np.ndarray:
    """Rotate counter-clockwise by ``angle_deg`` about the centre, keeping the size, white fill."""
    h, w = img.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle_deg, 1.0)
    border = (255, 255, 255) if img.ndim == 3 else 255
    return cv2.warpAffine(img, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)


def deskew(img: np.ndarray, *, min_angle: float = 0.1) -> tuple[np.ndarray, float]:
    """(straightened image, detected skew); untouched when the skew is below ``min_angle``."""
    angle = estimate_skew(img)
    if abs(angle) < min_angle:
        return img, angle
    return rotate_image(img, -angle), angle

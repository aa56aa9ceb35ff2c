"""Page orientation (0/90/180/270): Tesseract OSD when present, else a line-direction heuristic.

The heuristic only tells text running across from text running down the page (a portrait
page scanned sideways); telling upright from upside-down needs OSD, so without Tesseract a
180-degree page is left as it is (and reported with zero confidence).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

OSD_DPI = 150
MIN_OSD_CONFIDENCE = 1.0


@dataclass(frozen=True)
class Orientation:
    rotate_cw: int  # quarter turns of 90 degrees, clockwise, that make the page upright: 0..270
    confidence: float
    method: str  # "osd", "heuristic" or "none"


def _osd(gray: np.ndarray, dpi: int) -> Orientation | None:
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    scale = min(1.0, OSD_DPI / max(1, dpi))
    if scale < 1.0:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    buf = io.BytesIO()
    Image.fromarray(gray).save(buf, format="PNG", compress_level=1)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.run(
            [exe, "stdin", "stdout", "--psm", "0", "--dpi", str(round(dpi * scale))],
            input=buf.getvalue(),
            capture_output=True,
            timeout=60,
            env=env,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = proc.stdout.decode("utf-8", "replace")
    rot = re.search(r"Rotate:\s*(\d+)", text)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", text)
    if proc.returncode != 0 or rot is None:
        return None
    return Orientation(int(rot.group(1)) % 360, float(conf.group(1)) if conf else 0.0, "osd")


def _profile_sharpness(binary: np.ndarray, axis: int) -> float:
    prof = binary.sum(axis=axis).astype(np.float64)
    if prof.sum() == 0:
        return 0.0
    prof /= prof.sum()
    return float(np.sum(np.diff(prof) ** 2))


def _heuristic(gray: np.ndarray) -> Orientation:
    h, w = gray.shape
    scale = min(1.0, 800 / max(h, w))
    small = cv2.resize(
        gray, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    _t, binary = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if binary.mean() < 0.002:
        return Orientation(0, 0.0, "none")
    rows = _profile_sharpness(binary, axis=1)  # horizontal text lines -> sharp row profile
    cols = _profile_sharpness(binary, axis=0)
    if cols > 2.0 * rows:
        return Orientation(90, min(10.0, cols / max(rows, 1e-12)), "heuristic")
    return Orientation(0, min(10.0, rows / max(cols, 1e-12)), "heuristic")


def detect_orientation(img: np.ndarray, dpi: int, *, use_osd: bool = True) -> Orientation:
    gray = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    if use_osd:
        found = _osd(gray, dpi)
        if found is not None and found.confidence >= MIN_OSD_CONFIDENCE:
            return found
    return _heuristic(gray)

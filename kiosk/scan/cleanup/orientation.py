"""Page orientation (0/90/180/270): a quick text-line estimate, Tesseract OSD when it is unsure.

The estimate first tells text running across from text running down the page (line profiles),
then upright from upside-down by where the ink sits around each line's x-height band: Latin
script has far more ascenders, capitals and (in Vietnamese) tone and vowel marks above the
band than descenders below it. That takes ~20 ms; a Tesseract OSD run costs ~0.8 s per page
(process start and the page's analysis), so OSD runs only on pages the estimate cannot decide
(few text lines, digits or tables only, pictures). Without Tesseract an undecided page keeps
the estimate (or is left as it is).
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
LINES_DPI = 150  # enough for an x-height of ~10 px in 10 pt text
MIN_LINES = 3
# log(ink above the x-height band / ink below it); generated Vietnamese forms give +0.7..+1.0
# upright and the opposite upside down.
MIN_UPRIGHT_SCORE = 0.35
AXIS_RATIO = 2.0  # one line profile this much sharper than the other decides the text direction


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


def _axis(gray: np.ndarray) -> tuple[int, float] | None:
    """0 when text lines run across the page, 90 when they run down it; None without ink."""
    h, w = gray.shape
    scale = min(1.0, 800 / max(h, w))
    small = cv2.resize(
        gray, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    _t, binary = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if binary.mean() < 0.002:
        return None
    rows = _profile_sharpness(binary, axis=1)  # horizontal text lines -> sharp row profile
    cols = _profile_sharpness(binary, axis=0)
    if cols > AXIS_RATIO * rows:
        return 90, cols / max(rows, 1e-12)
    return 0, rows / max(cols, 1e-12)


def upright_score(gray: np.ndarray, dpi: int) -> tuple[float, int]:
    """(log of ink above / below the lines' x-height bands, number of text lines measured).

    Positive for upright text, negative for upside-down; near zero when the page does not say
    (digits, capitals-only tables, pictures). Ruled lines are removed first, so a form's grid
    does not count as text.
    """
    scale = min(1.0, LINES_DPI / max(1, dpi))
    if scale < 1.0:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _t, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    h, w = ink.shape
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, w // 20), 1))
    down = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(15, h // 30)))
    rules = cv2.bitwise_or(
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, across), cv2.morphologyEx(ink, cv2.MORPH_OPEN, down)
    )
    profile = cv2.subtract(ink, rules).sum(axis=1).astype(np.float64)
    rows = np.flatnonzero(profile > max(2.0, 0.002 * w))
    if rows.size == 0:
        return 0.0, 0
    # Text lines: runs of inked rows; gaps of up to 3 rows are bridged so that a tone mark
    # standing clear of its letter stays with its line.
    breaks = np.flatnonzero(np.diff(rows) > 4)
    starts = np.concatenate(([rows[0]], rows[breaks + 1]))
    ends = np.concatenate((rows[breaks] + 1, [rows[-1] + 1]))
    above = below = 0.0
    lines = 0
    for start, end in zip(starts, ends, strict=True):
        if end - start < 5 or end - start > h // 8:  # specks, rules left over, pictures
            continue
        band = profile[start:end]
        core = np.flatnonzero(band >= 0.4 * band.max())  # the x-height band
        above += float(band[: core[0]].sum())
        below += float(band[core[-1] + 1 :].sum())
        lines += 1
    return float(np.log((above + 1.0) / (below + 1.0))), lines


def _estimate(gray: np.ndarray, dpi: int) -> tuple[Orientation, bool]:
    """The quick estimate and whether it is sure enough to skip OSD."""
    axis = _axis(gray)
    if axis is None:
        return Orientation(0, 0.0, "none"), True  # nothing on the page to turn
    turn, ratio = axis
    across = gray if turn == 0 else np.ascontiguousarray(np.rot90(gray, k=-1))  # lines across
    score, lines = upright_score(across, dpi)
    if score < 0:
        turn = (turn + 180) % 360
    sure = ratio >= AXIS_RATIO and lines >= MIN_LINES and abs(score) >= MIN_UPRIGHT_SCORE
    return Orientation(turn, min(10.0, ratio) if sure else 0.0, "heuristic"), sure


def detect_orientation(img: np.ndarray, dpi: int, *, use_osd: bool = True) -> Orientation:
    gray = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    quick, sure = _estimate(gray, dpi)
    if sure or not use_osd:
        return quick
    found = _osd(gray, dpi)
    if found is not None and found.confidence >= MIN_OSD_CONFIDENCE:
        return found
    return quick

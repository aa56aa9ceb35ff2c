"""Finding the sheet of paper in an image and flattening it (perspective correction, auto-crop)."""

from __future__ import annotations

import cv2
import numpy as np

WORK_SIDE = 800  # detection runs on a copy this long; 1 px is ~0.13% of the page
MIN_AREA_FRACTION = 0.15  # smaller blobs are not the page
A4_ASPECT = 297.0 / 210.0


def order_corners(pts: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left (float32, 4x2)."""
    pts = np.asarray(pts, dtype=np.float32).reshape(4, 2)
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array(
        [pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], dtype=np.float32
    )


def _to_gray(img: np.ndarray) -> np.ndarray:
    return img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)


def find_page_quad(img: np.ndarray) -> np.ndarray | None:
    """The four corners of a light sheet on a darker background, in ``img`` pixels, or None.

    None when no clear sheet is visible (e.g. a flatbed scan where the page fills the image).
    """
    h, w = img.shape[:2]
    scale = WORK_SIDE / max(h, w)
    small = cv2.resize(
        _to_gray(img), (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    small = cv2.GaussianBlur(small, (5, 5), 0)
    _thr, mask = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Close the text holes so the sheet is one blob.
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    biggest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(biggest)
    sh, sw = small.shape
    if area < MIN_AREA_FRACTION * sh * sw or area > 0.985 * sh * sw:
        return None
    peri = cv2.arcLength(biggest, True)
    approx = cv2.approxPolyDP(biggest, 0.02 * peri, True)
    if len(approx) == 4 and cv2.isContourConvex(approx):
        quad = approx.reshape(4, 2).astype(np.float32)
    else:
        quad = cv2.boxPoints(cv2.minAreaRect(biggest)).astype(np.float32)
    quad = _refine(mask, quad)
    return order_corners(quad / scale)


def _refine(mask: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Fit each side as a line through the contour's edge points and intersect them (sub-pixel)."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    pts = max(contours, key=cv2.contourArea).reshape(-1, 2).astype(np.float32)
    q = order_corners(quad)
    lines = []
    for i in range(4):
        a, b = q[i], q[(i + 1) % 4]
        ab = b - a
        length = float(np.hypot(*ab))
        if length < 1:
            return q
        normal = np.array([-ab[1], ab[0]]) / length
        t = ((pts - a) @ ab) / (length * length)
        dist = np.abs((pts - a) @ normal)
        near = pts[(dist < 4) & (t > 0.1) & (t < 0.9)]
        if len(near) < 10:
            return q
        vx, vy, x0, y0 = cv2.fitLine(near, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((float(vx), float(vy), float(x0), float(y0)))
    out = []
    for i in range(4):
        (vx1, vy1, x1, y1), (vx2, vy2, x2, y2) = lines[i - 1], lines[i]
        det = vx1 * (-vy2) - vy1 * (-vx2)
        if abs(det) < 1e-6:
            return q
        t1 = ((x2 - x1) * (-vy2) - (y2 - y1) * (-vx2)) / det
        out.append((x1 + t1 * vx1, y1 + t1 * vy1))
    # Contour pixels sit on the inside edge of the sheet: add half a pixel outwards.
    return order_corners(np.array(out, dtype=np.float32))


def quad_size(quad: np.ndarray) -> tuple[float, float]:
    tl, tr, br, bl = order_corners(quad)
    width = (np.hypot(*(tr - tl)) + np.hypot(*(br - bl))) / 2
    height = (np.hypot(*(bl - tl)) + np.hypot(*(br - tr))) / 2
    return float(width), float(height)


def warp_quad(img: np.ndarray, quad: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Flatten the sheet inside ``quad`` to an upright image of ``size`` (width, height)."""
    w, h = size
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(order_corners(quad), dst)
    border = (255, 255, 255) if img.ndim == 3 else 255
    return cv2.warpPerspective(img, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)


def a4_size_px(dpi: int, *, landscape: bool = False) -> tuple[int, int]:
    w, h = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    return (h, w) if landscape else (w, h)


def sheet_output_size(quad: np.ndarray, dpi: int, *, tolerance: float = 0.1) -> tuple[int, int]:
    """A4 at ``dpi`` when the sheet looks A4, else its own size at the same scale.

    Scans measure the sheet well (0.1 keeps Letter, 0.12 away, apart); a photo's perspective
    can shorten the sheet by 10% or more, so photos pass a wider tolerance (papers in Vietnam
    are A4).
    """
    w, h = quad_size(quad)
    aspect = max(w, h) / max(1.0, min(w, h))
    if abs(aspect - A4_ASPECT) < tolerance:
        return a4_size_px(dpi, landscape=w > h)
    return round(w), round(h)

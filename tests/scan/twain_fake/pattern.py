"""The fake source's page pattern in numpy, mirroring ``pattern_row`` in fake_twain.c exactly."""

from __future__ import annotations

import numpy as np

PAPER = (250, 250, 245)
FRONT = (200, 40, 40)
BACK = (40, 40, 200)


def expected_page(
    sheet: int, back: bool, width: int, height: int, *, blank: bool = False, colour: bool = True
) -> np.ndarray:
    w, h = width, height
    img = np.empty((h, w, 3), dtype=np.uint8)
    img[:] = PAPER
    if not blank:
        s = max(w // 20, 2)
        x0, x1 = w // 10, 9 * w // 10
        ys = np.arange(h)[:, None]
        xs = np.arange(w)[None, :]
        band = (ys >= h // 20) & (ys < h // 10) & (xs >= x0) & (xs < x1)
        square_rows = ~band & (ys >= h // 5) & (ys < h // 5 + s) & (xs >= x0)
        rel = np.maximum(xs - x0, 0)
        squares = square_rows & (rel // (2 * s) < sheet) & (rel % (2 * s) < s)
        text_zone = ~band & ~square_rows & (ys >= 3 * h // 10) & (ys < 9 * h // 10) & (xs >= x0) & (xs < x1)
        line = np.maximum(ys - 3 * h // 10, 0) // s
        word = rel // (2 * s)
        word_width = s + ((word * 7 + line * 3) % 5) * s // 10
        text = text_zone & (np.maximum(ys - 3 * h // 10, 0) % s < s // 3) & (rel % (2 * s) < word_width)
        img[np.broadcast_to(band, (h, w))] = BACK if back else FRONT
        img[np.broadcast_to(squares, (h, w))] = (20, 20, 20)
        img[np.broadcast_to(text, (h, w))] = (30, 30, 30)
    if colour:
        return img
    wide = img.astype(np.int32)
    return ((wide[..., 0] * 299 + wide[..., 1] * 587 + wide[..., 2] * 114) // 1000).astype(np.uint8)

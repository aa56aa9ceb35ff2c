"""The page: one captured image travelling through clean-up, assembly and OCR.

Pixels are kept as an RGB ``uint8`` array; ``jpeg`` holds the original encoded bytes while
the pixels are still exactly what the source produced, so assembly can embed them without a
second lossy encoding (JPEG passthrough). Any pixel change must drop ``jpeg``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace

import numpy as np
from PIL import Image

A4_MM = (210.0, 297.0)
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Page:
    pixels: np.ndarray  # H x W x 3 RGB uint8 (or H x W for grey/bilevel by explicit choice)
    dpi: int
    jpeg: bytes | None = None  # untouched source JPEG for passthrough
    source: str = ""  # "sane", "camera", "import" (no file names: they may be personal)
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])

    @property
    def size_mm(self) -> tuple[float, float]:
        return (self.width / self.dpi * MM_PER_INCH, self.height / self.dpi * MM_PER_INCH)

    def with_pixels(self, pixels: np.ndarray, *, note: str | None = None) -> Page:
        """A copy with new pixels; the passthrough JPEG no longer matches, so it is dropped."""
        notes = (*self.notes, note) if note else self.notes
        return replace(self, pixels=np.ascontiguousarray(pixels), jpeg=None, notes=notes)

    def to_pil(self) -> Image.Image:
        return Image.fromarray(self.pixels)

    def png_bytes(self) -> bytes:
        buf = io.BytesIO()
        img = self.to_pil()
        img.save(buf, format="PNG", dpi=(self.dpi, self.dpi), compress_level=1)
        return buf.getvalue()

    @classmethod
    def from_pil(cls, img: Image.Image, dpi: int, *, source: str = "", jpeg: bytes | None = None) -> Page:
        if img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
        return cls(pixels=np.asarray(img).copy(), dpi=dpi, jpeg=jpeg, source=source)


def rotate_page(page: Page, quarter_turns_cw: int) -> Page:
    """Rotate by a multiple of 90 degrees clockwise (lossless on pixels, JPEG re-encoded once)."""
    k = quarter_turns_cw % 4
    if k == 0:
        return page
    return page.with_pixels(np.rot90(page.pixels, k=-k), note=f"rotated {90 * k}")

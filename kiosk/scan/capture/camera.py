"""Document camera capture: page detection on a live stream and capture when the page is steady.

Pure Python/OpenCV over a :class:`FrameSource`; the Qt Multimedia camera source lives in
``ui/scan`` and feeds frames here, tests feed synthetic frames. A 1080p webcam over A4 gives
only ~124 dpi; :func:`resolution_warning` says so before the officer relies on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import numpy as np

from kiosk.scan.cleanup.geometry import find_page_quad, quad_size, sheet_output_size, warp_quad
from kiosk.scan.page import Page
from kiosk.scan.pdfa import LEGAL_MIN_DPI

A4_IN = (210 / 25.4, 297 / 25.4)


class FrameSource(Protocol):
    def resolution(self) -> tuple[int, int]:
        """(width, height) of the frames in pixels."""
        ...

    def read(self) -> np.ndarray | None:
        """The next RGB frame, or None when the stream has ended."""
        ...

    def close(self) -> None: ...


class ArrayFrameSource:
    """Frames from memory (tests, demos, a phone photo burst)."""

    def __init__(self, frames: Iterable[np.ndarray]) -> None:
        self._frames: Iterator[np.ndarray] = iter(frames)
        self._first: np.ndarray | None = next(self._frames, None)
        self._size = (0, 0) if self._first is None else (self._first.shape[1], self._first.shape[0])

    def resolution(self) -> tuple[int, int]:
        return self._size

    def read(self) -> np.ndarray | None:
        if self._first is not None:
            frame, self._first = self._first, None
            return frame
        return next(self._frames, None)

    def close(self) -> None:
        self._frames = iter(())


def a4_dpi_for(resolution: tuple[int, int]) -> float:
    """The best dpi an A4 page can get from frames of ``resolution`` (page filling the frame)."""
    w, h = sorted(resolution)
    return min(w / A4_IN[0], h / A4_IN[1])


def resolution_warning(resolution: tuple[int, int], min_dpi: int = LEGAL_MIN_DPI) -> str | None:
    dpi = a4_dpi_for(resolution)
    if dpi + 0.5 >= min_dpi:
        return None
    return (
        f"This camera gives at most {dpi:.0f} dpi on an A4 page, below the legal {min_dpi} dpi; "
        f"use a scanner or a camera of at least {megapixels_for(min_dpi):.1f} megapixels."
    )


def megapixels_for(min_dpi: int = LEGAL_MIN_DPI) -> float:
    """A 4:3 camera's size for ``min_dpi`` on A4: the page's long side fills the frame's long
    side with a 5% margin each way (nobody holds a sheet to the pixel); 200 dpi gives 4.5 MP,
    as DOMAIN.md section 4 states."""
    long_px = A4_IN[1] * min_dpi * 1.05
    return long_px * (long_px * 3 / 4) / 1e6


class CaptureState(StrEnum):
    no_page = "no_page"
    moving = "moving"
    steady = "steady"
    captured = "captured"
    waiting_removal = "waiting_removal"  # the captured page must leave before the next one


@dataclass(frozen=True)
class CaptureEvent:
    state: CaptureState
    quad: np.ndarray | None = None
    steady_frames: int = 0
    page: Page | None = None


@dataclass(frozen=True)
class SteadyConfig:
    steady_frames: int = 8  # consecutive frames with the page still
    max_motion: float = 0.004  # corner motion per frame, as a share of the frame diagonal
    new_page_motion: float = 0.08  # corner change that counts as a new page after a capture


class SteadyCapture:
    """Feed frames; returns a captured, flattened page once the sheet has been still long enough."""

    def __init__(self, config: SteadyConfig | None = None) -> None:
        self.config = config or SteadyConfig()
        self._last: np.ndarray | None = None
        self._still = 0
        self._captured_quad: np.ndarray | None = None

    def reset(self) -> None:
        self._last, self._still, self._captured_quad = None, 0, None

    def feed(self, frame: np.ndarray) -> CaptureEvent:
        quad = find_page_quad(frame)
        diag = float(np.hypot(frame.shape[0], frame.shape[1]))
        if quad is None:
            self._last, self._still, self._captured_quad = None, 0, None
            return CaptureEvent(CaptureState.no_page)
        if self._captured_quad is not None:
            moved = float(np.abs(quad - self._captured_quad).max()) / diag
            if moved < self.config.new_page_motion:
                return CaptureEvent(CaptureState.waiting_removal, quad)
            self._captured_quad = None
        if self._last is not None and float(np.abs(quad - self._last).max()) / diag <= self.config.max_motion:
            self._still += 1
        else:
            self._still = 0
        self._last = quad
        if self._still + 1 < self.config.steady_frames:
            state = CaptureState.steady if self._still else CaptureState.moving
            return CaptureEvent(state, quad, self._still + 1)
        page = flatten_page(frame, quad)
        self._captured_quad = quad
        self._still = 0
        return CaptureEvent(CaptureState.captured, quad, self.config.steady_frames, page)


def flatten_page(frame: np.ndarray, quad: np.ndarray) -> Page:
    """The sheet inside ``quad`` made flat, at the resolution the camera actually resolved."""
    w, h = quad_size(quad)
    long_px = max(w, h)
    # Honest dpi: what the camera resolved along the page's long side if it is A4.
    dpi = max(1, round(long_px / A4_IN[1]))
    size = sheet_output_size(quad, dpi, tolerance=0.15)  # perspective shortens the sheet
    return Page(pixels=warp_quad(frame, quad, size), dpi=dpi, source="camera")


def capture_pages(
    source: FrameSource, *, max_pages: int = 1, config: SteadyConfig | None = None, max_frames: int = 10_000
) -> list[Page]:
    """Run the steady-capture loop over ``source`` until ``max_pages`` are taken or frames end."""
    capture = SteadyCapture(config)
    pages: list[Page] = []
    for _ in range(max_frames):
        frame = source.read()
        if frame is None:
            break
        event = capture.feed(frame)
        if event.page is not None:
            pages.append(event.page)
            if len(pages) >= max_pages:
                break
    return pages

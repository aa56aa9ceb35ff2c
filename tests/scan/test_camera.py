"""Camera path with a synthetic frame source: detection, steady capture, resolution warning."""

from __future__ import annotations

import numpy as np

from kiosk.scan.capture.camera import (
    ArrayFrameSource,
    CaptureState,
    SteadyCapture,
    SteadyConfig,
    a4_dpi_for,
    capture_pages,
    megapixels_for,
    resolution_warning,
)
from kiosk.scan.samples import a4_page, photograph

FRAME = (1600, 2000)  # w, h


def _frame(shift: float = 0.0, sheet: np.ndarray | None = None) -> np.ndarray:
    sheet = a4_page(100) if sheet is None else sheet
    corners = np.array([[200, 150], [1380, 200], [1420, 1850], [160, 1800]], dtype=np.float32) + shift
    return photograph(sheet, corners, FRAME)


def test_resolution_warning() -> None:
    assert round(a4_dpi_for((1920, 1080))) == 131  # 1080 px across the 8.27 in width binds
    warning = resolution_warning((1920, 1080))
    assert warning is not None and "below the legal 200 dpi" in warning
    # DOMAIN.md section 4: 200 dpi on A4 needs >= 4.5 MP (4:3).
    assert warning.endswith("use a scanner or a camera of at least 4.5 megapixels.")
    assert round(megapixels_for(300), 1) == 10.2
    assert resolution_warning((2480, 3508)) is None  # 300 dpi sensor area
    assert resolution_warning((2592, 1944)) is None  # 5 MP 4:3: 2592 px over 11.69 in = 222 dpi
    assert resolution_warning((2048, 1536)) is not None  # 3 MP: 175 dpi
    assert resolution_warning((4000, 3000)) is None


def test_captures_only_when_steady() -> None:
    moving = [_frame(shift=i * 25.0) for i in range(4)]
    still = [_frame(shift=100.0)] * 6
    cap = SteadyCapture(SteadyConfig(steady_frames=5))
    states = [cap.feed(f).state for f in moving]
    assert CaptureState.captured not in states
    events = [cap.feed(f) for f in still]
    captured = [e for e in events if e.page is not None]
    assert len(captured) == 1
    # After the capture the same sheet is not captured again.
    assert events[-1].state == CaptureState.waiting_removal
    page = captured[0].page
    assert page is not None and page.source == "camera"
    assert abs(page.width / page.height - 210 / 297) < 0.01
    # Honest dpi: the sheet spans ~1650 px of 11.69 in.
    assert 130 <= page.dpi <= 150


def test_no_page_in_empty_frames() -> None:
    cap = SteadyCapture()
    desk = np.full((FRAME[1], FRAME[0], 3), 60, dtype=np.uint8)
    assert cap.feed(desk).state == CaptureState.no_page


def test_two_pages_from_a_stream() -> None:
    first = a4_page(100)
    second = a4_page(100, lines=("TRANG HAI",), seal=False)
    desk = np.full((FRAME[1], FRAME[0], 3), 60, dtype=np.uint8)
    frames = [_frame(0, first)] * 4 + [desk] * 2 + [_frame(40, second)] * 4
    pages = capture_pages(ArrayFrameSource(frames), max_pages=2, config=SteadyConfig(steady_frames=3))
    assert len(pages) == 2
    # The second capture is the near-empty page: much less ink than the first.
    ink = [float((p.pixels.mean(axis=2) < 128).mean()) for p in pages]
    assert ink[1] < ink[0] / 3

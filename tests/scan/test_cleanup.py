"""Clean-up on generated pages with known skew, perspective and orientation."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.scan.cleanup import CleanupOptions, clean_page, detect_blank, detect_orientation, estimate_skew
from kiosk.scan.cleanup.deskew import rotate_image
from kiosk.scan.cleanup.geometry import find_page_quad
from kiosk.scan.cleanup.whiten import whiten_background
from kiosk.scan.page import Page
from kiosk.scan.samples import a4_page, blank_page, photograph

DPI = 150


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return a4_page(DPI)


@pytest.mark.parametrize("angle", [-7.3, -2.0, 0.6, 3.0, 9.1])
def test_skew_recovered_within_half_a_degree(page: np.ndarray, angle: float) -> None:
    skewed = rotate_image(page, angle)
    assert abs(estimate_skew(skewed) - angle) <= 0.5


def test_deskew_in_pipeline_straightens_page(page: np.ndarray) -> None:
    result = clean_page(Page(rotate_image(page, 4.0), DPI), CleanupOptions(orientation=False, whiten=False))
    assert abs(result.skew_deg - 4.0) <= 0.5
    assert abs(estimate_skew(result.page.pixels)) <= 0.5
    assert result.page.jpeg is None  # pixels changed: no passthrough of stale bytes


def test_perspective_corners_found_within_one_percent() -> None:
    sheet = a4_page(100)
    truth = np.array([[230, 120], [1020, 190], [1080, 1300], [160, 1250]], dtype=np.float32)
    photo = photograph(sheet, truth, (1280, 1440))
    quad = find_page_quad(photo)
    assert quad is not None
    page_diag = float(np.hypot(*(truth[2] - truth[0])))
    assert float(np.abs(quad - truth).max()) <= 0.01 * page_diag


def test_camera_shot_is_flattened_to_a4(page: np.ndarray) -> None:
    truth = np.array([[300, 150], [1400, 240], [1460, 1800], [220, 1740]], dtype=np.float32)
    photo = photograph(page, truth, (1700, 1950))
    result = clean_page(Page(photo, DPI), CleanupOptions(use_osd=False))
    assert result.cropped
    h, w = result.page.pixels.shape[:2]
    assert abs(w / h - 210 / 297) < 0.01
    assert abs(w - round(210 / 25.4 * DPI)) <= 2  # A4 at the page's dpi, 100% scale


def test_no_crop_when_page_fills_the_scan(page: np.ndarray) -> None:
    assert find_page_quad(page) is None


@pytest.mark.parametrize("dpi", [150, 300])
@pytest.mark.parametrize("turns", [0, 1, 2, 3])
def test_text_pages_are_turned_without_osd(dpi: int, turns: int, monkeypatch) -> None:
    # The quick estimate settles a page of text in every orientation, so the default pipeline
    # does not pay ~0.8 s of Tesseract OSD per page.
    from kiosk.scan.cleanup import orientation

    def no_osd(*_a):  # type: ignore[no-untyped-def]
        raise AssertionError("OSD ran on a page the estimate can decide")

    monkeypatch.setattr(orientation, "_osd", no_osd)
    rotated = np.ascontiguousarray(np.rot90(a4_page(dpi, font_pt=11.0), k=turns))  # counter-clockwise
    found = detect_orientation(rotated, dpi)
    assert found.method == "heuristic" and found.confidence > 0
    assert found.rotate_cw == 90 * turns


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_orientation_by_osd_when_the_estimate_is_unsure(turns: int, monkeypatch) -> None:
    # Digits have no ascenders or descenders to tell up from down: Tesseract OSD decides.
    from kiosk.scan.cleanup import orientation

    calls = []
    real = orientation._osd
    monkeypatch.setattr(orientation, "_osd", lambda g, d: calls.append(d) or real(g, d))
    digits = a4_page(DPI, lines=("0123 4567 8901 2345 6789",) * 12, seal=False)
    rotated = np.ascontiguousarray(np.rot90(digits, k=turns))
    found = detect_orientation(rotated, DPI)
    assert calls == [DPI]
    assert found.method == "osd"
    assert found.rotate_cw == 90 * turns


def test_orientation_heuristic_finds_sideways_page(page: np.ndarray) -> None:
    found = detect_orientation(np.ascontiguousarray(np.rot90(page)), DPI, use_osd=False)
    assert found.method == "heuristic" and found.rotate_cw in (90, 270)
    upright = detect_orientation(page, DPI, use_osd=False)
    assert upright.rotate_cw == 0


def test_pipeline_turns_upside_down_page(page: np.ndarray) -> None:
    result = clean_page(Page(np.ascontiguousarray(np.rot90(page, 2)), DPI), CleanupOptions(whiten=False))
    assert result.rotated_cw == 180
    assert np.abs(result.page.pixels.astype(int) - page).mean() < 2


def test_whitening_keeps_red_seal_red(page: np.ndarray) -> None:
    out = whiten_background(page)
    assert out[5, 5].tolist() == [255, 255, 255]  # yellowish paper becomes white
    reds = page[(page[..., 0] > 150) & (page[..., 1] < 80) & (page[..., 2] < 80)]
    assert len(reds) > 100
    mask = (page[..., 0] > 150) & (page[..., 1] < 80)
    kept = out[mask]
    assert (kept[:, 0] > 150).mean() > 0.95 and (kept[:, 1] < 100).mean() > 0.95


def test_colour_kept_by_default_and_bilevel_by_choice(page: np.ndarray) -> None:
    opts = CleanupOptions(deskew=False, orientation=False)
    assert clean_page(Page(page, DPI), opts).page.pixels.ndim == 3
    bw = clean_page(Page(page, DPI), CleanupOptions(deskew=False, orientation=False, colour="bilevel")).page
    assert bw.pixels.ndim == 2 and set(np.unique(bw.pixels).tolist()) <= {0, 255}


def test_blank_detection() -> None:
    assert detect_blank(blank_page(DPI), DPI).blank
    assert detect_blank(blank_page(DPI, noise=6.0, specks=40, seed=3), DPI).blank
    one_line = a4_page(DPI, lines=("Ghi chú",), seal=False)
    report = detect_blank(one_line, DPI)
    assert not report.blank and report.marks >= 3
    assert not detect_blank(a4_page(DPI), DPI).blank


@pytest.mark.parametrize("grey", [0, 60, 120, 160])
def test_solid_dark_page_is_not_blank(grey: int) -> None:
    # One dark area is a single "mark", yet the page is covered: the ink ratio decides.
    dark = np.full((round(297 / 25.4 * DPI), round(210 / 25.4 * DPI), 3), grey, dtype=np.uint8)
    report = detect_blank(dark, DPI)
    assert report.ink_ratio > 0.9 and not report.blank

"""SANE capture against the real ``test`` backend (full A4 via the session test.conf)."""

from __future__ import annotations

import pytest

from kiosk.scan.capture import CancelToken, ScanSettings
from kiosk.scan.capture.sane_backend import SaneBackend, status_kind
from kiosk.scan.errors import CoverOpenError, FeederEmptyError, PaperJamError, ScanCancelledError, ScanError


@pytest.fixture(scope="module")
def backend() -> SaneBackend:
    return SaneBackend()


def test_lists_test_devices_with_capabilities(backend: SaneBackend) -> None:
    devices = backend.list_devices()
    assert [d.id for d in devices] == ["sane:test:0", "sane:test:1"]
    dev = devices[0]
    assert dev.sources == ("flatbed", "adf")
    assert {200, 300} <= set(dev.resolutions)
    assert dev.colour is True
    assert dev.max_area_mm[0] >= 210 and dev.max_area_mm[1] >= 297


def test_flatbed_scans_one_full_a4_colour_page(backend: SaneBackend) -> None:
    progress = []
    result = backend.scan(
        "sane:test:0",
        ScanSettings(dpi=200, driver_options={"test_picture": "Color pattern"}),
        progress=progress.append,
    )
    assert result.ended_by == "complete"
    assert len(result.pages) == 1
    page = result.pages[0]
    assert page.pixels.ndim == 3 and page.pixels.shape[2] == 3
    # A4 at 200 dpi is 1654 x 2339 px; the test backend rounds to whole pixels.
    assert abs(page.width - 1654) <= 2 and abs(page.height - 2339) <= 2
    assert page.dpi == 200
    w_mm, h_mm = page.size_mm
    assert abs(w_mm - 210) < 1 and abs(h_mm - 297) < 1
    # The colour pattern really is colour (not grey in three channels).
    assert (page.pixels[..., 0].astype(int) - page.pixels[..., 1]).std() > 10
    assert progress and progress[0].page == 1


def test_feeder_batch_ends_with_feeder_empty(backend: SaneBackend) -> None:
    seen = []
    result = backend.scan("sane:test:0", ScanSettings(source="adf", dpi=100), on_page=seen.append)
    assert result.ended_by == "feeder_empty"
    assert result.page_count == 10 and len(seen) == 10  # the test backend's feeder holds 10 sheets
    # Handed over as they arrived (the screen parks them encrypted on disk), not also kept here.
    assert result.pages == []


def test_feeder_page_limit(backend: SaneBackend) -> None:
    result = backend.scan("sane:test:1", ScanSettings(source="adf", dpi=100, max_pages=3))
    assert result.ended_by == "complete"
    assert len(result.pages) == 3 and result.page_count == 3  # no on_page: the pages come back


def test_empty_feeder_at_start_is_an_error(backend: SaneBackend) -> None:
    with pytest.raises(FeederEmptyError, match="document feeder is empty"):
        backend.scan(
            "sane:test:0",
            ScanSettings(source="adf", dpi=100, driver_options={"read_return_value": "SANE_STATUS_NO_DOCS"}),
        )


def test_jam_is_reported_clearly(backend: SaneBackend) -> None:
    with pytest.raises(PaperJamError, match=r"Paper jammed at page 1; open the feeder") as info:
        backend.scan(
            "sane:test:0",
            ScanSettings(source="adf", dpi=100, driver_options={"read_return_value": "SANE_STATUS_JAMMED"}),
        )
    assert info.value.exit_code == 12
    assert info.value.pages == []  # type: ignore[attr-defined]


def test_cover_open_is_reported_clearly(backend: SaneBackend) -> None:
    with pytest.raises(CoverOpenError, match="cover is open; close it"):
        backend.scan(
            "sane:test:0", ScanSettings(driver_options={"read_return_value": "SANE_STATUS_COVER_OPEN"})
        )


def test_unknown_device(backend: SaneBackend) -> None:
    with pytest.raises(ScanError, match="scanner was not found"):
        backend.scan("sane:nosuch:9", ScanSettings())


def test_cancel_mid_batch_keeps_pages_scanned(backend: SaneBackend) -> None:
    cancel = CancelToken()
    seen = []

    def on_page(page: object) -> None:
        seen.append(page)
        if len(seen) == 2:
            cancel.cancel()

    with pytest.raises(ScanCancelledError) as info:
        backend.scan("sane:test:0", ScanSettings(source="adf", dpi=100), on_page=on_page, cancel=cancel)
    assert 2 <= len(seen) < 10  # the pages before the cancel are the caller's
    assert info.value.pages == []  # type: ignore[attr-defined]


def test_status_mapping() -> None:
    assert status_kind("Document feeder out of documents") == "no_docs"
    assert status_kind("Document feeder jammed") == "jam"
    assert status_kind("Scanner cover is open") == "cover_open"
    assert status_kind("Device busy") == "busy"
    assert status_kind("Error during device I/O") == "io"
    assert status_kind("something new") == "other"


def test_refused_driver_option(backend: SaneBackend) -> None:
    with pytest.raises(ScanError, match="refused one of the driver options"):
        backend.scan("sane:test:0", ScanSettings(driver_options={"no_such_option": 1}))

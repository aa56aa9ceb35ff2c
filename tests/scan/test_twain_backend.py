"""TWAIN capture end to end: TwainBackend runs the driver in a spawned process against the fake DSM.

Duplex order and pixels, simplex feeder, flatbed geometry, every failure the fake can inject
(mapped to the same messages as SANE and WIA), a crashing driver and a cancel mid-batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import numpy as np
import pytest

from kiosk.scan.capture import CancelToken, ScanSettings
from kiosk.scan.capture.twain_backend import TwainBackend
from kiosk.scan.digitise import digitise
from kiosk.scan.errors import (
    CoverOpenError,
    DriverCrashedError,
    DriverTimeoutError,
    FeederEmptyError,
    NoDeviceError,
    PaperJamError,
    ScanCancelledError,
    ScanError,
)
from kiosk.scan.page import Page
from kiosk.scan.pdfa import PdfMetadata
from tests.scan.twain_fake.build import fake_dsm
from tests.scan.twain_fake.pattern import expected_page

DUPLEX = "twain:Kiosk Fake Duplex"
FLATBED = "twain:Kiosk Fake Flatbed"
A4_100 = (827, 1169)  # A4 at 100 dpi, width x height


@pytest.fixture
def backend(monkeypatch: pytest.MonkeyPatch) -> Iterator[TwainBackend]:
    monkeypatch.setenv("KIOSK_TWAIN_DSM", str(fake_dsm()))  # inherited by the spawned driver process
    for name in list(os.environ):
        if name.startswith("FAKE_TWAIN_"):
            monkeypatch.delenv(name)
    yield TwainBackend()


def _is(page: Page, sheet: int, back: bool, size: tuple[int, int] = A4_100, **kw: bool) -> bool:
    return np.array_equal(page.pixels, expected_page(sheet, back, *size, **kw))


def test_lists_twain_sources_with_their_capabilities(backend: TwainBackend) -> None:
    duplex, flatbed = backend.list_devices()
    assert (duplex.id, duplex.vendor, duplex.model) == (DUPLEX, "Kiosk Test", "Kiosk Fake Duplex")
    assert duplex.sources == ("adf", "duplex")  # sheet-fed: no glass
    assert duplex.resolutions == (100, 150, 200, 300, 600)
    assert flatbed.id == FLATBED and flatbed.sources == ("flatbed", "adf")
    assert flatbed.resolutions == (150, 200, 300, 400, 600)  # the usual values inside its range
    assert round(flatbed.max_area_mm[0]) == 216 and round(flatbed.max_area_mm[1]) == 297


def test_duplex_batch_gives_front_back_pairs_in_order(backend: TwainBackend) -> None:
    seen: list[Page] = []
    progress: list[int] = []
    result = backend.scan(
        DUPLEX,
        ScanSettings(source="duplex", dpi=100),
        on_page=seen.append,
        progress=lambda p: progress.append(p.page),
    )
    assert result.ended_by == "feeder_empty"
    assert result.page_count == 6 and len(seen) == 6 and result.pages == []  # handed over, not kept
    order = [(sheet, back) for sheet in (1, 2, 3) for back in (False, True)]  # 1F 1B 2F 2B 3F 3B
    assert [_is(page, sheet, back) for page, (sheet, back) in zip(seen, order, strict=True)] == [True] * 6
    assert {p.dpi for p in seen} == {100}
    assert {p.source for p in seen} == {"twain"}
    assert sorted(set(progress)) == [1, 2, 3, 4, 5, 6]


def test_simplex_feeder_gives_one_page_per_sheet(backend: TwainBackend) -> None:
    result = backend.scan(DUPLEX, ScanSettings(source="adf", dpi=100))
    assert result.ended_by == "feeder_empty"
    assert [_is(page, n, False) for n, page in enumerate(result.pages, 1)] == [True, True, True]


def test_feeder_page_limit(backend: TwainBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_TWAIN_SHEETS", "5")
    result = backend.scan(DUPLEX, ScanSettings(source="duplex", dpi=100, max_pages=3))
    assert result.ended_by == "complete"
    assert [
        _is(p, s, b) for p, (s, b) in zip(result.pages, [(1, False), (1, True), (2, False)], strict=True)
    ] == [True] * 3


def test_flatbed_a4_at_200_dpi(backend: TwainBackend) -> None:
    result = backend.scan(FLATBED, ScanSettings(source="flatbed", dpi=200))
    assert result.ended_by == "complete"
    (page,) = result.pages
    assert (page.width, page.height, page.dpi) == (1654, 2339, 200)
    w_mm, h_mm = page.size_mm
    assert abs(w_mm - 210) < 0.5 and abs(h_mm - 297) < 0.5
    assert _is(page, 1, False, (1654, 2339))


def test_grey_by_explicit_choice(backend: TwainBackend) -> None:
    (page,) = backend.scan(FLATBED, ScanSettings(dpi=100, colour=False)).pages
    assert page.pixels.ndim == 2 and _is(page, 1, False, colour=False)


def test_jam_keeps_the_pages_before_it(backend: TwainBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_TWAIN_JAM_AT", "2")  # sheet 2
    seen: list[Page] = []
    with pytest.raises(PaperJamError, match=r"^Paper jammed at page 3; open the feeder") as info:
        backend.scan(DUPLEX, ScanSettings(source="duplex", dpi=100), on_page=seen.append)
    assert len(seen) == 2 and _is(seen[0], 1, False) and _is(seen[1], 1, True)
    assert info.value.pages == []  # type: ignore[attr-defined]  # the caller has them already
    assert info.value.exit_code == 12


def test_double_feed_is_a_jam_for_the_officer(backend: TwainBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_TWAIN_DOUBLEFEED_AT", "3")
    with pytest.raises(PaperJamError, match="Paper jammed at page 3") as info:
        backend.scan(DUPLEX, ScanSettings(source="adf", dpi=100))
    assert len(info.value.pages) == 2  # type: ignore[attr-defined]


def test_empty_feeder_at_start(backend: TwainBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_TWAIN_EMPTY", "1")
    with pytest.raises(
        FeederEmptyError, match=r"^The document feeder is empty; put the papers in and scan again\.$"
    ):
        backend.scan(DUPLEX, ScanSettings(source="duplex", dpi=100))


def test_empty_feeder_when_the_paper_sensor_says_loaded(
    backend: TwainBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_TWAIN_EMPTY", "1")
    monkeypatch.setenv("FAKE_TWAIN_LOADED_LIES", "1")  # then MSG_ENABLEDS fails with TWCC_NOMEDIA
    with pytest.raises(FeederEmptyError, match="The document feeder is empty"):
        backend.scan(DUPLEX, ScanSettings(source="adf", dpi=100))


def test_offline_scanner(backend: TwainBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_TWAIN_OFFLINE", "1")
    with pytest.raises(
        NoDeviceError, match=r"^The scanner is offline; switch it on, check the cable and scan again\.$"
    ):
        backend.scan(DUPLEX, ScanSettings(source="adf", dpi=100))
    # The list still shows it (without capabilities), so the officer sees what is wrong.
    assert [d.id for d in backend.list_devices()] == [DUPLEX, FLATBED]


def test_cover_open(backend: TwainBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_TWAIN_COVER_OPEN", "1")
    with pytest.raises(CoverOpenError, match=r"^The scanner cover is open; close it and scan again\.$"):
        backend.scan(FLATBED, ScanSettings(dpi=100))


def test_crashing_driver_is_contained(backend: TwainBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_TWAIN_CRASH_AT", "3")  # abort() when image 3 starts
    with pytest.raises(
        DriverCrashedError,
        match=r"^The TWAIN scanner driver stopped unexpectedly \(SIGABRT\); "
        r"restart the scanner and try again\.$",
    ) as info:
        backend.scan(DUPLEX, ScanSettings(source="duplex", dpi=100))
    pages = info.value.pages  # type: ignore[attr-defined]
    assert len(pages) == 2 and _is(pages[1], 1, True)
    monkeypatch.delenv("FAKE_TWAIN_CRASH_AT")
    assert len(backend.scan(DUPLEX, ScanSettings(source="adf", dpi=100)).pages) == 3  # this process scans on


def test_driver_that_never_announces_a_page_times_out(
    backend: TwainBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_TWAIN_NEVER_READY", "1")
    with pytest.raises(
        DriverTimeoutError, match=r"^The TWAIN scanner driver did not respond for 1.5 seconds"
    ):
        backend.scan(DUPLEX, ScanSettings(source="adf", dpi=100, timeout_s=1.5))


def test_cancel_mid_batch_stops(backend: TwainBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_TWAIN_STALL_AT", "3")  # image 3 only ends when we stop it
    cancel = CancelToken()
    seen: list[Page] = []

    def on_page(page: Page) -> None:
        seen.append(page)
        if len(seen) == 2:
            cancel.cancel()

    with pytest.raises(ScanCancelledError, match=r"^The scan was cancelled\.$") as info:
        backend.scan(DUPLEX, ScanSettings(source="duplex", dpi=100), on_page=on_page, cancel=cancel)
    assert len(seen) == 2 and info.value.pages == []  # type: ignore[attr-defined]


def test_unknown_device_and_missing_sources(backend: TwainBackend) -> None:
    with pytest.raises(NoDeviceError, match="The scanner was not found"):
        backend.scan("twain:No Such Scanner", ScanSettings())
    with pytest.raises(ScanError, match=r"^This scanner has no flatbed source; choose another source\.$"):
        backend.scan(DUPLEX, ScanSettings(source="flatbed", dpi=100))
    with pytest.raises(ScanError, match=r"^This scanner has no duplex source; choose another source\.$"):
        backend.scan(FLATBED, ScanSettings(source="duplex", dpi=100))


def test_without_a_dsm_the_backend_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: os.PathLike[str]
) -> None:
    monkeypatch.setenv("KIOSK_TWAIN_DSM", os.path.join(tmp_path, "missing.so"))
    with pytest.raises(NoDeviceError, match="not available on this computer"):
        TwainBackend().list_devices()
    with pytest.raises(NoDeviceError, match="not available on this computer"):
        TwainBackend().scan(DUPLEX, ScanSettings())


def test_duplex_blank_backs_are_flagged_not_dropped(
    backend: TwainBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_TWAIN_SHEETS", "2")
    monkeypatch.setenv("FAKE_TWAIN_BLANK_BACKS", "1")
    pages = backend.scan(DUPLEX, ScanSettings(source="duplex", dpi=200)).pages
    assert len(pages) == 4 and _is(pages[1], 1, True, (1654, 2339), blank=True)
    meta = PdfMetadata(
        dossier_code="000.00.00.H00-250101-0001", component="Giấy tờ hai mặt", operator="canbo1"
    )
    kept = digitise(pages, meta, ocr=False)
    assert kept.blank_pages == [2, 4]  # offered to the officer ...
    assert kept.dropped_pages == [] and kept.page_count == 4  # ... but nothing silently removed
    assert kept.report.ok
    agreed = digitise(pages, meta, ocr=False, drop_blank=True)  # the officer said yes
    assert agreed.dropped_pages == [2, 4] and agreed.page_count == 2

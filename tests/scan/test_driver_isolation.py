"""A scan driver that crashes or hangs is contained in its process with a clear error."""

from __future__ import annotations

import os
import time

import pytest

from kiosk.scan.capture import CancelToken, ScanSettings
from kiosk.scan.capture.sane_backend import SaneBackend
from kiosk.scan.errors import DriverCrashedError, DriverTimeoutError, ScanCancelledError

FAKE = SaneBackend(child_module="tests.scan.fake_drivers")


def _settings(behaviour: str, timeout: float = 30.0) -> ScanSettings:
    return ScanSettings(timeout_s=timeout, driver_options={"behaviour": behaviour})


def test_segfaulting_driver_is_contained() -> None:
    with pytest.raises(DriverCrashedError, match=r"stopped unexpectedly \(SIGSEGV\); restart the scanner"):
        FAKE.scan("sane:x", _settings("segfault"))
    assert os.getpid()  # still alive


def test_crash_after_a_page_keeps_that_page() -> None:
    with pytest.raises(DriverCrashedError, match="exit code 3") as info:
        FAKE.scan("sane:x", _settings("abort_after_page"))
    pages = info.value.pages  # type: ignore[attr-defined]
    assert len(pages) == 1 and pages[0].pixels.shape == (2, 4, 3)


def test_hanging_driver_times_out_and_is_killed() -> None:
    with pytest.raises(DriverTimeoutError, match=r"did not respond for 1.5 seconds and was stopped"):
        FAKE.scan("sane:x", _settings("hang", timeout=1.5))


def test_driver_exception_is_reported_without_its_text() -> None:
    with pytest.raises(DriverCrashedError) as info:
        FAKE.scan("sane:x", _settings("raise"))
    assert "RuntimeError" in str(info.value)
    assert "/home/someone" not in str(info.value)


def test_device_listing_crash_is_contained() -> None:
    with pytest.raises(DriverCrashedError, match="SIGSEGV"):
        FAKE.list_devices()


def test_cancel_of_a_hanging_driver_ends_after_grace(monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.scan.capture import process

    monkeypatch.setattr(process, "CANCEL_GRACE_S", 0.5)
    cancel = CancelToken()
    cancel.cancel()
    start = time.monotonic()
    with pytest.raises(ScanCancelledError):
        FAKE.scan("sane:x", _settings("hang"), cancel=cancel)
    assert time.monotonic() - start < 30  # not the 30 s driver timeout

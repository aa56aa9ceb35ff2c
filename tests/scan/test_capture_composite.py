"""default_backend(): WIA + TWAIN on Windows, SANE (+ TWAIN when a DSM exists) on Linux, one list."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kiosk.scan.capture import ScanSettings, default_backend
from kiosk.scan.capture import twain_backend as tb
from kiosk.scan.capture.base import CancelToken, DeviceInfo, PageFn, ProgressFn, ScanResult
from kiosk.scan.capture.composite import CompositeBackend, model_key, same_model
from kiosk.scan.capture.sane_backend import SaneBackend
from kiosk.scan.capture.twain_backend import TwainBackend
from kiosk.scan.capture.wia_backend import WiaBackend
from kiosk.scan.errors import NoDeviceError, ScanError
from tests.scan.twain_fake.build import fake_dsm


@dataclass
class Listed:
    name: str
    prefix: str
    devices: list[DeviceInfo]
    failure: ScanError | None = None
    scanned: list[str] = field(default_factory=list)

    def list_devices(self) -> list[DeviceInfo]:
        if self.failure is not None:
            raise self.failure
        return self.devices

    def scan(
        self,
        device_id: str,
        settings: ScanSettings,
        *,
        on_page: PageFn | None = None,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> ScanResult:
        self.scanned.append(device_id)
        return ScanResult(pages=[], ended_by="complete")


def _dev(dev_id: str, vendor: str, model: str) -> DeviceInfo:
    return DeviceInfo(id=dev_id, vendor=vendor, model=model, kind="scanner")


def test_a_scanner_with_both_drivers_is_listed_once_through_wia() -> None:
    wia = Listed(
        "wia",
        "wia:",
        [
            _dev("wia:{1}", "FUJITSU", "fi-7160"),
            _dev("wia:{2}", "Canon", "DR-C225 II"),
            _dev("wia:{3}", "Canon", "DR-C225 II"),  # a second one of the same model stays
        ],
    )
    twain = Listed(
        "twain",
        "twain:",
        [
            _dev("twain:PaperStream IP fi-7160", "PFU", "PaperStream IP fi-7160"),  # same scanner
            _dev("twain:CANON DR-C225 II TWAIN", "Canon", "CANON DR-C225 II TWAIN"),  # same scanner
            _dev("twain:Plustek PS186", "Plustek", "Plustek PS186"),  # TWAIN only
        ],
    )
    both = CompositeBackend([wia, twain])
    assert [d.id for d in both.list_devices()] == ["wia:{1}", "wia:{2}", "wia:{3}", "twain:Plustek PS186"]
    both.scan("twain:Plustek PS186", ScanSettings())
    both.scan("wia:{1}", ScanSettings())
    assert twain.scanned == ["twain:Plustek PS186"] and wia.scanned == ["wia:{1}"]
    with pytest.raises(NoDeviceError, match="The scanner was not found"):
        both.scan("sane:test:0", ScanSettings())


def test_model_matching_is_not_too_eager() -> None:
    assert model_key(_dev("x", "", "PaperStream IP fi-7160 (x64)")) == "fi7160"
    assert same_model("fi7160", "fujitsufi7160")
    assert not same_model("drc225", "drc240")
    assert not same_model("hp", "hpscanjet")  # too short to be a model number
    assert not same_model("", "")


def test_one_backend_failing_does_not_hide_the_other() -> None:
    wia = Listed("wia", "wia:", [_dev("wia:{1}", "Canon", "LiDE 300")])
    twain = Listed("twain", "twain:", [], failure=NoDeviceError("This scanner driver is not available"))
    assert [d.id for d in CompositeBackend([wia, twain]).list_devices()] == ["wia:{1}"]
    wia.failure = NoDeviceError("WIA is not running")
    with pytest.raises(NoDeviceError, match="WIA is not running"):
        CompositeBackend([wia, twain]).list_devices()


def test_windows_offers_wia_then_twain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    backend = default_backend()
    assert isinstance(backend, CompositeBackend)
    assert [type(b) for b in backend.backends] == [WiaBackend, TwainBackend]


def test_linux_is_sane_alone_without_a_twain_dsm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tb, "twain_available", lambda: False)
    assert isinstance(default_backend(), SaneBackend)


def test_linux_adds_twain_when_a_dsm_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_TWAIN_DSM", str(fake_dsm()))
    backend = default_backend()
    assert isinstance(backend, CompositeBackend)
    ids = [d.id for d in backend.list_devices()]
    assert ids == ["sane:test:0", "sane:test:1", "twain:Kiosk Fake Duplex", "twain:Kiosk Fake Flatbed"]
    result = backend.scan("twain:Kiosk Fake Duplex", ScanSettings(source="duplex", dpi=100, max_pages=2))
    assert len(result.pages) == 2 and {p.source for p in result.pages} == {"twain"}


def test_find_dsm_honours_the_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_TWAIN_DSM", str(fake_dsm()))
    assert tb.find_dsm() == str(fake_dsm()) and tb.twain_available()
    monkeypatch.setenv("KIOSK_TWAIN_DSM", "/nonexistent/libtwaindsm.so")
    assert tb.find_dsm() is None


def test_find_dsm_looks_where_the_linux_dsm_installs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("KIOSK_TWAIN_DSM", raising=False)
    monkeypatch.setattr(tb, "_LINUX_DSM_DIRS", (str(tmp_path / "lib64"), str(tmp_path / "lib")))
    assert tb.find_dsm() is None
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "libtwaindsm.so.2.4.3").write_bytes(b"")  # versioned name only
    assert tb.find_dsm() == str(tmp_path / "lib" / "libtwaindsm.so.2.4.3")

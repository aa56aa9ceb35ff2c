"""Parent side shared by the backends whose driver runs in a child process (SANE, WIA, TWAIN).

The child speaks a small vocabulary of failure kinds (``no_docs``, ``jam``, ``cover_open``,
``busy``, ``cancelled``, ``denied``, ``invalid``, ``io``, ``no_device``, ``no_source``,
``other``), so every platform's driver errors end in the same clear messages.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kiosk.scan.capture.base import (
    CancelToken,
    DeviceInfo,
    PageFn,
    ProgressFn,
    ScanProgress,
    ScanResult,
    ScanSettings,
    SourceKind,
)
from kiosk.scan.capture.process import Message, run_driver
from kiosk.scan.errors import (
    CoverOpenError,
    DeviceBusyError,
    FeederEmptyError,
    NoDeviceError,
    PaperJamError,
    ScanCancelledError,
    ScanError,
)
from kiosk.scan.page import Page

# Whole sentences, one per source: the window translates sentences, not pieces of them.
_NO_SOURCE = {
    "flatbed": "This scanner has no flatbed source; choose another source.",
    "adf": "This scanner has no document feeder; choose another source.",
    "duplex": "This scanner has no duplex source; choose another source.",
    "": "This scanner does not offer the chosen source; choose another source.",
}


def error_for(kind: str, *, page: int, source: SourceKind) -> ScanError:
    """The user-facing error for a driver failure kind at ``page`` (1-based)."""
    if kind == "sane_missing":
        return NoDeviceError(
            "Scanner support is not installed on this computer; install the Debian packages "
            "sane-utils and libsane1 and the Python package python-sane (pip install "
            "'mot-cua-kiosk[sane]'), then list the devices again."
        )
    if kind == "unsupported":
        return NoDeviceError(
            "This scanner driver is not available on this computer; use the scanner list shown."
        )
    if kind == "no_device":
        return NoDeviceError(
            "The scanner was not found; check that it is switched on and connected, "
            "then list the devices again."
        )
    if kind == "bad_option":
        return ScanError("The scanner refused one of the driver options; check the option names and values.")
    if kind == "warming_up":
        return DeviceBusyError("The scanner is warming up; wait a moment and scan again.")
    if kind == "offline":
        return NoDeviceError("The scanner is offline; switch it on, check the cable and scan again.")
    if kind == "no_docs":
        # Two whole sentences (not one with a blank): the window translates sentences.
        if source != "flatbed":
            return FeederEmptyError("The document feeder is empty; put the papers in and scan again.")
        return FeederEmptyError("The scanner is empty; put the papers in and scan again.")
    if kind == "jam":
        return PaperJamError(
            f"Paper jammed at page {page}; open the feeder, remove the paper and scan the rest again."
        )
    if kind == "cover_open":
        return CoverOpenError("The scanner cover is open; close it and scan again.")
    if kind == "busy":
        return DeviceBusyError("The scanner is busy with another program; wait or close that program.")
    if kind == "cancelled":
        return ScanCancelledError("The scan was cancelled at the scanner.")
    if kind == "denied":
        return NoDeviceError(
            "Access to the scanner was denied; ask the administrator for scanner permission."
        )
    if kind == "invalid":
        return ScanError("The scanner rejected the settings; choose another resolution or source.")
    return ScanError("The scanner reported a device error; switch it off and on, then try again.")


class IsolatedBackend:
    name = "isolated"
    prefix = ""
    driver_name = "scanner driver"
    list_timeout_s = 30.0

    def __init__(self, *, child_module: str) -> None:
        self._child = child_module

    def list_devices(self) -> list[DeviceInfo]:
        found: list[dict[str, Any]] = []

        failure: list[ScanError] = []

        def take(msg: Message) -> None:
            if msg[0] == "devices":
                found.extend(msg[1])
            elif msg[0] == "error":
                failure.append(error_for(msg[1], page=0, source="flatbed"))

        run_driver(
            f"{self._child}:child_list",
            {},
            take,
            timeout_s=self.list_timeout_s,
            driver_name=self.driver_name,
            final=("devices", "error"),
        )
        if failure:
            raise failure[0]
        return [
            DeviceInfo(
                id=d["id"],
                vendor=d["vendor"],
                model=d["model"],
                kind=d["kind"],
                sources=tuple(d.get("sources", ("flatbed",))),
                resolutions=tuple(d.get("resolutions", ())),
                colour=bool(d.get("colour", True)),
                max_area_mm=tuple(d.get("max_area_mm", (0.0, 0.0))),  # type: ignore[arg-type]
            )
            for d in found
        ]

    def scan(
        self,
        device_id: str,
        settings: ScanSettings,
        *,
        on_page: PageFn | None = None,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> ScanResult:
        device = device_id.removeprefix(self.prefix)
        pages: list[Page] = []  # only when there is no on_page to hand them to
        count = [0]
        ended: list[str] = []
        failure: list[ScanError] = []

        def take(msg: Message) -> None:
            kind = msg[0]
            if kind == "progress" and progress is not None:
                progress(ScanProgress(page=msg[1], fraction=msg[2]))
            elif kind == "page":
                _, _n, w, h, mode, dpi, data = msg
                arr = np.frombuffer(data, dtype=np.uint8)
                arr = arr.reshape((h, w, 3) if mode == "RGB" else (h, w)).copy()
                page = Page(pixels=arr, dpi=int(dpi), source=self.name)
                count[0] += 1
                if on_page is not None:
                    on_page(page)  # the caller's now: a 100-sheet batch is not held here too
                else:
                    pages.append(page)
            elif kind == "done":
                ended.append(msg[1])
            elif kind == "error":
                if msg[1] == "no_device":
                    failure.append(
                        NoDeviceError(
                            "The scanner was not found; check that it is switched on and connected, "
                            "then list the devices again."
                        )
                    )
                elif msg[1] == "no_source":
                    failure.append(ScanError(_NO_SOURCE.get(settings.source, _NO_SOURCE[""])))
                else:
                    failure.append(error_for(msg[1], page=msg[2], source=settings.source))

        payload = {
            "device": device,
            "source": settings.source,
            "dpi": int(settings.dpi),
            "colour": settings.colour,
            "max_pages": settings.max_pages,
            "area_mm": tuple(settings.area_mm),
            "driver_options": dict(settings.driver_options),
        }
        try:
            run_driver(
                f"{self._child}:child_scan",
                payload,
                take,
                timeout_s=settings.timeout_s,
                cancel=cancel,
                driver_name=self.driver_name,
                final=("done", "error"),
            )
        except ScanError as err:
            err.pages = list(pages)  # type: ignore[attr-defined]
            raise
        if failure:
            first = failure[0]
            first.pages = list(pages)  # type: ignore[attr-defined]
            raise first
        reason = ended[0] if ended else "complete"
        if reason == "cancelled":
            err2 = ScanCancelledError("The scan was cancelled.")
            err2.pages = list(pages)  # type: ignore[attr-defined]
            raise err2
        return ScanResult(pages=pages, ended_by=reason, page_count=count[0])  # type: ignore[arg-type]

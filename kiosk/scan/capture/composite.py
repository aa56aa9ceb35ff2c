"""Several capture backends as one: WIA and TWAIN on Windows, SANE and a TWAIN DSM on Linux.

A scanner with both a WIA (or SANE) and a TWAIN driver would otherwise be listed twice; the
first backend in the list wins, so TWAIN only contributes scanners the others cannot drive.
Names are matched on the model, because vendors spell themselves differently per driver
("FUJITSU" in WIA, "PFU" in TWAIN) and often add the driver's name to the model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kiosk.scan.capture.base import (
    CancelToken,
    DeviceInfo,
    PageFn,
    ProgressFn,
    ScanBackend,
    ScanResult,
    ScanSettings,
)
from kiosk.scan.errors import NoDeviceError, ScanError

_NOISE = {
    "twain",
    "wia",
    "sane",
    "driver",
    "scanner",
    "ds",
    "x64",
    "64bit",
    "32bit",
    "paperstream",
    "ip",
    "isis",
}


def model_key(device: DeviceInfo) -> str:
    """The model as lower-case letters and digits, without driver words."""
    words = re.findall(r"[0-9a-z]+", (device.model or device.label).lower())
    return "".join(w for w in words if w not in _NOISE)


def same_model(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    # "fi7160" inside "fujitsufi7160": only for names specific enough to be a model number
    return len(short) >= 5 and any(ch.isdigit() for ch in short) and short in long_


def _prefix(backend: ScanBackend) -> str:
    return str(getattr(backend, "prefix", f"{backend.name}:"))


class CompositeBackend:
    name = "composite"

    def __init__(self, backends: Sequence[ScanBackend]) -> None:
        self.backends = list(backends)  # in order of preference

    def list_devices(self) -> list[DeviceInfo]:
        devices: list[DeviceInfo] = []
        keys: list[str] = []
        failures: list[ScanError] = []
        for backend in self.backends:
            try:
                found = backend.list_devices()
            except ScanError as err:  # e.g. no TWAIN DSM on this computer: the others still count
                failures.append(err)
                continue
            # Only across backends: two scanners of one model on the same driver are two devices.
            earlier = list(keys)
            for device in found:
                key = model_key(device)
                if any(same_model(key, seen) for seen in earlier):
                    continue
                keys.append(key)
                devices.append(device)
        if failures and len(failures) == len(self.backends):
            raise failures[0]
        return devices

    def scan(
        self,
        device_id: str,
        settings: ScanSettings,
        *,
        on_page: PageFn | None = None,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> ScanResult:
        for backend in self.backends:
            if device_id.startswith(_prefix(backend)):
                return backend.scan(device_id, settings, on_page=on_page, progress=progress, cancel=cancel)
        raise NoDeviceError(
            "The scanner was not found; check that it is switched on and connected, "
            "then list the devices again."
        )

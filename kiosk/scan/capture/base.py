"""One interface for every capture backend: device list, capabilities, scan, progress, cancel.

Backends run the vendor driver in a separate process (see :mod:`.process`), so a driver that
crashes or hangs ends in a clear :class:`~kiosk.scan.errors.ScanError` instead of taking the
counter application down with it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from kiosk.scan.page import Page

SourceKind = Literal["flatbed", "adf", "duplex"]


@dataclass(frozen=True)
class DeviceInfo:
    id: str  # backend-qualified id, e.g. "sane:test:0" or "wia:{...}\\0000"
    vendor: str
    model: str
    kind: str  # "flatbed scanner", "sheetfed scanner", "virtual device", ...
    sources: tuple[SourceKind, ...] = ("flatbed",)
    resolutions: tuple[int, ...] = (200, 300)
    colour: bool = True
    max_area_mm: tuple[float, float] = (210.0, 297.0)

    @property
    def label(self) -> str:
        return f"{self.vendor} {self.model}".strip() or self.id

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "vendor": self.vendor,
            "model": self.model,
            "kind": self.kind,
            "sources": list(self.sources),
            "resolutions": list(self.resolutions),
            "colour": self.colour,
            "max_area_mm": list(self.max_area_mm),
        }


@dataclass(frozen=True)
class ScanSettings:
    source: SourceKind = "flatbed"
    dpi: int = 200
    colour: bool = True
    max_pages: int | None = None  # None: one page on flatbed, until empty on the feeder
    area_mm: tuple[float, float] = (210.0, 297.0)  # A4 portrait
    timeout_s: float = 60.0  # longest silence from the driver before it counts as hung
    # Driver-specific extras (e.g. SANE test-backend fault injection); names as the driver spells them.
    driver_options: dict[str, str | int | float | bool] = field(default_factory=dict)


@dataclass(frozen=True)
class ScanProgress:
    page: int  # 1-based page being scanned
    fraction: float  # 0..1 of the current page
    message: str = ""


EndReason = Literal["complete", "feeder_empty", "cancelled"]


@dataclass
class ScanResult:
    # The pages, unless they went to the caller's ``on_page`` as they arrived (then empty: a
    # feeder batch is not held in memory twice, the caller keeps each page where it wants).
    pages: list[Page]
    ended_by: EndReason
    page_count: int = -1  # pages scanned; -1: len(pages)

    def __post_init__(self) -> None:
        if self.page_count < 0:
            self.page_count = len(self.pages)


class CancelToken:
    """Thread-safe cancel flag shared by the UI and the backend."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


ProgressFn = Callable[[ScanProgress], None]
PageFn = Callable[[Page], None]


class ScanBackend(Protocol):
    name: str

    def list_devices(self) -> list[DeviceInfo]: ...

    def scan(
        self,
        device_id: str,
        settings: ScanSettings,
        *,
        on_page: PageFn | None = None,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> ScanResult:
        """Scan one page (flatbed) or a feeder batch.

        Pages are handed to ``on_page`` as they arrive and are then not kept by the backend
        (``result.pages`` and ``err.pages`` are empty, ``result.page_count`` counts them), so
        pages scanned before a jam are the caller's even though the batch ends in an error.
        Without ``on_page`` the pages come back in ``result.pages`` (or ``err.pages``).
        """
        ...


def default_backend() -> ScanBackend:
    """The platform's scanners as one backend.

    Windows: WIA, plus TWAIN for scanners whose vendor ships only a TWAIN driver (a scanner
    with both is listed once, through WIA). Linux/macOS: SANE, plus TWAIN when a TWAIN DSM is
    installed or ``KIOSK_TWAIN_DSM`` names one.
    """
    from kiosk.scan.capture.composite import CompositeBackend
    from kiosk.scan.capture.twain_backend import TwainBackend, twain_available

    if sys.platform == "win32":
        from kiosk.scan.capture.wia_backend import WiaBackend

        return CompositeBackend([WiaBackend(), TwainBackend()])
    from kiosk.scan.capture.sane_backend import SaneBackend

    if twain_available():
        return CompositeBackend([SaneBackend(), TwainBackend()])
    return SaneBackend()

"""Capture backends behind one interface (:class:`ScanBackend`)."""

from kiosk.scan.capture.base import (
    CancelToken,
    DeviceInfo,
    ScanBackend,
    ScanProgress,
    ScanSettings,
    default_backend,
)

__all__ = ["CancelToken", "DeviceInfo", "ScanBackend", "ScanProgress", "ScanSettings", "default_backend"]

"""Scan errors: each one sentence an officer can act on, never personal data."""

from __future__ import annotations

from kiosk.errors import KioskError


class ScanError(KioskError):
    """Base of every digitisation failure."""

    exit_code = 10


class NoDeviceError(ScanError):
    exit_code = 11


class DeviceBusyError(ScanError):
    exit_code = 11


class FeederEmptyError(ScanError):
    """The feeder had no paper at the start of a batch (an empty feeder at the end is normal)."""

    exit_code = 12


class PaperJamError(ScanError):
    exit_code = 12


class CoverOpenError(ScanError):
    exit_code = 12


class ScanCancelledError(ScanError):
    exit_code = 13


class DriverCrashedError(ScanError):
    exit_code = 14


class DriverTimeoutError(ScanError):
    exit_code = 14


class ImportFormatError(ScanError):
    exit_code = 15


class PdfAssemblyError(ScanError):
    exit_code = 16


class OcrUnavailableError(ScanError):
    exit_code = 17


class SignError(ScanError):
    exit_code = 18


class TokenError(SignError):
    """The PKCS#11 module, token, PIN or key could not be used."""


class VerifyError(ScanError):
    exit_code = 19

"""Errors of the local store: each one clear sentence, never a value from a dossier."""

from __future__ import annotations

from kiosk.errors import KioskError


class StoreError(KioskError):
    """Base of every store error."""


class WrongKeyError(StoreError):
    exit_code = 3


class CorruptStoreError(StoreError):
    exit_code = 4


class DiskFullError(StoreError):
    exit_code = 5


class NotFoundError(StoreError):
    pass


class InvalidTransitionError(StoreError):
    pass


class AccessDeniedError(StoreError):
    exit_code = 6


class AttachmentIntegrityError(StoreError):
    exit_code = 4


WRONG_KEY_MESSAGE = (
    "The passphrase or key does not open this store; check it and try again, or unlock with the recovery key."
)

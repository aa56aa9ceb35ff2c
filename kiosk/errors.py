"""Errors a user can meet. Each carries one clear, actionable sentence (no personal data)."""

from __future__ import annotations


class KioskError(Exception):
    """Base of every user-facing error: ``str(err)`` is shown as is; ``exit_code`` for the CLI."""

    exit_code = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(KioskError):
    exit_code = 2

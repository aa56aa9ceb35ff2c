"""Card errors: each one sentence a counter officer can act on, never personal data."""

from __future__ import annotations

from kiosk.errors import KioskError


class CardError(KioskError):
    """Base of every card-reading failure."""

    exit_code = 3


class NoServiceError(CardError):
    exit_code = 4


class NoReaderError(CardError):
    exit_code = 4


class NoCardError(CardError):
    exit_code = 5


class CardRemovedError(CardError):
    exit_code = 5


class NotAnIdCardError(CardError):
    exit_code = 6


class AccessDeniedError(CardError):
    """The access key (CAN/MRZ) was rejected by the chip."""

    exit_code = 7


class KeyInputError(KioskError):
    """The typed/scanned key material is malformed."""

    exit_code = 2


class CardProtocolError(CardError):
    """The chip answered something a conforming chip would not (bad MAC, bad status)."""


class ParseError(CardError):
    """A data group or structure on the chip is malformed."""


class UnsupportedKeyError(ParseError):
    """A well-formed key on a curve or of a type this app cannot compute with (e.g. brainpoolP224r1)."""


class StatusWordError(CardProtocolError):
    def __init__(self, sw: int, what: str) -> None:
        super().__init__(f"The card refused {what} (status {sw:04X}); lift the card and place it again.")
        self.sw = sw

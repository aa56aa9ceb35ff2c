"""The one place that turns PC/SC return codes into meanings (and user-facing errors)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from smartcard import scard

from kiosk.card.errors import (
    CardError,
    CardRemovedError,
    NoCardError,
    NoReaderError,
    NoServiceError,
)


class Meaning(StrEnum):
    OK = "ok"
    NO_SERVICE = "no_service"  # pcscd / SCardSvr not running (or stopped with the last reader)
    NO_READER = "no_reader"
    NO_CARD = "no_card"
    CARD_REMOVED = "card_removed"
    CARD_RESET = "card_reset"  # another application reset the card: reconnect and start over
    SHARING = "sharing_violation"  # another application holds the card exclusively
    TIMEOUT = "timeout"
    CANCELLED = "cancelled"
    UNRESPONSIVE = "unresponsive_card"
    COMMUNICATION = "communication_error"
    OTHER = "other"


@dataclass(frozen=True)
class PcscMeaning:
    meaning: Meaning
    message: str


_MAP: dict[int, tuple[Meaning, str]] = {
    scard.SCARD_S_SUCCESS: (Meaning.OK, "OK."),
    scard.SCARD_E_NO_SERVICE: (
        Meaning.NO_SERVICE,
        "The smart-card service is not running; start it (pcscd on Linux, Smart Card service on Windows).",
    ),
    scard.SCARD_E_SERVICE_STOPPED: (
        Meaning.NO_SERVICE,
        "The smart-card service stopped (often when the last reader is unplugged); plug the reader in again.",
    ),
    scard.SCARD_E_NO_READERS_AVAILABLE: (
        Meaning.NO_READER,
        "No card reader is connected; plug in the reader.",
    ),
    scard.SCARD_E_UNKNOWN_READER: (Meaning.NO_READER, "The card reader was not found; check its cable."),
    scard.SCARD_E_READER_UNAVAILABLE: (
        Meaning.NO_READER,
        "The card reader stopped responding; unplug it and plug it in again.",
    ),
    scard.SCARD_E_NO_SMARTCARD: (Meaning.NO_CARD, "No card is on the reader; place the ID card on it."),
    scard.SCARD_W_REMOVED_CARD: (
        Meaning.CARD_REMOVED,
        "The card was lifted from the reader during reading; place it again and keep it still.",
    ),
    scard.SCARD_W_RESET_CARD: (Meaning.CARD_RESET, "The card was reset by another program; read it again."),
    scard.SCARD_W_UNPOWERED_CARD: (
        Meaning.CARD_REMOVED,
        "The card lost power; place it again and keep it still.",
    ),
    scard.SCARD_W_UNRESPONSIVE_CARD: (
        Meaning.UNRESPONSIVE,
        "The card does not answer; place it flat in the middle of the reader.",
    ),
    scard.SCARD_W_UNSUPPORTED_CARD: (Meaning.UNRESPONSIVE, "The reader cannot talk to this card."),
    scard.SCARD_E_SHARING_VIOLATION: (
        Meaning.SHARING,
        "Another program is using the card reader; close it and try again.",
    ),
    scard.SCARD_E_TIMEOUT: (Meaning.TIMEOUT, "The card reader timed out; try again."),
    scard.SCARD_E_CANCELLED: (Meaning.CANCELLED, "The operation was cancelled."),
    scard.SCARD_F_COMM_ERROR: (
        Meaning.COMMUNICATION,
        "Communication with the card reader failed; unplug it and plug it in again.",
    ),
    scard.SCARD_E_NOT_TRANSACTED: (
        Meaning.COMMUNICATION,
        "The card stopped answering mid-command; place it again and keep it still.",
    ),
    scard.SCARD_E_PROTO_MISMATCH: (
        Meaning.UNRESPONSIVE,
        "The card and reader could not agree on a protocol.",
    ),
    scard.SCARD_E_INVALID_HANDLE: (
        Meaning.CARD_REMOVED,
        "The connection to the card was lost; read it again.",
    ),
}


def meaning(code: int) -> PcscMeaning:
    code &= 0xFFFFFFFF
    m, msg = _MAP.get(code, (Meaning.OTHER, f"The card reader reported error 0x{code:08X}; try again."))
    return PcscMeaning(m, msg)


def error_for(code: int) -> CardError:
    """The exception to raise for a failing PC/SC call."""
    pm = meaning(code)
    cls: type[CardError] = {
        Meaning.NO_SERVICE: NoServiceError,
        Meaning.NO_READER: NoReaderError,
        Meaning.NO_CARD: NoCardError,
        Meaning.CARD_REMOVED: CardRemovedError,
        Meaning.CARD_RESET: CardRemovedError,
        Meaning.COMMUNICATION: CardRemovedError,
        Meaning.UNRESPONSIVE: CardRemovedError,
    }.get(pm.meaning, CardError)
    err = cls(pm.message)
    err.pcsc_meaning = pm.meaning  # type: ignore[attr-defined]
    return err

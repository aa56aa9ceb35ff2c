"""APDU transport over PC/SC (pyscard's low-level API), with statistics and a redacted trace."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Protocol

from smartcard import scard

from kiosk.card.errors import CardRemovedError, NoReaderError
from kiosk.card.pcsc.errors import error_for
from kiosk.card.protocol.apdu import Command

INS_NAMES = {
    0xA4: "SELECT", 0xB0: "READ BINARY", 0xB1: "READ BINARY(odd)", 0x84: "GET CHALLENGE",
    0x82: "EXTERNAL AUTHENTICATE", 0x22: "MSE:SET AT", 0x86: "GENERAL AUTHENTICATE",
    0x88: "INTERNAL AUTHENTICATE", 0xC0: "GET RESPONSE",
}  # fmt: skip


@dataclass
class Stats:
    apdus: int = 0
    bytes_out: int = 0
    bytes_in: int = 0
    wait_ns: int = 0  # time spent waiting on the reader/card

    def to_json(self) -> dict[str, int]:
        return {"apdus": self.apdus, "bytes_in": self.bytes_in, "bytes_out": self.bytes_out}


# A process-wide ring of recent exchanges for `kiosk card diagnose`: headers and lengths only,
# never payloads (they hold personal data or key material).
TRACE: deque[str] = deque(maxlen=200)
_trace_lock = threading.Lock()


def trace(line: str) -> None:
    with _trace_lock:
        TRACE.append(f"{time.strftime('%H:%M:%S')} {line}")


def describe(cmd: Command, secure: bool) -> str:
    name = INS_NAMES.get(cmd.ins, f"INS {cmd.ins:02X}")
    if cmd.ins == 0xA4 and cmd.p1 in (0x00, 0x02) and len(cmd.data) == 2:
        name += f" file {cmd.data.hex().upper()}"  # file identifiers are public structure
    elif cmd.ins == 0xA4 and cmd.p1 == 0x04:
        name += " application " + cmd.data.hex().upper()
    return (
        f"{'SM ' if secure else ''}{name} {cmd.cla:02X} {cmd.ins:02X} {cmd.p1:02X} {cmd.p2:02X} "
        f"Lc={len(cmd.data)} Le={cmd.le}"
    )


_reader_locks: dict[str, threading.Lock] = {}
_reader_locks_guard = threading.Lock()


def reader_lock(reader: str) -> threading.Lock:
    """This process's lock on one reader, held by a read from its card reset until its PC/SC
    transaction has begun, and by the monitor's probe for its whole exchange.

    Without it the probe's plain SELECT of the ICAO application could land between a read's
    reset and its transaction; the chip, left in the application, then hides EF.CardAccess
    and the read takes a PACE card for a BAC one.
    """
    with _reader_locks_guard:
        return _reader_locks.setdefault(reader, threading.Lock())


class Transport(Protocol):
    stats: Stats
    atr: bytes

    def transmit_raw(self, apdu: bytes) -> tuple[bytes, int]: ...


@dataclass
class PcscTransport:
    """One shared-mode connection to the card in ``reader``."""

    reader: str
    stats: Stats = field(default_factory=Stats)
    atr: bytes = b""
    _ctx: int = 0
    _card: int = 0
    _proto: int = 0
    _in_transaction: bool = False

    @classmethod
    def connect(cls, reader: str | None = None, *, reset: bool = True) -> PcscTransport:
        """Connect in shared mode. ``reset`` starts from a clean chip state (MF selected, no
        session left over from another program or a monitor probe)."""
        t = cls(reader or "")
        rc, t._ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if rc != scard.SCARD_S_SUCCESS:
            raise error_for(rc)
        try:
            if not reader:
                t.reader = t._first_reader_with_card()
            with reader_lock(t.reader):
                t._connect_and_hold(reset)
        except BaseException:
            t.close()
            raise
        return t

    def _connect_and_hold(self, reset: bool) -> None:
        rc, self._card, self._proto = scard.SCardConnect(
            self._ctx,
            self.reader,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        if rc != scard.SCARD_S_SUCCESS:
            raise error_for(rc)
        if reset:
            rc, self._proto = scard.SCardReconnect(
                self._card,
                scard.SCARD_SHARE_SHARED,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
                scard.SCARD_RESET_CARD,
            )
            if rc != scard.SCARD_S_SUCCESS:
                raise error_for(rc)
        rc, _, _, _, atr = scard.SCardStatus(self._card)
        if rc == scard.SCARD_S_SUCCESS:
            self.atr = bytes(atr)
        # Hold the card for the whole read: the secure-messaging session lives in the chip,
        # and one plain APDU or reset from another program (or our own monitor's probe)
        # in the middle would end it. PC/SC makes others' resets wait for the transaction.
        rc = scard.SCardBeginTransaction(self._card)
        if rc != scard.SCARD_S_SUCCESS:
            raise error_for(rc)
        self._in_transaction = True

    def _first_reader_with_card(self) -> str:
        rc, readers = scard.SCardListReaders(self._ctx, [])
        if rc != scard.SCARD_S_SUCCESS or not readers:
            raise error_for(rc if rc != scard.SCARD_S_SUCCESS else scard.SCARD_E_NO_READERS_AVAILABLE)
        rc, states = scard.SCardGetStatusChange(
            self._ctx, 0, [(r, scard.SCARD_STATE_UNAWARE) for r in readers]
        )
        if rc == scard.SCARD_S_SUCCESS:
            for name, state, _atr in states:
                if state & scard.SCARD_STATE_PRESENT and not state & scard.SCARD_STATE_MUTE:
                    return str(name)
        if not readers:
            raise NoReaderError("No card reader is connected; plug in the reader.")
        raise error_for(scard.SCARD_E_NO_SMARTCARD)

    def transmit_raw(self, apdu: bytes) -> tuple[bytes, int]:
        t0 = time.perf_counter_ns()
        rc, resp = scard.SCardTransmit(self._card, self._proto, list(apdu))
        self.stats.wait_ns += time.perf_counter_ns() - t0
        if rc != scard.SCARD_S_SUCCESS:
            trace(f"   <- PC/SC error 0x{rc & 0xFFFFFFFF:08X}")
            raise error_for(rc)
        self.stats.apdus += 1
        self.stats.bytes_out += len(apdu)
        self.stats.bytes_in += len(resp)
        if len(resp) < 2:
            # What a reader returns when the card leaves the field mid-command.
            raise CardRemovedError(
                "The card stopped answering during reading; place it again and keep it still."
            )
        data = bytes(resp[:-2])
        sw = (resp[-2] << 8) | resp[-1]
        # Case-2 responses on T=0 bridges: fetch the rest with GET RESPONSE.
        while (sw >> 8) == 0x61:
            rc, resp = scard.SCardTransmit(self._card, self._proto, [0x00, 0xC0, 0x00, 0x00, sw & 0xFF])
            if rc != scard.SCARD_S_SUCCESS:
                raise error_for(rc)
            self.stats.apdus += 1
            self.stats.bytes_out += 5
            self.stats.bytes_in += len(resp)
            data += bytes(resp[:-2])
            sw = (resp[-2] << 8) | resp[-1]
        return data, sw

    def close(self) -> None:
        if self._card:
            if self._in_transaction:
                # Fails harmlessly when the card was pulled; the disconnect ends it anyway.
                scard.SCardEndTransaction(self._card, scard.SCARD_LEAVE_CARD)
                self._in_transaction = False
            scard.SCardDisconnect(self._card, scard.SCARD_LEAVE_CARD)
            self._card = 0
        if self._ctx:
            scard.SCardReleaseContext(self._ctx)
            self._ctx = 0

    def __enter__(self) -> PcscTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def readers_with_card() -> list[str]:
    """Readers currently holding a (responsive) card, in PC/SC order."""
    rc, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if rc != scard.SCARD_S_SUCCESS:
        raise error_for(rc)
    try:
        rc, readers = scard.SCardListReaders(ctx, [])
        if rc != scard.SCARD_S_SUCCESS or not readers:
            raise error_for(rc if rc != scard.SCARD_S_SUCCESS else scard.SCARD_E_NO_READERS_AVAILABLE)
        rc, states = scard.SCardGetStatusChange(ctx, 0, [(r, scard.SCARD_STATE_UNAWARE) for r in readers])
        if rc != scard.SCARD_S_SUCCESS:
            raise error_for(rc)
        return [
            str(name)
            for name, state, _ in states
            if state & scard.SCARD_STATE_PRESENT and not state & scard.SCARD_STATE_MUTE
        ]
    finally:
        scard.SCardReleaseContext(ctx)


def card_still_present(reader: str, settle_s: float = 0.5) -> bool:
    """After a failure mid-read: is the card still on ``reader`` once the reader has had time
    to report a removal? (Some readers, and vpcd, notice a lifted card only at their next poll;
    reconnecting to a card that has just left can wedge such a driver.)"""
    rc, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if rc != scard.SCARD_S_SUCCESS:
        return False
    try:
        deadline = time.monotonic() + settle_s
        state = scard.SCARD_STATE_UNAWARE
        while True:
            wait_ms = max(0, int((deadline - time.monotonic()) * 1000))
            rc, states = scard.SCardGetStatusChange(ctx, wait_ms, [(reader, state)])
            if rc == scard.SCARD_E_TIMEOUT:
                return True  # nothing changed while we waited
            if rc != scard.SCARD_S_SUCCESS or not states:
                return False
            _, state, _ = states[0]
            if not state & scard.SCARD_STATE_PRESENT or state & scard.SCARD_STATE_MUTE:
                return False
            if wait_ms == 0:
                return True
    finally:
        scard.SCardReleaseContext(ctx)


def list_readers() -> list[str]:
    rc, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if rc != scard.SCARD_S_SUCCESS:
        raise error_for(rc)
    try:
        rc, readers = scard.SCardListReaders(ctx, [])
        if rc == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        if rc != scard.SCARD_S_SUCCESS:
            raise error_for(rc)
        return [str(r) for r in readers]
    finally:
        scard.SCardReleaseContext(ctx)

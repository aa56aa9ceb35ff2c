"""The reader monitor: a thread that tracks the smart-card service, readers and cards.

Pure Python (no Qt); ``ui.card`` wraps it in a QObject. States are explicit so the counter
screen can always say what to do next. It survives the service stopping and restarting
(Windows stops SCardSvr with the last reader; pcscd may be absent), reader hot-plug and
several readers at once. An eMRTD is recognised by selecting the LDS application, not by ATR.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from smartcard import scard

from kiosk.card.lds.files import LDS_AID
from kiosk.card.pcsc.errors import Meaning, meaning
from kiosk.card.pcsc.transport import reader_lock

log = logging.getLogger(__name__)

PNP = "\\\\?PnP?\\Notification"


class ReaderState(StrEnum):
    NO_CARD = "no_card"
    CARD_PRESENT = "card_present"  # a card we have not identified yet
    NOT_EMRTD = "not_emrtd"  # a card, but not an ICAO ID card/passport
    EMRTD = "emrtd"  # an ID card ready to read
    READING = "reading"
    READ_OK = "read_ok"
    READ_FAILED = "read_failed"


class ServiceState(StrEnum):
    NO_SERVICE = "no_service"
    NO_READER = "no_reader"
    READY = "ready"


@dataclass(frozen=True)
class ReaderInfo:
    name: str
    state: ReaderState
    atr: bytes = b""
    message: str = ""


@dataclass(frozen=True)
class MonitorState:
    service: ServiceState
    readers: tuple[ReaderInfo, ...] = field(default_factory=tuple)

    @property
    def summary(self) -> str:
        """The single state a counter screen shows (the most advanced reader wins)."""
        if self.service is not ServiceState.READY:
            return self.service.value
        order = [
            ReaderState.READING, ReaderState.READ_FAILED, ReaderState.READ_OK, ReaderState.EMRTD,
            ReaderState.NOT_EMRTD, ReaderState.CARD_PRESENT, ReaderState.NO_CARD,
        ]  # fmt: skip
        states = {r.state for r in self.readers}
        for s in order:
            if s in states:
                return s.value
        return ServiceState.NO_READER.value

    def reader(self, name: str) -> ReaderInfo | None:
        return next((r for r in self.readers if r.name == name), None)

    def first_with_card(self) -> str | None:
        for r in self.readers:
            if r.state not in (ReaderState.NO_CARD,):
                return r.name
        return None


def probe_emrtd(ctx: int, reader: str) -> tuple[bool, bytes]:
    """Connect shared, SELECT the LDS AID inside a PC/SC transaction, and leave the card as it is.

    The transaction keeps the probe's plain SELECTs out of a read that may already be under
    way (they would break its secure-messaging session); a read waits for the probe the same
    way. The card is not reset on the way out: a reset here would hit a read that began just
    after the probe, and every read resets the chip itself when it connects.
    """
    with reader_lock(reader):
        return _probe(ctx, reader)


def _probe(ctx: int, reader: str) -> tuple[bool, bytes]:
    rc, card, proto = scard.SCardConnect(
        ctx, reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
    )
    if rc != scard.SCARD_S_SUCCESS:
        return False, b""
    in_transaction = False
    try:
        rc, _, _, _, atr = scard.SCardStatus(card)
        for _ in range(3):
            rc = scard.SCardBeginTransaction(card)
            if rc != scard.SCARD_W_RESET_CARD:
                break
            # A read that started meanwhile reset the chip: acknowledge it and queue behind it.
            rc, proto = scard.SCardReconnect(
                card,
                scard.SCARD_SHARE_SHARED,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
                scard.SCARD_LEAVE_CARD,
            )
        in_transaction = rc == scard.SCARD_S_SUCCESS
        if not in_transaction:
            return False, bytes(atr or b"")
        # Only the ICAO application identifies an ID card or passport: EF.CardAccess exists on
        # other PACE cards too (e.g. eID and health cards). 6982: selectable only after PACE.
        rc, resp = scard.SCardTransmit(card, proto, [0x00, 0xA4, 0x04, 0x0C, len(LDS_AID), *LDS_AID])
        found = (
            rc == scard.SCARD_S_SUCCESS
            and len(resp) >= 2
            and (resp[-2], resp[-1]) in ((0x90, 0), (0x69, 0x82))
        )
        return found, bytes(atr or b"")
    finally:
        if in_transaction:
            scard.SCardEndTransaction(card, scard.SCARD_LEAVE_CARD)
        scard.SCardDisconnect(card, scard.SCARD_LEAVE_CARD)


def is_new_card(prev: ReaderInfo | None, before: int, now: int, atr: bytes) -> bool:
    """Did a (possibly different) card arrive, rather than the same card changing in-use flags?

    The high 16 bits of a reader state count card insertions and removals (pcsc-lite and
    WinSCard). Two citizens' cards share one ATR, so when the officer swaps cards faster than
    one status round, only the count tells the second card from the first.
    """
    if prev is None or prev.state is ReaderState.NO_CARD or prev.atr != atr:
        return True
    return (before >> 16) != (now >> 16)


class CardMonitor:
    def __init__(
        self, on_state: Callable[[MonitorState], None], *, probe: bool = True, poll_ms: int = 500
    ) -> None:
        self._on_state = on_state
        self._probe = probe
        self._poll_ms = poll_ms
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ctx = 0
        self._lock = threading.Lock()
        self._marks: dict[str, ReaderState] = {}
        self.state = MonitorState(ServiceState.NO_SERVICE)
        self._published = False

    # -- public -------------------------------------------------------------------------------
    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="card-monitor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        ctx = self._ctx
        if ctx:
            scard.SCardCancel(ctx)
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def mark(self, reader: str, state: ReaderState) -> None:
        """The read orchestration reports reading / read ok / read failed for a reader."""
        with self._lock:
            self._marks[reader] = state
            readers = tuple(replace(r, state=state) if r.name == reader else r for r in self.state.readers)
            self._publish(MonitorState(self.state.service, readers))

    # -- internals ------------------------------------------------------------------------------
    def _publish(self, st: MonitorState) -> None:
        if st != self.state or not self._published:
            self.state = st
            self._published = True
            try:
                self._on_state(st)
            except Exception:  # a UI callback bug must not kill the monitor
                log.exception("card monitor callback failed")

    def _run(self) -> None:
        while not self._stop.is_set():
            rc, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if rc != scard.SCARD_S_SUCCESS:
                with self._lock:
                    self._publish(MonitorState(ServiceState.NO_SERVICE))
                self._stop.wait(1.0)
                continue
            self._ctx = ctx
            try:
                self._watch(ctx)
            finally:
                self._ctx = 0
                scard.SCardReleaseContext(ctx)

    def _watch(self, ctx: int) -> None:
        known: dict[str, int] = {}
        infos: dict[str, ReaderInfo] = {}
        while not self._stop.is_set():
            rc, readers = scard.SCardListReaders(ctx, [])
            if rc not in (scard.SCARD_S_SUCCESS, scard.SCARD_E_NO_READERS_AVAILABLE):
                if meaning(rc).meaning is Meaning.NO_SERVICE:
                    with self._lock:
                        self._publish(MonitorState(ServiceState.NO_SERVICE))
                    return
                readers = []
            readers = [str(r) for r in (readers or []) if r != PNP]
            for gone in set(known) - set(readers):
                known.pop(gone)
                infos.pop(gone, None)
                self._marks.pop(gone, None)
            for r in readers:
                known.setdefault(r, scard.SCARD_STATE_UNAWARE)
            if not readers:
                with self._lock:
                    self._publish(MonitorState(ServiceState.NO_READER))
                rc, _ = scard.SCardGetStatusChange(ctx, self._poll_ms, [(PNP, scard.SCARD_STATE_UNAWARE)])
                if meaning(rc).meaning is Meaning.NO_SERVICE:
                    return
                if rc not in (scard.SCARD_S_SUCCESS, scard.SCARD_E_TIMEOUT):
                    self._stop.wait(self._poll_ms / 1000)
                continue
            query = [(r, known[r]) for r in readers] + [(PNP, scard.SCARD_STATE_UNAWARE)]
            rc, states = scard.SCardGetStatusChange(ctx, self._poll_ms, query)
            if rc == scard.SCARD_E_TIMEOUT:
                states = []
            elif rc != scard.SCARD_S_SUCCESS:
                if meaning(rc).meaning is Meaning.NO_SERVICE:
                    with self._lock:
                        self._publish(MonitorState(ServiceState.NO_SERVICE))
                    return
                if rc == scard.SCARD_E_CANCELLED:
                    return
                self._stop.wait(0.2)
                continue
            for raw_name, event_state, atr in states:
                name = str(raw_name)
                if name == PNP or name not in known:
                    continue
                before = known[name]
                known[name] = event_state & ~scard.SCARD_STATE_CHANGED
                if not event_state & scard.SCARD_STATE_CHANGED and name in infos:
                    continue
                if event_state & scard.SCARD_STATE_PRESENT and not event_state & scard.SCARD_STATE_MUTE:
                    if not is_new_card(infos.get(name), before, event_state, bytes(atr or b"")):
                        continue  # same card, only in-use flags changed
                    st, card_atr = ReaderState.CARD_PRESENT, bytes(atr or b"")
                    if self._probe:
                        ok, _ = probe_emrtd(ctx, name)
                        st = ReaderState.EMRTD if ok else ReaderState.NOT_EMRTD
                    infos[name] = ReaderInfo(name, st, card_atr)
                    self._marks.pop(name, None)
                else:
                    infos[name] = ReaderInfo(name, ReaderState.NO_CARD)
                    self._marks.pop(name, None)
            with self._lock:
                readers_info = tuple(
                    replace(infos[r], state=self._marks[r]) if r in self._marks and r in infos else infos[r]
                    for r in readers
                    if r in infos
                )
                self._publish(MonitorState(ServiceState.READY, readers_info))

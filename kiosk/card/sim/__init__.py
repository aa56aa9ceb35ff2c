"""The simulated CCCD card: a JSON profile served through vpcd, for tests and demo mode.

card = SimulatedCard.from_profile("assets/demo/citizen_demo.json")
card.attach(reader_index=0)   # card placed on "Virtual PCD 00 00"
...
card.remove(); card.insert(); card.stop()
"""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path
from typing import Any

from kiosk.card.sim.chip import Chip, atr
from kiosk.card.sim.pki import export_demo_csca
from kiosk.card.sim.profile import CardImage, SimOptions, build_card, load_profile
from kiosk.card.sim.vpcd import VpcdLink
from kiosk.errors import KioskError

__all__ = ["SimOptions", "SimulatedCard", "SlotBusyError", "export_demo_csca", "reader_name"]


class SlotBusyError(KioskError):
    pass


def _is_extended(apdu: bytes) -> bool:
    """ISO 7816-3 cases 2E/3E/4E: a zero byte where a short APDU has its Lc or Le."""
    return len(apdu) >= 7 and apdu[4] == 0


def reader_name(index: int) -> str:
    return f"Virtual PCD 00 {index:02d}"


class SimulatedCard:
    def __init__(self, image: CardImage, profile: dict[str, Any]) -> None:
        self.image = image
        self.profile = profile
        self.chip = Chip(image)
        self.apdu_count = 0
        self._lock = threading.Lock()
        self._link: VpcdLink | None = None
        self.reader_index = 0
        self.lifted = threading.Event()

    @classmethod
    def from_profile(cls, source: str | Path | dict[str, Any], **options: Any) -> SimulatedCard:
        """Build from a profile path or dict; keyword options override ``SimOptions`` fields."""
        profile, _ = load_profile(source)
        opts = SimOptions.from_json({**profile.get("options", {}), **options})
        return cls(build_card(source, opts), profile)

    @property
    def can(self) -> str | None:
        return self.image.can

    @property
    def reader(self) -> str:
        return reader_name(self.reader_index)

    # -- vpcd callbacks -------------------------------------------------------------------
    def _on_apdu(self, apdu: bytes) -> bytes | None:
        with self._lock:
            opts = self.image.options
            if opts.reader_short_only and _is_extended(apdu):
                return b"\x00"  # never reaches the chip
            if opts.lift_after_apdus is not None and self.apdu_count >= opts.lift_after_apdus:
                opts.lift_after_apdus = None  # lift once; the next insert behaves
                self.lifted.set()
                return None
            idx = self.apdu_count
            self.apdu_count += 1
            if idx in opts.error_at_apdu:
                return opts.error_at_apdu[idx].to_bytes(2, "big")
            return self.chip.process(apdu)

    def _on_reset(self) -> None:
        with self._lock:
            self.chip.reset()

    # -- life cycle ---------------------------------------------------------------------
    def attach(self, reader_index: int = 0, wait: bool = True, timeout: float = 10.0) -> SimulatedCard:
        self.reader_index = reader_index
        self.insert(wait=wait, timeout=timeout)
        return self

    def insert(self, wait: bool = True, timeout: float = 10.0) -> None:
        if self._link is not None and self._link.connected.is_set():
            return
        self.chip.reset()
        self.lifted.clear()
        self._link = VpcdLink(
            self.reader_index, lambda: atr(self.image.options.extended_length), self._on_apdu, self._on_reset
        )
        self._link.start()
        if wait:
            # vpcd accepts one card per slot: until it talks to us, another card holds the slot.
            if not self._link.served.wait(timeout):
                self._link.stop()
                self._link = None
                raise SlotBusyError(
                    f"The virtual reader slot {self.reader_index} is held by another simulated card; "
                    "remove it or use another slot."
                )
            wait_for_card_state(self.reader, present=True)

    def remove(self, wait: bool = True) -> None:
        if self._link is not None:
            self._link.stop()
            self._link = None
        if wait:
            wait_for_card_state(self.reader, present=False)

    def stop(self) -> None:
        """Remove the card and wait until pcscd has seen it go, so the next card in this slot
        is not mistaken for this one."""
        was_attached = self._link is not None
        self.remove(wait=False)
        if was_attached:
            with contextlib.suppress(TimeoutError, RuntimeError):
                wait_for_card_state(self.reader, present=False, timeout=5)

    def wait_lifted(self, timeout: float = 10) -> bool:
        return self.lifted.wait(timeout)

    def __enter__(self) -> SimulatedCard:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_for_card_state(reader: str, present: bool, timeout: float = 10.0) -> None:
    """Block until pcscd reports the card in/out of ``reader`` (vpcd polls, so it lags a bit)."""
    from smartcard.scard import (
        SCARD_S_SUCCESS,
        SCARD_SCOPE_USER,
        SCARD_STATE_PRESENT,
        SCARD_STATE_UNAWARE,
        SCardEstablishContext,
        SCardGetStatusChange,
        SCardReleaseContext,
    )

    rc, ctx = SCardEstablishContext(SCARD_SCOPE_USER)
    if rc != SCARD_S_SUCCESS:
        raise RuntimeError("pcscd is not running")
    try:
        deadline = time.monotonic() + timeout
        state = SCARD_STATE_UNAWARE
        while time.monotonic() < deadline:
            rc, states = SCardGetStatusChange(ctx, 200, [(reader, state)])
            if rc == SCARD_S_SUCCESS and states:
                _, state, _ = states[0]
                if bool(state & SCARD_STATE_PRESENT) == present:
                    return
            else:
                time.sleep(0.05)
        from smartcard.scard import SCardListReaders

        _, readers = SCardListReaders(ctx, [])
        raise TimeoutError(
            f"pcscd did not see the card {'inserted' if present else 'removed'} in {reader} "
            f"within {timeout:g} s (readers pcscd offers: {', '.join(readers or []) or 'none'}; "
            f"pcscd processes running: {_count_pcscd()})"
        )
    finally:
        SCardReleaseContext(ctx)


def _count_pcscd() -> int:
    """How many pcscd processes run: more than one means two daemons fight over vpcd's port."""
    count = 0
    for comm in Path("/proc").glob("[0-9]*/comm"):
        with contextlib.suppress(OSError):
            count += comm.read_text(encoding="ascii", errors="replace").strip() == "pcscd"
    return count

"""Byte parsers never raise anything but their own typed errors on hostile chip data."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.card.errors import CardError, KeyInputError
from kiosk.card.lds.com import encode_com, parse_com
from kiosk.card.lds.dg1 import parse_dg1
from kiosk.card.lds.dg2 import encode_dg2, parse_dg2
from kiosk.card.lds.dg13 import encode_dg13_full, parse_dg13
from kiosk.card.lds.dg14 import parse_dg14
from kiosk.card.lds.dg15 import parse_dg15
from kiosk.card.lds.security_infos import parse_security_infos
from kiosk.card.lds.sod import parse_sod
from kiosk.card.lds.tlv import encode, iter_tlv
from kiosk.card.protocol.apdu import parse_command
from kiosk.card.protocol.secure_messaging import SecureMessaging
from kiosk.card.sim.pki import build_sod, load_signer
from kiosk.card.sim.profile import build_card
from kiosk.card.sim.testing import DEMO_PROFILES

PARSERS = (
    parse_com,
    parse_dg1,
    parse_dg2,
    parse_dg13,
    parse_dg14,
    parse_dg15,
    parse_sod,
    parse_security_infos,
)
SEEDS = [
    encode_com([1, 2, 13]),
    encode_dg13_full({1: "079190001234", 2: "Tên"}, "A", "B", "C"),
    encode_dg2(b"\xff\xd8\xff\xe0" + b"\x00" * 20, 1, 1),
    encode(0x77, encode(0x30, encode(0x06, bytes.fromhex("2A864886F70D010702")))),
    build_sod({1: b"a", 13: b"b"}, load_signer("demo")),
    build_card(DEMO_PROFILES["citizen_demo"]).files[0x010E],  # DG14
    build_card(DEMO_PROFILES["citizen_demo"]).files[0x010F],  # DG15
]
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _mutate(seed: bytes, data: st.DataObject) -> bytes:
    b = bytearray(seed)
    for _ in range(data.draw(st.integers(1, 4))):
        if not b:
            break
        i = data.draw(st.integers(0, len(b) - 1))
        b[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(b)))
    return bytes(b[:cut] if data.draw(st.booleans()) else b)


@FAST
@given(st.binary(max_size=300))
def test_parsers_on_random_bytes(raw: bytes) -> None:
    for parse in PARSERS:
        with contextlib.suppress(CardError, KeyInputError):
            parse(raw)


@FAST
@given(st.data())
def test_parsers_on_mutated_valid_structures(data: st.DataObject) -> None:
    raw = _mutate(data.draw(st.sampled_from(SEEDS)), data)
    for parse in PARSERS:
        with contextlib.suppress(CardError, KeyInputError):
            parse(raw)


@FAST
@given(st.binary(max_size=200))
def test_tlv_and_apdu_parsing(raw: bytes) -> None:
    with contextlib.suppress(CardError):
        list(iter_tlv(raw, with_raw=True))
    with contextlib.suppress(CardError):
        parse_command(raw)


@FAST
@given(st.binary(max_size=120), st.integers(0, 0xFFFF))
def test_secure_messaging_unwrap_of_garbage(raw: bytes, sw: int) -> None:
    for cipher, key in (("3DES", b"\x01" * 16), ("AES", b"\x02" * 16)):
        sm = SecureMessaging(cipher, key, key, 5)
        with contextlib.suppress(CardError):
            sm.unwrap(raw, sw)


class ChipTransport:
    """The simulated chip called in-process (no pcscd), with one answer corrupted: fast enough
    to fuzz the whole read path (secure messaging, PACE, every parser, verification)."""

    def __init__(self, chip, corrupt_at: int, corruption: bytes, mode: str) -> None:  # type: ignore[no-untyped-def]
        from kiosk.card.pcsc.transport import Stats
        from kiosk.card.sim.chip import atr

        self.chip, self.corrupt_at, self.corruption, self.mode = chip, corrupt_at, corruption, mode
        self.stats = Stats()
        self.atr = atr(True)
        self.n = 0

    def transmit_raw(self, apdu: bytes) -> tuple[bytes, int]:
        resp = self.chip.process(apdu)
        if self.n == self.corrupt_at:
            if self.mode == "replace":
                resp = self.corruption + resp[-2:]
            elif self.mode == "flip" and len(resp) > 2:
                i = self.corruption[0] % (len(resp) - 2) if self.corruption else 0
                resp = resp[:i] + bytes([resp[i] ^ 0xFF]) + resp[i + 1 :]
            else:
                resp = resp[: max(2, len(resp) - 1 - (self.corruption[0] if self.corruption else 0))]
        self.n += 1
        self.stats.apdus += 1
        if len(resp) < 2:
            return b"", 0x6F00
        return resp[:-2], int.from_bytes(resp[-2:], "big")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 30), st.binary(max_size=40), st.sampled_from(["replace", "flip", "truncate"]))
def test_whole_read_survives_a_corrupted_answer(corrupt_at: int, corruption: bytes, mode: str) -> None:
    from kiosk.card.keys import AccessKey
    from kiosk.card.reader import read_card
    from kiosk.card.sim.chip import Chip

    chip = Chip(CARD)
    with contextlib.suppress(CardError, KeyInputError):
        read_card(
            "sim", AccessKey.from_can("001234"), transport=ChipTransport(chip, corrupt_at, corruption, mode)
        )


CARD = build_card(DEMO_PROFILES["citizen_demo"])

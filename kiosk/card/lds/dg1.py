"""DG1: the MRZ as stored on the chip."""

from __future__ import annotations

from kiosk.card.errors import KeyInputError
from kiosk.card.lds.mrz import Mrz, parse_mrz
from kiosk.card.lds.tlv import TLVError, encode, find, unwrap


def parse_dg1(data: bytes) -> Mrz:
    raw = find(unwrap(data, 0x61), 0x5F1F)
    if raw is None:
        raise TLVError("DG1 without an MRZ")
    text = raw.decode("ascii", "replace")
    n = len(text)
    width = 30 if n == 90 else 36 if n == 72 else 44 if n == 88 else 0
    if not width:
        raise TLVError("DG1 MRZ of unknown length")
    try:
        return parse_mrz("\n".join(text[i : i + width] for i in range(0, n, width)))
    except KeyInputError as exc:
        raise TLVError("DG1 MRZ") from exc


def encode_dg1(mrz_lines: list[str]) -> bytes:
    return encode(0x61, encode(0x5F1F, "".join(mrz_lines).encode("ascii")))

"""Minimal BER-TLV (ISO/IEC 8825-1) reader/writer.

Hand-written rather than a dependency: the LDS needs only tag/length/value walking (about 60
lines), it must never raise anything but :class:`TLVError` on hostile chip data, and it is
fuzzed with hypothesis in tests/card/test_fuzz.py. CMS/SOD parsing uses asn1crypto instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, overload

from kiosk.card.errors import ParseError


class TLVError(ParseError):
    def __init__(self, what: str = "a data structure") -> None:
        super().__init__(f"The card's data is malformed ({what}); the card may be damaged or not an ID card.")


def read_tlv(data: bytes, pos: int = 0) -> tuple[int, bytes, int]:
    """Parse one TLV at ``pos``; returns (tag, value, next position)."""
    n = len(data)
    if pos >= n:
        raise TLVError("truncated tag")
    start = pos
    tag = data[pos]
    pos += 1
    if tag & 0x1F == 0x1F:
        while True:
            if pos >= n or pos - start > 3:
                raise TLVError("bad tag")
            b = data[pos]
            tag = (tag << 8) | b
            pos += 1
            if not b & 0x80:
                break
    if pos >= n:
        raise TLVError("truncated length")
    ln = data[pos]
    pos += 1
    if ln & 0x80:
        k = ln & 0x7F
        if k == 0 or k > 4 or pos + k > n:
            raise TLVError("bad length")
        ln = int.from_bytes(data[pos : pos + k], "big")
        pos += k
    if pos + ln > n:
        raise TLVError("truncated value")
    return tag, data[pos : pos + ln], pos + ln


def header_length(data: bytes) -> int | None:
    """Total length (header + value) of the TLV starting ``data``, or None if more bytes needed."""
    try:
        if len(data) < 2:
            return None
        pos = 1
        if data[0] & 0x1F == 0x1F:
            while pos < len(data) and data[pos] & 0x80:
                pos += 1
            pos += 1
        if pos >= len(data):
            return None
        ln = data[pos]
        pos += 1
        if ln & 0x80:
            k = ln & 0x7F
            if k == 0 or k > 4:
                raise TLVError("bad length")
            if pos + k > len(data):
                return None
            ln = int.from_bytes(data[pos : pos + k], "big")
            pos += k
        return pos + ln
    except IndexError as exc:  # pragma: no cover - guarded above
        raise TLVError("bad header") from exc


@overload
def iter_tlv(data: bytes, with_raw: Literal[False] = ...) -> Iterator[tuple[int, bytes]]: ...
@overload
def iter_tlv(data: bytes, with_raw: Literal[True]) -> Iterator[tuple[int, bytes, bytes]]: ...
def iter_tlv(data: bytes, with_raw: bool = False) -> Iterator[tuple]:  # type: ignore[type-arg]
    pos = 0
    while pos < len(data):
        if data[pos] in (0x00, 0xFF) and not with_raw:  # padding between objects
            pos += 1
            continue
        tag, value, nxt = read_tlv(data, pos)
        yield (tag, value, data[pos:nxt]) if with_raw else (tag, value)
        pos = nxt


def find(data: bytes, tag: int) -> bytes | None:
    for t, v in iter_tlv(data):
        if t == tag:
            return v
    return None


def unwrap(data: bytes, tag: int) -> bytes:
    """The value of the single outer TLV ``tag`` (a DG's template)."""
    t, v, _ = read_tlv(data)
    if t != tag:
        raise TLVError(f"expected tag {tag:X}")
    return v


def encode(tag: int, value: bytes) -> bytes:
    tb = tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")
    n = len(value)
    if n < 0x80:
        ln = bytes((n,))
    else:
        k = (n.bit_length() + 7) // 8
        ln = bytes((0x80 | k,)) + n.to_bytes(k, "big")
    return tb + ln + value

"""OBJECT IDENTIFIER encoding (only what SecurityInfos and the DG13 header need)."""

from __future__ import annotations

from kiosk.card.lds.tlv import TLVError


def decode_oid(data: bytes) -> str:
    if not data or data[-1] & 0x80:
        raise TLVError("bad object identifier")
    arcs: list[int] = []
    v = 0
    for b in data:
        v = (v << 7) | (b & 0x7F)
        if not b & 0x80:
            arcs.append(v)
            v = 0
    first = min(arcs[0] // 40, 2)
    return ".".join(str(a) for a in [first, arcs[0] - 40 * first, *arcs[1:]])


def encode_oid(oid: str) -> bytes:
    arcs = [int(a) for a in oid.split(".")]
    out = bytearray()
    for arc in [arcs[0] * 40 + arcs[1], *arcs[2:]]:
        chunk = [arc & 0x7F]
        rest = arc >> 7
        while rest:
            chunk.append(0x80 | (rest & 0x7F))
            rest >>= 7
        out += bytes(reversed(chunk))
    return bytes(out)

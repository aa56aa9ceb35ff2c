"""EF.COM: LDS version and the list of data groups present."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.card.lds.files import DG_TAGS, TAG_COM, TAG_DG
from kiosk.card.lds.tlv import TLVError, encode, iter_tlv, unwrap


@dataclass(frozen=True)
class Com:
    lds_version: str
    unicode_version: str
    data_groups: tuple[int, ...]


def parse_com(data: bytes) -> Com:
    body = unwrap(data, TAG_COM)
    lds = uni = ""
    dgs: tuple[int, ...] = ()
    for tag, value in iter_tlv(body):
        if tag == 0x5F01:
            lds = value.decode("ascii", "replace")
        elif tag == 0x5F36:
            uni = value.decode("ascii", "replace")
        elif tag == 0x5C:
            dgs = tuple(TAG_DG[t] for t in value if t in TAG_DG)
    if not dgs:
        raise TLVError("EF.COM without a data group list")
    return Com(lds, uni, dgs)


def encode_com(data_groups: list[int]) -> bytes:
    return encode(
        TAG_COM,
        encode(0x5F01, b"0107")
        + encode(0x5F36, b"040000")
        + encode(0x5C, bytes(DG_TAGS[n] for n in data_groups)),
    )

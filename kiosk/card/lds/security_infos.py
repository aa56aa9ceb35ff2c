"""SecurityInfos (EF.CardAccess, DG14): PACEInfo, ChipAuthenticationInfo, public keys, raw others."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.card.lds.oid import decode_oid, encode_oid
from kiosk.card.lds.tlv import TLVError, encode, iter_tlv, read_tlv

ID_PACE = "0.4.0.127.0.7.2.2.4"
ID_CA = "0.4.0.127.0.7.2.2.3"
ID_PK = "0.4.0.127.0.7.2.2.1"
ID_AA = "2.23.136.1.1.5"

# PACE protocol OID suffix -> (mapping/agreement, cipher, key length)
PACE_PROTOCOLS: dict[str, tuple[str, str, int]] = {
    ID_PACE + ".1.1": ("DH-GM", "3DES", 16),
    ID_PACE + ".1.2": ("DH-GM", "AES", 16),
    ID_PACE + ".1.3": ("DH-GM", "AES", 24),
    ID_PACE + ".1.4": ("DH-GM", "AES", 32),
    ID_PACE + ".2.1": ("ECDH-GM", "3DES", 16),
    ID_PACE + ".2.2": ("ECDH-GM", "AES", 16),
    ID_PACE + ".2.3": ("ECDH-GM", "AES", 24),
    ID_PACE + ".2.4": ("ECDH-GM", "AES", 32),
    ID_PACE + ".3.1": ("DH-IM", "3DES", 16),
    ID_PACE + ".4.2": ("ECDH-IM", "AES", 16),
    ID_PACE + ".6.2": ("ECDH-CAM", "AES", 16),
}


@dataclass(frozen=True)
class PaceInfo:
    oid: str
    version: int
    parameter_id: int | None

    @property
    def mapping(self) -> str:
        return PACE_PROTOCOLS.get(self.oid, ("unknown", "", 0))[0]

    @property
    def cipher(self) -> str:
        return PACE_PROTOCOLS.get(self.oid, ("", "AES", 16))[1]

    @property
    def key_length(self) -> int:
        return PACE_PROTOCOLS.get(self.oid, ("", "AES", 16))[2]

    def encode(self) -> bytes:
        body = encode(0x06, encode_oid(self.oid)) + encode(0x02, bytes((self.version,)))
        if self.parameter_id is not None:
            body += encode(0x02, bytes((self.parameter_id,)))
        return encode(0x30, body)


@dataclass(frozen=True)
class SecurityInfo:
    oid: str
    raw: bytes


@dataclass
class SecurityInfos:
    pace: list[PaceInfo] = field(default_factory=list)
    others: list[SecurityInfo] = field(default_factory=list)

    def oids(self) -> list[str]:
        return [p.oid for p in self.pace] + [o.oid for o in self.others]


def _int(v: bytes) -> int:
    if not v or len(v) > 8:
        raise TLVError("bad integer")
    return int.from_bytes(v, "big", signed=False)


def parse_security_infos(data: bytes) -> SecurityInfos:
    """Parse a DER ``SET OF SecurityInfo`` (the whole of EF.CardAccess, DG14's content)."""
    tag, body, _ = read_tlv(data)
    if tag != 0x31:
        raise TLVError("SecurityInfos")
    out = SecurityInfos()
    for t, v, raw in iter_tlv(body, with_raw=True):
        if t != 0x30:
            raise TLVError("SecurityInfo")
        items = list(iter_tlv(v))
        if not items or items[0][0] != 0x06:
            raise TLVError("SecurityInfo protocol")
        oid = decode_oid(items[0][1])
        if oid.startswith(ID_PACE + ".") and oid.count(".") == 10:
            if len(items) < 2 or items[1][0] != 0x02:
                raise TLVError("PACEInfo version")
            pid = _int(items[2][1]) if len(items) > 2 and items[2][0] == 0x02 else None
            out.pace.append(PaceInfo(oid, _int(items[1][1]), pid))
        else:
            out.others.append(SecurityInfo(oid, raw))
    return out


def encode_security_infos(pace: list[PaceInfo]) -> bytes:
    return encode(0x31, b"".join(p.encode() for p in pace))

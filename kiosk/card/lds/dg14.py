"""DG14: security infos for Chip Authentication (and the Active Authentication algorithm)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.card.lds.oid import decode_oid
from kiosk.card.lds.security_infos import ID_AA, ID_CA, ID_PK, SecurityInfos, parse_security_infos
from kiosk.card.lds.tlv import TLVError, iter_tlv, unwrap


@dataclass(frozen=True)
class Dg14:
    infos: SecurityInfos

    @property
    def chip_authentication(self) -> list[str]:
        return [o.oid for o in self.infos.others if o.oid.startswith(ID_CA + ".")]

    @property
    def chip_authentication_keys(self) -> list[str]:
        return [o.oid for o in self.infos.others if o.oid.startswith(ID_PK + ".")]

    @property
    def active_authentication_algorithm(self) -> str | None:
        """The signature algorithm OID of ActiveAuthenticationInfo (ECDSA AA), if present."""
        for o in self.infos.others:
            if o.oid == ID_AA:
                _, seq = next(iter(iter_tlv(o.raw)))
                items = list(iter_tlv(seq))
                for tag, value in items[2:]:
                    if tag == 0x06:
                        return decode_oid(value)
        return None


def parse_dg14(data: bytes) -> Dg14:
    body = unwrap(data, 0x6E)
    if not body:
        raise TLVError("DG14 empty")
    return Dg14(parse_security_infos(body))

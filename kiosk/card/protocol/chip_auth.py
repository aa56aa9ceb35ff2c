"""Chip Authentication v1 (ICAO 9303-11 section 6.2): ECDH with the chip's static DG14 key.

Success is implicit: the chip switches to session keys only a chip holding the private key can
derive, so the next secure-messaging exchange proves it. The caller must confirm with one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_der_public_key

from kiosk.card.errors import CardProtocolError
from kiosk.card.lds.oid import decode_oid, encode_oid
from kiosk.card.lds.security_infos import ID_CA, ID_PK, SecurityInfos
from kiosk.card.lds.tlv import TLVError, encode, iter_tlv
from kiosk.card.protocol import crypto
from kiosk.card.protocol.apdu import Command
from kiosk.card.protocol.secure_messaging import SecureMessaging

Transmit = Callable[[Command], tuple[bytes, int]]

CA_PROTOCOLS = {
    ID_CA + ".2.1": ("3DES", 16),
    ID_CA + ".2.2": ("AES", 16),
    ID_CA + ".2.3": ("AES", 24),
    ID_CA + ".2.4": ("AES", 32),
}


class ChipAuthUnsupportedError(CardProtocolError):
    pass


UNSUPPORTED_CA_KEY = "The card's Chip Authentication key uses an algorithm or curve this app cannot check."


@dataclass(frozen=True)
class ChipAuthInfo:
    oid: str
    key_id: int | None
    public_key: ec.EllipticCurvePublicKey

    @property
    def cipher(self) -> tuple[str, int]:
        return CA_PROTOCOLS[self.oid]


def find_chip_auth(infos: SecurityInfos) -> ChipAuthInfo | None:
    """The first ECDH ChipAuthenticationInfo with a matching public key, if the card has one.

    Raises :class:`ChipAuthUnsupportedError` when the card offers ECDH Chip Authentication
    but its key is on a curve ``cryptography`` cannot load (e.g. brainpoolP224r1).
    """
    protocols: list[tuple[str, int | None]] = []
    keys: dict[int | None, ec.EllipticCurvePublicKey] = {}
    unsupported = False
    for info in infos.others:
        try:
            (_, seq), *_ = list(iter_tlv(info.raw))
            items = list(iter_tlv(seq, with_raw=True))
            if info.oid in CA_PROTOCOLS:
                key_id = (
                    int.from_bytes(items[2][1], "big") if len(items) > 2 and items[2][0] == 0x02 else None
                )
                protocols.append((info.oid, key_id))
            elif info.oid == ID_PK + ".2" and len(items) > 1:
                key_id = (
                    int.from_bytes(items[2][1], "big") if len(items) > 2 and items[2][0] == 0x02 else None
                )
                pub = load_der_public_key(items[1][2])
                if isinstance(pub, ec.EllipticCurvePublicKey):
                    keys[key_id] = pub
        except UnsupportedAlgorithm:
            unsupported = True
            continue
        except (TLVError, ValueError, TypeError, IndexError):
            continue
    for oid, key_id in protocols:
        pub_key = keys.get(key_id) or (next(iter(keys.values())) if len(keys) == 1 else None)
        if pub_key is not None:
            return ChipAuthInfo(oid, key_id, pub_key)
    if protocols and unsupported:
        raise ChipAuthUnsupportedError(UNSUPPORTED_CA_KEY)
    return None


def session_keys(shared_x: bytes, cipher: str, key_len: int) -> tuple[bytes, bytes]:
    return crypto.kdf(shared_x, crypto.ENC, cipher, key_len), crypto.kdf(
        shared_x, crypto.MAC, cipher, key_len
    )


def perform_chip_auth(transmit: Transmit, info: ChipAuthInfo) -> SecureMessaging:
    """Run CA over the current secure channel; returns the new session (not yet confirmed)."""
    cipher, key_len = info.cipher
    eph = ec.generate_private_key(info.public_key.curve)
    point = eph.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    key_ref = encode(0x84, bytes((info.key_id,))) if info.key_id is not None else b""
    if cipher == "3DES":
        _, sw = transmit(Command(0x00, 0x22, 0x41, 0xA6, encode(0x91, point) + key_ref))
    else:
        _, sw = transmit(Command(0x00, 0x22, 0x41, 0xA4, encode(0x80, encode_oid(info.oid)) + key_ref))
        if sw == 0x9000:
            _, sw = transmit(Command(0x00, 0x86, 0x00, 0x00, encode(0x7C, encode(0x80, point)), le=256))
    if sw != 0x9000:
        raise CardProtocolError(f"The card refused Chip Authentication (status {sw:04X}).")
    shared = eph.exchange(ec.ECDH(), info.public_key)
    ks_enc, ks_mac = session_keys(shared, cipher, key_len)
    return SecureMessaging(cipher, ks_enc, ks_mac, 0)


__all__ = [
    "ChipAuthInfo",
    "ChipAuthUnsupportedError",
    "decode_oid",
    "find_chip_auth",
    "perform_chip_auth",
]

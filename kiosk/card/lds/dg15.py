"""DG15: the Active Authentication public key (SubjectPublicKeyInfo, RSA or EC)."""

from __future__ import annotations

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes
from cryptography.hazmat.primitives.serialization import load_der_public_key

from kiosk.card.lds.tlv import TLVError, encode, unwrap


def parse_dg15(data: bytes) -> PublicKeyTypes:
    body = unwrap(data, 0x6F)
    try:
        return load_der_public_key(body)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise TLVError("DG15 public key") from exc


def encode_dg15(spki_der: bytes) -> bytes:
    return encode(0x6F, spki_der)

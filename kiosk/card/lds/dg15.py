"""DG15: the Active Authentication public key (SubjectPublicKeyInfo, RSA or EC)."""

from __future__ import annotations

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes
from cryptography.hazmat.primitives.serialization import load_der_public_key

from kiosk.card.errors import UnsupportedKeyError
from kiosk.card.lds.tlv import TLVError, encode, unwrap

UNSUPPORTED_AA_KEY = "The card's Active Authentication key uses an algorithm or curve this app cannot check."


def parse_dg15(data: bytes) -> PublicKeyTypes:
    body = unwrap(data, 0x6F)
    try:
        return load_der_public_key(body)
    except UnsupportedAlgorithm as exc:
        # Well-formed but on a curve ``cryptography`` lacks: "not checked", not "malformed".
        raise UnsupportedKeyError(UNSUPPORTED_AA_KEY) from exc
    except (ValueError, TypeError) as exc:
        raise TLVError("DG15 public key") from exc


def encode_dg15(spki_der: bytes) -> bytes:
    return encode(0x6F, spki_der)

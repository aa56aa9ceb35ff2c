"""PACE v2 with ECDH Generic Mapping (ICAO 9303-11 section 4.4, Appendix G.1)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.card.errors import AccessDeniedError, CardProtocolError
from kiosk.card.lds.oid import encode_oid
from kiosk.card.lds.security_infos import PaceInfo
from kiosk.card.lds.tlv import TLVError, encode, find, unwrap
from kiosk.card.protocol import crypto
from kiosk.card.protocol.apdu import Command
from kiosk.card.protocol.ecc import CURVES, Curve, ecdh_x
from kiosk.card.protocol.secure_messaging import SecureMessaging

Transmit = Callable[[Command], tuple[bytes, int]]

PASSWORD_MRZ, PASSWORD_CAN = 1, 2

_INCOMPLETE = "The card's answer during authentication (PACE) was incomplete; place the card again."
# A chip that sends back the terminal's own key is replaying, not agreeing on a key.
_ECHOED = "The card answered authentication with the terminal's own key (PACE); it may not be genuine."


class PaceUnsupportedError(CardProtocolError):
    """The card's PACE flavour is not one we implement (the caller falls back to BAC)."""


@dataclass(frozen=True)
class PaceResult:
    sm: SecureMessaging
    info: PaceInfo
    chip_public_key: bytes  # PK_DH,IC encoded; identifies the session for Chip Authentication


def password_key(password: bytes, password_ref: int) -> bytes:
    """K: SHA-1 of the MRZ information for MRZ passwords, the CAN digits as is."""
    return hashlib.sha1(password).digest() if password_ref == PASSWORD_MRZ else password  # noqa: S324 - mandated by ICAO 9303


def k_pi(password: bytes, password_ref: int, info: PaceInfo) -> bytes:
    return crypto.kdf(password_key(password, password_ref), crypto.PACE_PI, info.cipher, info.key_length)


def decrypt_nonce(kpi: bytes, z: bytes, cipher: str) -> bytes:
    if cipher == "3DES":
        return crypto.des3_decrypt(kpi, z)
    return crypto.aes_decrypt(kpi, z)


def encrypt_nonce(kpi: bytes, s: bytes, cipher: str) -> bytes:
    if cipher == "3DES":
        return crypto.des3_encrypt(kpi, s)
    return crypto.aes_encrypt(kpi, s)


def map_generator(curve: Curve, s: bytes, h: tuple[int, int] | None) -> tuple[int, int]:
    g2 = curve.add(curve.base_mul(int.from_bytes(s, "big")), h)
    if g2 is None:
        raise CardProtocolError("Authentication with the card failed (PACE mapping); place the card again.")
    return g2


def session_keys(shared_x: bytes, info: PaceInfo) -> tuple[bytes, bytes]:
    return (
        crypto.kdf(shared_x, crypto.ENC, info.cipher, info.key_length),
        crypto.kdf(shared_x, crypto.MAC, info.cipher, info.key_length),
    )


def auth_token(ks_mac: bytes, info: PaceInfo, public_key: bytes) -> bytes:
    """T = MAC(KSmac, public key data object 7F49 {06 OID, 86 point})."""
    pk_do = encode(0x7F49, encode(0x06, encode_oid(info.oid)) + encode(0x86, public_key))
    if info.cipher == "3DES":
        return crypto.retail_mac(ks_mac, crypto.pad(pk_do))
    return crypto.aes_cmac(ks_mac, pk_do)[:8]


def mse_set_at(info: PaceInfo, password_ref: int) -> Command:
    data = encode(0x80, encode_oid(info.oid)) + encode(0x83, bytes((password_ref,)))
    if info.parameter_id is not None and info.parameter_id > 18:
        data += encode(0x84, bytes((info.parameter_id,)))
    return Command(0x00, 0x22, 0xC1, 0xA4, data)


def _ga(transmit: Transmit, inner: bytes, last: bool = False) -> bytes:
    cmd = Command(0x00 if last else 0x10, 0x86, 0x00, 0x00, encode(0x7C, inner), le=256)
    data, sw = transmit(cmd)
    if sw != 0x9000:
        if last and (sw == 0x6300 or (sw & 0xFFF0) == 0x63C0 or sw == 0x6982):
            raise AccessDeniedError(
                "The card rejected the access number; check the CAN/ID or MRZ and try again."
            )
        raise CardProtocolError(f"PACE failed with status {sw:04X}; place the card again.")
    try:
        return unwrap(data, 0x7C)
    except TLVError as exc:
        raise CardProtocolError(
            "The card gave a malformed answer during authentication (PACE); place the card again."
        ) from exc


def _keypair(curve: Curve, generator: tuple[int, int] | None = None) -> tuple[int, tuple[int, int]]:
    return curve.keypair(generator)


def perform_pace(
    transmit: Transmit,
    info: PaceInfo,
    password: bytes,
    password_ref: int,
    *,
    keypair: Callable[[Curve, tuple[int, int] | None], tuple[int, tuple[int, int]]] = _keypair,
) -> PaceResult:
    if info.mapping != "ECDH-GM" or info.parameter_id not in CURVES:
        raise PaceUnsupportedError("This card's PACE variant is not supported; using BAC instead.")
    curve = CURVES[info.parameter_id]
    _, sw = transmit(mse_set_at(info, password_ref))
    if sw != 0x9000:
        raise PaceUnsupportedError(f"The card refused to start PACE (status {sw:04X}).")
    z = find(_ga(transmit, b""), 0x80)
    if not z:
        raise CardProtocolError(_INCOMPLETE)
    s = decrypt_nonce(k_pi(password, password_ref, info), z, info.cipher)

    sk_map, pk_map = keypair(curve, None)
    resp = find(_ga(transmit, encode(0x81, curve.encode(pk_map))), 0x82)
    if resp is None:
        raise CardProtocolError(_INCOMPLETE)
    pk_map_ic = curve.decode(resp)
    if pk_map_ic == pk_map:
        raise CardProtocolError(_ECHOED)
    h = curve.mul(sk_map, pk_map_ic)
    g2 = map_generator(curve, s, h)

    sk_dh, pk_dh = keypair(curve, g2)
    resp = find(_ga(transmit, encode(0x83, curve.encode(pk_dh))), 0x84)
    if resp is None:
        raise CardProtocolError(_INCOMPLETE)
    pk_dh_ic_bytes = resp
    pk_dh_ic = curve.decode(resp)
    if pk_dh_ic == pk_dh:
        raise CardProtocolError(_ECHOED)
    # K = SK_DH,IFD * PK_DH,IC is ordinary ECDH (x only): ``cryptography`` does it where it can.
    shared_x = ecdh_x(curve, sk_dh, pk_dh_ic)
    ks_enc, ks_mac = session_keys(shared_x, info)

    t_ifd = auth_token(ks_mac, info, pk_dh_ic_bytes)
    t_ic = find(_ga(transmit, encode(0x85, t_ifd), last=True), 0x86)
    if t_ic is None or not hmac.compare_digest(t_ic, auth_token(ks_mac, info, curve.encode(pk_dh))):
        raise AccessDeniedError("The card could not prove it knows the access number; place the card again.")
    return PaceResult(SecureMessaging(info.cipher, ks_enc, ks_mac, 0), info, pk_dh_ic_bytes)

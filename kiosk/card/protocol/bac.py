"""Basic Access Control (ICAO 9303-11 section 9.7 / 4.3): 3DES mutual authentication."""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.card.errors import AccessDeniedError, CardProtocolError
from kiosk.card.protocol import crypto
from kiosk.card.protocol.apdu import Command
from kiosk.card.protocol.secure_messaging import SecureMessaging

# transmit(command) -> (response data, status word)
Transmit = Callable[[Command], tuple[bytes, int]]


@dataclass(frozen=True)
class BacKeys:
    k_seed: bytes
    k_enc: bytes
    k_mac: bytes

    @classmethod
    def from_mrz_information(cls, mrz_information: str) -> BacKeys:
        seed = hashlib.sha1(mrz_information.encode("ascii")).digest()[:16]  # noqa: S324 - mandated by ICAO 9303
        return cls(seed, crypto.kdf(seed, crypto.ENC), crypto.kdf(seed, crypto.MAC))


@dataclass(frozen=True)
class BacResult:
    sm: SecureMessaging
    rnd_ic: bytes
    rnd_ifd: bytes


def external_authenticate_data(keys: BacKeys, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes) -> bytes:
    e_ifd = crypto.des3_encrypt(keys.k_enc, rnd_ifd + rnd_ic + k_ifd)
    return e_ifd + crypto.retail_mac(keys.k_mac, crypto.pad(e_ifd))


def session_from_response(
    keys: BacKeys, resp: bytes, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes
) -> BacResult:
    if len(resp) != 40:
        raise CardProtocolError(
            "The card gave an answer of the wrong length during authentication (BAC); place the card again."
        )
    e_ic, m_ic = resp[:32], resp[32:]
    if not hmac.compare_digest(crypto.retail_mac(keys.k_mac, crypto.pad(e_ic)), m_ic):
        raise AccessDeniedError(
            "The card rejected the access key; check the MRZ or ID details and try again."
        )
    r = crypto.des3_decrypt(keys.k_enc, e_ic)
    if r[:8] != rnd_ic or r[8:16] != rnd_ifd:
        raise AccessDeniedError(
            "The card rejected the access key; check the MRZ or ID details and try again."
        )
    k_ic = r[16:32]
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=True))
    sm = SecureMessaging(
        "3DES",
        crypto.kdf(seed, crypto.ENC),
        crypto.kdf(seed, crypto.MAC),
        int.from_bytes(rnd_ic[4:] + rnd_ifd[4:], "big"),
    )
    return BacResult(sm, rnd_ic, rnd_ifd)


def perform_bac(transmit: Transmit, keys: BacKeys, *, rng: Callable[[int], bytes] = os.urandom) -> BacResult:
    data, sw = transmit(Command(0x00, 0x84, 0x00, 0x00, le=8))
    if sw != 0x9000 or len(data) != 8:
        raise CardProtocolError(
            f"The card did not start authentication (BAC, status {sw:04X}); place the card again."
        )
    rnd_ifd, k_ifd = rng(8), rng(16)
    cmd_data = external_authenticate_data(keys, data, rnd_ifd, k_ifd)
    resp, sw = transmit(Command(0x00, 0x82, 0x00, 0x00, cmd_data, le=40))
    if sw in (0x6300, 0x6982, 0x6A80) or (sw & 0xFFF0) == 0x63C0:
        raise AccessDeniedError(
            "The card rejected the access key; check the MRZ or ID details and try again."
        )
    if sw != 0x9000:
        raise CardProtocolError(f"BAC authentication failed with status {sw:04X}; place the card again.")
    return session_from_response(keys, resp, data, rnd_ifd, k_ifd)

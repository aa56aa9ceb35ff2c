"""Symmetric primitives of ICAO 9303 Part 11: KDF, ISO padding, 3DES/AES CBC, retail MAC, CMAC."""

from __future__ import annotations

import hashlib

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives import cmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

ENC, MAC, PACE_PI = 1, 2, 3


def pad(data: bytes, block: int = 8) -> bytes:
    """ISO/IEC 9797-1 padding method 2."""
    data = data + b"\x80"
    return data + b"\x00" * (-len(data) % block)


def unpad(data: bytes) -> bytes:
    i = data.rstrip(b"\x00")
    if not i or i[-1] != 0x80:
        raise ValueError("bad padding")
    return i[:-1]


def adjust_parity(key: bytes) -> bytes:
    return bytes((b & 0xFE) | ((bin(b & 0xFE).count("1") + 1) & 1) for b in key)


def kdf(secret: bytes, counter: int, cipher: str = "3DES", key_len: int = 16) -> bytes:
    """Key derivation function of 9303-11 9.7.1 (SHA-1 for 3DES and AES-128, SHA-256 above)."""
    data = secret + counter.to_bytes(4, "big")
    if cipher == "3DES":
        return adjust_parity(hashlib.sha1(data).digest()[:16])  # noqa: S324 - mandated by ICAO 9303
    if key_len == 16:
        return hashlib.sha1(data).digest()[:16]  # noqa: S324 - mandated by ICAO 9303
    return hashlib.sha256(data).digest()[:key_len]


def _k3(key: bytes) -> bytes:
    # Expand 1- and 2-key 3DES to the 24-byte form (same cipher; avoids deprecated key sizes).
    if len(key) == 8:
        return key * 3
    if len(key) == 16:
        return key + key[:8]
    return key


def des3_encrypt(key: bytes, data: bytes, iv: bytes = b"\x00" * 8) -> bytes:
    enc = Cipher(TripleDES(_k3(key)), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def des3_decrypt(key: bytes, data: bytes, iv: bytes = b"\x00" * 8) -> bytes:
    dec = Cipher(TripleDES(_k3(key)), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 (DES, final 3DES); ``data`` already padded."""
    ka, kb = key[:8], key[8:16]
    enc = Cipher(TripleDES(_k3(ka)), modes.CBC(b"\x00" * 8)).encryptor()
    h = (enc.update(data) + enc.finalize())[-8:]
    d = Cipher(TripleDES(_k3(kb)), modes.ECB()).decryptor()  # noqa: S305 - mandated by ICAO 9303
    h = d.update(h) + d.finalize()
    e = Cipher(TripleDES(_k3(ka)), modes.ECB()).encryptor()  # noqa: S305 - mandated by ICAO 9303
    return e.update(h) + e.finalize()


def aes_encrypt(key: bytes, data: bytes, iv: bytes = b"\x00" * 16) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def aes_decrypt(key: bytes, data: bytes, iv: bytes = b"\x00" * 16) -> bytes:
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def aes_ecb(key: bytes, block: bytes) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()  # noqa: S305 - mandated by ICAO 9303
    return enc.update(block) + enc.finalize()


def aes_cmac(key: bytes, data: bytes) -> bytes:
    c = cmac.CMAC(algorithms.AES(key))
    c.update(data)
    return c.finalize()

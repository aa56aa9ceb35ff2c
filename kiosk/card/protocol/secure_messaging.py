"""Secure messaging (ICAO 9303-11 section 9.8) for 3DES (after BAC) and AES (after PACE).

Both directions live here: the terminal wraps commands / unwraps responses, and the simulated
chip unwraps commands / wraps responses with the same code path read backwards.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from kiosk.card.errors import CardProtocolError
from kiosk.card.lds.tlv import TLVError, iter_tlv
from kiosk.card.protocol import crypto
from kiosk.card.protocol.apdu import Command


def _do(tag: int, value: bytes) -> bytes:
    n = len(value)
    if n < 0x80:
        ln = bytes((n,))
    elif n < 0x100:
        ln = bytes((0x81, n))
    else:
        ln = bytes((0x82,)) + n.to_bytes(2, "big")
    return bytes((tag,)) + ln + value


@dataclass
class SecureMessaging:
    cipher: str  # "3DES" or "AES"
    ks_enc: bytes
    ks_mac: bytes
    ssc: int

    @property
    def block(self) -> int:
        return 8 if self.cipher == "3DES" else 16

    # -- primitives ---------------------------------------------------------------------
    def _iv(self) -> bytes:
        if self.cipher == "3DES":
            return b"\x00" * 8
        return crypto.aes_ecb(self.ks_enc, self.ssc.to_bytes(16, "big"))

    def _encrypt(self, data: bytes) -> bytes:
        padded = crypto.pad(data, self.block)
        if self.cipher == "3DES":
            return crypto.des3_encrypt(self.ks_enc, padded)
        return crypto.aes_encrypt(self.ks_enc, padded, self._iv())

    def _decrypt(self, data: bytes) -> bytes:
        if not data or len(data) % self.block:
            raise CardProtocolError(
                "The card's protected answer was damaged (block size); place the card again."
            )
        plain = (
            crypto.des3_decrypt(self.ks_enc, data)
            if self.cipher == "3DES"
            else crypto.aes_decrypt(self.ks_enc, data, self._iv())
        )
        try:
            return crypto.unpad(plain)
        except ValueError as exc:
            raise CardProtocolError(
                "The card's protected answer was damaged (padding); place the card again."
            ) from exc

    def _mac(self, data: bytes) -> bytes:
        ssc = self.ssc.to_bytes(self.block, "big")
        padded = crypto.pad(ssc + data, self.block)
        if self.cipher == "3DES":
            return crypto.retail_mac(self.ks_mac, padded)
        return crypto.aes_cmac(self.ks_mac, padded)[:8]

    # -- terminal side --------------------------------------------------------------------
    def wrap(self, cmd: Command) -> Command:
        self.ssc += 1
        cla = cmd.cla | 0x0C
        header = crypto.pad(bytes((cla, cmd.ins, cmd.p1, cmd.p2)), self.block)
        dos = b""
        if cmd.data:
            if cmd.ins & 1:
                dos += _do(0x85, self._encrypt(cmd.data))
            else:
                dos += _do(0x87, b"\x01" + self._encrypt(cmd.data))
        if cmd.le is not None:
            le_len = 2 if cmd.extended or cmd.le > 256 else 1
            dos += _do(0x97, (cmd.le & (0xFFFF if le_len == 2 else 0xFF)).to_bytes(le_len, "big"))
        mac = self._mac(header + dos)
        body = dos + _do(0x8E, mac)
        extended = cmd.extended or len(body) > 255
        return Command(cla, cmd.ins, cmd.p1, cmd.p2, body, 65536 if extended else 256, extended)

    def unwrap(self, data: bytes, sw: int) -> tuple[bytes, int]:
        """Check and decrypt a protected response; returns (plaintext, status word)."""
        self.ssc += 1
        if sw not in (0x9000, 0x6282) and not data:
            # An unprotected error status. ISO 7816-4 allows it for SM errors (6987/6988), and
            # field chips send 6A82/6982/6700 plain too (JMRTD accepts them all), so refusing
            # would lock out genuine cards. It carries no data, and the reader never trusts a
            # refusal for a file the signed SOD lists (a hidden DG14/DG15 fails CA/AA).
            return b"", sw
        try:
            dos = {t: (v, raw) for t, v, raw in iter_tlv(data, with_raw=True)}
        except TLVError as exc:
            raise CardProtocolError(
                "The card's protected answer was damaged (structure); place the card again."
            ) from exc
        if 0x8E not in dos or 0x99 not in dos:
            raise CardProtocolError("The card's protected answer was damaged (no MAC); place the card again.")
        mac_input = b"".join(dos[t][1] for t in (0x85, 0x87, 0x99) if t in dos)
        if not hmac.compare_digest(self._mac(mac_input), dos[0x8E][0]):
            raise CardProtocolError("The card's response failed its integrity check; place the card again.")
        inner_sw = int.from_bytes(dos[0x99][0], "big")
        plain = b""
        if 0x87 in dos:
            v = dos[0x87][0]
            if not v or v[0] != 0x01:
                raise CardProtocolError(
                    "The card's protected answer was damaged (padding indicator); place the card again."
                )
            plain = self._decrypt(v[1:])
        elif 0x85 in dos:
            plain = self._decrypt(dos[0x85][0])
        return plain, inner_sw

    # -- chip side (simulator) -------------------------------------------------------------
    def unwrap_command(self, cmd: Command) -> Command:
        self.ssc += 1
        if cmd.cla & 0x0C != 0x0C:
            raise CardProtocolError("plain command in a secure session")
        header = crypto.pad(bytes((cmd.cla, cmd.ins, cmd.p1, cmd.p2)), self.block)
        dos = {t: (v, raw) for t, v, raw in iter_tlv(cmd.data, with_raw=True)}
        if 0x8E not in dos:
            raise CardProtocolError("missing MAC")
        mac_input = header + b"".join(dos[t][1] for t in (0x85, 0x87, 0x97) if t in dos)
        if not hmac.compare_digest(self._mac(mac_input), dos[0x8E][0]):
            raise CardProtocolError("bad MAC")
        data = b""
        if 0x87 in dos:
            data = self._decrypt(dos[0x87][0][1:])
        elif 0x85 in dos:
            data = self._decrypt(dos[0x85][0])
        le = None
        if 0x97 in dos:
            le = int.from_bytes(dos[0x97][0], "big") or (65536 if len(dos[0x97][0]) == 2 else 256)
        return Command(cmd.cla & ~0x0C & 0xFF, cmd.ins, cmd.p1, cmd.p2, data, le, cmd.extended)

    def wrap_response(self, data: bytes, sw: int, odd_ins: bool = False) -> bytes:
        self.ssc += 1
        dos = b""
        if data:
            dos += _do(0x85, self._encrypt(data)) if odd_ins else _do(0x87, b"\x01" + self._encrypt(data))
        dos += _do(0x99, sw.to_bytes(2, "big"))
        return dos + _do(0x8E, self._mac(dos)) + sw.to_bytes(2, "big")

"""The simulated CCCD chip: an ICAO 9303 LDS application answering APDUs (PACE, BAC, SM, files).

It behaves like the chips seen in the field where that matters to the reader: PACE is done on
the MF before the application is selected, BAC after; plain reads of protected files get 6982;
READ BINARY past the end returns the remaining bytes with 6282; B1 serves offsets > 0x7FFF.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from kiosk.card.errors import CardProtocolError, ParseError
from kiosk.card.lds.files import FID_CARD_ACCESS, LDS_AID
from kiosk.card.lds.oid import decode_oid
from kiosk.card.lds.tlv import encode, find, unwrap
from kiosk.card.protocol import bac, chip_auth, crypto, pace
from kiosk.card.protocol.apdu import Command, parse_command
from kiosk.card.protocol.ecc import CURVES, ecdh_x
from kiosk.card.protocol.secure_messaging import SecureMessaging
from kiosk.card.sim.profile import CardImage

log = logging.getLogger(__name__)

SW_OK = 0x9000


def _sw(sw: int) -> bytes:
    return sw.to_bytes(2, "big")


def atr(extended_length: bool) -> bytes:
    # Contactless ATR per PC/SC Part 3: 3B 8n 80 01 + historical bytes + TCK. Historical bytes
    # carry the card capabilities (compact TLV 0x73); bit 0x40 of byte 3 = extended Lc/Le.
    hist = bytes((0x80, 0x73, 0x00, 0x21, 0x40 if extended_length else 0x00))
    body = bytes((0x80 | len(hist), 0x80, 0x01)) + hist
    tck = 0
    for b in body:
        tck ^= b
    return b"\x3b" + body + bytes((tck,))


def iso9796_2_sign(key: rsa.RSAPrivateKey, challenge: bytes) -> bytes:
    """ISO/IEC 9796-2 scheme 1 with partial recovery and SHA-1, as passports' RSA AA does."""
    nums = key.private_numbers()
    n, d = nums.public_numbers.n, nums.d
    k = (n.bit_length() + 7) // 8
    m1 = os.urandom(k - 20 - 2)
    m = b"\x6a" + m1 + hashlib.sha1(m1 + challenge).digest() + b"\xbc"  # noqa: S324 - mandated
    sig = pow(int.from_bytes(m, "big"), d, n)
    return min(sig, n - sig).to_bytes(k, "big")


class Chip:
    def __init__(self, image: CardImage) -> None:
        self.image = image
        self.reset()

    def reset(self) -> None:
        self.app_selected = False
        self.current: int | None = None
        self.sm: SecureMessaging | None = None
        self.rnd_ic: bytes | None = None
        self.pace_step = 0
        self.pace_ref = 0
        self._pace: dict[str, object] = {}
        self._pending_sm: SecureMessaging | None = None
        self._ca_oid: str | None = None

    # -- entry point -----------------------------------------------------------------------
    def process(self, apdu: bytes) -> bytes:
        try:
            cmd = parse_command(apdu)
        except CardProtocolError:
            return _sw(0x6700)
        if self.sm is not None and cmd.cla & 0x0C == 0x0C:
            try:
                inner = self.sm.unwrap_command(cmd)
            except (CardProtocolError, ParseError, ValueError):
                self.sm = None  # ISO 7816-4: an SM error ends the secure session
                return _sw(0x6988)
            data, sw = self._dispatch(inner, secure=True)
            out = self.sm.wrap_response(data, sw, odd_ins=bool(inner.ins & 1)) if self.sm else _sw(sw)
            self.activate_pending_session()  # after Chip Authentication: new keys from the next command
            return out
        self.sm = None  # a plain command ends any secure messaging session
        data, sw = self._dispatch(cmd, secure=False)
        self.activate_pending_session()
        return data + _sw(sw)

    def _dispatch(self, cmd: Command, secure: bool) -> tuple[bytes, int]:
        ins = cmd.ins
        if ins == 0xA4:
            return self._select(cmd, secure)
        if ins in (0xB0, 0xB1):
            return self._read_binary(cmd, secure)
        if ins == 0x84:
            return self._get_challenge(cmd)
        if ins == 0x82:
            return self._external_authenticate(cmd)
        if ins == 0x22 and secure and cmd.p1 == 0x41:
            return self._ca_mse(cmd)
        if ins == 0x86 and secure and self._ca_oid is not None:
            return self._ca_general_authenticate(cmd)
        if ins == 0x22:
            return self._mse_set_at(cmd)
        if ins == 0x86:
            return self._general_authenticate(cmd)
        if ins == 0x88 and secure:
            return self._internal_authenticate(cmd)
        return b"", 0x6D00

    # -- files -----------------------------------------------------------------------------
    def _select(self, cmd: Command, secure: bool) -> tuple[bytes, int]:
        if not self.image.options.emrtd:
            return b"", 0x6A82
        if cmd.p1 == 0x04:
            if cmd.data == LDS_AID and self.image.options.lds_application:
                self.app_selected = True
                self.current = None
                return b"", SW_OK
            return b"", 0x6A82
        if cmd.p1 in (0x02, 0x00) and len(cmd.data) == 2:
            fid = int.from_bytes(cmd.data, "big")
            if fid == 0x3F00:
                return b"", 0x6D00  # as on real CCCDs: do not rely on selecting the MF
            if fid == FID_CARD_ACCESS and not self.app_selected and FID_CARD_ACCESS in self.image.files:
                self.current = fid
                return b"", SW_OK
            if not self.app_selected or fid == FID_CARD_ACCESS or fid not in self.image.files:
                return b"", 0x6A82
            if fid == 0x0103:  # DG3 (fingerprints) needs EAC
                return b"", 0x6982
            self.current = fid
            return b"", SW_OK
        return b"", 0x6A86

    def _read_binary(self, cmd: Command, secure: bool) -> tuple[bytes, int]:
        if cmd.ins == 0xB0:
            if cmd.p1 & 0x80:
                return b"", 0x6A81  # short EF identifiers not offered
            offset = (cmd.p1 << 8) | cmd.p2
        else:
            try:
                off = find(cmd.data, 0x54)
            except ParseError:
                off = None
            if off is None:
                return b"", 0x6A80
            offset = int.from_bytes(off, "big")
        if self.current is None:
            return b"", 0x6986
        if self.current != FID_CARD_ACCESS and not secure:
            return b"", 0x6982
        content = self.image.files[self.current]
        le = cmd.le or 256
        if le > 256 and (not self.image.options.extended_length or self.image.options.reject_extended):
            return b"", 0x6700
        limit = self.image.options.wrong_le_limit
        if limit is not None and le > limit:
            return b"", 0x6C00 | (limit & 0xFF)
        le = min(le, self.image.options.max_response)
        if offset > len(content):
            return b"", 0x6B00
        chunk = content[offset : offset + le]
        if cmd.ins == 0xB1:
            chunk = encode(0x53, chunk)
        return chunk, (SW_OK if offset + le <= len(content) else 0x6282)

    # -- BAC -------------------------------------------------------------------------------
    def _get_challenge(self, cmd: Command) -> tuple[bytes, int]:
        if not self.image.options.bac:
            return b"", 0x6D00
        self.rnd_ic = os.urandom(8)
        return self.rnd_ic, SW_OK

    def _external_authenticate(self, cmd: Command) -> tuple[bytes, int]:
        if self.rnd_ic is None or len(cmd.data) != 40:
            return b"", 0x6985
        keys = bac.BacKeys.from_mrz_information(self.image.mrz_information)
        e_ifd, m_ifd = cmd.data[:32], cmd.data[32:]
        rnd_ic, self.rnd_ic = self.rnd_ic, None
        if not hmac.compare_digest(crypto.retail_mac(keys.k_mac, crypto.pad(e_ifd)), m_ifd):
            return b"", 0x6300
        s = crypto.des3_decrypt(keys.k_enc, e_ifd)
        rnd_ifd, rnd_ic2, k_ifd = s[:8], s[8:16], s[16:32]
        if rnd_ic2 != rnd_ic:
            return b"", 0x6300
        k_ic = os.urandom(16)
        e_ic = crypto.des3_encrypt(keys.k_enc, rnd_ic + rnd_ifd + k_ic)
        resp = e_ic + crypto.retail_mac(keys.k_mac, crypto.pad(e_ic))
        seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=True))
        self.sm = SecureMessaging(
            "3DES", crypto.kdf(seed, crypto.ENC), crypto.kdf(seed, crypto.MAC),
            int.from_bytes(rnd_ic[4:] + rnd_ifd[4:], "big"),
        )  # fmt: skip
        # The response itself travels in plain; SM starts with the next command.
        self._pending_sm, self.sm = self.sm, None
        return resp, SW_OK

    # -- PACE ------------------------------------------------------------------------------
    def _mse_set_at(self, cmd: Command) -> tuple[bytes, int]:
        info = self.image.pace_info
        if info is None or cmd.p1 != 0xC1 or cmd.p2 != 0xA4:
            return b"", 0x6A80
        try:
            ref = find(cmd.data, 0x83)
        except ParseError:
            return b"", 0x6A80
        if not ref or ref[0] not in (pace.PASSWORD_MRZ, pace.PASSWORD_CAN):
            return b"", 0x6A80
        if ref[0] == pace.PASSWORD_CAN and not self.image.can:
            return b"", 0x6A88
        self.pace_ref = ref[0]
        self.pace_step = 1
        return b"", SW_OK

    def _general_authenticate(self, cmd: Command) -> tuple[bytes, int]:
        info = self.image.pace_info
        if info is None or self.pace_step == 0:
            return b"", 0x6985
        curve = CURVES[info.parameter_id or 13]
        try:
            inner = unwrap(cmd.data, 0x7C)
        except ParseError:
            return b"", 0x6A80
        st = self._pace
        try:
            if self.pace_step == 1:
                password = (
                    self.image.can.encode() if self.pace_ref == pace.PASSWORD_CAN and self.image.can
                    else self.image.mrz_information.encode()
                )  # fmt: skip
                s = os.urandom(16)
                st["s"] = s
                z = pace.encrypt_nonce(pace.k_pi(password, self.pace_ref, info), s, info.cipher)
                self.pace_step = 2
                return encode(0x7C, encode(0x80, z)), SW_OK
            if self.pace_step == 2:
                pk_map_ifd = curve.decode(find(inner, 0x81) or b"")
                k, pk_map_ic = curve.keypair()
                h = curve.mul(k, pk_map_ifd)
                st["g2"] = pace.map_generator(curve, st["s"], h)  # type: ignore[arg-type]
                self.pace_step = 3
                return encode(0x7C, encode(0x82, curve.encode(pk_map_ic))), SW_OK
            if self.pace_step == 3:
                pk_dh_ifd_bytes = find(inner, 0x83) or b""
                pk_dh_ifd = curve.decode(pk_dh_ifd_bytes)
                k, pk_dh_ic = curve.keypair(st["g2"])  # type: ignore[arg-type]
                shared = ecdh_x(curve, k, pk_dh_ifd)
                ks_enc, ks_mac = pace.session_keys(shared, info)
                st.update(ks_enc=ks_enc, ks_mac=ks_mac, pk_ifd=pk_dh_ifd_bytes, pk_ic=curve.encode(pk_dh_ic))
                self.pace_step = 4
                return encode(0x7C, encode(0x84, curve.encode(pk_dh_ic))), SW_OK
            if self.pace_step == 4:
                t_ifd = find(inner, 0x85) or b""
                expected = pace.auth_token(st["ks_mac"], info, st["pk_ic"])  # type: ignore[arg-type]
                self.pace_step = 0
                if not hmac.compare_digest(t_ifd, expected):
                    return b"", 0x6300
                t_ic = pace.auth_token(st["ks_mac"], info, st["pk_ifd"])  # type: ignore[arg-type]
                self._pending_sm = SecureMessaging(info.cipher, st["ks_enc"], st["ks_mac"], 0)  # type: ignore[arg-type]
                return encode(0x7C, encode(0x86, t_ic)), SW_OK
        except (CardProtocolError, ParseError, ValueError):
            self.pace_step = 0
            return b"", 0x6A80
        return b"", 0x6985

    # -- Chip Authentication ---------------------------------------------------------------
    def _ca_mse(self, cmd: Command) -> tuple[bytes, int]:
        if self.image.ca_key is None or cmd.p2 != 0xA4:
            return b"", 0x6A80
        try:
            oid = find(cmd.data, 0x80)
        except ParseError:
            return b"", 0x6A80
        if oid is None:
            return b"", 0x6A80
        self._ca_oid = decode_oid(oid)
        return b"", SW_OK

    def _ca_general_authenticate(self, cmd: Command) -> tuple[bytes, int]:
        key = self.image.ca_key
        oid, self._ca_oid = self._ca_oid, None
        if key is None or oid not in chip_auth.CA_PROTOCOLS:
            return b"", 0x6A80
        try:
            point = find(unwrap(cmd.data, 0x7C), 0x80) or b""
            peer = ec.EllipticCurvePublicKey.from_encoded_point(key.curve, point)
        except (ParseError, ValueError):
            return b"", 0x6A80
        cipher, key_len = chip_auth.CA_PROTOCOLS[oid]
        ks_enc, ks_mac = chip_auth.session_keys(key.exchange(ec.ECDH(), peer), cipher, key_len)
        self._pending_sm = SecureMessaging(cipher, ks_enc, ks_mac, 0)
        return encode(0x7C, b""), SW_OK

    # -- Active Authentication -----------------------------------------------------------
    def _internal_authenticate(self, cmd: Command) -> tuple[bytes, int]:
        key = self.image.aa_key
        if key is None or len(cmd.data) != 8:
            return b"", 0x6D00 if key is None else 0x6700
        if isinstance(key, rsa.RSAPrivateKey):
            return iso9796_2_sign(key, cmd.data), SW_OK
        der = key.sign(cmd.data, ec.ECDSA(hashes.SHA256()))
        r, s = decode_dss_signature(der)
        return r.to_bytes(32, "big") + s.to_bytes(32, "big"), SW_OK

    def activate_pending_session(self) -> None:
        """After BAC/PACE/CA's last answer went out, the new SM session starts."""
        if self._pending_sm is not None:
            keep_file = self.sm is not None  # CA keeps the selected file; BAC/PACE start afresh
            self.sm, self._pending_sm = self._pending_sm, None
            if not keep_file:
                self.current = None

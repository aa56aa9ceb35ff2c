"""ICAO 9303 Part 11 worked examples (DOMAIN.md): BAC, secure messaging, PACE ECDH-GM, AES SM."""

from __future__ import annotations

import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.card.lds.mrz import check_digit
from kiosk.card.lds.security_infos import PaceInfo
from kiosk.card.lds.tlv import encode, find, unwrap
from kiosk.card.protocol import bac, crypto, pace
from kiosk.card.protocol.apdu import Command, parse_command
from kiosk.card.protocol.ecc import CURVES
from kiosk.card.protocol.secure_messaging import SecureMessaging

H = bytes.fromhex

MRZ_INFO = "L898902C<369080619406236"
RND_IC, RND_IFD = H("4608F91988702212"), H("781723860C06C226")
K_IFD = H("0B795240CB7049B01C19B33E32804F0B")
E_IFD = H("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2")
M_IFD = H("5F1448EEA8AD90A7")
E_IC = H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F")
M_IC = H("2F2D235D074D7449")
KS_ENC, KS_MAC = H("979EC13B1CBFE9DCD01AB0FED307EAE5"), H("F1CB1F1FB5ADF208806B89DC579DC1F8")
SSC = 0x887022120C06C226


def test_check_digits() -> None:
    assert check_digit("L898902C<") == "3"
    assert check_digit("690806") == "1"
    assert check_digit("940623") == "6"
    assert check_digit("D23145890734") == "9"


def test_bac_key_derivation() -> None:
    keys = bac.BacKeys.from_mrz_information(MRZ_INFO)
    assert keys.k_seed == H("239AB9CB282DAF66231DC5A4DF6BFBAE")
    assert keys.k_enc == H("AB94FDECF2674FDFB9B391F85D7F76F2")
    assert keys.k_mac == H("7962D9ECE03D1ACD4C76089DCE131543")


def test_bac_mutual_authentication_and_session_keys() -> None:
    keys = bac.BacKeys.from_mrz_information(MRZ_INFO)
    assert bac.external_authenticate_data(keys, RND_IC, RND_IFD, K_IFD) == E_IFD + M_IFD
    sent: list[bytes] = []

    def transmit(cmd: Command) -> tuple[bytes, int]:
        sent.append(cmd.encode())
        if cmd.ins == 0x84:
            return RND_IC, 0x9000
        return E_IC + M_IC, 0x9000

    rng = iter([RND_IFD, K_IFD])
    result = bac.perform_bac(transmit, keys, rng=lambda n: next(rng))
    assert sent[0] == H("0084000008")
    assert sent[1] == H("0082000028") + E_IFD + M_IFD + H("28")
    assert result.sm.ks_enc == KS_ENC
    assert result.sm.ks_mac == KS_MAC
    assert result.sm.ssc == SSC
    # K.IC recovered from E_IC
    plain = crypto.des3_decrypt(keys.k_enc, E_IC)
    assert plain[16:] == H("0B4F80323EB3191CB04970CB4052790B")


def test_bac_wrong_key_is_access_denied() -> None:
    from kiosk.card.errors import AccessDeniedError

    keys = bac.BacKeys.from_mrz_information("L898902C<369080619406237")
    with pytest.raises(AccessDeniedError):
        bac.session_from_response(keys, E_IC + M_IC, RND_IC, RND_IFD, K_IFD)


def test_sm_select_and_read_binary_3des() -> None:
    sm = SecureMessaging("3DES", KS_ENC, KS_MAC, SSC)
    wrapped = sm.wrap(Command(0x00, 0xA4, 0x02, 0x0C, H("011E")))
    assert wrapped.encode() == H("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800")
    assert sm.unwrap(H("990290008E08FA855A5D4C50A8ED"), 0x9000) == (b"", 0x9000)
    wrapped = sm.wrap(Command(0x00, 0xB0, 0x00, 0x00, le=4))
    assert wrapped.encode() == H("0CB000000D9701048E08ED6705417E96BA5500")
    data, sw = sm.unwrap(H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED"), 0x9000)
    assert (data, sw) == (H("60145F01"), 0x9000)


def test_sm_rejects_a_bad_mac() -> None:
    from kiosk.card.errors import CardProtocolError

    sm = SecureMessaging("3DES", KS_ENC, KS_MAC, SSC + 1)
    with pytest.raises(CardProtocolError):
        sm.unwrap(H("990290008E08FA855A5D4C50A8EE"), 0x9000)


def test_sm_chip_side_mirrors_terminal_side() -> None:
    term = SecureMessaging("3DES", KS_ENC, KS_MAC, SSC + 2)  # after the SELECT of the example
    chip = SecureMessaging("3DES", KS_ENC, KS_MAC, SSC + 2)
    cmd = Command(0x00, 0xB0, 0x00, 0x00, le=4)
    inner = chip.unwrap_command(parse_command(term.wrap(cmd).encode()))
    assert (inner.cla, inner.ins, inner.le) == (0x00, 0xB0, 4)
    resp = chip.wrap_response(H("60145F01"), 0x9000)
    assert resp == H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED") + H("9000")


# -- PACE ECDH-GM brainpoolP256r1 (9303-11 Appendix G.1) ------------------------------------------

PACE_MRZ = "T22000129364081251010318"
INFO = PaceInfo("0.4.0.127.0.7.2.2.4.2.2", 2, 13)
Z = H("95A3A016522EE98D01E76CB6B98B42C3")
S = H("3F00C4D39D153F2B2A214A078D899B22")
SK_MAP_IFD = int("7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99", 16)
SK_MAP_IC = int("498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560", 16)
SK_DH_IFD = int("A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595", 16)
SK_DH_IC = int("107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A", 16)
PACE_KS_ENC, PACE_KS_MAC = H("F5F0E35C0D7161EE6724EE513A0D9A7F"), H("FE251C7858B356B24514B3BD5F4297D1")


def test_pace_password_key_and_nonce() -> None:
    assert hashlib.sha1(PACE_MRZ.encode()).digest() == H("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD")
    kpi = pace.k_pi(PACE_MRZ.encode(), pace.PASSWORD_MRZ, INFO)
    assert kpi == H("89DED1B26624EC1E634C1989302849DD")
    assert pace.decrypt_nonce(kpi, Z, "AES") == S
    assert pace.encrypt_nonce(kpi, S, "AES") == Z


def test_pace_mapping_agreement_and_keys() -> None:
    curve = CURVES[13]
    pk_map_ifd = curve.mul(SK_MAP_IFD, curve.generator)
    pk_map_ic = curve.mul(SK_MAP_IC, curve.generator)
    h = curve.mul(SK_MAP_IFD, pk_map_ic)
    assert h is not None and h == curve.mul(SK_MAP_IC, pk_map_ifd)
    assert h[0] == int("60332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5", 16)
    g2 = pace.map_generator(curve, S, h)
    assert g2[0] == int("8CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2", 16)
    pk_dh_ifd, pk_dh_ic = curve.mul(SK_DH_IFD, g2), curve.mul(SK_DH_IC, g2)
    shared = curve.mul(SK_DH_IFD, pk_dh_ic)
    assert shared is not None and shared == curve.mul(SK_DH_IC, pk_dh_ifd)
    assert shared[0].to_bytes(32, "big") == H(
        "28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925"
    )
    ks_enc, ks_mac = pace.session_keys(shared[0].to_bytes(32, "big"), INFO)
    assert (ks_enc, ks_mac) == (PACE_KS_ENC, PACE_KS_MAC)
    assert pace.auth_token(ks_mac, INFO, curve.encode(pk_dh_ic)) == H("C2B0BD78D94BA866")
    assert pace.auth_token(ks_mac, INFO, curve.encode(pk_dh_ifd)) == H("3ABB9674BCE93C08")


def test_perform_pace_against_the_worked_example() -> None:
    curve = CURVES[13]
    pk_map_ic = curve.mul(SK_MAP_IC, curve.generator)
    state: dict[str, object] = {}
    sent: list[bytes] = []

    def transmit(cmd: Command) -> tuple[bytes, int]:
        sent.append(cmd.encode())
        if cmd.ins == 0x22:
            return b"", 0x9000
        inner = unwrap(cmd.data, 0x7C)
        if not inner:
            return encode(0x7C, encode(0x80, Z)), 0x9000
        if find(inner, 0x81):
            pk_map_ifd = curve.decode(find(inner, 0x81) or b"")
            state["g2"] = pace.map_generator(curve, S, curve.mul(SK_MAP_IC, pk_map_ifd))
            return encode(0x7C, encode(0x82, curve.encode(pk_map_ic))), 0x9000
        if find(inner, 0x83):
            state["pk_ifd"] = find(inner, 0x83)
            state["pk_ic"] = curve.encode(curve.mul(SK_DH_IC, state["g2"]))  # type: ignore[arg-type]
            return encode(0x7C, encode(0x84, state["pk_ic"])), 0x9000  # type: ignore[arg-type]
        state["t_ifd"] = find(inner, 0x85)
        return encode(0x7C, encode(0x86, H("3ABB9674BCE93C08"))), 0x9000

    scalars = iter([SK_MAP_IFD, SK_DH_IFD])

    def keypair(c, gen):  # type: ignore[no-untyped-def]
        k = next(scalars)
        return k, c.mul(k, gen or c.generator)

    result = pace.perform_pace(transmit, INFO, PACE_MRZ.encode(), pace.PASSWORD_MRZ, keypair=keypair)
    assert sent[0] == H("0022C1A40F800A04007F00070202040202830101")
    assert sent[1][:1] == b"\x10" and sent[-1][:1] == b"\x00"  # command chaining on all but the last GA
    assert state["t_ifd"] == H("C2B0BD78D94BA866")
    assert (result.sm.ks_enc, result.sm.ks_mac, result.sm.ssc) == (PACE_KS_ENC, PACE_KS_MAC, 0)


def test_pace_wrong_chip_token_is_access_denied() -> None:
    from kiosk.card.errors import AccessDeniedError

    curve = CURVES[13]

    def transmit(cmd: Command) -> tuple[bytes, int]:
        if cmd.ins == 0x22:
            return b"", 0x9000
        inner = unwrap(cmd.data, 0x7C)
        if not inner:
            return encode(0x7C, encode(0x80, Z)), 0x9000
        if find(inner, 0x81) or find(inner, 0x83):
            k = ec.generate_private_key(curve.curve).public_key().public_numbers()
            tag = 0x82 if find(inner, 0x81) else 0x84
            return encode(0x7C, encode(tag, curve.encode((k.x, k.y)))), 0x9000
        return encode(0x7C, encode(0x86, b"\x00" * 8)), 0x9000

    with pytest.raises(AccessDeniedError):
        pace.perform_pace(transmit, INFO, b"123456", pace.PASSWORD_CAN)


def test_aes_secure_messaging_after_pace() -> None:
    sm = SecureMessaging("AES", PACE_KS_ENC, PACE_KS_MAC, 0)
    wrapped = sm.wrap(Command(0x00, 0xA4, 0x02, 0x0C, H("011E")))
    assert wrapped.encode() == H("0CA4020C1D871101EE0E4724F4465C1BE9C2F73ABDD73A3D8E08835D1B54575C955F00")
    resp = H("990290008E08BEA7B381C494A0799000")
    assert sm.unwrap(resp[:-2], 0x9000) == (b"", 0x9000)
    assert sm.ssc == 2


def test_iso9796_2_active_authentication_signature_checks() -> None:
    from cryptography.hazmat.primitives.asymmetric import rsa

    from kiosk.card.reader import _iso9796_2_verify
    from kiosk.card.sim.chip import iso9796_2_sign

    key = rsa.generate_private_key(65537, 1024)
    challenge = bytes.fromhex("0123456789ABCDEF")
    sig = iso9796_2_sign(key, challenge)
    n = key.public_key().public_numbers().n
    other = (n - int.from_bytes(sig, "big")).to_bytes(len(sig), "big")
    for representative in (sig, other):  # a signer may send s or n - s (ISO 9796-2)
        assert _iso9796_2_verify(key.public_key(), representative, challenge)
        assert not _iso9796_2_verify(key.public_key(), representative, bytes(8))
    assert not _iso9796_2_verify(key.public_key(), bytes(len(sig) - 1) + b"\x01", challenge)

"""The curve table is ICAO's, its constants are the published ones, and the arithmetic agrees
with ``cryptography`` wherever ``cryptography`` has the curve."""

from __future__ import annotations

import dataclasses

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.card.protocol import pace
from kiosk.card.protocol.ecc import CURVES

# ICAO 9303-11 table 6 (standardized domain parameters) for the elliptic curves.
ICAO_TABLE = {
    8: "secp192r1",
    9: "brainpoolP192r1",
    10: "secp224r1",
    11: "brainpoolP224r1",
    12: "secp256r1",
    13: "brainpoolP256r1",
    14: "brainpoolP320r1",
    15: "secp384r1",
    16: "brainpoolP384r1",
    17: "brainpoolP512r1",
    18: "secp521r1",
}

# Leading and trailing 32 bits of each curve's prime p and order n (SEC 2, RFC 5639): with the
# checks below (G on the curve, n*G = infinity) a swapped or mistyped curve cannot pass.
PUBLISHED = {
    8: (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xB4D22831),
    9: (0xC302F41D, 0xE1A86297, 0xC302F41D, 0x9AC4ACC1),
    10: (0xFFFFFFFF, 0x00000001, 0xFFFFFFFF, 0x5C5C2A3D),
    11: (0xD7C134AA, 0x7EC8C0FF, 0xD7C134AA, 0xA5A7939F),
    12: (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFC632551),
    13: (0xA9FB57DB, 0x1F6E5377, 0xA9FB57DB, 0x974856A7),
    14: (0xD35E4720, 0xF1B32E27, 0xD35E4720, 0x44C59311),
    15: (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xCCC52973),
    16: (0x8CB91E82, 0x3107EC53, 0x8CB91E82, 0xE9046565),
    17: (0xAADD9DB8, 0x583A48F3, 0xAADD9DB8, 0x9CA90069),
    18: (0x000001FF, 0xFFFFFFFF, 0x000001FF, 0x91386409),
}


def _top32(v: int, bits: int) -> int:
    return v >> (bits - 32)


def test_the_table_is_icaos() -> None:
    assert {pid: c.name for pid, c in CURVES.items()} == ICAO_TABLE


@pytest.mark.parametrize("pid", sorted(ICAO_TABLE))
def test_constants_are_the_published_ones(pid: int) -> None:
    c = CURVES[pid]
    bits = 544 if pid == 18 else c.p.bit_length()  # P-521: compare 17 whole words
    assert (_top32(c.p, bits), c.p & 0xFFFFFFFF, _top32(c.n, bits), c.n & 0xFFFFFFFF) == PUBLISHED[pid]
    assert c.on_curve(c.generator)
    assert c.mul(c.n, c.generator) is None  # n is G's order ...
    assert c.mul(c.n - 1, c.generator) == (c.gx, (-c.gy) % c.p)  # ... and (n-1)G = -G
    # Hasse: a prime-order curve (cofactor 1) has n within 2*sqrt(p) of p + 1.
    assert abs(c.p + 1 - c.n) <= 2 * (1 << (c.p.bit_length() // 2 + 1))
    if pid in (8, 10, 12, 15, 18):
        assert c.a == c.p - 3  # NIST curves


@pytest.mark.parametrize("pid", sorted(p for p, c in CURVES.items() if c.curve is not None))
def test_curve_matches_cryptography(pid: int) -> None:
    curve = CURVES[pid]
    assert curve.curve is not None
    g = curve.generator
    one = ec.derive_private_key(1, curve.curve).public_key().public_numbers()
    assert g == (one.x, one.y)
    for k in (2, 3, 0xDEADBEEF12345, (1 << (curve.p.bit_length() - 2)) + 12345):
        n = ec.derive_private_key(k, curve.curve).public_key().public_numbers()
        assert curve.mul(k, g) == (n.x, n.y)
    assert curve.decode(curve.encode(g)) == g


def test_cryptography_lacks_exactly_the_three_curves_done_by_hand() -> None:
    assert sorted(p for p, c in CURVES.items() if c.curve is None) == [9, 11, 14]


@pytest.mark.parametrize("pid", [12, 13])
def test_hand_written_path_gives_the_same_results(pid: int) -> None:
    fast = CURVES[pid]
    slow = dataclasses.replace(fast, curve=None)
    k1, k2 = 0x1234567890ABCDEF, 0xFEDCBA0987654321
    assert slow.base_mul(k1) == fast.base_mul(k1)
    assert slow.ecdh_x(k1, fast.base_mul(k2)) == fast.ecdh_x(k1, fast.base_mul(k2))
    s = bytes(range(16))
    h = fast.mul(k2, fast.generator)
    assert pace.map_generator(slow, s, h) == pace.map_generator(fast, s, h)


@pytest.mark.parametrize("pid", [9, 11, 14])
def test_key_agreement_on_curves_without_cryptography(pid: int) -> None:
    c = CURVES[pid]
    k1, p1 = c.keypair()
    k2, p2 = c.keypair()
    assert c.on_curve(p1) and c.on_curve(p2)
    assert 0 < k1 < c.n
    assert c.ecdh_x(k1, p2) == c.ecdh_x(k2, p1)
    assert len(c.ecdh_x(k1, p2)) == c.size
    g2 = pace.map_generator(c, bytes(range(16)), c.mul(k1, p2))
    k3, p3 = c.keypair(g2)
    assert p3 == c.mul(k3, g2) and c.on_curve(p3)


def test_point_addition_and_off_curve_rejection() -> None:
    from kiosk.card.errors import CardProtocolError

    c = CURVES[13]
    g = c.generator
    assert c.add(g, g) == c.mul(2, g)
    assert c.add(c.mul(5, g), c.mul(7, g)) == c.mul(12, g)
    bad = c.encode((g[0], (g[1] + 1) % c.p))
    with pytest.raises(CardProtocolError):
        c.decode(bad)

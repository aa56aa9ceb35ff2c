"""The hand-written curve constants and arithmetic agree with ``cryptography`` on every curve."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.card.protocol.ecc import CURVES


@pytest.mark.parametrize("pid", sorted(CURVES))
def test_curve_matches_cryptography(pid: int) -> None:
    curve = CURVES[pid]
    g = curve.generator
    assert curve.on_curve(g)
    for k in (2, 3, 0xDEADBEEF12345, (1 << (curve.p.bit_length() - 2)) + 12345):
        n = ec.derive_private_key(k, curve.curve).public_key().public_numbers()
        assert curve.mul(k, g) == (n.x, n.y)
    assert curve.decode(curve.encode(g)) == g


def test_point_addition_and_off_curve_rejection() -> None:
    from kiosk.card.errors import CardProtocolError

    c = CURVES[13]
    g = c.generator
    assert c.add(g, g) == c.mul(2, g)
    assert c.add(c.mul(5, g), c.mul(7, g)) == c.mul(12, g)
    bad = c.encode((g[0], (g[1] + 1) % c.p))
    with pytest.raises(CardProtocolError):
        c.decode(bad)

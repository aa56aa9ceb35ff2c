"""Elliptic-curve arithmetic for PACE Generic Mapping.

PACE maps the generator to G' = s*G + H, and ``cryptography`` only multiplies points by its
fixed generator (or returns x-only ECDH secrets), so the few operations on G' are done here in
Jacobian coordinates. Curve constants are the standard ones; tests/card/test_ecc.py checks
them against ``cryptography``'s own generator multiples. Standard-generator work (key pairs,
x-only shared secrets) still goes through ``cryptography``.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.card.errors import CardProtocolError

Point = tuple[int, int] | None  # affine; None is the point at infinity


@dataclass(frozen=True)
class Curve:
    name: str
    p: int
    a: int
    b: int
    curve: ec.EllipticCurve

    @property
    def size(self) -> int:
        return (self.p.bit_length() + 7) // 8

    @property
    def generator(self) -> tuple[int, int]:
        n = ec.derive_private_key(1, self.curve).public_key().public_numbers()
        return n.x, n.y

    def on_curve(self, pt: Point) -> bool:
        if pt is None:
            return False
        x, y = pt
        if not (0 <= x < self.p and 0 <= y < self.p):
            return False
        return (y * y - (x * x * x + self.a * x + self.b)) % self.p == 0

    def encode(self, pt: Point) -> bytes:
        if pt is None:
            raise CardProtocolError("The point at infinity cannot be encoded.")
        return b"\x04" + pt[0].to_bytes(self.size, "big") + pt[1].to_bytes(self.size, "big")

    def decode(self, data: bytes) -> tuple[int, int]:
        if len(data) != 1 + 2 * self.size or data[0] != 0x04:
            raise CardProtocolError(
                "The card sent its key in an unknown form during authentication; place the card again."
            )
        pt = (int.from_bytes(data[1 : 1 + self.size], "big"), int.from_bytes(data[1 + self.size :], "big"))
        if not self.on_curve(pt):
            raise CardProtocolError(
                "The card sent an invalid key during authentication; place the card again."
            )
        return pt

    # -- Jacobian arithmetic ---------------------------------------------------------------
    def _double(self, x: int, y: int, z: int) -> tuple[int, int, int]:
        p = self.p
        if y == 0 or z == 0:
            return 0, 1, 0
        yy = y * y % p
        s = 4 * x * yy % p
        zz = z * z % p
        m = (3 * x * x + self.a * zz * zz) % p
        x3 = (m * m - 2 * s) % p
        y3 = (m * (s - x3) - 8 * yy * yy) % p
        z3 = 2 * y * z % p
        return x3, y3, z3

    def _add(  # noqa: PLR0917 - Jacobian coordinates, kept flat for speed
        self, x1: int, y1: int, z1: int, x2: int, y2: int, z2: int
    ) -> tuple[int, int, int]:
        p = self.p
        if z1 == 0:
            return x2, y2, z2
        if z2 == 0:
            return x1, y1, z1
        z1z1 = z1 * z1 % p
        z2z2 = z2 * z2 % p
        u1 = x1 * z2z2 % p
        u2 = x2 * z1z1 % p
        s1 = y1 * z2 * z2z2 % p
        s2 = y2 * z1 * z1z1 % p
        if u1 == u2:
            if s1 != s2:
                return 0, 1, 0
            return self._double(x1, y1, z1)
        h = (u2 - u1) % p
        r = (s2 - s1) % p
        hh = h * h % p
        hhh = h * hh % p
        v = u1 * hh % p
        x3 = (r * r - hhh - 2 * v) % p
        y3 = (r * (v - x3) - s1 * hhh) % p
        z3 = h * z1 * z2 % p
        return x3, y3, z3

    def _affine(self, x: int, y: int, z: int) -> Point:
        if z == 0:
            return None
        zi = pow(z, -1, self.p)
        zi2 = zi * zi % self.p
        return x * zi2 % self.p, y * zi2 * zi % self.p

    def add(self, a: Point, b: Point) -> Point:
        if a is None:
            return b
        if b is None:
            return a
        return self._affine(*self._add(a[0], a[1], 1, b[0], b[1], 1))

    def mul(self, k: int, pt: Point) -> Point:
        if pt is None or k == 0:
            return None
        # Fixed 4-bit window: ~25% fewer additions than double-and-add, still simple.
        table = [(0, 1, 0), (pt[0], pt[1], 1)]
        for _ in range(14):
            table.append(self._add(*table[-1], pt[0], pt[1], 1))
        acc = (0, 1, 0)
        nibbles = []
        while k:
            nibbles.append(k & 15)
            k >>= 4
        for nib in reversed(nibbles):
            for _ in range(4):
                acc = self._double(*acc)
            if nib:
                acc = self._add(*acc, *table[nib])
        return self._affine(*acc)


CURVES: dict[int, Curve] = {
    # PACE standardized domain parameter IDs (ICAO 9303-11 table 6).
    8: Curve(
        "secp192r1",
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFF,
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFC,
        0x64210519E59C80E70FA7E9AB72243049FEB8DEECC146B9B1,
        ec.SECP192R1(),
    ),
    11: Curve(
        "secp224r1",
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF000000000000000000000001,
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFE,
        0xB4050A850C04B3ABF54132565044B0B7D7BFD8BA270B39432355FFB4,
        ec.SECP224R1(),
    ),
    12: Curve(
        "secp256r1",
        0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF,
        0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC,
        0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B,
        ec.SECP256R1(),
    ),
    13: Curve(
        "brainpoolP256r1",
        0xA9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377,
        0x7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9,
        0x26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6,
        ec.BrainpoolP256R1(),
    ),
    15: Curve(
        "secp384r1",
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFF,
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFC,
        0xB3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875AC656398D8A2ED19D2A85C8EDD3EC2AEF,
        ec.SECP384R1(),
    ),
    16: Curve(
        "brainpoolP384r1",
        0x8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B412B1DA197FB71123ACD3A729901D1A71874700133107EC53,
        0x7BC382C63D8C150C3C72080ACE05AFA0C2BEA28E4FB22787139165EFBA91F90F8AA5814A503AD4EB04A8C7DD22CE2826,
        0x04A8C7DD22CE28268B39B55416F0447C2FB77DE107DCD2A62E880EA53EEB62D57CB4390295DBC9943AB78696FA504C11,
        ec.BrainpoolP384R1(),
    ),
    17: Curve(
        "brainpoolP512r1",
        int(
            "AADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA703308717D4D9B009BC66842AECDA12AE6A380E6"
            "2881FF2F2D82C68528AA6056583A48F3",
            16,
        ),
        int(
            "7830A3318B603B89E2327145AC234CC594CBDD8D3DF91610A83441CAEA9863BC2DED5D5AA8253AA10A2EF1C98B9AC8B5"
            "7F1117A72BF2C7B9E7C1AC4D77FC94CA",
            16,
        ),
        int(
            "3DF91610A83441CAEA9863BC2DED5D5AA8253AA10A2EF1C98B9AC8B57F1117A72BF2C7B9E7C1AC4D77FC94CADC083E67"
            "984050B75EBAE5DD2809BD638016F723",
            16,
        ),
        ec.BrainpoolP512R1(),
    ),
    18: Curve(
        "secp521r1",
        (1 << 521) - 1,
        (1 << 521) - 4,
        int(
            "0051953EB9618E1C9A1F929A21A0B68540EEA2DA725B99B315F3B8B489918EF109E156193951EC7E937B1652C0BD3BB1"
            "BF073573DF883D2C34F1EF451FD46B503F00",
            16,
        ),
        ec.SECP521R1(),
    ),
}


def ecdh_x(curve: Curve, private: ec.EllipticCurvePrivateKey, peer: tuple[int, int]) -> bytes:
    """x-coordinate of private*peer via ``cryptography`` (peer validated on the curve)."""
    pub = ec.EllipticCurvePublicNumbers(peer[0], peer[1], curve.curve).public_key()
    return private.exchange(ec.ECDH(), pub)

"""Elliptic-curve arithmetic for PACE Generic Mapping.

PACE maps the generator to G' = s*G + H, and ``cryptography`` only multiplies points by its
fixed generator (or returns x-only ECDH secrets), so the few operations on G' are done here in
Jacobian coordinates. ``cryptography`` also lacks three of ICAO's standardized curves
(brainpoolP192r1, P224r1, P320r1): on those every operation uses the arithmetic here. Where
``cryptography`` has the curve, standard-generator work (key pairs, x-only shared secrets)
still goes through it, for speed. tests/card/test_ecc.py pins every constant (generator on
the curve, n*G = infinity, agreement with ``cryptography``).
"""

from __future__ import annotations

import secrets
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
    gx: int
    gy: int
    n: int  # order of G; every standardized PACE curve has cofactor 1
    curve: ec.EllipticCurve | None = None  # ``cryptography``'s curve where it has one (faster)

    @property
    def size(self) -> int:
        return (self.p.bit_length() + 7) // 8

    @property
    def generator(self) -> tuple[int, int]:
        return self.gx, self.gy

    def base_mul(self, k: int) -> tuple[int, int]:
        """k*G for 0 < k < n."""
        if self.curve is not None:
            pub = ec.derive_private_key(k, self.curve).public_key().public_numbers()
            return pub.x, pub.y
        pt = self.mul(k, self.generator)
        if pt is None:
            raise CardProtocolError(
                "Authentication with the card failed (key out of range); place the card again."
            )
        return pt

    def keypair(self, generator: tuple[int, int] | None = None) -> tuple[int, tuple[int, int]]:
        """A fresh private scalar and its public point on ``generator`` (default G)."""
        k = secrets.randbelow(self.n - 1) + 1
        if generator is None:
            return k, self.base_mul(k)
        pt = self.mul(k, generator)
        if pt is None:
            raise CardProtocolError(
                "Authentication with the card failed (PACE mapping); place the card again."
            )
        return k, pt

    def ecdh_x(self, k: int, peer: tuple[int, int]) -> bytes:
        """x-coordinate of k*peer (peer must already be validated on the curve)."""
        if self.curve is not None:
            pub = ec.EllipticCurvePublicNumbers(peer[0], peer[1], self.curve).public_key()
            return ec.derive_private_key(k, self.curve).exchange(ec.ECDH(), pub)
        pt = self.mul(k, peer)
        if pt is None:
            raise CardProtocolError(
                "The card sent an invalid key during authentication; place the card again."
            )
        return pt[0].to_bytes(self.size, "big")

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
    # PACE standardized domain parameter IDs (ICAO 9303-11 section 9.5.1, table 6); constants
    # from SEC 2 (secp*) and RFC 5639 (brainpool*). Field order: p, a, b, Gx, Gy, n.
    # ``cryptography`` has no brainpoolP192r1, P224r1 or P320r1 (curve None: arithmetic here).
    8: Curve(
        "secp192r1",
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFF,
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFC,
        0x64210519E59C80E70FA7E9AB72243049FEB8DEECC146B9B1,
        0x188DA80EB03090F67CBF20EB43A18800F4FF0AFD82FF1012,
        0x07192B95FFC8DA78631011ED6B24CDD573F977A11E794811,
        0xFFFFFFFFFFFFFFFFFFFFFFFF99DEF836146BC9B1B4D22831,
        ec.SECP192R1(),
    ),
    9: Curve(
        "brainpoolP192r1",
        0xC302F41D932A36CDA7A3463093D18DB78FCE476DE1A86297,
        0x6A91174076B1E0E19C39C031FE8685C1CAE040E5C69A28EF,
        0x469A28EF7C28CCA3DC721D044F4496BCCA7EF4146FBF25C9,
        0xC0A0647EAAB6A48753B033C56CB0F0900A2F5C4853375FD6,
        0x14B690866ABD5BB88B5F4828C1490002E6773FA2FA299B8F,
        0xC302F41D932A36CDA7A3462F9E9E916B5BE8F1029AC4ACC1,
        None,
    ),
    10: Curve(
        "secp224r1",
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF000000000000000000000001,
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFE,
        0xB4050A850C04B3ABF54132565044B0B7D7BFD8BA270B39432355FFB4,
        0xB70E0CBD6BB4BF7F321390B94A03C1D356C21122343280D6115C1D21,
        0xBD376388B5F723FB4C22DFE6CD4375A05A07476444D5819985007E34,
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFF16A2E0B8F03E13DD29455C5C2A3D,
        ec.SECP224R1(),
    ),
    11: Curve(
        "brainpoolP224r1",
        0xD7C134AA264366862A18302575D1D787B09F075797DA89F57EC8C0FF,
        0x68A5E62CA9CE6C1C299803A6C1530B514E182AD8B0042A59CAD29F43,
        0x2580F63CCFE44138870713B1A92369E33E2135D266DBB372386C400B,
        0x0D9029AD2C7E5CF4340823B2A87DC68C9E4CE3174C1E6EFDEE12C07D,
        0x58AA56F772C0726F24C6B89E4ECDAC24354B9E99CAA3F6D3761402CD,
        0xD7C134AA264366862A18302575D0FB98D116BC4B6DDEBCA3A5A7939F,
        None,
    ),
    12: Curve(
        "secp256r1",
        0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF,
        0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC,
        0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B,
        0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
        0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5,
        0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
        ec.SECP256R1(),
    ),
    13: Curve(
        "brainpoolP256r1",
        0xA9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377,
        0x7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9,
        0x26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6,
        0x8BD2AEB9CB7E57CB2C4B482FFC81B7AFB9DE27E1E3BD23C23A4453BD9ACE3262,
        0x547EF835C3DAC4FD97F8461A14611DC9C27745132DED8E545C1D54C72F046997,
        0xA9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7,
        ec.BrainpoolP256R1(),
    ),
    14: Curve(
        "brainpoolP320r1",
        0xD35E472036BC4FB7E13C785ED201E065F98FCFA6F6F40DEF4F92B9EC7893EC28FCD412B1F1B32E27,
        0x3EE30B568FBAB0F883CCEBD46D3F3BB8A2A73513F5EB79DA66190EB085FFA9F492F375A97D860EB4,
        0x520883949DFDBC42D3AD198640688A6FE13F41349554B49ACC31DCCD884539816F5EB4AC8FB1F1A6,
        0x43BD7E9AFB53D8B85289BCC48EE5BFE6F20137D10A087EB6E7871E2A10A599C710AF8D0D39E20611,
        0x14FDD05545EC1CC8AB4093247F77275E0743FFED117182EAA9C77877AAAC6AC7D35245D1692E8EE1,
        0xD35E472036BC4FB7E13C785ED201E065F98FCFA5B68F12A32D482EC7EE8658E98691555B44C59311,
        None,
    ),
    15: Curve(
        "secp384r1",
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFF,
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFC,
        0xB3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875AC656398D8A2ED19D2A85C8EDD3EC2AEF,
        0xAA87CA22BE8B05378EB1C71EF320AD746E1D3B628BA79B9859F741E082542A385502F25DBF55296C3A545E3872760AB7,
        0x3617DE4A96262C6F5D9E98BF9292DC29F8F41DBD289A147CE9DA3113B5F0B8C00A60B1CE1D7E819D7A431D7C90EA0E5F,
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973,
        ec.SECP384R1(),
    ),
    16: Curve(
        "brainpoolP384r1",
        0x8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B412B1DA197FB71123ACD3A729901D1A71874700133107EC53,
        0x7BC382C63D8C150C3C72080ACE05AFA0C2BEA28E4FB22787139165EFBA91F90F8AA5814A503AD4EB04A8C7DD22CE2826,
        0x04A8C7DD22CE28268B39B55416F0447C2FB77DE107DCD2A62E880EA53EEB62D57CB4390295DBC9943AB78696FA504C11,
        0x1D1C64F068CF45FFA2A63A81B7C13F6B8847A3E77EF14FE3DB7FCAFE0CBD10E8E826E03436D646AAEF87B2E247D4AF1E,
        0x8ABE1D7520F9C2A45CB1EB8E95CFD55262B70B29FEEC5864E19C054FF99129280E4646217791811142820341263C5315,
        0x8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B31F166E6CAC0425A7CF3AB6AF6B7FC3103B883202E9046565,
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
        int(
            "81AEE4BDD82ED9645A21322E9C4C6A9385ED9F70B5D916C1B43B62EEF4D0098EFF3B1F78E2D0D48D50D1687B93B97D5F"
            "7C6D5047406A5E688B352209BCB9F822",
            16,
        ),
        int(
            "7DDE385D566332ECC0EABFA9CF7822FDF209F70024A57B1AA000C55B881F8111B2DCDE494A5F485E5BCA4BD88A2763AE"
            "D1CA2B2FA8F0540678CD1E0F3AD80892",
            16,
        ),
        int(
            "AADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA70330870553E5C414CA92619418661197FAC1047"
            "1DB1D381085DDADDB58796829CA90069",
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
        int(
            "00C6858E06B70404E9CD9E3ECB662395B4429C648139053FB521F828AF606B4D3DBAA14B5E77EFE75928FE1DC127A2FF"
            "A8DE3348B3C1856A429BF97E7E31C2E5BD66",
            16,
        ),
        int(
            "011839296A789A3BC0045C8A5FB42C7D1BD998F54449579B446817AFBD17273E662C97EE72995EF42640C550B9013FAD"
            "0761353C7086A272C24088BE94769FD16650",
            16,
        ),
        int(
            "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F70"
            "9A5D03BB5C9B8899C47AEBB6FB71E91386409",
            16,
        ),
        ec.SECP521R1(),
    ),
}


def ecdh_x(curve: Curve, private: int, peer: tuple[int, int]) -> bytes:
    """x-coordinate of private*peer (peer validated on the curve by ``Curve.decode``)."""
    return curve.ecdh_x(private, peer)

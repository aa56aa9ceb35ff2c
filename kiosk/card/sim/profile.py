"""Build a simulated chip's files (EF.COM, DG1, DG2, DG13, DG14, DG15, SOD) from a JSON profile."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from kiosk.card.lds.com import encode_com
from kiosk.card.lds.dg1 import encode_dg1
from kiosk.card.lds.dg2 import encode_dg2
from kiosk.card.lds.dg13 import encode_dg13_full
from kiosk.card.lds.dg15 import encode_dg15
from kiosk.card.lds.files import FID_CARD_ACCESS, FID_COM, FID_SOD, dg_fid
from kiosk.card.lds.mrz import check_digit
from kiosk.card.lds.oid import encode_oid
from kiosk.card.lds.security_infos import ID_AA, ID_CA, ID_PACE, ID_PK, PaceInfo, encode_security_infos
from kiosk.card.lds.tlv import encode
from kiosk.card.sim.pki import build_sod, load_signer
from kiosk.errors import KioskError
from kiosk.privacy import fold

ASSETS_DEMO = Path(__file__).resolve().parents[3] / "assets" / "demo"
ECDSA_SHA256 = "1.2.840.10045.4.3.2"


class ProfileError(KioskError):
    exit_code = 2


@dataclass
class SimOptions:
    """Knobs for tests: every one defaults to a well-behaved CCCD."""

    pace: bool = True
    bac: bool = True
    pace_parameter_id: int = 13
    extended_length: bool = True
    max_response: int = 0xFFFF  # largest plaintext a single READ BINARY returns
    reject_extended: bool = False  # ATR advertises extended length, READ BINARY answers 6700 anyway
    # The virtual reader (not the chip) cannot carry extended APDUs and breaks them (a 1-byte
    # answer, a PC/SC-level failure), as some contactless readers' drivers do.
    reader_short_only: bool = False
    wrong_le_limit: int | None = None  # Le above this gets 6Cxx ("use Le = xx") instead of data
    lift_after_apdus: int | None = None  # card "lifted" once this many APDUs were answered
    error_at_apdu: dict[int, int] = field(default_factory=dict)  # APDU index -> SW to answer instead
    tamper_dg: int | None = None  # flip a byte of this DG after signing
    foreign_signer: bool = False
    dg2_size: int | None = None  # pad the face JPEG to about this many bytes
    jpeg2000: bool = False
    active_authentication: bool = True
    aa_rsa: bool = False  # RSA-2048 Active Authentication (ISO 9796-2) instead of ECDSA
    chip_authentication: bool = True
    ca_wrong_key: bool = False  # the chip holds a different CA private key than DG14 says (a clone)
    # DG14's CA key and DG15's AA key on brainpoolP224r1, which ``cryptography`` cannot load
    # (as some issuers' chips do); the chip itself then answers neither CA nor AA.
    unsupported_curve_keys: bool = False
    hide_dgs: list[int] = field(default_factory=list)  # signed in the SOD, then refused (6A82), not in EF.COM
    parents_shape: str = "two"  # "two" SEQUENCEs or "one" with both names
    emrtd: bool = True  # False: some other smart card (no LDS application)
    # False: a PACE card that is not an ID card (EF.CardAccess answers, the ICAO AID does not)
    lds_application: bool = True

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SimOptions:
        opts = cls()
        for k, v in data.items():
            if not hasattr(opts, k):
                raise ProfileError(f"Unknown simulator option {k!r} in the profile.")
            setattr(opts, k, {int(a): int(b, 16) if isinstance(b, str) else b for a, b in v.items()}
                    if k == "error_at_apdu" else v)  # fmt: skip
        return opts


@dataclass
class CardImage:
    files: dict[int, bytes]  # FID -> content
    mrz_information: str
    can: str | None
    options: SimOptions
    aa_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | None
    pace_info: PaceInfo | None
    ca_key: ec.EllipticCurvePrivateKey | None = None


def _mrz_name(name: str, width: int) -> str:
    parts = fold(name).upper().replace("Đ", "D").split()
    text = (parts[0] + "<<" + "<".join(parts[1:])) if parts else ""
    return (text + "<" * width)[:width]


def _yymmdd(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%y%m%d") if iso else "991231"


def td1_mrz(c: dict[str, Any]) -> list[str]:
    idn = c["id_number"]
    docno = idn[-9:]
    opt = idn + "<<"
    l1 = "IDVNM" + docno + check_digit(docno) + opt + check_digit(opt)
    dob = _yymmdd(c["date_of_birth"])
    exp = _yymmdd(None if _no_expiry(c) else c.get("date_of_expiry"))
    l2 = dob + check_digit(dob) + c["sex"] + exp + check_digit(exp) + "VNM" + "<" * 11
    comp = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    l2 += check_digit(comp)
    return [l1, l2, _mrz_name(c["full_name"], 30)]


def td3_mrz(c: dict[str, Any], state: str, docno: str, nationality: str) -> list[str]:
    docno = (docno + "<" * 9)[:9]
    l1 = ("P<" + state + _mrz_name(c["full_name"], 39))[:44]
    dob = _yymmdd(c["date_of_birth"])
    exp = _yymmdd(c.get("date_of_expiry"))
    personal = "<" * 14
    l2 = docno + check_digit(docno) + nationality + dob + check_digit(dob) + c["sex"] + exp + check_digit(exp)
    l2 += personal + check_digit(personal)
    comp = l2[0:10] + l2[13:20] + l2[21:43]
    return [l1, l2 + check_digit(comp)]


def _no_expiry(c: dict[str, Any]) -> bool:
    e = c.get("date_of_expiry")
    return e is None or fold(str(e)) in {"khong thoi han", "none", ""}


def _dmy(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def _pad_jpeg(jpeg: bytes, size: int) -> bytes:
    """Grow a JPEG to ``size`` bytes with COM segments (still a valid JPEG)."""
    out = bytearray(jpeg[:2])
    need = size - len(jpeg)
    while need > 4:
        n = min(need - 4, 65533)
        out += b"\xff\xfe" + (n + 2).to_bytes(2, "big") + b"\x20" * n
        need -= n + 4
    return bytes(out) + jpeg[2:]


def _face(profile: dict[str, Any], base: Path, opts: SimOptions) -> tuple[bytes, int, int]:
    from PIL import Image

    photo = profile.get("photo")
    path = (base / photo) if photo else ASSETS_DEMO / "citizen_demo_face.jpg"
    try:
        raw = path.read_bytes()
        with Image.open(io.BytesIO(raw)) as im:
            w, h = im.size
            if opts.jpeg2000:
                buf = io.BytesIO()
                im.convert("RGB").save(buf, "JPEG2000")
                raw = buf.getvalue()
    except OSError as exc:
        raise ProfileError(f"The profile's photo {path.name} could not be read.") from exc
    if opts.dg2_size and not opts.jpeg2000:
        raw = _pad_jpeg(raw, opts.dg2_size)
    return raw, w, h


def _bp224_spki() -> bytes:
    """A SubjectPublicKeyInfo on brainpoolP224r1, built by hand (``cryptography`` lacks the curve)."""
    from asn1crypto import keys

    from kiosk.card.protocol.ecc import CURVES

    curve = CURVES[11]
    _, point = curve.keypair()
    return keys.PublicKeyInfo(
        {
            "algorithm": {"algorithm": "ec", "parameters": ("named", "brainpoolp224r1")},
            "public_key": curve.encode(point),
        }
    ).dump()


def _tamper(raw: bytes) -> bytes:
    """Change the case of one ASCII letter in the second half: still parses, hash no longer matches."""
    out = bytearray(raw)
    for i in range(len(out) // 2, len(out)):
        if 0x41 <= out[i] <= 0x5A or 0x61 <= out[i] <= 0x7A:
            out[i] ^= 0x20
            return bytes(out)
    out[-1] ^= 0x01
    return bytes(out)


def load_profile(source: str | Path | dict[str, Any]) -> tuple[dict[str, Any], Path]:
    if isinstance(source, dict):
        return source, ASSETS_DEMO
    path = Path(source)
    try:
        return json.loads(path.read_text(encoding="utf-8")), path.parent
    except (OSError, ValueError) as exc:
        raise ProfileError(f"The card profile {path.name} could not be read as JSON.") from exc


def build_card(source: str | Path | dict[str, Any], options: SimOptions | None = None) -> CardImage:
    profile, base = load_profile(source)
    opts = options or SimOptions.from_json(profile.get("options", {}))
    c = profile.get("citizen")
    if not isinstance(c, dict):
        raise ProfileError('The card profile needs a "citizen" object.')
    kind = profile.get("document", "cccd")
    dgs: dict[int, bytes] = {}
    if kind == "cccd":
        mrz = profile.get("mrz") or td1_mrz(c)
        values: dict[int, str] = {
            1: c["id_number"], 2: c["full_name"], 3: _dmy(c["date_of_birth"]),
            4: "Nam" if c["sex"] == "M" else "Nữ", 5: c.get("nationality", "Việt Nam"),
            6: c.get("ethnicity", ""), 7: c.get("religion", "Không"), 8: c.get("place_of_origin", ""),
            9: c.get("place_of_residence", ""), 10: c.get("identifying_marks", ""),
            11: _dmy(c["date_of_issue"]),
            12: "Không thời hạn" if _no_expiry(c) else _dmy(c["date_of_expiry"]),
        }  # fmt: skip
        if c.get("old_id_number"):
            values[15] = c["old_id_number"]
        if profile.get("dg13_field16"):
            values[16] = profile["dg13_field16"]
        dgs[13] = encode_dg13_full(
            {k: v for k, v in values.items() if v},
            c.get("father_name"),
            c.get("mother_name"),
            c.get("spouse_name"),
            parents_shape=opts.parents_shape,
        )
        can = c["id_number"][-6:]
    else:
        mrz = profile.get("mrz") or td3_mrz(
            c,
            profile.get("issuing_state", "UTO"),
            profile["document_number"],
            profile.get("nationality", "UTO"),
        )
        can = profile.get("can")
    dgs[1] = encode_dg1(mrz)
    face, w, h = _face(profile, base, opts)
    dgs[2] = encode_dg2(face, w, h, jpeg2000=opts.jpeg2000)
    pace_info = PaceInfo(ID_PACE + ".2.2", 2, opts.pace_parameter_id) if opts.pace else None
    aa_key = None
    ca_key = ec.generate_private_key(ec.BrainpoolP256R1()) if opts.chip_authentication else None
    ca_infos = b""
    if ca_key is not None:
        ca_spki = ca_key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        if opts.unsupported_curve_keys:
            ca_spki, ca_key = _bp224_spki(), None
        ca_infos = encode(
            0x30, encode(0x06, encode_oid(ID_CA + ".2.2")) + encode(0x02, b"\x01") + encode(0x02, b"\x01")
        ) + encode(0x30, encode(0x06, encode_oid(ID_PK + ".2")) + ca_spki + encode(0x02, b"\x01"))
        if opts.ca_wrong_key:
            ca_key = ec.generate_private_key(ec.BrainpoolP256R1())
    if opts.active_authentication:
        aa_key = (
            rsa.generate_private_key(65537, 2048) if opts.aa_rsa else ec.generate_private_key(ec.SECP256R1())
        )
        spki = aa_key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        if opts.unsupported_curve_keys:
            spki, aa_key = _bp224_spki(), None
        dgs[15] = encode_dg15(spki)
        aa_info = encode(
            0x30,
            encode(0x06, encode_oid(ID_AA)) + encode(0x02, b"\x01") + encode(0x06, encode_oid(ECDSA_SHA256)),
        )
        body = (pace_info.encode() if pace_info else b"") + aa_info + ca_infos
        dgs[14] = encode(0x6E, encode(0x31, body))
    elif ca_infos:
        dgs[14] = encode(0x6E, encode(0x31, ca_infos))
    signer = load_signer("foreign" if opts.foreign_signer or profile.get("signer") == "foreign" else "demo")
    sod = build_sod(dgs, signer)
    if opts.tamper_dg in dgs:
        dgs[opts.tamper_dg] = _tamper(dgs[opts.tamper_dg])
    for n in opts.hide_dgs:  # a clone hiding what would expose it; EF.COM is not signed
        dgs.pop(n, None)
    files = {dg_fid(n): raw for n, raw in dgs.items()}
    files[FID_COM] = encode_com(sorted([*dgs, 3] if kind == "cccd" else dgs))
    files[FID_SOD] = sod
    if pace_info:
        files[FID_CARD_ACCESS] = encode_security_infos([pace_info])
    lines = list(mrz)
    docno_field = lines[0][5:15] if kind == "cccd" else lines[1][0:10]
    dates = lines[1][0:7] + lines[1][8:15] if kind == "cccd" else lines[1][13:20] + lines[1][21:28]
    return CardImage(files, docno_field + dates, can, opts, aa_key, pace_info, ca_key)

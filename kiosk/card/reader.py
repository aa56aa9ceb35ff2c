"""The read orchestration: access control in ICAO order, DG1+DG13 first, photo after, verification.

result = read_card(None, AccessKey.from_can("001234"), trust_dir=Path("trust"))
result.citizen.get("full_name"); result.to_json()
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from smartcard import scard

from kiosk.card.cert.passive import passive_authentication
from kiosk.card.cert.trust import TrustStore
from kiosk.card.channel import (
    Channel,
    ExtendedLengthRejected,
    FileAccessDenied,
    FileNotFoundOnCard,
    remember_short_only,
)
from kiosk.card.errors import (
    CardError,
    CardProtocolError,
    CardRemovedError,
    KeyInputError,
    NotAnIdCardError,
    ParseError,
    UnsupportedKeyError,
)
from kiosk.card.keys import AccessKey
from kiosk.card.lds.com import Com, parse_com
from kiosk.card.lds.dg1 import parse_dg1
from kiosk.card.lds.dg2 import parse_dg2, to_jpeg
from kiosk.card.lds.dg13 import Dg13, parse_dg13
from kiosk.card.lds.dg14 import Dg14, parse_dg14
from kiosk.card.lds.dg15 import parse_dg15
from kiosk.card.lds.files import FID_CARD_ACCESS, FID_COM, FID_SOD, LDS_AID, dg_fid
from kiosk.card.lds.mrz import Mrz
from kiosk.card.lds.security_infos import parse_security_infos
from kiosk.card.lds.sod import parse_sod
from kiosk.card.pcsc.errors import Meaning, error_for
from kiosk.card.pcsc.transport import (
    PcscTransport,
    Stats,
    Transport,
    card_still_present,
    readers_with_card,
)
from kiosk.card.protocol.apdu import Command
from kiosk.card.protocol.bac import BacKeys, perform_bac
from kiosk.card.protocol.chip_auth import ChipAuthUnsupportedError, find_chip_auth, perform_chip_auth
from kiosk.card.protocol.pace import PASSWORD_CAN, PASSWORD_MRZ, PaceUnsupportedError, perform_pace
from kiosk.card.verification import Check, Status, Verification, not_checked
from kiosk.citizen import Citizen, CitizenDataError, Provenance
from kiosk.privacy import redactor

log = logging.getLogger(__name__)

# "Not checked" reasons the window explains in plain words (ui/card/badges.py).
NO_DG13 = "The document has no Vietnamese data group (DG13) to compare with the MRZ."
NO_CA = "The card does not offer Chip Authentication (no DG14 keys)."
NO_AA = "The card does not offer Active Authentication (no DG15)."
CA_VARIANT_UNSUPPORTED = "The card's Chip Authentication variant is not supported."
AA_HASH_UNKNOWN = "The card does not say which hash its Active Authentication uses."
AA_KEY_TYPE_UNSUPPORTED = "The card's Active Authentication key type is not supported."
AA_NOT_RUN = "Not run: the secure channel ended when Chip Authentication failed."


@dataclass(frozen=True)
class ReadEvent:
    """Progress of a read, for the UI: ``kind`` is one of
    connected, access, progress, data, photo, verification, done."""

    kind: str
    message: str = ""
    file: str | None = None
    done: int = 0
    total: int | None = None
    citizen: Citizen | None = None
    photo_jpeg: bytes | None = None
    verification: Verification | None = None


@dataclass
class ReadStats:
    apdus: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    ms_total: float = 0.0
    ms_to_first_data: float = 0.0
    cpu_ms: float = 0.0  # host CPU of the reading thread (crypto + parsing), excluding waits

    def to_json(self) -> dict[str, Any]:
        return {
            "apdus": self.apdus,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "ms_total": round(self.ms_total, 1),
            "ms_to_first_data": round(self.ms_to_first_data, 1),
            "cpu_ms": round(self.cpu_ms, 1),
        }


@dataclass
class Document:
    type: str  # cccd | passport | id_card
    number: str
    issuing_state: str
    mrz: str

    def to_json(self) -> dict[str, str]:
        return {
            "type": self.type,
            "number": self.number,
            "issuing_state": self.issuing_state,
            "mrz": self.mrz,
        }


@dataclass
class ReadResult:
    citizen: Citizen
    document: Document
    verification: Verification
    stats: ReadStats
    access_control: str  # PACE | BAC
    reader: str = ""
    photo_jpeg: bytes | None = None
    photo_mime: str | None = None  # of the original image on the chip
    data_groups: dict[int, bytes] = field(default_factory=dict, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document.to_json(),
            # Unknown DG13 fields (dg13_N) and chip values that failed validation, raw.
            "citizen": {**self.citizen.to_json(), "extra": dict(sorted(self.citizen.extra.items()))},
            "verification": self.verification.to_json(),
            "stats": self.stats.to_json(),
            "access_control": self.access_control,
            "reader": self.reader,
            "photo": {"present": self.photo_jpeg is not None, "original_mime": self.photo_mime},
        }


# -- citizen building --------------------------------------------------------------------------


def _mrz_date(yymmdd: str, future: bool) -> str | None:
    if not yymmdd.isdigit():
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    now = date.today().year % 100
    century = 2000 if (yy <= now + (20 if future else 0)) else 1900
    try:
        return date(century + yy, mm, dd).isoformat()
    except ValueError:
        return None


def citizen_from(mrz: Mrz, dg13: Dg13 | None, prov: Provenance) -> Citizen:
    c = Citizen()

    def put(name: str, value: str | None) -> None:
        if value is None:
            return
        try:
            c.set(name, value, prov)
        except CitizenDataError:
            # Keep the raw text rather than lose it; the field name tells the officer where.
            c.extra[name] = value

    if dg13 is not None:
        for name, value in dg13.fields.items():
            put(name, value)
        put("father_name", dg13.father_name)
        put("mother_name", dg13.mother_name)
        put("spouse_name", dg13.spouse_name)
        c.extra.update({f"dg13_{k}": v for k, v in dg13.unknown.items()})
    # Fill the gaps from the MRZ (passports have no DG13).
    if c.get("full_name") is None:
        put("full_name", f"{mrz.surname} {mrz.given_names}".strip())
    if c.get("date_of_birth") is None:
        put("date_of_birth", _mrz_date(mrz.date_of_birth, future=False))
    if c.get("sex") is None and mrz.sex in "MF":
        put("sex", mrz.sex)
    if c.get("date_of_expiry") is None and not c.no_expiry:
        if mrz.date_of_expiry == "991231" and mrz.issuing_state == "VNM":
            c.no_expiry = True
        else:
            put("date_of_expiry", _mrz_date(mrz.date_of_expiry, future=True))
    if c.get("id_number") is None and mrz.id_number:
        put("id_number", mrz.id_number)
    if c.get("nationality") is None and mrz.nationality != "VNM":
        put("nationality", mrz.nationality)
    return c


def _reprovenance(c: Citizen, prov: Provenance) -> None:
    """Promote the chip's fields once verified (QR-only fields keep their provenance)."""
    for name, fv in list(c.fields.items()):
        if fv.provenance is Provenance.CHIP_UNVERIFIED:
            c.fields[name] = type(fv)(fv.value, prov)


def check_id_number(idn: str, dob_iso: str | None, sex: str | None) -> list[str]:
    """Problems of the 12-digit ID against DOB and sex (century+sex digit, birth year)."""
    problems = []
    if dob_iso:
        year = int(dob_iso[:4])
        digit = int(idn[3])
        century = 1900 + 100 * (digit // 2)
        if not century <= year < century + 100 or int(idn[4:6]) != year % 100:
            problems.append("the ID number does not match the date of birth")
        if sex and ("F" if digit % 2 else "M") != sex:
            problems.append("the ID number does not match the sex")
    return problems


def consistency(mrz: Mrz, dg13: Dg13 | None, citizen: Citizen) -> Check:
    if dg13 is None:
        return not_checked(NO_DG13)
    problems: list[str] = []
    idn = citizen.get("id_number")
    if mrz.id_number and idn and mrz.id_number != idn:
        problems.append("the ID number differs between the MRZ and DG13")
    if idn and mrz.document_number != idn[-9:]:
        problems.append("the document number is not the last 9 digits of the ID")
    dob = citizen.get("date_of_birth")
    if (
        dob
        and _mrz_date(mrz.date_of_birth, False) not in (dob, None)
        and dob[2:4] + dob[5:7] + dob[8:] != mrz.date_of_birth
    ):
        problems.append("the date of birth differs between the MRZ and DG13")
    sex = citizen.get("sex")
    if sex and mrz.sex in "MF" and mrz.sex != sex:
        problems.append("the sex differs between the MRZ and DG13")
    if idn:
        problems += check_id_number(idn, dob, sex)
    if problems:
        return Check(Status.FAILED, "Inconsistent card data: " + "; ".join(problems) + ".")
    return Check(
        Status.VERIFIED, "The MRZ and the Vietnamese data agree on ID number, date of birth and sex."
    )


def mrz_check(mrz: Mrz) -> Check:
    bad = [k.replace("_", " ") for k, ok in mrz.check_results().items() if not ok]
    if bad:
        return Check(Status.FAILED, "MRZ check digits do not match for: " + ", ".join(bad) + ".")
    return Check(Status.VERIFIED, "All MRZ check digits match.")


def document_of(mrz: Mrz) -> Document:
    if mrz.format == "TD3" or mrz.document_code.startswith("P"):
        kind = "passport"
    elif mrz.issuing_state == "VNM" and mrz.format == "TD1":
        kind = "cccd"
    else:
        kind = "id_card"
    return Document(kind, mrz.document_number, mrz.issuing_state, mrz.text)


# -- active authentication -----------------------------------------------------------------------


def _iso9796_2_verify(pub: rsa.RSAPublicKey, sig: bytes, challenge: bytes) -> bool:
    n = pub.public_numbers()
    k = (n.n.bit_length() + 7) // 8
    v = pow(int.from_bytes(sig, "big"), n.e, n.n)
    if v & 0x0F != 0x0C:  # the signer sent min(s, n - s): recover the other representative
        v = n.n - v
    m = v.to_bytes(k, "big")
    if not m or m[-1] not in (0xBC, 0xCC) or (m[0] & 0xC0) != 0x40:
        return False
    if m[-1] == 0xBC:
        algo, tlen = "sha1", 1
    else:
        algo = {0x33: "sha1", 0x34: "sha256", 0x35: "sha512", 0x36: "sha384", 0x38: "sha224"}.get(m[-2], "")
        tlen = 2
        if not algo:
            return False
    hlen = hashlib.new(algo).digest_size
    digest = m[-tlen - hlen : -tlen]
    m1 = m[1 : -tlen - hlen]
    return hashlib.new(algo, m1 + challenge).digest() == digest


_EC_HASHES: dict[str, Callable[[], hashes.HashAlgorithm]] = {
    "1.2.840.10045.4.1": hashes.SHA1,
    "1.2.840.10045.4.3.1": hashes.SHA224,
    "1.2.840.10045.4.3.2": hashes.SHA256,
    "1.2.840.10045.4.3.3": hashes.SHA384,
    "1.2.840.10045.4.3.4": hashes.SHA512,
}


def active_authentication(ch: Channel, dg15: bytes, dg14: Dg14 | None) -> Check:
    try:
        pub = parse_dg15(dg15)
    except UnsupportedKeyError as exc:
        return not_checked(str(exc))
    except ParseError:
        return Check(Status.FAILED, "The card's Active Authentication key (DG15) is malformed.")
    challenge = os.urandom(8)
    sig, sw = ch.transmit(Command(0x00, 0x88, 0x00, 0x00, challenge, le=256))
    if sw != 0x9000 or not sig:
        return Check(
            Status.FAILED, f"The card refused to prove it is genuine (status {sw:04X}): it may be a copy."
        )
    if isinstance(pub, rsa.RSAPublicKey):
        ok = _iso9796_2_verify(pub, sig, challenge)
    elif isinstance(pub, ec.EllipticCurvePublicKey):
        oid = dg14.active_authentication_algorithm if dg14 else None
        if oid not in _EC_HASHES:
            return not_checked(AA_HASH_UNKNOWN)
        half = len(sig) // 2
        der = encode_dss_signature(int.from_bytes(sig[:half], "big"), int.from_bytes(sig[half:], "big"))
        try:
            pub.verify(der, challenge, ec.ECDSA(_EC_HASHES[oid]()))
            ok = True
        except InvalidSignature:
            ok = False
    else:
        return not_checked(AA_KEY_TYPE_UNSUPPORTED)
    if ok:
        return Check(
            Status.VERIFIED, "The chip proved it holds the private key of this document: it is not a copy."
        )
    return Check(Status.FAILED, "The chip's answer to the anti-cloning challenge is wrong: it may be a copy.")


# -- chip authentication -----------------------------------------------------------------------

HIDDEN_DG14 = (
    "The chip refuses its Chip Authentication data (DG14), which the signed data lists: it may be a copy."
)
HIDDEN_DG15 = (
    "The chip refuses its Active Authentication key (DG15), which the signed data lists: it may be a copy."
)


def chip_authentication(ch: Channel, dg14: Dg14 | None, dg14_hash: Status | None) -> Check:
    """Run CA and confirm the new keys with one protected SELECT (the chip proves its key)."""
    try:
        info = find_chip_auth(dg14.infos) if dg14 is not None else None
    except ChipAuthUnsupportedError as exc:
        return not_checked(str(exc))
    if info is None:
        if dg14 is not None and dg14.chip_authentication:
            return not_checked(CA_VARIANT_UNSUPPORTED)
        return not_checked(NO_CA)
    try:
        new_sm = perform_chip_auth(ch.transmit, info)
    except CardProtocolError as exc:
        return Check(Status.FAILED, str(exc))
    ch.sm = new_sm
    try:
        ch.select_file(FID_COM)
    except CardProtocolError:
        ch.sm = None  # the chip cannot follow the new keys: nothing more can be read in this session
        return Check(
            Status.FAILED, "The chip could not prove it holds its Chip Authentication key: it may be a copy."
        )
    if dg14_hash is Status.FAILED:
        return Check(Status.FAILED, "The Chip Authentication key is not the one the issuer signed.")
    return Check(
        Status.VERIFIED, "The chip proved it holds the private key listed in its signed DG14: it is genuine."
    )


# -- what CA/AA prove depends on passive authentication ------------------------------------------

# A forger who signs their own SOD also writes DG14/DG15 with keys they hold, so CA/AA then
# prove nothing; without a confirmed issuer they prove only that the chip matches its data.
CHIP_KEY_UNSIGNED = (
    "Not conclusive: the issuer's signature on the chip's data did not verify, so the key the "
    "chip proved it holds may be a forger's own."
)
CA_UNANCHORED = (
    "The chip proved it holds the private key listed in its DG14, but the issuer's signature on "
    "that data could not be confirmed: the chip matches the data read, its origin is unknown."
)
AA_UNANCHORED = (
    "The chip proved it holds the private key listed in its DG15, but the issuer's signature on "
    "that data could not be confirmed: the chip matches the data read, its origin is unknown."
)


def qualify_chip_checks(ver: Verification) -> None:
    """Never call a chip genuine on the strength of keys the issuer's signature does not cover."""
    pa = ver.passive_authentication.status
    if pa is Status.VERIFIED:
        return
    for name, unanchored in (
        ("chip_authentication", CA_UNANCHORED),
        ("active_authentication", AA_UNANCHORED),
    ):
        if getattr(ver, name).status is not Status.VERIFIED:
            continue
        if pa is Status.FAILED:
            setattr(ver, name, not_checked(CHIP_KEY_UNSIGNED))
        else:
            setattr(ver, name, Check(Status.VERIFIED, unanchored))


# -- the read -------------------------------------------------------------------------------------


def _establish_access(ch: Channel, key: AccessKey) -> str:
    """PACE when EF.CardAccess offers it (ICAO order), else BAC; then select the LDS application."""
    pace_infos = []
    try:
        card_access = ch.read_file(FID_CARD_ACCESS)
        pace_infos = parse_security_infos(card_access).pace
    except (FileNotFoundOnCard, FileAccessDenied):
        pass
    except ParseError:
        log.warning("EF.CardAccess unreadable; falling back to BAC")
    for info in pace_infos:
        if key.can:
            password, ref = key.can.encode(), PASSWORD_CAN
        elif key.mrz_information:
            password, ref = key.mrz_information.encode(), PASSWORD_MRZ
        else:
            break
        try:
            result = perform_pace(ch.transmit, info, password, ref)
        except PaceUnsupportedError:
            continue
        ch.sm = result.sm
        _, sw = ch.transmit(Command(0x00, 0xA4, 0x04, 0x0C, LDS_AID))
        if sw != 0x9000:
            raise NotAnIdCardError("This card is not a chip ID card or passport (no ICAO application).")
        return "PACE"
    _, sw = ch.transmit(Command(0x00, 0xA4, 0x04, 0x0C, LDS_AID))
    if sw != 0x9000:
        raise NotAnIdCardError("This card is not a chip ID card or passport (no ICAO application).")
    if not key.mrz_information:
        raise KeyInputError(
            "This card needs the MRZ, or the ID number with date of birth and expiry date, to be read."
        )
    result_bac = perform_bac(ch.transmit, BacKeys.from_mrz_information(key.mrz_information))
    ch.sm = result_bac.sm
    return "BAC"


def read_card(
    reader: str | None,
    key: AccessKey,
    *,
    trust_dir: Path | None = None,
    on_event: Callable[[ReadEvent], None] | None = None,
    transport: Transport | None = None,
    read_photo: bool = True,
) -> ReadResult:
    """Read and verify the card in ``reader`` (None: the first reader holding an ID card).

    The read holds a PC/SC transaction, so other programs' APDUs and resets wait for it. If
    the card is reset anyway (a platform that ends long transactions), the read starts over
    once: the chip lost its session but is still there.
    """
    if reader is None and transport is None:
        # Foreign or virtual cards may sit in other readers: try each card until an ID card answers.
        candidates = readers_with_card()
        if not candidates:
            raise error_for(scard.SCARD_E_NO_SMARTCARD)
        for i, name in enumerate(candidates):
            try:
                return read_card(name, key, trust_dir=trust_dir, on_event=on_event, read_photo=read_photo)
            except NotAnIdCardError:
                if i == len(candidates) - 1:
                    raise
    try:
        return _read_card(
            reader, key, trust_dir=trust_dir, on_event=on_event, transport=transport, read_photo=read_photo
        )
    except ExtendedLengthRejected as err:
        if transport is not None or not err.reader or not card_still_present(err.reader):
            raise
        # Some readers break extended APDUs with a PC/SC error instead of a status word: try
        # once more with short reads; only if that works is the reader remembered as short-only.
        log.info("an extended-length read failed below the status-word level; reading again with short reads")
        try:
            result = _read_card(
                reader, key, trust_dir=trust_dir, on_event=on_event, read_photo=read_photo, short_only=True
            )
        except CardError:
            raise err from None  # the card really left: report the first failure
        remember_short_only(err.reader)
        return result
    except CardRemovedError as err:
        if getattr(err, "pcsc_meaning", None) != Meaning.CARD_RESET or transport is not None:
            raise
        log.info("card reset by another program during the read; reading again")
        return _read_card(reader, key, trust_dir=trust_dir, on_event=on_event, read_photo=read_photo)


def _read_card(
    reader: str | None,
    key: AccessKey,
    *,
    trust_dir: Path | None = None,
    on_event: Callable[[ReadEvent], None] | None = None,
    transport: Transport | None = None,
    read_photo: bool = True,
    short_only: bool = False,
) -> ReadResult:
    emit = on_event or (lambda _e: None)
    trust = TrustStore.load(trust_dir) if trust_dir is not None else None
    t0 = time.perf_counter()
    cpu0 = time.thread_time()
    own = transport is None
    tr: Transport = transport if transport is not None else PcscTransport.connect(reader)
    try:
        reader_name = getattr(tr, "reader", reader or "")
        emit(ReadEvent("connected", reader_name))
        ch = Channel(tr, short_only=short_only)
        access = _establish_access(ch, key)
        emit(ReadEvent("access", access))

        def progress(name: str) -> Callable[[int, int | None], None]:
            return lambda done, total: emit(ReadEvent("progress", file=name, done=done, total=total))

        raw: dict[int, bytes] = {}
        com: Com | None = None
        try:
            com = parse_com(ch.read_file(FID_COM, progress("EF.COM")))
        except (FileNotFoundOnCard, FileAccessDenied):
            com = None
        present = set(com.data_groups) if com else {1, 2, 13, 14, 15}

        attempted: set[int] = set()
        refused: set[int] = set()

        def read_dg(n: int, *, listed: bool = False) -> bytes | None:
            if n not in present and not listed:
                return None
            attempted.add(n)
            try:
                raw[n] = ch.read_file(dg_fid(n), progress(f"DG{n}"))
                return raw[n]
            except (FileNotFoundOnCard, FileAccessDenied):
                refused.add(n)
                return None

        dg1 = read_dg(1)
        if dg1 is None:
            raise NotAnIdCardError("The card has no MRZ data group; it is not an ICAO ID card or passport.")
        mrz = parse_dg1(dg1)
        dg13_raw = read_dg(13)
        dg13 = None
        dg13_broken = False
        if dg13_raw is not None:
            try:
                dg13 = parse_dg13(dg13_raw)
            except ParseError:
                dg13_broken = True  # keep going with the MRZ data; the report says why
        citizen = citizen_from(mrz, dg13, Provenance.CHIP_UNVERIFIED)
        if key.qr_citizen is not None:
            # The QR fills what the chip lacks; chip values win wherever both exist.
            merged = Citizen()
            merged.merge(key.qr_citizen)
            merged.merge(citizen)
            merged.no_expiry = citizen.no_expiry
            citizen = merged
        redactor.register(citizen.secrets())
        redactor.register([mrz.document_number, mrz.mrz_information, *mrz.lines])
        ms_first = (time.perf_counter() - t0) * 1000
        emit(ReadEvent("data", citizen=citizen))

        photo_jpeg = photo_mime = None
        if read_photo:
            dg2 = read_dg(2)
            if dg2 is not None:
                try:
                    face = parse_dg2(dg2)
                    photo_mime = face.mime
                    photo_jpeg = to_jpeg(face)
                except ParseError:
                    log.warning("the photo on the card could not be decoded")
                else:
                    citizen.face, citizen.face_mime = photo_jpeg, "image/jpeg"
                    emit(ReadEvent("photo", photo_jpeg=photo_jpeg))
        read_dg(14)
        read_dg(15)

        ver = Verification()
        ver.mrz_check_digits = mrz_check(mrz)
        ver.consistency = consistency(mrz, dg13, citizen)
        if dg13_broken:
            ver.consistency = Check(
                Status.FAILED, "The Vietnamese data group (DG13) is malformed; only the MRZ data is shown."
            )
        sod = None
        try:
            sod = parse_sod(ch.read_file(FID_SOD, progress("EF.SOD")))
        except FileNotFoundOnCard:
            ver.passive_authentication = Check(Status.FAILED, "The card has no security object (EF.SOD).")
        except ParseError:
            ver.passive_authentication = Check(
                Status.FAILED, "The card's security object (EF.SOD) is malformed."
            )
        hidden: set[int] = set()
        if sod is not None:
            # EF.COM is not signed, and a refusal (6A82, possibly sent without secure messaging)
            # proves nothing: a clone hides DG14/DG15 to dodge CA/AA. The signed SOD says
            # which data groups the chip was issued with.
            for n in (14, 15):
                if n in sod.hashes and n not in attempted:
                    read_dg(n, listed=True)
            wanted = {1, 13, 14, 15} | ({2} if read_photo else set())
            hidden = {n for n in sod.hashes if n in refused and n in wanted}
            ver.passive_authentication, ver.data_group_hashes = passive_authentication(sod, raw, trust)
            ver.data_group_hashes.update(dict.fromkeys(hidden, Status.FAILED))
            hidden_data = sorted(hidden - {14, 15})
            if hidden_data:
                names = ", ".join(f"DG{n}" for n in hidden_data)
                ver.passive_authentication = Check(
                    Status.FAILED,
                    f"The chip refuses {names}, which the signed data lists: it may be a copy.",
                )
        dg14_raw, dg15_raw = raw.get(14), raw.get(15)
        dg14 = None
        if dg14_raw is not None:
            try:
                dg14 = parse_dg14(dg14_raw)
            except ParseError:
                log.warning("DG14 is malformed; chip authentication skipped")
        if 14 in hidden:
            ver.chip_authentication = Check(Status.FAILED, HIDDEN_DG14)
        else:
            ver.chip_authentication = chip_authentication(ch, dg14, ver.data_group_hashes.get(14))
        if 15 in hidden:
            ver.active_authentication = Check(Status.FAILED, HIDDEN_DG15)
        elif dg15_raw is not None and ch.sm is None:
            ver.active_authentication = not_checked(AA_NOT_RUN)
        elif dg15_raw is not None:
            ver.active_authentication = active_authentication(ch, dg15_raw, dg14)
            if (
                ver.data_group_hashes.get(15) is Status.FAILED
                and ver.active_authentication.status is Status.VERIFIED
            ):
                ver.active_authentication = Check(
                    Status.FAILED, "The Active Authentication key is not the one the issuer signed."
                )
        else:
            ver.active_authentication = not_checked(NO_AA)

        qualify_chip_checks(ver)
        if ver.passive_authentication.status is Status.VERIFIED:
            _reprovenance(citizen, Provenance.CHIP_VERIFIED)
        emit(ReadEvent("verification", verification=ver))

        stats: Stats = tr.stats
        cpu_ms = (time.thread_time() - cpu0) * 1000
        result = ReadResult(
            citizen=citizen,
            document=document_of(mrz),
            verification=ver,
            stats=ReadStats(
                apdus=stats.apdus,
                bytes_in=stats.bytes_in,
                bytes_out=stats.bytes_out,
                ms_total=(time.perf_counter() - t0) * 1000,
                ms_to_first_data=ms_first,
                cpu_ms=cpu_ms,
            ),
            access_control=access,
            reader=reader_name,
            photo_jpeg=photo_jpeg,
            photo_mime=photo_mime,
            data_groups=raw,
        )
        emit(ReadEvent("done", citizen=citizen, verification=ver))
        return result
    finally:
        if own:
            close = getattr(tr, "close", None)
            if close:
                close()

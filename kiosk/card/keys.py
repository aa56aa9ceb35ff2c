"""Access keys from every source a counter has: the ID alone (CAN), ID + dates, a typed MRZ,
or the QR text the card carries (handheld scanners type it followed by Enter)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kiosk.card.errors import KeyInputError
from kiosk.card.lds.mrz import check_digit, parse_mrz, repair_mrz
from kiosk.citizen import Citizen, CitizenDataError, Provenance, parse_date

NO_EXPIRY_YYMMDD = "991231"


def _yymmdd(iso_or_dmy: str, what: str) -> str:
    try:
        iso = parse_date(iso_or_dmy, what)
    except CitizenDataError as exc:
        raise KeyInputError(f"The {what} must be a date like 1990-05-17.") from exc
    d = date.fromisoformat(iso)
    return d.strftime("%y%m%d")


def _id12(id_number: str) -> str:
    idn = re.sub(r"\s", "", id_number)
    if not re.fullmatch(r"\d{12}", idn):
        raise KeyInputError("The ID number must be exactly 12 digits.")
    return idn


@dataclass(frozen=True)
class AccessKey:
    """What unlocks the chip. ``can`` drives PACE; ``mrz_information`` drives BAC (and PACE-MRZ).

    The repr never shows the key material (it is personal data).
    """

    can: str | None = field(default=None, repr=False)
    mrz_information: str | None = field(default=None, repr=False)
    source: str = "can"  # can | id | mrz | id_dob_expiry | qr
    qr_citizen: Citizen | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_can(cls, can: str) -> AccessKey:
        c = re.sub(r"\s", "", can)
        if len(c) == 12 and c.isdigit():
            return cls.from_id(c)
        if not re.fullmatch(r"\d{6}", c):
            raise KeyInputError("The card access number (CAN) must be 6 digits (the last 6 of the ID).")
        return cls(can=c, source="can")

    @classmethod
    def from_id(cls, id12: str) -> AccessKey:
        return cls(can=_id12(id12)[-6:], source="id")

    @classmethod
    def from_mrz(cls, text: str) -> AccessKey:
        mrz = parse_mrz(repair_mrz(text))
        can = mrz.id_number[-6:] if mrz.id_number else None
        return cls(can=can, mrz_information=mrz.mrz_information, source="mrz")

    @classmethod
    def from_id_dob_expiry(cls, id_number: str, dob: str, expiry: str | None) -> AccessKey:
        idn = _id12(id_number)
        docno = idn[-9:]
        d = _yymmdd(dob, "date of birth")
        if expiry is None or expiry.strip().casefold() in {"none", "", "không thời hạn", "khong thoi han"}:
            e = NO_EXPIRY_YYMMDD
        else:
            e = _yymmdd(expiry, "expiry date")
        info = docno + check_digit(docno) + d + check_digit(d) + e + check_digit(e)
        return cls(can=idn[-6:], mrz_information=info, source="id_dob_expiry")

    @classmethod
    def from_qr(cls, text: str) -> AccessKey:
        citizen = parse_qr(text)
        idn = citizen.get("id_number")
        assert idn is not None
        return cls(can=idn[-6:], source="qr", qr_citizen=citizen)

    @classmethod
    def parse(cls, text: str) -> AccessKey:
        """Guess the source from free text (the GUI's single key field)."""
        t = text.strip()
        if "|" in t:
            return cls.from_qr(t)
        digits = re.sub(r"\s", "", t)
        if re.fullmatch(r"\d{12}", digits):
            return cls.from_id(digits)
        if re.fullmatch(r"\d{6}", digits):
            return cls.from_can(digits)
        return cls.from_mrz(t)


def parse_qr(text: str) -> Citizen:
    """The 2021 card's QR: ``ID|oldCMND|name|DDMMYYYY|sex|address|DDMMYYYY`` (old CMND optional)."""
    parts = [p.strip() for p in text.strip().strip("\r\n").split("|")]
    if len(parts) == 7:
        idn, old, name, dob, sex, addr, issue = parts
    elif len(parts) == 6:
        idn, name, dob, sex, addr, issue = parts
        old = ""
    else:
        raise KeyInputError(
            "The QR text was not recognised; scan the QR code on the front of the card again."
        )
    if not re.fullmatch(r"\d{12}", idn):
        raise KeyInputError("The QR text does not start with a 12-digit ID number; scan it again.")
    c = Citizen()
    try:
        c.set("id_number", idn, Provenance.QR)
        if old:
            c.set("old_id_number", old, Provenance.QR)
        c.set("full_name", name, Provenance.QR)
        c.set("date_of_birth", dob, Provenance.QR)
        c.set("sex", sex, Provenance.QR)
        c.set("place_of_residence", addr, Provenance.QR)
        if issue:
            c.set("date_of_issue", issue, Provenance.QR)
    except CitizenDataError as exc:
        # The field's technical name stays in the chained error: the officer's remedy is the same.
        raise KeyInputError(
            "A field of the QR text is not in the expected form; "
            "scan the QR code again or type the ID number."
        ) from exc
    return c

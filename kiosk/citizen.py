"""The citizen record: normalised identity fields, each with its provenance.

This is the contract every part of the app speaks: the card reader produces it,
the forms engine binds it to roles, the store persists it, sync seals it.

Normalisation rules (DOMAIN.md section 2):
- text is Unicode NFC, surrounding white space removed;
- dates are ISO 8601 ``YYYY-MM-DD`` strings; ``date_of_expiry`` is ``None`` with
  ``no_expiry`` set for cards marked *Không thời hạn* (MRZ expiry ``991231``);
- sex is ``"M"`` or ``"F"`` (``Nam``/``Nữ`` on DG13, ``M``/``F`` in the MRZ);
- ethnicity, religion and the face image are sensitive personal data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

# Shared by millions and spelled like common words: never useful as redaction patterns.
_CATEGORICAL_FIELDS = frozenset({"sex", "nationality", "ethnicity", "religion"})


class Provenance(StrEnum):
    """Where a value came from, strongest first."""

    CHIP_VERIFIED = "chip_verified"  # read from the chip, passive authentication passed
    CHIP_UNVERIFIED = "chip_unverified"  # read from the chip, not (or not yet) verified
    QR = "qr"  # the QR code printed on the card
    TYPED = "typed"  # keyed in by an officer or the citizen
    DERIVED = "derived"  # computed from other fields (e.g. CAN from the ID number)


# Field names of the ``citizen`` object of ``kiosk card read --json``, in display order.
CITIZEN_FIELDS: tuple[str, ...] = (
    "id_number",
    "full_name",
    "date_of_birth",
    "sex",
    "nationality",
    "ethnicity",
    "religion",
    "place_of_origin",
    "place_of_residence",
    "identifying_marks",
    "date_of_issue",
    "date_of_expiry",
    "father_name",
    "mother_name",
    "spouse_name",
    "old_id_number",
)

# Sensitive personal data under Decree 356/2025: marked everywhere, minimised.
SENSITIVE_FIELDS: frozenset[str] = frozenset({"ethnicity", "religion", "face"})

DATE_FIELDS: frozenset[str] = frozenset({"date_of_birth", "date_of_issue", "date_of_expiry"})

NO_EXPIRY_TEXTS = frozenset({"không thời hạn", "khong thoi han", "none", "991231"})


class CitizenDataError(ValueError):
    """A value cannot be normalised (the message names the field, never the value)."""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DDMMYYYY = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


def parse_date(text: str, field_name: str = "date") -> str:
    """Normalise ``dd/mm/yyyy``, ``ddmmyyyy`` (QR) or ISO input to ISO ``YYYY-MM-DD``."""
    text = nfc(text)
    for pattern, order in ((_ISO, "ymd"), (_DMY, "dmy"), (_DDMMYYYY, "dmy")):
        m = pattern.match(text)
        if m:
            a, b, c = (int(g) for g in m.groups())
            y, mo, d = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return date(y, mo, d).isoformat()
            except ValueError as exc:
                raise CitizenDataError(f"{field_name}: not a real calendar date") from exc
    raise CitizenDataError(f"{field_name}: expected dd/mm/yyyy or YYYY-MM-DD")


def parse_sex(text: str) -> str:
    t = nfc(text).casefold()
    if t in {"m", "nam", "male"}:
        return "M"
    if t in {"f", "nữ", "nu", "female"}:
        return "F"
    raise CitizenDataError("sex: expected Nam/Nữ or M/F")


def normalise_value(name: str, value: Any) -> str | None:
    """Normalise one field value; ``None`` and empty text mean absent."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise CitizenDataError(f"{name}: expected text")
    text = nfc(value)
    if not text:
        return None
    if name == "date_of_expiry" and text.casefold() in NO_EXPIRY_TEXTS:
        return None
    if name in DATE_FIELDS:
        return parse_date(text, name)
    if name == "sex":
        return parse_sex(text)
    if name in {"id_number", "old_id_number"} and not text.isdigit():
        raise CitizenDataError(f"{name}: digits only")
    return text


@dataclass(frozen=True)
class FieldValue:
    value: str
    provenance: Provenance


@dataclass
class Citizen:
    """One person's identity data. Absent fields are simply not in ``fields``."""

    fields: dict[str, FieldValue] = field(default_factory=dict)
    no_expiry: bool = False
    face: bytes | None = None  # sensitive: kept only while a form needs it
    face_mime: str | None = None
    extra: dict[str, str] = field(default_factory=dict)  # unknown DG13 fields, raw

    # -- access -----------------------------------------------------------------
    def get(self, name: str) -> str | None:
        fv = self.fields.get(name)
        return fv.value if fv else None

    def provenance(self, name: str) -> Provenance | None:
        fv = self.fields.get(name)
        return fv.provenance if fv else None

    @staticmethod
    def is_sensitive(name: str) -> bool:
        return name in SENSITIVE_FIELDS

    def set(self, name: str, value: Any, provenance: Provenance) -> None:
        """Set a field, normalising it; ``None`` removes it."""
        if name not in CITIZEN_FIELDS:
            raise CitizenDataError(f"{name}: unknown citizen field")
        if name == "date_of_expiry" and isinstance(value, str) and nfc(value).casefold() in NO_EXPIRY_TEXTS:
            self.no_expiry = True
        norm = normalise_value(name, value)
        if norm is None:
            self.fields.pop(name, None)
        else:
            self.fields[name] = FieldValue(norm, Provenance(provenance))

    def merge(self, other: Citizen) -> None:
        """Take each of ``other``'s fields whose provenance is at least as strong."""
        rank = list(Provenance)
        for name, fv in other.fields.items():
            mine = self.fields.get(name)
            if mine is None or rank.index(fv.provenance) <= rank.index(mine.provenance):
                self.fields[name] = fv
        self.no_expiry = self.no_expiry or other.no_expiry
        if other.face is not None:
            self.face, self.face_mime = other.face, other.face_mime
        self.extra.update(other.extra)

    @property
    def can(self) -> str | None:
        """PACE card access number: the last 6 digits of the 12-digit ID."""
        idn = self.get("id_number")
        return idn[-6:] if idn and len(idn) == 12 else None

    def drop_face(self) -> None:
        """Minimisation: forget the photo once it is no longer needed."""
        self.face = None
        self.face_mime = None

    # -- JSON ---------------------------------------------------------------------
    def to_json(self, *, with_provenance: bool = True) -> dict[str, Any]:
        """The ``citizen`` object of ``kiosk card read --json`` (every field present, absent = null)."""
        out: dict[str, Any] = {name: self.get(name) for name in CITIZEN_FIELDS}
        if with_provenance:
            out["provenance"] = {n: fv.provenance.value for n, fv in self.fields.items()}
            out["no_expiry"] = self.no_expiry
            out["sensitive"] = sorted(SENSITIVE_FIELDS - {"face"})
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any], default: Provenance = Provenance.TYPED) -> Citizen:
        """Accept a ``citizen`` object or a whole ``kiosk card read --json`` result."""
        if not isinstance(data, dict):
            raise CitizenDataError("citizen: expected a JSON object")
        if "citizen" in data and isinstance(data["citizen"], dict):
            data = data["citizen"]
        prov_map = data.get("provenance") or {}
        if not isinstance(prov_map, dict):
            raise CitizenDataError("provenance: expected a JSON object")
        c = cls()
        for name in CITIZEN_FIELDS:
            if name in data:
                try:
                    prov = Provenance(prov_map.get(name, default))
                except ValueError as exc:
                    raise CitizenDataError(f"{name}: unknown provenance") from exc
                c.set(name, data[name], prov)
        if data.get("no_expiry") is True:
            c.no_expiry = True
        return c

    def secrets(self) -> list[str]:
        """Values that must never reach a log (fed to the log redactor).

        Categorical fields are left out: a value such as "Kinh", "Hoa" or "Không" (no
        religion) names no one, yet as a redaction pattern it also matched the ordinary words
        "không", "kinh doanh", "hoa" in every log line and support report while a citizen was
        being served. They stay out of logs because no code logs field values at all.
        """
        return [fv.value for n, fv in self.fields.items() if n not in _CATEGORICAL_FIELDS]

"""Provisional local dossier codes: unique per device, human-readable, printable.

Format ``UNIT-YYMMDD-DEVC-NNNNK``: the unit code, the date, a 4-character device id, a
per-day sequence and a check character (Luhn mod 32 over the Crockford alphabet), so a
code mistyped from a paper receipt is caught before it reaches the server.
"""

from __future__ import annotations

import re
import secrets
from datetime import date

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
_CODE = re.compile(r"^([A-Z0-9.]{1,16})-(\d{6})-([0-9A-Z]{4})-(\d{4,6})([0-9A-Z])$")


def new_device_id() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(4))


def check_char(payload: str) -> str:
    """Luhn mod N check character over the Crockford alphabet (other characters skipped)."""
    n = len(ALPHABET)
    chars = [c for c in payload.upper() if c in ALPHABET]
    factor, total = 2, 0
    for ch in reversed(chars):
        addend = factor * ALPHABET.index(ch)
        factor = 1 if factor == 2 else 2
        total += addend // n + addend % n
    return ALPHABET[(n - total % n) % n]


def sanitise_unit(unit_code: str) -> str:
    unit = re.sub(r"[^A-Z0-9.]", "", unit_code.upper())[:16]
    return unit or "UNIT"


def make_code(unit_code: str, day: date, device_id: str, seq: int) -> str:
    payload = f"{sanitise_unit(unit_code)}-{day:%y%m%d}-{device_id}-{seq:04d}"
    return payload + check_char(payload)


def is_valid(code: str) -> bool:
    code = code.strip().upper()
    if not _CODE.match(code):
        return False
    return check_char(code[:-1]) == code[-1]

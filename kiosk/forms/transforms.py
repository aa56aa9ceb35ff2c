"""Value transforms used by bindings: dates in words, birth year, uppercase, Nam/Nữ.

Inputs are normalised citizen values (ISO dates, sex ``M``/``F``) or typed text; a value a
transform cannot read is passed through unchanged (validation then points at it).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date

from kiosk.citizen import CitizenDataError, parse_date

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _below_100(n: int, *, after_hundred: bool) -> str:
    tens, unit = divmod(n, 10)
    if tens == 0:
        if unit == 0:
            return ""
        return ("linh " if after_hundred else "") + _DIGITS[unit]
    head = "mười" if tens == 1 else f"{_DIGITS[tens]} mươi"
    if unit == 0:
        return head
    if unit == 5:
        word = "lăm"
    elif unit == 1 and tens > 1:
        word = "mốt"
    elif unit == 4 and tens > 1:
        word = "tư"
    else:
        word = _DIGITS[unit]
    return f"{head} {word}"


def number_words(n: int) -> str:
    """Vietnamese words for 0..9999 as on civil status papers (2025: hai nghìn không trăm hai mươi lăm)."""
    if not 0 <= n <= 9999:
        raise ValueError("number_words supports 0..9999")
    if n == 0:
        return "không"
    thousands, rest = divmod(n, 1000)
    hundreds, below = divmod(rest, 100)
    parts: list[str] = []
    if thousands:
        parts.append(f"{_DIGITS[thousands]} nghìn")
    if hundreds or (thousands and below):
        parts.append(f"{_DIGITS[hundreds]} trăm")
    if below:
        parts.append(_below_100(below, after_hundred=bool(thousands or hundreds)))
    return " ".join(parts)


def _day_words(d: int) -> str:
    # Days 1-10 are said with "mồng" on civil status papers.
    return f"mồng {_DIGITS[d] if d < 10 else 'mười'}" if d <= 10 else number_words(d)


def _month_words(m: int) -> str:
    return "tư" if m == 4 else number_words(m)


def _as_date(value: str) -> date | None:
    try:
        return date.fromisoformat(parse_date(value))
    except CitizenDataError:
        return None


def date_words(value: str) -> str:
    d = _as_date(value)
    if d is None:
        return value
    return f"Ngày {_day_words(d.day)} tháng {_month_words(d.month)} năm {number_words(d.year)}"


def date_dmy(value: str) -> str:
    d = _as_date(value)
    return d.strftime("%d/%m/%Y") if d else value


def birth_year(value: str) -> str:
    d = _as_date(value)
    return str(d.year) if d else value


def _part(index: int) -> Callable[[str], str]:
    def part(value: str) -> str:
        d = _as_date(value)
        if d is None:
            return value
        return (f"{d.day:02d}", f"{d.month:02d}", f"{d.year:04d}")[index]

    return part


def sex_vi(value: str) -> str:
    return {"M": "Nam", "F": "Nữ"}.get(value.strip().upper(), value)


def upper(value: str) -> str:
    return unicodedata.normalize("NFC", value.upper())


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "upper": upper,
    "date_dmy": date_dmy,
    "date_words": date_words,
    "birth_year": birth_year,
    "day": _part(0),
    "month": _part(1),
    "year": _part(2),
    "sex_vi": sex_vi,
    "nfc": nfc,
}

# Display form of each field type when the definition names no transform.
DEFAULT_FOR_TYPE: dict[str, str] = {"date": "date_dmy", "sex": "sex_vi"}


def apply(name: str | None, value: str, field_type: str = "text") -> str:
    name = name or DEFAULT_FOR_TYPE.get(field_type)
    value = nfc(value)
    return TRANSFORMS[name](value) if name else value

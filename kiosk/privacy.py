"""Privacy helpers: masking for lists and a redactor that keeps personal data out of logs.

The redactor removes two kinds of data:
- shapes that are personal whatever they say: 12-digit ID numbers, 9-digit CMND numbers,
  MRZ lines, dates, hex dumps long enough to be APDU payloads;
- the exact values of the citizens currently being served, registered by the session when
  a card is read or a dossier opened (names and addresses have no detectable shape).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable

REDACTED = "[redacted]"

_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"[A-Z0-9<]{2}[A-Z0-9<]{26,}"),  # MRZ lines (TD1 30, TD2 36, TD3 44)
    re.compile(r"(?<!\d)\d{9}(?:\d{3})?(?!\d)"),  # 12-digit ID / 9-digit CMND
    re.compile(r"(?<!\d)\d{1,2}/\d{1,2}/\d{4}(?!\d)"),  # dd/mm/yyyy
    re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)"),  # ISO dates
    re.compile(r"\b(?:[0-9A-Fa-f]{2}[ :]?){24,}\b"),  # long hex dumps (APDU data)
)


def mask_id(id_number: str | None) -> str:
    """Mask an ID number for lists: keep the last 4 digits only."""
    if not id_number:
        return ""
    keep = 4 if len(id_number) > 6 else 2
    return "•" * (len(id_number) - keep) + id_number[-keep:]


def fold(text: str) -> str:
    """Diacritic-insensitive, case-insensitive form of Vietnamese text (đ -> d)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


class Redactor:
    """Thread-safe registry of values to scrub, plus the fixed shape patterns."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: set[str] = set()

    def register(self, values: Iterable[str | None]) -> None:
        with self._lock:
            for v in values:
                if v and len(v) >= 3:
                    self._values.add(unicodedata.normalize("NFC", v))

    def clear(self) -> None:
        """Called when the citizen's session ends."""
        with self._lock:
            self._values.clear()

    def redact(self, text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        with self._lock:
            values = sorted(self._values, key=len, reverse=True)
        for v in values:
            if v in text:
                text = text.replace(v, REDACTED)
            # Transliterated forms (MRZ names, logs from ASCII-only tools).
            fv = fold(v)
            if len(fv) >= 3 and fv in fold(text):
                text = _replace_folded(text, fv)
        for pat in _PATTERNS:
            text = pat.sub(REDACTED, text)
        return text


def _replace_folded(text: str, folded_value: str) -> str:
    # Character-by-character folding keeps indices aligned for single-char folds, which is
    # true for Vietnamese letters (each NFC letter folds to exactly one base letter).
    folded = "".join(fold(ch) or ch for ch in text)
    if len(folded) != len(text):
        return REDACTED
    out, i = [], 0
    while True:
        j = folded.find(folded_value, i)
        if j < 0:
            out.append(text[i:])
            return "".join(out)
        out.append(text[i:j] + REDACTED)
        i = j + len(folded_value)


redactor = Redactor()

"""Machine Readable Zone (ICAO 9303-3/4/5/6): check digits, TD1/TD2/TD3 parsing, OCR repair."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from kiosk.card.errors import KeyInputError

_VALUES = {**{str(i): i for i in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}, "<": 0}


def check_digit(text: str) -> str:
    total = 0
    for i, ch in enumerate(text):
        if ch not in _VALUES:
            raise KeyInputError("The MRZ contains a character that is not allowed (only A-Z, 0-9 and <).")
        total += _VALUES[ch] * (7, 3, 1)[i % 3]
    return str(total % 10)


@dataclass(frozen=True)
class Mrz:
    format: str  # "TD1" | "TD2" | "TD3"
    lines: tuple[str, ...]
    document_code: str
    issuing_state: str
    document_number: str
    document_number_cd: str
    optional1: str
    date_of_birth: str  # YYMMDD
    date_of_birth_cd: str
    sex: str  # M / F / <
    date_of_expiry: str
    date_of_expiry_cd: str
    nationality: str
    optional2: str
    surname: str
    given_names: str
    composite_cd: str

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def mrz_information(self) -> str:
        """The BAC/PACE key seed: document number + cd + DOB + cd + expiry + cd."""
        return (
            self.document_number
            + self.document_number_cd
            + self.date_of_birth
            + self.date_of_birth_cd
            + self.date_of_expiry
            + self.date_of_expiry_cd
        )

    @property
    def id_number(self) -> str | None:
        """The 12-digit Vietnamese ID carried in TD1 optional data (positions 16-27)."""
        m = re.match(r"(\d{12})", self.optional1)
        return m.group(1) if m and self.issuing_state == "VNM" else None

    def check_results(self) -> dict[str, bool]:
        """Each check digit: does it match?"""
        res = {
            "document_number": check_digit(self.document_number) == self.document_number_cd,
            "date_of_birth": check_digit(self.date_of_birth) == self.date_of_birth_cd,
            "date_of_expiry": check_digit(self.date_of_expiry) == self.date_of_expiry_cd,
        }
        if self.format == "TD1":
            l1, l2 = self.lines[0], self.lines[1]
            comp = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
        elif self.format == "TD2":
            l2 = self.lines[1]
            comp = l2[0:10] + l2[13:20] + l2[21:35]
        else:
            l2 = self.lines[1]
            comp = l2[0:10] + l2[13:20] + l2[21:43]
        res["composite"] = check_digit(comp) == self.composite_cd
        return res


class MrzError(KeyInputError):
    pass


DOCNO_NOT_ID = (
    "The MRZ document number is not the last 9 digits of the ID number; "
    "compare the lines with the back of the card."
)
# Whole sentences, one per field: the window translates sentences, not pieces of them.
_CHECK_FAILED = {
    "document_number": "The MRZ document number does not match its check digit; "
    "compare the lines with the back of the card.",
    "date_of_birth": "The MRZ date of birth does not match its check digit; "
    "compare the lines with the back of the card.",
    "date_of_expiry": "The MRZ date of expiry does not match its check digit; "
    "compare the lines with the back of the card.",
}


def _name(field: str) -> tuple[str, str]:
    sur, _, given = field.partition("<<")
    return sur.replace("<", " ").strip(), given.replace("<", " ").strip()


def _clean_lines(text: str) -> list[str]:
    lines = [re.sub(r"\s+", "", ln).upper() for ln in text.replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    if len(lines) == 1:  # pasted as one run
        s = lines[0]
        for width, count in ((30, 3), (44, 2), (36, 2)):
            if len(s) == width * count:
                return [s[i : i + width] for i in range(0, len(s), width)]
    return lines


def parse_mrz(text: str) -> Mrz:
    """Parse the MRZ text (lines separated by newlines); raises :class:`MrzError` on bad shape."""
    lines = _clean_lines(text)
    widths = [len(x) for x in lines]
    if widths == [30, 30, 30]:
        l1, l2, l3 = lines
        sur, given = _name(l3)
        return Mrz(
            "TD1", (l1, l2, l3), l1[0:2].rstrip("<"), l1[2:5], l1[5:14].rstrip("<") or l1[5:14],
            l1[14], l1[15:30], l2[0:6], l2[6], l2[7], l2[8:14], l2[14], l2[15:18], l2[18:29],
            sur, given, l2[29],
        )  # fmt: skip
    if widths in ([36, 36], [44, 44]):
        l1, l2 = lines
        fmt = "TD2" if widths[0] == 36 else "TD3"
        sur, given = _name(l1[5:])
        opt2 = l2[28:42] if fmt == "TD3" else l2[28:35]
        comp = l2[43] if fmt == "TD3" else l2[35]
        return Mrz(
            fmt, (l1, l2), l1[0:2].rstrip("<"), l1[2:5], l2[0:9].rstrip("<") or l2[0:9], l2[9], "",
            l2[13:19], l2[19], l2[20], l2[21:27], l2[27], l2[10:13], opt2, sur, given, comp,
        )  # fmt: skip
    raise MrzError("The MRZ must be 3 lines of 30, or 2 lines of 36 or 44 characters.")


# Characters OCR engines confuse, in both directions.
_DIGIT_FOR = {"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "B": "8", "G": "6"}
_ALPHA_FOR = {v: k for k, v in _DIGIT_FOR.items() if k in "OISBZG"}
_FILLER_FOR = {"K": "<", "L": "<", "(": "<", "«": "<"}


def _digits(field: str) -> str:
    return "".join(_DIGIT_FOR.get(c, c) for c in field)


def _candidates(field: str, cd: str, max_changes: int = 2) -> str | None:
    """Repair a document number so its check digit matches, with the fewest OCR swaps.

    The check digit cannot tell every swap apart (L and 1 differ by 20, a multiple of 10 at
    weight 7), so an ambiguous repair is refused rather than guessed, unless exactly one of the
    candidates only turns letters into digits. A field of digits (and fillers) is never given
    letters: a mistyped digit would otherwise become a letter that happens to fit the check
    digit (190001235 -> I90001235), a wrong key instead of a clear message.
    """
    if check_digit(field) == cd:
        return field
    may_add_letters = any(c.isalpha() for c in field)
    swaps = []
    for i, c in enumerate(field):
        alts = {
            _DIGIT_FOR.get(c),
            _ALPHA_FOR.get(c) if may_add_letters else None,
            _FILLER_FOR.get(c),
            "K" if c == "<" and may_add_letters else None,
        } - {None, c}
        if alts:
            swaps.append((i, sorted(a for a in alts if a)))
    for n in range(1, max_changes + 1):
        found: list[tuple[str, bool]] = []
        for combo in itertools.combinations(swaps, n):
            for choice in itertools.product(*(alts for _, alts in combo)):
                f = list(field)
                for (i, _), a in zip(combo, choice, strict=True):
                    f[i] = a
                cand = "".join(f)
                if check_digit(cand) == cd:
                    found.append((cand, all(a.isdigit() for a in choice)))
        if len(found) == 1:
            return found[0][0]
        digit_only = [c for c, d in found if d]
        if len(digit_only) == 1:
            return digit_only[0]
        if found:
            return None
    return None


def repair_mrz(text: str) -> str:
    """Fix common OCR confusions (O/0, K/<, ...) where the check digits prove the fix.

    Numeric fields (dates, check digits) are forced to digits; the document number is
    repaired only to a variant whose check digit matches. Raises if a check still fails.
    """
    lines = _clean_lines(text)
    widths = [len(x) for x in lines]
    if widths == [30, 30, 30]:
        l1, l2 = list(lines[0]), list(lines[1])
        for i in list(range(0, 7)) + list(range(8, 15)) + [29]:
            l2[i] = _DIGIT_FOR.get(l2[i], l2[i])
        l1[14] = _DIGIT_FOR.get(l1[14], l1[14])
        raw_docno = "".join(l1[5:14])
        # Filler confusion in the optional field (K read for <) after the 12-digit ID.
        opt = "".join(l1[15:30])
        opt = _digits(opt[:12]) + opt[12:].replace("K", "<")
        l1[15:30] = list(opt)
        if "".join(l1[2:5]) == "VNM":
            # A CCCD document number is the ID's last 9 digits: digits only, nothing to guess.
            digits = _digits(raw_docno)
            if not digits.isdigit() or check_digit(digits) != l1[14]:
                raise MrzError(_CHECK_FAILED["document_number"])
            if re.fullmatch(r"\d{12}", opt[:12]) and digits != opt[3:12]:
                raise MrzError(DOCNO_NOT_ID)
            docno: str | None = digits
        else:
            docno = _candidates(raw_docno, l1[14])
        if docno is None:
            raise MrzError(_CHECK_FAILED["document_number"])
        l1[5:14] = list(docno)
        lines = ["".join(l1), "".join(l2), lines[2]]
    elif widths in ([36, 36], [44, 44]):
        l2 = list(lines[1])
        # Check digits and dates are numeric by spec (TD3: also the personal-number and
        # composite check digits): only letters OCR confuses with digits are changed.
        numeric = [9, *range(13, 20), *range(21, 28), *((42, 43) if len(l2) == 44 else (35,))]
        for i in numeric:
            l2[i] = _DIGIT_FOR.get(l2[i], l2[i])
        docno = _candidates("".join(l2[0:9]), l2[9])
        if docno is None:
            raise MrzError(_CHECK_FAILED["document_number"])
        l2[0:9] = list(docno)
        lines = [lines[0], "".join(l2)]
    else:
        raise MrzError("The MRZ must be 3 lines of 30, or 2 lines of 36 or 44 characters.")
    mrz = parse_mrz("\n".join(lines))
    checks = mrz.check_results()
    for name, message in _CHECK_FAILED.items():
        if not checks[name]:
            raise MrzError(message)
    return mrz.text

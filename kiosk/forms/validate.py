"""Validation of a filled form: messages in Vietnamese and English, each pointing at a field.

Rules: required fields; the 12-digit ID number structure (DOMAIN.md section 2: province of
birth, century + sex digit, year of birth) against DOB and sex; real dates, not in the future,
DOB before issue; phone and email formats; Vietnamese names (NFC, letters only); the form's
own cross-field rules (e.g. a child born after the parents); unresolved card conflicts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from kiosk.citizen import Citizen, CitizenDataError, parse_date
from kiosk.forms.prefill import FilledForm
from kiosk.forms.schema import ColumnDef, FieldDef, RuleDef

# Province-of-birth codes of the 12-digit ID (the 63 pre-2025 provinces, Circular 07/2016/TT-BCA).
BIRTH_PROVINCE_CODES: frozenset[str] = frozenset(
    f"0{c:02d}"
    for c in (
        1,
        2,
        4,
        6,
        8,
        10,
        11,
        12,
        14,
        15,
        17,
        19,
        20,
        22,
        24,
        25,
        26,
        27,
        30,
        31,
        33,
        34,
        35,
        36,
        37,
        38,
        40,
        42,
        44,
        45,
        46,
        48,
        49,
        51,
        52,
        54,
        56,
        58,
        60,
        62,
        64,
        66,
        67,
        68,
        70,
        72,
        74,
        75,
        77,
        79,
        80,
        82,
        83,
        84,
        86,
        87,
        89,
        91,
        92,
        93,
        94,
        95,
        96,
    )
)

PHONE_RE = re.compile(r"^(?:\+84|0)(?:[35789]\d{8}|2\d{9})$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
# Names are written in Latin script (Vietnamese diacritics, or a foreign name transliterated):
# letters of other scripts cannot be searched or printed by the agencies' systems.
NAME_PUNCT = frozenset(" '’-")


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message_vi: str
    message_en: str
    severity: str = "error"  # "error" blocks printing a final copy; "warning" needs a look

    def to_json(self) -> dict[str, str]:
        return {
            "field": self.field,
            "code": self.code,
            "severity": self.severity,
            "message_vi": self.message_vi,
            "message_en": self.message_en,
        }


def century_digit(year: int, sex: str) -> int:
    """The 4th digit of the ID: century (1900s -> 0/1, 2000s -> 2/3, ...) plus sex (female +1)."""
    base = {19: 0, 20: 2, 21: 4, 22: 6, 23: 8}.get(year // 100)
    if base is None:
        raise ValueError("year outside 1900-2399")
    return base + (1 if sex == "F" else 0)


def check_id_structure(
    idn: str, dob_iso: str | None = None, sex: str | None = None
) -> list[tuple[str, str, str]]:
    """Problems as (code, vi, en) for a 12-digit ID number against an optional DOB (ISO) and sex."""
    if not (len(idn) == 12 and idn.isdigit()):
        return [("id_format", "phải gồm đúng 12 chữ số", "must be exactly 12 digits")]
    out = []
    if idn[:3] not in BIRTH_PROVINCE_CODES:
        out.append(
            (
                "id_province",
                f"mã tỉnh nơi đăng ký khai sinh {idn[:3]} không tồn tại",
                f"province-of-birth code {idn[:3]} does not exist",
            )
        )
    digit = int(idn[3])
    if dob_iso:
        year = int(dob_iso[:4])
        centuries = {0: 19, 1: 19, 2: 20, 3: 20, 4: 21, 5: 21, 6: 22, 7: 22, 8: 23, 9: 23}
        if centuries[digit] != year // 100 or idn[4:6] != f"{year % 100:02d}":
            out.append(
                (
                    "id_dob",
                    f"không khớp với năm sinh {year} (chữ số thứ 4-6)",
                    f"does not match the year of birth {year} (digits 4-6)",
                )
            )
    if sex in {"M", "F"} and (digit % 2 == 1) != (sex == "F"):
        out.append(
            ("id_sex", "chữ số thứ 4 không khớp với giới tính", "the 4th digit does not match the sex")
        )
    return out


def _latin_letter(ch: str) -> bool:
    """A letter of the Latin script (a, ă, ơ, đ, ñ, ö...) after NFC; Cyrillic, Han, Thai... are not."""
    return unicodedata.category(ch).startswith("L") and unicodedata.name(ch, "").startswith("LATIN ")


def _iso(value: str) -> str | None:
    try:
        return parse_date(value)
    except CitizenDataError:
        return None


def _sex_code(value: str) -> str | None:
    return {"nam": "M", "m": "M", "nữ": "F", "f": "F"}.get(
        unicodedata.normalize("NFC", value).strip().casefold()
    )


class _Checker:
    def __init__(self, filled: FilledForm, today: date) -> None:
        self.filled, self.today = filled, today
        self.problems: list[Problem] = []

    def add(self, key: str, label: tuple[str, str], code: str, vi: str, en: str) -> None:
        self.problems.append(Problem(key, code, f"{label[0]}: {vi}.", f"{label[1]}: {en}."))

    def check_value(
        self,
        key: str,
        ftype: str,
        label: tuple[str, str],
        *,
        required: bool,
        fdef: FieldDef | ColumnDef,
        person: Citizen | None = None,
    ) -> None:
        value = self.filled.value(key)
        lv, le = label
        if not value:
            if required:
                self.add(key, (lv, le), "required", "bắt buộc, chưa có giá trị", "required, still empty")
            return
        raw = self.filled.raw.get(key, value)
        if ftype == "date":
            iso = _iso(value)
            if iso is None:
                self.add(
                    key,
                    (lv, le),
                    "date",
                    "không phải ngày hợp lệ (dd/mm/yyyy)",
                    "not a valid date (dd/mm/yyyy)",
                )
            elif date.fromisoformat(iso) > self.today and (
                getattr(fdef, "not_future", False) or isinstance(fdef, ColumnDef)
            ):
                self.add(
                    key, (lv, le), "future", "không thể là ngày trong tương lai", "cannot be in the future"
                )
        elif ftype == "year":
            if not (value.isdigit() and len(value) == 4):
                self.add(key, (lv, le), "year", "phải là năm gồm 4 chữ số", "must be a 4-digit year")
            elif int(value) > self.today.year:
                self.add(
                    key, (lv, le), "future", "không thể là năm trong tương lai", "cannot be in the future"
                )
        elif ftype == "sex":
            if _sex_code(value) is None:
                self.add(key, (lv, le), "sex", "phải là Nam hoặc Nữ", "must be Nam (male) or Nữ (female)")
        elif ftype == "id_number":
            dob, sex = self._person_dob_sex(key, fdef, person)
            for code, vi, en in check_id_structure(value, dob, sex):
                self.add(key, (lv, le), code, vi, en)
        elif ftype == "old_id_number":
            if not (len(value) == 9 and value.isdigit()):
                self.add(key, (lv, le), "old_id_format", "phải gồm đúng 9 chữ số", "must be exactly 9 digits")
        elif ftype == "phone":
            if not PHONE_RE.match(re.sub(r"[ .-]", "", value)):
                self.add(
                    key,
                    (lv, le),
                    "phone",
                    "không phải số điện thoại Việt Nam hợp lệ (di động 10 chữ số hoặc cố định 11 chữ số, "
                    "bắt đầu bằng 0 hoặc +84)",
                    "not a valid Vietnamese phone number (10-digit mobile or 11-digit landline, "
                    "starting with 0 or +84)",
                )
        elif ftype == "email":
            if not EMAIL_RE.match(value):
                self.add(
                    key, (lv, le), "email", "không phải địa chỉ email hợp lệ", "not a valid email address"
                )
        elif ftype == "integer":
            if not re.fullmatch(r"-?\d+", value):
                self.add(key, (lv, le), "integer", "phải là số nguyên", "must be a whole number")
            else:
                n = int(value)
                lo, hi = getattr(fdef, "min", None), getattr(fdef, "max", None)
                if (lo is not None and n < lo) or (hi is not None and n > hi):
                    self.add(
                        key,
                        (lv, le),
                        "range",
                        f"phải trong khoảng {lo} đến {hi}",
                        f"must be between {lo} and {hi}",
                    )
        elif ftype == "name":
            if unicodedata.normalize("NFC", raw) != raw:
                self.add(
                    key,
                    (lv, le),
                    "name_nfc",
                    "chưa ở dạng Unicode dựng sẵn (NFC)",
                    "is not in Unicode NFC form",
                )
            bad = [
                ch
                for ch in unicodedata.normalize("NFC", value)
                if not (_latin_letter(ch) or ch in NAME_PUNCT)
            ]
            if bad:
                self.add(
                    key,
                    (lv, le),
                    "name_chars",
                    "chỉ được gồm chữ cái Latinh (có dấu tiếng Việt), dấu cách, dấu nháy và gạch nối",
                    "may contain only Latin letters (Vietnamese diacritics included), spaces, "
                    "apostrophes and hyphens",
                )
        elif (
            ftype == "choice"
            and fdef.options
            and value not in {o.vi for o in fdef.options} | {o.en for o in fdef.options}
        ):
            self.add(
                key,
                (lv, le),
                "choice",
                "phải là một trong các lựa chọn: " + ", ".join(o.vi for o in fdef.options),
                "must be one of: " + ", ".join(o.en for o in fdef.options),
            )
        if isinstance(fdef, FieldDef):
            if fdef.max_length and len(value) > fdef.max_length:
                self.add(
                    key,
                    (lv, le),
                    "too_long",
                    f"dài quá {fdef.max_length} ký tự",
                    f"longer than {fdef.max_length} characters",
                )
            if fdef.pattern and not re.fullmatch(fdef.pattern, value):
                self.add(key, (lv, le), "pattern", "không đúng định dạng", "has the wrong format")

    def _person_dob_sex(
        self, key: str, fdef: FieldDef | ColumnDef, person: Citizen | None
    ) -> tuple[str | None, str | None]:
        dob = sex = None
        if isinstance(fdef, FieldDef):
            if fdef.dob_field and self.filled.value(fdef.dob_field):
                dob = _iso(self.filled.value(fdef.dob_field))
            if fdef.sex_field and self.filled.value(fdef.sex_field):
                sex = _sex_code(self.filled.value(fdef.sex_field))
            source = self.filled.sources.get(key, "")
            if "." in source and not source.startswith("="):
                person = person or self.filled.roles.get(source.split(".", 1)[0])
        if person is not None:
            dob = dob or person.get("date_of_birth")
            sex = sex or person.get("sex")
        elif isinstance(fdef, ColumnDef):
            prefix = key.rsplit(".", 1)[0]
            dob = (
                _iso(self.filled.value(f"{prefix}.date_of_birth"))
                if self.filled.value(f"{prefix}.date_of_birth")
                else None
            )
            s = self.filled.value(f"{prefix}.sex")
            sex = _sex_code(s) if s else None
        return dob, sex

    def operand(self, ref: str) -> date | None:
        if "." in ref:
            # The date the form will print (typed or from the card) is what the rule is about:
            # a card's value may have been overridden, and a person without a card has none.
            on_form = [
                self.filled.value(f.id) for f in self.filled.form.fields if ref in f.bind and f.type == "date"
            ]
            v = next((x for x in on_form if x), None)
            if v is None and not on_form:
                role, cf = ref.split(".", 1)
                c = self.filled.roles.get(role)
                v = c.get(cf) if c else None
        else:
            v = self.filled.value(ref) or None
        iso = _iso(v) if v else None
        return date.fromisoformat(iso) if iso else None

    def rule(self, r: RuleDef) -> None:
        a, b = self.operand(r.a), self.operand(r.b) if r.b != "today" else self.today
        if a is None or b is None:
            return
        ok = True
        if r.kind == "before":
            ok = a < b
        elif r.kind == "not_after":
            ok = a <= b
        elif r.kind == "equal":
            ok = a == b
        elif r.kind == "adult_years":
            years = b.year - a.year - ((b.month, b.day) < (a.month, a.day))
            ok = years >= (r.years or 18)
        if not ok:
            self.problems.append(Problem(r.field, f"rule_{r.kind}", r.message.vi, r.message.en))


def _role_present(filled: FilledForm, role: str, *, multiple: bool) -> bool:
    """Someone fills ``role``: a card read for them, or (no card) something typed into their fields."""
    if multiple:
        if any(k.startswith(f"{role}[") for k in filled.roles):
            return True
        groups = [g.id for g in filled.form.groups if g.role == role]
        return any(filled.rows.get(g, 0) for g in groups)
    if role in filled.roles:
        return True
    return any(
        filled.values.get(f.id) and filled.sources.get(f.id) == "typed"
        for f in filled.form.fields
        if any(b.split(".", 1)[0] == role for b in f.bind)
    )


def validate(filled: FilledForm, *, today: date | None = None) -> list[Problem]:
    """Every problem of ``filled``; an empty list means it can be printed as final."""
    ck = _Checker(filled, today or date.today())
    form = filled.form
    for f in form.fields:
        ck.check_value(f.id, f.type, (f.label.vi, f.label.en), required=f.required, fdef=f)
    for g in form.groups:
        for i in range(filled.rows.get(g.id, 0)):
            person = filled.roles.get(f"{g.role}[{i}]")
            for c in g.columns:
                key = f"{g.id}[{i}].{c.id}"
                ck.check_value(
                    key,
                    c.type,
                    (f"{g.label.vi} {i + 1}, {c.label.vi}", f"{g.label.en} {i + 1}, {c.label.en}"),
                    required=c.required,
                    fdef=c,
                    person=person,
                )
    # Each card holder: born before the card was issued.
    for role, citizen in filled.roles.items():
        dob, issued = citizen.get("date_of_birth"), citizen.get("date_of_issue")
        if dob and issued and dob >= issued:
            target = next(
                (k for k, s in filled.sources.items() if s == f"{role}.date_of_birth"),
                f"{role}.date_of_birth",
            )
            ck.problems.append(
                Problem(
                    target,
                    "dob_after_issue",
                    "Ngày sinh phải trước ngày cấp thẻ căn cước.",
                    "The date of birth must be before the card's date of issue.",
                )
            )
    for rdef in form.roles:
        if rdef.required and not _role_present(filled, rdef.id, multiple=rdef.multiple):
            bound = [f.id for f in form.fields if any(b.split(".", 1)[0] == rdef.id for b in f.bind)]
            ck.problems.append(
                Problem(
                    bound[0] if bound else rdef.id,
                    "role_required",
                    f"{rdef.label.vi}: bắt buộc; đọc thẻ của người này hoặc nhập thông tin của họ.",
                    f"{rdef.label.en}: required; read this person's card or type their details.",
                )
            )
    for r in form.rules:
        ck.rule(r)
    for conflict in filled.conflicts:
        ck.problems.append(
            Problem(
                conflict.field,
                "conflict",
                "Giá trị trên tờ khai khác với dữ liệu trên thẻ; cán bộ cần xác nhận giá trị đúng.",
                "The value on the form differs from the card; the officer must confirm which is right.",
                severity="warning",
            )
        )
    return ck.problems

from __future__ import annotations

import json
from datetime import date

import pytest

from kiosk.forms.prefill import prefill
from kiosk.forms.schema import ASSETS_DIR
from kiosk.forms.validate import BIRTH_PROVINCE_CODES, century_digit, check_id_structure, validate

from .conftest import make_citizen

TODAY = date(2026, 11, 23)


def codes(problems) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in problems}


def test_province_codes_match_the_legacy_province_list() -> None:
    legacy = json.loads((ASSETS_DIR / "admin_units" / "legacy.json").read_text(encoding="utf-8"))
    assert {"0" + p["code"] for p in legacy["provinces"]} == BIRTH_PROVINCE_CODES


@pytest.mark.parametrize(
    ("idn", "dob", "sex", "expected"),
    [
        ("001088012345", "1988-03-15", "M", []),
        ("001188012345", "1988-03-15", "F", []),
        ("079216000123", "2016-05-02", "M", []),
        ("079316000123", "2016-05-02", "F", []),
        ("001088012345", "1988-03-15", "F", ["id_sex"]),
        ("001088012345", "1989-03-15", "M", ["id_dob"]),
        ("001288012345", "1988-03-15", "M", ["id_dob"]),
        ("003088012345", "1988-03-15", "M", ["id_province"]),
        ("00108801234", None, None, ["id_format"]),
        ("00108801234X", None, None, ["id_format"]),
    ],
)
def test_id_structure(idn, dob, sex, expected) -> None:
    assert [c for c, _, _ in check_id_structure(idn, dob, sex)] == expected


def test_century_digit() -> None:
    assert century_digit(1999, "M") == 0 and century_digit(1999, "F") == 1
    assert century_digit(2000, "M") == 2 and century_digit(2025, "F") == 3


def test_required_and_formats_point_at_fields(catalogue) -> None:
    form = catalogue.get("CT01")
    f = prefill(
        form,
        {},
        {"phone": "0123", "email": "a@b", "full_name": "Nguyễn Văn 3", "date_of_birth": "31/02/1990"},
    )
    got = codes(validate(f, today=TODAY))
    assert {
        ("addressee", "required"),
        ("request", "required"),
        ("sex", "required"),
        ("id_number", "required"),
        ("phone", "phone"),
        ("email", "email"),
        ("full_name", "name_chars"),
        ("date_of_birth", "date"),
    } <= got
    p = next(p for p in validate(f, today=TODAY) if p.field == "phone")
    assert p.message_vi.startswith("Số điện thoại liên hệ: ") and p.message_en.startswith("Phone: ")


def test_valid_form_has_no_problems(catalogue) -> None:
    a = make_citizen(
        id_number="001088012345",
        full_name="Nguyễn Văn Bình",
        date_of_birth="1988-03-15",
        sex="M",
        date_of_issue="2021-05-05",
    )
    f = prefill(
        catalogue.get("CT01"),
        {"applicant": a},
        {
            "addressee": "Công an phường Ba Đình",
            "request": "Đăng ký tạm trú",
            "phone": "0912 345 678",
            "email": "binh.nguyen@example.vn",
        },
    )
    assert validate(f, today=TODAY) == []


def test_name_must_be_nfc(catalogue) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    f = prefill(
        catalogue.get("judicial_record"), {}, {"full_name": decomposed, "other_names": "Ánh-Đào Hờ'Niê"}
    )
    got = codes(validate(f, today=TODAY))
    assert ("full_name", "name_nfc") in got
    assert ("other_names", "name_chars") not in got
    assert f.values["full_name"] == "NGUYỄN THỊ ÁNH"  # printed NFC anyway


def test_dates_not_future_and_dob_before_issue(catalogue) -> None:
    a = make_citizen(
        id_number="001088012345",
        full_name="Lê Văn Tám",
        date_of_birth="1988-03-15",
        sex="M",
        date_of_issue="1987-01-01",
    )
    f = prefill(catalogue.get("judicial_record"), {"applicant": a}, {})
    got = codes(validate(f, today=TODAY))
    assert ("date_of_birth", "dob_after_issue") in got
    assert ("id_issue_date", "rule_before") in got
    f = prefill(catalogue.get("death_registration"), {}, {"death_date": "01/01/2027"})
    assert ("death_date", "future") in codes(validate(f, today=TODAY))


def test_id_checked_against_the_role_dob_and_sex(catalogue) -> None:
    # The head's ID is checked against the head's own card, not the applicant's.
    head = make_citizen(
        id_number="001245000111", full_name="Trần Văn Hộ", date_of_birth="1945-01-01", sex="M"
    )
    f = prefill(catalogue.get("CT01"), {"household_head": head}, {})
    assert ("head_id_number", "id_dob") in codes(validate(f, today=TODAY))
    head.set("id_number", "001045000111", head.provenance("id_number"))
    f = prefill(catalogue.get("CT01"), {"household_head": head}, {})
    assert not {p for p in validate(f, today=TODAY) if p.field == "head_id_number"}


def test_member_row_id_against_its_person(catalogue) -> None:
    child = make_citizen(id_number="001316000123", full_name="Bé Na", date_of_birth="2016-02-02", sex="M")
    f = prefill(catalogue.get("CT01"), {"members[0]": child}, {})
    assert ("members[0].id_number", "id_sex") in codes(validate(f, today=TODAY))


def test_cross_field_rules(catalogue) -> None:
    bride = make_citizen(
        id_number="001308000111", full_name="Phạm Thị Hoa", date_of_birth="2008-12-01", sex="F"
    )
    groom = make_citizen(
        id_number="001206000222", full_name="Đỗ Văn Nam", date_of_birth="2006-12-24", sex="M"
    )
    form = catalogue.get("marriage_registration")
    before = codes(
        validate(prefill(form, {"bride": bride, "groom": groom}, {"request_date": "30/11/2026"}), today=TODAY)
    )
    assert ("bride_dob", "rule_adult_years") in before  # 17 the day before her 18th birthday
    assert ("groom_dob", "rule_adult_years") in before  # 19, the law says 20 for men
    on = codes(
        validate(prefill(form, {"bride": bride, "groom": groom}, {"request_date": "01/12/2026"}), today=TODAY)
    )
    assert ("bride_dob", "rule_adult_years") not in on
    assert ("groom_dob", "rule_adult_years") in on
    older = make_citizen(
        id_number="001204000222", full_name="Đỗ Văn Nam", date_of_birth="2004-12-24", sex="M"
    )
    later = codes(
        validate(prefill(form, {"bride": bride, "groom": older}, {"request_date": "01/12/2026"}), today=TODAY)
    )
    assert ("groom_dob", "rule_adult_years") not in later


def test_conflicts_are_warnings(catalogue) -> None:
    a = make_citizen(full_name="Nguyễn Văn Bình", place_of_residence="Phường Ba Đình, Thành phố Hà Nội")
    f = prefill(catalogue.get("CT01"), {"applicant": a}, {"full_name": "Nguyễn Văn Bính"})
    ps = [p for p in validate(f, today=TODAY) if p.code == "conflict"]
    assert [(p.field, p.severity) for p in ps] == [("full_name", "warning")]


def test_marriage_age_uses_the_date_on_the_form(catalogue) -> None:
    form = catalogue.get("marriage_registration")
    groom = make_citizen(
        id_number="001095000222", full_name="Đỗ Văn Nam", date_of_birth="1995-12-24", sex="M"
    )
    typed = {"request_date": "01/12/2026", "bride_name": "Phạm Thị Hoa", "bride_dob": "01/02/2015"}
    # A bride without a card, her date of birth typed: 11 years old.
    got = codes(validate(prefill(form, {"groom": groom}, typed), today=TODAY))
    assert ("bride_dob", "rule_adult_years") in got
    # A card says 1995 but the form says 2015: the rule checks what the form will print.
    bride = make_citizen(
        id_number="001195000111", full_name="Phạm Thị Hoa", date_of_birth="1995-01-01", sex="F"
    )
    got = codes(validate(prefill(form, {"bride": bride, "groom": groom}, typed), today=TODAY))
    assert ("bride_dob", "rule_adult_years") in got and ("bride_dob", "conflict") in got
    ok = codes(
        validate(prefill(form, {"bride": bride, "groom": groom}, {"request_date": "01/12/2026"}), today=TODAY)
    )
    assert ("bride_dob", "rule_adult_years") not in ok


def test_rule_on_a_card_field_uses_the_bound_form_field(tmp_path) -> None:
    from kiosk.forms.loader import load_definition

    from .test_catalogue import MINIMAL

    p = tmp_path / "x.yaml"
    p.write_text(
        MINIMAL.replace(
            "layout:\n",
            "  - {id: dob, type: date, bind: applicant.date_of_birth, label: {vi: NS, en: DOB}}\n"
            "  - {id: day, type: date, label: {vi: Ngày, en: Day}}\n"
            "rules:\n"
            "  - {kind: adult_years, a: applicant.date_of_birth, b: day, years: 18, field: dob,\n"
            "     message: {vi: Chưa đủ tuổi., en: Under age.}}\n"
            "layout:\n",
        ),
        encoding="utf-8",
    )
    form = load_definition(p)
    adult = make_citizen(full_name="An", date_of_birth="1990-01-01")
    assert ("dob", "rule_adult_years") in codes(
        validate(prefill(form, {"applicant": adult}, {"dob": "01/01/2015", "day": "01/06/2026"}), today=TODAY)
    )
    assert ("dob", "rule_adult_years") not in codes(
        validate(prefill(form, {"applicant": adult}, {"day": "01/06/2026"}), today=TODAY)
    )


def test_required_roles_are_checked(catalogue) -> None:
    form = catalogue.get("marriage_registration")
    bride = make_citizen(
        id_number="001195000111", full_name="Phạm Thị Hoa", date_of_birth="1995-01-01", sex="F"
    )
    problems = validate(prefill(form, {"bride": bride}, {"addressee": "UBND xã A"}), today=TODAY)
    role = [p for p in problems if p.code == "role_required"]
    assert [(p.field, p.severity) for p in role] == [("groom_name", "error")]
    assert role[0].message_en == "Groom: required; read this person's card or type their details."
    assert role[0].message_vi == "Bên nam: bắt buộc; đọc thẻ của người này hoặc nhập thông tin của họ."
    # Typed details (a person without a chip card) fill the role too.
    typed = {"addressee": "UBND xã A", "groom_name": "Đỗ Văn Nam"}
    assert "role_required" not in {
        p.code for p in validate(prefill(form, {"bride": bride}, typed), today=TODAY)
    }


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("Nguyễn Thị Ánh", True),
        ("Đặng Hữu Ước", True),
        ("José Müller-O'Brien", True),
        ("H'Hen Niê", True),
        ("Иван Петров", False),
        ("张伟", False),
        ("สมชาย", False),
        ("Nguyễn V. An", False),
    ],
)
def test_names_are_latin_script(catalogue, name: str, ok: bool) -> None:
    f = prefill(catalogue.get("judicial_record"), {}, {"full_name": name})
    problems = [p for p in validate(f, today=TODAY) if p.code == "name_chars"]
    assert (problems == []) is ok
    if problems:
        assert problems[0].message_en.endswith(
            "only Latin letters (Vietnamese diacritics included), spaces, apostrophes and hyphens."
        )


def test_phone_message_matches_the_accepted_numbers(catalogue) -> None:
    form = catalogue.get("CT01")
    for number in ("0912345678", "+84912345678", "02438253536"):  # mobile, mobile, Hà Nội landline
        assert ("phone", "phone") not in codes(validate(prefill(form, {}, {"phone": number}), today=TODAY))
    p = next(p for p in validate(prefill(form, {}, {"phone": "091234567"}), today=TODAY) if p.code == "phone")
    assert "10-digit mobile or 11-digit landline, starting with 0 or +84" in p.message_en
    assert "di động 10 chữ số hoặc cố định 11 chữ số" in p.message_vi


def test_funeral_deceased_dob_not_in_the_future(catalogue) -> None:
    f = prefill(catalogue.get("funeral_allowance"), {}, {"deceased_dob": "01/01/2027"})
    assert ("deceased_dob", "future") in codes(validate(f, today=TODAY))

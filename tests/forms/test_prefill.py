from __future__ import annotations

from kiosk.citizen import Provenance
from kiosk.forms.prefill import prefill, prefill_bundle

from .conftest import LONG_ADDRESS, make_citizen


def test_roles_bind_with_transforms_and_provenance(catalogue, people) -> None:
    form = catalogue.get("birth_registration")
    qr_father = make_citizen(
        Provenance.QR, **{k: people["father"].get(k) for k in ("id_number", "full_name", "date_of_birth")}
    )
    f = prefill(
        form,
        {"applicant": people["mother"], "mother": people["mother"], "father": qr_father},
        {"child_dob": "2025-04-14", "child_name": "Trương Huỳnh Bảo Ngọc"},
    )
    assert f.values["mother_name"] == "HUỲNH THỊ NGỌC QUỲNH HƯƠNG NGUYỄN PHƯƠNG THỦY"
    assert f.values["mother_birth_year"] == "1990"
    assert f.values["mother_residence"] == LONG_ADDRESS
    assert f.provenance["mother_id"] is Provenance.CHIP_VERIFIED
    assert f.sources["mother_id"] == "mother.id_number"
    assert f.provenance["father_id"] is Provenance.QR
    assert f.values["child_dob"] == "14/04/2025"
    assert f.values["child_dob_words"] == "Ngày mười bốn tháng tư năm hai nghìn không trăm hai mươi lăm"
    assert f.provenance["child_dob_words"] is Provenance.DERIVED
    assert f.provenance["child_name"] is Provenance.TYPED
    assert f.values["child_name"] == "TRƯƠNG HUỲNH BẢO NGỌC"
    assert f.values["copies"] == "1" and f.sources["copies"] == "default"
    assert f.conflicts == []


def test_typed_value_is_never_overwritten_silently(catalogue, people) -> None:
    form = catalogue.get("CT01")
    f = prefill(
        form,
        {"applicant": people["mother"]},
        {"full_name": "Huỳnh Thị Ngọc Quỳnh", "date_of_birth": "24/11/1990"},
    )
    # The officer's value stays, the card's value is offered in a conflict.
    assert f.values["full_name"] == "HUỲNH THỊ NGỌC QUỲNH"  # typed, only put in capitals as the form wants
    assert f.provenance["full_name"] is Provenance.TYPED
    [c] = f.conflicts
    assert (c.field, c.kind, c.card_value, c.source) == (
        "full_name",
        "typed_vs_card",
        "HUỲNH THỊ NGỌC QUỲNH HƯƠNG NGUYỄN PHƯƠNG THỦY",
        "applicant.full_name",
    )
    # Same date typed: no conflict, and the stronger provenance (chip) is kept.
    assert f.provenance["date_of_birth"] is Provenance.CHIP_VERIFIED
    f.resolve("full_name", use="card")
    assert f.values["full_name"] == "HUỲNH THỊ NGỌC QUỲNH HƯƠNG NGUYỄN PHƯƠNG THỦY"
    assert f.provenance["full_name"] is Provenance.CHIP_VERIFIED and f.conflicts == []


def test_keep_typed_resolution(catalogue, people) -> None:
    f = prefill(catalogue.get("CT01"), {"applicant": people["mother"]}, {"id_number": "079190004322"})
    f.resolve("id_number", use="typed")
    assert f.values["id_number"] == "079190004322" and f.conflicts == []


def test_typed_case_difference_is_not_a_conflict(catalogue, people) -> None:
    f = prefill(
        catalogue.get("CT01"),
        {"applicant": people["mother"]},
        {"full_name": "huỳnh thị ngọc quỳnh hương nguyễn phương thủy"},
    )
    assert f.conflicts == []
    assert f.provenance["full_name"] is Provenance.CHIP_VERIFIED


def test_address_differing_from_card_is_flagged(catalogue, people) -> None:
    f = prefill(
        catalogue.get("CT01"), {"applicant": people["mother"]}, {"new_address": "Thôn Hạ, Xã Ứng Hòa"}
    )
    [c] = f.conflicts
    assert (c.field, c.kind, c.card_value) == ("new_address", "differs_from_card", LONG_ADDRESS)
    assert f.values["new_address"] == "Thôn Hạ, Xã Ứng Hòa"
    same = prefill(
        catalogue.get("CT01"), {"applicant": people["mother"]}, {"new_address": LONG_ADDRESS.upper()}
    )
    assert same.conflicts == []


def test_members_rows_from_several_cards(catalogue, people) -> None:
    f = prefill(
        catalogue.get("CT01"),
        {"applicant": people["father"], "members[0]": people["mother"], "members[1]": people["elder"]},
        {"members[1].relation": "Ông nội", "members[2].full_name": "Trương Bảo Ngọc"},
    )
    assert f.rows["members"] == 3
    assert f.values["members[0].full_name"] == people["mother"].get("full_name")
    assert f.values["members[1].sex"] == "Nam"
    assert f.values["members[1].date_of_birth"] == "19/08/1945"
    assert f.values["members[1].relation"] == "Ông nội"
    assert f.provenance["members[2].full_name"] is Provenance.TYPED


def test_birth_bundle_fills_three_forms_from_one_entry(catalogue, people) -> None:
    bundle = catalogue.get_bundle("bundle_birth_child_under6")
    forms = [catalogue.get(bf.form) for bf in bundle.forms]
    typed = {
        "child_name": "Trương Huỳnh Bảo Ngọc",
        "child_dob": "14/04/2025",
        "child_sex": "Nữ",
        "child_ethnicity": "Kinh",
        "child_nationality": "Việt Nam",
        "phone": "0912345678",
        "child_relation_to_head": "Con",
        "birth_registration_place": "UBND xã Nghĩa Hưng",
        "birth_registration:addressee": "Ủy ban nhân dân xã Nghĩa Hưng",
        "CT01:addressee": "Công an xã Nghĩa Hưng",
    }
    birth, ct01, tk1 = prefill_bundle(
        bundle,
        forms,
        {
            "applicant": people["mother"],
            "mother": people["mother"],
            "father": people["father"],
            "household_head": people["father"],
        },
        typed,
    )
    assert birth.values["child_name"] == "TRƯƠNG HUỲNH BẢO NGỌC"
    assert birth.values["addressee"] == "Ủy ban nhân dân xã Nghĩa Hưng"
    assert ct01.values["addressee"] == "Công an xã Nghĩa Hưng"
    assert ct01.values["members[0].full_name"] == "Trương Huỳnh Bảo Ngọc"
    assert ct01.values["members[0].date_of_birth"] == "14/04/2025"
    assert ct01.values["members[0].relation"] == "Con"
    assert ct01.values["head_name"] == "TRƯƠNG QUỐC KHÁNH ĐOÀN NGUYỄN HỮU PHƯỚC"
    # The mother files the bundle: she declares CT01 and is the child's guardian on it.
    assert (
        ct01.values["full_name"]
        == ct01.values["guardian_name"].upper()
        == people["mother"].get("full_name").upper()
    )
    assert tk1.values["full_name"] == "TRƯƠNG HUỲNH BẢO NGỌC"
    assert tk1.values["sex"] == "Nữ"
    assert tk1.values["guardian_name"] == people["mother"].get("full_name")
    assert tk1.values["guardian_id"] == "079190004321"
    assert tk1.values["birth_registration_place"] == "UBND xã Nghĩa Hưng"
    assert tk1.values["phone"] == ct01.values["phone"] == "0912345678"
    assert tk1.provenance["full_name"] is Provenance.TYPED  # the child has no card
    assert "id_number" not in tk1.values  # a newborn has no ID number yet; the mother's is not used
    assert tk1.values.get("residence") != people["mother"].get("place_of_residence")  # the child's, not hers


def test_death_bundle(catalogue, people) -> None:
    bundle = catalogue.get_bundle("bundle_death")
    forms = [catalogue.get(bf.form) for bf in bundle.forms]
    death, ct01, funeral = prefill_bundle(
        bundle,
        forms,
        {"applicant": people["father"], "deceased": people["elder"]},
        {"death_date": "01/11/2026", "deregistration_request": "Xóa đăng ký thường trú"},
    )
    assert death.values["deceased_id"] == funeral.values["deceased_id"] == ct01.values["members[0].id_number"]
    assert ct01.values["request"] == "Xóa đăng ký thường trú"
    assert funeral.values["death_date"] == death.values["death_date"] == "01/11/2026"


def test_session_single_entry_for_a_bundle(catalogue, people) -> None:
    from kiosk.forms.session import FormSession

    s = FormSession.start(catalogue, "bundle_birth_child_under6")
    assert s.is_bundle and [f.id for f in s.forms] == ["birth_registration", "CT01", "TK1-TS"]
    s.set_person("mother", people["mother"])
    s.set_person("applicant", people["mother"])
    s.set_typed("birth_registration", "child_name", "Trương Bảo Ngọc")
    s.set_typed("CT01", "phone", "0912345678")  # shared
    s.set_typed("CT01", "addressee", "Công an xã Nghĩa Hưng")  # per form
    s.set_typed("TK1-TS", "residence", "Thôn Đông, Xã Nghĩa Hưng")  # mapped to residence_address
    birth, ct01, tk1 = s.filled()
    assert (
        tk1.values["full_name"] == "TRƯƠNG BẢO NGỌC"
        and ct01.values["members[0].full_name"] == "Trương Bảo Ngọc"
    )
    assert tk1.values["phone"] == ct01.values["phone"] == "0912345678"
    assert ct01.values["addressee"] == "Công an xã Nghĩa Hưng" and "addressee" not in birth.values
    assert ct01.values["new_address"] == "Thôn Đông, Xã Nghĩa Hưng"
    assert s.next_role_key("mother") == "mother"
    single = FormSession.start(catalogue, "CT01")
    single.set_person(single.next_role_key("members"), people["father"])
    assert single.next_role_key("members") == "members[1]"
    single.set_typed("CT01", "full_name", "Khác")
    single.set_person("applicant", people["elder"])
    assert single.filled()[0].conflicts
    single.use_card("CT01", "full_name")
    assert not single.filled()[0].conflicts
    assert "CT01" in single.problems()
    single.clear()
    assert single.roles == {} and single.typed == {}


def test_session_converts_an_old_card_address(catalogue) -> None:
    from kiosk.forms.session import FormSession

    from .conftest import make_citizen

    old = make_citizen(
        full_name="Lê Thị Hồng",
        place_of_residence="Số 12 phố Hàng Bột, Phường Cát Linh, Quận Đống Đa, Thành phố Hà Nội",
    )
    s = FormSession.start(catalogue, "judicial_record")
    s.set_person("applicant", old)
    assert s.address_fields("judicial_record") == ["residence", "temporary_residence"]
    match = s.suggest_address("judicial_record", "residence")
    assert match is not None and match.conversion.needs_confirmation
    new = s.apply_address("judicial_record", "residence", match, "00190")
    assert new == "Số 12 phố Hàng Bột, Phường Ô Chợ Dừa, Thành phố Hà Nội"
    [f] = s.filled()
    assert f.values["residence"] == new and f.conflicts == []  # confirmed by the officer
    assert f.provenance["residence"] is Provenance.TYPED
    s.use_card("judicial_record", "residence")
    assert s.filled()[0].values["residence"] == old.get("place_of_residence")


def test_death_bundle_shares_the_death_date_in_the_session(catalogue, people) -> None:
    from kiosk.forms.session import FormSession

    s = FormSession.start(catalogue, "bundle_death")
    s.set_typed("funeral_allowance", "death_date", "02/11/2026")  # typed in the third tab
    s.set_typed("death_registration", "addressee", "UBND xã Nghĩa Hưng")  # per form
    death, _ct01, funeral = s.filled()
    assert death.values["death_date"] == funeral.values["death_date"] == "02/11/2026"
    assert death.values["addressee"] == "UBND xã Nghĩa Hưng" and "addressee" not in funeral.values

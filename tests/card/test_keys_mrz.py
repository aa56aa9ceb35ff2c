"""Access keys from typed MRZ (TD1/TD2/TD3, OCR repair), ID, ID + dates and QR text."""

from __future__ import annotations

import pytest

from kiosk.card.errors import KeyInputError
from kiosk.card.keys import AccessKey, parse_qr
from kiosk.card.lds.mrz import DOCNO_NOT_ID, MrzError, check_digit, parse_mrz, repair_mrz
from kiosk.citizen import Provenance

TD1 = "IDVNM1900012342079190001234<<2\n9005178F3005176VNM<<<<<<<<<<<4\nPHAM<<THI<HONG<NHUNG<<<<<<<<<<"
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"


def test_td1_parse_and_key() -> None:
    mrz = parse_mrz(TD1)
    assert mrz.format == "TD1"
    assert mrz.document_number == "190001234"
    assert mrz.id_number == "079190001234"
    assert (mrz.surname, mrz.given_names) == ("PHAM", "THI HONG NHUNG")
    assert all(mrz.check_results().values())
    key = AccessKey.from_mrz(TD1)
    assert key.mrz_information == "190001234290051783005176"
    assert key.can == "001234"


def test_td3_icao_specimen() -> None:
    mrz = parse_mrz(TD3)
    assert mrz.format == "TD3" and mrz.document_number == "L898902C3"
    assert mrz.check_results() == {
        "document_number": True,
        "date_of_birth": True,
        "date_of_expiry": True,
        "composite": True,
    }
    assert AccessKey.from_mrz(TD3).mrz_information == "L898902C36740812212041594"[:24]


def test_td2_specimen() -> None:
    mrz = parse_mrz(TD2)
    assert mrz.format == "TD2" and mrz.document_number == "D23145890"
    assert mrz.check_results()["document_number"]
    assert mrz.check_results()["composite"]


def test_mrz_pasted_as_one_line_and_lowercase() -> None:
    assert parse_mrz(TD1.replace("\n", "").lower()).document_number == "190001234"


@pytest.mark.parametrize(
    "bad",
    [
        TD1.replace("IDVNM190001234", "IDVNM19OOO1234"),  # O for 0 in the document number
        TD1.replace("9005178F", "9OO5178F"),  # O for 0 in the date of birth
        TD1.replace("1234<<2", "1234KK2"),  # K for < in the filler
        TD1.replace("3005176", "3OO5176"),
    ],
)
def test_ocr_confusions_are_repaired_when_check_digits_prove_it(bad: str) -> None:
    assert bad != TD1
    assert repair_mrz(bad) == TD1


def test_td3_document_number_repair() -> None:
    bad = TD3.replace("L898902C3", "L8989O2C3")
    assert parse_mrz(repair_mrz(bad)).document_number == "L898902C3"


def test_a_mistyped_digit_is_reported_not_repaired_into_a_letter() -> None:
    # 1 -> I would "fit" the check digit: a wrong key (I90001235...) instead of the sentence.
    typo = TD1.replace("IDVNM190001234", "IDVNM190001235")
    with pytest.raises(MrzError) as err:
        repair_mrz(typo)
    assert str(err.value) == (
        "The MRZ document number does not match its check digit; compare the lines with the back of the card."
    )


def test_cccd_document_number_must_be_the_ids_last_nine_digits() -> None:
    docno = "190001243"  # a valid check digit of its own, but not the ID's last 9 digits
    line1 = "IDVNM" + docno + check_digit(docno) + "079190001234<<2"
    with pytest.raises(MrzError) as err:
        repair_mrz(line1 + TD1[30:])
    assert str(err.value) == DOCNO_NOT_ID


def test_digit_only_passport_number_gets_no_letters() -> None:
    from kiosk.card.sim.profile import td3_mrz

    citizen = {
        "full_name": "Anna Eriksson",
        "date_of_birth": "1974-08-12",
        "sex": "F",
        "date_of_expiry": "2032-04-15",
    }
    good = "\n".join(td3_mrz(citizen, "UTO", "190001234", "UTO"))
    assert repair_mrz(good) == good
    with pytest.raises(MrzError, match="document number"):
        repair_mrz(good.replace("190001234", "190001235"))
    # The composite and personal-number check digits are numeric by spec: O there is a 0.
    assert repair_mrz(good[:-2] + good[-2:].replace("0", "O")) == good


def test_unrepairable_mrz_is_a_clear_error() -> None:
    with pytest.raises(KeyInputError, match="date of birth"):
        AccessKey.from_mrz(TD1.replace("9005178", "9005188"))
    with pytest.raises(KeyInputError, match="3 lines of 30"):
        AccessKey.from_mrz("IDVNM123")


def test_can_and_id() -> None:
    assert AccessKey.from_can("001234").can == "001234"
    assert AccessKey.from_can("0791 9000 1234").can == "001234"
    assert AccessKey.from_id("079190001234").can == "001234"
    for bad in ("12345", "abcdef", "0791900012345"):
        with pytest.raises(KeyInputError):
            AccessKey.from_can(bad)


def test_key_repr_hides_the_secret() -> None:
    assert "001234" not in repr(AccessKey.from_can("001234"))


def test_id_dob_expiry() -> None:
    key = AccessKey.from_id_dob_expiry("079190001234", "1990-05-17", "2030-05-17")
    assert key.mrz_information == "190001234290051783005176"
    assert AccessKey.from_id_dob_expiry("001058000321", "02/11/1958", None).mrz_information == (
        "058000321"
        + check_digit("058000321")
        + "581102"
        + check_digit("581102")
        + "991231"
        + check_digit("991231")
    )
    with pytest.raises(KeyInputError, match="date of birth"):
        AccessKey.from_id_dob_expiry("079190001234", "1990-02-30", None)


ADDR = "Số 12 Đường Nguyễn Trãi, Phường Bến Thành"
QR7 = f"079190001234|025123456|Phạm Thị Hồng Nhung|17051990|Nữ|{ADDR}|10082021"
QR6 = f"079190001234|Phạm Thị Hồng Nhung|17051990|Nữ|{ADDR}|10082021"


@pytest.mark.parametrize("qr", [QR7, QR6, QR7 + "\r\n", QR7.replace("025123456", "")])
def test_qr_six_and_seven_fields(qr: str) -> None:
    key = AccessKey.from_qr(qr)
    assert key.can == "001234"
    c = key.qr_citizen
    assert c is not None
    assert c.get("full_name") == "Phạm Thị Hồng Nhung"
    assert c.get("date_of_birth") == "1990-05-17"
    assert c.get("sex") == "F"
    assert c.get("date_of_issue") == "2021-08-10"
    assert c.provenance("full_name") is Provenance.QR
    assert c.get("old_id_number") == ("025123456" if "|025123456|" in qr else None)


@pytest.mark.parametrize(
    "bad", ["hello", "07919000123|a|b|c|d|e", "079190001234|x|Name|31021990|Nam|addr|01012020"]
)
def test_bad_qr_is_a_clear_error(bad: str) -> None:
    with pytest.raises(KeyInputError):
        parse_qr(bad)


def test_free_text_key_parsing() -> None:
    assert AccessKey.parse(QR7).source == "qr"
    assert AccessKey.parse("079190001234").source == "id"
    assert AccessKey.parse("001234").source == "can"
    assert AccessKey.parse(TD1).source == "mrz"

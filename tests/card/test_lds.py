"""LDS parsers: DG13 variants, DG2 images, EF.COM, SecurityInfos, SOD, trust store files."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from kiosk.card.errors import ParseError
from kiosk.card.lds.com import encode_com, parse_com
from kiosk.card.lds.dg2 import encode_dg2, parse_dg2, to_jpeg
from kiosk.card.lds.dg13 import DG13_OID_BYTES, encode_dg13_full, parse_dg13
from kiosk.card.lds.security_infos import PaceInfo, encode_security_infos, parse_security_infos
from kiosk.card.lds.tlv import encode, header_length, iter_tlv, read_tlv

H = bytes.fromhex
VALUES = {1: "079190001234", 2: "Phạm Thị Hồng Nhung", 3: "17/05/1990", 4: "Nữ", 12: "Không thời hạn"}


def test_tlv_multibyte_tags_and_long_lengths() -> None:
    value = b"x" * 300
    raw = encode(0x7F61, value)
    assert raw[:4] == H("7F618201")
    assert read_tlv(raw) == (0x7F61, value, len(raw))
    assert header_length(raw[:4]) is None
    assert header_length(raw[:5]) == len(raw)
    with pytest.raises(ParseError):
        read_tlv(raw[:-1])


@pytest.mark.parametrize("shape", ["two", "one"])
def test_dg13_parent_shapes(shape: str) -> None:
    dg = parse_dg13(encode_dg13_full(VALUES, "Phạm Văn Đức", "Nguyễn Thị Lan", None, parents_shape=shape))
    assert (dg.father_name, dg.mother_name) == ("Phạm Văn Đức", "Nguyễn Thị Lan")
    assert dg.fields["full_name"] == "Phạm Thị Hồng Nhung"
    assert dg.fields["date_of_expiry"] == "Không thời hạn"


@pytest.mark.parametrize("empty_entry", [True, False])
def test_dg13_spouse_empty_or_absent(empty_entry: bool) -> None:
    raw = encode_dg13_full(VALUES, "A", "B", None, empty_spouse_entry=empty_entry)
    assert (H("300302010E") in raw) is empty_entry
    assert parse_dg13(raw).spouse_name is None


def test_dg13_spouse_present_and_unknown_fields_kept() -> None:
    raw = encode_dg13_full({**VALUES, 16: "ABCDEF0123456789", 21: "future"}, None, None, "Trần Quốc Bảo")
    dg = parse_dg13(raw)
    assert dg.spouse_name == "Trần Quốc Bảo"
    assert dg.unknown == {"16": "ABCDEF0123456789", "21": "future"}
    assert dg.father_name is None


def test_dg13_as_seen_on_cards_hand_built() -> None:
    # Written out byte by byte from DOMAIN.md's layout (not from our encoder).
    entries = (
        H("3011020101") + encode(0x13, b"079190001234")
        + encode(0x30, H("02010D") + encode(0x30, encode(0x0C, b"Cha"))
                 + encode(0x30, encode(0x0C, "Mẹ".encode())))
        + H("300302010E")
    )  # fmt: skip
    raw = encode(0x6D, encode(0x30, H("020101") + encode(0x06, DG13_OID_BYTES) + encode(0x31, entries)))
    dg = parse_dg13(raw)
    assert dg.fields == {"id_number": "079190001234"}
    assert (dg.father_name, dg.mother_name, dg.spouse_name) == ("Cha", "Mẹ", None)


def test_dg13_wrong_template_is_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_dg13(encode(0x6E, b""))


def _jpeg(size: tuple[int, int] = (60, 80)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 100, 50)).save(buf, "JPEG")
    return buf.getvalue()


def test_dg2_jpeg_and_jpeg2000() -> None:
    jpeg = _jpeg()
    face = parse_dg2(encode_dg2(jpeg, 60, 80))
    assert (face.mime, face.data, face.width, face.height) == ("image/jpeg", jpeg, 60, 80)
    assert to_jpeg(face) == jpeg
    buf = io.BytesIO()
    Image.new("RGB", (60, 80), (10, 200, 30)).save(buf, "JPEG2000")
    face2 = parse_dg2(encode_dg2(buf.getvalue(), 60, 80, jpeg2000=True))
    assert face2.mime == "image/jp2"
    with Image.open(io.BytesIO(to_jpeg(face2))) as im:
        assert im.format == "JPEG" and im.size == (60, 80)


def test_dg2_undecodable_image_is_parse_error() -> None:
    face = parse_dg2(encode_dg2(H("0000000C6A5020200D0A870A") + b"garbage", 1, 1, jpeg2000=True))
    with pytest.raises(ParseError, match="photo"):
        to_jpeg(face)


def test_com_and_security_infos_round_trip() -> None:
    com = parse_com(encode_com([1, 2, 3, 13, 14, 15]))
    assert com.data_groups == (1, 2, 3, 13, 14, 15) and com.lds_version == "0107"
    infos = parse_security_infos(encode_security_infos([PaceInfo("0.4.0.127.0.7.2.2.4.2.2", 2, 13)]))
    assert (
        infos.pace[0].mapping == "ECDH-GM"
        and infos.pace[0].cipher == "AES"
        and infos.pace[0].parameter_id == 13
    )


def test_card_access_as_published() -> None:
    # EF.CardAccess as G.1 describes it (PACEInfo ECDH-GM AES-128, version 2, brainpoolP256r1).
    raw = H("31143012060A04007F0007020204020202010202010D")
    infos = parse_security_infos(raw)
    assert infos.pace == [PaceInfo("0.4.0.127.0.7.2.2.4.2.2", 2, 13)]


def test_iter_tlv_skips_padding() -> None:
    assert list(iter_tlv(H("00FF") + encode(0x80, b"a"))) == [(0x80, b"a")]

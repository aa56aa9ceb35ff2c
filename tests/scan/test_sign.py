"""PAdES signing with a SoftHSM2 token and verification."""

from __future__ import annotations

import io
from datetime import datetime

import pikepdf
import pytest

from kiosk.scan.errors import SignError, TokenError
from kiosk.scan.page import Page
from kiosk.scan.pdfa import PdfMetadata, build_pdfa, check_legal
from kiosk.scan.samples import a4_page
from kiosk.scan.sign import VN_TZ, SignOptions, TokenSpec, list_token_keys, parse_key_id, sign_pdf
from kiosk.scan.verify import CHANGED_AFTER, verify_pdf
from tests.scan.forge import incremental_update, replace_page_one
from tests.scan.hsm import SIGNER_CN, Token


@pytest.fixture(scope="module")
def unsigned() -> bytes:
    return build_pdfa([Page(a4_page(200), 200)], PdfMetadata("HS-KY", "Giấy khai sinh", 2, "canbo"))


@pytest.fixture(scope="module")
def signed(unsigned: bytes, token: Token) -> bytes:
    spec = TokenSpec(token.module, parse_key_id(token.key_id), token.pin)
    when = datetime(2026, 5, 15, 9, 0, tzinfo=VN_TZ)
    return sign_pdf(unsigned, spec, SignOptions(agency="UBND phường Hoàn Kiếm", when=when))


def test_signature_is_valid_trusted_and_covers_file(signed: bytes, token: Token) -> None:
    report = verify_pdf(signed, trust_roots=[token.ca_der])
    (sig,) = report.signatures
    assert report.ok
    assert sig.intact and sig.valid and sig.trusted
    assert sig.coverage == "entire file" and sig.modified_after == "none"
    assert SIGNER_CN in sig.signer
    assert sig.subfilter == "/ETSI.CAdES.detached"  # PAdES
    assert not sig.timestamped  # B-B: no timestamp server configured


def test_untrusted_without_ca(signed: bytes) -> None:
    (sig,) = verify_pdf(signed).signatures
    assert sig.intact and sig.valid and not sig.trusted


def test_key_chosen_by_id_not_label(signed: bytes, token: Token, unsigned: bytes) -> None:
    # Both keys carry the same garbled label; the id picks the officer's, the decoy id the other.
    keys = list_token_keys(token.module)
    assert {k[1] for k in keys} == {token.key_id, token.decoy_id}
    assert len({k[0] for k in keys}) == 1
    decoy = sign_pdf(unsigned, TokenSpec(token.module, parse_key_id(token.decoy_id), token.pin))
    assert "Decoy Key" in verify_pdf(decoy).signatures[0].signer
    assert SIGNER_CN in verify_pdf(signed).signatures[0].signer


def test_text_block_top_right_of_page_one(signed: bytes) -> None:
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        page = pdf.pages[0]
        (widget,) = [a for a in page.obj.Annots if a.get("/FT") == pikepdf.Name.Sig]
        x1, y1, x2, y2 = (float(v) for v in widget.Rect)
        width, height = float(page.mediabox[2]), float(page.mediabox[3])
        assert x1 > width / 2 and y1 > height * 0.85 and x2 <= width and y2 <= height
        assert int(widget.F) & 4  # printable (PDF/A)
        ap = widget.AP.N
        assert ap.get("/Resources").get("/XObject") is None  # text only, no seal image
        fonts = list(ap.Resources.Font.values())
        assert "LiberationSerif" in str(fonts[0].BaseFont)
    text = __import__("kiosk.scan.ocr", fromlist=["extract_text"]).extract_text(signed)
    assert "Cơ quan: UBND phường Hoàn Kiếm" in text
    assert "Thời gian: 2026-05-15T09:00:00+07:00" in text


def test_signed_file_still_legal(signed: bytes) -> None:
    report = check_legal(signed)
    assert report.ok and report.signed and report.fonts_embedded
    assert not report.text_layer  # the signature block's font is not an OCR layer


def test_tampering_is_detected(signed: bytes) -> None:
    data = bytearray(signed)
    pos = data.find(b"/DCTDecode")
    data[pos + 200] ^= 0xFF  # flip a byte inside the page image
    (sig,) = verify_pdf(bytes(data)).signatures
    assert not sig.intact and not sig.ok


def test_wrong_pin_unknown_key_and_bad_module(unsigned: bytes, token: Token) -> None:
    with pytest.raises(TokenError, match="PIN is wrong"):
        sign_pdf(unsigned, TokenSpec(token.module, parse_key_id(token.key_id), "000000"))
    with pytest.raises(TokenError, match="No plugged-in token holds a certificate with that key id"):
        sign_pdf(unsigned, TokenSpec(token.module, b"\x99\x99", token.pin))
    with pytest.raises(TokenError, match="could not be loaded"):
        sign_pdf(unsigned, TokenSpec("/nonexistent/libpkcs11.so", b"\x01", token.pin))
    with pytest.raises(TokenError, match="hexadecimal"):
        parse_key_id("zz")
    assert parse_key_id("0A:0b") == b"\x0a\x0b"


def test_unsigned_pdf_has_no_signatures(unsigned: bytes) -> None:
    assert verify_pdf(unsigned).signatures == [] and not verify_pdf(unsigned).ok


def test_info_dictionary_agrees_with_xmp_after_signing(signed: bytes) -> None:
    # PDF/A: every Info entry must equal its XMP counterpart, also after the signer's update.
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        meta = pdf.open_metadata()
        info = pdf.docinfo
        assert str(info["/Producer"]) == meta["pdf:Producer"]
        assert str(info["/Title"]) == meta["dc:title"]
        assert str(info["/Creator"]) == meta["xmp:CreatorTool"]
        assert str(info["/Keywords"]) == meta["pdf:Keywords"]
        mod = str(info["/ModDate"])  # D:YYYYMMDDHHmmSS...
        xmp_mod = meta["xmp:ModifyDate"]
        assert mod[2:16] == xmp_mod[:19].replace("-", "").replace("T", "").replace(":", "")
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"


def test_pades_b_t_with_timestamp_server(unsigned: bytes, token: Token) -> None:
    from tests.scan.tsa import TsaServer

    tsa = TsaServer()
    try:
        spec = TokenSpec(token.module, parse_key_id(token.key_id), token.pin)
        signed = sign_pdf(unsigned, spec, SignOptions(agency="UBND", tsa_url=tsa.url))
    finally:
        tsa.close()
    (sig,) = verify_pdf(signed, trust_roots=[token.ca_der]).signatures
    assert sig.timestamped and sig.intact and sig.valid and sig.trusted


def test_unreachable_timestamp_server(unsigned: bytes, token: Token) -> None:
    from tests.scan.tsa import TsaServer

    tsa = TsaServer()
    url = tsa.url
    tsa.close()  # nothing listens there any more
    spec = TokenSpec(token.module, parse_key_id(token.key_id), token.pin)
    with pytest.raises(SignError, match="timestamp server did not answer"):
        sign_pdf(unsigned, spec, SignOptions(tsa_url=url))


def test_pin_never_in_repr(token: Token) -> None:
    spec = TokenSpec(token.module, parse_key_id(token.key_id), "98765432")
    assert "98765432" not in repr(spec)


def test_page_content_replaced_after_signing_is_invalid(signed: bytes, token: Token) -> None:
    forged = incremental_update(signed, replace_page_one)
    (sig,) = verify_pdf(forged, trust_roots=[token.ca_der]).signatures
    # The signed revision is untouched, so only the update analysis can catch it.
    assert sig.intact and sig.valid and sig.trusted
    assert sig.modified_after == "page content or structure"
    assert not sig.ok
    assert sig.problems == [
        "The pages or the document structure were changed after signing; the file is not what was signed."
    ]
    assert sig.problems[0] == CHANGED_AFTER


def test_annotation_added_after_signing_is_invalid(signed: bytes, token: Token) -> None:
    from pyhanko.pdf_utils import generic

    def cover(writer) -> None:  # type: ignore[no-untyped-def]
        page = writer.root["/Pages"]["/Kids"][0]
        note = generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Annot"),
                generic.NameObject("/Subtype"): generic.NameObject("/Square"),
                generic.NameObject("/Rect"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (0, 0, 595, 700)]
                ),
                generic.NameObject("/IC"): generic.ArrayObject([generic.FloatObject(1)] * 3),
                generic.NameObject("/F"): generic.NumberObject(4),
            }
        )
        annots = page["/Annots"]
        annots.append(writer.add_object(note))
        writer.update_container(annots if isinstance(annots, generic.IndirectObject) else page)
        writer.update_container(page)

    (sig,) = verify_pdf(incremental_update(signed, cover), trust_roots=[token.ca_der]).signatures
    assert sig.intact and sig.valid
    assert not sig.ok
    assert sig.modified_after == "page content or structure"
    assert not sig.ok and sig.problems == [CHANGED_AFTER]


def test_second_signature_keeps_the_first_valid(
    signed: bytes, token: Token, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PAdES allows later signatures (and DSS/timestamps) as incremental updates.
    import kiosk.scan.sign as sign_module

    monkeypatch.setattr(sign_module, "FIELD_NAME", "ChuKySo2")
    twice = sign_pdf(signed, TokenSpec(token.module, parse_key_id(token.key_id), token.pin))
    first, second = verify_pdf(twice, trust_roots=[token.ca_der]).signatures
    assert first.field_name == "ChuKySo1" and first.coverage == "entire revision"
    assert first.modified_after == "signatures or timestamps"
    assert first.ok and first.problems == []
    assert second.ok and second.coverage == "entire file"


def test_filling_a_form_field_after_signing_is_invalid(token: Token) -> None:
    # A text field filled after signing changes what the document says: not a signature addition.
    base = build_pdfa([Page(a4_page(200), 200)], PdfMetadata("HS-KY", "Giấy khai sinh", 2, "canbo"))
    with pikepdf.open(io.BytesIO(base)) as pdf:
        field = pdf.make_indirect(
            pikepdf.Dictionary(
                FT=pikepdf.Name.Tx,
                T=pikepdf.String("GhiChu"),
                V=pikepdf.String("dung"),
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Widget,
                Rect=[50, 50, 200, 70],
                F=4,
                P=pdf.pages[0].obj,
            )
        )
        pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([field]))
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))
        buf = io.BytesIO()
        pdf.save(buf)
    spec = TokenSpec(token.module, parse_key_id(token.key_id), token.pin)
    signed = sign_pdf(buf.getvalue(), spec)
    assert verify_pdf(signed, trust_roots=[token.ca_der]).ok

    def fill(writer) -> None:  # type: ignore[no-untyped-def]
        from pyhanko.pdf_utils import generic

        for ref in writer.root["/AcroForm"]["/Fields"]:
            obj = ref.get_object()
            if obj.get("/FT") == "/Tx":
                obj["/V"] = generic.TextStringObject("sai")
                writer.update_container(obj)

    (sig,) = verify_pdf(incremental_update(signed, fill), trust_roots=[token.ca_der]).signatures
    assert sig.intact and sig.valid and not sig.ok
    assert sig.modified_after == "page content or structure"


def test_nested_page_tree_with_inherited_page_size(unsigned: bytes, token: Token) -> None:
    # Page 1 under an intermediate /Pages node, its MediaBox inherited from the root node and not
    # starting at 0, 0 (what other PDF tools write): the block still lands at its top right.
    with pikepdf.open(io.BytesIO(unsigned)) as pdf:
        root_pages = pdf.Root.Pages
        page = pdf.pages[0].obj
        x1, y1, x2, y2 = (float(v) for v in page.MediaBox)
        del page["/MediaBox"]
        root_pages.MediaBox = pikepdf.Array([x1 + 100, y1 + 50, x2 + 100, y2 + 50])
        inner = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Pages, Kids=pikepdf.Array([page]), Count=1, Parent=root_pages
            )
        )
        page.Parent = inner
        root_pages.Kids = pikepdf.Array([inner])
        buf = io.BytesIO()
        pdf.save(buf)
    nested = buf.getvalue()
    with pikepdf.open(io.BytesIO(nested)) as pdf:
        assert pdf.Root.Pages.Kids[0].Type == pikepdf.Name.Pages and "/MediaBox" not in pdf.Root.Pages.Kids[0]

    signed = sign_pdf(nested, TokenSpec(token.module, parse_key_id(token.key_id), token.pin))
    assert verify_pdf(signed, trust_roots=[token.ca_der]).ok
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        (widget,) = [a for a in pdf.pages[0].obj.Annots if a.get("/FT") == pikepdf.Name.Sig]
        wx1, wy1, wx2, wy2 = (float(v) for v in widget.Rect)
    right, top = x2 + 100, y2 + 50
    assert right - 19 <= wx2 <= right and top - 19 <= wy2 <= top  # 18 pt margin, rounded
    assert wx1 > x1 + 100 + (x2 - x1) / 2 and wy1 > y1 + 50 + (y2 - y1) * 0.85


def test_page_without_size_is_a_clear_error(unsigned: bytes, token: Token) -> None:
    with pikepdf.open(io.BytesIO(unsigned)) as pdf:
        del pdf.pages[0].obj["/MediaBox"]
        buf = io.BytesIO()
        pdf.save(buf)
    with pytest.raises(SignError, match="first page has no page size"):
        sign_pdf(buf.getvalue(), TokenSpec(token.module, parse_key_id(token.key_id), token.pin))


def test_signing_a_signed_pdf_says_it_is_already_signed(signed: bytes, token: Token) -> None:
    spec = TokenSpec(token.module, parse_key_id(token.key_id), token.pin)
    with pytest.raises(SignError) as info:
        sign_pdf(signed, spec)
    assert str(info.value) == (
        "The PDF is already signed; sign the unsigned PDF/A, since nothing may change a signed file."
    )

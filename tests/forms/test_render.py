from __future__ import annotations

import io
import itertools
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.citizen import Citizen
from kiosk.forms.prefill import FilledForm, prefill
from kiosk.forms.render import render_pdf

from .conftest import LONG_ADDRESS, pdf_text

TYPED = {
    "addressee": "Ủy ban nhân dân phường Phú Thuận Khương Nhượng",
    "request": "Đăng ký thường trú vào hộ gia đình ông Trương Quốc Khánh tại địa chỉ mới",
    "phone": "0912345678",
    "email": "nguyet.hoang@example.vn",
    "child_name": "Trương Huỳnh Bảo Ngọc Quỳnh Anh",
    "child_dob": "14/04/2025",
    "child_sex": "Nữ",
    "child_ethnicity": "Kinh",
    "child_birthplace": "Bệnh viện Phụ sản Từ Dũ, " + LONG_ADDRESS,
    "applicant_relation": "Mẹ",
    "death_date": "01/11/2026",
    "death_place": LONG_ADDRESS,
    "death_notice_no": "123/GBT-BVĐK",
    "birthplace": "Xã Nghĩa Hưng, Tỉnh Nghệ An",
    "residence_history": "Từ 2004 đến nay: " + LONG_ADDRESS,
    "purpose": "Bổ sung hồ sơ xin việc làm",
    "members[0].relation": "Vợ",
    "members[1].relation": "Ông nội",
}


def roles_for(form_id: str, people: dict[str, Citizen]) -> dict[str, Citizen]:
    m, f, e = people["mother"], people["father"], people["elder"]
    return {
        "CT01": {
            "applicant": f,
            "household_head": e,
            "owner": e,
            "guardian": m,
            "members[0]": m,
            "members[1]": e,
        },
        "birth_registration": {"applicant": m, "mother": m, "father": f},
        "death_registration": {"applicant": f, "deceased": e},
        "funeral_allowance": {"applicant": f, "deceased": e},
        "marriage_registration": {"bride": m, "groom": f},
        "judicial_record": {"applicant": m},
        "TK1-TS": {"applicant": m, "guardian": f, "household_head": e, "members[0]": f, "members[1]": e},
    }[form_id]


def _filled(catalogue, form_id: str, people) -> FilledForm:
    return prefill(catalogue.get(form_id), roles_for(form_id, people), TYPED)


@pytest.mark.parametrize(
    "form_id",
    [
        "CT01",
        "birth_registration",
        "death_registration",
        "marriage_registration",
        "judicial_record",
        "TK1-TS",
        "funeral_allowance",
    ],
)
def test_every_form_prints_every_bound_value(catalogue, people, form_id: str) -> None:
    filled = _filled(catalogue, form_id, people)
    bound = filled.bound_values()
    assert len(bound) >= 8, bound  # the test citizens really fill the form
    buf = io.BytesIO()
    render_pdf(filled, buf)
    text = pdf_text(buf.getvalue())
    for key, value in bound.items():
        assert " ".join(unicodedata.normalize("NFC", value).split()) in text, key
    for key in ("addressee",):
        if key in filled.values:
            assert filled.values[key] in text
    meta = PdfReader(io.BytesIO(buf.getvalue())).metadata
    assert meta is not None
    assert meta.title == filled.form.title.vi
    assert meta.author == "Một Cửa Kiosk"
    assert f"{form_id} v{filled.form.version}" in (meta.subject or "")
    # No personal data in metadata.
    assert people["mother"].get("full_name") not in str(dict(meta))


def test_a4_and_embedded_fonts(catalogue, people, tmp_path: Path) -> None:
    out = tmp_path / "ct01.pdf"
    render_pdf(_filled(catalogue, "CT01", people), out)
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    fonts = {str(f["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts and all("LiberationSerif" in f for f in fonts)
    data = out.read_bytes()
    assert b"/FontFile2" in data  # embedded TrueType, so every printer shows the diacritics


def test_very_long_value_wraps_instead_of_truncating(catalogue, people) -> None:
    huge = " ".join([LONG_ADDRESS] * 6)
    unbroken = "Nghĩa" * 30  # a single word wider than any cell: split, never cut
    filled = prefill(
        catalogue.get("CT01"),
        roles_for("CT01", people),
        {**TYPED, "request": huge, "members[0].relation": unbroken},
    )
    buf = io.BytesIO()
    render_pdf(filled, buf)
    text = pdf_text(buf.getvalue())
    assert " ".join(huge.split()) in text
    assert unbroken in text.replace(" ", "")


def test_bundle_renders_into_one_pdf(catalogue, people) -> None:
    forms = [_filled(catalogue, fid, people) for fid in ("death_registration", "CT01", "funeral_allowance")]
    buf = io.BytesIO()
    render_pdf(forms, buf)
    text = pdf_text(buf.getvalue())
    for t in (
        "TỜ KHAI ĐĂNG KÝ KHAI TỬ",
        "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
        "TỜ KHAI ĐỀ NGHỊ HỖ TRỢ CHI PHÍ MAI TÁNG",
    ):
        assert t in text
    assert len(PdfReader(io.BytesIO(buf.getvalue())).pages) >= 3


def test_pdftotext_sees_the_same_values(catalogue, people, tmp_path: Path) -> None:
    import subprocess

    out = tmp_path / "jr.pdf"
    filled = _filled(catalogue, "judicial_record", people)
    render_pdf(filled, out)
    txt = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    txt = " ".join(unicodedata.normalize("NFC", txt).split())
    for v in (
        filled.values["full_name"],
        filled.values["id_number"],
        filled.values["father_name"],
        filled.values["spouse_name"],
        "Liberation" not in txt and "Nữ",
    ):
        assert v in txt


def _word_boxes(pdf: Path) -> list[tuple[int, float, float, float, str]]:
    """(page, xMin, yMin, xMax, word) for every word pdftotext sees."""
    import re
    import subprocess

    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pat = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')
    return [
        (page, float(a), float(b), float(c), w)
        for page, chunk in enumerate(html.split("<page ")[1:])
        for a, b, c, w in pat.findall(chunk)
    ]


@pytest.mark.parametrize("form_id", ["CT01", "marriage_registration", "TK1-TS"])
def test_nothing_overflows_the_frame_or_its_neighbours(
    catalogue, people, tmp_path: Path, form_id: str
) -> None:
    from kiosk.forms.render import MARGIN_L, MARGIN_R, PAGE_W

    long_word = "Nghĩa" * 12
    typed = {
        **TYPED,
        "request": f"{LONG_ADDRESS} {long_word}",
        "members[0].relation": long_word,
        "bride_times": long_word,
        "clinic": long_word,
        "email": "a" * 60 + "@example.vn",
    }
    filled = prefill(catalogue.get(form_id), roles_for(form_id, people), typed)
    out = tmp_path / "f.pdf"
    render_pdf(filled, out)
    words = _word_boxes(out)
    assert words
    for _, x0, _, x1, w in words:
        assert x0 >= MARGIN_L - 1 and x1 <= PAGE_W - MARGIN_R + 1, f"'{w}' leaves the text frame"
    # Words on the same line never overlap: a value spilling into the next cell would.
    lines: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
    for page, x0, y0, x1, w in words:
        lines.setdefault((page, round(y0)), []).append((x0, x1, w))
    for row in lines.values():
        row.sort()
        for (_, a1, wa), (b0, _, wb) in itertools.pairwise(row):
            assert b0 >= a1 - 0.5, f"'{wa}' overlaps '{wb}'"


def test_shrink_keeps_a_long_value_on_one_line(tmp_path: Path) -> None:
    from kiosk.forms.loader import load_definition

    from .test_catalogue import MINIMAL

    src = MINIMAL.replace("  - {field: name}", "  - {field: name, fit: shrink}\n  - {field: phone}")
    p = tmp_path / "x1.yaml"
    p.write_text(src, encoding="utf-8")
    form = load_definition(p)
    from kiosk.forms.schema import FormDef

    assert isinstance(form, FormDef)
    name = "Nguyễn Huỳnh Thị Ngọc Quỳnh Hương Phương Thủy Trường Xuân Khánh Linh Đoàn Hữu Phước Lộc Thọ"
    filled = prefill(form, {}, {"name": name})
    out = tmp_path / "x.pdf"
    render_pdf(filled, out)
    words = [w for w in _word_boxes(out) if w[4] in name.split()]
    assert len({round(w[2]) for w in words}) == 1  # one line, at a smaller size
    assert name in pdf_text(out.read_bytes())
    # Without shrink the same value wraps onto a second line.
    p.write_text(MINIMAL, encoding="utf-8")
    render_pdf(prefill(load_definition(p), {}, {"name": name}), out)  # type: ignore[arg-type]
    words = [w for w in _word_boxes(out) if w[4] in name.split()]
    assert len({round(w[2]) for w in words}) == 2


@pytest.mark.parametrize(
    ("form_id", "key"),
    [("CT01", "head_relation"), ("CT01", "members[0].relation"), ("marriage_registration", "bride_times")],
)
def test_a_value_longer_than_a_page_flows_on(catalogue, form_id: str, key: str) -> None:
    huge = " ".join(f"Thôn{i} Đông" for i in range(900))
    buf = io.BytesIO()
    render_pdf(prefill(catalogue.get(form_id), {}, {key: huge}), buf)
    assert len(PdfReader(io.BytesIO(buf.getvalue())).pages) >= 2
    assert "Thôn899 Đông" in pdf_text(buf.getvalue())


def test_pdf_carries_the_real_creation_time(catalogue) -> None:
    from datetime import datetime

    from kiosk.forms.receipt import render_receipt

    from .test_receipt import sample

    filled = prefill(catalogue.get("CT01"), {}, {"addressee": "Công an phường A"})
    for invariant in (False, True):
        form, receipt = io.BytesIO(), io.BytesIO()
        render_pdf(filled, form, invariant=invariant)
        render_receipt(sample(), receipt, invariant=invariant)
        for buf in (form, receipt):
            created = PdfReader(io.BytesIO(buf.getvalue())).metadata.creation_date
            assert created is not None
            # Production PDFs say when they were made; only golden tests pin 2000-01-01.
            assert (created.year == 2000) is invariant
            if not invariant:
                assert abs(created.replace(tzinfo=None) - datetime.now()).total_seconds() < 3600 * 14

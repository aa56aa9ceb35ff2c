"""Fuzzing the parsers of untrusted input: form files (a province edits them) and data files."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.forms.data_file import DataFileError, parse_data
from kiosk.forms.loader import FormDefinitionError, load_definition
from kiosk.forms.transforms import number_words

from .test_catalogue import MINIMAL

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pos=st.integers(min_value=0, max_value=len(MINIMAL) - 1), junk=st.text(max_size=6))
def test_mutated_form_file_fails_cleanly(tmp_path: Path, pos: int, junk: str) -> None:
    p = tmp_path / "f.yaml"
    p.write_text(MINIMAL[:pos] + junk + MINIMAL[pos + 1 :], encoding="utf-8")
    try:
        load_definition(p)
    except FormDefinitionError as exc:
        assert exc.line >= 1 and str(exc).startswith(f"{p}:")


@settings(max_examples=80, deadline=None)
@given(data=json_values)
def test_data_file_parser_fails_cleanly(data: object) -> None:
    try:
        roles, fields = parse_data({"roles": data} if isinstance(data, dict) else data)
    except DataFileError:
        return
    assert isinstance(roles, dict) and isinstance(fields, dict)


@settings(max_examples=80, deadline=None)
@given(
    roles=st.dictionaries(
        st.sampled_from(["applicant", "mother"]),
        st.dictionaries(
            st.sampled_from(["full_name", "date_of_birth", "sex", "id_number"]),
            st.text(max_size=15),
            max_size=4,
        ),
        max_size=2,
    )
)
def test_citizen_values_fail_cleanly(roles: dict) -> None:
    try:
        parse_data({"roles": roles, "fields": {}})
    except DataFileError as exc:
        assert "role '" in str(exc)


VOCAB = {
    "không",
    "một",
    "hai",
    "ba",
    "bốn",
    "năm",
    "sáu",
    "bảy",
    "tám",
    "chín",
    "mười",
    "mươi",
    "mốt",
    "tư",
    "lăm",
    "linh",
    "trăm",
    "nghìn",
}


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=0, max_value=9999))
def test_number_words_vocabulary(n: int) -> None:
    words = number_words(n).split()
    assert set(words) <= VOCAB
    assert (n >= 1000) == ("nghìn" in words)


def test_number_words_examples() -> None:
    assert number_words(2025) == "hai nghìn không trăm hai mươi lăm"
    assert number_words(2001) == "hai nghìn không trăm linh một"
    assert number_words(1990) == "một nghìn chín trăm chín mươi"
    assert number_words(2010) == "hai nghìn không trăm mười"
    assert (
        number_words(15) == "mười lăm"
        and number_words(21) == "hai mươi mốt"
        and number_words(24) == "hai mươi tư"
    )
    assert number_words(105) == "một trăm linh năm"

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.dossier import codes


def test_format_is_printable_and_valid():
    c = codes.make_code("H29", date(2026, 11, 23), "K7Q2", 42)
    assert c[:-1] == "H29-261123-K7Q2-0042"
    assert codes.is_valid(c) and codes.is_valid(c.lower())
    assert not codes.is_valid("H29-261123-K7Q2-0042")
    assert not codes.is_valid("garbage")


def test_device_ids_use_unambiguous_letters():
    for _ in range(50):
        d = codes.new_device_id()
        assert len(d) == 4 and not set(d) & set("ILOU")


@settings(max_examples=200)
@given(seq=st.integers(1, 9999), pos=st.integers(0, 16), sub=st.sampled_from(codes.ALPHABET))
def test_single_substitution_is_caught(seq, pos, sub):
    c = codes.make_code("H29", date(2026, 1, 5), "AB12", seq)
    chars = [i for i, ch in enumerate(c) if ch in codes.ALPHABET]
    i = chars[pos % len(chars)]
    if c[i] == sub:
        return
    bad = c[:i] + sub + c[i + 1 :]
    assert not codes.is_valid(bad)


@settings(max_examples=200)
@given(seq=st.integers(1, 9999), pos=st.integers(0, 15))
def test_adjacent_transposition_is_caught(seq, pos):
    c = codes.make_code("H29", date(2026, 1, 5), "AB12", seq)
    idx = [i for i, ch in enumerate(c) if ch in codes.ALPHABET]
    a, b = idx[pos % (len(idx) - 1)], idx[pos % (len(idx) - 1) + 1]
    if c[a] == c[b]:
        return
    lst = list(c)
    lst[a], lst[b] = lst[b], lst[a]
    assert not codes.is_valid("".join(lst))

"""DG13: the Vietnamese citizen data (DOMAIN.md section 2, every known variant accepted)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.card.lds.tlv import TLVError, encode, iter_tlv, unwrap

DG13_OID_BYTES = bytes.fromhex("28D316010008")

FIELD_NAMES: dict[int, str] = {
    1: "id_number",
    2: "full_name",
    3: "date_of_birth",
    4: "sex",
    5: "nationality",
    6: "ethnicity",
    7: "religion",
    8: "place_of_origin",
    9: "place_of_residence",
    10: "identifying_marks",
    11: "date_of_issue",
    12: "date_of_expiry",
    15: "old_id_number",
}
_STRING_TAGS = {0x0C, 0x13, 0x16, 0x1A, 0x1E, 0x14, 0x04}


@dataclass
class Dg13:
    fields: dict[str, str] = field(default_factory=dict)  # citizen field name -> raw text
    father_name: str | None = None
    mother_name: str | None = None
    spouse_name: str | None = None
    unknown: dict[str, str] = field(default_factory=dict)  # field number -> raw text/hex


def _text(tag: int, value: bytes) -> str:
    if tag == 0x1E:
        return value.decode("utf-16-be", "replace")
    if tag == 0x04:
        return value.hex()
    return value.decode("utf-8", "replace")


def _strings(data: bytes) -> list[str]:
    """Every string in a (possibly nested) run of TLVs, in order."""
    out: list[str] = []
    for tag, value in iter_tlv(data):
        if tag in _STRING_TAGS:
            out.append(_text(tag, value))
        elif tag & 0x20:  # constructed
            out.extend(_strings(value))
    return out


def parse_dg13(data: bytes) -> Dg13:
    body = unwrap(data, 0x6D)
    t, seq, _ = next(iter(iter_tlv(body, with_raw=True)), (0, b"", b""))
    if t != 0x30:
        raise TLVError("DG13 structure")
    out = Dg13()
    found_set = False
    for tag, value in iter_tlv(seq):
        if tag != 0x31:
            continue  # version and OID: informative only
        found_set = True
        for t2, entry in iter_tlv(value):
            if t2 != 0x30:
                continue
            items = list(iter_tlv(entry, with_raw=True))
            if not items or items[0][0] != 0x02 or not items[0][1] or len(items[0][1]) > 2:
                raise TLVError("DG13 field number")
            n = int.from_bytes(items[0][1], "big")
            rest = b"".join(raw for _, _, raw in items[1:])
            strings = _strings(rest)
            if n == 13:
                out.father_name = strings[0] if strings else None
                out.mother_name = strings[1] if len(strings) > 1 else None
            elif n == 14:
                out.spouse_name = strings[0] if strings and strings[0].strip() else None
            elif n in FIELD_NAMES:
                if strings:
                    out.fields[FIELD_NAMES[n]] = strings[0]
            else:
                out.unknown[str(n)] = strings[0] if strings else rest.hex()
    if not found_set:
        raise TLVError("DG13 field set")
    return out


def encode_dg13_full(
    values: dict[int, str],
    father: str | None,
    mother: str | None,
    spouse: str | None,
    *,
    parents_shape: str = "two",
    empty_spouse_entry: bool = True,
) -> bytes:
    printable = {1, 3, 11, 15, 16}
    entries: list[tuple[int, bytes]] = []
    for n, text in values.items():
        tag = 0x13 if n in printable else 0x0C
        entries.append((n, encode(0x30, encode(0x02, bytes((n,))) + encode(tag, text.encode("utf-8")))))
    if father is not None or mother is not None:
        f = encode(0x0C, (father or "").encode("utf-8"))
        m = encode(0x0C, (mother or "").encode("utf-8"))
        parents = encode(0x30, f) + encode(0x30, m) if parents_shape == "two" else encode(0x30, f + m)
        entries.append((13, encode(0x30, encode(0x02, b"\x0d") + parents)))
    if spouse:
        entries.append(
            (14, encode(0x30, encode(0x02, b"\x0e") + encode(0x30, encode(0x0C, spouse.encode("utf-8")))))
        )
    elif empty_spouse_entry:
        entries.append((14, encode(0x30, encode(0x02, b"\x0e"))))
    entries.sort(key=lambda e: e[0])
    body = b"".join(e for _, e in entries)
    return encode(
        0x6D,
        encode(0x30, encode(0x02, b"\x01") + encode(0x06, DG13_OID_BYTES) + encode(0x31, body)),
    )

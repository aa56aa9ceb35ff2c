"""File identifiers and template tags of the LDS (ICAO 9303-10 table 38)."""

from __future__ import annotations

LDS_AID = bytes.fromhex("A0000002471001")
FID_CARD_ACCESS = 0x011C
FID_COM = 0x011E
FID_SOD = 0x011D

DG_TAGS: dict[int, int] = {
    1: 0x61, 2: 0x75, 3: 0x63, 4: 0x76, 5: 0x65, 6: 0x66, 7: 0x67, 8: 0x68,
    9: 0x69, 10: 0x6A, 11: 0x6B, 12: 0x6C, 13: 0x6D, 14: 0x6E, 15: 0x6F, 16: 0x70,
}  # fmt: skip
TAG_DG: dict[int, int] = {v: k for k, v in DG_TAGS.items()}
TAG_COM, TAG_SOD = 0x60, 0x77


def dg_fid(n: int) -> int:
    return 0x0100 + n


def file_name(fid: int) -> str:
    if fid == FID_COM:
        return "EF.COM"
    if fid == FID_SOD:
        return "EF.SOD"
    if fid == FID_CARD_ACCESS:
        return "EF.CardAccess"
    return f"DG{fid - 0x0100}"

"""Logical Data Structure parsers (ICAO 9303-10): TLV, EF.COM, DG1, DG2, DG13, DG14, DG15, SOD."""

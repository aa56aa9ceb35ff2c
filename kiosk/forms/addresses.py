"""Offline administrative units: the current 34 provinces / 3,321 communes, and old -> new.

Data: ``assets/admin_units`` (see its SOURCE.md). Codes are reused across editions, so every
unit carries its ``edition``: ``2025-07-01`` (current, two levels) or ``2025-06-30`` (legacy,
63 provinces / districts / wards). An address from an older card converts through the ward
mapping; when the old ward was split, the officer must choose (``Conversion.confirm``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError
from kiosk.forms.schema import ASSETS_DIR
from kiosk.privacy import fold

ADMIN_DIR = ASSETS_DIR / "admin_units"
CURRENT_EDITION = "2025-07-01"
LEGACY_EDITION = "2025-06-30"

# Unit-type words as people write them (also abbreviations), longest first.
_TYPE_PREFIXES = (
    "thanh pho",
    "thi tran",
    "thi xa",
    "dac khu",
    "phuong",
    "huyen",
    "quan",
    "tinh",
    "xa",
    "tp.",
    "tp",
    "tt.",
    "tx.",
    "tt",
    "tx",
    "p.",
    "q.",
    "h.",
    "x.",
)


# Short forms of province names as older cards and people write them (folded), to the short
# name of the pre-2025 province.
_PROVINCE_ALIASES = {
    "hcm": "ho chi minh",
    "tphcm": "ho chi minh",
    "tp hcm": "ho chi minh",
    "sai gon": "ho chi minh",
    "hn": "ha noi",
    "tphn": "ha noi",
    "brvt": "ba ria - vung tau",
    "br-vt": "ba ria - vung tau",
    "ba ria vung tau": "ba ria - vung tau",
    "thua thien hue": "hue",
    "thua thien - hue": "hue",
    "tt hue": "hue",
    "tt-hue": "hue",
    "dac lac": "dak lak",
    "dac nong": "dak nong",
}
# "Q1", "Q.1", "P12", "F.4" (phường written with F in Saigon): a numbered district or ward.
_NUMBERED = re.compile(r"^[qpf]\.?\s*0*(\d+)$")


class AddressError(KioskError):
    pass


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    short_name: str
    type: str
    edition: str
    province_code: str = ""
    district_code: str = ""

    @property
    def key(self) -> str:
        """Edition-qualified code, e.g. ``2025-07-01:00004`` (a bare code is ambiguous)."""
        return f"{self.edition}:{self.code}"


@dataclass(frozen=True)
class Conversion:
    """An old ward and the current commune(s) it went into."""

    legacy_ward: Unit
    candidates: tuple[Unit, ...]

    @property
    def needs_confirmation(self) -> bool:
        return len(self.candidates) != 1

    @property
    def commune(self) -> Unit | None:
        """The new commune when there is exactly one; ``None`` when the officer must choose."""
        return self.candidates[0] if len(self.candidates) == 1 else None

    def confirm(self, commune_code: str) -> Unit:
        for c in self.candidates:
            if c.code == commune_code:
                return c
        raise AddressError(
            f"Commune {commune_code} is not one of the communes the old ward {self.legacy_ward.code} "
            "went into; pick one of the proposed communes."
        )


@dataclass(frozen=True)
class AddressMatch:
    """An old-style address recognised in free text: the street part and the old units."""

    street: str
    ward: Unit
    district: Unit
    province: Unit
    conversion: Conversion

    def new_address(self, commune: Unit | None = None) -> str:
        """The address with current units: ``street, Phường X, Thành phố Y``; needs a choice if split."""
        chosen = commune or self.conversion.commune
        if chosen is None:
            raise AddressError(
                "The old ward was split between several communes; the officer must choose one."
            )
        if commune is not None:
            self.conversion.confirm(commune.code)
        return format_address(self.street, chosen, admin_units().province(chosen.province_code))


def format_address(street: str, commune: Unit, province: Unit) -> str:
    return ", ".join(p for p in (street.strip(" ,"), commune.name, province.name) if p)


def _norm(text: str) -> str:
    t = fold(text).replace("–", "-")
    t = re.sub(r"\s+", " ", t).strip(" ,.")
    return t


def _strip_type(text: str) -> str:
    t = _norm(text)
    numbered = _NUMBERED.match(t)
    if numbered:
        return numbered.group(1)
    for p in _TYPE_PREFIXES:
        if t.startswith(p + " ") or (p.endswith(".") and t.startswith(p)):
            t = t[len(p) :].strip()
            break
    # "Phường 04" and "Phường 4" are the same ward.
    return re.sub(r"^0+(\d)", r"\1", t)


def _units(path: Path, edition: str) -> list[Unit]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [_unit(r, edition) for r in raw]


def _unit(r: dict[str, Any], edition: str) -> Unit:
    return Unit(
        code=r["code"],
        name=r["name"],
        short_name=r["short_name"],
        type=r["type"],
        edition=edition,
        province_code=r.get("province_code", ""),
        district_code=r.get("district_code", ""),
    )


class AdminUnits:
    """The picker's data; current units load at once, legacy units on first conversion."""

    def __init__(self, directory: Path | None = None) -> None:
        self.dir = directory or ADMIN_DIR
        try:
            self._provinces = _units(self.dir / "provinces.json", CURRENT_EDITION)
            self._communes = _units(self.dir / "communes.json", CURRENT_EDITION)
        except (OSError, ValueError, KeyError) as exc:
            raise AddressError(
                f"The administrative-unit data in {self.dir} is missing or damaged; "
                "reinstall the application assets."
            ) from exc
        self._province_by_code = {p.code: p for p in self._provinces}
        self._commune_by_code = {c.code: c for c in self._communes}
        self._folded = [(c, _norm(c.name), _norm(c.short_name)) for c in self._communes]

    # -- current units -----------------------------------------------------------------
    def provinces(self) -> list[Unit]:
        return sorted(self._provinces, key=lambda p: _norm(p.short_name))

    def province(self, code: str) -> Unit:
        try:
            return self._province_by_code[code]
        except KeyError:
            raise AddressError(f"There is no current province with code {code}.") from None

    def communes(self, province_code: str | None = None) -> list[Unit]:
        items = [c for c in self._communes if province_code is None or c.province_code == province_code]
        return sorted(items, key=lambda c: _norm(c.short_name))

    def commune(self, code: str) -> Unit:
        try:
            return self._commune_by_code[code]
        except KeyError:
            raise AddressError(f"There is no current commune with code {code}.") from None

    def search(self, query: str, province_code: str | None = None, limit: int = 20) -> list[Unit]:
        """Communes matching ``query`` ignoring case, diacritics and tone placement (Hoà = Hòa = Hoa).

        Exact short names first, then prefix matches, then substring matches.
        """
        q = _strip_type(query)
        if not q:
            return []
        ranked: list[tuple[int, str, Unit]] = []
        for c, name, short in self._folded:
            if province_code and c.province_code != province_code:
                continue
            if short == q:
                rank = 0
            elif short.startswith(q):
                rank = 1
            elif q in name:
                rank = 2
            else:
                continue
            ranked.append((rank, short, c))
        ranked.sort(key=lambda t: (t[0], t[1]))
        return [c for _, _, c in ranked[:limit]]

    # -- legacy units and conversion ----------------------------------------------------
    @cached_property
    def _legacy(self) -> dict[str, Any]:
        raw = json.loads((self.dir / "legacy.json").read_text(encoding="utf-8"))
        mapping = json.loads((self.dir / "mapping.json").read_text(encoding="utf-8"))
        provinces = [_unit(r, LEGACY_EDITION) for r in raw["provinces"]]
        districts = [_unit(r, LEGACY_EDITION) for r in raw["districts"]]
        wards = [_unit(r, LEGACY_EDITION) for r in raw["wards"]]
        return {
            "provinces": provinces,
            "districts": districts,
            "wards": {w.code: w for w in wards},
            "districts_by_province": _group(districts, "province_code"),
            "wards_by_district": _group(wards, "district_code"),
            "mapping": mapping,
        }

    def legacy_ward(self, code: str) -> Unit:
        try:
            return self._legacy["wards"][code]  # type: ignore[no-any-return]
        except KeyError:
            raise AddressError(
                f"There is no pre-2025 ward with code {code} (edition {LEGACY_EDITION})."
            ) from None

    def convert_ward(self, old_code: str) -> Conversion:
        ward = self.legacy_ward(old_code)
        targets = self._legacy["mapping"]["wards"].get(old_code, [])
        return Conversion(ward, tuple(self.commune(c) for c in targets))

    def new_province_for(self, old_province_code: str) -> Unit:
        new = self._legacy["mapping"]["provinces"].get(old_province_code)
        if new is None:
            raise AddressError(f"There is no pre-2025 province with code {old_province_code}.")
        return self.province(new)

    def match_legacy(self, address: str) -> AddressMatch | None:
        """Recognise ``..., ward, district, province`` (old units) at the end of an address."""
        parts = [p for p in (s.strip() for s in address.split(",")) if p]
        if fold(parts[-1]).strip() in {"viet nam", "vietnam"} if parts else False:
            parts = parts[:-1]
        if len(parts) < 3:
            return None
        leg = self._legacy
        pname, dname, wname = (_strip_type(p) for p in (parts[-1], parts[-2], parts[-3]))
        pname = _PROVINCE_ALIASES.get(pname, pname)
        for prov in (p for p in leg["provinces"] if _norm(p.short_name) == pname):
            for dist in leg["districts_by_province"].get(prov.code, []):
                if _strip_type(dist.short_name) != dname:
                    continue
                for ward in leg["wards_by_district"].get(dist.code, []):
                    if _strip_type(ward.short_name) == wname:
                        conv = self.convert_ward(ward.code)
                        return AddressMatch(", ".join(parts[:-3]), ward, dist, prov, conv)
        return None


def _group(units: list[Unit], attr: str) -> dict[str, list[Unit]]:
    out: dict[str, list[Unit]] = {}
    for u in units:
        out.setdefault(getattr(u, attr), []).append(u)
    return out


_INSTANCE: AdminUnits | None = None


def admin_units() -> AdminUnits:
    """The shared instance (loading the data once per process)."""
    global _INSTANCE
    if _INSTANCE is None:
        _INSTANCE = AdminUnits()
    return _INSTANCE

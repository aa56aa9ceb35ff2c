"""Form definitions as typed data: what a YAML file in ``assets/forms/`` becomes once loaded.

The published JSON Schema (``assets/forms/schema.json``) checks the shape; the loader then
checks references (roles, fields, transforms) and builds these dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
FORMS_DIR = ASSETS_DIR / "forms"
SCHEMA_PATH = FORMS_DIR / "schema.json"


@dataclass(frozen=True)
class Text:
    vi: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True)
class RoleDef:
    id: str
    label: Text
    required: bool = False
    multiple: bool = False
    max: int | None = None
    card: bool = True


@dataclass(frozen=True)
class FieldDef:
    id: str
    type: str
    label: Text
    required: bool = False
    bind: tuple[str, ...] = ()
    derive_from: str | None = None
    transform: str | None = None
    default: str | None = None
    options: tuple[Text, ...] = ()
    pattern: str | None = None
    max_length: int | None = None
    min: int | None = None
    max: int | None = None
    check_against: str | None = None
    dob_field: str | None = None
    sex_field: str | None = None
    not_future: bool = False
    sensitive: bool = False
    line: int = 0


@dataclass(frozen=True)
class ColumnDef:
    id: str
    type: str
    label: Text
    required: bool = False
    bind: str | None = None
    transform: str | None = None
    options: tuple[Text, ...] = ()
    width: float | None = None


@dataclass(frozen=True)
class GroupDef:
    id: str
    role: str
    label: Text
    columns: tuple[ColumnDef, ...]


@dataclass(frozen=True)
class RuleDef:
    kind: str
    a: str
    b: str
    field: str
    message: Text
    years: int | None = None


@dataclass(frozen=True)
class FormDef:
    id: str
    version: str
    title: Text
    legal_basis: str
    effective_from: date
    effective_to: date | None
    roles: tuple[RoleDef, ...]
    fields: tuple[FieldDef, ...]
    layout: tuple[dict[str, Any], ...]
    groups: tuple[GroupDef, ...] = ()
    rules: tuple[RuleDef, ...] = ()
    service: Text | None = None
    form_code: str = ""
    essential: bool = False
    processing_days: int | None = None
    keywords: tuple[str, ...] = ()
    addressee: str = ""
    source: Path | None = None

    def field(self, field_id: str) -> FieldDef:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    def role(self, role_id: str) -> RoleDef:
        for r in self.roles:
            if r.id == role_id:
                return r
        raise KeyError(role_id)

    def group(self, group_id: str) -> GroupDef:
        for g in self.groups:
            if g.id == group_id:
                return g
        raise KeyError(group_id)

    @property
    def field_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.fields)

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


@dataclass(frozen=True)
class BundleFormDef:
    form: str
    roles: dict[str, str] = field(default_factory=dict)  # form role -> bundle role
    fields: dict[str, str] = field(default_factory=dict)  # form field -> bundle field
    line: int = 0


@dataclass(frozen=True)
class BundleDef:
    id: str
    version: str
    title: Text
    legal_basis: str
    roles: tuple[RoleDef, ...]
    forms: tuple[BundleFormDef, ...]
    persons: dict[str, dict[str, str]] = field(default_factory=dict)
    shared_fields: tuple[str, ...] = ("phone", "email")
    essential: bool = True
    keywords: tuple[str, ...] = ()
    source: Path | None = None

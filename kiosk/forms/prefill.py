"""Pre-fill: bind people's card data to a form's roles, with provenance per field.

Rules that keep the officer in charge:
- a value typed by the officer is never replaced silently: when it differs from the card the
  typed value stays and a :class:`Conflict` is raised for the officer to resolve;
- every value carries its provenance (chip verified / chip / QR / typed / derived) and its
  source (``mother.id_number``), so the screen can mark it and the dossier can prove it;
- ``check_against`` fields (e.g. an address typed on the form) are compared with the card
  and a difference is flagged, not corrected.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kiosk.citizen import Citizen, Provenance
from kiosk.forms import transforms
from kiosk.forms.schema import BundleDef, FieldDef, FormDef
from kiosk.privacy import fold

_FORMATTING = frozenset({"upper", "date_dmy", "sex_vi", "nfc"})
_INDEXED = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\[(\d+)\]$")


@dataclass(frozen=True)
class Conflict:
    """A typed value differs from what a card says; the officer must choose."""

    field: str
    kind: str  # "typed_vs_card": typed value kept over a card value; "differs_from_card": check_against
    value: str  # the value currently on the form
    card_value: str
    source: str  # role.citizen_field the card value came from


@dataclass
class FilledForm:
    form: FormDef
    values: dict[str, str] = field(default_factory=dict)
    provenance: dict[str, Provenance] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    roles: dict[str, Citizen] = field(default_factory=dict)
    typed: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # group id -> number of rows
    raw: dict[str, str] = field(default_factory=dict)  # typed values as received, before NFC (validation)

    def value(self, key: str) -> str:
        return self.values.get(key, "")

    def resolve(self, key: str, *, use: str) -> None:
        """Officer's decision on a conflict: ``use="card"`` takes the card value, else keeps the form's."""
        if use not in {"card", "typed"}:
            raise ValueError("use must be 'card' or 'typed'")
        for c in [c for c in self.conflicts if c.field == key]:
            if use == "card":
                self.values[key] = c.card_value
                prov = Provenance.DERIVED
                if "." in c.source and not c.source.startswith("="):
                    role, cf = c.source.split(".", 1)
                    citizen = self.roles.get(role)
                    prov = (citizen.provenance(cf) if citizen else None) or Provenance.TYPED
                self.provenance[key] = prov
                self.sources[key] = c.source
                self.typed.pop(key, None)
            self.conflicts.remove(c)

    def row_keys(self, group_id: str) -> list[dict[str, str]]:
        g = self.form.group(group_id)
        return [{c.id: f"{g.id}[{i}].{c.id}" for c in g.columns} for i in range(self.rows.get(group_id, 0))]

    def bound_values(self) -> dict[str, str]:
        """Every non-empty value that came from a card or was derived from one (what the PDF must show)."""
        return {k: v for k, v in self.values.items() if v and self.sources.get(k, "typed") != "typed"}


def _same(a: str, b: str) -> bool:
    """Equal for an officer: case, diacritics spacing and Unicode form do not count (tone marks do)."""

    def canon(s: str) -> str:
        return " ".join(unicodedata.normalize("NFC", s).casefold().split())

    return canon(a) == canon(b)


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else ""
    return unicodedata.normalize("NFC", str(value)).strip()


def _resolve(roles: Mapping[str, Citizen], ref: str) -> tuple[str, Provenance, str] | None:
    role, cf = ref.split(".", 1)
    citizen = roles.get(role)
    if citizen is None:
        return None
    value = citizen.get(cf)
    if value is None:
        return None
    return value, citizen.provenance(cf) or Provenance.TYPED, ref


def _fill_one(
    out: FilledForm,
    key: str,
    ftype: str,
    transform: str | None,
    *,
    card: tuple[str, Provenance, str] | None,
    typed_raw: Any,
) -> None:
    typed = _as_text(typed_raw)
    if isinstance(typed_raw, str) and typed_raw.strip():
        out.raw[key] = typed_raw.strip()
    if typed:
        # Presentation-only transforms apply to typed text too (an official form wants names in capitals).
        name = transform or transforms.DEFAULT_FOR_TYPE.get(ftype)
        if name in _FORMATTING or ftype in transforms.DEFAULT_FOR_TYPE:
            typed = transforms.apply(name, typed, ftype)
    card_text = transforms.apply(transform, card[0], ftype) if card else None
    if typed:
        out.typed[key] = typed
        if card and card_text is not None and not _same(card_text, typed):
            out.values[key], out.provenance[key], out.sources[key] = typed, Provenance.TYPED, "typed"
            out.conflicts.append(Conflict(key, "typed_vs_card", typed, card_text, card[2]))
            return
        if not card:
            out.values[key], out.provenance[key], out.sources[key] = typed, Provenance.TYPED, "typed"
            return
    if card and card_text:
        out.values[key], out.provenance[key], out.sources[key] = card_text, card[1], card[2]


def prefill(
    form: FormDef, roles: Mapping[str, Citizen] | None = None, typed: Mapping[str, Any] | None = None
) -> FilledForm:
    """Fill ``form`` from the people bound to its roles plus the officer's typed values.

    ``roles`` maps role ids to citizens; people of a multiple role use ``members[0]``,
    ``members[1]``... ``typed`` maps field ids (and ``group[i].column`` for table rows) to values.
    """
    roles = dict(roles or {})
    typed = dict(typed or {})
    out = FilledForm(form=form, roles=roles)
    for f in form.fields:
        if f.derive_from:
            continue
        card = next((r for r in (_resolve(roles, b) for b in f.bind) if r), None)
        _fill_one(out, f.id, f.type, f.transform, card=card, typed_raw=typed.get(f.id))
        if f.id not in out.values and f.default is not None:
            default = (
                date.today().strftime("%d/%m/%Y") if f.default == "today" and f.type == "date" else f.default
            )
            out.values[f.id], out.provenance[f.id], out.sources[f.id] = default, Provenance.DERIVED, "default"
    for f in form.fields:
        if f.derive_from:
            _derive(out, f)
        if f.check_against and out.values.get(f.id):
            ref = _resolve(roles, f.check_against)
            if ref and out.sources.get(f.id) != f.check_against:
                card_text = transforms.apply(None, ref[0])
                if fold(" ".join(card_text.split())) != fold(" ".join(out.values[f.id].split())):
                    out.conflicts.append(
                        Conflict(f.id, "differs_from_card", out.values[f.id], card_text, ref[2])
                    )
    for g in form.groups:
        indices = {int(m.group(2)) for k in roles if (m := _INDEXED.match(k)) and m.group(1) == g.role}
        prefix = re.compile(rf"^{re.escape(g.id)}\[(\d+)\]\.")
        indices |= {int(m.group(1)) for k in typed if (m := prefix.match(k))}
        count = max(indices) + 1 if indices else 0
        out.rows[g.id] = count
        for i in range(count):
            person = f"{g.role}[{i}]"
            for c in g.columns:
                key = f"{g.id}[{i}].{c.id}"
                card = _resolve(roles, f"{person}.{c.bind}") if c.bind else None
                _fill_one(out, key, c.type, c.transform, card=card, typed_raw=typed.get(key))
    # Typed values for keys the form does not know are kept for the dossier, not printed.
    for k, v in typed.items():
        if k not in out.typed and _as_text(v):
            out.typed[k] = _as_text(v)
    return out


def _derive(out: FilledForm, f: FieldDef) -> None:
    assert f.derive_from is not None
    base = out.values.get(f.derive_from)
    typed = _as_text(out.typed.get(f.id, ""))
    if base:
        raw = transforms.TRANSFORMS["nfc"](base)
        derived = transforms.apply(f.transform, raw, f.type)
        if typed and not _same(typed, derived):
            out.values[f.id], out.provenance[f.id], out.sources[f.id] = typed, Provenance.TYPED, "typed"
            out.conflicts.append(Conflict(f.id, "typed_vs_card", typed, derived, f"={f.derive_from}"))
            return
        out.values[f.id], out.provenance[f.id], out.sources[f.id] = (
            derived,
            Provenance.DERIVED,
            f"={f.derive_from}",
        )
    elif typed:
        out.values[f.id], out.provenance[f.id], out.sources[f.id] = typed, Provenance.TYPED, "typed"


def _holds(form: FormDef, key: str) -> bool:
    """``form`` has a field ``key``, or ``key`` is a row cell ``group[i].column`` of one of its tables."""
    if key in form.field_ids:
        return True
    m = re.match(r"^([A-Za-z][A-Za-z0-9_-]*)\[\d+\]\.(.+)$", key)
    if m is None:
        return False
    return any(g.id == m.group(1) and any(c.id == m.group(2) for c in g.columns) for g in form.groups)


def bundle_inputs(
    bundle: BundleDef,
    form_index: int,
    roles: Mapping[str, Citizen],
    typed: Mapping[str, Any],
    *,
    forms: Sequence[FormDef] | None = None,
) -> tuple[dict[str, Citizen], dict[str, Any]]:
    """The roles and typed values one form of a bundle receives from the single data entry.

    Typed keys follow ``assets/forms/README.md`` (and the form screen's
    :meth:`FormSession.typed_key`): a ``shared_fields`` key reaches every form; another plain
    key reaches the one form that has that field, never a form where the same field means
    something else (an addressee); ``FORM_ID:key`` or ``FORM_ID.key`` reaches that form only;
    bundle fields reach forms through the bundle's ``fields`` mapping. ``forms`` are the
    bundle's forms in order (without them a plain key cannot be routed and reaches every form).
    """
    people = dict(roles)
    for person, mapping in bundle.persons.items():
        if person in people:
            continue  # a card read for this person beats typed data
        c = Citizen()
        for cf, bundle_field in mapping.items():
            if _as_text(typed.get(bundle_field)):
                c.set(cf, _as_text(typed[bundle_field]), Provenance.TYPED)
        if c.fields:
            people[person] = c
    bf = bundle.forms[form_index]
    form_roles: dict[str, Citizen] = {}
    for bundle_role, citizen in people.items():
        # Same role name in the bundle and the form, unless the bundle maps that form role explicitly
        # (TK1-TS's applicant is the child, not the parent filing the bundle).
        if bundle_role not in bf.roles:
            form_roles[bundle_role] = citizen
    for form_role, bundle_role in bf.roles.items():
        if bundle_role in people:
            form_roles[form_role] = people[bundle_role]
    form_ids = {b.form for b in bundle.forms}
    me = forms[form_index] if forms is not None else None
    form_typed: dict[str, Any] = {}
    for k, v in typed.items():
        if ":" in k or k.partition(".")[0] in form_ids:
            continue  # one form's own value, taken below
        others = [f for f in forms or () if f is not me]
        if (
            me is None
            or k in bundle.shared_fields
            or (_holds(me, k) and not any(_holds(f, k) for f in others))
        ):
            form_typed[k] = v
    for form_field, bundle_field in bf.fields.items():
        if bundle_field in typed:
            form_typed[form_field] = typed[bundle_field]
    for sep in (".", ":"):
        own = f"{bf.form}{sep}"
        form_typed.update({k[len(own) :]: v for k, v in typed.items() if k.startswith(own)})
    return form_roles, form_typed


def prefill_bundle(
    bundle: BundleDef,
    forms: list[FormDef],
    roles: Mapping[str, Citizen] | None = None,
    typed: Mapping[str, Any] | None = None,
) -> list[FilledForm]:
    """One data entry, every form of the bundle: ``forms`` in the bundle's order (from the catalogue)."""
    roles, typed = dict(roles or {}), dict(typed or {})
    out = []
    for i, form in enumerate(forms):
        r, t = bundle_inputs(bundle, i, roles, typed, forms=forms)
        out.append(prefill(form, r, t))
    return out

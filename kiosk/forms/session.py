"""One citizen's filling session for a form or a bundle: the model behind the form screen.

It holds the people read so far (per role) and what the officer typed, and recomputes the
filled forms on every change, so provenance and conflicts are always current. For a bundle
the typed values live in one namespace (one data entry for every form): a field typed in one
form's tab reaches the other forms through the bundle's mapping; fields that several forms
have but mean different things (the addressee, the request) are kept per form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kiosk.citizen import Citizen
from kiosk.forms.addresses import AddressMatch, admin_units
from kiosk.forms.catalogue import Catalogue
from kiosk.forms.prefill import FilledForm, prefill, prefill_bundle
from kiosk.forms.schema import BundleDef, FormDef, RoleDef
from kiosk.forms.validate import Problem, validate


@dataclass
class FormSession:
    catalogue: Catalogue
    item: FormDef | BundleDef
    roles: dict[str, Citizen] = field(default_factory=dict)
    typed: dict[str, Any] = field(default_factory=dict)
    accepted: set[tuple[str, str]] = field(default_factory=set)  # typed values the officer confirmed

    @classmethod
    def start(cls, catalogue: Catalogue, item_id: str) -> FormSession:
        if any(b.id == item_id for b in catalogue.bundles):
            return cls(catalogue, catalogue.get_bundle(item_id))
        return cls(catalogue, catalogue.get(item_id))

    @property
    def is_bundle(self) -> bool:
        return isinstance(self.item, BundleDef)

    @property
    def forms(self) -> list[FormDef]:
        if isinstance(self.item, BundleDef):
            return [self.catalogue.get(bf.form) for bf in self.item.forms]
        return [self.item]

    @property
    def role_defs(self) -> tuple[RoleDef, ...]:
        return self.item.roles

    def next_role_key(self, role: str) -> str:
        """The key a new card for ``role`` goes to: ``role`` itself, or ``members[n]`` for a list."""
        rdef = next((r for r in self.role_defs if r.id == role), None)
        if rdef is None or not rdef.multiple:
            return role
        taken = {
            int(m.group(1)) for k in self.roles if (m := re.fullmatch(rf"{re.escape(role)}\[(\d+)\]", k))
        }
        n = 0
        while n in taken:
            n += 1
        return f"{role}[{n}]"

    def set_person(self, role_key: str, citizen: Citizen | None) -> None:
        if citizen is None:
            self.roles.pop(role_key, None)
        else:
            self.roles[role_key] = citizen

    # -- typed values: one namespace for a bundle ------------------------------------------
    def typed_key(self, form_id: str, field_key: str) -> str:
        if not isinstance(self.item, BundleDef):
            return field_key
        for bf in self.item.forms:
            if bf.form == form_id and field_key in bf.fields:
                return bf.fields[field_key]
        owners = [f.id for f in self.forms if field_key in f.field_ids]
        if len(owners) > 1 and field_key not in self.item.shared_fields:
            return f"{form_id}:{field_key}"
        return field_key

    def set_typed(self, form_id: str, field_key: str, value: Any) -> None:
        key = self.typed_key(form_id, field_key)
        if value in (None, ""):
            self.typed.pop(key, None)
        else:
            self.typed[key] = value

    def use_card(self, form_id: str, field_key: str) -> None:
        """The officer chose the card's value over what was typed."""
        self.typed.pop(self.typed_key(form_id, field_key), None)
        self.accepted.discard((form_id, field_key))

    def keep_typed(self, form_id: str, field_key: str) -> None:
        """The officer confirmed the typed value although the card differs (the conflict is closed)."""
        self.accepted.add((form_id, field_key))

    # -- addresses from older cards --------------------------------------------------------
    def address_fields(self, form_id: str) -> list[str]:
        """Fields holding an address a card may print with pre-2025 units."""
        form = next(f for f in self.forms if f.id == form_id)
        out = []
        for f in form.fields:
            refs = [*f.bind, f.check_against or ""]
            if f.type == "address" or any(
                r.endswith((".place_of_residence", ".place_of_origin")) for r in refs
            ):
                out.append(f.id)
        return out

    def suggest_address(self, form_id: str, field_key: str) -> AddressMatch | None:
        """The old ward/district/province recognised in the field's value, with the new commune(s)."""
        value = next((f.value(field_key) for f in self.filled() if f.form.id == form_id), "")
        return admin_units().match_legacy(value) if value else None

    def apply_address(
        self, form_id: str, field_key: str, match: AddressMatch, commune_code: str | None = None
    ) -> str:
        """Write the address with current units; a split ward needs ``commune_code`` (the officer's pick)."""
        commune = admin_units().commune(commune_code) if commune_code else None
        new = match.new_address(commune)
        self.set_typed(form_id, field_key, new)
        self.keep_typed(form_id, field_key)  # a confirmed conversion, not a disagreement with the card
        return new

    # -- results ------------------------------------------------------------------------------
    def filled(self) -> list[FilledForm]:
        if isinstance(self.item, BundleDef):
            out = prefill_bundle(self.item, self.forms, self.roles, self.typed)
        else:
            out = [prefill(self.item, self.roles, self.typed)]
        for f in out:
            f.conflicts = [c for c in f.conflicts if (f.form.id, c.field) not in self.accepted]
        return out

    def problems(self) -> dict[str, list[Problem]]:
        return {f.form.id: validate(f) for f in self.filled()}

    def clear(self) -> None:
        """End of the citizen's session: forget the people and what was typed."""
        self.roles.clear()
        self.typed.clear()
        self.accepted.clear()

"""Read the ``{"roles": {...}, "fields": {...}}`` data file used by ``kiosk form``.

A role value is a ``citizen`` object as ``kiosk card read --json`` emits it (or the whole read
result); a multiple role (``members``) takes a list of them and becomes ``members[0]``...

Given the form (or bundle) the file is for, nothing is dropped silently: a role or field key
the form does not have, a list for a one-person role, one object for a list role, or (in a
bundle) a field several forms have written without saying which form, is an error naming
the key.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.citizen import Citizen, CitizenDataError
from kiosk.errors import KioskError
from kiosk.forms.schema import BundleDef, FormDef, RoleDef

_INDEXED = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\[(\d+)\]$")
_GROUP_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\[(\d+)\]\.([A-Za-z0-9_-]+)$")


class DataFileError(KioskError):
    exit_code = 2


def _hint(key: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(sorted(known))}."


def _check_role(where: str, owner: str, role_defs: Sequence[RoleDef], name: str, value: Any) -> None:
    defs = {r.id: r for r in role_defs}
    m = _INDEXED.match(name)
    base = m.group(1) if m else name
    rdef = defs.get(base)
    if rdef is None:
        raise DataFileError(f"Role '{base}' is not a role of {owner}; use: {', '.join(sorted(defs))}.")
    if m:
        if not rdef.multiple:
            raise DataFileError(
                f"{where}: role '{name}': '{base}' is one person; write it without [{m.group(2)}]."
            )
        if isinstance(value, list):
            raise DataFileError(f"{where}: role '{name}' is one person: give one citizen object, not a list.")
        index = int(m.group(2))
        if rdef.max is not None and index >= rdef.max:
            raise DataFileError(
                f"{where}: role '{name}': {owner} takes at most {rdef.max} people as '{base}'."
            )
    elif rdef.multiple:
        if not isinstance(value, list):
            raise DataFileError(
                f"{where}: role '{name}' is a list of people: give [CITIZEN, ...] (a list), not one object."
            )
        if rdef.max is not None and len(value) > rdef.max:
            raise DataFileError(
                f"{where}: role '{name}': {owner} takes at most {rdef.max} people, "
                f"the file gives {len(value)}."
            )
    elif isinstance(value, list):
        raise DataFileError(f"{where}: role '{name}' is one person: give one citizen object, not a list.")


def parse_data(
    data: Any,
    where: str = "data",
    *,
    role_defs: Sequence[RoleDef] | None = None,
    owner: str = "the form",
) -> tuple[dict[str, Citizen], dict[str, Any]]:
    """The roles and typed fields of a data file; with ``role_defs`` each role is checked against them."""
    if not isinstance(data, dict):
        raise DataFileError(f"{where}: expected a JSON object with 'roles' and 'fields'.")
    unknown = set(data) - {"roles", "fields"}
    if unknown:
        raise DataFileError(
            f"{where}: unknown top-level key '{sorted(unknown)[0]}'; only 'roles' and 'fields' are read."
        )
    raw_roles = data.get("roles") or {}
    fields = data.get("fields") or {}
    if not isinstance(raw_roles, dict) or not isinstance(fields, dict):
        raise DataFileError(f"{where}: 'roles' and 'fields' must be JSON objects.")
    roles: dict[str, Citizen] = {}
    for name, value in raw_roles.items():
        if role_defs is not None:
            _check_role(where, owner, role_defs, name, value)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            key = name if i is None else f"{name}[{i}]"
            if key in roles:
                raise DataFileError(f"{where}: role '{key}' is given twice.")
            try:
                roles[key] = Citizen.from_json(item)
            except CitizenDataError as exc:
                raise DataFileError(f"{where}: role '{key}': {exc}.") from exc
    for k, v in fields.items():
        if isinstance(v, dict | list):
            raise DataFileError(f"{where}: field '{k}' must be text, a number or true/false.")
    return roles, dict(fields)


def _form_key_problem(form: FormDef, key: str) -> str | None:
    """Why ``key`` is not something ``form`` can hold (a field id or ``group[i].column``), else None."""
    if key in form.field_ids:
        return None
    m = _GROUP_KEY.match(key)
    if m and m.group(1) in {g.id for g in form.groups}:
        group = form.group(m.group(1))
        columns = [c.id for c in group.columns]
        if m.group(3) in columns:
            return None
        hint = _hint(m.group(3), columns)
        return f"'{m.group(3)}' is not a column of table '{group.id}' of form {form.id}; {hint}"
    known = [*form.field_ids, *(f"{g.id}[0].{c.id}" for g in form.groups for c in g.columns)]
    return f"not a field of form {form.id}; {_hint(key, known)}"


def check_field_keys(
    item: FormDef | BundleDef, forms: Sequence[FormDef], fields: dict[str, Any], where: str
) -> None:
    """Every typed key must reach a field: misspelt or ambiguous keys are errors, never dropped."""
    if isinstance(item, FormDef):
        for key in fields:
            problem = _form_key_problem(item, key)
            if problem:
                raise DataFileError(f"{where}: field '{key}': {problem}")
        return
    by_id = {f.id: f for f in forms}
    bundle_fields = {bf_field for bf in item.forms for bf_field in bf.fields.values()}
    bundle_fields |= {bundle_field for mapping in item.persons.values() for bundle_field in mapping.values()}
    for key in fields:
        form_id, sep, rest = key.partition(":")
        if not sep:
            head, dot, tail = key.partition(".")
            if dot and head in by_id:
                form_id, sep, rest = head, ".", tail
        if sep:
            if form_id not in by_id:
                raise DataFileError(
                    f"{where}: field '{key}': '{form_id}' is not a form of bundle {item.id}; "
                    f"use one of: {', '.join(by_id)}."
                )
            problem = _form_key_problem(by_id[form_id], rest)
            if problem:
                raise DataFileError(f"{where}: field '{key}': {problem}")
            continue
        owners = [f.id for f in forms if _form_key_problem(f, key) is None]
        if key in item.shared_fields or key in bundle_fields or len(owners) == 1:
            if not owners and key not in bundle_fields:
                raise DataFileError(f"{where}: field '{key}' is not a field of any form of bundle {item.id}.")
            continue
        if owners:
            raise DataFileError(
                f"{where}: field '{key}' is on several forms of bundle {item.id} ({', '.join(owners)}) "
                f"and means something different on each: write it per form, e.g. '{owners[0]}:{key}'."
            )
        known = sorted(
            bundle_fields
            | set(item.shared_fields)
            | {fid for f in forms for fid in f.field_ids if sum(fid in g.field_ids for g in forms) == 1}
        )
        raise DataFileError(f"{where}: field '{key}' is not a field of bundle {item.id}; {_hint(key, known)}")


def _read_json(path: str | Path) -> Any:
    p = Path(path)
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError(f"The data file {p} does not exist.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"The data file {p} cannot be read ({exc.__class__.__name__}).") from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(
            f"The data file {p} is not valid JSON (line {exc.lineno}, column {exc.colno})."
        ) from exc


def load_data_file(
    path: str | Path,
    item: FormDef | BundleDef | None = None,
    forms: Sequence[FormDef] = (),
) -> tuple[dict[str, Citizen], dict[str, Any]]:
    """Read a data file; with ``item`` (and a bundle's ``forms``) every role and field key is checked."""
    data = _read_json(path)
    if item is None:
        return parse_data(data, str(path))
    owner = f"{'bundle' if isinstance(item, BundleDef) else 'form'} {item.id}"
    roles, fields = parse_data(data, str(path), role_defs=item.roles, owner=owner)
    check_field_keys(item, list(forms) or ([item] if isinstance(item, FormDef) else []), fields, str(path))
    return roles, fields

"""Read the ``{"roles": {...}, "fields": {...}}`` data file used by ``kiosk form``.

A role value is a ``citizen`` object as ``kiosk card read --json`` emits it (or the whole read
result); a multiple role (``members``) takes a list of them and becomes ``members[0]``...
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kiosk.citizen import Citizen, CitizenDataError
from kiosk.errors import KioskError


class DataFileError(KioskError):
    exit_code = 2


def parse_data(data: Any, where: str = "data") -> tuple[dict[str, Citizen], dict[str, Any]]:
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
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            key = name if i is None else f"{name}[{i}]"
            try:
                roles[key] = Citizen.from_json(item)
            except CitizenDataError as exc:
                raise DataFileError(f"{where}: role '{key}': {exc}.") from exc
    for k, v in fields.items():
        if isinstance(v, dict | list):
            raise DataFileError(f"{where}: field '{k}' must be text, a number or true/false.")
    return roles, dict(fields)


def load_data_file(path: str | Path) -> tuple[dict[str, Citizen], dict[str, Any]]:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError(f"The data file {p} does not exist.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"The data file {p} cannot be read ({exc.__class__.__name__}).") from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(
            f"The data file {p} is not valid JSON (line {exc.lineno}, column {exc.colno})."
        ) from exc
    return parse_data(data, str(p))

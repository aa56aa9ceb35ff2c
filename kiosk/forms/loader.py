"""Load and check form definition files, with errors naming the file, line and field.

YAML is composed into nodes (which keep their line numbers) and converted by hand, so any
error found by the JSON Schema or by the reference checks can point at the exact line.
Dates stay strings (the schema wants ``YYYY-MM-DD``), never YAML timestamps.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from kiosk.citizen import CITIZEN_FIELDS
from kiosk.errors import KioskError
from kiosk.forms.schema import (
    SCHEMA_PATH,
    BundleDef,
    BundleFormDef,
    ColumnDef,
    FieldDef,
    FormDef,
    GroupDef,
    RoleDef,
    RuleDef,
    Text,
)
from kiosk.forms.transforms import TRANSFORMS

PathKey = tuple[str | int, ...]


class FormDefinitionError(KioskError):
    """A form file is malformed; the message names the file, line and field."""

    def __init__(self, file: Path | str, line: int, field: str, problem: str) -> None:
        self.file, self.line, self.field, self.problem = str(file), line, field, problem
        super().__init__(f"{file}:{line}: field '{field}': {problem}")


def _convert(node: yaml.Node, path: PathKey, lines: dict[PathKey, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in out:
                lines[(*path, key)] = key_node.start_mark.line + 1
                raise _NodeError((*path, key), "duplicate key")
            out[key] = _convert(value_node, (*path, key), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(v, (*path, i), lines) for i, v in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    tag, value = node.tag, node.value
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return value.lower() in {"true", "yes", "on"}
    if tag.endswith(":int"):
        return int(value, 0)
    if tag.endswith(":float"):
        return float(value)
    return str(value)


class _NodeError(Exception):
    def __init__(self, path: PathKey, problem: str) -> None:
        super().__init__(problem)
        self.path, self.problem = path, problem


def _dotted(path: PathKey) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out or "(top)"


def _line_of(lines: dict[PathKey, int], path: PathKey) -> int:
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def _describe(data: Any, path: PathKey) -> str:
    """``fields[3] (mother_id).bind``: the index plus the item's id, which a human searches for."""
    out, node = "", data
    for p in path:
        if isinstance(p, int):
            out += f"[{p}]"
            node = node[p] if isinstance(node, list) and p < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                out += f" ({node['id']})"
        else:
            out += f".{p}" if out else p
            node = node.get(p) if isinstance(node, dict) else None
    return out or "(top)"


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


@cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    schema = dict(_schema())
    schema.pop("oneOf", None)
    schema["$ref"] = f"#/$defs/{kind}"
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def parse_file(path: Path) -> tuple[dict[str, Any], dict[PathKey, int]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormDefinitionError(
            path, 1, "(file)", f"cannot be read as UTF-8 ({exc.__class__.__name__})"
        ) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise FormDefinitionError(path, line, "(syntax)", f"YAML syntax error: {exc.problem}") from exc
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        raise FormDefinitionError(
            path, line, "(syntax)", f"control character U+{exc.character:04X} is not allowed"
        ) from exc
    except yaml.YAMLError as exc:
        raise FormDefinitionError(path, 1, "(syntax)", f"YAML error ({exc.__class__.__name__})") from exc
    if node is None:
        raise FormDefinitionError(path, 1, "(top)", "the file is empty")
    lines: dict[PathKey, int] = {}
    try:
        data = _convert(node, (), lines)
    except _NodeError as exc:
        raise FormDefinitionError(path, _line_of(lines, exc.path), _dotted(exc.path), exc.problem) from exc
    if not isinstance(data, dict):
        raise FormDefinitionError(path, 1, "(top)", "expected a mapping with id, kind, version...")
    return data, lines


def _check_schema(path: Path, data: dict[str, Any], lines: dict[PathKey, int]) -> str:
    kind = data.get("kind")
    if kind not in {"form", "bundle"}:
        raise FormDefinitionError(path, _line_of(lines, ("kind",)), "kind", "must be 'form' or 'bundle'")
    errors = sorted(
        _validator(kind).iter_errors(data),
        key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))),
    )
    if errors:
        err = max(errors, key=lambda e: len(e.absolute_path))  # the deepest error is the most precise
        epath: PathKey = tuple(err.absolute_path)
        problem = err.message
        if err.validator == "additionalProperties":
            problem = err.message.replace("Additional properties are not allowed", "unknown key")
        raise FormDefinitionError(path, _line_of(lines, epath), _describe(data, epath), problem)
    return str(kind)


def _text(d: dict[str, str]) -> Text:
    return Text(vi=d["vi"], en=d["en"])


def _date(s: str | None, path: Path, lines: dict[PathKey, int], key: str) -> date | None:
    if s is None:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError as exc:
        raise FormDefinitionError(path, _line_of(lines, (key,)), key, "not a real calendar date") from exc


_ALLOWED_TAGS = frozenset({"b", "i", "u", "sup", "sub", "br", "strike"})
_BARE_AMP = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#\d+);)")


def _markup_problem(text: str) -> str | None:
    """Printed texts may use a little inline markup; anything else would break the PDF at print time."""
    try:
        root = ET.fromstring(f"<x>{_BARE_AMP.sub('&amp;', text)}</x>")  # noqa: S314 - our own file, no entities
    except ET.ParseError:
        return "unbalanced markup: close every <b>, <i>, <u>, <sup>... tag (write < as &lt;)"
    bad = sorted({el.tag for el in root.iter()} - _ALLOWED_TAGS - {"x"})
    if bad:
        return f"markup tag <{bad[0]}> is not allowed (use b, i, u, sup, sub, br)"
    return None


def _build_form(path: Path, data: dict[str, Any], lines: dict[PathKey, int]) -> FormDef:
    def fail(p: PathKey, problem: str) -> FormDefinitionError:
        return FormDefinitionError(path, _line_of(lines, p), _describe(data, p), problem)

    roles = tuple(
        RoleDef(
            id=r["id"],
            label=_text(r["label"]),
            required=r.get("required", False),
            multiple=r.get("multiple", False),
            max=r.get("max"),
            card=r.get("card", True),
        )
        for r in data["roles"]
    )
    role_ids = [r.id for r in roles]
    for i, rid in enumerate(role_ids):
        if role_ids.index(rid) != i:
            raise fail(("roles", i, "id"), f"duplicate role id '{rid}'")
    multiple = {r.id for r in roles if r.multiple}
    field_ids = [f["id"] for f in data["fields"]]
    for i, fid in enumerate(field_ids):
        if field_ids.index(fid) != i:
            raise fail(("fields", i, "id"), f"duplicate field id '{fid}'")

    def check_path(p: PathKey, ref: str, *, allow_field: bool = True) -> None:
        if "." in ref:
            role, cf = ref.split(".", 1)
            if role not in role_ids:
                raise fail(p, f"'{role}' is not a role of this form (roles: {', '.join(role_ids)})")
            if role in multiple:
                raise fail(p, f"'{role}' is a multiple role; bind its people in a group's columns")
            if cf not in CITIZEN_FIELDS:
                raise fail(p, f"'{cf}' is not a citizen field (one of: {', '.join(CITIZEN_FIELDS)})")
        elif not allow_field or ref not in field_ids:
            raise fail(p, f"'{ref}' is neither role.citizen_field nor a field of this form")

    fields: list[FieldDef] = []
    for i, f in enumerate(data["fields"]):
        bind = f.get("bind")
        binds = tuple(bind) if isinstance(bind, list) else ((bind,) if bind else ())
        for j, b in enumerate(binds):
            bp: PathKey = ("fields", i, "bind", j) if isinstance(bind, list) else ("fields", i, "bind")
            if "." not in b:
                raise fail(bp, f"'{b}' must be role.citizen_field (use 'from' to derive from a field)")
            check_path(bp, b)
        if "from" in f:
            if f["from"] not in field_ids or f["from"] == f["id"]:
                raise fail(("fields", i, "from"), f"'{f['from']}' is not another field of this form")
            if binds:
                raise fail(("fields", i, "from"), "a field takes either 'bind' or 'from', not both")
        for key in ("dob_field", "sex_field"):
            if key in f and f[key] not in field_ids:
                raise fail(("fields", i, key), f"'{f[key]}' is not a field of this form")
        if "check_against" in f:
            check_path(("fields", i, "check_against"), f["check_against"], allow_field=False)
        if f["type"] == "choice" and "options" not in f:
            raise fail(("fields", i), "a choice field needs 'options'")
        if "pattern" in f:
            try:
                re.compile(f["pattern"])
            except re.error as exc:
                raise fail(("fields", i, "pattern"), f"not a valid regular expression ({exc})") from exc
        if f.get("transform") and f["transform"] not in TRANSFORMS:
            raise fail(("fields", i, "transform"), "unknown transform")
        fields.append(
            FieldDef(
                id=f["id"],
                type=f["type"],
                label=_text(f["label"]),
                required=f.get("required", False),
                bind=binds,
                derive_from=f.get("from"),
                transform=f.get("transform"),
                default=f.get("default"),
                options=tuple(_text(o) for o in f.get("options", ())),
                pattern=f.get("pattern"),
                max_length=f.get("max_length"),
                min=f.get("min"),
                max=f.get("max"),
                check_against=f.get("check_against"),
                dob_field=f.get("dob_field"),
                sex_field=f.get("sex_field"),
                not_future=f.get("not_future", False),
                sensitive=f.get("sensitive", False),
                line=_line_of(lines, ("fields", i)),
            )
        )

    groups: list[GroupDef] = []
    for i, g in enumerate(data.get("groups", [])):
        if g["role"] not in multiple:
            raise fail(("groups", i, "role"), f"'{g['role']}' is not a multiple role of this form")
        if g["id"] in field_ids:
            raise fail(("groups", i, "id"), f"'{g['id']}' is already a field id")
        cols = []
        for j, c in enumerate(g["columns"]):
            if c.get("bind") and c["bind"] not in CITIZEN_FIELDS:
                raise fail(("groups", i, "columns", j, "bind"), f"'{c['bind']}' is not a citizen field")
            cols.append(
                ColumnDef(
                    id=c["id"],
                    type=c["type"],
                    label=_text(c["label"]),
                    required=c.get("required", False),
                    bind=c.get("bind"),
                    transform=c.get("transform"),
                    options=tuple(_text(o) for o in c.get("options", ())),
                    width=c.get("width"),
                )
            )
        groups.append(GroupDef(id=g["id"], role=g["role"], label=_text(g["label"]), columns=tuple(cols)))
    group_ids = {g.id for g in groups}

    rules: list[RuleDef] = []
    for i, r in enumerate(data.get("rules", [])):
        check_path(("rules", i, "a"), r["a"])
        check_path(("rules", i, "b"), r["b"])
        if r["field"] not in field_ids:
            raise fail(("rules", i, "field"), f"'{r['field']}' is not a field of this form")
        rules.append(
            RuleDef(
                kind=r["kind"],
                a=r["a"],
                b=r["b"],
                field=r["field"],
                message=_text(r["message"]),
                years=r.get("years"),
            )
        )

    for i, item in enumerate(data["layout"]):
        markup: list[tuple[PathKey, str]] = [
            (("layout", i, k), item[k]) for k in ("text", "label") if k in item
        ]
        markup += [
            (("layout", i, "row", j, "label"), c["label"])
            for j, c in enumerate(item.get("row", []))
            if "label" in c
        ]
        markup += [
            (("layout", i, "signatures", j, "title"), sg["title"])
            for j, sg in enumerate(item.get("signatures", []))
        ]
        for p, text in markup:
            problem = _markup_problem(text)
            if problem:
                raise fail(p, problem)
        refs: list[tuple[PathKey, str]] = []
        if "field" in item:
            refs.append((("layout", i, "field"), item["field"]))
        for j, cell in enumerate(item.get("row", [])):
            refs.append((("layout", i, "row", j, "field"), cell["field"]))
        for j, row in enumerate(item.get("grid", {}).get("rows", [])):
            refs.extend(
                (("layout", i, "grid", "rows", j, "fields", k), fid) for k, fid in enumerate(row["fields"])
            )
            if len(row["fields"]) != len(item["grid"]["header"]) - 1:
                raise fail(
                    ("layout", i, "grid", "rows", j, "fields"),
                    "needs one field per header column after the first",
                )
        for j, sig in enumerate(item.get("signatures", [])):
            for key in ("field", "id_field"):
                if key in sig:
                    refs.append((("layout", i, "signatures", j, key), sig[key]))
        for p, fid in refs:
            if fid not in field_ids:
                raise fail(p, f"'{fid}' is not a field of this form")
        if "table" in item and item["table"] not in group_ids:
            raise fail(("layout", i, "table"), f"'{item['table']}' is not a group of this form")

    eff_from = _date(data["effective_from"], path, lines, "effective_from")
    assert eff_from is not None
    eff_to = _date(data.get("effective_to"), path, lines, "effective_to")
    if eff_to is not None and eff_to < eff_from:
        raise fail(
            ("effective_to",),
            f"{eff_to.isoformat()} is before effective_from {eff_from.isoformat()}",
        )
    return FormDef(
        id=data["id"],
        version=data["version"],
        title=_text(data["title"]),
        legal_basis=data["legal_basis"],
        effective_from=eff_from,
        effective_to=eff_to,
        roles=roles,
        fields=tuple(fields),
        layout=tuple(data["layout"]),
        groups=tuple(groups),
        rules=tuple(rules),
        service=_text(data["service"]) if "service" in data else None,
        form_code=data.get("form_code", ""),
        essential=data.get("essential", False),
        processing_days=data.get("processing_days"),
        keywords=tuple(data.get("keywords", ())),
        addressee=data.get("addressee", ""),
        source=path,
    )


def _build_bundle(path: Path, data: dict[str, Any], lines: dict[PathKey, int]) -> BundleDef:
    roles = tuple(
        RoleDef(
            id=r["id"],
            label=_text(r["label"]),
            required=r.get("required", False),
            multiple=r.get("multiple", False),
            max=r.get("max"),
            card=r.get("card", True),
        )
        for r in data["roles"]
    )
    role_ids = {r.id for r in roles}
    for person, mapping in data.get("persons", {}).items():
        if person not in role_ids:
            raise FormDefinitionError(
                path,
                _line_of(lines, ("persons", person)),
                f"persons.{person}",
                "is not a role of this bundle",
            )
        for cf in mapping:
            if cf not in CITIZEN_FIELDS:
                raise FormDefinitionError(
                    path,
                    _line_of(lines, ("persons", person, cf)),
                    f"persons.{person}.{cf}",
                    "is not a citizen field",
                )
    forms = []
    for i, f in enumerate(data["forms"]):
        for form_role, bundle_role in f.get("roles", {}).items():
            if bundle_role not in role_ids:
                raise FormDefinitionError(
                    path,
                    _line_of(lines, ("forms", i, "roles", form_role)),
                    f"forms[{i}] ({f['form']}).roles.{form_role}",
                    f"'{bundle_role}' is not a role of this bundle",
                )
        forms.append(
            BundleFormDef(
                form=f["form"],
                roles=dict(f.get("roles", {})),
                fields=dict(f.get("fields", {})),
                line=_line_of(lines, ("forms", i)),
            )
        )
    return BundleDef(
        id=data["id"],
        version=data["version"],
        title=_text(data["title"]),
        legal_basis=data["legal_basis"],
        roles=roles,
        forms=tuple(forms),
        persons={k: dict(v) for k, v in data.get("persons", {}).items()},
        shared_fields=tuple(data.get("shared_fields", ("phone", "email"))),
        essential=data.get("essential", True),
        keywords=tuple(data.get("keywords", ())),
        source=path,
    )


def load_definition(path: Path) -> FormDef | BundleDef:
    """Load one file; raises :class:`FormDefinitionError` naming file, line and field."""
    data, lines = parse_file(path)
    kind = _check_schema(path, data, lines)
    if kind == "form":
        return _build_form(path, data, lines)
    return _build_bundle(path, data, lines)

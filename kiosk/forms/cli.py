"""``kiosk form``: list the catalogue, render and validate forms headless.

Every ``kiosk`` command imports this module to register its parser, so the heavy parts
(reportlab, jsonschema, the catalogue) are imported only when a ``form`` command runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.errors import KioskError, UsageError

if TYPE_CHECKING:
    from kiosk.forms.prefill import FilledForm


def register(subparsers: argparse._SubParsersAction) -> None:
    form = subparsers.add_parser("form", help="forms catalogue: list, render and validate pre-filled forms")
    sub = form.add_subparsers(dest="form_command", metavar="ACTION", required=True)

    p = sub.add_parser("list", help="list the forms and bundles (id, titles, version, roles)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser(
        "check", help="check a folder of form definition files against the schema (for provinces)"
    )
    p.add_argument(
        "dir", nargs="?", metavar="DIR", help="folder of *.yaml definitions (default: the bundled catalogue)"
    )
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("render", help="pre-fill a form (or a bundle) from a data file and write the PDF")
    p.add_argument("form_id", metavar="FORM_ID")
    p.add_argument("--data", required=True, metavar="FILE.json", help='{"roles": {...}, "fields": {...}}')
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("receipt", help="print the receipt (form 01) from a JSON description")
    p.add_argument(
        "--data",
        required=True,
        metavar="FILE.json",
        help='{"agency", "unit", "dossier_code", "applicant_name", "procedure_name", '
        '"received_at": "YYYY-MM-DDTHH:MM", "processing_days", '
        '"components": [{"name", "copy_kind", "count"}]...}',
    )
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--thermal", action="store_true", help="80 mm thermal-printer layout")
    p.set_defaults(func=cmd_receipt)

    p = sub.add_parser(
        "fill", help="pre-fill a form (or bundle) and print values with their provenance as JSON"
    )
    p.add_argument("form_id", metavar="FORM_ID")
    p.add_argument("--data", required=True, metavar="FILE.json")
    p.set_defaults(func=cmd_fill)

    p = sub.add_parser("validate", help="pre-fill and check a form; exits 1 when there are errors")
    p.add_argument("form_id", metavar="FORM_ID")
    p.add_argument("--data", required=True, metavar="FILE.json")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_validate)


def cmd_list(args: argparse.Namespace) -> int:
    from kiosk.forms.catalogue import load_catalogue

    cat = load_catalogue()
    forms: list[dict[str, Any]] = [
        {
            "id": f.id,
            "kind": "form",
            "title_vi": f.title.vi,
            "title_en": f.title.en,
            "version": f.version,
            "effective_from": f.effective_from.isoformat(),
            "effective_to": f.effective_to.isoformat() if f.effective_to else None,
            "essential": f.essential,
            "roles": [r.id for r in f.roles],
        }
        for f in cat.current_forms()
    ]
    bundles: list[dict[str, Any]] = [
        {
            "id": b.id,
            "kind": "bundle",
            "title_vi": b.title.vi,
            "title_en": b.title.en,
            "version": b.version,
            "essential": b.essential,
            "roles": [r.id for r in b.roles],
            "forms": [bf.form for bf in b.forms],
        }
        for b in cat.bundles
    ]
    if args.json:
        json.dump({"forms": forms, "bundles": bundles}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for item in forms + bundles:
        extra = f" -> {', '.join(item['forms'])}" if item["kind"] == "bundle" else ""
        print(f"{item['id']:<28} v{item['version']:<8} {item['title_vi']}{extra}")
        print(f"{'':<28} {'':<9} {item['title_en']}; roles: {', '.join(item['roles'])}")
    return 0


def _fill(form_id: str, data: str) -> list[FilledForm]:
    from kiosk.forms.catalogue import load_catalogue
    from kiosk.forms.data_file import load_data_file
    from kiosk.forms.prefill import prefill, prefill_bundle

    cat = load_catalogue()
    if any(b.id == form_id for b in cat.bundles):
        bundle = cat.get_bundle(form_id)
        forms = [cat.get(bf.form) for bf in bundle.forms]
        roles, fields = load_data_file(data)
        return prefill_bundle(bundle, forms, roles, fields)
    form = cat.get(form_id)  # an unknown id is reported before the data file is read
    roles, fields = load_data_file(data)
    known = {r.id for r in form.roles}
    unknown = sorted({k.split("[", 1)[0] for k in roles} - known)
    if unknown:
        raise UsageError(
            f"Role '{unknown[0]}' is not a role of form {form.id}; use: {', '.join(sorted(known))}."
        )
    return [prefill(form, roles, fields)]


def cmd_render(args: argparse.Namespace) -> int:
    from kiosk.forms.render import render_pdf

    filled = _fill(args.form_id, args.data)
    out = Path(args.out)
    if not out.parent.is_dir():
        raise KioskError(f"The folder {out.parent} does not exist; create it or choose another --out.")
    render_pdf(filled, out)
    for f in filled:
        for c in f.conflicts:
            print(
                f"warning: {f.form.id}.{c.field}: the typed value differs from the card ({c.source}); "
                "the typed value was printed",
                file=sys.stderr,
            )
    print(out)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kiosk.forms.validate import validate

    filled = _fill(args.form_id, args.data)
    result: list[dict[str, Any]] = []
    errors = 0
    for f in filled:
        problems = validate(f)
        errors += sum(p.severity == "error" for p in problems)
        result.append({"form": f.form.id, "problems": [p.to_json() for p in problems]})
    if args.json:
        json.dump({"ok": errors == 0, "forms": result}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for r in result:
            for p in r["problems"]:
                print(f"{r['form']}: {p['severity']}: {p['field']}: {p['message_vi']} / {p['message_en']}")
        if errors == 0:
            print("OK")
    return 1 if errors else 0


def cmd_receipt(args: argparse.Namespace) -> int:
    from dataclasses import fields as dc_fields
    from datetime import datetime

    from kiosk.forms.data_file import DataFileError
    from kiosk.forms.receipt import ReceiptComponent, ReceiptData, render_receipt

    try:
        raw = json.loads(Path(args.data).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(
            f"The receipt file {args.data} cannot be read as JSON ({exc.__class__.__name__})."
        ) from exc
    if not isinstance(raw, dict):
        raise DataFileError(f"The receipt file {args.data} must hold a JSON object.")
    known = {f.name for f in dc_fields(ReceiptData)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise DataFileError(f"Unknown receipt key '{unknown[0]}'; allowed: {', '.join(sorted(known))}.")
    try:
        for key in ("received_at", "appointment_at"):
            if raw.get(key):
                raw[key] = datetime.fromisoformat(raw[key])
        raw["components"] = [ReceiptComponent(**c) for c in raw.get("components", [])]
        data = ReceiptData(**raw)
    except (TypeError, ValueError) as exc:
        raise DataFileError(
            f"The receipt file {args.data} is incomplete or has a wrong value ({exc})."
        ) from exc
    out = Path(args.out)
    if not out.parent.is_dir():
        raise KioskError(f"The folder {out.parent} does not exist; create it or choose another --out.")
    render_receipt(data, out, thermal=args.thermal)
    print(out)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from kiosk.forms.catalogue import load_catalogue

    directory = Path(args.dir) if args.dir else None
    if directory is not None and not directory.is_dir():
        raise UsageError(f"The folder {directory} does not exist.")
    cat = load_catalogue(directory)
    print(f"OK: {len(cat.forms)} form(s), {len(cat.bundles)} bundle(s)")
    return 0


def cmd_fill(args: argparse.Namespace) -> int:
    out = []
    for f in _fill(args.form_id, args.data):
        out.append(
            {
                "form": f.form.id,
                "version": f.form.version,
                "values": f.values,
                "provenance": {k: v.value for k, v in f.provenance.items()},
                "sources": f.sources,
                "conflicts": [
                    {
                        "field": c.field,
                        "kind": c.kind,
                        "value": c.value,
                        "card_value": c.card_value,
                        "source": c.source,
                    }
                    for c in f.conflicts
                ],
            }
        )
    json.dump({"forms": out}, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0

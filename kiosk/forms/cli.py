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
    from kiosk.forms.catalogue import Catalogue
    from kiosk.forms.prefill import FilledForm


def register(subparsers: argparse._SubParsersAction) -> None:
    form = subparsers.add_parser("form", help="forms catalogue: list, render and validate pre-filled forms")
    sub = form.add_subparsers(dest="form_command", metavar="ACTION", required=True)

    p = sub.add_parser("list", help="list the forms and bundles (id, titles, version, roles)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser(
        "check",
        help="check a province's folder of form definitions (and holidays) before deploying it; "
        "exits 1 when a file is wrong",
    )
    p.add_argument(
        "dir",
        nargs="?",
        metavar="DIR",
        help="folder of *.yaml definitions checked on top of the installed catalogue "
        "(default: the installed catalogue plus the profile's forms folder)",
    )
    p.add_argument("--dir", dest="dir_option", metavar="DIR", help="the same as DIR")
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


def _profile_root(args: argparse.Namespace) -> Path:
    from kiosk.profile import Profile

    return Profile.open(getattr(args, "profile", None)).root


def _catalogue(args: argparse.Namespace) -> Catalogue:
    """The installed catalogue with the profile's updated forms; skipped files are reported."""
    from kiosk.forms.catalogue import load_catalogue, profile_forms_dir

    cat = load_catalogue(overrides=profile_forms_dir(_profile_root(args)))
    for issue in cat.issues:
        print(f"warning: form definition skipped: {issue}", file=sys.stderr)
    return cat


def cmd_list(args: argparse.Namespace) -> int:
    cat = _catalogue(args)
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


def _fill(args: argparse.Namespace) -> list[FilledForm]:
    from kiosk.forms.data_file import load_data_file
    from kiosk.forms.prefill import prefill, prefill_bundle

    form_id, data = args.form_id, args.data
    cat = _catalogue(args)
    if any(b.id == form_id for b in cat.bundles):
        bundle = cat.get_bundle(form_id)
        forms = [cat.get(bf.form) for bf in bundle.forms]
        roles, fields = load_data_file(data, bundle, forms)
        return prefill_bundle(bundle, forms, roles, fields)
    form = cat.get(form_id)  # an unknown id is reported before the data file is read
    roles, fields = load_data_file(data, form)
    return [prefill(form, roles, fields)]


def cmd_render(args: argparse.Namespace) -> int:
    from kiosk.forms.render import render_pdf

    filled = _fill(args)
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

    filled = _fill(args)
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
    from kiosk.forms.data_file import DataFileError
    from kiosk.forms.receipt import ReceiptError, receipt_from_json, render_receipt
    from kiosk.forms.workdays import load_calendar, profile_holidays_path

    try:
        raw = json.loads(Path(args.data).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(
            f"The receipt file {args.data} cannot be read as JSON ({exc.__class__.__name__})."
        ) from exc
    if not isinstance(raw, dict):
        raise DataFileError(f"The receipt file {args.data} must hold a JSON object.")
    try:
        data = receipt_from_json(raw, str(args.data))
    except ReceiptError as exc:
        raise DataFileError(str(exc)) from exc  # a wrong data file: exit 2 like the other commands
    out = Path(args.out)
    if not out.parent.is_dir():
        raise KioskError(f"The folder {out.parent} does not exist; create it or choose another --out.")
    calendar = load_calendar(override=profile_holidays_path(_profile_root(args)))
    render_receipt(data, out, thermal=args.thermal, calendar=calendar)
    print(out)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from kiosk.forms.catalogue import load_catalogue, profile_forms_dir
    from kiosk.forms.workdays import HOLIDAYS_IN_FORMS_DIR, HolidayDataError, load_calendar

    if args.dir and args.dir_option and Path(args.dir) != Path(args.dir_option):
        raise UsageError("Give the folder once: either DIR or --dir DIR.")
    given = args.dir or args.dir_option
    directory = Path(given) if given else profile_forms_dir(_profile_root(args))
    if given and not directory.is_dir():
        raise UsageError(f"The folder {directory} does not exist.")
    cat = load_catalogue(overrides=directory)
    problems = [str(i) for i in cat.issues]
    holidays = directory / HOLIDAYS_IN_FORMS_DIR
    if holidays.is_file():
        try:
            load_calendar(holidays)
        except HolidayDataError as exc:
            problems.append(str(exc))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(
            f"{len(problems)} problem(s): fix the file(s) above before deploying the folder.", file=sys.stderr
        )
        return 1
    if given:
        n_forms = sum(1 for f in cat.forms if f.source and f.source.parent == directory)
        n_bundles = sum(1 for b in cat.bundles if b.source and b.source.parent == directory)
        print(f"OK: {n_forms} form(s), {n_bundles} bundle(s)")
    else:
        print(f"OK: {len(cat.forms)} form(s), {len(cat.bundles)} bundle(s)")
    return 0


def cmd_fill(args: argparse.Namespace) -> int:
    out = []
    for f in _fill(args):
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

"""Glue between a stored dossier (kiosk.dossier.model.Dossier) and the forms: fill, print, receipt.

Duck-typed on the dossier (procedure_id, roles, fields, provisional_code, official_code,
received_at, components) so the forms package does not depend on the store.

A saved dossier holds each form's filled values: a single form's under their own keys, a
bundle's as "FORM_ID.key" (kiosk.reception.save_dossier), one value per form. A dossier made
from a data file (``kiosk dossier create``) holds the bundle's single data entry instead
("phone", "FORM_ID:key"). Both layouts are read here.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from kiosk.forms.catalogue import Catalogue, load_catalogue
from kiosk.forms.prefill import FilledForm, bundle_inputs, prefill, prefill_bundle
from kiosk.forms.receipt import ReceiptComponent, ReceiptData
from kiosk.forms.render import render_pdf
from kiosk.forms.schema import FormDef

RECEIPT_NAME = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"


def form_component_name(form: FormDef) -> str:
    """The component name a filled form's PDF is attached (and listed on the receipt) under."""
    return f"{form.title.vi.capitalize()} ({form.form_code or form.id})"


def _forms_of(cat: Catalogue, procedure_id: str) -> list[FormDef]:
    if any(b.id == procedure_id for b in cat.bundles):
        return [cat.get(bf.form) for bf in cat.get_bundle(procedure_id).forms]
    return [cat.get(procedure_id)]


def _per_form(fields: dict[str, Any], form_ids: list[str]) -> dict[str, dict[str, Any]] | None:
    """A saved bundle's values split by form, or None for the single-entry layout."""
    if not any(k.split(".", 1)[0] in form_ids and "." in k for k in fields):
        return None
    out: dict[str, dict[str, Any]] = {fid: {} for fid in form_ids}
    for key, value in fields.items():
        fid, _, rest = key.partition(".")
        if fid in out and rest:
            out[fid][rest] = value
    return out


def dossier_value(dossier: Any, key: str, catalogue: Catalogue | None = None) -> str:
    """A value any of the dossier's forms holds under ``key`` (the first form that has it)."""
    fields = dossier.fields or {}
    if str(fields.get(key) or "").strip():
        return str(fields[key])
    cat = catalogue or load_catalogue()
    for f in _forms_of(cat, dossier.procedure_id):
        value = fields.get(f"{f.id}.{key}")
        if str(value or "").strip():
            return str(value)
    return ""


def filled_for_dossier(dossier: Any, catalogue: Catalogue | None = None) -> list[FilledForm]:
    """The dossier's form(s) filled from its roles and typed fields (a bundle gives several)."""
    cat = catalogue or load_catalogue()
    pid = dossier.procedure_id
    fields = dict(dossier.fields or {})
    if any(b.id == pid for b in cat.bundles):
        bundle = cat.get_bundle(pid)
        forms = [cat.get(bf.form) for bf in bundle.forms]
        saved = _per_form(fields, [f.id for f in forms])
        if saved is None:
            return prefill_bundle(bundle, forms, dossier.roles, fields)
        # Each form gets back exactly the values it was saved with; the roles still come
        # through the bundle's mapping, so the sources (chip, typed) stay as they were.
        return [
            prefill(form, bundle_inputs(bundle, i, dossier.roles, {})[0], saved[form.id])
            for i, form in enumerate(forms)
        ]
    return [prefill(cat.get(pid), dossier.roles, fields)]


def attach_forms(store: Any, dossier: Any, catalogue: Catalogue | None = None) -> list[str]:
    """Render the dossier's form(s) and attach each PDF to it as an encrypted component.

    The PDF never touches the disk in clear: it is rendered in memory and streamed into the
    store's encryption. Returns the attachment ids, one per form.
    """
    return attach_filled(store, dossier, filled_for_dossier(dossier, catalogue))


def attach_filled(store: Any, dossier: Any, filled: list[FilledForm]) -> list[str]:
    """Attach already filled forms as PDFs, named as the receipt lists them.

    File names are the dossier code and the item number (Circular 05/2025/TT-BNV).
    """
    ids = []
    for number, f in enumerate(filled, start=1):
        buf = io.BytesIO()
        render_pdf(f, buf)
        buf.seek(0)
        ids.append(
            store.add_attachment(
                dossier.uuid,
                form_component_name(f.form),
                buf,
                filename=f"{dossier.provisional_code}-{number:02d}.pdf",
                mime="application/pdf",
            )
        )
    return ids


def receipt_for_dossier(
    dossier: Any,
    *,
    agency: str,
    unit: str,
    officer_name: str = "",
    place: str = "",
    return_method: str = "in_person",
    fees: str = "",
    register_book: str = "",
    catalogue: Catalogue | None = None,
    now: datetime | None = None,
) -> ReceiptData:
    """Receipt data for a dossier: the official code if synced, else the provisional one (marked)."""
    cat = catalogue or load_catalogue()
    pid = dossier.procedure_id
    forms = _forms_of(cat, pid)
    if any(b.id == pid for b in cat.bundles):
        procedure = cat.get_bundle(pid).title.vi
    else:
        procedure = (forms[0].service or forms[0].title).vi
    days = max((f.processing_days or 0) for f in forms)
    applicant = dossier.roles.get("applicant") or next(iter(dossier.roles.values()), None)
    name = (applicant.get("full_name") if applicant else None) or dossier_value(
        dossier, "applicant_name", cat
    )
    address = (applicant.get("place_of_residence") if applicant else None) or ""
    components = [ReceiptComponent(form_component_name(f)) for f in forms]
    listed = {c.name for c in components}
    for c in getattr(dossier, "components", []) or []:
        # The forms' own PDFs are listed above once; the receipt does not list itself.
        if c.name in listed or c.name == RECEIPT_NAME:
            continue
        components.append(ReceiptComponent(c.name, str(c.copy_kind), int(c.count)))
    received = dossier.received_at
    received_at = (
        datetime.fromisoformat(received)
        if isinstance(received, str) and received
        else (now or datetime.now())
    )
    if received_at.tzinfo is not None:
        received_at = received_at.astimezone().replace(tzinfo=None)  # printed in local time
    return ReceiptData(
        agency=agency,
        unit=unit,
        dossier_code=dossier.official_code or dossier.provisional_code,
        provisional=not dossier.official_code,
        applicant_name=name,
        procedure_name=procedure,
        received_at=received_at,
        processing_days=days,
        address=address,
        phone=dossier_value(dossier, "phone", cat),
        email=dossier_value(dossier, "email", cat),
        components=components,
        return_method=return_method,
        fees=fees,
        register_book=register_book,
        officer_name=officer_name,
        place=place,
    )

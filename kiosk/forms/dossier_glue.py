"""Glue between a stored dossier (kiosk.dossier.model.Dossier) and the forms: fill, print, receipt.

Duck-typed on the dossier (procedure_id, roles, fields, provisional_code, official_code,
received_at, components) so the forms package does not depend on the store.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from kiosk.forms.catalogue import Catalogue, load_catalogue
from kiosk.forms.prefill import FilledForm, prefill, prefill_bundle
from kiosk.forms.receipt import ReceiptComponent, ReceiptData
from kiosk.forms.render import render_pdf


def filled_for_dossier(dossier: Any, catalogue: Catalogue | None = None) -> list[FilledForm]:
    """The dossier's form(s) filled from its roles and typed fields (a bundle gives several)."""
    cat = catalogue or load_catalogue()
    pid = dossier.procedure_id
    if any(b.id == pid for b in cat.bundles):
        bundle = cat.get_bundle(pid)
        return prefill_bundle(
            bundle, [cat.get(bf.form) for bf in bundle.forms], dossier.roles, dossier.fields
        )
    return [prefill(cat.get(pid), dossier.roles, dossier.fields)]


def attach_forms(store: Any, dossier: Any, catalogue: Catalogue | None = None) -> list[str]:
    """Render the dossier's form(s) and attach each PDF to it as an encrypted component.

    The PDF never touches the disk in clear: it is rendered in memory and streamed into the
    store's encryption. Returns the attachment ids, one per form.
    """
    ids = []
    for f in filled_for_dossier(dossier, catalogue):
        buf = io.BytesIO()
        render_pdf(f, buf)
        buf.seek(0)
        name = f"{f.form.title.vi.capitalize()} ({f.form.form_code or f.form.id})"
        ids.append(
            store.add_attachment(dossier.uuid, name, buf, filename=f"{f.form.id}.pdf", mime="application/pdf")
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
    if any(b.id == pid for b in cat.bundles):
        bundle = cat.get_bundle(pid)
        forms = [cat.get(bf.form) for bf in bundle.forms]
        procedure = bundle.title.vi
    else:
        forms = [cat.get(pid)]
        procedure = (forms[0].service or forms[0].title).vi
    days = max((f.processing_days or 0) for f in forms)
    applicant = dossier.roles.get("applicant") or next(iter(dossier.roles.values()), None)
    fields = dossier.fields or {}
    name = (applicant.get("full_name") if applicant else None) or str(fields.get("applicant_name", ""))
    address = (applicant.get("place_of_residence") if applicant else None) or ""
    components = [ReceiptComponent(f"{f.title.vi.capitalize()} ({f.form_code or f.id})") for f in forms]
    for c in getattr(dossier, "components", []) or []:
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
        phone=str(fields.get("phone", "")),
        email=str(fields.get("email", "")),
        components=components,
        return_method=return_method,
        fees=fees,
        register_book=register_book,
        officer_name=officer_name,
        place=place,
    )

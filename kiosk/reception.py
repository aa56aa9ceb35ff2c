"""Reception: turning a citizen's filled forms into a saved, queued dossier.

The forms engine (:class:`kiosk.forms.session.FormSession`) holds the people read into each
role and what was typed; this module is the step after it: validate, render each form of
the procedure (one for a form, several for a linked bundle) and save them as one dossier,
every state change going through the store's state machine. No UI, no network.

:func:`receive_dossier` is the counter's whole step: the dossier is saved and received, the
receipt (form 01) is made and kept with it, and only then is it queued for sync. A receipt
that cannot be made never costs the dossier: it is saved and queued all the same, and the
receipt can be made again from the stored dossier (:func:`render_dossier_receipt`).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

from kiosk.citizen import Citizen
from kiosk.dossier.model import Dossier, DossierState
from kiosk.errors import KioskError
from kiosk.forms.catalogue import Catalogue
from kiosk.forms.dossier_glue import RECEIPT_NAME, attach_filled, receipt_for_dossier
from kiosk.forms.receipt import render_receipt
from kiosk.forms.session import FormSession
from kiosk.forms.validate import Problem

log = logging.getLogger(__name__)

DEFAULT_RECEIVING_UNIT = "BỘ PHẬN MỘT CỬA"


class UnresolvedConflictError(KioskError):
    """A typed value differs from a card and the officer has not chosen yet."""

    def __init__(self, fields: list[str]) -> None:
        super().__init__(
            "Choose between the card and the typed value first for: " + ", ".join(sorted(set(fields))) + "."
        )
        self.fields = fields


class IncompleteFormError(KioskError):
    """The forms still have problems; the message lists the fields (never their values)."""

    def __init__(self, problems: list[Problem]) -> None:
        names = ", ".join(sorted({p.field for p in problems}))
        super().__init__(f"The form is not complete yet; check these fields: {names}.")
        self.problems = problems


def _without_face(citizen: Citizen) -> Citizen:
    # The store keeps no photo a form does not need (data minimisation).
    return Citizen(fields=dict(citizen.fields), no_expiry=citizen.no_expiry, extra=dict(citizen.extra))


@dataclass(frozen=True)
class ReceiptOptions:
    """What the receipt says besides the dossier: who received it, where, on which paper."""

    agency: str
    unit: str = DEFAULT_RECEIVING_UNIT
    officer_name: str = ""
    place: str = ""
    thermal: bool = False  # the kiosk's 80 mm roll instead of A4

    @classmethod
    def from_settings(
        cls, settings: dict[str, Any], *, officer_name: str = "", thermal: bool = False
    ) -> ReceiptOptions:
        """From the unit settings in the store (``unit_name``; ``receipt_unit``, ``receipt_place``)."""
        agency = str(settings.get("receipt_agency") or settings.get("unit_name") or "")
        return cls(
            agency=agency.upper(),
            unit=str(settings.get("receipt_unit") or DEFAULT_RECEIVING_UNIT),
            officer_name=officer_name,
            place=str(settings.get("receipt_place") or ""),
            thermal=thermal,
        )


@dataclass
class Reception:
    """The outcome of receiving a dossier at the counter."""

    dossier: Dossier
    receipt_pdf: bytes | None = None
    receipt_attachment: str | None = None
    receipt_error: str | None = None  # why no receipt was made (English; no personal data)


def render_dossier_receipt(
    dossier: Dossier, options: ReceiptOptions, *, catalogue: Catalogue | None = None
) -> bytes:
    """The receipt PDF of a stored dossier (the official code once synced, else the provisional one)."""
    data = receipt_for_dossier(
        dossier,
        agency=options.agency,
        unit=options.unit,
        officer_name=options.officer_name,
        place=options.place,
        catalogue=catalogue,
    )
    buf = io.BytesIO()
    render_receipt(data, buf, thermal=options.thermal)
    return buf.getvalue()


def log_print(store: Any, what: str, dossier_uuid: str | None = None) -> None:
    """One processing-log entry per print; ``what`` names the document, never its contents."""
    store.log_event("print", dossier_uuid=dossier_uuid, detail=what)


def _save_received(store: Any, session: FormSession, officer: str | None) -> Dossier:
    problems = [p for plist in session.problems().values() for p in plist]
    if problems:
        raise IncompleteFormError(problems)
    filled_forms = session.filled()
    conflicts = [c.field for f in filled_forms for c in f.conflicts]
    if conflicts:
        raise UnresolvedConflictError(conflicts)
    fields: dict[str, Any] = {}
    for filled in filled_forms:
        for key, value in filled.values.items():
            fields[key if len(filled_forms) == 1 else f"{filled.form.id}.{key}"] = value
    roles = {role: _without_face(c) for role, c in session.roles.items()}
    dossier = store.create_dossier(session.item.id, roles, fields, officer=officer)
    attach_filled(store, dossier, filled_forms)
    received: Dossier = store.transition(dossier.uuid, DossierState.received)
    return received


def save_dossier(
    store: Any, session: FormSession, *, officer: str | None = None, queue: bool = True
) -> Dossier:
    """Validate, render and save ``session`` as one dossier; queue it for sync unless told not to."""
    dossier = _save_received(store, session, officer)
    if queue:
        store.transition(dossier.uuid, DossierState.queued)
    saved: Dossier = store.get_dossier(dossier.uuid)
    return saved


def receive_dossier(
    store: Any,
    session: FormSession,
    receipt: ReceiptOptions,
    *,
    officer: str | None = None,
    consent_session: str | None = None,
    queue: bool = True,
) -> Reception:
    """Save ``session`` as a received dossier, make and keep its receipt, then queue it.

    ``consent_session``: the citizen session whose consents (e.g. to read the chip) now
    belong to this dossier and to its applicant.
    """
    dossier = _save_received(store, session, officer)
    if consent_session:
        from kiosk.security.consent import link_consents

        applicant = session.roles.get("applicant")
        try:
            link_consents(
                store,
                consent_session,
                id_number=(applicant.get("id_number") or None) if applicant else None,
                dossier_uuid=dossier.uuid,
            )
        except KioskError as err:
            # The consents keep their session; the dossier the citizen came for is not lost
            # over a link (e.g. the session ended while saving).
            log.warning("consents not linked to the dossier: %s", err.__class__.__name__)
    outcome = Reception(dossier)
    try:
        outcome.receipt_pdf = render_dossier_receipt(dossier, receipt)
    except KioskError as err:
        outcome.receipt_error = str(err)
    except Exception as err:  # the dossier is saved whatever the receipt's renderer does
        log.exception("rendering a receipt failed")
        outcome.receipt_error = f"The receipt could not be made ({err.__class__.__name__})."
    if outcome.receipt_pdf is not None:
        try:
            outcome.receipt_attachment = store.add_attachment(
                dossier.uuid,
                RECEIPT_NAME,
                io.BytesIO(outcome.receipt_pdf),
                filename=f"{dossier.provisional_code}-receipt.pdf",
                mime="application/pdf",
            )
        except KioskError as err:
            # Printed all the same: the citizen leaves with a receipt; it can be kept later.
            log.warning("the receipt could not be kept with the dossier: %s", err.__class__.__name__)
    if queue:
        store.transition(dossier.uuid, DossierState.queued)
    outcome.dossier = store.get_dossier(dossier.uuid)
    return outcome

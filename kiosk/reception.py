"""Reception: turning a citizen's filled forms into a saved, queued dossier.

The forms engine (:class:`kiosk.forms.session.FormSession`) holds the people read into each
role and what was typed; this module is the step after it: validate, render each form of
the procedure (one for a form, several for a linked bundle) and save them as one dossier,
every state change going through the store's state machine. No UI, no network.
"""

from __future__ import annotations

import io
from typing import Any

from kiosk.citizen import Citizen
from kiosk.dossier.model import Dossier, DossierState
from kiosk.errors import KioskError
from kiosk.forms.render import render_pdf
from kiosk.forms.session import FormSession
from kiosk.forms.validate import Problem


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


def save_dossier(
    store: Any, session: FormSession, *, officer: str | None = None, queue: bool = True
) -> Dossier:
    """Validate, render and save ``session`` as one dossier; queue it for sync unless told not to."""
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
    for number, filled in enumerate(filled_forms, start=1):
        pdf = io.BytesIO()
        render_pdf(filled, pdf)
        pdf.seek(0)
        store.add_attachment(
            dossier.uuid,
            filled.form.title.vi,
            pdf,
            filename=f"{dossier.provisional_code}-{number:02d}.pdf",
            mime="application/pdf",
        )
    store.transition(dossier.uuid, DossierState.received)
    if queue:
        store.transition(dossier.uuid, DossierState.queued)
    saved: Dossier = store.get_dossier(dossier.uuid)
    return saved

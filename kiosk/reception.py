"""Reception: one citizen's visit at the counter, from card reads to a queued dossier.

This is the counter's main flow without any UI: the officer (or the kiosk user) picks a
procedure, reads each person's card into a role, types what no card holds, and saves. The
session keeps personal data only in memory and forgets it at :meth:`ReceptionSession.end`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from kiosk.citizen import Citizen
from kiosk.dossier.model import Dossier, DossierState
from kiosk.errors import KioskError
from kiosk.forms.catalogue import Catalogue, load_catalogue
from kiosk.forms.prefill import FilledForm, prefill
from kiosk.forms.render import render_pdf
from kiosk.forms.schema import FormDef
from kiosk.forms.validate import Problem, validate
from kiosk.privacy import redactor


class IncompleteFormError(KioskError):
    """The form still has problems; the message lists the fields (not their values)."""

    def __init__(self, problems: list[Problem]) -> None:
        names = ", ".join(sorted({p.field for p in problems}))
        super().__init__(f"The form is not complete yet; check these fields: {names}.")
        self.problems = problems


@dataclass
class ReceptionSession:
    form: FormDef
    roles: dict[str, Citizen] = field(default_factory=dict)
    typed: dict[str, Any] = field(default_factory=dict)
    officer: str | None = None

    @classmethod
    def for_procedure(cls, form_id: str, catalogue: Catalogue | None = None) -> ReceptionSession:
        cat = catalogue or load_catalogue()
        return cls(form=cat.get(form_id))

    # -- people and typed values ----------------------------------------------------------
    def set_person(self, role: str, citizen: Citizen) -> None:
        """Bind a person (from a card, the QR or typing) to one of the form's roles."""
        known = {r.id for r in self.form.roles}
        if role not in known:
            raise KioskError(f"The form {self.form.id} has no role '{role}'.")
        redactor.register(citizen.secrets())
        current = self.roles.get(role)
        if current is not None and current.get("id_number") == citizen.get("id_number"):
            current.merge(citizen)  # a re-read of the same card strengthens provenance
        else:
            self.roles[role] = citizen

    def type_value(self, field_id: str, value: Any) -> None:
        self.typed[field_id] = value

    # -- form --------------------------------------------------------------------------------
    def filled(self) -> FilledForm:
        return prefill(self.form, self.roles, self.typed)

    def problems(self) -> list[Problem]:
        return validate(self.filled())

    def save(self, store: Any, *, queue: bool = True) -> Dossier:
        """Create the dossier with the filled form as its first component, then queue it.

        The face image is dropped before saving unless the form needs it (minimisation).
        """
        filled = self.filled()
        problems = validate(filled)
        if problems:
            raise IncompleteFormError(problems)
        # Copies without the face: the store keeps no photo the form does not need.
        roles = {
            role: Citizen(fields=dict(c.fields), no_expiry=c.no_expiry, extra=dict(c.extra))
            for role, c in self.roles.items()
        }
        dossier = store.create_dossier(self.form.id, roles, dict(filled.values), officer=self.officer)
        pdf = io.BytesIO()
        render_pdf(filled, pdf)
        pdf.seek(0)
        store.add_attachment(
            dossier.uuid,
            self.form.title.vi,
            pdf,
            filename=f"{dossier.provisional_code}-01.pdf",
            mime="application/pdf",
        )
        store.transition(dossier.uuid, DossierState.received)
        if queue:
            store.transition(dossier.uuid, DossierState.queued)
        updated: Dossier = store.get_dossier(dossier.uuid)
        return updated

    def end(self) -> None:
        """The citizen leaves: forget everything personal."""
        for citizen in self.roles.values():
            citizen.drop_face()
        self.roles.clear()
        self.typed.clear()
        redactor.clear()

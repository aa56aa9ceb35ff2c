"""The one dossier state machine: every state change in the store goes through here."""

from __future__ import annotations

from kiosk.dossier.errors import InvalidTransitionError
from kiosk.dossier.model import DossierState as S

TRANSITIONS: dict[S, frozenset[S]] = {
    S.draft: frozenset({S.received, S.withdrawn, S.purged}),
    S.received: frozenset({S.queued, S.withdrawn, S.draft}),
    S.queued: frozenset({S.queued, S.uploading, S.quarantined, S.withdrawn}),
    S.uploading: frozenset({S.synced, S.queued, S.quarantined}),
    # A synced dossier goes back to the queue when a supplement changes it.
    S.synced: frozenset({S.queued, S.archived, S.purged, S.withdrawn}),
    S.quarantined: frozenset({S.queued, S.withdrawn}),
    S.withdrawn: frozenset({S.archived, S.purged}),
    S.archived: frozenset({S.purged}),
    S.purged: frozenset(),
}

# States in which an edit is allowed and what it does to the state.
EDITABLE: frozenset[S] = frozenset({S.draft, S.received, S.queued, S.uploading, S.quarantined, S.synced})
REQUEUE_ON_EDIT: frozenset[S] = frozenset({S.queued, S.uploading, S.synced})


def check(from_state: S, to_state: S) -> None:
    if to_state not in TRANSITIONS[from_state]:
        raise InvalidTransitionError(
            f"A dossier in state '{from_state.value}' cannot move to '{to_state.value}'."
        )


def can(from_state: S, to_state: S) -> bool:
    return to_state in TRANSITIONS[from_state]

"""Dossier data types shared by the store, sync, forms and the UI."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, BinaryIO

from kiosk.citizen import Citizen


class DossierState(StrEnum):
    draft = "draft"
    received = "received"  # received at the counter, receipt printed
    queued = "queued"  # waiting in the outbox
    uploading = "uploading"
    synced = "synced"  # the server issued the official code
    quarantined = "quarantined"  # permanent sync failure, with a reason
    withdrawn = "withdrawn"
    archived = "archived"
    purged = "purged"  # personal data erased; the row remains for the record


class CopyKind(StrEnum):
    original = "original"
    certified_copy = "certified_copy"
    photocopy = "photocopy"


# National Portal dossier status codes (DOMAIN.md section 3).
PORTAL_STATUS: dict[int, str] = {
    1: "new",
    2: "received",
    3: "not received",
    4: "processing",
    5: "supplement requested",
    6: "financial obligation requested",
    7: "withdrawn by citizen",
    8: "processing stopped",
    9: "processed",
    10: "result returned",
}

CHANNELS: dict[int, str] = {1: "in person", 2: "online", 3: "post"}


@dataclass(frozen=True)
class NewAttachment:
    """A file to attach as a new component while the dossier is created (one unit: either
    the dossier exists with all its attachments or nothing was written)."""

    component: str
    source: BinaryIO
    filename: str
    mime: str
    copy_kind: str = CopyKind.original
    count: int = 1


@dataclass
class Component:
    """One paper of the dossier, possibly digitised."""

    id: str
    name: str
    copy_kind: str = CopyKind.original
    count: int = 1
    attachment_id: str | None = None
    filename: str | None = None
    mime: str | None = None
    size: int | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class HistoryEntry:
    at: str
    from_state: str | None
    to_state: str
    actor: str | None
    reason: str | None
    portal_status: int | None = None


@dataclass
class Dossier:
    uuid: str
    procedure_id: str
    provisional_code: str
    state: DossierState
    roles: dict[str, Citizen]
    fields: dict[str, Any]
    channel: int = 1
    revision: int = 1
    official_code: str | None = None
    portal_status: int | None = None
    created_at: str = ""
    updated_at: str = ""
    received_at: str | None = None
    synced_at: str | None = None
    created_by: str | None = None
    quarantine_reason: str | None = None
    components: list[Component] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)

    @property
    def applicant(self) -> Citizen | None:
        return self.roles.get("applicant") or next(iter(self.roles.values()), None)

    def secrets(self) -> list[str]:
        """Every personal value of the dossier, for the log redactor."""
        out: list[str] = []
        for c in self.roles.values():
            out.extend(c.secrets())
        return out


@dataclass(frozen=True)
class DossierSummary:
    """A list row: never a full ID number."""

    uuid: str
    procedure_id: str
    provisional_code: str
    official_code: str | None
    state: DossierState
    applicant_name: str
    applicant_id_masked: str
    created_at: str
    updated_at: str
    portal_status: int | None


@dataclass(frozen=True)
class OutboxEntry:
    uuid: str
    revision: int
    status: str  # queued | uploading | quarantined
    attempts: int
    enqueued_at: str
    next_attempt_at: str
    last_error: str | None
    provisional_code: str


@dataclass(frozen=True)
class SyncFile:
    attachment_id: str
    filename: str
    mime: str
    size: int
    sha256: str
    open: Callable[[], BinaryIO]


@dataclass(frozen=True)
class SyncPayload:
    uuid: str
    revision: int
    dossier_json: bytes  # canonical JSON (sorted keys, UTF-8, no spaces)
    files: list[SyncFile]


# -- persistence of citizens --------------------------------------------------------
def citizen_to_record(c: Citizen) -> dict[str, Any]:
    rec = c.to_json(with_provenance=True)
    rec.pop("sensitive", None)
    if c.extra:
        rec["extra"] = dict(c.extra)
    if c.face is not None:
        rec["face"] = base64.b64encode(c.face).decode("ascii")
        rec["face_mime"] = c.face_mime
    return rec


def citizen_from_record(rec: dict[str, Any]) -> Citizen:
    c = Citizen.from_json(rec)
    extra = rec.get("extra")
    if isinstance(extra, dict):
        c.extra = {str(k): str(v) for k, v in extra.items()}
    face = rec.get("face")
    if isinstance(face, str):
        c.face = base64.b64decode(face)
        c.face_mime = rec.get("face_mime")
    return c

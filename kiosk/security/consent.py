"""Consent records per purpose (Law 91/2025, Decree 356/2025).

A consent is taken before the chip is read (kiosk and community modes always; officer mode
when the unit's settings say so), so at first it belongs to the citizen *session*; once the
card is read it is linked to the citizen through ``subject_ref``, an HMAC of the ID number
under a key inside the encrypted store (the ID itself is not repeated here).
Consents are never deleted: a withdrawal is recorded next to the grant.

A restricted handle reaches only the consents of whom it serves: a kiosk those of its
current citizen session and its dossiers, a community team account those of its session and
of the dossiers it created, the sync service none. Lists are filtered, single records refused.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid as uuidlib
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from kiosk.dossier.errors import AccessDeniedError
from kiosk.errors import KioskError

if TYPE_CHECKING:
    from kiosk.dossier.store import Store


class Purpose(StrEnum):
    chip_read = "chip_read"  # read the chip to fill in forms
    dossier_processing = "dossier_processing"
    face_image = "face_image"  # keep the portrait because the form requires it
    contact = "contact"  # phone/e-mail for result notices


class Method(StrEnum):
    touch = "touch"  # the citizen ticked an (unticked) box on the kiosk screen
    signature = "signature"  # signed paper form, scanned
    verbal_witnessed = "verbal_witnessed"  # told the officer, who confirms in the app
    electronic = "electronic"  # VNeID or the portal


class ConsentRequiredError(KioskError):
    pass


@dataclass(frozen=True)
class ConsentRecord:
    id: str
    session_id: str | None
    subject_ref: str | None
    dossier_uuid: str | None
    purpose: str
    text_version: str
    given_at: str
    given_by: str | None  # who recorded it (officer or "kiosk")
    method: str
    sensitive_items: list[str]
    withdrawn_at: str | None
    withdrawn_by: str | None
    withdrawal_method: str | None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


CONSENT_SCOPE_MESSAGE = "This account can only reach the consents of the citizen it is serving."


def subject_ref(store: Store, id_number: str) -> str:
    """The pseudonym of a citizen in the consent table; an officer's handle only (a restricted
    one could use it to probe the consents of citizens it does not serve)."""
    if store.restricted:
        raise AccessDeniedError(CONSENT_SCOPE_MESSAGE)
    return _subject_ref(store, id_number)


def _subject_ref(store: Store, id_number: str) -> str:
    key = bytes.fromhex(store._meta("log_key") or "")
    return hmac.new(key, b"consent subject|" + id_number.encode("utf-8"), hashlib.sha256).hexdigest()


def _reach(store: Store) -> tuple[str, tuple[Any, ...]]:
    """SQL condition (and arguments) on the consents table: what this handle may reach."""
    if not store.restricted:
        return "1", ()
    if store._sync_only:
        raise AccessDeniedError("The sync service cannot read or record consents.")
    own = store._own_uuids() or set()
    marks = ", ".join("?" for _ in own)
    in_own = f" OR dossier_uuid IN ({marks})" if own else ""
    return f"(session_id = ?{in_own})", (store.citizen_session_id or "", *sorted(own))


def _check_targets(
    store: Store, session_id: str | None, id_number: str | None, dossier_uuid: str | None
) -> None:
    """A restricted handle may record and link consents only for whom it serves."""
    if not store.restricted:
        return
    _reach(store)  # the sync service: refused
    if session_id is not None and session_id != store.citizen_session_id:
        raise AccessDeniedError(CONSENT_SCOPE_MESSAGE)
    if dossier_uuid is not None:
        store._check_access(dossier_uuid)
    if id_number is not None and not store._subject_uuids(id_number):
        # Only the ID number of a person in one of its own dossiers (read from the card).
        raise AccessDeniedError(CONSENT_SCOPE_MESSAGE)


def consent_required(store: Store, mode: str) -> bool:
    """Kiosk and community modes always ask; officer mode per the unit's settings."""
    if mode in {"kiosk", "community"}:
        return True
    return bool(store.settings().get("consent_required_officer", False))


def record_consent(
    store: Store,
    *,
    purpose: Purpose | str,
    text_version: str,
    method: Method | str,
    session_id: str | None = None,
    id_number: str | None = None,
    dossier_uuid: str | None = None,
    sensitive_items: list[str] | None = None,
    given_by: str | None = None,
) -> ConsentRecord:
    purpose, method = Purpose(purpose), Method(method)
    if not text_version:
        raise KioskError("A consent needs the version of the text the citizen was shown.")
    if not (session_id or id_number or dossier_uuid):
        raise KioskError("A consent must name the session, the citizen or the dossier it belongs to.")
    _check_targets(store, session_id, id_number, dossier_uuid)
    recorder = store._claimed_actor(given_by)
    cid = uuidlib.uuid4().hex
    ref = _subject_ref(store, id_number) if id_number else None
    from kiosk.dossier.store import now_iso

    ts = now_iso()
    items = sorted(set(sensitive_items or []))
    with store._tx() as c:
        c.execute(
            "INSERT INTO consents(id, session_id, subject_ref, dossier_uuid, purpose, text_version, "
            "given_at, "
            "given_by, method, sensitive_items) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cid,
                session_id,
                ref,
                dossier_uuid,
                purpose.value,
                text_version,
                ts,
                recorder,
                method.value,
                json.dumps(items),
            ),
        )
        store._log(c, "consent", dossier_uuid, f"purpose={purpose.value} version={text_version}")
    return get_consent(store, cid)


def link_consents(
    store: Store, session_id: str, *, id_number: str | None = None, dossier_uuid: str | None = None
) -> int:
    """Attach the session's consents to the citizen (after the card read) and/or the dossier."""
    _check_targets(store, session_id, id_number, dossier_uuid)
    ref = _subject_ref(store, id_number) if id_number else None
    with store._tx() as c:
        return int(
            c.execute(
                "UPDATE consents SET subject_ref = coalesce(?, subject_ref), "
                "dossier_uuid = coalesce(?, dossier_uuid) WHERE session_id = ?",
                (ref, dossier_uuid, session_id),
            ).rowcount
        )


def withdraw_consent(
    store: Store, consent_id: str, *, method: Method | str, withdrawn_by: str | None = None
) -> ConsentRecord:
    from kiosk.dossier.store import now_iso

    get_consent(store, consent_id)  # refused unless this handle may reach it
    recorder = store._claimed_actor(withdrawn_by)
    with store._tx() as c:
        row = c.execute(
            "SELECT dossier_uuid, purpose, withdrawn_at FROM consents WHERE id=?", (consent_id,)
        ).fetchone()
        if not row:
            raise KioskError("No consent record has that id.")
        if row[2] is None:
            c.execute(
                "UPDATE consents SET withdrawn_at=?, withdrawn_by=?, withdrawal_method=? WHERE id=?",
                (now_iso(), recorder, Method(method).value, consent_id),
            )
            store._log(c, "consent_withdraw", row[0], f"purpose={row[1]}")
    return get_consent(store, consent_id)


_COLS = (
    "id, session_id, subject_ref, dossier_uuid, purpose, text_version, given_at, given_by, method, "
    "sensitive_items, withdrawn_at, withdrawn_by, withdrawal_method"
)


def _record(row: Any) -> ConsentRecord:
    r = list(row)
    r[9] = json.loads(r[9])
    return ConsentRecord(*r)


def get_consent(store: Store, consent_id: str) -> ConsentRecord:
    reach, args = _reach(store)
    rows = store._read(f"SELECT {_COLS} FROM consents WHERE id=? AND {reach}", (consent_id, *args))
    if not rows:
        if store.restricted:  # the same answer whether it exists or belongs to someone else
            raise AccessDeniedError(CONSENT_SCOPE_MESSAGE)
        raise KioskError("No consent record has that id.")
    return _record(rows[0])


def consents_for(
    store: Store,
    *,
    session_id: str | None = None,
    id_number: str | None = None,
    dossier_uuid: str | None = None,
) -> list[ConsentRecord]:
    """Consents of a session, a citizen or a dossier (any of them), limited to what this
    handle may reach."""
    reach, reach_args = _reach(store)
    where: list[str] = []
    args: list[Any] = []
    if session_id:
        where.append("session_id = ?")
        args.append(session_id)
    if id_number:
        where.append("subject_ref = ?")
        args.append(_subject_ref(store, id_number))
    if dossier_uuid:
        where.append("dossier_uuid = ?")
        args.append(dossier_uuid)
    if not where:
        raise KioskError("Say whose consents to list (session, citizen or dossier).")
    rows = store._read(
        f"SELECT {_COLS} FROM consents WHERE ({' OR '.join(where)}) AND {reach} ORDER BY given_at",
        (*args, *reach_args),
    )
    return [_record(r) for r in rows]


def has_consent(
    store: Store,
    purpose: Purpose | str,
    *,
    session_id: str | None = None,
    id_number: str | None = None,
    dossier_uuid: str | None = None,
) -> bool:
    p = Purpose(purpose).value
    return any(
        r.active and r.purpose == p
        for r in consents_for(store, session_id=session_id, id_number=id_number, dossier_uuid=dossier_uuid)
    )


def require_consent_for_chip_read(store: Store, mode: str, session_id: str | None) -> None:
    """Call before reading a chip: raises unless consent is on record (or not required)."""
    if not consent_required(store, mode):
        return
    if not session_id or not has_consent(store, Purpose.chip_read, session_id=session_id):
        raise ConsentRequiredError(
            "The citizen's consent to read the chip is not recorded; ask for it before reading the card."
        )


def subject_export(store: Store, id_number: str) -> dict[str, Any]:
    """Everything held about one citizen, for a data-subject access request."""
    uuids = store.dossiers_of_subject(id_number)
    dossiers = [store.export_dossier(u) for u in uuids]
    consents = consents_for(store, id_number=id_number)
    for u in uuids:
        consents += [c for c in consents_for(store, dossier_uuid=u) if c not in consents]
    log = [e.__dict__ for e in store.log_entries(dossier_uuids=uuids, limit=1_000_000)] if uuids else []
    store.log_event("subject_request", detail=f"dossiers={len(uuids)}")
    return {
        "dossiers": dossiers,
        "consents": [{k: v for k, v in c.__dict__.items() if k != "subject_ref"} for c in consents],
        "processing_log": sorted(log, key=lambda e: e["seq"]),
    }

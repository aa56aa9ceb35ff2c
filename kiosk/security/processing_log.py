"""Append-only, hash-chained processing log (Decree 356/2025: every read, view, print,
export, sync and purge is recorded).

Each entry's hash is ``HMAC-SHA256(log_key, prev_hash | seq | at | action | dossier | actor | detail)``.
The log key is not derived from the data key: it is HMAC-SHA256 of a random 256-bit secret
(``meta.log_key``, made when the store is first opened) kept inside the encrypted store, so
it survives rekeying and never leaves the store. The newest ``(seq, hash)`` is kept in
``meta`` in the same transaction as the entry.

What the chain proves: no entry was edited, removed from the middle or cut from the end by
anyone without the data key (no data key, no log key; SQLCipher's page HMACs catch raw
file edits first), nor by SQL run past the app that does not also recompute every later
HMAC (triggers refuse UPDATE and DELETE; dropping them and editing rows breaks the chain).
Against an exported head (``entries`` and ``head`` as ``kiosk admin verify-log --json``
prints them, kept elsewhere: another machine, a printed audit sheet) it also proves that
entries 1..N are still the ones that existed when the head was taken
(``verify(anchor=(N, head))``, ``verify-log --anchor N:HEAD``).

What it does not prove by itself: anyone holding the data key (every officer's passphrase,
the kiosk machine secret, the recovery key) can read the log key and write a new,
self-consistent chain; only a head kept outside the store reveals it. Such heads are now
taken automatically: every sync run sends the checkpoint (``checkpoint()``: entry count and
head, no content) to the intake server, which keeps them per device and refuses (409, an alert
in its audit trail) one that is shorter than, or forks from, what it holds; the last
checkpoint it accepted is kept in ``meta.log_anchor`` and ``verify(server_checkpoint=...)``
(``Store.verify_log``, ``kiosk admin verify-log``) checks the chain against it. So a rewrite of
entries up to the last sync is detected, by the server at the next sync and locally while
``log_anchor`` is intact (a data-key holder can edit that record too; the server's copy,
``kiosk server log-checkpoints``, is the one to trust). Entries written since the last sync are
not anchored yet, and a holder of the key running modified software can send the server a
forged checkpoint instead. Nor does the chain prove that every event was logged, that the
timestamps (the machine's clock) are right, or that the whole store file was not replaced by
an older copy, unless that copy falls short of a head the server (or an export) holds.
Details must never carry personal data (codes and counts only).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64

ACTIONS: frozenset[str] = frozenset(
    {
        "read",  # chip or QR read
        "create",
        "view",
        "edit",
        "print",
        "export",
        "sync",
        "purge",
        "transition",
        "attach",
        "open_attachment",
        "consent",
        "consent_withdraw",
        "login",
        "login_failed",
        "unlock",
        "admin",
        "subject_request",
    }
)


@dataclass(frozen=True)
class LogEntry:
    seq: int
    at: str
    action: str
    dossier_uuid: str | None
    actor: str | None
    detail: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    problems: list[str]
    head: str = GENESIS  # the newest entry's hash, to anchor elsewhere with ``entries``


def derive_log_key(data_key: bytes) -> bytes:
    return hmac.new(data_key, b"mot-cua-kiosk processing log v1", hashlib.sha256).digest()


def entry_hash(  # noqa: PLR0917 - the chain fields, in chain order
    key: bytes,
    prev_hash: str,
    seq: int,
    at: str,
    action: str,
    dossier_uuid: str | None,
    actor: str | None,
    detail: str,
) -> str:
    body = json.dumps(
        [prev_hash, seq, at, action, dossier_uuid, actor, detail], ensure_ascii=False, separators=(",", ":")
    )
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


def append(
    conn: Any,
    key: bytes,
    action: str,
    *,
    dossier_uuid: str | None = None,
    actor: str | None = None,
    detail: str = "",
    at: str | None = None,
) -> LogEntry:
    """Append one entry; the caller holds the write transaction."""
    if action not in ACTIONS:
        from kiosk.dossier.errors import StoreError

        raise StoreError(
            f"'{action}' is not a processing-log action; use one of: {', '.join(sorted(ACTIONS))}."
        )
    row = conn.execute("SELECT value FROM meta WHERE key = 'log_head'").fetchone()
    if row:
        head = json.loads(row[0])
        seq, prev = int(head["seq"]) + 1, str(head["hash"])
    else:
        seq, prev = 1, GENESIS
    at = at or datetime.now(UTC).isoformat(timespec="microseconds")
    h = entry_hash(key, prev, seq, at, action, dossier_uuid, actor, detail)
    conn.execute(
        "INSERT INTO processing_log(seq, at, action, dossier_uuid, actor, detail, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, action, dossier_uuid, actor, detail, prev, h),
    )
    conn.execute(
        # Updated in place (INSERT OR REPLACE would move the row and rewrite an index page).
        "INSERT INTO meta(key, value) VALUES ('log_head', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (json.dumps({"seq": seq, "hash": h}),),
    )
    return LogEntry(seq, at, action, dossier_uuid, actor, detail, prev, h)


def checkpoint(conn: Any) -> tuple[int, str]:
    """``(entries, head)`` of the log as it stands (``(0, GENESIS)`` while empty): codes only,
    what the sync worker sends to the intake server."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'log_head'").fetchone()
    if not row:
        return 0, GENESIS
    head = json.loads(row[0])
    return int(head["seq"]), str(head["hash"])


def hash_at(conn: Any, seq: int) -> str | None:
    """The stored hash of entry ``seq`` (GENESIS for 0; None if there is no such entry)."""
    if seq == 0:
        return GENESIS
    row = conn.execute("SELECT hash FROM processing_log WHERE seq = ?", (seq,)).fetchone()
    return str(row[0]) if row else None


def verify(
    conn: Any,
    key: bytes,
    anchor: tuple[int, str] | None = None,
    *,
    server_checkpoint: tuple[int, str] | None = None,
) -> VerifyResult:
    """Walk the chain; report every break (by sequence number, never by content).

    ``anchor``: ``(seq, hash)`` exported earlier (from ``entries`` and ``head``); entry
    ``seq`` must still carry that hash. ``server_checkpoint``: the same check against the
    last checkpoint the intake server accepted (kept in the store's meta by the sync worker)."""
    problems: list[str] = []
    prev, expected_seq, n = GENESIS, 1, 0
    wanted = {a[0] for a in (anchor, server_checkpoint) if a is not None}
    seen: dict[int, str] = {0: GENESIS}
    for seq, at, action, dossier_uuid, actor, detail, prev_hash, h in conn.execute(
        "SELECT seq, at, action, dossier_uuid, actor, detail, prev_hash, hash FROM processing_log "
        "ORDER BY seq"
    ):
        n += 1
        if seq != expected_seq:
            problems.append(f"entries {expected_seq}-{seq - 1} are missing")
        if prev_hash != prev:
            problems.append(f"entry {seq} does not follow the previous entry")
        if not hmac.compare_digest(
            entry_hash(key, prev_hash, seq, at, action, dossier_uuid, actor, detail), h
        ):
            problems.append(f"entry {seq} was altered")
        if seq in wanted:
            seen[seq] = h
        prev, expected_seq = h, seq + 1
    row = conn.execute("SELECT value FROM meta WHERE key = 'log_head'").fetchone()
    if row:
        head = json.loads(row[0])
        if int(head["seq"]) != expected_seq - 1 or head["hash"] != prev:
            problems.append(f"the log ends at entry {expected_seq - 1} but entry {head['seq']} was written")
    elif n:
        problems.append("the log head record is missing")
    for given, what in ((anchor, "the exported head"), (server_checkpoint, "the server's checkpoint")):
        if given is None:
            continue
        anchored = seen.get(given[0])
        if anchored is None:
            problems.append(f"entry {given[0]} of {what} is no longer in the log")
        elif not hmac.compare_digest(anchored, given[1].lower()):
            problems.append(f"entry {given[0]} differs from {what}: the log was rewritten")
    return VerifyResult(not problems, n, problems, prev)


def entries(
    conn: Any,
    *,
    dossier_uuid: str | None = None,
    dossier_uuids: Iterable[str] = (),
    limit: int = 1000,
    created_by: str | None = None,
) -> list[LogEntry]:
    """Newest first. The log has no per-dossier index (one page fewer written by every
    entry); asking for several dossiers at once reads it once (data-subject requests).
    ``created_by``: only entries about dossiers that account created (a community team
    account sees nothing else, not even entries without a dossier)."""
    wanted = sorted({*dossier_uuids, *([dossier_uuid] if dossier_uuid else [])})
    sql = "SELECT seq, at, action, dossier_uuid, actor, detail, prev_hash, hash FROM processing_log"
    where: list[str] = []
    args: list[Any] = []
    if wanted:
        where.append(f"dossier_uuid IN ({', '.join('?' for _ in wanted)})")
        args += wanted
    if created_by is not None:
        where.append("dossier_uuid IN (SELECT uuid FROM dossiers WHERE created_by = ?)")
        args.append(created_by)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY seq DESC LIMIT ?"
    return [LogEntry(*r) for r in conn.execute(sql, (*args, limit))]

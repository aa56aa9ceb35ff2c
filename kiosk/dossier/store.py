"""The encrypted local store (SQLCipher 4) of dossiers, their attachments, the outbox,
consents and the processing log.

The database is opened with the raw 256-bit data key (``PRAGMA key = "x'..'"``): the
slow passphrase KDF runs once, when the key is unwrapped (:mod:`kiosk.security.keys`),
never per open. Every state change goes through :mod:`kiosk.dossier.lifecycle` and is
written in one transaction together with its outbox row and its processing-log entry
(transactional outbox), so a crash at any point leaves either the old or the new state.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import secrets
import shutil
import threading
import time
import uuid as uuidlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

import sqlcipher3
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.citizen import Citizen
from kiosk.dossier import codes, lifecycle
from kiosk.dossier.attachments import (
    WrittenFile,
    attachment_path,
    is_store_temp,
    open_decrypting,
    write_encrypted,
)
from kiosk.dossier.errors import (
    WRONG_KEY_MESSAGE,
    AccessDeniedError,
    AttachmentIntegrityError,
    CorruptStoreError,
    DiskFullError,
    InvalidTransitionError,
    NotFoundError,
    StoreError,
    WrongKeyError,
)
from kiosk.dossier.migrations import migrate
from kiosk.dossier.model import (
    Component,
    CopyKind,
    Dossier,
    DossierState,
    DossierSummary,
    HistoryEntry,
    NewAttachment,
    OutboxEntry,
    SyncFile,
    SyncPayload,
    citizen_from_record,
    citizen_to_record,
)
from kiosk.fileutil import O_BINARY
from kiosk.privacy import fold, mask_id, redactor
from kiosk.profile import Profile
from kiosk.security import processing_log

__all__ = [
    "AccessDeniedError",
    "AttachmentIntegrityError",
    "CorruptStoreError",
    "DiskFullError",
    "InvalidTransitionError",
    "NotFoundError",
    "Store",
    "StoreError",
    "WrongKeyError",
]

log = logging.getLogger(__name__)

S = DossierState
_RESERVED_META = frozenset({"log_key", "log_head", "log_anchor"})
UPLOAD_LEASE = timedelta(minutes=10)  # an 'uploading' entry whose sender died is retried after this
GARBAGE_MIN_AGE_S = 600.0
DISK_LOW_BYTES = 256 * 1024  # below this much free space the store opens without a -shm file
RESERVE_NAME = "disk-space.reserve"
RESERVE_BYTES = 256 * 1024
CACHE_KIB = 32768  # page cache: fewer pages decrypted again during large searches and imports
FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024
# Cipher format of new stores. SQLCipher encrypts (AES-256-CBC) and authenticates (HMAC)
# every page a commit writes, and a counter save writes ~11 small changes to different
# b-trees: 2 KiB pages halve the bytes processed per page touched, and HMAC-SHA256 runs on
# the CPU's SHA extensions (HMAC-SHA512, the default, does not). The benchmark's plain twin
# uses the same page size.
PAGE_SIZE = 2048
CIPHER_FORMATS: tuple[tuple[str, ...], ...] = (
    (f"PRAGMA cipher_page_size = {PAGE_SIZE}", "PRAGMA cipher_hmac_algorithm = HMAC_SHA256"),
    (),  # SQLCipher 4 defaults (4 KiB pages, HMAC-SHA512): stores created before schema 4
)
# New dossiers join the full-text index this many at a time (one index segment per batch
# instead of one per save); until then the search matches them with LIKE.
FTS_BATCH = 64
# An update in place: INSERT OR REPLACE would delete and re-insert the row under a new
# rowid and so also rewrite a page of the key index.
META_UPSERT = (
    "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
)
SUBKEY_INFO = b"mot-cua-kiosk subkey v1 "
_IDENTITY_META = frozenset({"device_id", "store_uid", "outbox_last_success"})
KIOSK_SCOPE_MESSAGE = "This kiosk can only open the dossier of the citizen it is serving."
OWNER_SCOPE_MESSAGE = "This account can only open the dossiers it created."


def now_iso(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _map_db_error(exc: Exception) -> StoreError:
    text = str(exc).lower()
    if "full" in text:
        return DiskFullError("The disk is full; free some space and try again (nothing was lost).")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return CorruptStoreError(
            "The store file is damaged; restore it from a backup (the attachments folder is kept)."
        )
    if "locked" in text or "busy" in text:
        return StoreError("The store is busy in another window or process; try again in a moment.")
    if "unable to open" in text:
        return StoreError(
            "The store file cannot be opened; check that the profile folder exists and is writable."
        )
    if "readonly" in text or "read-only" in text:
        return StoreError("The store cannot be written (read-only folder or file); check its permissions.")
    return StoreError(f"The store could not complete the operation ({exc.__class__.__name__}).")


def disk_nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < DISK_LOW_BYTES
    except OSError:
        return False


def keep_reserve(root: Path) -> None:
    """Keep a small file of zeros beside the store while there is room, so that on a full
    disk a purge has the space for its own transaction (release_reserve) and frees more."""
    path = root / RESERVE_NAME
    try:
        if path.exists() or shutil.disk_usage(root).free < 8 * RESERVE_BYTES:
            return
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_BINARY, 0o600)
        try:
            os.write(fd, b"\0" * RESERVE_BYTES)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        with suppress(OSError):
            path.unlink()


def release_reserve(root: Path) -> bool:
    """Give the reserve's space back (a full disk); True if there was one."""
    try:
        (root / RESERVE_NAME).unlink()
    except OSError:
        return False
    return True


def _private_files(db_path: Path) -> None:
    """Only the account running the app may read the store. SQLite would create it 0644
    (less the umask); made here 0600 first, its -wal and -shm files take the same mode.
    Files an older version made are narrowed too."""
    try:
        fd = os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_BINARY, 0o600)
    except FileExistsError:
        pass
    except OSError:
        return  # an unwritable folder: SQLite's own error says so
    else:
        os.close(fd)
    for p in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        with suppress(OSError):
            if p.stat().st_mode & 0o077:
                os.chmod(p, 0o600)


def configure(conn: Any) -> None:
    """Connection settings of every store handle (and of the benchmark's unencrypted twin)."""
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")  # a printed receipt's dossier survives a power cut
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


class Store:
    """One open store. Thread-safe: every public method takes the store lock."""

    def __init__(self, profile: Profile, conn: Any, data_key: bytes) -> None:
        self.profile = profile
        self._conn = conn
        self._data_key = data_key
        self._log_key = b""  # loaded from meta by _ensure_identity
        self._lock = threading.RLock()
        self.actor: str | None = None  # the officer (or "kiosk") recorded in history and the log
        self.role: str | None = None
        # None: unrestricted (officer mode, sync engine). A set: kiosk role, the uuids of
        # the current citizen session's dossiers are the only ones reachable.
        self._kiosk_scope: set[str] | None = None
        # Community role: only dossiers created by this account.
        self._owner_scope: str | None = None
        # Sync service: the outbox, exports of queued dossiers and portal status only.
        self._sync_only = False
        self.citizen_session_id: str | None = None
        # Processing-log entries that could not be written because the disk was full: kept
        # in order and written first by the next transaction that succeeds (see log_event).
        self._unwritten_log: list[tuple[str, str | None, str | None, str, str]] = []

    def reopen(self) -> Store:
        """A second handle with the same key, actor and restrictions, without a KDF run:
        for a worker (sync) that opens and closes its own handle."""
        with self._lock:
            other = Store.open(self.profile, self._data_key, integrity="none", key_verified=True)
            other.actor, other.role = self.actor, self.role
            # The kiosk scope set is shared on purpose: both handles serve the same citizen.
            other._kiosk_scope = self._kiosk_scope
            other._owner_scope = self._owner_scope
            other._sync_only = self._sync_only
            other.citizen_session_id = self.citizen_session_id
        return other

    # -- opening ----------------------------------------------------------------------
    @classmethod
    def open(
        cls, profile: Profile, data_key: bytes, *, integrity: str = "auto", key_verified: bool = False
    ) -> Store:
        """Open (creating if new) the store with the raw 32-byte data key.

        ``integrity``: ``"auto"`` (``"quick"`` up to 64 MB, else ``"tables"``), ``"quick"``
        (PRAGMA quick_check of the whole file), ``"full"`` (also cipher_integrity_check, every
        page's HMAC), ``"tables"`` (the small bookkeeping tables only) or ``"none"``.
        ``key_verified`` says the
        key was authenticated (unwrapped by AEAD), so a failing page 1 means damage, not a
        wrong key.
        """
        if not isinstance(data_key, bytes | bytearray) or len(data_key) != 32:
            raise WrongKeyError(WRONG_KEY_MESSAGE)
        db_path: Path = profile.db_path
        size = db_path.stat().st_size if db_path.exists() else 0
        if size and (size < 1024 or size % 512):
            # A store file is whole pages; anything else was cut short (and SQLite would
            # otherwise take a tiny file for a new, empty store).
            raise CorruptStoreError(
                "The store file is damaged; restore it from a backup (the attachments folder is kept)."
            )
        _private_files(db_path)
        conn = cls._connect(db_path, bytes(data_key), key_verified=key_verified)
        try:
            configure(conn)
            if integrity == "auto":
                # Every page read is authenticated (HMAC) anyway; a whole-file check on each
                # unlock costs ~7 ms per MB, so large stores check their small tables here
                # and the rest in check_integrity() (run it in the background / nightly).
                size = db_path.stat().st_size if db_path.exists() else 0
                integrity = "quick" if size <= FULL_CHECK_MAX_BYTES else "tables"
            if integrity in {"quick", "full"}:
                cls._check_integrity(conn, full=integrity == "full")
            elif integrity == "tables":
                cls._check_integrity(conn, full=False, tables=("meta", "schema_version", "outbox"))
            migrate(conn)
        except StoreError:
            conn.close()
            raise
        except sqlcipher3.Error as exc:
            conn.close()
            raise _map_db_error(exc) from exc
        store = cls(profile, conn, bytes(data_key))
        store._ensure_identity()
        with suppress(OSError):
            store.collect_garbage()
        keep_reserve(profile.root)
        return store

    @staticmethod
    def _connect(db_path: Path, data_key: bytes, *, key_verified: bool) -> Any:
        """A keyed connection in whichever cipher format the file was written in (a new
        file gets the current one); a wrong key fails in every format."""
        failure: sqlcipher3.DatabaseError | None = None
        for settings in CIPHER_FORMATS:
            try:
                conn = sqlcipher3.connect(
                    str(db_path), isolation_level=None, check_same_thread=False, timeout=15
                )
            except sqlcipher3.Error as exc:
                raise _map_db_error(exc) from exc
            try:
                conn.execute("PRAGMA cipher_log_level = NONE")
                conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
                for pragma in settings:
                    conn.execute(pragma)
                if disk_nearly_full(db_path.parent):
                    # The WAL index (store.db-shm, 32 KiB) cannot be created on a full disk:
                    # exclusive locking keeps it in memory, so officers can still unlock,
                    # read and purge (other processes wait until this handle closes).
                    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return conn
            except sqlcipher3.DatabaseError as exc:
                conn.close()
                if "not a database" not in str(exc).lower():
                    raise _map_db_error(exc) from exc
                failure = exc
            except sqlcipher3.Error as exc:
                conn.close()
                raise _map_db_error(exc) from exc
        assert failure is not None
        if not key_verified:
            raise WrongKeyError(WRONG_KEY_MESSAGE) from failure
        raise _map_db_error(failure) from failure

    @staticmethod
    def _check_integrity(conn: Any, *, full: bool, tables: tuple[str, ...] = ()) -> None:
        problems: list[str] = []
        if full:
            problems += [r[0] for r in conn.execute("PRAGMA cipher_integrity_check")]
        known = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for target in [t for t in tables if t in known] if tables else [None]:
            pragma = f"PRAGMA quick_check({target})" if target else "PRAGMA quick_check"
            problems += [r[0] for r in conn.execute(pragma) if r[0] != "ok"]
        if problems:
            raise CorruptStoreError(
                "The store file is damaged; restore it from a backup (the attachments folder is kept)."
            )

    def check_integrity(self, *, full: bool = True) -> None:
        """The whole-file check (every page's HMAC and the b-trees); raises CorruptStoreError."""
        with self._lock:
            try:
                self._check_integrity(self._require_open(), full=full)
            except sqlcipher3.Error as exc:
                raise _map_db_error(exc) from exc

    def close(self) -> None:
        with self._lock:
            if self._conn is not None and self._unwritten_log:
                with suppress(StoreError):
                    self.flush_log()
                if self._unwritten_log:
                    # Nothing else can keep them: say so (counts only, never content).
                    log.error(
                        "%d processing-log entries were not written: the disk is full",
                        len(self._unwritten_log),
                    )
            if self._conn is not None:
                with suppress(sqlcipher3.Error):
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.close()
                self._conn = None
            self._data_key = b""
            self._log_key = b""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._conn is None

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[Any]:
        with self._lock:
            conn = self._require_open()
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlcipher3.Error as exc:
                raise _map_db_error(exc) from exc
            queued = list(self._unwritten_log)
            try:
                for action, d_uuid, actor, detail, at in queued:  # the log stays in event order
                    processing_log.append(
                        conn, self._log_key, action, dossier_uuid=d_uuid, actor=actor, detail=detail, at=at
                    )
                yield conn
                conn.execute("COMMIT")
                del self._unwritten_log[: len(queued)]
            except sqlcipher3.Error as exc:
                with suppress(sqlcipher3.Error):
                    conn.execute("ROLLBACK")
                raise _map_db_error(exc) from exc
            except BaseException:
                with suppress(sqlcipher3.Error):
                    conn.execute("ROLLBACK")
                raise

    def _read(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        with self._lock:
            conn = self._require_open()
            try:
                return list(conn.execute(sql, args))
            except sqlcipher3.Error as exc:
                raise _map_db_error(exc) from exc

    def _require_open(self) -> Any:
        if self._conn is None:
            raise StoreError("The store is locked; unlock it to continue.")
        return self._conn

    # -- identity (unit code, device id) -----------------------------------------------
    def _ensure_identity(self) -> None:
        with self._tx() as c:
            if not c.execute("SELECT 1 FROM meta WHERE key='device_id'").fetchone():
                c.execute("INSERT INTO meta(key, value) VALUES ('device_id', ?)", (codes.new_device_id(),))
                c.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('unit_code', 'UNIT')")
                c.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('created_at', ?)", (now_iso(),))
            # A random name of this store that never changes (the 4-character device id is too
            # short to tell stores apart): secrets kept beside the store are bound to it.
            if not c.execute("SELECT 1 FROM meta WHERE key='store_uid'").fetchone():
                c.execute("INSERT INTO meta(key, value) VALUES ('store_uid', ?)", (secrets.token_hex(16),))
            # The log's HMAC key is its own random secret inside the encrypted store, so the
            # chain stays verifiable whatever happens to the wrapping keys.
            row = c.execute("SELECT value FROM meta WHERE key='log_key'").fetchone()
            if not row:
                row = (secrets.token_hex(32),)
                c.execute("INSERT INTO meta(key, value) VALUES ('log_key', ?)", row)
            self._log_key = processing_log.derive_log_key(bytes.fromhex(row[0]))

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        if key in _RESERVED_META:
            raise AccessDeniedError("That store setting is internal.")
        return self._meta(key, default)

    def _meta(self, key: str, default: str | None = None) -> str | None:
        rows = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    def set_meta(self, key: str, value: str) -> None:
        if key in _RESERVED_META or key.startswith("seq:") or key in _IDENTITY_META:
            raise AccessDeniedError("That store setting is internal.")
        self._deny_kiosk("change store settings")
        self._deny_community("change store settings")
        with self._tx() as c:
            c.execute(META_UPSERT, (key, value))

    def settings(self) -> dict[str, Any]:
        """Unit settings kept inside the encrypted store (unit name/code, server, retention)."""
        raw = self.get_meta("settings")
        return json.loads(raw) if raw else {}

    def update_settings(self, **values: Any) -> dict[str, Any]:
        self._deny_kiosk("change store settings")
        self._deny_community("change store settings")
        with self._tx() as c:
            row = c.execute("SELECT value FROM meta WHERE key='settings'").fetchone()
            current = json.loads(row[0]) if row else {}
            current.update(values)
            c.execute(META_UPSERT, ("settings", json.dumps(current)))
            if "unit_code" in values:
                c.execute(
                    META_UPSERT,
                    ("unit_code", codes.sanitise_unit(str(values["unit_code"]))),
                )
        return current

    def _next_code(self, c: Any) -> str:
        day = datetime.now().astimezone().date()
        unit = c.execute("SELECT value FROM meta WHERE key='unit_code'").fetchone()[0]
        device = c.execute("SELECT value FROM meta WHERE key='device_id'").fetchone()[0]
        key = f"seq:{day:%y%m%d}"
        row = c.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row:
            seq = int(row[0]) + 1
        else:
            # A new day. Earlier days' counters go (a code carries its date), so meta stays one
            # page instead of growing a row a day (two meta pages per save after a few years);
            # the new counter starts after any code already issued that day (a clock set back).
            prefix = codes.make_code(unit, day, device, 0)[:-5]  # without "0000" + check char
            issued = c.execute(
                "SELECT provisional_code FROM dossiers WHERE provisional_code > ? AND provisional_code < ?",
                (prefix, prefix + "~"),
            )
            seq = 1 + max((int(code[len(prefix) : -1]) for (code,) in issued), default=0)
            c.execute("DELETE FROM meta WHERE key LIKE 'seq:%' AND key <> ?", (key,))
        c.execute(META_UPSERT, (key, str(seq)))
        return codes.make_code(unit, day, device, seq)

    # -- kiosk isolation -------------------------------------------------------------------
    def restrict_to_kiosk(self) -> None:
        """From now on this handle reaches only the current citizen session's dossiers."""
        with self._lock:
            self._kiosk_scope = set()
            self.role = "kiosk"

    @property
    def kiosk_restricted(self) -> bool:
        return self._kiosk_scope is not None

    def begin_citizen_session(self) -> str:
        with self._lock:
            self.end_citizen_session()
            self.citizen_session_id = uuidlib.uuid4().hex
            return self.citizen_session_id

    def end_citizen_session(self) -> None:
        """The card was removed, the citizen finished or the kiosk idled: forget them."""
        with self._lock:
            if self._kiosk_scope is not None:
                self._kiosk_scope.clear()
            self.citizen_session_id = None
            redactor.clear()

    def restrict_to_owner(self, username: str) -> None:
        """Community team accounts reach only the dossiers they created."""
        with self._lock:
            self._owner_scope = username
            self.role = "community"

    def restrict_to_sync(self) -> None:
        """A handle for the unattended sync service: outbox, export of outbox entries and
        portal status; it cannot open, edit or list dossier contents."""
        with self._lock:
            self._sync_only = True
            self.role = "sync"

    @property
    def restricted(self) -> bool:
        """A kiosk, community or sync handle (not an officer's full view of the store)."""
        return self._kiosk_scope is not None or self._owner_scope is not None or self._sync_only

    def _check_access(self, dossier_uuid: str, *, sync_ok: bool = False) -> None:
        if self._sync_only and not sync_ok:
            raise AccessDeniedError("The sync service cannot open or change dossier contents.")
        if self._kiosk_scope is not None and dossier_uuid not in self._kiosk_scope:
            raise AccessDeniedError(KIOSK_SCOPE_MESSAGE)
        if self._owner_scope is not None:
            rows = self._read("SELECT created_by FROM dossiers WHERE uuid=?", (dossier_uuid,))
            # An unknown id gets the same answer as someone else's: no existence oracle.
            if not rows or rows[0][0] != self._owner_scope:
                raise AccessDeniedError(OWNER_SCOPE_MESSAGE)

    def _owner_filter(self, column: str = "d.created_by") -> tuple[str, tuple[Any, ...]]:
        """SQL condition (and its argument) limiting a community handle to its own dossiers."""
        if self._owner_scope is None:
            return "1", ()
        return f"{column} = ?", (self._owner_scope,)

    def _own_uuids(self) -> set[str] | None:
        """The dossiers this handle may reach by listing (None: every one)."""
        if self._kiosk_scope is not None:
            return set(self._kiosk_scope)
        if self._owner_scope is not None:
            return {
                r[0] for r in self._read("SELECT uuid FROM dossiers WHERE created_by=?", (self._owner_scope,))
            }
        return None

    def _deny_community(self, what: str) -> None:
        if self._owner_scope is not None:
            raise AccessDeniedError(f"A community team account cannot {what}; ask the unit's administrator.")

    def _claimed_actor(self, actor: str | None) -> str | None:
        """The name recorded for an action: always the handle's own account. A different
        name is refused, so no account can attribute log entries, dossiers or consents to
        another officer (a bare handle without an account may still name one)."""
        if actor is None or actor == self.actor:
            return self.actor
        if self.actor is None and not self.restricted:
            return actor
        raise AccessDeniedError(
            "Actions are recorded under the account that is logged in; another name cannot be given."
        )

    def _deny_kiosk_role(self, what: str) -> None:
        if self._kiosk_scope is not None:
            raise AccessDeniedError(f"A self-service kiosk cannot {what}; ask an officer at the counter.")

    def _deny_kiosk(self, what: str) -> None:
        if self._sync_only:
            raise AccessDeniedError(f"The sync service cannot {what}.")
        if self._kiosk_scope is not None:
            raise AccessDeniedError(f"A self-service kiosk cannot {what}; ask an officer at the counter.")

    # -- processing log -------------------------------------------------------------------
    def _log(
        self, c: Any, action: str, dossier_uuid: str | None = None, detail: str = "", actor: str | None = None
    ) -> None:
        processing_log.append(
            c, self._log_key, action, dossier_uuid=dossier_uuid, actor=actor or self.actor, detail=detail
        )

    def log_event(
        self, action: str, *, dossier_uuid: str | None = None, actor: str | None = None, detail: str = ""
    ) -> None:
        """Record one processing event (read, view, print, export, sync, purge...) under the
        handle's own account (``actor``, if given, must be that account)."""
        actor = self._claimed_actor(actor)
        try:
            with self._tx() as c:
                self._log(c, action, dossier_uuid, detail, actor)
        except DiskFullError:
            # A full disk must not lock officers out of reading (and purging, which frees
            # space): the entry waits in memory, in order, for the next successful write.
            if action not in processing_log.ACTIONS:
                raise
            with self._lock:
                self._unwritten_log.append((action, dossier_uuid, actor, detail, now_iso()))
            log.warning("processing-log entry kept in memory until the disk has space")

    @property
    def unwritten_log_entries(self) -> int:
        """How many processing-log entries wait in memory for disk space."""
        return len(self._unwritten_log)

    def flush_log(self) -> int:
        """Write the entries kept in memory (after space was freed); returns how many remain."""
        if self._unwritten_log:
            with self._tx():
                pass
        return len(self._unwritten_log)

    def verify_log(self, anchor: tuple[int, str] | None = None) -> processing_log.VerifyResult:
        """Check the chain; ``anchor`` is a ``(entries, head)`` pair exported earlier. The last
        checkpoint the intake server accepted (``log_anchor``) is always checked too."""
        accepted = self.log_anchor()
        server = (int(accepted["entries"]), str(accepted["head"])) if accepted else None
        with self._lock:
            return processing_log.verify(
                self._require_open(), self._log_key, anchor, server_checkpoint=server
            )

    def log_checkpoint(self) -> dict[str, Any]:
        """What the sync worker sends the intake server: ``entries`` and ``head`` of the log,
        and ``since_entries``/``since_hash`` (this chain's hash at the last checkpoint the
        server accepted), so the server can tell a rewrite before it. Codes only."""
        accepted = self.log_anchor()
        with self._lock:
            conn = self._require_open()
            entries, head = processing_log.checkpoint(conn)
            out: dict[str, Any] = {"entries": entries, "head": head}
            if accepted:
                since = int(accepted["entries"])
                at = processing_log.hash_at(conn, since)
                if at is not None:
                    out |= {"since_entries": since, "since_hash": at}
        return out

    def log_anchor(self) -> dict[str, Any] | None:
        """The last checkpoint the intake server accepted (``entries``, ``head``,
        ``accepted_at``) and ``state``: ``accepted``, or ``contradicted`` once the server
        refused a later one as contradicting it (with the server's ``detail``)."""
        raw = self._meta("log_anchor")
        return dict(json.loads(raw)) if raw else None

    def record_log_anchor(self, entries: int, head: str, *, contradicted: str | None = None) -> None:
        """Keep the checkpoint the server accepted, or (``contradicted`` = the server's
        sentence) mark the kept one as contradicted without replacing it. The sync service
        and officers only: a kiosk or community handle could otherwise fake or hide an alert."""
        self._deny_kiosk_role("record what the server holds of the processing log")
        self._deny_community("record what the server holds of the processing log")
        with self._tx() as c:
            row = c.execute("SELECT value FROM meta WHERE key='log_anchor'").fetchone()
            current = json.loads(row[0]) if row else None
            if contradicted is None:
                value = {"entries": entries, "head": head, "accepted_at": now_iso(), "state": "accepted"}
            else:
                value = {
                    **(current or {"entries": 0, "head": processing_log.GENESIS, "accepted_at": None}),
                    "state": "contradicted",
                    "refused": {"entries": entries, "head": head, "at": now_iso()},
                    "detail": contradicted[:300],
                }
            c.execute(META_UPSERT, ("log_anchor", json.dumps(value)))

    def log_entries(
        self, *, dossier_uuid: str | None = None, dossier_uuids: Iterable[str] = (), limit: int = 1000
    ) -> list[processing_log.LogEntry]:
        self._deny_kiosk("read the processing log")
        with self._lock:
            return processing_log.entries(
                self._require_open(),
                dossier_uuid=dossier_uuid,
                dossier_uuids=dossier_uuids,
                limit=limit,
                created_by=self._owner_scope,
            )

    # -- dossiers ---------------------------------------------------------------------------
    def create_dossier(
        self,
        procedure_id: str,
        roles: dict[str, Citizen],
        fields: dict[str, Any],
        *,
        channel: int = 1,
        officer: str | None = None,
        keep_faces: bool = False,
        attachments: Sequence[NewAttachment] = (),
        then: Sequence[DossierState] = (),
    ) -> Dossier:
        """Create a draft dossier with a fresh provisional code.

        Face images are dropped unless ``keep_faces`` (the form requires the photo).
        ``attachments`` become its first components and ``then`` the states it moves through
        (e.g. received, queued), all in one unit: the encrypted files are written first, then
        the dossier, its components and transitions in one transaction; on any failure (a
        full disk) nothing is left, so a retry cannot make a duplicate.
        """
        for a in attachments:
            self._check_component(a.copy_kind, a.count)
        if S.purged in {S(t) for t in then}:
            raise InvalidTransitionError("A new dossier cannot be purged while it is created.")
        written: list[tuple[NewAttachment, WrittenFile]] = []
        try:
            for a in attachments:
                written.append(
                    (a, write_encrypted(a.source, self.profile.attachments_dir, self.profile.tmp_dir))
                )

            def finish(c: Any, d_uuid: str) -> None:
                ts = now_iso()
                for pos, (a, w) in enumerate(written, 1):
                    c.execute(
                        "INSERT INTO attachments(id, dossier_uuid, filename, mime, size, sha256, file_key, "
                        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (w.attachment_id, d_uuid, a.filename, a.mime, w.size, w.sha256, w.key, ts),
                    )
                    c.execute(
                        "INSERT INTO components(id, dossier_uuid, position, name, copy_kind, count, "
                        "attachment_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (
                            new_uuid(),
                            d_uuid,
                            pos,
                            a.component,
                            CopyKind(a.copy_kind).value,
                            a.count,
                            w.attachment_id,
                        ),
                    )
                    self._log(c, "attach", d_uuid, f"component={pos} attachment={w.attachment_id}")
                cur = S.draft
                for to in then:
                    self._apply_transition(c, d_uuid, cur, S(to))
                    cur = S(to)

            (d_uuid,) = self.create_many(
                [(procedure_id, roles, fields)],
                channel=channel,
                officer=officer,
                keep_faces=keep_faces,
                _finish=finish if (written or then) else None,
            )
        except BaseException:
            for _a, w in written:
                w.path.unlink(missing_ok=True)
            raise
        return self._load(d_uuid)

    def create_many(
        self,
        items: list[tuple[str, dict[str, Citizen], dict[str, Any]]],
        *,
        channel: int = 1,
        officer: str | None = None,
        keep_faces: bool = False,
        _finish: Callable[[Any, str], None] | None = None,
    ) -> list[str]:
        """Create several draft dossiers in one transaction (imports, community-team
        batches); returns their uuids. All or none are created."""
        if self._sync_only:
            raise AccessDeniedError("The sync service cannot create dossiers.")
        if channel not in (1, 2, 3):
            raise StoreError("The channel must be 1 (in person), 2 (online) or 3 (post).")
        prepared = []
        for procedure_id, roles, fields in items:
            if not procedure_id or not isinstance(procedure_id, str):
                raise StoreError("A dossier needs a procedure (form) id.")
            for cz in roles.values():
                if not keep_faces:
                    cz.drop_face()
                redactor.register(cz.secrets())
            prepared.append((new_uuid(), procedure_id, roles, self._data_blob(roles, fields)))
        actor = self._claimed_actor(officer)
        with self._tx() as c:
            for d_uuid, procedure_id, roles, data in prepared:
                ts = now_iso()
                code = self._next_code(c)
                name, masked, search = self._index_values(roles, code, None, procedure_id)
                search_id = c.execute(
                    "INSERT INTO dossier_search(uuid, text) VALUES (?, ?)", (d_uuid, search)
                ).lastrowid
                c.execute(
                    "INSERT INTO dossiers(uuid, procedure_id, provisional_code, state, channel, revision, "
                    "created_at, updated_at, created_by, data_json, applicant_name, applicant_id_masked, "
                    "search_id) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        d_uuid,
                        procedure_id,
                        code,
                        S.draft.value,
                        channel,
                        ts,
                        ts,
                        actor,
                        data,
                        name,
                        masked,
                        search_id,
                    ),
                )
                self._log(c, "create", d_uuid, f"procedure={procedure_id} code={code}", actor)
                if _finish is not None:
                    _finish(c, d_uuid)
            self._index_pending(c)
        if self._kiosk_scope is not None:
            self._kiosk_scope.update(p[0] for p in prepared)
        return [p[0] for p in prepared]

    @staticmethod
    def _data_blob(roles: dict[str, Citizen], fields: dict[str, Any]) -> str:
        for role in roles:
            if not isinstance(role, str) or not role:
                raise StoreError("Each person in a dossier needs a role name such as 'applicant'.")
        try:
            return json.dumps(
                {"roles": {r: citizen_to_record(c) for r, c in roles.items()}, "fields": fields},
                ensure_ascii=False,
                sort_keys=True,
            )
        except (TypeError, ValueError) as exc:
            raise StoreError("The form data contains a value that cannot be saved (not JSON).") from exc

    @staticmethod
    def _history(  # noqa: PLR0917 - the history row's columns
        c: Any,
        uuid: str,
        ts: str,
        from_state: DossierState | None,
        to_state: DossierState,
        actor: str | None,
        reason: str | None,
        portal_status: int | None = None,
    ) -> None:
        # History is clustered by dossier (one b-tree, no separate index); ids count per dossier.
        c.execute(
            "INSERT INTO history(dossier_uuid, id, at, from_state, to_state, actor, reason, portal_status) "
            "SELECT ?, coalesce(max(id), 0) + 1, ?, ?, ?, ?, ?, ? FROM history WHERE dossier_uuid = ?",
            (
                uuid,
                ts,
                from_state.value if from_state else None,
                to_state.value,
                actor,
                reason,
                portal_status,
                uuid,
            ),
        )

    # -- search index ----------------------------------------------------------------------------
    @staticmethod
    def _fts_upto(c: Any) -> int:
        row = c.execute("SELECT value FROM meta WHERE key = 'fts_upto'").fetchone()
        return int(row[0]) if row else 0

    def _index_pending(self, c: Any) -> None:
        """Add the search rows above the watermark to the full-text index once there are
        FTS_BATCH of them (one index segment per batch, not one per save)."""
        upto = self._fts_upto(c)
        top = c.execute("SELECT coalesce(max(id), 0) FROM dossier_search").fetchone()[0]
        if top - upto < FTS_BATCH:
            return
        c.execute(
            "INSERT INTO dossier_fts(rowid, text) "
            "SELECT id, text FROM dossier_search WHERE id > ? AND id <= ?",
            (upto, top),
        )
        c.execute(META_UPSERT, ("fts_upto", str(top)))

    def _set_search_text(self, c: Any, uuid: str, text: str) -> None:
        row = c.execute(
            "SELECT s.id, s.text FROM dossiers d JOIN dossier_search s ON s.id = d.search_id "
            "WHERE d.uuid = ?",
            (uuid,),
        ).fetchone()
        if row is None or row[1] == text:
            return
        sid, old = row
        if sid <= self._fts_upto(c):  # already indexed: replace its terms
            c.execute("INSERT INTO dossier_fts(dossier_fts, rowid, text) VALUES ('delete', ?, ?)", (sid, old))
            c.execute("INSERT INTO dossier_fts(rowid, text) VALUES (?, ?)", (sid, text))
        c.execute("UPDATE dossier_search SET text = ? WHERE id = ?", (text, sid))

    @staticmethod
    def _index_values(
        roles: dict[str, Citizen], code: str, official: str | None, procedure_id: str
    ) -> tuple[str, str, str]:
        applicant = roles.get("applicant") or next(iter(roles.values()), None)
        name = (applicant.get("full_name") if applicant else None) or ""
        masked = mask_id(applicant.get("id_number") if applicant else None)
        parts = [code, official or "", procedure_id]
        for c in roles.values():
            parts += [c.get("full_name") or "", c.get("id_number") or "", c.get("old_id_number") or ""]
        return name, masked, fold(" | ".join(p for p in parts if p))

    def _load(self, d_uuid: str) -> Dossier:
        rows = self._read(
            "SELECT uuid, procedure_id, provisional_code, state, channel, revision, official_code, "
            "portal_status, "
            "created_at, updated_at, received_at, synced_at, created_by, quarantine_reason, data_json "
            "FROM dossiers WHERE uuid = ?",
            (d_uuid,),
        )
        if not rows:
            raise NotFoundError("No dossier with that id exists in this store.")
        r = rows[0]
        data = json.loads(r[14])
        roles = {role: citizen_from_record(rec) for role, rec in data.get("roles", {}).items()}
        comps = [
            Component(cid, name, kind, count, att, fn, mime, size, sha)
            for cid, name, kind, count, att, fn, mime, size, sha in self._read(
                "SELECT c.id, c.name, c.copy_kind, c.count, c.attachment_id, a.filename, a.mime, a.size, "
                "a.sha256 "
                "FROM components c LEFT JOIN attachments a ON a.id = c.attachment_id "
                "WHERE c.dossier_uuid = ? ORDER BY c.position",
                (d_uuid,),
            )
        ]
        # The creation entry is the dossier row's own created_at/created_by (not stored twice).
        hist = [HistoryEntry(r[8], None, S.draft.value, r[12], "created")] + [
            HistoryEntry(*h)
            for h in self._read(
                "SELECT at, from_state, to_state, actor, reason, portal_status FROM history "
                "WHERE dossier_uuid = ? ORDER BY id",
                (d_uuid,),
            )
        ]
        return Dossier(
            uuid=r[0],
            procedure_id=r[1],
            provisional_code=r[2],
            state=S(r[3]),
            roles=roles,
            fields=data.get("fields", {}),
            channel=r[4],
            revision=r[5],
            official_code=r[6],
            portal_status=r[7],
            created_at=r[8],
            updated_at=r[9],
            received_at=r[10],
            synced_at=r[11],
            created_by=r[12],
            quarantine_reason=r[13],
            components=comps,
            history=hist,
        )

    def get_dossier(self, uuid: str) -> Dossier:
        """Open a dossier (a 'view' in the processing log)."""
        self._check_access(uuid)
        d = self._load(uuid)
        redactor.register(d.secrets())
        self.log_event("view", dossier_uuid=uuid)
        return d

    def list_dossiers(
        self,
        search: str | None = None,
        state: DossierState | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[DossierSummary]:
        """Newest first; ``search`` matches names, ID numbers and codes ignoring diacritics
        (search hits newest-created first).

        The sync service may list (by state) but sees no names, masked IDs or search.
        """
        if self._sync_only:
            if search:
                raise AccessDeniedError("The sync service cannot search dossiers.")
        else:
            self._deny_kiosk("list dossiers")
        limit, offset = int(limit), int(offset)
        where, args = [], []
        if self._owner_scope is not None:
            where.append("d.created_by = ?")
            args.append(self._owner_scope)
        if state is not None:
            where.append("d.state = ?")
            args.append(S(state).value)
        cols = (
            "SELECT d.uuid, d.procedure_id, d.provisional_code, d.official_code, d.state, d.applicant_name, "
            "d.applicant_id_masked, d.created_at, d.updated_at, d.portal_status "
        )
        terms = fold(search or "").split()
        if not terms and state is not None:
            # Served by the (state, updated_at) index.
            sql = cols + "FROM dossiers d WHERE " + " AND ".join(where)
            sql += " ORDER BY d.updated_at DESC LIMIT ? OFFSET ?"
            return self._summaries(self._read(sql, (*args, limit, offset)))
        if not terms:
            # Every state's newest rows from the (state, updated_at) index, merged: a
            # separate (updated_at) index would be one more page written by every save.
            owner = " AND d.created_by = ?" if self._owner_scope is not None else ""
            part = "SELECT * FROM (" + cols + "FROM dossiers d WHERE d.state = ?" + owner
            part += " ORDER BY d.updated_at DESC LIMIT ?)"
            sql = "SELECT * FROM (" + " UNION ALL ".join(part for _ in S) + ")"
            sql += " ORDER BY updated_at DESC LIMIT ? OFFSET ?"
            part_args: list[Any] = []
            for st in S:
                part_args += [st.value, *args, limit + offset]
            return self._summaries(self._read(sql, (*part_args, limit, offset)))
        likes = ["s.text LIKE ? ESCAPE '\\'" for _ in terms]
        like_args = [
            "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms
        ]
        base = cols + "FROM dossier_search s CROSS JOIN dossiers d ON d.uuid = s.uuid WHERE "
        long_terms = [t for t in terms if len(t) >= 3]
        if not long_terms:
            # Only very short terms: walk the narrow search table newest first.
            sql = base + " AND ".join(likes + where) + " ORDER BY s.id DESC LIMIT ? OFFSET ?"
            return self._summaries(self._read(sql, (*like_args, *args, limit, offset)))
        # Terms of 3+ characters go to the trigram index; shorter ones filter its hits. Rows
        # not yet in the index (at most FTS_BATCH, all newer than any indexed row) come first,
        # matched by LIKE. One read transaction, so both parts see the same watermark.
        short = [(w, a) for w, a, t in zip(likes, like_args, terms, strict=True) if len(t) < 3]
        match = " AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms)
        fts_sql = (
            cols + "FROM dossier_fts f CROSS JOIN dossier_search s ON s.id = f.rowid "
            "CROSS JOIN dossiers d ON d.uuid = s.uuid WHERE dossier_fts MATCH ? AND f.rowid <= ?"
        )
        fts_sql += "".join(" AND " + w for w in [*(w for w, _ in short), *where])
        fts_sql += " ORDER BY f.rowid DESC LIMIT ? OFFSET ?"
        pending_sql = base + "s.id > ? AND " + " AND ".join(likes + where) + " ORDER BY s.id DESC"
        with self._lock:
            conn = self._require_open()
            try:
                own = not conn.in_transaction  # inside a write transaction already: same snapshot
                if own:
                    conn.execute("BEGIN")
                try:
                    upto = self._fts_upto(conn)
                    pending = list(conn.execute(pending_sql, (upto, *like_args, *args)))
                    rows = pending[offset : offset + limit]
                    if len(rows) < limit:
                        rows += conn.execute(
                            fts_sql,
                            (
                                match,
                                upto,
                                *(a for _, a in short),
                                *args,
                                limit - len(rows),
                                max(0, offset - len(pending)),
                            ),
                        ).fetchall()
                finally:
                    if own:
                        conn.execute("COMMIT")
            except sqlcipher3.Error as exc:
                raise _map_db_error(exc) from exc
        return self._summaries(rows)

    def _summaries(self, rows: list[Any]) -> list[DossierSummary]:
        hide = self._sync_only
        return [
            DossierSummary(
                r[0], r[1], r[2], r[3], S(r[4]), "" if hide else r[5], "" if hide else r[6], r[7], r[8], r[9]
            )
            for r in rows
        ]

    def count_dossiers(self, state: DossierState | None = None) -> int:
        self._deny_kiosk("count dossiers")
        own, args = self._owner_filter("created_by")
        if state is None:
            return int(self._read(f"SELECT count(*) FROM dossiers WHERE {own}", args)[0][0])
        return int(
            self._read(f"SELECT count(*) FROM dossiers WHERE state = ? AND {own}", (S(state).value, *args))[
                0
            ][0]
        )

    def update_dossier(
        self,
        uuid: str,
        *,
        roles: dict[str, Citizen] | None = None,
        fields: dict[str, Any] | None = None,
        keep_faces: bool = False,
    ) -> Dossier:
        """Edit persons and/or form data; bumps the revision and re-queues a queued,
        uploading or synced dossier (the server gets the new revision)."""
        self._check_access(uuid)
        with self._tx() as c:
            cur = self._row_state(c, uuid)
            if cur not in lifecycle.EDITABLE:
                raise InvalidTransitionError(f"A dossier in state '{cur.value}' cannot be edited.")
            data = json.loads(c.execute("SELECT data_json FROM dossiers WHERE uuid=?", (uuid,)).fetchone()[0])
            old_roles = {r: citizen_from_record(rec) for r, rec in data.get("roles", {}).items()}
            new_roles = roles if roles is not None else old_roles
            if roles is not None:
                for cz in roles.values():
                    if not keep_faces:
                        cz.drop_face()
                    redactor.register(cz.secrets())
            new_fields = fields if fields is not None else data.get("fields", {})
            code, official, proc = c.execute(
                "SELECT provisional_code, official_code, procedure_id FROM dossiers WHERE uuid=?", (uuid,)
            ).fetchone()
            name, masked, search = self._index_values(new_roles, code, official, proc)
            ts = now_iso()
            c.execute(
                "UPDATE dossiers SET data_json=?, applicant_name=?, applicant_id_masked=?, "
                "revision=revision+1, "
                "updated_at=? WHERE uuid=?",
                (self._data_blob(new_roles, new_fields), name, masked, ts, uuid),
            )
            self._set_search_text(c, uuid, search)
            self._log(c, "edit", uuid, "roles" if roles is not None else "fields")
            self._after_edit(c, uuid, cur, ts)
        return self._load(uuid)

    def _after_edit(self, c: Any, uuid: str, cur: DossierState, ts: str) -> None:
        if cur in lifecycle.REQUEUE_ON_EDIT:
            self._apply_transition(c, uuid, cur, S.queued, reason="edited", ts=ts)

    def _row_state(self, c: Any, uuid: str) -> DossierState:
        row = c.execute("SELECT state FROM dossiers WHERE uuid = ?", (uuid,)).fetchone()
        if not row:
            raise NotFoundError("No dossier with that id exists in this store.")
        return S(row[0])

    # -- lifecycle ---------------------------------------------------------------------------
    def transition(
        self,
        uuid: str,
        to: DossierState,
        *,
        reason: str | None = None,
        official_code: str | None = None,
    ) -> Dossier:
        """Move a dossier through the one state machine (outbox row in the same transaction)."""
        self._check_access(uuid)
        to = S(to)
        if to is S.purged:
            self.purge_dossier(uuid, reason=reason)
            return self._load(uuid)
        with self._tx() as c:
            cur = self._row_state(c, uuid)
            self._apply_transition(c, uuid, cur, to, reason=reason, official_code=official_code)
        return self._load(uuid)

    def _apply_transition(
        self,
        c: Any,
        uuid: str,
        cur: DossierState,
        to: DossierState,
        *,
        reason: str | None = None,
        official_code: str | None = None,
        ts: str | None = None,
    ) -> None:
        lifecycle.check(cur, to)
        ts = ts or now_iso()
        sets = ["state = ?", "updated_at = ?"]
        args: list[Any] = [to.value, ts]
        revision = c.execute("SELECT revision FROM dossiers WHERE uuid=?", (uuid,)).fetchone()[0]
        if to is S.received:
            sets.append("received_at = coalesce(received_at, ?)")
            args.append(ts)
        if to is S.queued:
            c.execute(
                "INSERT INTO outbox(dossier_uuid, revision, status, attempts, enqueued_at, next_attempt_at) "
                "VALUES (?, ?, 'queued', 0, ?, ?) ON CONFLICT(dossier_uuid) DO UPDATE SET "
                "revision=excluded.revision, status='queued', next_attempt_at=excluded.next_attempt_at",
                (uuid, revision, ts, ts),
            )
            sets.append("quarantine_reason = NULL")
        elif to is S.uploading:
            lease = now_iso(datetime.now(UTC) + UPLOAD_LEASE)
            n = c.execute(
                "UPDATE outbox SET status='uploading', attempts=attempts+1, next_attempt_at=? "
                "WHERE dossier_uuid=?",
                (lease, uuid),
            ).rowcount
            if n == 0:
                raise InvalidTransitionError("The dossier is not in the outbox.")
        elif to is S.synced:
            if official_code:
                sets.append("official_code = ?")
                args.append(official_code)
            sets.append("synced_at = ?")
            args.append(ts)
            c.execute("DELETE FROM outbox WHERE dossier_uuid=?", (uuid,))
            c.execute(META_UPSERT, ("outbox_last_success", ts))
        elif to is S.quarantined:
            sets.append("quarantine_reason = ?")
            args.append(reason or "unspecified")
            c.execute(
                "UPDATE outbox SET status='quarantined', last_error=? WHERE dossier_uuid=?", (reason, uuid)
            )
        elif to in (S.withdrawn, S.archived, S.purged, S.draft):
            c.execute("DELETE FROM outbox WHERE dossier_uuid=?", (uuid,))
        c.execute(f"UPDATE dossiers SET {', '.join(sets)} WHERE uuid = ?", (*args, uuid))
        if official_code and to is S.synced:
            self._reindex(c, uuid)
        self._history(c, uuid, ts, cur, to, self.actor, reason)
        self._log(c, "sync" if to is S.synced else "transition", uuid, f"{cur.value}->{to.value}")

    def _reindex(self, c: Any, uuid: str) -> None:
        code, official, proc, data_json = c.execute(
            "SELECT provisional_code, official_code, procedure_id, data_json FROM dossiers WHERE uuid=?",
            (uuid,),
        ).fetchone()
        data = json.loads(data_json)
        roles = {r: citizen_from_record(rec) for r, rec in data.get("roles", {}).items()}
        _, _, search = self._index_values(roles, code, official, proc)
        self._set_search_text(c, uuid, search)

    def set_portal_status(self, uuid: str, code: int) -> None:
        """Record a National Portal status update (codes 1-10)."""
        if not isinstance(code, int) or not 1 <= code <= 10:
            raise StoreError("A National Portal status code is a number from 1 to 10.")
        self._check_access(uuid, sync_ok=True)
        with self._tx() as c:
            cur = self._row_state(c, uuid)
            if cur in (S.draft, S.purged):
                raise InvalidTransitionError(f"A dossier in state '{cur.value}' has no portal status.")
            ts = now_iso()
            c.execute("UPDATE dossiers SET portal_status=?, updated_at=? WHERE uuid=?", (code, ts, uuid))
            self._history(c, uuid, ts, cur, cur, self.actor, "portal status", code)
            self._log(c, "sync", uuid, f"portal_status={code}")

    # -- components and attachments ---------------------------------------------------------------
    @staticmethod
    def _check_component(copy_kind: str, count: int) -> str:
        try:
            kind = CopyKind(copy_kind).value
        except ValueError as exc:
            raise StoreError("A component's copy kind is original, certified_copy or photocopy.") from exc
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise StoreError("A component's count must be a positive whole number.")
        return kind

    def add_component(self, uuid: str, name: str, *, copy_kind: str = "original", count: int = 1) -> str:
        """A paper handed in without a digitised copy."""
        return self._insert_component(uuid, name, copy_kind, count, None)

    def _insert_component(
        self,
        uuid: str,
        name: str,
        copy_kind: str,
        count: int,
        att: tuple[Any, ...] | None,
        *,
        component_id: str | None = None,
        position: int | None = None,
        log_detail: str = "",
    ) -> str:
        kind = self._check_component(copy_kind, count)
        if position is not None and (
            not isinstance(position, int) or isinstance(position, bool) or position < 1
        ):
            raise StoreError("An item number is a whole number from 1.")
        self._check_access(uuid)
        with self._tx() as c:
            cur = self._row_state(c, uuid)
            if cur not in lifecycle.EDITABLE:
                raise InvalidTransitionError(f"A dossier in state '{cur.value}' cannot be edited.")
            comp_id, pos, existing = self._component_slot(c, uuid, name, component_id, position)
            ts = now_iso()
            att_id = None
            if att is not None:
                att_id = att[0]
                c.execute(
                    "INSERT INTO attachments(id, dossier_uuid, filename, mime, size, sha256, file_key, "
                    "created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (*att, ts),
                )
            if existing:
                # The paper keeps the copy kind and count recorded when it was handed in.
                c.execute("UPDATE components SET attachment_id=? WHERE id=?", (att_id, comp_id))
            else:
                c.execute(
                    "INSERT INTO components(id, dossier_uuid, position, name, copy_kind, count, "
                    "attachment_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (comp_id, uuid, pos, name, kind, count, att_id),
                )
            c.execute("UPDATE dossiers SET revision=revision+1, updated_at=? WHERE uuid=?", (ts, uuid))
            # The one log entry of this upload; a caller's detail (the scan's page count,
            # legal format, signature: counts only) goes into it rather than into a second one.
            ref = f"component={pos}" + (f" attachment={att_id}" if att_id else "")
            self._log(c, "attach", uuid, f"{log_detail}; {ref}" if log_detail else ref)
            self._after_edit(c, uuid, cur, ts)
        return att_id or comp_id

    @staticmethod
    def _component_slot(
        c: Any, uuid: str, name: str, component_id: str | None, position: int | None
    ) -> tuple[str, int, bool]:
        """(component id, position, whether it is a paper already recorded) for a new file.

        ``component_id``: that recorded paper, which must still wait for its copy.
        ``position`` (the item number): the recorded paper there if it has the same name and
        no copy yet; else a new component there if the number is free, else at the end (a
        scan is never lost for a number that is taken)."""
        if component_id is not None:
            row = c.execute(
                "SELECT position, attachment_id FROM components WHERE id=? AND dossier_uuid=?",
                (component_id, uuid),
            ).fetchone()
            if row is None:
                raise NotFoundError("No paper with that id belongs to this dossier.")
            if row[1] is not None:
                raise StoreError(
                    "That paper already has its digitised copy; record a new scan as another paper."
                )
            return component_id, int(row[0]), True
        if position is not None:
            row = c.execute(
                "SELECT id, name, attachment_id FROM components WHERE dossier_uuid=? AND position=? LIMIT 1",
                (uuid, position),
            ).fetchone()
            if row is None:
                return new_uuid(), position, False
            if row[2] is None and " ".join(row[1].split()).casefold() == " ".join(name.split()).casefold():
                return str(row[0]), position, True
        pos = c.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM components WHERE dossier_uuid=?", (uuid,)
        ).fetchone()[0]
        return new_uuid(), int(pos), False

    def add_attachment(
        self,
        uuid: str,
        component: str,
        source: BinaryIO,
        *,
        filename: str,
        mime: str,
        copy_kind: str = "original",
        count: int = 1,
        component_id: str | None = None,
        position: int | None = None,
        log_detail: str = "",
    ) -> str:
        """Stream ``source`` into an encrypted file and attach it; returns its id.

        By default the file is a new component named ``component``. ``component_id`` (from
        :meth:`add_component`) or ``position`` (the item number) attach it to a paper already
        recorded (see :meth:`_component_slot`). ``log_detail``: counts (never personal data)
        for the processing-log entry of this upload."""
        self._check_access(uuid)
        if self._read("SELECT 1 FROM dossiers WHERE uuid=?", (uuid,)) == []:
            raise NotFoundError("No dossier with that id exists in this store.")
        written = write_encrypted(source, self.profile.attachments_dir, self.profile.tmp_dir)
        try:
            self._insert_component(
                uuid,
                component,
                copy_kind,
                count,
                (written.attachment_id, uuid, filename, mime, written.size, written.sha256, written.key),
                component_id=component_id,
                position=position,
                log_detail=log_detail,
            )
        except BaseException:
            written.path.unlink(missing_ok=True)
            raise
        return written.attachment_id

    def digitisation_stats(self) -> dict[str, dict[str, int]]:
        """Per procedure: components recorded and components digitised (with an attachment),
        for the quality dashboard. Purged dossiers (their files erased) are left out."""
        self._deny_kiosk("read statistics")
        own, args = self._owner_filter()
        rows = self._read(
            "SELECT d.procedure_id, count(c.id), count(c.attachment_id) FROM dossiers d "
            f"JOIN components c ON c.dossier_uuid = d.uuid WHERE d.state != 'purged' AND {own} "
            "GROUP BY d.procedure_id ORDER BY d.procedure_id",
            args,
        )
        return {str(p): {"components": int(n), "digitised": int(k)} for p, n, k in rows}

    def _attachment_row(self, attachment_id: str) -> tuple[Any, ...]:
        rows = self._read(
            "SELECT dossier_uuid, file_key, sha256, size, filename, mime FROM attachments WHERE id=?",
            (attachment_id,),
        )
        if not rows:
            raise NotFoundError("No attachment with that id exists in this store.")
        return tuple(rows[0])

    def open_attachment(self, attachment_id: str) -> BinaryIO:
        """Streaming decryption; reading to the end verifies the SHA-256 (error on mismatch)."""
        try:
            d_uuid, key, sha, size, _fn, _mime = self._attachment_row(attachment_id)
        except NotFoundError:
            if self.restricted:  # the same answer as for someone else's attachment
                self._check_access("")
            raise
        self._check_access(d_uuid)
        self.log_event("open_attachment", dossier_uuid=d_uuid, detail=f"attachment={attachment_id}")
        return self._open_file(attachment_id, key, sha, size)

    def _open_file(self, attachment_id: str, key: bytes, sha: str, size: int) -> BinaryIO:
        return open_decrypting(
            attachment_path(self.profile.attachments_dir, attachment_id), attachment_id, bytes(key), sha, size
        )

    def collect_garbage(self, min_age_s: float = GARBAGE_MIN_AGE_S) -> int:
        """Delete the store's own temp files and attachment files no dossier refers to (left
        by a crash). Other files in the shared tmp folder (a scan in progress parks its pages
        there, possibly in another officer's process) are never touched."""
        cutoff = time.time() - min_age_s
        removed = 0
        for p in self.profile.tmp_dir.glob("*.part"):
            if is_store_temp(p) and p.stat().st_mtime <= cutoff:
                p.unlink(missing_ok=True)
                removed += 1
        known = {r[0] for r in self._read("SELECT id FROM attachments")}
        for p in self.profile.attachments_dir.glob("*/*.enc"):
            if p.stem not in known and p.stat().st_mtime <= cutoff:
                p.unlink(missing_ok=True)
                removed += 1
        return removed

    # -- purge and retention ------------------------------------------------------------------------
    def purge_dossier(self, uuid: str, *, reason: str | None = None) -> None:
        """Erase the personal data and attachments; the row stays with codes and history.

        On a full disk the space reserve is given up for the purge's own transaction: purging
        is how an officer frees space."""
        self._deny_kiosk("purge dossiers")
        self._check_access(uuid)
        try:
            self._purge(uuid, reason)
        except DiskFullError:
            if not release_reserve(self.profile.root):
                raise
            self._purge(uuid, reason)

    def _purge(self, uuid: str, reason: str | None) -> None:
        with self._tx() as c:
            cur = self._row_state(c, uuid)
            lifecycle.check(cur, S.purged)
            files = [r[0] for r in c.execute("SELECT id FROM attachments WHERE dossier_uuid=?", (uuid,))]
            c.execute("UPDATE components SET attachment_id=NULL WHERE dossier_uuid=?", (uuid,))
            c.execute("DELETE FROM attachments WHERE dossier_uuid=?", (uuid,))
            c.execute(
                "UPDATE dossiers SET data_json=?, applicant_name='', applicant_id_masked='' WHERE uuid=?",
                (json.dumps({"roles": {}, "fields": {}, "purged": True}), uuid),
            )
            self._set_search_text(c, uuid, "")
            self._apply_transition(c, uuid, cur, S.purged, reason=reason or "purged")
            self._log(c, "purge", uuid, f"attachments={len(files)}")
        for att in files:
            attachment_path(self.profile.attachments_dir, att).unlink(missing_ok=True)

    def purge_expired(self, grace_days: float, now: datetime | None = None) -> list[str]:
        """Retention: purge synced/archived dossiers older than the grace period."""
        self._deny_kiosk("purge dossiers")
        cutoff = now_iso((now or datetime.now(UTC)) - timedelta(days=grace_days))
        own, args = self._owner_filter("created_by")
        rows = self._read(
            "SELECT uuid FROM dossiers WHERE state IN ('synced', 'archived', 'withdrawn') "
            f"AND coalesce(synced_at, updated_at) <= ? AND {own}",
            (cutoff, *args),
        )
        done = []
        for (u,) in rows:
            self.purge_dossier(u, reason="retention")
            done.append(u)
        return done

    # -- transactional outbox (sync) -------------------------------------------------------------------
    def _outbox_entry(self, c: Any, uuid: str) -> OutboxEntry:
        row = c.execute(
            "SELECT o.dossier_uuid, o.revision, o.status, o.attempts, o.enqueued_at, o.next_attempt_at, "
            "o.last_error, d.provisional_code FROM outbox o JOIN dossiers d ON d.uuid = o.dossier_uuid "
            "WHERE o.dossier_uuid = ?",
            (uuid,),
        ).fetchone()
        if not row:
            raise NotFoundError("That dossier is not in the outbox.")
        return OutboxEntry(*row)

    def outbox_due(self, now: datetime | None = None, limit: int = 20) -> list[OutboxEntry]:
        """Due entries, oldest first; an 'uploading' entry is due again once its lease ran out."""
        self._deny_kiosk_role("use the sync queue")
        own, args = self._owner_filter()
        rows = self._read(
            "SELECT o.dossier_uuid, o.revision, o.status, o.attempts, o.enqueued_at, o.next_attempt_at, "
            "o.last_error, d.provisional_code FROM outbox o JOIN dossiers d ON d.uuid = o.dossier_uuid "
            f"WHERE o.status IN ('queued', 'uploading') AND o.next_attempt_at <= ? AND {own} "
            "ORDER BY o.enqueued_at LIMIT ?",
            (now_iso(now), *args, int(limit)),
        )
        return [OutboxEntry(*r) for r in rows]

    def outbox_mark_attempt(self, uuid: str) -> OutboxEntry:
        """Committed before the request is sent: attempts+1, state uploading."""
        self._deny_kiosk_role("use the sync queue")
        self._check_access(uuid, sync_ok=True)
        with self._tx() as c:
            cur = self._row_state(c, uuid)
            self._outbox_entry(c, uuid)
            if cur is S.uploading:
                # A previous sender died mid-upload: renew the lease, count the attempt.
                lease = now_iso(datetime.now(UTC) + UPLOAD_LEASE)
                c.execute(
                    "UPDATE outbox SET attempts=attempts+1, next_attempt_at=? WHERE dossier_uuid=?",
                    (lease, uuid),
                )
                self._log(c, "sync", uuid, "retry")
            else:
                self._apply_transition(c, uuid, cur, S.uploading, reason="upload attempt")
            return self._outbox_entry(c, uuid)

    def outbox_mark_synced(self, uuid: str, official_code: str, revision: int) -> None:
        """The server accepted ``revision``; if the dossier changed meanwhile it stays queued."""
        self._deny_kiosk_role("use the sync queue")
        self._check_access(uuid, sync_ok=True)
        with self._tx() as c:
            cur = self._row_state(c, uuid)
            row = c.execute("SELECT revision FROM outbox WHERE dossier_uuid=?", (uuid,)).fetchone()
            if row is None:
                return  # already marked (idempotent)
            if official_code:
                c.execute("UPDATE dossiers SET official_code=? WHERE uuid=?", (official_code, uuid))
            if int(row[0]) == int(revision) and cur is S.uploading:
                self._apply_transition(
                    c, uuid, cur, S.synced, reason=f"revision {revision}", official_code=official_code
                )
            else:
                if official_code:
                    self._reindex(c, uuid)
                ts = now_iso()
                c.execute(
                    "UPDATE outbox SET status='queued', next_attempt_at=? WHERE dossier_uuid=?", (ts, uuid)
                )
                if cur is S.uploading:
                    self._apply_transition(c, uuid, cur, S.queued, reason="changed while uploading", ts=ts)
                c.execute(META_UPSERT, ("outbox_last_success", ts))

    def outbox_defer(self, uuid: str, next_attempt_at: datetime, error: str) -> None:
        """A transient failure: back to queued until ``next_attempt_at``."""
        self._deny_kiosk_role("use the sync queue")
        self._check_access(uuid, sync_ok=True)
        with self._tx() as c:
            cur = self._row_state(c, uuid)
            self._outbox_entry(c, uuid)
            if cur is S.uploading:
                self._apply_transition(c, uuid, cur, S.queued, reason="retry later")
            c.execute(
                "UPDATE outbox SET status='queued', next_attempt_at=?, last_error=? WHERE dossier_uuid=?",
                (now_iso(next_attempt_at), error[:500], uuid),
            )

    def outbox_quarantine(self, uuid: str, reason: str) -> None:
        self._deny_kiosk_role("use the sync queue")
        self._check_access(uuid, sync_ok=True)
        with self._tx() as c:
            cur = self._row_state(c, uuid)
            self._outbox_entry(c, uuid)
            self._apply_transition(c, uuid, cur, S.quarantined, reason=reason[:500])

    def outbox_requeue(self, uuid: str) -> None:
        """Retry a quarantined dossier (after the officer fixed the cause)."""
        self._deny_kiosk_role("use the sync queue")
        self._check_access(uuid, sync_ok=True)
        with self._tx() as c:
            cur = self._row_state(c, uuid)
            self._apply_transition(c, uuid, cur, S.queued, reason="requeued")
            c.execute("UPDATE outbox SET attempts=0, last_error=NULL WHERE dossier_uuid=?", (uuid,))

    def outbox_stats(self) -> dict[str, Any]:
        self._deny_kiosk_role("use the sync queue")
        counts = {s: 0 for s in ("queued", "uploading", "quarantined")}
        own, args = self._owner_filter()
        mine = f"o.dossier_uuid IN (SELECT d.uuid FROM dossiers d WHERE {own})" if args else "1"
        for status, n in self._read(
            f"SELECT status, count(*) FROM outbox o WHERE {mine} GROUP BY status", args
        ):
            counts[status] = int(n)
        oldest = self._read(
            f"SELECT min(enqueued_at) FROM outbox o WHERE status IN ('queued', 'uploading') AND {mine}", args
        )[0][0]
        return {**counts, "last_success": self._meta("outbox_last_success"), "oldest_queued_at": oldest}

    def outbox_entry(self, uuid: str) -> OutboxEntry:
        self._deny_kiosk_role("use the sync queue")
        self._check_access(uuid, sync_ok=True)
        with self._lock:
            return self._outbox_entry(self._require_open(), uuid)

    # -- export ----------------------------------------------------------------------------------------
    def dossier_document(self, d: Dossier) -> dict[str, Any]:
        return {
            "uuid": d.uuid,
            "revision": d.revision,
            "procedure_id": d.procedure_id,
            "provisional_code": d.provisional_code,
            "official_code": d.official_code,
            "channel": d.channel,
            "state": d.state.value,
            "created_at": d.created_at,
            "received_at": d.received_at,
            "roles": {r: citizen_to_record(c) for r, c in d.roles.items()},
            "fields": d.fields,
            "components": [
                {
                    "id": comp.id,
                    "name": comp.name,
                    "copy_kind": comp.copy_kind,
                    "count": comp.count,
                    "attachment_id": comp.attachment_id,
                    "filename": comp.filename,
                    "mime": comp.mime,
                    "size": comp.size,
                    "sha256": comp.sha256,
                }
                for comp in d.components
            ],
        }

    def export_for_sync(self, uuid: str) -> SyncPayload:
        """Canonical JSON of the dossier plus lazily opened attachment streams."""
        if self._sync_only:
            # The sync service may export what is in the outbox, nothing else.
            if not self._read("SELECT 1 FROM outbox WHERE dossier_uuid=?", (uuid,)):
                raise AccessDeniedError("The sync service can only export dossiers waiting in the outbox.")
            self._check_access(uuid, sync_ok=True)
        else:
            self._check_access(uuid)
        d = self._load(uuid)
        if d.state is S.purged:
            raise InvalidTransitionError("A purged dossier has nothing left to send.")
        doc = self.dossier_document(d)
        files = []
        for comp in d.components:
            if comp.attachment_id:
                _u, key, sha, size, fn, mime = self._attachment_row(comp.attachment_id)
                files.append(
                    SyncFile(
                        comp.attachment_id,
                        fn,
                        mime,
                        size,
                        sha,
                        open=functools.partial(self._open_file, comp.attachment_id, key, sha, size),
                    )
                )
        self.log_event("export", dossier_uuid=uuid, detail=f"sync revision={d.revision}")
        return SyncPayload(uuid=d.uuid, revision=d.revision, dossier_json=canonical_json(doc), files=files)

    def export_dossier(self, uuid: str) -> dict[str, Any]:
        """A dossier as a JSON-ready document (for an officer's export)."""
        self._check_access(uuid)
        d = self._load(uuid)
        doc = self.dossier_document(d)
        doc["history"] = [h.__dict__ for h in d.history]
        doc["portal_status"] = d.portal_status
        self.log_event("export", dossier_uuid=uuid, detail="dossier")
        return doc

    def dossiers_of_subject(self, id_number: str) -> list[str]:
        """Uuids of dossiers naming this ID number in any role (data-subject requests)."""
        self._deny_kiosk("search dossiers")
        return self._subject_uuids(id_number)

    def _subject_uuids(self, id_number: str) -> list[str]:
        """dossiers_of_subject within what this handle may reach (a kiosk: its session's)."""
        needle = fold(id_number)
        own, args = self._owner_filter()
        rows = self._read(
            "SELECT s.uuid, s.text FROM dossier_search s JOIN dossiers d ON d.uuid = s.uuid "
            f"WHERE s.text LIKE ? AND {own}",
            (f"%{needle}%", *args),
        )
        out = []
        for u, _text in rows:
            if self._kiosk_scope is not None and u not in self._kiosk_scope:
                continue
            d = self._load(u)
            if any(
                c.get("id_number") == id_number or c.get("old_id_number") == id_number
                for c in d.roles.values()
            ):
                out.append(u)
        return out

    @property
    def store_uid(self) -> str:
        """This store's permanent random name (32 hex digits), set when it was created."""
        return str(self._meta("store_uid"))

    def subkey(self, purpose: str) -> bytes:
        """A 32-byte key for one ``purpose``, derived from the data key (HKDF-SHA256).

        Secrets kept beside the store (the device signing key) are sealed under it, so they
        open exactly when the store does, and the data key itself never leaves the store.
        """
        # The self-service role never signs or seals; sync, officer and community handles may.
        self._deny_kiosk_role("use the store's keys")
        with self._lock:
            self._require_open()
            hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=SUBKEY_INFO + purpose.encode())
            return hkdf.derive(self._data_key)

    def _key_for_wrapping(self) -> bytes:
        """The data key, for :mod:`kiosk.security.keys` to wrap for a new officer."""
        self._deny_kiosk("manage keys")
        self._deny_community("manage keys")
        return self._data_key


def new_id() -> str:
    return secrets.token_hex(16)


def new_uuid() -> str:
    """A UUIDv7 (RFC 9562) as 32 hex digits: millisecond time first, then random bits.

    Time-ordered keys make index inserts land on the right-most pages instead of random
    ones, which keeps large stores fast (every page touched is decrypted and re-encrypted).
    """
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(secrets.token_bytes(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80 | rand
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 9562 variant
    return f"{value:032x}"

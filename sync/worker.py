"""Outbox worker: sends queued dossiers to the intake server, oldest first, exactly once.

Crash safety comes from ordering: the attempt is committed in the store before anything is
sent, the sealed envelope is cached (sealed bytes only) so a retry re-sends the same bytes,
and the server deduplicates by dossier UUID. A crash at any point therefore means a retry,
never a loss and never a duplicate.

Never runs on the Qt main thread: ``start()`` spawns a plain thread (the UI wraps it in a
QThread-friendly bridge), ``run_until_empty()`` is the blocking call ``kiosk sync run`` uses.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import os
import random
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from kiosk.errors import KioskError
from kiosk.fileutil import ProcessLock
from kiosk.profile import Profile
from sync import protocol as P
from sync.device import (
    DeviceState,
    NotEnrolledError,
    load_device,
    load_key,
    outbox_dir,
    save_device,
    sync_dir,
)
from sync.envelope import EnvelopeError, PlainFile, SealedDossier, b64d, b64e, seal_dossier
from sync.transport import ServerUnreachableError, SyncHttpError, TokenBucket, Transport, UntrustedKeyError

log = logging.getLogger(__name__)


class OutboxEntryLike(Protocol):
    uuid: str
    revision: int
    status: str
    attempts: int
    next_attempt_at: str


class SyncFileLike(Protocol):
    attachment_id: str
    open: Callable[[], BinaryIO]


class SyncPayloadLike(Protocol):
    uuid: str
    revision: int
    dossier_json: bytes
    files: Any  # list[SyncFileLike]


class OutboxStore(Protocol):
    """The part of ``kiosk.dossier.store.Store`` the worker drives."""

    def outbox_due(self, now: datetime | None = None, limit: int = 20) -> list[Any]: ...
    def outbox_mark_attempt(self, uuid: str) -> Any: ...
    def outbox_mark_synced(self, uuid: str, official_code: str, revision: int) -> None: ...
    def outbox_defer(self, uuid: str, next_attempt_at: datetime, error: str) -> None: ...
    def outbox_quarantine(self, uuid: str, reason: str) -> None: ...
    def outbox_requeue(self, uuid: str) -> None: ...
    def outbox_stats(self) -> dict[str, Any]: ...
    def outbox_entry(self, uuid: str) -> Any: ...
    def export_for_sync(self, uuid: str) -> Any: ...
    def set_portal_status(self, uuid: str, code: int) -> None: ...
    def subkey(self, purpose: str) -> bytes: ...
    def log_checkpoint(self) -> dict[str, Any]: ...
    def record_log_anchor(self, entries: int, head: str, *, contradicted: str | None = None) -> None: ...
    @property
    def store_uid(self) -> str: ...
    def close(self) -> None: ...


@dataclass
class RunResult:
    """What ``run_until_empty`` ended with. ``outcome`` is one of OUTCOMES."""

    outcome: str
    message: str
    sent: list[tuple[str, str]] = field(default_factory=list)  # (uuid, official code)
    deferred: int = 0
    quarantined: int = 0

    OUTCOMES = ("empty", "waiting", "unreachable", "revoked", "rejected", "not_enrolled", "busy", "stopped")

    @property
    def exit_code(self) -> int:
        return {
            "empty": 0,
            "waiting": 6,
            "unreachable": 5,
            "revoked": 4,
            "rejected": 4,
            "not_enrolled": 3,
            "busy": 7,
            "stopped": 8,
        }[self.outcome]


@dataclass(frozen=True)
class SyncEvent:
    # online, offline, attempt, progress, synced, deferred, quarantined, revoked (also for a
    # device the server does not know), not_enrolled, key_untrusted, log_contradicted, idle
    kind: str
    uuid: str | None = None
    done: int = 0
    total: int = 0
    official_code: str | None = None
    message: str | None = None


def backoff_delay(
    attempts: int, base: float, cap: float, rng: random.Random, retry_after: float | None = None
) -> float:
    """Capped exponential backoff with full jitter; a server's Retry-After is a floor."""
    ceiling = min(cap, base * (2 ** max(0, min(attempts - 1, 30))))
    delay = rng.uniform(0, ceiling)
    if retry_after is not None:
        delay = max(delay, min(retry_after, cap))
    return delay


class WorkerBusyError(KioskError):
    exit_code = 7


class _ProfileLock:
    """One sender per profile: two workers would fight over the same outbox leases."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = ProcessLock(path)

    def acquire(self) -> bool:
        return self._lock.try_acquire()

    def release(self) -> None:
        self._lock.release()


class SyncWorker:
    def __init__(
        self,
        store_factory: Callable[[], OutboxStore],
        profile: Profile,
        *,
        base_delay: float = 5.0,
        max_delay: float = 3600.0,
        max_wait: float = 30.0,
        poll_interval: float = 60.0,
        status_interval: float = 900.0,
        offline_probe_interval: float = 300.0,
        bandwidth: float | None = None,
        chunk_size: int = P.UPLOAD_CHUNK,
        connect_timeout: float = 5.0,
        read_timeout: float = 60.0,
        on_event: Callable[[SyncEvent], None] | None = None,
        parallel: int = 4,
        rng: random.Random | None = None,
    ) -> None:
        self.store_factory = store_factory
        self.profile = profile
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_wait = max_wait
        self.poll_interval = poll_interval
        self.status_interval = status_interval
        self.offline_probe_interval = offline_probe_interval
        self.bandwidth = bandwidth
        self.parallel = max(1, parallel)
        # One bucket for all connections, so the cap holds however many are in flight.
        self._bucket = TokenBucket(bandwidth) if bandwidth else None
        self.chunk_size = chunk_size
        self.timeouts = (connect_timeout, read_timeout)
        self.on_event = on_event
        self.rng = rng or random.Random()
        self.outbox = outbox_dir(profile)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = _ProfileLock(sync_dir(profile) / "worker.lock")
        self._recovered = False
        self.online_hint: bool | None = None  # Qt's network information, when the UI has it
        self.online: bool | None = None
        self.last_result: RunResult | None = None
        self._last_status_pull = 0.0
        self._key_checked = 0.0  # monotonic time of the last vouched server-key answer
        self._anchor_sent: dict[tuple[int, str], float] = {}  # checkpoint -> monotonic time accepted

    # ---- background thread ----------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self.run_forever, name="kiosk-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def wake(self) -> None:
        """Try now (a dossier was queued, the network came back, the officer pressed sync)."""
        self._wake.set()

    def set_online_hint(self, online: bool | None) -> None:
        """Qt's network information: False (disconnected) makes the loop probe only every
        ``offline_probe_interval`` (retries already due still go on their own schedule);
        True or None (no idea) is the normal cycle."""
        previous, self.online_hint = self.online_hint, online
        if online is not False and previous is False:
            self.wake()

    def run_forever(self) -> None:
        """The background loop (``start()`` runs it in a thread; the UI runs it in a QThread)
        until ``stop()``: send what is due, pull statuses now and then, sleep until the next
        retry is due, the poll interval passes or ``wake()`` is called.

        Three clocks decide when a cycle runs: ``wake()`` at once; deferred retries at their
        own time (whatever the network hint says); otherwise the next reachability probe,
        which is every cycle normally, every ``offline_probe_interval`` while Qt says the
        link is down, and backs off (capped, jittered) while the server cannot be reached,
        so an unreachable server is not hammered by dossiers that stay due.
        """
        store: OutboxStore | None = None
        next_probe = 0.0  # monotonic; no reachability probe before this
        retry_at = math.inf  # monotonic time of the next deferred retry
        unreachable = 0
        try:
            while not self._stop.is_set():
                wait = self.poll_interval
                try:
                    if store is None:
                        store = self.store_factory()
                    now = time.monotonic()
                    woken = self._wake.is_set()
                    self._wake.clear()
                    if woken or now >= next_probe or now >= retry_at:
                        result = self.run_until_empty(store=store, max_wait=0.0)
                        now = time.monotonic()
                        if result.outcome == "unreachable":
                            unreachable += 1
                            next_probe = now + backoff_delay(
                                unreachable, self.base_delay, self.offline_probe_interval, self.rng
                            )
                        else:
                            unreachable = 0
                            next_probe = now + (
                                self.offline_probe_interval if self.online_hint is False else 0.0
                            )
                        if result.outcome in ("revoked", "not_enrolled"):
                            wait = max(wait, 300.0)
                        if (
                            result.outcome == "empty"
                            and time.monotonic() - self._last_status_pull > self.status_interval
                        ):
                            self.pull_statuses(store)
                    retry_in = self._next_retry_in(store)
                    retry_at = math.inf if retry_in is None else time.monotonic() + retry_in
                    if next_probe > now:
                        wait = min(wait, next_probe - now)
                    wait = min(wait, retry_in if retry_in is not None else math.inf)
                except Exception as exc:  # keep the thread alive; the error is shown in the UI
                    log.warning("sync cycle failed: %s", exc.__class__.__name__)
                    self._emit(
                        SyncEvent(
                            "offline",
                            message=str(exc)
                            if isinstance(exc, KioskError)
                            else "The sync cycle failed; it will be retried.",
                        )
                    )
                self._wake.wait(max(0.5, wait))
        finally:
            if store is not None:
                store.close()

    def _next_retry_in(self, store: OutboxStore) -> float | None:
        """Seconds until the earliest retry scheduled in the future (within the poll interval)."""
        now = datetime.now(UTC)
        upcoming = store.outbox_due(now=now + timedelta(seconds=self.poll_interval), limit=200)
        ahead = [(_parse_ts(e.next_attempt_at) - now).total_seconds() for e in upcoming]
        ahead = [a for a in ahead if a > 0]
        return min(ahead) if ahead else None

    # ---- one run ----------------------------------------------------------------------------

    def run_until_empty(self, store: OutboxStore | None = None, max_wait: float | None = None) -> RunResult:
        """Send until the queue is empty, the server is unreachable or the device is refused."""
        device = load_device(self.profile)
        if device is None:
            return self._finish(
                RunResult(
                    "not_enrolled",
                    "This device is not enrolled; run `kiosk enrol URL "
                    "CODE` with a code from the server administrator.",
                )
            )
        if device.revoked:
            return self._finish(RunResult("revoked", _refused_message(device)))
        if not self._lock.acquire():
            return self._finish(RunResult("busy", "Another sync of this profile is already running."))
        own = store is None
        try:
            if store is None:
                store = self.store_factory()
            try:
                transport = self._new_transport(device, store)
            except NotEnrolledError as exc:  # the key is missing, damaged or another store's
                return self._finish(RunResult("not_enrolled", str(exc)))
            try:
                return self._finish(
                    self._run(store, transport, device, self.max_wait if max_wait is None else max_wait)
                )
            finally:
                transport.close()
                if device.clock_offset:
                    current = load_device(self.profile)
                    if current is not None and current.device_id == device.device_id:
                        current.clock_offset = device.clock_offset
                        save_device(self.profile, current)
        finally:
            if own and store is not None:
                store.close()
            self._lock.release()

    def _finish(self, result: RunResult) -> RunResult:
        self.last_result = result
        if result.outcome in ("revoked", "rejected", "not_enrolled"):
            # Every cycle says so again, so a window opened later shows it too.
            kind = "not_enrolled" if result.outcome == "not_enrolled" else "revoked"
            self._emit(SyncEvent(kind, message=result.message))
        return result

    def _run(
        self, store: OutboxStore, transport: Transport, device: DeviceState, max_wait: float
    ) -> RunResult:
        result = RunResult("empty", "")
        if not self._recovered:
            self._recover(store)
        if not self._reachable(transport):
            result.outcome = "unreachable"
            result.message = f"The server at {device.server_url} is unreachable; dossiers stay queued."
            return result
        refused = self._check_device(store, transport, device)
        if refused is not None:
            result.outcome, result.message = refused
            return result
        deadline = time.monotonic() + max_wait
        while True:
            if self._stop.is_set():
                result.outcome, result.message = "stopped", "Sync stopped."
                return result
            due = store.outbox_due(limit=max(20, 8 * self.parallel))
            if not due:
                upcoming = store.outbox_due(now=datetime.now(UTC) + timedelta(seconds=max_wait), limit=1)
                if not upcoming or time.monotonic() >= deadline:
                    break
                pause = (_parse_ts(upcoming[0].next_attempt_at) - datetime.now(UTC)).total_seconds()
                if self._stop.wait(min(max(0.01, pause), max(0.0, deadline - time.monotonic()))):
                    continue
                continue
            verdict = self._send_batch(store, device, due, result)
            if verdict is not None and verdict in ("unreachable", "revoked", "rejected"):
                result.outcome = verdict
                if verdict in ("revoked", "rejected"):
                    result.message = _refused_message(device)
                if verdict == "unreachable":
                    result.message = (
                        f"The server at {device.server_url} became unreachable; the rest stays queued."
                    )
                return result
        self._anchor_log(store, transport)
        stats = store.outbox_stats()
        waiting = int(stats.get("queued", 0)) + int(stats.get("uploading", 0))
        if waiting:
            result.outcome = "waiting"
            result.message = f"{waiting} dossier(s) wait for a retry after a temporary server error."
        else:
            result.message = f"The queue is empty ({len(result.sent)} sent)."
        return result

    def _new_transport(self, device: DeviceState, store: OutboxStore) -> Transport:
        return Transport(
            device,
            load_key(self.profile, store),
            connect_timeout=self.timeouts[0],
            read_timeout=self.timeouts[1],
            chunk_size=self.chunk_size,
            bucket=self._bucket,
        )

    def _send_batch(
        self, store: OutboxStore, device: DeviceState, due: list[Any], result: RunResult
    ) -> str | None:
        """Send ``due`` (oldest first) over ``parallel`` connections; returns a stopping verdict or None.

        Several dossiers in flight hide the per-request round trips; each thread has its own
        connection, the store is thread-safe, and a stopping verdict (unreachable, revoked)
        keeps the remaining entries from even being attempted.
        """
        abort: list[str] = []
        lock = threading.Lock()
        local = threading.local()
        transports: list[Transport] = []

        def one(entry: Any) -> None:
            if abort or self._stop.is_set():
                return
            t = getattr(local, "transport", None)
            if t is None:
                t = local.transport = self._new_transport(device, store)
                with lock:
                    transports.append(t)
            verdict = self._send_one(store, t, device, entry, result, lock=lock)
            if verdict in ("unreachable", "revoked", "rejected"):
                with lock:
                    abort.append(verdict)

        try:
            if self.parallel <= 1 or len(due) == 1:
                for entry in due:
                    one(entry)
            else:
                with ThreadPoolExecutor(self.parallel, thread_name_prefix="kiosk-sync-send") as pool:
                    for f in [pool.submit(one, e) for e in due]:
                        f.result()
        finally:
            for t in transports:
                t.close()
        return abort[0] if abort else None

    def _check_device(
        self, store: OutboxStore, transport: Transport, device: DeviceState
    ) -> tuple[str, str] | None:
        """Ask the server for its current key with a signed request (at the start of a run
        with work to do, else now and then): a revoked device learns it even with nothing to
        send, and after ``kiosk server rotate-key`` new envelopes are sealed to the new key,
        accepted only when the pinned key vouches for it. Returns a stopping (outcome, message)."""
        now = time.monotonic()
        if (
            self._key_checked
            and now - self._key_checked < self.status_interval
            and not store.outbox_due(limit=1)
        ):
            return None
        try:
            kid, pub = transport.vouched_server_key()
        except SyncHttpError as exc:
            if exc.code in (P.E_REVOKED, P.E_UNKNOWN_DEVICE):
                self._mark_refused(device, exc)
                return "revoked", _refused_message(device)
            if exc.code == P.E_BAD_SIGNATURE:
                return "rejected", _refused_message(device)
            return None  # an older server without the endpoint, or a passing error: send anyway
        except UntrustedKeyError as exc:
            log.warning("the server key was not updated: untrusted proof")
            self._emit(SyncEvent("key_untrusted", message=str(exc)))
            return None
        except ServerUnreachableError:
            return None  # the sends below find out and defer
        self._key_checked = now
        if kid != device.key_id:
            device.key_id, device.server_public_key = kid, b64e(pub)
            current = load_device(self.profile)
            if current is not None and current.device_id == device.device_id:
                current.key_id, current.server_public_key = kid, b64e(pub)
                save_device(self.profile, current)
            log.info("the server key changed; new envelopes are sealed to %s", kid)
        return None

    def _anchor_log(self, store: OutboxStore, transport: Transport) -> None:
        """Send the processing log's checkpoint (entry count and head hash, no content) so the
        server holds a head the data-key holders cannot rewrite; keep what it accepted in the
        store, where ``verify_log`` checks the chain against it. A refusal (the checkpoint
        contradicts one the server holds: the log was rewritten, cut or restored from an
        older copy) is recorded and logged, never fatal to the run. Unchanged checkpoints are
        re-sent at most every ``status_interval``."""
        checkpoint = store.log_checkpoint()
        key = (int(checkpoint["entries"]), str(checkpoint["head"]))
        if self._anchor_sent.get(key, -math.inf) > time.monotonic() - self.status_interval:
            return  # an idle device would otherwise add a row (or an alert) every cycle
        self._anchor_sent = {key: time.monotonic()}
        try:
            transport.log_checkpoint(checkpoint)
        except SyncHttpError as exc:
            if exc.code != P.E_LOG_CONTRADICTION:
                return  # an older server without the endpoint, or a passing error: next run
            log.warning("the intake server refused the processing-log checkpoint as contradicting")
            store.record_log_anchor(*key, contradicted=exc.detail)
            self._emit(SyncEvent("log_contradicted", message=exc.detail))
            return
        except ServerUnreachableError:
            return
        store.record_log_anchor(*key)

    def _mark_refused(self, device: DeviceState, exc: SyncHttpError) -> None:
        reason = exc.body.get("reason")
        device.revoked = exc.detail
        device.revoked_reason = reason[:300] if isinstance(reason, str) and reason else None
        current = load_device(self.profile)
        if current is not None and current.device_id == device.device_id:
            current.revoked, current.revoked_reason = device.revoked, device.revoked_reason
            save_device(self.profile, current)

    def _reachable(self, transport: Transport) -> bool:
        try:
            transport.health()
        except (ServerUnreachableError, SyncHttpError):
            self.online = False
            self._emit(SyncEvent("offline"))
            return False
        self.online = True
        self._emit(SyncEvent("online"))
        return True

    def _recover(self, store: OutboxStore) -> None:
        """After a crash: entries left 'uploading' by a dead sender are due again now."""
        far = datetime.now(UTC) + timedelta(days=3650)
        for entry in store.outbox_due(now=far, limit=10_000):
            if entry.status == "uploading":
                store.outbox_defer(entry.uuid, datetime.now(UTC), "interrupted; retrying")
        for tmp in self.outbox.glob("*/.tmp-*"):
            shutil.rmtree(tmp, ignore_errors=True)
        # A crash between "synced" and the cache clean-up leaves sealed bytes nobody needs.
        for cached in self.outbox.iterdir():
            if cached.is_dir() and (self._gone(store, cached.name) or not any(cached.iterdir())):
                shutil.rmtree(cached, ignore_errors=True)
        self._recovered = True

    def _send_one(
        self,
        store: OutboxStore,
        transport: Transport,
        device: DeviceState,
        entry: Any,
        result: RunResult,
        *,
        lock: Any,
    ) -> str:
        uuid = entry.uuid
        try:
            entry = store.outbox_mark_attempt(uuid)  # committed before anything is sent
        except KioskError:
            return "ok"  # withdrawn or purged since it was listed: nothing to send
        self._emit(SyncEvent("attempt", uuid))
        try:
            sealed = self._sealed(store, device, uuid, int(entry.revision))

            def progress(done: int, total: int) -> None:
                self._emit(SyncEvent("progress", uuid, done, total))

            def still_current() -> bool:
                # An edit during upload bumps the revision: do not commit the stale seal.
                return int(store.outbox_entry(uuid).revision) == sealed.manifest.revision

            def should_stop() -> bool:
                # Checked between chunks: a stale seal stops at once instead of uploading to
                # the end only to be dropped at commit (one indexed read per chunk).
                return self._stop.is_set() or not still_current()

            answer = transport.send(sealed, progress, should_stop, before_commit=still_current)
        except ServerUnreachableError as exc:
            self._defer(store, entry, str(exc), None)
            with lock:
                result.deferred += 1
            return "ok" if self._reachable(transport) else "unreachable"
        except SyncHttpError as exc:
            if exc.code in (P.E_REVOKED, P.E_UNKNOWN_DEVICE):
                self._mark_refused(device, exc)
                self._defer_now(store, uuid, exc.detail)
                self._emit(SyncEvent("revoked", uuid, message=exc.detail))
                return "revoked"
            if exc.code == P.E_BAD_SIGNATURE:
                device.revoked = None
                self._defer_now(store, uuid, exc.detail)
                self._emit(SyncEvent("revoked", uuid, message=exc.detail))
                return "rejected"
            if exc.permanent:
                self._quarantine(store, uuid, exc.detail)
                with lock:
                    result.quarantined += 1
                return "ok"
            self._defer(store, entry, exc.detail, exc.retry_after)
            with lock:
                result.deferred += 1
            return "ok"
        except (EnvelopeError, KioskError) as exc:
            # A local problem (an attachment failing its hash, a damaged cache): the officer decides.
            self._quarantine(store, uuid, str(exc))
            with lock:
                result.quarantined += 1
            return "ok"
        if answer is None:  # stopped, or edited meanwhile: go round again
            self._defer_now(store, uuid, "changed while uploading")
            return "ok"
        code = str(answer["official_code"])
        try:
            store.outbox_mark_synced(uuid, code, sealed.manifest.revision)
        except KioskError as exc:  # withdrawn meanwhile; the server holds it under ``code``
            log.warning("a sent dossier could not be marked synced: %s", exc.__class__.__name__)
        self._drop_cache(uuid, keep_revision=None if self._gone(store, uuid) else -1)
        with lock:
            result.sent.append((uuid, code))
        self._emit(SyncEvent("synced", uuid, official_code=code))
        return "ok"

    def _gone(self, store: OutboxStore, uuid: str) -> bool:
        try:
            store.outbox_entry(uuid)
        except KioskError:
            return True
        return False

    def _defer(self, store: OutboxStore, entry: Any, error: str, retry_after: float | None) -> None:
        delay = backoff_delay(int(entry.attempts), self.base_delay, self.max_delay, self.rng, retry_after)
        try:
            store.outbox_defer(entry.uuid, datetime.now(UTC) + timedelta(seconds=delay), error)
        except KioskError:
            return  # withdrawn meanwhile: nothing left to retry
        self._emit(SyncEvent("deferred", entry.uuid, message=error))

    def _defer_now(self, store: OutboxStore, uuid: str, error: str) -> None:
        with contextlib.suppress(KioskError):  # withdrawn meanwhile
            store.outbox_defer(uuid, datetime.now(UTC), error)

    def _quarantine(self, store: OutboxStore, uuid: str, reason: str) -> None:
        self._drop_cache(uuid, keep_revision=None)
        try:
            store.outbox_quarantine(uuid, reason)
        except KioskError:
            return  # withdrawn meanwhile
        self._emit(SyncEvent("quarantined", uuid, message=reason))

    # ---- sealed cache -------------------------------------------------------------------------

    def _sealed(self, store: OutboxStore, device: DeviceState, uuid: str, revision: int) -> SealedDossier:
        target = self.outbox / uuid / f"r{revision}"
        if (target / "manifest.json").exists():
            try:
                sealed = SealedDossier.load(target)
                if sealed.manifest.key_id == device.key_id and sealed.manifest.device_id == device.device_id:
                    return sealed
            except EnvelopeError:
                pass
        payload = store.export_for_sync(uuid)
        target = self.outbox / uuid / f"r{int(payload.revision)}"
        record: bytes = payload.dossier_json
        files = [PlainFile("dossier", lambda: io.BytesIO(record))]
        files += [
            PlainFile("attachment", f.open, ref=str(f.attachment_id), verified_sha256=str(f.sha256))
            for f in payload.files
        ]
        sealed = seal_dossier(
            dossier_uuid=uuid,
            revision=int(payload.revision),
            files=files,
            device_id=device.device_id,
            device_key=load_key(self.profile, store),
            server_public=b64d(device.server_public_key),
            key_id=device.key_id,
            out_dir=target,
        )
        self._drop_cache(uuid, keep_revision=int(payload.revision))
        return sealed

    def _drop_cache(self, uuid: str, keep_revision: int | None) -> None:
        if keep_revision == -1:
            return
        base = self.outbox / uuid
        if not base.exists():
            return
        if keep_revision is None:
            shutil.rmtree(base, ignore_errors=True)
            return
        for child in base.iterdir():
            if child.name != f"r{keep_revision}":
                shutil.rmtree(child, ignore_errors=True)

    # ---- status pull --------------------------------------------------------------------------

    def pull_statuses(self, store: Any, limit: int = 200) -> int:
        """Fetch portal status codes (1-10) for synced dossiers; returns how many changed."""
        from kiosk.dossier.model import DossierState

        device = load_device(self.profile)
        if device is None or device.revoked:
            return 0
        self._last_status_pull = time.monotonic()
        changed = 0
        transport = Transport(
            device,
            load_key(self.profile, store),
            connect_timeout=self.timeouts[0],
            read_timeout=self.timeouts[1],
        )
        try:
            for summary in store.list_dossiers(state=DossierState.synced, limit=limit):
                try:
                    st = transport.status(summary.uuid)
                except SyncHttpError:
                    continue
                code = st.get("portal_status")
                if isinstance(code, int) and code != summary.portal_status:
                    store.set_portal_status(summary.uuid, code)
                    changed += 1
        except (ServerUnreachableError, KioskError):
            pass  # offline, or a store handle that may not list dossiers (kiosk role): try later
        finally:
            transport.close()
        return changed

    def _emit(self, event: SyncEvent) -> None:
        if self.on_event is not None:
            try:
                self.on_event(event)
            except Exception:  # a UI callback must never break the sender
                log.exception("sync event callback failed")


def _refused_message(device: DeviceState) -> str:
    """What ``kiosk sync run`` prints when the server refuses this device (the UI shows its
    own translated sentence with the administrator's reason)."""
    text = "The server refused this device; sending stopped and dossiers stay queued. "
    if device.revoked_reason:
        text += f"Reason given by the administrator: {device.revoked_reason}. "
    elif device.revoked:
        text += f"The server said: {device.revoked} "
    return text + "Contact the province IT team for a new enrolment code."


def _parse_ts(text: str) -> datetime:
    dt = datetime.fromisoformat(text)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def sealed_cache_bytes(profile: Profile) -> int:
    total = 0
    for root, _dirs, names in os.walk(outbox_dir(profile)):
        total += sum((Path(root) / n).stat().st_size for n in names)
    return total

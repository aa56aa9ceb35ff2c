"""Headless commands: ``kiosk sync ...``, ``kiosk server ...`` and ``kiosk enrol URL CODE``.

The store is unlocked with an officer passphrase (``KIOSK_PASSPHRASE`` or ``--passphrase-fd N``,
officer ``--user`` / ``KIOSK_USER``, default ``admin``), or, with neither given, with the kiosk
machine secret from the OS keyring (unattended kiosks).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError, UsageError
from kiosk.profile import Profile

DEFAULT_STALE_HOURS = 24.0


def _read_fd(fd: int) -> str:
    try:
        with os.fdopen(fd, "r", encoding="utf-8", closefd=True) as fh:
            return fh.readline().rstrip("\r\n")
    except OSError as exc:
        raise UsageError(f"File descriptor {fd} cannot be read; pass an open descriptor.") from exc


def open_store(profile: Profile, args: argparse.Namespace | None = None) -> Any:
    """Unlock the profile's store the way the CLI does (passphrase, else machine secret)."""
    from kiosk.security import keys

    fd = getattr(args, "passphrase_fd", None) if args is not None else None
    passphrase = _read_fd(fd) if fd is not None else os.environ.get("KIOSK_PASSPHRASE")
    if passphrase:
        user = (
            (getattr(args, "user", None) if args is not None else None)
            or os.environ.get("KIOSK_USER")
            or "admin"
        )
        store, _session = keys.unlock_with_passphrase(profile, user, passphrase)
        return store
    return keys.unlock_with_machine_secret(profile)


def _emit(args: argparse.Namespace, obj: Any, text: str) -> None:
    if getattr(args, "json", False):
        json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print(text)


def status_dict(profile: Profile, store: Any, stale_hours: float = DEFAULT_STALE_HOURS) -> dict[str, Any]:
    from sync.device import load_device

    dev = load_device(profile)
    stats = store.outbox_stats()
    oldest = stats.get("oldest_queued_at")
    age_h = None
    if oldest:
        dt = datetime.fromisoformat(oldest)
        age_h = (datetime.now(UTC) - (dt if dt.tzinfo else dt.replace(tzinfo=UTC))).total_seconds() / 3600
    anchor = store.log_anchor() if hasattr(store, "log_anchor") else None
    return {
        "enrolled": dev is not None,
        "device_id": dev.device_id if dev else None,
        "unit_code": dev.unit_code if dev else None,
        "server_url": dev.server_url if dev else None,
        "revoked": dev.revoked if dev else None,
        "queued": int(stats.get("queued", 0)) + int(stats.get("uploading", 0)),
        "uploading": int(stats.get("uploading", 0)),
        "quarantined": int(stats.get("quarantined", 0)),
        "last_success": stats.get("last_success"),
        "oldest_queued_at": oldest,
        "stale": age_h is not None and age_h > stale_hours,
        # "accepted": the server holds the processing log's checkpoint; "contradicted": it
        # refused a later one (the log was rewritten, cut or restored from an older copy).
        "log_anchor": anchor["state"] if anchor else None,
        "log_anchor_entries": anchor["entries"] if anchor else None,
        "log_anchor_detail": anchor.get("detail") if anchor else None,
    }


def _sync_status(args: argparse.Namespace) -> int:
    profile = Profile.open(args.profile)
    store = open_store(profile, args)
    try:
        st = status_dict(profile, store, args.stale_hours)
    finally:
        store.close()
    text = (
        f"device: {st['device_id'] or 'not enrolled'}"
        + (f" (REVOKED: {st['revoked']})" if st["revoked"] else "")
        + f"\nserver: {st['server_url'] or '-'}\nqueued: {st['queued']}  quarantined: {st['quarantined']}"
        f"\nlast success: {st['last_success'] or 'never'}"
        + ("\nthe queue is older than the threshold" if st["stale"] else "")
        + (
            f"\nPROCESSING LOG CONTRADICTED at the server: {st['log_anchor_detail']}"
            if st["log_anchor"] == "contradicted"
            else ""
        )
    )
    _emit(args, st, text)
    return 0


def _sync_run(args: argparse.Namespace) -> int:
    from sync.worker import SyncWorker

    profile = Profile.open(args.profile)
    store = open_store(profile, args)
    if hasattr(store, "restrict_to_sync"):
        store.restrict_to_sync()  # least privilege: the sender needs the outbox, not the contents
    try:
        worker = SyncWorker(
            lambda: store,
            profile,
            base_delay=args.base_delay,
            max_wait=args.max_wait,
            bandwidth=args.bandwidth,
            connect_timeout=args.connect_timeout,
            read_timeout=args.read_timeout,
        )
        result = worker.run_until_empty(store=store)
        if args.pull_status and result.outcome == "empty":
            worker.pull_statuses(store)
    finally:
        store.close()
    obj = {
        "outcome": result.outcome,
        "message": result.message,
        "deferred": result.deferred,
        "quarantined": result.quarantined,
        "sent": [{"uuid": u, "official_code": c} for u, c in result.sent],
    }
    lines = [f"{u}  {c}" for u, c in result.sent] + [result.message]
    _emit(args, obj, "\n".join(lines))
    return result.exit_code


def _sync_retry(args: argparse.Namespace) -> int:
    from kiosk.dossier.model import DossierState

    profile = Profile.open(args.profile)
    store = open_store(profile, args)
    try:
        targets = list(args.uuid)
        if args.all:
            targets += [s.uuid for s in store.list_dossiers(state=DossierState.quarantined, limit=10_000)]
        if not targets:
            raise UsageError("Name the dossiers to retry (UUIDs) or pass --all.")
        for uuid in targets:
            store.outbox_requeue(uuid)
    finally:
        store.close()
    _emit(args, {"requeued": targets}, f"{len(targets)} dossier(s) back in the queue.")
    return 0


def _sync_quarantine(args: argparse.Namespace) -> int:
    from kiosk.dossier.model import DossierState

    profile = Profile.open(args.profile)
    store = open_store(profile, args)
    try:
        rows = []
        for s in store.list_dossiers(state=DossierState.quarantined, limit=10_000):
            entry = store.outbox_entry(s.uuid)
            rows.append(
                {
                    "uuid": s.uuid,
                    "provisional_code": s.provisional_code,
                    "reason": entry.last_error,
                    "attempts": entry.attempts,
                }
            )
    finally:
        store.close()
    _emit(
        args,
        rows,
        "\n".join(f"{r['provisional_code']}  {r['uuid']}  {r['reason']}" for r in rows)
        or "No dossier is in quarantine.",
    )
    return 0


def _enrol(args: argparse.Namespace) -> int:
    from sync.enrol import enrol

    profile = Profile.open(args.profile)
    # The new signing key is sealed under the store, so enrolling unlocks it like `kiosk sync`.
    store = open_store(profile, args)
    try:
        dev = enrol(
            profile,
            args.url,
            args.code,
            store=store,
            label=args.label,
            ca_bundle=args.ca_bundle,
            force=args.force,
        )
    finally:
        store.close()
    _emit(
        args,
        {
            "device_id": dev.device_id,
            "unit_code": dev.unit_code,
            "server_url": dev.server_url,
            "key_id": dev.key_id,
        },
        f"Enrolled as {dev.device_id} for unit {dev.unit_code}.",
    )
    return 0


# ---- server --------------------------------------------------------------------------------


def _admin(args: argparse.Namespace) -> Any:
    from sync.server.admin import open_admin

    if not args.data:
        raise UsageError("Give the server data directory with --data DIR.")
    # A typo must not quietly create an empty server (new keys, empty database) to report on.
    if not (Path(args.data) / "server.json").is_file():
        raise UsageError(
            f"{args.data} holds no intake server (no server.json); check --data, "
            "or create one there with `kiosk server --data DIR`."
        )
    return open_admin(Path(args.data), args.db_url)


def _server(args: argparse.Namespace) -> int:
    from sync.server.app import serve

    data = args.data or str(Profile.open(args.profile).root / "server")
    serve(
        data,
        args.host,
        args.port,
        args.db_url,
        port_file=Path(args.port_file) if args.port_file else None,
        tls_cert=args.tls_cert,
        tls_key=args.tls_key,
    )
    return 0


def _server_enrol_code(args: argparse.Namespace) -> int:
    svc = _admin(args)
    code = svc.mint_enrol_code(args.unit, int(args.ttl_hours * 3600) if args.ttl_hours else None)
    _emit(args, {"code": code, "unit_code": args.unit or svc.data.config.unit_code}, code)
    return 0


def _server_dossiers(args: argparse.Namespace) -> int:
    from sync.server.service import ApiError

    svc = _admin(args)
    try:
        rows = svc.list_dossiers()
    except ApiError as err:
        raise KioskError(err.detail) from err
    _emit(
        args,
        rows,
        "\n".join(f"{r['official_code']}  {r['uuid']}  {r['device']}  {r['received_at']}" for r in rows)
        or "No dossier received yet.",
    )
    return 0


def _server_audit(args: argparse.Namespace) -> int:
    rows = _admin(args).audit_trail(args.limit)
    _emit(
        args,
        rows,
        "\n".join(
            f"{r['at']}  {r['action']:<18} {r['device_id'] or '-':<24} "
            f"{r['dossier_uuid'] or '-'}  {r['detail']}"
            for r in rows
        )
        or "The audit trail is empty.",
    )
    return 0


def _server_log_checkpoints(args: argparse.Namespace) -> int:
    rows = _admin(args).log_checkpoints(args.device, args.limit)
    _emit(
        args,
        rows,
        "\n".join(f"{r['received_at']}  {r['device_id']:<24} {r['entries']:>8}  {r['head']}" for r in rows)
        or "No processing-log checkpoint received yet.",
    )
    return 0


def _server_gc(args: argparse.Namespace) -> int:
    n = _admin(args).collect_garbage(args.min_age_hours * 3600)
    _emit(args, {"deleted": n}, f"{n} orphan blob part(s) deleted.")
    return 0


def _server_revoke(args: argparse.Namespace) -> int:
    from sync.server.service import ApiError

    try:
        _admin(args).revoke(args.device_id, args.reason)
    except ApiError as err:
        raise KioskError(err.detail) from err
    print(f"Device {args.device_id} revoked.")
    return 0


def _server_set_status(args: argparse.Namespace) -> int:
    from sync.server.service import ApiError

    try:
        _admin(args).set_portal_status(args.uuid, args.code)
    except ApiError as err:
        raise KioskError(err.detail) from err
    return 0


def _server_export(args: argparse.Namespace) -> int:
    from sync.server.service import ApiError

    try:
        res = _admin(args).export_due(args.uuid or None)
    except ApiError as err:
        raise KioskError(err.detail) from err
    _emit(
        args,
        res,
        f"{res['exported']} dossier(s) exported"
        + (f"; {len(res['failed'])} still failing (see `kiosk server audit`)." if res["failed"] else "."),
    )
    return 1 if res["failed"] else 0


def _server_rotate_key(args: argparse.Namespace) -> int:
    kid = _admin(args).data.rotate_key()
    print(
        f"New server key {kid}; devices enrolled from now on seal to it, old keys still open old envelopes."
    )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sync = subparsers.add_parser("sync", help="send queued dossiers to the intake server")
    ssub = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)

    def store_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--user", help="officer user name (default: $KIOSK_USER or 'admin')")
        p.add_argument("--passphrase-fd", type=int, metavar="N", help="read the passphrase from descriptor N")
        p.add_argument("--json", action="store_true", help="machine-readable output")

    p = ssub.add_parser("status", help="queued and quarantined counts, last success")
    store_args(p)
    p.add_argument(
        "--stale-hours",
        type=float,
        default=DEFAULT_STALE_HOURS,
        help="flag the queue as stale when its oldest dossier is older than this",
    )
    p.set_defaults(func=_sync_status)

    p = ssub.add_parser(
        "run",
        help="send until the queue is empty or the server is unreachable",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="exit status:\n"
        "  0  the queue is empty (everything sent)\n"
        "  3  this device is not enrolled (kiosk enrol URL CODE)\n"
        "  4  the server refused this device (revoked, unknown or bad signature)\n"
        "  5  the server is unreachable; dossiers stay queued\n"
        "  6  some dossiers wait for a retry after a temporary server error\n"
        "  7  another sync of this profile is already running\n"
        "  8  stopped before the queue was empty",
    )
    store_args(p)
    p.add_argument(
        "--max-wait", type=float, default=30.0, help="seconds to wait for retries after server errors"
    )
    p.add_argument("--base-delay", type=float, default=5.0, help="first backoff step in seconds")
    p.add_argument(
        "--bandwidth", type=float, default=None, help="cap upload rate (bytes/second) on metered links"
    )
    p.add_argument("--connect-timeout", type=float, default=5.0)
    p.add_argument("--read-timeout", type=float, default=60.0)
    p.add_argument(
        "--pull-status", action="store_true", help="also fetch portal status codes of sent dossiers"
    )
    p.set_defaults(func=_sync_run)

    p = ssub.add_parser("retry", help="move quarantined dossiers back to the queue")
    store_args(p)
    p.add_argument("uuid", nargs="*", help="dossier UUIDs")
    p.add_argument("--all", action="store_true", help="every quarantined dossier")
    p.set_defaults(func=_sync_retry)

    p = ssub.add_parser("quarantine", help="list quarantined dossiers with the server's reason")
    store_args(p)
    p.set_defaults(func=_sync_quarantine)

    p = subparsers.add_parser("enrol", help="enrol this device with an intake server (one-time code)")
    p.add_argument("url", help="server URL, e.g. https://intake.example.gov.vn")
    p.add_argument("code", help="one-time enrolment code from the server administrator")
    p.add_argument("--ca-bundle", default=None, help="CA bundle file to trust for this server")
    p.add_argument("--label", default=None, help="a name for this device shown to the administrator")
    p.add_argument("--force", action="store_true", help="replace an existing enrolment")
    p.add_argument("--user", help="officer user name (default: $KIOSK_USER or 'admin')")
    p.add_argument("--passphrase-fd", type=int, metavar="N", help="read the passphrase from descriptor N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_enrol)

    srv = subparsers.add_parser("server", help="run the reference intake server, or administer it")
    srv.add_argument("--data", default=None, help="server data directory (default: PROFILE/server)")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=8470, help="0 picks a free port")
    srv.add_argument("--db-url", default=None, help="database URL (default: SQLite in the data directory)")
    srv.add_argument("--port-file", default=None, help="write the port chosen to this file")
    srv.add_argument("--tls-cert", default=None, help="PEM certificate chain: serve HTTPS")
    srv.add_argument("--tls-key", default=None, help="PEM private key of the certificate")
    srv.set_defaults(func=_server)
    vsub = srv.add_subparsers(dest="server_command", metavar="ACTION")

    def admin_args(p: argparse.ArgumentParser) -> None:
        # SUPPRESS keeps a value given before the action (kiosk server --data D enrol-code).
        p.add_argument("--data", default=argparse.SUPPRESS, help="server data directory")
        p.add_argument("--db-url", default=argparse.SUPPRESS, help="database URL")
        p.add_argument("--json", action="store_true")

    p = vsub.add_parser("enrol-code", help="mint a one-time device enrolment code")
    admin_args(p)
    p.add_argument("--unit", default=None, help="unit code the device will belong to")
    p.add_argument("--ttl-hours", type=float, default=None, help="validity (default 7 days)")
    p.set_defaults(func=_server_enrol_code)

    p = vsub.add_parser("dossiers", help="list received dossiers with file hashes")
    admin_args(p)
    p.set_defaults(func=_server_dossiers)

    p = vsub.add_parser("audit", help="the audit trail, newest first")
    admin_args(p)
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(func=_server_audit)

    p = vsub.add_parser(
        "log-checkpoints", help="processing-log checkpoints received from devices, newest first"
    )
    admin_args(p)
    p.add_argument("--device", default=None, help="only this device id")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(func=_server_log_checkpoints)

    p = vsub.add_parser("gc", help="delete blob parts no dossier refers to")
    admin_args(p)
    p.add_argument("--min-age-hours", type=float, default=1.0)
    p.set_defaults(func=_server_gc)

    p = vsub.add_parser("revoke", help="revoke a device")
    admin_args(p)
    p.add_argument("device_id")
    p.add_argument("--reason", default="revoked by the administrator")
    p.set_defaults(func=_server_revoke)

    p = vsub.add_parser("set-status", help="record a portal status code (1-10) for a dossier")
    admin_args(p)
    p.add_argument("uuid")
    p.add_argument("code", type=int, choices=range(1, 11))
    p.set_defaults(func=_server_set_status)

    p = vsub.add_parser(
        "export",
        help="forward committed dossiers whose export failed or never ran (the running server also "
        "retries them every export_retry_s seconds); exit 1 if some still fail",
    )
    admin_args(p)
    p.add_argument("--uuid", action="append", help="export this dossier again even if done (repeatable)")
    p.set_defaults(func=_server_export)

    p = vsub.add_parser("rotate-key", help="make a new server key current (old keys are kept)")
    admin_args(p)
    p.set_defaults(func=_server_rotate_key)

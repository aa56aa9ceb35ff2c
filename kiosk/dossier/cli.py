"""Headless commands: ``kiosk dossier ...`` and ``kiosk admin ...``.

Secrets never come from the command line (it is visible to every user of the machine):
the passphrase is read from ``KIOSK_PASSPHRASE`` or ``--passphrase-fd N``; a new passphrase
from ``KIOSK_NEW_PASSPHRASE`` or ``--new-passphrase-fd N``; a recovery key from
``KIOSK_RECOVERY_KEY`` or ``--recovery-key-fd N``. The officer is ``--user`` or ``KIOSK_USER``
(default ``admin``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import mimetypes
import os
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kiosk.citizen import Citizen, CitizenDataError
from kiosk.dossier.model import DossierState
from kiosk.errors import KioskError, UsageError
from kiosk.profile import Profile


def _read_fd(fd: int) -> str:
    try:
        with os.fdopen(fd, "r", encoding="utf-8", closefd=True) as fh:
            return fh.readline().rstrip("\r\n")
    except OSError as exc:
        raise UsageError(f"File descriptor {fd} cannot be read; pass an open descriptor.") from exc


def _secret(args: argparse.Namespace, fd_attr: str, env: str, what: str) -> str:
    fd = getattr(args, fd_attr, None)
    if fd is not None:
        return _read_fd(fd)
    value = os.environ.get(env)
    if value:
        return value
    raise UsageError(
        f"Give the {what} in the environment variable {env} or with --{fd_attr.replace('_', '-')} N."
    )


def _user(args: argparse.Namespace) -> str:
    return args.user or os.environ.get("KIOSK_USER") or "admin"


def _unlock(args: argparse.Namespace) -> tuple[Profile, Any, Any]:
    from kiosk.security.keys import unlock_with_passphrase

    profile = Profile.open(args.profile)
    passphrase = _secret(args, "passphrase_fd", "KIOSK_PASSPHRASE", "passphrase")
    store, session = unlock_with_passphrase(profile, _user(args), passphrase)
    return profile, store, session


@contextlib.contextmanager
def _opened(store: Any) -> Iterator[Any]:
    """Close the store at the end; processing-log entries a full disk kept in memory are
    written then if possible, and never dropped without saying so."""
    try:
        yield store
    finally:
        with contextlib.suppress(KioskError):
            store.flush_log()
        left = store.unwritten_log_entries
        store.close()
        if left:
            print(
                f"Warning: {left} processing-log entries (logins, views) could not be recorded "
                "because the disk is full; free space (for example 'kiosk dossier purge').",
                file=sys.stderr,
            )


def _emit(args: argparse.Namespace, obj: Any, text: str) -> None:
    if getattr(args, "json", False):
        json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print(text)


def _resolve(store: Any, ref: str) -> str:
    rows = store._read(
        "SELECT uuid FROM dossiers WHERE uuid = ? OR provisional_code = ? OR official_code = ?",
        (ref, ref.upper(), ref),
    )
    if rows:
        uuid = str(rows[0][0])
        store._check_access(uuid)
        return uuid
    if store.restricted:
        # A kiosk or community account gets for an unknown code the very answer (and exit
        # status) it gets for someone else's: no way to probe which codes exist.
        store._check_access("")
    raise KioskError("No dossier has that id or code; check it with 'kiosk dossier list'.")


def _common(p: argparse.ArgumentParser, *, json_flag: bool = True) -> None:
    p.add_argument("--user", help="officer user name (default: $KIOSK_USER or 'admin')")
    p.add_argument(
        "--passphrase-fd", type=int, metavar="N", help="read the passphrase from file descriptor N"
    )
    if json_flag:
        p.add_argument("--json", action="store_true", help="machine-readable output")


# -- dossier ------------------------------------------------------------------------------------
def _load_data_file(path: str) -> tuple[dict[str, Citizen], dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"The data file {path} does not exist.") from exc
    except (OSError, ValueError) as exc:
        raise UsageError(f"The data file {path} is not valid JSON ({exc.__class__.__name__}).") from exc
    if not isinstance(data, dict) or not isinstance(data.get("roles", {}), dict):
        raise UsageError('The data file must be {"roles": {"applicant": {...}}, "fields": {...}}.')
    fields = data.get("fields", {})
    if not isinstance(fields, dict):
        raise UsageError('"fields" in the data file must be a JSON object.')
    roles: dict[str, Citizen] = {}
    for role, rec in data.get("roles", {}).items():
        try:
            roles[role] = Citizen.from_json(rec)
        except CitizenDataError as exc:
            raise UsageError(f"Role '{role}' in the data file: {exc}.") from exc
    return roles, fields


def _check_procedure(profile_dir: str | None, procedure_id: str) -> None:
    """The procedure must be a form (in force today) or a bundle of the catalogue, including
    the profile's own form files; a typo would otherwise make a dossier nobody can process."""
    from kiosk.forms.catalogue import UnknownFormError, load_catalogue, profile_forms_dir

    catalogue = load_catalogue(overrides=profile_forms_dir(Profile.open(profile_dir).root))
    if any(b.id == procedure_id for b in catalogue.bundles):
        return
    try:
        catalogue.get(procedure_id)
    except UnknownFormError as exc:
        raise UsageError(str(exc)) from exc


def cmd_create(args: argparse.Namespace) -> int:
    _check_procedure(args.profile, args.procedure)
    roles, fields = _load_data_file(args.data)
    for f in args.attach or []:
        if not Path(f).is_file():
            raise UsageError(f"The attachment {f} does not exist.")
    from kiosk.dossier.model import NewAttachment

    then = [DossierState.received] if args.receive or args.queue else []
    if args.queue:
        then.append(DossierState.queued)
    _profile, store, session = _unlock(args)
    with _opened(store), contextlib.ExitStack() as files:
        session.require("create")
        attachments = []
        for f in args.attach or []:
            try:
                fh = files.enter_context(open(f, "rb"))
            except OSError as exc:
                raise UsageError(f"The attachment {f} cannot be read ({exc.strerror}).") from exc
            mime = mimetypes.guess_type(f)[0] or "application/octet-stream"
            attachments.append(NewAttachment(Path(f).stem, fh, filename=Path(f).name, mime=mime))
        # One unit: a full disk half-way leaves no draft behind, so a retry makes no duplicate.
        d = store.create_dossier(
            args.procedure,
            roles,
            fields,
            channel=args.channel,
            officer=session.username,
            attachments=attachments,
            then=then,
        )
        _emit(
            args,
            {
                "uuid": d.uuid,
                "provisional_code": d.provisional_code,
                "state": d.state.value,
                "revision": d.revision,
                "attachments": len(d.components),
            },
            f"{d.provisional_code} {d.uuid} {d.state.value}",
        )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    _profile, store, session = _unlock(args)
    with _opened(store):
        session.require("list")
        state = DossierState(args.state) if args.state else None
        rows = store.list_dossiers(args.search, state, limit=args.limit, offset=args.offset)
        store.log_event("view", detail=f"list rows={len(rows)}")
        _emit(
            args,
            [r.__dict__ for r in rows],
            "\n".join(
                f"{r.provisional_code}\t{r.state.value}\t{r.procedure_id}\t{r.applicant_id_masked}\t"
                f"{r.applicant_name}\t{r.official_code or ''}"
                for r in rows
            )
            or "(no dossiers)",
        )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    _profile, store, session = _unlock(args)
    with _opened(store):
        session.require("view")
        uuid = _resolve(store, args.dossier)
        store.get_dossier(uuid)  # logs the view
        doc = store.export_dossier(uuid) if args.json else None
        d = store._load(uuid)
        lines = [
            f"Dossier {d.provisional_code} ({d.uuid})",
            f"  procedure: {d.procedure_id}   state: {d.state.value}   revision: {d.revision}",
            f"  official code: {d.official_code or '-'}   portal status: {d.portal_status or '-'}",
        ]
        for role, c in d.roles.items():
            lines.append(f"  {role}: {c.get('full_name') or ''} ({c.get('id_number') or ''})")
        for comp in d.components:
            lines.append(f"  component: {comp.name} [{comp.copy_kind} x{comp.count}] {comp.filename or ''}")
        lines.append("  history:")
        for h in d.history:
            lines.append(f"    {h.at} {h.from_state or '-'} -> {h.to_state} {h.actor or ''} {h.reason or ''}")
        _emit(args, doc, "\n".join(lines))
    return 0


def _export_target(path: str, profile: Profile) -> Path:
    """The export is plaintext personal data: like the recovery sheet, never into the profile
    or the temp folder (checked before unlocking, so nothing is read for nothing)."""
    from kiosk.security.recovery_sheet import in_private_places, resolved_target

    target = resolved_target(path)
    if in_private_places(target, profile):
        raise UsageError(
            "An export holds personal data in plain text; it cannot be saved in the profile or "
            "the temporary folder. Choose another folder and delete the file when done."
        )
    if not target.parent.is_dir():
        raise UsageError(f"The folder {target.parent} does not exist; create it or choose another.")
    return target


def _write_private(target: Path, text: str) -> None:
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "w", encoding="utf-8") as fh:
            if os.name == "posix":
                os.fchmod(fh.fileno(), 0o600)  # an existing file keeps its mode otherwise
            fh.write(text)
    except OSError as exc:
        raise KioskError(f"The export could not be written ({exc.strerror}); choose another place.") from exc


def cmd_export(args: argparse.Namespace) -> int:
    from kiosk.security.consent import subject_export

    target = _export_target(args.out, Profile.open(args.profile)) if args.out else None
    _profile, store, session = _unlock(args)
    with _opened(store):
        session.require("export" if not args.subject else "subject_request")
        if args.subject:
            id_number = sys.stdin.readline().strip()
            if not id_number.isdigit():
                raise UsageError("Give the citizen's ID number (digits) on standard input.")
            doc: Any = subject_export(store, id_number)
        else:
            if not args.dossier:
                raise UsageError("Name the dossier to export (id or code), or use --subject.")
            doc = store.export_dossier(_resolve(store, args.dossier))
        text = json.dumps(doc, ensure_ascii=False, indent=2, default=str)
        if target is not None:
            _write_private(target, text + "\n")
        else:
            print(text)
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    _profile, store, session = _unlock(args)
    with _opened(store):
        session.require("purge")
        if args.expired:
            grace = (
                args.grace_days
                if args.grace_days is not None
                else float(store.settings().get("retention_days", 30))
            )
            done = store.purge_expired(grace)
        elif args.dossier:
            uuid = _resolve(store, args.dossier)
            store.purge_dossier(uuid, reason=args.reason)
            done = [uuid]
        else:
            raise UsageError("Name the dossier to purge, or use --expired.")
        _emit(args, {"purged": done}, f"purged {len(done)} dossier(s)")
    return 0


def cmd_transition(args: argparse.Namespace) -> int:
    _profile, store, session = _unlock(args)
    with _opened(store):
        session.require("transition")
        uuid = _resolve(store, args.dossier)
        try:
            to = DossierState(args.state)
        except ValueError as exc:
            raise UsageError(
                "Unknown state; use one of: " + ", ".join(s.value for s in DossierState)
            ) from exc
        d = store.transition(uuid, to, reason=args.reason)
        _emit(args, {"uuid": d.uuid, "state": d.state.value}, f"{d.provisional_code} {d.state.value}")
    return 0


# -- admin --------------------------------------------------------------------------------------
def _kdf(args: argparse.Namespace) -> Any:
    from kiosk.security.keys import KdfParams

    if args.kdf_memory_kib is None and args.kdf_time is None:
        return None
    d = KdfParams()
    mem = args.kdf_memory_kib or d.memory_cost
    if mem < 8192:
        raise UsageError("--kdf-memory-kib must be at least 8192 (8 MiB).")
    return KdfParams(time_cost=args.kdf_time or d.time_cost, memory_cost=mem, parallelism=d.parallelism)


def _write_sheet(
    args: argparse.Namespace, profile: Profile, key_text: str, unit: tuple[str, str]
) -> str | None:
    """Write the recovery sheet if asked; on failure the key is still shown (never lost)."""
    from kiosk.security.recovery_sheet import render_recovery_sheet, save_recovery_sheet, sheet_for

    path = getattr(args, "sheet", None)
    if not path:
        return None
    try:
        info = sheet_for(profile, unit[0], unit[1], key_text)
        return str(save_recovery_sheet(path, render_recovery_sheet(info), profile))
    except KioskError as exc:
        print(f"{exc} The key is shown below instead.", file=sys.stderr)
        return None


def _check_sheet_path(args: argparse.Namespace, profile: Profile) -> None:
    from kiosk.security.recovery_sheet import check_destination

    if getattr(args, "sheet", None):
        check_destination(args.sheet, profile)  # before the key exists: a bad path loses nothing


def _key_text(key: str, sheet: str | None, intro: str, done: str = "") -> str:
    if sheet:  # on paper only: the key does not go to the terminal (scroll-back, screen logs)
        head = f"{done}\n" if done else ""
        return (
            f"{head}The recovery key is on the sheet {sheet} and nowhere else: print it now, "
            "keep the paper in the safe, then delete the file."
        )
    head = f"{done}\n" if done else ""
    return f"{head}{intro}\n\n    {key}\n"


def cmd_init(args: argparse.Namespace) -> int:
    from kiosk.security.keys import init_profile

    profile = Profile.open(args.profile)
    _check_sheet_path(args, profile)
    passphrase = _secret(args, "passphrase_fd", "KIOSK_PASSPHRASE", "administrator passphrase")
    recovery = init_profile(
        profile,
        unit_name=args.unit_name,
        unit_code=args.unit_code,
        admin_username=_user(args),
        admin_passphrase=passphrase,
        server_url=args.server,
        kiosk=args.kiosk,
        kdf=_kdf(args),
        retention_days=args.retention_days,
        idle_lock_s=args.idle_lock,
        admin_full_name=args.admin_full_name or "",
    )
    sheet = _write_sheet(args, profile, recovery, (args.unit_name, args.unit_code))
    _emit(
        args,
        {"profile": str(profile.root), "admin": _user(args), "recovery_key": recovery, "sheet": sheet},
        _key_text(
            recovery,
            sheet,
            "RECOVERY KEY (print it now and keep it in the safe; it is shown only once):",
            done=f"Store created in {profile.root}.",
        ),
    )
    return 0


def cmd_add_officer(args: argparse.Namespace) -> int:
    from kiosk.security.keys import add_officer
    from kiosk.security.officers import full_names

    new = _secret(args, "new_passphrase_fd", "KIOSK_NEW_PASSPHRASE", "new officer's passphrase")
    profile, store, session = _unlock(args)
    with _opened(store):
        session.require("manage_officers")
        add_officer(
            profile, store, args.username, new, args.role, replace=args.reset, full_name=args.full_name
        )
        full_name = full_names(store).get(args.username)
    _emit(
        args,
        {"username": args.username, "full_name": full_name, "role": args.role},
        f"officer {args.username} ({args.role}) saved",
    )
    return 0


def cmd_officer_name(args: argparse.Namespace) -> int:
    from kiosk.security.keys import change_full_name

    profile, store, session = _unlock(args)
    with _opened(store):
        session.require("manage_officers")
        name = change_full_name(profile, store, args.username, args.full_name)
    _emit(
        args,
        {"username": args.username, "full_name": name or None},
        f"full name of {args.username} " + ("saved" if name else "removed"),
    )
    return 0


def cmd_officers(args: argparse.Namespace) -> int:
    from kiosk.security.keys import list_officers

    profile, store, session = _unlock(args)
    with _opened(store):
        session.require("manage_officers")
        rows = list_officers(profile, store)
    _emit(
        args,
        rows,
        "\n".join(
            f"{r['username']}\t{r['role']}\t{r['full_name'] or ''}\t{'LOCKED' if r['locked'] else ''}"
            for r in rows
        ),
    )
    return 0


# The unit settings kept inside the encrypted store, with how a typed value is read. Anything
# else is refused so a typo cannot create a setting nobody reads.
STORE_SETTINGS: dict[str, tuple[str, str]] = {
    "unit_name": ("text", "the unit's name, printed on receipts (e.g. UBND xã Phù Đổng)"),
    "unit_code": ("text", "the unit's code, the start of every provisional dossier code"),
    "receipt_agency": ("text", "the agency line at the top of the receipt (default: unit_name)"),
    "receipt_unit": ("text", "the receiving unit line of the receipt (default: BỘ PHẬN MỘT CỬA)"),
    "receipt_place": ("text", "the place before the receipt's date (e.g. Hà Nội)"),
    "consent_required_officer": ("bool", "officer mode also asks the citizen's consent before a chip read"),
    "idle_lock_s": ("seconds", "lock an officer's session after this many idle seconds (60-3600)"),
    "retention_days": ("days", "purge synced dossiers this many days after they reached the server (1-3650)"),
}


def _setting_value(key: str, raw: str) -> Any:
    kind = STORE_SETTINGS[key][0]
    if kind == "text":
        text = unicodedata.normalize("NFC", raw.strip())
        if not text or len(text) > 200:
            raise UsageError(f"The setting {key} needs a text of 1-200 characters.")
        return text
    if kind == "bool":
        low = raw.strip().lower()
        if low in {"true", "yes", "1", "on"}:
            return True
        if low in {"false", "no", "0", "off"}:
            return False
        raise UsageError(f"The setting {key} is true or false.")
    low_high = (60, 3600) if kind == "seconds" else (1, 3650)
    try:
        number = int(raw.strip())
    except ValueError:
        number = None
    if number is None or not low_high[0] <= number <= low_high[1]:
        raise UsageError(f"The setting {key} is a whole number from {low_high[0]} to {low_high[1]}.")
    return number


def cmd_settings(args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {}
    for item in args.set or []:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or key not in STORE_SETTINGS:
            known = ", ".join(STORE_SETTINGS)
            raise UsageError(f"Unknown setting '{key}'; use KEY=VALUE with one of: {known}.")
        changes[key] = _setting_value(key, raw)
    _profile, store, session = _unlock(args)
    with _opened(store):
        if changes:
            session.require("manage_officers")
            current = store.update_settings(**changes)
            store.log_event("admin", detail="settings: " + ", ".join(sorted(changes)))
        else:
            current = store.settings()
    shown = {k: current.get(k) for k in STORE_SETTINGS}
    _emit(args, shown, "\n".join(f"{k}\t{'' if v is None else v}" for k, v in shown.items()))
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    from kiosk.security.keys import change_passphrase, remove_machine_secret, set_machine_secret

    profile = Profile.open(args.profile)
    done = []
    if args.machine_secret or args.remove_machine_secret:
        _p, store, session = _unlock(args)
        with _opened(store):
            session.require("manage_keys")
            if args.machine_secret:
                set_machine_secret(profile, store)
                done.append("machine secret set")
            else:
                remove_machine_secret(profile, store)
                done.append("machine secret removed")
    else:
        old = _secret(args, "passphrase_fd", "KIOSK_PASSPHRASE", "current passphrase")
        new = _secret(args, "new_passphrase_fd", "KIOSK_NEW_PASSPHRASE", "new passphrase")
        change_passphrase(profile, _user(args), old, new)
        done.append("passphrase changed")
    _emit(args, {"done": done}, "; ".join(done))
    return 0


def cmd_recovery_key(args: argparse.Namespace) -> int:
    from kiosk.security.keys import add_officer, new_recovery_key, unlock_with_recovery_key

    profile = Profile.open(args.profile)
    if args.reset_user:
        # The recovery path: the printed key unlocks, the officer gets a new passphrase.
        from kiosk.security.keys import load_keyfile

        rec = load_keyfile(profile)["officers"].get(args.reset_user)
        if rec is None and not args.create_role:
            # A typo must not silently make a new account (it used to be an admin).
            raise UsageError(
                f"No officer is called {args.reset_user}; check the name with 'kiosk admin officers', "
                "or add --create-role ROLE to create that account."
            )
        role = rec["role"] if rec else args.create_role
        text = _secret(args, "recovery_key_fd", "KIOSK_RECOVERY_KEY", "recovery key")
        new = _secret(args, "new_passphrase_fd", "KIOSK_NEW_PASSPHRASE", "new passphrase")
        store = unlock_with_recovery_key(profile, text)
        with _opened(store):
            add_officer(profile, store, args.reset_user, new, role, replace=True)
        _emit(args, {"reset": args.reset_user, "role": role}, f"passphrase of {args.reset_user} reset")
        return 0
    _check_sheet_path(args, profile)
    _p, store, session = _unlock(args)
    with _opened(store):
        session.require("manage_keys")
        text = new_recovery_key(profile, store)
        settings = store.settings()
    unit = (str(settings.get("unit_name") or ""), str(settings.get("unit_code") or ""))
    sheet = _write_sheet(args, profile, text, unit)
    _emit(
        args,
        {"recovery_key": text, "sheet": sheet},
        _key_text(
            text,
            sheet,
            "NEW RECOVERY KEY (print it now; it is shown only once):",
            done="A new recovery key was made; the old one no longer works.",
        ),
    )
    return 0


def cmd_verify_log(args: argparse.Namespace) -> int:
    _profile, store, session = _unlock(args)
    with _opened(store):
        session.require("verify_log")
        result = store.verify_log(_anchor(args.anchor) if args.anchor else None)
    # entries + head can be kept elsewhere (server, paper) and given back as --anchor.
    _emit(
        args,
        {"entries": result.entries, "head": result.head, "intact": result.ok, "problems": result.problems},
        f"processing log: {result.entries} entries, head {result.head}, "
        + ("chain intact" if result.ok else "TAMPERED: " + "; ".join(result.problems)),
    )
    return 0 if result.ok else 9


def _anchor(text: str) -> tuple[int, str]:
    seq, _, head = text.partition(":")
    if (
        not seq.isdigit()
        or int(seq) < 1
        or len(head) != 64
        or any(c not in "0123456789abcdefABCDEF" for c in head)
    ):
        raise UsageError("--anchor takes ENTRIES:HEAD as 'kiosk admin verify-log --json' printed them.")
    return int(seq), head.lower()


def cmd_check(args: argparse.Namespace) -> int:
    _profile, store, session = _unlock(args)
    with _opened(store):
        session.require("verify_log")
        store.check_integrity(full=True)  # raises CorruptStoreError with a clear sentence
        result = store.verify_log()
        missing = []
        for (att_id,) in store._read("SELECT id FROM attachments"):
            try:
                with store._open_file(att_id, *store._attachment_row(att_id)[1:4]) as fh:
                    while fh.read(1 << 20):
                        pass
            except KioskError:
                missing.append(att_id)
    ok = result.ok and not missing
    _emit(
        args,
        {
            "ok": ok,
            "store": "ok",
            "log_ok": result.ok,
            "log_problems": result.problems,
            "bad_attachments": missing,
        },
        "store file intact; "
        + ("processing log intact; " if result.ok else "processing log TAMPERED; ")
        + (f"{len(missing)} attachment(s) damaged or missing" if missing else "all attachments verified"),
    )
    return 0 if ok else 9


def _count(minimum: int) -> Any:
    """An argparse type: a whole number of at least ``minimum`` (a negative SQL LIMIT means
    'no limit', so --limit -5 used to list everything)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(f"give a whole number of at least {minimum}")
        return value

    return parse


def register(subparsers: argparse._SubParsersAction) -> None:
    dossier = subparsers.add_parser("dossier", help="dossiers in the encrypted local store")
    dsub = dossier.add_subparsers(dest="dossier_command", metavar="ACTION", required=True)

    p = dsub.add_parser("create", help="create a dossier from a data file")
    p.add_argument("--procedure", required=True, metavar="FORM_ID")
    p.add_argument(
        "--data",
        required=True,
        metavar="FILE.json",
        help='{"roles": {"applicant": <citizen JSON>}, "fields": {...}}',
    )
    p.add_argument("--attach", nargs="+", metavar="FILE", help="files to attach (encrypted in the store)")
    p.add_argument("--channel", type=int, default=1, choices=(1, 2, 3))
    p.add_argument("--receive", action="store_true", help="mark it received at the counter")
    p.add_argument("--queue", action="store_true", help="also queue it for sync")
    _common(p)
    p.set_defaults(func=cmd_create)

    p = dsub.add_parser("list", help="list dossiers (ID numbers masked)")
    p.add_argument("--search", help="name, ID number or code; accents optional")
    p.add_argument("--state", choices=[s.value for s in DossierState])
    p.add_argument("--limit", type=_count(1), default=50, help="at most this many rows (1 or more)")
    p.add_argument("--offset", type=_count(0), default=0)
    _common(p)
    p.set_defaults(func=cmd_list)

    p = dsub.add_parser("show", help="show one dossier with its history")
    p.add_argument("dossier", help="uuid, provisional or official code")
    _common(p)
    p.set_defaults(func=cmd_show)

    p = dsub.add_parser("export", help="export a dossier, or (--subject) everything about one citizen")
    p.add_argument("dossier", nargs="?", help="uuid, provisional or official code")
    p.add_argument("--subject", action="store_true", help="data-subject request: ID number on standard input")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    _common(p)
    p.set_defaults(func=cmd_export)

    p = dsub.add_parser("purge", help="erase a dossier's personal data, or every expired one")
    p.add_argument("dossier", nargs="?")
    p.add_argument("--expired", action="store_true", help="retention: synced dossiers past the grace period")
    p.add_argument("--grace-days", type=float)
    p.add_argument("--reason")
    _common(p)
    p.set_defaults(func=cmd_purge)

    p = dsub.add_parser("transition", help="move a dossier to another state")
    p.add_argument("dossier")
    p.add_argument("state")
    p.add_argument("--reason")
    _common(p)
    p.set_defaults(func=cmd_transition)

    admin = subparsers.add_parser("admin", help="set up the store, officers and keys")
    asub = admin.add_subparsers(dest="admin_command", metavar="ACTION", required=True)

    p = asub.add_parser("init", help="create the encrypted store (non-interactive)")
    p.add_argument("--unit-name", default="Bộ phận Một cửa")
    p.add_argument("--unit-code", default="UNIT")
    p.add_argument("--server", metavar="URL")
    p.add_argument(
        "--kiosk", action="store_true", help="unattended kiosk: keep a machine secret in the OS keyring"
    )
    p.add_argument("--retention-days", type=float, default=30.0)
    p.add_argument("--idle-lock", type=float, default=300.0, metavar="SECONDS")
    p.add_argument(
        "--admin-full-name", metavar="NAME", help="the administrator's full name, printed on receipts"
    )
    p.add_argument("--kdf-memory-kib", type=int)
    p.add_argument("--kdf-time", type=int)
    p.add_argument(
        "--recovery-sheet",
        dest="sheet",
        metavar="FILE.pdf",
        help="write the printable A4 recovery sheet here (outside the profile and temp folders)",
    )
    _common(p)
    p.set_defaults(func=cmd_init)

    p = asub.add_parser("add-officer", help="add an officer (passphrase from KIOSK_NEW_PASSPHRASE)")
    p.add_argument("username")
    p.add_argument(
        "--role", default="officer", choices=["admin", "supervisor", "officer", "community", "kiosk"]
    )
    p.add_argument("--reset", action="store_true", help="replace an existing officer's passphrase")
    p.add_argument(
        "--full-name",
        metavar="NAME",
        help="the officer's full name, printed on receipts (a --reset keeps the old one unless given)",
    )
    p.add_argument("--new-passphrase-fd", type=int, metavar="N")
    _common(p)
    p.set_defaults(func=cmd_add_officer)

    p = asub.add_parser("officers", help="list officers (user name, role, full name)")
    _common(p)
    p.set_defaults(func=cmd_officers)

    p = asub.add_parser(
        "officer-name", help='set an officer\'s full name, printed on receipts ("" removes it)'
    )
    p.add_argument("username")
    p.add_argument("full_name", metavar="FULL_NAME")
    _common(p)
    p.set_defaults(func=cmd_officer_name)

    p = asub.add_parser(
        "settings",
        help="show the unit settings kept in the store, or change them (admin): --set KEY=VALUE",
        description="Keys: " + "; ".join(f"{k}: {doc}" for k, (_kind, doc) in STORE_SETTINGS.items()),
    )
    p.add_argument("--set", action="append", metavar="KEY=VALUE", help="change one setting (repeatable)")
    _common(p)
    p.set_defaults(func=cmd_settings)

    p = asub.add_parser(
        "rekey", help="change your passphrase, or set the kiosk machine secret (no re-encryption)"
    )
    p.add_argument("--new-passphrase-fd", type=int, metavar="N")
    p.add_argument(
        "--machine-secret", action="store_true", help="(re)create the kiosk secret in the OS keyring"
    )
    p.add_argument("--remove-machine-secret", action="store_true")
    _common(p)
    p.set_defaults(func=cmd_rekey)

    p = asub.add_parser(
        "recovery-key", help="print a new recovery key, or use one (--reset-user) to reset a passphrase"
    )
    p.add_argument("--reset-user", metavar="USERNAME")
    p.add_argument(
        "--create-role",
        choices=["admin", "supervisor", "officer", "community", "kiosk"],
        help="with --reset-user: create the account with this role if it does not exist",
    )
    p.add_argument(
        "--sheet",
        metavar="FILE.pdf",
        help="write the new key's printable A4 recovery sheet here (outside the profile and temp folders)",
    )
    p.add_argument("--recovery-key-fd", type=int, metavar="N")
    p.add_argument("--new-passphrase-fd", type=int, metavar="N")
    _common(p)
    p.set_defaults(func=cmd_recovery_key)

    p = asub.add_parser("check", help="full check: every page of the store, the log chain, every attachment")
    _common(p)
    p.set_defaults(func=cmd_check)

    p = asub.add_parser("verify-log", help="check the processing log's hash chain")
    p.add_argument(
        "--anchor",
        metavar="ENTRIES:HEAD",
        help="also check that the log still starts with the chain exported earlier (--json output)",
    )
    _common(p)
    p.set_defaults(func=cmd_verify_log)

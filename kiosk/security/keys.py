"""The data key and the ways to unwrap it.

The store is encrypted with one random 256-bit data key. That key is kept only wrapped
(AES-256-GCM) in ``keys.json`` next to the database, a small file with no personal data:
- per officer, under a key derived from the passphrase by Argon2id (parameters and salt
  recorded per wrap, so they can be raised later without breaking old wraps);
- for an unattended kiosk, under a machine secret held by the OS keyring;
- for the province admin, under a printed recovery key (shown once).
The AAD of every wrap binds the store id, the kind, the user name and the role, so editing
the role in the file breaks the wrap rather than granting rights. Changing a passphrase or
the recovery key rewraps the same data key: the data is never re-encrypted.

Every wrap, the recovery key's included, lives in that one file, so losing it loses the store.
Each change is therefore written twice (``keys.json``, then ``keys.json.bak``); a damaged or
missing ``keys.json`` is rebuilt from the copy and the repair is reported.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.dossier import codes
from kiosk.dossier.errors import CorruptStoreError, DiskFullError, WrongKeyError
from kiosk.dossier.store import RESERVE_NAME, Store
from kiosk.errors import KioskError
from kiosk.fileutil import O_BINARY, ProcessLock, fsync_dir
from kiosk.profile import Profile
from kiosk.security.officers import (
    DEFAULT_IDLE_LOCK_S,
    LockoutPolicy,
    OfficerSession,
    Role,
    full_names,
    normalise_full_name,
    set_full_name,
)

log = logging.getLogger(__name__)

KEYFILE_NAME = "keys.json"
BACKUP_NAME = "keys.json.bak"
KEYRING_SERVICE = "mot-cua-kiosk"
FORMAT = 1
MIN_PASSPHRASE = 8


class LoginError(WrongKeyError):
    """Wrong user name or passphrase (never says which)."""


class LockedOutError(KioskError):
    exit_code = 7


class NoKeyringError(KioskError):
    exit_code = 8


class NotInitialisedError(KioskError):
    pass


LOGIN_FAILED = "The user name or passphrase is not right; check them and try again."


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; the defaults follow RFC 9106's second recommendation (64 MiB, t=3)."""

    time_cost: int = 3
    memory_cost: int = 65536  # KiB
    parallelism: int = 2

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        return hash_secret_raw(
            secret,
            salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_cost,
            parallelism=self.parallelism,
            hash_len=32,
            type=Type.ID,
        )


def keyfile_path(profile: Profile) -> Path:
    return profile.root / KEYFILE_NAME


def backup_path(profile: Profile) -> Path:
    return profile.root / BACKUP_NAME


def is_initialised(profile: Profile) -> bool:
    # The copy counts: with keys.json lost, a new init would abandon the store it can reopen.
    return keyfile_path(profile).exists() or backup_path(profile).exists()


# -- keyfile I/O ------------------------------------------------------------------------
def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _unb64(s: str) -> bytes:
    return base64.b64decode(s.encode("ascii"))


class _Damaged(Exception):
    pass


_REQUIRED = ("store_id", "key_check", "officers")
REPAIRED_NOTICE = "The key file keys.json was damaged or missing; it was rebuilt from its copy keys.json.bak."
_notices: list[str] = []


def take_notices() -> list[str]:
    """Repairs made since the last call, one sentence each (the CLI prints them)."""
    out, _notices[:] = list(_notices), []
    return out


def _parse_keyfile(path: Path) -> dict[str, Any]:
    """The file's content; _Damaged when unreadable or cut short, FileNotFoundError when absent."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:
        raise _Damaged from exc
    if not isinstance(data, dict) or "format" not in data:
        raise _Damaged
    if data["format"] != FORMAT:
        # A newer app wrote it: not damage, and the copy would only be older.
        raise CorruptStoreError(f"The key file {path.name} has an unknown format; update the app.")
    if any(k not in data for k in _REQUIRED) or not isinstance(data["officers"], dict):
        raise _Damaged
    return data


def load_keyfile(profile: Profile) -> dict[str, Any]:
    path = keyfile_path(profile)
    try:
        data = _parse_keyfile(path)
    except FileNotFoundError:
        if not backup_path(profile).exists():
            raise NotInitialisedError(
                "This profile is not set up yet; run 'kiosk admin init' first."
            ) from None
        return _repair_from_backup(profile)
    except _Damaged:
        return _repair_from_backup(profile)
    if not backup_path(profile).exists():
        # A profile from before the copy existed (or a lost copy): make one now.
        with contextlib.suppress(KioskError, OSError), _keyfile_lock(profile):
            if not backup_path(profile).exists():
                _save_keyfile(profile, data, main=False)
    return data


def _repair_from_backup(profile: Profile) -> dict[str, Any]:
    path, bak = keyfile_path(profile), backup_path(profile)
    with _keyfile_lock(profile):
        with contextlib.suppress(FileNotFoundError, _Damaged):
            return _parse_keyfile(path)  # another process repaired it meanwhile
        try:
            data = _parse_keyfile(bak)
        except (FileNotFoundError, _Damaged):
            raise CorruptStoreError(
                f"The key file {path.name} is damaged and so is its copy {bak.name}; restore both "
                "from a backup of the profile folder (the recovery key is kept inside them)."
            ) from None
        if path.exists():
            # Kept for whoever investigates; it holds only wrapped keys.
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            with contextlib.suppress(OSError):
                path.rename(path.with_name(f"{path.name}.damaged-{stamp}"))
        _save_keyfile(profile, data, backup=False)
    log.warning("keys.json was damaged or missing and was rebuilt from keys.json.bak")
    _notices.append(REPAIRED_NOTICE)
    return data


def _save_keyfile(profile: Profile, data: dict[str, Any], *, main: bool = True, backup: bool = True) -> None:
    """Write keys.json, then its copy, each atomically. A copy that cannot be written is
    removed rather than left stale (the next load makes it again), so the copy is always
    either the current file or absent."""
    if main:
        path = keyfile_path(profile)
        try:
            _write_atomic(path, data)
        except OSError as exc:
            _tmp_of(path).unlink(missing_ok=True)
            raise _write_error(exc) from exc
    if backup:
        bak = backup_path(profile)
        try:
            _write_atomic(bak, data)
        except OSError as exc:
            _tmp_of(bak).unlink(missing_ok=True)
            if not main:
                raise _write_error(exc) from exc
            with contextlib.suppress(OSError):
                bak.unlink()
            log.warning("keys.json.bak could not be written (%s); it is made again later", exc.strerror)


def _write_error(exc: OSError) -> KioskError:
    from kiosk.dossier.attachments import disk_error

    full = disk_error(exc)
    if isinstance(full, DiskFullError):
        return full
    return KioskError(f"The key file could not be written ({exc.strerror}); check the profile folder.")


def _tmp_of(path: Path) -> Path:
    return path.with_name(path.name + ".tmp") if path.name != KEYFILE_NAME else path.with_suffix(".tmp")


def _write_atomic(path: Path, data: dict[str, Any]) -> None:
    tmp = _tmp_of(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | O_BINARY, 0o600)
    with open(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


_held = threading.local()


@contextlib.contextmanager
def _keyfile_lock(profile: Profile) -> Iterator[None]:
    """Serialise read-modify-write of keys.json between processes. Re-entrant within a thread
    (a load inside a locked section may repair the file)."""
    held: set[Path] = _held.__dict__.setdefault("roots", set())
    root = profile.root.resolve()
    if root in held:
        yield
        return
    path = profile.root / "keys.lock"
    with ProcessLock(path):
        # Nobody but the owner needs to see which profile is busy.
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
        held.add(root)
        try:
            yield
        finally:
            held.discard(root)


# -- wrapping -------------------------------------------------------------------------------
def _aad(store_id: str, kind: str, username: str = "", role: str = "") -> bytes:
    return f"mck-wrap-v1|{store_id}|{kind}|{username}|{role}".encode()


def _wrap(kek: bytes, data_key: bytes, aad: bytes) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    return {"nonce": _b64(nonce), "wrapped": _b64(AESGCM(kek).encrypt(nonce, data_key, aad))}


def _unwrap(kek: bytes, rec: dict[str, Any], aad: bytes) -> bytes:
    return AESGCM(kek).decrypt(_unb64(rec["nonce"]), _unb64(rec["wrapped"]), aad)


def _key_check(data_key: bytes) -> str:
    return hmac.new(data_key, b"mck key check", hashlib.sha256).hexdigest()


def _officer_record(  # noqa: PLR0917
    store_id: str, data_key: bytes, username: str, passphrase: str, role: Role, kdf: KdfParams
) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    kek = kdf.derive(passphrase.encode("utf-8"), salt)
    rec: dict[str, Any] = {
        "role": role.value,
        "kdf": {"alg": "argon2id", **asdict(kdf), "salt": _b64(salt)},
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "failed": 0,
        "locked_until": 0.0,
    }
    rec.update(_wrap(kek, data_key, _aad(store_id, "officer", username, role.value)))
    return rec


def _kdf_of(rec: dict[str, Any]) -> tuple[KdfParams, bytes]:
    k = rec["kdf"]
    if k.get("alg") != "argon2id":
        raise CorruptStoreError("The key file names an unknown key derivation; update the app.")
    return KdfParams(int(k["time_cost"]), int(k["memory_cost"]), int(k["parallelism"])), _unb64(k["salt"])


def check_passphrase_policy(passphrase: str) -> None:
    if not isinstance(passphrase, str) or len(passphrase) < MIN_PASSPHRASE:
        raise KioskError(f"A passphrase needs at least {MIN_PASSPHRASE} characters.")


def check_username(username: str) -> None:
    if not username or len(username) > 64 or not all(ch.isalnum() or ch in "._-@" for ch in username):
        raise KioskError("A user name is 1-64 letters, digits, '.', '_', '-' or '@'.")


# -- recovery key --------------------------------------------------------------------------------
def _new_recovery_text() -> str:
    raw = "".join(secrets.choice(codes.ALPHABET) for _ in range(30))  # 150 bits
    return "-".join(raw[i : i + 5] for i in range(0, 30, 5))


def normalise_recovery_key(text: str) -> str:
    """The 30 key characters from what was typed: case, spaces and dashes ignored, O/I/L read
    as 0/1/1 (Crockford), and the printed sheet's check character after each group checked
    and dropped when given."""
    upper = text.upper().translate(str.maketrans("OIL", "011"))
    norm = "".join(ch for ch in upper if ch in codes.ALPHABET)
    if len(norm) == 36:  # six groups of five, each followed by its check character
        groups = [norm[i : i + 6] for i in range(0, 36, 6)]
        for n, g in enumerate(groups, 1):
            if codes.check_char(g[:5]) != g[5]:
                raise LoginError(
                    f"Group {n} of the recovery key does not match its check character; "
                    "compare it with the printed sheet."
                )
        norm = "".join(g[:5] for g in groups)
    if len(norm) != 30:
        raise LoginError("A recovery key has 30 letters and digits in six groups; check it and try again.")
    return norm


def _recovery_kek(text: str, salt: bytes) -> bytes:
    norm = normalise_recovery_key(text)
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"mck recovery v1").derive(
        norm.encode("ascii")
    )


def _recovery_record(store_id: str, data_key: bytes) -> tuple[str, dict[str, Any]]:
    text = _new_recovery_text()
    salt = secrets.token_bytes(16)
    rec = {"salt": _b64(salt), "created_at": datetime.now(UTC).isoformat(timespec="seconds")}
    rec.update(_wrap(_recovery_kek(text, salt), data_key, _aad(store_id, "recovery")))
    return text, rec


# -- machine secret (OS keyring) ----------------------------------------------------------------------
def _keyring_backend() -> Any:
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        raise NoKeyringError(
            "No OS keyring is available (Windows Credential Manager or a Secret Service such as "
            "GNOME Keyring); install and unlock one, or unlock this kiosk with an officer passphrase."
        )
    return backend


def _machine_record(store_id: str, data_key: bytes) -> dict[str, Any]:
    backend = _keyring_backend()
    secret = secrets.token_bytes(32)
    account = f"store-{store_id}"
    try:
        backend.set_password(KEYRING_SERVICE, account, _b64(secret))
    except Exception as exc:
        raise NoKeyringError(
            "The OS keyring refused to store the kiosk secret; unlock the keyring and try again."
        ) from exc
    rec = {"service": KEYRING_SERVICE, "account": account}
    rec.update(_wrap(hashlib.sha256(secret).digest(), data_key, _aad(store_id, "machine")))
    return rec


# -- public API -------------------------------------------------------------------------------------
def init_profile(
    profile: Profile,
    *,
    unit_name: str,
    unit_code: str,
    admin_username: str,
    admin_passphrase: str,
    server_url: str | None = None,
    kiosk: bool = False,
    kdf: KdfParams | None = None,
    retention_days: float = 30.0,
    idle_lock_s: float = DEFAULT_IDLE_LOCK_S,
    admin_full_name: str = "",
) -> str:
    """Create the store and its key file; returns the recovery key text (show it once)."""
    check_username(admin_username)
    check_passphrase_policy(admin_passphrase)
    admin_full_name = normalise_full_name(admin_full_name)
    if not unit_code.strip():
        raise KioskError("The unit code is required (for example the commune's code).")
    kdf = kdf or KdfParams()
    with _keyfile_lock(profile):
        if is_initialised(profile):
            raise KioskError(
                "This profile is already set up; use 'kiosk admin add-officer' or another --profile."
            )
        if profile.db_path.exists():
            # A store without a key file is unreadable by anyone: an interrupted init.
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            for suffix in ("", "-wal", "-shm"):
                p = Path(str(profile.db_path) + suffix)
                if p.exists():
                    p.rename(p.with_name(p.name + f".abandoned-{stamp}"))
        data_key = secrets.token_bytes(32)
        store_id = secrets.token_hex(8)
        machine: dict[str, Any] | None = None
        saved = False
        try:
            store = Store.open(profile, data_key)
            try:
                store.actor = admin_username
                store.update_settings(
                    unit_name=unit_name,
                    unit_code=unit_code,
                    server_url=server_url,
                    kiosk=kiosk,
                    retention_days=retention_days,
                    idle_lock_s=idle_lock_s,
                    consent_required_officer=False,
                )
                if admin_full_name:
                    set_full_name(store, admin_username, admin_full_name)
                machine = _machine_record(store_id, data_key) if kiosk else None
                recovery_text, recovery = _recovery_record(store_id, data_key)
                keyfile = {
                    "format": FORMAT,
                    "store_id": store_id,
                    "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "key_check": _key_check(data_key),
                    "lockout": asdict(LockoutPolicy()),
                    "officers": {
                        admin_username: _officer_record(
                            store_id, data_key, admin_username, admin_passphrase, Role.admin, kdf
                        )
                    },
                    "machine": machine,
                    "recovery": recovery,
                }
                _save_keyfile(profile, keyfile)
                saved = True
                store.log_event("admin", detail="init" + (" kiosk" if kiosk else ""))
            finally:
                store.close()
        except BaseException:
            if not saved:
                # Without its key file the new store opens for nobody: take it away, so a
                # retry starts clean instead of tripping over (or abandoning) it.
                _remove_unkeyed_store(profile, machine)
            raise
    return recovery_text


def _remove_unkeyed_store(profile: Profile, machine: dict[str, Any] | None) -> None:
    for p in (
        profile.db_path,
        Path(f"{profile.db_path}-wal"),
        Path(f"{profile.db_path}-shm"),
        profile.root / RESERVE_NAME,
    ):
        with contextlib.suppress(OSError):
            p.unlink()
    if machine:
        with contextlib.suppress(Exception):
            _keyring_backend().delete_password(machine["service"], machine["account"])


def _open_verified(profile: Profile, kf: dict[str, Any], data_key: bytes) -> Store:
    if not hmac.compare_digest(_key_check(data_key), kf.get("key_check", "")):
        raise CorruptStoreError("The key file does not belong to this store; restore the matching keys.json.")
    if not profile.db_path.exists() or profile.db_path.stat().st_size == 0:
        # The key file says a store exists: never silently start a new, empty one.
        raise CorruptStoreError(
            "The store file is missing or empty; restore store.db from a backup (keys.json is intact)."
        )
    try:
        return Store.open(profile, data_key, key_verified=True)
    except WrongKeyError as exc:  # the key is authenticated: the file must be damaged
        raise CorruptStoreError(
            "The store file is damaged; restore it from a backup (the attachments folder is kept)."
        ) from exc


def _unwrap_officer(profile: Profile, username: str, passphrase: str) -> tuple[bytes, Role, dict[str, Any]]:
    """Check lockout, run the KDF, count the failure or reset the counter."""
    with _keyfile_lock(profile):
        kf = load_keyfile(profile)
        policy = LockoutPolicy(**kf.get("lockout", {}))
        rec = kf["officers"].get(username)
        now = time.time()
        if rec is not None and float(rec.get("locked_until", 0)) > now:
            wait = int(float(rec["locked_until"]) - now) + 1
            raise LockedOutError(f"Too many wrong passphrases; try again in {wait} seconds.")
        if rec is None or rec.get("disabled"):
            # Same cost as a real attempt, so timing does not tell which user names exist.
            others = list(kf["officers"].values())
            params = _kdf_of(others[0])[0] if others else KdfParams()
            params.derive(passphrase.encode("utf-8"), b"\0" * 16)
            raise LoginError(LOGIN_FAILED)
        params, salt = _kdf_of(rec)
        kek = params.derive(passphrase.encode("utf-8"), salt)
        try:
            data_key = _unwrap(kek, rec, _aad(kf["store_id"], "officer", username, rec["role"]))
        except InvalidTag:
            rec["failed"] = int(rec.get("failed", 0)) + 1
            lock_s = policy.lockout_seconds(rec["failed"])
            if lock_s:
                rec["locked_until"] = now + lock_s
            _save_keyfile(profile, kf)
            if lock_s:
                raise LockedOutError(
                    f"Too many wrong passphrases; try again in {int(lock_s)} seconds."
                ) from None
            raise LoginError(LOGIN_FAILED) from None
        failed = int(rec.get("failed", 0))
        if failed or rec.get("locked_until"):
            rec["failed"], rec["locked_until"] = 0, 0.0
            # On a full disk the counter stays as it was (the next login resets it): the
            # officer must still get in, to read and to purge.
            with contextlib.suppress(DiskFullError):
                _save_keyfile(profile, kf)
        rec["_failed_before"] = failed
        return data_key, Role(rec["role"]), kf


def verify_passphrase(profile: Profile, username: str, passphrase: str) -> Role:
    """Check a passphrase (with the lockout policy) without opening the store."""
    _key, role, _kf = _unwrap_officer(profile, username, passphrase)
    return role


def unlock_with_passphrase(profile: Profile, username: str, passphrase: str) -> tuple[Store, OfficerSession]:
    data_key, role, kf = _unwrap_officer(profile, username, passphrase)
    store = _open_verified(profile, kf, data_key)
    store.actor, store.role = username, role.value
    if role is Role.kiosk:
        store.restrict_to_kiosk()
    elif role is Role.community:
        store.restrict_to_owner(username)
    failed = kf["officers"][username].get("_failed_before", 0)
    store.log_event("login", detail=f"after {failed} failed attempts" if failed else "")
    idle = float(store.settings().get("idle_lock_s", DEFAULT_IDLE_LOCK_S))
    name = full_names(store).get(username, "")
    return store, OfficerSession(username, role, store, idle_lock_s=idle, full_name=name)


def unlock_with_machine_secret(profile: Profile, *, role: str = "sync") -> Store:
    """Unattended kiosk start: the machine secret from the OS keyring unwraps the key.

    ``role="sync"`` (the default, for the sync service): outbox, exports of queued dossiers,
    portal status, state lists without names. ``role="kiosk"`` (for the self-service
    screens): only the current citizen session's dossiers. Open one handle per role.
    """
    if role not in {"sync", "kiosk"}:
        raise KioskError("The machine secret opens the store only for the 'sync' or 'kiosk' role.")
    kf = load_keyfile(profile)
    rec = kf.get("machine")
    if not rec:
        raise NoKeyringError(
            "This profile has no kiosk machine secret; run 'kiosk admin rekey --machine-secret' as admin."
        )
    backend = _keyring_backend()
    secret_b64 = backend.get_password(rec["service"], rec["account"])
    if not secret_b64:
        raise NoKeyringError(
            "The kiosk secret is missing from the OS keyring; an admin must unlock and run "
            "'kiosk admin rekey --machine-secret'."
        )
    try:
        data_key = _unwrap(hashlib.sha256(_unb64(secret_b64)).digest(), rec, _aad(kf["store_id"], "machine"))
    except (InvalidTag, ValueError) as exc:
        raise WrongKeyError(
            "The kiosk secret in the OS keyring does not open this store; an admin must run "
            "'kiosk admin rekey --machine-secret'."
        ) from exc
    store = _open_verified(profile, kf, data_key)
    if role == "kiosk":
        store.actor = "kiosk"
        store.restrict_to_kiosk()
    else:
        store.actor = "sync"
        store.restrict_to_sync()
    store.log_event("unlock", detail=f"machine secret role={role}")
    return store


def unlock_with_recovery_key(profile: Profile, recovery_text: str) -> Store:
    """The province admin's path when every passphrase is lost: full (admin) access."""
    kf = load_keyfile(profile)
    rec = kf.get("recovery")
    if not rec:
        raise LoginError("This profile has no recovery key.")
    try:
        data_key = _unwrap(
            _recovery_kek(recovery_text, _unb64(rec["salt"])), rec, _aad(kf["store_id"], "recovery")
        )
    except InvalidTag as exc:
        raise LoginError("The recovery key is not right; check it against the printed sheet.") from exc
    store = _open_verified(profile, kf, data_key)
    store.actor, store.role = "recovery", Role.admin.value
    store.log_event("unlock", detail="recovery key")
    return store


def _require_admin(store: Store) -> bytes:
    if store.role != Role.admin.value:
        raise KioskError("Only an administrator can manage officers and keys.")
    return store._key_for_wrapping()


def add_officer(
    profile: Profile,
    store: Store,
    username: str,
    passphrase: str,
    role: Role | str,
    *,
    kdf: KdfParams | None = None,
    replace: bool = False,
    full_name: str | None = None,
) -> None:
    """Give a new officer (or reset an existing one's passphrase with ``replace``). A reset
    keeps the officer's full name unless ``full_name`` is given ("" removes it)."""
    data_key = _require_admin(store)
    check_username(username)
    check_passphrase_policy(passphrase)
    name = normalise_full_name(full_name) if full_name is not None else None
    try:
        role = Role(role)
    except ValueError as exc:
        raise KioskError("The role must be admin, supervisor, officer, community or kiosk.") from exc
    with _keyfile_lock(profile):
        kf = load_keyfile(profile)
        if username in kf["officers"] and not replace:
            raise KioskError("An officer with that user name exists already; choose another name.")
        if kdf is None and kf["officers"]:
            kdf, _ = _kdf_of(next(iter(kf["officers"].values())))
        kf["officers"][username] = _officer_record(
            kf["store_id"], data_key, username, passphrase, role, kdf or KdfParams()
        )
        _save_keyfile(profile, kf)
    if name is not None or not replace:
        # A new account never inherits the name of an earlier one that had its user name.
        set_full_name(store, username, name or "")
    store.log_event("admin", detail=f"officer {'reset' if replace else 'added'} role={role.value}")


def remove_officer(profile: Profile, store: Store, username: str) -> None:
    _require_admin(store)
    with _keyfile_lock(profile):
        kf = load_keyfile(profile)
        if username not in kf["officers"]:
            raise KioskError("No officer has that user name.")
        admins = [u for u, r in kf["officers"].items() if r["role"] == Role.admin.value]
        if admins == [username]:
            raise KioskError("The last administrator cannot be removed; add another administrator first.")
        del kf["officers"][username]
        _save_keyfile(profile, kf)
    set_full_name(store, username, "")
    store.log_event("admin", detail="officer removed")


def change_full_name(profile: Profile, store: Store, username: str, full_name: str) -> str:
    """Set (or with "" remove) an existing officer's full name; returns it as stored."""
    _require_admin(store)
    name = normalise_full_name(full_name)
    if username not in load_keyfile(profile)["officers"]:
        raise KioskError("No officer has that user name.")
    set_full_name(store, username, name)
    store.log_event("admin", detail="officer full name " + ("set" if name else "removed"))
    return name


def list_officers(profile: Profile, store: Store | None = None) -> list[dict[str, Any]]:
    """The officers of keys.json; their full names (None when not set) come from ``store``."""
    kf = load_keyfile(profile)
    names = full_names(store) if store is not None else {}
    now = time.time()
    return [
        {
            "username": u,
            "full_name": names.get(u),
            "role": r["role"],
            "created_at": r.get("created_at"),
            "locked": float(r.get("locked_until", 0)) > now,
            "failed": int(r.get("failed", 0)),
        }
        for u, r in sorted(kf["officers"].items())
    ]


def change_passphrase(profile: Profile, username: str, old: str, new: str) -> None:
    """Rewrap the data key under a new passphrase (no data is re-encrypted)."""
    check_passphrase_policy(new)
    data_key, role, _kf = _unwrap_officer(profile, username, old)
    with _keyfile_lock(profile):
        kf = load_keyfile(profile)
        params, _ = _kdf_of(kf["officers"][username])
        kf["officers"][username] = _officer_record(kf["store_id"], data_key, username, new, role, params)
        _save_keyfile(profile, kf)


def new_recovery_key(profile: Profile, store: Store) -> str:
    """Replace the recovery key (the old printed sheet stops working); returns the new text."""
    data_key = _require_admin(store)
    with _keyfile_lock(profile):
        kf = load_keyfile(profile)
        text, kf["recovery"] = _recovery_record(kf["store_id"], data_key)
        _save_keyfile(profile, kf)
    store.log_event("admin", detail="recovery key replaced")
    return text


def set_machine_secret(profile: Profile, store: Store) -> None:
    """(Re)create the kiosk's machine secret in the OS keyring."""
    data_key = _require_admin(store)
    with _keyfile_lock(profile):
        kf = load_keyfile(profile)
        kf["machine"] = _machine_record(kf["store_id"], data_key)
        _save_keyfile(profile, kf)
    store.log_event("admin", detail="machine secret set")


def remove_machine_secret(profile: Profile, store: Store) -> None:
    _require_admin(store)
    with _keyfile_lock(profile):
        kf = load_keyfile(profile)
        rec = kf.get("machine")
        kf["machine"] = None
        _save_keyfile(profile, kf)
    if rec:
        with contextlib.suppress(Exception):
            _keyring_backend().delete_password(rec["service"], rec["account"])
    store.log_event("admin", detail="machine secret removed")

"""Server data directory: configuration and the X25519 key pairs envelopes are sealed to.

``DATA/server.json`` holds the settings, ``DATA/keys/<key id>.key`` the private keys (0600).
Old keys are kept after a rotation so envelopes sealed to them still open.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import string
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.errors import KioskError
from kiosk.fileutil import O_BINARY, ProcessLock
from sync.envelope import raw_public, x25519_key_id

log = logging.getLogger(__name__)


class ServerConfigError(KioskError):
    pass


@dataclass
class ServerConfig:
    unit_code: str = "H00"
    # Python format string; fields: unit, date (YYYYMMDD), yymmdd, seq.
    code_format: str = "{unit}-{yymmdd}-{seq:05d}"
    current_key_id: str = ""
    replay_window_s: int = 900
    enrol_code_ttl_s: int = 7 * 24 * 3600
    export: dict[str, Any] = field(default_factory=dict)  # {"kind": "file-drop", "dir": "..."}
    # A running server forwards exports that failed (or were cut off) at start and this often.
    export_retry_s: int = 300


@contextmanager
def _init_lock(data_dir: Path) -> Iterator[None]:
    with ProcessLock(data_dir / ".init.lock"):
        yield


def key_id_for(public: bytes) -> str:
    return x25519_key_id(public)


class ServerData:
    """The data directory; safe for several replicas sharing it (creation is locked)."""

    def __init__(self, data_dir: str | os.PathLike[str]) -> None:
        self.dir = Path(data_dir).resolve()
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.keys_dir.mkdir(exist_ok=True, mode=0o700)
        self._config_mtime: int | None = None
        with _init_lock(self.dir):
            self._config = self._load_config()
            if not self._config.current_key_id:
                self._config.current_key_id = self._new_key()
                self._save_config()
        self._keys: dict[str, X25519PrivateKey] = {}

    @property
    def config(self) -> ServerConfig:
        """The settings, re-read when ``server.json`` changes (``kiosk server rotate-key`` run
        next to a running server makes the new key current in it at once)."""
        try:
            mtime = self.config_path.stat().st_mtime_ns
        except OSError:
            return self._config
        if mtime != self._config_mtime:
            try:
                self._config = self._load_config()
            except ServerConfigError as exc:  # a half-edited file: keep serving with the last good one
                log.warning("server.json was not reloaded: %s", exc)
        return self._config

    @property
    def keys_dir(self) -> Path:
        return self.dir / "keys"

    @property
    def config_path(self) -> Path:
        return self.dir / "server.json"

    def _load_config(self) -> ServerConfig:
        try:
            mtime = self.config_path.stat().st_mtime_ns
            raw = json.loads(self.config_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return ServerConfig()
        except ValueError as exc:
            raise ServerConfigError(f"{self.config_path} is not valid JSON; fix or remove it.") from exc
        if not isinstance(raw, dict):
            raise ServerConfigError(f"{self.config_path} must hold a JSON object; fix or remove it.")
        known = {k: v for k, v in raw.items() if k in ServerConfig.__dataclass_fields__}
        try:
            config = ServerConfig(**known)
        except TypeError as exc:
            raise ServerConfigError(f"{self.config_path} has a setting of the wrong kind; fix it.") from exc
        check_code_format(config.code_format, self.config_path)
        self._config_mtime = mtime
        return config

    def _save_config(self) -> None:
        tmp = self.config_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self._config), indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.config_path)
        self._config_mtime = self.config_path.stat().st_mtime_ns

    def _new_key(self) -> str:
        key = X25519PrivateKey.generate()
        kid = key_id_for(raw_public(key.public_key()))
        path = self.keys_dir / f"{kid}.key"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_BINARY, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key.private_bytes_raw())
        return kid

    def rotate_key(self) -> str:
        with _init_lock(self.dir):
            self._config = self._load_config()  # whatever another process saved meanwhile
            self._config.current_key_id = self._new_key()
            self._save_config()
        return self._config.current_key_id

    def private_key(self, key_id: str) -> X25519PrivateKey | None:
        if key_id in self._keys:
            return self._keys[key_id]
        if not key_id.startswith("x25519-") or not all(c in "0123456789abcdef" for c in key_id[7:]):
            return None
        try:
            raw = (self.keys_dir / f"{key_id}.key").read_bytes()
        except OSError:
            return None
        key = X25519PrivateKey.from_private_bytes(raw)
        self._keys[key_id] = key
        return key

    def current_public(self) -> tuple[str, bytes]:
        kid = self.config.current_key_id
        key = self.private_key(kid)
        if key is None:
            raise ServerConfigError(f"The current server key {kid} is missing from {self.keys_dir}.")
        return kid, raw_public(key.public_key())

    def set_unit(self, unit_code: str) -> None:
        with _init_lock(self.dir):
            self._config = self._load_config()
            self._config.unit_code = unit_code
            self._save_config()


CODE_FIELDS = {"unit": "H01", "date": "20250101", "yymmdd": "250101", "seq": 1}


def check_code_format(fmt: object, where: Path | str = "server.json") -> None:
    """Refuse a ``code_format`` that cannot make unique official codes, at load time rather
    than with an error at every commit."""
    if not isinstance(fmt, str) or not fmt:
        raise ServerConfigError(
            f"code_format in {where} must be a text such as {{unit}}-{{yymmdd}}-{{seq:05d}}."
        )
    try:
        names = {name for _lit, name, _spec, _conv in string.Formatter().parse(fmt) if name is not None}
        fmt.format(**CODE_FIELDS)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise ServerConfigError(
            f"code_format {fmt!r} in {where} is not valid; the fields are {{unit}}, {{date}}, "
            "{yymmdd} and {seq} (e.g. {unit}-{yymmdd}-{seq:05d})."
        ) from exc
    # The sequence restarts every day for every unit, so only all three make a code unique.
    if "seq" not in names or "unit" not in names or not names & {"date", "yymmdd"}:
        raise ServerConfigError(
            f"code_format {fmt!r} in {where} must contain {{unit}}, {{seq}} and {{date}} or {{yymmdd}}, "
            "so that every official code is unique."
        )


def new_enrol_code() -> str:
    # 60 bits from an alphabet without look-alikes, grouped for reading aloud over the phone.
    alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def hash_enrol_code(code: str) -> str:
    norm = code.strip().upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(b"mck-enrol-v1|" + norm.encode()).hexdigest()

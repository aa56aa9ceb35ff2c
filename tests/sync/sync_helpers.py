"""Shared test plumbing: a real intake server process, an enrolled profile, a real Store."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.dossier.model import DossierState
from kiosk.dossier.store import Store
from kiosk.profile import Profile
from sync.device import load_key
from sync.enrol import enrol
from sync.server.config import ServerData
from sync.server.db import make_engine
from sync.server.service import IntakeService

ROOT = Path(__file__).resolve().parents[2]
TEST_KEY = bytes(range(32))


@dataclass
class ServerProc:
    proc: subprocess.Popen[bytes]
    data_dir: Path
    port: int
    db_url: str | None
    scheme: str = "http"

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def admin(self) -> IntakeService:
        data = ServerData(self.data_dir)
        return IntakeService(data, make_engine(data.dir, self.db_url))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_server(
    data_dir: Path,
    db_url: str | None = None,
    *,
    via_cli: bool = False,
    tls: tuple[Path, Path, Path] | None = None,
) -> ServerProc:
    """Start the intake server process; ``tls`` = (certificate, key, CA bundle) serves HTTPS."""
    port_file = data_dir.parent / f"{data_dir.name}.{time.monotonic_ns()}.port"
    if via_cli:
        cmd = [
            sys.executable,
            "-m",
            "ui.main",
            "server",
            "--data",
            str(data_dir),
            "--port",
            "0",
            "--port-file",
            str(port_file),
        ]
    else:
        cmd = [
            sys.executable,
            "-m",
            "sync.server",
            "--data",
            str(data_dir),
            "--port",
            "0",
            "--port-file",
            str(port_file),
        ]
    if db_url:
        cmd += ["--db-url", db_url]
    if tls:
        cmd += ["--tls-cert", str(tls[0]), "--tls-key", str(tls[1])]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not port_file.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"intake server did not start (rc={proc.poll()})")
        time.sleep(0.05)
    srv = ServerProc(proc, data_dir, int(port_file.read_text()), db_url, "https" if tls else "http")
    while True:
        try:
            requests.get(
                srv.url + "/v1/health", timeout=2, verify=str(tls[2]) if tls else True
            ).raise_for_status()
            return srv
        except requests.RequestException:
            if proc.poll() is not None or time.monotonic() > deadline:
                srv.stop()
                raise
            time.sleep(0.05)


def enrolled_profile(
    root: Path, server: ServerProc, url: str | None = None, ca_bundle: str | None = None
) -> Profile:
    profile = Profile.open(root)
    code = server.admin().mint_enrol_code("H01")
    with open_store(profile) as store:
        enrol(profile, url or server.url, code, store=store, ca_bundle=ca_bundle)
    return profile


def device_key(profile: Profile) -> Ed25519PrivateKey:
    """The enrolled device's signing key, unsealed with the profile's (test) store."""
    with open_store(profile) as store:
        return load_key(profile, store)


def open_store(profile: Profile) -> Store:
    return Store.open(profile, TEST_KEY)


def open_sync_store(profile: Profile) -> Store:
    """The least-privilege handle the sync worker runs with: outbox only, no dossier contents."""
    store = Store.open(profile, TEST_KEY)
    store.restrict_to_sync()
    return store


def queue_dossier(store: Store, payload: bytes, *, note: str = "test") -> str:
    d = store.create_dossier("test.procedure", {}, {"note": note})
    store.add_attachment(d.uuid, "scan", io.BytesIO(payload), filename="scan.pdf", mime="application/pdf")
    store.transition(d.uuid, DossierState.received)
    store.transition(d.uuid, DossierState.queued)
    return d.uuid


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def server_dossiers(server: ServerProc) -> list[dict]:  # type: ignore[type-arg]
    return server.admin().list_dossiers()


def env_without_proxy() -> dict[str, str]:
    env = dict(os.environ)
    for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env.pop(k, None)
    return env


ADMIN_PASSPHRASE = "correct horse battery staple 42"


def kiosk_cli(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``kiosk --profile PROFILE ARGS`` as the admin, the passphrase from the environment."""
    env = {**os.environ, "KIOSK_PASSPHRASE": ADMIN_PASSPHRASE, "KIOSK_USER": "admin"}
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "--profile", str(profile), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def admin_profile(root: Path) -> Profile:
    """An initialised profile (unit H01, admin account, a fast KDF for tests)."""
    from kiosk.security.keys import KdfParams, init_profile

    prof = Profile.open(root)
    init_profile(
        prof,
        unit_name="UBND xã Thử",
        unit_code="H01",
        admin_username="admin",
        admin_passphrase=ADMIN_PASSPHRASE,
        kdf=KdfParams(1, 8192, 1),
    )
    return prof

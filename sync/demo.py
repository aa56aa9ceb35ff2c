"""The demo environment: everything a newcomer needs to click through the flow, no hardware.

It makes a throwaway profile (unless one is given), initialises its encrypted store with a
demo officer, starts the reference intake server on 127.0.0.1 in its own process, enrols
the profile with it, makes sure pcscd runs, and attaches the simulated CCCD card to the
first vpcd virtual reader. ``stop()`` undoes all of it.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from kiosk.card.pcscd import PcscdHandle, ensure_pcscd
from kiosk.card.sim import SimulatedCard
from kiosk.card.sim.pki import export_demo_csca
from kiosk.errors import KioskError
from kiosk.profile import Profile
from kiosk.security import keys
from sync.device import load_device
from sync.enrol import enrol

log = logging.getLogger(__name__)

DEMO_USER = "demo"
# Not a secret: the demo profile is throwaway and holds only fictional people.
DEMO_PASSPHRASE = "demo-passphrase-2026"  # noqa: S105
DEMO_UNIT_CODE = "DEMO01"
ASSETS = Path(__file__).resolve().parent.parent / "assets"
DEMO_CARD = ASSETS / "demo" / "citizen_demo.json"


class DemoError(KioskError):
    pass


def start_server_process(data_dir: Path, *, timeout: float = 60.0) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``kiosk server`` on a free loopback port; returns the process and its URL."""
    data_dir.mkdir(parents=True, exist_ok=True)
    port_file = data_dir / "port"
    port_file.unlink(missing_ok=True)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync.server",
            "--data",
            str(data_dir),
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--port-file",
            str(port_file),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise DemoError(f"The demo intake server stopped at start (exit code {proc.returncode}).")
        if port_file.exists() and port_file.read_text(encoding="ascii").strip():
            url = f"http://127.0.0.1:{int(port_file.read_text(encoding='ascii'))}"
            try:
                requests.get(url + "/v1/health", timeout=2).raise_for_status()
                return proc, url
            except requests.RequestException:
                pass
        time.sleep(0.05)
    proc.kill()
    raise DemoError("The demo intake server did not start within a minute.")


def mint_enrol_code(data_dir: Path, unit_code: str = DEMO_UNIT_CODE) -> str:
    """What the server administrator does: ``kiosk server enrol-code --data DIR``."""
    from sync.server.config import ServerData
    from sync.server.db import make_engine
    from sync.server.service import IntakeService

    data = ServerData(data_dir)
    return IntakeService(data, make_engine(data.dir, None)).mint_enrol_code(unit_code)


@dataclass
class DemoEnvironment:
    root: Path
    profile: Profile
    server_dir: Path
    server_url: str
    server: subprocess.Popen[bytes]
    pcscd: PcscdHandle
    card: SimulatedCard
    card_profile: dict[str, Any]
    throwaway: bool
    stores: list[Any] = field(default_factory=list)

    @classmethod
    def start(cls, profile_dir: str | Path | None = None, *, card_file: Path = DEMO_CARD) -> DemoEnvironment:
        throwaway = profile_dir is None
        root = Path(tempfile.mkdtemp(prefix="kiosk-demo-")) if throwaway else Path(profile_dir or ".")
        profile = Profile.open(root / "profile")
        if not keys.is_initialised(profile):
            keys.init_profile(
                profile,
                unit_name="UBND phường Bến Thành (demo)",
                unit_code=DEMO_UNIT_CODE,
                admin_username=DEMO_USER,
                admin_passphrase=DEMO_PASSPHRASE,
            )
        # The demo CSCA is the trust anchor of the demo profile, so passive authentication
        # of the simulated card really verifies (a real profile installs Vietnam's CSCA).
        export_demo_csca(profile.root / "card-trust")
        server_dir = root / "server"
        server, url = start_server_process(server_dir)
        try:
            device = load_device(profile)
            if device is None or device.server_url != url:
                store, _session = keys.unlock_with_passphrase(profile, DEMO_USER, DEMO_PASSPHRASE)
                try:
                    enrol(
                        profile,
                        url,
                        mint_enrol_code(server_dir),
                        store=store,
                        label="demo",
                        force=device is not None,
                    )
                finally:
                    store.close()
            pcscd = ensure_pcscd()
            card_profile = json.loads(card_file.read_text(encoding="utf-8"))
            card = SimulatedCard.from_profile(card_file).attach(0)
        except BaseException:
            server.terminate()
            raise
        log.info("demo environment ready (server on loopback, simulated card attached)")
        return cls(root, profile, server_dir, url, server, pcscd, card, card_profile, throwaway)

    @property
    def can(self) -> str:
        return str(self.card_profile["can"])

    @property
    def trust_dir(self) -> Path:
        return self.profile.root / "card-trust"

    @property
    def reader(self) -> str:
        return self.card.reader

    def open_store(self) -> Any:
        """A store handle for the demo officer (one per thread)."""
        store, _session = keys.unlock_with_passphrase(self.profile, DEMO_USER, DEMO_PASSPHRASE)
        self.stores.append(store)
        return store

    def stop(self) -> None:
        for store in self.stores:
            try:
                store.close()
            except Exception:  # closing at shutdown: nothing left to protect
                log.debug("store close failed at demo shutdown", exc_info=True)
        self.card.stop()
        if self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(10)
            except subprocess.TimeoutExpired:
                self.server.kill()
        self.pcscd.stop()
        if self.throwaway:
            shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class DemoOutcome:
    full_name: str
    access_control: str
    passive_authentication: str
    provenance: str
    dossier_uuid: str
    provisional_code: str
    official_code: str | None
    sync_outcome: str
    receipt_attachment: str | None = None  # the receipt PDF kept in the dossier

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


DEMO_TYPED_FIELDS = {
    "addressee": "Công an phường Bến Thành",
    "phone": "0901234567",
    "request": "Đăng ký thường trú tại địa chỉ mới",
}


def run_flow(env: DemoEnvironment, *, form_id: str = "CT01") -> DemoOutcome:
    """The walking skeleton, headless: read the card, fill the form, save, sync."""
    from kiosk.card.keys import AccessKey
    from kiosk.card.reader import read_card
    from kiosk.forms.catalogue import load_catalogue
    from kiosk.forms.session import FormSession
    from kiosk.reception import ReceiptOptions, receive_dossier
    from sync.worker import SyncWorker

    result = read_card(env.reader, AccessKey.from_can(env.can), trust_dir=env.trust_dir)
    session = FormSession.start(load_catalogue(), form_id)
    session.set_person("applicant", result.citizen)
    for key, value in DEMO_TYPED_FIELDS.items():
        session.set_typed(form_id, key, value)
    store = env.open_store()
    try:
        options = ReceiptOptions.from_settings(store.settings(), officer_name=DEMO_USER)
        reception = receive_dossier(store, session, options, officer=DEMO_USER)
        if reception.receipt_error:
            raise RuntimeError(f"the demo receipt was not made: {reception.receipt_error}")
        dossier = reception.dossier
        full_name = result.citizen.get("full_name") or ""
        session.clear()

        def sync_handle() -> Any:
            handle = store.reopen()
            handle.restrict_to_sync()
            return handle

        worker = SyncWorker(sync_handle, env.profile, max_wait=30.0)
        run = worker.run_until_empty()
        final = store.get_dossier(dossier.uuid)
        return DemoOutcome(
            full_name=full_name,
            access_control=result.access_control,
            passive_authentication=result.verification.passive_authentication.status.value,
            provenance=str(result.citizen.provenance("full_name")),
            dossier_uuid=dossier.uuid,
            provisional_code=dossier.provisional_code,
            official_code=final.official_code,
            sync_outcome=run.outcome,
            receipt_attachment=reception.receipt_attachment,
        )
    finally:
        store.close()

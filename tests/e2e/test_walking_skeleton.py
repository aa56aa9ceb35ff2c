"""The whole path with real parts: pcscd + vpcd + simulated card -> PACE read -> CT01 pre-filled
-> SQLCipher dossier -> sealed upload over HTTP to a real intake server process -> official code.

Driven exactly as a user does: ``kiosk --profile DIR demo --no-window``.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.profile import Profile
from kiosk.security import keys
from sync.demo import DEMO_CARD, DEMO_PASSPHRASE, DEMO_USER
from sync.server.config import ServerData
from sync.server.db import make_engine
from sync.server.service import IntakeService

ROOT = Path(__file__).resolve().parents[2]
DEMO_NAME = json.loads(DEMO_CARD.read_text(encoding="utf-8"))["citizen"]["full_name"]


def run_demo(profile_dir: Path) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-m", "ui.main", "--profile", str(profile_dir), "demo", "--no-window"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out: dict[str, object] = json.loads(proc.stdout)
    return out


@pytest.mark.pcsc
@pytest.mark.server
def test_card_to_server_exactly_once_with_the_right_name(tmp_path: Path) -> None:
    outcome = run_demo(tmp_path)
    assert outcome["full_name"] == DEMO_NAME
    assert outcome["access_control"] == "PACE"
    assert outcome["passive_authentication"] == "verified"
    assert outcome["provenance"] == "chip_verified"
    assert outcome["sync_outcome"] == "empty"
    official = outcome["official_code"]
    assert isinstance(official, str) and official.startswith("DEMO01-")

    # The server side, read by its administrator: exactly one dossier, ours.
    data = ServerData(tmp_path / "server")
    received = IntakeService(data, make_engine(data.dir, None)).list_dossiers()
    assert [d["uuid"] for d in received] == [outcome["dossier_uuid"]]
    assert received[0]["official_code"] == official

    # What the server holds, decrypted with its own key, is the dossier of our citizen.
    service = IntakeService(data, make_engine(data.dir, None))
    record_file = next(f for f in received[0]["files"] if f["role"] == "dossier")
    plain = b"".join(service.open_plain(str(outcome["dossier_uuid"]), record_file["id"]))
    assert hashlib.sha256(plain).hexdigest() == record_file["decrypted_sha256"]
    assert record_file["sealed_sha256"] != record_file["decrypted_sha256"]
    record = json.loads(plain)
    assert DEMO_NAME in json.dumps(record, ensure_ascii=False)
    assert DEMO_NAME.encode("utf-8") not in b"".join(
        p.read_bytes() for p in (tmp_path / "server").rglob("*") if p.is_file()
    )

    # The client knows the official code too, and kept the receipt handed to the citizen.
    profile_root = tmp_path / "profile"
    store, _ = keys.unlock_with_passphrase(Profile.open(profile_root), DEMO_USER, DEMO_PASSPHRASE)
    try:
        assert store.get_dossier(str(outcome["dossier_uuid"])).official_code == official
        with store.open_attachment(str(outcome["receipt_attachment"])) as fh:
            receipt = fh.read()
        assert receipt.startswith(b"%PDF-")
    finally:
        store.close()

    # Running the sync again sends nothing more: still exactly one.
    again = subprocess.run(
        [sys.executable, "-m", "ui.main", "--profile", str(profile_root), "sync", "status", "--json"],
        cwd=ROOT,
        env={**os.environ, "KIOSK_PASSPHRASE": DEMO_PASSPHRASE, "KIOSK_USER": DEMO_USER},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["queued"] == 0


@pytest.mark.pcsc
@pytest.mark.server
def test_no_plaintext_personal_data_in_the_demo_profile(tmp_path: Path) -> None:
    run_demo(tmp_path)
    card = json.loads(DEMO_CARD.read_text(encoding="utf-8"))["citizen"]
    secrets = [card["full_name"], card["id_number"], card["place_of_residence"], card["father_name"]]
    leaks = []
    for path in (tmp_path / "profile").rglob("*"):
        if not path.is_file():
            continue
        blob = path.read_bytes()
        for s in secrets:
            for enc in ("utf-8", "utf-16-le"):
                if s.encode(enc) in blob:
                    leaks.append(f"{path.relative_to(tmp_path)}: {enc}")
    assert leaks == []

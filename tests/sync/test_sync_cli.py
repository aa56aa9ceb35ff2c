"""``kiosk sync status|run|retry|quarantine`` as subprocesses on an initialised profile."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sync_helpers import ADMIN_PASSPHRASE, admin_profile, kiosk_cli, queue_dossier, start_server

from kiosk.security.keys import unlock_with_passphrase
from sync.device import load_device, load_key
from sync.envelope import PlainFile, b64d, seal_dossier
from sync.transport import Transport

pytestmark = [pytest.mark.server]


def test_sync_commands_end_to_end(tmp_path: Path) -> None:
    server = start_server(tmp_path / "srv")
    try:
        root = tmp_path / "p"
        prof = admin_profile(root)

        st = json.loads(kiosk_cli(root, "sync", "status", "--json").stdout)
        assert st["enrolled"] is False and st["queued"] == 0 and st["last_success"] is None

        code = kiosk_cli(
            root, "server", "enrol-code", "--data", str(server.data_dir), "--unit", "H01"
        ).stdout.strip()
        r = kiosk_cli(root, "enrol", server.url, code)
        assert r.returncode == 0 and "Enrolled as dev-" in r.stdout

        store, _session = unlock_with_passphrase(prof, "admin", ADMIN_PASSPHRASE)
        good = queue_dossier(store, b"scan one")
        bad = queue_dossier(store, b"scan two")
        key = load_key(prof, store)
        store.close()
        dev = load_device(prof)
        assert dev is not None
        clash = seal_dossier(
            dossier_uuid=bad,
            revision=99,
            files=[PlainFile("dossier", lambda: io.BytesIO(b"{}"))],
            device_id=dev.device_id,
            device_key=key,
            server_public=b64d(dev.server_public_key),
            key_id=dev.key_id,
            out_dir=tmp_path / "c",
        )
        assert Transport(dev, key).send(clash) is not None

        st = json.loads(kiosk_cli(root, "sync", "status", "--json").stdout)
        assert (st["queued"], st["quarantined"], st["enrolled"]) == (2, 0, True)

        r = kiosk_cli(root, "sync", "run", "--json")
        assert r.returncode == 0, r.stderr
        run = json.loads(r.stdout)
        assert run["outcome"] == "empty" and run["quarantined"] == 1
        assert [s["uuid"] for s in run["sent"]] == [good] and run["sent"][0]["official_code"].startswith(
            "H01-"
        )

        q = json.loads(kiosk_cli(root, "sync", "quarantine", "--json").stdout)
        assert [x["uuid"] for x in q] == [bad] and "different content" in q[0]["reason"]
        st = json.loads(kiosk_cli(root, "sync", "status", "--json").stdout)
        assert (st["queued"], st["quarantined"]) == (0, 1) and st["last_success"]

        r = kiosk_cli(root, "sync", "retry", "--all", "--json")
        assert json.loads(r.stdout)["requeued"] == [bad]

        server.stop()
        r = kiosk_cli(root, "sync", "run", "--json")
        assert r.returncode == 5 and json.loads(r.stdout)["outcome"] == "unreachable"
        assert json.loads(kiosk_cli(root, "sync", "status", "--json").stdout)["queued"] == 1
    finally:
        server.stop()

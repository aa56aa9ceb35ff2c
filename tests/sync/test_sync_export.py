"""Export hook (file-drop adapter) and server key rotation, with a real server process."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sync_helpers import ROOT, device_key, enrolled_profile, start_server

from sync.device import load_device
from sync.envelope import PlainFile, b64d, open_stream, seal_dossier, unwrap_key
from sync.server.config import ServerData
from sync.transport import SyncHttpError, Transport

pytestmark = [pytest.mark.server]


def _seal(prof, dev, out: Path, data: bytes, key_id: str | None = None, server_public: bytes | None = None):  # type: ignore[no-untyped-def]
    uuid = os.urandom(16).hex()
    return seal_dossier(
        dossier_uuid=uuid,
        revision=1,
        files=[
            PlainFile("dossier", lambda: io.BytesIO(b"{}")),
            PlainFile("attachment", lambda: io.BytesIO(data)),
        ],
        device_id=dev.device_id,
        device_key=device_key(prof),
        server_public=server_public or b64d(dev.server_public_key),
        key_id=key_id or dev.key_id,
        out_dir=out / uuid,
    )


def test_file_drop_export_and_key_rotation(tmp_path: Path) -> None:
    data_dir = tmp_path / "srv"
    ServerData(data_dir)  # create, then configure the export before the server starts
    cfg = json.loads((data_dir / "server.json").read_text())
    cfg["export"] = {"kind": "file-drop", "dir": str(tmp_path / "drop")}
    (data_dir / "server.json").write_text(json.dumps(cfg))
    server = start_server(data_dir)
    try:
        prof = enrolled_profile(tmp_path / "p", server)
        dev = load_device(prof)
        assert dev is not None
        t = Transport(dev, device_key(prof))
        payload = os.urandom(70_000)
        sealed = _seal(prof, dev, tmp_path / "out", payload)
        code = t.send(sealed)["official_code"]  # type: ignore[index]
        drop = tmp_path / "drop" / code
        assert json.loads((drop / "meta.json").read_text())["uuid"] == sealed.uuid
        assert (drop / "manifest.json").read_bytes() == sealed.manifest_bytes
        exported = (drop / "f1.bin").read_bytes()
        assert exported == sealed.file_path("f1").read_bytes()  # still sealed: only the server key opens it
        assert (
            b"".join(
                open_stream(
                    unwrap_key(
                        ServerData(data_dir).private_key(dev.key_id),  # type: ignore[arg-type]
                        b64d(sealed.manifest.ephemeral_public),
                        b64d(sealed.manifest.wrapped_key),
                        dev.key_id,
                        sealed.uuid,
                    ),
                    sealed.uuid,
                    1,
                    io.BytesIO(exported),
                )
            )
            == payload
        )
        actions = [a["action"] for a in server.admin().audit_trail() if a["dossier_uuid"] == sealed.uuid]
        assert {"manifest_received", "committed", "exported"} <= set(actions)

        # Rotation: a new current key; envelopes sealed to the old key still open.
        r = subprocess.run(
            [sys.executable, "-m", "ui.main", "server", "rotate-key", "--data", str(data_dir)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert r.returncode == 0, r.stderr
        new_kid = ServerData(data_dir).config.current_key_id
        assert new_kid != dev.key_id and new_kid in r.stdout
        old_sealed = _seal(prof, dev, tmp_path / "out", b"old key")
        assert t.send(old_sealed) is not None
        # A key id the server never had is refused with a clear reason, nothing stored.
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

        from sync.envelope import raw_public

        stray = _seal(
            prof,
            dev,
            tmp_path / "out",
            b"x",
            key_id="x25519-00000000deadbeef",
            server_public=raw_public(X25519PrivateKey.generate().public_key()),
        )
        with pytest.raises(SyncHttpError) as ei:
            t.send(stray)
        assert ei.value.status == 400 and ei.value.permanent and "key" in ei.value.detail
        assert hashlib.sha256(payload).hexdigest() in {
            f["decrypted_sha256"] for d in server.admin().list_dossiers() for f in d["files"]
        }
    finally:
        server.stop()


def test_rotated_key_reaches_running_server_and_enrolled_devices(tmp_path: Path) -> None:
    import dataclasses

    import requests
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from sqlalchemy import select
    from sync_helpers import open_store, queue_dossier

    from sync.envelope import b64e, raw_public
    from sync.server import db
    from sync.transport import UntrustedKeyError
    from sync.worker import SyncEvent, SyncWorker

    server = start_server(tmp_path / "srv")
    try:
        prof = enrolled_profile(tmp_path / "p", server)
        dev = load_device(prof)
        assert dev is not None
        old_kid = dev.key_id
        store = open_store(prof)
        try:
            first = queue_dossier(store, b"before rotation")
            assert SyncWorker(lambda: store, prof).run_until_empty(store=store).outcome == "empty"
            r = subprocess.run(
                [sys.executable, "-m", "ui.main", "server", "rotate-key", "--data", str(server.data_dir)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            assert r.returncode == 0, r.stderr
            new_kid = ServerData(server.data_dir).config.current_key_id
            assert new_kid != old_kid
            # The running server hands out the new key without a restart.
            assert requests.get(server.url + "/v1/server-key", timeout=10).json()["key_id"] == new_kid

            # A forged answer (the pinned key does not vouch for it) is refused.
            forged = dataclasses.replace(
                dev, server_public_key=b64e(raw_public(X25519PrivateKey.generate().public_key()))
            )
            with pytest.raises(UntrustedKeyError):
                Transport(forged, device_key(prof)).vouched_server_key()
            assert Transport(dev, device_key(prof)).vouched_server_key()[0] == new_kid

            second = queue_dossier(store, b"after rotation")
            events: list[SyncEvent] = []
            result = SyncWorker(lambda: store, prof, on_event=events.append).run_until_empty(store=store)
            assert result.outcome == "empty" and [u for u, _c in result.sent] == [second]
        finally:
            store.close()
        again = load_device(prof)
        assert (
            again is not None and again.key_id == new_kid and again.server_public_key != dev.server_public_key
        )
        admin = server.admin()
        with admin.engine.connect() as conn:
            kids = dict(conn.execute(select(db.dossiers.c.uuid, db.dossiers.c.key_id)).all())
        assert kids == {first: old_kid, second: new_kid}
        assert not [e for e in events if e.kind == "key_untrusted"]
    finally:
        server.stop()


def test_failed_export_is_forwarded_by_the_retry(tmp_path: Path) -> None:
    import time

    data_dir = tmp_path / "srv"
    drop = tmp_path / "drop"
    ServerData(data_dir)
    cfg = json.loads((data_dir / "server.json").read_text())
    cfg["export"] = {"kind": "file-drop", "dir": str(drop)}
    cfg["export_retry_s"] = 3600  # the command retries first; the server's own timer is shortened below
    (data_dir / "server.json").write_text(json.dumps(cfg))
    server = start_server(data_dir)

    def kiosk_export(*extra: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "ui.main", "server", "export", "--data", str(data_dir), "--json", *extra]
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)

    try:
        prof = enrolled_profile(tmp_path / "p", server)
        dev = load_device(prof)
        assert dev is not None
        t = Transport(dev, device_key(prof))
        assert not drop.exists()  # made at the first export
        drop.write_text("not a directory")  # the provincial share is gone: every export fails
        a = _seal(prof, dev, tmp_path / "out", os.urandom(5000))
        code_a = t.send(a)["official_code"]  # type: ignore[index]
        actions = [x["action"] for x in server.admin().audit_trail() if x["dossier_uuid"] == a.uuid]
        assert "export_failed" in actions and "exported" not in actions
        r = kiosk_export()
        assert r.returncode == 1 and json.loads(r.stdout) == {"exported": 0, "failed": [a.uuid]}

        drop.unlink()
        drop.mkdir()
        r = kiosk_export()
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout) == {"exported": 1, "failed": []}
        assert (drop / code_a / "f1.bin").read_bytes() == a.file_path("f1").read_bytes()
        assert json.loads(kiosk_export().stdout) == {"exported": 0, "failed": []}  # nothing due: idempotent
        r = kiosk_export("--uuid", a.uuid)  # forced again: the adapter keeps the one copy
        assert json.loads(r.stdout) == {"exported": 1, "failed": []} and len(list(drop.iterdir())) == 1

        # The running server retries on its own timer too.
        server.stop()
        cfg["export_retry_s"] = 1
        (data_dir / "server.json").write_text(json.dumps(cfg))
        shutil.rmtree(drop)
        drop.write_text("gone again")
        server = start_server(data_dir)
        b = _seal(prof, dev, tmp_path / "out", os.urandom(5000))
        t = Transport(dev, device_key(prof))
        t.base = server.url
        code_b = t.send(b)["official_code"]  # type: ignore[index]
        drop.unlink()
        drop.mkdir()
        deadline = time.monotonic() + 20
        while not (drop / code_b).exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert (drop / code_b / "manifest.json").read_bytes() == b.manifest_bytes
    finally:
        server.stop()

"""Export hook (file-drop adapter) and server key rotation, with a real server process."""

from __future__ import annotations

import hashlib
import io
import json
import os
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

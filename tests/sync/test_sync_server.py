"""The intake server as a real process: enrolment, exactly-once, and every rejection path."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import uuid as uuidlib
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sync_helpers import ROOT, ServerProc, device_key, enrolled_profile, start_server

from kiosk.profile import Profile
from kiosk.security.keys import KdfParams, init_profile, unlock_with_passphrase
from sync import protocol as P
from sync.device import DeviceState, load_device, load_key
from sync.envelope import PlainFile, SealedDossier, b64d, seal_dossier
from sync.transport import SyncHttpError, Transport

pytestmark = pytest.mark.server
PASSPHRASE = "correct horse battery staple 42"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> ServerProc:
    srv = start_server(tmp_path_factory.mktemp("srv") / "data", via_cli=True)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def device(server: ServerProc, tmp_path_factory: pytest.TempPathFactory) -> tuple[Profile, DeviceState]:
    prof = enrolled_profile(tmp_path_factory.mktemp("prof"), server)
    dev = load_device(prof)
    assert dev is not None
    return prof, dev


def kiosk(*args: str, profile: Path | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "ui.main"] + (["--profile", str(profile)] if profile else []) + list(args)
    env = {**os.environ, "KIOSK_PASSPHRASE": PASSPHRASE, "KIOSK_USER": "admin"}
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False, env=env)


def initialised(root: Path) -> Profile:
    """A set-up profile: `kiosk enrol` unlocks its store to seal the device key."""
    prof = Profile.open(root)
    init_profile(
        prof,
        unit_name="UBND xã Thử",
        unit_code="H07",
        admin_username="admin",
        admin_passphrase=PASSPHRASE,
        kdf=KdfParams(1, 8192, 1),
    )
    return prof


def seal(
    prof: Profile,
    dev: DeviceState,
    out: Path,
    data: bytes,
    uuid: str | None = None,
    revision: int = 1,
    key: Ed25519PrivateKey | None = None,
) -> SealedDossier:
    uuid = uuid or uuidlib.uuid4().hex
    files = [
        PlainFile("dossier", lambda: io.BytesIO(b'{"procedure":"t"}')),
        PlainFile("attachment", lambda: io.BytesIO(data), ref="a1"),
    ]
    return seal_dossier(
        dossier_uuid=uuid,
        revision=revision,
        files=files,
        device_id=dev.device_id,
        device_key=key or device_key(prof),
        server_public=b64d(dev.server_public_key),
        key_id=dev.key_id,
        out_dir=out / uuid / f"r{revision}",
        chunk_size=4096,
    )


def stored(server: ServerProc, uuid: str) -> list[dict]:
    return [d for d in server.admin().list_dossiers() if d["uuid"] == uuid]


def any_row(server: ServerProc, uuid: str) -> bool:
    from sqlalchemy import select

    from sync.server import db

    svc = server.admin()
    with svc.engine.connect() as conn:
        return conn.execute(select(db.dossiers).where(db.dossiers.c.uuid == uuid)).first() is not None


def test_cli_enrol_code_enrol_and_dossiers_json(server: ServerProc, tmp_path: Path) -> None:
    r = kiosk("server", "enrol-code", "--data", str(server.data_dir), "--unit", "H07", "--json")
    assert r.returncode == 0, r.stderr
    code = json.loads(r.stdout)["code"]
    # A profile that is not set up has no store to seal the key under: refused, code not spent.
    r = kiosk("enrol", server.url, code, profile=tmp_path / "bare")
    assert r.returncode == 1 and "kiosk admin init" in r.stderr
    for name in ("p", "q", "r"):
        initialised(tmp_path / name)
    r = kiosk("enrol", server.url, code, "--json", profile=tmp_path / "p")
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["unit_code"] == "H07" and info["device_id"].startswith("dev-")
    # The code is one-time: a second device is refused with a clear sentence.
    r = kiosk("enrol", server.url, code, profile=tmp_path / "q")
    assert r.returncode == 1 and "already used" in r.stderr
    r = kiosk("enrol", "http://127.0.0.1:9", "AAAA-BBBB-CCCC", profile=tmp_path / "r")
    assert r.returncode == 5 and "cannot be reached" in r.stderr

    prof = Profile.open(tmp_path / "p")
    dev = load_device(prof)
    assert dev is not None
    store, _session = unlock_with_passphrase(prof, "admin", PASSPHRASE)
    key = load_key(prof, store)
    store.close()
    data = os.urandom(20000)
    sealed = seal(prof, dev, tmp_path / "out", data, key=key)
    answer = Transport(dev, key, chunk_size=8192).send(sealed)
    assert answer is not None and answer["official_code"].startswith("H07-")
    r = kiosk("server", "dossiers", "--data", str(server.data_dir), "--json")
    rows = [d for d in json.loads(r.stdout) if d["uuid"] == sealed.uuid]
    assert len(rows) == 1
    row = rows[0]
    assert row["official_code"] == answer["official_code"] and row["device"] == dev.device_id
    assert row["received_at"]
    f1 = row["files"][1]
    assert f1["decrypted_sha256"] == hashlib.sha256(data).hexdigest()
    assert f1["sealed_sha256"] == hashlib.sha256(sealed.file_path("f1").read_bytes()).hexdigest()


def test_exactly_once_identical_retry_and_conflict(server: ServerProc, device, tmp_path: Path) -> None:
    prof, dev = device
    t = Transport(dev, device_key(prof), chunk_size=8192)
    sealed = seal(prof, dev, tmp_path, os.urandom(30000))
    first = t.send(sealed)
    again = t.send(sealed)
    assert first is not None and again is not None and first["official_code"] == again["official_code"]
    # Same UUID, different content (a fresh seal has a fresh key): 409 with the reason.
    other = seal(prof, dev, tmp_path / "b", os.urandom(100), uuid=sealed.uuid)
    with pytest.raises(SyncHttpError) as ei:
        t.send(other)
    assert ei.value.status == 409 and ei.value.code == P.E_CONTENT_CONFLICT and ei.value.permanent
    assert first["official_code"] in ei.value.detail
    assert len(stored(server, sealed.uuid)) == 1
    # The refusal is in the audit trail (written apart from the refused, rolled-back request).
    refused = [a for a in server.admin().audit_trail() if a["action"] == "conflict_refused"]
    assert [a["dossier_uuid"] for a in refused] == [sealed.uuid]


def test_resume_sends_only_the_missing_chunks(server: ServerProc, device, tmp_path: Path) -> None:
    prof, dev = device
    sealed = seal(prof, dev, tmp_path, os.urandom(50000))
    t1 = Transport(dev, device_key(prof), chunk_size=8192)
    t1.submit(sealed)
    f1 = sealed.manifest.files[1]
    sent = []
    t1.upload_file(sealed, f1, 0, progress=sent.append, should_stop=lambda: len(sent) >= 3)
    assert t1.offset(sealed, "f1") == 3 * 8192
    t2 = Transport(dev, device_key(prof), chunk_size=8192)
    assert t2.send(sealed) is not None
    assert t2.stats.body_bytes_sent == f1.sealed_size - 3 * 8192 + sealed.manifest.files[0].sealed_size


def _signed(t: Transport, method: str, path: str, body: bytes) -> dict[str, str]:
    return t._signed_headers(method, path, hashlib.sha256(body).hexdigest())


def _submit_body(sealed: SealedDossier, signature: bytes | None = None) -> bytes:
    import base64

    return json.dumps(
        {
            "manifest": sealed.manifest_bytes.decode(),
            "signature": base64.b64encode(signature or sealed.signature).decode(),
        }
    ).encode()


def test_forged_signature_unknown_device_and_replay_are_refused(
    server: ServerProc, device, tmp_path: Path
) -> None:
    prof, dev = device
    url = server.url + "/v1/dossiers"
    sealed = seal(prof, dev, tmp_path, b"payload")
    body = _submit_body(sealed)
    base = {"Content-Type": "application/json", P.H_IDEMPOTENCY: sealed.uuid}

    forger = Transport(dev, Ed25519PrivateKey.generate())  # right device id, wrong key
    r = requests.post(
        url, data=body, headers={**base, **_signed(forger, "POST", "/v1/dossiers", body)}, timeout=10
    )
    assert r.status_code == 401 and r.json()["error"] == P.E_BAD_SIGNATURE

    # A correctly signed request carrying a manifest signed by another key.
    t = Transport(dev, device_key(prof))
    bad_manifest = _submit_body(sealed, Ed25519PrivateKey.generate().sign(b"x"))
    r = requests.post(
        url,
        data=bad_manifest,
        headers={**base, **_signed(t, "POST", "/v1/dossiers", bad_manifest)},
        timeout=10,
    )
    assert r.status_code == 401 and "manifest signature" in r.json()["detail"]

    stranger = DeviceState(**{**dev.__dict__, "device_id": "dev-00000000000000000000"})
    r = requests.post(
        url,
        data=body,
        headers={
            **base,
            **_signed(Transport(stranger, Ed25519PrivateKey.generate()), "POST", "/v1/dossiers", body),
        },
        timeout=10,
    )
    assert r.status_code == 401 and r.json()["error"] == P.E_UNKNOWN_DEVICE

    unsigned = requests.post(url, data=body, headers=base, timeout=10)
    assert unsigned.status_code == 401
    assert not any_row(server, sealed.uuid)

    # Replay: the exact same signed request twice; and a stale timestamp.
    headers = {**base, **_signed(t, "POST", "/v1/dossiers", body)}
    assert requests.post(url, data=body, headers=headers, timeout=10).status_code == 201
    r = requests.post(url, data=body, headers=headers, timeout=10)
    assert r.status_code == 401 and r.json()["error"] == P.E_REPLAY
    old = DeviceState(**{**dev.__dict__, "clock_offset": -3600})
    r = requests.post(
        url,
        data=body,
        headers={**base, **_signed(Transport(old, device_key(prof)), "POST", "/v1/dossiers", body)},
        timeout=10,
    )
    assert r.status_code == 401 and r.json()["error"] == P.E_CLOCK_SKEW and "server_time" in r.json()
    # The transport corrects its clock from the server's time and goes through.
    skewed = Transport(
        DeviceState(**{**dev.__dict__, "clock_offset": -3600}), device_key(prof), chunk_size=4096
    )
    assert skewed.send(sealed) is not None


def test_tampered_chunk_is_refused_and_nothing_stored(server: ServerProc, device, tmp_path: Path) -> None:
    prof, dev = device
    t = Transport(dev, device_key(prof), chunk_size=4096)
    sealed = seal(prof, dev, tmp_path, os.urandom(9000))
    t.submit(sealed)
    chunk = sealed.file_path("f1").read_bytes()[:4096]
    sha = hashlib.sha256(chunk).hexdigest()
    path = f"/v1/dossiers/{sealed.uuid}/files/f1"
    tampered = bytes([chunk[0] ^ 0xFF]) + chunk[1:]
    headers = {
        **t._signed_headers("PATCH", path, sha),
        P.H_OFFSET: "0",
        P.H_CHUNK_SHA256: sha,
        "X-Manifest-SHA256": sealed.digest,
        "Content-Type": "application/offset+octet-stream",
    }
    r = requests.patch(server.url + path, data=tampered, headers=headers, timeout=10)
    assert r.status_code == 422 and r.json()["error"] == P.E_CHUNK_CHECKSUM
    assert t.offset(sealed, "f1") == 0

    # A device sending bytes that match their own checksum but not the signed manifest:
    # refused at commit, and the half-received dossier is dropped.
    wrong = os.urandom(len(chunk))
    wsha = hashlib.sha256(wrong).hexdigest()
    headers = {
        **t._signed_headers("PATCH", path, wsha),
        P.H_OFFSET: "0",
        P.H_CHUNK_SHA256: wsha,
        "X-Manifest-SHA256": sealed.digest,
        "Content-Type": "application/offset+octet-stream",
    }
    assert requests.patch(server.url + path, data=wrong, headers=headers, timeout=10).status_code == 200
    t.upload_file(sealed, sealed.manifest.files[1], 4096)
    t.upload_file(sealed, sealed.manifest.files[0], 0)
    with pytest.raises(SyncHttpError) as ei:
        t.commit(sealed)
    assert ei.value.status == 422 and "tampered" in ei.value.detail and ei.value.permanent
    assert not any_row(server, sealed.uuid) and not stored(server, sealed.uuid)
    # The honest upload still goes through afterwards.
    assert t.send(sealed) is not None and len(stored(server, sealed.uuid)) == 1
    # Garbage collection deletes unreferenced parts only, and only old ones.
    blobs = server.data_dir / "blobs"
    orphan = blobs / sealed.uuid / "stray" / "deadbeef.part"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"left by a crashed replica")
    referenced = sorted(p for p in blobs.rglob("*.part") if p != orphan)
    admin = server.admin()
    assert admin.collect_garbage(min_age_s=3600) == 0 and orphan.exists()  # too young to judge
    old = os.stat(orphan).st_mtime - 7200
    os.utime(orphan, (old, old))
    for p in referenced:
        os.utime(p, (old, old))
    assert admin.collect_garbage(min_age_s=3600) == 1 and not orphan.exists()
    assert all(p.exists() for p in referenced) and referenced
    assert len(stored(server, sealed.uuid)) == 1


def test_revoked_device_stops_and_says_so(server: ServerProc, tmp_path: Path) -> None:
    from sync_helpers import open_store, queue_dossier

    from sync.worker import SyncWorker

    prof = enrolled_profile(tmp_path / "p", server)
    dev = load_device(prof)
    assert dev is not None
    r = kiosk("server", "revoke", "--data", str(server.data_dir), dev.device_id, "--reason", "laptop stolen")
    assert r.returncode == 0, r.stderr
    r = kiosk("server", "audit", "--data", str(server.data_dir), "--json")
    trail = json.loads(r.stdout)
    assert trail[0]["action"] == "device_revoked" and trail[0]["device_id"] == dev.device_id
    assert any(a["action"] == "device_enrolled" and a["device_id"] == dev.device_id for a in trail)
    store = open_store(prof)
    try:
        uuid = queue_dossier(store, b"scan")
        events: list = []  # type: ignore[type-arg]
        worker = SyncWorker(lambda: store, prof, on_event=events.append)
        result = worker.run_until_empty(store=store)
        assert result.outcome == "revoked" and result.exit_code == 4
        assert "Reason given by the administrator: laptop stolen" in result.message
        again = load_device(prof)
        assert again is not None and again.revoked and again.revoked_reason == "laptop stolen"
        assert [e.message for e in events if e.kind == "revoked"] == [result.message]
        assert worker.run_until_empty(store=store).outcome == "revoked"  # without touching the network
        assert [e.kind for e in events].count("revoked") == 2  # said again on every cycle
        assert store.outbox_entry(uuid).status == "queued"  # kept, not lost, not quarantined
    finally:
        store.close()
    assert not any_row(server, uuid)


def test_a_revoked_device_learns_it_with_nothing_to_send(server: ServerProc, tmp_path: Path) -> None:
    from sync_helpers import open_store

    from sync.worker import SyncWorker

    prof = enrolled_profile(tmp_path / "p", server)
    dev = load_device(prof)
    assert dev is not None
    server.admin().revoke(dev.device_id, "counter closed")
    store = open_store(prof)
    try:
        result = SyncWorker(lambda: store, prof).run_until_empty(store=store)
    finally:
        store.close()
    assert result.outcome == "revoked" and "counter closed" in result.message
    again = load_device(prof)
    assert again is not None and again.revoked_reason == "counter closed"


def test_openapi_document_is_published(server: ServerProc) -> None:
    doc = requests.get(server.url + "/openapi.json", timeout=10).json()
    paths = set(doc["paths"])
    assert {
        "/v1/enrol",
        "/v1/dossiers",
        "/v1/dossiers/{uuid}/files/{file_id}",
        "/v1/dossiers/{uuid}/commit",
        "/v1/dossiers/{uuid}",
    } <= paths
    assert "patch" in doc["paths"]["/v1/dossiers/{uuid}/files/{file_id}"]
    assert doc["components"]["securitySchemes"]["deviceSignature"]["name"] == "X-Signature"

    def headers(path: str, method: str) -> set[str]:
        op = doc["paths"][path][method]
        return {p["name"] for p in op.get("parameters", []) if p["in"] == "header" and p["required"]}

    signing = {"X-Device-Id", "X-Timestamp", "X-Nonce", "X-Body-SHA256"}
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            signed = path not in ("/v1/health", "/v1/enrol") and (path, method) != ("/v1/server-key", "get")
            assert (op.get("security") == [{"deviceSignature": []}]) is signed, (path, method)
            assert (signing <= headers(path, method)) is signed, (path, method)
    chunk = {"Upload-Offset", "Chunk-SHA256", "X-Manifest-SHA256"}
    assert chunk <= headers("/v1/dossiers/{uuid}/files/{file_id}", "patch")
    assert "Idempotency-Key" in headers("/v1/dossiers", "post")
    assert {"200", "201"} <= set(doc["paths"]["/v1/dossiers"]["post"]["responses"])


def test_signed_garbage_never_causes_a_server_error(server: ServerProc, device) -> None:
    """Authenticated fuzzing: well-signed requests carrying arbitrary manifests and chunks."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    prof, dev = device
    t = Transport(dev, device_key(prof))

    @given(
        manifest=st.one_of(
            st.text(max_size=300),
            st.builds(
                json.dumps,
                st.dictionaries(
                    st.text(max_size=12),
                    st.one_of(
                        st.integers(),
                        st.text(max_size=20),
                        st.lists(st.dictionaries(st.text(max_size=8), st.integers()), max_size=2),
                    ),
                    max_size=8,
                ),
            ),
        ),
        sig=st.text(max_size=90),
        idem=st.text(alphabet="0123456789abcdef-", max_size=36),
    )
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def post(manifest: str, sig: str, idem: str) -> None:
        body = json.dumps({"manifest": manifest, "signature": sig}).encode()
        r = requests.post(
            server.url + "/v1/dossiers",
            data=body,
            timeout=10,
            headers={
                "Content-Type": "application/json",
                P.H_IDEMPOTENCY: idem,
                **_signed(t, "POST", "/v1/dossiers", body),
            },
        )
        assert 400 <= r.status_code < 500 and r.json()["detail"]

    @given(
        uuid=st.text(alphabet="0123456789abcdef", min_size=32, max_size=32),
        fid=st.text(max_size=5),
        offset=st.integers(-5, 10**6),
        chunk=st.binary(max_size=64),
    )
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def patch(uuid: str, fid: str, offset: int, chunk: bytes) -> None:
        path = f"/v1/dossiers/{uuid}/files/{requests.utils.quote(fid, safe='')}"
        sha = hashlib.sha256(chunk).hexdigest()
        r = requests.patch(
            server.url + path,
            data=chunk,
            timeout=10,
            headers={
                **t._signed_headers("PATCH", path, sha),
                P.H_OFFSET: str(offset),
                P.H_CHUNK_SHA256: sha,
                "X-Manifest-SHA256": "0" * 64,
            },
        )
        assert 400 <= r.status_code < 500

    post()
    patch()


def _committed_revision_intact(
    server: ServerProc,
    t: Transport,
    tmp_path: Path,
    sealed: SealedDossier,
    payload: bytes,
    code: str,
    portal: int,
) -> dict:  # type: ignore[type-arg]
    """Revision ``sealed`` is what the server reads, lists, exports and updates."""
    from sync.server.export import FileDropAdapter
    from sync.server.service import IntakeService

    admin = server.admin()
    row = stored(server, sealed.uuid)[0]
    assert row["official_code"] == code and row["revision"] == sealed.manifest.revision
    assert [f["sealed_sha256"] for f in row["files"]] == [f.sealed_sha256 for f in sealed.manifest.files]
    assert row["files"][1]["decrypted_sha256"] == hashlib.sha256(payload).hexdigest()
    assert b"".join(admin.open_plain(sealed.uuid, "f1")) == payload
    admin.set_portal_status(sealed.uuid, portal)
    assert t.status(sealed.uuid)["portal_status"] == portal
    r = kiosk("server", "dossiers", "--data", str(server.data_dir), "--json")
    assert r.returncode == 0, r.stderr
    listed = next(d for d in json.loads(r.stdout) if d["uuid"] == sealed.uuid)
    assert listed["files"] == row["files"] and listed["revision"] == sealed.manifest.revision
    drop = tmp_path / f"drop-{portal}"
    exporter = IntakeService(admin.data, admin.engine, exporter=FileDropAdapter(drop))
    assert exporter.export_due([sealed.uuid]) == {"exported": 1, "failed": []}
    out = next(drop.iterdir())
    assert (out / "manifest.json").read_bytes() == sealed.manifest_bytes
    assert (out / "f1.bin").read_bytes() == sealed.file_path("f1").read_bytes()
    return row


def test_tampered_amendment_keeps_the_committed_revision(server: ServerProc, device, tmp_path: Path) -> None:
    prof, dev = device
    t = Transport(dev, device_key(prof), chunk_size=4096)
    payload1, payload2 = os.urandom(5000), os.urandom(6000)
    first = seal(prof, dev, tmp_path / "a", payload1)
    code = t.send(first)["official_code"]  # type: ignore[index]
    amend = seal(prof, dev, tmp_path / "b", payload2, uuid=first.uuid, revision=2)
    state = t.submit(amend)
    assert state["state"] == "amending" and state["official_code"] == code
    assert state["manifest_sha256"] == amend.digest and all(f["offset"] == 0 for f in state["files"])
    # Revision 2 is pending (half uploaded): revision 1 is still whole.
    t.upload_file(amend, amend.manifest.files[0], 0)
    row = _committed_revision_intact(server, t, tmp_path, first, payload1, code, portal=2)
    assert row["state"] == "amending" and row["pending_revision"] == 2
    assert t.status(first.uuid)["state"] == "amending"
    path = f"/v1/dossiers/{amend.uuid}/files/f1"
    wrong = os.urandom(4096)
    wsha = hashlib.sha256(wrong).hexdigest()
    headers = {
        **t._signed_headers("PATCH", path, wsha),
        P.H_OFFSET: "0",
        P.H_CHUNK_SHA256: wsha,
        "X-Manifest-SHA256": amend.digest,
        "Content-Type": "application/octet-stream",
    }
    assert requests.patch(server.url + path, data=wrong, headers=headers, timeout=10).status_code == 200
    t.upload_file(amend, amend.manifest.files[1], 4096)
    with pytest.raises(SyncHttpError) as ei:
        t.commit(amend)
    assert ei.value.status == 422
    # The tampered revision 2 is dropped (abandoned): revision 1 stands as it was.
    row = _committed_revision_intact(server, t, tmp_path, first, payload1, code, portal=3)
    assert row["state"] == "committed" and row["pending_revision"] is None
    assert t.status(first.uuid)["state"] == "committed"
    # Stale revision 1 content is refused now; the honest amendment goes through under the same code.
    other1 = seal(prof, dev, tmp_path / "c", b"old", uuid=first.uuid, revision=1)
    with pytest.raises(SyncHttpError) as ei:
        t.send(other1)
    assert ei.value.code == P.E_CONTENT_CONFLICT
    assert t.send(amend)["official_code"] == code  # type: ignore[index]
    row = _committed_revision_intact(server, t, tmp_path, amend, payload2, code, portal=4)
    assert row["state"] == "committed" and row["revision"] == 2
    assert t.send(amend)["official_code"] == code  # type: ignore[index]  # an identical retry
    # Only revision 2's parts are left on disk.
    parts = list((server.data_dir / "blobs" / first.uuid).rglob("*.part"))
    assert len(parts) == 1 + 2  # f0 in one chunk, f1 in two

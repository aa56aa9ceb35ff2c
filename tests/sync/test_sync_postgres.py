"""Two intake server replicas on one PostgreSQL, concurrent clients sending the same dossiers twice."""

from __future__ import annotations

import io
import os
import random
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sync_helpers import device_key, enrolled_profile, server_dossiers, sha, start_server

from sync.device import load_device
from sync.envelope import PlainFile, b64d, seal_dossier
from sync.transport import ServerUnreachableError, SyncHttpError, Transport

pytestmark = [pytest.mark.server, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    assert versions, (
        "PostgreSQL is not installed: run `bash installer/dev.sh setup` (Debian package postgresql)"
    )
    return versions[-1].parent


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A throwaway PostgreSQL cluster in a temp dir, run as the postgres user."""
    base = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
    os.chmod(base, 0o755)
    shutil.chown(base, "postgres", "postgres")
    bindir = _pg_bin()
    port = _free_port()

    def as_pg(*cmd: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *cmd], check=True, capture_output=True, timeout=120
        )

    as_pg(
        str(bindir / "initdb"),
        "-D",
        str(base / "data"),
        "--auth=trust",
        "-U",
        "postgres",
        "--no-sync",
        "-E",
        "UTF8",
    )
    as_pg(
        str(bindir / "pg_ctl"),
        "-D",
        str(base / "data"),
        "-l",
        str(base / "log"),
        "-w",
        "-o",
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100",
        "start",
    )
    try:
        as_pg(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "intake")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/intake"
    finally:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(bindir / "pg_ctl"),
                "-D",
                str(base / "data"),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            timeout=60,
            check=False,
        )
        shutil.rmtree(base, ignore_errors=True)


def test_two_replicas_one_postgres_exactly_once(pg_url: str, tmp_path: Path) -> None:
    data = tmp_path / "shared"
    a = start_server(data, pg_url)
    b = start_server(data, pg_url)
    try:
        prof = enrolled_profile(tmp_path / "p", a)
        dev = load_device(prof)
        assert dev is not None
        key = device_key(prof)
        rng = random.Random(9)
        payloads = {}
        sealed = []
        for i in range(8):
            blob = rng.randbytes(rng.randint(50_000, 200_000))
            uuid = os.urandom(16).hex()
            payloads[uuid] = blob
            sealed.append(
                seal_dossier(
                    dossier_uuid=uuid,
                    revision=1,
                    files=[
                        PlainFile("dossier", lambda: io.BytesIO(b"{}")),
                        PlainFile("attachment", lambda blob=blob: io.BytesIO(blob)),
                    ],
                    device_id=dev.device_id,
                    device_key=key,
                    server_public=b64d(dev.server_public_key),
                    key_id=dev.key_id,
                    out_dir=tmp_path / "out" / f"{uuid}-{i}",
                )
            )
        results: dict[str, set[str]] = {s.uuid: set() for s in sealed}
        errors: list[BaseException] = []
        lock = threading.Lock()
        barrier = threading.Barrier(4)

        def client(n: int) -> None:
            target = (a, b)[n % 2]
            t = Transport(replace(dev, server_url=target.url), key, chunk_size=16 * 1024)
            order = sealed * 2
            random.Random(n).shuffle(order)
            barrier.wait()
            try:
                for s in order:
                    for _attempt in range(50):
                        try:
                            answer = t.send(s)
                            break
                        except (SyncHttpError, ServerUnreachableError) as exc:
                            if isinstance(exc, SyncHttpError) and exc.permanent:
                                raise
                            time.sleep(0.01)
                    else:
                        raise AssertionError("no answer after 50 attempts")
                    assert answer is not None
                    with lock:
                        results[s.uuid].add(answer["official_code"])
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(120)
        assert not errors, errors
        assert all(len(codes) == 1 for codes in results.values()), results
        rows = server_dossiers(a)
        assert sorted(r["uuid"] for r in rows) == sorted(payloads)
        codes = sorted(r["official_code"] for r in rows)
        # One sequence, no gaps and no duplicates: exactly one commit per dossier.
        assert [int(c.rsplit("-", 1)[1]) for c in codes] == list(range(1, len(payloads) + 1))
        for r in rows:
            assert r["files"][1]["decrypted_sha256"] == sha(payloads[r["uuid"]])
            assert {r["official_code"]} == results[r["uuid"]]
    finally:
        a.stop()
        b.stop()

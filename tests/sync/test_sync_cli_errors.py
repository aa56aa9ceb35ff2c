"""Server and enrolment commands fail with one clear sentence and a non-zero exit, no traceback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sync_helpers import ROOT, open_store, start_server

from kiosk.profile import Profile
from sync.enrol import EnrolmentError, check_server_url, enrol
from sync.server.config import ServerConfigError, ServerData

pytestmark = [pytest.mark.server]


def kiosk(tmp_path: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "--profile", str(tmp_path / "prof"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def one_sentence(r: subprocess.CompletedProcess[str], *words: str) -> None:
    assert r.returncode != 0
    assert "Traceback" not in r.stderr, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.startswith("kiosk:")]
    assert len(lines) == 1, r.stderr
    for w in words:
        assert w in lines[0], lines[0]


def test_server_start_and_admin_errors_are_one_sentence(tmp_path: Path) -> None:
    data = tmp_path / "srv"
    ServerData(data)
    dead_pg = "postgresql://kiosk:secret@127.0.0.1:1/x"
    r = kiosk(tmp_path, "server", "dossiers", "--data", str(data), "--db-url", dead_pg)
    one_sentence(r, "cannot be reached", "127.0.0.1:1")
    assert "secret" not in r.stderr  # the password is never echoed
    r = kiosk(tmp_path, "server", "--data", str(data), "--port", "0", "--db-url", dead_pg)
    one_sentence(r, "cannot be reached")
    r = kiosk(tmp_path, "server", "dossiers", "--data", str(data), "--db-url", "nosuchdb://h/x")
    one_sentence(r, "driver that is not installed")
    r = kiosk(tmp_path, "server", "dossiers", "--data", str(data), "--db-url", "mysql+nosuchdriver://h/x")
    one_sentence(r, "driver that is not installed")
    r = kiosk(
        tmp_path, "server", "--data", str(data), "--port", "0", "--tls-cert", str(tmp_path / "none.pem")
    )
    one_sentence(r, "--tls-cert", "does not exist")
    (tmp_path / "bad.pem").write_text("not a certificate")
    r = kiosk(tmp_path, "server", "--data", str(data), "--port", "0", "--tls-cert", str(tmp_path / "bad.pem"))
    one_sentence(r, "cannot be used")
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    try:
        port = str(busy.getsockname()[1])
        r = kiosk(tmp_path, "server", "--data", str(data), "--port", port, timeout=30)
        one_sentence(r, f"Port {port}", "already in use")
    finally:
        busy.close()
    # A typo in --data does not quietly create a new, empty server.
    r = kiosk(tmp_path, "server", "dossiers", "--data", str(tmp_path / "typo"), "--json")
    one_sentence(r, "holds no intake server")
    assert not (tmp_path / "typo").exists()
    r = kiosk(tmp_path, "server", "dossiers", "--data", str(data), "--json")
    assert r.returncode == 0 and json.loads(r.stdout) == []


@pytest.mark.parametrize(
    ("fmt", "words"),
    [
        ("{unit}-{nope}", "not valid"),
        ("{unit}-{seq", "not valid"),
        ("{unit}-{seq:05d}", "must contain"),  # the sequence restarts every day
        ("{yymmdd}-{seq:05d}", "must contain"),  # ... and for every unit
        ("{unit}-{yymmdd}", "must contain"),
        ("{unit}-{date}-{seq:x}", None),
    ],
)
def test_code_format_is_checked_at_load(tmp_path: Path, fmt: str, words: str | None) -> None:
    data = tmp_path / "srv"
    ServerData(data)
    cfg = json.loads((data / "server.json").read_text())
    cfg["code_format"] = fmt
    (data / "server.json").write_text(json.dumps(cfg))
    if words is None:
        assert ServerData(data).config.code_format == fmt
        return
    with pytest.raises(ServerConfigError) as ei:
        ServerData(data)
    assert words in str(ei.value) and "code_format" in str(ei.value)
    r = kiosk(tmp_path, "server", "--data", str(data), "--port", "0")
    one_sentence(r, "code_format")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8470",
        "http://127.8.9.10",
        "http://[::1]:8470",
        "http://localhost:1",
        "https://a.example",
    ],
)
def test_plain_http_only_to_this_machine_allowed(url: str) -> None:
    check_server_url(url)


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://intake.example.gov.vn", "https://intake.example.gov.vn"),
        ("http://10.0.0.5:8470", "only for a server on this machine"),
        ("http://localhost.evil.example", "only for a server on this machine"),
        ("ftp://127.0.0.1", "must start with https://"),
        ("https://", "must start with https://"),
        ("https://h:notaport", "not valid"),
    ],
)
def test_plain_http_elsewhere_is_refused(url: str, words: str) -> None:
    with pytest.raises(EnrolmentError) as ei:
        check_server_url(url)
    assert words in str(ei.value)


def test_enrol_says_what_is_wrong_with_the_url(tmp_path: Path) -> None:
    server = start_server(tmp_path / "srv")
    try:
        prof = Profile.open(tmp_path / "p")
        with open_store(prof) as store:
            with pytest.raises(EnrolmentError) as ei:
                enrol(prof, server.url + "/nothing", "AAAA-BBBB-CCCC", store=store)
            assert "is not an intake server" in str(ei.value)
            with pytest.raises(EnrolmentError) as ei:
                enrol(prof, server.url.replace("http://", "https://"), "AAAA-BBBB-CCCC", store=store)
            assert "does not speak TLS" in str(ei.value)
            with pytest.raises(EnrolmentError) as ei:  # the real endpoint still gives its own sentence
                enrol(prof, server.url, "AAAA-BBBB-CCCC", store=store)
            assert "enrolment code is unknown" in str(ei.value)
    finally:
        server.stop()


def test_sync_run_help_lists_the_exit_codes(tmp_path: Path) -> None:
    r = kiosk(tmp_path, "sync", "run", "--help")
    assert r.returncode == 0
    for line in (
        "0  the queue is empty",
        "3  this device is not enrolled",
        "4  the server refused",
        "5  the server is unreachable",
        "6  some dossiers wait",
        "7  another sync",
        "8  stopped",
    ):
        assert line in r.stdout

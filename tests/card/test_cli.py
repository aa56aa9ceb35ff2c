"""`kiosk card ...` run as a real subprocess against pcscd + vpcd."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.card.sim.testing import DEMO_PROFILES

pytestmark = pytest.mark.pcsc
ROOT = Path(__file__).resolve().parents[2]


def kiosk(*args: str, profile: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "--profile", str(profile), "card", *args],
        capture_output=True, text=True, timeout=timeout, check=False, cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip


def test_read_json_with_trust_and_photo(sim_card, trust_dir, tmp_path) -> None:
    card = sim_card("citizen_demo")
    photo = tmp_path / "face.jpg"
    r = kiosk("read", "--reader", card.reader, "--can", "001234", "--trust", str(trust_dir),
              "--photo-out", str(photo), "--json", profile=tmp_path / "p")  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["document"]["type"] == "cccd" and out["document"]["issuing_state"] == "VNM"
    assert out["citizen"]["full_name"] == "Phạm Thị Hồng Nhung"
    assert out["citizen"]["spouse_name"] == "Trần Quốc Bảo"
    assert out["citizen"]["provenance"]["full_name"] == "chip_verified"
    assert out["citizen"]["extra"] == {"dg13_16": "0123456789ABCDEF"}
    for check in ("passive_authentication", "chip_authentication", "active_authentication"):
        assert out["verification"][check]["status"] in {"verified", "failed", "not_checked"}
        assert out["verification"][check]["reason"]
    assert out["verification"]["passive_authentication"]["status"] == "verified"
    assert out["stats"]["apdus"] > 10 and out["stats"]["ms_to_first_data"] <= out["stats"]["ms_total"]
    assert photo.read_bytes()[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--can", "999999"], 7, "rejected"),
        (["--can", "12"], 2, "6 digits"),
        (["--qr", "garbage"], 2, "QR"),
        (["--id", "079190001234", "--dob", "1990-05-17"], 2, "--expiry"),
        (["--can="], 2, "must be 6 digits"),
        (["--qr="], 2, "The QR text was not recognised"),
        (["--mrz="], 2, "The MRZ must be 3 lines"),
        (["--id="], 2, "exactly 12 digits"),
        (["--can", "001234", "--dob", "1990-05-17"], 2, "--dob and --expiry go with --id only"),
        (["--can", "001234", "--expiry", "none"], 2, "--dob and --expiry go with --id only"),
        (
            ["--can", "001234", "--photo-out", "/nonexistent/dir/f.jpg"],
            2,
            "The photo cannot be written to /nonexistent/dir/f.jpg: its folder does not exist.",
        ),
        (["--can", "001234", "--photo-out", "/tmp"], 2, "it is a folder"),
    ],
)
def test_read_errors_are_one_sentence_without_traceback(sim_card, tmp_path, args, code, message) -> None:
    card = sim_card("citizen_demo")
    r = kiosk("read", *args, profile=tmp_path / "p")
    assert r.returncode == code, r.stderr
    assert message in r.stderr
    assert "Traceback" not in r.stderr
    if "--photo-out" in args:
        assert card.apdu_count == 0  # refused before the card was touched
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_no_card_and_readers_listing(pcscd, tmp_path) -> None:
    r = kiosk("read", "--can", "001234", profile=tmp_path / "p")
    assert r.returncode == 5 and "place the ID card" in r.stderr
    r = kiosk("readers", "--json", profile=tmp_path / "p")
    state = json.loads(r.stdout)
    assert state["service"] == "ready"
    assert {"name": "Virtual PCD 00 00", "state": "no_card", "atr": ""} in state["readers"]


def test_readers_sees_an_id_card(sim_card, tmp_path) -> None:
    sim_card("citizen_demo")
    state = json.loads(kiosk("readers", "--json", profile=tmp_path / "p").stdout)
    slot0 = next(r for r in state["readers"] if r["name"] == "Virtual PCD 00 00")
    assert slot0["state"] == "emrtd" and slot0["atr"].startswith("3B")


def test_simulate_command_then_read_and_diagnose(pcscd, tmp_path) -> None:
    sim = subprocess.Popen(
        [sys.executable, "-m", "ui.main", "--profile", str(tmp_path / "s"), "card", "simulate",
         "--profile", str(DEMO_PROFILES["citizen_elder_bac"]), "--reader", "1", "--seconds", "60"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert sim.stdout is not None
        line = sim.stdout.readline()
        assert "Virtual PCD 00 01" in line
        time.sleep(0.1)
        r = kiosk("read", "--reader", "Virtual PCD 00 01", "--id", "001058000321", "--dob", "1958-11-02",
                  "--expiry", "none", profile=tmp_path / "p")  # fmt: skip
        assert r.returncode == 0, r.stderr
        assert "Đỗ Văn Thắng" in r.stdout and "none (Không thời hạn)" in r.stdout
        report = tmp_path / "diag.txt"
        r = kiosk("diagnose", "--out", str(report), profile=tmp_path / "p")
        assert r.returncode == 0, r.stderr
        text = report.read_text(encoding="utf-8")
        assert "Virtual PCD 00 01: emrtd" in text
        # The report's own timestamp survives redaction (it used to read "time: [redacted]T08:41:13").
        assert re.search(r"^time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", text, re.MULTILINE), text[:200]
        assert "SM READ BINARY" in text and "EXTERNAL AUTHENTICATE" in text
        for personal in ("001058000321", "Thắng", "THANG", "581102", "058000321"):
            assert personal not in text
    finally:
        sim.terminate()
        sim.wait(timeout=10)
    assert sim.returncode == 0


def test_trust_export_and_list(tmp_path) -> None:
    r = kiosk("trust", "--dir", str(tmp_path / "t"), "export-demo", profile=tmp_path / "p")
    assert r.returncode == 0 and (tmp_path / "t" / "demo-csca.pem").is_file()
    r = kiosk("trust", "--dir", str(tmp_path / "t"), "list", profile=tmp_path / "p")
    assert "DEMO" in r.stdout and "CSCA" in r.stdout


def test_simulate_with_error_injection(pcscd, tmp_path) -> None:
    sim = subprocess.Popen(
        [sys.executable, "-m", "ui.main", "--profile", str(tmp_path / "s"), "card", "simulate",
         "--profile", str(DEMO_PROFILES["citizen_demo"]), "--reader", "1", "--error-at", "8=6F00",
         "--seconds", "60"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert sim.stdout is not None and "Virtual PCD 00 01" in sim.stdout.readline()
        r = kiosk("read", "--reader", "Virtual PCD 00 01", "--can", "001234", profile=tmp_path / "p")
        assert r.returncode != 0 and "6F00" in r.stderr and "Traceback" not in r.stderr
        r = kiosk(
            "read", "--reader", "Virtual PCD 00 01", "--can", "001234", "--json", profile=tmp_path / "p"
        )
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["citizen"]["id_number"] == "079190001234"
    finally:
        sim.terminate()
        sim.wait(timeout=10)
    bad = kiosk(
        "simulate", "--profile", str(DEMO_PROFILES["citizen_demo"]), "--error-at", "x", profile=tmp_path / "p"
    )
    assert bad.returncode == 2 and "N=SW" in bad.stderr

"""The `kiosk` command as a user runs it: a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk import __version__

ROOT = Path(__file__).resolve().parents[2]


def kiosk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_version() -> None:
    r = kiosk("--version")
    assert r.returncode == 0
    assert r.stdout.strip() == f"kiosk {__version__}"


def test_help_lists_the_commands() -> None:
    r = kiosk("--help")
    assert r.returncode == 0
    for word in ("demo", "gui", "--profile"):
        assert word in r.stdout


def test_unknown_command_is_a_usage_error() -> None:
    r = kiosk("frobnicate")
    assert r.returncode == 2
    assert "invalid choice" in r.stderr


def test_profile_directory_is_created_with_private_permissions(tmp_path: Path) -> None:
    prof = tmp_path / "p"
    r = kiosk("--profile", str(prof), "--help")
    assert r.returncode == 0
    # --help exits before any work; a real command creates the profile and its log.
    r = kiosk("--profile", str(prof), "gui", "--smoke-test")
    assert r.returncode == 0, r.stderr
    assert (prof / "logs" / "kiosk.log").exists()
    assert (prof.stat().st_mode & 0o777) == 0o700

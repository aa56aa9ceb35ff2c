from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.dossier.store import Store
from kiosk.profile import Profile
from tests.dossier.keyrings import pin_keyring


@pytest.fixture(autouse=True)
def isolated_keyring(monkeypatch) -> None:
    """Every test starts without an OS keyring, in this process and in the ``kiosk``
    subprocesses it starts, whatever ran before and whatever the machine has."""
    from keyring.backends import fail

    pin_keyring(monkeypatch, fail.Keyring())
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


@pytest.fixture
def profile(tmp_path) -> Profile:
    return Profile.open(tmp_path / "profile")


@pytest.fixture
def data_key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def store(profile, data_key) -> Iterator[Store]:
    s = Store.open(profile, data_key)
    s.actor = "canbo1"
    yield s
    s.close()


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A 400 KiB tmpfs, to fill the disk for real (root only; skipped elsewhere)."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mnt)], check=False, capture_output=True
    )
    if r.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    """A size-limited tmpfs at ``path``, to fill the disk for real.

    Mounting needs root (the README's test command runs with root or sudo); without it the
    test fails with the reason rather than skipping the full-disk proof.
    """
    path.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], check=False, capture_output=True
    )
    if r.returncode != 0:
        pytest.fail(
            "Could not mount a small tmpfs for the full-disk test "
            f"({r.stderr.strip() or r.returncode}); run the test suite as root (bash installer/dev.sh test)."
        )
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill_disk(folder: Path) -> Path:
    """Write zeros until the file system refuses (ENOSPC); returns the filler file."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A 400 KiB tmpfs."""
    with tmpfs(tmp_path / "small", "400k") as mnt:
        yield mnt

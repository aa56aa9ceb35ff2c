from __future__ import annotations

import os
from collections.abc import Iterator

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

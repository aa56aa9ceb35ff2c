from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from kiosk.dossier.store import Store
from kiosk.profile import Profile


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

from __future__ import annotations

import pytest

# The same profile, key and store fixtures as the dossier tests, and the same per-test
# keyring isolation (autouse).
from tests.dossier.conftest import data_key, isolated_keyring, profile, small_disk, store
from tests.dossier.keyrings import MemoryKeyring, pin_keyring

__all__ = ["data_key", "isolated_keyring", "profile", "small_disk", "store"]


@pytest.fixture
def memory_keyring(monkeypatch) -> MemoryKeyring:
    backend = MemoryKeyring()
    pin_keyring(monkeypatch, backend)
    return backend


@pytest.fixture
def no_keyring(monkeypatch) -> None:
    from keyring.backends import fail

    pin_keyring(monkeypatch, fail.Keyring())


@pytest.fixture
def initialised(profile):
    from kiosk.security.keys import init_profile
    from tests.dossier.people import FAST_KDF, PASSPHRASE

    recovery = init_profile(
        profile,
        unit_name="UBND phường Hoàn Kiếm",
        unit_code="H29",
        admin_username="admin",
        admin_passphrase=PASSPHRASE,
        kdf=FAST_KDF,
    )
    return profile, recovery

from __future__ import annotations

import pytest

# The same profile, key and store fixtures as the dossier tests.
from tests.dossier.conftest import data_key, profile, store

__all__ = ["data_key", "profile", "store"]


@pytest.fixture
def memory_keyring():
    import keyring
    from keyring.backend import KeyringBackend

    class _Mem(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.items: dict[tuple[str, str], str] = {}

        def get_password(self, service, username):
            return self.items.get((service, username))

        def set_password(self, service, username, password):
            self.items[(service, username)] = password

        def delete_password(self, service, username):
            self.items.pop((service, username), None)

    previous = keyring.get_keyring()
    backend = _Mem()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


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

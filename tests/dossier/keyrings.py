"""An in-memory OS keyring for tests, and the pinning that keeps keyring state per test.

keyring registers every ``KeyringBackend`` subclass the moment it is defined and picks the
highest-priority viable one the first time ``keyring.get_keyring()`` runs. A test backend
defined inside a fixture therefore became the process-wide default when it was the first
keyring call of the session (security tests before dossier tests), and every later test saw
a working keyring. Here the class is defined once, is never viable for auto-detection, and
each test starts from "no keyring" unless it asks for the memory one.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]
    viable = False  # type: ignore[assignment]  # never chosen by keyring's auto-detection

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def pin_keyring(monkeypatch, backend: KeyringBackend) -> None:
    """Make ``backend`` the process keyring for this test; monkeypatch restores the exact
    previous state (even "not detected yet") afterwards."""
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)

"""Officer roles, sessions, idle lock and the login back-off policy.

Roles:
- ``admin``: everything, including officers, keys and retention;
- ``supervisor``: every dossier, export, purge, requeue of quarantined dossiers;
- ``officer``: counter work (create, view, edit, transition, print);
- ``community``: a community team's tablet: only the dossiers its own account created;
- ``kiosk``: self-service, only the current citizen session's dossiers (enforced by the store).
"""

from __future__ import annotations

import json
import time
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from kiosk.dossier.errors import AccessDeniedError
from kiosk.errors import KioskError

if TYPE_CHECKING:
    from kiosk.dossier.store import Store


class Role(StrEnum):
    admin = "admin"
    supervisor = "supervisor"
    officer = "officer"
    community = "community"
    kiosk = "kiosk"


PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.admin: frozenset(
        {
            "list",
            "view",
            "create",
            "edit",
            "transition",
            "print",
            "export",
            "purge",
            "requeue",
            "manage_officers",
            "manage_keys",
            "verify_log",
            "subject_request",
            "settings",
        }
    ),
    Role.supervisor: frozenset(
        {
            "list",
            "view",
            "create",
            "edit",
            "transition",
            "print",
            "export",
            "purge",
            "requeue",
            "verify_log",
            "subject_request",
        }
    ),
    Role.officer: frozenset({"list", "view", "create", "edit", "transition", "print"}),
    Role.community: frozenset({"list", "view", "create", "edit", "transition", "print"}),
    Role.kiosk: frozenset({"create", "view", "print"}),
}

DEFAULT_IDLE_LOCK_S = 300.0

# Full names live inside the encrypted store, not in keys.json: that file is plaintext and
# promises no personal data (it holds user names and wrapped keys only).
FULL_NAMES_META = "officer_full_names"
FULL_NAME_MAX = 100
# As for citizens' names (kiosk.forms.validate): Latin letters with Vietnamese diacritics, and
# the spaces, apostrophes and hyphens of names such as "H'Hen Niê".
_NAME_PUNCT = frozenset(" '’-")
FULL_NAME_RULE = (
    "A full name is 1-100 Latin letters (Vietnamese diacritics included), spaces, apostrophes or hyphens."
)


def normalise_full_name(text: str | None) -> str:
    """The officer's full name as printed on receipts: NFC, single spaces; "" when none given."""
    name = " ".join(unicodedata.normalize("NFC", text or "").split())
    if not name:
        return ""
    letters = [ch for ch in name if ch not in _NAME_PUNCT]
    if (
        len(name) > FULL_NAME_MAX
        or not letters
        or not all(
            unicodedata.category(ch).startswith("L") and unicodedata.name(ch, "").startswith("LATIN ")
            for ch in letters
        )
    ):
        raise KioskError(FULL_NAME_RULE)
    return name


def full_names(store: Store) -> dict[str, str]:
    """Every officer's full name by user name (officers without one are absent)."""
    raw = store.get_meta(FULL_NAMES_META)
    try:
        names: Any = json.loads(raw) if raw else {}
    except ValueError:
        names = {}
    if not isinstance(names, dict):
        return {}
    return {str(u): n for u, n in names.items() if isinstance(n, str) and n}


def set_full_name(store: Store, username: str, full_name: str) -> None:
    """Record (or with "" forget) an officer's full name; ``full_name`` is already normalised."""
    names = full_names(store)
    if full_name:
        names[username] = full_name
    elif names.pop(username, None) is None:
        return
    store.set_meta(FULL_NAMES_META, json.dumps(names, ensure_ascii=False, sort_keys=True))


@dataclass(frozen=True)
class LockoutPolicy:
    """After ``max_failures`` wrong passphrases in a row, wait ``base_s`` seconds,
    doubling with each further failure up to ``max_s``."""

    max_failures: int = 5
    base_s: float = 30.0
    max_s: float = 3600.0

    def lockout_seconds(self, failures: int) -> float:
        if failures < self.max_failures:
            return 0.0
        return float(min(self.max_s, self.base_s * 2 ** (failures - self.max_failures)))


class LockedError(AccessDeniedError):
    """The session is locked (idle or by hand); unlock with the passphrase."""


@dataclass
class OfficerSession:
    """A logged-in officer (or the kiosk itself). ``lock()`` keeps the store open for the
    background sync but hides everything until ``unlock()`` re-checks the passphrase."""

    username: str
    role: Role
    store: Store
    idle_lock_s: float = DEFAULT_IDLE_LOCK_S
    last_activity: float = field(default_factory=time.monotonic)
    locked: bool = False
    full_name: str = ""

    @property
    def display_name(self) -> str:
        """How documents name the officer: the full name, else the user name."""
        return self.full_name or self.username

    def touch(self) -> None:
        self.last_activity = time.monotonic()

    def idle_expired(self, now: float | None = None) -> bool:
        if self.idle_lock_s <= 0:
            return False
        return ((now if now is not None else time.monotonic()) - self.last_activity) >= self.idle_lock_s

    def check_idle(self, now: float | None = None) -> bool:
        """Lock if idle too long; returns whether the session is now locked."""
        if not self.locked and self.idle_expired(now):
            self.lock()
        return self.locked

    def lock(self) -> None:
        """Personal data leaves memory: the citizen session ends, the UI must clear its screens."""
        self.locked = True
        self.store.end_citizen_session()

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS[self.role]

    def require(self, permission: str) -> None:
        if self.locked:
            raise LockedError("The session is locked; unlock it with your passphrase.")
        if not self.can(permission):
            raise AccessDeniedError(
                f"The role '{self.role.value}' is not allowed to {permission.replace('_', ' ')}; "
                "ask a supervisor or administrator."
            )
        self.touch()

    def unlock(self, passphrase: str) -> None:
        from kiosk.security.keys import verify_passphrase

        verify_passphrase(self.store.profile, self.username, passphrase)
        self.locked = False
        self.touch()
        self.store.log_event("login", actor=self.username, detail="unlock")


@dataclass
class KioskSession:
    """The self-service kiosk's citizen session: no lock screen, but after ``idle_s`` without
    input (or when the card is removed) the citizen's data is dropped and the kiosk starts over.
    Same interface as :class:`OfficerSession` for the idle watcher."""

    store: Store
    idle_s: float = 120.0
    last_activity: float = field(default_factory=time.monotonic)
    locked: bool = False  # a kiosk never locks; it forgets

    def touch(self) -> None:
        self.last_activity = time.monotonic()

    def begin(self) -> str:
        self.touch()
        return self.store.begin_citizen_session()

    def end(self) -> None:
        self.store.end_citizen_session()

    def check_idle(self, now: float | None = None) -> bool:
        """True once per idle period, after the citizen's session was ended."""
        now = now if now is not None else time.monotonic()
        if self.store.citizen_session_id is not None and now - self.last_activity >= self.idle_s:
            self.end()
            return True
        return False


def receipt_officer_name(session: object) -> str:
    """The receipt's "Người tiếp nhận hồ sơ": the officer's full name (else user name); empty for
    the self-service kiosk (no session, or the kiosk role), where nobody receives in person."""
    if not isinstance(session, OfficerSession) or session.role is Role.kiosk:
        return ""
    return session.display_name

"""The profile: one data directory holding the store, attachments, logs and settings.

``--profile DIR`` chooses it; the default is the platform's user data directory.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "mot-cua-kiosk"


def default_profile_dir() -> Path:
    env = os.environ.get("KIOSK_PROFILE")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Profile:
    root: Path

    @classmethod
    def open(cls, root: str | os.PathLike[str] | None = None) -> Profile:
        path = Path(root) if root else default_profile_dir()
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        prof = cls(path.resolve())
        for sub in (prof.logs_dir, prof.attachments_dir, prof.tmp_dir):
            sub.mkdir(parents=True, exist_ok=True, mode=0o700)
        return prof

    @property
    def db_path(self) -> Path:
        return self.root / "store.db"

    @property
    def attachments_dir(self) -> Path:
        return self.root / "attachments"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def tmp_dir(self) -> Path:
        """Scratch space inside the profile; only ever holds encrypted bytes."""
        return self.root / "tmp"

    @property
    def settings_path(self) -> Path:
        return self.root / "settings.json"

    def load_settings(self) -> dict[str, Any]:
        try:
            data = json.loads(self.settings_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise ProfileError(
                f"The settings file {self.settings_path} is unreadable ({exc.__class__.__name__}); "
                "restore it from a backup or delete it to start with defaults."
            ) from exc
        return data if isinstance(data, dict) else {}

    def save_settings(self, settings: dict[str, Any]) -> None:
        tmp = self.settings_path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(settings, fh, ensure_ascii=False, indent=2, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.settings_path)


class ProfileError(RuntimeError):
    pass

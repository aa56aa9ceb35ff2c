"""A support report about this installation: versions, paths, free space, smart-card service.

Contains no personal data: it is meant to be sent to the province IT team.
"""

from __future__ import annotations

import platform
import shutil
import sys
from dataclasses import asdict, dataclass, field
from typing import Any

from kiosk import __version__
from kiosk.profile import Profile


@dataclass
class Diagnostics:
    app_version: str
    python: str
    platform: str
    profile_dir: str
    log_file: str
    free_disk_mb: int
    smart_card: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def smart_card_summary() -> dict[str, Any]:
    try:
        from smartcard.Exceptions import ListReadersException
        from smartcard.System import readers
    except ImportError as exc:  # pragma: no cover - broken install
        return {"service": "unavailable", "reason": f"pyscard is not installed ({exc.name})"}
    try:
        names = [str(r) for r in readers()]
    except ListReadersException:
        return {"service": "not running", "readers": []}
    except Exception as exc:
        return {"service": "error", "reason": exc.__class__.__name__, "readers": []}
    return {"service": "running", "readers": names}


def collect(profile: Profile) -> Diagnostics:
    usage = shutil.disk_usage(profile.root)
    return Diagnostics(
        app_version=__version__,
        python=sys.version.split()[0],
        platform=platform.platform(),
        profile_dir=str(profile.root),
        log_file=str(profile.logs_dir / "kiosk.log"),
        free_disk_mb=usage.free // (1024 * 1024),
        smart_card=smart_card_summary(),
    )

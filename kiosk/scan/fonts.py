"""Where the Times New Roman-compatible font lives (Liberation Serif, SIL OFL 1.1)."""

from __future__ import annotations

from pathlib import Path

from kiosk.scan.errors import ScanError

_REPO_ASSETS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
_SYSTEM = Path("/usr/share/fonts/truetype/liberation2")
_SYSTEM_OLD = Path("/usr/share/fonts/truetype/liberation")


def serif_font(style: str = "Regular") -> Path:
    """The bundled Liberation Serif file, else the system one (Debian fonts-liberation2)."""
    name = f"LiberationSerif-{style}.ttf"
    for folder in (_REPO_ASSETS, _SYSTEM, _SYSTEM_OLD):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise ScanError(
        f"The font {name} is missing; reinstall the application or install the fonts-liberation2 package."
    )

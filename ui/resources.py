"""Where the bundled assets live (source checkout or installed wheel)."""

from __future__ import annotations

from pathlib import Path


def assets_dir() -> Path:
    here = Path(__file__).resolve().parent
    for cand in (here.parent / "assets", here / "assets"):
        if cand.is_dir():
            return cand
    raise FileNotFoundError("the assets folder is missing: reinstall the application")

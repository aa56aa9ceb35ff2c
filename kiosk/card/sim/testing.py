"""Helpers for tests in any area (no pytest import here): pcscd + a simulated card on vpcd.

with simulated_card("citizen_demo", tamper_dg=13) as card:
    result = read_card(card.reader, AccessKey.from_can(card.can))
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kiosk.card.pcscd import ensure_pcscd
from kiosk.card.sim import SimulatedCard
from kiosk.card.sim.profile import ASSETS_DEMO

DEMO_PROFILES = {
    "citizen_demo": ASSETS_DEMO / "citizen_demo.json",
    "citizen_elder_bac": ASSETS_DEMO / "citizen_elder_bac.json",
    "passport_demo": ASSETS_DEMO / "passport_demo.json",
}


def profile_path(name_or_path: str | Path) -> Path:
    return DEMO_PROFILES.get(str(name_or_path), Path(name_or_path))


@contextmanager
def simulated_card(profile: str | Path | dict[str, Any] = "citizen_demo", reader_index: int = 0,
                   **options: Any) -> Iterator[SimulatedCard]:  # fmt: skip
    """pcscd running (started if needed) and a simulated card placed on vpcd slot ``reader_index``."""
    ensure_pcscd()
    source = profile if isinstance(profile, dict) else profile_path(profile)
    card = SimulatedCard.from_profile(source, **options)
    card.attach(reader_index)
    try:
        yield card
    finally:
        card.stop()

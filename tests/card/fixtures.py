"""Reusable pytest fixtures for card tests (other areas: ``pytest_plugins = ["tests.card.fixtures"]``
or import these names into your conftest)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.card.pcscd import PcscdHandle, ensure_pcscd
from kiosk.card.sim import SimulatedCard
from kiosk.card.sim.pki import export_demo_csca
from kiosk.card.sim.testing import profile_path


@pytest.fixture(scope="session")
def pcscd() -> Iterator[PcscdHandle]:
    handle = ensure_pcscd()
    yield handle
    if handle.started_here:
        handle.stop()


@pytest.fixture
def sim_card(pcscd: PcscdHandle) -> Iterator[Callable[..., SimulatedCard]]:
    """Factory: ``sim_card("citizen_demo", reader_index=0, **SimOptions)`` -> an attached card."""
    cards: list[SimulatedCard] = []

    def make(
        profile: str | Path | dict[str, Any] = "citizen_demo", reader_index: int = 0, **options: Any
    ) -> SimulatedCard:
        source = profile if isinstance(profile, dict) else profile_path(profile)
        card = SimulatedCard.from_profile(source, **options)
        cards.append(card)
        return card.attach(reader_index)

    yield make
    for c in cards:
        c.stop()


@pytest.fixture
def trust_dir(tmp_path: Path) -> Path:
    """A trust folder holding the demo CSCA that signs simulated cards."""
    d = tmp_path / "trust"
    export_demo_csca(d)
    return d

"""Reception asks for consent before a chip read where the law requires it, and records it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.profile import Profile
from kiosk.security import keys
from kiosk.security.consent import Purpose, has_consent
from ui.app import make_app
from ui.context import AppContext
from ui.reception import ReceptionPage

FAST = keys.KdfParams(time_cost=1, memory_cost=8192, parallelism=1)


def officer_store(tmp_path: Path, *, consent_for_officers: bool):  # type: ignore[no-untyped-def]
    profile = Profile.open(tmp_path / "p")
    keys.init_profile(
        profile,
        unit_name="UBND xã Thử Nghiệm",
        unit_code="T01",
        admin_username="admin",
        admin_passphrase="correct horse battery staple",
        kdf=FAST,
    )
    store, session = keys.unlock_with_passphrase(profile, "admin", "correct horse battery staple")
    store.update_settings(consent_required_officer=consent_for_officers)
    return profile, store, session


@pytest.mark.gui
def test_consent_gates_the_reader_and_is_recorded(tmp_path: Path) -> None:
    make_app()
    profile, store, session = officer_store(tmp_path, consent_for_officers=True)
    page = ReceptionPage(AppContext(profile=profile, store=store, officer=session))
    try:
        assert not page.consent.isHidden()
        assert not page.consent.isChecked()  # never pre-ticked
        assert not page.card_panel.isEnabled()
        page.consent.setChecked(True)
        assert page.card_panel.isEnabled()
        sid = store.citizen_session_id
        assert sid and has_consent(store, Purpose.chip_read, session_id=sid)
        # The next citizen must be asked again.
        page.ctx.end_citizen_session()
        assert not page.consent.isChecked() and not page.card_panel.isEnabled()
        assert store.citizen_session_id is None
    finally:
        page.shutdown()
        store.close()


@pytest.mark.gui
def test_officer_mode_without_the_setting_does_not_ask(tmp_path: Path) -> None:
    make_app()
    profile, store, session = officer_store(tmp_path, consent_for_officers=False)
    page = ReceptionPage(AppContext(profile=profile, store=store, officer=session))
    try:
        assert page.consent.isHidden()
        assert page.card_panel.isEnabled()
    finally:
        page.shutdown()
        store.close()

"""Consent at reception: the core check guards every chip read, unticking withdraws, a saved
dossier carries the session's consents (Law 91/2025)."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.card.keys import AccessKey
from kiosk.security import keys
from kiosk.security.consent import Purpose, consents_for, has_consent
from ui.card.panel import CardReaderPanel
from ui.context import AppContext
from ui.reception import ReceptionPage

from .conftest import PASSPHRASE
from .test_receipt import fill_ct01, save

pytestmark = pytest.mark.gui


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Chip reads that got past the reception's checks (the reader itself is never touched)."""
    calls: list[str] = []
    monkeypatch.setattr(CardReaderPanel, "read_now", lambda self: calls.append("read"))
    return calls


def test_the_card_read_asks_the_core_consent_check(app, officer, reads) -> None:
    store, session = officer
    store.update_settings(consent_required_officer=True)
    page = ReceptionPage(AppContext(profile=store.profile, store=store, officer=session))
    panel = page.card_panel
    try:
        # The widget gate alone is not the rule: enabled by mistake, the read is still refused.
        panel.setEnabled(True)
        panel.key = AccessKey.from_can("123456")
        panel.read_now()
        assert reads == []
        assert "consent to read the chip is not recorded" in panel.message.text()
        page.consent.setChecked(True)  # consent recorded: the waiting card is read
        assert reads == ["read"]
        panel.read_now()
        assert reads == ["read", "read"]
    finally:
        page.shutdown()


def test_unticking_records_a_withdrawal_and_stops_reads(app, officer, reads) -> None:
    store, session = officer
    store.update_settings(consent_required_officer=True)
    page = ReceptionPage(AppContext(profile=store.profile, store=store, officer=session))
    try:
        page.consent.setChecked(True)
        sid = store.citizen_session_id
        page.consent.setChecked(False)
        (record,) = consents_for(store, session_id=sid)
        assert record.withdrawn_at is not None and record.withdrawal_method == "verbal_witnessed"
        assert record.withdrawn_by == "admin"
        assert not has_consent(store, Purpose.chip_read, session_id=sid)
        page.card_panel.setEnabled(True)
        page.card_panel.key = AccessKey.from_can("123456")
        page.card_panel.read_now()
        assert reads == []
        # Ticking again is a new grant next to the withdrawn one.
        page.consent.setChecked(True)
        records = consents_for(store, session_id=sid)
        assert [r.active for r in records] == [False, True]
    finally:
        page.shutdown()


def test_the_next_citizen_is_not_a_withdrawal(app, officer) -> None:
    store, session = officer
    store.update_settings(consent_required_officer=True)
    page = ReceptionPage(AppContext(profile=store.profile, store=store, officer=session))
    try:
        page.consent.setChecked(True)
        sid = store.citizen_session_id
        page.next_button.click()
        (record,) = consents_for(store, session_id=sid)
        assert record.active  # the citizen finished; they took nothing back
        assert not page.consent.isChecked() and store.citizen_session_id is None
    finally:
        page.shutdown()


def test_officer_mode_follows_the_setting_for_the_next_citizen(app, officer, reads) -> None:
    store, session = officer
    page = ReceptionPage(AppContext(profile=store.profile, store=store, officer=session))
    try:
        assert page.consent.isHidden() and page.card_panel.isEnabled()
        page.card_panel.key = AccessKey.from_can("123456")
        page.card_panel.read_now()
        assert reads == ["read"]  # not required: no consent record needed
        store.update_settings(consent_required_officer=True)
        page.next_button.click()
        assert not page.consent.isHidden() and not page.card_panel.isEnabled()
        page.card_panel.setEnabled(True)
        page.card_panel.key = AccessKey.from_can("123456")
        page.card_panel.read_now()
        assert reads == ["read"]
    finally:
        page.shutdown()


def test_saving_links_the_consents_to_the_dossier_and_the_citizen(
    app, kiosk_store, profile, monkeypatch
) -> None:
    from tests.forms.conftest import father

    monkeypatch.setattr("ui.forms.pdf_preview.QPrinterInfo.defaultPrinterName", staticmethod(lambda: ""))
    page = ReceptionPage(AppContext(profile=profile, kiosk_mode=True, store=kiosk_store))
    try:
        page.consent.setChecked(True)
        sid = kiosk_store.citizen_session_id
        fill_ct01(page)
        dossier: Any = save(page)
    finally:
        page.shutdown()
    officer_store, _ = keys.unlock_with_passphrase(profile, "admin", PASSPHRASE)
    try:
        (record,) = consents_for(officer_store, dossier_uuid=dossier.uuid)
        assert record.session_id == sid and record.method == "touch"
        assert consents_for(officer_store, id_number=father().get("id_number")) == [record]
    finally:
        officer_store.close()

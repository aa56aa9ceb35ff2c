"""The walking skeleton through the window, as an officer clicks it (offscreen Qt).

Demo environment (pcscd + vpcd + simulated card, real intake server process), the card is
read by the reader panel's worker thread, the officer picks CT01, types what no card holds,
presses Save; the sync controller's thread uploads and the status shows the official code.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QLabel

from sync.demo import DEMO_TYPED_FIELDS, DemoEnvironment
from sync.server.config import ServerData
from sync.server.db import make_engine
from sync.server.service import IntakeService
from ui.app import Shell, make_app
from ui.context import AppContext
from ui.i18n import install_translations
from ui.reception import ReceptionPage


def wait_until(
    app: QApplication, cond: Callable[[], bool], timeout: float = 60.0, why: Callable[[], str] = str
) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not reached in time: {why()}")
        app.processEvents()
        time.sleep(0.02)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[DemoEnvironment]:
    env = DemoEnvironment.start(tmp_path)
    try:
        yield env
    finally:
        env.stop()


@pytest.mark.gui
@pytest.mark.pcsc
@pytest.mark.server
def test_officer_reads_fills_saves_and_gets_the_official_code(demo: DemoEnvironment) -> None:
    app = make_app()
    install_translations(app, "en")
    ctx = AppContext(profile=demo.profile, demo=demo, store=demo.open_store())
    shell = Shell(ctx)
    shell.begin()
    try:
        page = shell.main.pages["reception"]
        assert isinstance(page, ReceptionPage)
        # The demo key is known: placing the card reads it without a click.
        panel = page.card_panel
        wait_until(
            app,
            lambda: "Now choose the service" in page.status.text(),
            why=lambda: f"reader panel says {panel.state.text()!r} / {panel.message.text()!r}",
        )
        page.forms.picker.chosen.emit("CT01")
        screen = page.forms.form_screen
        assert screen is not None
        wait_until(app, lambda: screen.editors[("CT01", "full_name")].text() != "")
        assert screen.editors[("CT01", "full_name")].text() == "PHẠM THỊ HỒNG NHUNG"
        for field, value in DEMO_TYPED_FIELDS.items():
            editor = screen.editors[("CT01", field)]
            editor.setText(value)
            editor.editingFinished.emit()
        page.save_button.click()
        wait_until(app, lambda: "official code" in page.status.text(), timeout=90, why=page.status.text)
        official = page.status.text().rsplit(" ", 1)[-1].rstrip(".")
        data = ServerData(demo.root / "server")
        received = IntakeService(data, make_engine(data.dir, None)).list_dossiers()
        assert [d["official_code"] for d in received] == [official]

        # Next citizen: every screen forgets the person.
        page.next_button.click()
        app.processEvents()
        assert page.forms.form_screen is None
        shown = " ".join(w.text() for w in panel.citizen_view.findChildren(QLabel))
        assert "Phạm" not in shown and "079190001234" not in shown
        assert panel.photo.pixmap().isNull()
    finally:
        shell.shutdown()
        shell.close()
        install_translations(app, "en")


@pytest.mark.gui
@pytest.mark.pcsc
def test_kiosk_asks_consent_and_forgets_the_citizen_when_the_card_is_lifted(demo: DemoEnvironment) -> None:
    app = make_app()
    install_translations(app, "en")
    store = demo.open_store()
    store.restrict_to_kiosk()  # as `kiosk demo --kiosk-mode` does
    ctx = AppContext(profile=demo.profile, kiosk_mode=True, demo=demo, store=store)
    # The kiosk's sync service gets its own handle, able to sign for the device.
    from sync.device import load_key

    sync_handle = ctx.sync_store()
    try:
        assert sync_handle.role == "sync" and load_key(demo.profile, sync_handle) is not None
    finally:
        sync_handle.close()
    page = ReceptionPage(ctx)
    try:
        assert not page.consent.isHidden() and not page.consent.isChecked()
        assert not page.card_panel.isEnabled()
        page.start_page()  # the card already lies on the reader and the demo key is known
        panel = page.card_panel
        wait_until(app, lambda: "ID card detected" in panel.state.text(), why=panel.state.text)
        for _ in range(20):  # the monitor's report has been handled: still no chip access
            app.processEvents()
            time.sleep(0.02)
        assert panel._thread is None and page._pending is None
        assert panel.citizen_view.values["full_name"].text() == "—"
        page.consent.setChecked(True)  # consent given: the card on the reader is read now
        wait_until(app, lambda: page._pending is not None, why=panel.message.text)
        demo.card.remove()
        wait_until(app, lambda: page._pending is None and not page.consent.isChecked(), why=panel.state.text)
        shown = " ".join(w.text() for w in panel.citizen_view.findChildren(QLabel))
        assert "Phạm" not in shown
        assert not page.card_panel.isEnabled()  # the next citizen is asked again
    finally:
        demo.card.insert()
        page.shutdown()
        ctx.store.close()

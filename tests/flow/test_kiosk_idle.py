"""The kiosk forgets a citizen who walks away: a countdown warning, then the session ends."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from tests.forms.conftest import father
from ui.app import KIOSK_IDLE_DEFAULT_S, Shell, kiosk_idle_seconds
from ui.context import AppContext
from ui.dossier.idle import KioskIdleWatcher
from ui.reception import ReceptionPage

from .conftest import until

pytestmark = pytest.mark.gui


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_watcher_warns_for_the_last_15_seconds_then_expires(app) -> None:
    clock, busy = Clock(), [True]
    w = KioskIdleWatcher(lambda: busy[0], timeout_s=120, warn_s=15, tick_ms=60_000, clock=clock)
    got: list[Any] = []
    w.countdown.connect(lambda s: got.append(("countdown", s)))
    w.resumed.connect(lambda: got.append("resumed"))
    w.expired.connect(lambda: got.append("expired"))
    try:
        clock.t += 104
        w.check()
        assert got == []  # 16 s left: no warning yet
        clock.t += 2
        w.check()
        assert got == [("countdown", 14)]
        w.touch()  # the citizen touched the screen
        assert got[-1] == "resumed"
        clock.t += 119
        w.check()
        assert got[-1] == ("countdown", 1)
        clock.t += 1
        w.check()
        assert got[-1] == "expired"
        # Nothing of a citizen on screen: nothing to warn about, and the wait starts afresh.
        busy[0] = False
        clock.t += 500
        w.check()
        busy[0] = True
        w.check()
        assert got == [("countdown", 14), "resumed", ("countdown", 1), "expired"]
    finally:
        w.stop()


def test_the_idle_time_is_a_profile_setting(app, profile) -> None:
    assert kiosk_idle_seconds(profile) == KIOSK_IDLE_DEFAULT_S == 120
    profile.save_settings({"kiosk_idle_s": 45})
    assert kiosk_idle_seconds(profile) == 45
    profile.save_settings({"kiosk_idle_s": "soon"})
    assert kiosk_idle_seconds(profile) == 120


class _Main(QWidget):
    """The main window's part the shell uses, without starting the card reader's monitor."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.pages = {"reception": ReceptionPage(ctx)}
        self.nav = QListWidget(self)
        self.nav.addItems(["Reception", "Digitise papers"])
        lay = QVBoxLayout(self)
        lay.addWidget(self.pages["reception"])

    def shutdown(self) -> None:
        self.pages["reception"].shutdown()


def test_an_idle_kiosk_forgets_the_citizen(app, kiosk_store, profile, monkeypatch) -> None:
    profile.save_settings({"kiosk_idle_s": 2})
    monkeypatch.setattr("ui.main_window.MainWindow", _Main)
    monkeypatch.setattr(Shell, "_start_sync", lambda self: None)
    ctx = AppContext(profile=profile, kiosk_mode=True, store=kiosk_store)
    shell = Shell(ctx)
    shell.begin()
    shell.show()
    ended: list[bool] = []
    ctx.signals.citizen_session_ended.connect(lambda: ended.append(True))
    try:
        page = shell.main.pages["reception"]
        assert shell.kiosk_idle is not None and shell.kiosk_idle.timeout_s == 2
        # Nothing on screen yet: no warning, whatever the wait.
        QTest.qWait(600)
        assert shell.idle_warning is not None and shell.idle_warning.isHidden() and ended == []

        page.consent.setChecked(True)
        page.forms.picker.chosen.emit("CT01")
        page._card_read("applicant", father())
        page.card_panel.citizen_view.show_citizen(father())
        shell.main.nav.setCurrentRow(1)
        warning = shell.idle_warning
        assert warning is not None
        until(warning.isVisible, timeout=5)
        assert warning.title.text() == "Touch the screen to continue"
        assert "s and your data is cleared" in warning.seconds.text()
        # A touch keeps the session.
        QTest.mouseClick(page, Qt.MouseButton.LeftButton)
        assert warning.isHidden() and ended == [] and page.forms.form_screen is not None

        until(lambda: ended, timeout=6)
        # Exactly as when the card is lifted: every screen and the store forget the citizen.
        assert warning.isHidden()
        assert page.forms.form_screen is None and page._pending is None
        assert not page.consent.isChecked() and not page.card_panel.isEnabled()
        assert kiosk_store.citizen_session_id is None
        shown = " ".join(w.text() for w in page.card_panel.citizen_view.findChildren(QLabel))
        assert "Trương" not in shown
        assert shell.main.nav.currentRow() == 0  # back to the start
        QTest.qWait(600)
        assert len(ended) == 1  # once: the kiosk now waits for the next citizen
    finally:
        shell.shutdown()
        shell.close()

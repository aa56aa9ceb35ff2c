"""Start the Qt application: translations, style, first run or login, the main window, sync."""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QStackedWidget, QWidget

from kiosk.errors import KioskError
from kiosk.profile import Profile
from kiosk.security import keys
from ui.context import AppContext
from ui.errors import error_text
from ui.i18n import install_translations
from ui.resources import assets_dir
from ui.theme import set_high_contrast

log = logging.getLogger(__name__)


def _load_fonts() -> None:
    # Bundled fonts carry full Vietnamese glyphs whatever the host has installed.
    fonts = assets_dir() / "fonts"
    for ttf in sorted(fonts.glob("*.ttf")) if fonts.is_dir() else []:
        QFontDatabase.addApplicationFont(str(ttf))


def apply_style(app: QApplication, kiosk_mode: bool) -> None:
    name = "kiosk.qss" if kiosk_mode else "officer.qss"
    qss = assets_dir() / "styles" / name
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    set_high_contrast(app, kiosk_mode)
    if kiosk_mode:
        font = app.font()
        font.setPointSize(16)
        app.setFont(font)
    else:
        app.setFont(QFont(app.font().family(), 11))


def make_app() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Một Cửa Kiosk")
    app.setOrganizationName("mot-cua-kiosk")
    return app


class Shell(QStackedWidget):
    """The top-level window: first-run setup, then login, then the main window; lock on idle."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.main: Any = None
        self.setWindowTitle(self.tr("Một Cửa Kiosk"))
        self.setAccessibleName(self.tr("Một Cửa Kiosk"))
        self.resize(1280, 800)
        self._idle: Any = None

    # -- steps ---------------------------------------------------------------------------------
    def begin(self) -> None:
        if self.ctx.store is not None:
            self.open_main()
        elif not keys.is_initialised(self.ctx.profile):
            from ui.dossier.setup import FirstRunScreen

            setup = FirstRunScreen(self.ctx.profile, kiosk_mode=self.ctx.kiosk_mode)
            setup.completed.connect(self.show_login)
            self._show(setup)
        elif self.ctx.kiosk_mode:
            self.unlock_kiosk()
        else:
            self.show_login()

    def show_login(self) -> None:
        from ui.dossier.login import LoginScreen

        login = LoginScreen(self.ctx.profile, kiosk_mode=self.ctx.kiosk_mode)
        login.unlocked.connect(self.unlocked)
        self._show(login)

    def unlock_kiosk(self) -> None:
        # Unattended kiosk: the OS keyring's machine secret opens the store, no human needed.
        try:
            store = keys.unlock_with_machine_secret(self.ctx.profile, role="kiosk")
        except KioskError as err:
            QMessageBox.critical(self, self.tr("The kiosk cannot start"), error_text(err))
            self.show_login()
            return
        self.unlocked(store, None)

    def unlocked(self, store: Any, session: Any) -> None:
        self.ctx.store = store
        self.ctx.officer = session
        self.open_main()
        if session is not None:
            from ui.dossier.idle import IdleWatcher

            self._idle = IdleWatcher(session)
            self._idle.locked.connect(self.lock)

    def open_main(self) -> None:
        from ui.main_window import MainWindow

        self._start_sync()
        self.main = MainWindow(self.ctx)
        self._show(self.main)

    def _start_sync(self) -> None:
        if self.ctx.store is None:
            return
        from ui.sync.controller import SyncController

        self.ctx.sync = SyncController(self.ctx.sync_store, self.ctx.profile, parent=self)
        self.ctx.signals.dossier_saved.connect(lambda _uuid: self.ctx.sync.sync_now())
        self.ctx.sync.start()

    def lock(self) -> None:
        from ui.dossier.login import LockScreen

        self.ctx.end_citizen_session()
        lock = LockScreen(self.ctx.officer, kiosk_mode=self.ctx.kiosk_mode)

        def unlocked() -> None:
            self.setCurrentWidget(self.main)
            self.removeWidget(lock)
            lock.deleteLater()

        lock.unlocked.connect(unlocked)
        self.addWidget(lock)
        self.setCurrentWidget(lock)

    def _show(self, widget: QWidget) -> None:
        self.addWidget(widget)
        self.setCurrentWidget(widget)

    def shutdown(self) -> None:
        if self.main is not None:
            self.main.shutdown()
        if self.ctx.sync is not None:
            self.ctx.sync.stop()
        self.ctx.end_citizen_session()


def place_window(shell: QWidget, kiosk_mode: bool) -> None:
    """Show the window within the display it opens on.

    The default size (1280x800) is taller than a 1366x768 laptop's work area: there the
    window opens maximised instead of hanging off the bottom. A kiosk covers its whole display,
    also where no window manager applies the full-screen request (some kiosk images).
    """
    screen = shell.screen() or QApplication.primaryScreen()
    if kiosk_mode:
        if screen is not None:
            shell.setGeometry(screen.geometry())
        shell.showFullScreen()
        return
    if screen is None:
        shell.show()
        return
    room = screen.availableGeometry()
    if room.width() < 1280 or room.height() < 800:
        shell.resize(min(1280, room.width()), min(800, room.height()))
        shell.move(room.topLeft())
        shell.showMaximized()
    else:
        shell.show()


def run_gui(
    profile: Profile,
    *,
    kiosk_mode: bool = False,
    smoke_test: bool = False,
    demo: Any = None,
    store: Any = None,
    screenshot: str | None = None,
) -> int:
    """Open the window. ``smoke_test`` starts it, lets it settle, and closes it (for checks)."""
    app = make_app()
    settings = profile.load_settings()
    language = settings.get("language", "vi")
    install_translations(app, language)
    _load_fonts()
    apply_style(app, kiosk_mode)
    ctx = AppContext(
        profile=profile,
        kiosk_mode=kiosk_mode,
        demo=demo,
        store=store,
        language=language,
    )
    shell = Shell(ctx)
    shell.begin()
    place_window(shell, kiosk_mode)
    if smoke_test:

        def finish() -> None:
            if screenshot:
                shell.grab().save(screenshot)
            app.quit()

        QTimer.singleShot(4000, finish)
    log.info("window opened (kiosk mode: %s, demo: %s)", kiosk_mode, demo is not None)
    try:
        rc = app.exec()
    finally:
        shell.shutdown()
        shell.close()
    return int(rc)

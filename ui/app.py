"""Start the Qt application: translations, style, first run or login, the main window, sync."""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.profile import Profile
from kiosk.security import keys
from ui.context import AppContext
from ui.errors import error_text
from ui.i18n import install_translations
from ui.resources import assets_dir
from ui.theme import set_high_contrast

log = logging.getLogger(__name__)

KIOSK_IDLE_DEFAULT_S = 120.0
KIOSK_IDLE_WARNING_S = 15.0


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


def kiosk_idle_seconds(profile: Profile) -> float:
    """The kiosk's idle time before the citizen is forgotten (profile setting ``kiosk_idle_s``)."""
    try:
        value = float(profile.load_settings().get("kiosk_idle_s", KIOSK_IDLE_DEFAULT_S))
    except (KioskError, TypeError, ValueError):
        return KIOSK_IDLE_DEFAULT_S
    return value if value > 0 else KIOSK_IDLE_DEFAULT_S


class IdleWarning(QFrame):
    """The kiosk's last call before it forgets the citizen: large, in the middle, counting down."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idleWarning")
        self.setFrameShape(QFrame.Shape.Box)
        self.setAutoFillBackground(True)
        self.setAccessibleName(self.tr("Session about to end"))
        self.title = QLabel(self.tr("Touch the screen to continue"), self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 32px; font-weight: bold;")
        self.title.setWordWrap(True)
        self.seconds = QLabel(self)
        self.seconds.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seconds.setStyleSheet("font-size: 22px;")
        self.seconds.setWordWrap(True)
        self.seconds.setAccessibleName(self.tr("Seconds left"))
        self.continue_button = QPushButton(self.tr("&Continue"), self)
        self.continue_button.setAccessibleName(self.tr("Continue the session"))
        self.continue_button.setMinimumHeight(72)
        # Any touch or key already keeps the session; the button gives the finger a target.
        self.continue_button.clicked.connect(self.hide)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.seconds)
        lay.addWidget(self.continue_button)
        self.hide()

    def show_left(self, seconds: int) -> None:
        text = self.tr("Your session ends in %1 s and your data is cleared from this kiosk.")
        self.seconds.setText(text.replace("%1", str(seconds)))
        parent = self.parentWidget()
        if parent is not None:
            w = min(parent.width() - 40, 720)
            h = min(parent.height() - 40, 320)
            self.setGeometry((parent.width() - w) // 2, (parent.height() - h) // 2, w, h)
        if self.isHidden():
            self.show()
            self.continue_button.setFocus()
        self.raise_()


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
        self.kiosk_idle: Any = None
        self.idle_warning: IdleWarning | None = None

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
        if self.ctx.kiosk_mode:
            self._start_kiosk_idle()

    def _start_kiosk_idle(self) -> None:
        # A citizen who walks away must not leave their data for the next one: after the idle
        # time the session ends exactly as when the card is lifted.
        from ui.dossier.idle import KioskIdleWatcher

        if self.kiosk_idle is not None:
            self.kiosk_idle.stop()
        self.idle_warning = IdleWarning(self)
        self.kiosk_idle = KioskIdleWatcher(
            self._citizen_on_screen,
            timeout_s=kiosk_idle_seconds(self.ctx.profile),
            warn_s=KIOSK_IDLE_WARNING_S,
            parent=self,
        )
        self.kiosk_idle.countdown.connect(self.idle_warning.show_left)
        self.kiosk_idle.resumed.connect(self.idle_warning.hide)
        self.kiosk_idle.expired.connect(self.kiosk_idle_expired)

    def _citizen_on_screen(self) -> bool:
        pages = getattr(self.main, "pages", {}) or {}
        return any(bool(getattr(p, "has_citizen_data", lambda: False)()) for p in pages.values())

    def kiosk_idle_expired(self) -> None:
        if self.idle_warning is not None:
            self.idle_warning.hide()
        self.ctx.end_citizen_session()
        if self.main is not None:
            self.main.nav.setCurrentRow(0)  # back to the start: the reception screen

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
        if self.kiosk_idle is not None:
            self.kiosk_idle.stop()
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

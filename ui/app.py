"""Start the Qt application: translations, style, login, the main window."""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.profile import Profile
from ui.context import AppContext
from ui.i18n import install_translations
from ui.resources import assets_dir

log = logging.getLogger(__name__)


def _load_fonts() -> None:
    # Bundled fonts carry full Vietnamese glyphs whatever the host has installed.
    fonts = assets_dir() / "fonts"
    for ttf in sorted(fonts.glob("*.ttf")) if fonts.is_dir() else []:
        QFontDatabase.addApplicationFont(str(ttf))


def _apply_style(app: QApplication, kiosk_mode: bool) -> None:
    name = "kiosk.qss" if kiosk_mode else "officer.qss"
    qss = assets_dir() / "styles" / name
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    font = QFont("Liberation Sans", 16 if kiosk_mode else 11)
    app.setFont(font)


def make_app() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Một Cửa Kiosk")
    app.setOrganizationName("mot-cua-kiosk")
    return app


def run_gui(
    profile: Profile,
    *,
    kiosk_mode: bool = False,
    smoke_test: bool = False,
    demo: Any = None,
    store: Any = None,
) -> int:
    """Open the window. ``smoke_test`` starts it, lets it settle, and closes it (for checks)."""
    from ui.main_window import MainWindow

    app = make_app()
    settings = profile.load_settings()
    language = settings.get("language", "vi")
    install_translations(app, language)
    _load_fonts()
    _apply_style(app, kiosk_mode)
    ctx = AppContext(profile=profile, kiosk_mode=kiosk_mode, demo=demo, store=store, language=language)
    window = MainWindow(ctx)
    if kiosk_mode:
        window.showFullScreen()
    else:
        window.show()
    if smoke_test:
        QTimer.singleShot(1500, app.quit)
    log.info("window opened (kiosk mode: %s, demo: %s)", kiosk_mode, demo is not None)
    rc = app.exec()
    window.close()
    return int(rc)

"""The window starts offscreen, every screen loads, every control has an accessible name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from kiosk.profile import Profile
from ui.app import apply_style, make_app
from ui.context import AppContext
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.theme import set_high_contrast

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
)


COMPOSITES = (QComboBox, QAbstractSpinBox, QLineEdit)


def qt_internal(w: QWidget) -> bool:
    """Sub-widgets Qt builds inside a composite control (a combo's popup list, a spin box's
    line edit, a line edit's clear button) are announced through their named owner."""
    p, depth = w.parentWidget(), 0
    while p is not None and depth < 3:
        if isinstance(p, COMPOSITES):
            return True
        p, depth = p.parentWidget(), depth + 1
    return False


@pytest.fixture
def app() -> QApplication:
    return make_app()


@pytest.mark.gui
@pytest.mark.parametrize("kiosk_mode", [False, True])
def test_every_screen_loads_and_every_control_is_named(
    app: QApplication, tmp_path: Path, kiosk_mode: bool
) -> None:
    ctx = AppContext(profile=Profile.open(tmp_path / "p"), kiosk_mode=kiosk_mode)
    win = MainWindow(ctx)
    try:
        broken = [
            k for k, w in win.pages.items() if isinstance(w, QLabel) and "could not be opened" in w.text()
        ]
        assert broken == []
        unnamed = [
            f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
            for w in win.findChildren(QWidget)
            if isinstance(w, CONTROLS) and not w.accessibleName() and not qt_internal(w)
        ]
        assert unnamed == []
        if kiosk_mode:
            assert "diagnostics" not in win.pages and "dossiers" not in win.pages
    finally:
        win.shutdown()
        win.close()
        win.deleteLater()


@pytest.mark.gui
def test_vietnamese_is_the_default_language(app: QApplication, tmp_path: Path) -> None:
    assert install_translations(app, "vi") >= 1
    win = MainWindow(AppContext(profile=Profile.open(tmp_path / "p")))
    try:
        titles = [win.nav.item(i).text() for i in range(win.nav.count())]
        assert titles[0] == "Tiếp nhận"
        assert "Chẩn đoán" in titles
    finally:
        install_translations(app, "en")
        win.shutdown()
        win.close()
        win.deleteLater()


@pytest.mark.gui
@pytest.mark.parametrize("kiosk_mode", [False, True])
def test_window_fits_laptop_and_portrait_kiosk_displays(
    app: QApplication, tmp_path: Path, kiosk_mode: bool
) -> None:
    """A 1366x768 counter laptop (officer) and a 1080x1920 portrait kiosk show every screen.

    Each screen is laid out no wider than the display leaves it (no sideways scrolling); a
    screen taller than the display scrolls instead of pushing the window off the display.
    """
    font, sheet = app.font(), app.styleSheet()
    apply_style(app, kiosk_mode)
    ctx = AppContext(profile=Profile.open(tmp_path / "p"), kiosk_mode=kiosk_mode)
    win = MainWindow(ctx)
    try:
        width, height = (1080, 1920) if kiosk_mode else (1366, 768 - 70)  # taskbar and title bar
        hint = win.minimumSizeHint()
        assert (hint.width(), hint.height()) <= (width, height) and hint.height() <= height
        room = width - (0 if kiosk_mode else win.nav.width()) - 40  # margins and a scroll bar
        too_wide = {k: w.minimumSizeHint().width() for k, w in win.pages.items()}
        assert {k: v for k, v in too_wide.items() if v > room} == {}
        win.resize(width, height)
        win.show_page(list(win.pages)[-1])
        assert win.stack.currentIndex() == len(win.pages) - 1
    finally:
        win.shutdown()
        win.close()
        win.deleteLater()
        app.setStyleSheet(sheet)
        set_high_contrast(app, False)
        app.setFont(font)

"""The reception flow by keyboard alone; every control named; touch-sized and translated."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QWidget

from tests.forms.conftest import father
from ui.app import IdleWarning
from ui.context import AppContext
from ui.i18n import install_translations
from ui.reception import ReceptionPage

from .conftest import CT01_TYPED, log_of, pdf_printer, until
from .test_receipt import AcceptingDialog

pytestmark = pytest.mark.gui


def _named(w: QWidget, *, touch: bool) -> None:
    for c in w.findChildren(QWidget):
        if isinstance(c, QAbstractButton | QLineEdit | QComboBox) and c.isVisibleTo(w):
            assert c.accessibleName(), (type(c).__name__, getattr(c, "text", lambda: "")())
            if touch and not c.objectName().startswith("qt_"):
                assert c.minimumHeight() >= 48 or c.sizeHint().height() >= 48, c.accessibleName()


def _type(widget: QWidget, text: str) -> None:
    """Typing as a Vietnamese keyboard (IME) delivers it: one key event per character."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _key(widget: QWidget, key: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, mod)
    # A mnemonic "animates" the click: the button fires after a short press animation.
    QTest.qWait(250 if mod & Qt.KeyboardModifier.AltModifier else 0)


def test_officer_flow_by_keyboard_alone(app, officer, tmp_path, monkeypatch) -> None:
    store, session = officer
    monkeypatch.setattr("ui.forms.pdf_preview.QPrintDialog", AcceptingDialog)
    page = ReceptionPage(AppContext(profile=store.profile, store=store, officer=session))
    page.printer_factory = lambda: pdf_printer(tmp_path / "r.pdf")
    page.resize(1280, 800)
    page.show()
    page.activateWindow()
    assert QTest.qWaitForWindowActive(page)
    try:
        page._card_read("applicant", father())  # the card first, as at the counter
        search = page.forms.picker.search
        search.setFocus()
        _type(search, "thường trú")
        _key(search, Qt.Key.Key_Return)
        screen = page.forms.form_screen
        assert screen is not None and screen.session.item.id == "CT01"
        assert screen.session.roles["applicant"].get("id_number") == "038089001234"
        for key, value in CT01_TYPED.items():
            editor = screen.editors[("CT01", key)]
            editor.setFocus()
            _type(editor, value)
            _key(editor, Qt.Key.Key_Tab)
        _key(page, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # &Save
        until(lambda: page.current_uuid is not None, why=page.status.text)
        dialog = page.receipt_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.print_button.hasFocus() and dialog.print_button.isDefault()
        _key(dialog.print_button, Qt.Key.Key_Return)
        assert [e[2] for e in log_of(store) if e[0] == "print"] == ["receipt"]
        _key(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
        page.activateWindow()
        QTest.qWaitForWindowActive(page)
        _key(page, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Print &receipt again
        assert dialog.isVisible()
        _key(dialog.print_button, Qt.Key.Key_Space)
        assert [e[2] for e in log_of(store) if e[0] == "print"] == ["receipt", "receipt reprint"]
        _key(dialog, Qt.Key.Key_Escape)
        page.activateWindow()
        QTest.qWaitForWindowActive(page)
        _key(page, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # &Next citizen
        assert page.forms.form_screen is None and page.current_uuid is None
    finally:
        page.close()
        page.shutdown()


def test_every_new_control_is_named_and_touch_sized_on_a_kiosk(app, kiosk_store, profile) -> None:
    page = ReceptionPage(AppContext(profile=profile, kiosk_mode=True, store=kiosk_store))
    page.show()
    try:
        page.kiosk_receipt.show_code("T01-260115-AB-0007K", "…")
        for w in (page.reprint_button, page.kiosk_receipt, page.kiosk_receipt.code, page.kiosk_receipt.qr):
            assert w.accessibleName()
        assert page.reprint_button.minimumHeight() >= 48
        warning = IdleWarning(page)
        warning.show_left(15)
        _named(warning, touch=True)
        assert "15" in warning.seconds.text()
    finally:
        page.close()
        page.shutdown()


def test_the_new_texts_are_in_vietnamese(app, officer) -> None:
    store, session = officer
    install_translations(app, "vi")
    page: Any = None
    try:
        page = ReceptionPage(AppContext(profile=store.profile, store=store, officer=session))
        assert page.reprint_button.text() == "In lại &giấy tiếp nhận"
        warning = IdleWarning(page)
        assert warning.title.text() == "Chạm vào màn hình để tiếp tục"
        warning.show_left(9)
        assert warning.seconds.text().startswith("Phiên của bạn kết thúc sau 9 giây")
    finally:
        install_translations(app, "en")
        if page is not None:
            page.shutdown()

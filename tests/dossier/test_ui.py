"""Widget tests of the store screens (offscreen Qt, real store, real Argon2 at low cost)."""

from __future__ import annotations

import os
import time

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QSignalSpy
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QTableView, QTableWidget, QWidget

from kiosk.dossier.model import DossierState as S
from kiosk.security import keys
from kiosk.security.keys import unlock_with_passphrase
from tests.dossier.people import FAST_KDF, PASSPHRASE, citizen, init_admin
from ui.app import make_app
from ui.dossier.detail import DossierDetailScreen
from ui.dossier.idle import IdleWatcher
from ui.dossier.list import DossierListScreen
from ui.dossier.login import LockScreen, LoginScreen
from ui.dossier.setup import FirstRunScreen
from ui.dossier.tasks import wait_all

pytestmark = pytest.mark.gui


@pytest.fixture
def app():
    a = make_app()
    yield a
    wait_all()


def _until(cond, ms=10000) -> None:
    """Run the event loop until ``cond()`` (the workers report through queued signals)."""
    app = make_app()
    end = time.monotonic() + ms / 1000
    while not cond():
        assert time.monotonic() < end, "timed out waiting for the worker"
        app.processEvents()
        time.sleep(0.005)


def _wait(signal, ms=10000) -> list:
    got: list = []
    signal.connect(lambda *a: got.append(a))
    _until(lambda: got, ms)
    return got


def _controls_named(w: QWidget, kiosk_mode: bool) -> None:
    for c in w.findChildren(QWidget):
        if isinstance(c, QAbstractButton | QLineEdit | QComboBox | QTableView):
            assert c.accessibleName(), type(c).__name__
            internal = c.objectName().startswith("qt_")  # e.g. a table's corner button
            if kiosk_mode and not internal and isinstance(c, QAbstractButton | QLineEdit | QComboBox):
                assert c.minimumHeight() >= 48


def test_first_run_then_login(app, profile):
    setup = FirstRunScreen(profile, kiosk_mode=True)
    _controls_named(setup, True)
    setup.kdf = FAST_KDF
    setup.unit_name.setText("UBND phường Hoàn Kiếm")
    setup.unit_code.setText("H29")
    setup.passphrase.setText(PASSPHRASE)
    setup.confirm.setText("different")
    setup.create_button.click()
    assert "differ" in setup.message.text() and not keys.is_initialised(profile)
    setup.passphrase.setText(PASSPHRASE)
    setup.confirm.setText(PASSPHRASE)
    spy = QSignalSpy(setup.completed)
    setup.create_button.click()
    assert setup.passphrase.text() == ""  # not kept in the widget
    _until(lambda: setup.stack.currentIndex() == 1)
    assert setup.stack.currentIndex() == 1 and len(setup.key_label.text()) == 35
    setup.ack.click()
    assert spy.count() == 1 and setup.key_label.text() == ""
    assert keys.is_initialised(profile)

    login = LoginScreen(profile)
    _controls_named(login, False)
    login.passphrase.setText("wrong passphrase")
    login.submit()
    _until(login.button.isEnabled)
    assert "not right" in login.message.text()
    login.passphrase.setText(PASSPHRASE)
    login.submit()
    ((store, session),) = _wait(login.unlocked)
    assert session.username == "admin"
    store.close()


def test_first_run_asks_the_administrator_full_name(app, profile):
    setup = FirstRunScreen(profile)
    field = setup.admin_full_name
    assert field.accessibleName() == "Administrator full name (optional, printed on receipts)"
    setup.kdf = FAST_KDF
    setup.unit_code.setText("H29")
    setup.passphrase.setText(PASSPHRASE)
    setup.confirm.setText(PASSPHRASE)
    field.setText("canbo.tran")
    setup.create_button.click()
    assert "A full name is 1-100 Latin letters" in setup.message.text()
    assert not keys.is_initialised(profile) and setup.passphrase.text() == PASSPHRASE
    field.setText("  Trần Thị  Quản ")
    setup.create_button.click()
    _until(lambda: setup.stack.currentIndex() == 1)
    setup.ack.click()
    store, session = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    store.close()
    assert session.full_name == "Trần Thị Quản"


@pytest.fixture
def unlocked(profile):
    init_admin(profile)
    store, session = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    yield store, session
    wait_all()
    store.close()


def test_list_search_masks_and_opens_detail(app, unlocked):
    store, _ = unlocked
    for i in range(3):
        store.create_dossier("CT01", {"applicant": citizen(i)}, {})
    d = store.create_dossier("BIRTH", {"applicant": citizen(0), "mother": citizen(1)}, {})
    store.transition(d.uuid, S.received, reason="receipt printed")
    screen = DossierListScreen(store, kiosk_mode=True)
    _controls_named(screen, True)
    _until(lambda: screen.model.rowCount() == 4)
    assert screen.model.rowCount() == 4
    cells = [screen.model.data(screen.model.index(r, c)) for r in range(4) for c in range(6)]
    assert not any(v and "001099012345" in v for v in cells)
    assert "••••••••2345" in cells
    screen.search.setText("ho duc")
    _wait(screen.loaded)
    assert [r.applicant_name for r in screen.model.rows] == ["Hồ Đức Phúc"]
    screen.search.setText("tran thi")  # the applicant of one, the mother in the other
    _wait(screen.loaded)
    assert sorted(r.procedure_id for r in screen.model.rows) == ["BIRTH", "CT01"]
    screen.search.setText("")
    screen.state.setCurrentIndex(screen.state.findData("received"))
    _wait(screen.loaded)
    assert [r.uuid for r in screen.model.rows] == [d.uuid]

    detail = DossierDetailScreen(store)
    screen.open_requested.connect(detail.show_dossier)
    screen.table.selectRow(0)
    screen.open_button.click()
    _wait(detail.loaded)
    persons = detail.persons
    assert persons.rowCount() == 2
    assert persons.item(0, 2).text() == "••••••••2345"
    detail.reveal.setChecked(True)
    assert persons.item(0, 2).text() == "001099012345"
    hist: QTableWidget = detail.history
    assert [hist.item(r, 2).text() for r in range(hist.rowCount())] == ["Draft", "Received"]
    assert hist.item(1, 4).text() == "receipt printed"
    detail.clear()
    screen.clear()
    assert persons.rowCount() == 0 and screen.model.rowCount() == 0 and not detail.reveal.isChecked()


def test_idle_lock_and_lock_screen(app, unlocked):
    _store, session = unlocked
    watcher = IdleWatcher(session, check_every_ms=60000)
    spy = QSignalSpy(watcher.locked)
    watcher.check(session.last_activity + 10)
    assert spy.count() == 0
    watcher.check(session.last_activity + session.idle_lock_s + 1)
    assert spy.count() == 1 and session.locked
    lock = LockScreen(session)
    _controls_named(lock, False)
    lock.passphrase.setText("wrong passphrase")
    lock.submit()
    _until(lambda: bool(lock.message.text()))
    assert "not right" in lock.message.text() and session.locked
    lock.passphrase.setText(PASSPHRASE)
    lock.submit()
    _wait(lock.unlocked)
    assert not session.locked
    watcher.stop()


def test_combined_page_opens_the_selected_dossier(app, unlocked):
    from ui.dossier.screen import DossierScreen

    store, _ = unlocked
    d = store.create_dossier("CT01", {"applicant": citizen(2)}, {})
    page = DossierScreen(store)
    _controls_named(page, False)
    _until(lambda: page.list.model.rowCount() == 1)
    page.list.table.selectRow(0)
    page.list.open_button.click()
    _until(lambda: page.detail.dossier is not None)
    assert page.detail.dossier.uuid == d.uuid
    page.clear()
    assert page.detail.dossier is None and page.list.model.rowCount() == 0


def test_first_run_prints_or_saves_the_recovery_sheet_once(app, profile, tmp_path, monkeypatch):
    import io
    import tempfile

    import pypdf

    import ui.forms.pdf_preview as preview

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    usb = tmp_path.parent / f"{tmp_path.name}-usb"
    usb.mkdir()
    printed: list[bytes] = []
    monkeypatch.setattr(preview, "print_pdf", lambda pdf, parent=None, **_k: printed.append(pdf) or True)
    setup = FirstRunScreen(profile)
    setup.kdf = FAST_KDF
    setup.unit_name.setText("UBND phường Hoàn Kiếm")
    setup.unit_code.setText("H29")
    setup.passphrase.setText(PASSPHRASE)
    setup.confirm.setText(PASSPHRASE)
    setup.create_button.click()
    _until(lambda: setup.stack.currentIndex() == 1)
    key = setup.key_label.text()

    def text(pdf: bytes) -> str:
        return pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()

    setup.print_sheet_button.click()  # straight from memory to the printer
    assert len(printed) == 1 and key in text(printed[0]) and "H29" in text(printed[0])
    assert "printer" in setup.sheet_message.text()
    assert setup.save_sheet(str(tmp_path / "sheet.pdf")) is None  # the temp folder is refused
    assert "temporary" in setup.sheet_message.text()
    saved = setup.save_sheet(str(usb / "sheet.pdf"))
    assert saved is not None and key in text(saved.read_bytes())
    assert "delete the file" in setup.sheet_message.text()
    keys.unlock_with_recovery_key(profile, key).close()
    setup.ack.click()
    # Acknowledged: the key is gone from the screen and memory; no second sheet can be made.
    assert setup.key_label.text() == ""
    assert setup.save_sheet(str(usb / "again.pdf")) is None and not (usb / "again.pdf").exists()
    assert setup.print_sheet() is False and len(printed) == 1

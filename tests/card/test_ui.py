"""The reader panel end to end (offscreen Qt): monitor -> key by QR/ID -> read in a QThread."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget

from kiosk.card.keys import AccessKey
from kiosk.card.reader import ReadResult
from kiosk.card.verification import Check, Status, Verification
from kiosk.citizen import Citizen, Provenance
from ui.card.badges import VerificationBadges
from ui.card.citizen_view import CitizenView
from ui.card.key_entry import KeyEntry
from ui.card.panel import CardReaderPanel

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def qapp() -> QApplication:
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


def wait_until(pred, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if pred():
            return
        time.sleep(0.01)
    raise AssertionError("condition not reached")


def type_like_a_scanner(widget: QWidget, text: str) -> None:
    """Key events carrying each character (QTest.keyClicks only maps ASCII), then Enter."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    QTest.keyClick(widget, Qt.Key.Key_Return)


QR = "079190001234|025123456|Phạm Thị Hồng Nhung|17051990|Nữ|Số 12 Đường Nguyễn Trãi|10082021"


@pytest.mark.pcsc
def test_panel_reads_the_card_after_a_qr_scan(qapp, sim_card, trust_dir) -> None:
    panel = CardReaderPanel(trust_dir=trust_dir, kiosk_mode=True)
    results: list[ReadResult] = []
    delivered: list[tuple[str, Citizen]] = []
    panel.result_ready.connect(results.append)
    panel.card_read.connect(lambda role, c: delivered.append((role, c)))
    panel.start()
    try:
        wait_until(lambda: "Place the citizen" in panel.state.text())
        sim_card("citizen_demo")
        wait_until(lambda: "ID card detected" in panel.state.text())
        panel.read_for_role("mother")
        # A handheld scanner "types" the QR text and presses Enter.
        type_like_a_scanner(panel.key_entry.quick, QR)
        wait_until(lambda: bool(results))
        assert results[0].citizen.get("full_name") == "Phạm Thị Hồng Nhung"
        assert delivered[0][0] == "mother"
        view = panel.citizen_view
        assert view.values["full_name"].text() == "Phạm Thị Hồng Nhung"
        assert view.sources["full_name"].text() == "chip, verified"
        assert view.values["date_of_birth"].text() == "17/05/1990"
        assert panel.photo.pixmap() is not None and not panel.photo.pixmap().isNull()
        badge, _reason = panel.badges.rows["passive_authentication"]
        assert "verified" in badge.text()
        assert all(bar.value() == bar.maximum() and bar.maximum() > 1 for name, bar in panel.bars.items()
                   if name in ("DG1", "DG13", "DG2", "EF.SOD"))  # fmt: skip
        wait_until(lambda: "You may remove" in panel.state.text())
        panel.clear()
        assert view.values["full_name"].text() == "—" and panel.photo.pixmap().isNull()
    finally:
        panel.stop()
        panel.deleteLater()


@pytest.mark.pcsc
def test_panel_shows_a_wrong_key_in_one_sentence(qapp, sim_card) -> None:
    panel = CardReaderPanel(monitor=False, reader="Virtual PCD 00 00")
    failures: list[str] = []
    panel.read_failed.connect(failures.append)
    sim_card("citizen_demo")
    panel.set_key_and_read(AccessKey.from_can("999999"))
    wait_until(lambda: bool(failures))
    assert "rejected" in panel.message.text()
    wait_until(panel.read_button.isEnabled)
    panel.stop()


def test_key_entry_tabs_and_errors(qapp) -> None:
    entry = KeyEntry()
    keys: list[AccessKey] = []
    entry.key_ready.connect(keys.append)
    entry.quick.setText("garbage|x")
    entry.submit()
    assert keys == [] and "QR" in entry.error.text()
    entry.set_text("079190001234")
    entry.submit()
    assert keys[-1].can == "001234" and entry.error.text() == ""
    entry.tabs.setCurrentIndex(1)
    entry.id_edit.setText("001058000321")
    entry.dob.setDate(entry.dob.date().fromString("02/11/1958", "dd/MM/yyyy"))
    entry.no_expiry.setChecked(True)
    entry.submit()
    assert keys[-1].mrz_information == "058000321158110299912315"
    entry.tabs.setCurrentIndex(2)
    entry.mrz.setPlainText("IDVNM19OOO1234")
    entry.submit()
    assert "3 lines" in entry.error.text()


def test_every_control_has_an_accessible_name(qapp) -> None:
    panel = CardReaderPanel(monitor=False, kiosk_mode=True)
    for w in panel.findChildren(QWidget):
        if w.objectName().startswith("qt_"):
            continue  # Qt's own sub-widgets (e.g. a date edit's inner line edit)
        if isinstance(w, (QLineEdit, QPushButton)):
            assert w.accessibleName(), w
        if isinstance(w, QPushButton) or w is panel.key_entry.quick:
            assert w.minimumHeight() >= 48
    panel.deleteLater()


def test_citizen_view_marks_sensitive_fields_and_provenance(qapp) -> None:
    c = Citizen()
    c.set("full_name", "Đỗ Văn Thắng", Provenance.QR)
    c.set("ethnicity", "Tày", Provenance.CHIP_UNVERIFIED)
    c.set("date_of_expiry", "Không thời hạn", Provenance.CHIP_UNVERIFIED)
    view = CitizenView()
    view.show_citizen(c)
    assert view.sources["full_name"].text() == "QR code"
    assert view.sources["ethnicity"].text() == "chip, not verified"
    assert "No expiry" in view.values["date_of_expiry"].text()
    labels = [
        view.form.itemAt(i, view.form.ItemRole.LabelRole).widget().text() for i in range(view.form.rowCount())
    ]
    assert "Ethnicity (sensitive)" in labels and "Religion (sensitive)" in labels
    assert "Full name (sensitive)" not in labels


def test_citizen_view_shows_unknown_chip_fields_raw(qapp) -> None:
    c = Citizen()
    c.set("full_name", "Đỗ Văn Thắng", Provenance.CHIP_UNVERIFIED)
    c.extra.update({"dg13_16": "0123456789ABCDEF", "date_of_issue": "31/02/2021", "dg13_17": "x"})
    view = CitizenView()
    assert not view.form.isRowVisible(view.extra)
    view.show_citizen(c)
    assert view.form.isRowVisible(view.extra)
    assert view.extra_title.text() == "Other data on the chip"
    assert view.extra.text().splitlines() == [
        "DG13 field 16: 0123456789ABCDEF",
        "DG13 field 17: x",
        "Date of issue (as on the chip): 31/02/2021",
    ]
    view.clear()
    assert not view.form.isRowVisible(view.extra) and view.extra.text() == ""


def test_badges_explain_in_plain_language(qapp) -> None:
    v = Verification()
    v.passive_authentication = Check(Status.FAILED, "The data in DG13 does not match what the issuer signed.")
    badges = VerificationBadges()
    badges.show(v)
    badge, reason = badges.rows["passive_authentication"]
    assert "failed" in badge.text()
    assert "Check the card by eye" in reason.text()
    assert "DG13" in reason.toolTip()


def test_vietnamese_translation_is_complete_and_loads(qapp) -> None:
    from pathlib import Path

    from PySide6.QtCore import QTranslator

    ts = Path(__file__).resolve().parents[2] / "assets" / "translations" / "card_vi.ts"
    assert 'type="unfinished"' not in ts.read_text(encoding="utf-8")
    tr = QTranslator()
    assert tr.load(str(ts.with_suffix(".qm")))
    QCoreApplication.installTranslator(tr)
    try:
        from ui.card.panel import state_text

        assert state_text("no_card") == "Hãy đặt thẻ căn cước của công dân lên đầu đọc."
        view = CitizenView()
        labels = [view.form.itemAt(i, view.form.ItemRole.LabelRole).widget().text() for i in range(3)]
        assert labels == ["Số định danh cá nhân", "Họ và tên", "Ngày sinh"]
        from kiosk.card import reader
        from ui.card.badges import not_checked_text, plain_reason

        assert not_checked_text(reader.AA_NOT_RUN) == "Không thực hiện, vì kiểm tra chip (CA) không đạt."
        unanchored = Check(Status.VERIFIED, reader.CA_UNANCHORED)
        assert plain_reason("chip_authentication", unanchored) == (
            "Chip khớp với dữ liệu của nó, nhưng chưa xác nhận được cơ quan cấp."
        )
    finally:
        QCoreApplication.removeTranslator(tr)


def test_key_errors_keep_their_own_sentence(qapp: QApplication) -> None:
    from ui.card.panel import card_error_text
    from ui.i18n import install_translations

    install_translations(qapp, "vi")
    try:
        # A malformed key says what to correct, not the generic "this card needs the MRZ".
        assert card_error_text("KeyInputError", "The ID number must be exactly 12 digits.") == (
            "Số định danh cá nhân phải gồm đúng 12 chữ số."
        )
        needs = "This card needs the MRZ, or the ID number with date of birth and expiry date, to be read."
        assert card_error_text("KeyInputError", needs) == (
            "Thẻ này cần MRZ, hoặc số định danh kèm ngày sinh và ngày hết hạn."
        )
    finally:
        install_translations(qapp, "en")


def test_badges_show_the_actual_not_checked_reason_and_never_genuine_without_an_issuer(qapp) -> None:
    from kiosk.card import reader
    from kiosk.card.cert.passive import NO_TRUST_STORE, UNSUPPORTED_DSC_KEY, no_anchor_reason

    v = Verification()
    v.passive_authentication = Check(Status.NOT_CHECKED, no_anchor_reason("UT"))
    v.chip_authentication = Check(Status.VERIFIED, reader.CA_UNANCHORED)
    v.active_authentication = Check(Status.NOT_CHECKED, reader.AA_NOT_RUN)
    v.consistency = Check(Status.NOT_CHECKED, reader.NO_DG13)
    badges = VerificationBadges()
    badges.show(v)
    text = {name: reason.text() for name, (_badge, reason) in badges.rows.items()}
    assert text["passive_authentication"] == (
        "The certificate of the country that issued this card is not installed, "
        "so its origin cannot be confirmed."
    )
    assert text["chip_authentication"] == "The chip matches its data, but the issuer is not confirmed."
    assert text["active_authentication"] == "Not run, because the chip check (CA) failed."
    assert text["consistency"] == "The card has no Vietnamese data group (DG13) to compare with."
    assert badges.rows["passive_authentication"][1].toolTip() == no_anchor_reason("UT")

    v.passive_authentication = Check(Status.FAILED, "The data in DG1 does not match what the issuer signed.")
    v.chip_authentication = Check(Status.NOT_CHECKED, reader.CHIP_KEY_UNSIGNED)
    badges.show(v)
    assert badges.rows["chip_authentication"][1].text() == (
        "Not conclusive: the issuer's signature on the chip's data did not verify."
    )
    v.passive_authentication = Check(Status.NOT_CHECKED, UNSUPPORTED_DSC_KEY)
    v.chip_authentication = Check(Status.NOT_CHECKED, reader.NO_CA)
    badges.show(v)
    assert (
        badges.rows["passive_authentication"][1].text()
        == "This app cannot check the algorithm this card uses."
    )
    assert badges.rows["chip_authentication"][1].text() == "This card does not offer this check."
    v.passive_authentication = Check(Status.NOT_CHECKED, NO_TRUST_STORE)
    badges.show(v)
    assert "certificate is not installed" in badges.rows["passive_authentication"][1].text()

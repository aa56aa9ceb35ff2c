"""Save and queue at the counter makes the receipt (form 01) first, keeps it, shows or prints it."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog

from kiosk.dossier.model import DossierState as S
from kiosk.forms.dossier_glue import RECEIPT_NAME
from kiosk.security import keys
from tests.forms.conftest import father, pdf_text
from ui.context import AppContext
from ui.reception import ReceptionPage

from .conftest import CT01_TYPED, PASSPHRASE, log_of, pdf_printer, until

pytestmark = pytest.mark.gui


class AcceptingDialog:
    """Stands in for QPrintDialog: the officer presses Print in it."""

    DialogCode = QPrintDialog.DialogCode
    shown = 0

    def __init__(self, printer: Any, parent: Any = None) -> None:
        self.printer = printer

    def exec(self) -> Any:
        AcceptingDialog.shown += 1
        return QPrintDialog.DialogCode.Accepted

    def deleteLater(self) -> None:
        pass


def fill_ct01(page: ReceptionPage) -> None:
    page.forms.picker.chosen.emit("CT01")
    page._card_read("applicant", father())  # as the panel's card_read signal delivers it
    screen = page.forms.form_screen
    assert screen is not None
    for key, value in CT01_TYPED.items():
        screen.session.set_typed("CT01", key, value)
    screen.refresh()


def save(page: ReceptionPage) -> Any:
    page.save()
    until(lambda: page.current_uuid is not None or "not saved" in page.status.text(), why=page.status.text)
    assert page.current_uuid is not None, page.status.text()
    return page.ctx.store.get_dossier(page.current_uuid)


def receipt_pdf(store: Any, dossier: Any) -> bytes:
    comp = next(c for c in dossier.components if c.name == RECEIPT_NAME)
    with store.open_attachment(comp.attachment_id) as fh:
        data: bytes = fh.read()
    return data


def test_officer_save_makes_the_receipt_before_queueing_and_prints_it(
    app, officer, tmp_path, monkeypatch
) -> None:
    store, session = officer
    page = ReceptionPage(AppContext(profile=store.profile, store=store, officer=session))
    page.printer_factory = lambda: pdf_printer(tmp_path / "receipt-printed.pdf")
    monkeypatch.setattr("ui.forms.pdf_preview.QPrintDialog", AcceptingDialog)
    try:
        fill_ct01(page)
        dossier = save(page)
        assert dossier.state is S.queued
        assert [(h.from_state, h.to_state) for h in dossier.history][-2:] == [
            ("draft", "received"),
            ("received", "queued"),
        ]
        names = [c.name for c in dossier.components]
        assert names == ["Tờ khai thay đổi thông tin cư trú (Mẫu CT01)", RECEIPT_NAME]
        text = pdf_text(receipt_pdf(store, dossier))
        assert dossier.provisional_code in text
        assert str(father().get("full_name")) in text
        assert "0901234567" in text and "huong.nguyen@example.vn" in text
        assert "UBND XÃ THỬ NGHIỆM" in text  # the unit from the store settings
        # The receipt was kept while the dossier was received, before it entered the outbox.
        log = log_of(store, dossier.uuid)
        receipt_kept = max(i for i, e in enumerate(log) if e[0] == "attach")
        queued = next(i for i, e in enumerate(log) if e[2] == "received->queued")
        assert receipt_kept < queued

        # Officer mode: the receipt is previewed (A4) with a Print button; not yet printed.
        dialog = page.receipt_dialog
        assert dialog is not None and dialog.isVisible() and dialog.preview.page_count() == 1
        assert not [e for e in log_of(store) if e[0] == "print"]
        assert dialog.print_receipt()
        printed = PdfReader(str(tmp_path / "receipt-printed.pdf"))
        assert len(printed.pages) == 1
        assert [e for e in log_of(store) if e[0] == "print"] == [("print", dossier.uuid, "receipt")]

        # "Print receipt again" for the current dossier: made again from the store.
        dialog.close()
        assert page.reprint_button.isEnabled()
        page.reprint_button.click()
        assert dialog.isVisible()
        assert dialog.print_receipt()
        assert [e[2] for e in log_of(store) if e[0] == "print"] == ["receipt", "receipt reprint"]

        # The next citizen: the receipt leaves the screen, nothing to reprint.
        page.next_button.click()
        assert page.current_uuid is None and not page.reprint_button.isEnabled()
        assert not dialog.isVisible() and dialog.preview.pdf == b""
    finally:
        page.shutdown()


def test_a_receipt_that_cannot_be_made_costs_nothing(app, officer, monkeypatch) -> None:
    store, session = officer
    page = ReceptionPage(AppContext(profile=store.profile, store=store, officer=session))
    monkeypatch.setattr("ui.forms.pdf_preview.QPrintDialog", AcceptingDialog)

    def broken(*_a: Any, **_k: Any) -> bytes:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr("kiosk.reception.render_dossier_receipt", broken)
    try:
        fill_ct01(page)
        dossier = save(page)
        # Saved and queued all the same; the officer is told how to get the receipt.
        assert dossier.state is S.queued
        assert RECEIPT_NAME not in [c.name for c in dossier.components]
        assert "Print receipt again" in page.status.text()
        assert dossier.provisional_code in page.status.text()
        assert page.receipt_dialog is None
        monkeypatch.undo()
        page.reprint_button.click()
        assert page.receipt_dialog is not None and page.receipt_dialog.preview.page_count() == 1
    finally:
        page.shutdown()


def _kiosk_page(store: Any, profile: Any) -> ReceptionPage:
    page = ReceptionPage(AppContext(profile=profile, kiosk_mode=True, store=store))
    page.consent.setChecked(True)
    return page


def test_kiosk_prints_the_thermal_receipt_silently(app, kiosk_store, profile, tmp_path) -> None:
    out = tmp_path / "thermal.pdf"
    page = _kiosk_page(kiosk_store, profile)
    page.printer_factory = lambda: pdf_printer(out)
    try:
        fill_ct01(page)
        dossier = save(page)
        assert page.receipt_dialog is None  # no dialog on a kiosk
        printed = PdfReader(str(out))
        width_mm = float(printed.pages[0].mediabox.width) / 72 * 25.4
        assert abs(width_mm - 80) < 1.5  # the 80 mm roll, not A4
        assert page.kiosk_receipt.isVisibleTo(page)
        assert page.kiosk_receipt.code.text() == dossier.provisional_code
        assert "take your receipt" in page.kiosk_receipt.message.text()
        # The kept receipt is the thermal one that was printed.
        kept = PdfReader(io.BytesIO(receipt_pdf(kiosk_store, dossier)))
        assert abs(float(kept.pages[0].mediabox.width) / 72 * 25.4 - 80) < 1.5
    finally:
        page.shutdown()
    officer_store, _ = keys.unlock_with_passphrase(profile, "admin", PASSPHRASE)
    try:
        assert ("print", dossier.uuid, "receipt kiosk") in log_of(officer_store)
    finally:
        officer_store.close()


def test_kiosk_without_a_printer_shows_the_code_and_its_qr(app, kiosk_store, profile, monkeypatch) -> None:
    from PySide6.QtPrintSupport import QPrinter

    monkeypatch.setattr("ui.forms.pdf_preview.QPrinterInfo.defaultPrinterName", staticmethod(lambda: ""))
    page = _kiosk_page(kiosk_store, profile)
    page.printer_factory = lambda: QPrinter(QPrinter.PrinterMode.HighResolution)  # the system's, none
    try:
        fill_ct01(page)
        dossier = save(page)
        assert dossier.state is S.queued  # nothing is lost
        assert "No printer" in page.status.text()
        panel = page.kiosk_receipt
        assert panel.isVisibleTo(page)
        assert "No printer is available" in panel.message.text() and "photograph" in panel.message.text()
        assert panel.code.text() == dossier.provisional_code
        assert not panel.qr.pixmap().isNull() and panel.qr.pixmap().width() >= 200
        page.next_button.click()
        assert panel.isHidden() and panel.code.text() == "" and panel.qr.pixmap().isNull()
    finally:
        page.shutdown()
    officer_store, _ = keys.unlock_with_passphrase(profile, "admin", PASSPHRASE)
    try:
        assert not [e for e in log_of(officer_store) if e[0] == "print"]  # nothing was printed
    finally:
        officer_store.close()


def test_qr_on_screen_is_the_code_qr(app) -> None:
    from reportlab.graphics.barcode import qrencoder

    from ui.forms.pdf_preview import qr_image

    code = "T01-260115-AB-0007K"
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(code)
    qr.make()
    image = qr_image(code, module_px=4, border=4)
    n = len(qr.modules)
    assert image.width() == (n + 8) * 4
    for r in range(n):
        for c in range(n):
            dark = image.pixelColor((c + 4) * 4 + 2, (r + 4) * 4 + 2).black() > 128
            assert dark == bool(qr.modules[r][c])


def test_printing_a_form_is_logged(app, officer, monkeypatch) -> None:
    store, session = officer
    page = ReceptionPage(AppContext(profile=store.profile, store=store, officer=session))
    monkeypatch.setattr("ui.forms.form_screen.print_pdf", lambda *a, **k: True)
    try:
        fill_ct01(page)
        screen = page.forms.form_screen
        assert screen is not None and screen.print_current(confirm=False)
        assert [e for e in log_of(store) if e[0] == "print"] == [("print", None, "form CT01")]
        dossier = save(page)
        assert screen.print_current(confirm=False)  # after saving: the saved dossier's form
        assert [e for e in log_of(store) if e[0] == "print"][-1] == ("print", dossier.uuid, "form CT01")
    finally:
        page.shutdown()


def test_printing_leaves_no_copy_of_the_pdf_behind(app, tmp_path, monkeypatch) -> None:
    """The printed PDF holds personal data: nothing of it stays attached to the screen."""
    from PySide6.QtCore import QBuffer
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QWidget

    from kiosk.forms.receipt import ReceiptData, render_receipt
    from ui.forms.pdf_preview import PdfPreview, print_pdf

    buf = io.BytesIO()
    render_receipt(
        ReceiptData(
            "UBND XÃ A",
            "BỘ PHẬN MỘT CỬA",
            "T01-1",
            "Nguyễn Văn An",
            "CT01",
            datetime(2026, 1, 15, 9, 0),
            7,
        ),
        buf,
        thermal=True,
    )
    screen = QWidget()
    monkeypatch.setattr("ui.forms.pdf_preview.QPrintDialog", AcceptingDialog)
    assert print_pdf(buf.getvalue(), screen, printer=pdf_printer(tmp_path / "a.pdf"), paper_from_pdf=True)
    assert print_pdf(buf.getvalue(), screen, silent=True, printer=pdf_printer(tmp_path / "b.pdf"))
    assert screen.findChildren(QPdfDocument) == [] and screen.findChildren(QBuffer) == []
    preview = PdfPreview(screen)
    preview.set_pdf(buf.getvalue())
    assert preview.page_count() == 1
    held = preview._buf
    assert held is not None and held.parent() is preview._doc  # they go together
    preview.clear()
    assert held.data().size() == 0 and preview.pdf == b""

"""Reception: the counter's main flow on one screen.

Left, the card reader panel (state, key entry, progress, photo, verification); right, the
forms page (service picker, then the form pre-filled from every card read). Below, the
actions that finish the visit: save the dossier and queue it for sync (its receipt, form 01,
is made first and kept with it: shown for printing at the counter, printed at once on a
kiosk's thermal printer), print the receipt again, and "next citizen", which drops every
personal value from every screen. Every print goes into the processing log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kiosk.citizen import Citizen
from kiosk.errors import KioskError
from kiosk.forms.session import FormSession
from kiosk.reception import ReceiptOptions, Reception, log_print, receive_dossier, render_dossier_receipt
from kiosk.security.officers import receipt_officer_name
from ui.card.panel import CardReaderPanel
from ui.context import AppContext
from ui.errors import error_text
from ui.forms.page import FormsPage
from ui.forms.pdf_preview import PdfPreview, print_pdf, qr_image

log = logging.getLogger(__name__)

MIN_TOUCH = 56
CONSENT_TEXT_VERSION = "chip-read/2026-01"


class _SaveSignals(QObject):
    saved = Signal(object)  # kiosk.reception.Reception
    failed = Signal(str)


class _SaveTask(QRunnable):
    """Rendering PDFs and writing the encrypted store stay off the GUI thread."""

    def __init__(
        self,
        ctx: AppContext,
        session: FormSession,
        signals: _SaveSignals,
        receipt: ReceiptOptions,
        consent_session: str | None,
    ) -> None:
        super().__init__()
        self.ctx, self.session, self.signals = ctx, session, signals
        self.receipt, self.consent_session = receipt, consent_session

    def run(self) -> None:
        store = self.ctx.store  # thread-safe handle; it stays open for the window
        try:
            officer = getattr(self.ctx.officer, "username", None)
            outcome = receive_dossier(
                store,
                self.session,
                self.receipt,
                officer=officer,
                consent_session=self.consent_session,
            )
            self.signals.saved.emit(outcome)
        except KioskError as err:
            self.signals.failed.emit(error_text(err))
        except Exception as err:  # never let a worker die silently; the log gets the type only
            log.exception("saving a dossier failed")
            self.signals.failed.emit(err.__class__.__name__)


class _ConsentGatedPanel(CardReaderPanel):
    """The reader panel, asking the core's consent check before every chip read.

    A disabled panel already blocks the reader; the check makes the rule hold also when the
    widget state and the consent records disagree (a withdrawal, a settings change).
    """

    consent_check: Callable[[], None] | None = None

    def read_now(self) -> None:
        if self.consent_check is not None and self._thread is None and self.key is not None:
            try:
                self.consent_check()
            except KioskError as err:
                self.message.setText(error_text(err))
                return
        super().read_now()


class ReceiptDialog(QDialog):
    """The receipt shown at the counter for printing (through the print dialog).

    Not modal: the officer may keep working and print later, or press "Print receipt again".
    """

    printed = Signal()

    def __init__(self, parent: QWidget, printer_factory: Callable[[], QPrinter | None]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receipt (form 01)"))
        self.setAccessibleName(self.tr("Receipt preview"))
        self.printer_factory = printer_factory
        self.preview = PdfPreview(self)
        self.preview.view.setAccessibleName(self.tr("Receipt preview"))
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setAccessibleName(self.tr("Print the receipt"))
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_receipt)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAccessibleName(self.tr("Close the receipt preview"))
        self.close_button.clicked.connect(self.close)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Receipt printing status"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.preview, 1)
        lay.addLayout(buttons)
        self.resize(720, 900)

    def show_pdf(self, pdf: bytes) -> None:
        self.preview.set_pdf(pdf)
        self.status.clear()
        self.show()
        self.raise_()
        self.print_button.setFocus()

    def print_receipt(self) -> bool:
        ok = print_pdf(self.preview.pdf, self, printer=self.printer_factory())
        self.status.setText(self.tr("Sent to the printer.") if ok else self.tr("Not printed."))
        if ok:
            self.printed.emit()
        return ok

    def clear(self) -> None:
        self.preview.clear()
        self.status.clear()
        self.close()


class KioskReceiptPanel(QFrame):
    """After saving on a kiosk: the dossier code, large, and its QR code.

    Shown with the printed receipt too, and the only copy when no printer works: the citizen
    photographs the code (a phone camera reads the QR) and nothing is lost.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Your dossier code"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 24px; font-weight: bold;")
        self.message.setAccessibleName(self.tr("Receipt message"))
        self.code = QLabel(self)
        self.code.setStyleSheet("font-size: 40px; font-weight: bold; letter-spacing: 2px;")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setAccessibleName(self.tr("Dossier code"))
        self.qr = QLabel(self)
        self.qr.setAccessibleName(self.tr("QR code of the dossier code"))
        text = QVBoxLayout()
        text.addWidget(self.message)
        text.addWidget(self.code)
        text.addStretch(1)
        lay = QHBoxLayout(self)
        lay.addLayout(text, 1)
        lay.addWidget(self.qr)
        self.hide()

    def show_code(self, code: str, message: str) -> None:
        self.message.setText(message)
        self.code.setText(code)
        self.code.setAccessibleDescription(code)
        self.qr.setPixmap(QPixmap.fromImage(qr_image(code, module_px=8)))
        self.show()

    def clear(self) -> None:
        self.message.clear()
        self.code.clear()
        self.qr.clear()
        self.hide()


class ReceptionPage(QWidget):
    scrolls_itself = True  # the main window does not wrap it in a scroll area (see below)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        demo = ctx.demo
        # None: the printer of the print dialog / the system's default printer. Tests and
        # special set-ups (a PDF printer) hand in their own.
        self.printer_factory: Callable[[], QPrinter | None] = lambda: None
        self.card_panel = _ConsentGatedPanel(
            self,
            trust_dir=ctx.profile.root / "card-trust",
            kiosk_mode=ctx.kiosk_mode,
            reader=getattr(demo, "reader", None),
            default_key_text=getattr(demo, "can", None),
        )
        self.forms = FormsPage(ctx)
        self.forms.card_requested.connect(self.card_panel.read_for_role)
        self.card_panel.consent_check = self._check_consent
        self.card_panel.card_read.connect(self._card_read)
        self.card_panel.result_ready.connect(self._log_read)
        self.forms.printed.connect(self._form_printed)
        self._card_was_read = False
        self._ending_session = False
        # The dossier saved in this citizen's session: its receipt can be printed again.
        self.current_uuid: str | None = None
        self.current_code = ""
        if ctx.kiosk_mode and self.card_panel.bridge is not None:
            # Self-service: the citizen's card stays on the reader for the whole visit; lifting
            # it ends the session and every screen forgets them.
            self.card_panel.bridge.state_changed.connect(self._kiosk_card_state)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.card_panel)
        splitter.addWidget(self.forms)
        # The reader side holds the key entry, the photo, the checks and the citizen's data:
        # give it close to half the width (it was squeezed to a third on kiosk screens).
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Reception status"))
        self.save_button = QPushButton(self.tr("&Save dossier and queue for sync"), self)
        self.save_button.setAccessibleName(self.tr("Save the dossier and queue it for sync"))
        self.save_button.setMinimumHeight(MIN_TOUCH)
        self.save_button.clicked.connect(self.save)
        self.next_button = QPushButton(self.tr("&Next citizen"), self)
        self.next_button.setAccessibleName(self.tr("Next citizen: clear every screen"))
        self.next_button.setMinimumHeight(MIN_TOUCH)
        self.next_button.clicked.connect(ctx.end_citizen_session)
        self.reprint_button = QPushButton(self.tr("Print &receipt again"), self)
        self.reprint_button.setAccessibleName(self.tr("Print the receipt of this dossier again"))
        self.reprint_button.setMinimumHeight(MIN_TOUCH)
        self.reprint_button.setEnabled(False)
        self.reprint_button.clicked.connect(self.print_receipt_again)
        self.receipt_dialog: ReceiptDialog | None = None
        self._receipt_shown: tuple[str, str | None] = ("receipt", None)  # for the print log
        self.kiosk_receipt = KioskReceiptPanel(self)

        # Law 91/2025: kiosks and community teams ask before reading a chip; never pre-ticked.
        consent_text = self.tr(
            "The citizen agrees that the data on their ID card chip (including the sensitive "
            "items ethnicity, religion and photo) is read to fill in the forms of this visit."
        )
        # The box carries a short label and the statement wraps beside it: a check box's own
        # text never wraps and was cut off on kiosk screens.
        self.consent = QCheckBox(self.tr("I agree"), self)
        self.consent.setAccessibleName(self.tr("Consent to read the ID card chip"))
        self.consent.setAccessibleDescription(consent_text)
        self.consent.setMinimumHeight(MIN_TOUCH if ctx.kiosk_mode else 0)
        self.consent.toggled.connect(self._consent_toggled)
        self.consent_text = QLabel(consent_text, self)
        self.consent_text.setWordWrap(True)
        self.consent_text.setBuddy(self.consent)
        self._apply_consent_setting()
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent_text, 1)
        consent_row.addWidget(self.consent)

        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.save_button)
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addLayout(consent_row)
        layout.addWidget(self.kiosk_receipt)
        # Only the card and form columns scroll: consent and the actions that finish the visit
        # (save, reprint, next citizen) stay in view on a 768-pixel-high laptop screen.
        columns = QScrollArea(self)
        columns.setWidgetResizable(True)
        columns.setFrameShape(QFrame.Shape.NoFrame)
        columns.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        columns.setAccessibleName(self.tr("Card and form"))
        columns.setWidget(splitter)
        layout.addWidget(columns, 1)
        layout.addLayout(actions)

        # A person read before any service was chosen goes to the applicant role of the next one.
        self._pending: tuple[str, Citizen] | None = None
        self.forms.picker.chosen.connect(self._deliver_pending)
        self._signals = _SaveSignals(self)
        self._signals.saved.connect(self._saved)
        self._signals.failed.connect(self._failed)
        ctx.signals.citizen_session_ended.connect(self._session_ended)

    def start_page(self) -> None:
        """Start watching the readers (after the window has connected to our signals)."""
        if self.ctx.demo is not None:
            # Demo: the key is known, so the card is read as soon as the monitor has seen it
            # (reading before the monitor's own probe ends would race it for the card).
            from kiosk.card.keys import AccessKey

            self.card_panel.key = AccessKey.from_can(self.ctx.demo.can)
        self.card_panel.start()

    # -- consent and processing log ---------------------------------------------------------
    def _mode(self) -> str:
        if self.ctx.kiosk_mode:
            return "kiosk"
        role = getattr(getattr(self.ctx.officer, "role", None), "value", None)
        return "community" if role == "community" else "officer"

    def _consent_needed(self) -> bool:
        if self.ctx.store is None:
            return False
        from kiosk.security.consent import consent_required

        return consent_required(self.ctx.store, self._mode())

    def _apply_consent_setting(self) -> None:
        # Read again for every citizen: the unit may change consent_required_officer meanwhile.
        needed = self._consent_needed()
        self.consent.setVisible(needed)
        self.consent_text.setVisible(needed)
        self.card_panel.setEnabled(not needed or self.consent.isChecked())

    def _consent_method(self) -> str:
        return "touch" if self.ctx.kiosk_mode else "verbal_witnessed"

    def _check_consent(self) -> None:
        store = self.ctx.store
        if store is None:
            return
        from kiosk.security.consent import require_consent_for_chip_read

        require_consent_for_chip_read(store, self._mode(), store.citizen_session_id)

    def _consent_toggled(self, given: bool) -> None:
        from kiosk.security.consent import Purpose, consents_for, record_consent, withdraw_consent

        store = self.ctx.store
        if not given:
            self.card_panel.setEnabled(False)
            if self._ending_session or store is None or not store.citizen_session_id:
                return  # the session ends: not a withdrawal, the next citizen is asked afresh
            # Unticking is the citizen taking the consent back: recorded next to the grant.
            for record in consents_for(store, session_id=store.citizen_session_id):
                if record.active and record.purpose == Purpose.chip_read.value:
                    withdraw_consent(
                        store,
                        record.id,
                        method=self._consent_method(),
                        withdrawn_by=getattr(self.ctx.officer, "username", None),
                    )
            return
        session_id = store.citizen_session_id or store.begin_citizen_session()
        record_consent(
            store,
            purpose=Purpose.chip_read,
            text_version=CONSENT_TEXT_VERSION,
            method=self._consent_method(),
            session_id=session_id,
            sensitive_items=["ethnicity", "religion", "face"],
            given_by=getattr(self.ctx.officer, "username", None),
        )
        self.card_panel.setEnabled(True)
        self.card_panel.read_if_ready()

    def _log_async(self, action: str, detail: str, dossier_uuid: str | None = None) -> None:
        store = self.ctx.store
        if store is None:
            return
        # A small encrypted write with fsync: off the GUI thread.
        if action == "print":
            QThreadPool.globalInstance().start(lambda: log_print(store, detail, dossier_uuid))
        else:
            QThreadPool.globalInstance().start(
                lambda: store.log_event(action, dossier_uuid=dossier_uuid, detail=detail)
            )

    def _kiosk_card_state(self, state: Any) -> None:
        if self._card_was_read and state.first_with_card() is None:
            self._card_was_read = False
            self.ctx.end_citizen_session()

    def _log_read(self, result: Any) -> None:
        self._card_was_read = True
        self._log_async("read", f"chip read ({getattr(result, 'access_control', '?')})")

    def _form_printed(self, item_id: str) -> None:
        # A form printed after saving belongs to the saved dossier; before, to no dossier yet.
        self._log_async("print", f"form {item_id}", self.current_uuid)

    # -- flow ----------------------------------------------------------------------------------
    def _card_read(self, role_key: str, citizen: Citizen) -> None:
        if self.forms.form_screen is None:
            self._pending = (role_key or "applicant", citizen)
            self.status.setText(self.tr("Card read. Now choose the service."))
            return
        self.forms.deliver_card(role_key or "applicant", citizen)

    def _deliver_pending(self, _item_id: str) -> None:
        if self._pending is not None:
            self.forms.deliver_card(*self._pending)
            self._pending = None

    def save(self) -> None:
        screen = self.forms.form_screen
        if screen is None:
            self.status.setText(self.tr("Choose a service and fill its form first."))
            return
        if self.ctx.store is None:
            self.status.setText(self.tr("The store is locked: log in again to save."))
            return
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving the dossier…"))
        task = _SaveTask(
            self.ctx,
            screen.session,
            self._signals,
            self._receipt_options(),
            self.ctx.store.citizen_session_id,
        )
        QThreadPool.globalInstance().start(task)

    def _receipt_options(self) -> ReceiptOptions:
        store = self.ctx.store
        settings = store.settings() if store is not None else {}
        return ReceiptOptions.from_settings(
            settings,
            # Self-service: nobody receives in person, so the kiosk leaves the line to be signed.
            officer_name="" if self.ctx.kiosk_mode else receipt_officer_name(self.ctx.officer),
            thermal=self.ctx.kiosk_mode,
        )

    def _saved(self, outcome: Reception) -> None:
        dossier = outcome.dossier
        self.save_button.setEnabled(True)
        self.current_uuid, self.current_code = dossier.uuid, dossier.provisional_code
        self.reprint_button.setEnabled(True)
        text = self.tr("Dossier %1 saved and queued; it is sent as soon as the server can be reached.")
        text = text.replace("%1", dossier.provisional_code)
        if outcome.receipt_pdf is None:
            # Saved all the same; the receipt is made again from the stored dossier.
            reason = error_text(KioskError(outcome.receipt_error or ""))
            text += " " + self.tr(
                "The receipt could not be made (%1). Press “Print receipt again” to try once more."
            ).replace("%1", reason)
        self.status.setText(text)
        self.status.setProperty("role", "ok" if outcome.receipt_pdf is not None else "error")
        self.ctx.signals.dossier_saved.emit(dossier.uuid)
        if outcome.receipt_pdf is not None:
            self._deliver_receipt(outcome.receipt_pdf, "receipt", dossier.provisional_code)

    def _deliver_receipt(self, pdf: bytes, what: str, code: str) -> None:
        """Officer: the preview with its Print button; kiosk: straight to the default printer."""
        uuid = self.current_uuid
        if not self.ctx.kiosk_mode:
            if self.receipt_dialog is None:
                self.receipt_dialog = ReceiptDialog(self, self.printer_factory)
                self.receipt_dialog.printed.connect(self._receipt_dialog_printed)
            dialog = self.receipt_dialog
            self._receipt_shown = (what, uuid)
            dialog.show_pdf(pdf)
            return
        ok = print_pdf(pdf, self, silent=True, printer=self.printer_factory(), paper_from_pdf=True)
        if ok:
            self._log_async("print", f"{what} kiosk", uuid)
            message = self.tr("Please take your receipt from the printer. Your dossier code:")
        else:
            message = self.tr(
                "No printer is available, so no paper receipt can be printed. Your dossier is saved: "
                "please photograph this code and its QR code, or ask at the counter."
            )
            self.status.setText(self.tr("No printer is available: the receipt was not printed."))
            self.status.setProperty("role", "error")
        self.kiosk_receipt.show_code(code, message)

    def _receipt_dialog_printed(self) -> None:
        what, uuid = self._receipt_shown
        self._log_async("print", what, uuid)

    def print_receipt_again(self) -> None:
        """The current dossier's receipt, made again from the store (the official code if synced)."""
        store = self.ctx.store
        if store is None or self.current_uuid is None:
            self.status.setText(self.tr("Save a dossier first: there is no receipt to print yet."))
            return
        try:
            dossier = store.get_dossier(self.current_uuid)
            pdf = render_dossier_receipt(dossier, self._receipt_options())
        except KioskError as err:
            self.status.setText(self.tr("The receipt could not be made: %1").replace("%1", error_text(err)))
            self.status.setProperty("role", "error")
            return
        code = dossier.official_code or dossier.provisional_code
        self._deliver_receipt(pdf, "receipt reprint", code)

    def _failed(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("The dossier was not saved: %1").replace("%1", message))
        self.status.setProperty("role", "error")

    def official_code_arrived(self, official: str) -> None:
        text = self.tr("The dossier reached the server: official code %1.")
        self.status.setText(text.replace("%1", official))
        self.status.setProperty("role", "ok")

    def has_citizen_data(self) -> bool:
        """Whether anything of a citizen is on this screen or in its session (for the kiosk idle)."""
        store = self.ctx.store
        return bool(
            (store is not None and store.citizen_session_id)
            or self.forms.form_screen is not None
            or self._pending is not None
            or self._card_was_read
            or self.consent.isChecked()
            or self.current_uuid is not None
        )

    def _session_ended(self) -> None:
        self._ending_session = True
        try:
            self.card_panel.clear()
            self.consent.setChecked(False)
            if self.ctx.store is not None and self.ctx.store.citizen_session_id:
                self.ctx.store.end_citizen_session()
        finally:
            self._ending_session = False
        self._pending = None
        self._card_was_read = False
        self.current_uuid, self.current_code = None, ""
        self.reprint_button.setEnabled(False)
        if self.receipt_dialog is not None:
            self.receipt_dialog.clear()
        self.kiosk_receipt.clear()
        self.status.clear()
        self._apply_consent_setting()

    def shutdown(self) -> None:
        self.card_panel.stop()


def reception_page(ctx: AppContext) -> Any:
    return ReceptionPage(ctx)

"""Reception: the counter's main flow on one screen.

Left, the card reader panel (state, key entry, progress, photo, verification); right, the
forms page (service picker, then the form pre-filled from every card read). Below, the
actions that finish the visit: save the dossier and queue it for sync, and "next citizen",
which drops every personal value from every screen.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from kiosk.citizen import Citizen
from kiosk.errors import KioskError
from kiosk.forms.session import FormSession
from kiosk.reception import save_dossier
from ui.card.panel import CardReaderPanel
from ui.context import AppContext
from ui.errors import error_text
from ui.forms.page import FormsPage

log = logging.getLogger(__name__)

MIN_TOUCH = 56
CONSENT_TEXT_VERSION = "chip-read/2026-01"


class _SaveSignals(QObject):
    saved = Signal(str, str)  # uuid, provisional code
    failed = Signal(str)


class _SaveTask(QRunnable):
    """Rendering PDFs and writing the encrypted store stay off the GUI thread."""

    def __init__(self, ctx: AppContext, session: FormSession, signals: _SaveSignals) -> None:
        super().__init__()
        self.ctx, self.session, self.signals = ctx, session, signals

    def run(self) -> None:
        store = self.ctx.store  # thread-safe handle; it stays open for the window
        try:
            officer = getattr(self.ctx.officer, "username", None)
            dossier = save_dossier(store, self.session, officer=officer)
            self.signals.saved.emit(dossier.uuid, dossier.provisional_code)
        except KioskError as err:
            self.signals.failed.emit(error_text(err))
        except Exception as err:  # never let a worker die silently; the log gets the type only
            log.exception("saving a dossier failed")
            self.signals.failed.emit(err.__class__.__name__)


class ReceptionPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        demo = ctx.demo
        self.card_panel = CardReaderPanel(
            self,
            trust_dir=ctx.profile.root / "card-trust",
            kiosk_mode=ctx.kiosk_mode,
            reader=getattr(demo, "reader", None),
            default_key_text=getattr(demo, "can", None),
        )
        self.forms = FormsPage(ctx)
        self.forms.card_requested.connect(self.card_panel.read_for_role)
        self.card_panel.card_read.connect(self._card_read)
        self.card_panel.result_ready.connect(self._log_read)
        self._card_was_read = False
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
        needed = self._consent_needed()
        self.consent.setVisible(needed)
        self.consent_text.setVisible(needed)
        self.card_panel.setEnabled(not needed)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent_text, 1)
        consent_row.addWidget(self.consent)

        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.save_button)
        actions.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addLayout(consent_row)
        layout.addWidget(splitter, 1)
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

    def _consent_toggled(self, given: bool) -> None:
        if not given:
            self.card_panel.setEnabled(False)
            return
        from kiosk.security.consent import Method, Purpose, record_consent

        store = self.ctx.store
        session_id = store.citizen_session_id or store.begin_citizen_session()
        record_consent(
            store,
            purpose=Purpose.chip_read,
            text_version=CONSENT_TEXT_VERSION,
            method=Method.touch if self.ctx.kiosk_mode else Method.verbal_witnessed,
            session_id=session_id,
            sensitive_items=["ethnicity", "religion", "face"],
            given_by=getattr(self.ctx.officer, "username", None),
        )
        self.card_panel.setEnabled(True)
        self.card_panel.read_if_ready()

    def _kiosk_card_state(self, state: Any) -> None:
        if self._card_was_read and state.first_with_card() is None:
            self._card_was_read = False
            self.ctx.end_citizen_session()

    def _log_read(self, result: Any) -> None:
        self._card_was_read = True
        store = self.ctx.store
        if store is None:
            return
        detail = f"chip read ({getattr(result, 'access_control', '?')})"
        # A small encrypted write with fsync: off the GUI thread.
        QThreadPool.globalInstance().start(lambda: store.log_event("read", detail=detail))

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
        QThreadPool.globalInstance().start(_SaveTask(self.ctx, screen.session, self._signals))

    def _saved(self, uuid: str, code: str) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(
            self.tr("Dossier %1 saved and queued; it is sent as soon as the server can be reached.").replace(
                "%1", code
            )
        )
        self.status.setProperty("role", "ok")
        self.ctx.signals.dossier_saved.emit(uuid)

    def _failed(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("The dossier was not saved: %1").replace("%1", message))
        self.status.setProperty("role", "error")

    def official_code_arrived(self, official: str) -> None:
        text = self.tr("The dossier reached the server: official code %1.")
        self.status.setText(text.replace("%1", official))
        self.status.setProperty("role", "ok")

    def _session_ended(self) -> None:
        self.card_panel.clear()
        if not self.consent.isHidden():
            self.consent.setChecked(False)
            if self.ctx.store is not None and self.ctx.store.citizen_session_id:
                self.ctx.store.end_citizen_session()
        self._pending = None
        self.status.clear()

    def shutdown(self) -> None:
        self.card_panel.stop()


def reception_page(ctx: AppContext) -> Any:
    return ReceptionPage(ctx)

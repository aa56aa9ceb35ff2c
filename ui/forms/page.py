"""The forms screen the main window hosts: service picker, then the form screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.citizen import Citizen
from kiosk.forms.catalogue import Catalogue, load_catalogue, profile_forms_dir
from kiosk.forms.session import FormSession
from ui.forms.form_screen import FormScreen
from ui.forms.service_picker import ServicePicker


class FormsPage(QWidget):
    """Top-level forms screen.

    ``FormsPage(ctx=None, *, catalogue=None, kiosk_mode=False, language="vi")``. Connect
    ``card_requested(role_key)`` to the card panel and answer with
    ``deliver_card(role_key, citizen)``. ``printed(item_id)`` reports a printed form/bundle.
    With an AppContext, the page clears itself when the citizen's session ends.
    """

    card_requested = Signal(str)
    printed = Signal(str)

    def __init__(
        self,
        ctx: Any = None,
        *,
        catalogue: Catalogue | None = None,
        kiosk_mode: bool | None = None,
        language: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kiosk_mode = kiosk_mode if kiosk_mode is not None else bool(getattr(ctx, "kiosk_mode", False))
        self.language = str(language or getattr(ctx, "language", "vi"))
        profile = getattr(ctx, "profile", None)  # its forms folder holds the province's updated forms
        overrides = profile_forms_dir(profile.root) if profile else None
        self.catalogue = catalogue or load_catalogue(overrides=overrides)
        self.stack = QStackedWidget()
        self.picker = ServicePicker(self.catalogue, language=self.language, kiosk_mode=self.kiosk_mode)
        self.picker.chosen.connect(self.open_item)
        self.stack.addWidget(self.picker)
        self.form_screen: FormScreen | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)
        self.setAccessibleName(self.tr("Forms"))
        if ctx is not None and hasattr(ctx, "signals"):
            ctx.signals.citizen_session_ended.connect(self.end_session)

    def open_item(self, item_id: str) -> FormScreen:
        """Open a form or bundle, keeping people already read for the roles it shares."""
        previous = self.form_screen.session.roles if self.form_screen else {}
        session = FormSession.start(self.catalogue, item_id)
        role_ids = {r.id for r in session.role_defs}
        session.roles.update({k: v for k, v in previous.items() if k.split("[", 1)[0] in role_ids})
        screen = FormScreen(session, language=self.language, kiosk_mode=self.kiosk_mode)
        screen.card_requested.connect(self.card_requested.emit)
        screen.printed.connect(self.printed.emit)
        screen.back_requested.connect(self.show_picker)
        self._replace_screen(screen)
        self.stack.setCurrentWidget(screen)
        return screen

    def deliver_card(self, role_key: str, citizen: Citizen) -> None:
        if self.form_screen is not None:
            self.form_screen.deliver_card(role_key, citizen)

    def show_picker(self) -> None:
        self.stack.setCurrentWidget(self.picker)
        self.picker.search.setFocus()

    def end_session(self) -> None:
        """The citizen left: forget everything about them."""
        self._replace_screen(None)
        self.picker.search.clear()
        self.show_picker()

    def _replace_screen(self, screen: FormScreen | None) -> None:
        if self.form_screen is not None:
            self.form_screen.clear()
            self.stack.removeWidget(self.form_screen)
            self.form_screen.deleteLater()
        self.form_screen = screen
        if screen is not None:
            self.stack.addWidget(screen)

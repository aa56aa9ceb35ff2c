"""Factories for the screens each area provides, adapted to the shared AppContext."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from ui.context import AppContext

if TYPE_CHECKING:
    from ui.scan.screen import ScanScreen


class ScanRequests(QObject):
    """Where screens ask for a dossier's papers to be digitised; the scan screen listens.

    One per AppContext (a child of its signals), so the dossier page and the scan page can be
    built in any order.
    """

    open_dossier = Signal(str)  # dossier uuid

    @classmethod
    def of(cls, ctx: AppContext) -> ScanRequests:
        found = ctx.signals.findChild(cls)
        return found if isinstance(found, cls) else cls(ctx.signals)


def _show_page(widget: QWidget, key: str) -> None:
    """Bring ``widget``'s screen forward in whatever window holds it (the main window's list)."""
    parent = widget.parentWidget()
    while parent is not None:
        show = getattr(parent, "show_page", None)
        if callable(show):
            show(key)
            return
        parent = parent.parentWidget()


def _placeholder(text: str) -> QWidget:
    label = QLabel(text)
    label.setAccessibleName(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def _locked() -> QWidget:
    return _placeholder(QCoreApplication.translate("Pages", "Log in to see this screen."))


def dossier_page(ctx: AppContext) -> QWidget:
    if ctx.store is None:
        return _locked()
    from ui.dossier.screen import DossierScreen

    screen = DossierScreen(ctx.store, kiosk_mode=ctx.kiosk_mode)
    ctx.signals.citizen_session_ended.connect(screen.clear)
    ctx.signals.dossier_saved.connect(lambda _uuid: screen.list.refresh())
    screen.detail.digitise_requested.connect(ScanRequests.of(ctx).open_dossier)
    return screen


def scan_page(ctx: AppContext) -> QWidget:
    from ui.scan.screen import ScanScreen, SigningConfig

    settings = ctx.store.settings() if ctx.store is not None else {}
    screen = ScanScreen(
        store=ctx.store,
        dossier=None,
        components=(),
        operator=getattr(ctx.officer, "username", None) or "",
        agency=str(settings.get("unit_name", "")),
        kiosk_mode=ctx.kiosk_mode,
        signing=SigningConfig.from_settings(ctx.profile.load_settings()),
        spool_dir=ctx.profile.tmp_dir,
    )
    # The dossier the reception just saved is the one whose papers are on the counter. A kiosk's
    # store opens only its current citizen's dossiers, so nothing else can be attached there.
    ctx.signals.dossier_saved.connect(screen.open_dossier)
    ctx.signals.citizen_session_ended.connect(screen.clear)

    ScanRequests.of(ctx).open_dossier.connect(_ScanOpener(screen).open)
    return screen


class _ScanOpener(QObject):
    """Opens a requested dossier in the scan screen and shows it; a child of the screen, so the
    connection ends with the screen."""

    def __init__(self, screen: ScanScreen) -> None:
        super().__init__(screen)
        self.screen = screen

    @Slot(str)
    def open(self, uuid: str) -> None:
        if self.screen.open_dossier(uuid):
            _show_page(self.screen, "scan")


def sync_page(ctx: AppContext) -> QWidget:
    if ctx.store is None:
        return _locked()
    from ui.sync.widgets import SyncScreen

    return SyncScreen(ctx.store, ctx.sync, kiosk_mode=ctx.kiosk_mode)

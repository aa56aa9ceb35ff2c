"""Factories for the screens each area provides, adapted to the shared AppContext."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QWidget

from ui.context import AppContext


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
    from ui.dossier.detail import DossierDetailScreen
    from ui.dossier.list import DossierListScreen

    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setAccessibleName(QCoreApplication.translate("Pages", "Dossier list and details"))
    listing = DossierListScreen(ctx.store, kiosk_mode=ctx.kiosk_mode)
    detail = DossierDetailScreen(ctx.store, kiosk_mode=ctx.kiosk_mode)
    listing.open_requested.connect(detail.show_dossier)
    ctx.signals.dossier_saved.connect(lambda _uuid: listing.refresh())
    ctx.signals.citizen_session_ended.connect(detail.clear)
    splitter.addWidget(listing)
    splitter.addWidget(detail)
    splitter.setStretchFactor(1, 1)
    return splitter


def scan_page(ctx: AppContext) -> QWidget:
    from ui.scan.screen import ScanScreen

    settings = ctx.store.settings() if ctx.store is not None else {}
    screen = ScanScreen(
        store=ctx.store,
        dossier=None,
        components=(),
        operator=getattr(ctx.officer, "username", None) or "",
        agency=str(settings.get("unit_name", "")),
        kiosk_mode=ctx.kiosk_mode,
    )
    return screen


def sync_page(ctx: AppContext) -> QWidget:
    if ctx.store is None:
        return _locked()
    from ui.sync.widgets import SyncScreen

    return SyncScreen(ctx.store, ctx.sync, kiosk_mode=ctx.kiosk_mode)

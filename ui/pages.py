"""Factories for the screens each area provides, adapted to the shared AppContext."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

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
    from ui.dossier.screen import DossierScreen

    screen = DossierScreen(ctx.store, kiosk_mode=ctx.kiosk_mode)
    ctx.signals.citizen_session_ended.connect(screen.clear)
    ctx.signals.dossier_saved.connect(lambda _uuid: screen.list.refresh())
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
    return screen


def sync_page(ctx: AppContext) -> QWidget:
    if ctx.store is None:
        return _locked()
    from ui.sync.widgets import SyncScreen

    return SyncScreen(ctx.store, ctx.sync, kiosk_mode=ctx.kiosk_mode)

"""The main window: a navigation list beside the screens, status bar with reader and sync state."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, QThread, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from kiosk.errors import KioskError
from ui.context import AppContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # English source text, translated at display time
    factory: str  # "module:callable" taking the AppContext, returning a QWidget
    officer_only: bool = False


# Titles are translated in _titles() below, where lupdate can see them.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("reception", "Reception", "ui.reception:ReceptionPage"),
    PageSpec("dossiers", "Dossiers", "ui.pages:dossier_page", officer_only=True),
    PageSpec("scan", "Digitise papers", "ui.pages:scan_page"),
    PageSpec("sync", "Sync queue", "ui.pages:sync_page", officer_only=True),
    PageSpec("diagnostics", "Diagnostics", "ui.diagnostics:DiagnosticsPage", officer_only=True),
)


def _titles() -> dict[str, str]:
    return {
        "reception": QCoreApplication.translate("MainWindow", "Reception"),
        "dossiers": QCoreApplication.translate("MainWindow", "Dossiers"),
        "scan": QCoreApplication.translate("MainWindow", "Digitise papers"),
        "sync": QCoreApplication.translate("MainWindow", "Sync queue"),
        "diagnostics": QCoreApplication.translate("MainWindow", "Diagnostics"),
    }


def load_factory(path: str) -> Callable[[AppContext], QWidget]:
    module_name, attr = path.split(":")
    module = importlib.import_module(module_name)
    factory: Callable[[AppContext], QWidget] = getattr(module, attr)
    return factory


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(self.tr("Một Cửa Kiosk"))
        self.setAccessibleName(self.tr("Một Cửa Kiosk main window"))
        self.resize(1280, 800)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        self.nav = QListWidget(central)
        self.nav.setAccessibleName(self.tr("Screens"))
        self.nav.setFixedWidth(220)
        self.stack = QStackedWidget(central)
        self.stack.setAccessibleName(self.tr("Current screen"))
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        titles = _titles()
        self.pages: dict[str, QWidget] = {}
        for spec in PAGES:
            if ctx.kiosk_mode and spec.officer_only:
                continue
            widget = self._build_page(spec)
            self.pages[spec.key] = widget
            scrolls = getattr(widget, "scrolls_itself", False) is True
            self.stack.addWidget(widget if scrolls else self._scrollable(widget))
            item = QListWidgetItem(titles[spec.key], self.nav)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        if ctx.kiosk_mode:
            self.nav.hide()

        self.reader_status = QLabel(self.tr("Reader: starting…"), self)
        self.reader_status.setAccessibleName(self.tr("Card reader state"))
        # A long state sentence is cut at the window's edge rather than widening the window;
        # the reception screen shows the same state in full.
        self.reader_status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.reader_status, 1)
        self._wire_reader_status()
        self.sync_indicator: QWidget | None = None
        self._sync_indicator()
        for page in self.pages.values():
            start = getattr(page, "start_page", None)
            if callable(start):
                start()

        for i in range(min(self.nav.count(), 9)):
            act = QAction(self)
            act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _=False, row=i: self.nav.setCurrentRow(row))
            self.addAction(act)

    @staticmethod
    def _scrollable(page: QWidget) -> QScrollArea:
        """Each screen scrolls when the display is smaller than the screen's layout.

        Without this the window's minimum size is the largest screen's (over 1,500 px wide),
        so on a 1366x768 counter laptop or a portrait kiosk part of the window is off the display
        and cannot be reached. The page still fills the area when there is room.
        """
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the screen's controls, not the frame
        area.setAccessibleName(page.accessibleName())
        area.setWidget(page)
        return area

    def _build_page(self, spec: PageSpec) -> QWidget:
        try:
            return load_factory(spec.factory)(self.ctx)
        except Exception as exc:  # one broken screen must not take the app down
            log.exception("screen %s failed to load", spec.key)
            label = QLabel(self.tr("This screen could not be opened: %s") % exc.__class__.__name__)
            label.setAccessibleName(label.text())
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return label

    def _wire_reader_status(self) -> None:
        reception = self.pages.get("reception")
        bridge = getattr(getattr(reception, "card_panel", None), "bridge", None)
        if bridge is None:
            return

        def show(state: object) -> None:
            panel = reception.card_panel  # type: ignore[union-attr]
            self.reader_status.setText(self.tr("Reader: %1").replace("%1", panel.state.text()))

        bridge.state_changed.connect(show)
        show(None)

    def _sync_indicator(self) -> None:
        if self.ctx.store is None or self.ctx.sync is None:
            return
        from ui.sync.widgets import SyncIndicator

        indicator = SyncIndicator(kiosk_mode=self.ctx.kiosk_mode, parent=self)
        self.statusBar().addPermanentWidget(indicator)
        indicator.clicked.connect(lambda: self.show_page("sync"))
        self.sync_indicator = indicator
        self._stats_timer = QTimer(self)
        self._stats_timer.timeout.connect(self.refresh_sync_status)
        self._stats_timer.start(3000)
        self.ctx.sync.sync_event.connect(self._sync_event)
        self.refresh_sync_status()

    def refresh_sync_status(self) -> None:
        if self.sync_indicator is None or self.ctx.store is None:
            return
        try:
            stats = self.ctx.store.outbox_stats()
        except KioskError:
            return
        sync = self.ctx.sync
        self.sync_indicator.update_status(  # type: ignore[attr-defined]
            stats,
            sync.online,
            getattr(sync, "device_problem", None),  # revoked / not enrolled: shown until fixed
            stale_hours=getattr(sync, "stale_hours", None),  # the profile's sync_stale_hours
        )

    def _sync_event(self, event: object) -> None:
        kind = getattr(event, "kind", "")
        if kind == "synced":
            reception = self.pages.get("reception")
            arrived = getattr(reception, "official_code_arrived", None)
            if arrived is not None:
                arrived(getattr(event, "official_code", "") or "")
            self.refresh_sync_status()
        elif kind in ("revoked", "not_enrolled"):
            self.refresh_sync_status()

    def shutdown(self) -> None:
        for page in self.pages.values():
            if hasattr(page, "shutdown"):
                page.shutdown()
        # Any screen's worker thread still busy (a scanner listing, a render) must end before
        # its QThread object is destroyed with the window.
        for thread in self.findChildren(QThread):
            thread.requestInterruption()
            if thread.isRunning() and not thread.wait(30000):
                log.warning("a worker thread did not stop within 30 s at shutdown")

    def show_page(self, key: str) -> None:
        if key in self.pages:
            self.nav.setCurrentRow(list(self.pages).index(key))

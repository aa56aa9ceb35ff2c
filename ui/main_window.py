"""The main window: a navigation list beside the screens, status bar with reader and sync state."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

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
            self.stack.addWidget(widget)
            item = QListWidgetItem(titles[spec.key], self.nav)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        if ctx.kiosk_mode:
            self.nav.hide()

        self.reader_status = QLabel(self.tr("Reader: starting…"), self)
        self.reader_status.setAccessibleName(self.tr("Card reader state"))
        self.statusBar().addWidget(self.reader_status, 1)
        self.sync_status = QLabel("", self)
        self.sync_status.setAccessibleName(self.tr("Sync state"))
        self.statusBar().addPermanentWidget(self.sync_status)

        for i in range(min(self.nav.count(), 9)):
            act = QAction(self)
            act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _=False, row=i: self.nav.setCurrentRow(row))
            self.addAction(act)

    def _build_page(self, spec: PageSpec) -> QWidget:
        try:
            return load_factory(spec.factory)(self.ctx)
        except Exception as exc:  # one broken screen must not take the app down
            log.exception("screen %s failed to load", spec.key)
            label = QLabel(self.tr("This screen could not be opened: %s") % exc.__class__.__name__)
            label.setAccessibleName(label.text())
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return label

    def show_page(self, key: str) -> None:
        widget = self.pages.get(key)
        if widget is not None:
            self.nav.setCurrentRow(self.stack.indexOf(widget))

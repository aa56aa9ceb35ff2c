"""Diagnostics screen: the named checks as a table (check, status, detail, what to do), with
a button to copy the report for the province IT team. It holds no personal data.

The checks run in a worker thread (PC/SC, Tesseract and the 3-second server probe must not
freeze the window), and only once the screen is first shown, so starting the app contacts
nothing. A result that arrives after a newer refresh started is dropped.
"""

from __future__ import annotations

from typing import Any

import PySide6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, qVersion
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.diagnostics import Check, Msg, Report, Status, check
from sync.diagnostics import collect_all
from ui.context import AppContext
from ui.theme import Meaning, colour

_MEANINGS: dict[Status, Meaning] = {
    Status.OK: "ok",
    Status.WARNING: "warning",
    Status.FAILED: "error",
    Status.NOT_CHECKED: "muted",
}
COLUMNS = 4


def check_ui() -> Check:
    from PySide6.QtGui import QGuiApplication as App

    text = f"PySide6 {PySide6.__version__}, Qt {qVersion()}, {App.platformName() or '?'}"
    return check("ui", Status.OK, Msg(text, text), title=Msg("User interface", "Giao diện"), qt=qVersion())


class _Done(QObject):
    finished = Signal(int, object)  # generation, Report


class _Collect(QRunnable):
    def __init__(self, ctx: AppContext, done: _Done, generation: int) -> None:
        super().__init__()
        # The runnable keeps its own reference to `done` (no Qt parent), so the signal
        # object outlives a page closed while the checks still run.
        self.profile, self.store, self.done, self.generation = ctx.profile, ctx.store, done, generation

    def run(self) -> None:  # worker thread
        report = collect_all(self.profile, self.store)
        report.checks.insert(1, check_ui())
        self.done.finished.emit(self.generation, report)


class DiagnosticsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.report: Report | None = None
        self._generation = 0
        self._busy = False
        layout = QVBoxLayout(self)
        self.title = QLabel(self.tr("Diagnostics for support (contains no personal data)"), self)
        self.title.setAccessibleName(self.title.text())
        self.summary = QLabel(self.tr("Not collected yet."), self)
        self.summary.setAccessibleName(self.tr("Diagnostics summary"))
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setAccessibleName(self.tr("Diagnostics checks"))
        self.table.setAccessibleDescription(
            self.tr("One row per check: its name, status, what was found and what to do.")
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Check"), self.tr("Status"), self.tr("Detail"), self.tr("What to do")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setAccessibleName(self.tr("Row numbers"))
        header = self.table.horizontalHeader()
        header.setAccessibleName(self.tr("Column headings"))
        # Qt's hidden 'select all' corner button is a control too.
        for corner in self.table.findChildren(QAbstractButton):
            corner.setAccessibleName(self.tr("Select all rows"))
        for col in (0, 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in (2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.card_note = QLabel(
            self.tr("Card reader details and the last APDU trace: run 'kiosk card diagnose'."), self
        )
        self.card_note.setAccessibleName(self.card_note.text())
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.setAccessibleName(self.tr("Run the diagnostics checks again"))
        self.copy_button = QPushButton(self.tr("&Copy report"), self)
        self.copy_button.setAccessibleName(self.tr("Copy the diagnostics report as text and JSON"))
        self.copy_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.card_note)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.table, self.refresh_button)
        QWidget.setTabOrder(self.refresh_button, self.copy_button)

        self._done = _Done()  # no parent: see _Collect
        self._done.finished.connect(self._show_report)
        self.refresh_button.clicked.connect(self.refresh)
        self.copy_button.clicked.connect(self.copy_report)
        ctx.signals.language_changed.connect(self._language_changed)

    # ---- collecting ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.report is None and not self._busy:
            self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        self._busy = True
        self.refresh_button.setEnabled(False)
        self.summary.setText(self.tr("Checking…"))
        QThreadPool.globalInstance().start(_Collect(self.ctx, self._done, self._generation))

    @property
    def busy(self) -> bool:
        return self._busy

    def _show_report(self, generation: int, report: Any) -> None:
        if generation != self._generation:
            return  # a newer refresh is running
        self._busy = False
        self.report = report
        self.refresh_button.setEnabled(True)
        self.copy_button.setEnabled(True)
        self._render()

    def _language_changed(self, _language: str) -> None:
        self._render()

    # ---- showing ------------------------------------------------------------------------------

    def status_text(self, status: Status) -> str:
        return {
            Status.OK: self.tr("OK"),
            Status.WARNING: self.tr("Warning"),
            Status.FAILED: self.tr("Failed"),
            Status.NOT_CHECKED: self.tr("Not checked"),
        }[status]

    def _render(self) -> None:
        report = self.report
        if report is None:
            return
        lang = self.ctx.language
        self.table.setRowCount(len(report.checks))
        for row, c in enumerate(report.checks):
            cells = (c.title_text(lang), self.status_text(c.status), c.detail.get(lang), c.hint.get(lang))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col == 1:
                    item.setForeground(QBrush(QColor(colour(_MEANINGS[c.status]))))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        counts = {s: sum(1 for c in report.checks if c.status is s) for s in Status}
        self.summary.setText(
            self.tr("%1 checks: %2 OK, %3 warnings, %4 failed, %5 not checked.")
            .replace("%1", str(len(report.checks)))
            .replace("%2", str(counts[Status.OK]))
            .replace("%3", str(counts[Status.WARNING]))
            .replace("%4", str(counts[Status.FAILED]))
            .replace("%5", str(counts[Status.NOT_CHECKED]))
        )
        self.summary.setStyleSheet(f"color: {colour(_MEANINGS[report.overall])}; font-weight: bold;")

    def report_text(self) -> str:
        return self.report.to_text(self.ctx.language) if self.report is not None else ""

    def copy_report(self) -> None:
        if self.report is not None:
            QGuiApplication.clipboard().setText(self.report_text())

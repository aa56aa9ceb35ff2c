"""Diagnostics screen: what support needs to know, with a button to copy it."""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.diagnostics import collect
from ui.context import AppContext


class _Done(QObject):
    finished = Signal(str)


class _Collect(QRunnable):
    def __init__(self, ctx: AppContext, done: _Done) -> None:
        super().__init__()
        self.ctx, self.done = ctx, done

    def run(self) -> None:  # worker thread: PC/SC calls may block
        report = collect(self.ctx.profile).to_json()
        self.done.finished.emit(json.dumps(report, ensure_ascii=False, indent=2))


class DiagnosticsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Diagnostics for support (contains no personal data)"))
        title.setAccessibleName(title.text())
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Diagnostics report"))
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.setAccessibleName(self.tr("Refresh the diagnostics report"))
        self.copy_button = QPushButton(self.tr("&Copy to clipboard"), self)
        self.copy_button.setAccessibleName(self.tr("Copy the diagnostics report"))
        for w in (title, self.text, self.refresh_button, self.copy_button):
            layout.addWidget(w)
        self._done = _Done(self)
        self._done.finished.connect(self.text.setPlainText)
        self.refresh_button.clicked.connect(self.refresh)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        self.refresh()

    def refresh(self) -> None:
        self.text.setPlainText(self.tr("Collecting…"))
        QThreadPool.globalInstance().start(_Collect(self.ctx, self._done))

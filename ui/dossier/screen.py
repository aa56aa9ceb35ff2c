"""The officer's dossier page: the list and the selected dossier side by side."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ui.dossier.detail import DossierDetailScreen
from ui.dossier.list import DossierListScreen


class DossierScreen(QWidget):
    def __init__(self, store: Any, *, kiosk_mode: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = DossierListScreen(store, kiosk_mode=kiosk_mode)
        self.detail = DossierDetailScreen(store, kiosk_mode=kiosk_mode)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.list.open_requested.connect(self.detail.show_dossier)

    def refresh(self) -> None:
        self.list.refresh()

    def clear(self) -> None:
        self.list.clear()
        self.detail.clear()

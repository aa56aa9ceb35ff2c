"""Reception: the counter's main flow (card -> citizen -> form -> dossier -> queue)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.context import AppContext


class ReceptionPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.prompt = QLabel(self.tr("Place the citizen's ID card on the reader."), self)
        self.prompt.setAccessibleName(self.prompt.text())
        layout.addWidget(self.prompt)
        layout.addStretch(1)

"""One dossier: persons (ID masked until revealed), form data, papers and lifecycle history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.dossier import lifecycle
from kiosk.dossier.model import PORTAL_STATUS, Dossier
from kiosk.privacy import mask_id
from ui.dossier.tasks import run_task
from ui.dossier.widgets import accessible, name_corner, state_label


def _table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    t.setAccessibleName(name)
    name_corner(t)
    return t


def _fill(t: QTableWidget, rows: list[list[str]]) -> None:
    t.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.setItem(i, j, QTableWidgetItem(v))


class DossierDetailScreen(QWidget):
    loaded = Signal(str)
    digitise_requested = Signal(str)  # dossier uuid: open the scan screen for its papers

    def __init__(self, store: Any, *, kiosk_mode: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._task: Any = None
        self.dossier: Dossier | None = None
        self.header = QLabel("")
        self.header.setAccessibleName(self.tr("Dossier summary"))
        self.header.setWordWrap(True)
        self.reveal = QCheckBox(self.tr("Show full ID numbers"))
        accessible(self.reveal, self.tr("Show full ID numbers"), kiosk_mode=kiosk_mode)
        self.persons = _table(
            [self.tr("Role"), self.tr("Name"), self.tr("ID number"), self.tr("Date of birth")],
            self.tr("Persons"),
        )
        self.components = _table(
            [self.tr("Paper"), self.tr("Kind"), self.tr("Count"), self.tr("File")], self.tr("Papers")
        )
        self.history = _table(
            [self.tr("Time"), self.tr("From"), self.tr("To"), self.tr("By"), self.tr("Reason")],
            self.tr("History"),
        )
        self.digitise_button = QPushButton(self.tr("Digitise papers for this dossier"))
        accessible(self.digitise_button, self.tr("Digitise papers for this dossier"), kiosk_mode=kiosk_mode)
        self.digitise_button.setEnabled(False)
        self.digitise_button.clicked.connect(self._digitise)
        self.message = QLabel("")
        self.message.setAccessibleName(self.tr("Dossier message"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.reveal)
        layout.addWidget(QLabel(self.tr("Persons")))
        layout.addWidget(self.persons)
        layout.addWidget(QLabel(self.tr("Papers")))
        layout.addWidget(self.components)
        layout.addWidget(self.digitise_button)
        layout.addWidget(QLabel(self.tr("History")))
        layout.addWidget(self.history)
        layout.addWidget(self.message)
        self.reveal.toggled.connect(lambda _c: self._render())

    def show_dossier(self, uuid: str) -> None:
        self.clear()
        self.message.setText(self.tr("Opening…"))
        self._task = run_task(lambda: self.store.get_dossier(uuid), self._loaded, self.message.setText)

    def _loaded(self, d: Dossier) -> None:
        self.dossier = d
        self.message.clear()
        self._render()
        self.loaded.emit(d.uuid)

    def _digitise(self) -> None:
        if self.dossier is not None:
            self.digitise_requested.emit(self.dossier.uuid)

    def _render(self) -> None:
        d = self.dossier
        self.digitise_button.setEnabled(d is not None and d.state in lifecycle.EDITABLE)
        if d is None:
            return
        status = f"{d.portal_status} {PORTAL_STATUS.get(d.portal_status, '')}" if d.portal_status else "-"
        self.header.setText(
            self.tr("Dossier %1 · procedure %2 · state %3 · official code %4 · portal status %5")
            .replace("%1", d.provisional_code)
            .replace("%2", d.procedure_id)
            .replace("%3", state_label(d.state))
            .replace("%4", d.official_code or "-")
            .replace("%5", status)
        )
        show = self.reveal.isChecked()
        _fill(
            self.persons,
            [
                [
                    role,
                    c.get("full_name") or "",
                    (c.get("id_number") if show else mask_id(c.get("id_number"))) or "",
                    c.get("date_of_birth") or "",
                ]
                for role, c in d.roles.items()
            ],
        )
        _fill(self.components, [[c.name, c.copy_kind, str(c.count), c.filename or ""] for c in d.components])
        _fill(
            self.history,
            [
                [
                    h.at[:19].replace("T", " "),
                    state_label(h.from_state),
                    state_label(h.to_state),
                    h.actor or "",
                    h.reason or (f"portal {h.portal_status}" if h.portal_status else ""),
                ]
                for h in d.history
            ],
        )

    def clear(self) -> None:
        self.dossier = None
        self.digitise_button.setEnabled(False)
        self.reveal.setChecked(False)
        self.header.clear()
        for t in (self.persons, self.components, self.history):
            t.setRowCount(0)
        self.message.clear()

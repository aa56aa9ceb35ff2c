"""Dossier list with diacritic-insensitive search; ID numbers are always masked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.dossier.model import DossierState, DossierSummary
from ui.dossier.tasks import run_task
from ui.dossier.widgets import accessible, name_corner, state_label

PAGE = 50
_Index = QModelIndex | QPersistentModelIndex


class SummaryModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[DossierSummary] = []
        self.headers = [
            self.tr("Code"),
            self.tr("State"),
            self.tr("Procedure"),
            self.tr("Applicant"),
            self.tr("ID number"),
            self.tr("Updated"),
        ]

    def set_rows(self, rows: list[DossierSummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        r = self.rows[index.row()]
        values = [
            r.official_code or r.provisional_code,
            state_label(r.state),
            r.procedure_id,
            r.applicant_name,
            r.applicant_id_masked,
            r.updated_at[:16].replace("T", " "),
        ]
        return values[index.column()]


class DossierListScreen(QWidget):
    open_requested = Signal(str)

    def __init__(self, store: Any, *, kiosk_mode: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._task: Any = None
        self._generation = 0
        self.offset = 0
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name, ID number or code (accents optional)"))
        accessible(self.search, self.tr("Search dossiers"), kiosk_mode=kiosk_mode)
        self.state = QComboBox()
        self.state.addItem(self.tr("All states"), None)
        for s in DossierState:
            self.state.addItem(state_label(s), s.value)
        accessible(self.state, self.tr("Filter by state"), kiosk_mode=kiosk_mode)
        self.model = SummaryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the applicant's name
        accessible(self.table, self.tr("Dossiers"), kiosk_mode=False)
        name_corner(self.table)
        self.open_button = QPushButton(self.tr("Open"))
        accessible(self.open_button, self.tr("Open the selected dossier"), kiosk_mode=kiosk_mode)
        self.prev_button = QPushButton(self.tr("Previous page"))
        accessible(self.prev_button, self.tr("Previous page"), kiosk_mode=kiosk_mode)
        self.next_button = QPushButton(self.tr("Next page"))
        accessible(self.next_button, self.tr("Next page"), kiosk_mode=kiosk_mode)
        self.status = QLabel("")
        self.status.setAccessibleName(self.tr("List status"))
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.state, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.prev_button)
        bottom.addWidget(self.next_button)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        # Search as you type, without a query per keystroke.
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(250)
        self.debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._restart())
        self.state.currentIndexChanged.connect(lambda _i: self._restart())
        self.open_button.clicked.connect(self._open_selected)
        self.table.doubleClicked.connect(lambda _i: self._open_selected())
        self.table.activated.connect(lambda _i: self._open_selected())
        self.next_button.clicked.connect(lambda: self._page(+PAGE))
        self.prev_button.clicked.connect(lambda: self._page(-PAGE))
        if store is not None:
            self.refresh()

    def _restart(self) -> None:
        self.offset = 0
        self.debounce.start()

    def _page(self, delta: int) -> None:
        self.offset = max(0, self.offset + delta)
        self.refresh()

    def refresh(self) -> None:
        if self.store is None:
            return
        self._generation += 1
        gen = self._generation
        text = self.search.text().strip() or None
        state_value = self.state.currentData()
        state = DossierState(state_value) if state_value else None
        offset = self.offset
        self.status.setText(self.tr("Searching…"))
        self._task = run_task(
            lambda: self.store.list_dossiers(text, state, limit=PAGE, offset=offset),
            lambda rows: self._show(gen, rows),
            self._failed,
        )

    def _show(self, gen: int, rows: list[DossierSummary]) -> None:
        if gen != self._generation:
            return  # an older search finished late
        self.model.set_rows(rows)
        self.prev_button.setEnabled(self.offset > 0)
        self.next_button.setEnabled(len(rows) == PAGE)
        self.status.setText(self.tr("Dossiers shown: %1").replace("%1", str(len(rows))))
        self.loaded.emit()

    loaded = Signal()

    def _failed(self, message: str) -> None:
        self.status.setText(message)

    def _open_selected(self) -> None:
        idx = self.table.currentIndex()
        if idx.isValid():
            self.open_requested.emit(self.model.rows[idx.row()].uuid)

    def clear(self) -> None:
        self.search.clear()
        self.model.set_rows([])
        self.status.clear()

"""Sync indicator (always visible) and the queue view with per-dossier state and retry."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.dossier.model import DossierState
from kiosk.errors import KioskError
from sync.worker import SyncEvent
from ui.dossier.widgets import state_label
from ui.errors import error_text
from ui.sync.controller import DEFAULT_STALE_HOURS, DeviceProblem
from ui.theme import Meaning, colour

TOUCH_HEIGHT = 48
SHOWN_STATES = (DossierState.uploading, DossierState.queued, DossierState.quarantined, DossierState.synced)


def _age_hours(iso: str | None, now: datetime | None = None) -> float | None:
    if not iso:
        return None
    dt = datetime.fromisoformat(iso)
    dt = dt if dt.tzinfo else dt.replace(tzinfo=UTC)
    return ((now or datetime.now(UTC)) - dt).total_seconds() / 3600


def _short_time(iso: str | None) -> str:
    if not iso:
        return "-"
    dt = datetime.fromisoformat(iso)
    dt = dt if dt.tzinfo else dt.replace(tzinfo=UTC)
    return dt.astimezone().strftime("%H:%M %d/%m/%Y")


def problem_texts(problem: DeviceProblem | None) -> tuple[str, str]:
    """(short state, full sentence) for a device that cannot send at all."""
    if problem is None:
        return "", ""
    if problem.kind == "revoked":
        text = QCoreApplication.translate(
            "SyncDeviceProblem", "This device has been revoked by the server: contact the province IT team."
        )
        if problem.reason:
            # The administrator's own words, else the server's sentence (translated).
            text += " " + QCoreApplication.translate("SyncDeviceProblem", "Reason: %1").replace(
                "%1", error_text(problem.reason)
            )
        return QCoreApplication.translate("SyncDeviceProblem", "Device revoked"), text
    return QCoreApplication.translate("SyncDeviceProblem", "Not enrolled"), QCoreApplication.translate(
        "SyncDeviceProblem",
        "This device is not enrolled with an intake server: ask the server administrator for an "
        "enrolment code, then run: kiosk enrol URL CODE",
    )


class SyncIndicator(QWidget):
    """Online/offline, queued count, last success, a notice when the queue is stale, and a
    persistent warning when the device is revoked or not enrolled.

    ``update_status(stats, online, problem)`` takes ``Store.outbox_stats()`` and
    ``SyncController.device_problem``; ``clicked`` opens the queue.
    """

    clicked = Signal()

    def __init__(
        self,
        stale_hours: float = DEFAULT_STALE_HOURS,
        *,
        kiosk_mode: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.stale_hours = stale_hours
        self.online: bool | None = None
        # A coloured dot from the Liberation/DejaVu fonts, not an emoji (kiosks lack emoji fonts).
        self.dot = QLabel("\u25cf", self)
        self.dot.setAccessibleName(self.tr("Connection state"))
        self.button = QPushButton(self)
        self.button.setAccessibleName(self.tr("Sync state; open the sync queue"))
        self.button.setFlat(True)
        self.button.clicked.connect(self.clicked)
        self.notice = QLabel(self)
        self.notice.setAccessibleName(self.tr("Stale queue notice"))
        self.notice.setStyleSheet(f"color: {colour('error')}; font-weight: bold;")
        self.notice.setVisible(False)
        self.problem = QLabel(self)
        self.problem.setAccessibleName(self.tr("Device state"))
        self.problem.setStyleSheet(f"color: {colour('error')}; font-weight: bold;")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        if kiosk_mode:
            self.button.setMinimumHeight(TOUCH_HEIGHT)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.dot)
        layout.addWidget(self.button)
        layout.addWidget(self.notice)
        layout.addWidget(self.problem, 1)
        self.update_status({}, None)

    def update_status(
        self,
        stats: dict[str, Any],
        online: bool | None,
        problem: DeviceProblem | None = None,
        *,
        stale_hours: float | None = None,
    ) -> None:
        self.online = online
        if stale_hours is not None:
            self.stale_hours = stale_hours
        queued = int(stats.get("queued", 0)) + int(stats.get("uploading", 0))
        quarantined = int(stats.get("quarantined", 0))
        state = {True: self.tr("Online"), False: self.tr("Offline"), None: self.tr("Not checked")}[online]
        dot: Meaning = {True: "ok", False: "error", None: "muted"}[online]  # type: ignore[assignment]
        short, sentence = problem_texts(problem)
        if problem is not None:
            state, dot = short, "error"  # nothing will be sent: say so instead of online/offline
        self.problem.setText(sentence)
        self.problem.setVisible(problem is not None)
        self.problem.setAccessibleDescription(sentence)
        self.dot.setStyleSheet(f"color: {colour(dot)}; font-size: 18px;")
        self.dot.setAccessibleDescription(state)
        text = (
            self.tr("%1 · %2 queued · last sent %3")
            .replace("%1", state)
            .replace("%2", str(queued))
            .replace("%3", _short_time(stats.get("last_success")))
        )
        if quarantined:
            text += " · " + self.tr("%1 need attention").replace("%1", str(quarantined))
        self.button.setText(text)
        self.button.setAccessibleDescription(text)
        age = _age_hours(stats.get("oldest_queued_at"))
        stale = age is not None and age > self.stale_hours
        self.notice.setVisible(stale)
        if stale:
            self.notice.setText(
                self.tr("Queue older than %1 h: connect to send").replace("%1", f"{self.stale_hours:g}")
            )

    @property
    def stale(self) -> bool:
        return not self.notice.isHidden()

    @property
    def problem_shown(self) -> bool:
        return not self.problem.isHidden()


class SyncQueueView(QWidget):
    """Per-dossier state: queued, uploading with progress, synced with the official code,
    quarantined with the server's reason and a retry button."""

    COLUMNS = ("code", "state", "progress", "official", "reason")

    def __init__(self, store: Any, *, kiosk_mode: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._rows: dict[str, int] = {}
        self._states: dict[str, DossierState] = {}
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setAccessibleName(self.tr("Sync queue"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Dossier"),
                self.tr("State"),
                self.tr("Upload"),
                self.tr("Official code"),
                self.tr("Reason"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.setAccessibleName(self.tr("Retry the selected quarantined dossier"))
        self.retry_button.setEnabled(False)
        self.retry_button.clicked.connect(self.retry_selected)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setAccessibleName(self.tr("Refresh the sync queue"))
        self.refresh_button.clicked.connect(self.refresh)
        for b in (self.retry_button, self.refresh_button):
            b.setMinimumHeight(TOUCH_HEIGHT if kiosk_mode else 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        self.banner = QLabel(self)
        self.banner.setAccessibleName(self.tr("Device state"))
        self.banner.setStyleSheet(
            f"color: {colour('error')}; font-weight: bold; border: 2px solid {colour('error')}; padding: 8px;"
        )
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.log_alert = QLabel(self)
        self.log_alert.setAccessibleName(self.tr("Processing log check"))
        self.log_alert.setStyleSheet(self.banner.styleSheet())
        self.log_alert.setWordWrap(True)
        self.log_alert.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.log_alert)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_device_problem(self, problem: DeviceProblem | None) -> None:
        """A persistent banner above the queue while nothing can be sent (revoked, not enrolled)."""
        _short, sentence = problem_texts(problem)
        self.banner.setText(sentence)
        self.banner.setAccessibleDescription(sentence)
        self.banner.setVisible(problem is not None)

    def set_log_alert(self, contradicted: bool) -> None:
        """The intake server refused this device's processing-log checkpoint: the log no longer
        continues the one the server recorded, so entries may have been altered or removed."""
        sentence = self.tr(
            "The processing log no longer matches what the intake server recorded: entries may "
            "have been altered or removed. Do not delete anything; call the province IT team."
        )
        self.log_alert.setText(sentence if contradicted else "")
        self.log_alert.setAccessibleDescription(sentence if contradicted else "")
        self.log_alert.setVisible(contradicted)

    def refresh(self) -> None:
        """Reload the rows (a short indexed query; the long work is the worker's)."""
        rows: list[tuple[Any, str | None]] = []
        for state in SHOWN_STATES:
            for s in self.store.list_dossiers(state=state, limit=200):
                reason = None
                if state is DossierState.quarantined:
                    try:
                        reason = self.store.outbox_entry(s.uuid).last_error
                    except Exception:
                        reason = None
                rows.append((s, reason))
        self.table.setRowCount(len(rows))
        self._rows.clear()
        self._states.clear()
        for i, (s, reason) in enumerate(rows):
            self._rows[s.uuid] = i
            self._states[s.uuid] = s.state
            code = QTableWidgetItem(s.provisional_code)
            code.setData(Qt.ItemDataRole.UserRole, s.uuid)
            self.table.setItem(i, 0, code)
            self.table.setItem(i, 1, QTableWidgetItem(state_label(s.state)))
            bar = QProgressBar()
            bar.setAccessibleName(self.tr("Upload progress"))
            bar.setRange(0, 100)
            bar.setValue(100 if s.state is DossierState.synced else 0)
            self.table.setCellWidget(i, 2, bar)
            self.table.setItem(i, 3, QTableWidgetItem(s.official_code or ""))
            # The reason is the core's or the server's English sentence: shown translated.
            self.table.setItem(i, 4, QTableWidgetItem(error_text(reason) if reason else ""))
        self._selection_changed()

    def on_event(self, ev: SyncEvent) -> None:
        if ev.uuid is None:
            return
        row = self._rows.get(ev.uuid)
        if ev.kind == "progress" and row is not None and ev.total:
            bar = self.table.cellWidget(row, 2)
            if isinstance(bar, QProgressBar):
                bar.setValue(int(100 * ev.done / ev.total))
            item = self.table.item(row, 1)
            if item is not None:
                item.setText(state_label(DossierState.uploading))
        elif ev.kind in ("synced", "quarantined", "deferred"):
            self.refresh()

    def selected_uuid(self) -> str | None:
        items = self.table.selectedItems()
        if not items:
            return None
        first = self.table.item(items[0].row(), 0)
        return None if first is None else str(first.data(Qt.ItemDataRole.UserRole))

    def _selection_changed(self) -> None:
        uuid = self.selected_uuid()
        self.retry_button.setEnabled(uuid is not None and self._states.get(uuid) is DossierState.quarantined)

    def retry_selected(self) -> None:
        uuid = self.selected_uuid()
        if uuid is None or self._states.get(uuid) is not DossierState.quarantined:
            return
        self.store.outbox_requeue(uuid)
        self.refresh()


class SyncScreen(QWidget):
    """The sync page: indicator, "sync now", and the queue. See ``ui/sync/__init__.py``."""

    def __init__(
        self,
        store: Any,
        controller: Any = None,
        *,
        stale_hours: float | None = None,
        kiosk_mode: bool = False,
        refresh_ms: int = 5000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.controller = controller
        if stale_hours is None:  # the profile's setting, through the controller
            stale_hours = float(getattr(controller, "stale_hours", DEFAULT_STALE_HOURS))
        self.indicator = SyncIndicator(stale_hours, kiosk_mode=kiosk_mode, parent=self)
        self.queue = SyncQueueView(store, kiosk_mode=kiosk_mode, parent=self)
        self.sync_button = QPushButton(self.tr("Sync now"), self)
        self.sync_button.setAccessibleName(self.tr("Send queued dossiers now"))
        self.sync_button.setMinimumHeight(TOUCH_HEIGHT if kiosk_mode else 0)
        self.sync_button.setEnabled(controller is not None)
        top = QHBoxLayout()
        top.addWidget(self.indicator, 1)
        top.addWidget(self.sync_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.queue, 1)
        if controller is not None:
            self.sync_button.clicked.connect(controller.sync_now)
            controller.sync_event.connect(self.on_event)
            controller.online_changed.connect(lambda _o: self.refresh())
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.refresh_status)
        self._timer.start()
        self.refresh()

    def refresh_status(self) -> None:
        online = None if self.controller is None else self.controller.online
        problem = None if self.controller is None else self.controller.device_problem
        self.indicator.update_status(self.store.outbox_stats(), online, problem)
        self.queue.set_device_problem(problem)
        reader = getattr(self.store, "log_anchor", None)  # stand-in stores in tests have none
        try:
            anchor = reader() if reader is not None else None
        except KioskError:  # a handle not allowed to see it (kiosk role)
            anchor = None
        self.queue.set_log_alert(anchor is not None and anchor.get("state") == "contradicted")

    def refresh(self) -> None:
        self.refresh_status()
        self.queue.refresh()

    def on_event(self, ev: SyncEvent) -> None:
        self.queue.on_event(ev)
        if ev.kind in (
            "synced",
            "quarantined",
            "deferred",
            "online",
            "offline",
            "revoked",
            "not_enrolled",
            "log_contradicted",
        ):
            self.refresh_status()

"""Sync indicator and queue view under the offscreen Qt platform."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QProgressBar, QPushButton
from sync_helpers import open_store, queue_dossier

from kiosk.dossier.model import DossierState
from kiosk.profile import Profile
from sync.worker import SyncEvent

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def app() -> QApplication:
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


def test_indicator_shows_state_and_stale_notice(app: QApplication) -> None:
    from ui.sync.widgets import SyncIndicator

    ind = SyncIndicator(stale_hours=2, kiosk_mode=True)
    fresh = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    ind.update_status(
        {"queued": 2, "uploading": 1, "quarantined": 1, "last_success": fresh, "oldest_queued_at": fresh},
        True,
    )
    text = ind.button.text()
    assert "Online" in text and "3 queued" in text and "1 need attention" in text
    assert not ind.stale and ind.button.minimumHeight() >= 48
    old = (datetime.now(UTC) - timedelta(hours=3)).isoformat()
    ind.update_status({"queued": 1, "oldest_queued_at": old, "last_success": None}, False)
    assert "Offline" in ind.button.text() and "last sent -" in ind.button.text()
    assert ind.stale and "2 h" in ind.notice.text()
    assert ind.button.accessibleName()


def test_queue_view_progress_quarantine_and_retry(app: QApplication, tmp_path: Path) -> None:
    from ui.sync.widgets import SyncScreen

    prof = Profile.open(tmp_path / "p")
    store = open_store(prof)
    try:
        a = queue_dossier(store, b"one")
        b = queue_dossier(store, b"two")
        store.outbox_mark_attempt(b)
        store.outbox_quarantine(b, "The server already holds different content for this dossier UUID.")
        screen = SyncScreen(store, None, stale_hours=24, kiosk_mode=True)
        view = screen.queue
        assert view.table.rowCount() == 2
        rows = {view.table.item(r, 0).data(256): r for r in range(2)}  # Qt.UserRole
        assert view.table.item(rows[a], 1).text() == "Queued"
        assert view.table.item(rows[b], 1).text() == "Quarantined"
        assert "different content" in view.table.item(rows[b], 4).text()
        assert (
            "1 queued" in screen.indicator.button.text()
            and "1 need attention" in screen.indicator.button.text()
        )

        screen.on_event(SyncEvent("progress", a, done=30, total=120))
        bar = view.table.cellWidget(rows[a], 2)
        assert isinstance(bar, QProgressBar) and bar.value() == 25
        assert view.table.item(rows[a], 1).text() == "Uploading"

        view.table.selectRow(rows[a])
        assert not view.retry_button.isEnabled()  # only quarantined dossiers can be retried
        view.table.selectRow(rows[b])
        assert view.retry_button.isEnabled()
        view.retry_button.click()
        assert store.get_dossier(b).state == DossierState.queued
        screen.refresh_status()
        assert "2 queued" in screen.indicator.button.text()
        for w in screen.findChildren(QPushButton):
            assert w.accessibleName() and w.minimumHeight() >= 48
        screen.close()
    finally:
        store.close()


@pytest.mark.server
def test_controller_sends_in_a_qthread(app: QApplication, tmp_path: Path) -> None:
    import threading
    import time

    from sync_helpers import enrolled_profile, start_server

    from ui.sync.controller import SyncController
    from ui.sync.widgets import SyncScreen

    server = start_server(tmp_path / "srv")
    try:
        prof = enrolled_profile(tmp_path / "p", server)
        store = open_store(prof)
        uuid = queue_dossier(store, b"scan")
        controller = SyncController(lambda: open_store(prof), prof, poll_interval=0.5)
        screen = SyncScreen(store, controller)
        threads: list[str] = []
        controller.sync_event.connect(lambda ev: threads.append(threading.current_thread().name))
        controller.start()
        deadline = time.monotonic() + 30
        while store.get_dossier(uuid).state != DossierState.synced and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        app.processEvents()
        controller.stop()
        assert store.get_dossier(uuid).state == DossierState.synced
        assert controller.online is True
        assert threads and set(threads) == {threading.main_thread().name}  # delivered on the GUI thread
        screen.refresh()
        assert screen.queue.table.item(0, 3).text() == store.get_dossier(uuid).official_code
        screen.close()
        store.close()
    finally:
        server.stop()


def test_revoked_and_not_enrolled_are_shown_until_fixed(app: QApplication, tmp_path: Path) -> None:
    from sync.device import DeviceState, save_device
    from ui.sync.controller import DeviceProblem, SyncController
    from ui.sync.widgets import SyncIndicator, SyncScreen

    ind = SyncIndicator()
    ind.update_status({"queued": 2}, True, DeviceProblem("revoked", "laptop reported stolen"))
    assert ind.problem_shown and "Device revoked" in ind.button.text() and "Online" not in ind.button.text()
    assert "revoked by the server: contact the province IT team" in ind.problem.text()
    assert "Reason: laptop reported stolen" in ind.problem.text()
    ind.update_status({"queued": 2}, True, None)
    assert not ind.problem_shown and "Online" in ind.button.text()

    prof = Profile.open(tmp_path / "p")
    store = open_store(prof)
    try:
        queue_dossier(store, b"one")
        controller = SyncController(lambda: open_store(prof), prof)
        screen = SyncScreen(store, controller)
        assert controller.device_problem == DeviceProblem("not_enrolled")
        assert screen.indicator.problem_shown and "Not enrolled" in screen.indicator.button.text()
        assert not screen.queue.banner.isHidden() and "kiosk enrol URL CODE" in screen.queue.banner.text()
        dev = DeviceState("dev-1", "H01", "http://127.0.0.1:9", "x25519-00", "AAAA", "2025-01-01")
        save_device(prof, dev)
        screen.on_event(SyncEvent("online"))
        assert not screen.indicator.problem_shown and screen.queue.banner.isHidden()
        dev.revoked, dev.revoked_reason = "This device has been revoked; it must be enrolled again.", "moved"
        save_device(prof, dev)
        screen.on_event(SyncEvent("revoked", message="x"))
        assert "Reason: moved" in screen.queue.banner.text() and screen.indicator.problem_shown
        screen.close()
    finally:
        store.close()


def test_worker_says_not_enrolled_on_every_cycle(tmp_path: Path) -> None:
    from sync.worker import SyncWorker

    prof = Profile.open(tmp_path / "p")
    events: list[SyncEvent] = []
    store = open_store(prof)
    try:
        worker = SyncWorker(lambda: store, prof, on_event=events.append)
        for _ in range(2):
            assert worker.run_until_empty(store=store).outcome == "not_enrolled"
    finally:
        store.close()
    assert [e.kind for e in events] == ["not_enrolled", "not_enrolled"]
    assert "kiosk enrol" in (events[0].message or "")


def test_settings_give_the_bandwidth_cap_and_stale_threshold(app: QApplication, tmp_path: Path) -> None:
    from ui.sync.controller import SyncController, sync_settings
    from ui.sync.widgets import SyncScreen

    prof = Profile.open(tmp_path / "p")
    assert sync_settings(prof) == (None, 24.0)
    prof.save_settings({"sync_bandwidth_kbps": 512, "sync_stale_hours": 2})
    assert sync_settings(prof) == (64_000.0, 2.0)
    controller = SyncController(lambda: open_store(prof), prof)
    assert controller.worker.bandwidth == 64_000.0 and controller.stale_hours == 2.0

    class ThreeHoursOld:
        def outbox_stats(self) -> dict:  # type: ignore[type-arg]
            return {"queued": 1, "oldest_queued_at": (datetime.now(UTC) - timedelta(hours=3)).isoformat()}

        def list_dossiers(self, **_kw: object) -> list:  # type: ignore[type-arg]
            return []

    screen = SyncScreen(ThreeHoursOld(), controller)
    assert screen.indicator.stale_hours == 2.0 and screen.indicator.stale
    assert "2 h" in screen.indicator.notice.text()
    screen.close()
    for bad in ({"sync_bandwidth_kbps": -1, "sync_stale_hours": "x"}, {"sync_bandwidth_kbps": True}):
        prof.save_settings(bad)
        assert sync_settings(prof) == (None, 24.0)


def test_reachability_hint_mapping() -> None:
    from PySide6.QtNetwork import QNetworkInformation

    from ui.sync.controller import reachability_hint

    r = QNetworkInformation.Reachability
    assert reachability_hint(r.Disconnected) is False
    assert reachability_hint(r.Unknown) is None
    # A commune intranet server is reachable without the Internet: Local and Site send too.
    assert reachability_hint(r.Local) is True
    assert reachability_hint(r.Site) is True
    assert reachability_hint(r.Online) is True


def test_queue_view_alerts_when_the_log_checkpoint_is_refused(app: QApplication, tmp_path: Path) -> None:
    from ui.sync.widgets import SyncScreen

    prof = Profile.open(tmp_path / "p")
    store = open_store(prof)
    try:
        screen = SyncScreen(store, None, stale_hours=24, kiosk_mode=False)
        assert screen.queue.log_alert.isHidden()
        store.record_log_anchor(3, "ab" * 32)
        screen.on_event(SyncEvent("log_contradicted", message="x"))
        assert screen.queue.log_alert.isHidden()  # an accepted checkpoint is no alert
        store.record_log_anchor(5, "cd" * 32, contradicted="The processing log was rewritten.")
        screen.on_event(SyncEvent("log_contradicted", message="The processing log was rewritten."))
        alert = screen.queue.log_alert
        assert not alert.isHidden() and "no longer matches" in alert.text() and alert.accessibleName()
    finally:
        store.close()

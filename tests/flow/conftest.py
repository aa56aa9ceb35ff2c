"""Reception flow tests: offscreen Qt over a real SQLCipher store in tmp_path; no card reader.

The reader panel's monitor is never started and no read worker runs (the CARD helper's tests
own the reader): cards arrive through the page's own ``_card_read`` slot, as the panel's
``card_read`` signal delivers them.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QThreadPool
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from kiosk.profile import Profile
from kiosk.security import keys
from ui.app import make_app
from ui.i18n import install_translations

FAST = keys.KdfParams(time_cost=1, memory_cost=8192, parallelism=1)
PASSPHRASE = "correct horse battery staple"
CT01_TYPED = {
    "addressee": "Công an phường Bến Thành",
    "phone": "0901234567",
    "email": "huong.nguyen@example.vn",
    "request": "Đăng ký thường trú tại địa chỉ mới",
}


@pytest.fixture
def app() -> Iterator[QApplication]:
    a = make_app()
    install_translations(a, "en")
    yield a
    # The test's windows go now, while no worker runs: left to a later garbage collection they
    # were freed in the middle of another test's save (a worker thread rendering), which
    # crashed now and then.
    QThreadPool.globalInstance().waitForDone(10000)
    for w in QApplication.topLevelWidgets():
        w.close()
        w.deleteLater()
    a.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    a.processEvents()
    gc.collect()


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    p = Profile.open(tmp_path / "p")
    keys.init_profile(
        p,
        unit_name="UBND xã Thử Nghiệm",
        unit_code="T01",
        admin_username="admin",
        admin_passphrase=PASSPHRASE,
        kdf=FAST,
    )
    return p


@pytest.fixture
def officer(profile: Profile) -> Iterator[tuple[Any, Any]]:
    store, session = keys.unlock_with_passphrase(profile, "admin", PASSPHRASE)
    try:
        yield store, session
    finally:
        QThreadPool.globalInstance().waitForDone(10000)
        store.close()


@pytest.fixture
def kiosk_store(profile: Profile) -> Iterator[Any]:
    store, _session = keys.unlock_with_passphrase(profile, "admin", PASSPHRASE)
    store.restrict_to_kiosk()  # as the kiosk's own handle is
    try:
        yield store
    finally:
        QThreadPool.globalInstance().waitForDone(10000)
        store.close()


def until(cond: Callable[[], Any], timeout: float = 30.0, why: Callable[[], str] = str) -> None:
    app = make_app()
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            raise AssertionError(f"condition not reached in time: {why()}")
        app.processEvents()
        time.sleep(0.01)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def log_of(store: Any, uuid: str | None = None) -> list[tuple[str, str | None, str]]:
    """(action, dossier uuid, detail) of the processing log, oldest first (needs an officer handle)."""
    QThreadPool.globalInstance().waitForDone(10000)
    entries = store.log_entries(limit=10_000)
    rows = [(e.action, e.dossier_uuid, e.detail) for e in sorted(entries, key=lambda e: e.seq)]
    return [r for r in rows if uuid is None or r[1] == uuid]

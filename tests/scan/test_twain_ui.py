"""The scan screen lists TWAIN sources with their paper sources and scans a duplex batch in order."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from kiosk.scan.capture.twain_backend import TwainBackend
from tests.scan.twain_fake.build import fake_dsm
from tests.scan.twain_fake.pattern import expected_page


@pytest.fixture(scope="module")
def app() -> QApplication:
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


def test_twain_devices_and_their_sources_on_the_scan_screen(
    app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.scan.screen import ScanScreen

    monkeypatch.setenv("KIOSK_TWAIN_DSM", str(fake_dsm()))
    for name in list(os.environ):
        if name.startswith("FAKE_TWAIN_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("FAKE_TWAIN_SHEETS", "2")
    screen = ScanScreen(backend=TwainBackend())
    assert screen.wait()
    ids = [screen.device_box.itemData(i) for i in range(screen.device_box.count())]
    assert ids[:2] == ["twain:Kiosk Fake Duplex", "twain:Kiosk Fake Flatbed"]
    assert screen.device_box.itemText(0) == "Kiosk Test Kiosk Fake Duplex (twain:Kiosk Fake Duplex)"

    screen.device_box.setCurrentIndex(0)
    sources = [screen.source_box.itemData(i) for i in range(screen.source_box.count())]
    assert sources == ["adf", "duplex"]
    assert screen.source_box.itemText(1) == "Feeder, both sides"
    screen.device_box.setCurrentIndex(1)
    assert [screen.source_box.itemData(i) for i in range(screen.source_box.count())] == ["flatbed", "adf"]

    screen.device_box.setCurrentIndex(0)
    screen.source_box.setCurrentIndex(1)  # both sides
    screen.start_scan()
    assert screen.wait()
    pages = screen.pages
    assert len(pages) == 4 and screen.thumbs.count() == 4
    order = [(1, False), (1, True), (2, False), (2, True)]
    assert [
        np.array_equal(p.pixels, expected_page(s, b, 1654, 2339))
        for p, (s, b) in zip(pages, order, strict=True)
    ] == [True] * 4
    screen.deleteLater()

"""The scan screen under QT_QPA_PLATFORM=offscreen with the real SANE test backend."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.dossier.store import Store
from kiosk.profile import Profile
from kiosk.scan.page import Page
from kiosk.scan.samples import a4_page, blank_page
from kiosk.scan.verify import CHANGED_AFTER
from tests.scan.forge import incremental_update, replace_page_one


@pytest.fixture(scope="module")
def app() -> QApplication:
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


@pytest.fixture
def store(tmp_path: Path):
    s = Store.open(Profile.open(tmp_path / "profile"), os.urandom(32))
    s.actor = "canbo1"
    yield s
    s.close()


def test_scan_edit_make_pdf_and_attach(app: QApplication, store: Store) -> None:
    from ui.scan.screen import ScanScreen

    dossier = store.create_dossier("CT01", {}, {})
    tmp_dir = store.profile.tmp_dir
    screen = ScanScreen(
        store, dossier, ["Tờ khai", "Giấy chứng sinh"], operator="canbo1", kiosk_mode=True, spool_dir=tmp_dir
    )
    assert screen.wait()
    assert screen.device_box.count() >= 2 and screen.device_box.itemData(0) == "sane:test:0"
    assert [screen.source_box.itemData(i) for i in range(screen.source_box.count())] == ["flatbed", "adf"]

    # Every control is named and touch-sized in kiosk mode.
    for w in screen.findChildren(QWidget):
        if w.isWidgetType() and w.__class__.__name__ in ("QPushButton", "QComboBox", "QSpinBox", "QCheckBox"):
            assert w.accessibleName(), w
            assert w.minimumHeight() >= 48, w.accessibleName()

    screen.start_scan()  # flatbed: one page
    assert screen.wait()
    assert len(screen.pages) == 1 and abs(screen.pages[0].width - 1654) <= 2

    screen.add_page(Page(a4_page(200), 200))
    screen.add_page(Page(blank_page(200), 200))
    assert screen.thumbs.count() == 3
    # Parked pages are encrypted files in the profile's tmp folder, one per page.
    parked = sorted(tmp_dir.glob("scan-*.part"))
    assert len(parked) == 3
    assert (
        screen.pages[1].pixels.tobytes()[100_000:100_064]
        not in parked[0].read_bytes() + parked[1].read_bytes()
    )
    first = screen.pages[0]
    screen.thumbs.setCurrentRow(0)
    screen.right_button.click()  # rotate right
    assert screen.pages[0].pixels.shape[:2] == (first.width, first.height)
    screen.down_button.click()  # move later
    assert screen.pages[1].pixels.shape[:2] == (first.width, first.height)
    screen.thumbs.setCurrentRow(1)
    screen.delete_button.click()
    assert len(screen.pages) == 2

    screen.ocr_check.setChecked(False)
    screen.make_pdf()
    assert screen.wait()
    assert screen.result is not None and screen.result.report.ok
    assert screen.result.blank_pages == [2]  # suggested, not removed without the officer
    assert screen.result.page_count == 2
    assert "Legal format OK" in screen.result_label.text() and "KB" in screen.result_label.text()

    screen.remove_pages([1])
    assert len(screen.pages) == 1
    screen.make_pdf()
    assert screen.wait()
    got = []
    screen.attached.connect(got.append)
    assert screen.attach_button.isEnabled()
    screen.attach_button.click()
    assert screen.wait()
    assert len(got) == 1
    components = store.get_dossier(dossier.uuid).components
    assert any(c.attachment_id == got[0] and c.name == "Tờ khai" for c in components)
    assert screen.pages == [] and screen.item_spin.value() == 2
    assert list(tmp_dir.glob("scan-*")) == []  # nothing left behind
    screen.deleteLater()


def test_scan_error_is_shown(app: QApplication) -> None:
    from kiosk.scan.capture.base import ScanSettings
    from kiosk.scan.capture.sane_backend import SaneBackend
    from ui.scan.screen import ScanScreen

    class CoverOpen(SaneBackend):
        def scan(self, device_id, settings, **kw):  # type: ignore[override]
            opts = ScanSettings(driver_options={"read_return_value": "SANE_STATUS_COVER_OPEN"})
            return super().scan(device_id, opts, **kw)

    screen = ScanScreen(backend=CoverOpen())
    assert screen.wait()
    screen.start_scan()
    assert screen.wait()
    assert screen.status_label.text() == "The scanner cover is open; close it and scan again."
    assert screen.pages == []
    screen.deleteLater()


def test_camera_view_captures_from_synthetic_frames(app: QApplication) -> None:
    from kiosk.scan.capture.camera import SteadyCapture, SteadyConfig
    from kiosk.scan.samples import photograph
    from ui.scan.camera_view import CameraView

    view = CameraView()
    view._capture = SteadyCapture(SteadyConfig(steady_frames=2))
    captured = []
    view.page_captured.connect(captured.append)
    corners = np.array([[200, 150], [1380, 200], [1420, 1850], [160, 1800]], dtype=np.float32)
    frame = photograph(a4_page(100), corners, (1600, 2000))
    for _ in range(3):
        view.feed(frame)
        assert view._busy is not None
        view._busy.wait(10_000)
        app.processEvents()
        app.processEvents()
    assert len(captured) == 1 and captured[0].source == "camera"
    view.deleteLater()


def test_sign_and_verify_in_the_screen(app: QApplication, token, tmp_path: Path) -> None:
    from ui.scan.screen import ScanScreen, SigningConfig

    cfg = SigningConfig(module=token.module, key_id=token.key_id, agency="UBND", trust_roots=(token.ca_der,))
    screen = ScanScreen(signing=cfg)
    assert screen.wait()
    assert not screen.sign_button.isEnabled()  # nothing to sign yet
    screen.add_page(Page(a4_page(200), 200))
    screen.ocr_check.setChecked(False)
    screen.make_pdf()
    assert screen.wait()
    assert screen.sign_button.isEnabled()
    screen.sign_with_pin("000000")
    assert screen.wait()
    assert screen.status_label.text().startswith("The token PIN is wrong")
    assert screen.result is not None and not screen.result.report.signed
    screen.sign_with_pin(token.pin)
    assert screen.wait()
    assert screen.result is not None and screen.result.report.signed and screen.result.report.ok
    assert screen.status_label.text().startswith("Valid signature by Common Name: Nguyen Van Can Bo")
    assert "trusted" in screen.status_label.text()
    assert not screen.sign_button.isEnabled()  # signed last: no second signature on top

    signed = tmp_path / "signed.pdf"
    signed.write_bytes(screen.result.pdf)
    screen.verify_file(str(signed))
    assert screen.wait()
    assert screen.status_label.text().startswith("Valid signature")
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(incremental_update(screen.result.pdf, replace_page_one))
    screen.verify_file(str(forged))
    assert screen.wait()
    assert screen.status_label.text().startswith("INVALID signature by Common Name: Nguyen Van Can Bo")
    assert screen.status_label.text().endswith(CHANGED_AFTER)
    screen.verify_file(str(tmp_path / "missing.pdf"))
    assert screen.wait()
    assert screen.status_label.text() == "The file cannot be read; check that it still exists."
    screen.deleteLater()


def test_signing_config_from_settings(tmp_path: Path) -> None:
    from ui.scan.screen import SigningConfig

    assert SigningConfig.from_settings({}) is None
    assert SigningConfig.from_settings({"scan": {"pkcs11_module": "/x.so"}}) is None
    ca = tmp_path / "ca.der"
    ca.write_bytes(b"DER")
    cfg = SigningConfig.from_settings(
        {"scan": {"pkcs11_module": "/x.so", "key_id": "a1", "agency": "UBND", "trust_roots": [str(ca)]}}
    )
    assert cfg == SigningConfig(
        module="/x.so", key_id="a1", agency="UBND", tsa_url=None, trust_roots=(b"DER",)
    )


def test_cameras_do_not_wait_for_the_scanner_listing(app: QApplication, monkeypatch) -> None:
    import threading

    import ui.scan.screen as screen_module
    from kiosk.scan.errors import DriverTimeoutError
    from ui.scan.screen import ScanScreen

    monkeypatch.setattr(screen_module, "camera_names", lambda: ["Document camera"])
    release = threading.Event()

    class StuckDriver:
        name = "sane"

        def list_devices(self):  # type: ignore[no-untyped-def]
            release.wait(30)
            raise DriverTimeoutError(
                "The SANE driver did not respond for 30 seconds and was stopped; check the "
                "scanner's cable and power, then try again."
            )

    screen = ScanScreen(backend=StuckDriver())  # type: ignore[arg-type]
    try:
        # While the scanner driver hangs, the camera is already there to choose.
        assert [screen.device_box.itemData(i) for i in range(screen.device_box.count())] == ["camera:0"]
        assert screen.device_box.itemText(0) == "Camera: Document camera"
        assert screen.view_stack.currentWidget() is screen.camera
        assert not screen.refresh_button.isEnabled()
        screen.add_page(Page(a4_page(200), 200))
        screen.ocr_check.setChecked(False)
        screen.make_pdf()  # page work is not held up by the listing either
        assert screen._task is not None and screen._task.wait(60_000)
        app.processEvents()
        app.processEvents()
        assert screen.result is not None
    finally:
        release.set()
    assert screen.wait()
    assert screen.status_label.text().startswith("The SANE driver did not respond for 30 seconds")
    assert screen.device_box.count() == 1 and screen.device_box.currentData() == "camera:0"
    assert screen.refresh_button.isEnabled()
    screen.deleteLater()


def test_every_qt_test_module_runs_without_a_display() -> None:
    # A module run on its own (no QT_QPA_PLATFORM in the environment, no X server) must not abort
    # when it creates the QApplication.
    needle = 'os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")'
    folder = Path(__file__).parent
    missing = [
        p.name
        for p in sorted(folder.glob("test_*.py"))
        if "QApplication(" in (text := p.read_text(encoding="utf-8"))
        and (needle not in text or text.index(needle) > text.index("from PySide6"))
    ]
    assert missing == []

"""The scan screen in the app is tied to a dossier: the reception's saved one, or one opened from
the dossier detail screen; a kiosk reaches only its current citizen's dossier."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from kiosk.dossier.store import Store
from kiosk.profile import Profile
from kiosk.scan.page import Page
from kiosk.scan.samples import a4_page
from ui.context import AppContext


@pytest.fixture(scope="module")
def app() -> QApplication:
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


@pytest.fixture
def ctx(tmp_path: Path):
    profile = Profile.open(tmp_path / "profile")
    store = Store.open(profile, os.urandom(32))
    store.actor = "canbo1"
    yield AppContext(profile=profile, store=store)
    from ui.dossier.tasks import wait_all

    wait_all()
    store.close()


def _dossier_with_papers(store: Store):  # type: ignore[no-untyped-def]
    d = store.create_dossier("CT01", {}, {})
    # The filled form's PDF is already a file: not a paper to digitise.
    store.add_attachment(
        d.uuid, "Tờ khai (CT01)", io.BytesIO(b"%PDF-1.7 form"), filename="ct01.pdf", mime="application/pdf"
    )
    store.add_component(d.uuid, "Giấy khai sinh")
    store.add_component(d.uuid, "Giấy chứng nhận kết hôn", copy_kind="certified_copy")
    return store.get_dossier(d.uuid)


def _until(cond, ms: int = 10_000) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    end = time.monotonic() + ms / 1000
    while not cond():
        assert time.monotonic() < end, "timed out"
        app.processEvents()  # type: ignore[union-attr]
        time.sleep(0.005)


def _components(screen) -> list[tuple[str, object]]:  # type: ignore[no-untyped-def]
    box = screen.component_box
    return [(box.itemText(i), box.itemData(i)) for i in range(box.count())]


def test_reception_save_ties_the_scan_screen_to_the_dossier(app: QApplication, ctx: AppContext) -> None:
    from ui.pages import scan_page

    store = ctx.store
    screen = scan_page(ctx)
    assert screen.wait()
    assert screen.dossier is None and screen.dossier_label.text().startswith("No dossier")
    d = _dossier_with_papers(store)

    ctx.signals.dossier_saved.emit(d.uuid)
    assert screen.dossier is not None and screen.dossier.uuid == d.uuid
    assert screen.dossier_label.text() == f"Dossier {d.provisional_code}"
    # Only the papers still to digitise, with their item number (position in the dossier).
    assert _components(screen) == [("Giấy khai sinh", 2), ("Giấy chứng nhận kết hôn", 3)]
    assert screen.item_spin.value() == 2

    screen.add_page(Page(a4_page(200), 200))
    screen.ocr_check.setChecked(False)
    assert not screen.attach_button.isEnabled()  # no PDF yet
    screen.make_pdf()
    assert screen.wait()
    assert screen.attach_button.isEnabled()
    screen.attach_button.click()
    assert screen.wait()
    assert screen.status_label.text() == "Attached to the dossier."
    saved = store.get_dossier(d.uuid)
    scanned = [c for c in saved.components if c.name == "Giấy khai sinh" and c.attachment_id]
    assert len(scanned) == 1 and scanned[0].filename == f"{d.provisional_code}_02.pdf"
    # The next paper is offered with its own item number.
    assert screen.component_box.currentText() == "Giấy chứng nhận kết hôn"
    assert screen.item_spin.value() == 3
    screen.deleteLater()


class _Window(QWidget):
    """Stands in for the main window: records which screen it was asked to show."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []
        QVBoxLayout(self)

    def show_page(self, key: str) -> None:
        self.shown.append(key)


def test_detail_screen_opens_the_scan_screen_for_its_dossier(app: QApplication, ctx: AppContext) -> None:
    from ui.pages import dossier_page, scan_page

    store = ctx.store
    d = _dossier_with_papers(store)
    window = _Window()
    dossiers = dossier_page(ctx)
    screen = scan_page(ctx)
    window.layout().addWidget(screen)
    assert screen.wait()

    detail = dossiers.detail
    assert not detail.digitise_button.isEnabled()
    assert detail.digitise_button.accessibleName() == "Digitise papers for this dossier"
    detail.show_dossier(d.uuid)
    _until(lambda: detail.dossier is not None)
    assert detail.digitise_button.isEnabled()
    detail.digitise_button.click()
    assert window.shown == ["scan"]
    assert screen.dossier.uuid == d.uuid
    assert [name for name, _ in _components(screen)] == ["Giấy khai sinh", "Giấy chứng nhận kết hôn"]
    detail.clear()
    assert not detail.digitise_button.isEnabled()
    window.deleteLater()
    dossiers.deleteLater()


def test_pages_of_one_dossier_are_not_filed_under_another(app: QApplication, ctx: AppContext) -> None:
    from ui.pages import scan_page

    store = ctx.store
    first, second = _dossier_with_papers(store), _dossier_with_papers(store)
    screen = scan_page(ctx)
    assert screen.wait()
    ctx.signals.dossier_saved.emit(first.uuid)
    screen.add_page(Page(a4_page(200), 200))
    ctx.signals.dossier_saved.emit(first.uuid)  # saved again: same dossier, pages kept
    assert len(screen.pages) == 1
    ctx.signals.dossier_saved.emit(second.uuid)
    assert screen.dossier.uuid == second.uuid and screen.pages == []
    assert screen.status_label.text() == (
        f"The pages not attached to dossier {first.provisional_code} were discarded."
    )
    screen.deleteLater()


def test_kiosk_reaches_only_the_current_citizens_dossier(app: QApplication, ctx: AppContext) -> None:
    from ui.pages import ScanRequests, scan_page

    store = ctx.store
    someone_else = _dossier_with_papers(store)  # made at the counter, before the kiosk started
    store.restrict_to_kiosk()
    ctx.kiosk_mode = True
    screen = scan_page(ctx)
    assert screen.wait()

    ScanRequests.of(ctx).open_dossier.emit(someone_else.uuid)
    assert screen.dossier is None
    assert screen.status_label.text() == "This kiosk can only open the dossier of the citizen it is serving."

    own = store.create_dossier("CT01", {}, {})
    ctx.signals.dossier_saved.emit(own.uuid)
    assert screen.dossier is not None and screen.dossier.uuid == own.uuid
    screen.add_page(Page(a4_page(200), 200))
    assert len(list(ctx.profile.tmp_dir.glob("scan-*.part"))) == 1

    # The citizen leaves: their dossier and pages go with them.
    store.end_citizen_session()
    ctx.end_citizen_session()
    assert screen.dossier is None and screen.pages == [] and screen.thumbs.count() == 0
    assert list(ctx.profile.tmp_dir.glob("scan-*.part")) == []
    assert not screen.attach_button.isEnabled()
    ctx.signals.dossier_saved.emit(own.uuid)  # no longer in the kiosk's reach
    assert screen.dossier is None
    screen.deleteLater()

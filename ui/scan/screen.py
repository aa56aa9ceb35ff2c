"""The digitisation screen: device picker, camera preview, thumbnails, page tools, PDF + attach."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.scan.capture.base import CancelToken, DeviceInfo, ScanBackend, ScanSettings
from kiosk.scan.cleanup import CleanupOptions
from kiosk.scan.digitise import Digitised, digitise
from kiosk.scan.page import Page, rotate_page
from kiosk.scan.pdfa import PdfMetadata
from kiosk.scan.spool import PageSpool
from ui.errors import error_text
from ui.scan.camera_view import CameraView, camera_names
from ui.scan.tasks import Task

log = logging.getLogger(__name__)

THUMB = 160
TOUCH_HEIGHT = 48
CAMERA_PREFIX = "camera:"


def _thumbnail(page: Page) -> QIcon:
    px = page.pixels
    step = max(1, int(max(px.shape[:2]) / THUMB))
    small = np.ascontiguousarray(px[::step, ::step])
    if small.ndim == 2:
        small = np.ascontiguousarray(np.repeat(small[..., None], 3, axis=2))
    h, w = small.shape[:2]
    image = QImage(small.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    return QIcon(QPixmap.fromImage(image))


class PageList:
    """The pages being assembled, in memory or in the encrypted spool, with their thumbnails."""

    def __init__(self, spool_dir: Path | None = None) -> None:
        self._store: list[Page] | PageSpool = PageSpool(spool_dir) if spool_dir is not None else []
        self.icons: list[QIcon] = []

    def __len__(self) -> int:
        return len(self._store)

    def __getitem__(self, index: int) -> Page:
        return self._store[index]

    def append(self, page: Page) -> None:
        self._store.append(page)
        self.icons.append(_thumbnail(page))

    def set(self, index: int, page: Page) -> None:
        self._store[index] = page
        self.icons[index] = _thumbnail(page)

    def delete(self, index: int) -> None:
        del self._store[index]
        del self.icons[index]

    def reorder(self, order: Sequence[int]) -> None:
        """Keep the pages at ``order``, in that order (others are dropped)."""
        if isinstance(self._store, PageSpool):
            self._store.reorder(order)
        else:
            self._store = [self._store[i] for i in order]
        self.icons = [self.icons[i] for i in order]

    def clear(self) -> None:
        self._store.clear()
        self.icons.clear()

    def snapshot(self) -> Sequence[Page]:
        """What a worker reads; the screen does not edit pages while a worker runs."""
        return self._store if isinstance(self._store, PageSpool) else list(self._store)

    def close(self) -> None:
        self.clear()


@dataclass(frozen=True)
class SigningConfig:
    """The officer's token: the PKCS#11 module, the key id (hex) and the block's agency name."""

    module: str
    key_id: str
    agency: str = ""
    tsa_url: str | None = None
    trust_roots: tuple[bytes, ...] = ()

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> SigningConfig | None:
        """From the profile settings (``Profile.load_settings()``): the "scan" section, e.g.
        ``{"scan": {"pkcs11_module": "...", "key_id": "a1b2", "agency": "...", "tsa_url": null,
        "trust_roots": ["/path/ca.pem"]}}``; None when no token is configured."""
        section = settings.get("scan") or {}
        if not isinstance(section, dict) or not section.get("pkcs11_module") or not section.get("key_id"):
            return None
        roots = []
        for path in section.get("trust_roots") or []:
            try:
                roots.append(Path(path).read_bytes())
            except OSError:
                log.warning("a configured trust root could not be read")
        return cls(
            module=str(section["pkcs11_module"]),
            key_id=str(section["key_id"]),
            agency=str(section.get("agency") or ""),
            tsa_url=section.get("tsa_url") or None,
            trust_roots=tuple(roots),
        )


class ScanScreen(QWidget):
    pdf_ready = Signal(bytes)
    attached = Signal(str)

    def __init__(
        self,
        store: Any = None,
        dossier: Any = None,
        components: Sequence[str] = (),
        *,
        operator: str = "",
        agency: str = "",
        kiosk_mode: bool = False,
        backend: ScanBackend | None = None,
        signing: SigningConfig | None = None,
        spool_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Digitise papers"))
        self.setAcceptDrops(True)  # images and PDFs dropped from the file manager are imported
        self._store = store
        self._dossier = dossier
        self._operator = operator
        self._agency = agency
        self._kiosk = kiosk_mode
        self._backend = backend
        self._signing = signing
        # With spool_dir (the profile's tmp folder) pages wait encrypted on disk, not in memory.
        self._pages = PageList(spool_dir)
        self.destroyed.connect(self._pages.close)
        self._devices: list[DeviceInfo] = []
        self._task: Task | None = None
        self._listing: Task | None = None  # scanner listing, apart from the page work
        self._cancel: CancelToken | None = None
        self._rescan_row: int | None = None
        self._drop_when_idle = False  # the citizen left while a worker was still running
        self.result: Digitised | None = None
        self._build()
        self.set_dossier(dossier, components)
        self.refresh_devices()

    # ------------------------------------------------------------------ layout
    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        b = QPushButton(text, self)
        b.setAccessibleName(name)
        b.clicked.connect(slot)
        if self._kiosk:
            b.setMinimumHeight(TOUCH_HEIGHT)
        return b

    def _sized(self, w: QWidget, name: str) -> QWidget:
        w.setAccessibleName(name)
        if self._kiosk:
            w.setMinimumHeight(TOUCH_HEIGHT)
        return w

    def _build(self) -> None:
        root = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.device_box = QComboBox(self)
        self._sized(self.device_box, self.tr("Scanner or camera"))
        self.source_box = QComboBox(self)
        self._sized(self.source_box, self.tr("Paper source"))
        self.dpi_box = QComboBox(self)
        self._sized(self.dpi_box, self.tr("Resolution"))
        self.dpi_box.addItem(self.tr("200 dpi (papers)"), 200)
        self.dpi_box.addItem(self.tr("300 dpi (maps, drawings)"), 300)
        self.device_box.currentIndexChanged.connect(self._device_changed)
        self.refresh_button = self._button(
            self.tr("Find scanners"), self.tr("Find scanners"), self.refresh_devices
        )
        self.scan_button = self._button(self.tr("Scan"), self.tr("Scan"), self.start_scan)
        self.cancel_button = self._button(self.tr("Cancel"), self.tr("Cancel scan"), self.cancel)
        self.cancel_button.setEnabled(False)
        self.import_button = self._button(
            self.tr("Import files..."), self.tr("Import files"), self._ask_import
        )
        # Device names can be long ("fujitsu:fi-7160:12345 ..."): the box shows the start and the
        # list shows them whole, so one long name does not widen the whole screen.
        self.device_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.device_box.setMinimumContentsLength(18)
        self.device_box.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        bar.addWidget(self.device_box, 1)
        for w in (self.source_box, self.dpi_box):
            bar.addWidget(w)
        buttons = QHBoxLayout()
        for b in (self.refresh_button, self.scan_button, self.cancel_button, self.import_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        root.addLayout(bar)
        root.addLayout(buttons)

        middle = QHBoxLayout()
        self.view_stack = QStackedWidget(self)
        self.view_stack.setAccessibleName(self.tr("Pages and camera"))
        self.thumbs = QListWidget(self)
        self.thumbs.setAccessibleName(self.tr("Scanned pages"))
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbs.setIconSize(QSize(THUMB, THUMB))
        self.thumbs.setMovement(QListWidget.Movement.Snap)
        self.thumbs.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.thumbs.model().rowsMoved.connect(self._rows_moved)
        self.thumbs.setAcceptDrops(True)
        self.camera = CameraView(self)
        self.camera.page_captured.connect(self.add_page)
        self.camera.status.connect(self._set_status)
        self.view_stack.addWidget(self.thumbs)
        self.view_stack.addWidget(self.camera)
        middle.addWidget(self.view_stack, 1)

        tools = QVBoxLayout()
        self.left_button = self._button(
            self.tr("Rotate left"), self.tr("Rotate page left"), lambda: self._rotate(3)
        )
        self.right_button = self._button(
            self.tr("Rotate right"), self.tr("Rotate page right"), lambda: self._rotate(1)
        )
        self.up_button = self._button(
            self.tr("Move earlier"), self.tr("Move page earlier"), lambda: self._move(-1)
        )
        self.down_button = self._button(
            self.tr("Move later"), self.tr("Move page later"), lambda: self._move(1)
        )
        self.delete_button = self._button(
            self.tr("Delete page"), self.tr("Delete page"), self.delete_selected
        )
        self.rescan_button = self._button(self.tr("Re-scan page"), self.tr("Re-scan page"), self._rescan)
        for b in (
            self.left_button,
            self.right_button,
            self.up_button,
            self.down_button,
            self.delete_button,
            self.rescan_button,
        ):
            tools.addWidget(b)
        tools.addStretch(1)
        middle.addLayout(tools)
        root.addLayout(middle, 1)

        out = QGridLayout()
        self.dossier_label = QLabel(self)
        self.dossier_label.setWordWrap(True)
        self.dossier_label.setAccessibleName(self.tr("Dossier the PDF is attached to"))
        self.component_box = QComboBox(self)
        self.component_box.setEditable(True)
        self._sized(self.component_box, self.tr("Dossier component"))
        self.component_box.activated.connect(self._component_chosen)
        self.item_spin = QSpinBox(self)
        self.item_spin.setRange(1, 99)
        self._sized(self.item_spin, self.tr("Component item number"))
        self.ocr_check = QCheckBox(self.tr("Text layer (OCR)"), self)
        self._sized(self.ocr_check, self.tr("Text layer (OCR)"))
        self.ocr_check.setChecked(True)
        self.colour_box = QComboBox(self)
        self._sized(self.colour_box, self.tr("Colour mode"))
        self.colour_box.addItem(self.tr("Colour (keeps red seals)"), "colour")
        self.colour_box.addItem(self.tr("Grey (text only)"), "grey")
        self.colour_box.addItem(self.tr("Black and white (text only)"), "bilevel")
        self.make_button = self._button(self.tr("Make PDF"), self.tr("Make PDF"), self.make_pdf)
        self.attach_button = self._button(
            self.tr("Attach to dossier"), self.tr("Attach to dossier"), self.attach
        )
        self.attach_button.setEnabled(False)
        self.sign_button = self._button(self.tr("Sign..."), self.tr("Sign with the token"), self._ask_pin)
        self.verify_button = self._button(
            self.tr("Check a signed PDF..."), self.tr("Check a signed PDF"), self._ask_verify
        )
        # Settings in two rows, then the actions in the order they are used, so the screen fits a
        # 1366x768 laptop and a portrait kiosk without scrolling sideways.
        self.component_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.component_box.setMinimumContentsLength(18)
        out.addWidget(self.dossier_label, 0, 0, 1, 4)
        out.addWidget(QLabel(self.tr("Component:"), self), 1, 0)
        out.addWidget(self.component_box, 1, 1)
        out.addWidget(QLabel(self.tr("Item:"), self), 1, 2)
        out.addWidget(self.item_spin, 1, 3)
        out.addWidget(self.colour_box, 2, 1)
        out.addWidget(self.ocr_check, 2, 2, 1, 2)
        out.setColumnStretch(1, 1)
        actions = QHBoxLayout()
        for b in (self.make_button, self.sign_button, self.attach_button, self.verify_button):
            actions.addWidget(b)
        actions.addStretch(1)
        root.addLayout(out)
        root.addLayout(actions)

        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Progress"))
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Status"))
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Resulting file and legal-format check"))
        root.addWidget(self.progress)
        root.addWidget(self.status_label)
        root.addWidget(self.result_label)
        QShortcut(QKeySequence.StandardKey.Delete, self.thumbs, self.delete_selected)
        self._update_buttons()

    # ------------------------------------------------------------------ state
    @property
    def pages(self) -> list[Page]:
        return [self._pages[i] for i in range(len(self._pages))]

    @property
    def dossier(self) -> Any:
        return self._dossier

    def set_dossier(self, dossier: Any, components: Sequence[str | tuple[str, int]] = ()) -> None:
        """Attach to ``dossier``; ``components`` are paper names, or (name, item number) pairs."""
        self._dossier = dossier
        self.component_box.clear()
        for entry in components:
            name, item = (entry, None) if isinstance(entry, str) else entry
            self.component_box.addItem(name, item)
        self.item_spin.setValue(1)
        if self.component_box.count():
            self._component_chosen(0)
        if dossier is None:
            self.dossier_label.setText(
                self.tr("No dossier: save the reception, or open a dossier and digitise its papers.")
            )
        else:
            self.dossier_label.setText(self.tr("Dossier %1").replace("%1", self._dossier_code()))
        self._update_buttons()

    def open_dossier(self, uuid: str) -> bool:
        """Load the dossier from the store (a kiosk may open only its current citizen's)."""
        from kiosk.scan.attach import paper_components

        if self._store is None:
            return False
        try:
            dossier = self._store.get_dossier(uuid)
        except KioskError as err:
            self._set_status(error_text(err))
            return False
        discarded = ""
        if self._dossier is not None and self._dossier.uuid != uuid and len(self._pages):
            # Pages scanned for another dossier must not be filed under this one by mistake.
            discarded = self._dossier_code()
            self._discard_pages()
        self.set_dossier(dossier, paper_components(dossier))
        if discarded:
            self._set_status(
                self.tr("The pages not attached to dossier %1 were discarded.").replace("%1", discarded)
            )
        return True

    def clear(self) -> None:
        """The citizen's session ended: forget their dossier and every page scanned for it."""
        self.set_dossier(None)
        if self._busy():
            self._drop_when_idle = True
            self.cancel()
        self._discard_pages()
        self._set_status("")

    def _discard_pages(self) -> None:
        self._pages.clear()
        self.result = None
        self._rescan_row = None
        self.result_label.clear()
        self._refresh_thumbs()

    def _dossier_code(self) -> str:
        d = self._dossier
        return str(getattr(d, "official_code", None) or getattr(d, "provisional_code", None) or "HS")

    def _component_chosen(self, index: int) -> None:
        item = self.component_box.itemData(index)
        if isinstance(item, int):
            self.item_spin.setValue(item)

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)

    def _busy(self) -> bool:
        return self._task is not None and self._task.isRunning()

    def _update_buttons(self) -> None:
        busy = self._busy()
        has_pages = len(self._pages) > 0
        selected = self.thumbs.currentRow() >= 0
        self.scan_button.setEnabled(not busy and self.device_box.count() > 0)
        self.refresh_button.setEnabled(not self._listing_running())
        self.cancel_button.setEnabled(busy and self._cancel is not None)
        self.make_button.setEnabled(not busy and has_pages)
        self.attach_button.setEnabled(
            not busy and self.result is not None and self._store is not None and self._dossier is not None
        )
        self.sign_button.setEnabled(
            not busy
            and self.result is not None
            and self._signing is not None
            and not self.result.report.signed
        )
        self.verify_button.setEnabled(not busy)
        for b in (
            self.left_button,
            self.right_button,
            self.up_button,
            self.down_button,
            self.delete_button,
            self.rescan_button,
        ):
            b.setEnabled(not busy and selected)

    def _run(self, fn: Any, on_ok: Any, *, items: Any = None) -> Task:
        task = Task(fn, self)
        task.progress.connect(self._on_progress)
        task.failed.connect(self._on_failed)
        task.succeeded.connect(on_ok)
        if items is not None:
            task.item.connect(items)
        task.finished.connect(self._task_finished)
        self._task = task
        task.start()
        self._update_buttons()
        return task

    def _task_finished(self) -> None:
        self._cancel = None
        if self._drop_when_idle:
            self._drop_when_idle = False
            self._discard_pages()
        self._update_buttons()

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        names = {
            "scan": self.tr("Scanning page %1"),
            "page": self.tr("Cleaning and recognising page %1 of %2"),
        }
        self._set_status(names.get(stage, "%1").replace("%1", str(done)).replace("%2", str(total)))

    def _on_failed(self, message: str) -> None:
        self._set_status(message)

    def wait(self, timeout_ms: int = 120_000) -> bool:
        """Block until the running task ends (tests and shutdown)."""
        from PySide6.QtCore import QCoreApplication

        ok = True
        for task in (self._listing, self._task):
            if task is not None:
                ok = task.wait(timeout_ms) and ok
        QCoreApplication.processEvents()
        QCoreApplication.processEvents()
        return ok

    # ------------------------------------------------------------------ devices
    def _listing_running(self) -> bool:
        return self._listing is not None and self._listing.isRunning()

    def refresh_devices(self) -> None:
        if self._listing_running():
            return
        # Cameras come from Qt Multimedia at once; a scanner driver that fails or hangs while
        # listing must not keep the document camera out of reach.
        self._fill_devices()

        def work(task: Task) -> list[DeviceInfo]:
            from kiosk.scan.capture.base import default_backend

            backend = self._backend or default_backend()
            return backend.list_devices()

        task = Task(work, self)
        task.succeeded.connect(self._devices_found)
        task.failed.connect(self._listing_failed)
        task.finished.connect(self._update_buttons)
        self._listing = task
        self._set_status(self.tr("Looking for scanners..."))
        task.start()
        self._update_buttons()

    def _fill_devices(self) -> None:
        """Scanners first, then cameras; the chosen device stays chosen if it is still there."""
        before = self.device_box.currentData()
        self.device_box.blockSignals(True)
        self.device_box.clear()
        for d in self._devices:
            self.device_box.addItem(f"{d.label} ({d.id})", d.id)
        for i, name in enumerate(camera_names()):
            self.device_box.addItem(self.tr("Camera: %1").replace("%1", name), f"{CAMERA_PREFIX}{i}")
        kept = self.device_box.findData(before) if before is not None else -1
        self.device_box.setCurrentIndex(kept if kept >= 0 else 0 if self.device_box.count() else -1)
        self.device_box.blockSignals(False)
        now = self.device_box.currentData()
        camera_kept = now == before and str(now).startswith(CAMERA_PREFIX)
        if not camera_kept:  # a running preview is not restarted
            self._device_changed()
        self._update_buttons()

    def _devices_found(self, devices: list[DeviceInfo]) -> None:
        self._devices = devices
        self._fill_devices()
        if self.device_box.count() == 0:
            self._set_status(self.tr("No scanner or camera found; import files instead."))
        else:
            self._set_status(self.tr("%1 device(s) found.").replace("%1", str(self.device_box.count())))

    def _listing_failed(self, message: str) -> None:
        self._devices = []
        self._fill_devices()
        self._set_status(message)

    def _device_changed(self) -> None:
        dev_id = self.device_box.currentData()
        self.source_box.clear()
        is_camera = isinstance(dev_id, str) and dev_id.startswith(CAMERA_PREFIX)
        if is_camera:
            self.camera.start(int(dev_id.removeprefix(CAMERA_PREFIX)))
            self.view_stack.setCurrentWidget(self.camera)
            return
        self.camera.stop()
        self.view_stack.setCurrentWidget(self.thumbs)
        info = next((d for d in self._devices if d.id == dev_id), None)
        labels = {
            "flatbed": self.tr("Flatbed"),
            "adf": self.tr("Document feeder"),
            "duplex": self.tr("Feeder, both sides"),
        }
        for src in info.sources if info else ("flatbed",):
            self.source_box.addItem(labels[src], src)

    # ------------------------------------------------------------------ capture
    def start_scan(self) -> None:
        dev_id = self.device_box.currentData()
        if not dev_id or self._busy():
            return
        if str(dev_id).startswith(CAMERA_PREFIX):
            self.view_stack.setCurrentWidget(self.camera)
            return
        settings = ScanSettings(
            source=self.source_box.currentData() or "flatbed",
            dpi=int(self.dpi_box.currentData()),
            max_pages=1 if self._rescan_row is not None else None,
        )
        self._cancel = CancelToken()
        cancel = self._cancel

        def work(task: Task) -> int:
            from kiosk.scan.capture.base import default_backend

            backend = self._backend or default_backend()
            result = backend.scan(
                str(dev_id),
                settings,
                on_page=task.emit_item,
                progress=lambda p: task.report("scan", p.page, 0),
                cancel=cancel,
            )
            return result.page_count

        self._set_status(self.tr("Scanning..."))
        self._run(work, self._scan_done, items=self._page_arrived)

    def _page_arrived(self, page: Page) -> None:
        if self._drop_when_idle:
            return
        if self._rescan_row is not None and 0 <= self._rescan_row < len(self._pages):
            self._pages.set(self._rescan_row, page)
            self._refresh_thumbs(select=self._rescan_row)
            self._rescan_row = None
        else:
            self.add_page(page)

    def _scan_done(self, count: int) -> None:
        self._set_status(self.tr("%1 page(s) scanned.").replace("%1", str(count)))

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()
            self._set_status(self.tr("Cancelling..."))

    def _ask_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import files"),
            str(Path.home()),
            self.tr("Images and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)"),
        )
        if files:
            self.import_files(files)

    def import_files(self, files: Sequence[str]) -> None:
        from kiosk.scan.capture.importer import import_files

        def work(task: Task) -> int:
            pages = import_files(files)
            for p in pages:
                task.emit_item(p)
            return len(pages)

        self._run(
            work,
            lambda n: self._set_status(self.tr("%1 page(s) imported.").replace("%1", str(n))),
            items=self.add_page,
        )

    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            self.import_files(files)

    # ------------------------------------------------------------------ pages
    def add_page(self, page: Page) -> None:
        self._pages.append(page)
        self.result = None
        self._refresh_thumbs(select=len(self._pages) - 1)

    def _refresh_thumbs(self, select: int | None = None) -> None:
        self.thumbs.clear()
        for i, icon in enumerate(self._pages.icons, start=1):
            item = QListWidgetItem(icon, self.tr("Page %1").replace("%1", str(i)))
            item.setData(Qt.ItemDataRole.UserRole, i - 1)
            self.thumbs.addItem(item)
        if select is not None and len(self._pages):
            self.thumbs.setCurrentRow(min(select, len(self._pages) - 1))
        self._update_buttons()

    def _rows_moved(self, *_: Any) -> None:
        order = [self.thumbs.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.thumbs.count())]
        self._pages.reorder(order)
        self.result = None
        self._refresh_thumbs(select=self.thumbs.currentRow())

    def _rotate(self, quarter_turns_cw: int) -> None:
        row = self.thumbs.currentRow()
        if row < 0 or self._busy():
            return
        self._pages.set(row, rotate_page(self._pages[row], quarter_turns_cw))
        self.result = None
        self._refresh_thumbs(select=row)

    def _move(self, delta: int) -> None:
        row = self.thumbs.currentRow()
        new = row + delta
        if row < 0 or not 0 <= new < len(self._pages) or self._busy():
            return
        order = list(range(len(self._pages)))
        order[row], order[new] = order[new], order[row]
        self._pages.reorder(order)
        self.result = None
        self._refresh_thumbs(select=new)

    def delete_selected(self) -> None:
        row = self.thumbs.currentRow()
        if row < 0 or self._busy():
            return
        self._pages.delete(row)
        self.result = None
        self._refresh_thumbs(select=max(0, row - 1) if len(self._pages) else None)

    def _rescan(self) -> None:
        row = self.thumbs.currentRow()
        if row < 0:
            return
        self._rescan_row = row
        self.start_scan()

    # ------------------------------------------------------------------ output
    def _meta(self) -> PdfMetadata:
        return PdfMetadata(
            dossier_code=self._dossier_code(),
            component=self.component_box.currentText().strip() or self.tr("Dossier component"),
            item_number=self.item_spin.value(),
            operator=self._operator,
            agency=self._agency,
        )

    def make_pdf(self, *, drop_blank: bool = False) -> None:
        if not len(self._pages) or self._busy():
            return
        pages, meta = self._pages.snapshot(), self._meta()
        cleanup = CleanupOptions(colour=self.colour_box.currentData())
        ocr = self.ocr_check.isChecked()

        def work(task: Task) -> Digitised:
            return digitise(
                pages, meta, cleanup=cleanup, ocr=ocr, drop_blank=drop_blank, progress=task.report
            )

        self._set_status(self.tr("Making the PDF..."))
        self._run(work, self._pdf_done)

    def _pdf_done(self, result: Digitised) -> None:
        self.result = result
        rep = result.report
        size_kb = max(1, rep.size_bytes // 1024)
        if rep.ok:
            legal = self.tr("Legal format OK: PDF/A-%1, %2 dpi, colour: %3, text layer: %4.")
            legal = (
                legal.replace("%1", rep.pdfa)
                .replace("%2", f"{rep.min_dpi:.0f}")
                .replace("%3", self.tr("yes") if rep.colour else self.tr("no"))
                .replace("%4", self.tr("yes") if rep.text_layer else self.tr("no"))
            )
        else:
            legal = self.tr("Legal format NOT met: %1").replace(
                "%1", " ".join(error_text(p) for p in rep.problems)
            )
        text = self.tr("%1 pages, %2 KB. ").replace("%1", str(rep.pages)).replace("%2", str(size_kb)) + legal
        if not result.ocr.available and self.ocr_check.isChecked():
            text += " " + self.tr("No text layer: OCR is not available on this computer.")
        self.result_label.setText(text)
        self._set_status(self.tr("PDF ready."))
        self.pdf_ready.emit(result.pdf)
        if result.blank_pages and not result.dropped_pages:
            self._offer_blank_removal(result.blank_pages)
        self._update_buttons()

    def _offer_blank_removal(self, blank: list[int]) -> None:
        pages = ", ".join(str(n) for n in blank)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Blank pages"),
            self.tr("Pages %1 look blank. Remove them?").replace("%1", pages),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setAccessibleName(self.tr("Blank pages"))
        box.finished.connect(lambda code: self._blank_answer(code, blank))
        box.open()  # non-blocking: the officer decides

    def _blank_answer(self, code: int, blank: list[int]) -> None:
        if code == QMessageBox.StandardButton.Yes:
            self.remove_pages([n - 1 for n in blank])
            self.make_pdf()

    def remove_pages(self, rows: Sequence[int]) -> None:
        drop = set(rows)
        self._pages.reorder([i for i in range(len(self._pages)) if i not in drop])
        self.result = None
        self._refresh_thumbs(select=0)

    # ------------------------------------------------------------------ signing
    def _ask_pin(self) -> None:
        if self._signing is None or self.result is None:
            return
        pin, ok = QInputDialog.getText(
            self, self.tr("Token PIN"), self.tr("PIN of your signing token:"), QLineEdit.EchoMode.Password
        )
        if ok and pin:
            self.sign_with_pin(pin)

    def sign_with_pin(self, pin: str) -> None:
        """Sign the assembled PDF last (nothing may change it afterwards), then verify it."""
        if self._signing is None or self.result is None or self._busy():
            return
        from kiosk.scan.pdfa import check_legal
        from kiosk.scan.sign import SignOptions, TokenSpec, parse_key_id, sign_pdf
        from kiosk.scan.verify import verify_pdf

        cfg, result = self._signing, self.result

        def work(task: Task) -> tuple[Digitised, Any]:
            spec = TokenSpec(cfg.module, parse_key_id(cfg.key_id), pin)
            signed = sign_pdf(result.pdf, spec, SignOptions(agency=cfg.agency, tsa_url=cfg.tsa_url))
            checked = replace(result, pdf=signed, report=check_legal(signed))
            return checked, verify_pdf(signed, trust_roots=list(cfg.trust_roots))

        self._set_status(self.tr("Signing..."))
        self._run(work, self._signed)

    def _signed(self, outcome: tuple[Digitised, Any]) -> None:
        result, report = outcome
        self.result = result
        self._show_verification(report)
        self.pdf_ready.emit(result.pdf)
        self._update_buttons()

    def _ask_verify(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Check a signed PDF"), str(Path.home()), "PDF (*.pdf)"
        )
        if path:
            self.verify_file(path)

    def verify_file(self, path: str) -> None:
        from kiosk.scan.verify import verify_pdf

        roots = list(self._signing.trust_roots) if self._signing else []

        def work(task: Task) -> Any:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                raise KioskError(self.tr("The file cannot be read; check that it still exists.")) from exc
            return verify_pdf(data, trust_roots=roots)

        self._run(work, self._show_verification)

    def _show_verification(self, report: Any) -> None:
        if not report.signatures:
            self._set_status(self.tr("The PDF has no signature."))
            return
        lines = []
        for sig in report.signatures:
            state = self.tr("Valid signature") if sig.ok else self.tr("INVALID signature")
            trust = self.tr("trusted") if sig.trusted else self.tr("signer not in the trusted list")
            lines.append(
                self.tr("%1 by %2; covers %3; %4.")
                .replace("%1", state)
                .replace("%2", sig.signer)
                .replace("%3", sig.coverage)
                .replace("%4", trust)
            )
            lines.extend(error_text(problem) for problem in sig.problems)
        self._set_status(" ".join(lines))

    def attach(self) -> None:
        if self.result is None or self._store is None or self._dossier is None or self._busy():
            return
        from kiosk.scan.attach import attach_pdf

        pdf, meta = self.result.pdf, self._meta()
        store, uuid = self._store, self._dossier.uuid

        def work(task: Task) -> str:
            done = attach_pdf(
                store,
                uuid,
                meta.component,
                pdf,
                dossier_code=meta.dossier_code,
                item_number=meta.item_number,
                operator=self._operator or None,
            )
            return done.attachment_id

        self._run(work, self._attached)

    def _attached(self, attachment_id: str) -> None:
        self._set_status(self.tr("Attached to the dossier."))
        self._pages.clear()
        self.result = None
        self._refresh_thumbs()
        following = self.component_box.currentIndex() + 1
        if 0 < following < self.component_box.count():
            self.component_box.setCurrentIndex(following)  # the next paper of the dossier
        if 0 < following < self.component_box.count() and isinstance(
            self.component_box.itemData(following), int
        ):
            self._component_chosen(following)
        else:
            self.item_spin.setValue(self.item_spin.value() + 1)
        self.attached.emit(attachment_id)

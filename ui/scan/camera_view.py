"""Live document-camera preview (Qt Multimedia) feeding the steady-capture logic.

Frames are sampled a few times a second, shrunk, and analysed in a worker thread; the
flattened page is taken from the full-resolution frame once the sheet is still.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import numpy as np
from PySide6.QtCore import QThread, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.scan.capture.camera import CaptureState, SteadyCapture, resolution_warning
from ui.errors import error_text

log = logging.getLogger(__name__)

try:  # Qt Multimedia is optional (missing codecs or no camera stack on some kiosks)
    from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices, QVideoFrame
    from PySide6.QtMultimediaWidgets import QVideoWidget

    HAVE_MULTIMEDIA = True
except ImportError:  # pragma: no cover - depends on the platform build
    HAVE_MULTIMEDIA = False

ANALYSE_EVERY_S = 0.25


def qimage_to_rgb(image: QImage) -> np.ndarray:
    img = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = img.width(), img.height(), img.bytesPerLine()
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=stride * h).reshape(h, stride)
    return buf[:, : w * 3].reshape(h, w, 3).copy()


class _Analyser(QThread):
    analysed = Signal(object)

    def __init__(self, capture: SteadyCapture, frame: np.ndarray, parent: Any = None) -> None:
        super().__init__(parent)
        self._capture, self._frame = capture, frame

    def run(self) -> None:
        self.analysed.emit(self._capture.feed(self._frame))


def camera_names() -> list[str]:
    if not HAVE_MULTIMEDIA:
        return []
    return [d.description() for d in QMediaDevices.videoInputs()]


class CameraView(QWidget):
    """Preview + automatic capture. ``page_captured(Page)`` when a steady sheet was taken."""

    page_captured = Signal(object)
    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Camera preview"))
        layout = QVBoxLayout(self)
        self._info = QLabel(self)
        self._info.setWordWrap(True)
        self._info.setAccessibleName(self.tr("Camera status"))
        self._capture = SteadyCapture()
        self._busy: _Analyser | None = None
        self._last = 0.0
        self._camera: Any = None
        self._session: Any = None
        if HAVE_MULTIMEDIA:
            self._video = QVideoWidget(self)
            self._video.setAccessibleName(self.tr("Live camera picture"))
            self._video.setMinimumHeight(240)
            layout.addWidget(self._video, 1)
        layout.addWidget(self._info)
        if not HAVE_MULTIMEDIA:
            self._info.setText(self.tr("The camera cannot be used: Qt Multimedia is not available."))

    def start(self, index: int = 0) -> bool:
        if not HAVE_MULTIMEDIA:
            return False
        inputs = QMediaDevices.videoInputs()
        if not inputs:
            self._info.setText(self.tr("No camera found; connect a document camera or use the scanner."))
            return False
        device = inputs[min(index, len(inputs) - 1)]
        formats = sorted(
            device.videoFormats(), key=lambda f: f.resolution().width() * f.resolution().height()
        )
        self._camera = QCamera(device, self)
        if formats:
            best = formats[-1]
            self._camera.setCameraFormat(best)
            warning = resolution_warning((best.resolution().width(), best.resolution().height()))
            if warning:
                self._info.setText(self.tr("Warning: the camera resolution is too low for 200 dpi on A4."))
                self.status.emit(error_text(warning))
        self._session = QMediaCaptureSession(self)
        self._session.setCamera(self._camera)
        self._session.setVideoOutput(self._video)
        self._video.videoSink().videoFrameChanged.connect(self._on_frame)
        self._capture.reset()
        self._camera.start()
        return True

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
            self._camera = None

    def _on_frame(self, frame: QVideoFrame) -> None:
        now = time.monotonic()
        if self._busy is not None or now - self._last < ANALYSE_EVERY_S:
            return
        self._last = now
        image = frame.toImage()
        if image.isNull():
            return
        self.feed(qimage_to_rgb(image))

    def feed(self, rgb: np.ndarray) -> None:
        """Analyse one frame in a worker thread (also used by tests with synthetic frames)."""
        if self._busy is not None:
            return
        self._busy = _Analyser(self._capture, rgb, self)
        self._busy.analysed.connect(self._on_event)
        self._busy.finished.connect(self._done)
        self._busy.start()

    def _done(self) -> None:
        if self._busy is not None:
            self._busy.deleteLater()
        self._busy = None

    def _on_event(self, event: Any) -> None:
        texts = {
            CaptureState.no_page: self.tr("Place a page under the camera."),
            CaptureState.moving: self.tr("Hold the page still..."),
            CaptureState.steady: self.tr("Hold the page still..."),
            CaptureState.captured: self.tr("Page captured. Place the next page."),
            CaptureState.waiting_removal: self.tr("Page captured. Place the next page."),
        }
        self._info.setText(texts[event.state])
        if event.page is not None:
            self.page_captured.emit(event.page)

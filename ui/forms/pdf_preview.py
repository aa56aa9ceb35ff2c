"""PDF preview (QtPdf) and printing (print dialog, or silently to the default printer in kiosk mode).

The PDF stays in memory (a QBuffer), never in a temporary file: it holds personal data.
"""

from __future__ import annotations

import io

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QVBoxLayout, QWidget
from reportlab.graphics.barcode import qrencoder

from kiosk.forms.receipt import ReceiptData, render_receipt


def load_document(pdf: bytes, parent: QWidget | None = None) -> tuple[QPdfDocument, QBuffer]:
    """The PDF as a document reading from an in-memory buffer.

    The buffer is the document's child: they go together. Separately owned, the buffer could
    be deleted first (Python frees the two in any order) while the document still used it,
    which crashed the next window shown.
    """
    doc = QPdfDocument() if parent is None else QPdfDocument(parent)
    buf = QBuffer(doc)
    buf.setData(QByteArray(pdf))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    return doc, buf


class PdfPreview(QWidget):
    """Shows a PDF given as bytes; ``page_count()`` tells what was loaded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QPdfView(self)
        self.view.setAccessibleName(self.tr("Form preview"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)
        self._doc: QPdfDocument | None = None
        self._buf: QBuffer | None = None
        self.pdf: bytes = b""

    def set_pdf(self, pdf: bytes) -> None:
        self.clear()
        self.pdf = pdf
        self._doc, self._buf = load_document(pdf, self)
        self.view.setDocument(self._doc)

    def page_count(self) -> int:
        return self._doc.pageCount() if self._doc else 0

    def clear(self) -> None:
        """Drop the document (end of the citizen's session)."""
        self.view.setDocument(None)  # type: ignore[arg-type]
        if self._doc is not None:
            self._doc.close()
            if self._buf is not None:
                self._buf.close()
                self._buf.setData(QByteArray())  # the personal data leaves memory now
            self._doc.deleteLater()  # and its buffer with it
        self._doc = self._buf = None
        self.pdf = b""


def print_pdf(
    pdf: bytes,
    parent: QWidget | None = None,
    *,
    silent: bool = False,
    printer: QPrinter | None = None,
    paper_from_pdf: bool = False,
) -> bool:
    """Print every page; ``silent`` skips the dialog (kiosk mode: the default printer).

    ``paper_from_pdf`` sets the paper to the PDF's own page size with no margins: the 80 mm
    thermal receipt is one long page. Returns False when cancelled or no printer is available.
    """
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    if paper_from_pdf:
        doc0, buf0 = load_document(pdf)
        first = doc0.pagePointSize(0)
        doc0.close()
        buf0.close()
        del buf0, doc0  # the document (owned here) takes its buffer with it
        printer.setPageSize(QPageSize(QSizeF(first.width(), first.height()), QPageSize.Unit.Point, "receipt"))
        printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    if silent:
        if (
            printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
            and not QPrinterInfo.defaultPrinterName()
        ):
            return False
    else:
        dialog = QPrintDialog(printer, parent)
        accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
        if parent is not None:
            dialog.deleteLater()  # a child of the screen otherwise, one more per print
        if not accepted:
            return False
    # Owned here, not by ``parent``: the document and the PDF in its buffer are freed on return
    # instead of staying in memory as long as the screen.
    doc, buf = load_document(pdf)
    try:
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            dpi = printer.resolution()
            for i in range(doc.pageCount()):
                if i:
                    printer.newPage()
                pts = doc.pagePointSize(i)
                size = QSize(int(pts.width() / 72 * dpi), int(pts.height() / 72 * dpi))
                image = doc.render(i, size)
                target = painter.viewport()
                scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), scaled), image)
        finally:
            painter.end()
    finally:
        doc.close()
        buf.close()
        buf.setData(QByteArray())
    return True


def print_receipt(
    data: ReceiptData,
    parent: QWidget | None = None,
    *,
    thermal: bool = False,
    silent: bool = False,
    printer: QPrinter | None = None,
) -> bool:
    """Render the receipt in memory and print it (thermal: on 80 mm paper of the receipt's length)."""
    buf = io.BytesIO()
    render_receipt(data, buf, thermal=thermal)
    return print_pdf(buf.getvalue(), parent, silent=silent, printer=printer, paper_from_pdf=thermal)


def qr_image(value: str, module_px: int = 8, border: int = 4) -> QImage:
    """The QR code of ``value`` as an image (black on white, a quiet zone of ``border`` modules).

    Same encoder and error correction as the printed receipt, so a photo of the screen scans
    to the same dossier code.
    """
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.make()
    modules = qr.modules
    side = (len(modules) + 2 * border) * module_px
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        for r, row in enumerate(modules):
            for c, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        (c + border) * module_px,
                        (r + border) * module_px,
                        module_px,
                        module_px,
                        QColor("black"),
                    )
    finally:
        painter.end()
    return image

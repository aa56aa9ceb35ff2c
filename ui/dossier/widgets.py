"""Small helpers: touch-sized, accessible controls."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QTableView, QWidget

TOUCH_MIN_HEIGHT = 48


def accessible(widget: QWidget, name: str, *, kiosk_mode: bool = False) -> QWidget:
    widget.setAccessibleName(name)
    if kiosk_mode:
        widget.setMinimumHeight(TOUCH_MIN_HEIGHT)
    return widget


def name_corner(table: QTableView) -> None:
    """Qt's hidden 'select all' corner button is a control too: give it a name."""
    for b in table.findChildren(QAbstractButton):
        if not b.accessibleName():
            b.setAccessibleName(QCoreApplication.translate("DossierWidgets", "Select all rows"))

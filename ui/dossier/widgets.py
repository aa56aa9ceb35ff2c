"""Small helpers: touch-sized, accessible controls."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QTableView, QWidget

from kiosk.dossier.model import DossierState

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


def state_label(state: DossierState | str | None) -> str:
    """The lifecycle state as the officer reads it (lists, filters, history, sync queue)."""
    if not state:
        return ""
    # Spelled out in full each time: lupdate only recognises the literal call.
    labels = {
        DossierState.draft: QCoreApplication.translate("DossierState", "Draft"),
        DossierState.received: QCoreApplication.translate("DossierState", "Received"),
        DossierState.queued: QCoreApplication.translate("DossierState", "Queued"),
        DossierState.uploading: QCoreApplication.translate("DossierState", "Uploading"),
        DossierState.synced: QCoreApplication.translate("DossierState", "Synced"),
        DossierState.quarantined: QCoreApplication.translate("DossierState", "Quarantined"),
        DossierState.withdrawn: QCoreApplication.translate("DossierState", "Withdrawn"),
        DossierState.archived: QCoreApplication.translate("DossierState", "Archived"),
        DossierState.purged: QCoreApplication.translate("DossierState", "Purged"),
    }
    try:
        return labels[DossierState(state)]
    except ValueError:
        return str(state)

"""Factories for the screens each area provides, adapted to the shared AppContext."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from ui.context import AppContext


def _placeholder(text: str) -> QWidget:
    label = QLabel(text)
    label.setAccessibleName(text)
    label.setWordWrap(True)
    return label


def dossier_page(ctx: AppContext) -> QWidget:
    return _placeholder(QCoreApplication.translate("Pages", "Dossier list: not available in this build."))


def scan_page(ctx: AppContext) -> QWidget:
    return _placeholder(QCoreApplication.translate("Pages", "Digitisation: not available in this build."))


def sync_page(ctx: AppContext) -> QWidget:
    return _placeholder(QCoreApplication.translate("Pages", "Sync queue: not available in this build."))

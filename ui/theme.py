"""Semantic colours for text the code colours itself (status badges, provenance, errors).

The officer style is dark text on light grey; the kiosk style is white on black for high
contrast. A colour picked for one is unreadable on the other (dark green on black), so the
widgets ask for a meaning and get the variant of the active style. Every kiosk colour has at
least 7:1 contrast on black (WCAG AAA), every officer colour at least 4.5:1 on #EFEFEF.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import QApplication

Meaning = Literal["ok", "ok_weak", "error", "warning", "info", "muted", "derived"]

_OFFICER: dict[str, str] = {
    "ok": "#1b5e20",
    "ok_weak": "#2e7d32",
    "error": "#b00020",
    "warning": "#8a5a00",
    "info": "#0d47a1",
    "muted": "#555555",
    "derived": "#6a1b9a",
}
_KIOSK: dict[str, str] = {
    "ok": "#7CFF7C",
    "ok_weak": "#B9F6CA",
    "error": "#FF8A80",
    "warning": "#FFD400",
    "info": "#82B1FF",
    "muted": "#D0D0D0",
    "derived": "#EA80FC",
}
_FIELD_ERROR = {
    False: "border: 2px solid #c62828; background: #fff3f3;",
    True: "border: 4px solid #FF8A80; background: #000000;",
}
_FIELD_WARNING = {
    False: "border: 2px solid #ef8f00; background: #fff8e6;",
    True: "border: 4px solid #FFD400; background: #000000;",
}

KIOSK_PROPERTY = "kiosk_high_contrast"


def high_contrast() -> bool:
    app = QApplication.instance()
    return bool(app is not None and app.property(KIOSK_PROPERTY))


def set_high_contrast(app: QApplication, on: bool) -> None:
    app.setProperty(KIOSK_PROPERTY, on)


def colour(meaning: Meaning) -> str:
    return (_KIOSK if high_contrast() else _OFFICER)[meaning]


def field_error_style() -> str:
    return _FIELD_ERROR[high_contrast()]


def field_warning_style() -> str:
    return _FIELD_WARNING[high_contrast()]

"""The bundled serif (Liberation Serif: Times New Roman metrics, full Vietnamese glyphs)."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.errors import KioskError
from kiosk.forms.schema import ASSETS_DIR

FONT_DIR = ASSETS_DIR / "fonts"
SERIF = "LiberationSerif"
SERIF_BOLD = "LiberationSerif-Bold"
SERIF_ITALIC = "LiberationSerif-Italic"
SERIF_BOLD_ITALIC = "LiberationSerif-BoldItalic"

_lock = threading.Lock()
_done = False


def register_fonts() -> None:
    """Register the four faces once per process (reportlab's registry is global)."""
    global _done
    with _lock:
        if _done:
            return
        for name in (SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC):
            path = (
                FONT_DIR / f"{name.replace(SERIF, 'LiberationSerif-Regular') if name == SERIF else name}.ttf"
            )
            if not path.is_file():
                raise KioskError(f"The font file {path} is missing; reinstall the application assets.")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        addMapping(SERIF, 0, 0, SERIF)
        addMapping(SERIF, 1, 0, SERIF_BOLD)
        addMapping(SERIF, 0, 1, SERIF_ITALIC)
        addMapping(SERIF, 1, 1, SERIF_BOLD_ITALIC)
        _done = True

"""Translations: every user-visible string goes through Qt Linguist files.

Source strings are English; Vietnamese is the default language. Each area ships its own
``assets/translations/<area>_<lang>.qm``; all of them are loaded for the chosen language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ui.resources import assets_dir

log = logging.getLogger(__name__)

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_installed: list[QTranslator] = []


def install_translations(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> int:
    """Load every translation for ``language``; returns how many files were loaded."""
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    if language == "en":
        return 0  # source strings are English
    loaded = 0
    folder = assets_dir() / "translations"
    files = sorted(folder.glob(f"*_{language}.qm"))
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    files += [p for p in (qt_dir / f"qtbase_{language}.qm",) if p.exists()]
    for path in files:
        tr = QTranslator(app)
        if tr.load(str(path)):
            app.installTranslator(tr)
            _installed.append(tr)
            loaded += 1
        else:
            log.warning("translation file could not be loaded: %s", path.name)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English))
    return loaded

"""Logging to a rotating file in the profile, through a filter that redacts personal data.

Every record passes :class:`RedactionFilter` before any handler sees it, so a careless
``log.info("read %s", citizen_name)`` still writes ``[redacted]``.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from kiosk.privacy import Redactor, redactor

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactionFilter(logging.Filter):
    def __init__(self, red: Redactor | None = None) -> None:
        super().__init__()
        self._redactor = red or redactor

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not leak its arguments
            message = str(record.msg)
        record.msg = self._redactor.redact(message)
        record.args = None
        if record.exc_info:
            # Tracebacks may quote values; keep the exception type, redact its text.
            import traceback

            text = "".join(traceback.format_exception(*record.exc_info))
            record.msg += "\n" + self._redactor.redact(text)
            record.exc_info = None
            record.exc_text = None
        return True


def setup_logging(logs_dir: Path, level: int = logging.INFO, *, stderr: bool = False) -> logging.Handler:
    """Install the redacting rotating file handler on the root logger (idempotent)."""
    logs_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
            h.close()
    handler = logging.handlers.RotatingFileHandler(
        logs_dir / "kiosk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler._kiosk = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactionFilter())
    root.addHandler(handler)
    if stderr:
        err = logging.StreamHandler()
        err._kiosk = True  # type: ignore[attr-defined]
        err.setFormatter(logging.Formatter(LOG_FORMAT))
        err.addFilter(RedactionFilter())
        root.addHandler(err)
    root.setLevel(level)
    return handler

"""Logging to a rotating file in the profile, through a filter that redacts personal data.

Every record is redacted when it is created (a log record factory), before any handler
sees it, so a careless ``log.info("read %s", citizen_name)`` still writes ``[redacted]``.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path
from typing import Any

from kiosk.privacy import Redactor, redactor

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def redact_record(record: logging.LogRecord, red: Redactor | None = None) -> None:
    """Replace the record's message (and traceback) by its redacted text, in place."""
    red = red or redactor
    try:
        message = record.getMessage()
    except Exception:  # a bad format string must not leak its arguments
        message = str(record.msg)
    if record.exc_info and record.exc_info[0] is not None:
        # Tracebacks may quote values: keep them, but as redacted text.
        message += "\n" + "".join(traceback.format_exception(*record.exc_info))
    record.msg = red.redact(message)
    record.args = None
    record.exc_info = None
    record.exc_text = None


class RedactionFilter(logging.Filter):
    """Handler-level safety net for records made before the record factory was installed."""

    def __init__(self, red: Redactor | None = None) -> None:
        super().__init__()
        self._redactor = red

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "_kiosk_redacted", False):
            redact_record(record, self._redactor)
        return True


_base_factory = logging.getLogRecordFactory()


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    # Redacting at creation means every handler (ours, a test harness's, a library's)
    # only ever sees the redacted text.
    record = _base_factory(*args, **kwargs)
    redact_record(record)
    record._kiosk_redacted = True  # type: ignore[attr-defined]
    return record


def install_record_factory() -> None:
    if logging.getLogRecordFactory() is not _redacting_factory:
        logging.setLogRecordFactory(_redacting_factory)


def setup_logging(logs_dir: Path, level: int = logging.INFO, *, stderr: bool = False) -> logging.Handler:
    """Install the redacting rotating file handler on the root logger (idempotent)."""
    install_record_factory()
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

"""Server administration without HTTP (the admin runs these next to the database)."""

from __future__ import annotations

import os

from sync.server.config import ServerData
from sync.server.db import make_engine
from sync.server.service import IntakeService


def open_admin(data_dir: str | os.PathLike[str], db_url: str | None = None) -> IntakeService:
    """The intake service on ``data_dir`` (and ``db_url``), for minting codes, revoking, listing."""
    data = ServerData(data_dir)
    return IntakeService(data, make_engine(data.dir, db_url))


def mint_enrol_code(
    data_dir: str | os.PathLike[str],
    unit_code: str | None = None,
    *,
    db_url: str | None = None,
    ttl_s: int | None = None,
) -> str:
    """A one-time device enrolment code (what ``kiosk server enrol-code --data DIR`` prints)."""
    svc = open_admin(data_dir, db_url)
    try:
        return svc.mint_enrol_code(unit_code, ttl_s)
    finally:
        svc.engine.dispose()

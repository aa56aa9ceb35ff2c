"""Intake server tables (SQLAlchemy Core): SQLite by default, PostgreSQL through a URL.

Exactly-once rests on the database, not on the process: the dossier UUID is the primary
key, the official code is unique, and commit is a compare-and-set inside one transaction,
so several replicas on one PostgreSQL cannot issue two codes for one dossier.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    exc,
    make_url,
)

metadata = MetaData()

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("public_key", String(64), nullable=False, unique=True),
    Column("unit_code", String(64), nullable=False),
    Column("label", String(200), nullable=False, default=""),
    Column("enrolled_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
    Column("revoked_reason", String(300)),
)

enrol_codes = Table(
    "enrol_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("unit_code", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("used_at", String(40)),
    Column("used_by", String(64)),
)

dossiers = Table(
    "dossiers",
    metadata,
    Column("uuid", String(36), primary_key=True),
    Column("device_id", String(64), ForeignKey("devices.device_id"), nullable=False),
    Column("unit_code", String(64), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("manifest", Text, nullable=False),
    Column("manifest_sha256", String(64), nullable=False),
    Column("signature", String(200), nullable=False),
    Column("key_id", String(64), nullable=False),
    Column("state", String(16), nullable=False),  # receiving | committed ("amending" only in older databases)
    Column("official_code", String(80), unique=True),
    Column("received_at", String(40), nullable=False),
    Column("committed_at", String(40)),
    Column("portal_status", Integer),
    Column("status_updated_at", String(40)),
)


def _file_columns(parent: str) -> list[Column[Any]]:
    return [
        Column("dossier_uuid", String(36), ForeignKey(parent), primary_key=True),
        Column("file_id", String(16), primary_key=True),
        Column("manifest_sha256", String(64), nullable=False),
        Column("role", String(16), nullable=False),
        Column("size", BigInteger, nullable=False),
        Column("sha256", String(64), nullable=False),
        Column("sealed_size", BigInteger, nullable=False),
        Column("sealed_sha256", String(64), nullable=False),
        Column("committed_offset", BigInteger, nullable=False, default=0),
        Column("decrypted_sha256", String(64)),
    ]


files = Table("files", metadata, *_file_columns("dossiers.uuid"))

# A newer revision of a committed dossier while it is being uploaded. Kept apart from the
# committed revision (which stays readable, listed, exportable and status-updatable) and
# swapped in by the commit transaction; dropped if it turns out tampered. One per dossier.
amendments = Table(
    "amendments",
    metadata,
    Column("uuid", String(36), ForeignKey("dossiers.uuid"), primary_key=True),
    Column("revision", Integer, nullable=False),
    Column("manifest", Text, nullable=False),
    Column("manifest_sha256", String(64), nullable=False),
    Column("signature", String(200), nullable=False),
    Column("key_id", String(64), nullable=False),
    Column("received_at", String(40), nullable=False),
)

amendment_files = Table("amendment_files", metadata, *_file_columns("amendments.uuid"))

parts = Table(
    "parts",
    metadata,
    Column("dossier_uuid", String(36), primary_key=True),
    Column("file_id", String(16), primary_key=True),
    Column("manifest_sha256", String(64), primary_key=True),
    Column("offset", BigInteger, primary_key=True),
    Column("length", BigInteger, nullable=False),
    Column("blob", String(300), nullable=False),
)

# The export of each committed revision to the provincial system. A committed revision
# without a "done" row here (none yet: the export failed, or the process died between the
# commit and the export) is due; ``kiosk server export`` and the running server retry it.
exports = Table(
    "exports",
    metadata,
    Column("uuid", String(36), ForeignKey("dossiers.uuid"), primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("state", String(16), nullable=False),  # done | failed
    Column("attempts", Integer, nullable=False),
    Column("last_error", String(300)),
    Column("updated_at", String(40), nullable=False),
)

counters = Table(
    "counters",
    metadata,
    Column("name", String(120), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

nonces = Table(
    "nonces",
    metadata,
    Column("nonce", String(32), primary_key=True),
    Column("device_id", String(64), nullable=False),
    Column("seen_at", BigInteger, nullable=False, index=True),
)

# Processing-log checkpoints of each device (entry count + head hash, never content), append
# only: a device's log cannot later shrink below, or fork from, what it once reported here.
log_checkpoints = Table(
    "log_checkpoints",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("device_id", String(64), ForeignKey("devices.device_id"), nullable=False),
    Column("entries", BigInteger, nullable=False),
    Column("head", String(64), nullable=False),
    Column("received_at", String(40), nullable=False),
    Index("ix_log_checkpoints_device_entries", "device_id", "entries"),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("action", String(40), nullable=False),
    Column("device_id", String(64)),
    Column("dossier_uuid", String(36)),
    Column("detail", String(500), nullable=False, default=""),
)


def make_engine(data_dir: Path, db_url: str | None) -> Engine:
    """The engine on ``db_url`` (default: SQLite in ``data_dir``) with the tables created;
    a URL that names no known driver or a database that cannot be reached is one sentence
    (``ServerConfigError``), never a traceback."""
    from sync.server.config import ServerConfigError

    shown = _shown_url(db_url)
    try:
        return _make_engine(data_dir, db_url)
    except (exc.NoSuchModuleError, ModuleNotFoundError) as err:
        raise ServerConfigError(
            f"The database URL {shown} names a driver that is not installed "
            "(use sqlite:///FILE or postgresql://USER@HOST/DB)."
        ) from err
    except exc.ArgumentError as err:
        raise ServerConfigError(
            f"The database URL {shown} is not valid (use sqlite:///FILE or postgresql://USER@HOST/DB)."
        ) from err
    except exc.DBAPIError as err:
        kind = getattr(err.orig, "__class__", err.__class__).__name__
        raise ServerConfigError(
            f"The database at {shown} cannot be reached or opened ({kind}); check the URL and that it runs."
        ) from err


def _shown_url(db_url: str | None) -> str:
    if db_url is None:
        return "(SQLite in the data directory)"
    try:
        return make_url(db_url).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return "given"


def _make_engine(data_dir: Path, db_url: str | None) -> Engine:
    if db_url is None:
        db_url = f"sqlite:///{data_dir / 'intake.db'}"
    if db_url.startswith("sqlite"):
        engine = create_engine(
            db_url, connect_args={"check_same_thread": False, "timeout": 60}, pool_size=8, max_overflow=8
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _rec: Any) -> None:
            # Take the write lock at BEGIN: SQLite cannot upgrade a read lock under
            # contention without failing, and every transaction here is short.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    else:
        if db_url.startswith("postgresql://"):
            db_url = "postgresql+psycopg://" + db_url[len("postgresql://") :]
        engine = create_engine(db_url, pool_size=8, max_overflow=8, pool_pre_ping=True)
    try:
        metadata.create_all(engine, checkfirst=True)
    except exc.DBAPIError:
        # Two replicas starting at once race to create the tables; the loser retries.
        metadata.create_all(engine, checkfirst=True)
    return engine

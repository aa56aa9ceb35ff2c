"""Schema migrations: a list of scripts applied in order, recorded in ``schema_version``."""

from __future__ import annotations

from typing import Any

MIGRATIONS: list[str] = [
    # 1: the initial schema
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE dossiers (
        uuid TEXT PRIMARY KEY,
        procedure_id TEXT NOT NULL,
        provisional_code TEXT NOT NULL UNIQUE,
        official_code TEXT,
        state TEXT NOT NULL,
        channel INTEGER NOT NULL DEFAULT 1,
        revision INTEGER NOT NULL DEFAULT 1,
        portal_status INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        received_at TEXT,
        synced_at TEXT,
        created_by TEXT,
        quarantine_reason TEXT,
        data_json TEXT NOT NULL,
        applicant_name TEXT NOT NULL DEFAULT '',
        applicant_id_masked TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX dossiers_state ON dossiers(state, updated_at);
    CREATE INDEX dossiers_updated ON dossiers(updated_at);
    -- Folded (diacritic-free) names, ID numbers and codes, kept narrow so a scan is cheap.
    CREATE TABLE dossier_search (
        uuid TEXT PRIMARY KEY REFERENCES dossiers(uuid) ON DELETE CASCADE,
        updated_at TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX dossier_search_updated ON dossier_search(updated_at);
    CREATE TABLE history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        dossier_uuid TEXT NOT NULL REFERENCES dossiers(uuid) ON DELETE CASCADE,
        at TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        actor TEXT,
        reason TEXT,
        portal_status INTEGER
    );
    CREATE INDEX history_dossier ON history(dossier_uuid, id);
    CREATE TABLE components (
        id TEXT PRIMARY KEY,
        dossier_uuid TEXT NOT NULL REFERENCES dossiers(uuid) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        copy_kind TEXT NOT NULL,
        count INTEGER NOT NULL,
        attachment_id TEXT REFERENCES attachments(id)
    );
    CREATE INDEX components_dossier ON components(dossier_uuid, position);
    CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        dossier_uuid TEXT NOT NULL REFERENCES dossiers(uuid) ON DELETE CASCADE,
        filename TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        file_key BLOB NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX attachments_dossier ON attachments(dossier_uuid);
    CREATE TABLE outbox (
        dossier_uuid TEXT PRIMARY KEY REFERENCES dossiers(uuid) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'uploading', 'quarantined')),
        attempts INTEGER NOT NULL DEFAULT 0,
        enqueued_at TEXT NOT NULL,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT
    );
    CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
    CREATE TABLE processing_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        dossier_uuid TEXT,
        actor TEXT,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX processing_log_dossier ON processing_log(dossier_uuid);
    -- Append-only: the application never updates or deletes a log row.
    CREATE TRIGGER processing_log_no_update BEFORE UPDATE ON processing_log
        BEGIN SELECT RAISE(ABORT, 'processing log is append-only'); END;
    CREATE TRIGGER processing_log_no_delete BEFORE DELETE ON processing_log
        BEGIN SELECT RAISE(ABORT, 'processing log is append-only'); END;
    CREATE TABLE consents (
        id TEXT PRIMARY KEY,
        session_id TEXT,
        subject_ref TEXT,
        dossier_uuid TEXT,
        purpose TEXT NOT NULL,
        text_version TEXT NOT NULL,
        given_at TEXT NOT NULL,
        given_by TEXT,
        method TEXT NOT NULL,
        sensitive_items TEXT NOT NULL,
        withdrawn_at TEXT,
        withdrawn_by TEXT,
        withdrawal_method TEXT
    );
    CREATE INDEX consents_subject ON consents(subject_ref);
    CREATE INDEX consents_session ON consents(session_id);
    """,
    # 2: keep the search table's sort key equal to the dossier's, whoever updates it
    """
    CREATE TRIGGER dossiers_updated_at AFTER UPDATE OF updated_at ON dossiers
        BEGIN UPDATE dossier_search SET updated_at = NEW.updated_at WHERE uuid = NEW.uuid; END;
    UPDATE dossier_search
        SET updated_at = (SELECT d.updated_at FROM dossiers d WHERE d.uuid = dossier_search.uuid);
    """,
    # 3: trigram full-text index over the folded search text (substring search without a
    # table scan); kept in step with dossier_search by triggers. Inside the encrypted file.
    """
    CREATE VIRTUAL TABLE dossier_fts USING fts5(
        text, tokenize = 'trigram', content = 'dossier_search', content_rowid = 'rowid'
    );
    CREATE TRIGGER dossier_search_ai AFTER INSERT ON dossier_search
        BEGIN INSERT INTO dossier_fts(rowid, text) VALUES (new.rowid, new.text); END;
    CREATE TRIGGER dossier_search_ad AFTER DELETE ON dossier_search
        BEGIN INSERT INTO dossier_fts(dossier_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END;
    CREATE TRIGGER dossier_search_au AFTER UPDATE OF text ON dossier_search
        BEGIN INSERT INTO dossier_fts(dossier_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO dossier_fts(rowid, text) VALUES (new.rowid, new.text); END;
    INSERT INTO dossier_fts(dossier_fts) VALUES ('rebuild');
    """,
    # 4: fewer pages written per commit (SQLCipher encrypts and HMACs every page a commit
    # writes, so a counter save costs per page touched):
    # - the search table is one b-tree (dossiers.search_id points at its row, hits come
    #   newest-created first); the trigram index has no per-document size table and takes
    #   new rows in batches (rows above meta 'fts_upto' are matched by LIKE until then);
    # - the unfiltered list merges the (state, updated_at) index: no (updated_at) index;
    # - the processing log is read per dossier only for data-subject requests (one scan):
    #   no dossier index;
    # - history is clustered by dossier (no AUTOINCREMENT bookkeeping, no separate index)
    #   and holds transitions only: the creation entry is the dossier row's created_at and
    #   created_by (and the log's 'create' entry), no longer written a third time.
    """
    DROP TRIGGER dossiers_updated_at;
    DROP INDEX dossiers_updated;
    DROP INDEX processing_log_dossier;
    DROP TRIGGER dossier_search_ai;
    DROP TRIGGER dossier_search_ad;
    DROP TRIGGER dossier_search_au;
    DROP TABLE dossier_fts;
    CREATE TABLE search_v4 (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL, text TEXT NOT NULL);
    INSERT INTO search_v4(uuid, text) SELECT uuid, text FROM dossier_search ORDER BY rowid;
    ALTER TABLE dossiers ADD COLUMN search_id INTEGER;
    CREATE INDEX search_v4_uuid ON search_v4(uuid);
    UPDATE dossiers SET search_id = (SELECT s.id FROM search_v4 s WHERE s.uuid = dossiers.uuid);
    DROP INDEX search_v4_uuid;
    DROP TABLE dossier_search;
    ALTER TABLE search_v4 RENAME TO dossier_search;
    CREATE VIRTUAL TABLE dossier_fts USING fts5(
        text, tokenize = 'trigram', content = 'dossier_search', content_rowid = 'id', columnsize = 0
    );
    INSERT INTO dossier_fts(dossier_fts) VALUES ('rebuild');
    INSERT INTO meta(key, value) SELECT 'fts_upto', coalesce(max(id), 0) FROM dossier_search WHERE 1
        ON CONFLICT(key) DO UPDATE SET value = excluded.value;
    CREATE TABLE history_v4 (
        dossier_uuid TEXT NOT NULL REFERENCES dossiers(uuid) ON DELETE CASCADE,
        id INTEGER NOT NULL,
        at TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        actor TEXT,
        reason TEXT,
        portal_status INTEGER,
        PRIMARY KEY (dossier_uuid, id)
    ) WITHOUT ROWID;
    INSERT INTO history_v4(dossier_uuid, id, at, from_state, to_state, actor, reason, portal_status)
        SELECT dossier_uuid, id, at, from_state, to_state, actor, reason, portal_status FROM history
        WHERE NOT (from_state IS NULL AND reason = 'created');
    DROP TABLE history;
    ALTER TABLE history_v4 RENAME TO history;
    """,
]

CURRENT_VERSION = len(MIGRATIONS)


def current_version(conn: Any) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: Any) -> int:
    """Apply pending migrations, each in its own transaction; returns the new version."""
    version = current_version(conn)
    if version > CURRENT_VERSION:
        from kiosk.dossier.errors import StoreError

        raise StoreError(
            "This store was written by a newer version of the app; update the app before opening it."
        )
    for number in range(version + 1, CURRENT_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version(version) VALUES (?)", (number,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return CURRENT_VERSION


def _split(script: str) -> list[str]:
    # Triggers contain ';' inside BEGIN..END, so split on statement boundaries with a
    # tiny state machine rather than a plain split.
    out, buf, depth = [], [], 0
    for line in script.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        buf.append(line)
        upper = stripped.upper()
        if any(f"BEGIN {w}" in upper for w in ("SELECT", "UPDATE", "INSERT", "DELETE")) or upper.endswith(
            " BEGIN"
        ):
            depth += 1
        if depth and upper.endswith("END;"):
            depth -= 1
        if not depth and stripped.endswith(";"):
            out.append("\n".join(buf))
            buf = []
    if buf:
        out.append("\n".join(buf))
    return out

"""Test helper: rewrite the processing log with the log key, as anyone holding the data key can
(drop the append-only triggers, change an entry, recompute every later hash and the head)."""

from __future__ import annotations

import json
from typing import Any

from kiosk.security import processing_log


def rewrite_chain(store: Any, seq: int = 2, detail: str = "rewritten") -> str:
    """Change entry ``seq``'s detail in an open ``Store`` and re-chain consistently; returns
    the new head. ``verify_log()`` without an anchor still says intact afterwards."""
    c, log_key = store._conn, store._log_key
    c.execute("DROP TRIGGER IF EXISTS processing_log_no_update")
    c.execute("DROP TRIGGER IF EXISTS processing_log_no_delete")
    rows = c.execute(
        "SELECT seq, at, action, dossier_uuid, actor, detail FROM processing_log ORDER BY seq"
    ).fetchall()
    prev = processing_log.GENESIS
    for n, at, action, d_uuid, actor, old_detail in rows:
        new_detail = detail if n == seq else old_detail
        h = processing_log.entry_hash(log_key, prev, n, at, action, d_uuid, actor, new_detail)
        c.execute(
            "UPDATE processing_log SET detail=?, prev_hash=?, hash=? WHERE seq=?", (new_detail, prev, h, n)
        )
        prev = h
    c.execute(
        "UPDATE meta SET value=? WHERE key='log_head'", (json.dumps({"seq": rows[-1][0], "hash": prev}),)
    )
    return prev

"""Crash safety: a child process doing saves, transitions and attachment writes is
SIGKILLed at random moments (>= 100 trials); afterwards the store opens, and no dossier
is lost, half-written or duplicated."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import time
from pathlib import Path

import pytest

from kiosk.dossier.model import DossierState as S
from kiosk.dossier.store import Store
from tests.dossier.crash_child import payload, run

TRIALS = 100


def _run_trial(profile_dir: Path, key: bytes, seed: int, delay: float) -> list[list[str]]:
    """Fork a child running the loop, SIGKILL it after ``delay`` seconds of work."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(r)
            run(str(profile_dir), key, seed, w)
        finally:
            os._exit(3)
    os.close(w)
    with os.fdopen(r, "r") as fh:
        first = fh.readline()
        assert first.strip() == "ready", first
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        rest = fh.read()
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, "the child died by itself"
    return [line.split() for line in rest.splitlines()]


def _check(store: Store, reported: dict[str, str], attached: set[str], verified: set[str]) -> tuple[int, int]:
    c = store._conn
    assert c.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert list(c.execute("PRAGMA cipher_integrity_check")) == []
    assert list(c.execute("PRAGMA foreign_key_check")) == []
    rows = c.execute("SELECT uuid, state, revision, data_json FROM dossiers").fetchall()
    op_ids = []
    for u, state, revision, data_json in rows:
        data = json.loads(data_json)
        f = data["fields"]
        assert f["check"] == hashlib.sha256(f["op_id"].encode()).hexdigest(), "half-written fields"
        assert data["roles"]["applicant"]["full_name"], "half-written roles"
        hist = [h.to_state for h in store._load(u).history]
        assert hist[-1] == state and hist[0] == "draft"
        ob = c.execute("SELECT status, revision FROM outbox WHERE dossier_uuid=?", (u,)).fetchone()
        if state in ("queued", "uploading", "quarantined"):
            assert (
                ob is not None
                and ob[0]
                == {"queued": "queued", "uploading": "uploading", "quarantined": "quarantined"}[state]
            )
            assert ob[1] <= revision
        else:
            assert ob is None, (state, ob)
        op_ids.append(data["fields"]["op_id"])
    # No dossier duplicated (every create is one op id), none lost.
    creates = c.execute("SELECT count(*) FROM processing_log WHERE action='create'").fetchone()[0]
    assert creates == len(rows)
    uuids = {r[0] for r in rows}
    assert set(reported.values()) <= uuids, "a committed dossier was lost"
    assert len(op_ids) == len(set(op_ids)), "a dossier was duplicated"
    # Every attachment row has an intact file; every reported attachment is present.
    atts = c.execute("SELECT id, dossier_uuid, size FROM attachments").fetchall()
    assert attached <= {a[0] for a in atts}, "a committed attachment was lost"
    for att_id, _u, size in atts:
        if att_id in verified:
            continue
        verified.add(att_id)
        with store.open_attachment(att_id) as fh:
            data = fh.read()
        assert len(data) == size
        fn = c.execute("SELECT filename FROM attachments WHERE id=?", (att_id,)).fetchone()[0]
        assert data == payload(fn.split(".")[0], size)
    assert store.verify_log().ok
    return len(rows), len(atts)


@pytest.mark.slow
def test_sigkill_at_random_points_loses_nothing(tmp_path):
    from kiosk.profile import Profile

    profile = Profile.open(tmp_path / "p")
    key = os.urandom(32)
    Store.open(profile, key).close()
    rnd = random.Random(20261123)
    reported: dict[str, str] = {}
    attached: set[str] = set()
    verified: set[str] = set()
    kinds: dict[str, int] = {}
    for trial in range(TRIALS):
        lines = _run_trial(profile.root, key, trial, rnd.uniform(0.01, 0.3))
        for parts in lines:
            kinds[parts[0]] = kinds.get(parts[0], 0) + 1
            if parts[0] == "created":
                reported[parts[1]] = parts[2]
            elif parts[0] == "attached":
                attached.add(parts[2])
        # What was the child doing when it died? (the last line is its last committed step)
        with Store.open(profile, key) as store:
            if trial % 10 == 9 or trial == TRIALS - 1:
                _check(store, reported, attached, verified)
    with Store.open(profile, key) as store:
        n, n_att = _check(store, reported, attached, set())
        removed = store.collect_garbage(min_age_s=0)
        _check(store, reported, attached, verified)
        files = list(profile.attachments_dir.glob("*/*.enc"))
        assert len(files) == n_att
        assert list(profile.tmp_dir.iterdir()) == []
        states = {s for (s,) in store._conn.execute("SELECT DISTINCT state FROM dossiers")}
    # The trials exercised every kind of write.
    assert n >= 50 and n_att >= 20 and kinds.get("moved", 0) >= 20 and kinds.get("edited", 0) >= 10
    assert {S.draft.value, S.queued.value, S.synced.value} <= states
    print(
        f"crash trials: {TRIALS}, dossiers {n}, attachments {n_att}, orphans removed {removed}, steps {kinds}"
    )

"""Child process for the crash-safety test: loops over saves, transitions and attachment
writes, reporting each committed step on stdout, until the parent SIGKILLs it.

The test forks it from the already-initialised test process (so a trial costs
milliseconds, not an interpreter start); it can also run alone:
``python -m tests.dossier.crash_child PROFILE_DIR KEY_HEX SEED``.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import sys
import uuid

from kiosk.dossier.model import DossierState as S
from kiosk.dossier.store import Store
from kiosk.profile import Profile
from tests.dossier.people import citizen


def payload(op_id: str, size: int) -> bytes:
    seed = hashlib.sha256(op_id.encode()).digest()
    return (seed * (size // 32 + 1))[:size]


def run(profile_dir: str, key: bytes, seed: int, out: int) -> None:
    """Loop forever, writing one line per committed step to file descriptor ``out``."""

    def say(*parts: object) -> None:
        os.write(out, (" ".join(str(p) for p in parts) + "\n").encode())

    profile = Profile.open(profile_dir)
    rnd = random.Random(seed)
    store = Store.open(profile, key)
    store.actor = "crash"
    say("ready")
    while True:
        choice = rnd.random()
        live = [
            r[0]
            for r in store._read(
                "SELECT uuid FROM dossiers WHERE state NOT IN ('purged', 'synced') ORDER BY random() LIMIT 1"
            )
        ]
        if choice < 0.3 or not live:
            op_id = uuid.uuid4().hex
            say("intent", op_id)
            d = store.create_dossier(
                "CT01",
                {"applicant": citizen(rnd.randrange(3))},
                {"op_id": op_id, "check": hashlib.sha256(op_id.encode()).hexdigest()},
            )
            say("created", op_id, d.uuid)
            continue
        u = live[0]
        state = store._load(u).state
        if choice < 0.55:
            size = rnd.choice([0, 10, 5000, 1 << 20, (1 << 20) + 7])
            op_id = uuid.uuid4().hex
            att = store.add_attachment(
                u,
                "scan",
                io.BytesIO(payload(op_id, size)),
                filename=f"{op_id}.bin",
                mime="application/octet-stream",
            )
            say("attached", u, att)
        elif choice < 0.7:
            op_id = uuid.uuid4().hex
            store.update_dossier(
                u, fields={"op_id": op_id, "check": hashlib.sha256(op_id.encode()).hexdigest()}
            )
            say("edited", u)
        else:
            nxt = {
                S.draft: S.received,
                S.received: S.queued,
                S.queued: S.uploading,
                S.uploading: S.synced,
                S.quarantined: S.queued,
            }.get(state)
            if nxt is S.uploading:
                store.outbox_mark_attempt(u)
            elif nxt is S.synced:
                store.outbox_mark_synced(u, "OFF-" + u[:8], store.outbox_entry(u).revision)
            elif nxt is not None:
                store.transition(u, nxt)
            say("moved", u, nxt)


if __name__ == "__main__":
    run(sys.argv[1], bytes.fromhex(sys.argv[2]), int(sys.argv[3]), sys.stdout.fileno())

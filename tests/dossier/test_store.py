from __future__ import annotations

import io
import os
import sqlite3

import pytest

from kiosk.citizen import Provenance
from kiosk.dossier.errors import (
    CorruptStoreError,
    DiskFullError,
    InvalidTransitionError,
    NotFoundError,
    StoreError,
    WrongKeyError,
)
from kiosk.dossier.migrations import CURRENT_VERSION
from kiosk.dossier.model import DossierState as S
from kiosk.dossier.store import Store
from tests.dossier.people import PEOPLE, citizen


def test_create_and_reload_keeps_roles_fields_and_provenance(profile, data_key):
    with Store.open(profile, data_key) as s:
        app = citizen(0)
        app.extra["dg13_raw_17"] = "x"
        app.face, app.face_mime = b"\xff\xd8JPEG", "image/jpeg"
        child = citizen(2, Provenance.TYPED)
        d = s.create_dossier("BIRTH", {"applicant": app, "father": child}, {"copies": 2, "note": "Hà Nội"})
        assert d.state is S.draft and d.revision == 1
        assert d.provisional_code.startswith("UNIT-")
    with Store.open(profile, data_key) as s:
        d2 = s.get_dossier(d.uuid)
    assert d2.roles["applicant"].get("full_name") == "Nguyễn Văn An"
    assert d2.roles["applicant"].provenance("id_number") is Provenance.CHIP_VERIFIED
    assert d2.roles["father"].provenance("full_name") is Provenance.TYPED
    assert d2.roles["applicant"].extra == {"dg13_raw_17": "x"}
    assert d2.roles["applicant"].face is None  # dropped at hand-off
    assert d2.fields == {"copies": 2, "note": "Hà Nội"}
    assert [h.to_state for h in d2.history] == ["draft"]


def test_face_kept_only_when_form_requires(store):
    c = citizen(1)
    c.face, c.face_mime = b"\xff\xd8photo", "image/jpeg"
    d = store.create_dossier("PASSPORT", {"applicant": c}, {}, keep_faces=True)
    assert store.get_dossier(d.uuid).roles["applicant"].face == b"\xff\xd8photo"


def test_list_masks_ids_and_search_ignores_diacritics(store):
    for i in range(3):
        store.create_dossier("CT01", {"applicant": citizen(i)}, {})
    rows = store.list_dossiers()
    assert len(rows) == 3
    assert all("•" in r.applicant_id_masked for r in rows)
    assert {r.applicant_id_masked[-4:] for r in rows} == {p["id_number"][-4:] for p in PEOPLE}
    for r in rows:
        assert not any(p["id_number"] in repr(r) for p in PEOPLE)
    assert [r.applicant_name for r in store.list_dossiers("tran thi thu huong")] == ["Trần Thị Thu Hương"]
    assert [r.applicant_name for r in store.list_dossiers("HƯƠNG trần")] == ["Trần Thị Thu Hương"]
    assert [r.applicant_name for r in store.list_dossiers("duc phuc")] == ["Hồ Đức Phúc"]
    assert [r.applicant_name for r in store.list_dossiers("012345")] == ["Nguyễn Văn An"]
    assert store.list_dossiers("50%_") == []
    assert len(store.list_dossiers(state=S.draft)) == 3
    assert store.list_dossiers(state=S.queued) == []
    assert len(store.list_dossiers(limit=2)) == 2 and len(store.list_dossiers(limit=2, offset=2)) == 1


def test_update_bumps_revision_and_reindexes(store):
    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {"a": 1})
    d2 = store.update_dossier(d.uuid, roles={"applicant": citizen(1)})
    assert d2.revision == 2 and d2.fields == {"a": 1}
    assert store.list_dossiers("nguyen van an") == []
    assert len(store.list_dossiers("thu huong")) == 1
    d3 = store.update_dossier(d.uuid, fields={"a": 2})
    assert d3.revision == 3 and d3.roles["applicant"].get("full_name") == "Trần Thị Thu Hương"


def test_codes_are_unique_and_sequential(store):
    codes = [store.create_dossier("CT01", {}, {}).provisional_code for _ in range(5)]
    assert len(set(codes)) == 5
    assert [c.split("-")[3][:4] for c in codes] == ["0001", "0002", "0003", "0004", "0005"]


def test_unit_code_from_settings(store):
    store.update_settings(unit_code="h29.x y")
    assert store.create_dossier("CT01", {}, {}).provisional_code.startswith("H29.XY-")


def test_portal_status_history(store):
    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    with pytest.raises(InvalidTransitionError):
        store.set_portal_status(d.uuid, 4)
    store.transition(d.uuid, S.received)
    store.set_portal_status(d.uuid, 4)
    with pytest.raises(StoreError, match="1 to 10"):
        store.set_portal_status(d.uuid, 11)
    d = store.get_dossier(d.uuid)
    assert d.portal_status == 4 and d.history[-1].portal_status == 4


def test_purge_erases_personal_data_and_files(store, profile):
    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {"phone": "0901"})
    att = store.add_attachment(d.uuid, "CCCD", io.BytesIO(b"scan"), filename="a.jpg", mime="image/jpeg")
    files = list(profile.attachments_dir.glob("*/*.enc"))
    assert len(files) == 1
    store.purge_dossier(d.uuid)
    p = store.get_dossier(d.uuid)
    assert p.state is S.purged and p.roles == {} and p.fields == {}
    assert p.provisional_code == d.provisional_code
    assert list(profile.attachments_dir.glob("*/*.enc")) == []
    with pytest.raises(NotFoundError):
        store.open_attachment(att)
    assert store.list_dossiers("nguyen") == []
    with pytest.raises(InvalidTransitionError):
        store.update_dossier(d.uuid, fields={})


def test_purge_expired_respects_grace(store):
    from datetime import UTC, datetime, timedelta

    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    draft = store.create_dossier("CT01", {"applicant": citizen(1)}, {})
    store.transition(d.uuid, S.received)
    store.transition(d.uuid, S.queued)
    store.outbox_mark_attempt(d.uuid)
    store.outbox_mark_synced(d.uuid, "000.00.00.H29-261123-0001", store.outbox_entry(d.uuid).revision)
    assert store.purge_expired(30) == []
    assert store.purge_expired(30, now=datetime.now(UTC) + timedelta(days=31)) == [d.uuid]
    assert store.get_dossier(d.uuid).state is S.purged
    assert store.get_dossier(draft.uuid).state is S.draft


def test_missing_dossier_is_clear(store):
    with pytest.raises(NotFoundError, match="No dossier"):
        store.get_dossier("nope")


def test_wrong_key_is_clear(profile, data_key):
    Store.open(profile, data_key).close()
    with pytest.raises(WrongKeyError, match="The passphrase or key does not open this store"):
        Store.open(profile, os.urandom(32))
    with pytest.raises(WrongKeyError):
        Store.open(profile, b"short")


def test_plain_sqlite_cannot_read_it(store, profile):
    store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    store.close()
    conn = sqlite3.connect(profile.db_path)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()


def _fill(profile, key, n=40):
    with Store.open(profile, key) as s:
        for i in range(n):
            s.create_dossier("CT01", {"applicant": citizen(i % 3)}, {"n": i, "pad": "x" * 2000})


def test_corrupt_page_is_reported_not_crashed(profile, data_key):
    _fill(profile, data_key)
    size = profile.db_path.stat().st_size
    with open(profile.db_path, "r+b") as fh:
        fh.seek(size // 2)
        fh.write(b"\x00" * 64)
    with pytest.raises(CorruptStoreError, match="damaged"):
        s = Store.open(profile, data_key, integrity="full")
        s.close()


def test_truncated_file_is_reported(profile, data_key):
    _fill(profile, data_key)
    size = profile.db_path.stat().st_size
    with open(profile.db_path, "r+b") as fh:
        fh.truncate(size // 2)
    with pytest.raises(CorruptStoreError):
        Store.open(profile, data_key).close()


def test_garbage_file_with_verified_key_is_corrupt_not_wrong_key(profile, data_key):
    profile.db_path.write_bytes(os.urandom(8192))
    with pytest.raises(WrongKeyError):
        Store.open(profile, data_key)
    with pytest.raises(CorruptStoreError):
        Store.open(profile, data_key, key_verified=True)


def test_disk_full_is_clear_and_loses_nothing(store):
    kept = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    with pytest.raises(DiskFullError, match="disk is full"):
        for i in range(200):
            store.create_dossier("CT01", {"applicant": citizen(1)}, {"pad": "y" * 4000, "i": i})
    store._conn.execute("PRAGMA max_page_count = 1000000")
    assert store.get_dossier(kept.uuid).roles["applicant"].get("full_name") == "Nguyễn Văn An"
    assert store.verify_log().ok
    store.create_dossier("CT01", {}, {})


def test_schema_version_and_pragmas(store):
    c = store._conn
    assert c.execute("SELECT max(version) FROM schema_version").fetchone()[0] == CURRENT_VERSION
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_newer_schema_is_refused(profile, data_key):
    with Store.open(profile, data_key) as s:
        s._conn.execute("INSERT INTO schema_version(version) VALUES (99)")
    with pytest.raises(StoreError, match="newer version"):
        Store.open(profile, data_key)


def test_closed_store_says_locked(store):
    store.close()
    with pytest.raises(StoreError, match="locked"):
        store.list_dossiers()


def test_bad_inputs_are_clear(store):
    with pytest.raises(StoreError, match="procedure"):
        store.create_dossier("", {}, {})
    with pytest.raises(StoreError, match="channel"):
        store.create_dossier("CT01", {}, {}, channel=9)
    with pytest.raises(StoreError, match="JSON"):
        store.create_dossier("CT01", {}, {"x": object()})
    d = store.create_dossier("CT01", {}, {})
    with pytest.raises(StoreError, match="copy kind"):
        store.add_component(d.uuid, "Giấy khai sinh", copy_kind="scan")
    with pytest.raises(StoreError, match="count"):
        store.add_component(d.uuid, "Giấy khai sinh", count=0)


def test_search_short_terms_codes_and_edits(store):
    a = store.create_dossier("CT01", {"applicant": citizen(0)}, {})  # Nguyễn Văn An
    store.create_dossier("CT01", {"applicant": citizen(2)}, {})  # Hồ Đức Phúc
    assert [r.uuid for r in store.list_dossiers("an")] == [a.uuid]  # 2 letters: no trigram
    assert [r.uuid for r in store.list_dossiers("nguyen an")] == [a.uuid]  # mixed lengths
    assert [r.uuid for r in store.list_dossiers("ho")] != []
    assert [r.uuid for r in store.list_dossiers(a.provisional_code.lower())] == [a.uuid]
    assert store.list_dossiers('"quoted" nguyen') == []
    store.update_dossier(a.uuid, roles={"applicant": citizen(1)})
    assert store.list_dossiers("nguyen van an") == []  # the index follows edits
    assert [r.uuid for r in store.list_dossiers("thu huong")] == [a.uuid]
    store.transition(a.uuid, S.withdrawn)
    store.purge_dossier(a.uuid)
    assert store.list_dossiers("thu huong") == []
    assert [r.uuid for r in store.list_dossiers("phuc", state=S.draft)] != []
    assert store.list_dossiers("phuc", state=S.queued) == []


def test_migrates_a_version_1_store(profile, data_key):
    import sqlcipher3

    from kiosk.dossier.migrations import MIGRATIONS, _split

    conn = sqlcipher3.connect(str(profile.db_path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for stmt in _split(MIGRATIONS[0]):
        conn.execute(stmt)
    conn.execute("INSERT INTO schema_version VALUES (1)")
    conn.execute(
        "INSERT INTO dossiers(uuid, procedure_id, provisional_code, state, created_at, updated_at, "
        "data_json) VALUES ('u1', 'CT01', 'OLD-1', 'draft', '2026-01-01', '2026-01-02', '{}')"
    )
    conn.execute("INSERT INTO dossier_search(uuid, updated_at, text) VALUES ('u1', '2000', 'tran thi old')")
    conn.execute(
        "INSERT INTO history(dossier_uuid, at, from_state, to_state, actor, reason) VALUES "
        "('u1', '2026-01-01', NULL, 'draft', 'canbo1', 'created'), "
        "('u1', '2026-01-02', 'draft', 'received', 'canbo1', NULL)"
    )
    conn.close()
    with Store.open(profile, data_key) as s:
        assert s._conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == CURRENT_VERSION
        assert [r.uuid for r in s.list_dossiers("tran thi")] == ["u1"]  # the index was built
        # the stored creation row gave way to the dossier row's own created_at/created_by
        hist = s._load("u1").history
        assert [(h.at, h.from_state, h.to_state, h.reason) for h in hist] == [
            ("2026-01-01", None, "draft", "created"),
            ("2026-01-02", "draft", "received", None),
        ]
        assert s._conn.execute("SELECT count(*) FROM history").fetchone() == (1,)
        # a store written in SQLCipher's default format keeps it (4 KiB pages)
        assert s._conn.execute("PRAGMA page_size").fetchone()[0] in (4096, "4096")
        # version 4: the search row is found from the dossier, and it is in the full-text index
        assert s._conn.execute(
            "SELECT s.text FROM dossiers d JOIN dossier_search s ON s.id = d.search_id WHERE d.uuid = 'u1'"
        ).fetchone() == ("tran thi old",)
        assert s._conn.execute("SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH 'old'").fetchall() == [
            (1,)
        ]


def test_large_store_checks_bookkeeping_on_open_and_all_on_demand(profile, data_key, monkeypatch):
    import kiosk.dossier.store as store_mod

    _fill(profile, data_key)
    monkeypatch.setattr(store_mod, "FULL_CHECK_MAX_BYTES", 1024)  # pretend it is a big store
    size = profile.db_path.stat().st_size
    with open(profile.db_path, "r+b") as fh:  # damage a page in the middle (dossier data)
        fh.seek(size // 2)
        fh.write(b"\x00" * 64)
    s = Store.open(profile, data_key)  # opens: only the small tables were checked
    with pytest.raises(CorruptStoreError, match="damaged"):
        s.check_integrity()
    s.close()
    with pytest.raises(CorruptStoreError):
        Store.open(profile, data_key, integrity="quick")


def test_dossier_ids_are_time_ordered_uuid7():
    import uuid

    from kiosk.dossier.store import new_uuid

    ids = [new_uuid() for _ in range(200)]
    assert len(set(ids)) == 200
    assert all(uuid.UUID(i).version == 7 and uuid.UUID(i).variant == uuid.RFC_4122 for i in ids)
    assert [i[:12] for i in ids] == sorted(i[:12] for i in ids)  # the millisecond prefix never goes back


def test_search_covers_indexed_and_not_yet_indexed_dossiers(store, monkeypatch):
    import kiosk.dossier.store as store_mod

    monkeypatch.setattr(store_mod, "FTS_BATCH", 4)
    made = [store.create_dossier("CT01", {"applicant": citizen(i % 3)}, {}) for i in range(10)]
    c = store._conn
    # Two batches of 4 went into the full-text index; the last 2 wait for the next batch.
    assert c.execute("SELECT value FROM meta WHERE key='fts_upto'").fetchone() == ("8",)
    indexed = {r[0] for r in c.execute("SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH 'phuc'")}
    assert indexed == {3, 6}  # search rows 3 and 6 (Hồ Đức Phúc); row 9 is not indexed yet
    phuc = [d.uuid for i, d in enumerate(made) if i % 3 == 2]
    newest_first = phuc[::-1]
    assert [r.uuid for r in store.list_dossiers("duc phuc")] == newest_first
    assert [r.uuid for r in store.list_dossiers("duc phuc", limit=2)] == newest_first[:2]
    assert [r.uuid for r in store.list_dossiers("duc phuc", limit=2, offset=1)] == newest_first[1:3]
    assert [r.uuid for r in store.list_dossiers("phuc ho")] == newest_first  # short term filters
    # Edits and purges reach indexed rows (terms replaced) and waiting rows alike.
    old_indexed, waiting = made[2], made[8]
    store.update_dossier(old_indexed.uuid, roles={"applicant": citizen(1)})
    store.update_dossier(waiting.uuid, roles={"applicant": citizen(1)})
    assert [r.uuid for r in store.list_dossiers("duc phuc")] == [made[5].uuid]
    assert {r.uuid for r in store.list_dossiers("thu huong")} >= {old_indexed.uuid, waiting.uuid}
    for d in (old_indexed, made[5]):
        store.transition(d.uuid, S.withdrawn)
        store.purge_dossier(d.uuid)
    assert store.list_dossiers("duc phuc") == []
    assert old_indexed.uuid not in {r.uuid for r in store.list_dossiers("thu huong")}
    # The next batch indexes the waiting rows with their current text.
    store.create_dossier("CT01", {"applicant": citizen(2)}, {})
    store.create_dossier("CT01", {"applicant": citizen(2)}, {})
    assert c.execute("SELECT value FROM meta WHERE key='fts_upto'").fetchone() == ("12",)
    assert c.execute("SELECT count(*) FROM dossier_fts WHERE dossier_fts MATCH 'phuc'").fetchone() == (2,)
    assert c.execute("INSERT INTO dossier_fts(dossier_fts) VALUES ('integrity-check')").fetchall() == []


def test_unfiltered_list_is_newest_update_first_across_states(store):
    a = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    b = store.create_dossier("CT01", {"applicant": citizen(1)}, {})
    c = store.create_dossier("CT01", {"applicant": citizen(2)}, {})
    store.transition(a.uuid, S.received)  # a is now the most recently updated
    store.transition(b.uuid, S.withdrawn)
    assert [r.uuid for r in store.list_dossiers()] == [b.uuid, a.uuid, c.uuid]
    assert [r.uuid for r in store.list_dossiers(limit=1, offset=1)] == [a.uuid]
    assert [r.uuid for r in store.list_dossiers(state=S.draft)] == [c.uuid]
    plan = " ".join(
        r[3]
        for r in store._conn.execute(
            "EXPLAIN QUERY PLAN SELECT uuid FROM dossiers WHERE state = 'draft' ORDER BY updated_at DESC"
        )
    )
    assert "dossiers_state" in plan


def test_new_stores_use_2k_pages_and_hmac_sha256(store, profile, data_key):
    import sqlcipher3

    assert store._conn.execute("PRAGMA page_size").fetchone()[0] in (2048, "2048")
    store.close()
    conn = sqlcipher3.connect(str(profile.db_path))
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")  # SQLCipher 4 defaults: 4 KiB, SHA-512
    with pytest.raises(sqlcipher3.DatabaseError, match="not a database"):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()
    conn = sqlcipher3.connect(str(profile.db_path))
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    conn.execute("PRAGMA cipher_page_size = 2048")
    conn.execute("PRAGMA cipher_hmac_algorithm = HMAC_SHA256")
    assert conn.execute("SELECT count(*) FROM dossiers").fetchone() == (0,)
    conn.close()


def test_day_counters_are_pruned_and_a_clock_set_back_never_reuses_a_code(store, monkeypatch):
    import datetime as dt

    import kiosk.dossier.store as store_mod
    from kiosk.dossier import codes

    today = {"d": dt.datetime(2026, 3, 1, 9, 0)}

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return today["d"].replace(tzinfo=tz or dt.UTC)

    monkeypatch.setattr(store_mod, "datetime", Clock)

    def seq(d) -> int:
        assert codes.is_valid(d.provisional_code)
        return int(d.provisional_code.split("-")[-1][:-1])

    def counters() -> list[str]:
        return [k for (k,) in store._conn.execute("SELECT key FROM meta WHERE key LIKE 'seq:%'")]

    assert [seq(store.create_dossier("CT01", {}, {})) for _ in range(3)] == [1, 2, 3]
    today["d"] = dt.datetime(2026, 3, 2, 9, 0)
    assert seq(store.create_dossier("CT01", {}, {})) == 1
    assert counters() == ["seq:260302"]  # the day before is no longer kept
    today["d"] = dt.datetime(2026, 3, 1, 17, 0)  # the clock is set back a day
    d = store.create_dossier("CT01", {}, {})
    assert "-260301-" in d.provisional_code and seq(d) == 4  # continues after that day's codes
    assert counters() == ["seq:260301"]

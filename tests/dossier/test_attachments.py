from __future__ import annotations

import hashlib
import io
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.dossier.attachments import _HEADER, TAG, open_decrypting, write_encrypted
from kiosk.dossier.errors import AttachmentIntegrityError
from tests.dossier.people import citizen

CHUNK = 1024


def _write(profile, data: bytes, chunk: int = CHUNK):
    return write_encrypted(io.BytesIO(data), profile.attachments_dir, profile.tmp_dir, chunk_size=chunk)


def _read(w, path=None) -> bytes:
    with open_decrypting(path or w.path, w.attachment_id, w.key, w.sha256, w.size) as fh:
        return fh.read()


@settings(max_examples=25, deadline=None)
@given(data=st.binary(max_size=5000))
def test_roundtrip_any_length(tmp_path_factory, data):
    from kiosk.profile import Profile

    profile = Profile.open(tmp_path_factory.mktemp("p"))
    w = _write(profile, data)
    assert w.size == len(data) and w.sha256 == hashlib.sha256(data).hexdigest()
    assert _read(w) == data
    assert len(data) < 16 or data[:64] not in w.path.read_bytes()[_HEADER.size :]
    assert list(profile.tmp_dir.iterdir()) == []


def _blob(n=3 * CHUNK + 100) -> bytes:
    return bytes((i * 7) % 251 for i in range(n))


def test_flipped_byte_is_detected(profile):
    w = _write(profile, _blob())
    raw = bytearray(w.path.read_bytes())
    raw[_HEADER.size + CHUNK + 20] ^= 1
    w.path.write_bytes(bytes(raw))
    with pytest.raises(AttachmentIntegrityError, match="damaged or was tampered"):
        _read(w)


def test_truncation_at_chunk_boundary_is_detected(profile):
    w = _write(profile, _blob())
    raw = w.path.read_bytes()
    w.path.write_bytes(raw[: _HEADER.size + 2 * (CHUNK + TAG)])
    with pytest.raises(AttachmentIntegrityError):
        _read(w)


def test_reordered_chunks_are_detected(profile):
    w = _write(profile, _blob())
    raw = w.path.read_bytes()
    h, c = _HEADER.size, CHUNK + TAG
    swapped = raw[:h] + raw[h + c : h + 2 * c] + raw[h : h + c] + raw[h + 2 * c :]
    w.path.write_bytes(swapped)
    with pytest.raises(AttachmentIntegrityError):
        _read(w)


def test_appended_data_is_detected(profile):
    w = _write(profile, _blob(2 * CHUNK))
    w.path.write_bytes(w.path.read_bytes() + b"\0" * (CHUNK + TAG))
    with pytest.raises(AttachmentIntegrityError):
        _read(w)


def test_file_of_another_attachment_is_rejected(profile):
    a, b = _write(profile, b"first paper"), _write(profile, b"second paper")
    with pytest.raises(AttachmentIntegrityError):
        _read(a, path=b.path)


def test_recorded_hash_mismatch_is_detected(profile):
    w = _write(profile, b"data")
    with (
        pytest.raises(AttachmentIntegrityError, match="checksum"),
        open_decrypting(w.path, w.attachment_id, w.key, "0" * 64, w.size) as fh,
    ):
        fh.read()


def test_missing_file_is_clear(store, profile):
    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    att = store.add_attachment(d.uuid, "CCCD", io.BytesIO(b"x"), filename="x.jpg", mime="image/jpeg")
    next(profile.attachments_dir.glob("*/*.enc")).unlink()
    with pytest.raises(AttachmentIntegrityError, match="missing"):
        store.open_attachment(att)


class _Generated(io.RawIOBase):
    """A 200 MB source that is never in memory as a whole."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.block = bytes(range(256)) * 4096  # 1 MiB pattern

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        n = min(len(b), self.left, len(self.block))
        b[:n] = self.block[:n]
        self.left -= n
        return n


def test_200_mb_attachment_streams_in_bounded_memory(store):
    size = 200 * 1024 * 1024
    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    tracemalloc.start()
    try:
        att = store.add_attachment(
            d.uuid, "Bản vẽ", _Generated(size), filename="map.pdf", mime="application/pdf"
        )
        _, peak_write = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        h, total = hashlib.sha256(), 0
        with store.open_attachment(att) as fh:
            while chunk := fh.read(256 * 1024):
                h.update(chunk)
                total += len(chunk)
        _, peak_read = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == size
    comp = store.get_dossier(d.uuid).components[0]
    assert comp.sha256 == h.hexdigest() and comp.size == size
    assert peak_write < 16 * 1024 * 1024, peak_write
    assert peak_read < 16 * 1024 * 1024, peak_read


def test_failed_db_insert_leaves_no_file(store, profile):
    d = store.create_dossier("CT01", {}, {})
    store.transition(d.uuid, "withdrawn")
    with pytest.raises(Exception, match="cannot be edited"):
        store.add_attachment(d.uuid, "x", io.BytesIO(b"abc"), filename="x", mime="text/plain")
    assert list(profile.attachments_dir.glob("*/*.enc")) == []


def test_garbage_collection_removes_orphans_only(store, profile):
    d = store.create_dossier("CT01", {}, {})
    store.add_attachment(d.uuid, "kept", io.BytesIO(b"abc"), filename="x", mime="text/plain")
    _write(profile, b"orphan from a crash")
    (profile.tmp_dir / ("store-" + "ab" * 16 + ".part")).write_bytes(b"\0" * 10)
    (profile.tmp_dir / ("cd" * 16 + ".part")).write_bytes(b"\0" * 10)  # an older version's name
    foreign = profile.tmp_dir / "scan-0a1b2c3d4e5f-0011223344556677.part"
    foreign.write_bytes(b"\0" * 10)
    assert len(list(profile.attachments_dir.glob("*/*.enc"))) == 2
    assert store.collect_garbage(min_age_s=3600) == 0
    assert store.collect_garbage(min_age_s=0) == 3
    assert len(list(profile.attachments_dir.glob("*/*.enc"))) == 1
    assert list(profile.tmp_dir.iterdir()) == [foreign]  # not the store's: never removed


def test_opening_the_store_keeps_a_scan_in_progress(store, profile, data_key):
    """Another officer's login (Store.open runs the garbage collection) must not destroy the
    pages a scan has parked in the shared tmp folder, however long the scan has been open."""
    import os

    import numpy as np

    from kiosk.scan.page import Page
    from kiosk.scan.spool import PageSpool

    pixels = np.arange(30 * 20 * 3, dtype=np.uint8).reshape(30, 20, 3)
    with PageSpool(profile.tmp_dir) as spool:
        spool.append(Page(pixels, 200, source="sane"))
        parked = list(profile.tmp_dir.glob("*.part"))
        assert len(parked) == 1
        old = parked[0].stat().st_mtime - 24 * 3600
        os.utime(parked[0], (old, old))
        from kiosk.dossier.store import Store

        Store.open(profile, data_key).close()
        assert store.collect_garbage(min_age_s=0) == 0
        assert np.array_equal(spool[0].pixels, pixels)


def test_disk_full_during_attachment_write_is_clear_and_leaves_nothing(store, profile, data_key):
    """A child process with a 2 MB file-size limit (the kernel refuses the write like a full
    disk) gets DiskFullError; no partial file or temp file is left, the dossier is intact."""
    import os
    import resource
    import signal

    from kiosk.dossier.errors import DiskFullError

    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    store.close()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            from kiosk.dossier.store import Store

            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            s = Store.open(profile, data_key)
            resource.setrlimit(resource.RLIMIT_FSIZE, (2 << 20, 2 << 20))
            try:
                s.add_attachment(d.uuid, "big", io.BytesIO(b"\0" * (5 << 20)), filename="b", mime="x/y")
            except DiskFullError as exc:
                code = 0 if "disk is full" in str(exc) else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert list(profile.tmp_dir.iterdir()) == []
    assert list(profile.attachments_dir.glob("*/*.enc")) == []
    from kiosk.dossier.store import Store

    with Store.open(profile, data_key) as s:
        assert s.get_dossier(d.uuid).components == [] and s.verify_log().ok


def test_create_with_attachments_is_one_unit(store, profile, monkeypatch):
    """A full disk while the second file is written leaves no draft and no file; the retry
    makes exactly one dossier with both attachments, already received and queued."""
    import kiosk.dossier.store as store_mod
    from kiosk.dossier.errors import DiskFullError
    from kiosk.dossier.model import DossierState as S
    from kiosk.dossier.model import NewAttachment

    real = store_mod.write_encrypted
    calls = []

    def second_fails(source, *a, **kw):
        calls.append(1)
        if len(calls) == 2:
            raise DiskFullError("The disk is full; free some space and try again (nothing was lost).")
        return real(source, *a, **kw)

    def files():
        return [
            NewAttachment("Tờ khai", io.BytesIO(b"form " * 100), filename="ct01.pdf", mime="application/pdf"),
            NewAttachment("CCCD", io.BytesIO(b"card " * 100), filename="cccd.jpg", mime="image/jpeg"),
        ]

    monkeypatch.setattr(store_mod, "write_encrypted", second_fails)
    with pytest.raises(DiskFullError):
        store.create_dossier("CT01", {"applicant": citizen(0)}, {}, attachments=files(), then=[S.received])
    assert store.count_dossiers() == 0
    assert list(profile.attachments_dir.glob("*/*.enc")) == []
    assert list(profile.tmp_dir.iterdir()) == []
    # A failure inside the transaction (an impossible state) also leaves nothing.
    monkeypatch.setattr(store_mod, "write_encrypted", real)
    with pytest.raises(Exception, match="cannot move"):
        store.create_dossier("CT01", {"applicant": citizen(0)}, {}, attachments=files(), then=[S.synced])
    assert store.count_dossiers() == 0 and list(profile.attachments_dir.glob("*/*.enc")) == []

    d = store.create_dossier(
        "CT01", {"applicant": citizen(0)}, {}, attachments=files(), then=[S.received, S.queued]
    )
    assert store.count_dossiers() == 1 and d.state is S.queued and d.revision == 1
    assert [(c.name, c.filename) for c in d.components] == [("Tờ khai", "ct01.pdf"), ("CCCD", "cccd.jpg")]
    with store.open_attachment(d.components[1].attachment_id) as fh:
        assert fh.read() == b"card " * 100
    assert store.outbox_entry(d.uuid).revision == 1
    assert store.verify_log().ok


def test_cli_create_attach_on_a_full_disk_leaves_no_draft(tmp_path, small_disk, monkeypatch, capsys):
    import json
    import os

    from tests.dossier.cli_helpers import InProcess, data_file, init

    prof = small_disk / "p"
    init(prof)
    run = InProcess(monkeypatch, capsys)
    big = tmp_path / "big-scan.pdf"
    big.write_bytes(os.urandom(600 * 1024))  # more than the disk has
    args = ["dossier", "create", "--procedure", "CT01", "--data", str(data_file(tmp_path)), "--json"]
    r = run(prof, *args, "--attach", str(big), "--queue")
    assert r.returncode == 5 and "disk is full" in r.stderr
    r = run(prof, "dossier", "list", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == []  # no half-made draft to duplicate on a retry
    small = tmp_path / "small-scan.pdf"
    small.write_bytes(os.urandom(20 * 1024))
    r = run(prof, *args, "--attach", str(small), "--queue")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["attachments"] == 1
    r = run(prof, "dossier", "list", "--json")
    assert len(json.loads(r.stdout)) == 1


def _attach_entries(store, uuid):
    return [e.detail for e in reversed(store.log_entries(dossier_uuid=uuid)) if e.action == "attach"]


def test_a_scan_fills_the_paper_already_recorded(store):
    from kiosk.dossier.errors import NotFoundError, StoreError

    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    birth = store.add_component(d.uuid, "Giấy khai sinh", copy_kind="certified_copy", count=2)
    store.add_component(d.uuid, "Giấy chứng nhận kết hôn")
    # By id: the recorded paper gets the file and keeps its copy kind and count.
    att = store.add_attachment(
        d.uuid, "ignored", io.BytesIO(b"scan 1"), filename="a.pdf", mime="application/pdf", component_id=birth
    )
    comps = store.get_dossier(d.uuid).components
    assert [(c.id, c.name, c.copy_kind, c.count, c.attachment_id) for c in comps] == [
        (birth, "Giấy khai sinh", "certified_copy", 2, att),
        (comps[1].id, "Giấy chứng nhận kết hôn", "original", 1, None),
    ]
    with pytest.raises(StoreError, match="already has its digitised copy"):
        store.add_attachment(
            d.uuid, "x", io.BytesIO(b"again"), filename="b.pdf", mime="application/pdf", component_id=birth
        )
    with pytest.raises(NotFoundError, match="No paper with that id"):
        store.add_attachment(
            d.uuid, "x", io.BytesIO(b"x"), filename="b.pdf", mime="application/pdf", component_id="nope"
        )
    # By item number (position) and the same name: the second paper.
    att2 = store.add_attachment(
        d.uuid,
        "Giấy chứng nhận  kết hôn",
        io.BytesIO(b"scan 2"),
        filename="b.pdf",
        mime="application/pdf",
        position=2,
    )
    comps = store.get_dossier(d.uuid).components
    assert len(comps) == 2 and comps[1].attachment_id == att2
    # A taken number with another paper: a new component at the end, never a lost scan.
    att3 = store.add_attachment(
        d.uuid, "Sổ hộ khẩu", io.BytesIO(b"scan 3"), filename="c.pdf", mime="application/pdf", position=1
    )
    # A free number: the new component takes it.
    att4 = store.add_attachment(
        d.uuid, "Ảnh", io.BytesIO(b"scan 4"), filename="d.jpg", mime="image/jpeg", position=7
    )
    rows = store._read(
        "SELECT position, name, attachment_id FROM components WHERE dossier_uuid=? ORDER BY position",
        (d.uuid,),
    )
    assert [tuple(r) for r in rows] == [
        (1, "Giấy khai sinh", att),
        (2, "Giấy chứng nhận kết hôn", att2),
        (3, "Sổ hộ khẩu", att3),
        (7, "Ảnh", att4),
    ]
    with pytest.raises(StoreError, match="item number is a whole number from 1"):
        store.add_attachment(
            d.uuid, "x", io.BytesIO(b"x"), filename="e.pdf", mime="application/pdf", position=0
        )
    # The old call still appends a new component.
    store.add_attachment(d.uuid, "Khác", io.BytesIO(b"x"), filename="f.pdf", mime="application/pdf")
    assert store._read("SELECT max(position) FROM components WHERE dossier_uuid=?", (d.uuid,))[0][0] == 8
    assert store.verify_log().ok


def test_one_log_entry_per_upload_with_the_callers_counts(store):
    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    store.add_component(d.uuid, "Giấy khai sinh")
    att = store.add_attachment(
        d.uuid,
        "Giấy khai sinh",
        io.BytesIO(b"scan"),
        filename="a.pdf",
        mime="application/pdf",
        position=1,
        log_detail="digitise; item=1; pages=2",
    )
    # add_component's own entry, then exactly one for the upload.
    assert _attach_entries(store, d.uuid) == [
        "component=1",
        f"digitise; item=1; pages=2; component=1 attachment={att}",
    ]


def test_scan_attach_is_logged_once_and_fills_the_recorded_paper(store):
    from kiosk.scan.attach import attach_pdf
    from kiosk.scan.page import Page
    from kiosk.scan.pdfa import PdfMetadata, build_pdfa
    from kiosk.scan.samples import a4_page

    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    store.add_component(d.uuid, "Giấy khai sinh")
    pdf = build_pdfa([Page(a4_page(200), 200)], PdfMetadata(d.provisional_code, "Giấy khai sinh", 1))
    done = attach_pdf(store, d.uuid, "Giấy khai sinh", pdf, dossier_code=d.provisional_code, item_number=1)
    (comp,) = store.get_dossier(d.uuid).components
    assert comp.attachment_id == done.attachment_id
    entries = _attach_entries(store, d.uuid)
    assert len(entries) == 2 and entries[0] == "component=1"
    assert entries[1].startswith("digitise; item=1; pages=1; legal=1")
    assert entries[1].endswith(f"component=1 attachment={done.attachment_id}")


def test_digitisation_stats_per_procedure(store):
    from kiosk.dossier.errors import AccessDeniedError

    assert store.digitisation_stats() == {}
    a = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    store.add_component(a.uuid, "Giấy khai sinh")
    store.add_component(a.uuid, "Giấy chứng nhận kết hôn")
    store.add_attachment(
        a.uuid, "Giấy khai sinh", io.BytesIO(b"s"), filename="a.pdf", mime="application/pdf", position=1
    )
    b = store.create_dossier("TP-KS", {"applicant": citizen(1)}, {})
    store.add_attachment(b.uuid, "Tờ khai", io.BytesIO(b"s"), filename="b.pdf", mime="application/pdf")
    store.create_dossier("HT-01", {"applicant": citizen(1)}, {})  # no papers: not listed
    assert store.digitisation_stats() == {
        "CT01": {"components": 2, "digitised": 1},
        "TP-KS": {"components": 1, "digitised": 1},
    }
    store.transition(b.uuid, "withdrawn")
    store.purge_dossier(b.uuid)
    assert store.digitisation_stats() == {"CT01": {"components": 2, "digitised": 1}}
    store.restrict_to_owner("someone else")
    assert store.digitisation_stats() == {}
    store.restrict_to_kiosk()
    with pytest.raises(AccessDeniedError):
        store.digitisation_stats()

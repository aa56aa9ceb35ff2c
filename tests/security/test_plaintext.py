"""After a full workflow, no personal data (names, ID numbers, addresses of the test
citizens) is readable in any file under the profile, the temp directory or the logs,
in UTF-8 (NFC and NFD) or UTF-16 (LE and BE)."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

from kiosk.dossier.model import DossierState as S
from kiosk.profile import Profile
from kiosk.security import consent
from kiosk.security.keys import unlock_with_passphrase
from tests.dossier.cli_helpers import data_file, init, kiosk
from tests.dossier.people import PASSPHRASE, citizen, plaintext_needles


def _encodings(text: str) -> list[bytes]:
    out = []
    for form in ("NFC", "NFD"):
        t = unicodedata.normalize(form, text)
        out += [t.encode("utf-8"), t.encode("utf-16-le"), t.encode("utf-16-be")]
    return out


def _scan(dirs: list[Path], needles: list[str]) -> list[str]:
    found = []
    for d in dirs:
        for f in d.rglob("*"):
            if not f.is_file():
                continue
            blob = f.read_bytes()
            for n in needles:
                if any(e in blob for e in _encodings(n)):
                    found.append(f"{f.relative_to(d)}: {n[:3]}…")
    return found


def test_no_plaintext_personal_data_on_disk(tmp_path):
    prof, tmp = tmp_path / "profile", tmp_path / "tmp"
    tmp.mkdir()
    init(prof, tmpdir=tmp)
    # A scan whose own bytes contain the personal data (as a text PDF would).
    scan = tmp_path / "outside" / "to-khai.pdf"
    scan.parent.mkdir()
    scan.write_bytes(("%PDF-1.4 " + " ".join(plaintext_needles())).encode("utf-8") * 200)
    for i in range(3):
        r = kiosk(
            prof,
            "-v",
            "dossier",
            "create",
            "--procedure",
            "CT01",
            "--data",
            str(data_file(tmp_path, i)),
            "--attach",
            str(scan),
            "--queue",
            "--json",
            tmpdir=tmp,
        )
        assert r.returncode == 0, r.stderr
    for args in (
        ("dossier", "list", "--search", "nguyễn"),
        ("dossier", "show", "H29", "--json"),
        ("dossier", "export", "--subject"),
        ("admin", "verify-log"),
    ):
        kiosk(prof, "-v", *args, tmpdir=tmp, stdin="001099012345\n")
    (tmp_path / "data0.json").unlink()
    (tmp_path / "data1.json").unlink()
    (tmp_path / "data2.json").unlink()

    profile = Profile.open(prof)
    store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        sid = store.begin_citizen_session()
        consent.record_consent(
            store,
            purpose="chip_read",
            text_version="v1",
            method="touch",
            session_id=sid,
            sensitive_items=["religion"],
        )
        d = store.create_dossier(
            "BIRTH", {"applicant": citizen(1), "father": citizen(2)}, {"child_name": "Trần Minh Khôi"}
        )
        consent.link_consents(store, sid, id_number="079185004321", dossier_uuid=d.uuid)
        store.add_attachment(
            d.uuid,
            "Giấy chứng sinh",
            io.BytesIO(json.dumps(citizen(1).to_json(), ensure_ascii=False).encode("utf-16")),
            filename="gcs.json",
            mime="application/json",
        )
        store.transition(d.uuid, S.received)
        store.transition(d.uuid, S.queued)
        e = store.outbox_mark_attempt(d.uuid)
        payload = store.export_for_sync(d.uuid)
        for f in payload.files:
            with f.open() as fh:
                fh.read()
        store.outbox_mark_synced(d.uuid, "OFF-77", e.revision)
        store.end_citizen_session()
        assert store.list_dossiers()
    needles = [*plaintext_needles(), "Trần Minh Khôi"]
    dirs = [prof, tmp]
    assert sum(1 for d in dirs for f in d.rglob("*") if f.is_file()) >= 8
    assert (prof / "logs" / "kiosk.log").exists()
    assert _scan(dirs, needles) == []
    # The scan itself can find what it looks for.
    (tmp / "leak.txt").write_bytes("x Hồ Đức Phúc y".encode("utf-16-le"))
    assert _scan([tmp], needles) == ["leak.txt: Hồ …"]

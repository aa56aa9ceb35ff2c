"""Each PDF becomes an encrypted dossier attachment; no plaintext scan reaches the disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.dossier.store import Store
from kiosk.profile import Profile
from kiosk.scan.attach import DIGITISE_ACTION, DIGITISE_TAG, attach_pdf
from kiosk.scan.errors import PdfAssemblyError
from kiosk.scan.page import Page
from kiosk.scan.pdfa import PdfMetadata, build_pdfa
from kiosk.scan.samples import a4_page


@pytest.fixture
def store(tmp_path: Path):
    s = Store.open(Profile.open(tmp_path / "profile"), os.urandom(32))
    s.actor = "canbo1"
    yield s
    s.close()


def test_attach_encrypted_and_logged(store: Store, tmp_path: Path) -> None:
    dossier = store.create_dossier("CT01", {}, {})
    code = dossier.provisional_code
    pdf = build_pdfa([Page(a4_page(200), 200)], PdfMetadata(code, "Tờ khai", 1, "canbo1"))
    done = attach_pdf(
        store, dossier.uuid, "Tờ khai", pdf, dossier_code=code, item_number=1, operator="canbo1"
    )
    assert done.legal and done.pages == 1 and done.filename.endswith("_01.pdf")
    with store.open_attachment(done.attachment_id) as fh:
        assert fh.read() == pdf
    # Nothing on disk holds the plaintext PDF (look for the JPEG bytes and the PDF header).
    marker = pdf[len(pdf) // 2 : len(pdf) // 2 + 64]
    for path in (tmp_path / "profile").rglob("*"):
        if (
            path.is_file()
            and path.suffix not in (".db", ".db-wal", ".db-shm")
            and "store.db" not in path.name
        ):
            data = path.read_bytes()
            assert marker not in data and b"%PDF-" not in data, path.name
    assert list((tmp_path / "profile" / "tmp").iterdir()) == []
    entries = [
        e
        for e in store.log_entries(dossier_uuid=dossier.uuid)
        if e.action == DIGITISE_ACTION and e.detail.startswith(DIGITISE_TAG)
    ]
    assert len(entries) == 1 and "pages=1; legal=1" in entries[0].detail
    components = store.get_dossier(dossier.uuid).components
    assert any(c.name == "Tờ khai" and c.attachment_id == done.attachment_id for c in components)


def test_non_legal_pdf_refused(store: Store) -> None:
    dossier = store.create_dossier("CT01", {}, {})
    low = build_pdfa([Page(a4_page(100), 100)], PdfMetadata("X", "Y", 1))
    with pytest.raises(PdfAssemblyError, match="at least 200 dpi"):
        attach_pdf(store, dossier.uuid, "Y", low, dossier_code="X", item_number=1)

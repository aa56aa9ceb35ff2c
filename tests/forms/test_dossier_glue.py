from __future__ import annotations

import io
from datetime import datetime

from kiosk.dossier.model import Component, Dossier, DossierState
from kiosk.forms.dossier_glue import filled_for_dossier, receipt_for_dossier
from kiosk.forms.receipt import render_receipt

from .conftest import elder, father, pdf_text


def _dossier(**kw) -> Dossier:
    base = dict(
        uuid="u1",
        procedure_id="bundle_death",
        provisional_code="TMP-7F3A-0001",
        state=DossierState.received,
        roles={"applicant": father(), "deceased": elder()},
        fields={"death_date": "01/11/2026", "phone": "0912345678"},
        received_at="2026-11-20T09:15:00",
        components=[Component("c1", "Giấy báo tử", "certified_copy", 1)],
    )
    base.update(kw)
    return Dossier(**base)


def test_dossier_fills_its_bundle(catalogue) -> None:
    filled = filled_for_dossier(_dossier(), catalogue)
    assert [f.form.id for f in filled] == ["death_registration", "CT01", "funeral_allowance"]
    assert filled[0].values["deceased_id"] == "001045006789"


def test_receipt_from_dossier_provisional_then_official(catalogue) -> None:
    r = receipt_for_dossier(_dossier(), agency="UBND XÃ A", unit="BỘ PHẬN MỘT CỬA", catalogue=catalogue)
    assert r.provisional and r.dossier_code == "TMP-7F3A-0001"
    assert r.received_at == datetime(2026, 11, 20, 9, 15)
    assert r.processing_days == 7  # the longest of the bundle's procedures (CT01)
    assert [c.name for c in r.components][-1] == "Giấy báo tử"
    assert r.applicant_name == father().get("full_name") and r.phone == "0912345678"
    buf = io.BytesIO()
    render_receipt(r, buf)
    assert "mã chính thức cấp sau khi đồng bộ" in pdf_text(buf.getvalue())
    official = receipt_for_dossier(
        _dossier(official_code="000.00.01.H26-261120-0007", procedure_id="CT01"),
        agency="UBND XÃ A",
        unit="BỘ PHẬN MỘT CỬA",
        catalogue=catalogue,
    )
    assert not official.provisional and official.dossier_code == "000.00.01.H26-261120-0007"
    assert official.procedure_name.startswith("Đăng ký cư trú")


def test_forms_attached_encrypted_to_a_real_store(tmp_path, catalogue) -> None:
    import os

    from kiosk.dossier.store import Store
    from kiosk.forms.dossier_glue import attach_forms
    from kiosk.profile import Profile

    profile = Profile.open(tmp_path / "profile")
    store = Store.open(profile, os.urandom(32))
    try:
        d = store.create_dossier(
            "bundle_death", {"applicant": father(), "deceased": elder()}, {"death_date": "01/11/2026"}
        )
        ids = attach_forms(store, d, catalogue)
        assert len(ids) == 3
        with store.open_attachment(ids[0]) as fh:
            pdf = fh.read()
        assert "NGUYỄN HỮU ĐỨC THỊNH VƯỢNG TRƯỜNG XUÂN" in pdf_text(pdf)
        # Nothing readable on disk: the attachment files are encrypted.
        for p in profile.root.rglob("*"):
            if p.is_file():
                assert b"%PDF" not in p.read_bytes()
        names = [c.name for c in store.get_dossier(d.uuid).components]
        assert any("(Mẫu TP/HT-2020-KT)" in n for n in names)
    finally:
        store.close()

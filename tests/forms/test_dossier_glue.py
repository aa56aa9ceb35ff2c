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


DEATH_TYPED = {
    ("death_registration", "addressee"): "UBND xã A",
    ("death_registration", "applicant_relation"): "Con",
    ("death_registration", "death_place"): "Nhà riêng",
    ("death_registration", "death_notice_no"): "12/GBT",
    ("death_registration", "death_date"): "01/11/2025",
    ("death_registration", "phone"): "0912345678",
    ("death_registration", "email"): "thinh.vuong@example.vn",
    ("CT01", "addressee"): "Công an xã A",
    ("CT01", "request"): "Xóa đăng ký thường trú",
    ("funeral_allowance", "addressee"): "UBND xã A",
}


def test_a_saved_bundle_gives_back_its_values_and_contacts(tmp_path, catalogue) -> None:
    """save_dossier keeps a bundle's values as "FORM.key": the receipt and the re-filled forms read them."""
    import os

    from kiosk.dossier.store import Store
    from kiosk.forms.dossier_glue import RECEIPT_NAME
    from kiosk.forms.session import FormSession
    from kiosk.profile import Profile
    from kiosk.reception import ReceiptOptions, receive_dossier

    store = Store.open(Profile.open(tmp_path / "profile"), os.urandom(32))
    try:
        session = FormSession.start(catalogue, "bundle_death")
        session.set_person("applicant", father())
        session.set_person("deceased", elder())
        for (form_id, key), value in DEATH_TYPED.items():
            session.set_typed(form_id, key, value)
        outcome = receive_dossier(store, session, ReceiptOptions(agency="UBND XÃ A"))
        saved = store.get_dossier(outcome.dossier.uuid)
        assert "phone" not in saved.fields and saved.fields["funeral_allowance.phone"] == "0912345678"
        receipt = receipt_for_dossier(saved, agency="UBND XÃ A", unit="BỘ PHẬN MỘT CỬA", catalogue=catalogue)
        assert receipt.phone == "0912345678" and receipt.email == "thinh.vuong@example.vn"
        assert receipt.applicant_name == father().get("full_name")
        assert receipt.address == father().get("place_of_residence")
        # Each form once (the attached PDFs are those forms), never the receipt itself.
        assert [c.name for c in receipt.components] == [
            "Tờ khai đăng ký khai tử (Mẫu TP/HT-2020-KT)",
            "Tờ khai thay đổi thông tin cư trú (Mẫu CT01)",
            "Tờ khai đề nghị hỗ trợ chi phí mai táng (Mẫu số 04)",
        ]
        assert RECEIPT_NAME in [c.name for c in saved.components]
        text = pdf_text(outcome.receipt_pdf or b"")
        assert "0912345678" in text and "thinh.vuong@example.vn" in text
        # The typed values come back into every form that held them.
        refilled = {f.form.id: f for f in filled_for_dossier(saved, catalogue)}
        assert refilled["death_registration"].values["death_date"] == "01/11/2025"
        assert refilled["funeral_allowance"].values["death_date"] == "01/11/2025"
        assert refilled["CT01"].values["request"] == "Xóa đăng ký thường trú"
        assert refilled["death_registration"].values["deceased_id"] == "001045006789"
        assert all(not f.conflicts for f in refilled.values())
    finally:
        store.close()

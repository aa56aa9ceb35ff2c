from __future__ import annotations

import pytest

from kiosk.errors import KioskError
from kiosk.security import consent
from kiosk.security.consent import ConsentRequiredError, Method, Purpose
from tests.dossier.people import citizen


def test_kiosk_mode_requires_consent_before_chip_read(store):
    store.actor = "kiosk"
    store.restrict_to_kiosk()
    session = store.begin_citizen_session()
    with pytest.raises(ConsentRequiredError, match="consent to read the chip"):
        consent.require_consent_for_chip_read(store, "kiosk", session)
    rec = consent.record_consent(
        store,
        purpose=Purpose.chip_read,
        text_version="CR-2026-01",
        method=Method.touch,
        session_id=session,
        sensitive_items=["religion", "ethnicity", "face"],
        given_by="kiosk",
    )
    assert rec.active and rec.sensitive_items == ["ethnicity", "face", "religion"] and rec.given_at
    consent.require_consent_for_chip_read(store, "kiosk", session)
    # Another session has no consent.
    with pytest.raises(ConsentRequiredError):
        consent.require_consent_for_chip_read(store, "community", "other-session")


def test_officer_mode_is_configurable(store):
    consent.require_consent_for_chip_read(store, "officer", None)
    store.update_settings(consent_required_officer=True)
    with pytest.raises(ConsentRequiredError):
        consent.require_consent_for_chip_read(store, "officer", None)


def test_link_withdraw_and_history(store):
    session = store.begin_citizen_session()
    rec = consent.record_consent(
        store, purpose="dossier_processing", text_version="DP-3", method="signature", session_id=session
    )
    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    assert consent.link_consents(store, session, id_number="001099012345", dossier_uuid=d.uuid) == 1
    assert consent.has_consent(store, Purpose.dossier_processing, id_number="001099012345")
    assert not consent.has_consent(store, Purpose.dossier_processing, id_number="079185004321")
    w = consent.withdraw_consent(store, rec.id, method=Method.verbal_witnessed, withdrawn_by="canbo1")
    assert not w.active and w.withdrawn_by == "canbo1" and w.withdrawal_method == "verbal_witnessed"
    assert not consent.has_consent(store, Purpose.dossier_processing, dossier_uuid=d.uuid)
    # The grant is kept next to the withdrawal.
    assert [r.id for r in consent.consents_for(store, dossier_uuid=d.uuid)] == [rec.id]
    actions = [e.action for e in store.log_entries()]
    assert "consent" in actions and "consent_withdraw" in actions
    assert store.verify_log().ok


def test_subject_ref_does_not_store_the_id(store):
    consent.record_consent(
        store, purpose="chip_read", text_version="v1", method="touch", id_number="001099012345"
    )
    rows = store._read("SELECT * FROM consents")
    assert "001099012345" not in repr(rows)


def test_bad_consent_inputs_are_clear(store):
    with pytest.raises(KioskError, match="version"):
        consent.record_consent(store, purpose="chip_read", text_version="", method="touch", session_id="s")
    with pytest.raises(KioskError, match="must name"):
        consent.record_consent(store, purpose="chip_read", text_version="v", method="touch")
    with pytest.raises(ValueError):
        consent.record_consent(store, purpose="marketing", text_version="v", method="touch", session_id="s")


def test_subject_export_collects_everything_about_one_citizen(store):
    a = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    store.create_dossier("CT01", {"applicant": citizen(1)}, {})
    b = store.create_dossier("BIRTH", {"applicant": citizen(2), "father": citizen(0)}, {})
    consent.record_consent(
        store, purpose="chip_read", text_version="v1", method="touch", id_number="001099012345"
    )
    out = consent.subject_export(store, "001099012345")
    assert sorted(d["uuid"] for d in out["dossiers"]) == sorted([a.uuid, b.uuid])
    assert len(out["consents"]) == 1 and "subject_ref" not in out["consents"][0]
    assert {e["dossier_uuid"] for e in out["processing_log"]} <= {a.uuid, b.uuid}
    assert store.log_entries()[0].action == "subject_request"

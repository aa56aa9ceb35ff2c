"""Trust store (PEM, DER, ICAO master list) and passive-authentication verdicts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from asn1crypto import cms, keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from kiosk.card.cert.passive import (
    UNSUPPORTED_CSCA,
    UNSUPPORTED_DSC_KEY,
    UNSUPPORTED_HASH,
    no_anchor_reason,
    passive_authentication,
)
from kiosk.card.cert.trust import CscaMasterList, TrustStore, TrustStoreError, install
from kiosk.card.lds.sod import parse_sod
from kiosk.card.sim.pki import Signer, build_sod, load_signer
from kiosk.card.verification import Check, Status

DGS = {1: b"dg1 bytes", 2: b"dg2 bytes", 13: b"dg13 bytes"}


def _master_list(certs: list[bytes]) -> bytes:
    ml = CscaMasterList({"version": 0, "cert_list": [asn1_x509.Certificate.load(c) for c in certs]})
    sd = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [],
            "encap_content_info": {"content_type": "2.23.136.1.1.2", "content": ml.dump()},
            "signer_infos": [],
        }
    )
    return cms.ContentInfo({"content_type": "signed_data", "content": sd}).dump()


def _der(tag: str) -> bytes:
    return load_signer(tag).csca.public_bytes(serialization.Encoding.DER)


def test_trust_store_reads_pem_der_and_master_lists(tmp_path: Path) -> None:
    (tmp_path / "a.pem").write_bytes(load_signer("demo").csca.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "b.der").write_bytes(_der("foreign"))
    (tmp_path / "c.ml").write_bytes(_master_list([_der("demo"), _der("foreign")]))
    (tmp_path / "junk.pem").write_bytes(b"not a certificate")
    (tmp_path / "readme.txt").write_text("ignored")
    store = TrustStore.load(tmp_path)
    assert len(store.anchors) == 4


def test_missing_trust_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TrustStoreError, match="does not exist"):
        TrustStore.load(tmp_path / "nope")


def test_install_checks_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pem"
    bad.write_bytes(b"hello")
    with pytest.raises(TrustStoreError, match="not a certificate"):
        install(bad, tmp_path / "trust")
    ml = tmp_path / "list.ml"
    ml.write_bytes(_master_list([_der("demo")]))
    target = install(ml, tmp_path / "trust")
    assert TrustStore.load(target.parent).anchors[0] == load_signer("demo").csca


def test_verdicts() -> None:
    sod = parse_sod(build_sod(DGS, load_signer("demo")))
    demo = TrustStore([load_signer("demo").csca])
    foreign_only = TrustStore([load_signer("foreign").csca])
    assert passive_authentication(sod, DGS, demo)[0].status is Status.VERIFIED
    assert passive_authentication(sod, DGS, None)[0].status is Status.NOT_CHECKED
    assert passive_authentication(sod, DGS, TrustStore())[0].status is Status.NOT_CHECKED
    # A trust store without this issuer's CSCA cannot confirm the origin: not checked, not failed.
    assert passive_authentication(sod, DGS, foreign_only)[0] == Check(
        Status.NOT_CHECKED, no_anchor_reason("VN")
    )
    changed = {**DGS, 2: b"other"}
    check, per_dg = passive_authentication(sod, changed, demo)
    assert check.status is Status.FAILED and "DG2" in check.reason
    assert per_dg == {1: Status.VERIFIED, 2: Status.FAILED, 13: Status.VERIFIED}
    # A DG the SOD does not list is as bad as a changed one.
    assert passive_authentication(sod, {**DGS, 11: b"x"}, demo)[0].status is Status.FAILED


def test_forged_signature_fails_even_without_trust_store() -> None:
    raw = bytearray(build_sod(DGS, load_signer("demo")))
    raw[-5] ^= 0xFF  # inside the ECDSA signature at the end of the SignerInfo
    sod = parse_sod(bytes(raw))
    check, _ = passive_authentication(sod, DGS, None)
    assert check.status is Status.FAILED


def _with_bp224_key(cert_der: bytes) -> x509.Certificate:
    """The same certificate with its key swapped for one on brainpoolP224r1 (the issuer's
    signature no longer matches, which does not matter: the key cannot even be loaded)."""
    from kiosk.card.sim.profile import _bp224_spki

    cert = asn1_x509.Certificate.load(cert_der)
    cert["tbs_certificate"]["subject_public_key_info"] = keys.PublicKeyInfo.load(_bp224_spki())
    return x509.load_der_x509_certificate(cert.dump(force=True))


def test_a_document_signer_key_cryptography_cannot_load_is_not_checked() -> None:
    demo = load_signer("demo")
    dsc = _with_bp224_key(demo.dsc.public_bytes(serialization.Encoding.DER))
    sod = parse_sod(build_sod(DGS, Signer(demo.csca, dsc, demo.dsc_key)))
    check, per_dg = passive_authentication(sod, DGS, TrustStore([demo.csca]))
    assert check == Check(Status.NOT_CHECKED, UNSUPPORTED_DSC_KEY)
    assert per_dg == {1: Status.VERIFIED, 2: Status.VERIFIED, 13: Status.VERIFIED}


def test_a_trusted_csca_key_cryptography_cannot_load_is_not_checked() -> None:
    demo = load_signer("demo")
    csca = _with_bp224_key(demo.csca.public_bytes(serialization.Encoding.DER))
    sod = parse_sod(build_sod(DGS, demo))
    assert passive_authentication(sod, DGS, TrustStore([csca]))[0] == Check(
        Status.NOT_CHECKED, UNSUPPORTED_CSCA
    )


def test_an_unknown_hash_algorithm_is_not_checked_not_a_crash() -> None:
    sod = dataclasses.replace(parse_sod(build_sod(DGS, load_signer("demo"))), hash_algorithm="1.2.3.4")
    check, per_dg = passive_authentication(sod, DGS, TrustStore([load_signer("demo").csca]))
    assert check == Check(Status.NOT_CHECKED, UNSUPPORTED_HASH)
    assert per_dg == {}


def test_a_matching_anchor_whose_signature_fails_is_a_failure() -> None:
    import datetime as dt

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    demo = load_signer("demo")
    impostor_key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    impostor = (
        x509.CertificateBuilder()
        .subject_name(demo.csca.subject)  # same name as the real CSCA, another key
        .issuer_name(demo.csca.subject)
        .public_key(impostor_key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(impostor_key, hashes.SHA256())
    )
    sod = parse_sod(build_sod(DGS, demo))
    check, _ = passive_authentication(sod, DGS, TrustStore([impostor]))
    assert check.status is Status.FAILED and "does not verify" in check.reason
    # With the real one next to it the document verifies.
    assert passive_authentication(sod, DGS, TrustStore([impostor, demo.csca]))[0].status is Status.VERIFIED

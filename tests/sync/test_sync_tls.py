"""TLS: verification is on; a pinned CA bundle is what makes a private server trusted."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sync_helpers import enrolled_profile, open_store, queue_dossier, server_dossiers, start_server

from kiosk.profile import Profile
from sync.device import load_device, save_device
from sync.enrol import EnrolmentError, enrol
from sync.worker import SyncWorker

pytestmark = [pytest.mark.server]


def _ca(tmp: Path, name: str) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    path = tmp / f"{name}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert, key, path


def _server_cert(tmp: Path, ca: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "server.pem", tmp / "server.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def test_tls_with_pinned_ca_bundle(tmp_path: Path) -> None:
    ca, ca_key, ca_path = _ca(tmp_path, "unit-ca")
    _other, _k, other_path = _ca(tmp_path, "other-ca")
    cert, key = _server_cert(tmp_path, ca, ca_key)
    server = start_server(tmp_path / "srv", tls=(cert, key, ca_path))
    try:
        assert server.url.startswith("https://")
        # Without the CA bundle the private server is not trusted: refused, nothing pinned.
        bare = Profile.open(tmp_path / "bare")
        with pytest.raises(EnrolmentError, match="not trusted"), open_store(bare) as bare_store:
            enrol(bare, server.url, server.admin().mint_enrol_code("H01"), store=bare_store)
        assert load_device(bare) is None

        prof = enrolled_profile(tmp_path / "p", server, ca_bundle=str(ca_path))
        dev = load_device(prof)
        assert dev is not None and dev.ca_bundle == str(ca_path)
        store = open_store(prof)
        uuid = queue_dossier(store, b"over TLS")
        assert SyncWorker(lambda: store, prof).run_until_empty(store=store).outcome == "empty"
        assert [r["uuid"] for r in server_dossiers(server)] == [uuid]

        # A device pinned to another CA refuses to talk to this server.
        dev.ca_bundle = str(other_path)
        save_device(prof, dev)
        queue_dossier(store, b"second")
        result = SyncWorker(lambda: store, prof).run_until_empty(store=store)
        assert result.outcome == "unreachable" and len(server_dossiers(server)) == 1
        store.close()
    finally:
        server.stop()

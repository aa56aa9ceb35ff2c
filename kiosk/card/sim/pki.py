"""Demo PKI for the simulated card: a demo CSCA, its document signer, and a foreign signer.

Keys are generated at run time (never committed) and cached in a per-user folder of the temp
directory so that a simulator process and a test process agree on the same demo CSCA.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk.card.lds.sod import LDS_SECURITY_OBJECT_OID, LDSSecurityObject
from kiosk.card.lds.tlv import encode


@dataclass(frozen=True)
class Signer:
    csca: x509.Certificate
    dsc: x509.Certificate
    dsc_key: ec.EllipticCurvePrivateKey


def _name(cn: str, country: str = "VN") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, country),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Mot Cua Kiosk DEMO (not a real authority)"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _cert(
    subject: x509.Name,
    issuer: x509.Name,
    key: ec.EllipticCurvePrivateKey,
    signer_key: ec.EllipticCurvePrivateKey,
    ca: bool,
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    b = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    return b.sign(signer_key, hashes.SHA256())


def _pki_dir() -> Path:
    base = os.environ.get("KIOSK_DEMO_PKI") or os.path.join(
        # per user; os.getuid exists only on POSIX (Windows' temp folder is per user already)
        tempfile.gettempdir(),
        f"kiosk-demo-pki-{os.getuid() if hasattr(os, 'getuid') else 'user'}",
    )
    return Path(base)


def _generate(directory: Path, tag: str, country: str) -> None:
    csca_key = ec.generate_private_key(ec.SECP256R1())
    dsc_key = ec.generate_private_key(ec.SECP256R1())
    csca = _cert(_name(f"{tag} CSCA", country), _name(f"{tag} CSCA", country), csca_key, csca_key, True)
    dsc = _cert(_name(f"{tag} Document Signer", country), csca.subject, dsc_key, csca_key, False)
    pem = serialization.Encoding.PEM
    key_fmt = (pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    tmp = directory / f".{tag}.{os.getpid()}.tmp"
    tmp.mkdir(mode=0o700)
    (tmp / "csca.pem").write_bytes(csca.public_bytes(pem))
    (tmp / "dsc.pem").write_bytes(dsc.public_bytes(pem))
    (tmp / "dsc.key").write_bytes(dsc_key.private_bytes(*key_fmt))
    try:
        os.rename(tmp, directory / tag)
    except OSError:  # another process won the race: use its keys
        for f in tmp.iterdir():
            f.unlink()
        tmp.rmdir()


def load_signer(tag: str = "demo") -> Signer:
    """The cached demo signer (``demo``) or the foreign one (``foreign``), created on first use."""
    directory = _pki_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not (directory / tag / "dsc.key").exists():
        _generate(directory, tag, "VN" if tag == "demo" else "UT")
    d = directory / tag
    key = serialization.load_pem_private_key((d / "dsc.key").read_bytes(), None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return Signer(
        x509.load_pem_x509_certificate((d / "csca.pem").read_bytes()),
        x509.load_pem_x509_certificate((d / "dsc.pem").read_bytes()),
        key,
    )


def export_demo_csca(trust_dir: Path) -> Path:
    """Write the demo CSCA certificate into a trust folder (tests, demo mode)."""
    trust_dir.mkdir(parents=True, exist_ok=True)
    target = trust_dir / "demo-csca.pem"
    target.write_bytes(load_signer("demo").csca.public_bytes(serialization.Encoding.PEM))
    return target


def build_sod(data_groups: dict[int, bytes], signer: Signer) -> bytes:
    lso = LDSSecurityObject(
        {
            "version": 0,
            "hash_algorithm": {"algorithm": "sha256"},
            "data_group_hash_values": [
                {"data_group_number": n, "data_group_hash_value": hashlib.sha256(raw).digest()}
                for n, raw in sorted(data_groups.items())
            ],
        }
    )
    econtent = lso.dump()
    cert = asn1_x509.Certificate.load(signer.dsc.public_bytes(serialization.Encoding.DER))
    attrs = cms.CMSAttributes(
        [
            cms.CMSAttribute({"type": "content_type", "values": [LDS_SECURITY_OBJECT_OID]}),
            cms.CMSAttribute({"type": "message_digest", "values": [hashlib.sha256(econtent).digest()]}),
        ]
    )
    signature = signer.dsc_key.sign(b"\x31" + attrs.dump()[1:], ec.ECDSA(hashes.SHA256()))
    signer_info = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": {
                        "issuer": cert.issuer,
                        "serial_number": cert.serial_number,
                    }
                }
            ),
            "digest_algorithm": {"algorithm": "sha256"},
            "signed_attrs": attrs,
            "signature_algorithm": {"algorithm": "sha256_ecdsa"},
            "signature": signature,
        }
    )
    sd = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {"content_type": LDS_SECURITY_OBJECT_OID, "content": econtent},
            "certificates": [cert],
            "signer_infos": [signer_info],
        }
    )
    return encode(0x77, cms.ContentInfo({"content_type": "signed_data", "content": sd}).dump())

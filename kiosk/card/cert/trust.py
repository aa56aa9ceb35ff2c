"""An installable trust store: a folder of CSCA certificates (PEM/DER) and ICAO master lists."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import cms, core
from asn1crypto import x509 as asn1_x509
from cryptography import x509

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}
MASTER_LIST_SUFFIXES = {".ml", ".p7m", ".p7b"}


class TrustStoreError(KioskError):
    pass


class CscaMasterList(core.Sequence):
    _fields = [("version", core.Integer), ("cert_list", core.SetOf, {"spec": asn1_x509.Certificate})]  # noqa: RUF012


def load_certificates(data: bytes) -> list[x509.Certificate]:
    if b"-----BEGIN CERTIFICATE-----" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


def load_master_list(data: bytes) -> list[x509.Certificate]:
    """CSCA certificates from an ICAO master list (CMS SignedData of a CscaMasterList).

    The master list's own signature is not checked: installing the file is the act of trust.
    """
    ci = cms.ContentInfo.load(data)
    content = ci["content"]["encap_content_info"]["content"].contents
    if content[:1] == b"\x04":
        content = core.OctetString.load(content).native
    ml = CscaMasterList.load(content)
    return [x509.load_der_x509_certificate(c.dump()) for c in ml["cert_list"]]


@dataclass
class TrustStore:
    anchors: list[x509.Certificate] = field(default_factory=list)
    source: str = ""

    @classmethod
    def load(cls, directory: Path) -> TrustStore:
        if not directory.is_dir():
            raise TrustStoreError(
                f"The trust folder {directory} does not exist; install CSCA certificates there."
            )
        store = cls(source=str(directory))
        for path in sorted(directory.iterdir()):
            suffix = path.suffix.lower()
            try:
                data = path.read_bytes()
                if suffix in CERT_SUFFIXES:
                    store.anchors.extend(load_certificates(data))
                elif suffix in MASTER_LIST_SUFFIXES:
                    store.anchors.extend(load_master_list(data))
            except (ValueError, OSError, TypeError, KeyError) as exc:
                # One bad file must not hide the others; the name goes to the log only.
                log.warning("trust store: skipped unreadable file %s (%s)", path.name, exc.__class__.__name__)
        return store

    def issuers_of(self, cert: x509.Certificate) -> list[x509.Certificate]:
        return [a for a in self.anchors if a.subject == cert.issuer]


def install(cert_file: Path, directory: Path) -> Path:
    """Copy a CSCA certificate or master list into the trust folder after checking it parses."""
    data = cert_file.read_bytes()
    try:
        if cert_file.suffix.lower() in MASTER_LIST_SUFFIXES:
            load_master_list(data)
        else:
            load_certificates(data)
    except (ValueError, TypeError, KeyError) as exc:
        raise TrustStoreError(f"{cert_file.name} is not a certificate or ICAO master list.") from exc
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / cert_file.name
    shutil.copyfile(cert_file, target)
    return target

"""Verification of signed PDFs: who signed, is it intact, what does the signature cover."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.scan.errors import VerifyError


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer: str  # certificate subject, human readable
    signer_serial: str
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature checks out
    trusted: bool  # the certificate chains to a given trust root
    coverage: str  # "entire file", "entire revision", "partial"
    modified_after: str  # "none", "form filling", "annotations", "other"
    signing_time: datetime | None
    timestamped: bool  # PAdES B-T (a trusted timestamp token is embedded)
    subfilter: str
    summary: str

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.coverage in ("entire file", "entire revision")


@dataclass
class VerifyReport:
    signatures: list[SignatureReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and all(s.ok for s in self.signatures)


def verify_pdf(data: bytes, *, trust_roots: list[bytes] | None = None) -> VerifyReport:
    """Check every signature of ``data``; ``trust_roots`` are DER/PEM CA certificates."""
    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from kiosk.scan.asn1_maps import refresh_oid_indexes

    refresh_oid_indexes()

    roots = []
    for raw in trust_roots or []:
        der = pem.unarmor(raw)[2] if pem.detect(raw) else raw
        roots.append(x509.Certificate.load(der))
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise VerifyError("The file is not a readable PDF.") from exc
    report = VerifyReport()
    if not sigs:
        return report
    for sig in sigs:
        vc = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(sig, vc, skip_diff=False)
        cov = status.coverage.name if status.coverage is not None else "UNKNOWN"
        coverage = {"ENTIRE_FILE": "entire file", "ENTIRE_REVISION": "entire revision"}.get(cov, "partial")
        mod = status.modification_level.name if status.modification_level is not None else "OTHER"
        modified = {
            "NONE": "none",
            "LTA_UPDATES": "none",
            "FORM_FILLING": "form filling",
            "ANNOTATIONS": "annotations",
        }.get(mod, "other")
        cert = status.signing_cert
        report.signatures.append(
            SignatureReport(
                field_name=sig.field_name,
                signer=cert.subject.human_friendly if cert is not None else "",
                signer_serial=format(cert.serial_number, "x") if cert is not None else "",
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                coverage=coverage,
                modified_after=modified,
                signing_time=status.signer_reported_dt,
                timestamped=status.timestamp_validity is not None,
                subfilter=str(sig.sig_object.get("/SubFilter", "")),
                summary=status.summary(),
            )
        )
    return report

"""Verification of signed PDFs: who signed, is it intact, what does the signature cover."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kiosk.scan.errors import VerifyError

# pyHanko logs a traceback for every illegal update it finds; the report states it in one line.
logging.getLogger("pyhanko.sign.diff_analysis").setLevel(logging.CRITICAL)

# What may follow a PAdES signature without voiding it: DSS and document timestamps (pyHanko's
# LTA_UPDATES) and further signatures (pyHanko files signing a new field under form filling).
# Annotations are refused too: one opaque rectangle can hide or replace what the page shows.
ALLOWED_AFTER_SIGNING = ("none", "signatures or timestamps")

NOT_INTACT = "The signed content was changed after signing."
NOT_VALID = "The signature value does not match the signer's certificate."
PARTIAL_COVERAGE = "The signature covers only part of the file."
CHANGED_AFTER = (
    "The pages or the document structure were changed after signing; the file is not what was signed."
)


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer: str  # certificate subject, human readable
    signer_serial: str
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature checks out
    trusted: bool  # the certificate chains to a given trust root
    coverage: str  # "entire file", "entire revision", "partial"
    # "none", "signatures or timestamps" (allowed), "annotations", "page content or structure"
    modified_after: str
    signing_time: datetime | None
    timestamped: bool  # PAdES B-T (a trusted timestamp token is embedded)
    subfilter: str
    summary: str

    docmdp_ok: bool = True  # the changes after signing are within the document's policy

    @property
    def problems(self) -> list[str]:
        """Why the signature does not hold (English sentences), empty when it does."""
        out = []
        if not self.intact:
            out.append(NOT_INTACT)
        if not self.valid:
            out.append(NOT_VALID)
        if self.coverage not in ("entire file", "entire revision"):
            out.append(PARTIAL_COVERAGE)
        if self.modified_after not in ALLOWED_AFTER_SIGNING or not self.docmdp_ok:
            out.append(CHANGED_AFTER)
        return out

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class VerifyReport:
    signatures: list[SignatureReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and all(s.ok for s in self.signatures)


def _signatures_only_policy() -> Any:
    """pyHanko's default policy without its generic field rule, so filling a text field after
    signing is an illegal change; creating and signing further signature fields stays allowed."""
    from pyhanko.sign.diff_analysis import (
        DEFAULT_DIFF_POLICY,
        FormUpdatingRule,
        SigFieldCreationRule,
        SigFieldModificationRule,
        StandardDiffPolicy,
    )

    return StandardDiffPolicy(
        global_rules=DEFAULT_DIFF_POLICY.global_rules,
        form_rule=FormUpdatingRule(field_rules=[SigFieldCreationRule(), SigFieldModificationRule()]),
    )


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
    policy = _signatures_only_policy()
    for sig in sigs:
        vc = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(sig, vc, diff_policy=policy, skip_diff=False)
        cov = status.coverage.name if status.coverage is not None else "UNKNOWN"
        coverage = {"ENTIRE_FILE": "entire file", "ENTIRE_REVISION": "entire revision"}.get(cov, "partial")
        mod = status.modification_level.name if status.modification_level is not None else "OTHER"
        modified = {
            "NONE": "none",
            "LTA_UPDATES": "signatures or timestamps",
            "FORM_FILLING": "signatures or timestamps",
            "ANNOTATIONS": "annotations",
        }.get(mod, "page content or structure")

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
                docmdp_ok=status.docmdp_ok is True,
                signing_time=status.signer_reported_dt,
                timestamped=status.timestamp_validity is not None,
                subfilter=str(sig.sig_object.get("/SubFilter", "")),
                summary=status.summary(),
            )
        )
    return report

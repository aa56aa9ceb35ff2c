"""Attach a component's PDF to its dossier as an encrypted attachment, and count it.

The PDF goes from memory straight into the store's encrypting writer (which only puts
encrypted bytes in ``profile.tmp_dir``); no plaintext scan ever touches the disk. The
store's one processing-log entry of the upload (action ``attach``) carries the scan's
``digitise`` detail, which the quality dashboard counts: legal-format pass rate, signed or
not (components digitised per procedure: ``Store.digitisation_stats()``). The PDF is filed
as the paper recorded at its item number when there is one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.scan.errors import PdfAssemblyError
from kiosk.scan.pdfa import check_legal, pdf_filename

# The processing log has a fixed action list; a digitisation is an "attach" whose detail starts
# with DIGITISE_TAG (a dedicated "digitise" action needs kiosk/security/processing_log.py).
DIGITISE_ACTION = "attach"
DIGITISE_TAG = "digitise"


class AttachmentStore(Protocol):
    def add_attachment(
        self,
        uuid: str,
        component: str,
        source: Any,
        *,
        filename: str,
        mime: str,
        copy_kind: str = "original",
        count: int = 1,
        position: int | None = None,
        log_detail: str = "",
    ) -> str: ...

    def log_event(
        self, action: str, *, dossier_uuid: str | None = None, actor: str | None = None, detail: str = ""
    ) -> None: ...


@dataclass(frozen=True)
class Attached:
    attachment_id: str
    filename: str
    pages: int
    legal: bool
    signed: bool
    size_bytes: int


def attach_pdf(
    store: AttachmentStore,
    dossier_uuid: str,
    component: str,
    pdf: bytes,
    *,
    dossier_code: str,
    item_number: int,
    operator: str | None = None,
    copy_kind: str = "original",
    require_legal: bool = True,
) -> Attached:
    """Store ``pdf`` as the attachment of ``component`` of the dossier; returns what was stored."""
    report = check_legal(pdf)
    if require_legal and not report.ok:
        raise PdfAssemblyError(
            f"The PDF does not meet the legal digitisation format ({report.problems[0]}); scan it again."
        )
    filename = pdf_filename(dossier_code, item_number)
    att_id = store.add_attachment(
        dossier_uuid,
        component,
        io.BytesIO(pdf),
        filename=filename,
        mime="application/pdf",
        copy_kind=copy_kind,
        count=1,
        position=item_number,
        log_detail=(
            f"{DIGITISE_TAG}; item={item_number}; pages={report.pages}; "
            f"legal={int(report.ok)}; signed={int(report.signed)}; ocr={int(report.text_layer)}; "
            f"bytes={len(pdf)}"
        ),
    )
    return Attached(att_id, filename, report.pages, report.ok, report.signed, len(pdf))


def paper_components(dossier: Any) -> list[tuple[str, int]]:
    """The papers of ``dossier`` still to digitise, as (name, item number).

    Components that already carry a file (the filled forms' PDFs, the receipt, earlier scans)
    are left out; the item number is the paper's position in the dossier, which the file name
    (dossier code + item number) repeats.
    """
    out: list[tuple[str, int]] = []
    for position, component in enumerate(getattr(dossier, "components", None) or [], start=1):
        if component.attachment_id is None and component.name.strip():
            out.append((component.name, position))
    return out

"""Incremental updates appended to a signed PDF, as a forger would make them."""

from __future__ import annotations

import io


def incremental_update(data: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    """Append one revision made by ``change(writer)``: the bytes of the signed revision stay as they
    are, so the signature itself still checks out."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    assert out.getvalue().startswith(data)
    return out.getvalue()


def replace_page_one(writer) -> None:  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils import generic

    page = writer.root["/Pages"]["/Kids"][0]
    forged = generic.StreamObject(stream_data=b"1 0 0 rg 0 0 595 842 re f")
    page["/Contents"] = writer.add_object(forged)
    writer.update_container(page)

"""PAdES signing with the officer's PKCS#11 token (pyHanko), applied last.

- B-B by default, B-T when a timestamp server URL is configured.
- The key is chosen by its CKA_ID, never by label: Vietnamese CA tokens ship with labels
  that are duplicated or mis-encoded. The token holding the key is found by looking for the
  certificate with that id (public objects need no login), so the PIN is only ever tried on
  that one token and a wrong guess cannot lock other tokens.
- A text-only signature block (agency, ISO 8601 time, Liberation Serif 10 pt, no seal
  image) sits at the top right of page 1.
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from kiosk.scan.errors import SignError, TokenError
from kiosk.scan.fonts import serif_font

log = logging.getLogger(__name__)
# fontTools reports every table it drops while subsetting the font; that is expected noise.
logging.getLogger("fontTools").setLevel(logging.ERROR)

VN_TZ = timezone(timedelta(hours=7), "ICT")
FIELD_NAME = "ChuKySo1"
BOX_W_PT, BOX_H_PT, MARGIN_PT = 230.0, 54.0, 18.0


@dataclass(frozen=True)
class TokenSpec:
    module: str  # path of the PKCS#11 library (e.g. the CA's driver .so/.dll)
    key_id: bytes  # CKA_ID of the signing key and its certificate
    pin: str = field(repr=False)  # never in logs or tracebacks
    token_label: str | None = None  # only to choose among several tokens holding the same id


@dataclass(frozen=True)
class SignOptions:
    agency: str = ""
    reason: str = "Số hóa hồ sơ"  # "digitisation of the dossier"
    location: str = ""
    tsa_url: str | None = None  # RFC 3161 server; gives PAdES B-T
    when: datetime | None = None  # stamp time shown in the block (default: now, Vietnam time)


def parse_key_id(text: str) -> bytes:
    cleaned = text.replace(":", "").replace(" ", "").lower().removeprefix("0x")
    try:
        value = bytes.fromhex(cleaned)
    except ValueError as exc:
        raise TokenError("The key id must be hexadecimal, e.g. 0a0b or 0A:0B.") from exc
    if not value:
        raise TokenError("The key id is empty; give the hexadecimal id of the signing key.")
    return value


@contextmanager
def open_token_session(spec: TokenSpec) -> Iterator[Any]:
    """A logged-in session on the token that holds the certificate with ``spec.key_id``."""
    import pkcs11
    from pkcs11 import Attribute, ObjectClass

    try:
        lib = pkcs11.lib(spec.module)
    except (OSError, RuntimeError, pkcs11.PKCS11Error) as exc:
        raise TokenError(
            "The token driver (PKCS#11 module) could not be loaded; check the module path given by the CA."
        ) from exc
    except Exception as exc:  # python-pkcs11 raises AlreadyInitialized etc. for broken modules
        raise TokenError(
            "The token driver (PKCS#11 module) failed to start; reinstall the CA's driver."
        ) from exc
    candidates = []
    for slot in lib.get_slots(token_present=True):
        try:
            token = slot.get_token()
        except pkcs11.PKCS11Error:
            continue
        if spec.token_label is not None and token.label != spec.token_label:
            continue
        try:
            with token.open() as pub:
                certs = list(
                    pub.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.ID: spec.key_id})
                )
        except pkcs11.PKCS11Error:
            continue
        if certs:
            candidates.append(token)
    if not candidates:
        raise TokenError(
            "No plugged-in token holds a certificate with that key id; plug in the token or check the id "
            "with 'kiosk scan keys --pkcs11 MODULE'."
        )
    if len(candidates) > 1:
        raise TokenError("Several tokens hold a key with that id; unplug the others and try again.")
    try:
        session = candidates[0].open(user_pin=spec.pin)
    except pkcs11.exceptions.PinIncorrect as exc:
        raise TokenError(
            "The token PIN is wrong; check it (the token locks after a few wrong tries)."
        ) from exc
    except pkcs11.exceptions.PinLocked as exc:
        raise TokenError("The token PIN is locked; ask the certificate authority to unlock it.") from exc
    except pkcs11.PKCS11Error as exc:
        raise TokenError(
            f"The token refused the login ({exc.__class__.__name__}); unplug and replug it."
        ) from exc
    try:
        yield session
    finally:
        session.close()


def list_token_keys(module: str) -> list[tuple[str, str, str]]:
    """(token label, key id hex, certificate subject) for every certificate on every token."""
    import pkcs11
    from asn1crypto import x509
    from pkcs11 import Attribute, ObjectClass

    try:
        lib = pkcs11.lib(module)
    except Exception as exc:
        raise TokenError("The token driver (PKCS#11 module) could not be loaded; check its path.") from exc
    out = []
    for slot in lib.get_slots(token_present=True):
        try:
            token = slot.get_token()
            with token.open() as pub:
                for cert in pub.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
                    subject = x509.Certificate.load(cert[Attribute.VALUE]).subject.human_friendly
                    out.append((token.label, bytes(cert[Attribute.ID]).hex(), subject))
        except pkcs11.PKCS11Error:  # an uninitialised token in a free slot
            continue
    return out


@functools.lru_cache(maxsize=2)
def _font_1000_upem(path: str) -> bytes:
    # pyHanko writes glyph widths in font units into /W, which PDF reads as 1/1000 em: with
    # Liberation's 2048 units per em the letters come out twice as far apart. Rescaling the
    # font to 1000 units per em (in memory) makes both agree.
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(path)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def _font_factory(font_size: int) -> Any:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    class _MemoryFontFactory(GlyphAccumulatorFactory):
        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(
                writer=writer,
                font_handle=io.BytesIO(_font_1000_upem(self.font_file)),
                font_size=self.font_size,
                obj_stream=obj_stream,
            )

    return _MemoryFontFactory(str(serif_font()), font_size=font_size)


def _stamp_text(signer_name: str, options: SignOptions, when: datetime) -> str:
    lines = [f"Ký bởi: {signer_name}"]
    if options.agency:
        lines.append(f"Cơ quan: {options.agency}")
    lines.append(f"Thời gian: {when.isoformat(timespec='seconds')}")
    return "\n".join(lines)


def signature_box(
    page_width: float, page_height: float, origin: tuple[float, float] = (0.0, 0.0)
) -> tuple[int, int, int, int]:
    """The block at the top right of the page, in PDF points (x1, y1, x2, y2); ``origin`` is the
    lower left corner of the page's visible box (not always 0, 0)."""
    x2 = origin[0] + page_width - MARGIN_PT
    y2 = origin[1] + page_height - MARGIN_PT
    return (round(x2 - BOX_W_PT), round(y2 - BOX_H_PT), round(x2), round(y2))


def _first_page_box(writer: Any) -> tuple[float, float, float, float]:
    """Page 1's visible box (CropBox, else MediaBox), wherever the page tree puts it: pages may
    sit in nested /Pages nodes and inherit both boxes from an ancestor."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.rw_common import find_inherited_value_in_tree

    try:
        page_ref, _resources = writer.find_page_for_modification(0)
        page = page_ref.get_object()
        box = find_inherited_value_in_tree(page, "/CropBox", "/Parent")
        if box is None:
            box = find_inherited_value_in_tree(page, "/MediaBox", "/Parent")
        x1, y1, x2, y2 = (float(v) for v in box)
    except (PdfError, KeyError, TypeError, ValueError) as exc:
        raise SignError(
            "The PDF's first page has no page size; assemble the PDF again before signing."
        ) from exc
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def _already_signed(writer: Any) -> bool:
    """Our signature field is there and filled: the file was signed (by this app) already."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        return any(True for _ in enumerate_sig_fields(writer.prev, filled_status=True, with_name=FIELD_NAME))
    except (PdfError, KeyError, TypeError, ValueError):  # a malformed form: pyHanko's signing reports it
        return False


def sign_pdf(data: bytes, token: TokenSpec, options: SignOptions | None = None) -> bytes:
    """Sign ``data`` (an incremental update; the PDF/A content is untouched) and return the bytes."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers, timestamps
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.pkcs11 import PKCS11Signer
    from pyhanko.stamp import TextStampStyle

    from kiosk.scan.asn1_maps import refresh_oid_indexes

    refresh_oid_indexes()

    opts = options or SignOptions()
    when = (opts.when or datetime.now(VN_TZ)).astimezone(VN_TZ)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    except (PdfReadError, ValueError) as exc:
        raise SignError("The file is not a readable PDF; assemble the PDF again before signing.") from exc
    if writer.prev.encrypted:
        raise SignError("The PDF is encrypted; sign the unencrypted PDF/A produced by the scan.")
    if _already_signed(writer):
        raise SignError(
            "The PDF is already signed; sign the unsigned PDF/A, since nothing may change a signed file."
        )
    x1, y1, x2, y2 = _first_page_box(writer)
    width, height = x2 - x1, y2 - y1
    with open_token_session(token) as session:
        probe = PKCS11Signer(session, key_id=token.key_id, cert_id=token.key_id)
        try:
            cert = probe.signing_cert
        except Exception as exc:
            raise TokenError("The certificate for that key id cannot be read from the token.") from exc
        # Many tokens (SoftHSM, some CA tokens) only offer raw CKM_ECDSA: hash on the host then.
        raw = cert.public_key.algorithm == "ec"
        signer = PKCS11Signer(session, key_id=token.key_id, cert_id=token.key_id, use_raw_mechanism=raw)
        signer_name = cert.subject.native.get("common_name") or cert.subject.human_friendly
        style = TextStampStyle(
            stamp_text=_stamp_text(str(signer_name), opts, when),
            text_box_style=TextBoxStyle(
                font=_font_factory(10),
            ),
            border_width=0,
            background=None,
        )
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=opts.reason or None,
            location=opts.location or None,
            use_pades_lta=False,
        )
        timestamper = timestamps.HTTPTimeStamper(opts.tsa_url) if opts.tsa_url else None
        pdf_signer = signers.PdfSigner(
            meta,
            signer=signer,
            timestamper=timestamper,
            stamp_style=style,
            new_field_spec=fields.SigFieldSpec(
                sig_field_name=FIELD_NAME, on_page=0, box=signature_box(width, height, (x1, y1))
            ),
        )
        out = io.BytesIO()
        try:
            pdf_signer.sign_pdf(writer, output=out)
        except SigningError as exc:
            raise SignError(
                f"Signing failed ({exc.__class__.__name__}); check the token and the key id."
            ) from exc
        except Exception as exc:
            if "timestamp" in str(exc).lower() or exc.__class__.__name__.startswith("Timestamp"):
                raise SignError(
                    "The timestamp server did not answer; check its address or sign without it."
                ) from exc
            raise
    return out.getvalue()

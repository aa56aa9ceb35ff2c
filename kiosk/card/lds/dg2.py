"""DG2: the face, an ISO/IEC 19794-5 record holding a JPEG or JPEG 2000 image."""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

from kiosk.card.errors import ParseError
from kiosk.card.lds.tlv import TLVError, encode, iter_tlv, unwrap

JP2_SIGNATURE = bytes.fromhex("0000000C6A5020200D0A870A")
J2K_CODESTREAM = bytes.fromhex("FF4FFF51")
JPEG_SOI = bytes.fromhex("FFD8FF")


@dataclass(frozen=True)
class FaceImage:
    mime: str  # image/jpeg or image/jp2
    data: bytes
    width: int
    height: int


def _biometric_data(data: bytes) -> bytes:
    body = unwrap(data, 0x75)
    for tag, value in iter_tlv(body):
        if tag == 0x7F61:
            for t2, v2 in iter_tlv(value):
                if t2 == 0x7F60:
                    for t3, v3 in iter_tlv(v2):
                        if t3 in (0x5F2E, 0x7F2E):
                            return v3
    raise TLVError("DG2 without a face record")


def parse_dg2(data: bytes) -> FaceImage:
    rec = _biometric_data(data)
    if rec[:4] != b"FAC\x00":
        raise TLVError("DG2 face record header")
    # General header (14 bytes), facial record header (20 bytes), then feature points.
    try:
        n_points = struct.unpack(">H", rec[18:20])[0]
        img = 14 + 20 + 8 * n_points
        image_type = rec[img + 1]
        width, height = struct.unpack(">HH", rec[img + 2 : img + 6])
        payload = rec[img + 12 :]
    except (struct.error, IndexError) as exc:
        raise TLVError("DG2 face record") from exc
    if payload.startswith(JPEG_SOI):
        mime = "image/jpeg"
    elif payload.startswith(JP2_SIGNATURE) or payload.startswith(J2K_CODESTREAM):
        mime = "image/jp2"
    else:
        mime = "image/jpeg" if image_type == 0 else "image/jp2"
        for sig, m in ((JPEG_SOI, "image/jpeg"), (JP2_SIGNATURE, "image/jp2"), (J2K_CODESTREAM, "image/jp2")):
            i = rec.find(sig)
            if i >= 0:
                payload, mime = rec[i:], m
                break
        else:
            raise TLVError("DG2 image data")
    return FaceImage(mime, payload, width, height)


def to_jpeg(face: FaceImage) -> bytes:
    """The face as JPEG bytes for display (JPEG 2000 is decoded by Pillow and re-encoded)."""
    if face.mime == "image/jpeg":
        return face.data
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(face.data)) as im:
            out = io.BytesIO()
            im.convert("RGB").save(out, "JPEG", quality=90)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ParseError("The photo on the card could not be decoded.") from exc


def encode_dg2(image: bytes, width: int, height: int, jpeg2000: bool = False) -> bytes:
    facial = struct.pack(">IHBBBBBBHBBBBBB", 20 + 12 + len(image), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    facial = facial[:20]
    info = struct.pack(">BBHHBBHH", 1, 1 if jpeg2000 else 0, width, height, 1, 2, 0, 0)
    record_len = 14 + len(facial) + len(info) + len(image)
    header = b"FAC\x00" + b"010\x00" + struct.pack(">IH", record_len, 1)
    rec = header + facial + info + image
    bhdr = encode(0xA1, encode(0x80, b"\x01\x01") + encode(0x87, b"\x01\x01") + encode(0x88, b"\x00\x08"))
    return encode(0x75, encode(0x7F61, encode(0x02, b"\x01") + encode(0x7F60, bhdr + encode(0x5F2E, rec))))

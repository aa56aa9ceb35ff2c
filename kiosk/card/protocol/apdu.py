"""Command APDU encoding (short and extended length) and parsing, ISO/IEC 7816-4."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.card.errors import CardProtocolError


@dataclass(frozen=True)
class Command:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None  # expected length; 256 (short) / 65536 (extended) mean "all"
    extended: bool = False

    def encode(self) -> bytes:
        ext = self.extended or len(self.data) > 255 or (self.le is not None and self.le > 256)
        out = bytes((self.cla, self.ins, self.p1, self.p2))
        if self.data:
            if ext:
                out += b"\x00" + len(self.data).to_bytes(2, "big")
            else:
                out += bytes((len(self.data),))
        out += self.data
        if self.le is not None:
            if ext:
                le = self.le & 0xFFFF
                out += (b"\x00" if not self.data else b"") + le.to_bytes(2, "big")
            else:
                out += bytes((self.le & 0xFF,))
        return out


def parse_command(apdu: bytes) -> Command:
    """Decode a C-APDU (cases 1-4, short or extended)."""
    if len(apdu) < 4:
        raise CardProtocolError("The command was shorter than an APDU header.")
    cla, ins, p1, p2 = apdu[:4]
    body = apdu[4:]
    if not body:
        return Command(cla, ins, p1, p2)
    if len(body) == 1:
        return Command(cla, ins, p1, p2, le=body[0] or 256)
    if body[0] == 0 and len(body) >= 3:  # extended
        if len(body) == 3:
            return Command(cla, ins, p1, p2, le=int.from_bytes(body[1:3], "big") or 65536, extended=True)
        lc = int.from_bytes(body[1:3], "big")
        data = body[3 : 3 + lc]
        rest = body[3 + lc :]
        if len(data) != lc or len(rest) not in (0, 2):
            raise CardProtocolError("The extended command length fields were inconsistent.")
        le = (int.from_bytes(rest, "big") or 65536) if rest else None
        return Command(cla, ins, p1, p2, data, le, extended=True)
    lc = body[0]
    data = body[1 : 1 + lc]
    rest = body[1 + lc :]
    if len(data) != lc or len(rest) > 1:
        raise CardProtocolError("The command length fields were inconsistent.")
    return Command(cla, ins, p1, p2, data, (rest[0] or 256) if rest else None)

"""A card channel: plain or secure-messaging transmit, file selection and adaptive reading."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.card.errors import CardError, CardProtocolError, CardRemovedError, ParseError, StatusWordError
from kiosk.card.lds.tlv import TLVError, encode, header_length, read_tlv
from kiosk.card.pcsc.errors import Meaning
from kiosk.card.pcsc.transport import Transport, describe, trace
from kiosk.card.protocol.apdu import Command
from kiosk.card.protocol.secure_messaging import SecureMessaging

SHORT_SM_CHUNK = 0xDF  # largest plaintext that fits a short R-APDU under SM (DOMAIN.md)
EXTENDED_CHUNK = 0x1000  # conservative extended-length read size most chips and readers accept
_MALFORMED_READ = "The card gave a malformed answer while a file was read; place the card again."


# Readers that broke an extended-length APDU below the status-word level in this session (the
# driver, not the chip): later reads on them use short APDUs from the start.
_SHORT_ONLY_READERS: set[str] = set()


def remember_short_only(reader: str) -> None:
    _SHORT_ONLY_READERS.add(reader)


class ExtendedLengthRejected(CardRemovedError):
    """An extended-length read failed at the PC/SC level (no status word): either the reader
    cannot carry extended APDUs or the card left; only a short-APDU retry tells them apart."""

    def __init__(self, message: str, reader: str) -> None:
        super().__init__(message)
        self.reader = reader


class FileNotFoundOnCard(CardError):
    def __init__(self, fid: int) -> None:
        super().__init__(f"The card has no file {fid:04X}.")
        self.fid = fid


class FileAccessDenied(CardError):
    def __init__(self, fid: int) -> None:
        super().__init__(f"The card does not allow reading file {fid:04X}.")
        self.fid = fid


def extended_length_from_atr(atr: bytes) -> bool:
    """Card capabilities (compact-TLV 0x73, ISO 7816-4 8.1.1.2.7) in the historical bytes."""
    if len(atr) < 4 or atr[0] != 0x3B:
        return False
    t0 = atr[1]
    k = t0 & 0x0F
    i, y = 2, t0 >> 4
    while True:  # skip interface bytes
        i += bin(y & 0x0F).count("1") - (1 if y & 0x08 else 0)
        if y & 0x08:
            if i >= len(atr):
                return False
            y = atr[i] >> 4
            i += 1
        else:
            break
    hist = atr[i : i + k]
    if not hist or hist[0] != 0x80:
        return False
    j = 1
    while j < len(hist):
        tag, ln = hist[j] >> 4, hist[j] & 0x0F
        val = hist[j + 1 : j + 1 + ln]
        if tag == 0x7 and len(val) >= 3:
            return bool(val[2] & 0x40)
        j += 1 + ln
    return False


class Channel:
    def __init__(self, transport: Transport, *, short_only: bool = False) -> None:
        self.transport = transport
        self.reader = str(getattr(transport, "reader", "") or "")
        self.sm: SecureMessaging | None = None
        self.extended = (
            extended_length_from_atr(transport.atr)
            and not short_only
            and self.reader not in _SHORT_ONLY_READERS
        )
        self.chunk = EXTENDED_CHUNK if self.extended else SHORT_SM_CHUNK
        self.exact_reads = False  # set when the chip refuses reads past the end of a file

    def transmit(self, cmd: Command) -> tuple[bytes, int]:
        trace("-> " + describe(cmd, self.sm is not None))
        if self.sm is None:
            data, sw = self.transport.transmit_raw(cmd.encode())
        else:
            wrapped = self.sm.wrap(cmd)
            raw, sw = self.transport.transmit_raw(wrapped.encode())
            data, sw = self.sm.unwrap(raw, sw)
        trace(f"<- {len(data)} bytes SW={sw:04X}")
        return data, sw

    def select_file(self, fid: int) -> None:
        _, sw = self.transmit(Command(0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big")))
        if sw == 0x6A82:
            raise FileNotFoundOnCard(fid)
        if sw in (0x6982, 0x6985):
            raise FileAccessDenied(fid)
        if sw != 0x9000:
            raise StatusWordError(sw, "selecting a file")

    def _transmit_read(self, cmd: Command) -> tuple[bytes, int]:
        try:
            return self.transmit(cmd)
        except CardRemovedError as exc:
            meaning = getattr(exc, "pcsc_meaning", None)
            if cmd.extended and meaning not in (Meaning.CARD_REMOVED, Meaning.CARD_RESET, Meaning.NO_CARD):
                raise ExtendedLengthRejected(str(exc), self.reader) from exc
            raise

    def _read(self, offset: int, n: int) -> tuple[bytes, int]:
        ext = n > 256 or (self.extended and n > SHORT_SM_CHUNK)
        if offset <= 0x7FFF:
            return self._transmit_read(Command(0x00, 0xB0, offset >> 8, offset & 0xFF, le=n, extended=ext))
        # Offsets beyond 15 bits need the odd-INS READ BINARY with a DO'54' offset.
        off = offset.to_bytes(3 if offset > 0xFFFF else 2, "big")
        data, sw = self._transmit_read(
            Command(0x00, 0xB1, 0x00, 0x00, encode(0x54, off), le=n + 4, extended=ext)
        )
        if data:
            try:
                tag, value, _ = read_tlv(data)
            except TLVError as exc:
                raise CardProtocolError(_MALFORMED_READ) from exc
            if tag != 0x53:
                raise CardProtocolError(_MALFORMED_READ)
            data = value
        return data, sw

    def read_file(self, fid: int, on_progress: Callable[[int, int | None], None] | None = None) -> bytes:
        self.select_file(fid)
        buf = bytearray()
        total: int | None = None
        retries = 0
        while total is None or len(buf) < total:
            offset = len(buf)
            if total is None:
                want = 8 if self.exact_reads else self.chunk
            else:
                want = min(self.chunk, total - offset)
            chunk, sw = self._read(offset, want)
            if sw in (0x6700, 0x6B00) or (sw >> 8) == 0x6C:
                retries += 1
                if retries > 6:
                    raise StatusWordError(sw, "reading a file")
                if (sw >> 8) == 0x6C:
                    self.chunk = min(self.chunk, (sw & 0xFF) or 256)
                elif total is None and not self.exact_reads and sw == 0x6B00:
                    self.exact_reads = True
                elif self.chunk > SHORT_SM_CHUNK:
                    self.chunk = SHORT_SM_CHUNK  # the reader or chip refuses extended length
                    self.extended = False
                elif total is None and not self.exact_reads:
                    self.exact_reads = True  # chip refuses Le beyond the end of the file
                else:
                    self.chunk = max(self.chunk // 2, 16)
                continue
            if sw in (0x6982, 0x6985):
                raise FileAccessDenied(fid)
            if sw not in (0x9000, 0x6282):
                raise StatusWordError(sw, "reading a file")
            if not chunk:
                raise ParseError("The card ended a file early; place the card again.")
            buf += chunk
            if total is None:
                total = header_length(bytes(buf))
                if total is None:
                    if sw == 0x6282:
                        raise ParseError("The card ended a file early; place the card again.")
                    continue
            if sw == 0x6282 and len(buf) < total:
                raise ParseError("The card ended a file early; place the card again.")
            if on_progress:
                on_progress(min(len(buf), total), total)
        return bytes(buf[:total])

"""The TWAIN state machine, from the application's side (states 1..7 of the TWAIN spec).

    1 nothing  2 DSM loaded  3 DSM open  4 source open  5 source enabled  6 transfer ready
    7 transferring

Every call checks the state it needs before it reaches the driver (a wrong order is a bug
here, raised as :class:`TwainSequenceError`), and every ``TWRC_FAILURE`` is followed by
``DAT_STATUS`` so the condition code reaches the officer as one of the shared failure kinds.
:meth:`TwainSession.close` walks back down from whatever state a failure left us in.
"""

from __future__ import annotations

import ctypes
import logging
import queue
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from kiosk.scan.capture.twain import consts as c
from kiosk.scan.capture.twain.structs import (
    DSM_ENTRY_PROC,
    TW_CALLBACK,
    TW_CAPABILITY,
    TW_ENTRYPOINT,
    TW_ENUMERATION_HEAD,
    TW_EVENT,
    TW_FIX32,
    TW_IDENTITY,
    TW_IMAGEINFO,
    TW_IMAGELAYOUT,
    TW_IMAGEMEMXFER,
    TW_MEMORY,
    TW_ONEVALUE,
    TW_PENDINGXFERS,
    TW_RANGE,
    TW_SETUPMEMXFER,
    TW_STATUS,
    TW_USERINTERFACE,
)

log = logging.getLogger(__name__)

# TWAIN condition codes -> the failure kinds every backend shares (see capture/isolated.py)
CONDITION_KINDS: dict[int, str] = {
    c.TWCC_BUMMER: "other",
    c.TWCC_LOWMEMORY: "other",
    c.TWCC_NODS: "no_device",
    c.TWCC_MAXCONNECTIONS: "busy",
    c.TWCC_OPERATIONERROR: "io",
    c.TWCC_BADCAP: "invalid",
    c.TWCC_BADVALUE: "invalid",
    c.TWCC_CAPUNSUPPORTED: "invalid",
    c.TWCC_CAPBADOPERATION: "invalid",
    c.TWCC_DENIED: "denied",
    c.TWCC_PAPERJAM: "jam",
    c.TWCC_PAPERDOUBLEFEED: "jam",  # same remedy: open the feeder, take the sheets out
    c.TWCC_DAMAGEDCORNER: "jam",
    c.TWCC_CHECKDEVICEONLINE: "offline",
    c.TWCC_INTERLOCK: "cover_open",
    c.TWCC_NOMEDIA: "no_docs",
}
# DG_CONTROL triplets addressed to the DSM (destination NULL); everything else goes to the source.
_DSM_TRIPLETS = (c.DAT_PARENT, c.DAT_IDENTITY, c.DAT_ENTRYPOINT)
RETURN_KINDS: dict[int, str] = {c.TWRC_BUSY: "busy", c.TWRC_SCANNERLOCKED: "busy", c.TWRC_CANCEL: "cancelled"}

_ITEM_SIZES = {
    c.TWTY_INT8: 1,
    c.TWTY_INT16: 2,
    c.TWTY_INT32: 4,
    c.TWTY_UINT8: 1,
    c.TWTY_UINT16: 2,
    c.TWTY_UINT32: 4,
    c.TWTY_BOOL: 2,
    c.TWTY_FIX32: 4,
}


def condition_kind(cc: int) -> str:
    return CONDITION_KINDS.get(cc, "other")


class TwainError(Exception):
    """A TWAIN call failed; ``kind`` is the shared failure kind, ``cc`` the condition code."""

    def __init__(self, operation: str, rc: int, cc: int) -> None:
        super().__init__(f"{operation} failed: rc={rc} cc={cc}")
        self.operation = operation
        self.rc = rc
        self.cc = cc
        self.kind = RETURN_KINDS.get(rc) or condition_kind(cc)


class TwainSequenceError(RuntimeError):
    """The kiosk itself tried a TWAIN call in the wrong state (a bug, never a device problem)."""


@dataclass(frozen=True)
class CapValue:
    current: float | int
    choices: tuple[float | int, ...] = ()  # TW_ENUMERATION items
    bounds: tuple[float, float, float] | None = None  # TW_RANGE min, max, step


@dataclass
class Strip:
    """One TW_IMAGEMEMXFER buffer: ``rows`` rows of ``bytes_per_row`` starting at ``y``."""

    y: int
    rows: int
    bytes_per_row: int
    data: bytes


@dataclass(frozen=True)
class Image:
    pixels: np.ndarray  # H x W x 3 (RGB) or H x W (grey), uint8
    dpi: int


class _Memory:
    """DSM_MemAllocate & co. (TWAIN 2 DSMs hand them out; older ones need the platform's own)."""

    def __init__(self, entry: TW_ENTRYPOINT | None) -> None:
        self._entry = entry
        if entry is None:
            if sys.platform == "win32":
                k32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
                k32.GlobalAlloc.restype = ctypes.c_void_p
                k32.GlobalAlloc.argtypes = [ctypes.c_uint, ctypes.c_size_t]
                k32.GlobalLock.restype = ctypes.c_void_p
                k32.GlobalLock.argtypes = [ctypes.c_void_p]
                k32.GlobalUnlock.argtypes = [ctypes.c_void_p]
                k32.GlobalFree.argtypes = [ctypes.c_void_p]
                self._k32 = k32
            else:
                libc = ctypes.CDLL(None)
                libc.calloc.restype = ctypes.c_void_p
                libc.calloc.argtypes = [ctypes.c_size_t, ctypes.c_size_t]
                libc.free.argtypes = [ctypes.c_void_p]
                self._libc = libc

    def alloc(self, size: int) -> int:
        if self._entry is not None:
            handle = self._entry.DSM_MemAllocate(size)
        elif sys.platform == "win32":
            handle = self._k32.GlobalAlloc(0x0042, size)  # GHND: movable, zeroed
        else:
            handle = self._libc.calloc(1, size)
        if not handle:
            raise MemoryError("TWAIN container")
        return int(handle)

    def free(self, handle: int | None) -> None:
        if not handle:
            return
        if self._entry is not None:
            self._entry.DSM_MemFree(handle)
        elif sys.platform == "win32":
            self._k32.GlobalFree(handle)
        else:
            self._libc.free(handle)

    def lock(self, handle: int) -> int:
        if self._entry is not None:
            return int(self._entry.DSM_MemLock(handle))
        if sys.platform == "win32":
            return int(self._k32.GlobalLock(handle))
        return handle

    def unlock(self, handle: int) -> None:
        if self._entry is not None:
            self._entry.DSM_MemUnlock(handle)
        elif sys.platform == "win32":
            self._k32.GlobalUnlock(handle)


def load_dsm(path: str) -> Any:
    """Load the DSM library and type its one entry point."""
    loader = ctypes.WinDLL if sys.platform == "win32" else ctypes.CDLL  # type: ignore[attr-defined]
    lib = loader(path)
    entry = lib.DSM_Entry
    entry.restype = ctypes.c_uint16
    entry.argtypes = [
        ctypes.POINTER(TW_IDENTITY),
        ctypes.POINTER(TW_IDENTITY),
        ctypes.c_uint32,
        ctypes.c_uint16,
        ctypes.c_uint16,
        ctypes.c_void_p,
    ]
    return lib


def app_identity() -> TW_IDENTITY:
    ident = TW_IDENTITY()
    ident.Version.MajorNum = 1
    ident.Version.Language = c.TWLG_VIETNAMESE
    ident.Version.Country = c.TWCY_VIETNAM
    ident.Version.Info = b"Mot Cua Kiosk"
    ident.ProtocolMajor = c.TWON_PROTOCOLMAJOR
    ident.ProtocolMinor = c.TWON_PROTOCOLMINOR
    ident.SupportedGroups = c.DG_CONTROL | c.DG_IMAGE | c.DF_APP2
    ident.Manufacturer = b"Mot Cua Kiosk"
    ident.ProductFamily = b"Counter"
    ident.ProductName = b"Mot Cua Kiosk scan"
    return ident


class TwainSession:
    """One application's conversation with the DSM and at most one data source."""

    def __init__(self, lib: Any, *, parent: int | None = None, pump: Any = None) -> None:
        self._entry = lib.DSM_Entry
        self._parent = parent  # HWND on Windows; None elsewhere
        self._pump = pump  # Windows message pump (twain.winpump), None with callbacks only
        self.app = app_identity()
        self.source: TW_IDENTITY | None = None
        self.state = 2  # the library is loaded
        self.mem = _Memory(None)
        self._messages: queue.Queue[int] = queue.Queue()
        self._callback = DSM_ENTRY_PROC(self._on_message)  # kept alive as long as the session
        self.uses_callback = False

    # ------------------------------------------------------------------ plumbing
    def _need(self, *states: int, op: str) -> None:
        if self.state not in states:
            raise TwainSequenceError(f"{op} in state {self.state}")

    def _raw(self, dg: int, dat: int, msg: int, data: Any, *, to_source: bool | None = None) -> int:
        """One DSM_Entry call; triplets the DSM itself answers go with a NULL destination."""
        if to_source is None:
            to_source = dat not in _DSM_TRIPLETS
        dest = ctypes.byref(self.source) if to_source and self.source is not None else None
        return int(self._entry(ctypes.byref(self.app), dest, dg, dat, msg, data))

    def _status(self, to_source: bool) -> int:
        status = TW_STATUS()
        rc = self._raw(c.DG_CONTROL, c.DAT_STATUS, c.MSG_GET, ctypes.byref(status), to_source=to_source)
        return int(status.ConditionCode) if rc == c.TWRC_SUCCESS else c.TWCC_BUMMER

    def _call(self, op: str, dg: int, dat: int, msg: int, data: Any, *, ok: tuple[int, ...] = ()) -> int:
        to_source = dat not in _DSM_TRIPLETS
        rc = self._raw(dg, dat, msg, data, to_source=to_source)
        if rc in (c.TWRC_SUCCESS, *ok):
            return rc
        cc = self._status(to_source) if rc == c.TWRC_FAILURE else c.TWCC_SUCCESS
        log.debug("TWAIN %s: rc=%d cc=%d", op, rc, cc)
        raise TwainError(op, rc, cc)

    def _on_message(self, origin: Any, dest: Any, dg: int, dat: int, msg: int, data: Any) -> int:  # noqa: PLR0917
        # Called by the DS (often from its own thread): only queue, never call back into TWAIN here.
        self._messages.put(int(msg))
        return c.TWRC_SUCCESS

    # ------------------------------------------------------------------ states 2 <-> 3
    def open_dsm(self) -> None:
        self._need(2, op="MSG_OPENDSM")
        parent = ctypes.byref(ctypes.c_void_p(self._parent)) if self._parent else None
        self._call("MSG_OPENDSM", c.DG_CONTROL, c.DAT_PARENT, c.MSG_OPENDSM, parent)
        self.state = 3
        if self.app.SupportedGroups & c.DF_DSM2:
            entry = TW_ENTRYPOINT()
            entry.Size = ctypes.sizeof(TW_ENTRYPOINT)
            self._call("DAT_ENTRYPOINT", c.DG_CONTROL, c.DAT_ENTRYPOINT, c.MSG_GET, ctypes.byref(entry))
            self.mem = _Memory(entry)

    def close_dsm(self) -> None:
        self._need(3, op="MSG_CLOSEDSM")
        parent = ctypes.byref(ctypes.c_void_p(self._parent)) if self._parent else None
        self._call("MSG_CLOSEDSM", c.DG_CONTROL, c.DAT_PARENT, c.MSG_CLOSEDSM, parent)
        self.state = 2

    def sources(self) -> list[TW_IDENTITY]:
        self._need(3, 4, 5, 6, 7, op="DAT_IDENTITY enumeration")
        found: list[TW_IDENTITY] = []
        msg = c.MSG_GETFIRST
        while True:
            ident = TW_IDENTITY()
            rc = self._call(
                "source list",
                c.DG_CONTROL,
                c.DAT_IDENTITY,
                msg,
                ctypes.byref(ident),
                ok=(c.TWRC_ENDOFLIST,),
            )
            if rc == c.TWRC_ENDOFLIST:
                return found
            found.append(ident)
            msg = c.MSG_GETNEXT

    # ------------------------------------------------------------------ states 3 <-> 4
    def open_source(self, ident: TW_IDENTITY) -> None:
        self._need(3, op="MSG_OPENDS")
        chosen = TW_IDENTITY.from_buffer_copy(ident)
        self._call("MSG_OPENDS", c.DG_CONTROL, c.DAT_IDENTITY, c.MSG_OPENDS, ctypes.byref(chosen))
        self.source = chosen
        self.state = 4
        callback = TW_CALLBACK()
        callback.CallBackProc = ctypes.cast(self._callback, ctypes.c_void_p)
        if self.app.SupportedGroups & c.DF_DSM2:
            rc = self._raw(c.DG_CONTROL, c.DAT_CALLBACK, c.MSG_REGISTER_CALLBACK, ctypes.byref(callback))
            # A TWAIN 1.x source on Windows refuses: its messages then come through the pump.
            self.uses_callback = rc == c.TWRC_SUCCESS
            if not self.uses_callback:
                self._status(True)

    def close_source(self) -> None:
        self._need(4, op="MSG_CLOSEDS")
        assert self.source is not None
        self._call("MSG_CLOSEDS", c.DG_CONTROL, c.DAT_IDENTITY, c.MSG_CLOSEDS, ctypes.byref(self.source))
        self.source = None
        self.state = 3

    # ------------------------------------------------------------------ capabilities (state 4)
    def set_cap(self, cap: int, item_type: int, value: float | int | bool) -> int:
        """MSG_SET a TW_ONEVALUE; returns TWRC_SUCCESS or TWRC_CHECKSTATUS (the DS picked a near value)."""
        self._need(4, op=f"MSG_SET cap 0x{cap:04x}")
        handle = self.mem.alloc(ctypes.sizeof(TW_ONEVALUE))
        try:
            one = TW_ONEVALUE.from_address(self.mem.lock(handle))
            one.ItemType = item_type
            if item_type == c.TWTY_FIX32:
                one.Item = TW_FIX32.of(float(value)).as_uint32()
            else:
                one.Item = int(value) & (0xFFFF if item_type in (c.TWTY_INT16, c.TWTY_INT8) else 0xFFFFFFFF)
            self.mem.unlock(handle)
            capability = TW_CAPABILITY(cap, c.TWON_ONEVALUE, handle)
            return self._call(
                f"MSG_SET cap 0x{cap:04x}",
                c.DG_CONTROL,
                c.DAT_CAPABILITY,
                c.MSG_SET,
                ctypes.byref(capability),
                ok=(c.TWRC_CHECKSTATUS,),
            )
        finally:
            self.mem.free(handle)

    def get_cap(self, cap: int) -> CapValue:
        self._need(4, 5, 6, 7, op=f"MSG_GET cap 0x{cap:04x}")
        capability = TW_CAPABILITY(cap, 0, None)
        self._call(
            f"MSG_GET cap 0x{cap:04x}",
            c.DG_CONTROL,
            c.DAT_CAPABILITY,
            c.MSG_GET,
            ctypes.byref(capability),
        )
        handle = capability.hContainer
        try:
            address = self.mem.lock(handle)
            try:
                return _read_container(int(capability.ConType), address)
            finally:
                self.mem.unlock(handle)
        finally:
            self.mem.free(handle)  # the source allocated it; the application frees it

    def set_layout(self, width_in: float, height_in: float) -> int:
        self._need(4, op="DAT_IMAGELAYOUT MSG_SET")
        layout = TW_IMAGELAYOUT()
        layout.Frame.Right = TW_FIX32.of(width_in)
        layout.Frame.Bottom = TW_FIX32.of(height_in)
        layout.DocumentNumber = layout.PageNumber = layout.FrameNumber = 0xFFFFFFFF  # TWON_DONTCARE32
        return self._call(
            "DAT_IMAGELAYOUT",
            c.DG_IMAGE,
            c.DAT_IMAGELAYOUT,
            c.MSG_SET,
            ctypes.byref(layout),
            ok=(c.TWRC_CHECKSTATUS,),
        )

    # ------------------------------------------------------------------ states 4 <-> 5 <-> 6
    def enable(self) -> None:
        self._need(4, op="MSG_ENABLEDS")
        ui = TW_USERINTERFACE(0, 0, self._parent)  # ShowUI false: the kiosk is the interface
        self._call(
            "MSG_ENABLEDS",
            c.DG_CONTROL,
            c.DAT_USERINTERFACE,
            c.MSG_ENABLEDS,
            ctypes.byref(ui),
            ok=(c.TWRC_CHECKSTATUS,),
        )
        self.state = 5

    def wait_ready(self, cancelled: Callable[[], bool]) -> str:
        """Block until MSG_XFERREADY ("ready"), MSG_CLOSEDSREQ ("close") or a cancel ("cancelled")."""
        self._need(5, op="wait for MSG_XFERREADY")
        while True:
            if cancelled():
                return "cancelled"
            if self._pump is not None:
                self._pump.pump(self._process_event)
            try:
                msg = self._messages.get(timeout=0.05)
            except queue.Empty:
                continue
            if msg == c.MSG_XFERREADY:
                self.state = 6
                return "ready"
            if msg in (c.MSG_CLOSEDSREQ, c.MSG_CLOSEDSOK):
                return "close"

    def _process_event(self, event_address: int) -> bool:
        """Windows: offer one window message to the enabled source (DAT_EVENT / MSG_PROCESSEVENT)."""
        if self.state < 5 or self.source is None:
            return False
        event = TW_EVENT(event_address, 0)
        rc = self._raw(c.DG_CONTROL, c.DAT_EVENT, c.MSG_PROCESSEVENT, ctypes.byref(event))
        if event.TWMessage in (c.MSG_XFERREADY, c.MSG_CLOSEDSREQ, c.MSG_CLOSEDSOK):
            self._messages.put(int(event.TWMessage))
        return rc == c.TWRC_DSEVENT

    def disable(self) -> None:
        self._need(5, op="MSG_DISABLEDS")
        ui = TW_USERINTERFACE(0, 0, self._parent)
        self._call("MSG_DISABLEDS", c.DG_CONTROL, c.DAT_USERINTERFACE, c.MSG_DISABLEDS, ctypes.byref(ui))
        self.state = 4

    # ------------------------------------------------------------------ states 6 <-> 7
    def image_info(self) -> TW_IMAGEINFO:
        self._need(6, 7, op="DAT_IMAGEINFO")
        info = TW_IMAGEINFO()
        self._call("DAT_IMAGEINFO", c.DG_IMAGE, c.DAT_IMAGEINFO, c.MSG_GET, ctypes.byref(info))
        return info

    def transfer(
        self, cancelled: Callable[[], bool], progress: Callable[[float], None] | None = None
    ) -> Image | None:
        """One image by buffered memory transfer (DAT_IMAGEMEMXFER); None when cancelled mid-image.

        Leaves the session in state 7 (the caller ends the transfer with :meth:`end_transfer`).
        """
        self._need(6, op="DAT_IMAGEMEMXFER")
        info = self.image_info()
        spp = int(info.SamplesPerPixel)
        if (
            int(info.Compression) != c.TWCP_NONE
            or info.Planar
            or (int(info.PixelType), spp, int(info.BitsPerPixel))
            not in (
                (c.TWPT_RGB, 3, 24),
                (c.TWPT_GRAY, 1, 8),
            )
        ):
            raise TwainError("DAT_IMAGEINFO: unsupported image format", c.TWRC_FAILURE, c.TWCC_BADVALUE)
        width, length = int(info.ImageWidth), int(info.ImageLength)  # length -1: not known in advance
        setup = TW_SETUPMEMXFER()
        self._call("DAT_SETUPMEMXFER", c.DG_CONTROL, c.DAT_SETUPMEMXFER, c.MSG_GET, ctypes.byref(setup))
        size = int(setup.Preferred) or max(int(setup.MinBufSize), 64 * 1024)
        size = max(size, int(setup.MinBufSize))
        if setup.MaxBufSize:
            size = min(size, max(int(setup.MaxBufSize), int(setup.MinBufSize)))
        buffer = ctypes.create_string_buffer(size)
        strips: list[Strip] = []
        got_rows = 0
        while True:
            if cancelled():
                return None
            xfer = TW_IMAGEMEMXFER()
            xfer.Compression = 0xFFFF  # TWON_DONTCARE16: the source fills every field in
            xfer.BytesPerRow = xfer.Columns = xfer.Rows = xfer.XOffset = xfer.YOffset = 0xFFFFFFFF
            xfer.BytesWritten = 0xFFFFFFFF
            xfer.Memory = TW_MEMORY(c.TWMF_APPOWNS | c.TWMF_POINTER, size, ctypes.addressof(buffer))
            try:
                rc = self._call(
                    "DAT_IMAGEMEMXFER",
                    c.DG_IMAGE,
                    c.DAT_IMAGEMEMXFER,
                    c.MSG_GET,
                    ctypes.byref(xfer),
                    ok=(c.TWRC_XFERDONE,),
                )
            except TwainError as err:
                if err.rc == c.TWRC_CANCEL:  # cancelled at the device: still in state 7, MSG_ENDXFER next
                    self.state = 7
                raise
            self.state = 7
            if xfer.XOffset != 0 or int(xfer.Columns) != width:
                raise TwainError("DAT_IMAGEMEMXFER: tiled transfer", c.TWRC_FAILURE, c.TWCC_BADVALUE)
            strips.append(
                Strip(
                    int(xfer.YOffset),
                    int(xfer.Rows),
                    int(xfer.BytesPerRow),
                    buffer.raw[: int(xfer.BytesWritten)],
                )
            )
            got_rows += int(xfer.Rows)
            if progress is not None and length > 0:
                progress(min(1.0, got_rows / length))
            if rc == c.TWRC_XFERDONE:
                break
        dpi = round(info.XResolution.value())
        return Image(pixels=assemble(strips, width, spp), dpi=dpi)

    def end_transfer(self) -> int:
        """MSG_ENDXFER: returns the pending count (0: back to state 5; 0xFFFF: more, number unknown)."""
        self._need(6, 7, op="MSG_ENDXFER")
        pending = TW_PENDINGXFERS()
        self._call("MSG_ENDXFER", c.DG_CONTROL, c.DAT_PENDINGXFERS, c.MSG_ENDXFER, ctypes.byref(pending))
        self.state = 6 if pending.Count else 5
        return int(pending.Count)

    def reset(self) -> None:
        """MSG_RESET: drop every pending transfer (state 6 -> 5)."""
        self._need(6, op="MSG_RESET")
        pending = TW_PENDINGXFERS()
        self._call("MSG_RESET", c.DG_CONTROL, c.DAT_PENDINGXFERS, c.MSG_RESET, ctypes.byref(pending))
        self.state = 5

    # ------------------------------------------------------------------ unwinding
    def close(self) -> None:
        """Walk back to state 2 from wherever we are; failures here only get logged."""
        steps: dict[int, Callable[[], Any]] = {
            7: self.end_transfer,
            6: self.reset,
            5: self._disable_racing_xferready,
            4: self.close_source,
            3: self.close_dsm,
        }
        while self.state > 2:
            before = self.state
            try:
                steps[self.state]()
            except (TwainError, TwainSequenceError) as exc:
                log.debug("TWAIN close from state %d: %s", before, exc)
                return

    def _disable_racing_xferready(self) -> None:
        try:
            self.disable()
        except TwainError:
            # MSG_XFERREADY may have arrived while we were giving up: then reset and disable.
            if self._drain_ready():
                self.state = 6
                self.reset()
                self.disable()
            else:
                raise

    def _drain_ready(self) -> bool:
        ready = False
        while True:
            try:
                ready = self._messages.get_nowait() == c.MSG_XFERREADY or ready
            except queue.Empty:
                return ready


def assemble(strips: list[Strip], width: int, spp: int) -> np.ndarray:
    """Full-width strips -> one H x W (x 3) array, dropping each row's padding."""
    if not strips:
        raise TwainError("DAT_IMAGEMEMXFER: no data", c.TWRC_FAILURE, c.TWCC_BUMMER)
    height = max(s.y + s.rows for s in strips)
    row_bytes = width * spp
    out = np.empty((height, row_bytes), dtype=np.uint8)
    for s in strips:
        rows = np.frombuffer(s.data, dtype=np.uint8, count=s.rows * s.bytes_per_row).reshape(
            s.rows, s.bytes_per_row
        )
        out[s.y : s.y + s.rows] = rows[:, :row_bytes]
    return out.reshape(height, width, 3) if spp == 3 else out


def _item(address: int, item_type: int) -> float | int:
    if item_type == c.TWTY_FIX32:
        return TW_FIX32.from_address(address).value()
    ctype = {
        c.TWTY_INT8: ctypes.c_int8,
        c.TWTY_INT16: ctypes.c_int16,
        c.TWTY_INT32: ctypes.c_int32,
        c.TWTY_UINT8: ctypes.c_uint8,
        c.TWTY_UINT16: ctypes.c_uint16,
        c.TWTY_UINT32: ctypes.c_uint32,
        c.TWTY_BOOL: ctypes.c_uint16,
    }.get(item_type)
    if ctype is None:
        raise TwainError("capability item type", c.TWRC_FAILURE, c.TWCC_BADVALUE)
    return int(ctype.from_address(address).value)


def _read_container(con_type: int, address: int) -> CapValue:
    if con_type == c.TWON_ONEVALUE:
        one = TW_ONEVALUE.from_address(address)
        # The item's value sits in the first bytes of the 32-bit Item field.
        return CapValue(_item(address + TW_ONEVALUE.Item.offset, int(one.ItemType)))
    if con_type == c.TWON_ENUMERATION:
        head = TW_ENUMERATION_HEAD.from_address(address)
        size = _ITEM_SIZES.get(int(head.ItemType))
        if size is None:
            raise TwainError("enumeration item type", c.TWRC_FAILURE, c.TWCC_BADVALUE)
        base = address + ctypes.sizeof(TW_ENUMERATION_HEAD)
        items = tuple(_item(base + i * size, int(head.ItemType)) for i in range(int(head.NumItems)))
        current = items[int(head.CurrentIndex)] if int(head.CurrentIndex) < len(items) else items[0]
        return CapValue(current, choices=items)
    if con_type == c.TWON_RANGE:
        rng = TW_RANGE.from_address(address)
        kind = int(rng.ItemType)

        def val(raw: int) -> float:
            if kind == c.TWTY_FIX32:
                return TW_FIX32.from_uint32(raw).value()
            return float(raw)

        return CapValue(
            val(int(rng.CurrentValue)),
            bounds=(val(int(rng.MinValue)), val(int(rng.MaxValue)), val(int(rng.StepSize))),
        )
    raise TwainError("capability container", c.TWRC_FAILURE, c.TWCC_BADVALUE)

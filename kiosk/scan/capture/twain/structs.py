"""ctypes mirrors of the ``twain.h`` structures (2-byte packing, as the header sets on Windows and Linux).

TW_INT32/TW_UINT32 are 32-bit on every platform (``long`` on Windows, ``int`` elsewhere);
TW_HANDLE and TW_MEMREF are pointers. Only the structures the kiosk exchanges are declared.
"""

from __future__ import annotations

import ctypes
import sys

TW_STR32 = ctypes.c_char * 34
TW_HANDLE = ctypes.c_void_p
TW_MEMREF = ctypes.c_void_p


class TW_FIX32(ctypes.Structure):
    _pack_ = 2
    _fields_ = [("Whole", ctypes.c_int16), ("Frac", ctypes.c_uint16)]

    @classmethod
    def of(cls, value: float) -> TW_FIX32:
        # twain.h's recipe: round to the nearest 1/65536 and split into whole and fraction
        scaled = round(value * 65536.0)
        return cls(scaled >> 16, scaled & 0xFFFF)

    def value(self) -> float:
        return float(self.Whole) + float(self.Frac) / 65536.0

    def as_uint32(self) -> int:
        """The 32 bits a TW_FIX32 occupies inside a TW_ONEVALUE/TW_RANGE item."""
        return int.from_bytes(bytes(self), sys.byteorder)

    @classmethod
    def from_uint32(cls, raw: int) -> TW_FIX32:
        return cls.from_buffer_copy((raw & 0xFFFFFFFF).to_bytes(4, sys.byteorder))


class TW_FRAME(ctypes.Structure):
    _pack_ = 2
    _fields_ = [("Left", TW_FIX32), ("Top", TW_FIX32), ("Right", TW_FIX32), ("Bottom", TW_FIX32)]


class TW_VERSION(ctypes.Structure):
    _pack_ = 2
    _fields_ = [
        ("MajorNum", ctypes.c_uint16),
        ("MinorNum", ctypes.c_uint16),
        ("Language", ctypes.c_uint16),
        ("Country", ctypes.c_uint16),
        ("Info", TW_STR32),
    ]


class TW_IDENTITY(ctypes.Structure):
    _pack_ = 2
    _fields_ = [
        ("Id", ctypes.c_uint32),
        ("Version", TW_VERSION),
        ("ProtocolMajor", ctypes.c_uint16),
        ("ProtocolMinor", ctypes.c_uint16),
        ("SupportedGroups", ctypes.c_uint32),
        ("Manufacturer", TW_STR32),
        ("ProductFamily", TW_STR32),
        ("ProductName", TW_STR32),
    ]

    def text(self, field: str) -> str:
        raw: bytes = getattr(self, field)
        # Identity strings are ANSI in the DS's locale; latin-1 never fails and keeps ASCII names exact.
        return raw.decode("utf-8", errors="replace") if _is_utf8(raw) else raw.decode("latin-1")


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class TW_CAPABILITY(ctypes.Structure):
    _pack_ = 2
    _fields_ = [("Cap", ctypes.c_uint16), ("ConType", ctypes.c_uint16), ("hContainer", TW_HANDLE)]


class TW_ONEVALUE(ctypes.Structure):
    _pack_ = 2
    _fields_ = [("ItemType", ctypes.c_uint16), ("Item", ctypes.c_uint32)]


class TW_ENUMERATION_HEAD(ctypes.Structure):
    _pack_ = 2
    _fields_ = [
        ("ItemType", ctypes.c_uint16),
        ("NumItems", ctypes.c_uint32),
        ("CurrentIndex", ctypes.c_uint32),
        ("DefaultIndex", ctypes.c_uint32),
    ]


class TW_RANGE(ctypes.Structure):
    _pack_ = 2
    _fields_ = [
        ("ItemType", ctypes.c_uint16),
        ("MinValue", ctypes.c_uint32),
        ("MaxValue", ctypes.c_uint32),
        ("StepSize", ctypes.c_uint32),
        ("DefaultValue", ctypes.c_uint32),
        ("CurrentValue", ctypes.c_uint32),
    ]


class TW_USERINTERFACE(ctypes.Structure):
    _pack_ = 2
    _fields_ = [("ShowUI", ctypes.c_uint16), ("ModalUI", ctypes.c_uint16), ("hParent", TW_HANDLE)]


class TW_PENDINGXFERS(ctypes.Structure):
    _pack_ = 2
    _fields_ = [("Count", ctypes.c_uint16), ("EOJ", ctypes.c_uint32)]


class TW_IMAGEINFO(ctypes.Structure):
    _pack_ = 2
    _fields_ = [
        ("XResolution", TW_FIX32),
        ("YResolution", TW_FIX32),
        ("ImageWidth", ctypes.c_int32),
        ("ImageLength", ctypes.c_int32),
        ("SamplesPerPixel", ctypes.c_int16),
        ("BitsPerSample", ctypes.c_int16 * 8),
        ("BitsPerPixel", ctypes.c_int16),
        ("Planar", ctypes.c_uint16),
        ("PixelType", ctypes.c_int16),
        ("Compression", ctypes.c_uint16),
    ]


class TW_IMAGELAYOUT(ctypes.Structure):
    _pack_ = 2
    _fields_ = [
        ("Frame", TW_FRAME),
        ("DocumentNumber", ctypes.c_uint32),
        ("PageNumber", ctypes.c_uint32),
        ("FrameNumber", ctypes.c_uint32),
    ]


class TW_MEMORY(ctypes.Structure):
    _pack_ = 2
    _fields_ = [("Flags", ctypes.c_uint32), ("Length", ctypes.c_uint32), ("TheMem", TW_MEMREF)]


class TW_IMAGEMEMXFER(ctypes.Structure):
    _pack_ = 2
    _fields_ = [
        ("Compression", ctypes.c_uint16),
        ("BytesPerRow", ctypes.c_uint32),
        ("Columns", ctypes.c_uint32),
        ("Rows", ctypes.c_uint32),
        ("XOffset", ctypes.c_uint32),
        ("YOffset", ctypes.c_uint32),
        ("BytesWritten", ctypes.c_uint32),
        ("Memory", TW_MEMORY),
    ]


class TW_SETUPMEMXFER(ctypes.Structure):
    _pack_ = 2
    _fields_ = [
        ("MinBufSize", ctypes.c_uint32),
        ("MaxBufSize", ctypes.c_uint32),
        ("Preferred", ctypes.c_uint32),
    ]


class TW_STATUS(ctypes.Structure):
    _pack_ = 2
    _fields_ = [("ConditionCode", ctypes.c_uint16), ("Data", ctypes.c_uint16)]


class TW_CALLBACK(ctypes.Structure):
    _pack_ = 2
    _fields_ = [("CallBackProc", TW_MEMREF), ("RefCon", ctypes.c_uint32), ("Message", ctypes.c_int16)]


class TW_EVENT(ctypes.Structure):
    _pack_ = 2
    _fields_ = [("pEvent", TW_MEMREF), ("TWMessage", ctypes.c_uint16)]


# DSM_Entry and the callback share one signature; PASCAL (stdcall) only matters on 32-bit Windows.
_FUNCTYPE = ctypes.WINFUNCTYPE if sys.platform == "win32" else ctypes.CFUNCTYPE  # type: ignore[attr-defined]
DSM_ENTRY_PROC = _FUNCTYPE(
    ctypes.c_uint16,
    ctypes.POINTER(TW_IDENTITY),
    ctypes.POINTER(TW_IDENTITY),
    ctypes.c_uint32,
    ctypes.c_uint16,
    ctypes.c_uint16,
    TW_MEMREF,
)
MEM_ALLOCATE = _FUNCTYPE(TW_HANDLE, ctypes.c_uint32)
MEM_FREE = _FUNCTYPE(None, TW_HANDLE)
MEM_LOCK = _FUNCTYPE(TW_MEMREF, TW_HANDLE)
MEM_UNLOCK = _FUNCTYPE(None, TW_HANDLE)


class TW_ENTRYPOINT(ctypes.Structure):
    _pack_ = 2
    _fields_ = [
        ("Size", ctypes.c_uint32),
        ("DSM_Entry", DSM_ENTRY_PROC),
        ("DSM_MemAllocate", MEM_ALLOCATE),
        ("DSM_MemFree", MEM_FREE),
        ("DSM_MemLock", MEM_LOCK),
        ("DSM_MemUnlock", MEM_UNLOCK),
    ]

"""Windows only: the hidden parent window TWAIN needs and the message pump its sources use.

A TWAIN 1.x source (and some 2.x ones) on Windows delivers MSG_XFERREADY through the
application's message loop: every window message is offered to the source with
DAT_EVENT / MSG_PROCESSEVENT before normal dispatch. NOT run in this project's CI (Linux):
written to the Win32 API documentation and to be tried on a counter PC.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

PM_REMOVE = 0x0001


class _Msg(ctypes.Structure):
    _fields_ = [
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
        ("time", ctypes.c_uint32),
        ("pt_x", ctypes.c_long),
        ("pt_y", ctypes.c_long),
        ("lPrivate", ctypes.c_uint32),
    ]


class WinPump:
    def __init__(self) -> None:
        user32: Any = ctypes.windll.user32  # type: ignore[attr-defined]
        user32.CreateWindowExW.restype = ctypes.c_void_p
        user32.CreateWindowExW.argtypes = [
            ctypes.c_uint32,
            ctypes.c_wchar_p,
            ctypes.c_wchar_p,
            ctypes.c_uint32,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        user32.PeekMessageW.argtypes = [
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_uint,
        ]
        user32.TranslateMessage.argtypes = [ctypes.c_void_p]
        user32.DispatchMessageW.argtypes = [ctypes.c_void_p]
        user32.DestroyWindow.argtypes = [ctypes.c_void_p]
        self._user32 = user32
        # A "STATIC" window needs no class registration and is never shown.
        self.hwnd: int = int(
            user32.CreateWindowExW(0, "STATIC", "kiosk-twain", 0, 0, 0, 0, 0, None, None, None, None) or 0
        )
        if not self.hwnd:
            raise OSError("CreateWindowExW failed")

    def pump(self, offer: Callable[[int], bool]) -> None:
        """Hand every queued message to ``offer`` (the source); dispatch those it does not take."""
        msg = _Msg()
        while self._user32.PeekMessageW(ctypes.byref(msg), None, 0, 0, PM_REMOVE):
            if not offer(ctypes.addressof(msg)):
                self._user32.TranslateMessage(ctypes.byref(msg))
                self._user32.DispatchMessageW(ctypes.byref(msg))

    def close(self) -> None:
        if self.hwnd:
            self._user32.DestroyWindow(self.hwnd)
            self.hwnd = 0

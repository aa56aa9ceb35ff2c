"""TWAIN backend: scanners whose vendor ships only a TWAIN driver (Windows), or a TWAIN DSM on Linux.

Hand-written on ``ctypes`` over the Data Source Manager's single C entry point ``DSM_Entry``
(TWAIN 2.4 structures in :mod:`.twain.structs`, the state machine in :mod:`.twain.session`)
because no usable Python TWAIN package exists on the project's PyPI mirror: ``pytwain`` is
GPL-2.0 (not compatible with the Apache-2.0 licence here) and Windows-only, ``twain`` is
unmaintained since 2010, and ``pytwain-extensions`` builds on ``pytwain``.

Like SANE and WIA, the driver runs in a spawned child process, so a crashing or hanging data
source ends in a clear error. The DSM is ``TWAINDSM.dll`` (64-bit) on Windows and
``libtwaindsm.so`` on Linux; ``KIOSK_TWAIN_DSM`` overrides the path (the tests point it at a
fake DSM built from ``tests/scan/twain_fake/fake_twain.c``). Devices are ``twain:<product name>``.

Images come by buffered memory transfer (``DAT_IMAGEMEMXFER``, mandatory for every source),
uncompressed RGB or grey, one page per image; a duplex batch arrives front, back, front, back.
Tested on Linux against the fake DSM; the Windows parts (``TWAINDSM.dll``, the hidden parent
window and its message pump) have NOT run in this project's CI and must be tried on a counter PC.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.scan.capture.base import SourceKind
from kiosk.scan.capture.isolated import IsolatedBackend
from kiosk.scan.capture.process import Message

if TYPE_CHECKING:
    from kiosk.scan.capture.twain.session import TwainSession

__all__ = ["DSM_ENV", "PREFIX", "TwainBackend", "child_list", "child_scan", "find_dsm", "twain_available"]

log = logging.getLogger(__name__)

PREFIX = "twain:"
DSM_ENV = "KIOSK_TWAIN_DSM"
PROGRESS_EVERY_S = 0.2
STANDARD_DPI = (150, 200, 300, 400, 600)

# Where the TWAIN Working Group's Linux DSM installs (it is not packaged by Debian).
_LINUX_DSM_DIRS = ("/usr/local/lib", "/usr/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib64")


def find_dsm() -> str | None:
    """The TWAIN DSM library to load, or None when this computer has none."""
    override = os.environ.get(DSM_ENV, "").strip()
    if override:
        return override if os.path.exists(override) else None
    if sys.platform == "win32":
        system = os.path.join(os.environ.get("SYSTEMROOT", r"C:\Windows"), "System32", "TWAINDSM.dll")
        return system if os.path.exists(system) else None
    for folder in _LINUX_DSM_DIRS:
        # libtwaindsm.so, or only the versioned libtwaindsm.so.2.x.y when no -dev link was made
        found = sorted(glob.glob(os.path.join(folder, "libtwaindsm.so*")))
        if found:
            return found[0]
    return None


def twain_available() -> bool:
    return find_dsm() is not None


# --------------------------------------------------------------------------- child side


class _Refused(Exception):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _start() -> tuple[TwainSession, Any]:
    from kiosk.scan.capture.twain.session import TwainSession, load_dsm

    path = find_dsm()
    if path is None:
        raise _Refused("unsupported")
    try:
        lib = load_dsm(path)
    except (OSError, AttributeError) as exc:  # missing file, wrong architecture, no DSM_Entry
        log.debug("TWAIN DSM not loadable: %s", exc.__class__.__name__)
        raise _Refused("unsupported") from exc
    pump = None
    if sys.platform == "win32":
        from kiosk.scan.capture.twain.winpump import WinPump

        pump = WinPump()
    session = TwainSession(lib, parent=pump.hwnd if pump else None, pump=pump)
    return session, pump


def _stop(session: TwainSession | None, pump: Any) -> None:
    if session is not None:
        session.close()
    if pump is not None:
        pump.close()


def _capabilities(session: TwainSession) -> dict[str, Any]:
    from kiosk.scan.capture.twain import consts as c
    from kiosk.scan.capture.twain.session import TwainError

    def settable(cap: int, value: bool) -> bool:
        try:
            session.set_cap(cap, c.TWTY_BOOL, value)
        except TwainError:
            return False
        return True

    has_feeder = settable(c.CAP_FEEDERENABLED, True)
    has_glass = settable(c.CAP_FEEDERENABLED, False) or not has_feeder
    try:
        duplex = int(session.get_cap(c.CAP_DUPLEX).current) != c.TWDX_NONE
    except TwainError:
        duplex = False
    sources: list[SourceKind] = []
    if has_glass:
        sources.append("flatbed")
    if has_feeder:
        sources.append("adf")
        if duplex:
            sources.append("duplex")
    resolutions: tuple[int, ...] = ()
    try:
        res = session.get_cap(c.ICAP_XRESOLUTION)
        if res.choices:
            resolutions = tuple(sorted({round(float(v)) for v in res.choices}))
        elif res.bounds:
            lo, hi, _step = res.bounds
            resolutions = tuple(v for v in STANDARD_DPI if lo <= v <= hi)
        else:
            resolutions = (round(float(res.current)),)
    except TwainError:
        pass
    area = (0.0, 0.0)
    with contextlib.suppress(TwainError):
        area = (
            float(session.get_cap(c.ICAP_PHYSICALWIDTH).current) * 25.4,
            float(session.get_cap(c.ICAP_PHYSICALHEIGHT).current) * 25.4,
        )
    return {"sources": tuple(sources), "resolutions": resolutions, "colour": True, "max_area_mm": area}


def child_list(
    payload: dict[str, Any], send: Callable[[Message], None], cancelled: Callable[[], bool]
) -> None:
    from kiosk.scan.capture.twain.session import TwainError

    session = pump = None
    out: list[dict[str, Any]] = []
    try:
        session, pump = _start()
        session.open_dsm()
        for ident in session.sources():
            name = ident.text("ProductName")
            info: dict[str, Any] = {
                "id": PREFIX + name,
                "vendor": ident.text("Manufacturer"),
                "model": name,
                "kind": "TWAIN scanner",
            }
            try:
                session.open_source(ident)
                try:
                    info.update(_capabilities(session))
                finally:
                    session.close_source()
            except TwainError:  # offline or busy: listed without capabilities
                info["unavailable"] = True
            out.append(info)
    except _Refused as refused:
        send(("error", refused.kind, 0))
        return
    except TwainError as err:
        send(("error", err.kind, 0))
        return
    finally:
        _stop(session, pump)
    send(("devices", out))


def _negotiate(session: TwainSession, payload: dict[str, Any]) -> None:
    """Capabilities in state 4, in the order the TWAIN spec recommends; refusals end in clear kinds."""
    from kiosk.scan.capture.twain import consts as c
    from kiosk.scan.capture.twain.session import TwainError

    source: SourceKind = payload["source"]
    dpi = int(payload["dpi"])
    feeder = source != "flatbed"

    def best_effort(cap: int, item_type: int, value: float | int | bool) -> None:
        try:
            session.set_cap(cap, item_type, value)
        except TwainError as err:
            log.debug("TWAIN cap 0x%04x not set (cc=%d)", cap, err.cc)

    def required(cap: int, item_type: int, value: float | int | bool, kind: str) -> None:
        try:
            session.set_cap(cap, item_type, value)
        except TwainError as err:
            raise _Refused(kind if err.kind in ("invalid", "other") else err.kind) from err

    try:
        if not int(session.get_cap(c.CAP_UICONTROLLABLE).current):
            log.info("this TWAIN source may show its own window despite ShowUI false")
    except TwainError:
        pass  # a TWAIN 1.x source may not know the capability
    best_effort(c.CAP_INDICATORS, c.TWTY_BOOL, False)  # no progress window from the driver
    required(c.ICAP_XFERMECH, c.TWTY_UINT16, c.TWSX_MEMORY, "invalid")
    required(c.ICAP_PIXELTYPE, c.TWTY_UINT16, c.TWPT_RGB if payload["colour"] else c.TWPT_GRAY, "invalid")
    best_effort(c.ICAP_UNITS, c.TWTY_UINT16, c.TWUN_INCHES)
    required(c.ICAP_XRESOLUTION, c.TWTY_FIX32, dpi, "invalid")
    required(c.ICAP_YRESOLUTION, c.TWTY_FIX32, dpi, "invalid")
    try:
        session.set_cap(c.CAP_FEEDERENABLED, c.TWTY_BOOL, feeder)
    except TwainError as err:
        # A flatbed-only source may not know the capability at all; anything else has no such source.
        if feeder or err.cc != c.TWCC_CAPUNSUPPORTED:
            raise _Refused("no_source") from err
    if feeder:
        try:
            session.set_cap(c.CAP_DUPLEXENABLED, c.TWTY_BOOL, source == "duplex")
        except TwainError as err:
            if source == "duplex":
                raise _Refused("no_source") from err
        max_pages = payload["max_pages"]
        required(c.CAP_XFERCOUNT, c.TWTY_INT16, max_pages if max_pages else -1, "invalid")
    else:
        required(c.CAP_XFERCOUNT, c.TWTY_INT16, 1, "invalid")
    width_mm, height_mm = payload["area_mm"]
    try:
        session.set_layout(width_mm / 25.4, height_mm / 25.4)
    except TwainError:
        log.debug("TWAIN source keeps its own frame")
    if feeder and not int(session.get_cap(c.CAP_FEEDERLOADED).current):
        raise _Refused("no_docs")


def child_scan(
    payload: dict[str, Any], send: Callable[[Message], None], cancelled: Callable[[], bool]
) -> None:
    from kiosk.scan.capture.twain.session import TwainError

    source: SourceKind = payload["source"]
    max_pages: int | None = payload["max_pages"]
    session = pump = None
    page_no = 0
    try:
        session, pump = _start()
        session.open_dsm()
        ident = next((s for s in session.sources() if s.text("ProductName") == payload["device"]), None)
        if ident is None:
            send(("error", "no_device", 1))
            return
        session.open_source(ident)
        _negotiate(session, payload)
        session.enable()
        outcome = session.wait_ready(cancelled)
        if outcome == "cancelled":
            send(("done", "cancelled"))
            return
        if outcome == "close":  # the driver gave up before any image (its own cancel button)
            send(("error", "cancelled", 1))
            return
        while True:
            page_no += 1
            send(("progress", page_no, 0.0))
            last = [time.monotonic()]

            def progress(fraction: float, _n: int = page_no, last: list[float] = last) -> None:
                now = time.monotonic()
                if now - last[0] >= PROGRESS_EVERY_S:
                    last[0] = now
                    send(("progress", _n, fraction))

            image = session.transfer(cancelled, progress)
            if image is None:
                send(("done", "cancelled"))
                return
            pixels = image.pixels
            mode = "RGB" if pixels.ndim == 3 else "L"
            send(("page", page_no, pixels.shape[1], pixels.shape[0], mode, image.dpi, pixels.tobytes()))
            if session.end_transfer() == 0:
                break
            if cancelled():
                send(("done", "cancelled"))
                return
        limited = max_pages is not None and page_no >= max_pages
        send(("done", "complete" if source == "flatbed" or limited else "feeder_empty"))
    except _Refused as refused:
        send(("error", refused.kind, max(page_no, 1)))
    except TwainError as err:
        if err.kind == "no_docs" and page_no > 1:
            send(("done", "feeder_empty"))
        else:
            send(("error", err.kind, max(page_no, 1)))
    finally:
        _stop(session, pump)


# --------------------------------------------------------------------------- parent side


class TwainBackend(IsolatedBackend):
    name = "twain"
    prefix = PREFIX
    driver_name = "TWAIN scanner driver"
    list_timeout_s = 60.0  # opening each source to read its capabilities can be slow

    def __init__(self, *, child_module: str = __name__) -> None:
        super().__init__(child_module=child_module)

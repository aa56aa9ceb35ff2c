"""Windows WIA backend: the WIA 2.0 Automation Layer (``WIA.DeviceManager``) via comtypes.

Like SANE, the driver runs in a spawned child process (a crashing or hanging vendor driver
ends in a clear error, not a dead app). ``comtypes`` is imported only inside the child and
only on Windows; this module itself imports on every platform so its HRESULT mapping can be
tested anywhere. The COM part has NOT been run in this project's CI (Linux only): it follows
the documented WIA Automation object model and must be tried on a Windows counter PC.

Scanners whose vendor ships only a TWAIN driver are driven by :mod:`.twain_backend`;
:func:`~kiosk.scan.capture.base.default_backend` lists both, a scanner with both drivers once.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from typing import Any

from kiosk.scan.capture.base import SourceKind
from kiosk.scan.capture.isolated import IsolatedBackend
from kiosk.scan.capture.process import Message

PREFIX = "wia:"
WIA_FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"
SCANNER_DEVICE_TYPE = 1

# WIA property ids (wiadef.h)
DPS_DOCUMENT_HANDLING_CAPABILITIES = 3086
DPS_DOCUMENT_HANDLING_STATUS = 3087
DPS_DOCUMENT_HANDLING_SELECT = 3088
DPS_PAGES = 3096
DPS_HORIZONTAL_BED_SIZE = 3074  # thousandths of an inch
DPS_VERTICAL_BED_SIZE = 3075
IPS_CUR_INTENT = 6146
IPS_XRES = 6147
IPS_YRES = 6148
IPS_XPOS = 6149
IPS_YPOS = 6150
IPS_XEXTENT = 6151
IPS_YEXTENT = 6152
IPA_DEPTH = 4104

FEEDER, FLATBED, DUPLEX = 0x001, 0x002, 0x004
INTENT_COLOUR, INTENT_GREY = 0x1, 0x2

# WIA HRESULTs (wiaerror.h) -> the shared failure kinds
HRESULT_KINDS: dict[int, str] = {
    0x80210001: "other",  # WIA_ERROR_GENERAL_ERROR
    0x80210002: "jam",  # WIA_ERROR_PAPER_JAM
    0x80210003: "no_docs",  # WIA_ERROR_PAPER_EMPTY
    0x80210004: "jam",  # WIA_ERROR_PAPER_PROBLEM
    0x80210005: "offline",  # WIA_ERROR_OFFLINE
    0x80210006: "busy",  # WIA_ERROR_BUSY
    0x80210007: "warming_up",  # WIA_ERROR_WARMING_UP
    0x80210008: "other",  # WIA_ERROR_USER_INTERVENTION
    0x80210009: "no_device",  # WIA_ERROR_ITEM_DELETED
    0x8021000A: "io",  # WIA_ERROR_DEVICE_COMMUNICATION
    0x8021000B: "invalid",  # WIA_ERROR_INVALID_COMMAND
    0x8021000C: "invalid",  # WIA_ERROR_INCORRECT_HARDWARE_SETTING
    0x8021000D: "busy",  # WIA_ERROR_DEVICE_LOCKED
    0x8021000E: "other",  # WIA_ERROR_EXCEPTION_IN_DRIVER
    0x8021000F: "other",  # WIA_ERROR_INVALID_DRIVER_RESPONSE
    0x80210015: "no_device",  # WIA_S_NO_DEVICE_AVAILABLE
    0x80210016: "cover_open",  # WIA_ERROR_COVER_OPEN
    0x80210017: "other",  # WIA_ERROR_LAMP_OFF
    0x80210064: "cancelled",  # WIA_ERROR_DESTINATION (transfer aborted)
    0x80070005: "denied",  # E_ACCESSDENIED
    0x80004004: "cancelled",  # E_ABORT
}


def hresult_kind(hresult: int) -> str:
    return HRESULT_KINDS.get(hresult & 0xFFFFFFFF, "other")


def _hresult(exc: BaseException) -> int:
    code = getattr(exc, "hresult", None)
    if code is None and exc.args and isinstance(exc.args[0], int):
        code = exc.args[0]
    return int(code or 0) & 0xFFFFFFFF


# --------------------------------------------------------------------------- child side (Windows)


def _prop(props: Any, pid: int) -> Any:
    for i in range(1, int(props.Count) + 1):
        p = props.Item(i)
        if int(p.PropertyID) == pid:
            return p
    return None


def _get(props: Any, pid: int, default: Any = None) -> Any:
    p = _prop(props, pid)
    return default if p is None else p.Value


def _put(props: Any, pid: int, value: Any) -> bool:
    p = _prop(props, pid)
    if p is None or p.IsReadOnly:
        return False
    p.Value = value
    return True


def _sources(caps: int) -> tuple[SourceKind, ...]:
    out: list[SourceKind] = []
    if caps & FLATBED or not caps:
        out.append("flatbed")
    if caps & FEEDER:
        out.append("adf")
    if caps & DUPLEX:
        out.append("duplex")
    return tuple(out)


def child_list(
    payload: dict[str, Any], send: Callable[[Message], None], cancelled: Callable[[], bool]
) -> None:
    if sys.platform != "win32":
        send(("error", "unsupported", 0))
        return
    import comtypes.client

    manager = comtypes.client.CreateObject("WIA.DeviceManager")
    infos = manager.DeviceInfos
    out = []
    for i in range(1, int(infos.Count) + 1):
        info = infos.Item(i)
        if int(info.Type) != SCANNER_DEVICE_TYPE:
            continue
        props = info.Properties
        entry: dict[str, Any] = {
            "id": PREFIX + str(info.DeviceID),
            "vendor": str(_get(props, 3, "") or ""),  # WIA_DIP_VEND_DESC
            "model": str(_get(props, 7, "") or ""),  # WIA_DIP_DEV_NAME
            "kind": "WIA scanner",
        }
        try:
            dev = info.Connect()
            caps = int(_get(dev.Properties, DPS_DOCUMENT_HANDLING_CAPABILITIES, 0) or 0)
            entry["sources"] = _sources(caps)
            width = int(_get(dev.Properties, DPS_HORIZONTAL_BED_SIZE, 8500) or 8500)
            height = int(_get(dev.Properties, DPS_VERTICAL_BED_SIZE, 11700) or 11700)
            entry["max_area_mm"] = (width * 25.4 / 1000, height * 25.4 / 1000)
            entry["resolutions"] = (150, 200, 300, 600)
        except Exception:  # listed without capabilities when busy
            entry["unavailable"] = True
        out.append(entry)
    send(("devices", out))


def child_scan(
    payload: dict[str, Any], send: Callable[[Message], None], cancelled: Callable[[], bool]
) -> None:
    if sys.platform != "win32":
        send(("error", "unsupported", 1))
        return
    import comtypes.client
    from PIL import Image

    device_id: str = payload["device"]
    source: SourceKind = payload["source"]
    dpi: int = payload["dpi"]
    max_pages = payload["max_pages"]
    manager = comtypes.client.CreateObject("WIA.DeviceManager")
    infos = manager.DeviceInfos
    info = None
    for i in range(1, int(infos.Count) + 1):
        candidate = infos.Item(i)
        if str(candidate.DeviceID) == device_id:
            info = candidate
    if info is None:
        send(("error", "no_device", 1))
        return
    try:
        dev = info.Connect()
    except Exception as exc:
        send(("error", hresult_kind(_hresult(exc)), 1))
        return
    select = {"flatbed": FLATBED, "adf": FEEDER, "duplex": FEEDER | DUPLEX}[source]
    caps = int(_get(dev.Properties, DPS_DOCUMENT_HANDLING_CAPABILITIES, 0) or 0)
    if source != "flatbed" and not caps & FEEDER:
        send(("error", "no_source", 1))
        return
    _put(dev.Properties, DPS_DOCUMENT_HANDLING_SELECT, select)
    if source != "flatbed":
        _put(dev.Properties, DPS_PAGES, 1)  # one page per Transfer: errors map to a page number
    item = dev.Items.Item(1)
    _put(item.Properties, IPS_CUR_INTENT, INTENT_COLOUR if payload["colour"] else INTENT_GREY)
    _put(item.Properties, IPA_DEPTH, 24 if payload["colour"] else 8)
    _put(item.Properties, IPS_XRES, dpi)
    _put(item.Properties, IPS_YRES, dpi)
    width_mm, height_mm = payload["area_mm"]
    _put(item.Properties, IPS_XPOS, 0)
    _put(item.Properties, IPS_YPOS, 0)
    _put(item.Properties, IPS_XEXTENT, round(width_mm / 25.4 * dpi))
    _put(item.Properties, IPS_YEXTENT, round(height_mm / 25.4 * dpi))
    for key, value in payload["driver_options"].items():
        _put(item.Properties, int(key), value)
    limit = max_pages if max_pages is not None else (1 if source == "flatbed" else 10_000)
    page_no = 0
    while page_no < limit:
        if cancelled():
            send(("done", "cancelled"))
            return
        page_no += 1
        send(("progress", page_no, 0.0))
        try:
            image_file = item.Transfer(WIA_FORMAT_PNG)
        except Exception as exc:
            kind = hresult_kind(_hresult(exc))
            if kind == "no_docs" and page_no > 1:
                send(("done", "feeder_empty"))
                return
            send(("error", kind, page_no))
            return
        data = bytes(bytearray(image_file.FileData.BinaryData))
        with Image.open(io.BytesIO(data)) as raw:
            img = raw.convert("RGB" if payload["colour"] else "L")
        send(("page", page_no, img.width, img.height, img.mode, dpi, img.tobytes()))
        send(("progress", page_no, 1.0))
    send(("done", "complete"))


# --------------------------------------------------------------------------- parent side


class WiaBackend(IsolatedBackend):
    name = "wia"
    prefix = PREFIX
    driver_name = "WIA scanner driver"
    list_timeout_s = 60.0  # WIA enumerates network scanners too

    def __init__(self, *, child_module: str = __name__) -> None:
        super().__init__(child_module=child_module)

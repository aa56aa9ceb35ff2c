"""SANE backend (Linux, macOS): python-sane driven from a separate process.

SANE status strings are mapped to clear messages: "out of documents" at the start of a batch
means the feeder is empty (an error), at the end it is the normal end of a feeder batch.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

from kiosk.scan.capture.base import SourceKind
from kiosk.scan.capture.isolated import IsolatedBackend, error_for
from kiosk.scan.capture.process import Message

__all__ = [
    "PREFIX",
    "SaneBackend",
    "child_list",
    "child_scan",
    "duplex_switch",
    "error_for",
    "pick_source",
    "status_kind",
]

PREFIX = "sane:"
SANE_TYPE_BOOL = 0
LIST_TIMEOUT_S = 30.0
PROGRESS_EVERY_S = 0.2

# sane_strstatus() texts (lower case) -> our kind
_STATUS_KINDS: tuple[tuple[str, str], ...] = (
    ("out of documents", "no_docs"),
    ("jammed", "jam"),
    ("cover", "cover_open"),
    ("busy", "busy"),
    ("cancel", "cancelled"),
    ("denied", "denied"),
    ("invalid argument", "invalid"),
    ("i/o", "io"),
)


def status_kind(message: str) -> str:
    low = message.lower()
    for needle, kind in _STATUS_KINDS:
        if needle in low:
            return kind
    return "other"


# --------------------------------------------------------------------------- child side


def _sane_error_text(exc: BaseException) -> str:
    return str(exc.args[0]) if exc.args else str(exc)


# Source names as real SANE drivers spell them, e.g. fujitsu / canon_dr "ADF Front", "ADF Back",
# "ADF Duplex"; epson2 / pixma "Automatic Document Feeder", "ADF Duplex"; hpaio "ADF", "Duplex";
# brother "Automatic Document Feeder(left aligned,Duplex)"; airscan "ADF", "ADF Duplex".
_DUPLEX_WORDS = ("duplex", "front/back", "front & back", "both sides", "two-sided")
_SOURCE_NEEDLES: dict[str, tuple[str, ...]] = {
    "flatbed": ("flatbed",),
    "adf": ("automatic document feeder", "adf front", "adf", "feeder"),
    "duplex": _DUPLEX_WORDS,
}


def _is_duplex_name(name: str) -> bool:
    low = name.lower()
    return any(word in low for word in _DUPLEX_WORDS)


def pick_source(names: list[str], kind: SourceKind) -> str | None:
    """The driver's source name for our ``kind`` (None when the driver has no such source).

    A feeder's back-only source ("ADF Back") is never our simplex feeder, and a duplex source is
    never picked for simplex.
    """
    for needle in _SOURCE_NEEDLES[kind]:
        for name in names:
            low = name.lower()
            if needle not in low:
                continue
            if kind == "duplex" or not (_is_duplex_name(name) or "back" in low.split()):
                return name
    return None


def duplex_switch(options: dict[str, Any]) -> str | None:
    """Drivers such as kvs1025/kvs20xx keep one feeder source and a separate boolean ``duplex`` option."""
    opt = options.get("duplex")
    return "duplex" if opt is not None and opt.type == SANE_TYPE_BOOL else None


def _pick_source(options: dict[str, Any], kind: SourceKind) -> str | None:
    opt = options.get("source")
    if opt is None or not isinstance(opt.constraint, list):
        return None
    names = [str(s) for s in opt.constraint]
    chosen = pick_source(names, kind)
    if chosen is None and kind == "duplex" and duplex_switch(options):
        return pick_source(names, "adf")
    return chosen


def _sources_of(options: dict[str, Any]) -> tuple[SourceKind, ...]:
    opt = options.get("source")
    if opt is None or not isinstance(opt.constraint, list):
        return ("flatbed",)
    found: list[SourceKind] = [k for k in ("flatbed", "adf", "duplex") if _pick_source(options, k)]  # type: ignore[misc]
    return tuple(found) or ("flatbed",)


def _resolutions_of(options: dict[str, Any]) -> tuple[int, ...]:
    opt = options.get("resolution")
    if opt is None:
        return ()
    cons = opt.constraint
    if isinstance(cons, list):
        return tuple(sorted({int(v) for v in cons}))
    if isinstance(cons, tuple) and len(cons) == 3:
        lo, hi = cons[0], cons[1]
        return tuple(v for v in (150, 200, 300, 400, 600) if lo <= v <= hi)
    return ()


def _max_area(options: dict[str, Any]) -> tuple[float, float]:
    def top(name: str) -> float:
        opt = options.get(name)
        if opt is not None and isinstance(opt.constraint, tuple):
            return float(opt.constraint[1])
        return 0.0

    return (top("br_x"), top("br_y"))


def _options(dev: Any) -> dict[str, Any]:
    return {o[1].replace("-", "_"): _Opt(o) for o in dev.get_options() if o[1]}


class _Opt:
    """One entry of python-sane's ``get_options()``.

    The tuple is (index, name, title, desc, type, unit, size, cap, constraint).
    """

    def __init__(self, raw: tuple[Any, ...]) -> None:
        self.name = raw[1]
        self.type = raw[4]
        self.constraint = raw[8]


def _import_sane(send: Callable[[Message], None]) -> Any:
    """python-sane, or None after telling the parent that scanner support is not installed
    (the package, or the libsane library its extension loads, is missing)."""
    try:
        import sane
    except ImportError:
        send(("error", "sane_missing", 0))
        return None
    return sane


def child_list(
    payload: dict[str, Any], send: Callable[[Message], None], cancelled: Callable[[], bool]
) -> None:
    sane = _import_sane(send)
    if sane is None:
        return
    sane.init()
    out = []
    try:
        for name, vendor, model, kind in sane.get_devices():
            info: dict[str, Any] = {"id": PREFIX + name, "vendor": vendor, "model": model, "kind": kind}
            try:
                dev = sane.open(name)
                try:
                    opts = _options(dev)
                    info["sources"] = _sources_of(opts)
                    info["resolutions"] = _resolutions_of(opts)
                    mode = opts.get("mode")
                    info["colour"] = bool(
                        mode is None
                        or not isinstance(mode.constraint, list)
                        or any("col" in str(m).lower() for m in mode.constraint)
                    )
                    info["max_area_mm"] = _max_area(opts)
                finally:
                    dev.close()
            except Exception:  # a device that will not open is still listed, without capabilities
                info["unavailable"] = True
            out.append(info)
    finally:
        sane.exit()
    send(("devices", out))


def _set(dev: Any, name: str, value: Any) -> None:
    # Best effort: the option may be absent or inactive on this model.
    with contextlib.suppress(Exception):
        setattr(dev, name, value)


def child_scan(
    payload: dict[str, Any], send: Callable[[Message], None], cancelled: Callable[[], bool]
) -> None:
    sane = _import_sane(send)
    if sane is None:
        return
    device: str = payload["device"]
    source: SourceKind = payload["source"]
    dpi: int = payload["dpi"]
    max_pages: int | None = payload["max_pages"]
    sane.init()
    try:
        try:
            dev = sane.open(device)
        except Exception as exc:
            kind = status_kind(_sane_error_text(exc))
            send(("error", kind if kind in ("busy", "denied") else "no_device", 1))
            return
        try:
            opts = _options(dev)
            if "source" in opts:
                chosen = _pick_source(opts, source)
                if chosen is None:
                    send(("error", "no_source", 1))
                    return
                _set(dev, "source", chosen)
                switch = duplex_switch(opts)
                if switch and source != "flatbed":
                    _set(dev, switch, source == "duplex")
            if "mode" in opts and isinstance(opts["mode"].constraint, list):
                modes = [str(m) for m in opts["mode"].constraint]
                want = "col" if payload["colour"] else "gr"
                for m in modes:
                    if m.lower().startswith(want):
                        _set(dev, "mode", m)
                        break
            _set(dev, "depth", 8)
            _set(dev, "resolution", dpi)
            width, height = payload["area_mm"]
            max_w, max_h = _max_area(opts)
            _set(dev, "tl_x", 0.0)
            _set(dev, "tl_y", 0.0)
            _set(dev, "br_x", min(width, max_w) if max_w else width)
            _set(dev, "br_y", min(height, max_h) if max_h else height)
            for key, value in payload["driver_options"].items():
                # Explicit extras must apply, or the officer learns the option was refused.
                try:
                    if key not in opts:  # python-sane would silently store it as a plain attribute
                        raise AttributeError(key)
                    setattr(dev, key, value)
                except Exception:
                    send(("error", "bad_option", 1))
                    return

            limit = max_pages if max_pages is not None else (1 if source == "flatbed" else 10_000)
            page_no = 0
            while page_no < limit:
                if cancelled():
                    send(("done", "cancelled"))
                    return
                page_no += 1
                last = [0.0]

                def progress(
                    read: int, total: int, *_: Any, _n: int = page_no, last: list[float] = last
                ) -> None:
                    now = time.monotonic()
                    if now - last[0] >= PROGRESS_EVERY_S and total:
                        last[0] = now
                        send(("progress", _n, min(1.0, read / total)))
                    if cancelled():
                        dev.cancel()

                send(("progress", page_no, 0.0))
                try:
                    dev.start()
                    # no_cancel: on an error python-sane would call sane_cancel() *before*
                    # raising, and a driver that hangs in its cancel (the SANE test backend did,
                    # rarely, after "cover open") would then swallow the error we must report.
                    # We cancel ourselves, after telling the parent.
                    img = dev.snap(no_cancel=True, progress=progress)
                except Exception as exc:  # _sane.error
                    kind = status_kind(_sane_error_text(exc))
                    if kind == "no_docs" and page_no > 1:
                        send(("done", "feeder_empty"))
                        return
                    if kind == "cancelled" and cancelled():
                        send(("done", "cancelled"))
                        return
                    send(("error", kind, page_no))
                    return
                if img.mode not in ("RGB", "L"):
                    img = img.convert("RGB")
                send(("page", page_no, img.width, img.height, img.mode, dpi, img.tobytes()))
                if source == "flatbed":
                    dev.cancel()  # end the flatbed frame before the next start
            send(("done", "complete"))
        finally:
            try:
                dev.cancel()
            finally:
                dev.close()
    finally:
        sane.exit()


# --------------------------------------------------------------------------- parent side


class SaneBackend(IsolatedBackend):
    name = "sane"
    prefix = PREFIX
    driver_name = "SANE driver"
    list_timeout_s = LIST_TIMEOUT_S

    def __init__(self, *, child_module: str = __name__) -> None:
        super().__init__(child_module=child_module)

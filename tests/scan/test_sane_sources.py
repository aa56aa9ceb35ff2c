"""SANE source names: our flatbed / adf / duplex mapped onto the names real drivers report.

The SANE ``test`` backend has no duplex source, so the mapping is checked on the option lists
real drivers publish, and the scan child is run in this process on a stand-in ``sane`` module
to see which source (and duplex switch) it really sets.
"""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest
from PIL import Image

from kiosk.scan.capture.base import SourceKind
from kiosk.scan.capture.sane_backend import _options, _sources_of, child_scan, pick_source

FUJITSU = ["ADF Front", "ADF Back", "ADF Duplex"]  # fujitsu, canon_dr
EPSON = ["Flatbed", "ADF Front", "ADF Duplex"]  # epsonds
PIXMA = ["Flatbed", "Automatic Document Feeder", "ADF Duplex"]  # pixma, epson2
HPAIO = ["Flatbed", "ADF", "Duplex"]  # hplip
AIRSCAN = ["Flatbed", "ADF", "ADF Duplex"]  # sane-airscan (eSCL/WSD)
BROTHER = [
    "FlatBed",
    "Automatic Document Feeder(left aligned)",
    "Automatic Document Feeder(left aligned,Duplex)",
    "Automatic Document Feeder(centrally aligned)",
    "Automatic Document Feeder(centrally aligned,Duplex)",
]
FRONT_BACK = ["Flatbed", "ADF Front", "ADF Front/Back"]
SANE_TEST = ["Flatbed", "Automatic Document Feeder"]


@pytest.mark.parametrize(
    ("names", "flatbed", "adf", "duplex"),
    [
        (FUJITSU, None, "ADF Front", "ADF Duplex"),
        (EPSON, "Flatbed", "ADF Front", "ADF Duplex"),
        (PIXMA, "Flatbed", "Automatic Document Feeder", "ADF Duplex"),
        (HPAIO, "Flatbed", "ADF", "Duplex"),
        (AIRSCAN, "Flatbed", "ADF", "ADF Duplex"),
        (
            BROTHER,
            "FlatBed",
            "Automatic Document Feeder(left aligned)",
            "Automatic Document Feeder(left aligned,Duplex)",
        ),
        (FRONT_BACK, "Flatbed", "ADF Front", "ADF Front/Back"),
        (SANE_TEST, "Flatbed", "Automatic Document Feeder", None),
    ],
)
def test_driver_source_names(
    names: list[str], flatbed: str | None, adf: str | None, duplex: str | None
) -> None:
    assert pick_source(names, "flatbed") == flatbed
    assert pick_source(names, "adf") == adf
    assert pick_source(names, "duplex") == duplex


def test_back_only_source_is_never_the_simplex_feeder() -> None:
    assert pick_source(["ADF Back", "ADF Front"], "adf") == "ADF Front"
    assert pick_source(["ADF Back", "ADF Duplex"], "adf") is None


def _raw_options(sources: list[str], *, duplex_switch: bool = False) -> list[tuple[Any, ...]]:
    # python-sane's get_options(): (index, name, title, desc, type, unit, size, cap, constraint)
    opts: list[tuple[Any, ...]] = [
        (1, "mode", "Mode", "", 3, 0, 32, 5, ["Color", "Gray"]),
        (2, "source", "Source", "", 3, 0, 32, 5, sources),
        (3, "resolution", "Resolution", "", 1, 4, 4, 5, (50, 600, 1)),
        (4, "br-x", "Bottom-right x", "", 2, 3, 4, 5, (0.0, 215.9, 0.0)),
        (5, "br-y", "Bottom-right y", "", 2, 3, 4, 5, (0.0, 355.6, 0.0)),
    ]
    if duplex_switch:  # kvs1025 / kvs20xx style: one feeder source plus a boolean "duplex"
        opts.append((6, "duplex", "Duplex", "", 0, 0, 4, 5, None))
    return opts


class _Device:
    raw: list[tuple[Any, ...]]
    sheets: int
    applied: dict[str, Any]

    def __init__(self, raw: list[tuple[Any, ...]], sheets: int) -> None:
        object.__setattr__(self, "raw", raw)
        object.__setattr__(self, "sheets", sheets)
        object.__setattr__(self, "applied", {})

    def __setattr__(self, name: str, value: Any) -> None:
        self.applied[name] = value

    def get_options(self) -> list[tuple[Any, ...]]:
        return self.raw

    def start(self) -> None:
        if self.sheets == 0:
            raise RuntimeError("Document feeder out of documents")

    def snap(self, **_: Any) -> Image.Image:
        object.__setattr__(self, "sheets", self.sheets - 1)
        return Image.new("RGB", (8, 11), (250, 250, 245))

    def cancel(self) -> None:
        pass

    def close(self) -> None:
        pass


@pytest.fixture
def fake_sane(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    state: dict[str, Any] = {}
    module = types.ModuleType("sane")
    module.init = lambda: None  # type: ignore[attr-defined]
    module.exit = lambda: None  # type: ignore[attr-defined]
    module.open = lambda name: state["device"]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sane", module)
    return state


def _scan(state: dict[str, Any], raw: list[tuple[Any, ...]], source: SourceKind) -> list[tuple[Any, ...]]:
    state["device"] = _Device(raw, sheets=2)
    sent: list[tuple[Any, ...]] = []
    payload: dict[str, Any] = {
        "device": "fake:0",
        "source": source,
        "dpi": 200,
        "colour": True,
        "max_pages": None,
        "area_mm": (210.0, 297.0),
        "driver_options": {},
    }
    child_scan(payload, sent.append, lambda: False)
    return sent


def test_duplex_scan_selects_the_drivers_duplex_source(fake_sane: dict[str, Any]) -> None:
    sent = _scan(fake_sane, _raw_options(FUJITSU), "duplex")
    assert fake_sane["device"].applied["source"] == "ADF Duplex"
    assert [m[0] for m in sent if m[0] == "page"] == ["page", "page"] and sent[-1] == ("done", "feeder_empty")
    _scan(fake_sane, _raw_options(FUJITSU), "adf")
    assert fake_sane["device"].applied["source"] == "ADF Front"
    _scan(fake_sane, _raw_options(BROTHER), "duplex")
    assert fake_sane["device"].applied["source"] == "Automatic Document Feeder(left aligned,Duplex)"


def test_duplex_switch_drivers(fake_sane: dict[str, Any]) -> None:
    raw = _raw_options(["ADF"], duplex_switch=True)

    class _Dev:
        def get_options(self) -> list[tuple[Any, ...]]:
            return raw

    assert _sources_of(_options(_Dev())) == ("adf", "duplex")
    _scan(fake_sane, raw, "duplex")
    assert fake_sane["device"].applied["source"] == "ADF" and fake_sane["device"].applied["duplex"] is True
    _scan(fake_sane, raw, "adf")
    assert fake_sane["device"].applied["duplex"] is False


def test_sources_reported_for_the_device_list() -> None:
    class _Dev:
        def __init__(self, names: list[str]) -> None:
            self.names = names

        def get_options(self) -> list[tuple[Any, ...]]:
            return _raw_options(self.names)

    assert _sources_of(_options(_Dev(FUJITSU))) == ("adf", "duplex")
    assert _sources_of(_options(_Dev(HPAIO))) == ("flatbed", "adf", "duplex")
    assert _sources_of(_options(_Dev(SANE_TEST))) == ("flatbed", "adf")


def test_a_driver_without_duplex_refuses_it(fake_sane: dict[str, Any]) -> None:
    assert _scan(fake_sane, _raw_options(SANE_TEST), "duplex") == [("error", "no_source", 1)]

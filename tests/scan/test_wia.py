"""WIA backend: the platform-neutral parts (the COM transfer itself needs Windows and is not run here)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.scan.capture.base import ScanSettings
from kiosk.scan.capture.isolated import error_for
from kiosk.scan.capture.wia_backend import WiaBackend, _sources, hresult_kind
from kiosk.scan.errors import CoverOpenError, FeederEmptyError, NoDeviceError, PaperJamError


def test_hresults_map_to_clear_errors() -> None:
    assert hresult_kind(0x80210003) == "no_docs"
    assert hresult_kind(-2145320957) == "no_docs"  # the same HRESULT as a signed 32-bit int
    assert hresult_kind(0x80210002) == "jam"
    assert hresult_kind(0x80210016) == "cover_open"
    assert hresult_kind(0x80210006) == "busy"
    assert hresult_kind(0x12345678) == "other"
    assert isinstance(error_for(hresult_kind(0x80210003), page=1, source="adf"), FeederEmptyError)
    assert isinstance(error_for(hresult_kind(0x80210002), page=4, source="adf"), PaperJamError)
    assert "page 4" in str(error_for("jam", page=4, source="adf"))
    assert isinstance(error_for(hresult_kind(0x80210016), page=1, source="flatbed"), CoverOpenError)


def test_document_handling_capabilities() -> None:
    assert _sources(0x2) == ("flatbed",)
    assert _sources(0x1 | 0x2 | 0x4) == ("flatbed", "adf", "duplex")
    assert _sources(0x1) == ("adf",)


def test_module_does_not_import_comtypes() -> None:
    code = "import sys, kiosk.scan.capture.wia_backend; print('comtypes' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_off_windows_the_child_refuses_cleanly() -> None:
    if sys.platform == "win32":
        return
    with pytest.raises(NoDeviceError, match="not available on this computer"):
        WiaBackend().list_devices()
    with pytest.raises(NoDeviceError, match="not available on this computer"):
        WiaBackend().scan("wia:{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0000", ScanSettings())


def test_the_wia_driver_dependency_is_declared_for_windows_only() -> None:
    # The WIA child imports comtypes; an install from pyproject.toml must bring it on Windows.
    import tomllib
    from pathlib import Path

    from packaging.requirements import Requirement

    root = Path(__file__).resolve().parents[2]
    source = (root / "kiosk" / "scan" / "capture" / "wia_backend.py").read_text(encoding="utf-8")
    assert "import comtypes" in source
    with (root / "pyproject.toml").open("rb") as fh:
        deps = [Requirement(d) for d in tomllib.load(fh)["project"]["dependencies"]]
    (comtypes,) = [r for r in deps if r.name == "comtypes"]
    assert comtypes.marker is not None
    assert comtypes.marker.evaluate({"sys_platform": "win32"})
    assert not comtypes.marker.evaluate({"sys_platform": "linux"})
    assert comtypes.specifier.contains("1.4.0") and not comtypes.specifier.contains("1.3.1")

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.scan.hsm import Token, make_token


def write_sane_config(folder: Path) -> Path:
    """A SANE config with only the ``test`` backend, full A4 geometry and colour by default."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\n")
    (folder / "test.conf").write_text(
        "number_of_devices 2\ngeometry_min 0.0\ngeometry_max 300.0\ngeometry_quant 1.0\n"
        "br_x 210.0\nbr_y 297.0\nresolution_min 1.0\nresolution_max 1200.0\nresolution_quant 1.0\n"
        "resolution 200.0\nmode Color\n"
    )
    return folder


@pytest.fixture(scope="session", autouse=True)
def sane_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_sane_config(tmp_path_factory.mktemp("sane"))
    old = os.environ.get("SANE_CONFIG_DIR")
    # Spawned driver processes and CLI subprocesses inherit it.
    os.environ["SANE_CONFIG_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("SANE_CONFIG_DIR", None)
    else:
        os.environ["SANE_CONFIG_DIR"] = old


@pytest.fixture(scope="session")
def token(tmp_path_factory: pytest.TempPathFactory) -> Token:
    return make_token(tmp_path_factory.mktemp("softhsm"))

"""Compile fake_twain.c once per test process (gcc -shared -fPIC) into a private temp folder."""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

SOURCE = Path(__file__).with_name("fake_twain.c")


@functools.cache
def fake_dsm() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="fake-twain-"))
    atexit.register(shutil.rmtree, folder, True)
    out = folder / "libfaketwain.so"
    subprocess.run(
        [
            "gcc",
            "-std=gnu11",
            "-shared",
            "-fPIC",
            "-O2",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-pthread",
            "-o",
            str(out),
            str(SOURCE),
        ],
        check=True,
        capture_output=True,
    )
    return out

"""The spool clears what crashed spools left behind (the store's clean-up no longer does),
and never a live spool's pages."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np

from kiosk.scan.page import Page
from kiosk.scan.spool import LEFTOVER_AGE_S, PageSpool, remove_leftovers

OLD = LEFTOVER_AGE_S + 3600


def _page() -> Page:
    return Page(np.zeros((40, 30, 3), dtype=np.uint8), 200)


def _age(paths, seconds: float = OLD) -> None:
    t = time.time() - seconds
    for p in paths:
        os.utime(p, (t, t))


def _dead_pid() -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def _crashed_spool(folder: Path, pages: int = 2) -> list[Path]:
    """A child process parks pages and dies without closing its spool."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            spool = PageSpool(folder)
            for _ in range(pages):
                spool.append(_page())
            os.write(write, spool._prefix.encode())
        finally:
            os._exit(0)
    os.close(write)
    prefix = os.read(read, 200).decode()
    os.close(read)
    os.waitpid(pid, 0)
    assert prefix.startswith(f"scan-{pid}-")
    return sorted(folder.glob(prefix + "*"))


def test_a_crashed_spools_old_pages_are_removed_by_the_next_spool(tmp_path: Path) -> None:
    left = _crashed_spool(tmp_path)
    assert len(left) == 2
    _age(left)
    with PageSpool(tmp_path) as spool:
        assert not any(p.exists() for p in left)
        spool.append(_page())
        assert len(list(tmp_path.iterdir())) == 1


def test_recent_leftovers_wait_for_their_24_hours(tmp_path: Path) -> None:
    left = _crashed_spool(tmp_path)
    _age(left, LEFTOVER_AGE_S - 600)
    PageSpool(tmp_path).close()
    assert all(p.exists() for p in left)


def test_a_live_process_keeps_its_pages_however_old(tmp_path: Path) -> None:
    ready_r, ready_w = os.pipe()
    stop_r, stop_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            spool = PageSpool(tmp_path)
            spool.append(_page())
            os.write(ready_w, b"1")
            os.read(stop_r, 1)  # alive until told
        finally:
            os._exit(0)
    try:
        assert os.read(ready_r, 1) == b"1"
        theirs = list(tmp_path.glob(f"scan-{pid}-*.part"))
        assert len(theirs) == 1
        _age(theirs)
        PageSpool(tmp_path).close()
        assert remove_leftovers(tmp_path) == 0
        assert theirs[0].exists()
    finally:
        os.write(stop_w, b"1")
        os.waitpid(pid, 0)
    assert remove_leftovers(tmp_path) == 1  # gone now: its page goes too
    assert not theirs[0].exists()


def test_this_processs_other_open_spool_is_live_but_an_earlier_one_with_its_pid_is_not(
    tmp_path: Path,
) -> None:
    with PageSpool(tmp_path) as open_spool:
        open_spool.append(_page())
        (live,) = tmp_path.glob(f"{open_spool._prefix}*.part")
        # An earlier process that had this very process id crashed and left a page.
        earlier = tmp_path / f"scan-{os.getpid()}-abcdefabcdef-0011223344556677.part"
        earlier.write_bytes(b"\0" * 64)
        _age([live, earlier])
        PageSpool(tmp_path).close()
        assert live.exists() and not earlier.exists()
        assert len(open_spool) == 1 and open_spool[0].dpi == 200


def test_only_spool_files_of_a_gone_process_are_touched(tmp_path: Path) -> None:
    dead = _dead_pid()
    doomed = [
        tmp_path / f"scan-{dead}-0a0b0c0d0e0f-0011223344556677.part",
        tmp_path / f"scan-{dead}-0a0b0c0d0e0f-8899aabbccddeeff.new",  # a write cut short
    ]
    kept = [
        tmp_path / ("store-" + "ab" * 16 + ".part"),  # the store's own: its GC's business
        tmp_path / "scan-0a1b2c3d4e5f-0011223344556677.part",  # no process id: owner unknown
        tmp_path / f"scan-{dead}-notes.txt",
        tmp_path / "other.part",
    ]
    for p in doomed + kept:
        p.write_bytes(b"x")
    _age(doomed + kept)
    assert remove_leftovers(tmp_path) == 2
    assert [p for p in doomed if p.exists()] == []
    assert all(p.exists() for p in kept)


def test_a_missing_folder_or_unreadable_entries_never_stop_a_scan(tmp_path: Path) -> None:
    assert remove_leftovers(tmp_path / "missing") == 0
    with PageSpool(tmp_path / "new") as spool:
        spool.append(_page())
        assert len(spool) == 1

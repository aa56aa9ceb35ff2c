"""The encrypted page spool: round trip, nothing readable on disk, files removed when dropped."""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pytest

from kiosk.scan.digitise import digitise
from kiosk.scan.errors import ScanError
from kiosk.scan.page import Page
from kiosk.scan.pdfa import PdfMetadata
from kiosk.scan.samples import a4_page
from kiosk.scan.spool import PageSpool


def _page(seed: int) -> Page:
    rng = np.random.default_rng(seed)
    return Page(
        rng.integers(0, 255, (120, 90, 3), dtype=np.uint8),
        200,
        jpeg=b"\xff\xd8fake" if seed else None,
        source="sane",
        notes=("cleaned",),
    )


def test_round_trip_and_list_operations(tmp_path: Path) -> None:
    with PageSpool(tmp_path) as spool:
        pages = [_page(i) for i in range(4)]
        for p in pages:
            spool.append(p)
        assert len(spool) == 4 and len(list(tmp_path.iterdir())) == 4
        got = spool[2]
        assert np.array_equal(got.pixels, pages[2].pixels) and got.jpeg == pages[2].jpeg
        assert got.dpi == 200 and got.source == "sane" and got.notes == ("cleaned",)
        assert spool[0].jpeg is None
        spool.reorder([3, 0, 1])  # page 2 dropped
        assert [int(p.pixels[0, 0, 0]) for p in spool] == [int(pages[i].pixels[0, 0, 0]) for i in (3, 0, 1)]
        assert len(list(tmp_path.iterdir())) == 3
        spool[0] = pages[2]
        del spool[1]
        assert len(spool) == 2 and len(list(tmp_path.iterdir())) == 2
        assert np.array_equal(spool[0].pixels, pages[2].pixels)
    assert list(tmp_path.iterdir()) == []


def test_nothing_readable_on_disk(tmp_path: Path) -> None:
    page = Page(a4_page(100), 100)
    with PageSpool(tmp_path) as spool:
        spool.append(page)
        (path,) = tmp_path.iterdir()
        data = path.read_bytes()
        raw = page.pixels.tobytes()
        assert raw[50_000:50_064] not in data
        assert zlib.compress(raw, 1)[1000:1064] not in data
        # A different key (another spool) cannot read it, and tampering is detected.
        other = PageSpool(tmp_path)
        other._refs.append(path.name.removeprefix(spool._prefix).removesuffix(".part"))
        other._prefix = spool._prefix
        with pytest.raises(ScanError, match="damaged or missing"):
            other[0]
        path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
        with pytest.raises(ScanError, match="damaged or missing"):
            spool[0]


def test_digitise_reads_lazily_from_spool(tmp_path: Path) -> None:
    with PageSpool(tmp_path) as spool:
        spool.append(Page(a4_page(200), 200))
        spool.append(Page(a4_page(200, lines=("Trang hai",), seal=False), 200))
        result = digitise(spool, PdfMetadata("HS-SP", "Giấy tờ", 1), ocr=False)
        assert result.page_count == 2 and result.report.ok
        assert [o.number for o in result.outcomes] == [1, 2]


def test_size_cap_applies_per_page() -> None:
    pages = [Page(a4_page(200), 200)]
    free = digitise(pages, PdfMetadata("HS", "X", 1), ocr=False, cleanup=None)
    cap = free.outcomes[0].encoded_bytes // 2
    capped = digitise(pages, PdfMetadata("HS", "X", 1), ocr=False, cleanup=None, max_page_bytes=cap)
    assert capped.outcomes[0].encoded_bytes < free.outcomes[0].encoded_bytes
    assert capped.report.ok

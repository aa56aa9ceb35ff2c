"""Golden-image tests: the receipt and CT01 look as approved (50 dpi greyscale, with a tolerance).

Regenerate after an intended layout change: ``.venv/bin/python -m tests.forms.test_golden``.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from kiosk.forms.catalogue import load_catalogue
from kiosk.forms.prefill import prefill
from kiosk.forms.receipt import ReceiptComponent, ReceiptData, render_receipt
from kiosk.forms.render import render_pdf

GOLDEN = Path(__file__).parent / "golden"
DPI = 50


def _receipt(out: Path, thermal: bool) -> None:
    data = ReceiptData(
        agency="ỦY BAN NHÂN DÂN PHƯỜNG ĐỐNG ĐA",
        unit="BỘ PHẬN MỘT CỬA",
        dossier_code="000.00.01.H26-261123-0042",
        applicant_name="Nguyễn Thị Thùy Dương",
        procedure_name="Đăng ký thường trú",
        received_at=datetime(2026, 11, 20, 9, 15),
        processing_days=7,
        address="Số 7 ngõ 12 phố Hoàng Cầu",
        phone="0912345678",
        components=[
            ReceiptComponent("Tờ khai thay đổi thông tin cư trú (CT01)"),
            ReceiptComponent("Giấy tờ chứng minh chỗ ở hợp pháp", "copy"),
        ],
        officer_name="Lê Văn Tiếp",
        place="Hà Nội",
        register_book="Quyển số 02, Số thứ tự 042",
    )
    render_receipt(data, out, thermal=thermal, invariant=True)


def _ct01(out: Path) -> None:
    from tests.forms.conftest import elder, father, mother

    form = load_catalogue().get("CT01")
    filled = prefill(
        form,
        {"applicant": father(), "household_head": elder(), "members[0]": mother()},
        {
            "addressee": "Công an phường Đống Đa",
            "request": "Đăng ký thường trú",
            "phone": "0912345678",
            "head_relation": "Con",
            "members[0].relation": "Con dâu",
        },
    )
    render_pdf(filled, out, invariant=True)


CASES: dict[str, Callable[[Path], None]] = {
    "receipt_a4": lambda p: _receipt(p, False),
    "receipt_thermal": lambda p: _receipt(p, True),
    "ct01": _ct01,
}


def rasterise(name: str, workdir: Path) -> np.ndarray:
    pdf = workdir / f"{name}.pdf"
    CASES[name](pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(DPI),
            "-gray",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(workdir / name),
        ],
        check=True,
    )
    return np.asarray(Image.open(workdir / f"{name}.png").convert("L"), dtype=np.int16)


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_golden(name: str, tmp_path: Path) -> None:
    got = rasterise(name, tmp_path)
    want = np.asarray(Image.open(GOLDEN / f"{name}.png").convert("L"), dtype=np.int16)
    assert got.shape == want.shape, f"page size changed: {got.shape} vs {want.shape}"
    diff = np.abs(got - want)
    changed = float((diff > 64).mean())
    # Anti-aliasing differences between poppler builds stay far below these; a moved block does not.
    assert changed < 0.005, f"{changed:.2%} of pixels differ; regenerate if the change is intended"
    assert float(diff.mean()) < 2.0


def test_golden_check_detects_a_change(tmp_path: Path) -> None:
    got = rasterise("receipt_a4", tmp_path)
    shifted = np.roll(got, 6, axis=0)  # the whole layout 3 mm lower
    assert float((np.abs(shifted - got) > 64).mean()) > 0.005


if __name__ == "__main__":
    import tempfile

    GOLDEN.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        for n in CASES:
            img = rasterise(n, Path(d))
            Image.fromarray(img.astype(np.uint8)).save(GOLDEN / f"{n}.png", optimize=True)
            print("wrote", GOLDEN / f"{n}.png", file=sys.stderr)

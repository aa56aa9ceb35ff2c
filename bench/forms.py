"""Forms benchmark: pre-fill + validate + render PDF for each catalogue form, and the receipt.

Targets (issue 5): under 150 ms per form and under 100 ms per receipt after warm-up.
Run: ``.venv/bin/python bench/forms.py``.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.citizen import Citizen, Provenance
from kiosk.forms.catalogue import load_catalogue
from kiosk.forms.prefill import prefill
from kiosk.forms.receipt import ReceiptComponent, ReceiptData, render_receipt
from kiosk.forms.render import render_pdf
from kiosk.forms.validate import validate

RUNS = 20
ADDRESS = (
    "Số 1268/47B Đường Huỳnh Tấn Phát, Tổ dân phố Thượng Lũng Nghĩa Quỳnh, Phường Phú Thuận Khương, "
    "Thành phố Hồ Chí Minh"
)


def person(idn: str, name: str, dob: str, sex: str) -> Citizen:
    c = Citizen()
    for k, v in {
        "id_number": idn,
        "full_name": name,
        "date_of_birth": dob,
        "sex": sex,
        "nationality": "Việt Nam",
        "ethnicity": "Kinh",
        "place_of_residence": ADDRESS,
        "date_of_issue": "2021-06-15",
        "father_name": "Huỳnh Văn Lưỡng",
        "mother_name": "Nguyễn Thị Ửng",
    }.items():
        c.set(k, v, Provenance.CHIP_VERIFIED)
    return c


M = person("079190004321", "Huỳnh Thị Ngọc Quỳnh Hương Nguyễn Phương Thủy", "1990-11-24", "F")
F = person("038089001234", "Trương Quốc Khánh Đoàn Nguyễn Hữu Phước", "1989-02-07", "M")
E = person("001045006789", "Nguyễn Hữu Đức Thịnh Vượng Trường Xuân", "1945-08-19", "M")
ROLES = {
    "CT01": {"applicant": F, "household_head": E, "members[0]": M, "members[1]": E},
    "birth_registration": {"applicant": M, "mother": M, "father": F},
    "death_registration": {"applicant": F, "deceased": E},
    "funeral_allowance": {"applicant": F, "deceased": E},
    "marriage_registration": {"bride": M, "groom": F},
    "judicial_record": {"applicant": M},
    "TK1-TS": {"applicant": M, "guardian": F, "household_head": E, "members[0]": F},
}
TYPED = {
    "addressee": "Ủy ban nhân dân phường Phú Thuận",
    "request": "Đăng ký thường trú",
    "phone": "0912345678",
    "child_name": "Trương Bảo Ngọc",
    "child_dob": "14/04/2025",
    "child_sex": "Nữ",
    "death_date": "01/11/2026",
}


def timed(fn, runs: int = RUNS) -> tuple[float, float, float]:
    fn()  # warm-up: fonts, catalogue, imports
    fn()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.9) - 1], max(samples)


def main() -> int:
    t = time.perf_counter()
    cat = load_catalogue()
    print(
        f"catalogue load (cold, {len(cat.forms)} forms + {len(cat.bundles)} bundles): "
        f"{(time.perf_counter() - t) * 1000:.1f} ms"
    )
    print(
        f"{'form':<24}{'median ms':>10}{'p90 ms':>10}{'max ms':>10}  (prefill+validate+render, {RUNS} runs)"
    )
    worst = 0.0
    for form_id, roles in ROLES.items():
        form = cat.get(form_id)

        def run(form=form, roles=roles) -> None:
            filled = prefill(form, roles, TYPED)
            validate(filled)
            render_pdf(filled, io.BytesIO())

        med, p90, mx = timed(run)
        worst = max(worst, p90)
        print(f"{form_id:<24}{med:>10.1f}{p90:>10.1f}{mx:>10.1f}")
    data = ReceiptData(
        agency="ỦY BAN NHÂN DÂN PHƯỜNG PHÚ THUẬN",
        unit="BỘ PHẬN MỘT CỬA",
        dossier_code="000.00.22.H40-261123-0001",
        applicant_name=M.get("full_name") or "",
        procedure_name="Đăng ký thường trú",
        received_at=datetime(2026, 11, 23, 10, 30),
        processing_days=7,
        address=ADDRESS,
        components=[ReceiptComponent("Tờ khai CT01"), ReceiptComponent("Giấy tờ chỗ ở", "copy")],
    )
    for thermal in (False, True):
        med, p90, mx = timed(lambda thermal=thermal: render_receipt(data, io.BytesIO(), thermal=thermal))
        print(f"{'receipt ' + ('80 mm' if thermal else 'A4'):<24}{med:>10.1f}{p90:>10.1f}{mx:>10.1f}")
    print(f"worst form p90: {worst:.1f} ms (target < 150 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Personal data cannot reach the log file, whatever the calling code does."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.citizen import Citizen, Provenance
from kiosk.logs import setup_logging
from kiosk.privacy import REDACTED, Redactor, fold, mask_id, redactor


def _read_logs(logs_dir: Path) -> str:
    for h in logging.getLogger().handlers:
        h.flush()
    return "".join(p.read_text(encoding="utf-8") for p in logs_dir.glob("kiosk.log*"))


def test_shapes_and_registered_values_are_redacted(tmp_path: Path) -> None:
    setup_logging(tmp_path)
    c = Citizen()
    c.set("full_name", "Nguyễn Thị Ánh Tuyết", Provenance.CHIP_UNVERIFIED)
    c.set("place_of_residence", "Số 12 ngõ 34 phố Hàng Bạc, Hoàn Kiếm, Hà Nội", Provenance.CHIP_UNVERIFIED)
    redactor.register(c.secrets())
    try:
        log = logging.getLogger("kiosk.test")
        log.info("read card of %s id %s", "Nguyễn Thị Ánh Tuyết", "001304012345")
        log.warning("residence %s", c.get("place_of_residence"))
        log.info("mrz IDVNM3040123451001304012345<<4 dob 15/08/2004 iso 2004-08-15")
        log.info("ascii name NGUYEN THI ANH TUYET old id 123456789")
        try:
            raise ValueError("bad value for Nguyễn Thị Ánh Tuyết")
        except ValueError:
            log.exception("failed")
        text = _read_logs(tmp_path)
    finally:
        redactor.clear()
    for secret in (
        "Nguyễn",
        "Tuyết",
        "001304012345",
        "Hàng Bạc",
        "IDVNM",
        "15/08/2004",
        "2004-08-15",
        "NGUYEN THI",
        "123456789",
    ):
        assert secret not in text, secret
    assert text.count(REDACTED) >= 8
    assert "read card of" in text and "ValueError" in text


def test_a_broken_format_string_does_not_leak_its_arguments(tmp_path: Path) -> None:
    setup_logging(tmp_path)
    logging.getLogger("kiosk.test").info("two %s %s", "079204000111")  # noqa: PLE1206 (the point of the test)
    assert "079204000111" not in _read_logs(tmp_path)


def test_redactor_clear_forgets_values() -> None:
    r = Redactor()
    r.register(["Trần Văn Bình"])
    assert r.redact("hello Trần Văn Bình") == f"hello {REDACTED}"
    r.clear()
    assert r.redact("hello Trần Văn Bình") == "hello Trần Văn Bình"


def test_mask_and_fold() -> None:
    assert mask_id("001304012345") == "••••••••2345"
    assert mask_id("") == ""
    assert fold("Đặng Thị Hường") == "dang thi huong"


def test_common_categorical_values_do_not_mangle_ordinary_words(tmp_path: Path) -> None:
    # "Không" (no religion) and "Kinh" are values of millions of citizens and also everyday
    # words; registering them redacted "không", "kinh doanh" in every message.
    c = Citizen()
    c.set("full_name", "Phạm Thị Hồng Nhung", Provenance.CHIP_VERIFIED)
    c.set("ethnicity", "Kinh", Provenance.CHIP_VERIFIED)
    c.set("religion", "Không", Provenance.CHIP_VERIFIED)
    redactor.register(c.secrets())
    try:
        text = redactor.redact("Không có kho khoá; hộ kinh doanh; Phạm Thị Hồng Nhung")
    finally:
        redactor.clear()
    assert text == f"Không có kho khoá; hộ kinh doanh; {REDACTED}"

"""The core's English error sentences reach the officer in Vietnamese."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.card.errors import KeyInputError, StatusWordError
from kiosk.card.keys import AccessKey
from kiosk.dossier.errors import WRONG_KEY_MESSAGE
from kiosk.scan.capture.importer import import_files
from kiosk.scan.errors import ImportFormatError
from kiosk.security.keys import LOGIN_FAILED
from ui.error_texts import MESSAGES
from ui.errors import error_text
from ui.i18n import install_translations

ROOT = Path(__file__).resolve().parents[2]
ERRORS_TS = ROOT / "assets" / "translations" / "errors_vi.ts"
PLACEHOLDER = re.compile(r"%[1-9]")


def _core_source() -> str:
    files = [p for d in ("kiosk", "sync") for p in (ROOT / d).rglob("*.py")]
    text = "\n".join(p.read_text(encoding="utf-8") for p in files)
    # Join implicitly concatenated literals ("... " "..." or f"..."), so a sentence split over
    # lines matches.
    return re.sub(r'"\s*\n\s*[rfbuRFBU]{0,2}"', "", text)


def test_every_listed_sentence_is_one_the_core_can_raise() -> None:
    source = _core_source()
    stale = []
    for message in map(str, MESSAGES):
        # Every fixed piece of a template must be in the core, not only its start.
        pieces = [p for p in PLACEHOLDER.split(message) if p.strip()]
        if not pieces or any(p not in source for p in pieces):
            stale.append(message)
    assert stale == []


def _shipped_errors() -> dict[str, ET.Element]:
    tree = ET.parse(ERRORS_TS)
    return {m.findtext("source") or "": m for m in tree.getroot().iter("message")}


def test_every_listed_sentence_has_a_finished_vietnamese_translation() -> None:
    shipped = _shipped_errors()
    missing, unfinished, placeholders = [], [], []
    for message in map(str, MESSAGES):
        msg = shipped.get(message)
        if msg is None:
            missing.append(message)
            continue
        tr = msg.find("translation")
        text = (tr.text or "") if tr is not None else ""
        if tr is None or tr.get("type") in {"unfinished", "obsolete", "vanished"} or not text.strip():
            unfinished.append(message)
        elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(message)):
            placeholders.append(message)  # a value would be lost or shown twice
    assert missing == []
    assert unfinished == []
    assert placeholders == []


@pytest.fixture
def vietnamese():  # type: ignore[no-untyped-def]
    app = QApplication.instance() or QApplication([])
    install_translations(app, "vi")
    yield app
    install_translations(app, "en")


def test_sentences_are_shown_in_vietnamese(vietnamese) -> None:  # type: ignore[no-untyped-def]
    assert error_text(LOGIN_FAILED) == "Tên đăng nhập hoặc mật khẩu không đúng; kiểm tra lại rồi thử lại."
    assert error_text(WRONG_KEY_MESSAGE).startswith("Mật khẩu hoặc khóa không mở được kho dữ liệu")
    # A sentence with a number keeps the number.
    assert error_text("Too many wrong passphrases; try again in 42 seconds.") == (
        "Nhập sai mật khẩu quá nhiều lần; thử lại sau 42 giây."
    )
    assert error_text(
        "Paper jammed at page 3; open the feeder, remove the paper and scan the rest again."
    ).startswith("Kẹt giấy ở trang 3;")
    # Unknown sentences stay as they are rather than disappear.
    assert error_text("Something new went wrong.") == "Something new went wrong."


def test_card_errors_are_shown_in_vietnamese(vietnamese) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KeyInputError) as typed:
        AccessKey.from_id("0791900012")
    assert error_text(typed.value) == "Số định danh cá nhân phải gồm đúng 12 chữ số."
    with pytest.raises(KeyInputError) as qr:
        AccessKey.from_qr("079190001234|x|y")
    assert error_text(qr.value).startswith("Không nhận dạng được nội dung mã QR")
    # The status code is kept and the refused step, a phrase of its own, is translated too.
    assert error_text(StatusWordError(0x6A82, "reading a file")) == (
        "Thẻ từ chối việc đọc tệp dữ liệu (mã trạng thái 6A82); hãy nhấc thẻ lên rồi đặt lại."
    )


def test_scan_errors_are_shown_in_vietnamese(vietnamese, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportFormatError) as err:
        import_files([tmp_path / "giay-to.pdf"])
    assert error_text(err.value) == "Tệp giay-to.pdf không tồn tại; hãy kiểm tra tên tệp."
    assert error_text(
        "The SANE driver stopped unexpectedly (SIGSEGV); restart the scanner and try again."
    ) == ("Trình điều khiển SANE đã dừng đột ngột (SIGSEGV); hãy khởi động lại máy quét rồi thử lại.")
    # An inner sentence (the legal-format problem) is translated inside the outer one.
    assert error_text(
        "The PDF does not meet the legal digitisation format "
        "(A page is scanned at 150 dpi; at least 200 dpi is required.); scan it again."
    ) == (
        "Tệp PDF chưa đúng định dạng số hóa theo quy định "
        "(Có trang được quét ở 150 dpi; yêu cầu tối thiểu 200 dpi.); hãy quét lại."
    )


def test_sync_and_store_errors_are_shown_in_vietnamese(vietnamese) -> None:  # type: ignore[no-untyped-def]
    code = "000.00.01.H29-260301-0001"
    assert (
        error_text(
            f"The server already holds different content for this dossier UUID (official code {code})."
        )
        == f"Máy chủ đã có nội dung khác cho hồ sơ mang cùng mã UUID này (mã hồ sơ chính thức {code})."
    )
    assert error_text("The server answered HTTP 413.") == "Máy chủ trả về mã lỗi HTTP 413."
    assert error_text("A dossier in state 'queued' cannot move to 'draft'.") == (
        "Hồ sơ ở trạng thái 'chờ gửi' không thể chuyển sang trạng thái 'nháp'."
    )
    assert error_text("A self-service kiosk cannot list dossiers; ask an officer at the counter.") == (
        "Ki-ốt tự phục vụ không được xem danh sách hồ sơ; hãy nhờ cán bộ tại quầy."
    )
    # A value that repeats must repeat: a different one is not this sentence.
    odd = (
        "The Tesseract 'vie' language model is missing, so PDFs get no text layer; install tesseract-ocr-eng."
    )
    assert error_text(odd) == odd


def test_english_stays_english() -> None:
    app = QApplication.instance() or QApplication([])
    install_translations(app, "en")
    assert error_text(LOGIN_FAILED) == LOGIN_FAILED
    sentence = "A dossier in state 'queued' cannot move to 'draft'."
    assert error_text(sentence) == sentence

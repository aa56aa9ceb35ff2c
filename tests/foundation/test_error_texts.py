"""The core's English error sentences reach the officer in Vietnamese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.dossier.errors import WRONG_KEY_MESSAGE
from kiosk.security.keys import LOGIN_FAILED
from ui.error_texts import MESSAGES
from ui.errors import error_text
from ui.i18n import install_translations

ROOT = Path(__file__).resolve().parents[2]


def _core_source() -> str:
    files = [p for d in ("kiosk", "sync") for p in (ROOT / d).rglob("*.py")]
    text = "\n".join(p.read_text(encoding="utf-8") for p in files)
    # Join implicitly concatenated literals ("... " "...") so a sentence split over lines matches.
    return re.sub(r'"\s*\n\s*"', "", text)


def test_every_listed_sentence_is_one_the_core_can_raise() -> None:
    source = _core_source()
    stale = []
    for message in map(str, MESSAGES):
        if "%1" in message:
            head = message.split("%1")[0]
            found = head in source
        else:
            found = message in source
        if not found:
            stale.append(message)
    assert stale == []


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


def test_english_stays_english() -> None:
    app = QApplication.instance() or QApplication([])
    install_translations(app, "en")
    assert error_text(LOGIN_FAILED) == LOGIN_FAILED

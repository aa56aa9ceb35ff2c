"""The core's error sentences in the officer's language.

``str(err)`` of a :class:`kiosk.errors.KioskError` is one English sentence; the window passes
it through :func:`error_text`, which finds its translation (context "KioskError", entries in
:mod:`ui.error_texts`). Sentences that carry a number are matched by pattern and the number
is put back into the translated template. An unknown sentence is shown as it is: an English
message is better than none.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

CONTEXT = "KioskError"

# (pattern of the English sentence, its %1 template in ui/error_texts.py)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"Too many wrong passphrases; try again in (\d+) seconds\."),
        "Too many wrong passphrases; try again in %1 seconds.",
    ),
    (
        re.compile(
            r"Paper jammed at page (\d+); open the feeder, remove the paper and scan the rest again\."
        ),
        "Paper jammed at page %1; open the feeder, remove the paper and scan the rest again.",
    ),
    (
        re.compile(
            r"Group (\d) of the recovery key does not match its check character; "
            r"compare it with the printed sheet\."
        ),
        "Group %1 of the recovery key does not match its check character; compare it with the printed sheet.",
    ),
)


def error_text(message: str | BaseException) -> str:
    text = str(message)
    translated = QCoreApplication.translate(CONTEXT, text)
    if translated != text:
        return translated
    for pattern, template in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return QCoreApplication.translate(CONTEXT, template).replace("%1", match.group(1))
    return text

"""The core's error sentences in the officer's language.

``str(err)`` of a :class:`kiosk.errors.KioskError` is one English sentence; the window passes
it through :func:`error_text`, which finds its translation (context "KioskError", entries in
:mod:`ui.error_texts`). Sentences with a variable part (a number, a file name, a status code)
are listed with %1, %2...; such a sentence is matched against that template and the values
are put back into the translated one. A value that is itself a listed phrase (an inner
sentence, a driver name, a dossier state) is translated too. An unknown sentence is shown
as it is: an English message is better than none.
"""

from __future__ import annotations

import functools
import re

from PySide6.QtCore import QCoreApplication

from ui.error_texts import MESSAGES

CONTEXT = "KioskError"

_PLACEHOLDER = re.compile(r"%([1-9])")


def _pattern(template: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(template)  # literal, digit, literal, digit, ...
    regex, seen = "", set()
    for i, part in enumerate(parts):
        if i % 2 == 0:
            regex += re.escape(part)
        elif part in seen:
            regex += f"(?P=p{part})"  # the same value twice (e.g. a language code)
        else:
            seen.add(part)
            regex += f"(?P<p{part}>.+?)"
    return re.compile(regex, re.DOTALL)


@functools.cache
def _templates() -> tuple[tuple[re.Pattern[str], str], ...]:
    templates = [str(m) for m in MESSAGES if _PLACEHOLDER.search(str(m))]
    # The template with the most fixed text first: a specific sentence wins over a looser one.
    templates.sort(key=lambda t: len(_PLACEHOLDER.sub("", t)), reverse=True)
    return tuple((_pattern(t), t) for t in templates)


def error_text(message: str | BaseException) -> str:
    text = str(message)
    translated = QCoreApplication.translate(CONTEXT, text)
    if translated != text:
        return translated
    for pattern, template in _templates():
        match = pattern.fullmatch(text)
        if match is not None:
            values = {name[1:]: error_text(value) for name, value in match.groupdict().items()}
            return _fill(QCoreApplication.translate(CONTEXT, template), values)
    return text


def _fill(template: str, values: dict[str, str]) -> str:
    # One pass over the template, so a value that contains "%2" is not substituted again.
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)

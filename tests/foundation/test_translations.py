"""Vietnamese first: every string marked for translation in ui/ has a finished Vietnamese translation."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "assets" / "translations"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    out: dict[tuple[str, str], ET.Element] = {}
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            out[(name, msg.findtext("source") or "")] = msg
    return out


def shipped() -> dict[tuple[str, str], ET.Element]:
    out: dict[tuple[str, str], ET.Element] = {}
    for ts in sorted(TS_DIR.glob("*_vi.ts")):
        out.update(messages(ts))
    return out


def test_every_vietnamese_translation_is_finished() -> None:
    msgs = shipped()
    assert msgs, "no Vietnamese translation files in assets/translations"
    unfinished = []
    for (_, src), msg in msgs.items():
        tr = msg.find("translation")
        kind = tr.get("type") if tr is not None else "missing"
        if kind in {"obsolete", "vanished"}:
            continue  # no longer used by the code
        # Plural messages keep their text in <numerusform> children.
        text = "".join(tr.itertext()) if tr is not None else ""
        if tr is None or kind == "unfinished" or not text.strip():
            unfinished.append(src)
    assert unfinished == []


def test_every_marked_string_in_ui_is_in_a_translation_file(tmp_path: Path) -> None:
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    fresh = tmp_path / "all.ts"
    subprocess.run([str(LUPDATE), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    missing = sorted(set(messages(fresh)) - set(shipped()))
    assert missing == []

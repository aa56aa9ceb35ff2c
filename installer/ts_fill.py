"""Fill Qt Linguist .ts translations from a JSON dictionary {source: translation}.

Usage: python installer/ts_fill.py assets/translations/app_vi.ts translations.json
Entries already translated are kept unless the dictionary names them.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET


def fill(ts_path: str, mapping: dict[str, str]) -> list[str]:
    tree = ET.parse(ts_path)  # noqa: S314 (our own translation files)
    missing: list[str] = []
    for msg in tree.getroot().iter("message"):
        src = msg.findtext("source") or ""
        tr = msg.find("translation")
        if tr is None:
            tr = ET.SubElement(msg, "translation")
        if src in mapping:
            tr.text = mapping[src]
            tr.attrib.pop("type", None)
        elif tr.get("type") == "unfinished" or not (tr.text or "").strip():
            missing.append(src)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    with open(sys.argv[2], encoding="utf-8") as fh:
        left = fill(sys.argv[1], json.load(fh))
    for src in left:
        print("untranslated:", src)
    sys.exit(1 if left else 0)

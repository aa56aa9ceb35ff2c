"""The recovery key is printed once, on an A4 sheet, and exists nowhere else in plaintext."""

from __future__ import annotations

import io
import json
import re
import tempfile
from pathlib import Path

import pypdf
import pytest

from kiosk.errors import KioskError
from kiosk.profile import Profile
from kiosk.security import keys
from kiosk.security.recovery_sheet import check_destination, key_groups
from tests.dossier.cli_helpers import InProcess

KEY_RE = re.compile(r"\b([0-9A-Z]{5}(?:-[0-9A-Z]{5}){5})\b")
FAST = ("--kdf-memory-kib", "8192", "--kdf-time", "1")


@pytest.fixture
def run(monkeypatch, capsys):
    return InProcess(monkeypatch, capsys)


@pytest.fixture
def places(tmp_path, monkeypatch) -> tuple[Path, Path, Path]:
    """A profile, the process temp folder and a 'USB stick', side by side."""
    tmp = tmp_path / "tmp"
    usb = tmp_path / "usb"
    tmp.mkdir()
    usb.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp_path / "profile", tmp, usb


def _sheet_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    return reader.pages[0].extract_text()


def _files_containing(root: Path, secret: str) -> list[Path]:
    needles = [
        v.encode(enc)
        for v in {secret, secret.replace("-", "")}
        for enc in ("utf-8", "utf-16-le", "utf-16-be")
    ]
    return [p for p in root.rglob("*") if p.is_file() and any(n in p.read_bytes() for n in needles)]


def test_init_writes_the_sheet_and_the_key_is_nowhere_else(places, run):
    prof, tmp, usb = places
    sheet = usb / "khoa-khoi-phuc.pdf"
    r = run(
        prof,
        "admin",
        "init",
        "--unit-code",
        "H29",
        "--unit-name",
        "UBND phường Hoàn Kiếm",
        *FAST,
        "--recovery-sheet",
        str(sheet),
        "--json",
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["sheet"] == str(sheet)
    text = _sheet_text(sheet)
    assert "UBND phường Hoàn Kiếm" in text and "H29" in text
    assert "Khóa khôi phục" in text and "Recovery key" in text
    assert "Hướng dẫn" in text and "Instructions" in text
    (printed,) = set(KEY_RE.findall(text))
    assert printed == out["recovery_key"]
    kf = json.loads((prof / "keys.json").read_text())
    assert kf["store_id"] in text
    for group, check in key_groups(printed):  # every group is printed with its check character
        assert re.search(rf"{group}\s*{check}", text)
    assert sheet.stat().st_mode & 0o777 == 0o600
    # Nowhere in the profile (store, key file, logs) or the temp folder, in any encoding.
    assert _files_containing(prof, printed) == []
    assert _files_containing(tmp, printed) == []
    # The key printed on the sheet unlocks the store, typed with or without check characters.
    with keys.unlock_with_recovery_key(Profile.open(prof), printed) as store:
        assert store.settings()["unit_code"] == "H29"
    with_checks = " ".join(g + c for g, c in key_groups(printed)).lower()
    r = run(
        prof,
        "admin",
        "recovery-key",
        "--reset-user",
        "admin",
        passphrase=None,
        env={"KIOSK_RECOVERY_KEY": with_checks, "KIOSK_NEW_PASSPHRASE": "brand new admin pass"},
    )
    assert r.returncode == 0, r.stderr
    assert run(prof, "dossier", "list", passphrase="brand new admin pass").returncode == 0


def test_the_key_cannot_be_shown_again_only_replaced(places, run):
    prof, _tmp, usb = places
    r = run(prof, "admin", "init", "--unit-code", "H29", *FAST, "--recovery-sheet", str(usb / "a.pdf"))
    assert r.returncode == 0, r.stderr
    (first,) = set(KEY_RE.findall(_sheet_text(usb / "a.pdf")))
    assert first not in r.stdout  # on paper only: not echoed to the terminal
    assert "The recovery key is on the sheet" in r.stdout
    # No command shows the existing key: asking again makes a new one and the old one stops working.
    r = run(prof, "admin", "recovery-key", "--sheet", str(usb / "b.pdf"))
    assert r.returncode == 0, r.stderr
    assert first not in r.stdout and "b.pdf" in r.stdout
    (second,) = set(KEY_RE.findall(_sheet_text(usb / "b.pdf")))
    assert second != first
    profile = Profile.open(prof)
    with pytest.raises(keys.LoginError, match="not right"):
        keys.unlock_with_recovery_key(profile, first)
    keys.unlock_with_recovery_key(profile, second).close()
    assert _files_containing(prof, second) == []
    assert second not in json.dumps(keys.load_keyfile(profile))


def test_sheet_destinations_outside_profile_and_temp_only(places, run):
    prof, tmp, usb = places
    # A refused place is refused before the store exists: nothing to lose.
    for bad, why in [
        (prof / "sheet.pdf", "profile"),
        (tmp / "sheet.pdf", "temporary"),
        (usb / "sheet.txt", "ending in .pdf"),
        (usb / "missing" / "sheet.pdf", "does not exist"),
    ]:
        r = run(prof, "admin", "init", "--unit-code", "H29", *FAST, "--recovery-sheet", str(bad))
        assert r.returncode != 0 and why in r.stderr, (bad, r.stderr)
        assert not keys.is_initialised(Profile.open(prof))
    (usb / "taken.pdf").write_bytes(b"old sheet")
    with pytest.raises(KioskError, match="exists already"):
        check_destination(usb / "taken.pdf", Profile.open(prof))
    assert (usb / "taken.pdf").read_bytes() == b"old sheet"


def test_a_mistyped_group_is_named(initialised):
    profile, recovery = initialised
    groups = key_groups(recovery)
    wrong = "7" if groups[2][0][0] != "7" else "8"
    typed = [g + c for g, c in groups]
    typed[2] = wrong + typed[2][1:]
    with pytest.raises(keys.LoginError, match="Group 3"):
        keys.unlock_with_recovery_key(profile, "-".join(typed))
    # Crockford reading: O and I/L typed for 0 and 1 still work.
    loose = recovery.replace("0", "o").replace("1", "l")
    keys.unlock_with_recovery_key(profile, loose).close()


def test_sheet_path_error_after_init_still_shows_the_key(places, run, monkeypatch):
    prof, _tmp, usb = places
    import kiosk.security.recovery_sheet as rs

    def full_disk(*_a, **_k):
        raise KioskError("The recovery sheet could not be written (No space left on device).")

    monkeypatch.setattr(rs, "save_recovery_sheet", full_disk)
    r = run(prof, "admin", "init", "--unit-code", "H29", *FAST, "--recovery-sheet", str(usb / "s.pdf"))
    assert r.returncode == 0 and "shown below instead" in r.stderr
    (shown,) = set(KEY_RE.findall(r.stdout))
    keys.unlock_with_recovery_key(Profile.open(prof), shown).close()

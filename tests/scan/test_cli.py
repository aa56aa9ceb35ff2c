"""``kiosk scan`` commands run as real subprocesses against SANE test and SoftHSM2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
from PIL import Image

from kiosk.scan.capture.importer import jpeg_stream_bytes
from kiosk.scan.pdfa import check_legal
from kiosk.scan.samples import a4_page
from kiosk.scan.verify import CHANGED_AFTER
from tests.scan.forge import incremental_update, replace_page_one
from tests.scan.hsm import Token

ROOT = Path(__file__).resolve().parents[2]


def kiosk(
    *args: str, env: dict[str, str] | None = None, tmp: Path | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    cmd = [sys.executable, "-m", "ui.main"]
    if tmp is not None:
        cmd += ["--profile", str(tmp / "profile")]
    return subprocess.run(
        [*cmd, "scan", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=240,
        check=False,
    )


def test_devices_json(tmp_path: Path) -> None:
    out = kiosk("devices", "--json", tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    devices = json.loads(out.stdout)
    assert devices[0]["id"] == "sane:test:0" and "adf" in devices[0]["sources"]


def test_capture_feeder_to_pdfa(tmp_path: Path) -> None:
    target = tmp_path / "out" / "HS-1_01.pdf"
    out = kiosk(
        "capture",
        "--device",
        "sane:test:0",
        "--source",
        "adf",
        "--pages",
        "2",
        "--dpi",
        "200",
        "--out",
        str(target),
        "--no-ocr",
        "--no-osd",
        "--dossier-code",
        "HS-1",
        "--component",
        "Giấy tờ",
        "--option",
        "test-picture=Color pattern",
        tmp=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert "2 pages" in out.stdout and "PDF/A-2B" in out.stdout and "200 dpi" in out.stdout
    report = check_legal(target.read_bytes())
    assert report.ok and report.pages == 2
    assert not list((tmp_path / "out").glob("*.part"))


def test_capture_cover_open_exit_code(tmp_path: Path) -> None:
    out = kiosk(
        "capture",
        "--device",
        "sane:test:0",
        "--out",
        str(tmp_path / "x.pdf"),
        "--no-ocr",
        "--option",
        "read-return-value=SANE_STATUS_COVER_OPEN",
        tmp=tmp_path,
    )
    assert out.returncode == 12
    assert "The scanner cover is open; close it and scan again." in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_import_sign_verify(tmp_path: Path, token: Token) -> None:
    photo = tmp_path / "p.jpg"
    Image.fromarray(a4_page(200)).save(photo, quality=80, dpi=(200, 200))
    pdf = tmp_path / "HS-2_01.pdf"
    out = kiosk("import", str(photo), "--out", str(pdf), "--no-ocr", "--no-cleanup", tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    with pikepdf.open(pdf) as doc:
        (img,) = doc.pages[0].get_images().values()
        assert jpeg_stream_bytes(img) == photo.read_bytes()  # JPEG passthrough end to end

    env = {"SOFTHSM2_CONF": str(token.conf), "KIOSK_TOKEN_PIN": token.pin}
    signed = tmp_path / "HS-2_01-signed.pdf"
    out = kiosk(
        "sign",
        str(pdf),
        "--pkcs11",
        token.module,
        "--key-id",
        token.key_id,
        "--agency",
        "UBND",
        env=env,
        tmp=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert token.pin not in out.stdout + out.stderr
    ca = tmp_path / "ca.der"
    ca.write_bytes(token.ca_der)
    out = kiosk("verify", str(signed), "--trust", str(ca), tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("VALID: ChuKySo1 signed by Common Name: Nguyen Van Can Bo")
    assert "covers entire file" in out.stdout and "; trusted;" in out.stdout

    # An incremental update that swaps page 1 keeps the signed bytes intact, yet is refused.
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(incremental_update(signed.read_bytes(), replace_page_one))
    out = kiosk("verify", str(forged), "--trust", str(ca), tmp=tmp_path)
    assert out.returncode == 2, out.stdout + out.stderr
    assert out.stdout.startswith("INVALID: ChuKySo1 signed by Common Name: Nguyen Van Can Bo")
    assert "changes after signing: page content or structure" in out.stdout
    assert "The pages or the document structure were changed after signing" in out.stdout
    assert "Traceback" not in out.stderr
    out = kiosk("verify", str(forged), "--json", tmp=tmp_path)
    (entry,) = json.loads(out.stdout)
    assert out.returncode == 2 and entry["ok"] is False and entry["intact"] is True
    assert entry["problems"] == [CHANGED_AFTER]

    out = kiosk("verify", str(pdf), tmp=tmp_path)
    assert out.returncode == 3 and "no signature" in out.stdout


def test_sign_without_pin_is_refused(tmp_path: Path, token: Token) -> None:
    env = {"SOFTHSM2_CONF": str(token.conf), "KIOSK_TOKEN_PIN": ""}
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    out = kiosk("sign", str(pdf), "--pkcs11", token.module, "--key-id", token.key_id, env=env, tmp=tmp_path)
    assert out.returncode == 2
    assert "KIOSK_TOKEN_PIN" in out.stderr


def test_capture_into_folder_names_file_by_code_and_item(tmp_path: Path) -> None:
    folder = tmp_path / "hoso"
    folder.mkdir()
    out = kiosk(
        "capture",
        "--device",
        "sane:test:1",
        "--out",
        str(folder),
        "--no-ocr",
        "--no-cleanup",
        "--dossier-code",
        "000.00.21.H26-260515-0007",
        "--item",
        "4",
        tmp=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert [p.name for p in folder.iterdir()] == ["000.00.21.H26-260515-0007_04.pdf"]
    out = kiosk("capture", "--device", "sane:test:1", "--out", str(folder), "--no-ocr", tmp=tmp_path)
    assert out.returncode == 2 and "--dossier-code" in out.stderr


def test_devices_without_python_sane_says_how_to_install_it(tmp_path: Path) -> None:
    # python-sane present but its extension cannot load (package or libsane missing): the
    # driver process, which inherits PYTHONPATH, finds this stand-in first.
    shadow = tmp_path / "nosane"
    shadow.mkdir()
    (shadow / "sane.py").write_text('raise ModuleNotFoundError("No module named \'_sane\'", name="_sane")\n')
    path = os.pathsep.join(p for p in (str(shadow), os.environ.get("PYTHONPATH", "")) if p)
    out = kiosk("devices", env={"PYTHONPATH": path}, tmp=tmp_path)
    assert out.returncode == 11, out.stderr
    assert "Scanner support is not installed on this computer" in out.stderr
    assert "sane-utils" in out.stderr and "python-sane" in out.stderr
    assert "ModuleNotFoundError" not in out.stderr and "restart the scanner" not in out.stderr

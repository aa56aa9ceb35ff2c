from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.dossier.people import PASSPHRASE, PEOPLE

ROOT = Path(__file__).resolve().parents[2]
KIOSK = [sys.executable, "-m", "ui.main"]


def kiosk(
    profile: Path,
    *args: str,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    passphrase: str | None = PASSPHRASE,
    tmpdir: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    e["QT_QPA_PLATFORM"] = "offscreen"
    if passphrase is not None:
        e["KIOSK_PASSPHRASE"] = passphrase
    if tmpdir is not None:
        e["TMPDIR"] = str(tmpdir)
    e.update(env or {})
    return subprocess.run(  # noqa: PLW1510 - callers check returncode
        [*KIOSK, "--profile", str(profile), *args],
        capture_output=True,
        text=True,
        env=e,
        cwd=ROOT,
        input=stdin,
        timeout=120,
    )


def init(profile: Path, *extra: str, tmpdir: Path | None = None) -> str:
    r = kiosk(
        profile,
        "admin",
        "init",
        "--unit-code",
        "H29",
        "--unit-name",
        "UBND phường Hoàn Kiếm",
        "--kdf-memory-kib",
        "8192",
        "--kdf-time",
        "1",
        "--json",
        *extra,
        tmpdir=tmpdir,
    )
    assert r.returncode == 0, r.stderr
    return str(json.loads(r.stdout)["recovery_key"])


def data_file(dir_: Path, i: int = 0, *, whole_read_result: bool = False) -> Path:
    cit = {
        **{k: None for k in ("religion", "identifying_marks")},
        **PEOPLE[i],
        "provenance": {k: "chip_verified" for k in PEOPLE[i]},
    }
    applicant = {"citizen": cit, "verification": {"passive": "ok"}} if whole_read_result else cit
    path = dir_ / f"data{i}.json"
    path.write_text(
        json.dumps(
            {
                "roles": {"applicant": applicant},
                "fields": {"phone": "0901234567", "content": "Đăng ký thường trú"},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return path


class InProcess:
    """Runs ``kiosk ...`` through ui.main.main in this process (same parser, handlers and
    error handling as the console script, without an interpreter start per command)."""

    def __init__(self, monkeypatch, capsys) -> None:
        self.mp, self.capsys = monkeypatch, capsys

    def __call__(
        self,
        profile: Path,
        *args: str,
        env: dict[str, str] | None = None,
        stdin: str | None = None,
        passphrase: str | None = PASSPHRASE,
    ) -> subprocess.CompletedProcess[str]:
        import io

        from ui.main import main

        for k in [k for k in os.environ if k.startswith("KIOSK_")]:
            self.mp.delenv(k)
        if passphrase is not None:
            self.mp.setenv("KIOSK_PASSPHRASE", passphrase)
        for k, v in (env or {}).items():
            self.mp.setenv(k, v)
        self.mp.setattr(sys, "stdin", io.StringIO(stdin or ""))
        self.capsys.readouterr()
        rc = main(["--profile", str(profile), *args])
        out, err = self.capsys.readouterr()
        return subprocess.CompletedProcess(args, rc, out, err)

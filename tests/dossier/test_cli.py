from __future__ import annotations

import json
import tempfile

import pytest

from tests.dossier.cli_helpers import InProcess, data_file, init, kiosk
from tests.dossier.people import PASSPHRASE


@pytest.fixture
def run(monkeypatch, capsys):
    return InProcess(monkeypatch, capsys)


def test_init_create_list_show_export_purge(tmp_path, run, monkeypatch):
    prof = tmp_path / "p"
    recovery = init(prof)
    assert len(recovery) == 35
    scan = tmp_path / "giay-khai-sinh.pdf"
    scan.write_bytes(b"%PDF-1.4 test scan")
    r = kiosk(
        prof,
        "dossier",
        "create",
        "--procedure",
        "CT01",
        "--data",
        str(data_file(tmp_path)),
        "--attach",
        str(scan),
        "--queue",
        "--json",
    )
    assert r.returncode == 0, r.stderr
    created = json.loads(r.stdout)
    assert created["state"] == "queued" and created["attachments"] == 1
    assert created["provisional_code"].startswith("H29-")
    r = run(
        prof,
        "dossier",
        "create",
        "--procedure",
        "CT01",
        "--data",
        str(data_file(tmp_path, 1, whole_read_result=True)),
        "--json",
    )
    assert r.returncode == 0, r.stderr

    r = run(prof, "dossier", "list", "--json")
    rows = json.loads(r.stdout)
    assert len(rows) == 2 and all("•" in row["applicant_id_masked"] for row in rows)
    assert "001099012345" not in r.stdout and "079185004321" not in r.stdout
    r = run(prof, "dossier", "list", "--search", "nguyen van an")
    assert r.returncode == 0 and "Nguyễn Văn An" in r.stdout and "Hương" not in r.stdout

    r = run(prof, "dossier", "show", created["provisional_code"])
    assert r.returncode == 0 and "received -> queued" in r.stdout and "giay-khai-sinh.pdf" in r.stdout
    r = run(prof, "dossier", "show", created["uuid"], "--json")
    doc = json.loads(r.stdout)
    assert doc["roles"]["applicant"]["id_number"] == "001099012345"
    assert doc["fields"]["content"] == "Đăng ký thường trú"

    out = tmp_path / "usb" / "export.json"
    out.parent.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))  # tmp_path is under /tmp
    r = run(prof, "dossier", "export", created["uuid"], "--out", str(out))
    assert r.returncode == 0 and json.loads(out.read_text())["uuid"] == created["uuid"]
    r = run(prof, "dossier", "export", "--subject", stdin="001099012345\n")
    assert r.returncode == 0 and len(json.loads(r.stdout)["dossiers"]) == 1

    r = run(prof, "dossier", "transition", created["uuid"], "withdrawn")
    assert r.returncode == 0, r.stderr
    r = run(prof, "dossier", "purge", created["uuid"], "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["purged"] == [created["uuid"]]

    r = run(prof, "admin", "verify-log", "--json")
    assert r.returncode == 0
    out = json.loads(r.stdout)
    assert out["intact"] is True and out["entries"] > 5 and len(out["head"]) == 64
    assert {"entries", "head", "intact"} <= out.keys()
    anchor = f"{out['entries']}:{out['head']}"
    run(prof, "dossier", "list")  # one more entry: the anchor still holds
    r = run(prof, "admin", "verify-log", "--anchor", anchor)
    assert r.returncode == 0 and "chain intact" in r.stdout
    r = run(prof, "admin", "verify-log", "--anchor", f"{out['entries']}:{'0' * 64}", "--json")
    assert r.returncode == 9 and json.loads(r.stdout)["intact"] is False
    r = run(prof, "admin", "verify-log", "--anchor", "12:nothex")
    assert r.returncode != 0 and "--anchor takes ENTRIES:HEAD" in r.stderr


def test_purge_of_queued_dossier_is_refused_clearly(tmp_path, run):
    prof = tmp_path / "p"
    init(prof)
    r = run(
        prof,
        "dossier",
        "create",
        "--procedure",
        "CT01",
        "--data",
        str(data_file(tmp_path)),
        "--queue",
        "--json",
    )
    u = json.loads(r.stdout)["uuid"]
    r = run(prof, "dossier", "purge", u)
    assert r.returncode == 1 and "cannot move to 'purged'" in r.stderr and "Traceback" not in r.stderr


def test_passphrase_from_fd_and_errors_are_clear(tmp_path, run):
    import os
    import subprocess
    import sys

    from tests.dossier.cli_helpers import ROOT

    prof = tmp_path / "p"
    init(prof)
    r = run(prof, "dossier", "list", passphrase=None)
    assert r.returncode == 2 and "KIOSK_PASSPHRASE" in r.stderr
    r = kiosk(prof, "dossier", "list", passphrase="wrong passphrase")
    assert r.returncode == 3 and "passphrase is not right" in r.stderr and "Traceback" not in r.stderr
    rfd, wfd = os.pipe()
    os.write(wfd, (PASSPHRASE + "\n").encode())
    os.close(wfd)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    p = subprocess.run(  # noqa: PLW1510
        [
            sys.executable,
            "-m",
            "ui.main",
            "--profile",
            str(prof),
            "dossier",
            "list",
            "--passphrase-fd",
            str(rfd),
        ],
        pass_fds=(rfd,),
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    os.close(rfd)
    assert p.returncode == 0, p.stderr
    r = run(prof, "dossier", "create", "--procedure", "CT01", "--data", str(tmp_path / "missing.json"))
    assert r.returncode == 2 and "does not exist" in r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"roles": {"applicant": {"date_of_birth": "31/02/1999"}}}')
    r = run(prof, "dossier", "create", "--procedure", "CT01", "--data", str(bad))
    assert r.returncode == 2 and "date_of_birth" in r.stderr and "31/02" not in r.stderr
    r = run(prof, "dossier", "show", "NOPE-1")
    assert r.returncode == 1 and "No dossier" in r.stderr


def test_officers_rekey_and_recovery(tmp_path, run):
    prof = tmp_path / "p"
    recovery = init(prof)
    r = run(
        prof,
        "admin",
        "add-officer",
        "canbo1",
        "--role",
        "officer",
        env={"KIOSK_NEW_PASSPHRASE": "officer pass 1"},
    )
    assert r.returncode == 0, r.stderr
    r = run(
        prof,
        "admin",
        "add-officer",
        "canbo2",
        env={"KIOSK_USER": "canbo1", "KIOSK_NEW_PASSPHRASE": "officer pass 2"},
        passphrase="officer pass 1",
    )
    assert r.returncode == 6 and "not allowed to manage officers" in r.stderr
    r = run(prof, "dossier", "list", "--user", "canbo1", passphrase="officer pass 1")
    assert r.returncode == 0, r.stderr
    r = run(
        prof,
        "admin",
        "rekey",
        "--user",
        "canbo1",
        passphrase="officer pass 1",
        env={"KIOSK_NEW_PASSPHRASE": "officer pass NEW"},
    )
    assert r.returncode == 0 and "passphrase changed" in r.stdout
    assert run(prof, "dossier", "list", "--user", "canbo1", passphrase="officer pass NEW").returncode == 0
    # Admin forgot the passphrase: the printed recovery key resets it.
    r = run(
        prof,
        "admin",
        "recovery-key",
        "--reset-user",
        "admin",
        passphrase=None,
        env={"KIOSK_RECOVERY_KEY": recovery, "KIOSK_NEW_PASSPHRASE": "brand new admin pass"},
    )
    assert r.returncode == 0, r.stderr
    assert run(prof, "admin", "officers", passphrase="brand new admin pass").returncode == 0
    # A mistyped name is an error, not a new administrator; --create-role makes one on purpose.
    recover = {"KIOSK_RECOVERY_KEY": recovery, "KIOSK_NEW_PASSPHRASE": "ghost pass 123"}
    r = run(prof, "admin", "recovery-key", "--reset-user", "admn", passphrase=None, env=recover)
    assert r.returncode == 2 and "No officer is called admn" in r.stderr
    r = run(
        prof,
        "admin",
        "recovery-key",
        "--reset-user",
        "canbo9",
        "--create-role",
        "officer",
        passphrase=None,
        env=recover,
    )
    assert r.returncode == 0, r.stderr
    r = run(prof, "admin", "officers", "--json", passphrase="brand new admin pass")
    roles = {o["username"]: o["role"] for o in json.loads(r.stdout)}
    assert roles == {"admin": "admin", "canbo1": "officer", "canbo9": "officer"}
    r = run(prof, "admin", "recovery-key", "--json", passphrase="brand new admin pass")
    assert r.returncode == 0 and json.loads(r.stdout)["recovery_key"] != recovery
    r = run(prof, "admin", "rekey", "--machine-secret", passphrase="brand new admin pass")
    assert r.returncode == 8 and "No OS keyring" in r.stderr


def test_init_kiosk_without_keyring_fails_clearly_and_leaves_no_profile(tmp_path):
    prof = tmp_path / "p"
    r = kiosk(prof, "admin", "init", "--kiosk", "--kdf-memory-kib", "8192")
    assert r.returncode == 8 and "No OS keyring is available" in r.stderr
    assert not (prof / "keys.json").exists()
    assert [p.name for p in prof.iterdir() if p.is_file()] == ["keys.lock"]  # no store.db left behind
    init(prof)  # a normal init still works afterwards
    assert not list(prof.glob("*abandoned*"))
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in prof.iterdir() if p.is_file()}
    for name in ("store.db", "keys.json", "keys.json.bak", "keys.lock"):
        assert modes.pop(name) == "0o600", name
    assert set(modes.values()) <= {"0o600"}, modes


def test_admin_check_finds_a_damaged_attachment(tmp_path, run):
    prof = tmp_path / "p"
    init(prof)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 " + b"x" * 5000)
    r = run(
        prof,
        "dossier",
        "create",
        "--procedure",
        "CT01",
        "--data",
        str(data_file(tmp_path)),
        "--attach",
        str(scan),
        "--json",
    )
    assert r.returncode == 0, r.stderr
    r = run(prof, "admin", "check", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["ok"] is True
    (enc,) = list((prof / "attachments").glob("*/*.enc"))
    raw = bytearray(enc.read_bytes())
    raw[100] ^= 0xFF
    enc.write_bytes(bytes(raw))
    r = run(prof, "admin", "check", "--json")
    out = json.loads(r.stdout)
    assert r.returncode == 9 and out["ok"] is False and len(out["bad_attachments"]) == 1


def test_create_refuses_a_procedure_the_catalogue_does_not_have(tmp_path, run):
    prof = tmp_path / "p"
    init(prof)
    args = ["dossier", "create", "--data", str(data_file(tmp_path)), "--json"]
    r = run(prof, *args, "--procedure", "NOSUCHFORM")
    assert r.returncode == 2 and "There is no form 'NOSUCHFORM'" in r.stderr and "CT01" in r.stderr
    r = run(prof, "dossier", "list", "--json")
    assert json.loads(r.stdout) == []
    r = run(prof, *args, "--procedure", "CT01")
    assert r.returncode == 0, r.stderr


def test_list_limit_and_offset_must_be_sensible(tmp_path, run):
    prof = tmp_path / "p"
    init(prof)
    for i in range(3):
        args = ["dossier", "create", "--procedure", "CT01", "--data", str(data_file(tmp_path, i))]
        assert run(prof, *args).returncode == 0
    assert len(json.loads(run(prof, "dossier", "list", "--json", "--limit", "2").stdout)) == 2
    for bad in (["--limit", "-5"], ["--limit", "0"], ["--offset", "-1"], ["--limit", "x"]):
        with pytest.raises(SystemExit) as exc:
            run(prof, "dossier", "list", "--json", *bad)
        assert exc.value.code == 2


def test_damaged_key_file_is_rebuilt_and_the_cli_says_so(tmp_path, run):
    prof = tmp_path / "p"
    init(prof)
    good = (prof / "keys.json").read_bytes()
    (prof / "keys.json").write_text('{"format": 1, "offic')
    r = run(prof, "dossier", "list", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == []
    assert r.stderr.count("kiosk: The key file keys.json was damaged or missing; it was rebuilt") == 1
    assert (prof / "keys.json").read_bytes() == good
    r = run(prof, "dossier", "list", "--json")
    assert r.returncode == 0 and r.stderr == ""


def _closed_reader(profile, *args: str) -> tuple[int, str]:
    """Run ``kiosk ...`` with its standard output a pipe nobody reads any more (`| head -1`
    that has already exited)."""
    import os
    import subprocess

    from tests.dossier.cli_helpers import KIOSK, ROOT

    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env |= {"KIOSK_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}
    read_end, write_end = os.pipe()
    os.close(read_end)  # before the child writes anything
    try:
        proc = subprocess.run(  # noqa: PLW1510 - checked below
            [*KIOSK, "--profile", str(profile), *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
        )
    finally:
        os.close(write_end)
    return proc.returncode, proc.stderr


def test_output_into_a_closed_pipe_ends_quietly(tmp_path):
    prof = tmp_path / "p"
    init(prof)
    r = kiosk(prof, "dossier", "create", "--procedure", "CT01", "--data", str(data_file(tmp_path)))
    assert r.returncode == 0, r.stderr
    for args in (("dossier", "list", "--json"), ("admin", "verify-log", "--json")):
        rc, err = _closed_reader(prof, *args)
        assert (rc, err) == (141, ""), args
    assert _closed_reader(prof, "--help")[1] == ""


@pytest.mark.parametrize("role", ["kiosk", "community"])
def test_restricted_accounts_get_one_answer_for_unknown_and_foreign_codes(tmp_path, run, role):
    prof = tmp_path / "p"
    init(prof)
    r = run(prof, "dossier", "create", "--procedure", "CT01", "--data", str(data_file(tmp_path)), "--json")
    code = json.loads(r.stdout)["provisional_code"]
    r = run(
        prof, "admin", "add-officer", "other", "--role", role, env={"KIOSK_NEW_PASSPHRASE": "other pass 1"}
    )
    assert r.returncode == 0, r.stderr
    answers = set()
    for ref in (code, "H29-ZZZZ-9", "not-a-code"):
        r = run(prof, "dossier", "show", ref, env={"KIOSK_USER": "other"}, passphrase="other pass 1")
        answers.add((r.returncode, r.stderr, r.stdout))
    assert len(answers) == 1
    rc, err, out = answers.pop()
    assert rc == 6 and out == "" and "Nguyễn" not in err
    if role == "kiosk":
        r = run(prof, "dossier", "show", code, env={"KIOSK_USER": "other"}, passphrase="other pass 1")
        assert "citizen it is serving" in r.stderr


def test_export_refuses_the_profile_and_temp_folders_and_writes_a_private_file(tmp_path, run, monkeypatch):
    prof = tmp_path / "p"
    init(prof)
    r = run(prof, "dossier", "create", "--procedure", "CT01", "--data", str(data_file(tmp_path)), "--json")
    uuid = json.loads(r.stdout)["uuid"]
    tmp, usb = tmp_path / "tmp", tmp_path / "usb"
    tmp.mkdir()
    usb.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    for bad, why in [
        (prof / "export.json", "cannot be saved in the profile or the temporary folder"),
        (prof / "tmp" / "export.json", "cannot be saved in the profile or the temporary folder"),
        (tmp / "export.json", "cannot be saved in the profile or the temporary folder"),
        (usb / "missing" / "export.json", "does not exist"),
    ]:
        # Refused before the unlock: no passphrase needed to be told.
        r = run(prof, "dossier", "export", uuid, "--out", str(bad), passphrase=None)
        assert r.returncode == 2 and why in r.stderr, (bad, r.stderr)
        assert not bad.exists()
    out = usb / "export.json"
    out.write_text("old")
    out.chmod(0o644)
    r = run(prof, "dossier", "export", uuid, "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["uuid"] == uuid
    assert out.stat().st_mode & 0o777 == 0o600


def test_admin_settings_show_change_and_refuse(tmp_path, run):
    prof = tmp_path / "p"
    init(prof)
    r = run(prof, "admin", "settings", "--json")
    assert r.returncode == 0, r.stderr
    shown = json.loads(r.stdout)
    assert shown["unit_name"] == "UBND phường Hoàn Kiếm" and shown["consent_required_officer"] is False
    r = run(
        prof,
        "admin",
        "settings",
        "--set",
        "consent_required_officer=yes",
        "--set",
        "idle_lock_s=600",
        "--set",
        "receipt_place=Hà Nội",
        "--json",
    )
    assert r.returncode == 0, r.stderr
    shown = json.loads(r.stdout)
    assert (shown["consent_required_officer"], shown["idle_lock_s"], shown["receipt_place"]) == (
        True,
        600,
        "Hà Nội",
    )
    # The next login uses the new idle time.
    from kiosk.profile import Profile
    from kiosk.security import keys

    store, session = keys.unlock_with_passphrase(Profile.open(prof), "admin", PASSPHRASE)
    try:
        assert session.idle_lock_s == 600
        assert any(e.detail.startswith("settings:") for e in store.log_entries() if e.action == "admin")
    finally:
        store.close()
    for bad, message in [
        ("idle_lock_s=5", "from 60 to 3600"),
        ("consent_required_officer=maybe", "true or false"),
        ("unit_nmae=X", "Unknown setting 'unit_nmae'"),
        ("receipt_place", "Unknown setting"),
    ]:
        r = run(prof, "admin", "settings", "--set", bad)
        assert r.returncode != 0 and message in r.stderr and "Traceback" not in r.stderr


def test_officer_full_names_round_trip(tmp_path, run):
    prof = tmp_path / "p"
    r = run(
        prof,
        "admin",
        "init",
        "--unit-code",
        "H29",
        "--kdf-memory-kib",
        "8192",
        "--kdf-time",
        "1",
        "--admin-full-name",
        "Trần  Thị Quản",
        "--json",
    )
    assert r.returncode == 0, r.stderr
    r = run(
        prof,
        "admin",
        "add-officer",
        "canbo.nguyen",
        "--full-name",
        "Nguyễn Văn Tiếp",
        "--json",
        env={"KIOSK_NEW_PASSPHRASE": "officer pass 1"},
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {
        "username": "canbo.nguyen",
        "full_name": "Nguyễn Văn Tiếp",
        "role": "officer",
    }
    r = run(prof, "admin", "add-officer", "canbo.le", env={"KIOSK_NEW_PASSPHRASE": "officer pass 2"})
    assert r.returncode == 0, r.stderr
    r = run(
        prof,
        "admin",
        "add-officer",
        "canbo.x",
        "--full-name",
        "canbo.x",
        env={"KIOSK_NEW_PASSPHRASE": "officer pass 3"},
    )
    assert r.returncode == 1 and "A full name is 1-100 Latin letters" in r.stderr
    r = run(prof, "admin", "officers", "--json")
    assert r.returncode == 0, r.stderr
    assert {o["username"]: o["full_name"] for o in json.loads(r.stdout)} == {
        "admin": "Trần Thị Quản",
        "canbo.le": None,
        "canbo.nguyen": "Nguyễn Văn Tiếp",
    }
    r = run(prof, "admin", "officer-name", "canbo.le", "Lê Thị Hoa")
    assert r.returncode == 0 and "full name of canbo.le saved" in r.stdout
    r = run(prof, "admin", "officer-name", "canbo.nguyen", "")
    assert r.returncode == 0 and "full name of canbo.nguyen removed" in r.stdout
    r = run(prof, "admin", "officers")
    assert r.returncode == 0, r.stderr
    assert "canbo.le\tofficer\tLê Thị Hoa\t" in r.stdout.splitlines()
    assert "canbo.nguyen\tofficer\t\t" in r.stdout.splitlines()
    r = run(
        prof,
        "admin",
        "officer-name",
        "canbo.le",
        "Lê Văn B",
        env={"KIOSK_USER": "canbo.le"},
        passphrase="officer pass 2",
    )
    assert r.returncode == 6 and "not allowed to manage officers" in r.stderr

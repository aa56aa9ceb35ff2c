"""The support report: each check's ok and failing branch, no personal data, the screen.

PC/SC is only touched through ``smart_card_summary`` (one status query, no APDU); every
other smart-card branch is fed a summary. The server checks talk to a throwaway HTTP server
on 127.0.0.1 or to a closed port.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.diagnostics import (
    DISK_FAIL_BYTES,
    DISK_WARN_BYTES,
    SQLITE_PLAIN_HEADER,
    Msg,
    ReaderSummary,
    Report,
    SmartCardSummary,
    Status,
    check,
    check_disk,
    check_fonts,
    check_keyring,
    check_keys,
    check_logs,
    check_ocr,
    check_profile,
    check_sane,
    check_smart_card,
    check_store,
    check_twain,
    check_versions,
    collect,
    never_raises,
    public_path,
    smart_card_summary,
)
from kiosk.profile import Profile
from sync.device import DeviceState, save_device
from sync.diagnostics import check_enrolment, check_outbox, check_server, collect_all
from tests.dossier.keyrings import MemoryKeyring, pin_keyring

MB = 1024**2


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends import fail

    pin_keyring(monkeypatch, fail.Keyring())


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    return Profile.open(tmp_path / "profile")


def device(url: str, **extra: Any) -> DeviceState:
    return DeviceState(
        device_id="dev-0001",
        unit_code="000123",
        server_url=url,
        key_id="k1",
        server_public_key="AAAA",
        enrolled_at="2026-01-01T00:00:00+00:00",
        **extra,
    )


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


@pytest.fixture
def health_server() -> Iterator[tuple[str, dict[str, Any]]]:
    """A stand-in intake server; tests set ``reply`` to choose what /v1/health answers."""
    reply: dict[str, Any] = {"status": 200, "body": {"status": "ok", "server_time": int(time.time())}}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            data = json.dumps(reply["body"]).encode()
            self.send_response(reply["status"] if self.path == "/v1/health" else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}", reply
    finally:
        srv.shutdown()
        srv.server_close()


# --------------------------------------------------------------------------- core checks


def test_versions_name_app_and_python() -> None:
    c = check_versions()
    assert c.status is Status.OK
    assert c.facts["app"] and c.facts["python"].count(".") == 2
    assert c.detail.en.startswith("app ") and c.detail.vi.startswith("ứng dụng ")


def test_profile_writable_and_not(profile: Profile, tmp_path: Path) -> None:
    ok = check_profile(profile)
    assert ok.status is Status.OK and ok.facts["writable"] is True
    assert [p.name for p in profile.root.iterdir() if p.name.startswith(".diag-")] == []
    # A file where the folder should be: unwritable even for root.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    bad = check_profile(Profile(blocker))
    assert bad.status is Status.FAILED and bad.facts["writable"] is False
    assert "not writable" in bad.detail.en and "không ghi được" in bad.detail.vi
    assert "--profile" in bad.hint.en and "--profile" in bad.hint.vi


@pytest.mark.parametrize(
    ("free", "status"),
    [
        (DISK_WARN_BYTES + MB, Status.OK),
        (DISK_WARN_BYTES - MB, Status.WARNING),
        (DISK_FAIL_BYTES - MB, Status.FAILED),
    ],
)
def test_disk_thresholds(profile: Profile, free: int, status: Status) -> None:
    c = check_disk(profile, free_bytes=free)
    assert c.status is status
    assert c.facts["free_mb"] == free // MB
    assert bool(c.hint.en) is (status is not Status.OK)
    if status is Status.FAILED:
        assert "disk is full" in c.detail.en and "đĩa đã đầy" in c.detail.vi


def test_disk_reads_the_real_free_space(profile: Profile) -> None:
    c = check_disk(profile)
    assert c.status in (Status.OK, Status.WARNING, Status.FAILED)
    assert c.facts["free_mb"] >= 0


def test_logs_size_and_runaway_logs(profile: Profile) -> None:
    empty = check_logs(profile)
    assert empty.status is Status.OK and empty.facts["files"] == 0 and "no log" in empty.detail.en
    (profile.logs_dir / "kiosk.log").write_bytes(b"x" * 3000)
    small = check_logs(profile)
    assert small.status is Status.OK and small.facts == {"files": 1, "total_kb": 2, "kiosk_log_kb": 2}
    assert "2.9 KB" in small.detail.en
    with open(profile.logs_dir / "kiosk.log.1", "wb") as fh:
        fh.truncate(60 * MB)  # sparse: no real disk used
    big = check_logs(profile)
    assert big.status is Status.WARNING and "delete old files" in big.hint.en


def test_store_not_set_up_missing_plain_empty_and_encrypted(profile: Profile) -> None:
    fresh = check_store(profile)
    assert fresh.status is Status.WARNING and fresh.facts == {"present": False}
    assert "kiosk admin init" in fresh.hint.en

    (profile.root / "keys.json").write_text("{}")
    missing = check_store(profile)
    assert missing.status is Status.FAILED and "backup" in missing.hint.en

    profile.db_path.write_bytes(b"")
    empty = check_store(profile)
    assert empty.status is Status.FAILED and "empty" in empty.detail.en

    profile.db_path.write_bytes(SQLITE_PLAIN_HEADER + b"\0" * 4080)
    plain = check_store(profile)
    assert plain.status is Status.FAILED and plain.facts["encrypted"] is False
    assert "not encrypted" in plain.detail.en and "KHÔNG mã hoá" in plain.detail.vi
    assert "province IT" in plain.hint.en

    profile.db_path.write_bytes(os.urandom(8192))
    enc = check_store(profile)
    assert enc.status is Status.OK and enc.facts["encrypted"] is True and enc.facts["size_kb"] == 8
    assert "encrypted" in enc.detail.en


def test_keys_absent_damaged(profile: Profile) -> None:
    assert check_keys(profile).status is Status.NOT_CHECKED
    (profile.root / "keys.json").write_text("not json")
    bad = check_keys(profile)
    assert bad.status is Status.FAILED and "keys.json.bak" in bad.hint.en
    assert bad.detail.en == "keys.json is unusable (_Damaged) and so is its copy keys.json.bak (missing)"


def test_keys_damaged_with_an_intact_copy_is_a_warning_and_nothing_is_changed(profile: Profile) -> None:
    from kiosk.security.keys import FORMAT

    good = {"format": FORMAT, "store_id": "s", "key_check": "k", "officers": {}}
    (profile.root / "keys.json.bak").write_text(json.dumps(good))
    (profile.root / "keys.json").write_text("not json")
    before = sorted(p.name for p in profile.root.iterdir())
    warn = check_keys(profile)
    assert warn.status is Status.WARNING and "intact" in warn.detail.en and warn.facts["backup"] is True
    assert sorted(p.name for p in profile.root.iterdir()) == before  # a diagnosis repairs nothing
    assert (profile.root / "keys.json").read_text() == "not json"


def test_keyring_fail_backend_warns_and_a_real_one_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    warn = check_keyring()
    assert warn.status is Status.WARNING
    assert warn.facts["backend"] == "fail.Keyring"
    assert "Unattended kiosk mode needs a keyring" in warn.hint.en
    assert "kiosk tự phục vụ cần kho khoá" in warn.hint.vi
    pin_keyring(monkeypatch, MemoryKeyring())
    ok = check_keyring()
    assert ok.status is Status.OK and ok.facts["backend"].endswith("MemoryKeyring")


def test_smart_card_branches_from_a_summary() -> None:
    down = check_smart_card(SmartCardSummary("not running"))
    assert down.status is Status.FAILED and "pcscd" in down.hint.en and "không chạy" in down.detail.vi
    none = check_smart_card(SmartCardSummary("running"))
    assert none.status is Status.WARNING and "kiosk card diagnose" in none.hint.en
    two = check_smart_card(
        SmartCardSummary(
            "running", (ReaderSummary("ACS ACR1252 00", True), ReaderSummary("Omnikey 01", False))
        )
    )
    assert two.status is Status.OK
    assert two.detail.en == "ACS ACR1252 00 (card present); Omnikey 01 (no card)"
    assert two.facts["readers"][0] == {"name": "ACS ACR1252 00", "card_present": True}


def test_smart_card_summary_answers_without_a_daemon(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Pointing the client at a socket nobody listens on is "pcscd absent".
    monkeypatch.setenv("PCSCLITE_CSOCK_NAME", str(tmp_path / "no-pcscd.comm"))
    s = smart_card_summary()
    assert s.service == "not running" and s.readers == ()
    assert check_smart_card(s).status is Status.FAILED


def test_smart_card_summary_with_the_machine_service() -> None:
    s = smart_card_summary()  # whatever this machine runs: one status query, never an APDU
    assert s.service in {"running", "not running", "unavailable", "error"}
    assert all(isinstance(r.card_present, bool) for r in s.readers)


def test_scanner_ocr_and_font_checks_on_this_machine() -> None:
    # installer/dev.sh installs sane-utils, python-sane, tesseract-ocr-vie and the fonts.
    assert check_sane().status is Status.OK
    ocr = check_ocr()
    assert ocr.status is Status.OK and ocr.facts["language"] == "vie"
    fonts = check_fonts()
    assert fonts.status is Status.OK and fonts.facts["fonts"] >= 4


def test_twain_found_or_optional(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "libtwaindsm.so"
    fake.write_bytes(b"\x7fELF")
    monkeypatch.setenv("KIOSK_TWAIN_DSM", str(fake))
    found = check_twain()
    assert found.status is Status.OK and found.facts["dsm"] == str(fake)
    monkeypatch.setenv("KIOSK_TWAIN_DSM", str(tmp_path / "absent.so"))
    assert check_twain().status is Status.NOT_CHECKED  # Linux: scanners use SANE


def test_fonts_missing_or_without_vietnamese(tmp_path: Path) -> None:
    assert check_fonts(tmp_path).status is Status.FAILED
    from fontTools.fontBuilder import FontBuilder

    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", "A"])
    fb.setupCharacterMap({ord("A"): "A"})
    fb.setupGlyf({".notdef": _empty_glyph(), "A": _empty_glyph()})
    fb.setupHorizontalMetrics({".notdef": (500, 0), "A": (500, 0)})
    fb.setupHorizontalHeader()
    fb.setupNameTable({"familyName": "Latin Only", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(tmp_path / "LatinOnly.ttf"))
    c = check_fonts(tmp_path)
    assert c.status is Status.FAILED and c.facts["incomplete"] == ["LatinOnly.ttf"]
    assert "Vietnamese" in c.detail.en


def _empty_glyph() -> Any:
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    return TTGlyphPen(None).glyph()


def test_a_crashing_check_becomes_a_failed_row() -> None:
    @never_raises("boom")
    def boom() -> Any:
        raise OSError("disk on fire")

    c = boom()
    assert c.status is Status.FAILED and c.facts == {"error": "OSError"}
    assert "check itself failed" in c.detail.en


def test_home_folder_is_hidden() -> None:
    assert public_path(Path.home() / "AppData" / "kiosk") == os.path.join("~", "AppData", "kiosk")
    assert public_path("/srv/kiosk") == "/srv/kiosk"


# --------------------------------------------------------------------------- sync checks


def test_enrolment_absent_enrolled_revoked(profile: Profile) -> None:
    none = check_enrolment(profile)
    assert none.status is Status.WARNING and "kiosk enrol" in none.hint.en
    save_device(profile, device("https://intake.example.gov.vn"))
    nokey = check_enrolment(profile)
    assert nokey.status is Status.FAILED and nokey.facts["signing_key_present"] is False
    (profile.root / "sync" / "device.key").write_bytes(os.urandom(32))
    ok = check_enrolment(profile)
    assert ok.status is Status.OK
    assert ok.facts["device_id"] == "dev-0001" and ok.facts["unit_code"] == "000123"
    assert ok.facts["server_url"] == "https://intake.example.gov.vn" and ok.facts["server_key_id"] == "k1"
    save_device(profile, device("https://intake.example.gov.vn", revoked="stolen"))
    revoked = check_enrolment(profile)
    assert revoked.status is Status.FAILED and revoked.facts["revoked"] is True
    (profile.root / "sync" / "device.json").write_text("{broken")
    assert check_enrolment(profile).status is Status.FAILED


def test_server_not_checked_without_url() -> None:
    assert check_server(None).status is Status.NOT_CHECKED
    assert check_server(device("")).status is Status.NOT_CHECKED


def test_server_unreachable_on_a_closed_port() -> None:
    c = check_server(device(f"http://127.0.0.1:{closed_port()}"))
    assert c.status is Status.FAILED
    assert "cannot be reached" in c.detail.en and "không kết nối được" in c.detail.vi
    assert "network cable" in c.hint.en and "cáp mạng" in c.hint.vi


def test_server_tls_error_is_named(health_server: tuple[str, dict[str, Any]]) -> None:
    url, _ = health_server
    c = check_server(device(url.replace("http://", "https://")))  # TLS to a plain-HTTP port
    assert c.status is Status.FAILED and c.facts["error"] == "tls"
    assert "TLS" in c.detail.en and "date and time" in c.hint.en


def test_server_ok_skewed_erroring_and_impostor(health_server: tuple[str, dict[str, Any]]) -> None:
    url, reply = health_server
    ok = check_server(device(url))
    assert ok.status is Status.OK and ok.facts["reachable"] is True and "reachable" in ok.detail.en
    reply["body"] = {"status": "ok", "server_time": int(time.time()) + 3600}
    skew = check_server(device(url))
    assert skew.status is Status.WARNING and "60 min" in skew.detail.en and "NTP" in skew.hint.en
    reply["status"] = 500
    assert check_server(device(url)).detail.en.endswith("answered HTTP 500")
    reply["status"], reply["body"] = 200, {"hello": "portal"}
    impostor = check_server(device(url))
    assert impostor.status is Status.FAILED and impostor.facts["error"] == "not_intake"


class FakeStore:
    def __init__(self, stats: dict[str, Any] | Exception) -> None:
        self.stats = stats

    def outbox_stats(self) -> dict[str, Any]:
        if isinstance(self.stats, Exception):
            raise self.stats
        return self.stats


def test_outbox_counts() -> None:
    assert check_outbox(None).status is Status.NOT_CHECKED
    assert check_outbox(FakeStore(PermissionError("kiosk role"))).status is Status.NOT_CHECKED
    ok = check_outbox(FakeStore({"queued": 2, "uploading": 1, "quarantined": 0, "last_success": "x"}))
    assert ok.status is Status.OK and ok.facts["queued"] == 3 and ok.detail.en == "3 queued, 0 quarantined"
    held = check_outbox(FakeStore({"queued": 0, "uploading": 0, "quarantined": 2}))
    assert held.status is Status.WARNING and "kiosk sync quarantine" in held.hint.en
    stale = check_outbox(
        FakeStore({"queued": 1, "quarantined": 0, "oldest_queued_at": "2020-01-01T00:00:00+00:00"})
    )
    assert stale.status is Status.WARNING and "the oldest has waited" in stale.detail.en


# --------------------------------------------------------------------------- the report


def test_report_from_a_profile_with_a_real_store_holds_no_personal_data(profile: Profile) -> None:
    from kiosk.dossier.model import DossierState as S
    from kiosk.security.keys import init_profile, unlock_with_passphrase
    from tests.dossier.people import FAST_KDF, PASSPHRASE, citizen, plaintext_needles

    init_profile(
        profile,
        unit_name="UBND xã Phù Đổng",
        unit_code="000123",
        admin_username="canbo.nguyen",
        admin_passphrase=PASSPHRASE,
        kdf=FAST_KDF,
    )
    store, _session = unlock_with_passphrase(profile, "canbo.nguyen", PASSPHRASE)
    try:
        for i in range(3):
            d = store.create_dossier("CT01", {"applicant": citizen(i)}, {"noi_dung": "đăng ký thường trú"})
            store.transition(d.uuid, S.received)
            store.transition(d.uuid, S.queued)
        store.outbox_quarantine(d.uuid, "rejected by the server")
        report = collect_all(profile, store, network=False)
    finally:
        store.close()

    assert report.get("store") is not None and report.get("store").status is Status.OK  # type: ignore[union-attr]
    keys = report.get("keys")
    assert keys is not None and keys.status is Status.OK and keys.facts["officers"] == 1
    outbox = report.get("outbox")
    assert outbox is not None and outbox.facts["queued"] == 2 and outbox.facts["quarantined"] == 1
    assert report.get("server") is not None and report.get("server").status is Status.NOT_CHECKED  # type: ignore[union-attr]
    everything = report.to_text("vi") + report.to_text("en")
    for needle in [
        *plaintext_needles(),
        "canbo.nguyen",
        "đăng ký thường trú",
        "UBND xã Phù Đổng",
        PASSPHRASE,
    ]:
        assert needle not in everything


def test_report_text_and_json(profile: Profile) -> None:
    report = collect(profile)
    ids = [c.id for c in report.checks]
    assert ids == [
        "versions", "profile", "disk", "logs", "store", "keys", "keyring",
        "smart_card", "sane", "twain", "ocr", "fonts",
    ]  # fmt: skip
    text = report.to_text("en")
    head, _, tail = text.partition("\n\n")
    assert len(head.splitlines()) == 2 + len(ids) + 1  # title, version, one per check, card command
    assert "[Warning] Encrypted store: not set up yet (no store.db) -> Run the first-run setup" in head
    assert "kiosk card diagnose" in head
    data = json.loads(tail)
    assert [c["id"] for c in data["checks"]] == ids
    # The profile's own checks are fixed by the fixture; the daemons' checks depend on whether
    # pcscd happens to run at this moment (other tests stop and start it), so the overall verdict
    # is compared with the checks it summarises rather than with a constant.
    statuses = {c["id"]: c["status"] for c in data["checks"]}
    machine = {"smart_card", "sane", "twain", "ocr"}
    assert {cid: s for cid, s in statuses.items() if cid not in machine and s == "failed"} == {}
    assert statuses["store"] == "warning"
    assert data["overall"] == ("failed" if "failed" in statuses.values() else "warning")
    assert "[Cảnh báo] Kho dữ liệu mã hoá: chưa thiết lập" in report.to_text("vi")


def test_overall_is_the_worst_check() -> None:
    ok = check("a", Status.OK, Msg("fine", "tốt"))
    warn = check("b", Status.WARNING, Msg("hmm", "hừm"))
    bad = check("c", Status.FAILED, Msg("broken", "hỏng"))
    idle = check("d", Status.NOT_CHECKED, Msg("skipped", "bỏ qua"))
    assert Report([]).overall is Status.OK
    assert Report([ok, idle]).overall is Status.OK
    assert Report([ok, warn, idle]).overall is Status.WARNING
    assert Report([bad, ok, warn]).overall is Status.FAILED
    assert json.loads(Report([warn, bad]).to_text("en").partition("\n\n")[2])["overall"] == "failed"


def test_kiosk_diagnose_command(profile: Profile, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from ui.main import main

    out = tmp_path / "report.txt"
    rc = main(["--profile", str(profile.root), "diagnose", "--json", "--no-network", "--out", str(out)])
    data = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in data["checks"]][-3:] == ["enrolment", "server", "outbox"]
    assert rc == (1 if data["overall"] == "failed" else 0)
    assert out.read_text(encoding="utf-8").startswith("Một Cửa Kiosk diagnostics")
    main(["--profile", str(profile.root), "diagnose", "--lang", "vi", "--no-network"])
    assert "[Chưa kiểm tra] Máy chủ tiếp nhận: bỏ qua (--no-network)" in capsys.readouterr().out


# --------------------------------------------------------------------------- the screen


def wait_until(pred: Any, limit_s: float = 60.0) -> bool:
    """Let Qt deliver the worker's result (the limit only stops a hang, it is not a measure)."""
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + limit_s
    while not pred() and time.monotonic() < deadline:
        QTest.qWait(20)
    return bool(pred())


@pytest.mark.gui
def test_the_screen_fills_the_table_and_copies_the_report(profile: Profile) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QWidget

    from ui.app import make_app
    from ui.context import AppContext
    from ui.diagnostics import DiagnosticsPage
    from ui.theme import colour

    make_app()
    ctx = AppContext(profile=profile, language="en")
    page = DiagnosticsPage(ctx)
    try:
        assert page.report is None  # nothing runs before the screen is shown
        page.show()
        assert page.busy and not page.refresh_button.isEnabled()
        assert wait_until(lambda: not page.busy)
        report = page.report
        assert report is not None
        assert page.table.rowCount() == len(report.checks)
        rows = {page.table.item(r, 0).data(256): r for r in range(page.table.rowCount())}  # UserRole
        assert {"ui", "store", "enrolment", "server", "outbox"} <= set(rows)
        store_row = rows["store"]
        assert page.table.item(store_row, 0).text() == "Encrypted store"
        assert page.table.item(store_row, 1).text() == "Warning"
        assert page.table.item(store_row, 1).foreground().color().name() == colour("warning")
        assert page.table.item(store_row, 3).text().startswith("Run the first-run setup")
        assert page.table.item(rows["server"], 1).text() == "Not checked"
        assert "checks:" in page.summary.text()
        page.copy_report()
        copied = QGuiApplication.clipboard().text()
        assert copied == page.report_text()
        assert copied.startswith("Một Cửa Kiosk diagnostics") and '"overall"' in copied

        ctx.language = "vi"
        ctx.signals.language_changed.emit("vi")
        assert page.table.item(store_row, 0).text() == "Kho dữ liệu mã hoá"

        page.refresh()  # a second run replaces the first
        assert wait_until(lambda: not page.busy)
        assert page.table.rowCount() == len(page.report.checks)  # type: ignore[union-attr]
        from tests.foundation.test_gui import CONTROLS, qt_internal

        unnamed = [
            type(w).__name__
            for w in page.findChildren(QWidget)
            if isinstance(w, CONTROLS) and not w.accessibleName() and not qt_internal(w)
        ]
        assert unnamed == [] and page.summary.accessibleName()
        focusable = [
            w
            for w in (page.table, page.refresh_button, page.copy_button)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        assert len(focusable) == 3
    finally:
        page.close()
        page.deleteLater()

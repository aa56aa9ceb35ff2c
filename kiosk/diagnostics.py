"""A support report about this installation: a list of named checks, each ok / warning /
failed / not checked, with a one-line detail and, when not ok, what to do (English and
Vietnamese, as the forms area does with ``message_en`` / ``message_vi``).

Modelled on DigiDoc4's and the Belgian eID viewer's diagnostics. It holds no personal data:
no names, ID numbers or dossier contents (counts only), home folders shown as ``~``, and every
detail passes through the redactor. Each check is a small function that never raises; the
slow ones (PC/SC, Tesseract) use short timeouts and are meant to run off the GUI thread.

`kiosk card diagnose` remains the detailed card report (drivers, ATRs, last APDU trace);
:mod:`sync.diagnostics` adds enrolment, server and outbox checks on top of these.
"""

from __future__ import annotations

import functools
import json
import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from kiosk import __version__
from kiosk.privacy import redactor
from kiosk.profile import Profile

DISK_WARN_BYTES = 1024**3  # under 1 GB: warn
DISK_FAIL_BYTES = 200 * 1024**2  # under 200 MB: a save or a scan may fail mid-way
LOG_WARN_BYTES = 50 * 1024**2  # the rotating log keeps ~12 MB; more means rotation is broken
SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"
CARD_COMMAND = "kiosk card diagnose"
# Letters a Vietnamese form needs beyond Latin-1 (each base vowel with every tone mark, đ, ơ, ư).
VIETNAMESE_LETTERS = (
    "ĂăÂâĐđÊêÔôƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
)
_FONTS_DIR = Path(__file__).resolve().parents[1] / "assets" / "fonts"


class Status(StrEnum):
    OK = "ok"
    WARNING = "warning"
    FAILED = "failed"
    NOT_CHECKED = "not_checked"


STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.OK: ("OK", "Đạt"),
    Status.WARNING: ("Warning", "Cảnh báo"),
    Status.FAILED: ("Failed", "Lỗi"),
    Status.NOT_CHECKED: ("Not checked", "Chưa kiểm tra"),
}


class Msg(NamedTuple):
    en: str
    vi: str

    def get(self, language: str) -> str:
        return self.vi if language == "vi" else self.en


NO_MSG = Msg("", "")

TITLES: dict[str, Msg] = {
    "versions": Msg("Versions", "Phiên bản"),
    "profile": Msg("Profile folder", "Thư mục dữ liệu"),
    "disk": Msg("Free disk space", "Dung lượng đĩa trống"),
    "logs": Msg("Log files", "Tệp nhật ký"),
    "store": Msg("Encrypted store", "Kho dữ liệu mã hoá"),
    "keys": Msg("Key file", "Tệp khoá"),
    "keyring": Msg("OS keyring", "Kho khoá của hệ điều hành"),
    "smart_card": Msg("Smart-card service and readers", "Dịch vụ thẻ thông minh và đầu đọc"),
    "sane": Msg("Scanners (SANE)", "Máy quét (SANE)"),
    "twain": Msg("Scanners (TWAIN)", "Máy quét (TWAIN)"),
    "ocr": Msg("Text recognition (OCR)", "Nhận dạng chữ (OCR)"),
    "fonts": Msg("Vietnamese fonts", "Phông chữ tiếng Việt"),
}


@dataclass(frozen=True)
class Check:
    id: str
    status: Status
    detail: Msg
    hint: Msg = NO_MSG
    facts: dict[str, Any] = field(default_factory=dict)  # machine-readable, no personal data
    title: Msg | None = None  # default: TITLES[id]

    @property
    def ok(self) -> bool:
        return self.status is Status.OK

    def title_text(self, language: str = "en") -> str:
        return (self.title or TITLES.get(self.id) or Msg(self.id, self.id)).get(language)

    def to_json(self, language: str = "en") -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title_text(language),
            "status": self.status.value,
            "detail": self.detail.get(language),
            "hint": self.hint.get(language),
            "facts": self.facts,
        }

    def line(self, language: str = "en") -> str:
        label = STATUS_LABELS[self.status][language == "vi"]
        text = f"[{label}] {self.title_text(language)}: {self.detail.get(language)}"
        hint = self.hint.get(language)
        return f"{text} -> {hint}" if hint else text


def check(
    cid: str, status: Status, detail: Msg, hint: Msg = NO_MSG, title: Msg | None = None, **facts: Any
) -> Check:
    """A Check whose texts have gone through the redactor (defence in depth: no shapes of IDs)."""
    return Check(
        cid,
        status,
        Msg(redactor.redact(detail.en), redactor.redact(detail.vi)),
        Msg(redactor.redact(hint.en), redactor.redact(hint.vi)),
        facts,
        title,
    )


def never_raises(cid: str) -> Callable[[Callable[..., Check]], Callable[..., Check]]:
    """A crashing probe becomes a failed check instead of an empty report."""

    def wrap(fn: Callable[..., Check]) -> Callable[..., Check]:
        @functools.wraps(fn)
        def guarded(*args: Any, **kwargs: Any) -> Check:
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                name = exc.__class__.__name__
                return check(
                    cid,
                    Status.FAILED,
                    Msg(f"the check itself failed ({name})", f"bản thân bước kiểm tra bị lỗi ({name})"),
                    Msg(
                        "Send this report to the province IT team.",
                        "Gửi báo cáo này cho bộ phận CNTT của tỉnh.",
                    ),
                    error=name,
                )

        return guarded

    return wrap


def public_path(path: Path | str) -> str:
    """A path without the OS user name in it (home folder shown as ~)."""
    text = str(path)
    home = str(Path.home())
    if home not in ("", "/") and (text == home or text.startswith(home + os.sep)):
        text = "~" + text[len(home) :]
    return text


def size_text(n: int) -> str:
    """Sizes with one decimal (raw byte counts could look like ID numbers to the redactor)."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


# --------------------------------------------------------------------------- the checks


@never_raises("versions")
def check_versions() -> Check:
    py = sys.version.split()[0]
    os_name = platform.platform()
    text = f"app {__version__}, Python {py}, {os_name}"
    return check(
        "versions",
        Status.OK,
        Msg(text, text.replace("app", "ứng dụng", 1)),
        app=__version__,
        python=py,
        os=os_name,
    )


@never_raises("profile")
def check_profile(profile: Profile) -> Check:
    where = public_path(profile.root)
    try:
        fd, probe = tempfile.mkstemp(prefix=".diag-", dir=profile.root)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return check(
            "profile",
            Status.FAILED,
            Msg(f"{where} is not writable ({reason})", f"{where} không ghi được ({reason})"),
            Msg(
                "Give the kiosk's user account write access to this folder, or start with "
                "--profile pointing to a writable folder.",
                "Cấp quyền ghi thư mục này cho tài khoản chạy ứng dụng, hoặc chạy với "
                "--profile trỏ tới một thư mục ghi được.",
            ),
            path=where,
            writable=False,
        )
    return check(
        "profile", Status.OK, Msg(f"{where} (writable)", f"{where} (ghi được)"), path=where, writable=True
    )


@never_raises("disk")
def check_disk(profile: Profile, free_bytes: int | None = None) -> Check:
    free = shutil.disk_usage(profile.root).free if free_bytes is None else free_bytes
    text = size_text(free)
    facts: dict[str, Any] = {"free_mb": free // 1024**2}
    if free < DISK_FAIL_BYTES:
        return check(
            "disk",
            Status.FAILED,
            Msg(f"only {text} free: the disk is full", f"chỉ còn {text}: đĩa đã đầy"),
            Msg(
                "Free disk space now (delete old files, empty the recycle bin): saving dossiers and "
                "scanning will fail.",
                "Giải phóng dung lượng ngay (xoá tệp cũ, dọn thùng rác): lưu hồ sơ và quét giấy tờ "
                "sẽ bị lỗi.",
            ),
            **facts,
        )
    if free < DISK_WARN_BYTES:
        return check(
            "disk",
            Status.WARNING,
            Msg(f"{text} free (under 1 GB)", f"còn {text} (dưới 1 GB)"),
            Msg(
                "Free some disk space soon; scanned papers need room.",
                "Sớm giải phóng dung lượng đĩa; giấy tờ quét cần nhiều chỗ.",
            ),
            **facts,
        )
    return check("disk", Status.OK, Msg(f"{text} free", f"còn trống {text}"), **facts)


@never_raises("logs")
def check_logs(profile: Profile) -> Check:
    files = sorted(p for p in profile.logs_dir.glob("*") if p.is_file()) if profile.logs_dir.is_dir() else []
    total = sum(p.stat().st_size for p in files)
    main = profile.logs_dir / "kiosk.log"
    current = main.stat().st_size if main.is_file() else 0
    facts: dict[str, Any] = {"files": len(files), "total_kb": total // 1024, "kiosk_log_kb": current // 1024}
    where = public_path(main)
    if total > LOG_WARN_BYTES:
        return check(
            "logs",
            Status.WARNING,
            Msg(
                f"{len(files)} files, {size_text(total)} in all", f"{len(files)} tệp, tổng {size_text(total)}"
            ),
            Msg(
                f"The logs grow beyond their rotation; delete old files in {public_path(profile.logs_dir)}.",
                f"Nhật ký lớn bất thường; xoá các tệp cũ trong {public_path(profile.logs_dir)}.",
            ),
            **facts,
        )
    if not main.is_file():
        return check(
            "logs",
            Status.OK,
            Msg(f"no log written yet ({where})", f"chưa có nhật ký ({where})"),
            **facts,
        )
    return check(
        "logs",
        Status.OK,
        Msg(f"{where}: {size_text(current)}", f"{where}: {size_text(current)}"),
        **facts,
    )


@never_raises("store")
def check_store(profile: Profile) -> Check:
    """File-level facts only: without the key neither the schema version nor the page size shows."""
    db = profile.db_path
    keyfile = profile.root / "keys.json"
    if not db.exists():
        if keyfile.exists():
            return check(
                "store",
                Status.FAILED,
                Msg("store.db is missing although keys.json exists", "thiếu store.db dù đã có keys.json"),
                Msg(
                    "Restore store.db from the latest backup into the profile folder.",
                    "Khôi phục store.db từ bản sao lưu gần nhất vào thư mục dữ liệu.",
                ),
                present=False,
            )
        return check(
            "store",
            Status.WARNING,
            Msg("not set up yet (no store.db)", "chưa thiết lập (chưa có store.db)"),
            Msg(
                "Run the first-run setup, or 'kiosk admin init' for a counter machine.",
                "Chạy bước thiết lập lần đầu, hoặc 'kiosk admin init' cho máy tại quầy.",
            ),
            present=False,
        )
    size = db.stat().st_size
    wal = db.with_name(db.name + "-wal")
    facts: dict[str, Any] = {
        "present": True,
        "size_kb": size // 1024,
        "wal_kb": wal.stat().st_size // 1024 if wal.exists() else 0,
    }
    with open(db, "rb") as fh:
        header = fh.read(len(SQLITE_PLAIN_HEADER))
    if size == 0:
        return check(
            "store",
            Status.FAILED,
            Msg("store.db is empty", "store.db rỗng"),
            Msg(
                "Restore store.db from the latest backup (keys.json is kept).",
                "Khôi phục store.db từ bản sao lưu gần nhất (giữ nguyên keys.json).",
            ),
            **facts,
            encrypted=None,
        )
    if header == SQLITE_PLAIN_HEADER:
        return check(
            "store",
            Status.FAILED,
            Msg(
                f"store.db ({size_text(size)}) is a PLAIN SQLite file, not encrypted",
                f"store.db ({size_text(size)}) là tệp SQLite KHÔNG mã hoá",
            ),
            Msg(
                "Stop using this machine for citizens and call the province IT team: personal data "
                "may be readable on disk.",
                "Ngừng phục vụ công dân trên máy này và báo bộ phận CNTT của tỉnh: dữ liệu cá nhân "
                "có thể đọc được trên đĩa.",
            ),
            **facts,
            encrypted=False,
        )
    return check(
        "store",
        Status.OK,
        Msg(
            f"store.db {size_text(size)}, encrypted (schema version and page size need the key)",
            f"store.db {size_text(size)}, đã mã hoá (phiên bản lược đồ và cỡ trang cần có khoá)",
        ),
        **facts,
        encrypted=True,
    )


@never_raises("keys")
def check_keys(profile: Profile) -> Check:
    """Read-only: a damaged keys.json is reported, not repaired (the next unlock repairs it)."""
    from kiosk.security.keys import _parse_keyfile, backup_path, keyfile_path

    path, bak = keyfile_path(profile), backup_path(profile)
    if not path.exists() and not bak.exists():
        return check(
            "keys",
            Status.NOT_CHECKED,
            Msg("no keys.json (profile not set up)", "chưa có keys.json (chưa thiết lập)"),
            present=False,
        )
    main_error = copy_error = ""
    kf: dict[str, Any] | None = None
    for candidate in (path, bak):
        try:
            kf = _parse_keyfile(candidate)
            break
        except Exception as exc:  # the keys module's own errors carry the actionable sentence
            name = "missing" if isinstance(exc, FileNotFoundError) else exc.__class__.__name__
            if candidate == path:
                main_error = name
            else:
                copy_error = name
    if kf is None:
        return check(
            "keys",
            Status.FAILED,
            Msg(
                f"keys.json is unusable ({main_error}) and so is its copy keys.json.bak ({copy_error})",
                f"keys.json hỏng ({main_error}) và bản sao keys.json.bak cũng hỏng ({copy_error})",
            ),
            Msg(
                "Restore keys.json and keys.json.bak from a backup of the profile folder: without them "
                "the store cannot be opened (the recovery key is kept inside them).",
                "Khôi phục keys.json và keys.json.bak từ bản sao lưu thư mục hồ sơ: thiếu chúng thì không "
                "mở được kho (khoá khôi phục cũng nằm trong đó).",
            ),
            present=True,
        )
    if main_error:
        return check(
            "keys",
            Status.WARNING,
            Msg(
                f"keys.json is unusable ({main_error}); its copy keys.json.bak is intact",
                f"keys.json hỏng ({main_error}); bản sao keys.json.bak còn nguyên",
            ),
            Msg(
                "Log in once: keys.json is rebuilt from its copy. Then back up the profile folder.",
                "Đăng nhập một lần: keys.json được dựng lại từ bản sao. Sau đó sao lưu thư mục hồ sơ.",
            ),
            present=True,
            backup=True,
        )
    officers = len(kf.get("officers") or {})
    machine = bool(kf.get("machine"))
    recovery = bool(kf.get("recovery"))
    facts: dict[str, Any] = {
        "present": True,
        "officers": officers,
        "machine_secret": machine,
        "recovery_key": recovery,
    }
    en = f"{officers} officer(s), unattended kiosk key {'set' if machine else 'not set'}"
    vi = f"{officers} cán bộ, khoá chế độ kiosk {'đã có' if machine else 'chưa có'}"
    if not recovery:
        return check(
            "keys",
            Status.WARNING,
            Msg(en + ", no recovery key", vi + ", chưa có khoá khôi phục"),
            Msg(
                "Have the province admin issue a recovery key ('kiosk admin recovery-key --sheet FILE.pdf').",
                "Nhờ quản trị tỉnh cấp khoá khôi phục ('kiosk admin recovery-key --sheet FILE.pdf').",
            ),
            **facts,
        )
    return check("keys", Status.OK, Msg(en + ", recovery key set", vi + ", đã có khoá khôi phục"), **facts)


@never_raises("keyring")
def check_keyring() -> Check:
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}".removeprefix("keyring.backends.")
    if isinstance(backend, fail.Keyring):
        return check(
            "keyring",
            Status.WARNING,
            Msg("no OS keyring available", "không có kho khoá của hệ điều hành"),
            Msg(
                "Unattended kiosk mode needs a keyring: Windows Credential Manager, or a Secret "
                "Service (GNOME Keyring, KWallet) on Linux. Officer logins work without it.",
                "Chế độ kiosk tự phục vụ cần kho khoá: Windows Credential Manager, hoặc Secret "
                "Service (GNOME Keyring, KWallet) trên Linux. Cán bộ vẫn đăng nhập được khi thiếu.",
            ),
            backend=name,
        )
    return check("keyring", Status.OK, Msg(name, name), backend=name)


@dataclass(frozen=True)
class ReaderSummary:
    name: str
    card_present: bool


@dataclass(frozen=True)
class SmartCardSummary:
    service: str  # "running" | "not running" | "unavailable" | "error"
    readers: tuple[ReaderSummary, ...] = ()
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "readers": [{"name": r.name, "card_present": r.card_present} for r in self.readers],
            "reason": self.reason,
        }


def smart_card_summary() -> SmartCardSummary:
    """Service, readers and card presence: one status query with timeout 0, no APDU sent.

    On Linux the daemon's socket is checked first, so an absent pcscd answers at once.
    """
    if sys.platform.startswith("linux"):
        from kiosk.card.pcscd import pcscd_alive

        if not pcscd_alive():
            return SmartCardSummary("not running")
    try:
        from smartcard import scard
    except ImportError as exc:  # pragma: no cover - broken install
        return SmartCardSummary("unavailable", reason=f"pyscard or libpcsclite missing ({exc.name})")
    try:
        rc, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if rc != scard.SCARD_S_SUCCESS:
            return SmartCardSummary("not running")
        try:
            rc, names = scard.SCardListReaders(ctx, [])
            if rc != scard.SCARD_S_SUCCESS or not names:
                return SmartCardSummary("running")
            rc, states = scard.SCardGetStatusChange(ctx, 0, [(r, scard.SCARD_STATE_UNAWARE) for r in names])
            if rc != scard.SCARD_S_SUCCESS:
                return SmartCardSummary("running", tuple(ReaderSummary(str(n), False) for n in names))
            return SmartCardSummary(
                "running",
                tuple(ReaderSummary(str(n), bool(st & scard.SCARD_STATE_PRESENT)) for n, st, _atr in states),
            )
        finally:
            scard.SCardReleaseContext(ctx)
    except Exception as exc:
        return SmartCardSummary("error", reason=exc.__class__.__name__)


_SERVICE_VI = {"not running": "không chạy", "unavailable": "không dùng được", "error": "bị lỗi"}


def _service_hint() -> Msg:
    if sys.platform == "win32":
        return Msg(
            "Plug in the card reader: Windows starts the Smart Card service (SCardSvr) with the first "
            "reader. If it stays stopped, start 'Smart Card' in services.msc.",
            "Cắm đầu đọc thẻ: Windows khởi động dịch vụ Smart Card (SCardSvr) khi có đầu đọc. Nếu vẫn "
            "dừng, bật dịch vụ 'Smart Card' trong services.msc.",
        )
    return Msg(
        "Start the smart-card service: 'sudo systemctl start pcscd' (package pcscd and the reader "
        "driver libccid).",
        "Khởi động dịch vụ thẻ thông minh: 'sudo systemctl start pcscd' (gói pcscd và trình điều "
        "khiển đầu đọc libccid).",
    )


@never_raises("smart_card")
def check_smart_card(summary: SmartCardSummary | None = None) -> Check:
    s = summary if summary is not None else smart_card_summary()
    facts: dict[str, Any] = s.to_json()
    if s.service != "running":
        why = f" ({s.reason})" if s.reason else ""
        state_vi = _SERVICE_VI.get(s.service, s.service)
        return check(
            "smart_card",
            Status.FAILED,
            Msg(f"smart-card service {s.service}{why}", f"dịch vụ thẻ thông minh {state_vi}{why}"),
            _service_hint(),
            **facts,
        )
    if not s.readers:
        return check(
            "smart_card",
            Status.WARNING,
            Msg("service running, no reader connected", "dịch vụ đang chạy, chưa có đầu đọc"),
            Msg(
                f"Plug in the card reader (USB); if it is plugged in, reinstall its driver. "
                f"Details: '{CARD_COMMAND}'.",
                f"Cắm đầu đọc thẻ (USB); nếu đã cắm, cài lại trình điều khiển. Chi tiết: '{CARD_COMMAND}'.",
            ),
            **facts,
        )
    en = "; ".join(f"{r.name} ({'card present' if r.card_present else 'no card'})" for r in s.readers)
    vi = "; ".join(f"{r.name} ({'có thẻ' if r.card_present else 'không có thẻ'})" for r in s.readers)
    return check("smart_card", Status.OK, Msg(en, vi), **facts)


@never_raises("sane")
def check_sane() -> Check:
    if sys.platform == "win32":
        return check(
            "sane",
            Status.NOT_CHECKED,
            Msg("not used on Windows (WIA and TWAIN are)", "không dùng trên Windows (dùng WIA và TWAIN)"),
        )
    try:
        import sane  # noqa: F401  (python-sane: only whether it loads; listing devices can take long)

        importable = True
    except ImportError:
        importable = False
    scanimage = shutil.which("scanimage") is not None
    facts: dict[str, Any] = {"python_sane": importable, "scanimage": scanimage}
    if importable and scanimage:
        return check(
            "sane",
            Status.OK,
            Msg("python-sane and scanimage installed", "đã cài python-sane và scanimage"),
            **facts,
        )
    missing = ", ".join(n for n, ok in (("python-sane", importable), ("scanimage", scanimage)) if not ok)
    return check(
        "sane",
        Status.WARNING,
        Msg(f"missing: {missing}", f"còn thiếu: {missing}"),
        Msg(
            "Install sane-utils and the scanner's SANE backend (and python-sane) to scan papers; "
            "importing image files still works.",
            "Cài sane-utils và trình điều khiển SANE của máy quét (và python-sane) để quét giấy tờ; "
            "vẫn nhập được tệp ảnh.",
        ),
        **facts,
    )


@never_raises("twain")
def check_twain() -> Check:
    from kiosk.scan.capture.twain_backend import find_dsm

    dsm = find_dsm()
    if dsm:
        where = public_path(dsm)
        return check("twain", Status.OK, Msg(f"TWAIN DSM: {where}", f"TWAIN DSM: {where}"), dsm=where)
    if sys.platform == "win32":
        return check(
            "twain",
            Status.WARNING,
            Msg("TWAINDSM.dll not found", "không tìm thấy TWAINDSM.dll"),
            Msg(
                "Only needed for scanners that ship a TWAIN driver only: install the TWAIN DSM "
                "(TWAINDSM.dll, 64-bit) from twain.org or the scanner vendor.",
                "Chỉ cần cho máy quét chỉ có trình điều khiển TWAIN: cài TWAIN DSM (TWAINDSM.dll, "
                "64-bit) từ twain.org hoặc hãng máy quét.",
            ),
            dsm=None,
        )
    return check(
        "twain",
        Status.NOT_CHECKED,
        Msg(
            "no TWAIN DSM (optional here: scanners use SANE)",
            "không có TWAIN DSM (không bắt buộc: dùng SANE)",
        ),
        dsm=None,
    )


@never_raises("ocr")
def check_ocr() -> Check:
    from kiosk.scan.ocr import DEFAULT_LANG, ocr_status

    st = ocr_status()
    facts: dict[str, Any] = {"available": st.available, "version": st.version, "language": DEFAULT_LANG}
    if st.available:
        text = f"{st.version}, '{DEFAULT_LANG}' model installed"
        return check("ocr", Status.OK, Msg(text, f"{st.version}, đã cài mô hình '{DEFAULT_LANG}'"), **facts)
    if shutil.which("tesseract"):
        package = f"tesseract-ocr-{DEFAULT_LANG}"
        vi = f"Tesseract không chạy được hoặc thiếu mô hình ngôn ngữ '{DEFAULT_LANG}'"
    else:
        package, vi = "tesseract-ocr", "chưa cài Tesseract"
    return check(
        "ocr",
        Status.WARNING,
        Msg(st.reason, vi),
        Msg(
            f"Install {package} (OCR is optional; PDFs are made without a text layer).",
            f"Cài {package} (OCR không bắt buộc; PDF vẫn được tạo nhưng không có lớp chữ).",
        ),
        **facts,
    )


def missing_vietnamese_glyphs(font_file: Path) -> str:
    from fontTools.ttLib import TTFont

    with TTFont(str(font_file), lazy=True) as font:
        cmap = font.getBestCmap() or {}
    return "".join(ch for ch in VIETNAMESE_LETTERS if ord(ch) not in cmap)


@never_raises("fonts")
def check_fonts(fonts_dir: Path = _FONTS_DIR) -> Check:
    files = sorted(fonts_dir.glob("*.ttf")) if fonts_dir.is_dir() else []
    if not files:
        return check(
            "fonts",
            Status.FAILED,
            Msg(
                f"no bundled fonts in {public_path(fonts_dir)}",
                f"không có phông chữ trong {public_path(fonts_dir)}",
            ),
            Msg(
                "Reinstall the application: forms and receipts cannot be printed without fonts.",
                "Cài lại ứng dụng: không in được mẫu đơn và giấy biên nhận khi thiếu phông chữ.",
            ),
            fonts=0,
        )
    lacking = {f.name: missing_vietnamese_glyphs(f) for f in files}
    bad = {name: gaps for name, gaps in lacking.items() if gaps}
    if bad:
        names = ", ".join(sorted(bad))
        return check(
            "fonts",
            Status.FAILED,
            Msg(f"missing Vietnamese letters in {names}", f"thiếu chữ tiếng Việt trong {names}"),
            Msg(
                "Reinstall the application (the bundled fonts are damaged or replaced).",
                "Cài lại ứng dụng (phông chữ đi kèm bị hỏng hoặc bị thay).",
            ),
            fonts=len(files),
            incomplete=sorted(bad),
        )
    return check(
        "fonts",
        Status.OK,
        Msg(f"{len(files)} fonts, every Vietnamese letter present", f"{len(files)} phông, đủ chữ tiếng Việt"),
        fonts=len(files),
    )


# --------------------------------------------------------------------------- the report


@dataclass
class Report:
    checks: list[Check]
    generated_at: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))

    @property
    def overall(self) -> Status:
        statuses = {c.status for c in self.checks}
        for worst in (Status.FAILED, Status.WARNING):
            if worst in statuses:
                return worst
        return Status.OK

    def get(self, cid: str) -> Check | None:
        return next((c for c in self.checks if c.id == cid), None)

    def to_json(self, language: str = "en") -> dict[str, Any]:
        return {
            "report": "mot-cua-kiosk diagnostics",
            "app_version": __version__,
            "generated_at": self.generated_at,
            "overall": self.overall.value,
            "checks": [c.to_json(language) for c in self.checks],
            "card_details": CARD_COMMAND,
        }

    def to_text(self, language: str = "en", *, with_json: bool = True) -> str:
        head = (
            "Một Cửa Kiosk – báo cáo chẩn đoán (không chứa dữ liệu cá nhân)"
            if language == "vi"
            else "Một Cửa Kiosk diagnostics (contains no personal data)"
        )
        more = (
            f"Chi tiết đầu đọc thẻ và nhật ký APDU gần nhất: {CARD_COMMAND}"
            if language == "vi"
            else f"Card reader details and the last APDU trace: {CARD_COMMAND}"
        )
        lines = [head, f"{__version__} {self.generated_at}", *(c.line(language) for c in self.checks), more]
        if with_json:
            lines += ["", json.dumps(self.to_json(language), ensure_ascii=False, indent=2)]
        return "\n".join(lines) + "\n"


def core_checks(profile: Profile) -> list[Callable[[], Check]]:
    """The checks of this package, in report order (each a no-argument call)."""
    return [
        check_versions,
        lambda: check_profile(profile),
        lambda: check_disk(profile),
        lambda: check_logs(profile),
        lambda: check_store(profile),
        lambda: check_keys(profile),
        check_keyring,
        check_smart_card,
        check_sane,
        check_twain,
        check_ocr,
        check_fonts,
    ]


def run_checks(probes: Iterable[Callable[[], Check]]) -> Report:
    return Report([probe() for probe in probes])


def collect(profile: Profile) -> Report:
    return run_checks(core_checks(profile))

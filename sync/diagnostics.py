"""Sync checks for the support report (enrolment, server reachable, outbox counts) and the
``kiosk diagnose`` command that prints the whole report.

Counts only: no dossier, no citizen. The server is asked for its unauthenticated health
endpoint (``GET /v1/health``) with a 3-second timeout, through the CA bundle pinned at
enrolment, so a TLS failure here is the one the sync worker would meet.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.diagnostics import (
    NO_MSG,
    Check,
    Msg,
    Report,
    Status,
    check,
    core_checks,
    never_raises,
    public_path,
    run_checks,
)
from kiosk.profile import Profile
from sync import protocol as P
from sync.device import DeviceState, load_device

SERVER_TIMEOUT_S = 3.0
CLOCK_WARN_S = 300  # signed requests are refused beyond the server's skew window
STALE_HOURS = 24.0

NO_HINT = NO_MSG
TITLE_ENROLMENT = Msg("Device enrolment", "Đăng ký thiết bị")
TITLE_SERVER = Msg("Intake server", "Máy chủ tiếp nhận")
TITLE_OUTBOX = Msg("Sync queue", "Hàng đợi đồng bộ")

_ENROL_HINT = Msg(
    "Enrol this device: 'kiosk enrol URL CODE' with a one-time code from the server administrator.",
    "Đăng ký thiết bị: 'kiosk enrol URL MÃ' với mã dùng một lần do quản trị máy chủ cấp.",
)


@never_raises("enrolment")
def check_enrolment(profile: Profile) -> Check:
    try:
        dev = load_device(profile)
    except Exception as exc:
        return check(
            "enrolment",
            Status.FAILED,
            Msg(f"enrolment file unreadable ({exc.__class__.__name__})", "tệp đăng ký thiết bị bị hỏng"),
            _ENROL_HINT,
            TITLE_ENROLMENT,
            enrolled=False,
        )
    if dev is None:
        return check(
            "enrolment",
            Status.WARNING,
            Msg("not enrolled: dossiers stay queued on this machine", "chưa đăng ký: hồ sơ nằm chờ trên máy"),
            _ENROL_HINT,
            TITLE_ENROLMENT,
            enrolled=False,
        )
    facts: dict[str, Any] = {
        "enrolled": True,
        "device_id": dev.device_id,
        "unit_code": dev.unit_code,
        "server_url": dev.server_url,
        "server_key_id": dev.key_id,
        "ca_bundle": public_path(dev.ca_bundle) if dev.ca_bundle else None,
        "revoked": bool(dev.revoked),
        "signing_key_present": (profile.root / "sync" / "device.key").is_file(),
    }
    en = f"device {dev.device_id}, unit {dev.unit_code}, server key {dev.key_id}"
    vi = f"thiết bị {dev.device_id}, đơn vị {dev.unit_code}, khoá máy chủ {dev.key_id}"
    if dev.revoked:
        return check(
            "enrolment",
            Status.FAILED,
            Msg(en + ": REVOKED by the server", vi + ": ĐÃ BỊ máy chủ thu hồi"),
            Msg(
                "Ask the server administrator why, then enrol again with a new code.",
                "Hỏi quản trị máy chủ lý do, rồi đăng ký lại với mã mới.",
            ),
            TITLE_ENROLMENT,
            **facts,
        )
    if not facts["signing_key_present"]:
        return check(
            "enrolment",
            Status.FAILED,
            Msg(en + ", signing key missing", vi + ", thiếu khoá ký của thiết bị"),
            _ENROL_HINT,
            TITLE_ENROLMENT,
            **facts,
        )
    return check("enrolment", Status.OK, Msg(en, vi), NO_HINT, TITLE_ENROLMENT, **facts)


def _unreachable(url: str, en: str, vi: str, hint: Msg, **facts: Any) -> Check:
    return check("server", Status.FAILED, Msg(f"{url}: {en}", f"{url}: {vi}"), hint, TITLE_SERVER, **facts)


_NETWORK_HINT = Msg(
    "Check the network cable or Wi-Fi and the proxy; dossiers wait in the queue and are sent later.",
    "Kiểm tra cáp mạng hoặc Wi-Fi và proxy; hồ sơ vẫn chờ trong hàng đợi và sẽ được gửi sau.",
)


@never_raises("server")
def check_server(device: DeviceState | None, timeout: float = SERVER_TIMEOUT_S) -> Check:
    import requests

    if device is None or not device.server_url:
        return check(
            "server",
            Status.NOT_CHECKED,
            Msg("no server URL (device not enrolled)", "chưa có địa chỉ máy chủ (thiết bị chưa đăng ký)"),
            NO_HINT,
            TITLE_SERVER,
        )
    base = device.server_url.rstrip("/")
    url = base + f"{P.API_PREFIX}/health"
    start = time.monotonic()
    try:
        resp = requests.get(url, timeout=(timeout, timeout), verify=device.ca_bundle or True)
    except requests.exceptions.SSLError:
        return _unreachable(
            base,
            "TLS error: the server's certificate is not trusted",
            "lỗi TLS: chứng thư của máy chủ không được tin cậy",
            Msg(
                "Check this computer's date and time, then the CA bundle given at enrolment; "
                "re-enrol with the right one if the server's certificate changed.",
                "Kiểm tra ngày giờ của máy, rồi tệp CA đã khai khi đăng ký; đăng ký lại với tệp "
                "đúng nếu chứng thư máy chủ đã đổi.",
            ),
            error="tls",
        )
    except requests.exceptions.Timeout:
        return _unreachable(
            base,
            f"no answer within {timeout:g} s",
            f"không trả lời trong {timeout:g} giây",
            _NETWORK_HINT,
            error="timeout",
        )
    except requests.exceptions.RequestException as exc:
        return _unreachable(
            base,
            f"cannot be reached ({exc.__class__.__name__})",
            f"không kết nối được ({exc.__class__.__name__})",
            _NETWORK_HINT,
            error=exc.__class__.__name__,
        )
    ms = int((time.monotonic() - start) * 1000)
    if resp.status_code >= 400:
        return _unreachable(
            base,
            f"answered HTTP {resp.status_code}",
            f"trả lời HTTP {resp.status_code}",
            Msg(
                "Tell the server administrator: the intake service answers with an error.",
                "Báo quản trị máy chủ: dịch vụ tiếp nhận đang trả lỗi.",
            ),
            error=f"http_{resp.status_code}",
        )
    try:
        body = resp.json()
    except ValueError:
        body = None
    if not isinstance(body, dict) or body.get("status") != "ok":
        return _unreachable(
            base,
            "answered, but not as an intake server",
            "có trả lời nhưng không phải máy chủ tiếp nhận",
            Msg(
                "Check the server address (a proxy or captive portal may be answering).",
                "Kiểm tra địa chỉ máy chủ (có thể proxy hoặc trang đăng nhập Wi-Fi đang trả lời).",
            ),
            error="not_intake",
        )
    facts: dict[str, Any] = {"reachable": True, "latency_ms": ms}
    server_time = body.get("server_time")
    if isinstance(server_time, int):
        skew = server_time - int(time.time())
        facts["clock_offset_s"] = skew
        if abs(skew) > CLOCK_WARN_S:
            minutes = round(abs(skew) / 60)
            return check(
                "server",
                Status.WARNING,
                Msg(
                    f"{base}: reachable, but this computer's clock is {minutes} min off",
                    f"{base}: kết nối được, nhưng đồng hồ máy lệch {minutes} phút",
                ),
                Msg(
                    "Set the date and time automatically (NTP); signed uploads need a correct clock.",
                    "Bật đặt ngày giờ tự động (NTP); việc gửi hồ sơ có chữ ký cần đồng hồ đúng.",
                ),
                TITLE_SERVER,
                **facts,
            )
    return check(
        "server",
        Status.OK,
        Msg(f"{base}: reachable ({ms} ms)", f"{base}: kết nối được ({ms} ms)"),
        NO_HINT,
        TITLE_SERVER,
        **facts,
    )


@never_raises("outbox")
def check_outbox(store: Any | None) -> Check:
    if store is None:
        return check(
            "outbox",
            Status.NOT_CHECKED,
            Msg("the store is locked", "kho dữ liệu đang khoá"),
            Msg(
                "Log in (or run 'kiosk sync status') to see the queue counts.",
                "Đăng nhập (hoặc chạy 'kiosk sync status') để xem số hồ sơ chờ gửi.",
            ),
            TITLE_OUTBOX,
        )
    try:
        stats = store.outbox_stats()
    except Exception as exc:  # the kiosk role may not see the queue
        return check(
            "outbox",
            Status.NOT_CHECKED,
            Msg(
                f"not visible to this role ({exc.__class__.__name__})", "vai trò này không xem được hàng đợi"
            ),
            NO_HINT,
            TITLE_OUTBOX,
        )
    queued = int(stats.get("queued", 0)) + int(stats.get("uploading", 0))
    quarantined = int(stats.get("quarantined", 0))
    age_h: float | None = None
    oldest = stats.get("oldest_queued_at")
    if oldest:
        dt = datetime.fromisoformat(str(oldest))
        age_h = (datetime.now(UTC) - (dt if dt.tzinfo else dt.replace(tzinfo=UTC))).total_seconds() / 3600
    facts: dict[str, Any] = {
        "queued": queued,
        "quarantined": quarantined,
        "oldest_queued_hours": round(age_h, 1) if age_h is not None else None,
        "ever_synced": bool(stats.get("last_success")),
    }
    en = f"{queued} queued, {quarantined} quarantined"
    vi = f"{queued} hồ sơ chờ gửi, {quarantined} hồ sơ bị giữ lại"
    if quarantined:
        return check(
            "outbox",
            Status.WARNING,
            Msg(en, vi),
            Msg(
                "Open the Sync queue screen (or 'kiosk sync quarantine') for the server's reason, fix, "
                "then retry.",
                "Mở màn hình Hàng đợi đồng bộ (hoặc 'kiosk sync quarantine') để xem lý do máy chủ "
                "từ chối, sửa rồi gửi lại.",
            ),
            TITLE_OUTBOX,
            **facts,
        )
    if age_h is not None and age_h > STALE_HOURS:
        hours = int(age_h)
        return check(
            "outbox",
            Status.WARNING,
            Msg(f"{en}; the oldest has waited {hours} h", f"{vi}; hồ sơ cũ nhất đã chờ {hours} giờ"),
            Msg(
                "Check the server connection above; dossiers are not reaching the server.",
                "Kiểm tra kết nối máy chủ ở trên; hồ sơ chưa tới được máy chủ.",
            ),
            TITLE_OUTBOX,
            **facts,
        )
    return check("outbox", Status.OK, Msg(en, vi), NO_HINT, TITLE_OUTBOX, **facts)


def sync_checks(
    profile: Profile, store: Any | None = None, *, network: bool = True
) -> list[Callable[[], Check]]:
    def server() -> Check:
        if not network:
            return check(
                "server",
                Status.NOT_CHECKED,
                Msg("skipped (--no-network)", "bỏ qua (--no-network)"),
                NO_HINT,
                TITLE_SERVER,
            )
        try:
            dev = load_device(profile)
        except Exception:
            dev = None  # the enrolment check reports the damaged file
        return check_server(dev)

    return [lambda: check_enrolment(profile), server, lambda: check_outbox(store)]


def collect_all(profile: Profile, store: Any | None = None, *, network: bool = True) -> Report:
    """The whole support report: the core checks, then enrolment, server and queue."""
    return run_checks([*core_checks(profile), *sync_checks(profile, store, network=network)])


# --------------------------------------------------------------------------- kiosk diagnose


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "diagnose",
        help="check this installation and print a support report (no personal data); "
        "card reader details: 'kiosk card diagnose'",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON only")
    p.add_argument("--lang", choices=("vi", "en"), default="en", help="language of the report (default: en)")
    p.add_argument("--no-network", action="store_true", help="do not contact the intake server")
    p.add_argument("--out", type=Path, metavar="FILE", help="also write the report to this file")
    p.set_defaults(func=cmd_diagnose)


def cmd_diagnose(args: argparse.Namespace) -> int:
    """Exit status 0 when nothing failed (warnings allowed), 1 when a check failed."""
    import json

    profile = Profile.open(args.profile)
    report = collect_all(profile, network=not args.no_network)
    if args.json:
        text = json.dumps(report.to_json(args.lang), ensure_ascii=False, indent=2) + "\n"
    else:
        text = report.to_text(args.lang, with_json=False)
    sys.stdout.write(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report.to_text(args.lang), encoding="utf-8")
    return 1 if report.overall is Status.FAILED else 0

"""Benchmark of the encrypted store against plain SQLite on the same workload.

100,000 dossiers of generated but realistic Vietnamese data: insert rate (one transaction
per dossier, as at the counter, and batched imports), open time (unlock to first query),
and list/search latency for the first page. Run: ``.venv/bin/python bench/store.py [N]``.
"""

from __future__ import annotations

import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlcipher3

from kiosk.citizen import Citizen, Provenance
from kiosk.dossier.migrations import migrate
from kiosk.dossier.store import FULL_CHECK_MAX_BYTES, PAGE_SIZE, Store, configure
from kiosk.profile import Profile

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trương",
    "Lương",
    "Mai",
    "Tạ",
    "Hà",
    "Cao",
    "Lâm",
]
FAMILY_W = [
    38,
    11,
    9.5,
    7,
    5,
    4,
    4.5,
    3.9,
    3,
    2.1,
    2,
    1.4,
    1.3,
    1.3,
    1,
    0.5,
    0.5,
    0.5,
    0.5,
    0.5,
    0.3,
    0.3,
    0.3,
    0.3,
]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Ngọc", "Gia", "Hoàng", "Trọng"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng", "Minh", "Bảo", "Phương", "Mỹ", "Hoài", "Diệu"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hùng",
    "Huy",
    "Khánh",
    "Khoa",
    "Long",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quang",
    "Sơn",
    "Tài",
    "Thắng",
    "Thành",
    "Trung",
    "Tuấn",
    "Việt",
]
GIVEN_F = [
    "Anh",
    "Châu",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Trang",
    "Vy",
    "Yến",
]
STREETS = [
    "Hàng Bạc",
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Nguyễn Trãi",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Điện Biên Phủ",
    "Nguyễn Đình Chiểu",
    "Phan Chu Trinh",
    "Quang Trung",
    "Bạch Đằng",
    "Hùng Vương",
    "Võ Thị Sáu",
]
PLACES = [
    ("001", "phường Hoàn Kiếm, Hà Nội"),
    ("001", "xã Phù Đổng, Hà Nội"),
    ("079", "phường Bến Thành, TP. Hồ Chí Minh"),
    ("079", "phường Xuân Hòa, TP. Hồ Chí Minh"),
    ("048", "phường Hải Châu, Đà Nẵng"),
    ("031", "phường Hồng Bàng, Hải Phòng"),
    ("092", "phường Ninh Kiều, Cần Thơ"),
    ("046", "phường Thuận Hóa, Huế"),
    ("091", "phường Rạch Giá, An Giang"),
    ("038", "phường Hạc Thành, Thanh Hóa"),
]
ETHNIC = ["Kinh"] * 17 + ["Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "H'Mông"]
PROCEDURES = ["CT01", "BIRTH", "DEATH", "MARRIAGE", "JUDICIAL", "TK1-TS", "CT01", "CT01"]


def person(rnd: random.Random) -> Citizen:
    female = rnd.random() < 0.5
    family = rnd.choices(FAMILY, FAMILY_W)[0]
    middle = rnd.choice(MIDDLE_F if female else MIDDLE_M)
    name = f"{family} {middle} {rnd.choice(GIVEN_F if female else GIVEN_M)}"
    year = rnd.randint(1940, 2024)
    province, place = rnd.choice(PLACES)
    century = (0 if year < 2000 else 2) + (1 if female else 0)
    idn = f"{province}{century}{year % 100:02d}{rnd.randrange(10**6):06d}"
    c = Citizen()
    p = Provenance.CHIP_VERIFIED
    c.set("id_number", idn, p)
    c.set("full_name", name, p)
    c.set("date_of_birth", date(year, rnd.randint(1, 12), rnd.randint(1, 28)).isoformat(), p)
    c.set("sex", "F" if female else "M", p)
    c.set("nationality", "Việt Nam", p)
    c.set("ethnicity", rnd.choice(ETHNIC), p)
    c.set("place_of_origin", rnd.choice(PLACES)[1], p)
    c.set("place_of_residence", f"Số {rnd.randint(1, 300)} {rnd.choice(STREETS)}, {place}", p)
    c.set("date_of_issue", f"{rnd.randint(2021, 2025)}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}", p)
    c.set("date_of_expiry", f"{year + 25 if year + 25 > 2026 else 2040}-01-01", p)
    if rnd.random() < 0.6:
        c.set("father_name", f"{family} Văn {rnd.choice(GIVEN_M)}", p)
        c.set("mother_name", f"{rnd.choices(FAMILY, FAMILY_W)[0]} Thị {rnd.choice(GIVEN_F)}", p)
    return c


def dossier_item(rnd: random.Random) -> tuple[str, dict[str, Citizen], dict[str, Any]]:
    roles = {"applicant": person(rnd)}
    proc = rnd.choice(PROCEDURES)
    if proc in {"BIRTH", "MARRIAGE"}:
        roles["spouse" if proc == "MARRIAGE" else "father"] = person(rnd)
    fields = {
        "phone": f"09{rnd.randrange(10**8):08d}",
        "email": "",
        "copies": rnd.randint(1, 3),
        "content": "Đăng ký thường trú tại " + rnd.choice(PLACES)[1],
    }
    return proc, roles, fields


def open_plain(profile: Profile, *, quick_check: bool | None = None) -> Store:
    """The same Store code on an unencrypted stdlib sqlite3 connection, for the overhead ratio
    (same pragmas, same on-open integrity policy as ``Store.open(integrity="auto")``)."""
    if quick_check is None:
        exists = profile.db_path.exists()
        quick_check = not exists or profile.db_path.stat().st_size <= FULL_CHECK_MAX_BYTES
    # SQLCipher's own library with no key: the same SQLite version and build as the
    # encrypted side (the stdlib sqlite3 is an older SQLite, which skewed the ratio).
    conn = sqlcipher3.connect(str(profile.db_path), isolation_level=None, check_same_thread=False, timeout=15)
    conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # the encrypted store's page size
    configure(conn)
    migrate(conn)
    if quick_check:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
        assert rows == ["ok"], rows
    else:  # the same bookkeeping-table check as the encrypted store's "auto" mode on a large file
        for t in ("meta", "schema_version", "outbox"):
            assert conn.execute(f"PRAGMA quick_check({t})").fetchone()[0] == "ok"
    store = Store(profile, conn, b"\0" * 32)
    store._ensure_identity()
    return store


# One-per-transaction inserts: CPU per commit is small (~0.5 ms) and a shared 2-core
# machine is noisy, so many short alternating rounds.
SINGLE = 5000
ROUNDS = 25


def median_ms(fn: Callable[[], Any], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


class Side:
    """One store under test: the encrypted one or the plain-SQLite baseline."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.root = Path(tempfile.mkdtemp(prefix=f"bench-{kind}-"))
        self.profile = Profile.open(self.root)
        self.key = os.urandom(32)
        self.out: dict[str, float] = {}
        self.wall: dict[str, list[float]] = {}

    def open(self, *, full_check: bool = False) -> Store:
        if self.kind == "sqlcipher":
            return Store.open(self.profile, self.key, integrity="quick" if full_check else "auto")
        return open_plain(self.profile, quick_check=True if full_check else None)


def timed(fn: Callable[[], Any]) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def run(n: int, single: int) -> dict[str, dict[str, float]]:
    """Both stores get the same data; timed phases alternate between them so the load of a
    shared machine hits both alike. CPU time is reported next to wall time because the
    wall time of one-per-transaction inserts is mostly fsync latency."""
    sides = [Side("sqlcipher"), Side("plain")]
    rnd = random.Random(2026)
    stores = {sd.kind: sd.open() for sd in sides}
    for st in stores.values():
        st.actor = "bench"
    acc = {sd.kind: [0.0, 0.0] for sd in sides}
    rest, batch = n - single, 1000
    done = 0
    while done < rest:  # the bulk of the data, in batched transactions (1,000 per commit)
        k = min(batch, rest - done)
        chunk = [dossier_item(rnd) for _ in range(k)]  # generating data is not store work
        for sd in sides:
            w, c = timed(lambda sd=sd, chunk=chunk: stores[sd.kind].create_many(chunk))
            acc[sd.kind][0] += w
            acc[sd.kind][1] += c
        done += k
    for sd in sides:
        sd.out["insert_batch_per_s"] = rest / acc[sd.kind][0]
        sd.out["insert_batch_cpu_per_s"] = rest / acc[sd.kind][1]
    # One transaction per dossier, as at the counter (fsync per commit), in alternating rounds.
    acc = {sd.kind: [0.0, 0.0] for sd in sides}
    rounds = ROUNDS
    round_cpu: dict[str, list[float]] = {sd.kind: [] for sd in sides}
    for _ in range(rounds):
        items = [dossier_item(rnd) for _ in range(single // rounds)]
        for sd in sides:

            def one(sd: Side = sd, items: list[Any] = items) -> None:
                for proc, roles, fields in items:
                    stores[sd.kind].create_dossier(proc, roles, fields)

            w, c = timed(one)
            acc[sd.kind][0] += w
            acc[sd.kind][1] += c
            round_cpu[sd.kind].append(c)
    for sd in sides:
        sd.out["insert_single_per_s"] = single / acc[sd.kind][0]
        sd.out["insert_single_cpu_per_s"] = single / acc[sd.kind][1]
    ratios = [a / b for a, b in zip(round_cpu["sqlcipher"], round_cpu["plain"], strict=True)]
    sides[0].out["single_cpu_ratio_round_median"] = statistics.median(ratios)
    sides[1].out["single_cpu_ratio_round_median"] = 1.0
    # Pages written per one-dossier commit (untimed): WAL growth with checkpoints held off.
    items = [dossier_item(rnd) for _ in range(100)]
    for sd in sides:
        st = stores[sd.kind]
        st._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        st._conn.execute("PRAGMA wal_autocheckpoint = 0")
        for proc, roles, fields in items:
            st.create_dossier(proc, roles, fields)
        wal = Path(str(sd.profile.db_path) + "-wal").stat().st_size
        page = int(st._conn.execute("PRAGMA page_size").fetchone()[0])
        sd.out["pages_per_single_insert"] = (wal - 32) / (page + 24) / len(items)  # WAL frame = page + 24
        st._conn.execute("PRAGMA wal_autocheckpoint = 1000")
    for sd in sides:
        stores[sd.kind].close()
        sd.out["db_mb"] = sum(p.stat().st_size for p in sd.root.glob("store.db*")) / 1e6
    # Open: unlock (raw key) to the first page of the list.
    opens: dict[str, list[float]] = {sd.kind: [] for sd in sides}
    for _ in range(5):
        for sd in sides:

            def op(sd: Side = sd) -> None:
                st = sd.open()
                st.list_dossiers(limit=50)
                st.close()

            opens[sd.kind].append(timed(op)[0] * 1000)
    for sd in sides:
        sd.out["open_ms"] = statistics.median(opens[sd.kind])

        def full(sd: Side = sd) -> None:
            st = sd.open(full_check=True)
            st.list_dossiers(limit=50)
            st.close()

        sd.out["open_fullcheck_ms"] = timed(full)[0] * 1000
    stores = {sd.kind: sd.open() for sd in sides}
    some = {k: st.list_dossiers(limit=1)[0].uuid for k, st in stores.items()}
    queries: dict[str, Callable[[Store, str], Any]] = {
        "list_first_page_ms": lambda st, _u: st.list_dossiers(limit=50),
        "search_common_ms": lambda st, _u: st.list_dossiers("nguyen van", limit=50),
        "search_name_ms": lambda st, _u: st.list_dossiers("tran thi thu huong", limit=50),
        "search_id_ms": lambda st, _u: st.list_dossiers("079185", limit=50),
        "search_short_ms": lambda st, _u: st.list_dossiers("hồ an", limit=50),
        "search_nomatch_ms": lambda st, _u: st.list_dossiers("zzzz khong co", limit=50),
        "search_state_ms": lambda st, _u: st.list_dossiers(state="draft", limit=50),
        "get_dossier_ms": lambda st, u: st._load(u),
    }
    for name, q in queries.items():
        times: dict[str, list[float]] = {sd.kind: [] for sd in sides}
        for _ in range(15):
            for sd in sides:
                times[sd.kind].append(timed(lambda sd=sd, q=q: q(stores[sd.kind], some[sd.kind]))[0] * 1000)
        for sd in sides:
            sd.out[name] = statistics.median(times[sd.kind])
    for sd in sides:
        stores[sd.kind].close()
        shutil.rmtree(sd.root, ignore_errors=True)
    return {sd.kind: sd.out for sd in sides}


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    single = min(SINGLE, n // 2)
    print(
        f"# store benchmark: {n} dossiers ({single} one-per-transaction), {os.cpu_count()} cpu, {cpu_model()}"
    )
    results = run(n, single)
    keys = list(results["sqlcipher"])
    print(f"{'metric':24} {'sqlcipher':>12} {'plain':>12} {'ratio':>7}")
    for k in keys:
        a, b = results["sqlcipher"][k], results["plain"][k]
        ratio = (b / a) if k.endswith("per_s") else (a / b if b else float("nan"))
        print(f"{k:24} {a:12.2f} {b:12.2f} {ratio:7.2f}")


if __name__ == "__main__":
    main()

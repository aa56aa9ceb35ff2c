"""`kiosk card diagnose`: a support report (service, readers, drivers, ATRs, last APDU trace).

Nothing personal goes in: the trace holds command headers and lengths only, and every line
passes through the redactor anyway.
"""

from __future__ import annotations

import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from kiosk.privacy import redactor

DRIVER_DIRS = (Path("/usr/lib/pcsc/drivers"), Path("/usr/local/lib/pcsc/drivers"))


def _pcscd_version() -> str:
    try:
        out = subprocess.run(["pcscd", "--version"], capture_output=True, text=True, timeout=5, check=False)
        return out.stdout.splitlines()[0] if out.stdout else "unknown"
    except (OSError, subprocess.SubprocessError):
        return "not installed"


def report_lines(trace_file: Path | None) -> list[str]:
    from kiosk.card.cli import readers_state
    from kiosk.card.pcsc.monitor import probe_emrtd
    from kiosk.card.pcscd import pcscd_alive, socket_path

    # The report's own timestamp is not personal data; the redactor's date shape would hide it.
    header = f"time: {datetime.now(UTC).isoformat(timespec='seconds')}"
    lines = [
        "Một Cửa Kiosk card diagnostics",
        f"platform: {platform.platform()}",
        f"pcsc-lite: {_pcscd_version()}",
        f"service socket: {socket_path()} ({'accepting' if pcscd_alive() else 'not running'})",
        "drivers:",
    ]
    for d in DRIVER_DIRS:
        if d.is_dir():
            lines += [f"  {p.relative_to(d)}" for p in sorted(d.rglob("*.so*"))]
            lines += [f"  {p.relative_to(d)}" for p in sorted(d.glob("*.bundle"))]
    state = readers_state(probe_emrtd)
    lines.append(f"service state: {state.service.value}")
    for r in state.readers:
        lines.append(f"reader: {r.name}: {r.state.value}" + (f" ATR {r.atr.hex().upper()}" if r.atr else ""))
    lines.append("last APDU trace (headers and lengths only):")
    if trace_file and trace_file.is_file():
        lines += ["  " + ln for ln in trace_file.read_text(encoding="utf-8").splitlines()]
    else:
        lines.append("  (none recorded)")
    out = [redactor.redact(ln) for ln in lines]
    out.insert(1, header)
    return out


def write_report(out: Path, trace_file: Path | None) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(report_lines(trace_file)) + "\n", encoding="utf-8")

"""Benchmark: full chip reads through pcscd + vpcd against the simulated CCCD.

Full read = access control (PACE) + EF.CardAccess + EF.COM + DG1 + DG13 + a 20 KB DG2 + DG14
+ DG15 + EF.SOD + verification (passive authentication with the demo CSCA, active
authentication). Reports the median of N reads: APDUs (and the minimum the chunk sizes
allow), bytes, host CPU ms of the reading thread (crypto + parsing; the simulator runs in
another thread and waiting on the card is not CPU), wall ms and time to first data.

    .venv/bin/python bench/card_read.py [--reads 25]
"""

from __future__ import annotations

import argparse
import math
import statistics
import tempfile
from pathlib import Path

from kiosk.card.channel import EXTENDED_CHUNK, SHORT_SM_CHUNK
from kiosk.card.keys import AccessKey
from kiosk.card.lds.files import FID_CARD_ACCESS, FID_COM, FID_SOD, dg_fid
from kiosk.card.reader import ReadEvent, read_card
from kiosk.card.sim.pki import export_demo_csca
from kiosk.card.sim.testing import simulated_card


def minimum_apdus(files: dict[int, bytes], chunk: int, pace: bool) -> int:
    fids = [FID_COM, dg_fid(1), dg_fid(13), dg_fid(2), dg_fid(14), dg_fid(15), FID_SOD]
    if pace:
        fids.append(FID_CARD_ACCESS)
    n = sum(1 + math.ceil(len(files[f]) / chunk) for f in fids)  # SELECT + READ BINARYs
    n += 5 if pace else 2  # MSE:Set AT + 4 GENERAL AUTHENTICATE | GET CHALLENGE + EXTERNAL AUTHENTICATE
    n += 1  # SELECT application
    n += 3  # Chip Authentication: MSE:Set AT + GENERAL AUTHENTICATE + the SELECT that confirms the new keys
    n += 1  # INTERNAL AUTHENTICATE (active authentication)
    if not pace:
        n += 1  # SELECT EF.CardAccess answered 6A82
    return n


def run(label: str, reads: int, trust: Path, **options: object) -> dict[str, float]:
    with simulated_card("citizen_demo", dg2_size=20 * 1024, **options) as card:
        key = (
            AccessKey.from_can("001234")
            if options.get("pace", True)
            else AccessKey.from_id_dob_expiry("079190001234", "1990-05-17", "2030-05-17")
        )
        rows = []
        for i in range(reads + 3):
            order: list[str] = []

            def on_event(e: ReadEvent, order: list[str] = order) -> None:
                order.append(e.kind)

            r = read_card(card.reader, key, trust_dir=trust, on_event=on_event)
            assert order.index("data") < order.index("photo"), "first data must precede the photo"
            assert r.verification.passive_authentication.status.value == "verified"
            if i >= 3:  # warm-up reads excluded
                rows.append(r.stats)
        chunk = EXTENDED_CHUNK if options.get("extended_length", True) else SHORT_SM_CHUNK
        minimum = minimum_apdus(card.image.files, chunk, bool(options.get("pace", True)))
    med = {
        "apdus": statistics.median(s.apdus for s in rows),
        "min_apdus": minimum,
        "bytes": statistics.median(s.bytes_in + s.bytes_out for s in rows),
        "cpu_ms": statistics.median(s.cpu_ms for s in rows),
        "wall_ms": statistics.median(s.ms_total for s in rows),
        "first_data_ms": statistics.median(s.ms_to_first_data for s in rows),
    }
    print(
        f"{label:<34} APDUs {med['apdus']:>4.0f} (min {minimum:>3})  bytes {med['bytes']:>6.0f}  "
        f"CPU {med['cpu_ms']:5.1f} ms  wall {med['wall_ms']:6.1f} ms  "
        f"first data {med['first_data_ms']:5.1f} ms"
    )
    return med


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reads", type=int, default=25)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        trust = Path(tmp) / "trust"
        export_demo_csca(trust)
        print(f"median of {args.reads} full reads (20 KB DG2), pcscd + vpcd + simulated CCCD")
        run("PACE, extended length", args.reads, trust)
        run("PACE, short APDUs (223 B chunks)", args.reads, trust, extended_length=False)
        run("BAC, extended length", args.reads, trust, pace=False)


if __name__ == "__main__":
    main()

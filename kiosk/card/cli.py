"""``kiosk card ...``: readers, read, simulate, diagnose, trust."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from pathlib import Path

from kiosk.card.errors import KeyInputError, NoServiceError
from kiosk.errors import UsageError
from kiosk.profile import Profile

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    card = subparsers.add_parser("card", help="chip ID cards: read, simulate, diagnose")
    sub = card.add_subparsers(dest="card_command", metavar="CARD_COMMAND", required=True)

    p = sub.add_parser("readers", help="state of the smart-card service, readers and cards")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_readers)

    p = sub.add_parser("read", help="read the chip of the card on a reader")
    p.add_argument("--reader", metavar="NAME", help="reader name (default: the first holding a card)")
    key = p.add_mutually_exclusive_group(required=True)
    key.add_argument("--can", help="card access number: the last 6 digits of the ID (or the 12-digit ID)")
    key.add_argument("--mrz", help="the MRZ text (lines separated by newlines or pasted together)")
    key.add_argument("--id", dest="id_number", help="12-digit ID number (with --dob and --expiry for BAC)")
    key.add_argument("--qr", help="the text of the QR code on the card")
    p.add_argument("--dob", help="date of birth YYYY-MM-DD (with --id)")
    p.add_argument("--expiry", help="expiry date YYYY-MM-DD or 'none' (with --id)")
    p.add_argument(
        "--trust", metavar="DIR", type=Path, help="folder of trusted CSCA certificates / master lists"
    )
    p.add_argument("--photo-out", metavar="FILE", type=Path, help="write the photo (JPEG) here")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_read)

    p = sub.add_parser("simulate", help="attach a simulated chip ID card to a vpcd virtual reader")
    p.add_argument("--profile", dest="card_profile", required=True, metavar="FILE", help="card profile JSON")
    p.add_argument("--reader", type=int, default=0, metavar="N", help="vpcd slot (0: 'Virtual PCD 00 00')")
    p.add_argument("--no-pace", action="store_true", help="offer BAC only")
    p.add_argument("--tamper-dg", type=int, metavar="N", help="alter data group N after signing")
    p.add_argument("--foreign-signer", action="store_true", help="sign with a CSCA nobody trusts")
    p.add_argument("--lift-after", type=int, metavar="N", help="lift the card after N APDUs")
    p.add_argument("--dg2-size", type=int, metavar="BYTES", help="pad the photo to this size")
    p.add_argument(
        "--error-at", action="append", default=[], metavar="N=SW",
        help="answer APDU number N with status word SW (hex), e.g. 12=6F00; repeatable",
    )  # fmt: skip
    p.add_argument("--no-extended", action="store_true", help="advertise short APDUs only")
    p.add_argument("--jpeg2000", action="store_true", help="store the photo as JPEG 2000")
    p.add_argument("--seconds", type=float, help="detach after this many seconds (default: until Ctrl-C)")
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("diagnose", help="write a diagnostics report for support (no personal data)")
    p.add_argument("--out", type=Path, metavar="FILE", help="report file (default: in the profile's logs)")
    p.set_defaults(func=cmd_diagnose)

    p = sub.add_parser("trust", help="manage trusted CSCA certificates")
    p.add_argument("--dir", type=Path, metavar="DIR", help="trust folder (default: the profile's card-trust)")
    tsub = p.add_subparsers(dest="trust_command", required=True)
    t = tsub.add_parser("install", help="install a CSCA certificate (PEM/DER) or ICAO master list")
    t.add_argument("file", type=Path)
    t.set_defaults(func=cmd_trust_install)
    t = tsub.add_parser("export-demo", help="install the demo CSCA that signs simulated cards")
    t.set_defaults(func=cmd_trust_export_demo)
    t = tsub.add_parser("list", help="list trusted certificates")
    t.set_defaults(func=cmd_trust_list)


def trust_dir_of(args: argparse.Namespace) -> Path:
    return Profile.open(args.profile).root / "card-trust"


def _key_from_args(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kiosk.card.keys import AccessKey

    # ``is not None``: an empty value (--can=) is a malformed key with its own sentence.
    if args.id_number is None and (args.dob is not None or args.expiry is not None):
        raise KeyInputError("--dob and --expiry go with --id only; remove them or use --id.")
    if args.can is not None:
        return AccessKey.from_can(args.can)
    if args.mrz is not None:
        return AccessKey.from_mrz(args.mrz.replace("\\n", "\n"))
    if args.qr is not None:
        return AccessKey.from_qr(args.qr)
    if args.dob is None and args.expiry is None:
        return AccessKey.from_id(args.id_number)
    if args.dob is None or args.expiry is None:
        raise KeyInputError(
            "--id with dates needs both --dob and --expiry (use --expiry none for no expiry)."
        )
    return AccessKey.from_id_dob_expiry(args.id_number, args.dob, args.expiry)


def _require_service() -> None:
    from kiosk.card.pcscd import pcscd_alive

    if sys.platform.startswith("linux") and not pcscd_alive():
        raise NoServiceError(
            "The smart-card service (pcscd) is not running; start it with 'sudo systemctl start pcscd'."
        )


def cmd_read(args: argparse.Namespace) -> int:
    from kiosk.card.pcsc.transport import TRACE
    from kiosk.card.reader import read_card

    key = _key_from_args(args)
    photo_out: Path | None = args.photo_out
    # Checked before the read: a good read must not end in an unwritable file.
    if photo_out is not None and not photo_out.parent.is_dir():
        raise UsageError(f"The photo cannot be written to {photo_out}: its folder does not exist.")
    if photo_out is not None and photo_out.is_dir():
        raise UsageError(f"The photo cannot be written to {photo_out}: it is a folder.")
    _require_service()
    trust = args.trust
    if trust is None:
        default = trust_dir_of(args)
        trust = default if default.is_dir() else None
    try:
        result = read_card(args.reader, key, trust_dir=trust)
    finally:
        _save_trace(args, list(TRACE))
    if photo_out is not None and result.photo_jpeg:
        try:
            photo_out.write_bytes(result.photo_jpeg)
        except OSError as exc:
            raise UsageError(f"The photo could not be written to {photo_out} ({exc.strerror}).") from exc
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    c = result.citizen
    print(
        f"Document: {result.document.type} {result.document.issuing_state} (access: {result.access_control})"
    )
    from kiosk.citizen import CITIZEN_FIELDS

    for name in CITIZEN_FIELDS:
        v = c.get(name)
        if v is not None:
            mark = " [sensitive]" if c.is_sensitive(name) else ""
            print(f"  {name}: {v}{mark}")
    if c.no_expiry:
        print("  date_of_expiry: none (Không thời hạn)")
    for check in ("passive_authentication", "chip_authentication", "active_authentication",
                  "mrz_check_digits", "consistency"):  # fmt: skip
        ck = getattr(result.verification, check)
        print(f"{check}: {ck.status.value} - {ck.reason}")
    s = result.stats
    print(
        f"{s.apdus} APDUs, {s.bytes_in + s.bytes_out} bytes, {s.ms_total:.0f} ms "
        f"(first data {s.ms_to_first_data:.0f} ms)"
    )
    return 0


def _save_trace(args: argparse.Namespace, lines: list[str]) -> None:
    """Keep the last APDU trace (headers and lengths only) for `kiosk card diagnose`."""
    from kiosk.privacy import redactor

    try:
        path = Profile.open(args.profile).logs_dir / "card-trace.log"
        path.write_text("\n".join(redactor.redact(ln) for ln in lines) + "\n", encoding="utf-8")
    except OSError:
        log.warning("could not save the APDU trace")


def cmd_readers(args: argparse.Namespace) -> int:
    from kiosk.card.pcsc.monitor import MonitorState, ServiceState, probe_emrtd
    from kiosk.card.pcscd import pcscd_alive

    state = (
        readers_state(probe_emrtd)
        if (pcscd_alive() or not sys.platform.startswith("linux"))
        else MonitorState(ServiceState.NO_SERVICE)
    )
    if args.json:
        print(json.dumps(_state_json(state), indent=2))
        return 0
    print(f"service: {state.service.value}")
    for r in state.readers:
        print(f"  {r.name}: {r.state.value}" + (f" (ATR {r.atr.hex().upper()})" if r.atr else ""))
    return 0


def _state_json(state):  # type: ignore[no-untyped-def]
    return {
        "service": state.service.value,
        "readers": [
            {"name": r.name, "state": r.state.value, "atr": r.atr.hex().upper()} for r in state.readers
        ],
    }


def readers_state(probe):  # type: ignore[no-untyped-def]
    """One-shot snapshot of the service, readers and cards (the monitor's states)."""
    from smartcard import scard

    from kiosk.card.pcsc.monitor import MonitorState, ReaderInfo, ReaderState, ServiceState

    rc, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if rc != scard.SCARD_S_SUCCESS:
        return MonitorState(ServiceState.NO_SERVICE)
    try:
        rc, readers = scard.SCardListReaders(ctx, [])
        if rc != scard.SCARD_S_SUCCESS or not readers:
            return MonitorState(ServiceState.NO_READER)
        rc, states = scard.SCardGetStatusChange(ctx, 0, [(r, scard.SCARD_STATE_UNAWARE) for r in readers])
        infos = []
        for name, st, atr in states if rc == scard.SCARD_S_SUCCESS else []:
            if st & scard.SCARD_STATE_PRESENT:
                ok, _ = probe(ctx, name)
                infos.append(
                    ReaderInfo(str(name), ReaderState.EMRTD if ok else ReaderState.NOT_EMRTD, bytes(atr))
                )
            else:
                infos.append(ReaderInfo(str(name), ReaderState.NO_CARD))
        return MonitorState(ServiceState.READY, tuple(infos))
    finally:
        scard.SCardReleaseContext(ctx)


def cmd_simulate(args: argparse.Namespace) -> int:
    from kiosk.card.pcscd import ensure_pcscd
    from kiosk.card.sim import SimulatedCard

    options: dict[str, object] = {}
    if args.no_pace:
        options["pace"] = False
    if args.tamper_dg is not None:
        options["tamper_dg"] = args.tamper_dg
    if args.foreign_signer:
        options["foreign_signer"] = True
    if args.lift_after is not None:
        options["lift_after_apdus"] = args.lift_after
    if args.dg2_size is not None:
        options["dg2_size"] = args.dg2_size
    if args.no_extended:
        options["extended_length"] = False
    if args.jpeg2000:
        options["jpeg2000"] = True
    if args.error_at:
        try:
            options["error_at_apdu"] = {
                int(n): int(sw, 16) for n, sw in (item.split("=", 1) for item in args.error_at)
            }
        except ValueError as exc:
            raise UsageError("--error-at takes N=SW, for example 12=6F00.") from exc
    if not Path(args.card_profile).is_file():
        raise UsageError(f"The card profile {args.card_profile} does not exist.")
    handle = ensure_pcscd()
    card = SimulatedCard.from_profile(args.card_profile, **options)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    try:
        card.attach(args.reader)
        print(f"Simulated card on '{card.reader}'. Press Ctrl-C to remove it.", flush=True)
        done.wait(args.seconds)
    except KeyboardInterrupt:
        pass
    finally:
        card.stop()
        if handle.started_here:
            handle.stop()
    return 0


def cmd_diagnose(args: argparse.Namespace) -> int:
    from kiosk.card.diagnose import write_report

    profile = Profile.open(args.profile)
    out = args.out or profile.logs_dir / "card-diagnostics.txt"
    write_report(out, profile.logs_dir / "card-trace.log")
    print(f"Diagnostics written to {out}")
    return 0


def cmd_trust_install(args: argparse.Namespace) -> int:
    from kiosk.card.cert.trust import install

    if not args.file.is_file():
        raise UsageError(f"{args.file} does not exist.")
    target = install(args.file, args.dir or trust_dir_of(args))
    print(f"Installed {target}")
    return 0


def cmd_trust_export_demo(args: argparse.Namespace) -> int:
    from kiosk.card.sim.pki import export_demo_csca

    print(f"Installed {export_demo_csca(args.dir or trust_dir_of(args))}")
    return 0


def cmd_trust_list(args: argparse.Namespace) -> int:
    from kiosk.card.cert.trust import TrustStore

    d = args.dir or trust_dir_of(args)
    if not d.is_dir():
        print("No trusted certificates installed.")
        return 0
    for cert in TrustStore.load(d).anchors:
        print(f"{cert.subject.rfc4514_string()}  valid until {cert.not_valid_after_utc.date()}")
    return 0

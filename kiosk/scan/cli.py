"""``kiosk scan ...``: devices, capture, import, sign, verify (headless)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from kiosk.errors import KioskError, UsageError

PIN_ENV = "KIOSK_TOKEN_PIN"


def register(subparsers: argparse._SubParsersAction) -> None:
    scan = subparsers.add_parser("scan", help="digitise papers: scanners, import, PDF/A, OCR, signatures")
    sub = scan.add_subparsers(dest="scan_command", metavar="ACTION", required=True)

    dev = sub.add_parser("devices", help="list scanners and their capabilities")
    dev.add_argument("--json", action="store_true", help="machine-readable output")
    dev.set_defaults(func=_devices)

    cap = sub.add_parser("capture", help="scan papers into a PDF/A file")
    cap.add_argument("--device", required=True, help="device id from 'kiosk scan devices'")
    cap.add_argument("--source", choices=("flatbed", "adf", "duplex"), default="flatbed")
    cap.add_argument(
        "--pages", type=int, default=None, help="stop after N pages (feeder: default until empty)"
    )
    cap.add_argument("--dpi", type=int, default=200, choices=(200, 300, 400, 600))
    cap.add_argument("--timeout", type=float, default=60.0, help="seconds of driver silence before giving up")
    cap.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="driver-specific option (advanced)",
    )
    _output_args(cap)
    cap.set_defaults(func=_capture)

    imp = sub.add_parser("import", help="turn images or PDFs into a PDF/A file")
    imp.add_argument("files", nargs="+", type=Path)
    imp.add_argument("--dpi", type=int, default=200, help="rendering resolution for non-scanned PDF pages")
    _output_args(imp)
    imp.set_defaults(func=_import)

    sign = sub.add_parser(
        "sign", help="sign a PDF with a PKCS#11 token (PIN from $KIOSK_TOKEN_PIN or a prompt)"
    )
    sign.add_argument("file", type=Path)
    sign.add_argument("--pkcs11", required=True, metavar="MODULE", help="the token's PKCS#11 library")
    sign.add_argument("--key-id", required=True, metavar="HEXID", help="CKA_ID of the signing key (hex)")
    sign.add_argument("--token-label", default=None, help="only when several tokens hold the same key id")
    sign.add_argument("--agency", default="", help="agency name shown in the signature block")
    sign.add_argument("--tsa-url", default=None, help="RFC 3161 timestamp server (PAdES B-T)")
    sign.add_argument("--out", type=Path, default=None, help="signed file (default: FILE-signed.pdf)")
    sign.set_defaults(func=_sign)

    keys = sub.add_parser("keys", help="list the key ids and certificates on PKCS#11 tokens (no PIN needed)")
    keys.add_argument("--pkcs11", required=True, metavar="MODULE")
    keys.set_defaults(func=_keys)

    ver = sub.add_parser("verify", help="check the signatures of a PDF")
    ver.add_argument("file", type=Path)
    ver.add_argument(
        "--trust", type=Path, action="append", default=[], help="trusted CA certificate (PEM/DER)"
    )
    ver.add_argument("--json", action="store_true")
    ver.set_defaults(func=_verify)


def _output_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--out",
        type=_out_path,
        required=True,
        help="the PDF/A file to write, or a folder: then named dossier code + item number",
    )
    p.add_argument("--dossier-code", default=None, help="dossier code (default: the output file name)")
    p.add_argument("--component", default="Thành phần hồ sơ", help="dossier component name")
    p.add_argument("--item", type=int, default=1, help="component item number")
    p.add_argument("--operator", default="", help="officer user name recorded in the metadata")
    p.add_argument("--agency", default="")
    p.add_argument("--no-cleanup", action="store_true", help="keep the pages exactly as captured")
    p.add_argument("--no-osd", action="store_true", help="orientation by heuristic only (no Tesseract OSD)")
    p.add_argument("--colour", choices=("colour", "grey", "bilevel"), default="colour")
    p.add_argument("--no-ocr", action="store_true", help="no text layer")
    p.add_argument("--drop-blank", action="store_true", help="remove pages detected as blank")
    p.add_argument(
        "--max-page-kb", type=int, default=None, help="lower the JPEG quality of pages larger than this"
    )


def _out_path(text: str) -> Path:
    path = Path(text)
    if text.endswith(("/", os.sep)):
        path.mkdir(parents=True, exist_ok=True)  # "--out folder/": the file is named for the dossier
    return path


def _parse_option(text: str) -> tuple[str, str | int | float | bool]:
    if "=" not in text:
        raise UsageError(f"The option '{text}' must look like NAME=VALUE.")
    name, raw = text.split("=", 1)
    value: str | int | float | bool = raw
    if raw.lower() in ("yes", "true"):
        value = True
    elif raw.lower() in ("no", "false"):
        value = False
    else:
        for conv in (int, float):
            try:
                value = conv(raw)
                break
            except ValueError:
                continue
    return name.replace("-", "_"), value


def _devices(args: argparse.Namespace) -> int:
    from kiosk.scan.capture import default_backend

    devices = default_backend().list_devices()
    if args.json:
        print(json.dumps([d.to_json() for d in devices], ensure_ascii=False, indent=2))
        return 0
    if not devices:
        print("No scanner found; check that it is switched on and connected.")
        return 0
    for d in devices:
        res = ",".join(str(r) for r in d.resolutions)
        print(f"{d.id}\t{d.label} ({d.kind})\tsources={','.join(d.sources)}\tdpi={res}")
    return 0


def _finish(args: argparse.Namespace, pages: list, *, partial_error: KioskError | None = None) -> int:
    # Imported here: OpenCV and pikepdf take a while to load, and every other command pays
    # for what this module imports at the top.
    from kiosk.scan.cleanup import CleanupOptions
    from kiosk.scan.digitise import digitise
    from kiosk.scan.pdfa import PdfMetadata, pdf_filename

    if args.out.is_dir() and not args.dossier_code:
        raise UsageError("Give --dossier-code when --out is a folder (the file is named after it).")
    meta = PdfMetadata(
        dossier_code=args.dossier_code or args.out.stem,
        component=args.component,
        item_number=args.item,
        operator=args.operator,
        agency=args.agency,
    )
    cleanup = None if args.no_cleanup else CleanupOptions(use_osd=not args.no_osd, colour=args.colour)
    if args.max_page_kb is not None and args.max_page_kb < 20:
        raise UsageError("--max-page-kb must be at least 20 (an A4 page at 200 dpi needs more).")
    result = digitise(
        pages,
        meta,
        cleanup=cleanup,
        ocr=not args.no_ocr,
        drop_blank=args.drop_blank,
        max_page_bytes=args.max_page_kb * 1024 if args.max_page_kb else None,
    )
    if args.out.is_dir():
        args.out = args.out / pdf_filename(meta.dossier_code, meta.item_number)
    _write(args.out, result.pdf)
    rep = result.report
    print(
        f"Wrote {args.out} ({rep.pages} pages, {rep.size_bytes // 1024} KB, PDF/A-{rep.pdfa}, "
        f"{rep.min_dpi:.0f} dpi, text layer: {'yes' if rep.text_layer else 'no'})"
    )
    if result.blank_pages and not args.drop_blank:
        print(
            f"Pages that look blank (kept; use --drop-blank to remove): {result.blank_pages}", file=sys.stderr
        )
    if result.dropped_pages:
        print(f"Removed blank pages: {result.dropped_pages}")
    if not args.no_ocr and not result.ocr.available:
        print(f"OCR skipped: {result.ocr.reason}", file=sys.stderr)
    for problem in rep.problems:
        print(f"Legal format: {problem}", file=sys.stderr)
    if partial_error is not None:
        raise KioskError(
            f"{partial_error} The {len(pages)} pages scanned before it were saved to {args.out}.",
            exit_code=partial_error.exit_code,
        )
    return 0 if rep.ok else 1


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise KioskError(f"Cannot write {path} ({exc.strerror}); choose another folder.") from exc


def _capture(args: argparse.Namespace) -> int:
    from kiosk.scan.capture import ScanSettings, default_backend
    from kiosk.scan.errors import ScanError

    if args.pages is not None and args.pages < 1:
        raise UsageError("--pages must be at least 1.")
    settings = ScanSettings(
        source=args.source,
        dpi=args.dpi,
        max_pages=args.pages,
        timeout_s=args.timeout,
        driver_options=dict(_parse_option(o) for o in args.option),
    )
    try:
        result = default_backend().scan(args.device, settings)
    except ScanError as err:
        pages = getattr(err, "pages", [])
        if pages:
            return _finish(args, pages, partial_error=err)
        raise
    if result.ended_by == "feeder_empty":
        print(f"Feeder empty after {len(result.pages)} pages.", file=sys.stderr)
    return _finish(args, result.pages)


def _import(args: argparse.Namespace) -> int:
    from kiosk.scan.capture.importer import import_files

    return _finish(args, import_files(args.files, dpi=args.dpi))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise UsageError(f"The file {path} does not exist.") from exc
    except OSError as exc:
        raise KioskError(f"Cannot read {path} ({exc.strerror}).") from exc


def _pin() -> str:
    pin = os.environ.get(PIN_ENV)
    if pin:
        return pin
    if not sys.stdin.isatty():
        raise UsageError(f"Set the token PIN in the environment variable {PIN_ENV} or run in a terminal.")
    pin = getpass.getpass("Token PIN: ")
    if not pin:
        raise UsageError("No PIN was entered.")
    return pin


def _sign(args: argparse.Namespace) -> int:
    from kiosk.scan.sign import SignOptions, TokenSpec, parse_key_id, sign_pdf

    data = _read(args.file)
    spec = TokenSpec(
        module=args.pkcs11, key_id=parse_key_id(args.key_id), pin=_pin(), token_label=args.token_label
    )
    signed = sign_pdf(data, spec, SignOptions(agency=args.agency, tsa_url=args.tsa_url))
    out = args.out or args.file.with_name(args.file.stem + "-signed.pdf")
    _write(out, signed)
    print(f"Signed {out} (PAdES {'B-T' if args.tsa_url else 'B-B'})")
    return 0


def _keys(args: argparse.Namespace) -> int:
    from kiosk.scan.sign import list_token_keys

    found = list_token_keys(args.pkcs11)
    if not found:
        print("No certificate found on any plugged-in token.")
    for label, key_id, subject in found:
        print(f"{key_id}\t{subject}\t(token: {label})")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from kiosk.scan.verify import verify_pdf

    report = verify_pdf(_read(args.file), trust_roots=[_read(p) for p in args.trust])
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "field": s.field_name,
                        "signer": s.signer,
                        "intact": s.intact,
                        "valid": s.valid,
                        "trusted": s.trusted,
                        "coverage": s.coverage,
                        "modified_after": s.modified_after,
                        "signing_time": s.signing_time.isoformat() if s.signing_time else None,
                        "timestamped": s.timestamped,
                        "ok": s.ok,
                        "problems": s.problems,
                    }
                    for s in report.signatures
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    elif not report.signatures:
        print("The PDF has no signature.")
    for s in report.signatures if not args.json else []:
        state = "VALID" if s.ok else "INVALID"
        trust = "trusted" if s.trusted else "not trusted (no matching --trust CA)"
        print(
            f"{state}: {s.field_name} signed by {s.signer}; intact={s.intact}; covers {s.coverage}; "
            f"changes after signing: {s.modified_after}; {trust}; "
            f"time {s.signing_time.isoformat() if s.signing_time else 'unknown'}"
            f"{'; timestamped' if s.timestamped else ''}"
        )
        for problem in s.problems:
            print(f"  {problem}")
    if not report.signatures:
        return 3
    return 0 if report.ok else 2

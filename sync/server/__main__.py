"""``python -m sync.server --data DIR [--host H] [--port N] [--db-url URL] [--port-file F]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.errors import KioskError
from sync.server.app import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sync.server")
    parser.add_argument("--data", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8470)
    parser.add_argument("--db-url", default=None)
    parser.add_argument("--port-file", type=Path, default=None)
    parser.add_argument("--tls-cert", default=None, help="PEM certificate chain (serve HTTPS)")
    parser.add_argument("--tls-key", default=None, help="PEM private key of the certificate")
    args = parser.parse_args(argv)
    try:
        serve(
            args.data,
            args.host,
            args.port,
            args.db_url,
            port_file=args.port_file,
            tls_cert=args.tls_cert,
            tls_key=args.tls_key,
        )
    except KioskError as err:
        print(f"sync.server: {err}", file=sys.stderr)
        return err.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())

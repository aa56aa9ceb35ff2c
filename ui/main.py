"""The ``kiosk`` command: composition root wiring the core, sync and the GUI.

``kiosk`` with no arguments opens the GUI, ``kiosk demo`` opens it in demo mode, and
subcommands do headless work. Each area registers its own subcommands through a
``register(subparsers)`` function; Qt is imported only when a window is opened.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence

from kiosk import __version__
from kiosk.errors import KioskError
from kiosk.logs import setup_logging
from kiosk.profile import Profile

log = logging.getLogger(__name__)

# Modules offering ``register(subparsers)``; each adds subcommands with ``set_defaults(func=...)``.
COMMAND_MODULES: tuple[str, ...] = (
    "kiosk.card.cli",
    "kiosk.dossier.cli",
    "kiosk.forms.cli",
    "kiosk.scan.cli",
    "sync.cli",
    "sync.diagnostics",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Một Cửa Kiosk: chip ID reading, pre-filled forms, digitisation and sync "
        "for one-stop service counters. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("--profile", metavar="DIR", help="data directory (default: the user data folder)")
    parser.add_argument("-v", "--verbose", action="store_true", help="also log to standard error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the window (the default)")
    gui.add_argument("--kiosk-mode", action="store_true", help="full-screen self-service kiosk")
    gui.add_argument("--smoke-test", action="store_true", help="open the window, let it start, close it")
    gui.add_argument("--screenshot", metavar="PNG", help="with --smoke-test: save the window as an image")
    gui.set_defaults(func=_run_gui)

    demo = sub.add_parser(
        "demo",
        help="open the window with a throwaway demo profile, a simulated card and a local server",
    )
    demo.add_argument("--no-window", action="store_true", help="run the demo flow headless and exit")
    demo.add_argument(
        "--kiosk-mode", action="store_true", help="the self-service kiosk screens (full screen, kiosk role)"
    )
    demo.add_argument("--smoke-test", action="store_true", help="open the window, let it start, close it")
    demo.add_argument("--screenshot", metavar="PNG", help="with --smoke-test: save the window as an image")
    demo.set_defaults(func=_run_demo)

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            # Only a missing module of our own is tolerated (an area not built yet);
            # a missing third-party dependency is a broken install and must say so.
            if exc.name and (exc.name == name or name.startswith(exc.name + ".")):
                continue
            raise
        register: Callable[[argparse._SubParsersAction], None] = module.register
        register(sub)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from ui.app import run_gui

    return run_gui(
        Profile.open(args.profile),
        kiosk_mode=getattr(args, "kiosk_mode", False),
        smoke_test=getattr(args, "smoke_test", False),
        screenshot=getattr(args, "screenshot", None),
    )


def _run_demo(args: argparse.Namespace) -> int:
    from ui.demo import run_demo

    return run_demo(
        args.profile,
        window=not args.no_window,
        smoke_test=args.smoke_test,
        screenshot=args.screenshot,
        kiosk_mode=args.kiosk_mode,
    )


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _main(argv)
        finally:
            # A reader that went away (`kiosk dossier list --json | head -1`) shows up here,
            # on this flush, instead of as a traceback when Python flushes at exit.
            sys.stdout.flush()
    except BrokenPipeError:
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # what a shell reports for a command ended by SIGPIPE


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.func = _run_gui
    try:
        if args.command not in {"demo"}:
            profile = Profile.open(args.profile)
            setup_logging(profile.logs_dir, stderr=args.verbose)
        rc = args.func(args)
    except KioskError as err:
        print(f"kiosk: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("kiosk: interrupted", file=sys.stderr)
        return 130
    finally:
        _print_notices()
    return int(rc or 0)


def _print_notices() -> None:
    """Repairs the core made on its own (a key file rebuilt from its copy) are said, once."""
    keys = sys.modules.get("kiosk.security.keys")
    for line in keys.take_notices() if keys is not None else ():
        print(f"kiosk: {line}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())

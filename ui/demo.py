"""``kiosk demo``: the app with a throwaway profile, the simulated card and a local server."""

from __future__ import annotations

import json
import logging

from kiosk.logs import setup_logging
from sync.demo import DemoEnvironment, run_flow

log = logging.getLogger(__name__)


def run_demo(
    profile_dir: str | None,
    *,
    window: bool = True,
    smoke_test: bool = False,
    screenshot: str | None = None,
    kiosk_mode: bool = False,
) -> int:
    env = DemoEnvironment.start(profile_dir)
    try:
        setup_logging(env.profile.logs_dir)
        if not window:
            outcome = run_flow(env)
            print(json.dumps(outcome.to_json(), ensure_ascii=False, indent=2))
            return 0 if outcome.official_code else 1
        from ui.app import run_gui

        store = env.open_store()
        if kiosk_mode:
            # The demo has no OS keyring to hold a machine secret, so the demo officer's handle
            # is narrowed to the kiosk role: only the current citizen's session is reachable.
            store.restrict_to_kiosk()
        return run_gui(
            env.profile,
            kiosk_mode=kiosk_mode,
            smoke_test=smoke_test,
            demo=env,
            store=store,
            screenshot=screenshot,
        )
    finally:
        env.stop()

"""Chip ID (CCCD / eMRTD) reading: PC/SC transport, PACE/BAC, secure messaging, LDS parsing,
passive/chip/active authentication and a simulated card for tests and the demo.

Public API (everything else is internal)::

    from kiosk.card.pcscd import ensure_pcscd           # -> PcscdHandle (idempotent; .stop())
    from kiosk.card.keys import AccessKey                # from_can / from_id / from_mrz /
                                                         # from_id_dob_expiry / from_qr / parse
    from kiosk.card.reader import read_card, ReadResult, ReadEvent
    result = read_card(None, AccessKey.from_can("001234"), trust_dir=Path("trust"),
                       on_event=callback)                # ReadEvent kinds: connected, access,
                                                         # progress, data, photo, verification, done
    result.citizen (kiosk.citizen.Citizen) / .document / .verification / .stats /
    result.photo_jpeg / result.to_json()                 # the `kiosk card read --json` object

    from kiosk.card.pcsc.monitor import CardMonitor      # CardMonitor(on_state).start()/stop()/mark()
    from kiosk.card.sim import SimulatedCard             # from_profile(path|dict, **SimOptions)
                                                         # .attach(i) .remove() .insert() .stop()
    from kiosk.card.sim.pki import export_demo_csca      # demo CSCA into a trust folder
    from kiosk.card.sim.testing import simulated_card    # context manager for other areas' tests

Errors are :class:`kiosk.card.errors.CardError` subclasses (one sentence, no personal data).
"""

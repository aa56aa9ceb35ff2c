"""Screens of the local store: login/lock, first-run setup, dossier list and detail.

Host them with::

    from ui.dossier.login import LoginScreen, LockScreen
    login = LoginScreen(profile, kiosk_mode=False)
    login.unlocked.connect(lambda store, session: ...)   # Store, OfficerSession

    lock = LockScreen(session, kiosk_mode=False)          # shown when the session idles
    lock.unlocked.connect(...)                             # passphrase re-checked (with back-off)

    from ui.dossier.setup import FirstRunScreen           # when not keys.is_initialised(profile)
    setup = FirstRunScreen(profile, kiosk_mode=False)
    setup.completed.connect(...)                           # after the recovery key was acknowledged

    from ui.dossier.list import DossierListScreen
    listing = DossierListScreen(store, kiosk_mode=False)   # search (accents optional), masked IDs
    listing.open_requested.connect(detail.show_dossier)    # uuid

    from ui.dossier.detail import DossierDetailScreen
    detail = DossierDetailScreen(store, kiosk_mode=False)
    detail.show_dossier(uuid)                              # loads in a worker thread

    from ui.dossier.screen import DossierScreen            # list + detail side by side (officer page)
    page = DossierScreen(ctx.store, kiosk_mode=False)      # page.refresh(), page.clear()

    from ui.dossier.idle import IdleWatcher
    watcher = IdleWatcher(session)                         # installs an app-wide event filter
    watcher.locked.connect(...)                            # show the LockScreen, clear screens

Every screen has ``clear()`` (connect it to ``AppSignals.citizen_session_ended``) which drops
the personal data it shows. Store calls run in ``QThreadPool`` workers.
"""

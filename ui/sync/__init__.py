"""Sync UI: the always-visible indicator, the queue view and the controller running the worker.

Host them with::

    from ui.sync.controller import SyncController
    controller = SyncController(store_factory, profile)   # store_factory opens a Store for the worker thread
                                                           # (ideally with store.restrict_to_sync())
    controller.start()                                     # worker in a QThread; controller.stop() at exit
    controller.sync_now()                                  # e.g. after a dossier was queued

    from ui.sync.widgets import SyncIndicator, SyncScreen
    indicator = SyncIndicator(stale_hours=24.0)            # for the status bar
    indicator.update_status(store.outbox_stats(), controller.online)
    indicator.clicked.connect(...)                         # open the sync page

    screen = SyncScreen(store, controller, stale_hours=24.0, kiosk_mode=False)
    # indicator + "Sync now" + the queue (state, upload progress, official code,
    # quarantine reason with a Retry button); refreshes itself every few seconds.

``store`` is a GUI-thread Store handle used for short list queries; the worker opens its own
through ``store_factory`` on its thread.
"""

"""The local system of record: the encrypted store, dossiers, their lifecycle and attachments.

Unlock (``kiosk.security.keys``)::

    recovery = init_profile(profile, unit_name=..., unit_code=..., admin_username=..., admin_passphrase=...)
    store, session = unlock_with_passphrase(profile, username, passphrase)   # officer / kiosk / community
    store = unlock_with_machine_secret(profile)                 # unattended: role "sync" (outbox only)
    store = unlock_with_machine_secret(profile, role="kiosk")   # self-service screens (own citizen only)

Work (``kiosk.dossier.store.Store``): ``create_dossier``, ``get_dossier`` (logged as a view),
``list_dossiers`` (masked IDs, accent-free search), ``update_dossier`` (re-queues), ``transition``
(the one state machine, ``kiosk.dossier.lifecycle``), ``set_portal_status``, ``add_attachment`` /
``open_attachment`` (streaming AES-GCM files), ``purge_dossier`` / ``purge_expired``, the outbox
(``outbox_due``, ``outbox_mark_attempt``, ``outbox_mark_synced``, ``outbox_defer``,
``outbox_quarantine``, ``outbox_requeue``, ``outbox_stats``), ``export_for_sync``,
``log_event`` (the processing log: call it for "read" after a chip read and "print" after a
receipt/form is printed), ``begin_citizen_session`` / ``end_citizen_session``.

Consent: ``kiosk.security.consent`` (``require_consent_for_chip_read`` before a chip read).
"""

"""Card UI: the reader panel (state, key entry, per-file progress, photo, verification badges)
and the citizen view with per-field provenance.

The main window hosts :class:`ui.card.panel.CardReaderPanel`::

    from ui.card.panel import CardReaderPanel
    panel = CardReaderPanel(trust_dir=profile.root / "card-trust", kiosk_mode=False,
                            reader=None, default_key_text=None)
    panel.start()                                   # starts the PC/SC monitor thread
    panel.result_ready.connect(...)                 # kiosk.card.reader.ReadResult
    panel.card_read.connect(forms_page.deliver_card)  # (role_key, kiosk.citizen.Citizen)
    forms_page.card_requested.connect(panel.read_for_role)
    panel.clear()                                   # citizen session ended: drop personal data
    panel.stop()                                    # before closing the window

Parts usable on their own: ``KeyEntry`` (signal ``key_ready(AccessKey)``: QR scanner
wedge input ending in Enter, ID, ID + dates, MRZ), ``CitizenView`` (``show_citizen(Citizen)``,
``clear()``), ``VerificationBadges`` (``show(Verification)``), ``MonitorBridge`` (QObject
wrapping :class:`kiosk.card.pcsc.monitor.CardMonitor`, signal ``state_changed``) and
``ReadWorker`` (runs :func:`kiosk.card.reader.read_card` in a QThread). Card work never runs on
the GUI thread.
"""

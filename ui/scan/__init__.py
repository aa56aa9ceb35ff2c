"""The digitisation screen.

Host it with::

    from ui.scan.screen import ScanScreen, SigningConfig
    screen = ScanScreen(
        store=ctx.store,                 # kiosk.dossier.store.Store or None (then no "Attach" button action)
        dossier=None,                    # kiosk.dossier.model.Dossier to attach to, or None
        components=("Tờ khai", ...),     # component names offered by the picker (editable)
        operator="canbo1",               # recorded in the PDF metadata and the processing log
        agency="UBND phường ...",        # shown in the PDF description
        kiosk_mode=ctx.kiosk_mode,       # touch sizes
        backend=None,                    # a kiosk.scan.capture.ScanBackend; default: the platform's
        signing=SigningConfig(module="/usr/lib/.../ca-pkcs11.so", key_id="a1b2c3", agency="UBND ...",
                              tsa_url=None, trust_roots=(ca_der,)),  # or None: no "Sign" action
        # or: signing=SigningConfig.from_settings(ctx.profile.load_settings())
        spool_dir=ctx.profile.tmp_dir,   # pages wait there encrypted (AES-GCM, key in memory); None: RAM
    )
    screen.set_dossier(dossier, components)   # when the officer opens another dossier

The officer signs last ("Sign...": PIN dialog, PAdES with the token key chosen by id) and
can check any signed PDF ("Check a signed PDF...").

Signals: ``pdf_ready(bytes)`` after a PDF is assembled, ``attached(str)`` with the attachment id.
All scanning, clean-up, OCR and attaching run in QThreads; the Qt camera (QtMultimedia)
is used for the live preview when it can be imported.
"""

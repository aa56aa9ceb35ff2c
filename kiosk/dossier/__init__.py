"""The local system of record: the encrypted store, dossiers, their lifecycle and attachments.

Public entry points: :class:`kiosk.dossier.store.Store` and the types in
:mod:`kiosk.dossier.model`; unlocking lives in :mod:`kiosk.security.keys`.
"""

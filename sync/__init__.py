"""Sync: sealed envelopes, outbox worker, transport and the reference intake server.

Public API (other areas call these):

- ``sync.enrol.enrol(profile, url, code, *, store, label=None, ca_bundle=None, force=False) -> DeviceState``
  enrols the profile's device non-interactively (``kiosk enrol URL CODE``);
  ``sync.device.load_device(profile) -> DeviceState | None`` reads the pinned enrolment.
- ``sync.server.admin.mint_enrol_code(data_dir, unit_code=None, *, db_url=None) -> str`` mints a
  one-time code (``kiosk server enrol-code --data DIR``); ``open_admin(data_dir, db_url=None)``
  gives the :class:`~sync.server.service.IntakeService` (``revoke``, ``set_portal_status``,
  ``list_dossiers``, ``audit_trail``).
- ``sync.worker.SyncWorker(store_factory, profile, **options)`` (give it handles made with
  ``Store.restrict_to_sync()``: outbox and export only, no dossier contents): ``run_until_empty(store=None,
  max_wait=None) -> RunResult`` (``kiosk sync run``), ``start()`` / ``stop()`` / ``wake()`` for
  the background thread, ``run_forever()`` for a QThread, ``set_online_hint(bool | None)``,
  ``pull_statuses(store) -> int``. ``RunResult.outcome`` is ``empty``, ``waiting``,
  ``unreachable``, ``revoked``, ``rejected``, ``not_enrolled``, ``busy`` or ``stopped``.
- ``sync.server.app.create_app(data_dir, db_url=None, *, blobs=None, exporter=None)`` (FastAPI,
  OpenAPI at ``/openapi.json``) and ``serve(data_dir, host, port, db_url, *, port_file=None)``;
  as a process: ``kiosk server --data DIR --port N`` or ``python -m sync.server --data DIR
  --port 0 --port-file F`` (port 0 picks a free port and writes it to F).

Layout on the device: ``PROFILE/sync/`` (enrolment record, Ed25519 key, worker lock) and
``PROFILE/outbox/<uuid>/r<revision>/`` (sealed bytes only: manifest, signature, ``f*.bin``).
"""

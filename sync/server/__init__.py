"""Reference intake server: ``create_app(data_dir, db_url=None)`` and ``serve(...)`` in ``app``.

Run it with ``kiosk server --data DIR --port N`` or ``python -m sync.server --data DIR --port N``
(``--port 0`` picks a free port and ``--port-file F`` writes the port chosen).
"""

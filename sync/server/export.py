"""Export hook: forwards committed dossiers to a provincial one-stop system.

An adapter receives each committed revision (after the commit transaction) with its
manifest and a way to stream each sealed file. Adapters must be idempotent: the outcome is
recorded per revision (table ``exports``), and a revision without a successful export (the
adapter failed, or a replica died between commit and export) is forwarded again by the
running server (at start and every ``export_retry_s`` seconds, default 300) and by
``kiosk server export --data DIR`` (all due ones, or ``--uuid U`` again even if done).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol


@dataclass(frozen=True)
class ExportRecord:
    uuid: str
    official_code: str
    revision: int
    amended: bool  # a supplement to a dossier exported before under the same official code
    unit_code: str
    device_id: str
    received_at: str
    manifest: bytes
    signature: str
    file_ids: list[str]
    open_sealed: Callable[[str], Iterator[bytes]]


class ExportAdapter(Protocol):
    name: str

    def export(self, record: ExportRecord) -> None: ...


class FileDropAdapter:
    """Writes ``DIR/<official code>/{manifest.json, manifest.sig, f0.bin, ...}`` atomically.

    The provincial system (or its gateway) picks directories up; a directory appears
    only when complete because it is renamed into place.
    """

    name = "file-drop"

    def __init__(self, directory: Path) -> None:
        self.dir = directory

    def export(self, record: ExportRecord) -> None:
        # Made here, not at start: a missing share fails (and is retried) per export
        # instead of keeping the server or the admin commands from starting.
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        name = f"{record.official_code}.r{record.revision}" if record.amended else record.official_code
        final = self.dir / name
        if final.exists():
            return
        tmp = self.dir / f".tmp-{name}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(mode=0o700)
        (tmp / "manifest.json").write_bytes(record.manifest)
        (tmp / "manifest.sig").write_text(record.signature, encoding="ascii")
        (tmp / "meta.json").write_text(
            json.dumps(
                {
                    "uuid": record.uuid,
                    "official_code": record.official_code,
                    "revision": record.revision,
                    "amended": record.amended,
                    "unit_code": record.unit_code,
                    "device_id": record.device_id,
                    "received_at": record.received_at,
                },
                indent=2,
            )
        )
        for fid in record.file_ids:
            with open(tmp / f"{fid}.bin", "wb") as fh:
                for block in record.open_sealed(fid):
                    fh.write(block)
        os.replace(tmp, final)


def make_adapter(config: dict[str, Any], data_dir: Path) -> ExportAdapter | None:
    kind = config.get("kind")
    if not kind:
        return None
    if kind == "file-drop":
        return FileDropAdapter(Path(config.get("dir") or data_dir / "export"))
    from sync.server.config import ServerConfigError

    raise ServerConfigError(f"Unknown export adapter {kind!r} in server.json (known: file-drop).")

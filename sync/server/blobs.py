"""Blob storage for sealed bytes: parts written once, stitched by the database's part list.

Each uploaded chunk becomes an immutable part with a unique name; the database records
which part covers which offset, so a half-written or losing concurrent part is simply
never referenced. This maps one to one onto object-store multipart uploads (S3, MinIO):
implement :class:`BlobStore` for one and pass it to ``create_app``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol


class PartWriter(Protocol):
    name: str

    def write(self, data: bytes) -> None: ...
    def finish(self) -> None: ...
    def abort(self) -> None: ...


class BlobStore(Protocol):
    def new_part(self, prefix: str) -> PartWriter: ...
    def read_parts(self, names: Iterable[str], block: int = 1 << 20) -> Iterator[bytes]: ...
    def delete_parts(self, names: Iterable[str]) -> None: ...
    def list_parts(self, older_than_s: float) -> Iterator[str]: ...


class _FilePart:
    def __init__(self, root: Path, prefix: str) -> None:
        directory = root / prefix
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.name = f"{prefix}/{secrets.token_hex(12)}.part"
        self._path = root / self.name
        self._fh: BinaryIO | None = open(self._path, "xb")  # noqa: SIM115 - closed in finish/abort

    def write(self, data: bytes) -> None:
        assert self._fh is not None
        self._fh.write(data)

    def finish(self) -> None:
        assert self._fh is not None
        self._fh.flush()
        if os.environ.get("NOFSYNC") is None:
            os.fsync(self._fh.fileno())
        self._fh.close()
        self._fh = None

    def abort(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        self._path.unlink(missing_ok=True)


class FileBlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True, mode=0o700)

    def new_part(self, prefix: str) -> PartWriter:
        return _FilePart(self.root, _safe(prefix))

    def read_parts(self, names: Iterable[str], block: int = 1 << 20) -> Iterator[bytes]:
        for name in names:
            with open(self.root / _safe(name), "rb") as fh:
                while chunk := fh.read(block):
                    yield chunk

    def delete_parts(self, names: Iterable[str]) -> None:
        for name in names:
            (self.root / _safe(name)).unlink(missing_ok=True)

    def list_parts(self, older_than_s: float) -> Iterator[str]:
        import time

        cutoff = time.time() - older_than_s
        for path in self.root.rglob("*.part"):
            try:
                if path.stat().st_mtime <= cutoff:
                    yield path.relative_to(self.root).as_posix()
            except FileNotFoundError:
                continue


def _safe(name: str) -> str:
    if name.startswith("/") or ".." in name.split("/"):
        raise ValueError("unsafe blob name")
    return name

"""HTTP layer of the reference intake server (FastAPI; OpenAPI document at /openapi.json)."""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Header, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync import protocol as P
from sync.server.blobs import BlobStore
from sync.server.config import ServerConfigError, ServerData
from sync.server.db import make_engine
from sync.server.export import ExportAdapter
from sync.server.service import ApiError, IntakeService, valid_uuid

log = logging.getLogger(__name__)


class Problem(BaseModel):
    error: str
    detail: str


class EnrolRequest(BaseModel):
    code: str = Field(max_length=64, description="one-time enrolment code from the server administrator")
    public_key: str = Field(max_length=100, description="the device's raw Ed25519 public key, base64")
    label: str = Field(default="", max_length=200)


class EnrolResponse(BaseModel):
    device_id: str
    unit_code: str
    key_id: str
    server_public_key: str
    server_time: int


class KeyRequest(BaseModel):
    pinned_key_id: str = Field(max_length=64, description="the server key id the device pinned")
    challenge: str = Field(max_length=100, description="a fresh raw X25519 public key, base64")


class KeyResponse(BaseModel):
    device_id: str
    unit_code: str
    key_id: str
    public_key: str
    proof: str = Field(description="HMAC-SHA256 made with the pinned key (see sync/PROTOCOL.md)")


class SubmitRequest(BaseModel):
    manifest: str = Field(max_length=400_000, description="canonical manifest JSON, exactly as signed")
    signature: str = Field(max_length=200, description="Ed25519 signature of the manifest, base64")


class FileState(BaseModel):
    id: str
    offset: int
    length: int


class DossierState(BaseModel):
    uuid: str
    state: str
    official_code: str | None
    manifest_sha256: str
    received_at: str | None
    files: list[FileState]


class CommitRequest(BaseModel):
    manifest_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class CommitResult(BaseModel):
    uuid: str
    state: str
    official_code: str
    received_at: str


class StatusResult(BaseModel):
    uuid: str
    state: str
    official_code: str | None
    portal_status: int | None
    portal_status_text: str | None
    received_at: str | None
    status_updated_at: str | None


class LogCheckpointRequest(BaseModel):
    entries: int = Field(ge=0, description="number of entries in the device's processing log")
    head: str = Field(pattern=r"^[0-9a-f]{64}$", description="hash of the newest entry (64 zeros if none)")
    since_entries: int | None = Field(
        default=None, ge=0, description="entry count of the last checkpoint this server accepted"
    )
    since_hash: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{64}$",
        description="the device's current hash of entry since_entries (must equal that checkpoint's head)",
    )


class LogCheckpointResult(BaseModel):
    device_id: str
    entries: int
    head: str
    received_at: str


class LogContradiction(Problem):
    stored_entries: int = Field(description="the largest entry count this device reported before")
    stored_head: str = Field(description="the head reported with it")


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem} for code in (400, 401, 403, 404, 409, 413, 422)
}


class ServerTimeMiddleware:
    """Adds X-Server-Time to every response so devices can correct their clock offset."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_time(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((P.H_SERVER_TIME.lower().encode(), str(int(time.time())).encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_time)


def create_app(
    data_dir: str | os.PathLike[str],
    db_url: str | None = None,
    *,
    blobs: BlobStore | None = None,
    exporter: ExportAdapter | None = None,
) -> FastAPI:
    data = ServerData(data_dir)
    svc = IntakeService(data, make_engine(data.dir, db_url), blobs, exporter)
    app = FastAPI(
        title="Một Cửa Kiosk intake server",
        version="1",
        description="Receives sealed dossiers from enrolled counter devices, exactly once per UUID. "
        "Device requests carry X-Device-Id, X-Timestamp, X-Nonce, X-Body-SHA256 and an Ed25519 "
        "X-Signature over them.",
    )
    app.state.service = svc
    app.add_middleware(ServerTimeMiddleware)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            doc = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            app.openapi_schema = _document_signing(doc)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.exception_handler(ApiError)
    async def _api_error(_req: Request, err: ApiError) -> JSONResponse:
        return JSONResponse(err.body(), status_code=err.status, headers=err.headers)

    async def auth(request: Request, body_sha: str) -> Any:
        return await run_in_threadpool(
            svc.authenticate, request.method, request.url.path, request.headers, body_sha
        )

    async def body_sha(request: Request) -> str:
        return hashlib.sha256(await request.body()).hexdigest()

    @app.get(f"{P.API_PREFIX}/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "server_time": int(time.time())}

    @app.get(f"{P.API_PREFIX}/server-key")
    def server_key() -> dict[str, Any]:
        return svc.server_key()

    @app.post(f"{P.API_PREFIX}/server-key", response_model=KeyResponse, responses=ERRORS)
    async def vouched_server_key(request: Request, req: KeyRequest) -> dict[str, Any]:
        device = await auth(request, await body_sha(request))
        return await run_in_threadpool(svc.vouched_server_key, device, req.pinned_key_id, req.challenge)

    @app.post(
        f"{P.API_PREFIX}/log-checkpoints",
        response_model=LogCheckpointResult,
        responses={
            **ERRORS,
            409: {
                "model": LogContradiction,
                "description": "log_contradiction: fewer entries than reported before, another head "
                "at a reported count, or since_hash differs from the newest stored head (an alert is "
                "recorded in the audit trail)",
            },
        },
        summary="Record the device's processing-log checkpoint (409 log_contradiction if it "
        "contradicts an earlier one)",
    )
    async def log_checkpoint(request: Request, req: LogCheckpointRequest) -> dict[str, Any]:
        device = await auth(request, await body_sha(request))
        return await run_in_threadpool(
            svc.log_checkpoint, device, req.entries, req.head, req.since_entries, req.since_hash
        )

    @app.post(f"{P.API_PREFIX}/enrol", response_model=EnrolResponse, responses=ERRORS)
    def enrol(req: EnrolRequest) -> dict[str, Any]:
        return svc.enrol(req.code, req.public_key, req.label)

    @app.post(f"{P.API_PREFIX}/dossiers", response_model=DossierState, responses=ERRORS)
    async def submit(
        request: Request,
        response: Response,
        req: SubmitRequest,
        idempotency_key: str | None = Header(default=None, alias=P.H_IDEMPOTENCY),
    ) -> dict[str, Any]:
        device = await auth(request, await body_sha(request))
        status, result = await run_in_threadpool(
            svc.submit, device, idempotency_key, req.manifest, req.signature
        )
        response.status_code = status
        return result

    @app.head(f"{P.API_PREFIX}/dossiers/{{uuid}}/files/{{file_id}}", responses=ERRORS)
    async def file_head(uuid: str, file_id: str, request: Request) -> Response:
        device = await auth(request, P.EMPTY_SHA256)
        st = await run_in_threadpool(svc.file_offset, device, valid_uuid(uuid), file_id)
        return Response(
            headers={
                P.H_OFFSET: str(st["offset"]),
                P.H_LENGTH: str(st["length"]),
                "Cache-Control": "no-store",
            }
        )

    @app.get(
        f"{P.API_PREFIX}/dossiers/{{uuid}}/files/{{file_id}}", response_model=FileState, responses=ERRORS
    )
    async def file_get(uuid: str, file_id: str, request: Request) -> dict[str, Any]:
        device = await auth(request, P.EMPTY_SHA256)
        return await run_in_threadpool(svc.file_offset, device, valid_uuid(uuid), file_id)

    @app.patch(
        f"{P.API_PREFIX}/dossiers/{{uuid}}/files/{{file_id}}",
        response_model=FileState,
        responses=ERRORS,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        },
    )
    async def file_patch(uuid: str, file_id: str, request: Request) -> JSONResponse:
        h = request.headers
        try:
            offset = int(h.get(P.H_OFFSET, ""))
            length = int(h.get("content-length", ""))
        except ValueError as err:
            raise ApiError(
                400, P.E_BAD_ENVELOPE, "Upload-Offset and Content-Length must be integers."
            ) from err
        chunk_sha = h.get(P.H_CHUNK_SHA256, "").lower()
        manifest_sha = h.get("X-Manifest-SHA256", "").lower()
        if offset < 0 or not P.HEX64.match(chunk_sha) or not P.HEX64.match(manifest_sha):
            raise ApiError(
                400, P.E_BAD_ENVELOPE, "A chunk needs Upload-Offset, Chunk-SHA256 and X-Manifest-SHA256."
            )
        device = await auth(request, chunk_sha)
        part = await run_in_threadpool(
            svc.chunk_begin, device, valid_uuid(uuid), file_id, manifest_sha, offset, length
        )
        digest = hashlib.sha256()
        received = 0
        try:
            async for piece in request.stream():
                received += len(piece)
                if received > length:
                    break
                digest.update(piece)
                part.write(piece)
        except ClientDisconnect:
            part.abort()
            raise ApiError(400, P.E_INCOMPLETE, "The connection closed in the middle of the chunk.") from None
        except BaseException:
            part.abort()
            raise
        if received != length:
            part.abort()
            raise ApiError(400, P.E_INCOMPLETE, "The chunk length does not match Content-Length.")
        if digest.hexdigest() != chunk_sha:
            part.abort()
            raise ApiError(422, P.E_CHUNK_CHECKSUM, "The chunk does not match its checksum; send it again.")
        await run_in_threadpool(part.finish)
        result = await run_in_threadpool(
            svc.chunk_publish, str(valid_uuid(uuid)), file_id, manifest_sha, offset, length, part
        )
        return JSONResponse({**result, "length": length}, headers={P.H_OFFSET: str(result["offset"])})

    @app.post(f"{P.API_PREFIX}/dossiers/{{uuid}}/commit", response_model=CommitResult, responses=ERRORS)
    async def commit(uuid: str, req: CommitRequest, request: Request) -> dict[str, Any]:
        device = await auth(request, await body_sha(request))
        return await run_in_threadpool(svc.commit, device, valid_uuid(uuid), req.manifest_sha256)

    @app.get(f"{P.API_PREFIX}/dossiers/{{uuid}}", response_model=StatusResult, responses=ERRORS)
    async def status(uuid: str, request: Request) -> dict[str, Any]:
        device = await auth(request, P.EMPTY_SHA256)
        return await run_in_threadpool(svc.status, device, valid_uuid(uuid))

    return app


_UNSIGNED = {f"{P.API_PREFIX}/health", f"{P.API_PREFIX}/enrol"}


def _header(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "name": name,
        "in": "header",
        "required": True,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def _document_signing(doc: dict[str, Any]) -> dict[str, Any]:
    """Describe what FastAPI cannot see in the handlers: the device signature headers every
    device request carries (sync/PROTOCOL.md), the chunk headers of PATCH, and 201 replies."""
    hex64 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
    signing = [
        _header(P.H_DEVICE, "enrolled device id", {"type": "string", "maxLength": 64}),
        _header(P.H_TIMESTAMP, "Unix seconds; within ±15 min of the server time", {"type": "string"}),
        _header(
            P.H_NONCE, "128-bit random hex, never reused", {"type": "string", "pattern": "^[0-9a-f]{32}$"}
        ),
        _header(P.H_BODY_SHA256, "SHA-256 of the body (of the chunk for PATCH)", hex64),
    ]
    doc.setdefault("components", {}).setdefault("securitySchemes", {})["deviceSignature"] = {
        "type": "apiKey",
        "in": "header",
        "name": P.H_SIGNATURE,
        "description": f"Ed25519 signature (base64) by the enrolled device key over "
        f"'{P.REQUEST_CONTEXT}\\nMETHOD\\npath\\n{P.H_TIMESTAMP}\\n{P.H_NONCE}\\n{P.H_BODY_SHA256}'.",
    }
    for path, ops in doc.get("paths", {}).items():
        if path in _UNSIGNED:
            continue
        for method, op in ops.items():
            if path == f"{P.API_PREFIX}/server-key" and method == "get":
                continue  # the unsigned, unvouched current key (for administrators)
            op["security"] = [{"deviceSignature": []}]
            names = {p.get("name", "").lower() for p in op.get("parameters", [])}
            extra = [h for h in signing if h["name"].lower() not in names]
            if method == "patch":
                extra += [
                    _header(
                        P.H_OFFSET,
                        "the committed offset this chunk starts at",
                        {"type": "integer", "minimum": 0},
                    ),
                    _header(P.H_CHUNK_SHA256, "SHA-256 of this chunk", hex64),
                    _header("X-Manifest-SHA256", "SHA-256 of the manifest being uploaded", hex64),
                ]
            op["parameters"] = op.get("parameters", []) + extra
            if method == "post" and path == f"{P.API_PREFIX}/dossiers":
                op["responses"]["201"] = {
                    "description": "a new dossier or revision was recorded; upload its files",
                    "content": op["responses"]["200"]["content"],
                }
                op["responses"]["200"]["description"] = "already known: its upload state or official code"
                op["parameters"] = [p for p in op["parameters"] if p.get("name") != P.H_IDEMPOTENCY] + [
                    _header(P.H_IDEMPOTENCY, "the dossier UUID", {"type": "string", "maxLength": 36})
                ]
    return doc


def _check_tls(cert: str | None, key: str | None) -> None:
    """Refuse unusable TLS files before anything starts, in one sentence."""
    if key and not cert:
        raise ServerConfigError("--tls-key needs --tls-cert (the certificate chain).")
    if not cert:
        return
    for flag, path in (("--tls-cert", cert), ("--tls-key", key)):
        if path and not Path(path).is_file():
            raise ServerConfigError(f"The {flag} file {path} does not exist.")
    import ssl

    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(cert, key)
    except (ssl.SSLError, OSError) as err:
        raise ServerConfigError(
            f"The TLS certificate {cert} and its key cannot be used ({err.__class__.__name__}); "
            "give a PEM chain and its matching private key."
        ) from err


def _retry_exports(svc: IntakeService) -> None:
    """Forward exports that failed or were cut off, at start and then every export_retry_s."""
    while True:
        try:
            left = svc.export_due()["failed"]
            if left:
                log.warning("%d export(s) still failing; retried later", len(left))
        except Exception as err:  # a database hiccup must not end the retries
            log.warning("export retry failed: %s", err.__class__.__name__)
        time.sleep(max(1, svc.data.config.export_retry_s))


def serve(
    data_dir: str | os.PathLike[str],
    host: str = "127.0.0.1",
    port: int = 8470,
    db_url: str | None = None,
    *,
    port_file: Path | None = None,
    tls_cert: str | None = None,
    tls_key: str | None = None,
) -> None:
    """Run the server in this process until interrupted (``port=0`` picks a free port).

    ``tls_cert``/``tls_key`` (PEM files) serve HTTPS; without them run it behind a TLS proxy.
    """
    import uvicorn

    _check_tls(tls_cert, tls_key)
    app = create_app(data_dir, db_url)
    svc: IntakeService = app.state.service
    if svc.exporter is not None:
        threading.Thread(target=_retry_exports, args=(svc,), name="export-retry", daemon=True).start()
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Inherited by accepted connections: without it a response's header and body writes
    # meet the client's delayed ACK and every request costs ~40 ms.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise ServerConfigError(
                f"Port {port} on {host} is already in use; stop the other server or pick another --port."
            ) from err
        raise ServerConfigError(f"The server cannot listen on {host} port {port} ({err.strerror}).") from err
    actual = sock.getsockname()[1]
    if port_file is not None:
        tmp = port_file.with_suffix(".tmp")
        tmp.write_text(str(actual), encoding="ascii")
        os.replace(tmp, port_file)
    scheme = "https" if tls_cert else "http"
    print(f"kiosk server listening on {scheme}://{host}:{actual}", flush=True)
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        timeout_keep_alive=30,
        h11_max_incomplete_event_size=1 << 20,
        ssl_certfile=tls_cert,
        ssl_keyfile=tls_key,
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    sys.stdout.flush()

"""Envelope: round trip, tamper detection, key wrapping, manifest parsing (fuzzed)."""

from __future__ import annotations

import contextlib
import io
import random

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.envelope import (
    EnvelopeError,
    Manifest,
    PlainFile,
    SealedDossier,
    b64d,
    open_stream,
    raw_public,
    seal_dossier,
    seal_stream,
    sealed_size_for,
    unwrap_key,
    verify_manifest,
    wrap_key,
)
from sync.transport import parse_retry_after
from sync.worker import backoff_delay

UUID = "0f8b3c1e2d4a4b6c8e9f0a1b2c3d4e5f"
KEY = bytes(range(32))


def _seal(data: bytes, chunk: int = 1024, index: int = 0) -> bytes:
    out = io.BytesIO()
    d = seal_stream(KEY, UUID, index, io.BytesIO(data), out, chunk)
    assert d.size == len(data) and d.sealed_size == len(out.getvalue()) == sealed_size_for(len(data), chunk)
    return out.getvalue()


@pytest.mark.parametrize("size", [0, 1, 1023, 1024, 1025, 4096, 5000])
def test_round_trip_sizes(size: int) -> None:
    data = random.Random(size).randbytes(size)
    sealed = _seal(data)
    assert b"".join(open_stream(KEY, UUID, 0, io.BytesIO(sealed), 1024)) == data


def test_tampering_is_detected() -> None:
    data = random.Random(1).randbytes(5000)
    sealed = _seal(data)
    flipped = bytearray(sealed)
    flipped[1500] ^= 1
    truncated = sealed[: 2 * 1040]  # whole chunks cut off: the last-chunk flag catches it
    c0, c1 = sealed[:1040], sealed[1040:2080]
    swapped = c1 + c0 + sealed[2080:]
    for bad in (bytes(flipped), truncated, swapped, sealed[:-1], b""):
        with pytest.raises(EnvelopeError):
            b"".join(open_stream(KEY, UUID, 0, io.BytesIO(bad), 1024))
    # A chunk moved to another file (file index in nonce and AAD) or another dossier fails too.
    with pytest.raises(EnvelopeError):
        b"".join(open_stream(KEY, UUID, 1, io.BytesIO(sealed), 1024))
    with pytest.raises(EnvelopeError):
        b"".join(open_stream(KEY, "1" * 32, 0, io.BytesIO(sealed), 1024))


def test_key_wrap_round_trip_and_wrong_key() -> None:
    server = X25519PrivateKey.generate()
    eph, wrapped = wrap_key(KEY, raw_public(server.public_key()), "k1", UUID)
    assert unwrap_key(server, eph, wrapped, "k1", UUID) == KEY
    with pytest.raises(EnvelopeError):
        unwrap_key(X25519PrivateKey.generate(), eph, wrapped, "k1", UUID)
    with pytest.raises(EnvelopeError):
        unwrap_key(server, eph, wrapped, "k2", UUID)  # the key id is bound


def test_seal_dossier_signs_manifest(tmp_path) -> None:
    server = X25519PrivateKey.generate()
    device = Ed25519PrivateKey.generate()
    files = [
        PlainFile("dossier", lambda: io.BytesIO(b'{"a":1}')),
        PlainFile("attachment", lambda: io.BytesIO(b"x" * 70000), ref="att1"),
    ]
    sealed = seal_dossier(
        dossier_uuid=UUID,
        revision=3,
        files=files,
        device_id="dev-1",
        device_key=device,
        server_public=raw_public(server.public_key()),
        key_id="k1",
        out_dir=tmp_path / "o",
    )
    again = SealedDossier.load(tmp_path / "o")
    assert again.manifest == sealed.manifest and again.manifest.revision == 3
    assert [f.ref for f in again.manifest.files] == ["", "att1"]
    verify_manifest(raw_public(device.public_key()), again.manifest_bytes, again.signature)
    with pytest.raises(EnvelopeError, match="signature"):
        verify_manifest(
            raw_public(device.public_key()),
            again.manifest_bytes.replace(b'"revision":3', b'"revision":4'),
            again.signature,
        )
    key = unwrap_key(
        server, b64d(sealed.manifest.ephemeral_public), b64d(sealed.manifest.wrapped_key), "k1", UUID
    )
    with open(again.file_path("f1"), "rb") as fh:
        assert b"".join(open_stream(key, UUID, 1, fh)) == b"x" * 70000
    assert not list(tmp_path.glob(".tmp-*"))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_manifest_parser_only_raises_envelope_error(data: bytes) -> None:
    with contextlib.suppress(EnvelopeError):
        Manifest.from_bytes(data)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["schema", "files", "dossier_uuid", "revision", "chunk_size", "x"]),
        st.one_of(st.integers(), st.text(max_size=5), st.none(), st.lists(st.integers(), max_size=2)),
    )
)
def test_manifest_dict_parser_only_raises_envelope_error(raw: dict) -> None:
    with contextlib.suppress(EnvelopeError):
        Manifest.from_dict({"schema": 1, **raw})


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000))
def test_open_stream_rejects_garbage(data: bytes) -> None:
    with pytest.raises(EnvelopeError):
        b"".join(open_stream(KEY, UUID, 0, io.BytesIO(data), 1024))


def test_backoff_is_capped_full_jitter_and_honours_retry_after() -> None:
    rng = random.Random(7)
    samples = [backoff_delay(a, 2.0, 60.0, rng) for a in range(1, 12) for _ in range(50)]
    assert all(0 <= s <= 60.0 for s in samples)
    assert max(samples) > 30  # the cap is reached for high attempt counts
    firsts = [backoff_delay(1, 2.0, 60.0, rng) for _ in range(200)]
    assert max(firsts) <= 2.0 and min(firsts) < 0.5  # full jitter: down to zero
    assert all(backoff_delay(1, 2.0, 60.0, rng, retry_after=17) >= 17 for _ in range(20))


def test_parse_retry_after() -> None:
    assert parse_retry_after("120") == 120
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60


def test_bandwidth_bucket_paces_a_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """The metered-link cap: with a fake clock, 1 MB at 100 kB/s needs ~10 s of sleeping."""
    import sync.transport as tr

    clock = [1000.0]
    slept: list[float] = []
    monkeypatch.setattr(tr.time, "monotonic", lambda: clock[0])

    def fake_sleep(s: float) -> None:
        slept.append(s)
        clock[0] += s

    monkeypatch.setattr(tr.time, "sleep", fake_sleep)
    bucket = tr.TokenBucket(100_000)
    body = tr._ThrottledBody(b"x" * 1_000_000, bucket)
    assert len(body) == 1_000_000
    assert b"".join(body) == b"x" * 1_000_000
    # The first second's allowance is free; the remaining 900 kB take 9 s.
    assert sum(slept) == pytest.approx(9.0, rel=0.01)


@settings(max_examples=60, deadline=None)
@given(size=st.integers(0, 5000), block=st.integers(1, 3000))
def test_open_stream_from_blocks_of_any_size(size: int, block: int) -> None:
    """The server reads parts as an iterator of blocks: any block size gives the same plaintext."""
    data = random.Random(size).randbytes(size)
    sealed = _seal(data)
    blocks = (sealed[i : i + block] for i in range(0, len(sealed), block))
    assert b"".join(open_stream(KEY, UUID, 0, blocks, 1024)) == data

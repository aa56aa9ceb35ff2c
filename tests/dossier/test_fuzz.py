"""Byte parsers under hypothesis: damaged inputs give the documented errors, never a crash."""

from __future__ import annotations

import io
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.dossier import codes
from kiosk.dossier.attachments import open_decrypting, write_encrypted
from kiosk.dossier.errors import AttachmentIntegrityError, CorruptStoreError, WrongKeyError
from kiosk.dossier.store import Store
from kiosk.profile import Profile

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(blob=st.binary(max_size=3000))
def test_random_attachment_files_are_rejected_cleanly(tmp_path, blob):
    path = tmp_path / "x.enc"
    path.write_bytes(blob)
    try:
        with open_decrypting(path, "a" * 32, os.urandom(32), "0" * 64, len(blob)) as fh:
            fh.read()
    except AttachmentIntegrityError:
        return
    raise AssertionError("random bytes decrypted")


@SETTINGS
@given(data=st.binary(min_size=1, max_size=4000), pos=st.integers(0, 10**6), bit=st.integers(0, 7))
def test_any_single_bit_flip_is_detected(tmp_path, data, pos, bit):
    profile = Profile.open(tmp_path / "p")
    w = write_encrypted(io.BytesIO(data), profile.attachments_dir, profile.tmp_dir, chunk_size=512)
    raw = bytearray(w.path.read_bytes())
    raw[pos % len(raw)] ^= 1 << bit
    w.path.write_bytes(bytes(raw))
    try:
        with open_decrypting(w.path, w.attachment_id, w.key, w.sha256, w.size) as fh:
            fh.read()
    except AttachmentIntegrityError:
        return
    raise AssertionError("a flipped bit went unnoticed")


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40))
def test_code_validation_never_raises(text):
    assert codes.is_valid(text) in (True, False)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blob=st.binary(min_size=0, max_size=9000))
def test_random_store_files_give_clear_errors(tmp_path_factory, blob):
    profile = Profile.open(tmp_path_factory.mktemp("p"))
    profile.db_path.write_bytes(blob)
    try:
        Store.open(profile, os.urandom(32)).close()
    except (WrongKeyError, CorruptStoreError):
        return
    # An empty file is a new, empty store (the key file guards against a lost one).
    assert blob == b""

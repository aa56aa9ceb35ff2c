"""A full disk must not lock officers out: they unlock, read and purge (which frees space);
the processing-log entries that could not be written wait in memory and are never lost
silently."""

from __future__ import annotations

import io
import json

import pytest

import kiosk.dossier.store as store_mod
from kiosk.dossier.errors import DiskFullError
from kiosk.dossier.model import DossierState as S
from kiosk.profile import Profile
from kiosk.security.keys import unlock_with_passphrase
from tests.dossier.cli_helpers import kiosk
from tests.dossier.conftest import fill_disk, tmpfs
from tests.dossier.people import PASSPHRASE, citizen, init_admin


@pytest.fixture
def full_profile(tmp_path, monkeypatch):
    """A profile on a 1 MiB disk with a withdrawn dossier holding a 200 KiB scan, then the
    disk filled to the last block."""
    monkeypatch.setattr(store_mod, "RESERVE_BYTES", 64 * 1024)
    with tmpfs(tmp_path / "disk", "1m") as disk:
        profile = Profile.open(disk / "p")
        init_admin(profile)
        store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
        with store:
            d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
            store.add_attachment(
                d.uuid, "scan", io.BytesIO(bytes(range(256)) * 800), filename="s.pdf", mime="x/y"
            )
            store.transition(d.uuid, S.withdrawn)
            seq_before = store.log_entries(limit=1)[0].seq
        assert (profile.root / store_mod.RESERVE_NAME).exists()
        (profile.logs_dir / "kiosk.log").touch()  # as any earlier command leaves it
        filler = fill_disk(disk)
        yield profile, d.uuid, seq_before, filler


def test_officer_unlocks_reads_and_purges_on_a_full_disk(full_profile):
    profile, uuid, seq_before, filler = full_profile
    store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)  # the login entry cannot be written
    with store:
        assert store.unwritten_log_entries == 1
        assert [r.uuid for r in store.list_dossiers()] == [uuid]
        assert store.get_dossier(uuid).roles["applicant"].get("full_name") == "Nguyễn Văn An"
        assert store.unwritten_log_entries == 2
        with pytest.raises(DiskFullError):
            store.transition(uuid, S.archived)  # real changes still fail clearly
        store.purge_dossier(uuid)  # uses the reserve, then frees the scan's space
        assert store.unwritten_log_entries == 0
        entries = [e for e in reversed(store.log_entries(limit=10)) if e.seq > seq_before]
        assert [(e.action, e.dossier_uuid) for e in entries] == [
            ("login", None),
            ("view", uuid),
            ("transition", uuid),  # withdrawn -> purged
            ("purge", uuid),
        ]
        assert store.verify_log().ok
    filler.unlink()


def test_cli_reads_on_a_full_disk_and_warns_about_unrecorded_entries(full_profile):
    profile, uuid, _seq, _filler = full_profile
    r = kiosk(profile.root, "dossier", "list", "--json")
    assert r.returncode == 0, r.stderr
    assert [row["uuid"] for row in json.loads(r.stdout)] == [uuid]
    assert "2 processing-log entries" in r.stderr and "disk is full" in r.stderr
    r = kiosk(profile.root, "dossier", "purge", uuid, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["purged"] == [uuid] and "processing-log entries" not in r.stderr

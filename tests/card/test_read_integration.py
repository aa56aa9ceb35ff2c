"""Full reads through pcscd + vpcd against the simulated card (real PC/SC stack, no mocks)."""

from __future__ import annotations

import io
import json
import math

import pytest
from PIL import Image

from kiosk.card.cert.passive import no_anchor_reason
from kiosk.card.channel import EXTENDED_CHUNK, SHORT_SM_CHUNK
from kiosk.card.errors import AccessDeniedError, CardError, CardRemovedError, KeyInputError, NotAnIdCardError
from kiosk.card.keys import AccessKey
from kiosk.card.lds.files import FID_CARD_ACCESS, FID_COM, FID_SOD, dg_fid
from kiosk.card.reader import AA_UNANCHORED, CA_UNANCHORED, CHIP_KEY_UNSIGNED, ReadEvent, read_card
from kiosk.card.sim.testing import profile_path
from kiosk.card.verification import Status
from kiosk.citizen import Provenance
from kiosk.privacy import redactor

pytestmark = pytest.mark.pcsc


def test_pace_read_with_trust_store_is_chip_verified(sim_card, trust_dir) -> None:
    card = sim_card("citizen_demo")
    events: list[ReadEvent] = []
    result = read_card(card.reader, AccessKey.from_can("001234"), trust_dir=trust_dir, on_event=events.append)
    c = result.citizen
    assert result.access_control == "PACE"
    assert c.get("id_number") == "079190001234"
    assert c.get("full_name") == "Phạm Thị Hồng Nhung"
    assert c.get("date_of_birth") == "1990-05-17"
    assert c.get("sex") == "F"
    assert c.get("date_of_expiry") == "2030-05-17"
    assert c.get("father_name") == "Phạm Văn Đức"
    assert c.get("spouse_name") == "Trần Quốc Bảo"
    assert c.get("old_id_number") == "025123456"
    assert c.extra["dg13_16"] == "0123456789ABCDEF"
    assert {fv.provenance for fv in c.fields.values()} == {Provenance.CHIP_VERIFIED}
    v = result.verification
    assert v.passive_authentication.status is Status.VERIFIED
    assert v.active_authentication.status is Status.VERIFIED
    assert v.chip_authentication.status is Status.VERIFIED
    assert v.mrz_check_digits.status is Status.VERIFIED
    assert v.consistency.status is Status.VERIFIED
    assert set(v.data_group_hashes) == {1, 2, 13, 14, 15}
    # First data (DG1 + DG13) is emitted before the photo.
    kinds = [e.kind for e in events]
    assert kinds.index("data") < kinds.index("photo") < kinds.index("verification") < kinds.index("done")
    data_event = next(e for e in events if e.kind == "data")
    assert data_event.citizen is not None and data_event.citizen.get("full_name") == "Phạm Thị Hồng Nhung"
    with Image.open(io.BytesIO(result.photo_jpeg or b"")) as im:
        assert im.size == (240, 320)
    # Values are registered with the log redactor.
    assert "Phạm Thị Hồng Nhung" not in redactor.redact("name Phạm Thị Hồng Nhung")
    out = result.to_json()
    assert out["document"] == {
        "type": "cccd",
        "number": "190001234",
        "issuing_state": "VNM",
        "mrz": result.document.mrz,
    }
    assert set(out["verification"]["passive_authentication"]) == {"status", "reason"}
    assert out["citizen"]["extra"] == {"dg13_16": "0123456789ABCDEF"}  # unknown DG13 field, raw
    assert {"apdus", "bytes_in", "bytes_out", "ms_total", "ms_to_first_data"} <= set(out["stats"])


def test_apdu_count_is_the_minimum_the_chunk_size_allows(sim_card) -> None:
    card = sim_card("citizen_demo", dg2_size=20000)
    result = read_card(card.reader, AccessKey.from_can("001234"))
    files = card.image.files
    chunk = EXTENDED_CHUNK
    reads = sum(
        1 + math.ceil(len(files[f]) / chunk)
        for f in (FID_CARD_ACCESS, FID_COM, dg_fid(1), dg_fid(13), dg_fid(2), dg_fid(14), dg_fid(15), FID_SOD)
    )
    # MSE + 4 GENERAL AUTHENTICATE, SELECT application, CA (MSE + GA + confirming SELECT), AA
    minimum = reads + 5 + 1 + 3 + 1
    assert result.stats.apdus == minimum
    assert result.stats.ms_to_first_data < result.stats.ms_total


def test_bac_card_without_pace_no_expiry_and_one_parent_sequence(sim_card) -> None:
    card = sim_card("citizen_elder_bac")
    key = AccessKey.from_id_dob_expiry("001058000321", "1958-11-02", None)
    result = read_card(card.reader, key)
    c = result.citizen
    assert result.access_control == "BAC"
    assert c.get("full_name") == "Đỗ Văn Thắng"
    assert c.no_expiry and c.get("date_of_expiry") is None
    assert (c.get("father_name"), c.get("mother_name")) == ("Đỗ Văn Quý", "Hoàng Thị Mơ")
    assert c.get("spouse_name") is None
    assert result.verification.passive_authentication.status is Status.NOT_CHECKED  # no trust store
    assert "no trusted" in result.verification.passive_authentication.reason


def test_bac_card_with_can_only_asks_for_the_mrz(sim_card) -> None:
    card = sim_card("citizen_elder_bac")
    with pytest.raises(KeyInputError, match="MRZ"):
        read_card(card.reader, AccessKey.from_id("001058000321"))


def test_bac_read_from_a_typed_mrz_with_ocr_errors(sim_card) -> None:
    card = sim_card("citizen_elder_bac")
    lines = card.image.files[dg_fid(1)][5:].decode()
    mrz = "\n".join(lines[i : i + 30] for i in (0, 30, 60))
    ocr = mrz.replace("0580", "O58O", 1)  # O for 0 in the document number
    assert ocr != mrz
    result = read_card(card.reader, AccessKey.from_mrz(ocr))
    assert result.citizen.get("id_number") == "001058000321"


def test_td3_passport(sim_card, trust_dir) -> None:
    card = sim_card("passport_demo")
    mrz = card.image.files[dg_fid(1)][5:].decode()
    result = read_card(card.reader, AccessKey.from_mrz(mrz[:44] + "\n" + mrz[44:]), trust_dir=trust_dir)
    assert result.document.type == "passport"
    assert result.document.number == "L898902C3"
    c = result.citizen
    assert c.get("full_name") == "ERIKSSON ANNA MARIA"
    assert c.get("date_of_birth") == "1974-08-12"
    assert c.get("date_of_expiry") == "2032-04-15"
    assert c.get("nationality") == "UTO"
    assert result.verification.consistency.status is Status.NOT_CHECKED
    assert result.verification.passive_authentication.status is Status.VERIFIED


def test_big_dg2_beyond_32k_uses_odd_ins_read_binary(sim_card) -> None:
    card = sim_card("citizen_demo", dg2_size=40000)
    result = read_card(card.reader, AccessKey.from_can("001234"))
    assert len(result.data_groups[2]) > 0x8000
    assert result.photo_jpeg is not None and len(result.photo_jpeg) >= 40000
    assert result.verification.data_group_hashes[2] is Status.VERIFIED


def test_big_dg2_with_short_apdus_only(sim_card) -> None:
    card = sim_card("citizen_demo", dg2_size=36000, extended_length=False)
    result = read_card(card.reader, AccessKey.from_can("001234"))
    assert result.verification.data_group_hashes[2] is Status.VERIFIED
    assert result.stats.apdus >= 36000 // SHORT_SM_CHUNK


def test_chip_refusing_long_reads_adapts_chunk_size(sim_card) -> None:
    # ATR advertises extended length but the chip caps answers: 6700 is not returned, the chip
    # simply answers less (6282 is not set), so the reader must keep reading.
    card = sim_card("citizen_demo", max_response=500, dg2_size=5000)
    result = read_card(card.reader, AccessKey.from_can("001234"))
    assert result.verification.data_group_hashes[2] is Status.VERIFIED


def test_jpeg2000_face_is_decoded(sim_card) -> None:
    card = sim_card("citizen_demo", jpeg2000=True)
    result = read_card(card.reader, AccessKey.from_can("001234"))
    assert result.photo_mime == "image/jp2"
    with Image.open(io.BytesIO(result.photo_jpeg or b"")) as im:
        assert im.format == "JPEG" and im.size == (240, 320)


def test_wrong_can_is_a_clear_error_and_the_right_one_then_works(sim_card) -> None:
    card = sim_card("citizen_demo")
    with pytest.raises(AccessDeniedError, match="rejected"):
        read_card(card.reader, AccessKey.from_can("999999"))
    assert read_card(card.reader, AccessKey.from_can("001234")).citizen.get("id_number") == "079190001234"


def test_wrong_mrz_with_bac(sim_card) -> None:
    card = sim_card("citizen_elder_bac")
    with pytest.raises(AccessDeniedError):
        read_card(card.reader, AccessKey.from_id_dob_expiry("001058000321", "1958-11-03", None))


def test_card_lifted_mid_read_then_next_read_works(sim_card) -> None:
    card = sim_card("citizen_demo", lift_after_apdus=14)
    with pytest.raises(CardRemovedError) as err:
        read_card(card.reader, AccessKey.from_can("001234"))
    assert "place it again" in str(err.value) or "lost" in str(err.value)
    card.insert()
    result = read_card(card.reader, AccessKey.from_can("001234"))
    assert result.citizen.get("id_number") == "079190001234"


def test_error_status_mid_read_is_a_clean_error(sim_card) -> None:
    card = sim_card("citizen_demo", error_at_apdu={12: 0x6F00})
    with pytest.raises(CardError) as err:
        read_card(card.reader, AccessKey.from_can("001234"))
    assert "\n" not in str(err.value)
    assert read_card(card.reader, AccessKey.from_can("001234")).citizen.get("full_name")


def test_tampered_dg13_fails_passive_authentication_but_data_is_shown(sim_card, trust_dir) -> None:
    card = sim_card("citizen_demo", tamper_dg=13)
    result = read_card(card.reader, AccessKey.from_can("001234"), trust_dir=trust_dir)
    pa = result.verification.passive_authentication
    assert pa.status is Status.FAILED and "DG13" in pa.reason
    assert result.verification.data_group_hashes[13] is Status.FAILED
    assert result.verification.data_group_hashes[1] is Status.VERIFIED
    assert result.citizen.get("id_number") == "079190001234"
    assert {fv.provenance for fv in result.citizen.fields.values()} == {Provenance.CHIP_UNVERIFIED}


def test_foreign_signer_without_its_csca_is_not_checked(sim_card, trust_dir) -> None:
    card = sim_card("citizen_demo", foreign_signer=True)
    result = read_card(card.reader, AccessKey.from_can("001234"), trust_dir=trust_dir)
    v = result.verification
    assert v.passive_authentication.to_json() == {"status": "not_checked", "reason": no_anchor_reason("UT")}
    assert {fv.provenance for fv in result.citizen.fields.values()} == {Provenance.CHIP_UNVERIFIED}
    assert result.citizen.get("full_name") == "Phạm Thị Hồng Nhung"
    assert v.chip_authentication.to_json() == {"status": "verified", "reason": CA_UNANCHORED}


def test_chip_checks_are_not_conclusive_when_passive_authentication_fails(sim_card, trust_dir) -> None:
    card = sim_card("citizen_demo", tamper_dg=1)
    result = read_card(card.reader, AccessKey.from_can("001234"), trust_dir=trust_dir)
    v = result.verification
    assert v.passive_authentication.status is Status.FAILED
    # A forger signing their own SOD holds the DG14/DG15 keys: CA/AA must not call it genuine.
    assert v.chip_authentication.to_json() == {"status": "not_checked", "reason": CHIP_KEY_UNSIGNED}
    assert v.active_authentication.to_json() == {"status": "not_checked", "reason": CHIP_KEY_UNSIGNED}


def test_no_trust_store_is_never_verified(sim_card, tmp_path) -> None:
    card = sim_card("citizen_demo")
    empty = tmp_path / "empty-trust"
    empty.mkdir()
    for trust in (None, empty):
        result = read_card(card.reader, AccessKey.from_can("001234"), trust_dir=trust)
        v = result.verification
        assert v.passive_authentication.status is Status.NOT_CHECKED
        assert {fv.provenance for fv in result.citizen.fields.values()} == {Provenance.CHIP_UNVERIFIED}
        # The chip matches its data, but nothing anchors that data: no "genuine" in the reason.
        assert v.chip_authentication.to_json() == {"status": "verified", "reason": CA_UNANCHORED}
        assert v.active_authentication.to_json() == {"status": "verified", "reason": AA_UNANCHORED}
        assert "genuine" not in CA_UNANCHORED + AA_UNANCHORED and "copy" not in CA_UNANCHORED


def test_not_an_id_card(sim_card) -> None:
    card = sim_card("citizen_demo", emrtd=False)
    with pytest.raises(NotAnIdCardError, match="not a chip ID card"):
        read_card(card.reader, AccessKey.from_can("001234"))


def test_second_reader_slot_and_first_card_autoselect(sim_card) -> None:
    card = sim_card("citizen_elder_bac", reader_index=1)
    assert card.reader == "Virtual PCD 00 01"
    result = read_card(None, AccessKey.from_id_dob_expiry("001058000321", "1958-11-02", "none"))
    assert result.reader == "Virtual PCD 00 01"


def test_no_card_on_any_reader(pcscd) -> None:
    from kiosk.card.errors import NoCardError

    with pytest.raises(NoCardError, match="place the ID card"):
        read_card(None, AccessKey.from_can("001234"))


def test_qr_key_reads_the_card_and_chip_values_win(sim_card, trust_dir) -> None:
    profile = json.loads(profile_path("citizen_demo").read_text(encoding="utf-8"))
    del profile["citizen"]["old_id_number"]  # the chip lacks it; the QR has it
    card = sim_card(profile)
    qr = "079190001234|025123456|Phạm Thị Hồng Nhung|17051990|Nữ|Số 12 Đường Nguyễn Trãi|10082021"
    result = read_card(card.reader, AccessKey.from_qr(qr), trust_dir=trust_dir)
    c = result.citizen
    assert c.get("date_of_birth") == "1990-05-17"
    assert c.provenance("full_name") is Provenance.CHIP_VERIFIED
    assert (c.get("place_of_residence") or "").startswith(
        "Số 12 Đường Nguyễn Trãi, Phường Bến Thành"
    )  # chip's
    assert c.provenance("place_of_residence") is Provenance.CHIP_VERIFIED
    assert (c.get("old_id_number"), c.provenance("old_id_number")) == ("025123456", Provenance.QR)


def test_chip_refusing_extended_length_falls_back_to_short_reads(sim_card) -> None:
    card = sim_card("citizen_demo", reject_extended=True, dg2_size=8000)
    result = read_card(card.reader, AccessKey.from_can("001234"))
    assert result.verification.data_group_hashes[2] is Status.VERIFIED
    assert result.stats.apdus >= 8000 // SHORT_SM_CHUNK


def test_another_programs_reset_waits_until_the_read_is_done(sim_card) -> None:
    """The read holds a PC/SC transaction: a reset from another program cannot cut its
    secure-messaging session, it happens once the read lets the card go."""
    import threading

    from smartcard import scard

    card = sim_card("citizen_demo")
    resets: list[int] = []
    kinds: list[str] = []
    other: list[threading.Thread] = []

    def other_program() -> None:
        _, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        rc, h, _ = scard.SCardConnect(ctx, card.reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T1)
        assert rc == scard.SCARD_S_SUCCESS
        resets.append(scard.SCardDisconnect(h, scard.SCARD_RESET_CARD))
        scard.SCardReleaseContext(ctx)

    done_during_read: list[int] = []

    def on_event(e: ReadEvent) -> None:
        kinds.append(e.kind)
        if other:
            done_during_read.append(len(resets))
        if e.kind == "data" and not other:
            other.append(threading.Thread(target=other_program))
            other[0].start()

    result = read_card(card.reader, AccessKey.from_can("001234"), on_event=on_event)
    assert done_during_read and max(done_during_read) == 0  # the reset waited for us
    other[0].join(10)
    assert resets == [scard.SCARD_S_SUCCESS]
    assert kinds.count("connected") == 1  # never interrupted
    assert result.citizen.get("id_number") == "079190001234"
    assert result.photo_jpeg is not None
    # The card is still usable after the other program's reset.
    assert read_card(card.reader, AccessKey.from_can("001234")).citizen.get("id_number") == "079190001234"


def test_card_reset_mid_read_is_recovered_by_reading_again(sim_card, monkeypatch) -> None:
    """Where a platform ends the transaction anyway (Windows does after 5 s idle), a
    "card reset" answer restarts the read once."""
    from smartcard import scard

    from kiosk.card import reader as reader_mod
    from kiosk.card.pcsc.errors import error_for
    from kiosk.card.pcsc.transport import PcscTransport

    card = sim_card("citizen_demo")
    real_connect = PcscTransport.connect
    connects: list[PcscTransport] = []

    def connect(reader=None, *, reset=True):  # type: ignore[no-untyped-def]
        t = real_connect(reader, reset=reset)
        connects.append(t)
        if len(connects) == 1:
            real_transmit = t.transmit_raw

            def transmit(apdu: bytes) -> tuple[bytes, int]:
                if t.stats.apdus == 12:  # mid-read, inside secure messaging
                    raise error_for(scard.SCARD_W_RESET_CARD)
                return real_transmit(apdu)

            t.transmit_raw = transmit  # type: ignore[method-assign]
        return t

    monkeypatch.setattr(reader_mod.PcscTransport, "connect", staticmethod(connect))
    kinds: list[str] = []
    result = read_card(card.reader, AccessKey.from_can("001234"), on_event=lambda e: kinds.append(e.kind))
    assert len(connects) == 2 and kinds.count("connected") == 2
    assert result.citizen.get("id_number") == "079190001234"


def test_read_started_while_the_monitor_probes_a_new_card(sim_card, pcscd) -> None:
    """The monitor's probe and a read that starts at the same moment must not break each other."""
    import threading

    from kiosk.card.pcsc.monitor import CardMonitor, ReaderState

    card = sim_card("citizen_demo")
    card.remove()
    states: list[ReaderState] = []
    seen_emrtd = threading.Event()
    seen_empty = threading.Event()

    def on_state(st) -> None:  # type: ignore[no-untyped-def]
        r = st.reader(card.reader)
        if r is not None:
            states.append(r.state)
            if r.state is ReaderState.EMRTD:
                seen_emrtd.set()
            if r.state is ReaderState.NO_CARD:
                seen_empty.set()

    mon = CardMonitor(on_state, poll_ms=50)
    mon.start()
    try:
        for _ in range(8):
            seen_emrtd.clear()
            card.insert()  # returns as soon as pcscd sees the card: the probe starts now too
            result = read_card(card.reader, AccessKey.from_can("001234"))
            assert result.citizen.get("id_number") == "079190001234"
            assert seen_emrtd.wait(10), (len(states), states[-4:])
            seen_empty.clear()
            card.remove()
            assert seen_empty.wait(10), (len(states), states[-4:])
    finally:
        mon.stop()
    assert ReaderState.NOT_EMRTD not in states


def test_cloned_chip_fails_chip_authentication_but_data_is_shown(sim_card, trust_dir) -> None:
    card = sim_card("citizen_demo", ca_wrong_key=True)
    result = read_card(card.reader, AccessKey.from_can("001234"), trust_dir=trust_dir)
    v = result.verification
    assert v.chip_authentication.status is Status.FAILED and "copy" in v.chip_authentication.reason
    assert v.passive_authentication.status is Status.VERIFIED  # the copied data itself is genuine
    assert v.active_authentication.status is Status.NOT_CHECKED
    assert result.citizen.get("full_name") == "Phạm Thị Hồng Nhung"
    assert result.photo_jpeg is not None


def test_card_without_chip_or_active_authentication(sim_card) -> None:
    card = sim_card("citizen_demo", chip_authentication=False, active_authentication=False)
    result = read_card(card.reader, AccessKey.from_can("001234"))
    v = result.verification
    assert (
        v.chip_authentication.status is Status.NOT_CHECKED
        and "does not offer" in v.chip_authentication.reason
    )
    assert (
        v.active_authentication.status is Status.NOT_CHECKED
        and "does not offer" in v.active_authentication.reason
    )


@pytest.mark.parametrize("parameter_id", [9, 10, 11, 12, 14, 16, 17])
def test_pace_on_other_standard_curves(sim_card, parameter_id: int) -> None:
    # 9, 11 and 14 (brainpoolP192r1/P224r1/P320r1) are curves ``cryptography`` lacks.
    card = sim_card("citizen_demo", pace_parameter_id=parameter_id)
    result = read_card(card.reader, AccessKey.from_can("001234"))
    assert result.access_control == "PACE"
    assert result.citizen.get("id_number") == "079190001234"


def test_pace_with_the_mrz_password(sim_card) -> None:
    card = sim_card("citizen_demo")
    key = AccessKey(mrz_information=card.image.mrz_information, source="mrz")  # no CAN at all
    result = read_card(card.reader, key)
    assert result.access_control == "PACE"
    assert result.citizen.get("full_name") == "Phạm Thị Hồng Nhung"


def test_auto_reader_skips_a_foreign_card_in_another_reader(sim_card) -> None:
    sim_card("citizen_demo", emrtd=False)  # e.g. a bank card left on reader 0
    sim_card("citizen_elder_bac", reader_index=1)
    result = read_card(None, AccessKey.from_id_dob_expiry("001058000321", "1958-11-02", None))
    assert result.reader == "Virtual PCD 00 01"


def test_chip_answering_6cxx_gets_the_le_it_asks_for(sim_card) -> None:
    card = sim_card("citizen_demo", wrong_le_limit=0x80, dg2_size=3000)
    result = read_card(card.reader, AccessKey.from_can("001234"))
    assert result.verification.data_group_hashes[2] is Status.VERIFIED
    assert result.stats.apdus >= 3000 // 0x80


def test_rsa_active_authentication(sim_card) -> None:
    card = sim_card("citizen_demo", aa_rsa=True)
    result = read_card(card.reader, AccessKey.from_can("001234"))
    assert result.verification.active_authentication.status is Status.VERIFIED


def test_damaged_photo_and_dg13_still_show_the_mrz_data(sim_card) -> None:
    from kiosk.card.lds.tlv import encode

    card = sim_card("citizen_demo")
    card.image.files[dg_fid(2)] = encode(0x75, b"\x7f\x61\x03\x02\x01\x01")  # no face record
    card.image.files[dg_fid(13)] = encode(0x6D, encode(0x30, b"\x02\x01"))  # truncated inside
    result = read_card(card.reader, AccessKey.from_can("001234"))
    assert result.photo_jpeg is None
    assert result.citizen.get("id_number") == "079190001234"  # from the MRZ
    assert result.citizen.get("date_of_birth") == "1990-05-17"
    assert result.verification.consistency.status is Status.FAILED
    assert "DG13" in result.verification.consistency.reason
    assert result.verification.data_group_hashes[13] is Status.FAILED


def test_a_busy_virtual_slot_is_reported(sim_card) -> None:
    from kiosk.card.sim import SimulatedCard, SlotBusyError
    from kiosk.card.sim.testing import profile_path as path

    sim_card("citizen_demo", reader_index=1)
    second = SimulatedCard.from_profile(path("citizen_elder_bac"))
    with pytest.raises(SlotBusyError, match="slot 1"):
        second.attach(1, timeout=2)


def test_keys_on_a_curve_cryptography_lacks_are_not_checked_and_the_read_completes(
    sim_card, trust_dir
) -> None:
    from kiosk.card.lds.dg15 import UNSUPPORTED_AA_KEY
    from kiosk.card.protocol.chip_auth import UNSUPPORTED_CA_KEY

    card = sim_card("citizen_demo", unsupported_curve_keys=True)
    result = read_card(card.reader, AccessKey.from_can("001234"), trust_dir=trust_dir)
    v = result.verification
    assert v.chip_authentication.to_json() == {"status": "not_checked", "reason": UNSUPPORTED_CA_KEY}
    assert v.active_authentication.to_json() == {"status": "not_checked", "reason": UNSUPPORTED_AA_KEY}
    assert v.passive_authentication.status is Status.VERIFIED
    assert result.citizen.get("full_name") == "Phạm Thị Hồng Nhung"
    assert result.citizen.get("place_of_residence") is not None  # DG13 kept


@pytest.mark.parametrize(
    ("hidden", "check", "message"),
    [
        (14, "chip_authentication", "HIDDEN_DG14"),
        (15, "active_authentication", "HIDDEN_DG15"),
    ],
)
def test_a_clone_hiding_a_signed_dg_fails_that_check(
    sim_card, trust_dir, hidden: int, check: str, message: str
) -> None:
    import kiosk.card.reader as reader

    # The clone answers 6A82 and leaves the DG out of EF.COM; only the signed SOD still lists it.
    card = sim_card("citizen_demo", hide_dgs=[hidden])
    assert dg_fid(hidden) not in card.image.files
    result = read_card(card.reader, AccessKey.from_can("001234"), trust_dir=trust_dir)
    v = result.verification
    assert getattr(v, check).to_json() == {"status": "failed", "reason": getattr(reader, message)}
    assert v.data_group_hashes[hidden] is Status.FAILED
    assert v.passive_authentication.status is Status.VERIFIED  # what was read is genuine
    assert result.citizen.get("full_name") == "Phạm Thị Hồng Nhung"


def test_a_hidden_signed_dg13_fails_passive_authentication(sim_card, trust_dir) -> None:
    card = sim_card("citizen_demo")
    del card.image.files[dg_fid(13)]  # refused (6A82) although EF.COM and the SOD list it
    result = read_card(card.reader, AccessKey.from_can("001234"), trust_dir=trust_dir)
    v = result.verification
    assert v.passive_authentication.to_json() == {
        "status": "failed",
        "reason": "The chip refuses DG13, which the signed data lists: it may be a copy.",
    }
    assert v.data_group_hashes[13] is Status.FAILED
    assert result.citizen.get("id_number") == "079190001234"  # the MRZ data is still shown


def test_reader_breaking_extended_apdus_falls_back_to_short_reads_once(sim_card, monkeypatch) -> None:
    from kiosk.card import channel

    monkeypatch.setattr(channel, "_SHORT_ONLY_READERS", set())  # not to leak into other tests
    # The chip and its ATR offer extended length; the reader breaks such APDUs (no status word).
    card = sim_card("citizen_demo", reader_short_only=True, dg2_size=20000)
    events: list[ReadEvent] = []
    result = read_card(card.reader, AccessKey.from_can("001234"), on_event=events.append)
    assert result.citizen.get("id_number") == "079190001234"
    assert result.verification.data_group_hashes[2] is Status.VERIFIED
    assert [e.kind for e in events].count("connected") == 2  # one failed attempt, one retry
    assert sorted(channel._SHORT_ONLY_READERS) == [card.reader]
    # Remembered for the session: the next read is short from the start, in one attempt.
    events.clear()
    again = read_card(card.reader, AccessKey.from_can("001234"), on_event=events.append)
    assert [e.kind for e in events].count("connected") == 1
    assert again.stats.apdus >= 20000 // SHORT_SM_CHUNK


def test_card_lifted_during_an_extended_read_is_not_taken_for_a_short_only_reader(
    sim_card, monkeypatch
) -> None:
    from kiosk.card import channel

    monkeypatch.setattr(channel, "_SHORT_ONLY_READERS", set())
    from kiosk.card.pcsc.transport import TRACE

    card = sim_card("citizen_demo", dg2_size=20000)
    TRACE.clear()
    read_card(card.reader, AccessKey.from_can("001234"))
    card.stop()
    sent = [line for line in TRACE if " -> " in line]
    dg2 = next(i for i, line in enumerate(sent) if "file 0102" in line)
    first_extended = next(i for i, line in enumerate(sent) if i > dg2 and f"Le={EXTENDED_CHUNK}" in line)
    # Lift the card on the first extended read of DG2 (the APDU sequence is the same each time).
    card = sim_card("citizen_demo", dg2_size=20000, lift_after_apdus=first_extended)
    with pytest.raises(CardRemovedError, match="place it again") as err:
        read_card(card.reader, AccessKey.from_can("001234"))
    assert isinstance(err.value, channel.ExtendedLengthRejected)  # the short retry found no card
    assert not channel._SHORT_ONLY_READERS

"""The TWAIN state machine, in this process, against the fake DSM (tests/scan/twain_fake/fake_twain.c).

The fake enforces TWAIN's states: these tests read its call trace to prove the order of our
calls, the capability values we negotiate, the unwinding after errors and cancels, and that
every container handle is freed.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kiosk.scan.capture.twain import consts as c
from kiosk.scan.capture.twain.session import (
    Strip,
    TwainError,
    TwainSequenceError,
    TwainSession,
    assemble,
    condition_kind,
    load_dsm,
)
from kiosk.scan.capture.twain.structs import TW_FIX32, TW_IDENTITY, TW_IMAGEMEMXFER, TW_STATUS
from kiosk.scan.capture.twain_backend import child_scan
from tests.scan.twain_fake.build import fake_dsm
from tests.scan.twain_fake.pattern import expected_page

NAMES = {
    (c.DAT_PARENT, c.MSG_OPENDSM): "OPENDSM",
    (c.DAT_PARENT, c.MSG_CLOSEDSM): "CLOSEDSM",
    (c.DAT_ENTRYPOINT, c.MSG_GET): "ENTRYPOINT",
    (c.DAT_IDENTITY, c.MSG_GETFIRST): "GETFIRST",
    (c.DAT_IDENTITY, c.MSG_GETNEXT): "GETNEXT",
    (c.DAT_IDENTITY, c.MSG_OPENDS): "OPENDS",
    (c.DAT_IDENTITY, c.MSG_CLOSEDS): "CLOSEDS",
    (c.DAT_CALLBACK, c.MSG_REGISTER_CALLBACK): "CALLBACK",
    (c.DAT_STATUS, c.MSG_GET): "STATUS",
    (c.DAT_IMAGELAYOUT, c.MSG_SET): "LAYOUT",
    (c.DAT_USERINTERFACE, c.MSG_ENABLEDS): "ENABLEDS",
    (c.DAT_USERINTERFACE, c.MSG_DISABLEDS): "DISABLEDS",
    (c.DAT_IMAGEINFO, c.MSG_GET): "IMAGEINFO",
    (c.DAT_SETUPMEMXFER, c.MSG_GET): "SETUPMEMXFER",
    (c.DAT_IMAGEMEMXFER, c.MSG_GET): "MEMXFER",
    (c.DAT_PENDINGXFERS, c.MSG_ENDXFER): "ENDXFER",
    (c.DAT_PENDINGXFERS, c.MSG_RESET): "RESET",
}
LINE = re.compile(
    r"call dg=\d+ dat=0x(?P<dat>[0-9a-f]+) msg=0x(?P<msg>[0-9a-f]+) rc=(?P<rc>\d+) cc=(?P<cc>\d+) "
    r"state=(?P<before>\d)>(?P<after>\d) cap=0x(?P<cap>[0-9a-f]+) value=(?P<value>-?\d+)"
)


@dataclass
class Fake:
    lib: Any
    trace: Path

    def lines(self) -> list[str]:
        return self.trace.read_text().splitlines() if self.trace.exists() else []

    def calls(self) -> list[str]:
        """Each DSM_Entry call as a short name; capability calls as "SET 0x1013=1" / "GET 0x1003"."""
        out = []
        for line in self.lines():
            m = LINE.match(line)
            if not m:
                continue
            dat, msg = int(m["dat"], 16), int(m["msg"], 16)
            if dat == c.DAT_CAPABILITY:
                verb = "SET" if msg == c.MSG_SET else "GET"
                name = f"{verb} 0x{m['cap']}" + (f"={m['value']}" if verb == "SET" else "")
            else:
                name = NAMES.get((dat, msg), f"0x{dat:04x}/0x{msg:04x}")
            if m["rc"] != "0":
                name += f" rc={m['rc']}" + (f" cc={m['cc']}" if m["rc"] == "1" else "")
            out.append(name)
        return out

    def sequence_errors(self) -> list[str]:
        return [line for line in self.lines() if f" cc={c.TWCC_SEQERROR} " in line]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Fake]:
    path = fake_dsm()
    lib = load_dsm(str(path))
    lib.fake_twain_reset()
    monkeypatch.setenv("KIOSK_TWAIN_DSM", str(path))
    monkeypatch.setenv("FAKE_TWAIN_TRACE", str(tmp_path / "trace.txt"))
    yield Fake(lib, tmp_path / "trace.txt")
    lib.fake_twain_reset()


def _payload(source: str = "duplex", **extra: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "device": "Kiosk Fake Duplex",
        "source": source,
        "dpi": 100,
        "colour": True,
        "max_pages": None,
        "area_mm": (210.0, 297.0),
        "driver_options": {},
    }
    payload.update(extra)
    return payload


def _run(payload: dict[str, Any], cancelled: Any = None) -> list[tuple[Any, ...]]:
    sent: list[tuple[Any, ...]] = []
    child_scan(payload, sent.append, cancelled or (lambda: False))
    return sent


def _pages(sent: list[tuple[Any, ...]]) -> list[np.ndarray]:
    out = []
    for msg in sent:
        if msg[0] == "page":
            _, _n, w, h, mode, _dpi, data = msg
            out.append(np.frombuffer(data, np.uint8).reshape((h, w, 3) if mode == "RGB" else (h, w)))
    return out


TRANSFER = ["IMAGEINFO", "SETUPMEMXFER", "MEMXFER rc=6", "ENDXFER"]


def test_duplex_batch_runs_the_state_machine_in_order(fake: Fake) -> None:
    sent = _run(_payload())
    assert sent[-1] == ("done", "feeder_empty")
    pages = _pages(sent)
    assert len(pages) == 6
    for i, page in enumerate(pages):  # 1F, 1B, 2F, 2B, 3F, 3B
        assert np.array_equal(page, expected_page(i // 2 + 1, i % 2 == 1, 827, 1169))
    assert fake.calls() == [
        "OPENDSM",
        "ENTRYPOINT",  # TWAIN 2: container memory comes from the DSM
        "GETFIRST",
        "GETNEXT",
        "GETNEXT rc=7",  # TWRC_ENDOFLIST
        "OPENDS",
        "CALLBACK",
        "GET 0x100e",  # CAP_UICONTROLLABLE: may the source run without its own window?
        "SET 0x100b=0",  # CAP_INDICATORS off: the kiosk shows progress itself
        "SET 0x0103=2",  # ICAP_XFERMECH = TWSX_MEMORY
        "SET 0x0101=2",  # ICAP_PIXELTYPE = TWPT_RGB
        "SET 0x0102=0",  # ICAP_UNITS = inches
        "SET 0x1118=100000",  # ICAP_XRESOLUTION 100.000 dpi (TW_FIX32)
        "SET 0x1119=100000",
        "SET 0x1002=1",  # CAP_FEEDERENABLED
        "SET 0x1013=1",  # CAP_DUPLEXENABLED
        "SET 0x0001=-1",  # CAP_XFERCOUNT: until the feeder is empty
        "LAYOUT",
        "GET 0x1003",  # CAP_FEEDERLOADED
        "ENABLEDS",
        *TRANSFER * 6,
        "DISABLEDS",
        "CLOSEDS",
        "CLOSEDSM",
    ]
    assert fake.lines()[-2] == "closedsm leaked=0"  # every capability container was freed


def test_simplex_feeder_sets_duplex_off_and_gives_fronts(fake: Fake) -> None:
    sent = _run(_payload("adf", max_pages=2))
    assert sent[-1] == ("done", "complete")
    pages = _pages(sent)
    assert [np.array_equal(p, expected_page(n, False, 827, 1169)) for n, p in enumerate(pages, 1)] == [
        True,
        True,
    ]
    calls = fake.calls()
    assert "SET 0x1013=0" in calls and "SET 0x0001=2" in calls
    assert calls.count("MEMXFER rc=6") == 2
    assert not fake.sequence_errors()


def test_grey_pages(fake: Fake) -> None:
    pages = _pages(_run(_payload("adf", colour=False, max_pages=1)))
    assert pages[0].ndim == 2
    assert np.array_equal(pages[0], expected_page(1, False, 827, 1169, colour=False))
    assert "SET 0x0101=1" in fake.calls()  # TWPT_GRAY


def test_jam_unwinds_with_reset(fake: Fake, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_TWAIN_JAM_AT", "2")
    sent = _run(_payload("adf"))
    assert len(_pages(sent)) == 1
    assert sent[-1] == ("error", "jam", 2)
    assert fake.calls()[-8:] == [
        "IMAGEINFO",
        "SETUPMEMXFER",
        f"MEMXFER rc=1 cc={c.TWCC_PAPERJAM}",
        "STATUS",
        "RESET",  # state 6 -> 5: drop what the feeder still holds
        "DISABLEDS",
        "CLOSEDS",
        "CLOSEDSM",
    ]
    assert not fake.sequence_errors()
    assert fake.lines()[-2] == "closedsm leaked=0"


def test_cancel_in_the_middle_of_an_image_ends_the_transfer(
    fake: Fake, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_TWAIN_STALL_AT", "2")  # image 2 never ends by itself
    sent: list[tuple[Any, ...]] = []
    polls = [0]

    def cancelled() -> bool:
        if any(m[0] == "page" for m in sent):
            polls[0] += 1
        return polls[0] > 5  # a few strips into image 2

    child_scan(_payload("adf"), sent.append, cancelled)
    assert len(_pages(sent)) == 1
    assert sent[-1] == ("done", "cancelled")
    assert fake.calls()[-6:] == ["SETUPMEMXFER", "ENDXFER", "RESET", "DISABLEDS", "CLOSEDS", "CLOSEDSM"]
    assert not fake.sequence_errors()


def test_cancel_before_the_first_image(fake: Fake) -> None:
    sent = _run(_payload(), cancelled=lambda: True)
    assert sent == [("done", "cancelled")]
    calls = fake.calls()
    enabled = calls.index("ENABLEDS")
    # Either the source had not announced the transfer yet, or MSG_XFERREADY crossed our cancel:
    # then MSG_DISABLEDS is refused in state 6 and we reset first (see the next test).
    assert calls[enabled + 1 :] in (
        ["DISABLEDS", "CLOSEDS", "CLOSEDSM"],
        [f"DISABLEDS rc=1 cc={c.TWCC_SEQERROR}", "STATUS", "RESET", "DISABLEDS", "CLOSEDS", "CLOSEDSM"],
    )


def test_xferready_crossing_a_cancel_is_reset_before_disabling(fake: Fake) -> None:
    s = TwainSession(fake.lib)
    s.open_dsm()
    s.open_source(s.sources()[0])
    s.enable()
    s._messages.put(s._messages.get(timeout=30))  # MSG_XFERREADY has arrived, we have not looked yet
    assert s.state == 5
    s.close()
    assert s.state == 2
    assert fake.calls()[-6:] == [
        f"DISABLEDS rc=1 cc={c.TWCC_SEQERROR}",
        "STATUS",
        "RESET",
        "DISABLEDS",
        "CLOSEDS",
        "CLOSEDSM",
    ]
    assert fake.lines()[-2] == "closedsm leaked=0"


def test_flatbed_on_the_flatbed_source(fake: Fake) -> None:
    sent = _run(_payload("flatbed", device="Kiosk Fake Flatbed", dpi=75))
    assert sent[-1] == ("done", "complete")
    (page,) = _pages(sent)
    assert page.shape == (877, 620, 3)  # A4 at 75 dpi
    assert np.array_equal(page, expected_page(1, False, 620, 877))
    calls = fake.calls()
    assert "SET 0x1002=0" in calls and "SET 0x0001=1" in calls
    assert not any(call.startswith("SET 0x1013") for call in calls)  # no duplex on a flatbed


def test_fake_enforces_the_state_machine(fake: Fake) -> None:
    """Calls out of order fail with TWCC_SEQERROR: the tests above would catch our own mistakes."""
    s = TwainSession(fake.lib)
    ident = TW_IDENTITY()
    assert s._raw(c.DG_CONTROL, c.DAT_IDENTITY, c.MSG_GETFIRST, ctypes.byref(ident)) == c.TWRC_FAILURE
    s.open_dsm()
    s.open_source(s.sources()[0])
    xfer = TW_IMAGEMEMXFER()
    assert s._raw(c.DG_IMAGE, c.DAT_IMAGEMEMXFER, c.MSG_GET, ctypes.byref(xfer)) == c.TWRC_FAILURE
    assert s._status(True) == c.TWCC_SEQERROR  # no transfer before MSG_XFERREADY
    s.enable()
    assert s.wait_ready(lambda: False) == "ready" and s.state == 6
    s.state = 4  # pretend, as a buggy application would, that capabilities may still be set
    with pytest.raises(TwainError) as err:
        s.set_cap(c.ICAP_XRESOLUTION, c.TWTY_FIX32, 300)
    assert err.value.cc == c.TWCC_SEQERROR
    assert s.source is not None
    assert s._raw(c.DG_CONTROL, c.DAT_IDENTITY, c.MSG_CLOSEDS, ctypes.byref(s.source)) == c.TWRC_FAILURE
    assert s._status(False) == c.TWCC_SEQERROR  # a source cannot close while enabled
    s.state = 6
    s.close()
    assert s.state == 2
    assert fake.lines()[-2] == "closedsm leaked=0"


def test_wrong_item_type_is_refused(fake: Fake) -> None:
    s = TwainSession(fake.lib)
    s.open_dsm()
    s.open_source(s.sources()[0])
    with pytest.raises(TwainError) as err:
        s.set_cap(c.ICAP_XRESOLUTION, c.TWTY_UINT16, 300)  # must be TW_FIX32
    assert err.value.cc == c.TWCC_BADVALUE and err.value.kind == "invalid"
    s.close()


def test_our_session_refuses_calls_out_of_order(fake: Fake) -> None:
    s = TwainSession(fake.lib)
    with pytest.raises(TwainSequenceError, match="MSG_ENABLEDS in state 2"):
        s.enable()
    s.open_dsm()
    with pytest.raises(TwainSequenceError, match="in state 3"):
        s.transfer(lambda: False)
    s.close()
    assert fake.calls() == ["OPENDSM", "ENTRYPOINT", "CLOSEDSM"]  # nothing out of order reached the DSM


def test_capability_containers(fake: Fake) -> None:
    s = TwainSession(fake.lib)
    s.open_dsm()
    duplex, flatbed = s.sources()
    assert duplex.text("ProductName") == "Kiosk Fake Duplex" and flatbed.text("Manufacturer") == "Kiosk Test"
    s.open_source(duplex)
    res = s.get_cap(c.ICAP_XRESOLUTION)  # TW_ENUMERATION of TW_FIX32
    assert res.choices == (100.0, 150.0, 200.0, 300.0, 600.0) and res.current == 150.0
    assert s.get_cap(c.CAP_DUPLEX).current == 1  # TWDX_1PASSDUPLEX
    assert s.set_cap(c.ICAP_XRESOLUTION, c.TWTY_FIX32, 240) == c.TWRC_CHECKSTATUS  # nearest allowed: 200
    assert s.get_cap(c.ICAP_XRESOLUTION).current == 200.0
    s.close_source()
    s.open_source(flatbed)
    res = s.get_cap(c.ICAP_YRESOLUTION)  # TW_RANGE of TW_FIX32
    assert res.bounds == (50.0, 1200.0, 1.0) and res.current == 150.0
    assert s.get_cap(c.CAP_DUPLEX).current == c.TWDX_NONE
    s.close()
    assert fake.lines()[-2] == "closedsm leaked=0"


def test_fix32_and_status_layouts() -> None:
    assert ctypes.sizeof(TW_IDENTITY) == 156 and ctypes.sizeof(TW_IMAGEMEMXFER) == 42
    assert ctypes.sizeof(TW_STATUS) == 4
    assert TW_FIX32.of(200).value() == 200.0 and TW_FIX32.of(-1.5).value() == -1.5
    assert TW_FIX32.from_uint32(TW_FIX32.of(8.2677).as_uint32()).value() == pytest.approx(8.2677, abs=1e-4)
    assert condition_kind(c.TWCC_PAPERJAM) == "jam"
    assert condition_kind(c.TWCC_PAPERDOUBLEFEED) == "jam"
    assert condition_kind(c.TWCC_NOMEDIA) == "no_docs"
    assert condition_kind(c.TWCC_INTERLOCK) == "cover_open"
    assert condition_kind(c.TWCC_CHECKDEVICEONLINE) == "offline"
    assert condition_kind(c.TWCC_DENIED) == "denied"
    assert condition_kind(c.TWCC_OPERATIONERROR) == "io"
    assert condition_kind(c.TWCC_BUMMER) == "other"
    assert TwainError("x", c.TWRC_CANCEL, 0).kind == "cancelled"
    assert TwainError("x", c.TWRC_BUSY, 0).kind == "busy"


def test_strips_are_placed_by_offset_and_lose_their_padding() -> None:
    w = 3
    rows = [bytes([r] * (w * 3)) + b"\xee" for r in range(4)]  # 9 bytes of pixels, 1 byte of padding
    strips = [Strip(2, 2, 10, rows[2] + rows[3]), Strip(0, 2, 10, rows[0] + rows[1])]
    img = assemble(strips, w, 3)
    assert img.shape == (4, 3, 3)
    assert [int(img[r, 0, 0]) for r in range(4)] == [0, 1, 2, 3]
    assert 0xEE not in img

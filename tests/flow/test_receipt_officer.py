"""The receipt's "Người tiếp nhận hồ sơ" names the officer by full name, else by user name;
the self-service kiosk leaves it empty."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.security import keys
from kiosk.security.officers import Role
from tests.forms.conftest import pdf_text
from ui.context import AppContext
from ui.reception import ReceptionPage

from .conftest import FAST, PASSPHRASE, pdf_printer
from .test_receipt import fill_ct01, receipt_pdf, save

pytestmark = pytest.mark.gui

OFFICER_PASS = "officer pass 123"


@pytest.fixture
def officers(profile: Any) -> Any:
    admin_store, _ = keys.unlock_with_passphrase(profile, "admin", PASSPHRASE)
    try:
        keys.add_officer(
            profile,
            admin_store,
            "canbo.nguyen",
            OFFICER_PASS,
            Role.officer,
            kdf=FAST,
            full_name="Nguyễn Văn Tiếp",
        )
        keys.add_officer(profile, admin_store, "canbo.le", OFFICER_PASS, Role.officer, kdf=FAST)
    finally:
        admin_store.close()
    return profile


@pytest.fixture
def sessions(officers: Any) -> Iterator[dict[str, tuple[Any, Any]]]:
    opened = {u: keys.unlock_with_passphrase(officers, u, OFFICER_PASS) for u in ("canbo.nguyen", "canbo.le")}
    try:
        yield opened
    finally:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(10000)
        for store, _session in opened.values():
            store.close()


def _receipt_text(app: Any, ctx: AppContext, tmp_path: Any) -> tuple[str, Any]:
    page = ReceptionPage(ctx)
    page.printer_factory = lambda: pdf_printer(tmp_path / "printed.pdf")
    if ctx.kiosk_mode:
        page.consent.setChecked(True)
    try:
        fill_ct01(page)
        dossier = save(page)
        return pdf_text(receipt_pdf(ctx.store, dossier)), dossier
    finally:
        page.shutdown()


def test_officer_line_prints_the_full_name(app, sessions, tmp_path) -> None:
    store, session = sessions["canbo.nguyen"]
    text, _ = _receipt_text(app, AppContext(profile=store.profile, store=store, officer=session), tmp_path)
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert "Nguyễn Văn Tiếp" in text and "canbo.nguyen" not in text


def test_officer_without_a_full_name_falls_back_to_the_user_name(app, sessions, tmp_path) -> None:
    store, session = sessions["canbo.le"]
    text, _ = _receipt_text(app, AppContext(profile=store.profile, store=store, officer=session), tmp_path)
    assert "canbo.le" in text


def test_kiosk_receipt_leaves_the_officer_line_empty(app, sessions, tmp_path) -> None:
    # A kiosk whose keyring failed is opened by an officer's login; its receipts are still
    # self-service ones and name nobody as the receiver.
    store, session = sessions["canbo.nguyen"]
    ctx = AppContext(profile=store.profile, kiosk_mode=True, store=store, officer=session)
    text, _ = _receipt_text(app, ctx, tmp_path)
    assert text.rstrip().endswith("NGƯỜI TIẾP NHẬN HỒ SƠ")
    assert "Nguyễn Văn Tiếp" not in text and "canbo.nguyen" not in text

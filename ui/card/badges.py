"""Verification badges: each check verified / failed / not checked, with a plain reason."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from kiosk.card import reader
from kiosk.card.cert import passive
from kiosk.card.lds.dg15 import UNSUPPORTED_AA_KEY
from kiosk.card.protocol.chip_auth import UNSUPPORTED_CA_KEY
from kiosk.card.verification import NOT_RUN_YET, Check, Status, Verification
from ui.errors import error_text
from ui.theme import Meaning, colour


def check_title(name: str) -> str:
    return {
        "passive_authentication": QCoreApplication.translate("VerificationBadges", "Issuer signature"),
        "chip_authentication": QCoreApplication.translate("VerificationBadges", "Genuine chip (CA)"),
        "active_authentication": QCoreApplication.translate("VerificationBadges", "Not a copy (AA)"),
        "mrz_check_digits": QCoreApplication.translate("VerificationBadges", "MRZ check digits"),
        "consistency": QCoreApplication.translate("VerificationBadges", "Data consistency"),
    }[name]


def status_text(s: Status) -> str:
    return {
        Status.VERIFIED: QCoreApplication.translate("VerificationBadges", "✔ verified"),
        Status.FAILED: QCoreApplication.translate("VerificationBadges", "✘ failed"),
        Status.NOT_CHECKED: QCoreApplication.translate("VerificationBadges", "– not checked"),
    }[s]


def plain_reason(name: str, check: Check) -> str:
    """The officer-facing explanation (the technical reason goes to the tooltip)."""
    if check.status is Status.VERIFIED:
        if check.reason in (reader.CA_UNANCHORED, reader.AA_UNANCHORED):
            # The chip holds the keys of its DG14/DG15, but no issuer vouches for them.
            return QCoreApplication.translate(
                "VerificationBadges", "The chip matches its data, but the issuer is not confirmed."
            )
        return {
            "passive_authentication": QCoreApplication.translate(
                "VerificationBadges", "Issued by the authority and unchanged."
            ),
            "active_authentication": QCoreApplication.translate(
                "VerificationBadges", "The chip is the original, not a copy."
            ),
            "chip_authentication": QCoreApplication.translate("VerificationBadges", "The chip is genuine."),
            "mrz_check_digits": QCoreApplication.translate(
                "VerificationBadges", "The printed code is internally consistent."
            ),
            "consistency": QCoreApplication.translate(
                "VerificationBadges", "ID number, date of birth and sex agree."
            ),
        }[name]
    if check.status is Status.FAILED:
        return {
            "passive_authentication": QCoreApplication.translate(
                "VerificationBadges",
                "The data may have been altered or the card was not issued by a trusted "
                "authority. Check the card by eye before using the data.",
            ),
            "active_authentication": QCoreApplication.translate(
                "VerificationBadges", "The chip may be a copy. Check the card by eye."
            ),
            "chip_authentication": QCoreApplication.translate(
                "VerificationBadges", "The chip may be a copy. Check the card by eye."
            ),
            "mrz_check_digits": QCoreApplication.translate(
                "VerificationBadges", "The card's code has errors."
            ),
            "consistency": QCoreApplication.translate(
                "VerificationBadges", "The card's data disagree with each other. Check by eye."
            ),
        }[name]
    return not_checked_text(check.reason)


def not_checked_text(reason: str) -> str:
    """Why a check was not made, in plain words (the core's own sentence stays in the tooltip)."""
    unsupported = QCoreApplication.translate(
        "VerificationBadges", "This app cannot check the algorithm this card uses."
    )
    not_offered = QCoreApplication.translate("VerificationBadges", "This card does not offer this check.")
    texts = {
        passive.NO_TRUST_STORE: QCoreApplication.translate(
            "VerificationBadges",
            "The issuer's certificate is not installed, so the signature origin cannot be confirmed.",
        ),
        reader.CHIP_KEY_UNSIGNED: QCoreApplication.translate(
            "VerificationBadges",
            "Not conclusive: the issuer's signature on the chip's data did not verify.",
        ),
        reader.NO_CA: not_offered,
        reader.NO_AA: not_offered,
        reader.AA_NOT_RUN: QCoreApplication.translate(
            "VerificationBadges", "Not run, because the chip check (CA) failed."
        ),
        reader.NO_DG13: QCoreApplication.translate(
            "VerificationBadges", "The card has no Vietnamese data group (DG13) to compare with."
        ),
        NOT_RUN_YET: QCoreApplication.translate("VerificationBadges", "Not run yet."),
    }
    for r in (
        passive.UNSUPPORTED_HASH,
        passive.UNSUPPORTED_DSC_KEY,
        passive.UNSUPPORTED_SIGNATURE,
        passive.UNSUPPORTED_CSCA,
        UNSUPPORTED_CA_KEY,
        UNSUPPORTED_AA_KEY,
        reader.CA_VARIANT_UNSUPPORTED,
        reader.AA_HASH_UNKNOWN,
        reader.AA_KEY_TYPE_UNSUPPORTED,
    ):
        texts[r] = unsupported
    if reason in texts:
        return texts[reason]
    head, _, tail = passive.no_anchor_reason("\0").partition("\0")
    if reason.startswith(head) and reason.endswith(tail):
        return QCoreApplication.translate(
            "VerificationBadges",
            "The certificate of the country that issued this card is not installed, "
            "so its origin cannot be confirmed.",
        )
    return error_text(reason)  # a sentence the window does not know is shown as it is


_COLOURS: dict[Status, Meaning] = {Status.VERIFIED: "ok", Status.FAILED: "error", Status.NOT_CHECKED: "muted"}


class VerificationBadges(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        for i, name in enumerate(Verification.CHECKS):
            title = QLabel(check_title(name), self)
            badge = QLabel(self)
            reason = QLabel(self)
            reason.setWordWrap(True)
            grid.addWidget(title, i, 0)
            grid.addWidget(badge, i, 1)
            grid.addWidget(reason, i, 2)
            grid.setColumnStretch(2, 1)
            self.rows[name] = (badge, reason)
        self.clear()

    def clear(self) -> None:
        for name, (badge, reason) in self.rows.items():
            badge.setText("…")
            badge.setAccessibleName(f"{check_title(name)}: …")
            badge.setStyleSheet("")
            reason.clear()
            reason.setToolTip("")

    def show(self, v: Verification) -> None:  # type: ignore[override]
        for name, (badge, reason) in self.rows.items():
            check: Check = getattr(v, name)
            badge.setText(status_text(check.status))
            badge.setStyleSheet(f"color: {colour(_COLOURS[check.status])}; font-weight: bold;")
            text = plain_reason(name, check)
            reason.setText(text)
            reason.setToolTip(check.reason)
            badge.setAccessibleName(f"{check_title(name)}: {status_text(check.status)}. {text}")

"""The citizen as read: every field with where it came from; sensitive fields marked."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from kiosk.citizen import CITIZEN_FIELDS, Citizen, Provenance
from ui.theme import Meaning, colour, high_contrast


def field_label(name: str) -> str:
    labels = {
        "id_number": QCoreApplication.translate("CitizenView", "ID number"),
        "full_name": QCoreApplication.translate("CitizenView", "Full name"),
        "date_of_birth": QCoreApplication.translate("CitizenView", "Date of birth"),
        "sex": QCoreApplication.translate("CitizenView", "Sex"),
        "nationality": QCoreApplication.translate("CitizenView", "Nationality"),
        "ethnicity": QCoreApplication.translate("CitizenView", "Ethnicity"),
        "religion": QCoreApplication.translate("CitizenView", "Religion"),
        "place_of_origin": QCoreApplication.translate("CitizenView", "Place of origin"),
        "place_of_residence": QCoreApplication.translate("CitizenView", "Place of residence"),
        "identifying_marks": QCoreApplication.translate("CitizenView", "Identifying marks"),
        "date_of_issue": QCoreApplication.translate("CitizenView", "Date of issue"),
        "date_of_expiry": QCoreApplication.translate("CitizenView", "Date of expiry"),
        "father_name": QCoreApplication.translate("CitizenView", "Father"),
        "mother_name": QCoreApplication.translate("CitizenView", "Mother"),
        "spouse_name": QCoreApplication.translate("CitizenView", "Spouse"),
        "old_id_number": QCoreApplication.translate("CitizenView", "Old ID (CMND)"),
    }
    return labels.get(name, name)


def provenance_text(p: Provenance) -> str:
    return {
        Provenance.CHIP_VERIFIED: QCoreApplication.translate("CitizenView", "chip, verified"),
        Provenance.CHIP_UNVERIFIED: QCoreApplication.translate("CitizenView", "chip, not verified"),
        Provenance.QR: QCoreApplication.translate("CitizenView", "QR code"),
        Provenance.TYPED: QCoreApplication.translate("CitizenView", "typed"),
        Provenance.DERIVED: QCoreApplication.translate("CitizenView", "derived"),
    }[p]


_PROV_COLOURS: dict[Provenance, Meaning] = {
    Provenance.CHIP_VERIFIED: "ok",
    Provenance.CHIP_UNVERIFIED: "warning",
    Provenance.QR: "info",
    Provenance.TYPED: "muted",
    Provenance.DERIVED: "muted",
}


def _extra_order(key: str) -> tuple[int, str]:
    tail = key[5:]
    return (int(tail), "") if key.startswith("dg13_") and tail.isdigit() else (1000, key)


def _date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


class CitizenView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.values: dict[str, QLabel] = {}
        self.sources: dict[str, QLabel] = {}
        for name in CITIZEN_FIELDS:
            value = QLabel(self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            source = QLabel(self)
            row = QWidget(self)
            from PySide6.QtWidgets import QHBoxLayout

            hl = QHBoxLayout(row)
            hl.setContentsMargins(0, 0, 0, 0)
            hl.addWidget(value, 1)
            hl.addWidget(source)
            label = field_label(name)
            if Citizen.is_sensitive(name):
                label += " " + self.tr("(sensitive)")
            self.form.addRow(label, row)
            self.values[name], self.sources[name] = value, source
        # What the chip holds beyond the known fields (a DG13 field added by a later card
        # generation, or a value that failed validation): shown raw rather than lost.
        self.extra = QLabel(self)
        self.extra.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.extra.setWordWrap(True)
        self.extra_title = QLabel(self.tr("Other data on the chip"), self)
        self.form.addRow(self.extra_title, self.extra)
        self.clear()

    def _show_extra(self, extra: dict[str, str]) -> None:
        lines = []
        for key, value in sorted(extra.items(), key=lambda kv: _extra_order(kv[0])):
            if key.startswith("dg13_") and key[5:].isdigit():
                title = self.tr("DG13 field %1").replace("%1", key[5:])
            else:
                title = self.tr("%1 (as on the chip)").replace("%1", field_label(key))
            lines.append(f"{title}: {value}")
        self.extra.setText("\n".join(lines))
        self.extra.setAccessibleName(self.extra_title.text() + ": " + "; ".join(lines))
        self.form.setRowVisible(self.extra, bool(lines))

    def clear(self) -> None:
        for name in CITIZEN_FIELDS:
            self.values[name].setText("—")
            self.values[name].setAccessibleName(field_label(name))
            self.sources[name].clear()
        self._show_extra({})

    def show_citizen(self, c: Citizen) -> None:
        self._show_extra(c.extra)
        for name in CITIZEN_FIELDS:
            v = c.get(name)
            if name == "date_of_expiry" and v is None and c.no_expiry:
                text = self.tr("No expiry (Không thời hạn)")
            elif v is None:
                text = "—"
            elif name in ("date_of_birth", "date_of_issue", "date_of_expiry"):
                text = _date(v)
            elif name == "sex":
                text = self.tr("Male") if v == "M" else self.tr("Female")
            else:
                text = v
            self.values[name].setText(text)
            prov = c.provenance(name)
            src = self.sources[name]
            if prov is None:
                src.clear()
                self.values[name].setAccessibleName(f"{field_label(name)}: {text}")
                continue
            src.setText(provenance_text(prov))
            size = 17 if high_contrast() else 12  # px: style sheets take no %
            src.setStyleSheet(f"color: {colour(_PROV_COLOURS[prov])}; font-size: {size}px;")
            self.values[name].setAccessibleName(f"{field_label(name)}: {text} ({provenance_text(prov)})")

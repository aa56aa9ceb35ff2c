"""First-run setup: unit, server, the administrator account; then the recovery key once,
on screen and as a printable A4 sheet (printed from memory or saved where the admin chooses)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.profile import Profile
from ui.dossier.tasks import run_task
from ui.dossier.widgets import accessible
from ui.errors import error_text


class FirstRunScreen(QWidget):
    completed = Signal()

    def __init__(self, profile: Profile, *, kiosk_mode: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self._task: Any = None
        self.stack = QStackedWidget(self)
        self.stack.setAccessibleName(self.tr("First-run setup"))
        # -- page 1: the form
        form_page = QWidget()
        form = QFormLayout(form_page)
        self.unit_name = QLineEdit()
        self.unit_code = QLineEdit()
        self.server = QLineEdit()
        self.admin = QLineEdit("admin")
        self.admin_full_name = QLineEdit()
        self.admin_full_name.setMaxLength(100)
        self.passphrase = QLineEdit()
        self.confirm = QLineEdit()
        for w in (self.passphrase, self.confirm):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.kiosk = QCheckBox(self.tr("Unattended self-service kiosk (keeps a secret in the OS keyring)"))
        rows = [
            (self.tr("Unit name"), self.unit_name),
            (self.tr("Unit code"), self.unit_code),
            (self.tr("Server address"), self.server),
            (self.tr("Administrator user name"), self.admin),
            (self.tr("Administrator full name (optional, printed on receipts)"), self.admin_full_name),
            (self.tr("Administrator passphrase"), self.passphrase),
            (self.tr("Repeat the passphrase"), self.confirm),
        ]
        for label, w in rows:
            accessible(w, label, kiosk_mode=kiosk_mode)
            form.addRow(label, w)
        accessible(self.kiosk, self.tr("Kiosk mode"), kiosk_mode=kiosk_mode)
        form.addRow(self.kiosk)
        self.create_button = QPushButton(self.tr("Create the encrypted store"))
        accessible(self.create_button, self.tr("Create the encrypted store"), kiosk_mode=kiosk_mode)
        form.addRow(self.create_button)
        self.message = QLabel("")
        self.message.setAccessibleName(self.tr("Setup message"))
        self.message.setWordWrap(True)
        form.addRow(self.message)
        # -- page 2: the recovery key, shown once
        key_page = QWidget()
        kl = QVBoxLayout(key_page)
        self.key_intro = QLabel(
            self.tr(
                "Print this recovery key now and keep it in the safe. "
                "It is shown only once and opens the store if every passphrase is lost."
            )
        )
        self.key_intro.setWordWrap(True)
        self.key_intro.setAccessibleName(self.tr("Recovery key instructions"))
        self.key_label = QLabel("")
        self.key_label.setAccessibleName(self.tr("Recovery key"))
        self.key_label.setStyleSheet("font-family: monospace; font-size: 20pt;")
        self.print_sheet_button = QPushButton(self.tr("Print the recovery sheet…"))
        accessible(self.print_sheet_button, self.tr("Print the recovery sheet"), kiosk_mode=kiosk_mode)
        self.save_sheet_button = QPushButton(self.tr("Save the recovery sheet as PDF…"))
        accessible(self.save_sheet_button, self.tr("Save the recovery sheet as PDF"), kiosk_mode=kiosk_mode)
        self.sheet_message = QLabel("")
        self.sheet_message.setAccessibleName(self.tr("Recovery sheet message"))
        self.sheet_message.setWordWrap(True)
        self.ack = QPushButton(self.tr("I have printed and stored the recovery key"))
        accessible(self.ack, self.tr("Recovery key stored"), kiosk_mode=kiosk_mode)
        kl.addWidget(self.key_intro)
        kl.addWidget(self.key_label)
        kl.addWidget(self.print_sheet_button)
        kl.addWidget(self.save_sheet_button)
        kl.addWidget(self.sheet_message)
        kl.addWidget(self.ack)
        kl.addStretch(1)
        self.stack.addWidget(form_page)
        self.stack.addWidget(key_page)
        title = QLabel(self.tr("Set up this computer"))
        title.setAccessibleName(title.text())
        # px, not setFont(): the kiosk style sheet's font-size would override the font.
        title.setStyleSheet(f"font-size: {30 if kiosk_mode else 22}px; font-weight: bold;")
        intro = QLabel(
            self.tr(
                "Everything this counter records is kept in an encrypted store on this computer. "
                "Enter the unit, the intake server given by the province IT team (it can be added "
                "later) and the administrator account; a recovery key is printed at the end."
            )
        )
        intro.setWordWrap(True)
        intro.setAccessibleName(self.tr("About the setup"))
        # A readable column in the middle of the screen rather than fields stretched edge to edge.
        column = QWidget(self)
        column.setMaximumWidth(1100 if kiosk_mode else 760)
        inner = QVBoxLayout(column)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addWidget(self.stack)
        inner.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(column, 4)
        layout.addStretch(1)
        self.create_button.clicked.connect(self.submit)
        self.ack.clicked.connect(self._acknowledged)
        self.print_sheet_button.clicked.connect(self.print_sheet)
        self.save_sheet_button.clicked.connect(self._save_clicked)
        self._recovery = ""  # the key, in memory only until the admin acknowledges it
        self._unit = ("", "")

    def submit(self) -> None:
        from kiosk.errors import KioskError
        from kiosk.security.keys import init_profile
        from kiosk.security.officers import normalise_full_name

        if self.passphrase.text() != self.confirm.text():
            self.message.setText(self.tr("The two passphrases differ; type them again."))
            return
        if not self.unit_code.text().strip():
            self.message.setText(self.tr("The unit code is required."))
            return
        try:
            # Checked before the passphrases are cleared, so a typo costs only the name.
            full_name = normalise_full_name(self.admin_full_name.text())
        except KioskError as exc:
            self.message.setText(error_text(exc))
            return
        args: dict[str, Any] = {
            "unit_name": self.unit_name.text().strip(),
            "unit_code": self.unit_code.text().strip(),
            "admin_username": self.admin.text().strip(),
            "admin_passphrase": self.passphrase.text(),
            "admin_full_name": full_name,
            "server_url": self.server.text().strip() or None,
            "kiosk": self.kiosk.isChecked(),
        }
        self._unit = (args["unit_name"], args["unit_code"])
        kdf = getattr(self, "kdf", None)  # tests lower the Argon2 cost
        if kdf is not None:
            args["kdf"] = kdf
        self.passphrase.clear()
        self.confirm.clear()
        self.create_button.setEnabled(False)
        self.message.setText(self.tr("Creating the store…"))
        self._task = run_task(lambda: init_profile(self.profile, **args), self._done, self._failed)

    def _done(self, recovery: Any) -> None:
        self._recovery = str(recovery)
        self.key_label.setText(self._recovery)
        self.stack.setCurrentIndex(1)
        self.print_sheet_button.setFocus()

    def _sheet_pdf(self) -> bytes:
        from kiosk.security.recovery_sheet import render_recovery_sheet, sheet_for

        return render_recovery_sheet(sheet_for(self.profile, *self._unit, self._recovery))

    def print_sheet(self) -> bool:
        """Print the sheet straight from memory (no file anywhere)."""
        from ui.forms.pdf_preview import print_pdf

        if not self._recovery:
            return False
        done = print_pdf(self._sheet_pdf(), self)
        self.sheet_message.setText(
            self.tr("The recovery sheet was sent to the printer.")
            if done
            else self.tr("Not printed (cancelled or no printer).")
        )
        return done

    def _save_clicked(self) -> None:
        self.save_sheet()  # clicked(bool) must not become the path

    def save_sheet(self, path: str | None = None) -> Path | None:
        """Save the sheet as a PDF where the admin chooses (not in the profile or temp folder)."""
        from kiosk.errors import KioskError
        from kiosk.security.recovery_sheet import save_recovery_sheet

        if not self._recovery:
            return None
        if path is None:
            suggested = Path.home() / f"recovery-key-{self._unit[1] or 'unit'}.pdf"
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save the recovery sheet"), str(suggested), self.tr("PDF files (*.pdf)")
            )
            if not path:
                return None
        try:
            saved = save_recovery_sheet(path, self._sheet_pdf(), self.profile)
        except KioskError as exc:
            self.sheet_message.setText(error_text(exc))
            return None
        self.sheet_message.setText(
            self.tr("Saved to {0}. Print it, then delete the file.").format(str(saved))
        )
        return saved

    def _failed(self, message: str) -> None:
        self.create_button.setEnabled(True)
        self.message.setText(message)

    def _acknowledged(self) -> None:
        self.key_label.clear()  # the key leaves the screen and memory: it cannot be shown again
        self._recovery = ""
        self.sheet_message.clear()
        self.completed.emit()

"""First-run setup: unit, server, the administrator account; then the recovery key once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
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
        self.ack = QPushButton(self.tr("I have printed and stored the recovery key"))
        accessible(self.ack, self.tr("Recovery key stored"), kiosk_mode=kiosk_mode)
        kl.addWidget(self.key_intro)
        kl.addWidget(self.key_label)
        kl.addWidget(self.ack)
        kl.addStretch(1)
        self.stack.addWidget(form_page)
        self.stack.addWidget(key_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.create_button.clicked.connect(self.submit)
        self.ack.clicked.connect(self._acknowledged)

    def submit(self) -> None:
        from kiosk.security.keys import init_profile

        if self.passphrase.text() != self.confirm.text():
            self.message.setText(self.tr("The two passphrases differ; type them again."))
            return
        if not self.unit_code.text().strip():
            self.message.setText(self.tr("The unit code is required."))
            return
        args: dict[str, Any] = {
            "unit_name": self.unit_name.text().strip(),
            "unit_code": self.unit_code.text().strip(),
            "admin_username": self.admin.text().strip(),
            "admin_passphrase": self.passphrase.text(),
            "server_url": self.server.text().strip() or None,
            "kiosk": self.kiosk.isChecked(),
        }
        kdf = getattr(self, "kdf", None)  # tests lower the Argon2 cost
        if kdf is not None:
            args["kdf"] = kdf
        self.passphrase.clear()
        self.confirm.clear()
        self.create_button.setEnabled(False)
        self.message.setText(self.tr("Creating the store…"))
        self._task = run_task(lambda: init_profile(self.profile, **args), self._done, self._failed)

    def _done(self, recovery: Any) -> None:
        self.key_label.setText(str(recovery))
        self.stack.setCurrentIndex(1)
        self.ack.setFocus()

    def _failed(self, message: str) -> None:
        self.create_button.setEnabled(True)
        self.message.setText(message)

    def _acknowledged(self) -> None:
        self.key_label.clear()  # the key leaves the screen
        self.completed.emit()

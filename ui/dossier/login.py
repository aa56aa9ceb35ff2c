"""Login and lock screens."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.profile import Profile
from ui.dossier.tasks import run_task
from ui.dossier.widgets import accessible


class LoginScreen(QWidget):
    """User name + passphrase; unlocking (Argon2id) runs in a worker thread."""

    unlocked = Signal(object, object)  # Store, OfficerSession

    def __init__(self, profile: Profile, *, kiosk_mode: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self._task: Any = None
        self.title = QLabel(self.tr("Sign in to open the dossiers"))
        self.title.setAccessibleName(self.tr("Sign in"))
        self.user = QLineEdit("admin")
        accessible(self.user, self.tr("User name"), kiosk_mode=kiosk_mode)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        accessible(self.passphrase, self.tr("Passphrase"), kiosk_mode=kiosk_mode)
        self.button = QPushButton(self.tr("Unlock"))
        accessible(self.button, self.tr("Unlock"), kiosk_mode=kiosk_mode)
        self.button.setDefault(True)
        self.message = QLabel("")
        self.message.setAccessibleName(self.tr("Sign-in message"))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.button)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.button.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)

    def submit(self) -> None:
        from kiosk.security.keys import unlock_with_passphrase

        user, secret = self.user.text().strip(), self.passphrase.text()
        self.passphrase.clear()  # the passphrase does not stay in the widget
        self.button.setEnabled(False)
        self.message.setText(self.tr("Unlocking…"))
        self._task = run_task(
            lambda: unlock_with_passphrase(self.profile, user, secret), self._done, self._failed
        )

    def _done(self, result: Any) -> None:
        self.button.setEnabled(True)
        self.message.setText("")
        store, session = result
        self.unlocked.emit(store, session)

    def _failed(self, message: str) -> None:
        self.button.setEnabled(True)
        self.message.setText(message)
        self.passphrase.setFocus()

    def clear(self) -> None:
        self.passphrase.clear()
        self.message.clear()


class LockScreen(QWidget):
    """Shown after the idle timeout: the same officer re-enters the passphrase."""

    unlocked = Signal()

    def __init__(self, session: Any, *, kiosk_mode: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._task: Any = None
        self.title = QLabel(
            self.tr("Locked after inactivity. Enter the passphrase of %1 to continue.").replace(
                "%1", session.username
            )
        )
        self.title.setAccessibleName(self.tr("Locked"))
        self.title.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        accessible(self.passphrase, self.tr("Passphrase"), kiosk_mode=kiosk_mode)
        self.button = QPushButton(self.tr("Unlock"))
        accessible(self.button, self.tr("Unlock"), kiosk_mode=kiosk_mode)
        self.message = QLabel("")
        self.message.setAccessibleName(self.tr("Unlock message"))
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.button)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.button.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)

    def submit(self) -> None:
        secret = self.passphrase.text()
        self.passphrase.clear()
        self.button.setEnabled(False)
        self._task = run_task(lambda: self.session.unlock(secret), self._done, self._failed)

    def _done(self, _result: Any) -> None:
        self.button.setEnabled(True)
        self.message.clear()
        self.unlocked.emit()

    def _failed(self, message: str) -> None:
        self.button.setEnabled(True)
        self.message.setText(message)

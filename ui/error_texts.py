# ruff: noqa: E501  (whole sentences: lupdate reads each literal as written)
"""Messages of the core's errors, marked for Qt Linguist (context "KioskError").

The domain core (kiosk/, sync/) raises errors with one English sentence and knows nothing
of Qt; the window shows them through :func:`ui.errors.error_text`, which looks the sentence
up here. Numbers inside a sentence are written %1 (see the patterns in ui/errors.py). A test
checks that each entry still matches a sentence the core can raise.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

MESSAGES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("KioskError", "The user name or passphrase is not right; check them and try again."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The passphrase or key does not open this store; check it and try again, or unlock with the recovery key.",
    ),
    QT_TRANSLATE_NOOP("KioskError", "Too many wrong passphrases; try again in %1 seconds."),
    QT_TRANSLATE_NOOP("KioskError", "The session is locked; unlock it with your passphrase."),
    QT_TRANSLATE_NOOP("KioskError", "The store is locked; unlock it to continue."),
    QT_TRANSLATE_NOOP("KioskError", "The disk is full; free some space and try again (nothing was lost)."),
    QT_TRANSLATE_NOOP(
        "KioskError", "The store file is damaged; restore it from a backup (the attachments folder is kept)."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The store file is missing or empty; restore store.db from a backup (keys.json is intact).",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The key file does not belong to this store; restore the matching keys.json."
    ),
    QT_TRANSLATE_NOOP("KioskError", "This profile is not set up yet; run 'kiosk admin init' first."),
    QT_TRANSLATE_NOOP("KioskError", "The recovery key is not right; check it against the printed sheet."),
    QT_TRANSLATE_NOOP(
        "KioskError", "A recovery key has 30 letters and digits in six groups; check it and try again."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "Group %1 of the recovery key does not match its check character; compare it with the printed sheet.",
    ),
    QT_TRANSLATE_NOOP("KioskError", "This profile has no recovery key."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "No OS keyring is available (Windows Credential Manager or a Secret Service such as GNOME Keyring); install and unlock one, or unlock this kiosk with an officer passphrase.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The OS keyring refused to store the kiosk secret; unlock the keyring and try again."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The kiosk secret in the OS keyring does not open this store; an admin must run 'kiosk admin rekey --machine-secret'.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The kiosk secret is missing from the OS keyring; an admin must unlock and run 'kiosk admin rekey --machine-secret'.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "This profile has no kiosk machine secret; run 'kiosk admin rekey --machine-secret' as admin.",
    ),
    QT_TRANSLATE_NOOP("KioskError", "Only an administrator can manage officers and keys."),
    QT_TRANSLATE_NOOP("KioskError", "An officer with that user name exists already; choose another name."),
    QT_TRANSLATE_NOOP("KioskError", "No officer has that user name."),
    QT_TRANSLATE_NOOP("KioskError", "A user name is 1-64 letters, digits, '.', '_', '-' or '@'."),
    QT_TRANSLATE_NOOP(
        "KioskError", "The last administrator cannot be removed; add another administrator first."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The unit code is required (for example the commune's code)."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The citizen's consent to read the chip is not recorded; ask for it before reading the card.",
    ),
    QT_TRANSLATE_NOOP("KioskError", "This kiosk can only open the dossier of the citizen it is serving."),
    QT_TRANSLATE_NOOP("KioskError", "This account can only open the dossiers it created."),
    QT_TRANSLATE_NOOP("KioskError", "No dossier with that id exists in this store."),
    QT_TRANSLATE_NOOP("KioskError", "A purged dossier has nothing left to send."),
    QT_TRANSLATE_NOOP("KioskError", "An attachment does not match its recorded checksum; re-scan the paper."),
    QT_TRANSLATE_NOOP("KioskError", "An attachment file is damaged or was tampered with; re-scan the paper."),
    QT_TRANSLATE_NOOP("KioskError", "An attachment file is damaged; re-scan the paper."),
    QT_TRANSLATE_NOOP(
        "KioskError", "An attachment file is missing; restore the profile from a backup or re-scan the paper."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "This scanner driver is not available on this computer; use the scanner list shown."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The scanner was not found; check that it is switched on and connected, then list the devices again.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The scanner refused one of the driver options; check the option names and values."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The scanner is warming up; wait a moment and scan again."),
    QT_TRANSLATE_NOOP("KioskError", "The scanner is offline; switch it on, check the cable and scan again."),
    QT_TRANSLATE_NOOP("KioskError", "The document feeder is empty; put the papers in and scan again."),
    QT_TRANSLATE_NOOP("KioskError", "The scanner is empty; put the papers in and scan again."),
    QT_TRANSLATE_NOOP(
        "KioskError", "Paper jammed at page %1; open the feeder, remove the paper and scan the rest again."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The scanner cover is open; close it and scan again."),
    QT_TRANSLATE_NOOP("KioskError", "The scanner is busy with another program; wait or close that program."),
    QT_TRANSLATE_NOOP("KioskError", "The scan was cancelled at the scanner."),
    QT_TRANSLATE_NOOP("KioskError", "The scan was cancelled; the scanner may need its papers removed."),
    QT_TRANSLATE_NOOP(
        "KioskError", "Access to the scanner was denied; ask the administrator for scanner permission."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The scanner rejected the settings; choose another resolution or source."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The scanner reported a device error; switch it off and on, then try again."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "This device is not enrolled; run `kiosk enrol URL CODE` with a code from the server administrator.",
    ),
    QT_TRANSLATE_NOOP("KioskError", "The device signing key is missing; enrol the device again."),
    QT_TRANSLATE_NOOP("KioskError", "The device signing key file is damaged; enrol the device again."),
    QT_TRANSLATE_NOOP("KioskError", "The device key does not belong to this store; enrol the device again."),
    QT_TRANSLATE_NOOP("KioskError", "The device enrolment file is damaged; enrol the device again."),
)

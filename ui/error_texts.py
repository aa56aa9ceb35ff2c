# ruff: noqa: E501  (whole sentences: lupdate reads each literal as written)
"""Messages of the core's errors, marked for Qt Linguist (context "KioskError").

The domain core (kiosk/, sync/) raises errors with one English sentence and knows nothing
of Qt; the window shows them through :func:`ui.errors.error_text`, which looks the sentence
up here. A variable part (a number, a file name, a status code) is written %1, %2...; the
sentence is matched against the template (ui/errors.py). Short phrases the core puts into a
sentence (a dossier state, a scanner driver, what a kiosk may not do) are listed too, so the
value is translated as well. A test checks that each entry still matches text the core can
raise, and another that each one has a finished Vietnamese translation.
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
        "KioskError",
        "A full name is 1-100 Latin letters (Vietnamese diacritics included), spaces, apostrophes or hyphens.",
    ),
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
        "Scanner support is not installed on this computer; install the Debian packages sane-utils and libsane1 and the Python package python-sane (pip install 'mot-cua-kiosk[sane]'), then list the devices again.",
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
    # -- Card: the key typed or scanned at the counter (ID number, CAN, QR, MRZ)
    QT_TRANSLATE_NOOP("KioskError", "The ID number must be exactly 12 digits."),
    QT_TRANSLATE_NOOP("KioskError", "The card access number (CAN) must be 6 digits (the last 6 of the ID)."),
    QT_TRANSLATE_NOOP(
        "KioskError", "The QR text was not recognised; scan the QR code on the front of the card again."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The QR text does not start with a 12-digit ID number; scan it again."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "A field of the QR text is not in the expected form; scan the QR code again or type the ID number.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The MRZ contains a character that is not allowed (only A-Z, 0-9 and <)."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The MRZ must be 3 lines of 30, or 2 lines of 36 or 44 characters."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The MRZ document number does not match its check digit; compare the lines with the back of the card.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The MRZ date of birth does not match its check digit; compare the lines with the back of the card.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The MRZ date of expiry does not match its check digit; compare the lines with the back of the card.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The MRZ document number is not the last 9 digits of the ID number; compare the lines with the back of the card.",
    ),
    # -- Card: reading (errors the reader panel has no sentence of its own for)
    QT_TRANSLATE_NOOP("KioskError", "Another program is using the card reader; close it and try again."),
    QT_TRANSLATE_NOOP("KioskError", "The card reader timed out; try again."),
    QT_TRANSLATE_NOOP("KioskError", "The operation was cancelled."),
    QT_TRANSLATE_NOOP("KioskError", "The card reader reported error 0x%1; try again."),
    QT_TRANSLATE_NOOP("KioskError", "The card has no file %1."),
    QT_TRANSLATE_NOOP("KioskError", "The card does not allow reading file %1."),
    QT_TRANSLATE_NOOP("KioskError", "The card refused %1 (status %2); lift the card and place it again."),
    QT_TRANSLATE_NOOP("KioskError", "selecting a file"),
    QT_TRANSLATE_NOOP("KioskError", "reading a file"),
    QT_TRANSLATE_NOOP(
        "KioskError", "The card gave a malformed answer while a file was read; place the card again."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The card ended a file early; place the card again."),
    QT_TRANSLATE_NOOP(
        "KioskError", "The card's data is malformed (%1); the card may be damaged or not an ID card."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The card gave an answer of the wrong length during authentication (BAC); place the card again.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The card did not start authentication (BAC, status %1); place the card again."
    ),
    QT_TRANSLATE_NOOP("KioskError", "BAC authentication failed with status %1; place the card again."),
    QT_TRANSLATE_NOOP("KioskError", "PACE failed with status %1; place the card again."),
    QT_TRANSLATE_NOOP(
        "KioskError", "Authentication with the card failed (PACE mapping); place the card again."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The card gave a malformed answer during authentication (PACE); place the card again."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The card's answer during authentication (PACE) was incomplete; place the card again."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The card answered authentication with the terminal's own key (PACE); it may not be genuine.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The card sent its key in an unknown form during authentication; place the card again."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The card sent an invalid key during authentication; place the card again."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The card's protected answer was damaged (block size); place the card again."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The card's protected answer was damaged (padding); place the card again."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The card's protected answer was damaged (structure); place the card again."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The card's protected answer was damaged (no MAC); place the card again."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The card's protected answer was damaged (padding indicator); place the card again."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The card's response failed its integrity check; place the card again."),
    QT_TRANSLATE_NOOP("KioskError", "%1 is not a certificate or ICAO master list."),
    # -- Store, keys and the recovery sheet
    QT_TRANSLATE_NOOP("KioskError", "The store could not complete the operation (%1)."),
    QT_TRANSLATE_NOOP("KioskError", "The store is busy in another window or process; try again in a moment."),
    QT_TRANSLATE_NOOP(
        "KioskError", "The store file cannot be opened; check that the profile folder exists and is writable."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The store cannot be written (read-only folder or file); check its permissions."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "This store was written by a newer version of the app; update the app before opening it.",
    ),
    QT_TRANSLATE_NOOP("KioskError", "A dossier in state '%1' cannot move to '%2'."),
    QT_TRANSLATE_NOOP("KioskError", "A dossier in state '%1' cannot be edited."),
    QT_TRANSLATE_NOOP("KioskError", "draft"),
    QT_TRANSLATE_NOOP("KioskError", "received"),
    QT_TRANSLATE_NOOP("KioskError", "queued"),
    QT_TRANSLATE_NOOP("KioskError", "uploading"),
    QT_TRANSLATE_NOOP("KioskError", "synced"),
    QT_TRANSLATE_NOOP("KioskError", "quarantined"),
    QT_TRANSLATE_NOOP("KioskError", "withdrawn"),
    QT_TRANSLATE_NOOP("KioskError", "archived"),
    QT_TRANSLATE_NOOP("KioskError", "purged"),
    QT_TRANSLATE_NOOP("KioskError", "A self-service kiosk cannot %1; ask an officer at the counter."),
    QT_TRANSLATE_NOOP("KioskError", "change store settings"),
    QT_TRANSLATE_NOOP("KioskError", "read the processing log"),
    QT_TRANSLATE_NOOP("KioskError", "list dossiers"),
    QT_TRANSLATE_NOOP("KioskError", "count dossiers"),
    QT_TRANSLATE_NOOP("KioskError", "purge dossiers"),
    QT_TRANSLATE_NOOP("KioskError", "use the sync queue"),
    QT_TRANSLATE_NOOP("KioskError", "search dossiers"),
    QT_TRANSLATE_NOOP("KioskError", "use the store's keys"),
    QT_TRANSLATE_NOOP("KioskError", "manage keys"),
    QT_TRANSLATE_NOOP("KioskError", "The sync service can only export dossiers waiting in the outbox."),
    QT_TRANSLATE_NOOP("KioskError", "No attachment with that id exists in this store."),
    QT_TRANSLATE_NOOP("KioskError", "No paper with that id belongs to this dossier."),
    QT_TRANSLATE_NOOP(
        "KioskError", "That paper already has its digitised copy; record a new scan as another paper."
    ),
    QT_TRANSLATE_NOOP("KioskError", "An item number is a whole number from 1."),
    QT_TRANSLATE_NOOP("KioskError", "That dossier is not in the outbox."),
    QT_TRANSLATE_NOOP("KioskError", "The dossier is not in the outbox."),
    QT_TRANSLATE_NOOP("KioskError", "An attachment file could not be written or read (%1)."),
    QT_TRANSLATE_NOOP("KioskError", "The key file %1 has an unknown format; update the app."),
    QT_TRANSLATE_NOOP("KioskError", "The key file names an unknown key derivation; update the app."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The key file %1 is damaged and so is its copy %2; restore both from a backup of the profile folder (the recovery key is kept inside them).",
    ),
    QT_TRANSLATE_NOOP("KioskError", "The key file could not be written (%1); check the profile folder."),
    QT_TRANSLATE_NOOP("KioskError", "A passphrase needs at least %1 characters."),
    QT_TRANSLATE_NOOP(
        "KioskError", "This profile is already set up; use 'kiosk admin add-officer' or another --profile."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The recovery sheet is a PDF; give a file name ending in .pdf."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The recovery sheet cannot be saved in the profile or the temporary folder; choose a folder you will clear after printing (for example a USB stick).",
    ),
    QT_TRANSLATE_NOOP("KioskError", "The folder %1 does not exist; create it or choose another."),
    QT_TRANSLATE_NOOP("KioskError", "%1 exists already; choose a new file name (nothing was overwritten)."),
    QT_TRANSLATE_NOOP("KioskError", "The recovery sheet could not be written (%1); choose another place."),
    # -- Forms: saving, printing, addresses, receipt
    QT_TRANSLATE_NOOP("KioskError", "The form is not complete yet; check these fields: %1."),
    QT_TRANSLATE_NOOP("KioskError", "Choose between the card and the typed value first for: %1."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "A value is too long to print in its place on the form; shorten the longest entry and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The PDF could not be written (%1); check the output folder and free space."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The font file %1 is missing; reinstall the application assets."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "Commune %1 is not one of the communes the old ward %2 went into; pick one of the proposed communes.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The old ward was split between several communes; the officer must choose one."
    ),
    QT_TRANSLATE_NOOP("KioskError", "There is no pre-2025 province with code %1."),
    QT_TRANSLATE_NOOP("KioskError", "There is no current province with code %1."),
    QT_TRANSLATE_NOOP("KioskError", "There is no current commune with code %1."),
    QT_TRANSLATE_NOOP("KioskError", "There is no pre-2025 ward with code %1 (edition %2)."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The administrative-unit data in %1 is missing or damaged; reinstall the application assets.",
    ),
    QT_TRANSLATE_NOOP("KioskError", "There is no public-holiday data for %1; add that year to %2."),
    QT_TRANSLATE_NOOP("KioskError", "The holiday file %1 cannot be read (%2)."),
    QT_TRANSLATE_NOOP("KioskError", "The receipt needs a dossier code (provisional or official)."),
    QT_TRANSLATE_NOOP("KioskError", "The processing time cannot be negative."),
    QT_TRANSLATE_NOOP("KioskError", "The processing time and the number of dossiers must be whole numbers."),
    QT_TRANSLATE_NOOP("KioskError", "The number of dossiers must be at least 1."),
    QT_TRANSLATE_NOOP("KioskError", "Component %1 has an unknown copy kind '%2'; use one of: %3."),
    QT_TRANSLATE_NOOP(
        "KioskError", "Component %1: the number of copies must be a whole number of at least 1."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The appointment (%1) is before the reception (%2)."),
    QT_TRANSLATE_NOOP("KioskError", "No version of form '%1' is in force on %2: %3."),
    QT_TRANSLATE_NOOP("KioskError", "The receipt could not be made (%1)."),
    # -- Scan: capture, import, OCR, PDF/A, signing
    QT_TRANSLATE_NOOP("KioskError", "The scan was cancelled."),
    QT_TRANSLATE_NOOP("KioskError", "This scanner has no flatbed source; choose another source."),
    QT_TRANSLATE_NOOP("KioskError", "This scanner has no document feeder; choose another source."),
    QT_TRANSLATE_NOOP("KioskError", "This scanner has no duplex source; choose another source."),
    QT_TRANSLATE_NOOP("KioskError", "This scanner does not offer the chosen source; choose another source."),
    QT_TRANSLATE_NOOP("KioskError", "The %1 stopped unexpectedly (%2); restart the scanner and try again."),
    QT_TRANSLATE_NOOP("KioskError", "The %1 failed (%2); restart the scanner and try again."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The %1 did not respond for %2 seconds and was stopped; check the scanner's cable and power, then try again.",
    ),
    QT_TRANSLATE_NOOP("KioskError", "scanner driver"),
    QT_TRANSLATE_NOOP("KioskError", "SANE driver"),
    QT_TRANSLATE_NOOP("KioskError", "TWAIN scanner driver"),
    QT_TRANSLATE_NOOP("KioskError", "WIA scanner driver"),
    QT_TRANSLATE_NOOP("KioskError", "exit code %1"),
    QT_TRANSLATE_NOOP(
        "KioskError", "This PDF needs pdftoppm (poppler-utils) to be imported; install it or scan the papers."
    ),
    QT_TRANSLATE_NOOP("KioskError", "Page %1 of the PDF could not be rendered; export the PDF again."),
    QT_TRANSLATE_NOOP("KioskError", "The PDF has no pages."),
    QT_TRANSLATE_NOOP(
        "KioskError", "The file is not a readable image or PDF; export it again as JPEG, PNG or PDF."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The image is too large to be a document page; scan it again."),
    QT_TRANSLATE_NOOP(
        "KioskError", "The PDF is password-protected; remove the password and import it again."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The PDF is damaged; export it again from its source."),
    QT_TRANSLATE_NOOP("KioskError", "A page image in the PDF is damaged; export the PDF again."),
    QT_TRANSLATE_NOOP("KioskError", "The file %1 does not exist; check the name."),
    QT_TRANSLATE_NOOP("KioskError", "The file %1 cannot be read; check its permissions."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "This camera gives at most %1 dpi on an A4 page, below the legal %2 dpi; use a scanner or a camera of at least %3 megapixels.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "Tesseract is not installed, so PDFs get no text layer; install tesseract-ocr."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The Tesseract '%1' language model is missing, so PDFs get no text layer; install tesseract-ocr-%1.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "Tesseract does not start, so PDFs get no text layer; reinstall tesseract-ocr."
    ),
    QT_TRANSLATE_NOOP("KioskError", "Tesseract failed on a page; check the tesseract-ocr installation."),
    QT_TRANSLATE_NOOP("KioskError", "OCR took longer than %1 seconds on a page; try a lower resolution."),
    QT_TRANSLATE_NOOP("KioskError", "The OCR result does not match the pages; run OCR again."),
    QT_TRANSLATE_NOOP(
        "KioskError", "There are no pages to put in the PDF; scan or import at least one page."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The OCR layer could not be read; run OCR again."),
    QT_TRANSLATE_NOOP("KioskError", "The OCR layer has the wrong number of pages; run OCR again."),
    QT_TRANSLATE_NOOP(
        "KioskError", "The PDF does not meet the legal digitisation format (%1); scan it again."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The PDF is encrypted; PDF/A forbids encryption."),
    QT_TRANSLATE_NOOP("KioskError", "The file is not a readable PDF."),
    QT_TRANSLATE_NOOP("KioskError", "The PDF does not declare PDF/A-2 or PDF/A-3 in its metadata."),
    QT_TRANSLATE_NOOP(
        "KioskError", "The document information and the XMP metadata disagree; PDF/A needs them equal."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The PDF has no PDF/A output intent (colour profile)."),
    QT_TRANSLATE_NOOP("KioskError", "The PDF has no page images; it is not a scanned document."),
    QT_TRANSLATE_NOOP("KioskError", "A font is not embedded; PDF/A requires every font to be embedded."),
    QT_TRANSLATE_NOOP("KioskError", "A page is scanned at %1 dpi; at least %2 dpi is required."),
    QT_TRANSLATE_NOOP("KioskError", "A page image has transparency; PDF/A-2b pages must be opaque."),
    QT_TRANSLATE_NOOP("KioskError", "An annotation is not set to print; PDF/A requires the print flag."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The font %1 is missing; reinstall the application or install the fonts-liberation2 package.",
    ),
    QT_TRANSLATE_NOOP("KioskError", "The scanned page could not be parked on disk; free some disk space."),
    QT_TRANSLATE_NOOP("KioskError", "A parked page is damaged or missing; scan that page again."),
    QT_TRANSLATE_NOOP("KioskError", "The key id is empty; give the hexadecimal id of the signing key."),
    QT_TRANSLATE_NOOP("KioskError", "The key id must be hexadecimal, e.g. 0a0b or 0A:0B."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The token driver (PKCS#11 module) could not be loaded; check the module path given by the CA.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The token driver (PKCS#11 module) failed to start; reinstall the CA's driver."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The token driver (PKCS#11 module) could not be loaded; check its path."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "No plugged-in token holds a certificate with that key id; plug in the token or check the id with 'kiosk scan keys --pkcs11 MODULE'.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "Several tokens hold a key with that id; unplug the others and try again."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The token PIN is wrong; check it (the token locks after a few wrong tries)."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The token PIN is locked; ask the certificate authority to unlock it."),
    QT_TRANSLATE_NOOP("KioskError", "The token refused the login (%1); unplug and replug it."),
    QT_TRANSLATE_NOOP("KioskError", "The certificate for that key id cannot be read from the token."),
    QT_TRANSLATE_NOOP("KioskError", "The file is not a readable PDF; assemble the PDF again before signing."),
    QT_TRANSLATE_NOOP("KioskError", "The PDF is encrypted; sign the unencrypted PDF/A produced by the scan."),
    QT_TRANSLATE_NOOP("KioskError", "Signing failed (%1); check the token and the key id."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The PDF is already signed; sign the unsigned PDF/A, since nothing may change a signed file.",
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The PDF's first page has no page size; assemble the PDF again before signing."
    ),
    QT_TRANSLATE_NOOP(
        "KioskError", "The timestamp server did not answer; check its address or sign without it."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The signed content was changed after signing."),
    QT_TRANSLATE_NOOP("KioskError", "The signature value does not match the signer's certificate."),
    QT_TRANSLATE_NOOP("KioskError", "The signature covers only part of the file."),
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The pages or the document structure were changed after signing; the file is not what was signed.",
    ),
    # -- Sync: device, transport, and the intake server's reasons shown for a quarantined dossier
    QT_TRANSLATE_NOOP(
        "KioskError",
        "The device signing key was written by a newer version of the kiosk; update it or enrol again.",
    ),
    QT_TRANSLATE_NOOP("KioskError", "The server answered HTTP %1."),
    QT_TRANSLATE_NOOP(
        "KioskError", "The server's TLS certificate is not trusted; check the CA bundle set at enrolment."
    ),
    QT_TRANSLATE_NOOP("KioskError", "The server at %1 cannot be reached (%2)."),
    QT_TRANSLATE_NOOP("KioskError", "A base64 field of the envelope is malformed."),
    QT_TRANSLATE_NOOP("KioskError", "A sealed file is truncated."),
    QT_TRANSLATE_NOOP("KioskError", "A sealed file failed its integrity check (tampered or truncated)."),
    QT_TRANSLATE_NOOP("KioskError", "The dossier key cannot be unwrapped with this server key."),
    QT_TRANSLATE_NOOP("KioskError", "The manifest is not valid JSON."),
    QT_TRANSLATE_NOOP("KioskError", "The manifest is not a JSON object."),
    QT_TRANSLATE_NOOP("KioskError", "Manifest schema %1 is not supported (expected 1)."),
    QT_TRANSLATE_NOOP("KioskError", "The manifest must list between 1 and 1000 files."),
    QT_TRANSLATE_NOOP("KioskError", "The manifest lacks a required field or has a wrong type."),
    QT_TRANSLATE_NOOP("KioskError", "The manifest chunk size is too small."),
    QT_TRANSLATE_NOOP("KioskError", "The manifest file ids must be f0, f1, ... in order."),
    QT_TRANSLATE_NOOP("KioskError", "A manifest file's sealed size does not match its plaintext size."),
    QT_TRANSLATE_NOOP("KioskError", "The manifest signature does not verify with the device's enrolled key."),
    QT_TRANSLATE_NOOP("KioskError", "The manifest names another device."),
    QT_TRANSLATE_NOOP("KioskError", "The Idempotency-Key must be the dossier UUID."),
    QT_TRANSLATE_NOOP("KioskError", "The envelope is sealed to a key this server does not hold."),
    QT_TRANSLATE_NOOP("KioskError", "The server already holds different content for this dossier UUID."),
    QT_TRANSLATE_NOOP(
        "KioskError", "The server already holds different content for this dossier UUID (official code %1)."
    ),
    QT_TRANSLATE_NOOP("KioskError", "No dossier with this UUID was received from this device."),
    QT_TRANSLATE_NOOP("KioskError", "The dossier has no file with this id."),
    QT_TRANSLATE_NOOP("KioskError", "A chunk must hold between 1 byte and %1 bytes."),
    QT_TRANSLATE_NOOP("KioskError", "The chunk runs past the end of the file."),
    QT_TRANSLATE_NOOP("KioskError", "A file does not match the SHA-256 in its signed manifest."),
    QT_TRANSLATE_NOOP("KioskError", "A chunk needs Upload-Offset, Chunk-SHA256 and X-Manifest-SHA256."),
    QT_TRANSLATE_NOOP("KioskError", "Upload-Offset and Content-Length must be integers."),
    QT_TRANSLATE_NOOP("KioskError", "The chunk length does not match Content-Length."),
)

"""The form screen: pre-filled fields marked by source, problems highlighted, preview and print."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.citizen import Citizen, Provenance
from kiosk.errors import KioskError
from kiosk.forms.addresses import admin_units
from kiosk.forms.prefill import FilledForm
from kiosk.forms.render import render_pdf
from kiosk.forms.schema import FormDef
from kiosk.forms.session import FormSession
from kiosk.forms.validate import Problem, validate
from kiosk.privacy import mask_id
from ui.errors import error_text
from ui.forms.address_picker import AddressPickerDialog
from ui.forms.pdf_preview import PdfPreview, print_pdf
from ui.theme import colour, field_error_style, field_warning_style, high_contrast

# Background of a table cell with a problem, officer style / kiosk high contrast (white text).
_CELL_PROBLEM = {
    "error": {False: "#ffd6d6", True: "#7a0010"},
    "warning": {False: "#ffefc2", True: "#5c4700"},
}


class _RenderSignals(QObject):
    done = Signal(int, bytes)
    failed = Signal(int, str)


class _RenderTask(QRunnable):
    """Renders off the Qt main thread; ``ticket`` drops results that a newer request replaced."""

    def __init__(self, ticket: int, filled: list[FilledForm]) -> None:
        super().__init__()
        self.ticket, self.filled, self.signals = ticket, filled, _RenderSignals()

    def run(self) -> None:
        try:
            buf = io.BytesIO()
            render_pdf(self.filled, buf)
            self.signals.done.emit(self.ticket, buf.getvalue())
        except KioskError as exc:
            self.signals.failed.emit(self.ticket, error_text(exc))


class FormScreen(QWidget):
    """Fill one form or bundle for one citizen.

    Signals: ``card_requested(role_key)`` asks the card panel to read the next card for a role
    (``"mother"``, ``"members[1]"``...; answer with :meth:`deliver_card`); ``back_requested()``;
    ``printed(item_id)``.
    """

    card_requested = Signal(str)
    back_requested = Signal()
    printed = Signal(str)
    preview_ready = Signal()

    def __init__(
        self,
        session: FormSession,
        *,
        language: str = "vi",
        kiosk_mode: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.language, self.kiosk_mode = session, language, kiosk_mode
        self.editors: dict[tuple[str, str], QLineEdit | QComboBox] = {}
        self.badges: dict[tuple[str, str], QLabel] = {}
        self.use_card_buttons: dict[tuple[str, str], QPushButton] = {}
        self.keep_buttons: dict[tuple[str, str], QPushButton] = {}
        self.convert_buttons: dict[tuple[str, str], QPushButton] = {}
        self.tables: dict[tuple[str, str], QTableWidget] = {}
        self.role_status: dict[str, QLabel] = {}
        self.role_buttons: dict[str, QPushButton] = {}
        self.filled: list[FilledForm] = []
        self.problems: dict[str, list[Problem]] = {}
        self._ticket = 0
        self._updating = False

        title = QLabel(f"<b>{session.item.title.get(language)}</b>")
        title.setWordWrap(True)
        title.setAccessibleName(self.tr("Form title"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Forms"))
        for form in session.forms:
            self.tabs.addTab(self._form_tab(form), form.form_code or form.id)
        self.problem_list = QListWidget()
        self.problem_list.setAccessibleName(self.tr("Problems to fix"))
        self.problem_list.setMaximumHeight(140)
        self.problem_list.itemActivated.connect(self._jump_to_problem)
        self.preview = PdfPreview()
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setWordWrap(True)

        buttons = QHBoxLayout()
        self.back_button = self._button(self.tr("Back to services"), self.back_requested.emit)
        self.check_button = self._button(self.tr("Check"), self.refresh)
        self.preview_button = self._button(self.tr("Preview"), self.request_preview)
        self.print_button = self._button(self.tr("Print"), self.print_current)
        for b in (self.back_button, self.check_button, self.preview_button, self.print_button):
            buttons.addWidget(b)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(title)
        lv.addWidget(self._roles_box())
        lv.addWidget(self.tabs, 1)
        lv.addWidget(QLabel(self.tr("Problems:")))
        lv.addWidget(self.problem_list)
        lv.addWidget(self.status)
        lv.addLayout(buttons)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        self.refresh()

    # -- building --------------------------------------------------------------------------
    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        b = QPushButton(text)
        b.setAccessibleName(text)
        if self.kiosk_mode:
            b.setMinimumHeight(48)
        b.clicked.connect(lambda _=False: slot())
        return b

    def _roles_box(self) -> QWidget:
        box = QGroupBox(self.tr("People (read each person's card once)"))
        box.setAccessibleName(self.tr("People"))
        grid = QFormLayout(box)
        for r in self.session.role_defs:
            row = QHBoxLayout()
            status = QLabel()
            status.setAccessibleName(self.tr("Card status: %1").replace("%1", r.label.get(self.language)))
            row.addWidget(status, 1)
            self.role_status[r.id] = status
            if r.card:
                text = self.tr("Read next person's card") if r.multiple else self.tr("Read card")
                b = self._button(text, partial(self._request_card, r.id))
                b.setAccessibleName(f"{text}: {r.label.get(self.language)}")
                row.addWidget(b)
                self.role_buttons[r.id] = b
            grid.addRow(r.label.get(self.language), row)
        return box

    def _request_card(self, role: str) -> None:
        self.card_requested.emit(self.session.next_role_key(role))

    def _form_tab(self, form: FormDef) -> QWidget:
        inner = QWidget()
        fl = QFormLayout(inner)
        address_fields = set(self.session.address_fields(form.id))
        for f in form.fields:
            key = (form.id, f.id)
            editor: QLineEdit | QComboBox
            if f.type in {"choice", "sex"}:
                editor = QComboBox()
                options = [o.vi for o in f.options] if f.type == "choice" else ["Nam", "Nữ"]
                editor.addItems(["", *options])
                editor.currentTextChanged.connect(lambda text, k=key: self._typed(k, text))
            else:
                editor = QLineEdit()
                editor.editingFinished.connect(lambda k=key: self._typed(k, self._text(k)))
                if f.derive_from:
                    editor.setReadOnly(True)
            label = f.label.get(self.language) + (" *" if f.required else "")
            editor.setAccessibleName(label)
            if self.kiosk_mode:
                editor.setMinimumHeight(48)
            badge = QLabel()
            badge.setAccessibleName(self.tr("Source of %1").replace("%1", label))
            use = QPushButton(self.tr("Use card value"))
            use.setAccessibleName(self.tr("Use card value for %1").replace("%1", label))
            use.clicked.connect(lambda _=False, k=key: self._use_card(k))
            use.hide()
            keep = QPushButton(self.tr("Keep typed value"))
            keep.setAccessibleName(self.tr("Keep typed value for %1").replace("%1", label))
            keep.clicked.connect(lambda _=False, k=key: self._keep_typed(k))
            keep.hide()
            row = QHBoxLayout()
            row.addWidget(editor, 1)
            row.addWidget(badge)
            row.addWidget(use)
            row.addWidget(keep)
            if f.id in address_fields:
                conv = QPushButton(self.tr("Current units…"))
                conv.setAccessibleName(
                    self.tr("Convert %1 to the current administrative units").replace("%1", label)
                )
                conv.setToolTip(
                    self.tr(
                        "Convert an address with pre-2025 units (district, old ward) to the current commune"
                    )
                )
                conv.clicked.connect(lambda _=False, k=key: self.convert_address(k))
                row.addWidget(conv)
                self.convert_buttons[key] = conv
            if f.id in address_fields:
                pick = QPushButton(self.tr("Pick…"))
                pick.setAccessibleName(self.tr("Pick %1 from the list of communes").replace("%1", label))
                pick.clicked.connect(lambda _=False, k=key: self.pick_address(k))
                row.addWidget(pick)
            self.keep_buttons[key] = keep
            fl.addRow(label, row)
            self.editors[key], self.badges[key], self.use_card_buttons[key] = editor, badge, use
        for g in form.groups:
            table = QTableWidget(0, len(g.columns))
            table.setAccessibleName(g.label.get(self.language))
            table.setHorizontalHeaderLabels([c.label.get(self.language) for c in g.columns])
            table.itemChanged.connect(lambda item, fid=form.id, gid=g.id: self._cell_changed(fid, gid, item))
            table.setMinimumHeight(160)
            fl.addRow(g.label.get(self.language), table)
            self.tables[(form.id, g.id)] = table
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setAccessibleName(form.title.get(self.language))
        return scroll

    # -- events ----------------------------------------------------------------------------
    def _text(self, key: tuple[str, str]) -> str:
        e = self.editors[key]
        return e.currentText() if isinstance(e, QComboBox) else e.text()

    def _typed(self, key: tuple[str, str], text: str) -> None:
        if self._updating:
            return
        current = next((f.value(key[1]) for f in self.filled if f.form.id == key[0]), "")
        if text == current:
            return  # focus left without a change: nothing was typed
        self.session.set_typed(key[0], key[1], text)
        self.refresh()

    def _use_card(self, key: tuple[str, str]) -> None:
        self.session.use_card(*key)
        self.refresh()

    def _keep_typed(self, key: tuple[str, str]) -> None:
        self.session.keep_typed(*key)
        self.refresh()

    def pick_address(self, key: tuple[str, str]) -> str | None:
        """Compose an address with the offline picker (current units only)."""
        dialog = AddressPickerDialog(self, kiosk_mode=self.kiosk_mode)
        if dialog.exec() != AddressPickerDialog.DialogCode.Accepted or not dialog.picker.address():
            return None
        return self.set_value(key, dialog.picker.address())

    def set_value(self, key: tuple[str, str], text: str) -> str:
        """Type ``text`` into a field as the officer would."""
        self.session.set_typed(key[0], key[1], text)
        self.refresh()
        return text

    def convert_address(self, key: tuple[str, str], commune_code: str | None = None) -> str | None:
        """Offer the current-unit form of an old address; a split ward asks the officer to pick."""
        try:
            match = self.session.suggest_address(*key)
        except KioskError as exc:
            self.status.setText(error_text(exc))
            return None
        if match is None:
            self.status.setText(
                self.tr("No pre-2025 ward, district and province were recognised in this address.")
            )
            return None
        if match.conversion.needs_confirmation and commune_code is None:
            names = [f"{c.name} ({c.code})" for c in match.conversion.candidates]
            choice, ok = QInputDialog.getItem(
                self,
                self.tr("Old ward was split"),
                self.tr("%1 was split. Which commune is the address in now?").replace("%1", match.ward.name),
                names,
                0,
                False,
            )
            if not ok:
                return None
            commune_code = match.conversion.candidates[names.index(choice)].code
        new = self.session.apply_address(*key, match, commune_code)
        self.refresh()
        self.status.setText(self.tr("Address converted to the current units."))
        return new

    def _cell_changed(self, form_id: str, group_id: str, item: QTableWidgetItem) -> None:
        if self._updating:
            return
        form = next(f for f in self.session.forms if f.id == form_id)
        col = form.group(group_id).columns[item.column()]
        self.session.set_typed(form_id, f"{group_id}[{item.row()}].{col.id}", item.text())
        self.refresh()

    def _jump_to_problem(self) -> None:
        item = self.problem_list.currentItem()
        if item is None:
            return
        form_id, field = item.data(Qt.ItemDataRole.UserRole)
        for i, f in enumerate(self.session.forms):
            if f.id == form_id:
                self.tabs.setCurrentIndex(i)
        editor = self.editors.get((form_id, field))
        if editor is not None:
            editor.setFocus()
            return
        group, _, column = field.partition("].")
        gid, _, row = group.partition("[")
        table = self.tables.get((form_id, gid))
        if table is not None and row.isdigit():
            form = next(f for f in self.session.forms if f.id == form_id)
            cols = [c.id for c in form.group(gid).columns]
            table.setFocus()
            table.setCurrentCell(int(row), cols.index(column) if column in cols else 0)

    def deliver_card(self, role_key: str, citizen: Citizen) -> None:
        """The card panel read ``citizen`` for ``role_key`` (as requested by ``card_requested``)."""
        self.session.set_person(role_key, citizen)
        self.refresh()

    # -- state -> widgets ------------------------------------------------------------------
    def refresh(self) -> None:
        self.filled = self.session.filled()
        self.problems = {f.form.id: validate(f) for f in self.filled}
        self._updating = True
        try:
            for f in self.filled:
                self._show_form(f)
            self._show_roles()
        finally:
            self._updating = False
        self._show_problems()

    def _badge_text(self, f: FilledForm, key: str) -> tuple[str, str]:
        if any(c.field == key for c in f.conflicts):
            return self.tr("≠ card"), f"color: {colour('error')}; font-weight: bold;"
        src = f.sources.get(key)
        prov = f.provenance.get(key)
        if prov is None:
            return "", ""
        if src == "default":
            return self.tr("Default"), f"color: {colour('muted')};"
        names = {
            Provenance.CHIP_VERIFIED: (self.tr("Chip ✓"), f"color: {colour('ok')}; font-weight: bold;"),
            Provenance.CHIP_UNVERIFIED: (self.tr("Chip"), f"color: {colour('ok_weak')};"),
            Provenance.QR: (self.tr("QR"), f"color: {colour('info')};"),
            Provenance.TYPED: (self.tr("Typed"), f"color: {colour('muted')};"),
            Provenance.DERIVED: (self.tr("Derived"), f"color: {colour('derived')};"),
        }
        return names[prov]

    def _show_form(self, f: FilledForm) -> None:
        fid = f.form.id
        severity: dict[str, str] = {}
        for p in self.problems.get(fid, []):
            if severity.get(p.field) != "error":
                severity[p.field] = p.severity
        for field in f.form.fields:
            key = (fid, field.id)
            e = self.editors[key]
            value = f.value(field.id)
            if isinstance(e, QComboBox):
                if e.findText(value) < 0:
                    e.addItem(value)
                e.setCurrentText(value)
            elif not e.hasFocus():
                e.setText(value)
            text, style = self._badge_text(f, field.id)
            self.badges[key].setText(text)
            self.badges[key].setStyleSheet(style)
            conflict = next((c for c in f.conflicts if c.field == field.id), None)
            self.badges[key].setToolTip(
                self.tr("Card: %1").replace("%1", conflict.card_value)
                if conflict
                else f.sources.get(field.id, "")
            )
            self.use_card_buttons[key].setVisible(conflict is not None)
            self.keep_buttons[key].setVisible(conflict is not None)
            if key in self.convert_buttons:
                self._hint_old_units(key, value)
            sev = severity.get(field.id)
            highlight = {"error": field_error_style, "warning": field_warning_style}.get(sev or "")
            e.setStyleSheet(highlight() if highlight else "")
        messages: dict[str, list[str]] = {}
        for p in self.problems.get(fid, []):
            messages.setdefault(p.field, []).append(p.message_en if self.language == "en" else p.message_vi)
        for g in f.form.groups:
            table = self.tables[(fid, g.id)]
            rows = f.row_keys(g.id)
            table.setRowCount(len(rows) + 1)  # one empty row to type a person without a card
            for r in range(len(rows) + 1):
                # The row header says where the person came from: a tooltip alone is missed.
                person = f.roles.get(f"{g.role}[{r}]") if r < len(rows) else None
                if person is not None:
                    source = self._badge_text(
                        f, next((k for k in rows[r].values() if f.provenance.get(k)), "")
                    )[0]
                    header = (
                        self.tr("%1 · %2").replace("%1", str(r + 1)).replace("%2", source or self.tr("Card"))
                    )
                elif r < len(rows):
                    header = self.tr("%1 · typed on the form").replace("%1", str(r + 1))
                else:
                    header = self.tr("%1 · new person").replace("%1", str(r + 1))
                table.setVerticalHeaderItem(r, QTableWidgetItem(header))
                for c, col in enumerate(g.columns):
                    key_ = rows[r][col.id] if r < len(rows) else ""
                    item = QTableWidgetItem(f.value(key_) if key_ else "")
                    text, _style = self._badge_text(f, key_) if key_ else ("", "")
                    prov = f.provenance.get(key_) if key_ else None
                    tips = [text] if text else []
                    if prov in {Provenance.CHIP_VERIFIED, Provenance.CHIP_UNVERIFIED, Provenance.QR}:
                        tips = [self.tr("From the card") + f" ({text})"]
                        item.setForeground(QColor(colour("ok")))
                    sev = severity.get(key_) if key_ else None
                    if sev:
                        item.setBackground(QColor(_CELL_PROBLEM[sev][high_contrast()]))
                        tips += messages.get(key_, [])
                    item.setToolTip("\n".join(tips))
                    table.setItem(r, c, item)

    def _hint_old_units(self, key: tuple[str, str], value: str) -> None:
        """Point out an address still written with pre-2025 units (older cards print them)."""
        button = self.convert_buttons[key]
        match = admin_units().match_legacy(value) if value else None
        if match is None:
            button.setStyleSheet("")
            button.setToolTip(
                self.tr("Convert an address with pre-2025 units (district, old ward) to the current commune")
            )
            return
        targets = ", ".join(c.name for c in match.conversion.candidates)
        button.setStyleSheet(f"font-weight: bold; color: {colour('warning')};")
        button.setToolTip(
            self.tr("Pre-2025 units: %1 is now %2")
            .replace("%1", f"{match.ward.name}, {match.district.name}")
            .replace("%2", targets)
        )

    def _show_roles(self) -> None:
        for r in self.session.role_defs:
            people = [c for k, c in self.session.roles.items() if k == r.id or k.startswith(f"{r.id}[")]
            if not people:
                text = self.tr("not read") if r.card else self.tr("typed on the form")
            else:
                text = "; ".join(
                    f"{c.get('full_name') or '?'} ({mask_id(c.get('id_number'))})" for c in people
                )
            self.role_status[r.id].setText(text)

    def _show_problems(self) -> None:
        self.problem_list.clear()
        errors = 0
        for fid, problems in self.problems.items():
            for p in problems:
                msg = p.message_en if self.language == "en" else p.message_vi
                prefix = "⚠ " if p.severity == "warning" else "✖ "
                self.problem_list.addItem(f"{prefix}{fid}: {msg}")
                self.problem_list.item(self.problem_list.count() - 1).setData(
                    Qt.ItemDataRole.UserRole, (fid, p.field)
                )
                errors += p.severity == "error"
        self.status.setText(
            self.tr("%n problem(s) to fix before printing.", "", errors)
            if errors
            else self.tr("Ready to print.")
        )

    # -- preview and print -----------------------------------------------------------------
    def request_preview(self) -> None:
        self._ticket += 1
        task = _RenderTask(self._ticket, self.session.filled())
        task.signals.done.connect(self._preview_done)
        task.signals.failed.connect(self._preview_failed)
        self._task = task  # keep the signal object alive until it reports
        QThreadPool.globalInstance().start(task)
        self.status.setText(self.tr("Preparing the preview…"))

    def _preview_done(self, ticket: int, pdf: bytes) -> None:
        if ticket != self._ticket:
            return
        self.preview.set_pdf(pdf)
        self.status.setText(
            self.tr("Preview ready: %1 page(s).").replace("%1", str(self.preview.page_count()))
        )
        self.preview_ready.emit()

    def _preview_failed(self, ticket: int, message: str) -> None:
        if ticket == self._ticket:
            self.status.setText(message)

    def pdf_bytes(self) -> bytes:
        buf = io.BytesIO()
        render_pdf(self.session.filled(), buf)
        return buf.getvalue()

    def print_current(self, *, confirm: bool = True) -> bool:
        errors = sum(p.severity == "error" for ps in self.problems.values() for p in ps)
        if errors and self.kiosk_mode:
            self.status.setText(self.tr("Please complete the highlighted fields before printing."))
            return False
        if errors and confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Print anyway?"),
                self.tr("The form still has problems. Print it as a draft to complete by hand?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        ok = print_pdf(self.preview.pdf or self.pdf_bytes(), self, silent=self.kiosk_mode)
        if ok:
            self.printed.emit(self.session.item.id)
            self.status.setText(self.tr("Sent to the printer."))
        else:
            self.status.setText(self.tr("Not printed (cancelled or no printer)."))
        return ok

    def clear(self) -> None:
        """End of the citizen's session: drop people, typed values and the preview."""
        self.session.clear()
        self.preview.clear()
        self.refresh()

from __future__ import annotations

import pytest
from PySide6.QtCore import QMarginsF, Qt
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton, QWidget

from kiosk.forms.session import FormSession
from ui.forms.form_screen import FormScreen
from ui.forms.page import FormsPage
from ui.forms.pdf_preview import print_pdf
from ui.theme import colour, field_error_style

from .conftest import father, mother, pdf_text

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def app():
    return QApplication.instance() or QApplication([])


def _all_named(w: QWidget) -> None:
    for child in w.findChildren(QWidget):
        if isinstance(child, QLineEdit | QComboBox | QPushButton):
            assert child.accessibleName(), child


def test_picker_lists_every_essential_service_for_the_officer(app, catalogue) -> None:
    page = FormsPage(catalogue=catalogue, kiosk_mode=False)
    page.picker.search.setText("khai sinh")
    ids = [page.picker.list.item(i).data(256) for i in range(page.picker.list.count())]
    assert ids[:2] == [
        "birth_registration",
        "bundle_birth_child_under6",
    ]  # essential services, official order
    page.picker.search.setText("")
    assert page.picker.list.count() == 26  # the 25 essential services + the funeral allowance form
    assert page.picker.list.item(25).data(256) == "funeral_allowance"
    licence = next(
        page.picker.list.item(i) for i in range(26) if "giấy phép lái xe" in page.picker.list.item(i).text()
    )
    assert not licence.flags() & Qt.ItemFlag.ItemIsEnabled  # no form yet: shown, not selectable


def test_picker_search_and_open(app, catalogue) -> None:
    page = FormsPage(catalogue=catalogue, kiosk_mode=True)
    page.picker.search.setText("")
    items = [page.picker.list.item(i) for i in range(page.picker.list.count())]
    # A kiosk lists only what a citizen can do there: every line opens a form.
    assert all(it.flags() & Qt.ItemFlag.ItemIsEnabled and it.data(256) for it in items)
    assert not any("giấy phép lái xe" in it.text() for it in items)
    assert items[0].text().startswith("★ 1.") and items[-1].data(256) == "funeral_allowance"
    assert "counter" in page.picker.hint.text()
    page.picker.search.setText("khai sinh")
    assert page.picker.list.item(0).data(256) == "birth_registration"
    page.picker.search.setText("ket hon")
    assert page.picker.list.count() == 1
    page.picker.search.returnPressed.emit()
    assert page.form_screen is not None and page.form_screen.session.item.id == "marriage_registration"
    assert page.form_screen.check_button.minimumHeight() >= 48
    _all_named(page)


def test_form_screen_roles_sources_and_problems(app, catalogue) -> None:
    requests: list[str] = []
    screen = FormScreen(FormSession.start(catalogue, "CT01"))
    screen.card_requested.connect(requests.append)
    screen.role_buttons["applicant"].click()
    screen.role_buttons["members"].click()
    assert requests == ["applicant", "members[0]"]
    # Missing required fields are highlighted.
    assert screen.editors[("CT01", "addressee")].styleSheet() == field_error_style()
    screen.deliver_card("applicant", father())
    screen.deliver_card("members[0]", mother())
    screen.role_buttons["members"].click()
    assert requests[-1] == "members[1]"
    name = screen.editors[("CT01", "full_name")]
    assert isinstance(name, QLineEdit) and name.text() == "TRƯƠNG QUỐC KHÁNH ĐOÀN NGUYỄN HỮU PHƯỚC"
    assert screen.badges[("CT01", "full_name")].text() == "Chip ✓"
    assert screen.tables[("CT01", "members")].item(0, 0).text() == mother().get("full_name")
    assert "••••" in screen.role_status["applicant"].text()  # ID masked on screen
    # Officer types a different name: kept, flagged, and the card value is one click away.
    name.setText("Trương Khánh")
    name.editingFinished.emit()
    assert screen.badges[("CT01", "full_name")].text() == "≠ card"
    assert not screen.use_card_buttons[("CT01", "full_name")].isHidden()
    screen.use_card_buttons[("CT01", "full_name")].click()
    assert name.text() == "TRƯƠNG QUỐC KHÁNH ĐOÀN NGUYỄN HỮU PHƯỚC"
    addressee = screen.editors[("CT01", "addressee")]
    assert isinstance(addressee, QLineEdit)
    addressee.setText("Công an phường Láng")
    addressee.editingFinished.emit()
    assert screen.editors[("CT01", "addressee")].styleSheet() == ""
    assert screen.badges[("CT01", "addressee")].text() == "Typed"


def test_preview_renders_off_thread(app, catalogue) -> None:
    screen = FormScreen(FormSession.start(catalogue, "judicial_record"))
    screen.deliver_card("applicant", mother())
    done: list[bool] = []
    screen.preview_ready.connect(lambda: done.append(True))
    screen.request_preview()
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QThreadPool

    QThreadPool.globalInstance().waitForDone(30_000)
    deadline = QDeadlineTimer(10_000)
    while not done and not deadline.hasExpired():
        QCoreApplication.processEvents()
    assert done and screen.preview.page_count() >= 1
    assert mother().get("full_name").upper() in pdf_text(screen.preview.pdf)
    screen.clear()
    assert screen.preview.page_count() == 0 and screen.session.roles == {}


def test_print_to_pdf_printer(app, catalogue, tmp_path) -> None:
    screen = FormScreen(FormSession.start(catalogue, "CT01"))
    screen.deliver_card("applicant", father())
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)
        )
    )
    assert print_pdf(screen.pdf_bytes(), screen, silent=True, printer=printer)
    from pypdf import PdfReader

    assert len(PdfReader(out).pages) >= 1


def test_session_end_clears_the_page(app, catalogue) -> None:
    page = FormsPage(catalogue=catalogue)
    screen = page.open_item("bundle_death")
    screen.deliver_card("deceased", mother())
    assert page.form_screen is not None and page.form_screen.tabs.count() == 3
    # People carry over when the officer switches service for the same citizen.
    screen2 = page.open_item("death_registration")
    assert "deceased" in screen2.session.roles
    page.end_session()
    assert page.form_screen is None and page.stack.currentWidget() is page.picker


def test_vietnamese_translation_loads(app, catalogue, tmp_path) -> None:
    import subprocess
    import sys
    from pathlib import Path

    from PySide6.QtCore import QTranslator

    from kiosk.forms.schema import ASSETS_DIR

    # Compile the committed .ts as installer/dev.sh does (the .qm is a build product).
    qm = tmp_path / "forms_vi.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run(
        [str(lrelease), "-silent", str(ASSETS_DIR / "translations" / "forms_vi.ts"), "-qm", str(qm)],
        check=True,
    )
    tr = QTranslator()
    assert tr.load(str(qm))
    app.installTranslator(tr)
    try:
        screen = FormScreen(FormSession.start(catalogue, "CT01"))
        assert screen.print_button.text() == "In"
        assert screen.role_buttons["members"].text() == "Đọc thẻ người tiếp theo"
    finally:
        app.removeTranslator(tr)


def test_keep_typed_and_convert_old_address(app, catalogue) -> None:
    from .conftest import make_citizen

    screen = FormScreen(FormSession.start(catalogue, "judicial_record"))
    old = make_citizen(
        full_name="Lê Thị Hồng", place_of_residence="12 Lê Lợi, Phường 04, Quận 5, Thành phố Hồ Chí Minh"
    )
    screen.deliver_card("applicant", old)
    hint = screen.convert_buttons[("judicial_record", "residence")]
    assert "Phường Chợ Quán" in hint.toolTip() and hint.styleSheet()  # old units pointed out
    new = screen.convert_address(("judicial_record", "residence"))  # one target: no question asked
    assert new == "12 Lê Lợi, Phường Chợ Quán, Thành phố Hồ Chí Minh"
    residence = screen.editors[("judicial_record", "residence")]
    assert isinstance(residence, QLineEdit) and residence.text() == new
    assert screen.badges[("judicial_record", "residence")].text() == "Typed"
    assert hint.styleSheet() == ""  # converted: nothing left to point out
    name = screen.editors[("judicial_record", "full_name")]
    assert isinstance(name, QLineEdit)
    name.setText("Lê Hồng")
    name.editingFinished.emit()
    assert not screen.keep_buttons[("judicial_record", "full_name")].isHidden()
    screen.keep_buttons[("judicial_record", "full_name")].click()
    assert screen.badges[("judicial_record", "full_name")].text() == "Typed"
    assert screen.keep_buttons[("judicial_record", "full_name")].isHidden()


def test_address_picker(app) -> None:
    from ui.forms.address_picker import AddressPicker

    picker = AddressPicker()
    got: list[str] = []
    picker.address_changed.connect(got.append)
    picker.province.setCurrentIndex(picker.province.findData("01"))
    assert picker.communes.count() == len(picker.units.communes("01"))
    picker.search.setText("ba dinh")
    assert picker.communes.count() == 1
    picker.street.setText("Số 7 ngõ Hàng Bột")
    assert picker.address() == "Số 7 ngõ Hàng Bột, Phường Ba Đình, Thành phố Hà Nội"
    assert got[-1] == picker.address()
    picker.province.setCurrentIndex(0)  # all provinces: searching still works
    picker.search.setText("hoa binh")
    assert picker.communes.count() > 3
    _all_named(picker)


def test_thermal_receipt_prints_on_its_own_paper(app, tmp_path) -> None:
    from pypdf import PdfReader

    from ui.forms.pdf_preview import print_receipt

    from .test_receipt import sample

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "receipt.pdf"
    printer.setOutputFileName(str(out))
    assert print_receipt(sample(), thermal=True, silent=True, printer=printer)
    page = PdfReader(out).pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == 80  # 80 mm roll
    assert float(page.mediabox.height) > float(page.mediabox.width) * 2


def test_page_follows_the_app_context(app, catalogue, tmp_path) -> None:
    from kiosk.profile import Profile
    from ui.context import AppContext

    ctx = AppContext(profile=Profile.open(tmp_path / "p"), kiosk_mode=True, language="en")
    page = FormsPage(ctx, catalogue=catalogue)
    assert page.kiosk_mode and page.language == "en"
    requested: list[str] = []
    page.card_requested.connect(requested.append)
    screen = page.open_item("CT01")
    screen.role_buttons["household_head"].click()
    assert requested == ["household_head"]
    page.deliver_card("household_head", father())
    assert page.form_screen is not None and page.form_screen.session.roles["household_head"] is not None
    ctx.end_citizen_session()
    assert page.form_screen is None


def test_page_uses_the_profile_forms_folder(app, tmp_path) -> None:
    from types import SimpleNamespace

    from kiosk.forms.catalogue import profile_forms_dir

    from .test_catalogue import MINIMAL

    forms = profile_forms_dir(tmp_path)
    forms.mkdir()
    (forms / "x1.yaml").write_text(MINIMAL.replace("Tờ khai thử", "Tờ khai của tỉnh"), encoding="utf-8")
    page = FormsPage(SimpleNamespace(profile=SimpleNamespace(root=tmp_path), kiosk_mode=False, language="vi"))
    page.picker.search.setText("tờ khai của tỉnh")
    assert [page.picker.list.item(i).data(256) for i in range(page.picker.list.count())] == ["X1"]


def test_member_table_marks_card_rows_and_bad_cells(app, catalogue) -> None:
    from PySide6.QtGui import QColor

    from .conftest import make_citizen

    screen = FormScreen(FormSession.start(catalogue, "CT01"))
    # The 4th digit says male; the card says female: the ID cell has a problem.
    child = make_citizen(id_number="001316000123", full_name="Bé Na", date_of_birth="2016-02-02", sex="M")
    screen.deliver_card("members[0]", mother())
    screen.deliver_card("members[1]", child)
    table = screen.tables[("CT01", "members")]
    assert table.verticalHeaderItem(0).text() == "1 · Chip ✓"
    assert table.verticalHeaderItem(2).text() == "3 · new person"
    cols = [c.id for c in catalogue.get("CT01").group("members").columns]
    name = table.item(0, cols.index("full_name"))
    assert name.foreground().color() == QColor(colour("ok")) and "From the card" in name.toolTip()
    bad = table.item(1, cols.index("id_number"))
    assert bad.background().color() == QColor("#ffd6d6")
    assert "chữ số thứ 4 không khớp với giới tính" in bad.toolTip()
    good = table.item(0, cols.index("id_number"))
    assert good.background().style() == Qt.BrushStyle.NoBrush
    # A row typed by hand is marked as typed.
    screen.session.set_typed("CT01", "members[2].full_name", "Nguyễn Văn Út")
    screen.refresh()
    assert table.verticalHeaderItem(2).text() == "3 · typed on the form"
    # Choosing the problem in the list goes to the cell.
    problems = screen.problem_list
    row = next(
        i
        for i in range(problems.count())
        if problems.item(i).data(Qt.ItemDataRole.UserRole) == ("CT01", "members[1].id_number")
    )
    problems.setCurrentRow(row)
    screen._jump_to_problem()
    assert (table.currentRow(), table.currentColumn()) == (1, cols.index("id_number"))

"""The receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, form 01): A4 and an 80 mm thermal variant.

The dossier code is printed as text, QR code and Code 128 barcode; the appointment date is the
statutory processing time counted in working days (weekends, holidays, make-up Saturdays).
An offline dossier carries a provisional code, and the receipt says so.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kiosk import __version__
from kiosk.errors import KioskError
from kiosk.forms.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from kiosk.forms.render import fitted_cell
from kiosk.forms.workdays import WorkCalendar, load_calendar

COPY_KINDS = {
    "original": "Bản chính",
    "certified_copy": "Bản sao có chứng thực",
    "copy": "Bản sao",
    "photocopy": "Bản chụp",
    "electronic": "Bản điện tử",
}
RETURN_METHODS = {
    "in_person": "Nhận trực tiếp tại Bộ phận Một cửa",
    "post": "Nhận qua dịch vụ bưu chính công ích",
    "online": "Nhận trực tuyến",
}


class ReceiptError(KioskError):
    pass


@dataclass
class ReceiptComponent:
    name: str
    copy_kind: str = "original"
    count: int = 1


@dataclass
class ReceiptData:
    agency: str  # e.g. "ỦY BAN NHÂN DÂN XÃ NGHĨA HƯNG"
    unit: str  # e.g. "BỘ PHẬN MỘT CỬA"
    dossier_code: str
    applicant_name: str
    procedure_name: str
    received_at: datetime
    processing_days: int
    address: str = ""
    phone: str = ""
    email: str = ""
    components: list[ReceiptComponent] = field(default_factory=list)
    dossier_count: int = 1
    appointment_at: datetime | None = None  # None: computed from working days
    return_method: str = "in_person"
    register_book: str = ""  # "Quyển số ..., Số thứ tự ..."
    fees: str = ""
    officer_name: str = ""
    place: str = ""  # the place in "..., ngày ... tháng ... năm ..."
    provisional: bool = False  # offline: the official code comes after sync

    def appointment(self, calendar: WorkCalendar | None = None) -> datetime:
        if self.appointment_at is not None:
            return self.appointment_at
        cal = calendar or load_calendar()
        day = cal.add_working_days(self.received_at, self.processing_days)
        return datetime.combine(day, self.received_at.time())


_TEXT_KEYS = frozenset(
    {
        "agency",
        "unit",
        "dossier_code",
        "applicant_name",
        "procedure_name",
        "address",
        "phone",
        "email",
        "return_method",
        "register_book",
        "fees",
        "officer_name",
        "place",
    }
)
_INT_KEYS = frozenset({"processing_days", "dossier_count"})
_TIME_KEYS = frozenset({"received_at", "appointment_at"})
_REQUIRED = (
    "agency",
    "unit",
    "dossier_code",
    "applicant_name",
    "procedure_name",
    "received_at",
    "processing_days",
)
_JSON_TYPE = {
    str: "text",
    bool: "true/false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "an object",
}


def _json_type(value: Any) -> str:
    return "null" if value is None else _JSON_TYPE.get(type(value), type(value).__name__)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def receipt_from_json(raw: Any, where: str = "receipt") -> ReceiptData:
    """A receipt description (``kiosk form receipt --data``) checked key by key, each error one sentence."""
    if not isinstance(raw, dict):
        raise ReceiptError(f"{where}: expected a JSON object.")
    known = sorted(_TEXT_KEYS | _INT_KEYS | _TIME_KEYS | {"components", "provisional"})
    for key in raw:
        if key not in known:
            raise ReceiptError(f"{where}: unknown receipt key '{key}'; allowed: {', '.join(known)}.")
    for key in _REQUIRED:
        if raw.get(key) in (None, ""):
            raise ReceiptError(f"{where}: '{key}' is missing.")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _TEXT_KEYS:
            if not isinstance(value, str):
                raise ReceiptError(f"{where}: '{key}' must be text, not {_json_type(value)}.")
            values[key] = value
        elif key in _INT_KEYS:
            if not _whole(value):
                raise ReceiptError(
                    f"{where}: '{key}' must be a whole number (e.g. 3), not {_json_type(value)}."
                )
            values[key] = value
        elif key in _TIME_KEYS:
            if value is None and key == "appointment_at":
                continue
            try:
                if not isinstance(value, str):
                    raise ValueError
                values[key] = datetime.fromisoformat(value)
            except ValueError:
                raise ReceiptError(
                    f"{where}: '{key}' must be a date and time written YYYY-MM-DDTHH:MM."
                ) from None
        elif key == "provisional":
            if not isinstance(value, bool):
                raise ReceiptError(f"{where}: 'provisional' must be true or false, not {_json_type(value)}.")
            values[key] = value
    components = raw.get("components", [])
    if not isinstance(components, list):
        raise ReceiptError(f"{where}: 'components' must be a list of {{name, copy_kind, count}}.")
    values["components"] = []
    for i, comp in enumerate(components, 1):
        if not isinstance(comp, dict):
            raise ReceiptError(f"{where}: component {i} must be an object {{name, copy_kind, count}}.")
        extra = sorted(set(comp) - {"name", "copy_kind", "count"})
        if extra:
            raise ReceiptError(
                f"{where}: component {i}: unknown key '{extra[0]}'; allowed: copy_kind, count, name."
            )
        if not isinstance(comp.get("name"), str) or not comp["name"].strip():
            raise ReceiptError(f"{where}: component {i} needs a 'name' (text).")
        kind = comp.get("copy_kind", "original")
        count = comp.get("count", 1)
        if not isinstance(kind, str):
            raise ReceiptError(f"{where}: component {i}: 'copy_kind' must be text, not {_json_type(kind)}.")
        if not _whole(count):
            raise ReceiptError(
                f"{where}: component {i}: 'count' must be a whole number (e.g. 1), not {_json_type(count)}."
            )
        values["components"].append(ReceiptComponent(comp["name"], kind, count))
    data = ReceiptData(**values)
    check_receipt(data)
    return data


def check_receipt(data: ReceiptData) -> None:
    """What would print a wrong receipt: every problem is refused with one sentence."""
    if not data.dossier_code.strip():
        raise ReceiptError("The receipt needs a dossier code (provisional or official).")
    if not _whole(data.processing_days) or not _whole(data.dossier_count):
        raise ReceiptError("The processing time and the number of dossiers must be whole numbers.")
    if data.processing_days < 0:
        raise ReceiptError("The processing time cannot be negative.")
    if data.dossier_count < 1:
        raise ReceiptError("The number of dossiers must be at least 1.")
    if data.return_method not in RETURN_METHODS:
        raise ReceiptError(f"Unknown return method '{data.return_method}'; use in_person, post or online.")
    for i, comp in enumerate(data.components, 1):
        if comp.copy_kind not in COPY_KINDS:
            raise ReceiptError(
                f"Component {i} has an unknown copy kind '{comp.copy_kind}'; "
                f"use one of: {', '.join(COPY_KINDS)}."
            )
        if not _whole(comp.count) or comp.count < 1:
            raise ReceiptError(f"Component {i}: the number of copies must be a whole number of at least 1.")
    if data.appointment_at is not None and data.appointment_at < data.received_at:
        raise ReceiptError(
            f"The appointment ({data.appointment_at:%d/%m/%Y %H:%M}) is before the reception "
            f"({data.received_at:%d/%m/%Y %H:%M})."
        )


def _when(dt: datetime) -> str:
    return f"{dt.hour:02d} giờ {dt.minute:02d} phút, ngày {dt:%d/%m/%Y}"


def _styles(size: float) -> dict[str, ParagraphStyle]:
    register_fonts()

    def st(name: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": SERIF,
            "fontSize": size,
            "leading": size * 1.25,
            "splitLongWords": 1,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    return {
        "body": st("r-body", spaceAfter=1.5),
        "center": st("r-center", alignment=1),
        "center_b": st("r-center-b", fontName=SERIF_BOLD, alignment=1),
        "italic_c": st("r-italic-c", fontName=SERIF_ITALIC, alignment=1),
        "title": st(
            "r-title",
            fontName=SERIF_BOLD,
            fontSize=size + 2,
            leading=(size + 2) * 1.25,
            alignment=1,
            spaceBefore=4,
            spaceAfter=4,
        ),
        "cell": st("r-cell", fontSize=size - 1, leading=(size - 1) * 1.2),
        "cell_head": st(
            "r-cell-head", fontName=SERIF_BOLD, fontSize=size - 1, leading=(size - 1) * 1.2, alignment=1
        ),
    }


class QrFlowable(Flowable):
    """A QR code drawn as one filled path (much faster than a Drawing of thousands of shapes)."""

    def __init__(self, value: str, size: float, border: int = 2) -> None:
        super().__init__()
        qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        qr.addData(value)
        qr.make()
        self.value, self.size, self.border = value, size, border
        self.modules: list[list[bool]] = [[bool(m) for m in row] for row in qr.modules]
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        n = len(self.modules)
        box = self.size / (n + 2 * self.border)
        path = self.canv.beginPath()
        for r, row in enumerate(self.modules):
            c = 0
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:
                    path.rect(
                        (c + self.border) * box, self.size - (r + self.border + 1) * box, count * box, box
                    )
                c += count
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


def _codes(code: str, qr_size: float, bar_width: float, bar_height: float) -> tuple[QrFlowable, Code128]:
    qr = QrFlowable(code, qr_size)
    bar = Code128(code, barHeight=bar_height, humanReadable=0, quiet=1)
    bar.wrap(bar_width, bar_height)
    if bar.width > bar_width:  # narrow the bars to fit (the printability test keeps them >= 1 dot)
        bar = Code128(
            code,
            barHeight=bar_height,
            barWidth=bar.barWidth * bar_width / bar.width,
            humanReadable=0,
            quiet=1,
        )
        bar.wrap(bar_width, bar_height)
    return qr, bar


def _body(
    data: ReceiptData,
    s: dict[str, ParagraphStyle],
    width: float,
    *,
    thermal: bool,
    calendar: WorkCalendar | None = None,
) -> list[Flowable]:
    check_receipt(data)
    appointment = data.appointment(calendar)
    e = escape
    code_label = "Mã hồ sơ (tạm thời, mã chính thức cấp sau khi đồng bộ)" if data.provisional else "Mã hồ sơ"
    place = f"{e(data.place)}, " if data.place else ""
    dated = f"{place}ngày {data.received_at:%d} tháng {data.received_at:%m} năm {data.received_at:%Y}"
    out: list[Flowable] = []
    if thermal:
        qr, bar = _codes(data.dossier_code, 30 * mm, width, 10 * mm)
        out += [
            Paragraph(e(data.agency), s["center"]),
            Paragraph(e(data.unit), s["center_b"]),
            Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s["center_b"]),
            Paragraph("Độc lập - Tự do - Hạnh phúc", s["center_b"]),
            Spacer(1, 2),
        ]
    else:
        qr, bar = _codes(data.dossier_code, 26 * mm, 60 * mm, 9 * mm)
        left = [Paragraph(e(data.agency), s["center"]), Paragraph(f"<b>{e(data.unit)}</b>", s["center"])]
        right = [
            Paragraph("<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>", s["center"]),
            Paragraph("<b><u>Độc lập - Tự do - Hạnh phúc</u></b>", s["center"]),
            Paragraph(f"<i>{dated}</i>", s["center"]),
        ]
        head = Table([[left, right]], colWidths=[width * 0.42, width * 0.58])
        head.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), SERIF)])
        )
        out.append(head)
    out.append(Paragraph("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", s["title"]))
    code_para = Paragraph(
        f"{code_label}: <b>{e(data.dossier_code)}</b>", s["center"] if thermal else s["body"]
    )
    if thermal:
        out += [code_para, _centered(qr, width), Spacer(1, 1), _centered(bar, width), Spacer(1, 3)]
    else:
        codes = Table([[[code_para, Spacer(1, 2), bar], qr]], colWidths=[width - 30 * mm, 30 * mm])
        codes.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("FONTNAME", (0, 0), (-1, -1), SERIF),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        out.append(codes)
    lines = [
        f"{e(data.unit)} tiếp nhận hồ sơ của: <b>{e(data.applicant_name)}</b>",
        f"Địa chỉ: {e(data.address)}" if data.address else "",
        " ".join(
            x
            for x in (
                f"Số điện thoại: {e(data.phone)}" if data.phone else "",
                f"Email: {e(data.email)}" if data.email else "",
            )
            if x
        ),
        f"Nội dung yêu cầu giải quyết: <b>{e(data.procedure_name)}</b>",
        "1. Thành phần hồ sơ nộp gồm:",
    ]
    out += [Paragraph(line, s["body"]) for line in lines if line]
    out.append(_components(data, s, width, thermal=thermal))
    rest = [
        f"2. Số lượng hồ sơ: {data.dossier_count:02d} (bộ)",
        f"3. Thời gian giải quyết hồ sơ theo quy định: <b>{data.processing_days} ngày làm việc</b>",
        f"4. Thời gian nhận hồ sơ: {_when(data.received_at)}",
        f"5. Thời gian trả kết quả giải quyết hồ sơ: <b>{_when(appointment)}</b>",
        f"6. Đăng ký nhận kết quả: {RETURN_METHODS[data.return_method]}",
        f"7. Vào Sổ theo dõi hồ sơ: {e(data.register_book)}" if data.register_book else "",
        f"8. Phí, lệ phí: {e(data.fees)}" if data.fees else "",
    ]
    out += [Paragraph(line, s["body"]) for line in rest if line]
    if thermal:
        out += [
            Paragraph(f"<i>{dated}</i>", s["center"]),
            Spacer(1, 2),
            Paragraph("NGƯỜI TIẾP NHẬN HỒ SƠ", s["center_b"]),
        ]
        if data.officer_name:
            out += [Spacer(1, 10 * mm), Paragraph(e(data.officer_name), s["center_b"])]
    else:
        sig = Table(
            [
                [
                    [
                        Paragraph("<b>NGƯỜI NỘP HỒ SƠ</b>", s["center"]),
                        Paragraph("(Ký và ghi rõ họ tên)", s["italic_c"]),
                        Spacer(1, 20 * mm),
                        Paragraph(f"<b>{e(data.applicant_name)}</b>", s["center"]),
                    ],
                    [
                        Paragraph("<b>NGƯỜI TIẾP NHẬN HỒ SƠ</b>", s["center"]),
                        Paragraph("(Ký và ghi rõ họ tên)", s["italic_c"]),
                        Spacer(1, 20 * mm),
                        Paragraph(f"<b>{e(data.officer_name)}</b>", s["center"]),
                    ],
                ]
            ],
            colWidths=[width / 2, width / 2],
        )
        sig.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), SERIF)]))
        out += [Spacer(1, 6), sig]
    return out


def _centered(d: Flowable, width: float) -> Flowable:
    t = Table([[d]], colWidths=[width])
    t.setStyle(
        TableStyle(
            [
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return t


def _components(data: ReceiptData, s: dict[str, ParagraphStyle], width: float, *, thermal: bool) -> Flowable:
    if thermal:
        widths = [width * 0.1, width * 0.55, width * 0.23, width * 0.12]
        head = ["TT", "Tên giấy tờ", "Hình thức", "SL"]
    else:
        widths = [width * 0.07, width * 0.55, width * 0.26, width * 0.12]
        head = ["TT", "Tên giấy tờ", "Hình thức (bản chính, bản sao, bản chụp)", "Số lượng"]
    rows: list[list[Any]] = [[Paragraph(h, s["cell_head"]) for h in head]]
    for i, comp in enumerate(data.components, 1):
        kind = COPY_KINDS[comp.copy_kind]
        rows.append(
            [
                Paragraph(str(i), s["cell"]),
                fitted_cell(comp.name, widths[1] - 6, s["cell"]),
                fitted_cell(kind, widths[2] - 6, s["cell"]),
                Paragraph(str(comp.count), s["cell"]),
            ]
        )
    if not data.components:
        rows.append(["", Paragraph("(không có)", s["cell"]), "", ""])
    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t


THERMAL_WIDTH = 80 * mm
THERMAL_MARGIN = 4 * mm


def render_receipt(
    data: ReceiptData,
    out: Path | str | BinaryIO,
    *,
    thermal: bool = False,
    calendar: WorkCalendar | None = None,
    invariant: bool = False,
) -> None:
    """Write the receipt PDF: A4, or one continuous 80 mm wide page for a thermal printer.

    The PDF carries its real creation time; ``invariant`` (fixed 2000-01-01) is for golden tests.

    ``calendar`` counts the working days (default: the installed public-holiday calendar).
    """
    target: Any = str(out) if isinstance(out, Path | str) else out
    meta = {
        "title": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "author": "Một Cửa Kiosk",
        "subject": "Mẫu số 01 - biên nhận hồ sơ",
        "creator": f"Một Cửa Kiosk {__version__}",
        "invariant": 1 if invariant else 0,
        "lang": "vi-VN",
        "initialFontName": SERIF,
    }
    if thermal:
        s = _styles(8.5)
        width = THERMAL_WIDTH - 2 * THERMAL_MARGIN - 12
        story = _body(data, s, width, thermal=True, calendar=calendar)
        height = 2 * THERMAL_MARGIN + 12 + 6 * mm
        for f in story:
            _, h = f.wrap(width, 10_000)
            height += h + f.getSpaceBefore() + f.getSpaceAfter()
        doc = SimpleDocTemplate(
            target,
            pagesize=(THERMAL_WIDTH, height),
            leftMargin=THERMAL_MARGIN,
            rightMargin=THERMAL_MARGIN,
            topMargin=THERMAL_MARGIN,
            bottomMargin=THERMAL_MARGIN,
            **meta,
        )
        doc.build(story)
    else:
        s = _styles(12)
        width = A4[0] - 40 * mm - 12
        doc = SimpleDocTemplate(
            target,
            pagesize=A4,
            leftMargin=25 * mm,
            rightMargin=15 * mm,
            topMargin=15 * mm,
            bottomMargin=15 * mm,
            **meta,
        )
        doc.build(_body(data, s, width, thermal=False, calendar=calendar))

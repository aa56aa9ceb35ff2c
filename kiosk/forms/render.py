"""Print a filled form as an A4 PDF in the official layout (reportlab platypus flow).

Text fitting: every value is a wrapping Paragraph (long words are split, never cut off);
table cells whose longest word does not fit shrink their font first, down to 7 pt, and
then wrap. Nothing is truncated. Empty fields print a dotted line for handwriting.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from kiosk import __version__
from kiosk.errors import KioskError
from kiosk.forms.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from kiosk.forms.prefill import FilledForm

PAGE_W, PAGE_H = A4
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 25 * mm, 18 * mm, 15 * mm, 18 * mm
BODY_W = PAGE_W - MARGIN_L - MARGIN_R - 12  # the frame keeps 6 pt padding each side
BODY_SIZE = 12.0
MIN_SIZE = 7.0
DOTS = "." * 400


class RenderError(KioskError):
    pass


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": SERIF,
        "fontSize": BODY_SIZE,
        "leading": BODY_SIZE * 1.25,
        "alignment": TA_LEFT,
        "splitLongWords": 1,
        "spaceAfter": 2,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    return {
        "body": _style("body", alignment=TA_JUSTIFY),
        "field": _style("field"),
        "heading": _style("heading", fontName=SERIF_BOLD, fontSize=13, leading=16, alignment=TA_CENTER),
        "motto": _style(
            "motto", fontName=SERIF_BOLD, fontSize=13, leading=16, alignment=TA_CENTER, spaceAfter=0
        ),
        "title": _style(
            "title",
            fontName=SERIF_BOLD,
            fontSize=14,
            leading=18,
            alignment=TA_CENTER,
            spaceBefore=8,
            spaceAfter=8,
        ),
        "subtitle": _style(
            "subtitle",
            fontName=SERIF_BOLD,
            fontSize=13,
            leading=16,
            alignment=TA_CENTER,
            spaceBefore=10,
            spaceAfter=6,
        ),
        "center": _style("center", alignment=TA_CENTER),
        "right": _style("right", alignment=TA_RIGHT),
        "note": _style("note", fontName=SERIF_ITALIC, fontSize=9.5, leading=12, alignment=TA_JUSTIFY),
        "italic": _style("italic", fontName=SERIF_ITALIC),
        "bold": _style("bold", fontName=SERIF_BOLD),
        "form_code": _style(
            "form_code", fontName=SERIF_ITALIC, fontSize=9.5, leading=11.5, alignment=TA_RIGHT
        ),
        "cell": _style("cell", fontSize=11, leading=13.5, spaceAfter=0),
        "cell_head": _style(
            "cell_head", fontName=SERIF_BOLD, fontSize=11, leading=13.5, alignment=TA_CENTER, spaceAfter=0
        ),
        "sig_title": _style(
            "sig_title", fontName=SERIF_BOLD, fontSize=11.5, leading=14, alignment=TA_CENTER, spaceAfter=0
        ),
        "sig_note": _style(
            "sig_note", fontName=SERIF_ITALIC, fontSize=10.5, leading=13, alignment=TA_CENTER, spaceAfter=0
        ),
        "sig_name": _style(
            "sig_name", fontName=SERIF_BOLD, fontSize=11.5, leading=14, alignment=TA_CENTER, spaceAfter=0
        ),
    }


def fitted_cell(text: str, width: float, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    """A cell paragraph whose longest word fits ``width`` (shrinking to 7 pt), then wrapping."""
    font = SERIF_BOLD if bold else style.fontName
    size = style.fontSize
    longest = max(text.split(), key=lambda w: stringWidth(w, font, size), default="")
    while size > MIN_SIZE and stringWidth(longest, font, size) > width:
        size -= 0.5
    st = (
        style
        if size == style.fontSize
        else ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.22)
    )
    body = escape(text)
    return Paragraph(f"<b>{body}</b>" if bold else body, st)


def _dots(label_width: float, width: float, size: float = BODY_SIZE) -> str:
    n = int(max(width - label_width - 6, 20) / stringWidth(".", SERIF, size))
    return DOTS[: max(n, 5)]


def _field_para(
    filled: FilledForm,
    field_id: str,
    label: str,
    width: float,
    st: dict[str, ParagraphStyle],
    *,
    fit: str = "wrap",
) -> Paragraph:
    value = filled.value(field_id)
    if fit == "shrink" and value:
        # Shrink the whole line (label + value) to stay on one line if it can at >= 7 pt.
        size = BODY_SIZE
        plain = f"{label}: {value}"
        while size > MIN_SIZE and stringWidth(plain, SERIF_BOLD, size) > width:
            size -= 0.5
        style = ParagraphStyle(f"fit-{size}", parent=st["field"], fontSize=size, leading=size * 1.25)
    else:
        style = st["field"]
    if value:
        return Paragraph(f"{label}: <b>{escape(value)}</b>", style)
    label_w = stringWidth(label.replace("<sup>", "").replace("</sup>", "") + ": ", SERIF, BODY_SIZE)
    return Paragraph(f"{label}: {_dots(label_w % width, width)}", style)


def _header(filled: FilledForm, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    form = filled.form
    out: list[Flowable] = []
    if form.form_code or form.legal_basis:
        out.append(
            Paragraph(escape(f"{form.form_code}") + "<br/>" + escape(form.legal_basis), st["form_code"])
        )
        out.append(Spacer(1, 4))
    out.append(Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", st["motto"]))
    out.append(Paragraph("<u>Độc lập - Tự do - Hạnh phúc</u>", st["motto"]))
    out.append(Spacer(1, 6))
    return out


def _signatures(
    filled: FilledForm, items: Sequence[dict[str, Any]], st: dict[str, ParagraphStyle]
) -> Flowable:
    col_w = BODY_W / len(items)
    cells = []
    for sig in items:
        parts: list[Flowable] = []
        if sig.get("dated"):
            parts.append(Paragraph("......., ngày ..... tháng ..... năm .......", st["sig_note"]))
        parts.append(Paragraph(sig["title"], st["sig_title"]))
        if sig.get("note"):
            parts.append(Paragraph(escape(sig["note"]), st["sig_note"]))
        parts.append(Spacer(1, 22 * mm))
        if sig.get("field") and filled.value(sig["field"]):
            parts.append(fitted_cell(filled.value(sig["field"]), col_w - 8, st["sig_name"], bold=True))
        if sig.get("id_field") and filled.value(sig["id_field"]):
            parts.append(
                Paragraph("Số định danh cá nhân: " + escape(filled.value(sig["id_field"])), st["sig_note"])
            )
        cells.append(parts)
    t = Table([cells], colWidths=[col_w] * len(items))
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return KeepTogether([Spacer(1, 6), t])


def _ruled_table(data: list[list[Any]], widths: list[float], *, min_row_height: float) -> Table:
    """A bordered table as on the paper forms: serif text, thin grid, header repeated."""
    t = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("MINROWHEIGHT", (0, 1), (-1, -1), min_row_height),
            ]
        )
    )
    return t


def _group_table(filled: FilledForm, group_id: str, min_rows: int, st: dict[str, ParagraphStyle]) -> Flowable:
    g = filled.form.group(group_id)
    weights = [0.9] + [c.width or 2.0 for c in g.columns]
    total = sum(weights)
    widths = [BODY_W * w / total for w in weights]
    data: list[list[Any]] = [
        [Paragraph("TT", st["cell_head"])]
        + [Paragraph(escape(c.label.vi), st["cell_head"]) for c in g.columns]
    ]
    rows = filled.row_keys(group_id)
    for i in range(max(len(rows), min_rows)):
        line: list[Any] = [Paragraph(str(i + 1), st["cell"])]
        for j, c in enumerate(g.columns):
            text = filled.value(rows[i][c.id]) if i < len(rows) else ""
            line.append(fitted_cell(text, widths[j + 1] - 6, st["cell"]) if text else "")
        data.append(line)
    t = _ruled_table(data, widths, min_row_height=18)
    t.hAlign = "CENTER"
    return t


def _grid(filled: FilledForm, grid: dict[str, Any], st: dict[str, ParagraphStyle]) -> Flowable:
    n = len(grid["header"])
    first = BODY_W * 0.28
    other = (BODY_W - first) / (n - 1)
    widths = [first] + [other] * (n - 1)
    data: list[list[Any]] = [[Paragraph(escape(h), st["cell_head"]) for h in grid["header"]]]
    for row in grid["rows"]:
        line: list[Any] = [Paragraph(escape(row["label"]), st["cell"])]
        for fid in row["fields"]:
            v = filled.value(fid)
            line.append(fitted_cell(v, other - 6, st["cell"], bold=True) if v else "")
        data.append(line)
    t = _ruled_table(data, widths, min_row_height=22)
    return t


def _row(filled: FilledForm, cells: Sequence[dict[str, Any]], st: dict[str, ParagraphStyle]) -> Flowable:
    weights = [c.get("width", 1.0) for c in cells]
    widths = [BODY_W * w / sum(weights) for w in weights]
    line = [
        _field_para(
            filled, c["field"], c.get("label") or filled.form.field(c["field"]).label.vi, widths[i] - 4, st
        )
        for i, c in enumerate(cells)
    ]
    t = Table([line], colWidths=widths, splitInRow=1)
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return t


def story_for(filled: FilledForm) -> list[Flowable]:
    st = styles()
    story = _header(filled, st)
    for item in filled.form.layout:
        if "text" in item:
            story.append(Paragraph(item["text"], st[item.get("style", "body")]))
        elif "field" in item:
            label = item.get("label") or filled.form.field(item["field"]).label.vi
            story.append(_field_para(filled, item["field"], label, BODY_W, st, fit=item.get("fit", "wrap")))
        elif "row" in item:
            story.append(_row(filled, item["row"], st))
        elif "table" in item:
            story.append(_group_table(filled, item["table"], item.get("min_rows", 0), st))
        elif "grid" in item:
            story.append(_grid(filled, item["grid"], st))
        elif "signatures" in item:
            story.append(_signatures(filled, item["signatures"], st))
        elif "spacer" in item:
            story.append(Spacer(1, float(item["spacer"])))
        elif item.get("page_break"):
            story.append(PageBreak())
    return story


def _footer_for(label: str) -> Any:
    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(SERIF_ITALIC, 8)
        canvas.drawString(MARGIN_L, 10 * mm, label)
        canvas.drawRightString(PAGE_W - MARGIN_R, 10 * mm, f"Trang {doc.page}")
        canvas.restoreState()

    return footer


def render_pdf(
    filled: FilledForm | Sequence[FilledForm], out: Path | str | BinaryIO, *, invariant: bool = False
) -> None:
    """Write the form (or several, e.g. a bundle, one after another) as an A4 PDF.

    The PDF carries its real creation time; ``invariant`` (reproducible bytes, fixed
    2000-01-01 date) is for golden tests only, never for a dossier.

    The metadata names the form and its version, never the person (no personal data in
    places a file browser shows).
    """
    items = [filled] if isinstance(filled, FilledForm) else list(filled)
    if not items:
        raise RenderError("There is nothing to print: no form was given.")
    register_fonts()
    story: list[Flowable] = []
    for i, f in enumerate(items):
        if i:
            story.append(PageBreak())
        story.extend(story_for(f))
    first = items[0].form
    title = first.title.vi if len(items) == 1 else " + ".join(f.form.id for f in items)
    target: Any = str(out) if isinstance(out, Path | str) else out
    doc = SimpleDocTemplate(
        target,
        pagesize=A4,
        leftMargin=MARGIN_L,
        rightMargin=MARGIN_R,
        topMargin=MARGIN_T,
        bottomMargin=MARGIN_B,
        title=title,
        author="Một Cửa Kiosk",
        subject=", ".join(f"{f.form.id} v{f.form.version}" for f in items),
        creator=f"Một Cửa Kiosk {__version__}",
        keywords=[f.form.id for f in items],
        invariant=1 if invariant else 0,
        lang="vi-VN",
        initialFontName=SERIF,
        initialFontSize=BODY_SIZE,
    )
    label = " + ".join(f"{f.form.form_code or f.form.id} (v{f.form.version})" for f in items)
    footer = _footer_for(label)
    try:
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    except LayoutError as exc:
        raise RenderError(
            "A value is too long to print in its place on the form; shorten the longest entry and try again."
        ) from exc
    except OSError as exc:
        raise RenderError(
            f"The PDF could not be written ({exc.strerror or exc.__class__.__name__}); "
            "check the output folder and free space."
        ) from exc

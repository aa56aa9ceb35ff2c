"""The printable A4 recovery sheet (Vietnamese and English) for the province admin.

The recovery key exists in plaintext only while it is shown or printed at creation: the key
file keeps the data key wrapped under it, never the key. The sheet is rendered in memory and
written only where the admin chooses (or printed straight from memory by the UI); a path in
the profile or the temp directory is refused, so no copy is left where the store lives.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kiosk.dossier import codes
from kiosk.errors import KioskError
from kiosk.fileutil import O_BINARY
from kiosk.forms.fonts import SERIF, SERIF_BOLD, register_fonts
from kiosk.profile import Profile

KEY_FONT = "Courier-Bold"  # the key is ASCII: a fixed-width face keeps the groups aligned
GROUP = 5

INSTRUCTIONS_VI = [
    "Khóa khôi phục mở được kho dữ liệu mã hóa của đơn vị khi mọi cán bộ đều quên mật khẩu.",
    "Chỉ quản trị viên cấp tỉnh được dùng. Cất phiếu này trong két sắt, không chụp ảnh, không lưu trên máy.",
    "Khóa chỉ hiển thị một lần khi tạo; ứng dụng không lưu và không thể hiển thị lại.",
    "Khi cần khôi phục: chạy 'kiosk admin recovery-key --reset-user admin' và nhập khóa",
    "(có thể gõ kèm ký tự kiểm tra nhỏ sau mỗi nhóm để ứng dụng chỉ ra nhóm gõ sai).",
    "Tạo khóa mới thì phiếu này hết hiệu lực: hủy phiếu cũ. Xóa tệp PDF sau khi in.",
]
INSTRUCTIONS_EN = [
    "This recovery key opens the unit's encrypted store when every officer has lost their passphrase.",
    "For the province administrator only. Keep this sheet in the safe; do not photograph or store it.",
    "The key is shown only once, when it is created; the app does not keep it and cannot show it again.",
    "To recover: run 'kiosk admin recovery-key --reset-user admin' and type the key",
    "(you may include the small check character after each group: the app then names a mistyped group).",
    "A new key makes this sheet useless: destroy the old one. Delete the PDF file once it is printed.",
]


@dataclass(frozen=True)
class SheetInfo:
    unit_name: str
    unit_code: str
    store_id: str
    created: datetime
    key_text: str


def key_groups(key_text: str) -> list[tuple[str, str]]:
    """The key's six groups, each with its check character (Luhn mod 32, as the codes)."""
    norm = "".join(ch for ch in key_text.upper() if ch in codes.ALPHABET)
    groups = [norm[i : i + GROUP] for i in range(0, len(norm), GROUP)]
    return [(g, codes.check_char(g)) for g in groups]


def render_recovery_sheet(info: SheetInfo) -> bytes:
    """The A4 sheet as PDF bytes (in memory only)."""
    register_fonts()
    out = BytesIO()
    c = Canvas(out, pagesize=A4, invariant=True)
    c.setTitle("Recovery key / Khóa khôi phục")
    c.setAuthor(info.unit_name or info.unit_code)
    width, height = A4
    left, y = 20 * mm, height - 22 * mm
    c.setFont(SERIF_BOLD, 16)
    c.drawString(left, y, "PHIẾU KHÓA KHÔI PHỤC — KHO DỮ LIỆU MÃ HÓA")
    y -= 7 * mm
    c.setFont(SERIF, 12)
    c.drawString(left, y, "Recovery key sheet — encrypted store")
    y -= 11 * mm
    rows = [
        ("Đơn vị / Unit", info.unit_name or "—"),
        ("Mã đơn vị / Unit code", info.unit_code),
        ("Mã kho / Store ID", info.store_id),
        ("Ngày tạo / Created", info.created.strftime("%d/%m/%Y %H:%M %Z").strip()),
    ]
    for label, value in rows:
        c.setFont(SERIF, 11)
        c.drawString(left, y, label + ":")
        c.setFont(SERIF_BOLD, 11)
        c.drawString(left + 48 * mm, y, value)
        y -= 6 * mm
    y -= 6 * mm
    c.setFont(SERIF_BOLD, 12)
    c.drawString(left, y, "Khóa khôi phục / Recovery key")
    y -= 14 * mm
    x = left
    for group, check in key_groups(info.key_text):
        c.setFont(KEY_FONT, 22)
        c.drawString(x, y, group)
        c.setFont(KEY_FONT, 10)
        c.drawString(x + c.stringWidth(group, KEY_FONT, 22) + 1 * mm, y - 1 * mm, check)
        x += 30 * mm
        if x > width - 40 * mm:
            x, y = left, y - 12 * mm
    y -= 10 * mm
    c.setFont(SERIF, 10)
    c.drawString(left, y, "Khóa (không kèm ký tự kiểm tra) / Key (without check characters):")
    y -= 6 * mm
    c.setFont(KEY_FONT, 13)
    c.drawString(left, y, info.key_text)
    qr = QrCodeWidget(info.key_text, barLevel="M")
    x0, y0, x1, y1 = qr.getBounds()
    size = 38 * mm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(qr)
    renderPDF.draw(drawing, c, width - 20 * mm - size, height - 22 * mm - 4 * mm - size)
    y -= 14 * mm
    for title, lines in (("Hướng dẫn", INSTRUCTIONS_VI), ("Instructions", INSTRUCTIONS_EN)):
        c.setFont(SERIF_BOLD, 12)
        c.drawString(left, y, title)
        y -= 6 * mm
        c.setFont(SERIF, 10.5)
        for line in lines:
            c.drawString(left, y, line)
            y -= 5.2 * mm
        y -= 5 * mm
    y -= 8 * mm
    c.setFont(SERIF, 10.5)
    c.drawString(left, y, "Người nhận / Received by: ................................................")
    c.drawString(left + 100 * mm, y, "Ký / Signature: ..............................")
    c.showPage()
    c.save()
    return out.getvalue()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def resolved_target(path: str | os.PathLike[str]) -> Path:
    target = Path(path).expanduser()
    return target.parent.resolve() / target.name


def in_private_places(target: Path, profile: Profile) -> bool:
    """True inside the profile or the temp directory: a plaintext secret or personal data
    left there sits beside the store it was meant to protect (and in backups of it)."""
    return _inside(target, profile.root) or _inside(target, Path(tempfile.gettempdir()))


def check_destination(path: str | os.PathLike[str], profile: Profile) -> Path:
    """Where the sheet may be written: a new file outside the profile and the temp directory."""
    target = resolved_target(path)
    if target.suffix.lower() != ".pdf":
        raise KioskError("The recovery sheet is a PDF; give a file name ending in .pdf.")
    if in_private_places(target, profile):
        raise KioskError(
            "The recovery sheet cannot be saved in the profile or the temporary folder; "
            "choose a folder you will clear after printing (for example a USB stick)."
        )
    if not target.parent.is_dir():
        raise KioskError(f"The folder {target.parent} does not exist; create it or choose another.")
    if target.exists():
        raise KioskError(f"{target.name} exists already; choose a new file name (nothing was overwritten).")
    return target


def save_recovery_sheet(path: str | os.PathLike[str], pdf: bytes, profile: Profile) -> Path:
    """Write the sheet to a new file only the owner can read (after ``check_destination``)."""
    target = check_destination(path, profile)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_BINARY, 0o600)
        with open(fd, "wb") as fh:
            fh.write(pdf)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise KioskError(
            f"The recovery sheet could not be written ({exc.strerror}); choose another place."
        ) from exc
    return target


def sheet_for(profile: Profile, unit_name: str, unit_code: str, key_text: str) -> SheetInfo:
    from kiosk.security.keys import load_keyfile

    return SheetInfo(
        unit_name=unit_name,
        unit_code=unit_code,
        store_id=str(load_keyfile(profile)["store_id"]),
        created=datetime.now().astimezone(),
        key_text=key_text,
    )

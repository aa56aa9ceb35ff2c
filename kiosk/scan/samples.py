"""Generated document pages with known content, for tests, benchmarks and the demo.

Nothing here is personal: the text is fixed sample wording of an administrative form.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from kiosk.scan.fonts import serif_font

SAMPLE_LINES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "Kính gửi: Ủy ban nhân dân phường Hoàn Kiếm",
    "Họ, chữ đệm, tên người yêu cầu: Nguyễn Văn Mẫu",
    "Nơi cư trú: số 1 phố Tràng Tiền, thành phố Hà Nội",
    "Quan hệ với người được khai sinh: cha",
    "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
    "Ngày, tháng, năm sinh: ghi bằng chữ theo mẫu",
    "Giới tính: Nam    Dân tộc: Kinh    Quốc tịch: Việt Nam",
    "Nơi sinh: Bệnh viện Phụ sản Hà Nội",
    "Quê quán: xã Đông Anh, thành phố Hà Nội",
    "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật,",
    "được sự thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật.",
    "Tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình.",
    "Làm tại: Hà Nội, ngày mười lăm tháng năm năm hai nghìn hai mươi sáu",
)
PAPER = (246, 243, 232)


def a4_page(
    dpi: int = 200,
    *,
    lines: tuple[str, ...] = SAMPLE_LINES,
    seal: bool = True,
    paper: tuple[int, int, int] = PAPER,
    font_pt: float = 13.0,
) -> np.ndarray:
    """An upright A4 form page (RGB uint8) with Vietnamese text and, optionally, a red seal."""
    w, h = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    img = Image.new("RGB", (w, h), paper)
    draw = ImageDraw.Draw(img)
    px = dpi / 72
    font = ImageFont.truetype(str(serif_font()), round(font_pt * px))
    bold = ImageFont.truetype(str(serif_font("Bold")), round((font_pt + 1) * px))
    margin_x, y = round(25 / 25.4 * dpi), round(20 / 25.4 * dpi)
    step = round(font_pt * px * 1.9)
    for i, line in enumerate(lines):
        draw.text((margin_x, y), line, font=bold if i in (0, 2) else font, fill=(20, 20, 25))
        y += step
        if y > h - 2 * step:
            break
    if seal:
        r = round(18 / 25.4 * dpi)
        cx, cy = w - round(55 / 25.4 * dpi), h - round(60 / 25.4 * dpi)
        ring = max(2, round(1.2 / 25.4 * dpi))
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(205, 25, 30), width=ring)
        draw.ellipse(
            (cx - r * 0.7, cy - r * 0.7, cx + r * 0.7, cy + r * 0.7), outline=(205, 25, 30), width=ring
        )
        draw.text((cx - r * 0.5, cy - r * 0.15), "UBND", font=font, fill=(205, 25, 30))
    return np.asarray(img).copy()


def blank_page(dpi: int = 200, *, noise: float = 3.0, specks: int = 12, seed: int = 0) -> np.ndarray:
    """A blank sheet as a scanner sees it: paper tone, sensor noise and a few dust specks."""
    w, h = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    rng = np.random.default_rng(seed)
    img = np.full((h, w, 3), PAPER, dtype=np.float32) + rng.normal(0, noise, (h, w, 1))
    img = np.clip(img, 0, 255).astype(np.uint8)
    for _ in range(specks):
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        cv2.circle(img, (x, y), max(1, dpi // 150), (90, 90, 90), -1)
    return img


def photograph(
    page: np.ndarray,
    corners: np.ndarray,
    size: tuple[int, int],
    background: tuple[int, int, int] = (60, 55, 50),
) -> np.ndarray:
    """The page as a camera would see it: warped onto ``corners`` of a darker desk of ``size``."""
    h, w = page.shape[:2]
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, np.asarray(corners, dtype=np.float32))
    return cv2.warpPerspective(page, matrix, size, flags=cv2.INTER_AREA, borderValue=background)

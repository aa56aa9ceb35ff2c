"""Digitisation benchmark: clean-up time, PDF size vs OCRmyPDF -O2 (with SSIM), OCR and signing time.

Run: .venv/bin/python bench/scan.py [--pages 3] [--no-ocrmypdf]
Pages are generated A4 colour forms (Vietnamese text, red seal) made to look scanned:
1.5 degree skew, yellowish paper and sensor noise.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.scan.cleanup import CleanupOptions, clean_page, orientation  # noqa: E402
from kiosk.scan.cleanup.deskew import rotate_image  # noqa: E402
from kiosk.scan.ocr import ocr_page_pdf, ocr_pages  # noqa: E402
from kiosk.scan.page import Page  # noqa: E402
from kiosk.scan.pdfa import PdfMetadata, build_pdfa, check_legal  # noqa: E402
from kiosk.scan.samples import SAMPLE_LINES, a4_page  # noqa: E402

META = PdfMetadata("BENCH-0001", "Tờ khai", 1, "bench")


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    """Mean SSIM on grey levels (Wang et al. 2004, 11x11 Gaussian window, sigma 1.5)."""
    if a.ndim == 3:
        a = cv2.cvtColor(a, cv2.COLOR_RGB2GRAY)
    if b.ndim == 3:
        b = cv2.cvtColor(b, cv2.COLOR_RGB2GRAY)
    a, b = a.astype(np.float64), b.astype(np.float64)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2

    def blur(x: np.ndarray) -> np.ndarray:
        return cv2.GaussianBlur(x, (11, 11), 1.5)

    mu_a, mu_b = blur(a), blur(b)
    va, vb, cov = blur(a * a) - mu_a**2, blur(b * b) - mu_b**2, blur(a * b) - mu_a * mu_b
    s = ((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / ((mu_a**2 + mu_b**2 + c1) * (va + vb + c2))
    return float(s.mean())


def render(pdf: bytes, dpi: int) -> list[np.ndarray]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(Path(tmp) / "p")], check=True)
        return [
            cv2.cvtColor(cv2.imread(str(p)), cv2.COLOR_BGR2RGB) for p in sorted(Path(tmp).glob("p-*.png"))
        ]


def page_images(pdf: bytes) -> list[np.ndarray]:
    """The page images as stored (decoded, no rendering): compression loss only."""
    import pikepdf
    from PIL import Image

    from kiosk.scan.capture.importer import jpeg_stream_bytes

    out = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            img = max(page.get_images().values(), key=lambda i: int(i.Width) * int(i.Height))
            filters = img.get("/Filter")
            names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)]
            if names[-1] == "/DCTDecode":
                pil = Image.open(io.BytesIO(jpeg_stream_bytes(img)))
            else:
                pil = pikepdf.PdfImage(img).as_pil_image()
            out.append(np.asarray(pil.convert("RGB")))
    return out


def scanned_pages(dpi: int, count: int) -> list[Page]:
    rng = np.random.default_rng(dpi)
    pages = []
    for i in range(count):
        lines = SAMPLE_LINES[i % 3 :] + SAMPLE_LINES[: i % 3]
        img = rotate_image(a4_page(dpi, lines=lines), 1.5 - i)
        noisy = np.clip(img.astype(np.int16) + rng.normal(0, 4, img.shape[:2])[..., None], 0, 255)
        pages.append(Page(noisy.astype(np.uint8), dpi))
    return pages


def timed(fn, *args, **kw):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}"


def lossless_pdf(pages: list[Page]) -> bytes:
    """The pages as lossless (Flate RGB) images: input for OCRmyPDF's own encoding choice."""
    import zlib

    import pikepdf

    pdf = pikepdf.new()
    for page in pages:
        h, w = page.pixels.shape[:2]
        img = pikepdf.Stream(pdf, zlib.compress(page.pixels.tobytes(), 6))
        img.Type, img.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        img.Width, img.Height, img.BitsPerComponent = w, h, 8
        img.ColorSpace, img.Filter = pikepdf.Name.DeviceRGB, pikepdf.Name.FlateDecode
        wpt, hpt = w * 72 / page.dpi, h * 72 / page.dpi
        content = pikepdf.Stream(pdf, f"q {wpt} 0 0 {hpt} 0 0 cm /Im0 Do Q".encode())
        resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=img))
        pdf.pages.append(
            pikepdf.Page(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Page, MediaBox=[0, 0, wpt, hpt], Resources=resources, Contents=content
                )
            )
        )
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


last_ocrmypdf_output: list[bytes] = [b""]


def image_kind(pdf: bytes) -> str:
    """How the first page image is stored, e.g. "DCT /DeviceRGB 8-bit" or "Flate /Indexed 8-bit"."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        img = next(iter(doc.pages[0].get_images().values()))
        cs = img.get("/ColorSpace")
        space = str(cs[0]) if isinstance(cs, pikepdf.Array) else str(cs)
        filters = img.get("/Filter")
        names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)]
        return f"{'+'.join(n.strip('/') for n in names)} {space} {int(img.BitsPerComponent)}-bit"


def ocrmypdf_size(pdf_in: bytes, dpi: int) -> tuple[int, float, list[np.ndarray]] | None:
    exe = Path(sys.executable).with_name("ocrmypdf")
    if not exe.exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        src.write_bytes(pdf_in)
        t = time.perf_counter()
        proc = subprocess.run(
            [
                str(exe),
                "-q",
                "-O2",
                "-l",
                "vie",
                "--output-type",
                "pdfa-2",
                "--jobs",
                str(os.cpu_count() or 1),
                str(src),
                str(dst),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=False,
        )
        elapsed = time.perf_counter() - t
        if proc.returncode != 0:
            print("ocrmypdf failed:", proc.stderr.strip()[-300:])
            return None
        data = dst.read_bytes()
        last_ocrmypdf_output[:] = [data]
        return len(data), elapsed, page_images(data)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=3)
    ap.add_argument("--no-ocrmypdf", action="store_true")
    args = ap.parse_args()
    print(f"machine: {machine()}")
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    rows = []
    for dpi in (200, 300):
        pages = scanned_pages(dpi, args.pages)
        default = CleanupOptions()  # what the app and the CLI run: OSD only on undecided pages
        clean_page(pages[0], default)  # warm up OpenCV
        real_osd = orientation._osd
        osd_runs: list[int] = []
        orientation._osd = lambda gray, d, runs=osd_runs, osd=real_osd: runs.append(d) or osd(gray, d)  # type: ignore[assignment]
        t_geo = [timed(clean_page, p, default)[1] for p in pages for _ in range(3)]
        orientation._osd = real_osd  # type: ignore[assignment]
        # What one Tesseract OSD run costs, for a page the estimate cannot decide.
        grey = [cv2.cvtColor(p.pixels, cv2.COLOR_RGB2GRAY) for p in pages]
        t_osd = [timed(real_osd, g, dpi)[1] for g in grey]
        t_estimate = [timed(orientation.detect_orientation, g, dpi, use_osd=False)[1] for g in grey]
        cleaned = [clean_page(p, default).page for p in pages]
        reference = [
            a4_page(dpi, lines=SAMPLE_LINES[i % 3 :] + SAMPLE_LINES[: i % 3]) for i in range(args.pages)
        ]

        plain, t_build = timed(build_pdfa, cleaned, META)
        t_ocr_page = [timed(ocr_page_pdf, p)[1] for p in cleaned[:1]]
        layers, t_ocr_all = timed(ocr_pages, cleaned)
        ours = build_pdfa(cleaned, META, text_layers=layers)
        assert check_legal(ours).ok
        ours_px = render(ours, dpi)
        # Two SSIMs: against the generated original (whole pipeline incl. deskew interpolation) and
        # against the cleaned page before encoding (compression loss only).
        ours_ssim = statistics.mean(ssim(r, ref) for r, ref in zip(ours_px, reference, strict=True))
        ours_ssim_enc = statistics.mean(
            ssim(r, c.pixels) for r, c in zip(page_images(ours), cleaned, strict=True)
        )
        row = {
            "dpi": dpi,
            "cleanup_ms": statistics.median(t_geo) * 1000,
            "cleanup_ms_min": min(t_geo) * 1000,
            "cleanup_osd_runs": float(len(osd_runs)),
            "orientation_estimate_ms": statistics.median(t_estimate) * 1000,
            "osd_run_ms": statistics.median(t_osd) * 1000,
            "build_ms_page": t_build / len(cleaned) * 1000,
            "ocr_s_page_serial": statistics.median(t_ocr_page),
            "ocr_s_page_parallel": t_ocr_all / len(cleaned),
            "ours_bytes_page": len(ours) / len(cleaned),
            "ours_ssim": ours_ssim,
            "ours_ssim_vs_cleaned": ours_ssim_enc,
        }
        if not args.no_ocrmypdf:
            # (a) OCRmyPDF given our PDF (JPEG q75): what its -O2 optimiser does on top.
            # (b) OCRmyPDF given lossless page images: its own choice of encoding.
            for label, source in (("jpeg_in", plain), ("lossless_in", lossless_pdf(cleaned))):
                res = ocrmypdf_size(source, dpi)
                if res is None:
                    continue
                size, elapsed, rendered = res
                res_pdf = [last_ocrmypdf_output[0]]
                target = statistics.mean(ssim(r, c.pixels) for r, c in zip(rendered, cleaned, strict=True))
                row[f"ocrmypdf_{label}_bytes_page"] = size / len(cleaned)
                row[f"ocrmypdf_{label}_s_page"] = elapsed / len(cleaned)
                row[f"ocrmypdf_{label}_ssim_vs_cleaned"] = target
                row[f"ocrmypdf_{label}_image"] = image_kind(res_pdf[0])
                # Ours at equal visual quality: the lowest JPEG quality whose SSIM (against the
                # same cleaned pixels) is at least OCRmyPDF's.
                for q in (60, 65, 70, 75, 80, 85, 90, 95):
                    cand = build_pdfa(cleaned, META, text_layers=layers, quality=q)
                    cand_px = page_images(cand)
                    got = statistics.mean(ssim(r, c.pixels) for r, c in zip(cand_px, cleaned, strict=True))
                    if got >= target:
                        row[f"ours_vs_{label}_q"] = float(q)
                        row[f"ours_vs_{label}_bytes_page"] = len(cand) / len(cleaned)
                        row[f"ours_vs_{label}_ssim"] = got
                        break
        rows.append(row)
        for k, v in row.items():
            print(f"  {dpi} dpi {k}: {v:.3f}" if isinstance(v, float) else f"  {k}: {v}")

    # Signing with a SoftHSM2 token (EC P-256, key chosen by id).
    from kiosk.scan.sign import SignOptions, TokenSpec, parse_key_id, sign_pdf
    from tests.scan.hsm import make_token

    with tempfile.TemporaryDirectory() as tmp:
        token = make_token(Path(tmp))
        spec = TokenSpec(token.module, parse_key_id(token.key_id), token.pin)
        doc = build_pdfa(scanned_pages(200, 1), META)
        sign_pdf(doc, spec, SignOptions(agency="UBND"))  # warm-up: font subsetting code paths
        t_sign = [timed(sign_pdf, doc, spec, SignOptions(agency="UBND"))[1] for _ in range(5)]
    print(f"  signing (PAdES B-B, SoftHSM2) median: {statistics.median(t_sign) * 1000:.0f} ms")

    # SANE test backend throughput (driver in its own process).
    from kiosk.scan.capture import ScanSettings
    from kiosk.scan.capture.sane_backend import SaneBackend

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "dll.conf").write_text("test\n")
        (Path(tmp) / "test.conf").write_text("geometry_max 300.0\nbr_x 210.0\nbr_y 297.0\nmode Color\n")
        os.environ["SANE_CONFIG_DIR"] = tmp
        result, t_adf = timed(SaneBackend().scan, "sane:test:0", ScanSettings(source="adf", dpi=200))
    print(f"  SANE test ADF: {len(result.pages)} A4 colour pages at 200 dpi in {t_adf:.2f} s")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

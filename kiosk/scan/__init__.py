"""Digitisation at the counter: capture -> clean up -> assemble PDF/A -> OCR -> sign -> attach.

Public API (everything works in memory; nothing plaintext is written to disk):

- Capture (``kiosk.scan.capture``): ``default_backend() -> ScanBackend`` (SANE on Linux, WIA on
  Windows), ``backend.list_devices() -> list[DeviceInfo]``, ``backend.scan(device_id,
  ScanSettings(source="adf", dpi=200), on_page=..., progress=..., cancel=CancelToken())
  -> ScanResult(pages, ended_by)``; drivers run in a child process (crash/hang -> clear error).
  Camera: ``capture.camera.SteadyCapture().feed(frame) -> CaptureEvent``,
  ``resolution_warning((w, h))``. Import: ``capture.importer.import_files(paths) -> list[Page]``.
- Clean-up: ``cleanup.clean_page(page, CleanupOptions()) -> CleanupResult``.
- One call for the whole chain: ``digitise.digitise(pages, PdfMetadata(...), ocr=True)
  -> Digitised(pdf: bytes, report: LegalReport, blank_pages, ...)``.
- PDF/A: ``pdfa.build_pdfa(pages, meta, text_layers=None) -> bytes``,
  ``pdfa.check_legal(pdf_bytes) -> LegalReport``, ``pdfa.pdf_filename(code, item)``.
- OCR: ``ocr.ocr_status()``, ``ocr.ocr_pages(pages) -> list[bytes]`` (text-only PDFs).
- Signing: ``sign.sign_pdf(pdf, TokenSpec(module, key_id, pin), SignOptions(agency=...))``;
  ``verify.verify_pdf(pdf, trust_roots=[der]) -> VerifyReport``.
- Dossier: ``attach.attach_pdf(store, dossier_uuid, component, pdf, dossier_code=..., item_number=...)``.
"""

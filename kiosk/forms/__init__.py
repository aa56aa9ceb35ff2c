"""Forms: official forms as data, pre-filled from chip data, validated, printed as PDF.

Public API:
- ``kiosk.forms.catalogue.load_catalogue(path=None) -> Catalogue`` (``.forms``, ``.get(id)``, ``.bundles``)
- ``kiosk.forms.prefill.prefill(form, roles, typed=None) -> FilledForm``; ``prefill_bundle(...)``
- ``kiosk.forms.validate.validate(filled) -> list[Problem]``
- ``kiosk.forms.render.render_pdf(filled, out)``
- ``kiosk.forms.receipt.render_receipt(data, out, *, thermal=False)``
- ``kiosk.forms.data_file.load_data_file(path) -> (roles, fields)``
- ``kiosk.forms.workdays.add_working_days(start, n)``; ``kiosk.forms.addresses.AdminUnits``
"""

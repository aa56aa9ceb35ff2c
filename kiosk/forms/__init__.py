"""Forms: official forms as data, pre-filled from chip data, validated, printed as PDF.

Public API:
- ``kiosk.forms.catalogue.load_catalogue(path=None, *, overrides=None) -> Catalogue`` (``.forms``,
  ``.get(id)``, ``.bundles``, ``.issues``); ``overrides=profile_forms_dir(profile.root)`` adds a
  province's updated forms
- ``kiosk.forms.prefill.prefill(form, roles, typed=None) -> FilledForm``; ``prefill_bundle(...)``
- ``kiosk.forms.validate.validate(filled) -> list[Problem]``
- ``kiosk.forms.render.render_pdf(filled, out)``
- ``kiosk.forms.receipt.render_receipt(data, out, *, thermal=False, calendar=None)``;
  ``receipt_from_json(raw)``
- ``kiosk.forms.data_file.load_data_file(path, item=None, forms=()) -> (roles, fields)``
- ``kiosk.forms.workdays.load_calendar(override=profile_holidays_path(root))``,
  ``add_working_days(start, n)``; ``kiosk.forms.addresses.AdminUnits``
"""

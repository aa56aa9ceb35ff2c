"""Forms UI: service picker, form screen (pre-filled, sources marked), PDF preview, print.

The main window hosts :class:`ui.forms.page.FormsPage`::

    from ui.forms.page import FormsPage
    page = FormsPage(ctx)              # ctx: ui.context.AppContext (kiosk_mode, language, signals)
    page.card_requested.connect(card_panel.read_for_role)   # role_key: "mother", "members[1]"...
    card_panel.card_read.connect(page.deliver_card)        # deliver_card(role_key, citizen)
    page.printed.connect(...)                              # item_id of the printed form/bundle

Parts usable on their own: ``ServicePicker(catalogue, language=, kiosk_mode=)`` (signal
``chosen(item_id)``), ``FormScreen(FormSession, language=, kiosk_mode=)`` (signals
``card_requested``, ``back_requested``, ``printed``; ``deliver_card``, ``request_preview``,
``print_current``, ``convert_address``, ``pick_address``, ``clear``), ``PdfPreview``
(``set_pdf(bytes)``), ``print_pdf(pdf_bytes, parent, silent=kiosk_mode)`` (e.g. for the receipt PDF from
``kiosk.forms.receipt.render_receipt``) and ``AddressPicker`` / ``AddressPickerDialog`` (offline
province -> commune picker, signal ``address_changed(text)``).
"""

<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="102" />
        <source>Form title</source>
        <translation>Tên tờ khai</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="104" />
        <source>Forms</source>
        <translation>Tờ khai</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="108" />
        <source>Problems to fix</source>
        <translation>Các lỗi cần sửa</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="113" />
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="117" />
        <source>Back to services</source>
        <translation>Quay lại danh sách dịch vụ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="118" />
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="119" />
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="120" />
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="129" />
        <source>Problems:</source>
        <translation>Các lỗi:</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="152" />
        <source>People (read each person's card once)</source>
        <translation>Người liên quan (đọc thẻ mỗi người một lần)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="153" />
        <source>People</source>
        <translation>Người liên quan</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="158" />
        <source>Card status: %1</source>
        <translation>Trạng thái thẻ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="162" />
        <source>Read next person's card</source>
        <translation>Đọc thẻ người tiếp theo</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="162" />
        <source>Read card</source>
        <translation>Đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="195" />
        <source>Source of %1</source>
        <translation>Nguồn của %1</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="196" />
        <source>Use card value</source>
        <translation>Dùng giá trị trên thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="197" />
        <source>Use card value for %1</source>
        <translation>Dùng giá trị trên thẻ cho %1</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="200" />
        <source>Keep typed value</source>
        <translation>Giữ giá trị đã nhập</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="201" />
        <source>Keep typed value for %1</source>
        <translation>Giữ giá trị đã nhập cho %1</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="210" />
        <source>Current units…</source>
        <translation>Đơn vị hành chính mới…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="212" />
        <source>Convert %1 to the current administrative units</source>
        <translation>Chuyển %1 sang đơn vị hành chính hiện hành</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="216" />
        <source>Convert an address with pre-2025 units (district, old ward) to the current commune</source>
        <translation>Chuyển địa chỉ ghi theo đơn vị hành chính trước năm 2025 (huyện, xã/phường cũ) sang xã/phường hiện hành</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="269" />
        <source>No pre-2025 ward, district and province were recognised in this address.</source>
        <translation>Không nhận ra xã/phường, quận/huyện, tỉnh cũ (trước năm 2025) trong địa chỉ này.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="276" />
        <source>Old ward was split</source>
        <translation>Xã/phường cũ đã được chia tách</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="277" />
        <source>%1 was split. Which commune is the address in now?</source>
        <translation>%1 đã được chia tách. Địa chỉ này nay thuộc xã/phường nào?</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="287" />
        <source>Address converted to the current units.</source>
        <translation>Đã chuyển địa chỉ sang đơn vị hành chính hiện hành.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="330" />
        <source>≠ card</source>
        <translation>≠ thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="336" />
        <source>Default</source>
        <translation>Mặc định</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="338" />
        <source>Chip ✓</source>
        <translation>Chip ✓</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="339" />
        <source>Chip</source>
        <translation>Chip</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="340" />
        <source>QR</source>
        <translation>QR</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="341" />
        <source>Typed</source>
        <translation>Nhập tay</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="342" />
        <source>Derived</source>
        <translation>Tự tính</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="367" />
        <source>Card: %1</source>
        <translation>Trên thẻ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="385" />
        <source>From the card</source>
        <translation>Lấy từ thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="392" />
        <source>not read</source>
        <translation>chưa đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="392" />
        <source>typed on the form</source>
        <translation>nhập trên tờ khai</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/forms/form_screen.py" line="412" />
        <source>%n problem(s) to fix before printing.</source>
        <translation><numerusform>Còn %n lỗi cần sửa trước khi in.</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="414" />
        <source>Ready to print.</source>
        <translation>Sẵn sàng để in.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="425" />
        <source>Preparing the preview…</source>
        <translation>Đang chuẩn bị bản xem trước…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="432" />
        <source>Preview ready: %1 page(s).</source>
        <translation>Bản xem trước: %1 trang.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="448" />
        <source>Please complete the highlighted fields before printing.</source>
        <translation>Vui lòng điền các ô được đánh dấu trước khi in.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="453" />
        <source>Print anyway?</source>
        <translation>Vẫn in?</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="454" />
        <source>The form still has problems. Print it as a draft to complete by hand?</source>
        <translation>Tờ khai vẫn còn lỗi. In bản nháp để điền tay?</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="461" />
        <source>Sent to the printer.</source>
        <translation>Đã gửi lệnh in.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="463" />
        <source>Not printed (cancelled or no printer).</source>
        <translation>Chưa in (đã hủy hoặc không có máy in).</translation>
    </message>
</context>
<context>
    <name>FormsPage</name>
    <message>
        <location filename="../../ui/forms/page.py" line="51" />
        <source>Forms</source>
        <translation>Tờ khai</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../ui/forms/pdf_preview.py" line="31" />
        <source>Form preview</source>
        <translation>Xem trước tờ khai</translation>
    </message>
</context>
<context>
    <name>ServicePicker</name>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="32" />
        <source>Search services (diacritics optional)…</source>
        <translation>Tìm dịch vụ (gõ có dấu hoặc không dấu)…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="33" />
        <source>Search services</source>
        <translation>Tìm dịch vụ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="36" />
        <source>Services</source>
        <translation>Dịch vụ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="38" />
        <source>Linked bundles and the 25 essential services are listed first.</source>
        <translation>Các nhóm thủ tục liên thông và 25 dịch vụ công thiết yếu được xếp trước.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="39" />
        <source>Hint</source>
        <translation>Gợi ý</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="73" />
        <source>No form in the catalogue yet: use the paper form</source>
        <translation>Chưa có tờ khai điện tử: dùng tờ khai giấy</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="85" />
        <source>Bundle</source>
        <translation>Liên thông</translation>
    </message>
</context>
</TS>
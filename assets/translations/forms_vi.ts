<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>AddressPicker</name>
    <message>
        <location filename="../../ui/forms/address_picker.py" line="34" />
        <source>Province or city</source>
        <translation>Tỉnh, thành phố</translation>
    </message>
    <message>
        <location filename="../../ui/forms/address_picker.py" line="35" />
        <source>All provinces</source>
        <translation>Tất cả tỉnh, thành phố</translation>
    </message>
    <message>
        <location filename="../../ui/forms/address_picker.py" line="39" />
        <source>Search commune or ward</source>
        <translation>Tìm xã, phường</translation>
    </message>
    <message>
        <location filename="../../ui/forms/address_picker.py" line="40" />
        <source>Commune or ward (diacritics optional)…</source>
        <translation>Xã, phường (gõ có dấu hoặc không dấu)…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/address_picker.py" line="42" />
        <source>Communes and wards</source>
        <translation>Danh sách xã, phường</translation>
    </message>
    <message>
        <location filename="../../ui/forms/address_picker.py" line="44" />
        <source>House number, street, village</source>
        <translation>Số nhà, đường phố, thôn, xóm</translation>
    </message>
    <message>
        <location filename="../../ui/forms/address_picker.py" line="46" />
        <source>Province/city</source>
        <translation>Tỉnh/thành phố</translation>
    </message>
    <message>
        <location filename="../../ui/forms/address_picker.py" line="47" />
        <source>Commune/ward</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <location filename="../../ui/forms/address_picker.py" line="49" />
        <source>House, street, village</source>
        <translation>Số nhà, đường, thôn</translation>
    </message>
</context>
<context>
    <name>AddressPickerDialog</name>
    <message>
        <location filename="../../ui/forms/address_picker.py" line="96" />
        <source>Pick an address</source>
        <translation>Chọn địa chỉ</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="111" />
        <source>Form title</source>
        <translation>Tên tờ khai</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="113" />
        <source>Forms</source>
        <translation>Tờ khai</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="117" />
        <source>Problems to fix</source>
        <translation>Các lỗi cần sửa</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="122" />
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="126" />
        <source>Back to services</source>
        <translation>Quay lại danh sách dịch vụ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="127" />
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="128" />
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="129" />
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="138" />
        <source>Problems:</source>
        <translation>Các lỗi:</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="161" />
        <source>People (read each person's card once)</source>
        <translation>Người liên quan (đọc thẻ mỗi người một lần)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="162" />
        <source>People</source>
        <translation>Người liên quan</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="167" />
        <source>Card status: %1</source>
        <translation>Trạng thái thẻ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="171" />
        <source>Read next person's card</source>
        <translation>Đọc thẻ người tiếp theo</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="171" />
        <source>Read card</source>
        <translation>Đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="204" />
        <source>Source of %1</source>
        <translation>Nguồn của %1</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="205" />
        <source>Use card value</source>
        <translation>Dùng giá trị trên thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="206" />
        <source>Use card value for %1</source>
        <translation>Dùng giá trị trên thẻ cho %1</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="209" />
        <source>Keep typed value</source>
        <translation>Giữ giá trị đã nhập</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="210" />
        <source>Keep typed value for %1</source>
        <translation>Giữ giá trị đã nhập cho %1</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="219" />
        <source>Current units…</source>
        <translation>Đơn vị hành chính mới…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="221" />
        <source>Convert %1 to the current administrative units</source>
        <translation>Chuyển %1 sang đơn vị hành chính hiện hành</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="225" />
        <location filename="../../ui/forms/form_screen.py" line="460" />
        <source>Convert an address with pre-2025 units (district, old ward) to the current commune</source>
        <translation>Chuyển địa chỉ ghi theo đơn vị hành chính trước năm 2025 (huyện, xã/phường cũ) sang xã/phường hiện hành</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="232" />
        <source>Pick…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="233" />
        <source>Pick %1 from the list of communes</source>
        <translation>Chọn %1 từ danh sách xã, phường</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="297" />
        <source>No pre-2025 ward, district and province were recognised in this address.</source>
        <translation>Không nhận ra xã/phường, quận/huyện, tỉnh cũ (trước năm 2025) trong địa chỉ này.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="304" />
        <source>Old ward was split</source>
        <translation>Xã/phường cũ đã được chia tách</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="305" />
        <source>%1 was split. Which commune is the address in now?</source>
        <translation>%1 đã được chia tách. Địa chỉ này nay thuộc xã/phường nào?</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="315" />
        <source>Address converted to the current units.</source>
        <translation>Đã chuyển địa chỉ sang đơn vị hành chính hiện hành.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="367" />
        <source>≠ card</source>
        <translation>≠ thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="373" />
        <source>Default</source>
        <translation>Mặc định</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="375" />
        <source>Chip ✓</source>
        <translation>Chip ✓</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="376" />
        <source>Chip</source>
        <translation>Chip</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="377" />
        <source>QR</source>
        <translation>QR</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="378" />
        <source>Typed</source>
        <translation>Nhập tay</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="379" />
        <source>Derived</source>
        <translation>Tự tính</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="404" />
        <source>Card: %1</source>
        <translation>Trên thẻ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="430" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="430" />
        <source>Card</source>
        <translation>Thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="433" />
        <source>%1 · typed on the form</source>
        <translation>%1 · nhập trên tờ khai</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="435" />
        <source>%1 · new person</source>
        <translation>%1 · người mới</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="444" />
        <source>From the card</source>
        <translation>Lấy từ thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="466" />
        <source>Pre-2025 units: %1 is now %2</source>
        <translation>Đơn vị hành chính cũ: %1 nay là %2</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="475" />
        <source>not read</source>
        <translation>chưa đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="475" />
        <source>typed on the form</source>
        <translation>nhập trên tờ khai</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/forms/form_screen.py" line="495" />
        <source>%n problem(s) to fix before printing.</source>
        <translation>
            <numerusform>Còn %n lỗi cần sửa trước khi in.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="497" />
        <source>Ready to print.</source>
        <translation>Sẵn sàng để in.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="508" />
        <source>Preparing the preview…</source>
        <translation>Đang chuẩn bị bản xem trước…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="515" />
        <source>Preview ready: %1 page(s).</source>
        <translation>Bản xem trước: %1 trang.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="531" />
        <source>Please complete the highlighted fields before printing.</source>
        <translation>Vui lòng điền các ô được đánh dấu trước khi in.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="536" />
        <source>Print anyway?</source>
        <translation>Vẫn in?</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="537" />
        <source>The form still has problems. Print it as a draft to complete by hand?</source>
        <translation>Tờ khai vẫn còn lỗi. In bản nháp để điền tay?</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="544" />
        <source>Sent to the printer.</source>
        <translation>Đã gửi lệnh in.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="546" />
        <source>Not printed (cancelled or no printer).</source>
        <translation>Chưa in (đã hủy hoặc không có máy in).</translation>
    </message>
</context>
<context>
    <name>FormsPage</name>
    <message>
        <location filename="../../ui/forms/page.py" line="53" />
        <source>Forms</source>
        <translation>Tờ khai</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../ui/forms/pdf_preview.py" line="36" />
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
        <location filename="../../ui/forms/service_picker.py" line="39" />
        <source>Choose your service. Services not listed here are handled at the counter.</source>
        <translation>Chọn dịch vụ cần làm. Các dịch vụ không có trong danh sách được giải quyết tại quầy.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="41" />
        <source>Linked bundles and the 25 essential services are listed first.</source>
        <translation>Các nhóm thủ tục liên thông và 25 dịch vụ công thiết yếu được xếp trước.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="43" />
        <source>Hint</source>
        <translation>Gợi ý</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="81" />
        <source>No form in the catalogue yet: use the paper form</source>
        <translation>Chưa có tờ khai điện tử: dùng tờ khai giấy</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="93" />
        <source>Bundle</source>
        <translation>Liên thông</translation>
    </message>
</context>
</TS>
<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="100" />
        <source>Form title</source>
        <translation>Tên tờ khai</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="102" />
        <source>Forms</source>
        <translation>Tờ khai</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="106" />
        <source>Problems to fix</source>
        <translation>Các lỗi cần sửa</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="111" />
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="115" />
        <source>Back to services</source>
        <translation>Quay lại danh sách dịch vụ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="116" />
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="117" />
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="118" />
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="127" />
        <source>Problems:</source>
        <translation>Các lỗi:</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="150" />
        <source>People (read each person's card once)</source>
        <translation>Người liên quan (đọc thẻ mỗi người một lần)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="151" />
        <source>People</source>
        <translation>Người liên quan</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="156" />
        <source>Card status: %1</source>
        <translation>Trạng thái thẻ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="160" />
        <source>Read next person's card</source>
        <translation>Đọc thẻ người tiếp theo</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="160" />
        <source>Read card</source>
        <translation>Đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="192" />
        <source>Source of %1</source>
        <translation>Nguồn của %1</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="193" />
        <source>Use card value</source>
        <translation>Dùng giá trị trên thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="194" />
        <source>Use card value for %1</source>
        <translation>Dùng giá trị trên thẻ cho %1</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="275" />
        <source>≠ card</source>
        <translation>≠ thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="281" />
        <source>Default</source>
        <translation>Mặc định</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="283" />
        <source>Chip ✓</source>
        <translation>Chip ✓</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="284" />
        <source>Chip</source>
        <translation>Chip</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="285" />
        <source>QR</source>
        <translation>QR</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="286" />
        <source>Typed</source>
        <translation>Nhập tay</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="287" />
        <source>Derived</source>
        <translation>Tự tính</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="312" />
        <source>Card: %1</source>
        <translation>Trên thẻ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="329" />
        <source>From the card</source>
        <translation>Lấy từ thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="336" />
        <source>not read</source>
        <translation>chưa đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="336" />
        <source>typed on the form</source>
        <translation>nhập trên tờ khai</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/forms/form_screen.py" line="356" />
        <source>%n problem(s) to fix before printing.</source>
        <translation><numerusform>Còn %n lỗi cần sửa trước khi in.</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="358" />
        <source>Ready to print.</source>
        <translation>Sẵn sàng để in.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="369" />
        <source>Preparing the preview…</source>
        <translation>Đang chuẩn bị bản xem trước…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="376" />
        <source>Preview ready: %1 page(s).</source>
        <translation>Bản xem trước: %1 trang.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="392" />
        <source>Please complete the highlighted fields before printing.</source>
        <translation>Vui lòng điền các ô được đánh dấu trước khi in.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="397" />
        <source>Print anyway?</source>
        <translation>Vẫn in?</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="398" />
        <source>The form still has problems. Print it as a draft to complete by hand?</source>
        <translation>Tờ khai vẫn còn lỗi. In bản nháp để điền tay?</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="405" />
        <source>Sent to the printer.</source>
        <translation>Đã gửi lệnh in.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_screen.py" line="407" />
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
        <location filename="../../ui/forms/service_picker.py" line="30" />
        <source>Search services (diacritics optional)…</source>
        <translation>Tìm dịch vụ (gõ có dấu hoặc không dấu)…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="31" />
        <source>Search services</source>
        <translation>Tìm dịch vụ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="34" />
        <source>Services</source>
        <translation>Dịch vụ</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="36" />
        <source>Linked bundles and the 25 essential services are listed first.</source>
        <translation>Các nhóm thủ tục liên thông và 25 dịch vụ công thiết yếu được xếp trước.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="37" />
        <source>Hint</source>
        <translation>Gợi ý</translation>
    </message>
    <message>
        <location filename="../../ui/forms/service_picker.py" line="63" />
        <source>Bundle</source>
        <translation>Liên thông</translation>
    </message>
</context>
</TS>
<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>DiagnosticsPage</name>
    <message>
        <location filename="../../ui/diagnostics.py" line="75" />
        <source>Diagnostics for support (contains no personal data)</source>
        <translation>Thông tin chẩn đoán gửi bộ phận hỗ trợ (không chứa dữ liệu cá nhân)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="77" />
        <source>Not collected yet.</source>
        <translation>Chưa kiểm tra.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="78" />
        <source>Diagnostics summary</source>
        <translation>Tóm tắt chẩn đoán</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="81" />
        <source>Diagnostics checks</source>
        <translation>Các mục kiểm tra chẩn đoán</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="83" />
        <source>One row per check: its name, status, what was found and what to do.</source>
        <translation>Mỗi dòng một mục kiểm tra: tên, trạng thái, kết quả và việc cần làm.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="86" />
        <source>Check</source>
        <translation>Mục kiểm tra</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="86" />
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="86" />
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="86" />
        <source>What to do</source>
        <translation>Việc cần làm</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="93" />
        <source>Row numbers</source>
        <translation>Số thứ tự dòng</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="95" />
        <source>Column headings</source>
        <translation>Tiêu đề cột</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="98" />
        <source>Select all rows</source>
        <translation>Chọn tất cả các dòng</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="104" />
        <source>Card reader details and the last APDU trace: run 'kiosk card diagnose'.</source>
        <translation>Chi tiết đầu đọc thẻ và nhật ký APDU gần nhất: chạy 'kiosk card diagnose'.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="108" />
        <source>Run the diagnostics checks again</source>
        <translation>Chạy lại các mục kiểm tra chẩn đoán</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="109" />
        <source>&amp;Copy report</source>
        <translation>&amp;Sao chép báo cáo</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="110" />
        <source>Copy the diagnostics report as text and JSON</source>
        <translation>Sao chép báo cáo chẩn đoán dạng văn bản và JSON</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="141" />
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="164" />
        <source>OK</source>
        <translation>Đạt</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="165" />
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="166" />
        <source>Failed</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="167" />
        <source>Not checked</source>
        <translation>Chưa kiểm tra</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="191" />
        <source>%1 checks: %2 OK, %3 warnings, %4 failed, %5 not checked.</source>
        <translation>%1 mục: %2 đạt, %3 cảnh báo, %4 lỗi, %5 chưa kiểm tra.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="107" />
        <source>&amp;Refresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <location filename="../../ui/app.py" line="85" />
        <source>Session about to end</source>
        <translation>Phiên sắp kết thúc</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="86" />
        <source>Touch the screen to continue</source>
        <translation>Chạm vào màn hình để tiếp tục</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="94" />
        <source>Seconds left</source>
        <translation>Số giây còn lại</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="95" />
        <source>&amp;Continue</source>
        <translation>&amp;Tiếp tục</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="96" />
        <source>Continue the session</source>
        <translation>Tiếp tục phiên làm việc</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="107" />
        <source>Your session ends in %1 s and your data is cleared from this kiosk.</source>
        <translation>Phiên của bạn kết thúc sau %1 giây và dữ liệu của bạn được xóa khỏi máy kiosk này.</translation>
    </message>
</context>
<context>
    <name>KioskReceiptPanel</name>
    <message>
        <location filename="../../ui/reception.py" line="170" />
        <source>Your dossier code</source>
        <translation>Mã hồ sơ của bạn</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="174" />
        <source>Receipt message</source>
        <translation>Thông báo về giấy tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="178" />
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="180" />
        <source>QR code of the dossier code</source>
        <translation>Mã QR của mã hồ sơ</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="51" />
        <source>Reception</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="52" />
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="53" />
        <source>Digitise papers</source>
        <translation>Số hóa giấy tờ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="54" />
        <source>Sync queue</source>
        <translation>Hàng đợi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="55" />
        <source>Diagnostics</source>
        <translation>Chẩn đoán</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="70" />
        <source>Một Cửa Kiosk</source>
        <translation>Một Cửa Kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="71" />
        <source>Một Cửa Kiosk main window</source>
        <translation>Cửa sổ chính Một Cửa Kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="77" />
        <source>Screens</source>
        <translation>Màn hình</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="80" />
        <source>Current screen</source>
        <translation>Màn hình hiện tại</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="101" />
        <source>Reader: starting…</source>
        <translation>Đầu đọc: đang khởi động…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="102" />
        <source>Card reader state</source>
        <translation>Trạng thái đầu đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155" />
        <source>Reader: %1</source>
        <translation>Đầu đọc: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="142" />
        <source>This screen could not be opened: %s</source>
        <translation>Không mở được màn hình này: %s</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../ui/pages.py" line="51" />
        <source>Log in to see this screen.</source>
        <translation>Đăng nhập để xem màn hình này.</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../ui/reception.py" line="117" />
        <source>Receipt (form 01)</source>
        <translation>Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="118" />
        <location filename="../../ui/reception.py" line="121" />
        <source>Receipt preview</source>
        <translation>Xem trước giấy tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="122" />
        <source>&amp;Print…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="123" />
        <source>Print the receipt</source>
        <translation>In giấy tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="126" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="127" />
        <source>Close the receipt preview</source>
        <translation>Đóng bản xem trước giấy tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="130" />
        <source>Receipt printing status</source>
        <translation>Trạng thái in giấy tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="149" />
        <source>Sent to the printer.</source>
        <translation>Đã gửi lệnh in.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="149" />
        <source>Not printed.</source>
        <translation>Chưa in.</translation>
    </message>
</context>
<context>
    <name>ReceptionPage</name>
    <message>
        <location filename="../../ui/reception.py" line="248" />
        <source>Reception status</source>
        <translation>Trạng thái tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="249" />
        <source>&amp;Save dossier and queue for sync</source>
        <translation>&amp;Lưu hồ sơ và đưa vào hàng đợi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="250" />
        <source>Save the dossier and queue it for sync</source>
        <translation>Lưu hồ sơ và đưa vào hàng đợi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="253" />
        <source>&amp;Next citizen</source>
        <translation>&amp;Công dân tiếp theo</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="254" />
        <source>Next citizen: clear every screen</source>
        <translation>Công dân tiếp theo: xóa dữ liệu trên mọi màn hình</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="257" />
        <source>Print &amp;receipt again</source>
        <translation>In lại &amp;giấy tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="258" />
        <source>Print the receipt of this dossier again</source>
        <translation>In lại giấy tiếp nhận của hồ sơ này</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="268" />
        <source>The citizen agrees that the data on their ID card chip (including the sensitive items ethnicity, religion and photo) is read to fill in the forms of this visit.</source>
        <translation>Công dân đồng ý cho đọc dữ liệu trên chip thẻ căn cước (gồm cả các thông tin nhạy cảm: dân tộc, tôn giáo và ảnh chân dung) để điền tờ khai của lần giao dịch này.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="273" />
        <source>I agree</source>
        <translation>Tôi đồng ý</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="274" />
        <source>Consent to read the ID card chip</source>
        <translation>Đồng ý cho đọc chip thẻ căn cước</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="300" />
        <source>Card and form</source>
        <translation>Thẻ và tờ khai</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="415" />
        <source>Card read. Now choose the service.</source>
        <translation>Đã đọc thẻ. Bây giờ hãy chọn dịch vụ.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="427" />
        <source>Choose a service and fill its form first.</source>
        <translation>Hãy chọn dịch vụ và điền tờ khai trước.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="430" />
        <source>The store is locked: log in again to save.</source>
        <translation>Kho dữ liệu đang khóa: hãy đăng nhập lại để lưu.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="433" />
        <source>Saving the dossier…</source>
        <translation>Đang lưu hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="457" />
        <source>Dossier %1 saved and queued; it is sent as soon as the server can be reached.</source>
        <translation>Đã lưu hồ sơ %1 và đưa vào hàng đợi; hồ sơ sẽ được gửi ngay khi kết nối được máy chủ.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="463" />
        <source>The receipt could not be made (%1). Press “Print receipt again” to try once more.</source>
        <translation>Không tạo được giấy tiếp nhận (%1). Bấm “In lại giấy tiếp nhận” để thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="485" />
        <source>Please take your receipt from the printer. Your dossier code:</source>
        <translation>Mời bạn nhận giấy tiếp nhận tại máy in. Mã hồ sơ của bạn:</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="488" />
        <source>No printer is available, so no paper receipt can be printed. Your dossier is saved: please photograph this code and its QR code, or ask at the counter.</source>
        <translation>Không có máy in nên không in được giấy tiếp nhận. Hồ sơ của bạn đã được lưu: vui lòng chụp ảnh mã này và mã QR, hoặc hỏi cán bộ tại quầy.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="491" />
        <source>No printer is available: the receipt was not printed.</source>
        <translation>Không có máy in: giấy tiếp nhận chưa được in.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="503" />
        <source>Save a dossier first: there is no receipt to print yet.</source>
        <translation>Hãy lưu hồ sơ trước: chưa có giấy tiếp nhận để in.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="509" />
        <source>The receipt could not be made: %1</source>
        <translation>Không tạo được giấy tiếp nhận: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="517" />
        <source>The dossier was not saved: %1</source>
        <translation>Chưa lưu được hồ sơ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="521" />
        <source>The dossier reached the server: official code %1.</source>
        <translation>Hồ sơ đã đến máy chủ: mã hồ sơ chính thức %1.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../ui/app.py" line="127" />
        <location filename="../../ui/app.py" line="128" />
        <source>Một Cửa Kiosk</source>
        <translation>Một Cửa Kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="161" />
        <source>The kiosk cannot start</source>
        <translation>Không khởi động được ki-ốt</translation>
    </message>
</context>
</TS>
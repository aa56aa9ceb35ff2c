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
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="48" />
        <source>Reception</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="49" />
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="50" />
        <source>Digitise papers</source>
        <translation>Số hóa giấy tờ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="51" />
        <source>Sync queue</source>
        <translation>Hàng đợi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="52" />
        <source>Diagnostics</source>
        <translation>Chẩn đoán</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="67" />
        <source>Một Cửa Kiosk</source>
        <translation>Một Cửa Kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="68" />
        <source>Một Cửa Kiosk main window</source>
        <translation>Cửa sổ chính Một Cửa Kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="74" />
        <source>Screens</source>
        <translation>Màn hình</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="77" />
        <source>Current screen</source>
        <translation>Màn hình hiện tại</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="97" />
        <source>Reader: starting…</source>
        <translation>Đầu đọc: đang khởi động…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="98" />
        <source>Card reader state</source>
        <translation>Trạng thái đầu đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="132" />
        <source>Reader: %1</source>
        <translation>Đầu đọc: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="119" />
        <source>This screen could not be opened: %s</source>
        <translation>Không mở được màn hình này: %s</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../ui/pages.py" line="20" />
        <source>Log in to see this screen.</source>
        <translation>Đăng nhập để xem màn hình này.</translation>
    </message>
</context>
<context>
    <name>ReceptionPage</name>
    <message>
        <location filename="../../ui/reception.py" line="89" />
        <source>Reception status</source>
        <translation>Trạng thái tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="90" />
        <source>&amp;Save dossier and queue for sync</source>
        <translation>&amp;Lưu hồ sơ và đưa vào hàng đợi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="91" />
        <source>Save the dossier and queue it for sync</source>
        <translation>Lưu hồ sơ và đưa vào hàng đợi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="94" />
        <source>&amp;Next citizen</source>
        <translation>&amp;Công dân tiếp theo</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="95" />
        <source>Next citizen: clear every screen</source>
        <translation>Công dân tiếp theo: xóa dữ liệu trên mọi màn hình</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="101" />
        <source>The citizen agrees that the data on their ID card chip (including the sensitive items ethnicity, religion and photo) is read to fill in the forms of this visit.</source>
        <translation>Công dân đồng ý cho đọc dữ liệu trên chip thẻ căn cước (gồm cả các thông tin nhạy cảm: dân tộc, tôn giáo và ảnh chân dung) để điền tờ khai của lần giao dịch này.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="106" />
        <source>I agree</source>
        <translation>Tôi đồng ý</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="107" />
        <source>Consent to read the ID card chip</source>
        <translation>Đồng ý cho đọc chip thẻ căn cước</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="201" />
        <source>Card read. Now choose the service.</source>
        <translation>Đã đọc thẻ. Bây giờ hãy chọn dịch vụ.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="213" />
        <source>Choose a service and fill its form first.</source>
        <translation>Hãy chọn dịch vụ và điền tờ khai trước.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="216" />
        <source>The store is locked: log in again to save.</source>
        <translation>Kho dữ liệu đang khóa: hãy đăng nhập lại để lưu.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="219" />
        <source>Saving the dossier…</source>
        <translation>Đang lưu hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="225" />
        <source>Dossier %1 saved and queued; it is sent as soon as the server can be reached.</source>
        <translation>Đã lưu hồ sơ %1 và đưa vào hàng đợi; hồ sơ sẽ được gửi ngay khi kết nối được máy chủ.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="234" />
        <source>The dossier was not saved: %1</source>
        <translation>Chưa lưu được hồ sơ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="238" />
        <source>The dossier reached the server: official code %1.</source>
        <translation>Hồ sơ đã đến máy chủ: mã hồ sơ chính thức %1.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../ui/app.py" line="62" />
        <location filename="../../ui/app.py" line="63" />
        <source>Một Cửa Kiosk</source>
        <translation>Một Cửa Kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="94" />
        <source>The kiosk cannot start</source>
        <translation>Không khởi động được ki-ốt</translation>
    </message>
</context>
</TS>
<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>DiagnosticsPage</name>
    <message>
        <location filename="../../ui/diagnostics.py" line="34" />
        <source>Diagnostics for support (contains no personal data)</source>
        <translation>Thông tin chẩn đoán gửi bộ phận hỗ trợ (không chứa dữ liệu cá nhân)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="38" />
        <source>Diagnostics report</source>
        <translation>Báo cáo chẩn đoán</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="39" />
        <source>&amp;Refresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="40" />
        <source>Refresh the diagnostics report</source>
        <translation>Làm mới báo cáo chẩn đoán</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="41" />
        <source>&amp;Copy to clipboard</source>
        <translation>&amp;Sao chép</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="42" />
        <source>Copy the diagnostics report</source>
        <translation>Sao chép báo cáo chẩn đoán</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="52" />
        <source>Collecting…</source>
        <translation>Đang thu thập…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="47" />
        <source>Reception</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="48" />
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="49" />
        <source>Digitise papers</source>
        <translation>Số hóa giấy tờ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="50" />
        <source>Sync queue</source>
        <translation>Hàng đợi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="51" />
        <source>Diagnostics</source>
        <translation>Chẩn đoán</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="66" />
        <source>Một Cửa Kiosk</source>
        <translation>Một Cửa Kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="67" />
        <source>Một Cửa Kiosk main window</source>
        <translation>Cửa sổ chính Một Cửa Kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="73" />
        <source>Screens</source>
        <translation>Màn hình</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="76" />
        <source>Current screen</source>
        <translation>Màn hình hiện tại</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="96" />
        <source>Reader: starting…</source>
        <translation>Đầu đọc: đang khởi động…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="97" />
        <source>Card reader state</source>
        <translation>Trạng thái đầu đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="100" />
        <source>Sync state</source>
        <translation>Trạng thái đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="114" />
        <source>This screen could not be opened: %s</source>
        <translation>Không mở được màn hình này: %s</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../ui/pages.py" line="19" />
        <source>Dossier list: not available in this build.</source>
        <translation>Danh sách hồ sơ: chưa có trong bản này.</translation>
    </message>
    <message>
        <location filename="../../ui/pages.py" line="23" />
        <source>Digitisation: not available in this build.</source>
        <translation>Số hóa: chưa có trong bản này.</translation>
    </message>
    <message>
        <location filename="../../ui/pages.py" line="27" />
        <source>Sync queue: not available in this build.</source>
        <translation>Hàng đợi đồng bộ: chưa có trong bản này.</translation>
    </message>
</context>
<context>
    <name>ReceptionPage</name>
    <message>
        <location filename="../../ui/reception.py" line="15" />
        <source>Place the citizen's ID card on the reader.</source>
        <translation>Đặt thẻ căn cước của công dân lên đầu đọc.</translation>
    </message>
</context>
</TS>
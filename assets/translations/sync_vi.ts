<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>SyncDeviceProblem</name>
    <message>
        <location filename="../../ui/sync/widgets.py" line="55" />
        <source>This device has been revoked by the server: contact the province IT team.</source>
        <translation>Thiết bị này đã bị máy chủ thu hồi: hãy liên hệ bộ phận CNTT của tỉnh.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="60" />
        <source>Reason: %1</source>
        <translation>Lý do: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="63" />
        <source>Device revoked</source>
        <translation>Thiết bị bị thu hồi</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="64" />
        <source>Not enrolled</source>
        <translation>Chưa đăng ký</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="64" />
        <source>This device is not enrolled with an intake server: ask the server administrator for an enrolment code, then run: kiosk enrol URL CODE</source>
        <translation>Thiết bị này chưa được đăng ký với máy chủ tiếp nhận: hãy xin quản trị viên máy chủ một mã đăng ký, rồi chạy: kiosk enrol URL MÃ</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../ui/sync/widgets.py" line="93" />
        <source>Connection state</source>
        <translation>Trạng thái kết nối</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="95" />
        <source>Sync state; open the sync queue</source>
        <translation>Trạng thái đồng bộ; mở hàng đợi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="99" />
        <source>Stale queue notice</source>
        <translation>Cảnh báo hàng đợi quá hạn</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="103" />
        <source>Device state</source>
        <translation>Trạng thái thiết bị</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="130" />
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="130" />
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="130" />
        <source>Not checked</source>
        <translation>Chưa kiểm tra</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="141" />
        <source>%1 · %2 queued · last sent %3</source>
        <translation>%1 · %2 hồ sơ chờ gửi · gửi lần cuối %3</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="147" />
        <source>%1 need attention</source>
        <translation>%1 hồ sơ cần xử lý</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="155" />
        <source>Queue older than %1 h: connect to send</source>
        <translation>Hàng đợi quá %1 giờ: hãy kết nối mạng để gửi</translation>
    </message>
</context>
<context>
    <name>SyncQueueView</name>
    <message>
        <location filename="../../ui/sync/widgets.py" line="179" />
        <source>Sync queue</source>
        <translation>Hàng đợi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="182" />
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="183" />
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="184" />
        <source>Upload</source>
        <translation>Tải lên</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="185" />
        <source>Official code</source>
        <translation>Mã hồ sơ chính thức</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="186" />
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="196" />
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="197" />
        <source>Retry the selected quarantined dossier</source>
        <translation>Gửi lại hồ sơ bị tạm giữ đang chọn</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="200" />
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="201" />
        <source>Refresh the sync queue</source>
        <translation>Làm mới hàng đợi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="210" />
        <source>Device state</source>
        <translation>Trạng thái thiết bị</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="217" />
        <source>Processing log check</source>
        <translation>Kiểm tra nhật ký xử lý</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="238" />
        <source>The processing log no longer matches what the intake server recorded: entries may have been altered or removed. Do not delete anything; call the province IT team.</source>
        <translation>Nhật ký xử lý không còn khớp với bản máy chủ tiếp nhận đã ghi: có thể có mục bị sửa hoặc bị xóa. Không xóa gì cả; hãy gọi bộ phận CNTT của tỉnh.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="268" />
        <source>Upload progress</source>
        <translation>Tiến độ tải lên</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../../ui/sync/widgets.py" line="330" />
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="331" />
        <source>Send queued dossiers now</source>
        <translation>Gửi ngay các hồ sơ đang chờ</translation>
    </message>
</context>
</TS>
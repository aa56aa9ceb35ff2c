<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../ui/sync/widgets.py" line="63"/>
        <source>Connection state</source>
        <translation>Trạng thái kết nối</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="65"/>
        <source>Sync state; open the sync queue</source>
        <translation>Trạng thái đồng bộ; mở hàng đợi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="69"/>
        <source>Stale queue notice</source>
        <translation>Cảnh báo hàng đợi quá hạn</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="85"/>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="85"/>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="85"/>
        <source>Not checked</source>
        <translation>Chưa kiểm tra</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="90"/>
        <source>%1 · %2 queued · last sent %3</source>
        <translation>%1 · %2 hồ sơ chờ gửi · gửi lần cuối %3</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="96"/>
        <source>%1 need attention</source>
        <translation>%1 hồ sơ cần xử lý</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="104"/>
        <source>Queue older than %1 h: connect to send</source>
        <translation>Hàng đợi quá %1 giờ: hãy kết nối mạng để gửi</translation>
    </message>
</context>
<context>
    <name>SyncQueueView</name>
    <message>
        <location filename="../../ui/sync/widgets.py" line="124"/>
        <source>Sync queue</source>
        <translation>Hàng đợi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="127"/>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="128"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="129"/>
        <source>Upload</source>
        <translation>Tải lên</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="130"/>
        <source>Official code</source>
        <translation>Mã hồ sơ chính thức</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="131"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="141"/>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="142"/>
        <source>Retry the selected quarantined dossier</source>
        <translation>Gửi lại hồ sơ bị tạm giữ đang chọn</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="145"/>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="146"/>
        <source>Refresh the sync queue</source>
        <translation>Làm mới hàng đợi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="181"/>
        <source>Upload progress</source>
        <translation>Tiến độ tải lên</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../../ui/sync/widgets.py" line="240"/>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <location filename="../../ui/sync/widgets.py" line="241"/>
        <source>Send queued dossiers now</source>
        <translation>Gửi ngay các hồ sơ đang chờ</translation>
    </message>
</context>
</TS>

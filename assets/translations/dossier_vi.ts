<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>DossierDetailScreen</name>
    <message>
        <location filename="../../ui/dossier/detail.py" line="54"/>
        <source>Dossier summary</source>
        <translation>Tóm tắt hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="56"/>
        <location filename="../../ui/dossier/detail.py" line="57"/>
        <source>Show full ID numbers</source>
        <translation>Hiện đầy đủ số định danh</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="59"/>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="59"/>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="59"/>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="59"/>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="60"/>
        <location filename="../../ui/dossier/detail.py" line="78"/>
        <source>Persons</source>
        <translation>Người liên quan</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="63"/>
        <source>Paper</source>
        <translation>Giấy tờ</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="63"/>
        <source>Kind</source>
        <translation>Loại bản</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="63"/>
        <source>Count</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="63"/>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="63"/>
        <location filename="../../ui/dossier/detail.py" line="80"/>
        <source>Papers</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="66"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="66"/>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="66"/>
        <source>To</source>
        <translation>Đến</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="66"/>
        <source>By</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="66"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="67"/>
        <location filename="../../ui/dossier/detail.py" line="83"/>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="69"/>
        <location filename="../../ui/dossier/detail.py" line="70"/>
        <source>Digitise papers for this dossier</source>
        <translation>Số hóa giấy tờ của hồ sơ này</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="74"/>
        <source>Dossier message</source>
        <translation>Thông báo hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="90"/>
        <source>Opening…</source>
        <translation>Đang mở…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/detail.py" line="110"/>
        <source>Dossier %1 · procedure %2 · state %3 · official code %4 · portal status %5</source>
        <translation>Hồ sơ %1 · thủ tục %2 · trạng thái %3 · mã chính thức %4 · trạng thái trên Cổng %5</translation>
    </message>
</context>
<context>
    <name>DossierListScreen</name>
    <message>
        <location filename="../../ui/dossier/list.py" line="86"/>
        <source>Search by name, ID number or code (accents optional)</source>
        <translation>Tìm theo họ tên, số định danh hoặc mã hồ sơ (không cần dấu)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="87"/>
        <source>Search dossiers</source>
        <translation>Tìm hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="89"/>
        <source>All states</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="92"/>
        <source>Filter by state</source>
        <translation>Lọc theo trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="102"/>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="104"/>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="105"/>
        <source>Open the selected dossier</source>
        <translation>Mở hồ sơ đã chọn</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="106"/>
        <location filename="../../ui/dossier/list.py" line="107"/>
        <source>Previous page</source>
        <translation>Trang trước</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="108"/>
        <location filename="../../ui/dossier/list.py" line="109"/>
        <source>Next page</source>
        <translation>Trang sau</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="111"/>
        <source>List status</source>
        <translation>Trạng thái danh sách</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="156"/>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="169"/>
        <source>Dossiers shown: %1</source>
        <translation>Số hồ sơ hiển thị: %1</translation>
    </message>
</context>
<context>
    <name>DossierState</name>
    <message>
        <location filename="../../ui/dossier/widgets.py" line="33"/>
        <source>Draft</source>
        <translation>Nháp</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/widgets.py" line="34"/>
        <source>Received</source>
        <translation>Đã tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/widgets.py" line="35"/>
        <source>Queued</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/widgets.py" line="36"/>
        <source>Uploading</source>
        <translation>Đang gửi</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/widgets.py" line="37"/>
        <source>Synced</source>
        <translation>Đã đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/widgets.py" line="38"/>
        <source>Quarantined</source>
        <translation>Bị giữ lại</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/widgets.py" line="39"/>
        <source>Withdrawn</source>
        <translation>Đã rút</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/widgets.py" line="40"/>
        <source>Archived</source>
        <translation>Đã lưu trữ</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/widgets.py" line="41"/>
        <source>Purged</source>
        <translation>Đã xóa dữ liệu</translation>
    </message>
</context>
<context>
    <name>DossierWidgets</name>
    <message>
        <location filename="../../ui/dossier/widgets.py" line="24"/>
        <source>Select all rows</source>
        <translation>Chọn tất cả các dòng</translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message>
        <location filename="../../ui/dossier/setup.py" line="37"/>
        <source>First-run setup</source>
        <translation>Thiết lập lần đầu</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="51"/>
        <source>Unattended self-service kiosk (keeps a secret in the OS keyring)</source>
        <translation>Ki-ốt tự phục vụ không người trực (lưu khóa bí mật trong kho khóa của hệ điều hành)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="53"/>
        <source>Unit name</source>
        <translation>Tên đơn vị</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="54"/>
        <source>Unit code</source>
        <translation>Mã đơn vị</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="55"/>
        <source>Server address</source>
        <translation>Địa chỉ máy chủ</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="56"/>
        <source>Administrator user name</source>
        <translation>Tên đăng nhập quản trị viên</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="57"/>
        <source>Administrator full name (optional, printed on receipts)</source>
        <translation>Họ và tên quản trị viên (không bắt buộc, in trên giấy tiếp nhận)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="58"/>
        <source>Administrator passphrase</source>
        <translation>Mật khẩu quản trị viên</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="59"/>
        <source>Repeat the passphrase</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="64"/>
        <source>Kiosk mode</source>
        <translation>Chế độ ki-ốt</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="66"/>
        <location filename="../../ui/dossier/setup.py" line="67"/>
        <source>Create the encrypted store</source>
        <translation>Tạo kho dữ liệu mã hóa</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="70"/>
        <source>Setup message</source>
        <translation>Thông báo thiết lập</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="78"/>
        <source>Print this recovery key now and keep it in the safe. It is shown only once and opens the store if every passphrase is lost.</source>
        <translation>Hãy in khóa khôi phục này ngay và cất trong két. Khóa chỉ hiển thị một lần và dùng để mở kho dữ liệu khi mọi mật khẩu bị mất.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="83"/>
        <source>Recovery key instructions</source>
        <translation>Hướng dẫn về khóa khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="85"/>
        <source>Recovery key</source>
        <translation>Khóa khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="87"/>
        <source>Print the recovery sheet…</source>
        <translation>In phiếu khóa khôi phục…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="88"/>
        <source>Print the recovery sheet</source>
        <translation>In phiếu khóa khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="89"/>
        <source>Save the recovery sheet as PDF…</source>
        <translation>Lưu phiếu khóa khôi phục thành PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="90"/>
        <source>Save the recovery sheet as PDF</source>
        <translation>Lưu phiếu khóa khôi phục thành PDF</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="92"/>
        <source>Recovery sheet message</source>
        <translation>Thông báo về phiếu khóa khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="94"/>
        <source>I have printed and stored the recovery key</source>
        <translation>Tôi đã in và cất giữ khóa khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="95"/>
        <source>Recovery key stored</source>
        <translation>Đã cất giữ khóa khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="105"/>
        <source>Set up this computer</source>
        <translation>Thiết lập máy tính này</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="111"/>
        <source>Everything this counter records is kept in an encrypted store on this computer. Enter the unit, the intake server given by the province IT team (it can be added later) and the administrator account; a recovery key is printed at the end.</source>
        <translation>Mọi dữ liệu của quầy được lưu trong kho dữ liệu mã hóa trên máy tính này. Nhập đơn vị, địa chỉ máy chủ tiếp nhận do bộ phận CNTT của tỉnh cung cấp (có thể bổ sung sau) và tài khoản quản trị viên; cuối cùng in khóa khôi phục.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="117"/>
        <source>About the setup</source>
        <translation>Giới thiệu về thiết lập</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="143"/>
        <source>The two passphrases differ; type them again.</source>
        <translation>Hai mật khẩu không khớp; vui lòng nhập lại.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="146"/>
        <source>The unit code is required.</source>
        <translation>Cần nhập mã đơn vị.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="170"/>
        <source>Creating the store…</source>
        <translation>Đang tạo kho dữ liệu…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="192"/>
        <source>The recovery sheet was sent to the printer.</source>
        <translation>Đã gửi phiếu khóa khôi phục tới máy in.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="194"/>
        <source>Not printed (cancelled or no printer).</source>
        <translation>Chưa in (đã hủy hoặc không có máy in).</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="211"/>
        <source>Save the recovery sheet</source>
        <translation>Lưu phiếu khóa khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="211"/>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/setup.py" line="221"/>
        <source>Saved to {0}. Print it, then delete the file.</source>
        <translation>Đã lưu vào {0}. Hãy in phiếu, sau đó xóa tệp.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/dossier/login.py" line="87"/>
        <source>Locked after inactivity. Enter the passphrase of %1 to continue.</source>
        <translation>Đã khóa do không hoạt động. Nhập mật khẩu của %1 để tiếp tục.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/login.py" line="91"/>
        <source>Locked</source>
        <translation>Đã khóa</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/login.py" line="95"/>
        <source>Passphrase</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/login.py" line="96"/>
        <location filename="../../ui/dossier/login.py" line="97"/>
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/login.py" line="99"/>
        <source>Unlock message</source>
        <translation>Thông báo mở khóa</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../../ui/dossier/login.py" line="24"/>
        <source>Sign in to open the dossiers</source>
        <translation>Đăng nhập để mở hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/login.py" line="25"/>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/login.py" line="27"/>
        <location filename="../../ui/dossier/login.py" line="39"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/login.py" line="30"/>
        <location filename="../../ui/dossier/login.py" line="40"/>
        <source>Passphrase</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/login.py" line="31"/>
        <location filename="../../ui/dossier/login.py" line="32"/>
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/login.py" line="35"/>
        <source>Sign-in message</source>
        <translation>Thông báo đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/login.py" line="56"/>
        <source>Unlocking…</source>
        <translation>Đang mở khóa…</translation>
    </message>
</context>
<context>
    <name>SummaryModel</name>
    <message>
        <location filename="../../ui/dossier/list.py" line="34"/>
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="35"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="36"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="37"/>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="38"/>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <location filename="../../ui/dossier/list.py" line="39"/>
        <source>Updated</source>
        <translation>Cập nhật</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../ui/dossier/tasks.py" line="30"/>
        <source>Unexpected error (%1).</source>
        <translation>Lỗi không mong đợi (%1).</translation>
    </message>
</context>
</TS>

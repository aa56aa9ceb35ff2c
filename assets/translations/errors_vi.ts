<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>KioskError</name>
    <message>
        <location filename="../../ui/error_texts.py" line="15" />
        <source>The user name or passphrase is not right; check them and try again.</source>
        <translation>Tên đăng nhập hoặc mật khẩu không đúng; kiểm tra lại rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="16" />
        <source>The passphrase or key does not open this store; check it and try again, or unlock with the recovery key.</source>
        <translation>Mật khẩu hoặc khóa không mở được kho dữ liệu này; kiểm tra rồi thử lại, hoặc mở bằng khóa khôi phục.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="20" />
        <source>Too many wrong passphrases; try again in %1 seconds.</source>
        <translation>Nhập sai mật khẩu quá nhiều lần; thử lại sau %1 giây.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="21" />
        <source>The session is locked; unlock it with your passphrase.</source>
        <translation>Phiên làm việc đang khóa; nhập mật khẩu để mở.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="22" />
        <source>The store is locked; unlock it to continue.</source>
        <translation>Kho dữ liệu đang khóa; mở khóa để tiếp tục.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="23" />
        <source>The disk is full; free some space and try again (nothing was lost).</source>
        <translation>Ổ đĩa đã đầy; giải phóng dung lượng rồi thử lại (không mất dữ liệu nào).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="24" />
        <source>The store file is damaged; restore it from a backup (the attachments folder is kept).</source>
        <translation>Tệp kho dữ liệu bị hỏng; khôi phục từ bản sao lưu (thư mục tệp đính kèm được giữ nguyên).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="27" />
        <source>The store file is missing or empty; restore store.db from a backup (keys.json is intact).</source>
        <translation>Tệp kho dữ liệu bị mất hoặc trống; khôi phục store.db từ bản sao lưu (keys.json vẫn nguyên vẹn).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="31" />
        <source>The key file does not belong to this store; restore the matching keys.json.</source>
        <translation>Tệp khóa không thuộc kho dữ liệu này; khôi phục đúng tệp keys.json đi kèm.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="34" />
        <source>This profile is not set up yet; run 'kiosk admin init' first.</source>
        <translation>Máy này chưa được thiết lập; chạy 'kiosk admin init' trước.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="35" />
        <source>The recovery key is not right; check it against the printed sheet.</source>
        <translation>Khóa khôi phục không đúng; đối chiếu với phiếu đã in.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="36" />
        <source>A recovery key has 30 letters and digits in six groups; check it and try again.</source>
        <translation>Khóa khôi phục gồm 30 chữ và số chia thành sáu nhóm; kiểm tra lại rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="39" />
        <source>Group %1 of the recovery key does not match its check character; compare it with the printed sheet.</source>
        <translation>Nhóm %1 của khóa khôi phục không khớp ký tự kiểm tra; đối chiếu với phiếu đã in.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="43" />
        <source>This profile has no recovery key.</source>
        <translation>Máy này chưa có khóa khôi phục.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="44" />
        <source>No OS keyring is available (Windows Credential Manager or a Secret Service such as GNOME Keyring); install and unlock one, or unlock this kiosk with an officer passphrase.</source>
        <translation>Không có kho khóa của hệ điều hành (Windows Credential Manager hoặc Secret Service như GNOME Keyring); cài đặt và mở khóa kho khóa, hoặc mở ki-ốt bằng mật khẩu cán bộ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="48" />
        <source>The OS keyring refused to store the kiosk secret; unlock the keyring and try again.</source>
        <translation>Kho khóa của hệ điều hành từ chối lưu khóa bí mật của ki-ốt; mở khóa kho khóa rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="51" />
        <source>The kiosk secret in the OS keyring does not open this store; an admin must run 'kiosk admin rekey --machine-secret'.</source>
        <translation>Khóa bí mật ki-ốt trong kho khóa hệ điều hành không mở được kho dữ liệu; quản trị viên cần chạy 'kiosk admin rekey --machine-secret'.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="55" />
        <source>The kiosk secret is missing from the OS keyring; an admin must unlock and run 'kiosk admin rekey --machine-secret'.</source>
        <translation>Không tìm thấy khóa bí mật ki-ốt trong kho khóa hệ điều hành; quản trị viên cần mở khóa và chạy 'kiosk admin rekey --machine-secret'.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="59" />
        <source>This profile has no kiosk machine secret; run 'kiosk admin rekey --machine-secret' as admin.</source>
        <translation>Máy này chưa có khóa bí mật chế độ ki-ốt; quản trị viên chạy 'kiosk admin rekey --machine-secret'.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="63" />
        <source>Only an administrator can manage officers and keys.</source>
        <translation>Chỉ quản trị viên được quản lý cán bộ và khóa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="64" />
        <source>An officer with that user name exists already; choose another name.</source>
        <translation>Đã có cán bộ dùng tên đăng nhập này; chọn tên khác.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="65" />
        <source>No officer has that user name.</source>
        <translation>Không có cán bộ nào có tên đăng nhập này.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="66" />
        <source>A user name is 1-64 letters, digits, '.', '_', '-' or '@'.</source>
        <translation>Tên đăng nhập gồm 1-64 ký tự: chữ, số, '.', '_', '-' hoặc '@'.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="67" />
        <source>The last administrator cannot be removed; add another administrator first.</source>
        <translation>Không thể xóa quản trị viên cuối cùng; hãy thêm một quản trị viên khác trước.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="70" />
        <source>The unit code is required (for example the commune's code).</source>
        <translation>Cần nhập mã đơn vị (ví dụ mã xã).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="71" />
        <source>The citizen's consent to read the chip is not recorded; ask for it before reading the card.</source>
        <translation>Chưa ghi nhận sự đồng ý đọc chip của công dân; hãy hỏi ý kiến trước khi đọc thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="75" />
        <source>This kiosk can only open the dossier of the citizen it is serving.</source>
        <translation>Ki-ốt chỉ mở được hồ sơ của công dân đang được phục vụ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="76" />
        <source>This account can only open the dossiers it created.</source>
        <translation>Tài khoản này chỉ mở được các hồ sơ do chính mình tạo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="77" />
        <source>No dossier with that id exists in this store.</source>
        <translation>Không có hồ sơ nào với mã này trong kho dữ liệu.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="78" />
        <source>A purged dossier has nothing left to send.</source>
        <translation>Hồ sơ đã xóa dữ liệu không còn gì để gửi.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="79" />
        <source>An attachment does not match its recorded checksum; re-scan the paper.</source>
        <translation>Tệp đính kèm không khớp mã kiểm tra đã lưu; hãy quét lại giấy tờ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="80" />
        <source>An attachment file is damaged or was tampered with; re-scan the paper.</source>
        <translation>Tệp đính kèm bị hỏng hoặc bị sửa đổi; hãy quét lại giấy tờ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="81" />
        <source>An attachment file is damaged; re-scan the paper.</source>
        <translation>Tệp đính kèm bị hỏng; hãy quét lại giấy tờ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="82" />
        <source>An attachment file is missing; restore the profile from a backup or re-scan the paper.</source>
        <translation>Thiếu tệp đính kèm; khôi phục dữ liệu từ bản sao lưu hoặc quét lại giấy tờ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="85" />
        <source>This scanner driver is not available on this computer; use the scanner list shown.</source>
        <translation>Trình điều khiển máy quét này không có trên máy tính; hãy chọn trong danh sách máy quét.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="88" />
        <source>The scanner was not found; check that it is switched on and connected, then list the devices again.</source>
        <translation>Không tìm thấy máy quét; kiểm tra máy đã bật và đã kết nối, rồi tìm lại máy quét.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="92" />
        <source>The scanner refused one of the driver options; check the option names and values.</source>
        <translation>Máy quét từ chối một tùy chọn của trình điều khiển; kiểm tra tên và giá trị tùy chọn.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="95" />
        <source>The scanner is warming up; wait a moment and scan again.</source>
        <translation>Máy quét đang khởi động; chờ một lát rồi quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="96" />
        <source>The scanner is offline; switch it on, check the cable and scan again.</source>
        <translation>Máy quét đang ngắt kết nối; bật máy, kiểm tra cáp rồi quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="97" />
        <source>The document feeder is empty; put the papers in and scan again.</source>
        <translation>Khay nạp giấy trống; đặt giấy vào rồi quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="98" />
        <source>The scanner is empty; put the papers in and scan again.</source>
        <translation>Máy quét chưa có giấy; đặt giấy vào rồi quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="99" />
        <source>Paper jammed at page %1; open the feeder, remove the paper and scan the rest again.</source>
        <translation>Kẹt giấy ở trang %1; mở khay nạp, lấy giấy ra rồi quét lại phần còn lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="102" />
        <source>The scanner cover is open; close it and scan again.</source>
        <translation>Nắp máy quét đang mở; đóng nắp rồi quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="103" />
        <source>The scanner is busy with another program; wait or close that program.</source>
        <translation>Máy quét đang được chương trình khác sử dụng; chờ hoặc đóng chương trình đó.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="104" />
        <source>The scan was cancelled at the scanner.</source>
        <translation>Lần quét đã bị hủy trên máy quét.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="105" />
        <source>The scan was cancelled; the scanner may need its papers removed.</source>
        <translation>Đã hủy lần quét; có thể cần lấy giấy ra khỏi máy quét.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="106" />
        <source>Access to the scanner was denied; ask the administrator for scanner permission.</source>
        <translation>Không được phép dùng máy quét; đề nghị quản trị viên cấp quyền.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="109" />
        <source>The scanner rejected the settings; choose another resolution or source.</source>
        <translation>Máy quét không chấp nhận thiết lập; chọn độ phân giải hoặc nguồn giấy khác.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="112" />
        <source>The scanner reported a device error; switch it off and on, then try again.</source>
        <translation>Máy quét báo lỗi thiết bị; tắt rồi bật lại máy, sau đó thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="115" />
        <source>This device is not enrolled; run `kiosk enrol URL CODE` with a code from the server administrator.</source>
        <translation>Thiết bị chưa được đăng ký; chạy `kiosk enrol URL CODE` với mã do quản trị máy chủ cấp.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="119" />
        <source>The device signing key is missing; enrol the device again.</source>
        <translation>Thiếu khóa ký của thiết bị; hãy đăng ký lại thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="120" />
        <source>The device signing key file is damaged; enrol the device again.</source>
        <translation>Tệp khóa ký của thiết bị bị hỏng; hãy đăng ký lại thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="121" />
        <source>The device key does not belong to this store; enrol the device again.</source>
        <translation>Khóa thiết bị không thuộc kho dữ liệu này; hãy đăng ký lại thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="122" />
        <source>The device enrolment file is damaged; enrol the device again.</source>
        <translation>Tệp đăng ký thiết bị bị hỏng; hãy đăng ký lại thiết bị.</translation>
    </message>
</context>
</TS>
<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>KioskError</name>
    <message>
        <location filename="../../ui/error_texts.py" line="18"/>
        <source>The user name or passphrase is not right; check them and try again.</source>
        <translation>Tên đăng nhập hoặc mật khẩu không đúng; kiểm tra lại rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="19"/>
        <source>The passphrase or key does not open this store; check it and try again, or unlock with the recovery key.</source>
        <translation>Mật khẩu hoặc khóa không mở được kho dữ liệu này; kiểm tra rồi thử lại, hoặc mở bằng khóa khôi phục.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="23"/>
        <source>Too many wrong passphrases; try again in %1 seconds.</source>
        <translation>Nhập sai mật khẩu quá nhiều lần; thử lại sau %1 giây.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="24"/>
        <source>The session is locked; unlock it with your passphrase.</source>
        <translation>Phiên làm việc đang khóa; nhập mật khẩu để mở.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="25"/>
        <source>The store is locked; unlock it to continue.</source>
        <translation>Kho dữ liệu đang khóa; mở khóa để tiếp tục.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="26"/>
        <source>The disk is full; free some space and try again (nothing was lost).</source>
        <translation>Ổ đĩa đã đầy; giải phóng dung lượng rồi thử lại (không mất dữ liệu nào).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="27"/>
        <source>The store file is damaged; restore it from a backup (the attachments folder is kept).</source>
        <translation>Tệp kho dữ liệu bị hỏng; khôi phục từ bản sao lưu (thư mục tệp đính kèm được giữ nguyên).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="30"/>
        <source>The store file is missing or empty; restore store.db from a backup (keys.json is intact).</source>
        <translation>Tệp kho dữ liệu bị mất hoặc trống; khôi phục store.db từ bản sao lưu (keys.json vẫn nguyên vẹn).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="34"/>
        <source>The key file does not belong to this store; restore the matching keys.json.</source>
        <translation>Tệp khóa không thuộc kho dữ liệu này; khôi phục đúng tệp keys.json đi kèm.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="37"/>
        <source>This profile is not set up yet; run &apos;kiosk admin init&apos; first.</source>
        <translation>Máy này chưa được thiết lập; chạy &apos;kiosk admin init&apos; trước.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="38"/>
        <source>The recovery key is not right; check it against the printed sheet.</source>
        <translation>Khóa khôi phục không đúng; đối chiếu với phiếu đã in.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="39"/>
        <source>A recovery key has 30 letters and digits in six groups; check it and try again.</source>
        <translation>Khóa khôi phục gồm 30 chữ và số chia thành sáu nhóm; kiểm tra lại rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="42"/>
        <source>Group %1 of the recovery key does not match its check character; compare it with the printed sheet.</source>
        <translation>Nhóm %1 của khóa khôi phục không khớp ký tự kiểm tra; đối chiếu với phiếu đã in.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="46"/>
        <source>This profile has no recovery key.</source>
        <translation>Máy này chưa có khóa khôi phục.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="47"/>
        <source>No OS keyring is available (Windows Credential Manager or a Secret Service such as GNOME Keyring); install and unlock one, or unlock this kiosk with an officer passphrase.</source>
        <translation>Không có kho khóa của hệ điều hành (Windows Credential Manager hoặc Secret Service như GNOME Keyring); cài đặt và mở khóa kho khóa, hoặc mở ki-ốt bằng mật khẩu cán bộ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="51"/>
        <source>The OS keyring refused to store the kiosk secret; unlock the keyring and try again.</source>
        <translation>Kho khóa của hệ điều hành từ chối lưu khóa bí mật của ki-ốt; mở khóa kho khóa rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="54"/>
        <source>The kiosk secret in the OS keyring does not open this store; an admin must run &apos;kiosk admin rekey --machine-secret&apos;.</source>
        <translation>Khóa bí mật ki-ốt trong kho khóa hệ điều hành không mở được kho dữ liệu; quản trị viên cần chạy &apos;kiosk admin rekey --machine-secret&apos;.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="58"/>
        <source>The kiosk secret is missing from the OS keyring; an admin must unlock and run &apos;kiosk admin rekey --machine-secret&apos;.</source>
        <translation>Không tìm thấy khóa bí mật ki-ốt trong kho khóa hệ điều hành; quản trị viên cần mở khóa và chạy &apos;kiosk admin rekey --machine-secret&apos;.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="62"/>
        <source>This profile has no kiosk machine secret; run &apos;kiosk admin rekey --machine-secret&apos; as admin.</source>
        <translation>Máy này chưa có khóa bí mật chế độ ki-ốt; quản trị viên chạy &apos;kiosk admin rekey --machine-secret&apos;.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="66"/>
        <source>Only an administrator can manage officers and keys.</source>
        <translation>Chỉ quản trị viên được quản lý cán bộ và khóa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="67"/>
        <source>An officer with that user name exists already; choose another name.</source>
        <translation>Đã có cán bộ dùng tên đăng nhập này; chọn tên khác.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="68"/>
        <source>No officer has that user name.</source>
        <translation>Không có cán bộ nào có tên đăng nhập này.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="69"/>
        <source>A user name is 1-64 letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;-&apos; or &apos;@&apos;.</source>
        <translation>Tên đăng nhập gồm 1-64 ký tự: chữ, số, &apos;.&apos;, &apos;_&apos;, &apos;-&apos; hoặc &apos;@&apos;.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="70"/>
        <source>A full name is 1-100 Latin letters (Vietnamese diacritics included), spaces, apostrophes or hyphens.</source>
        <translation>Họ và tên gồm 1-100 chữ cái Latinh (có dấu tiếng Việt), dấu cách, dấu nháy hoặc gạch nối.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="74"/>
        <source>The last administrator cannot be removed; add another administrator first.</source>
        <translation>Không thể xóa quản trị viên cuối cùng; hãy thêm một quản trị viên khác trước.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="77"/>
        <source>The unit code is required (for example the commune&apos;s code).</source>
        <translation>Cần nhập mã đơn vị (ví dụ mã xã).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="78"/>
        <source>The citizen&apos;s consent to read the chip is not recorded; ask for it before reading the card.</source>
        <translation>Chưa ghi nhận sự đồng ý đọc chip của công dân; hãy hỏi ý kiến trước khi đọc thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="82"/>
        <source>This kiosk can only open the dossier of the citizen it is serving.</source>
        <translation>Ki-ốt chỉ mở được hồ sơ của công dân đang được phục vụ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="83"/>
        <source>This account can only open the dossiers it created.</source>
        <translation>Tài khoản này chỉ mở được các hồ sơ do chính mình tạo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="84"/>
        <source>No dossier with that id exists in this store.</source>
        <translation>Không có hồ sơ nào với mã này trong kho dữ liệu.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="85"/>
        <source>A purged dossier has nothing left to send.</source>
        <translation>Hồ sơ đã xóa dữ liệu không còn gì để gửi.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="86"/>
        <source>An attachment does not match its recorded checksum; re-scan the paper.</source>
        <translation>Tệp đính kèm không khớp mã kiểm tra đã lưu; hãy quét lại giấy tờ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="87"/>
        <source>An attachment file is damaged or was tampered with; re-scan the paper.</source>
        <translation>Tệp đính kèm bị hỏng hoặc bị sửa đổi; hãy quét lại giấy tờ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="88"/>
        <source>An attachment file is damaged; re-scan the paper.</source>
        <translation>Tệp đính kèm bị hỏng; hãy quét lại giấy tờ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="89"/>
        <source>An attachment file is missing; restore the profile from a backup or re-scan the paper.</source>
        <translation>Thiếu tệp đính kèm; khôi phục dữ liệu từ bản sao lưu hoặc quét lại giấy tờ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="92"/>
        <source>This scanner driver is not available on this computer; use the scanner list shown.</source>
        <translation>Trình điều khiển máy quét này không có trên máy tính; hãy chọn trong danh sách máy quét.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="95"/>
        <source>Scanner support is not installed on this computer; install the Debian packages sane-utils and libsane1 and the Python package python-sane (pip install &apos;mot-cua-kiosk[sane]&apos;), then list the devices again.</source>
        <translation>Máy tính này chưa cài phần hỗ trợ máy quét; hãy cài các gói Debian sane-utils và libsane1 cùng gói Python python-sane (pip install &apos;mot-cua-kiosk[sane]&apos;), rồi tìm lại thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="99"/>
        <source>The scanner was not found; check that it is switched on and connected, then list the devices again.</source>
        <translation>Không tìm thấy máy quét; kiểm tra máy đã bật và đã kết nối, rồi tìm lại máy quét.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="103"/>
        <source>The scanner refused one of the driver options; check the option names and values.</source>
        <translation>Máy quét từ chối một tùy chọn của trình điều khiển; kiểm tra tên và giá trị tùy chọn.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="106"/>
        <source>The scanner is warming up; wait a moment and scan again.</source>
        <translation>Máy quét đang khởi động; chờ một lát rồi quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="107"/>
        <source>The scanner is offline; switch it on, check the cable and scan again.</source>
        <translation>Máy quét đang ngắt kết nối; bật máy, kiểm tra cáp rồi quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="108"/>
        <source>The document feeder is empty; put the papers in and scan again.</source>
        <translation>Khay nạp giấy trống; đặt giấy vào rồi quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="109"/>
        <source>The scanner is empty; put the papers in and scan again.</source>
        <translation>Máy quét chưa có giấy; đặt giấy vào rồi quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="110"/>
        <source>Paper jammed at page %1; open the feeder, remove the paper and scan the rest again.</source>
        <translation>Kẹt giấy ở trang %1; mở khay nạp, lấy giấy ra rồi quét lại phần còn lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="113"/>
        <source>The scanner cover is open; close it and scan again.</source>
        <translation>Nắp máy quét đang mở; đóng nắp rồi quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="114"/>
        <source>The scanner is busy with another program; wait or close that program.</source>
        <translation>Máy quét đang được chương trình khác sử dụng; chờ hoặc đóng chương trình đó.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="115"/>
        <source>The scan was cancelled at the scanner.</source>
        <translation>Lần quét đã bị hủy trên máy quét.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="116"/>
        <source>The scan was cancelled; the scanner may need its papers removed.</source>
        <translation>Đã hủy lần quét; có thể cần lấy giấy ra khỏi máy quét.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="117"/>
        <source>Access to the scanner was denied; ask the administrator for scanner permission.</source>
        <translation>Không được phép dùng máy quét; đề nghị quản trị viên cấp quyền.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="120"/>
        <source>The scanner rejected the settings; choose another resolution or source.</source>
        <translation>Máy quét không chấp nhận thiết lập; chọn độ phân giải hoặc nguồn giấy khác.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="123"/>
        <source>The scanner reported a device error; switch it off and on, then try again.</source>
        <translation>Máy quét báo lỗi thiết bị; tắt rồi bật lại máy, sau đó thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="126"/>
        <source>This device is not enrolled; run `kiosk enrol URL CODE` with a code from the server administrator.</source>
        <translation>Thiết bị chưa được đăng ký; chạy `kiosk enrol URL CODE` với mã do quản trị máy chủ cấp.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="130"/>
        <source>The device signing key is missing; enrol the device again.</source>
        <translation>Thiếu khóa ký của thiết bị; hãy đăng ký lại thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="131"/>
        <source>The device signing key file is damaged; enrol the device again.</source>
        <translation>Tệp khóa ký của thiết bị bị hỏng; hãy đăng ký lại thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="132"/>
        <source>The device key does not belong to this store; enrol the device again.</source>
        <translation>Khóa thiết bị không thuộc kho dữ liệu này; hãy đăng ký lại thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="133"/>
        <source>The device enrolment file is damaged; enrol the device again.</source>
        <translation>Tệp đăng ký thiết bị bị hỏng; hãy đăng ký lại thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="135"/>
        <source>The ID number must be exactly 12 digits.</source>
        <translation>Số định danh cá nhân phải gồm đúng 12 chữ số.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="136"/>
        <source>The card access number (CAN) must be 6 digits (the last 6 of the ID).</source>
        <translation>Mã truy cập thẻ (CAN) phải gồm 6 chữ số (6 số cuối của số định danh cá nhân).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="137"/>
        <source>The QR text was not recognised; scan the QR code on the front of the card again.</source>
        <translation>Không nhận dạng được nội dung mã QR; hãy quét lại mã QR ở mặt trước thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="140"/>
        <source>The QR text does not start with a 12-digit ID number; scan it again.</source>
        <translation>Nội dung mã QR không bắt đầu bằng số định danh cá nhân 12 chữ số; hãy quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="141"/>
        <source>A field of the QR text is not in the expected form; scan the QR code again or type the ID number.</source>
        <translation>Một trường trong nội dung mã QR không đúng định dạng; hãy quét lại mã QR hoặc nhập số định danh cá nhân.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="145"/>
        <source>The MRZ contains a character that is not allowed (only A-Z, 0-9 and &lt;).</source>
        <translation>MRZ có ký tự không hợp lệ (chỉ được dùng A-Z, 0-9 và &lt;).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="148"/>
        <source>The MRZ must be 3 lines of 30, or 2 lines of 36 or 44 characters.</source>
        <translation>MRZ phải gồm 3 dòng 30 ký tự, hoặc 2 dòng 36 hay 44 ký tự.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="149"/>
        <source>The MRZ document number does not match its check digit; compare the lines with the back of the card.</source>
        <translation>Số giấy tờ trong MRZ không khớp với chữ số kiểm tra; hãy đối chiếu các dòng đã nhập với mặt sau của thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="153"/>
        <source>The MRZ date of birth does not match its check digit; compare the lines with the back of the card.</source>
        <translation>Ngày sinh trong MRZ không khớp với chữ số kiểm tra; hãy đối chiếu các dòng đã nhập với mặt sau của thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="157"/>
        <source>The MRZ date of expiry does not match its check digit; compare the lines with the back of the card.</source>
        <translation>Ngày hết hạn trong MRZ không khớp với chữ số kiểm tra; hãy đối chiếu các dòng đã nhập với mặt sau của thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="161"/>
        <source>The MRZ document number is not the last 9 digits of the ID number; compare the lines with the back of the card.</source>
        <translation>Số giấy tờ trong MRZ không phải là 9 chữ số cuối của số định danh cá nhân; hãy đối chiếu các dòng đã nhập với mặt sau của thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="166"/>
        <source>Another program is using the card reader; close it and try again.</source>
        <translation>Một chương trình khác đang dùng đầu đọc thẻ; hãy đóng chương trình đó rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="167"/>
        <source>The card reader timed out; try again.</source>
        <translation>Đầu đọc thẻ không phản hồi kịp; hãy thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="168"/>
        <source>The operation was cancelled.</source>
        <translation>Thao tác đã bị hủy.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="169"/>
        <source>The card reader reported error 0x%1; try again.</source>
        <translation>Đầu đọc thẻ báo lỗi 0x%1; hãy thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="170"/>
        <source>The card has no file %1.</source>
        <translation>Thẻ không có tệp dữ liệu %1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="171"/>
        <source>The card does not allow reading file %1.</source>
        <translation>Thẻ không cho phép đọc tệp dữ liệu %1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="172"/>
        <source>The card refused %1 (status %2); lift the card and place it again.</source>
        <translation>Thẻ từ chối %1 (mã trạng thái %2); hãy nhấc thẻ lên rồi đặt lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="173"/>
        <source>selecting a file</source>
        <translation>việc chọn tệp dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="174"/>
        <source>reading a file</source>
        <translation>việc đọc tệp dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="175"/>
        <source>The card gave a malformed answer while a file was read; place the card again.</source>
        <translation>Thẻ trả lời sai định dạng khi đang đọc dữ liệu; hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="178"/>
        <source>The card ended a file early; place the card again.</source>
        <translation>Thẻ ngừng gửi dữ liệu giữa chừng; hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="179"/>
        <source>The card&apos;s data is malformed (%1); the card may be damaged or not an ID card.</source>
        <translation>Dữ liệu trên thẻ sai cấu trúc (%1); thẻ có thể bị hỏng hoặc không phải thẻ căn cước.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="182"/>
        <source>The card gave an answer of the wrong length during authentication (BAC); place the card again.</source>
        <translation>Thẻ trả lời sai độ dài khi xác thực (BAC); hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="186"/>
        <source>The card did not start authentication (BAC, status %1); place the card again.</source>
        <translation>Thẻ không bắt đầu xác thực (BAC, mã trạng thái %1); hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="189"/>
        <source>BAC authentication failed with status %1; place the card again.</source>
        <translation>Xác thực BAC không thành công (mã trạng thái %1); hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="190"/>
        <source>PACE failed with status %1; place the card again.</source>
        <translation>Xác thực PACE không thành công (mã trạng thái %1); hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="191"/>
        <source>Authentication with the card failed (PACE mapping); place the card again.</source>
        <translation>Xác thực với thẻ không thành công (bước ánh xạ PACE); hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="194"/>
        <source>The card gave a malformed answer during authentication (PACE); place the card again.</source>
        <translation>Thẻ trả lời sai định dạng khi xác thực (PACE); hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="197"/>
        <source>The card&apos;s answer during authentication (PACE) was incomplete; place the card again.</source>
        <translation>Câu trả lời của thẻ khi xác thực (PACE) bị thiếu; hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="200"/>
        <source>The card answered authentication with the terminal&apos;s own key (PACE); it may not be genuine.</source>
        <translation>Thẻ gửi lại chính khóa của máy đọc khi xác thực (PACE); thẻ có thể không phải thẻ thật.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="204"/>
        <source>The card sent its key in an unknown form during authentication; place the card again.</source>
        <translation>Thẻ gửi khóa ở dạng không xác định khi xác thực; hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="207"/>
        <source>The card sent an invalid key during authentication; place the card again.</source>
        <translation>Thẻ gửi khóa không hợp lệ khi xác thực; hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="210"/>
        <source>The card&apos;s protected answer was damaged (block size); place the card again.</source>
        <translation>Dữ liệu bảo mật do thẻ gửi về bị lỗi (kích thước khối); hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="213"/>
        <source>The card&apos;s protected answer was damaged (padding); place the card again.</source>
        <translation>Dữ liệu bảo mật do thẻ gửi về bị lỗi (phần đệm); hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="216"/>
        <source>The card&apos;s protected answer was damaged (structure); place the card again.</source>
        <translation>Dữ liệu bảo mật do thẻ gửi về bị lỗi (cấu trúc); hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="219"/>
        <source>The card&apos;s protected answer was damaged (no MAC); place the card again.</source>
        <translation>Dữ liệu bảo mật do thẻ gửi về bị lỗi (thiếu mã xác thực MAC); hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="222"/>
        <source>The card&apos;s protected answer was damaged (padding indicator); place the card again.</source>
        <translation>Dữ liệu bảo mật do thẻ gửi về bị lỗi (chỉ báo phần đệm); hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="225"/>
        <source>The card&apos;s response failed its integrity check; place the card again.</source>
        <translation>Dữ liệu thẻ gửi về không qua được bước kiểm tra toàn vẹn; hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="226"/>
        <source>%1 is not a certificate or ICAO master list.</source>
        <translation>Tệp %1 không phải chứng thư số hay danh sách chứng thư gốc ICAO (master list).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="228"/>
        <source>The store could not complete the operation (%1).</source>
        <translation>Kho dữ liệu không thực hiện được thao tác (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="229"/>
        <source>The store is busy in another window or process; try again in a moment.</source>
        <translation>Kho dữ liệu đang được một cửa sổ hoặc tiến trình khác sử dụng; hãy thử lại sau giây lát.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="230"/>
        <source>The store file cannot be opened; check that the profile folder exists and is writable.</source>
        <translation>Không mở được tệp kho dữ liệu; kiểm tra thư mục dữ liệu của máy có tồn tại và ghi được không.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="233"/>
        <source>The store cannot be written (read-only folder or file); check its permissions.</source>
        <translation>Không ghi được vào kho dữ liệu (thư mục hoặc tệp chỉ cho phép đọc); kiểm tra quyền truy cập.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="236"/>
        <source>This store was written by a newer version of the app; update the app before opening it.</source>
        <translation>Kho dữ liệu này do phiên bản ứng dụng mới hơn tạo ra; hãy cập nhật ứng dụng trước khi mở.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="240"/>
        <source>A dossier in state &apos;%1&apos; cannot move to &apos;%2&apos;.</source>
        <translation>Hồ sơ ở trạng thái &apos;%1&apos; không thể chuyển sang trạng thái &apos;%2&apos;.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="241"/>
        <source>A dossier in state &apos;%1&apos; cannot be edited.</source>
        <translation>Không thể sửa hồ sơ ở trạng thái &apos;%1&apos;.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="242"/>
        <source>draft</source>
        <translation>nháp</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="243"/>
        <source>received</source>
        <translation>đã tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="244"/>
        <source>queued</source>
        <translation>chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="245"/>
        <source>uploading</source>
        <translation>đang gửi</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="246"/>
        <source>synced</source>
        <translation>đã đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="247"/>
        <source>quarantined</source>
        <translation>bị giữ lại</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="248"/>
        <source>withdrawn</source>
        <translation>đã rút</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="249"/>
        <source>archived</source>
        <translation>đã lưu trữ</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="250"/>
        <source>purged</source>
        <translation>đã xóa dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="251"/>
        <source>A self-service kiosk cannot %1; ask an officer at the counter.</source>
        <translation>Ki-ốt tự phục vụ không được %1; hãy nhờ cán bộ tại quầy.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="252"/>
        <source>change store settings</source>
        <translation>thay đổi thiết lập của kho dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="253"/>
        <source>read the processing log</source>
        <translation>xem nhật ký xử lý dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="254"/>
        <source>list dossiers</source>
        <translation>xem danh sách hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="255"/>
        <source>count dossiers</source>
        <translation>đếm số hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="256"/>
        <source>purge dossiers</source>
        <translation>xóa dữ liệu hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="257"/>
        <source>use the sync queue</source>
        <translation>dùng hàng đợi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="258"/>
        <source>search dossiers</source>
        <translation>tìm kiếm hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="259"/>
        <source>use the store&apos;s keys</source>
        <translation>dùng khóa của kho dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="260"/>
        <source>manage keys</source>
        <translation>quản lý khóa</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="261"/>
        <source>The sync service can only export dossiers waiting in the outbox.</source>
        <translation>Dịch vụ đồng bộ chỉ xuất được các hồ sơ đang nằm trong hàng đợi gửi.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="262"/>
        <source>No attachment with that id exists in this store.</source>
        <translation>Không có tệp đính kèm nào với mã này trong kho dữ liệu.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="263"/>
        <source>No paper with that id belongs to this dossier.</source>
        <translation>Hồ sơ này không có giấy tờ nào mang mã đó.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="264"/>
        <source>That paper already has its digitised copy; record a new scan as another paper.</source>
        <translation>Giấy tờ này đã có bản số hóa; hãy ghi bản quét mới thành một giấy tờ khác.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="267"/>
        <source>An item number is a whole number from 1.</source>
        <translation>Số thứ tự giấy tờ là số nguyên từ 1 trở lên.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="268"/>
        <source>That dossier is not in the outbox.</source>
        <translation>Hồ sơ này không có trong hàng đợi gửi.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="269"/>
        <source>The dossier is not in the outbox.</source>
        <translation>Hồ sơ không có trong hàng đợi gửi.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="270"/>
        <source>An attachment file could not be written or read (%1).</source>
        <translation>Không ghi hoặc đọc được tệp đính kèm (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="271"/>
        <source>The key file %1 has an unknown format; update the app.</source>
        <translation>Tệp khóa %1 có định dạng không xác định; hãy cập nhật ứng dụng.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="272"/>
        <source>The key file names an unknown key derivation; update the app.</source>
        <translation>Tệp khóa dùng cách dẫn xuất khóa không xác định; hãy cập nhật ứng dụng.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="273"/>
        <source>The key file %1 is damaged and so is its copy %2; restore both from a backup of the profile folder (the recovery key is kept inside them).</source>
        <translation>Tệp khóa %1 bị hỏng và bản sao %2 cũng hỏng; hãy khôi phục cả hai từ bản sao lưu của thư mục dữ liệu (khóa khôi phục chỉ dùng được khi có các tệp này).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="277"/>
        <source>The key file could not be written (%1); check the profile folder.</source>
        <translation>Không ghi được tệp khóa (%1); kiểm tra thư mục dữ liệu của máy.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="278"/>
        <source>A passphrase needs at least %1 characters.</source>
        <translation>Mật khẩu phải có ít nhất %1 ký tự.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="279"/>
        <source>This profile is already set up; use &apos;kiosk admin add-officer&apos; or another --profile.</source>
        <translation>Máy này đã được thiết lập; dùng &apos;kiosk admin add-officer&apos; hoặc chọn --profile khác.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="282"/>
        <source>The recovery sheet is a PDF; give a file name ending in .pdf.</source>
        <translation>Phiếu khóa khôi phục là tệp PDF; hãy đặt tên tệp có đuôi .pdf.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="283"/>
        <source>The recovery sheet cannot be saved in the profile or the temporary folder; choose a folder you will clear after printing (for example a USB stick).</source>
        <translation>Không được lưu phiếu khóa khôi phục trong thư mục dữ liệu của ứng dụng hay thư mục tạm; hãy chọn nơi lưu sẽ được xóa sau khi in (ví dụ ổ USB).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="287"/>
        <source>The folder %1 does not exist; create it or choose another.</source>
        <translation>Thư mục %1 không tồn tại; hãy tạo thư mục đó hoặc chọn thư mục khác.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="288"/>
        <source>%1 exists already; choose a new file name (nothing was overwritten).</source>
        <translation>Tệp %1 đã tồn tại; hãy chọn tên tệp khác (chưa có tệp nào bị ghi đè).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="289"/>
        <source>The recovery sheet could not be written (%1); choose another place.</source>
        <translation>Không ghi được phiếu khóa khôi phục (%1); hãy chọn nơi lưu khác.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="291"/>
        <source>The form is not complete yet; check these fields: %1.</source>
        <translation>Tờ khai chưa điền đủ; hãy kiểm tra các trường: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="292"/>
        <source>Choose between the card and the typed value first for: %1.</source>
        <translation>Hãy chọn giữa giá trị trên thẻ và giá trị đã nhập trước cho: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="293"/>
        <source>A value is too long to print in its place on the form; shorten the longest entry and try again.</source>
        <translation>Có giá trị quá dài, không in vừa vị trí trên tờ khai; hãy rút gọn nội dung dài nhất rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="297"/>
        <source>The PDF could not be written (%1); check the output folder and free space.</source>
        <translation>Không ghi được tệp PDF (%1); kiểm tra thư mục lưu và dung lượng trống.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="300"/>
        <source>The font file %1 is missing; reinstall the application assets.</source>
        <translation>Thiếu tệp phông chữ %1; hãy cài lại dữ liệu đi kèm ứng dụng.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="301"/>
        <source>Commune %1 is not one of the communes the old ward %2 went into; pick one of the proposed communes.</source>
        <translation>Xã, phường %1 không thuộc các xã, phường được hình thành từ xã, phường cũ %2; hãy chọn một xã, phường trong danh sách đề xuất.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="305"/>
        <source>The old ward was split between several communes; the officer must choose one.</source>
        <translation>Xã, phường cũ đã được chia về nhiều xã, phường mới; cán bộ cần chọn một xã, phường.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="308"/>
        <source>There is no pre-2025 province with code %1.</source>
        <translation>Không có tỉnh, thành phố (trước năm 2025) nào có mã %1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="309"/>
        <source>There is no current province with code %1.</source>
        <translation>Không có tỉnh, thành phố hiện hành nào có mã %1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="310"/>
        <source>There is no current commune with code %1.</source>
        <translation>Không có xã, phường hiện hành nào có mã %1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="311"/>
        <source>There is no pre-2025 ward with code %1 (edition %2).</source>
        <translation>Không có xã, phường (trước năm 2025) nào có mã %1 (danh mục %2).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="312"/>
        <source>The administrative-unit data in %1 is missing or damaged; reinstall the application assets.</source>
        <translation>Dữ liệu đơn vị hành chính trong %1 bị thiếu hoặc hỏng; hãy cài lại dữ liệu đi kèm ứng dụng.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="316"/>
        <source>There is no public-holiday data for %1; add that year to %2.</source>
        <translation>Chưa có dữ liệu ngày nghỉ lễ của năm %1; hãy bổ sung năm đó vào %2.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="317"/>
        <source>The holiday file %1 cannot be read (%2).</source>
        <translation>Không đọc được tệp ngày nghỉ lễ %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="318"/>
        <source>The receipt needs a dossier code (provisional or official).</source>
        <translation>Giấy tiếp nhận cần có mã hồ sơ (tạm thời hoặc chính thức).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="319"/>
        <source>The processing time cannot be negative.</source>
        <translation>Thời hạn giải quyết không được là số âm.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="320"/>
        <source>The processing time and the number of dossiers must be whole numbers.</source>
        <translation>Thời gian giải quyết và số lượng hồ sơ phải là số nguyên.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="321"/>
        <source>The number of dossiers must be at least 1.</source>
        <translation>Số lượng hồ sơ phải ít nhất là 1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="322"/>
        <source>Component %1 has an unknown copy kind &apos;%2&apos;; use one of: %3.</source>
        <translation>Thành phần %1 có hình thức bản &apos;%2&apos; không hợp lệ; dùng một trong: %3.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="323"/>
        <source>Component %1: the number of copies must be a whole number of at least 1.</source>
        <translation>Thành phần %1: số lượng bản phải là số nguyên, ít nhất là 1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="326"/>
        <source>The appointment (%1) is before the reception (%2).</source>
        <translation>Thời gian hẹn trả (%1) trước thời gian tiếp nhận (%2).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="327"/>
        <source>No version of form &apos;%1&apos; is in force on %2: %3.</source>
        <translation>Không có phiên bản nào của tờ khai &apos;%1&apos; có hiệu lực vào ngày %2: %3.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="328"/>
        <source>The receipt could not be made (%1).</source>
        <translation>Không tạo được giấy tiếp nhận (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="330"/>
        <source>The scan was cancelled.</source>
        <translation>Đã hủy lần quét.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="331"/>
        <source>This scanner has no flatbed source; choose another source.</source>
        <translation>Máy quét này không có mặt kính; hãy chọn nguồn giấy khác.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="332"/>
        <source>This scanner has no document feeder; choose another source.</source>
        <translation>Máy quét này không có khay nạp giấy; hãy chọn nguồn giấy khác.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="333"/>
        <source>This scanner has no duplex source; choose another source.</source>
        <translation>Máy quét này không quét được hai mặt; hãy chọn nguồn giấy khác.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="334"/>
        <source>This scanner does not offer the chosen source; choose another source.</source>
        <translation>Máy quét này không hỗ trợ nguồn giấy đã chọn; hãy chọn nguồn giấy khác.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="335"/>
        <source>The %1 stopped unexpectedly (%2); restart the scanner and try again.</source>
        <translation>%1 đã dừng đột ngột (%2); hãy khởi động lại máy quét rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="336"/>
        <source>The %1 failed (%2); restart the scanner and try again.</source>
        <translation>%1 bị lỗi (%2); hãy khởi động lại máy quét rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="337"/>
        <source>The %1 did not respond for %2 seconds and was stopped; check the scanner&apos;s cable and power, then try again.</source>
        <translation>%1 không phản hồi trong %2 giây nên đã bị dừng; hãy kiểm tra cáp và nguồn điện của máy quét rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="341"/>
        <source>scanner driver</source>
        <translation>Trình điều khiển máy quét</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="342"/>
        <source>SANE driver</source>
        <translation>Trình điều khiển SANE</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="343"/>
        <source>TWAIN scanner driver</source>
        <translation>Trình điều khiển máy quét TWAIN</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="344"/>
        <source>WIA scanner driver</source>
        <translation>Trình điều khiển máy quét WIA</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="345"/>
        <source>exit code %1</source>
        <translation>mã thoát %1</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="346"/>
        <source>This PDF needs pdftoppm (poppler-utils) to be imported; install it or scan the papers.</source>
        <translation>Cần có pdftoppm (gói poppler-utils) để nhập tệp PDF này; hãy cài đặt hoặc quét giấy tờ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="349"/>
        <source>Page %1 of the PDF could not be rendered; export the PDF again.</source>
        <translation>Không hiển thị được trang %1 của tệp PDF; hãy xuất lại tệp PDF.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="350"/>
        <source>The PDF has no pages.</source>
        <translation>Tệp PDF không có trang nào.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="351"/>
        <source>The file is not a readable image or PDF; export it again as JPEG, PNG or PDF.</source>
        <translation>Tệp không phải ảnh hoặc PDF đọc được; hãy xuất lại dưới dạng JPEG, PNG hoặc PDF.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="354"/>
        <source>The image is too large to be a document page; scan it again.</source>
        <translation>Ảnh quá lớn so với một trang tài liệu; hãy quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="355"/>
        <source>The PDF is password-protected; remove the password and import it again.</source>
        <translation>Tệp PDF có đặt mật khẩu; hãy gỡ mật khẩu rồi nhập lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="358"/>
        <source>The PDF is damaged; export it again from its source.</source>
        <translation>Tệp PDF bị hỏng; hãy xuất lại từ tệp gốc.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="359"/>
        <source>A page image in the PDF is damaged; export the PDF again.</source>
        <translation>Ảnh của một trang trong tệp PDF bị hỏng; hãy xuất lại tệp PDF.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="360"/>
        <source>The file %1 does not exist; check the name.</source>
        <translation>Tệp %1 không tồn tại; hãy kiểm tra tên tệp.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="361"/>
        <source>The file %1 cannot be read; check its permissions.</source>
        <translation>Không đọc được tệp %1; hãy kiểm tra quyền truy cập.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="362"/>
        <source>This camera gives at most %1 dpi on an A4 page, below the legal %2 dpi; use a scanner or a camera of at least %3 megapixels.</source>
        <translation>Camera này chỉ đạt tối đa %1 dpi trên trang A4, thấp hơn mức %2 dpi theo quy định; hãy dùng máy quét hoặc camera từ %3 megapixel trở lên.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="366"/>
        <source>Tesseract is not installed, so PDFs get no text layer; install tesseract-ocr.</source>
        <translation>Chưa cài Tesseract nên tệp PDF không có lớp văn bản; hãy cài tesseract-ocr.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="369"/>
        <source>The Tesseract &apos;%1&apos; language model is missing, so PDFs get no text layer; install tesseract-ocr-%1.</source>
        <translation>Thiếu mô hình ngôn ngữ &apos;%1&apos; của Tesseract nên tệp PDF không có lớp văn bản; hãy cài tesseract-ocr-%1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="373"/>
        <source>Tesseract does not start, so PDFs get no text layer; reinstall tesseract-ocr.</source>
        <translation>Tesseract không khởi động được nên tệp PDF không có lớp văn bản; hãy cài lại tesseract-ocr.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="376"/>
        <source>Tesseract failed on a page; check the tesseract-ocr installation.</source>
        <translation>Tesseract bị lỗi khi nhận dạng một trang; hãy kiểm tra bản cài đặt tesseract-ocr.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="377"/>
        <source>OCR took longer than %1 seconds on a page; try a lower resolution.</source>
        <translation>Nhận dạng chữ (OCR) một trang mất hơn %1 giây; hãy thử độ phân giải thấp hơn.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="378"/>
        <source>The OCR result does not match the pages; run OCR again.</source>
        <translation>Kết quả nhận dạng chữ (OCR) không khớp với các trang; hãy chạy lại OCR.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="379"/>
        <source>There are no pages to put in the PDF; scan or import at least one page.</source>
        <translation>Chưa có trang nào để tạo PDF; hãy quét hoặc nhập ít nhất một trang.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="382"/>
        <source>The OCR layer could not be read; run OCR again.</source>
        <translation>Không đọc được lớp văn bản OCR; hãy chạy lại OCR.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="383"/>
        <source>The OCR layer has the wrong number of pages; run OCR again.</source>
        <translation>Lớp văn bản OCR có số trang không đúng; hãy chạy lại OCR.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="384"/>
        <source>The PDF does not meet the legal digitisation format (%1); scan it again.</source>
        <translation>Tệp PDF chưa đúng định dạng số hóa theo quy định (%1); hãy quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="387"/>
        <source>The PDF is encrypted; PDF/A forbids encryption.</source>
        <translation>Tệp PDF bị mã hóa; PDF/A không cho phép mã hóa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="388"/>
        <source>The file is not a readable PDF.</source>
        <translation>Tệp không phải PDF đọc được.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="389"/>
        <source>The PDF does not declare PDF/A-2 or PDF/A-3 in its metadata.</source>
        <translation>Siêu dữ liệu của tệp PDF không khai báo PDF/A-2 hoặc PDF/A-3.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="390"/>
        <source>The document information and the XMP metadata disagree; PDF/A needs them equal.</source>
        <translation>Thông tin tài liệu và siêu dữ liệu XMP không khớp nhau; PDF/A yêu cầu hai phần này giống nhau.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="393"/>
        <source>The PDF has no PDF/A output intent (colour profile).</source>
        <translation>Tệp PDF thiếu khai báo mục đích đầu ra PDF/A (hồ sơ màu).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="394"/>
        <source>The PDF has no page images; it is not a scanned document.</source>
        <translation>Tệp PDF không có ảnh trang; đây không phải tài liệu quét.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="395"/>
        <source>A font is not embedded; PDF/A requires every font to be embedded.</source>
        <translation>Có phông chữ chưa được nhúng; PDF/A yêu cầu nhúng mọi phông chữ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="396"/>
        <source>A page is scanned at %1 dpi; at least %2 dpi is required.</source>
        <translation>Có trang được quét ở %1 dpi; yêu cầu tối thiểu %2 dpi.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="397"/>
        <source>A page image has transparency; PDF/A-2b pages must be opaque.</source>
        <translation>Có ảnh trang chứa vùng trong suốt; trang PDF/A-2b không được có vùng trong suốt.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="398"/>
        <source>An annotation is not set to print; PDF/A requires the print flag.</source>
        <translation>Có chú thích (annotation) chưa được đặt để in; PDF/A yêu cầu bật cờ in.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="399"/>
        <source>The font %1 is missing; reinstall the application or install the fonts-liberation2 package.</source>
        <translation>Thiếu phông chữ %1; hãy cài lại ứng dụng hoặc cài gói fonts-liberation2.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="403"/>
        <source>The scanned page could not be parked on disk; free some disk space.</source>
        <translation>Không lưu tạm được trang đã quét xuống ổ đĩa; hãy giải phóng dung lượng ổ đĩa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="404"/>
        <source>A parked page is damaged or missing; scan that page again.</source>
        <translation>Một trang lưu tạm bị hỏng hoặc bị mất; hãy quét lại trang đó.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="405"/>
        <source>The key id is empty; give the hexadecimal id of the signing key.</source>
        <translation>Mã khóa (key id) đang để trống; hãy nhập mã thập lục phân của khóa ký.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="406"/>
        <source>The key id must be hexadecimal, e.g. 0a0b or 0A:0B.</source>
        <translation>Mã khóa (key id) phải ở dạng thập lục phân, ví dụ 0a0b hoặc 0A:0B.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="407"/>
        <source>The token driver (PKCS#11 module) could not be loaded; check the module path given by the CA.</source>
        <translation>Không nạp được trình điều khiển thiết bị ký số (mô-đun PKCS#11); hãy kiểm tra đường dẫn mô-đun do nhà cung cấp chứng thư số đưa ra.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="411"/>
        <source>The token driver (PKCS#11 module) failed to start; reinstall the CA&apos;s driver.</source>
        <translation>Trình điều khiển thiết bị ký số (mô-đun PKCS#11) không khởi động được; hãy cài lại trình điều khiển của nhà cung cấp chứng thư số.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="414"/>
        <source>The token driver (PKCS#11 module) could not be loaded; check its path.</source>
        <translation>Không nạp được trình điều khiển thiết bị ký số (mô-đun PKCS#11); hãy kiểm tra đường dẫn.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="415"/>
        <source>No plugged-in token holds a certificate with that key id; plug in the token or check the id with &apos;kiosk scan keys --pkcs11 MODULE&apos;.</source>
        <translation>Không thiết bị ký số nào đang cắm có chứng thư số với mã khóa này; hãy cắm thiết bị ký số hoặc kiểm tra mã bằng &apos;kiosk scan keys --pkcs11 MODULE&apos;.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="419"/>
        <source>Several tokens hold a key with that id; unplug the others and try again.</source>
        <translation>Có nhiều thiết bị ký số chứa khóa với mã này; hãy rút các thiết bị khác rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="422"/>
        <source>The token PIN is wrong; check it (the token locks after a few wrong tries).</source>
        <translation>Mã PIN của thiết bị ký số không đúng; hãy kiểm tra lại (thiết bị sẽ bị khóa sau vài lần nhập sai).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="425"/>
        <source>The token PIN is locked; ask the certificate authority to unlock it.</source>
        <translation>Mã PIN của thiết bị ký số đã bị khóa; hãy đề nghị nhà cung cấp chứng thư số mở khóa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="426"/>
        <source>The token refused the login (%1); unplug and replug it.</source>
        <translation>Thiết bị ký số từ chối đăng nhập (%1); hãy rút ra rồi cắm lại.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="427"/>
        <source>The certificate for that key id cannot be read from the token.</source>
        <translation>Không đọc được chứng thư số ứng với mã khóa này từ thiết bị ký số.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="428"/>
        <source>The file is not a readable PDF; assemble the PDF again before signing.</source>
        <translation>Tệp không phải PDF đọc được; hãy tạo lại PDF trước khi ký.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="429"/>
        <source>The PDF is encrypted; sign the unencrypted PDF/A produced by the scan.</source>
        <translation>Tệp PDF bị mã hóa; hãy ký tệp PDF/A không mã hóa được tạo ra khi quét.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="430"/>
        <source>Signing failed (%1); check the token and the key id.</source>
        <translation>Ký số không thành công (%1); hãy kiểm tra thiết bị ký số và mã khóa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="431"/>
        <source>The PDF is already signed; sign the unsigned PDF/A, since nothing may change a signed file.</source>
        <translation>Tệp PDF đã được ký; hãy ký tệp PDF/A chưa ký, vì không được thay đổi tệp đã ký.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="435"/>
        <source>The PDF&apos;s first page has no page size; assemble the PDF again before signing.</source>
        <translation>Trang đầu của tệp PDF không có kích thước trang; hãy tạo lại tệp PDF trước khi ký.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="438"/>
        <source>The timestamp server did not answer; check its address or sign without it.</source>
        <translation>Máy chủ cấp dấu thời gian không phản hồi; hãy kiểm tra địa chỉ hoặc ký không kèm dấu thời gian.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="441"/>
        <source>The signed content was changed after signing.</source>
        <translation>Nội dung đã ký bị thay đổi sau khi ký.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="442"/>
        <source>The signature value does not match the signer&apos;s certificate.</source>
        <translation>Giá trị chữ ký không khớp với chứng thư số của người ký.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="443"/>
        <source>The signature covers only part of the file.</source>
        <translation>Chữ ký chỉ bao phủ một phần của tệp.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="444"/>
        <source>The pages or the document structure were changed after signing; the file is not what was signed.</source>
        <translation>Các trang hoặc cấu trúc tài liệu đã bị thay đổi sau khi ký; tệp không còn là tài liệu đã được ký.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="449"/>
        <source>The device signing key was written by a newer version of the kiosk; update it or enrol again.</source>
        <translation>Khóa ký của thiết bị do phiên bản ki-ốt mới hơn tạo ra; hãy cập nhật ứng dụng hoặc đăng ký lại thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="453"/>
        <source>The server answered HTTP %1.</source>
        <translation>Máy chủ trả về mã lỗi HTTP %1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="454"/>
        <source>The server&apos;s TLS certificate is not trusted; check the CA bundle set at enrolment.</source>
        <translation>Chứng chỉ TLS của máy chủ không được tin cậy; hãy kiểm tra tệp chứng chỉ gốc (CA bundle) đã đặt khi đăng ký thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="457"/>
        <source>The server at %1 cannot be reached (%2).</source>
        <translation>Không kết nối được máy chủ %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="458"/>
        <source>A base64 field of the envelope is malformed.</source>
        <translation>Một trường base64 của gói hồ sơ niêm phong bị sai định dạng.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="459"/>
        <source>A sealed file is truncated.</source>
        <translation>Một tệp niêm phong bị cắt cụt.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="460"/>
        <source>A sealed file failed its integrity check (tampered or truncated).</source>
        <translation>Một tệp niêm phong không qua được bước kiểm tra toàn vẹn (bị sửa đổi hoặc bị cắt cụt).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="461"/>
        <source>The dossier key cannot be unwrapped with this server key.</source>
        <translation>Không giải mã được khóa hồ sơ bằng khóa của máy chủ này.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="462"/>
        <source>The manifest is not valid JSON.</source>
        <translation>Bản kê (manifest) không phải JSON hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="463"/>
        <source>The manifest is not a JSON object.</source>
        <translation>Bản kê (manifest) không phải đối tượng JSON.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="464"/>
        <source>Manifest schema %1 is not supported (expected 1).</source>
        <translation>Không hỗ trợ lược đồ bản kê (manifest) %1 (cần lược đồ 1).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="465"/>
        <source>The manifest must list between 1 and 1000 files.</source>
        <translation>Bản kê (manifest) phải liệt kê từ 1 đến 1000 tệp.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="466"/>
        <source>The manifest lacks a required field or has a wrong type.</source>
        <translation>Bản kê (manifest) thiếu trường bắt buộc hoặc có trường sai kiểu dữ liệu.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="467"/>
        <source>The manifest chunk size is too small.</source>
        <translation>Kích thước khối trong bản kê (manifest) quá nhỏ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="468"/>
        <source>The manifest file ids must be f0, f1, ... in order.</source>
        <translation>Mã tệp trong bản kê (manifest) phải lần lượt là f0, f1, ...</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="469"/>
        <source>A manifest file&apos;s sealed size does not match its plaintext size.</source>
        <translation>Kích thước sau niêm phong của một tệp trong bản kê (manifest) không khớp với kích thước gốc.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="470"/>
        <source>The manifest signature does not verify with the device&apos;s enrolled key.</source>
        <translation>Chữ ký của bản kê (manifest) không khớp với khóa thiết bị đã đăng ký.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="471"/>
        <source>The manifest names another device.</source>
        <translation>Bản kê (manifest) ghi tên một thiết bị khác.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="472"/>
        <source>The Idempotency-Key must be the dossier UUID.</source>
        <translation>Khóa Idempotency-Key phải là mã UUID của hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="473"/>
        <source>The envelope is sealed to a key this server does not hold.</source>
        <translation>Gói hồ sơ được niêm phong bằng khóa mà máy chủ này không có.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="474"/>
        <source>The server already holds different content for this dossier UUID.</source>
        <translation>Máy chủ đã có nội dung khác cho hồ sơ mang cùng mã UUID này.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="475"/>
        <source>The server already holds different content for this dossier UUID (official code %1).</source>
        <translation>Máy chủ đã có nội dung khác cho hồ sơ mang cùng mã UUID này (mã hồ sơ chính thức %1).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="478"/>
        <source>No dossier with this UUID was received from this device.</source>
        <translation>Máy chủ chưa nhận hồ sơ nào có mã UUID này từ thiết bị này.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="479"/>
        <source>The dossier has no file with this id.</source>
        <translation>Hồ sơ không có tệp nào với mã này.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="480"/>
        <source>A chunk must hold between 1 byte and %1 bytes.</source>
        <translation>Mỗi khối dữ liệu phải có từ 1 đến %1 byte.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="481"/>
        <source>The chunk runs past the end of the file.</source>
        <translation>Khối dữ liệu vượt quá cuối tệp.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="482"/>
        <source>A file does not match the SHA-256 in its signed manifest.</source>
        <translation>Một tệp không khớp mã SHA-256 ghi trong bản kê (manifest) đã ký.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="483"/>
        <source>A chunk needs Upload-Offset, Chunk-SHA256 and X-Manifest-SHA256.</source>
        <translation>Khối dữ liệu cần có các trường Upload-Offset, Chunk-SHA256 và X-Manifest-SHA256.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="484"/>
        <source>Upload-Offset and Content-Length must be integers.</source>
        <translation>Upload-Offset và Content-Length phải là số nguyên.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts.py" line="485"/>
        <source>The chunk length does not match Content-Length.</source>
        <translation>Độ dài khối dữ liệu không khớp với Content-Length.</translation>
    </message>
</context>
</TS>

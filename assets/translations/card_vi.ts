<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>CardReaderPanel</name>
    <message>
        <location filename="../../ui/card/panel.py" line="36"/>
        <location filename="../../ui/card/panel.py" line="83"/>
        <source>The smart-card service is not running; plug in the reader or restart the computer.</source>
        <translation>Dịch vụ thẻ thông minh chưa chạy; hãy cắm đầu đọc hoặc khởi động lại máy tính.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="40"/>
        <source>No card reader found. Plug in the card reader.</source>
        <translation>Không tìm thấy đầu đọc thẻ. Hãy cắm đầu đọc thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="43"/>
        <source>Place the citizen&apos;s ID card on the reader.</source>
        <translation>Hãy đặt thẻ căn cước của công dân lên đầu đọc.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="46"/>
        <source>A card is on the reader.</source>
        <translation>Có thẻ trên đầu đọc.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="49"/>
        <source>This card is not a chip ID card or passport. Place the citizen&apos;s ID card.</source>
        <translation>Thẻ này không phải thẻ căn cước gắn chip hay hộ chiếu. Hãy đặt thẻ căn cước của công dân.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="52"/>
        <source>ID card detected. Enter or scan the key to read it.</source>
        <translation>Đã nhận thẻ căn cước. Nhập hoặc quét mã để đọc thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="55"/>
        <location filename="../../ui/card/panel.py" line="263"/>
        <source>Reading the card… keep it still on the reader.</source>
        <translation>Đang đọc thẻ… hãy giữ yên thẻ trên đầu đọc.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="58"/>
        <source>Card read. You may remove the card.</source>
        <translation>Đã đọc xong thẻ. Có thể lấy thẻ ra.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="61"/>
        <source>The card could not be read.</source>
        <translation>Không đọc được thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="71"/>
        <source>The card rejected the key. Check the ID number, QR code or MRZ and try again.</source>
        <translation>Thẻ từ chối mã. Hãy kiểm tra số định danh, mã QR hoặc MRZ rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="74"/>
        <source>The card was moved during reading. Place it again and keep it still.</source>
        <translation>Thẻ bị dịch chuyển khi đang đọc. Hãy đặt lại và giữ yên thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="77"/>
        <source>No card is on the reader. Place the ID card.</source>
        <translation>Chưa có thẻ trên đầu đọc. Hãy đặt thẻ căn cước lên.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="80"/>
        <source>No card reader found. Plug in the reader.</source>
        <translation>Không tìm thấy đầu đọc thẻ. Hãy cắm đầu đọc.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="87"/>
        <source>This card is not a chip ID card or passport.</source>
        <translation>Thẻ này không phải thẻ căn cước gắn chip hay hộ chiếu.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="90"/>
        <source>This card needs the MRZ, or the ID number with date of birth and expiry date.</source>
        <translation>Thẻ này cần MRZ, hoặc số định danh kèm ngày sinh và ngày hết hạn.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="132"/>
        <source>Card reader state</source>
        <translation>Trạng thái đầu đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="137"/>
        <source>Card reading message</source>
        <translation>Thông báo đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="147"/>
        <source>Read the card</source>
        <translation>Đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="148"/>
        <source>Read the card now</source>
        <translation>Đọc thẻ ngay</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="163"/>
        <source>Progress of %1</source>
        <translation>Tiến độ đọc %1</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="175"/>
        <source>Photo from the chip (sensitive)</source>
        <translation>Ảnh chân dung từ chip (nhạy cảm)</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="225"/>
        <source>Place the ID card of the person for this part of the form.</source>
        <translation>Hãy đặt thẻ căn cước của người tương ứng với phần này của tờ khai.</translation>
    </message>
    <message>
        <location filename="../../ui/card/panel.py" line="306"/>
        <source>Read with %1 in %2 ms.</source>
        <translation>Đã đọc bằng %1 trong %2 ms.</translation>
    </message>
</context>
<context>
    <name>CitizenView</name>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="14"/>
        <source>ID number</source>
        <translation>Số định danh cá nhân</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="15"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="16"/>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="17"/>
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="18"/>
        <source>Nationality</source>
        <translation>Quốc tịch</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="19"/>
        <source>Ethnicity</source>
        <translation>Dân tộc</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="20"/>
        <source>Religion</source>
        <translation>Tôn giáo</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="21"/>
        <source>Place of origin</source>
        <translation>Quê quán</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="22"/>
        <source>Place of residence</source>
        <translation>Nơi thường trú</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="23"/>
        <source>Identifying marks</source>
        <translation>Đặc điểm nhận dạng</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="24"/>
        <source>Date of issue</source>
        <translation>Ngày cấp</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="25"/>
        <source>Date of expiry</source>
        <translation>Có giá trị đến</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="26"/>
        <source>Father</source>
        <translation>Cha</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="27"/>
        <source>Mother</source>
        <translation>Mẹ</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="28"/>
        <source>Spouse</source>
        <translation>Vợ/chồng</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="29"/>
        <source>Old ID (CMND)</source>
        <translation>Số CMND cũ</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="36"/>
        <source>chip, verified</source>
        <translation>chip, đã xác thực</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="37"/>
        <source>chip, not verified</source>
        <translation>chip, chưa xác thực</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="38"/>
        <source>QR code</source>
        <translation>mã QR</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="39"/>
        <source>typed</source>
        <translation>nhập tay</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="40"/>
        <source>derived</source>
        <translation>suy ra</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="83"/>
        <source>(sensitive)</source>
        <translation>(nhạy cảm)</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="91"/>
        <source>Other data on the chip</source>
        <translation>Dữ liệu khác trên chip</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="99"/>
        <source>DG13 field %1</source>
        <translation>Trường %1 của DG13</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="101"/>
        <source>%1 (as on the chip)</source>
        <translation>%1 (nguyên văn trên chip)</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="119"/>
        <source>No expiry (Không thời hạn)</source>
        <translation>Không thời hạn</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="125"/>
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <location filename="../../ui/card/citizen_view.py" line="125"/>
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
</context>
<context>
    <name>KeyEntry</name>
    <message>
        <location filename="../../ui/card/key_entry.py" line="34"/>
        <source>How to unlock the card</source>
        <translation>Cách mở khóa thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="40"/>
        <source>Scan the QR code on the card, or type the 12-digit ID number</source>
        <translation>Quét mã QR trên thẻ, hoặc nhập số định danh 12 chữ số</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="41"/>
        <source>QR code or ID number</source>
        <translation>Mã QR hoặc số định danh</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="45"/>
        <source>QR / ID</source>
        <translation>QR / Số định danh</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="51"/>
        <location filename="../../ui/card/key_entry.py" line="66"/>
        <source>ID number</source>
        <translation>Số định danh cá nhân</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="57"/>
        <location filename="../../ui/card/key_entry.py" line="67"/>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="62"/>
        <location filename="../../ui/card/key_entry.py" line="68"/>
        <source>Expiry date</source>
        <translation>Ngày hết hạn</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="63"/>
        <source>No expiry (Không thời hạn)</source>
        <translation>Không thời hạn</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="64"/>
        <source>The card has no expiry date</source>
        <translation>Thẻ không có ngày hết hạn</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="70"/>
        <source>ID and dates</source>
        <translation>Số định danh và ngày</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="76"/>
        <source>The 3 lines at the bottom of the back of the card</source>
        <translation>3 dòng ở cuối mặt sau của thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="77"/>
        <source>Machine-readable zone</source>
        <translation>Vùng đọc máy (MRZ)</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="80"/>
        <source>MRZ</source>
        <translation>MRZ</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="82"/>
        <source>Use this key</source>
        <translation>Dùng mã này</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="83"/>
        <source>Use this key to read the card</source>
        <translation>Dùng mã này để đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/card/key_entry.py" line="87"/>
        <source>Key entry problem</source>
        <translation>Lỗi nhập mã</translation>
    </message>
</context>
<context>
    <name>ReadWorker</name>
    <message>
        <location filename="../../ui/card/workers.py" line="65"/>
        <source>The card could not be read because of an internal error; try again.</source>
        <translation>Không đọc được thẻ do lỗi nội bộ; hãy thử lại.</translation>
    </message>
</context>
<context>
    <name>VerificationBadges</name>
    <message>
        <location filename="../../ui/card/badges.py" line="19"/>
        <source>Issuer signature</source>
        <translation>Chữ ký cơ quan cấp</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="20"/>
        <source>Genuine chip (CA)</source>
        <translation>Chip thật (CA)</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="21"/>
        <source>Not a copy (AA)</source>
        <translation>Không phải bản sao (AA)</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="22"/>
        <source>MRZ check digits</source>
        <translation>Số kiểm tra MRZ</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="23"/>
        <source>Data consistency</source>
        <translation>Dữ liệu thống nhất</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="29"/>
        <source>✔ verified</source>
        <translation>✔ đã xác thực</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="30"/>
        <source>✘ failed</source>
        <translation>✘ không đạt</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="31"/>
        <source>– not checked</source>
        <translation>– chưa kiểm tra</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="40"/>
        <source>The chip matches its data, but the issuer is not confirmed.</source>
        <translation>Chip khớp với dữ liệu của nó, nhưng chưa xác nhận được cơ quan cấp.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="44"/>
        <source>Issued by the authority and unchanged.</source>
        <translation>Do cơ quan có thẩm quyền cấp và chưa bị thay đổi.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="47"/>
        <source>The chip is the original, not a copy.</source>
        <translation>Chip là bản gốc, không phải bản sao.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="50"/>
        <source>The chip is genuine.</source>
        <translation>Chip là thật.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="51"/>
        <source>The printed code is internally consistent.</source>
        <translation>Mã in trên thẻ nhất quán.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="54"/>
        <source>ID number, date of birth and sex agree.</source>
        <translation>Số định danh, ngày sinh và giới tính khớp nhau.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="60"/>
        <source>The data may have been altered or the card was not issued by a trusted authority. Check the card by eye before using the data.</source>
        <translation>Dữ liệu có thể đã bị sửa hoặc thẻ không do cơ quan tin cậy cấp. Hãy kiểm tra thẻ bằng mắt trước khi dùng dữ liệu.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="65"/>
        <location filename="../../ui/card/badges.py" line="68"/>
        <source>The chip may be a copy. Check the card by eye.</source>
        <translation>Chip có thể là bản sao. Hãy kiểm tra thẻ bằng mắt.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="71"/>
        <source>The card&apos;s code has errors.</source>
        <translation>Mã trên thẻ có lỗi.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="74"/>
        <source>The card&apos;s data disagree with each other. Check by eye.</source>
        <translation>Dữ liệu trên thẻ không khớp nhau. Hãy kiểm tra bằng mắt.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="83"/>
        <source>This app cannot check the algorithm this card uses.</source>
        <translation>Ứng dụng chưa kiểm tra được thuật toán mà thẻ này dùng.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="88"/>
        <source>The issuer&apos;s certificate is not installed, so the signature origin cannot be confirmed.</source>
        <translation>Chưa cài chứng thư của cơ quan cấp nên chưa xác nhận được nguồn gốc chữ ký.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="92"/>
        <source>Not conclusive: the issuer&apos;s signature on the chip&apos;s data did not verify.</source>
        <translation>Không kết luận được: chữ ký của cơ quan cấp trên dữ liệu chip không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="98"/>
        <source>Not run, because the chip check (CA) failed.</source>
        <translation>Không thực hiện, vì kiểm tra chip (CA) không đạt.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="101"/>
        <source>The card has no Vietnamese data group (DG13) to compare with.</source>
        <translation>Thẻ không có nhóm dữ liệu tiếng Việt (DG13) để đối chiếu.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="104"/>
        <source>Not run yet.</source>
        <translation>Chưa thực hiện.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="122"/>
        <source>The certificate of the country that issued this card is not installed, so its origin cannot be confirmed.</source>
        <translation>Chưa cài chứng thư của quốc gia đã cấp thẻ này, nên chưa xác nhận được nguồn gốc.</translation>
    </message>
    <message>
        <location filename="../../ui/card/badges.py" line="86"/>
        <source>This card does not offer this check.</source>
        <translation>Thẻ này không hỗ trợ kiểm tra này.</translation>
    </message>
</context>
</TS>

<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>CameraView</name>
    <message>
        <location filename="../../ui/scan/camera_view.py" line="66" />
        <source>Camera preview</source>
        <translation>Xem trước camera</translation>
    </message>
    <message>
        <location filename="../../ui/scan/camera_view.py" line="70" />
        <source>Camera status</source>
        <translation>Trạng thái camera</translation>
    </message>
    <message>
        <location filename="../../ui/scan/camera_view.py" line="78" />
        <source>Live camera picture</source>
        <translation>Hình ảnh camera trực tiếp</translation>
    </message>
    <message>
        <location filename="../../ui/scan/camera_view.py" line="83" />
        <source>The camera cannot be used: Qt Multimedia is not available.</source>
        <translation>Không dùng được camera: thiếu Qt Multimedia.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/camera_view.py" line="90" />
        <source>No camera found; connect a document camera or use the scanner.</source>
        <translation>Không tìm thấy camera; hãy cắm camera tài liệu hoặc dùng máy quét.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/camera_view.py" line="102" />
        <source>Warning: the camera resolution is too low for 200 dpi on A4.</source>
        <translation>Cảnh báo: độ phân giải camera không đạt 200 dpi trên khổ A4.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/camera_view.py" line="143" />
        <source>Place a page under the camera.</source>
        <translation>Đặt một trang giấy dưới camera.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/camera_view.py" line="144" />
        <location filename="../../ui/scan/camera_view.py" line="145" />
        <source>Hold the page still...</source>
        <translation>Giữ yên trang giấy...</translation>
    </message>
    <message>
        <location filename="../../ui/scan/camera_view.py" line="146" />
        <location filename="../../ui/scan/camera_view.py" line="147" />
        <source>Page captured. Place the next page.</source>
        <translation>Đã chụp trang. Đặt trang tiếp theo.</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <location filename="../../ui/scan/screen.py" line="160" />
        <source>Digitise papers</source>
        <translation>Số hóa giấy tờ</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="201" />
        <source>Scanner or camera</source>
        <translation>Máy quét hoặc camera</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="203" />
        <source>Paper source</source>
        <translation>Nguồn giấy</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="205" />
        <source>Resolution</source>
        <translation>Độ phân giải</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="206" />
        <source>200 dpi (papers)</source>
        <translation>200 dpi (giấy tờ)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="207" />
        <source>300 dpi (maps, drawings)</source>
        <translation>300 dpi (bản đồ, bản vẽ)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="210" />
        <source>Find scanners</source>
        <translation>Tìm máy quét</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="212" />
        <source>Scan</source>
        <translation>Quét</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="213" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="213" />
        <source>Cancel scan</source>
        <translation>Hủy quét</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="216" />
        <source>Import files...</source>
        <translation>Nhập tệp...</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="216" />
        <location filename="../../ui/scan/screen.py" line="595" />
        <source>Import files</source>
        <translation>Nhập tệp</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="235" />
        <source>Pages and camera</source>
        <translation>Các trang và camera</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="237" />
        <source>Scanned pages</source>
        <translation>Các trang đã quét</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="253" />
        <source>Rotate left</source>
        <translation>Xoay trái</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="253" />
        <source>Rotate page left</source>
        <translation>Xoay trang sang trái</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="256" />
        <source>Rotate right</source>
        <translation>Xoay phải</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="256" />
        <source>Rotate page right</source>
        <translation>Xoay trang sang phải</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="259" />
        <source>Move earlier</source>
        <translation>Chuyển lên trước</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="259" />
        <source>Move page earlier</source>
        <translation>Chuyển trang lên trước</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="262" />
        <source>Move later</source>
        <translation>Chuyển xuống sau</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="262" />
        <source>Move page later</source>
        <translation>Chuyển trang xuống sau</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="265" />
        <source>Delete page</source>
        <translation>Xóa trang</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="267" />
        <source>Re-scan page</source>
        <translation>Quét lại trang</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="284" />
        <source>Dossier the PDF is attached to</source>
        <translation>Hồ sơ được đính kèm tệp PDF</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="287" />
        <location filename="../../ui/scan/screen.py" line="686" />
        <source>Dossier component</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="291" />
        <source>Component item number</source>
        <translation>Số thứ tự thành phần</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="292" />
        <location filename="../../ui/scan/screen.py" line="293" />
        <source>Text layer (OCR)</source>
        <translation>Lớp văn bản (OCR)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="296" />
        <source>Colour mode</source>
        <translation>Chế độ màu</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="297" />
        <source>Colour (keeps red seals)</source>
        <translation>Màu (giữ màu đỏ của con dấu)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="298" />
        <source>Grey (text only)</source>
        <translation>Xám (chỉ văn bản)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="299" />
        <source>Black and white (text only)</source>
        <translation>Đen trắng (chỉ văn bản)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="300" />
        <source>Make PDF</source>
        <translation>Tạo PDF</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="302" />
        <source>Attach to dossier</source>
        <translation>Đính kèm vào hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="305" />
        <source>Sign...</source>
        <translation>Ký số...</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="305" />
        <source>Sign with the token</source>
        <translation>Ký số bằng thiết bị ký (token)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="307" />
        <source>Check a signed PDF...</source>
        <translation>Kiểm tra PDF đã ký...</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="307" />
        <location filename="../../ui/scan/screen.py" line="795" />
        <source>Check a signed PDF</source>
        <translation>Kiểm tra PDF đã ký</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="316" />
        <source>Component:</source>
        <translation>Thành phần:</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="318" />
        <source>Item:</source>
        <translation>Số thứ tự:</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="331" />
        <source>Progress</source>
        <translation>Tiến độ</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="334" />
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="337" />
        <source>Resulting file and legal-format check</source>
        <translation>Tệp kết quả và kiểm tra định dạng theo quy định</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="365" />
        <source>No dossier: save the reception, or open a dossier and digitise its papers.</source>
        <translation>Chưa có hồ sơ: hãy lưu hồ sơ tiếp nhận, hoặc mở một hồ sơ và số hóa giấy tờ của hồ sơ đó.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="368" />
        <source>Dossier %1</source>
        <translation>Hồ sơ %1</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="390" />
        <source>The pages not attached to dossier %1 were discarded.</source>
        <translation>Các trang chưa đính kèm vào hồ sơ %1 đã được loại bỏ.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="476" />
        <source>Scanning page %1</source>
        <translation>Đang quét trang %1</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="477" />
        <source>Cleaning and recognising page %1 of %2</source>
        <translation>Đang làm sạch và nhận dạng trang %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="507" />
        <source>Looking for scanners...</source>
        <translation>Đang tìm máy quét...</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="516" />
        <source>Camera: %1</source>
        <translation>Camera: %1</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="518" />
        <source>No scanner or camera found; import files instead.</source>
        <translation>Không tìm thấy máy quét hoặc camera; hãy nhập tệp.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="520" />
        <source>%1 device(s) found.</source>
        <translation>Tìm thấy %1 thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="535" />
        <source>Flatbed</source>
        <translation>Mặt kính</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="536" />
        <source>Document feeder</source>
        <translation>Khay nạp giấy</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="537" />
        <source>Feeder, both sides</source>
        <translation>Khay nạp giấy, hai mặt</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="571" />
        <source>Scanning...</source>
        <translation>Đang quét...</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="585" />
        <source>%1 page(s) scanned.</source>
        <translation>Đã quét %1 trang.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="590" />
        <source>Cancelling...</source>
        <translation>Đang hủy...</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="597" />
        <source>Images and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</source>
        <translation>Ảnh và PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="613" />
        <source>%1 page(s) imported.</source>
        <translation>Đã nhập %1 trang.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="635" />
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="704" />
        <source>Making the PDF...</source>
        <translation>Đang tạo PDF...</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="712" />
        <source>Legal format OK: PDF/A-%1, %2 dpi, colour: %3, text layer: %4.</source>
        <translation>Đúng định dạng quy định: PDF/A-%1, %2 dpi, màu: %3, lớp văn bản: %4.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="716" />
        <location filename="../../ui/scan/screen.py" line="717" />
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="716" />
        <location filename="../../ui/scan/screen.py" line="717" />
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="720" />
        <source>Legal format NOT met: %1</source>
        <translation>CHƯA đúng định dạng quy định: %1</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="723" />
        <source>%1 pages, %2 KB. </source>
        <translation>%1 trang, %2 KB. </translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="725" />
        <source>No text layer: OCR is not available on this computer.</source>
        <translation>Không có lớp văn bản: máy này chưa cài OCR.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="727" />
        <source>PDF ready.</source>
        <translation>Đã tạo xong PDF.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="737" />
        <location filename="../../ui/scan/screen.py" line="742" />
        <source>Blank pages</source>
        <translation>Trang trắng</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="738" />
        <source>Pages %1 look blank. Remove them?</source>
        <translation>Các trang %1 có vẻ là trang trắng. Xóa các trang này?</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="762" />
        <source>Token PIN</source>
        <translation>Mã PIN token</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="762" />
        <source>PIN of your signing token:</source>
        <translation>Mã PIN của thiết bị ký số:</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="783" />
        <source>Signing...</source>
        <translation>Đang ký số...</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="809" />
        <source>The file cannot be read; check that it still exists.</source>
        <translation>Không đọc được tệp; kiểm tra xem tệp còn tồn tại không.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="816" />
        <source>The PDF has no signature.</source>
        <translation>Tệp PDF chưa có chữ ký số.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="820" />
        <source>Valid signature</source>
        <translation>Chữ ký hợp lệ</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="820" />
        <source>INVALID signature</source>
        <translation>Chữ ký KHÔNG hợp lệ</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="821" />
        <source>trusted</source>
        <translation>được tin cậy</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="821" />
        <source>signer not in the trusted list</source>
        <translation>người ký không có trong danh sách tin cậy</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="823" />
        <source>%1 by %2; covers %3; %4.</source>
        <translation>%1 của %2; phạm vi: %3; %4.</translation>
    </message>
    <message>
        <location filename="../../ui/scan/screen.py" line="855" />
        <source>Attached to the dossier.</source>
        <translation>Đã đính kèm vào hồ sơ.</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../ui/scan/tasks.py" line="42" />
        <source>Unexpected error (%1); see the log and try again.</source>
        <translation>Lỗi không mong đợi (%1); xem nhật ký rồi thử lại.</translation>
    </message>
</context>
</TS>
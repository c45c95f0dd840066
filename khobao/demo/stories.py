"""Story templates for the sample archive, one per topic. Written for khobao; all events are invented.

A template's slots ({tinh}, {p1}, {pct}, ...) are filled by `archive.py` with one consistent set of
values per article. A paragraph that starts with "@2020-2022 " is only used in those years.
Text is written in the old tone-mark style (hòa, thủy); sources that use the new style convert it.

Some sentences are there for the search to chew on: "Hà Nội" next to "thôn Hạ Nội"; "kinh tế"
together and "kinh phí ... y tế" apart; "Hà Giang ... nội tỉnh"; "Điện Biên Phủ"; Covid-19.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str
    months: tuple[int, ...]            # months when such news happens; () for any month
    titles: tuple[str, ...]
    leads: tuple[str, ...]
    paragraphs: tuple[str, ...]
    quotes: tuple[str, ...]
    roles: tuple[str, ...]             # what the official quoted (p1) does
    places: tuple[str, ...] = ()       # provinces this kind of news comes from; () for the source's own


ECONOMY = Topic(
    key="kinh-te",
    months=(),
    titles=(
        "a|{tinh} đặt mục tiêu tăng trưởng kinh tế {pct}% trong năm {namsau}",
        "b|Thu hút đầu tư vào {tinh}: {so} dự án mới được cấp phép",
        "a|Kinh tế {tinh} {ky} tăng {pct}%, thu ngân sách vượt dự toán",
        "c|Doanh nghiệp nhỏ ở {tinh} xoay xở trước giá nguyên liệu tăng",
        "a|Giải ngân vốn đầu tư công ở {tinh} mới đạt {pct3}% kế hoạch",
        "b|{tinh} gỡ vướng mặt bằng cho khu công nghiệp {xa}",
    ),
    leads=(
        "a|Theo báo cáo của UBND {tinh_full}, tổng sản phẩm trên địa bàn (GRDP) {ky} ước tăng {pct}% so với cùng kỳ, "
        "cao hơn mức bình quân của cả vùng.",
        "c|Sau nhiều tháng khó khăn, các doanh nghiệp tại {tinh} đã dần lấy lại nhịp sản xuất; đơn hàng tăng trở lại "
        "từ đầu quý {quy}.",
        "b|Cải cách thủ tục và hạ tầng kết nối tốt hơn đang giúp {tinh} trở thành điểm đến của nhiều nhà đầu tư, "
        "nhưng tiến độ giải phóng mặt bằng vẫn là nút thắt lớn nhất.",
    ),
    paragraphs=(
        "a|Trong cơ cấu kinh tế của tỉnh, khu vực công nghiệp và xây dựng chiếm khoảng {pct2}%, dịch vụ chiếm gần một nửa, "
        "phần còn lại là nông, lâm nghiệp và thủy sản. Tổng thu ngân sách nhà nước trên địa bàn đạt {ty} tỷ đồng.",
        "b|Trong năm, {tinh} cấp mới giấy chứng nhận đầu tư cho {so} dự án với tổng vốn đăng ký hơn {ty2} tỷ đồng. "
        "Nhiều nhà đầu tư trong và ngoài nước đã đến khảo sát khu công nghiệp {xa} và cụm công nghiệp {xa2}.",
        "Tuy vậy, tiến độ giải ngân vốn đầu tư công còn chậm. Đến hết tháng {thang}, tỉnh mới giải ngân được {pct3}% "
        "kế hoạch vốn được giao; một số công trình trọng điểm còn vướng mặt bằng.",
        "Tại cuộc họp trực tuyến với các địa phương, Thủ tướng Chính phủ yêu cầu các tỉnh tháo gỡ khó khăn cho doanh "
        "nghiệp, đẩy nhanh giải ngân và giữ ổn định kinh tế vĩ mô.",
        "Các chuyên gia cho rằng để tăng trưởng bền vững, {tinh} cần đầu tư mạnh hơn cho hạ tầng giao thông kết nối, "
        "nguồn nhân lực và chuyển đổi số trong quản lý nhà nước.",
        "c|{P2_anh} {p2_ten}, chủ một xưởng may nhỏ ở xã {xa}, cho biết giá vải và chi phí vận chuyển tăng khiến lợi nhuận "
        "giảm gần một nửa, nhưng xưởng vẫn cố giữ việc làm cho {so_nguoi} công nhân.",
        "@2021-2022 c|Sau giai đoạn chịu ảnh hưởng nặng của dịch Covid-19, nhiều doanh nghiệp đã tuyển dụng trở lại. "
        "Số doanh nghiệp thành lập mới trong {ky} tăng {pct}% so với cùng kỳ năm {namtruoc}.",
        "{company} vừa khánh thành nhà máy mới với công suất gấp đôi, tạo việc làm cho khoảng {so_nguoi} lao động "
        "địa phương, phần lớn là người dân tộc thiểu số.",
        "a|Theo TS. {p3}, chuyên gia kinh tế, mức tăng trưởng {pct}% là khả quan nhưng chất lượng tăng trưởng mới là điều "
        "cần chú ý: năng suất lao động của tỉnh vẫn thấp hơn bình quân cả nước.",
    ),
    quotes=(
        "“Chúng tôi xác định cải thiện môi trường đầu tư là nhiệm vụ trọng tâm, không để doanh nghiệp phải chờ đợi”, "
        "{p1_ong} {p1_ten}, {role1}, nói.",
        "“Mỗi thủ tục cắt giảm được là một ngày doanh nghiệp tiết kiệm được. Tỉnh sẽ rút thời gian cấp phép xuống còn "
        "{songay} ngày làm việc”, {role1} {p1} khẳng định.",
    ),
    roles=("Giám đốc Sở Kế hoạch và Đầu tư", "Phó Chủ tịch UBND tỉnh", "Trưởng ban Quản lý các khu công nghiệp tỉnh"),
)

FARMING = Topic(
    key="nong-nghiep",
    months=(4, 5, 6, 7, 9, 10, 11),
    titles=(
        "a|Nông dân {tinh} được mùa {crop}, giá bán ổn định",
        "b|Giá {crop} giảm mạnh, nông dân xã {xa} lo lắng",
        "c|{tinh} mở rộng vùng trồng {crop} đạt chuẩn xuất khẩu",
        "b|Hợp tác xã {xa} đưa {crop} lên sàn thương mại điện tử",
        "a|Thu hoạch {crop}: sản lượng ước đạt {tan} tấn",
    ),
    leads=(
        "a|Những ngày này, nông dân xã {xa}, {tinh_full}, tất bật thu hoạch {crop}. Năm nay thời tiết thuận lợi, "
        "năng suất tăng khoảng {pct}% so với năm {namtruoc}.",
        "b|Giá {crop} tại vườn chỉ còn khoảng {gia} đồng/kg, thấp hơn gần một nửa so với đầu vụ, khiến nhiều hộ trồng "
        "{crop} ở {tinh} không đủ bù chi phí.",
        "c|Toàn {tinh_full} hiện có khoảng {ha} ha {crop}, trong đó hơn một phần ba đã được cấp mã số vùng trồng.",
    ),
    paragraphs=(
        "Theo Sở Nông nghiệp và Phát triển nông thôn {tinh_full}, tổng sản lượng {crop} năm nay ước đạt {tan} tấn. "
        "Giá bán bình quân dao động từ {gia} đến {gia2} đồng/kg tùy loại.",
        "a|Gia đình {p2_ong} {p2_ten} ở thôn Hạ Nội, xã {xa}, có gần hai héc-ta {crop}. Mỗi ngày cả nhà thu hái và đóng "
        "thùng khoảng {so} tạ để giao cho thương lái.",
        "ac|Nhiều hộ dân đã chuyển sang canh tác theo tiêu chuẩn VietGAP, ghi chép nhật ký sản xuất và hạn chế thuốc bảo "
        "vệ thực vật. Sản phẩm đạt chuẩn được các siêu thị ở Hà Nội và TP Hồ Chí Minh thu mua với giá cao hơn.",
        "b|Để tránh cảnh được mùa mất giá, tỉnh đã tổ chức các hội nghị xúc tiến tiêu thụ, kết nối với các doanh nghiệp "
        "chế biến và sàn thương mại điện tử. Hơn {tan2} tấn {crop} đã được bán qua kênh trực tuyến.",
        "b|{company} ký hợp đồng bao tiêu toàn bộ sản lượng cho {so} hộ trồng {crop} tại xã {xa2}, cam kết giá sàn "
        "không thấp hơn {gia} đồng/kg.",
        "Ngoài {crop}, nhiều xã còn phát triển mô hình trồng xen cây dược liệu và nuôi ong, giúp thu nhập của người dân "
        "ổn định hơn qua các mùa.",
        "Theo TS. {p3}, Viện Khoa học nông nghiệp, muốn giữ giá bền vững thì phải đầu tư cho khâu bảo quản sau thu "
        "hoạch và xây dựng thương hiệu chung cho {crop} của địa phương.",
        "a|Tại chợ đầu mối, các thương lái cho biết hàng về nhiều vào sáng sớm; xe tải chở {crop} nối đuôi nhau từ "
        "{road} vào tận các điểm thu mua.",
    ),
    quotes=(
        "“Năm nào cũng lo đầu ra. Có hợp đồng bao tiêu rồi, bà con yên tâm đầu tư chăm sóc hơn”, {p2_ong} {p2_ten} chia sẻ.",
        "“Chúng tôi khuyến cáo bà con không mở rộng diện tích ồ ạt mà tập trung vào chất lượng”, {p1_ong} {p1_ten}, "
        "{role1}, cho biết.",
    ),
    roles=("Giám đốc Sở Nông nghiệp và Phát triển nông thôn", "Chủ tịch UBND xã {xa}", "Giám đốc Hợp tác xã {xa}"),
)

BORDER_TRADE = Topic(
    key="cua-khau",
    months=(),
    titles=(
        "a|Hàng hóa thông quan qua {gate} tăng {pct}%",
        "b|Ùn tắc xe chở {good} tại {gate}, hàng trăm xe chờ thông quan",
        "c|Lạng Sơn đẩy mạnh thí điểm cửa khẩu số tại {gate}",
        "a|Kim ngạch xuất nhập khẩu qua địa bàn Lạng Sơn đạt {ty} triệu USD",
        "c|Doanh nghiệp logistics đổ về {gate}",
    ),
    leads=(
        "a|Trong {ky}, tổng kim ngạch xuất nhập khẩu hàng hóa qua địa bàn tỉnh Lạng Sơn ước đạt {ty} triệu USD, "
        "tăng {pct}% so với cùng kỳ năm {namtruoc}.",
        "b|Chiều {ngay}/{thang}, tại bãi chờ của {gate} có khoảng {so_xe} xe chở {good} đang chờ làm thủ tục xuất khẩu.",
        "c|Sau khi áp dụng phần mềm quản lý xe ra vào, thời gian làm thủ tục tại {gate} rút ngắn chỉ còn vài phút mỗi xe.",
    ),
    paragraphs=(
        "Theo Ban Quản lý khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn, mỗi ngày có trung bình {so_xe} lượt phương tiện "
        "xuất nhập cảnh qua {gate}, chủ yếu chở {good}.",
        "b|Ngành hải quan đã bố trí cán bộ làm việc cả ngày nghỉ, đồng thời phối hợp với phía bạn kéo dài thời gian "
        "thông quan vào những lúc cao điểm.",
        "b|{P2_anh} {p2_ten}, tài xế chở {good} từ Đồng Tháp, cho biết xe đã nằm chờ hai ngày. Chi phí ăn ở và thuê xe "
        "lạnh khiến chủ hàng mất thêm hàng chục triệu đồng.",
        "b|Tỉnh khuyến cáo doanh nghiệp theo dõi thông tin về tình hình thông quan trước khi đưa hàng lên cửa khẩu, tránh "
        "dồn ứ vào dịp cuối năm.",
        "c|Hệ thống cửa khẩu số cho phép khai báo trước, thanh toán phí điện tử và theo dõi vị trí xe trên bản đồ. "
        "{app} cũng được tích hợp để doanh nghiệp tra cứu.",
        "ac|Nhiều kho bãi, trung tâm logistics đang được xây dựng dọc {road}. {company} vừa đưa vào hoạt động kho lạnh "
        "sức chứa {tan2} tấn.",
        "@2020-2022 Trong thời gian dịch Covid-19, việc thông quan nhiều lần bị gián đoạn, hàng nghìn xe nông sản phải "
        "quay đầu hoặc tiêu thụ tại chỗ với giá rẻ.",
        "Theo TS. {p3}, thương mại qua biên giới cần chuyển mạnh từ tiểu ngạch sang chính ngạch, chú trọng tiêu chuẩn "
        "chất lượng và truy xuất nguồn gốc.",
    ),
    quotes=(
        "“Chúng tôi làm việc xuyên trưa để không xe nào phải chờ qua đêm”, {p1_ong} {p1_ten}, {role1}, cho biết.",
        "“Cửa khẩu số giúp minh bạch, doanh nghiệp biết trước mình sẽ qua lúc nào”, {role1} {p1} nói.",
    ),
    roles=("Trưởng ban Quản lý khu kinh tế cửa khẩu", "Chi cục trưởng Chi cục Hải quan cửa khẩu", "Giám đốc Sở Công Thương"),
    places=("Lạng Sơn",),
)

TRAFFIC = Topic(
    key="giao-thong",
    months=(),
    titles=(
        "a|Tai nạn trên {road}, {so_nho} người bị thương",
        "a|Va chạm giữa {vehicle} và {vehicle2} trên {road}",
        "b|Thông xe {road} đoạn qua {tinh} sau {so_nho} năm thi công",
        "c|Ùn tắc kéo dài trên {pho} giờ cao điểm",
        "c|Hà Nội phân luồng giao thông quanh {pho}",
        "d|{tinh} mở thêm tuyến xe buýt kết nối các huyện",
        "e|Sạt lở taluy trên {road}, giao thông bị chia cắt",
    ),
    leads=(
        "a|Khoảng {gio} giờ sáng {ngay}/{thang}, trên {road} đoạn qua xã {xa}, {tinh_full}, một chiếc {vehicle} va chạm "
        "với {vehicle2}, khiến {so_nho} người bị thương.",
        "b|Sau nhiều năm chờ đợi, tuyến {road} đoạn qua {tinh} dài {km} km chính thức được đưa vào sử dụng.",
        "c|Lượng phương tiện tăng nhanh trong khi nhiều dự án mở rộng đường còn dang dở khiến tình trạng ùn tắc trên "
        "{pho} ngày càng nghiêm trọng.",
        "d|Từ ngày {ngay}/{thang}, {tinh_full} đưa vào khai thác thêm các tuyến xe buýt nối trung tâm {thanhpho} với "
        "các huyện, giá vé từ {gia} đồng mỗi lượt.",
        "e|Mưa lớn kéo dài khiến taluy dương trên {road} đoạn qua xã {xa} sạt lở, hàng nghìn mét khối đất đá tràn "
        "xuống mặt đường.",
    ),
    paragraphs=(
        "a|Nhận tin báo, lực lượng cảnh sát giao thông đã có mặt, phân luồng và đưa những người bị thương đi "
        "cấp cứu. Nguyên nhân vụ việc đang được điều tra làm rõ.",
        "a|Theo thống kê, từ đầu năm đến nay toàn tỉnh xảy ra {so} vụ tai nạn giao thông, giảm cả ba tiêu chí số vụ, "
        "số người chết và số người bị thương so với cùng kỳ.",
        "ae|{P2_anh} {p2_ten}, người dân sống gần {road}, cho biết đoạn đường này thường xuyên nguy hiểm vì khúc "
        "cua gấp, thiếu biển cảnh báo và đèn chiếu sáng.",
        "ae|Cơ quan chức năng đề nghị người điều khiển phương tiện đi chậm, giữ khoảng cách an toàn, không sử dụng rượu "
        "bia khi lái xe, nhất là trên các đoạn đèo dốc.",
        "b|Tuyến đường có tổng mức đầu tư {ty} tỷ đồng, được thiết kế bốn làn xe, giúp rút ngắn thời gian đi từ trung tâm "
        "{thanhpho} đến các xã vùng cao xuống còn khoảng một giờ.",
        "b|Trong quá trình thi công, dự án nhiều lần chậm tiến độ vì vướng giải phóng mặt bằng và giá vật liệu tăng. "
        "Hơn {so} hộ dân đã nhận tiền bồi thường, di dời đến khu tái định cư mới.",
        "bd|Người dân các xã dọc tuyến phấn khởi vì nông sản được chở đi nhanh hơn, chi phí vận chuyển giảm đáng kể.",
        "c|Tại Hà Nội, vào giờ cao điểm sáng và chiều, dòng xe máy và ô tô xếp hàng dài hàng cây số trên {pho}. Nhiều "
        "người dân phải mất gần một giờ để đi quãng đường chưa đến {km} km.",
        "c|Sở Giao thông vận tải cho biết đang nghiên cứu tổ chức lại các nút giao, điều chỉnh chu kỳ đèn tín hiệu và "
        "cấm xe tải vào nội thành trong khung giờ cao điểm.",
        "c|Các chuyên gia cho rằng muốn giảm ùn tắc lâu dài phải phát triển giao thông công cộng, đường sắt đô thị và "
        "hạn chế dần xe cá nhân ở khu vực trung tâm.",
        "d|Ở Hà Giang, tỉnh cũng vừa mở thêm ba tuyến xe khách nội tỉnh nối thành phố với các huyện vùng cao, giá vé "
        "giảm {pct2}% cho học sinh và người cao tuổi.",
        "d|Tuyến xe buýt mới chạy từ bến xe trung tâm {thanhpho} đến xã {xa2}, mỗi ngày {so} chuyến, thời gian giãn cách "
        "khoảng 30 phút một chuyến.",
        "e|Ngành giao thông đã huy động máy xúc, xe ben làm xuyên đêm để dọn đất đá, đồng thời cắm biển cảnh báo và "
        "bố trí người hướng dẫn phương tiện đi đường vòng.",
        "e|Đây là lần thứ {so_nho} trong năm đoạn đường này bị sạt lở. Tỉnh đề nghị bổ sung vốn để gia cố mái taluy "
        "bằng bê tông và trồng cỏ chống xói.",
    ),
    quotes=(
        "ae|“Chúng tôi sẽ lắp thêm gờ giảm tốc và biển cảnh báo ngay trong tháng {thang}”, {p1_ong} {p1_ten}, {role1}, "
        "cho biết.",
        "c|“Sáng nào cũng tắc, tôi phải đi từ sáu giờ mới kịp giờ làm”, {p2_anh} {p2_ten}, một người đi làm hằng ngày, nói.",
        "bd|“Đường tốt, xe thuận tiện thì người dân đi lại, buôn bán đều dễ hơn”, {role1} {p1} nói.",
    ),
    roles=("Phó Giám đốc Sở Giao thông vận tải", "Trưởng phòng Cảnh sát giao thông Công an tỉnh", "Chủ tịch UBND xã {xa}"),
)

FLOODS = Topic(
    key="mua-lu",
    months=(7, 8, 9, 10, 11),
    titles=(
        "a|Mưa lớn gây ngập úng nhiều nơi ở {tinh}",
        "a|Hoàn lưu bão {storm} gây mưa lớn, {tinh} sơ tán hơn {nghin} hộ dân",
        "b|Nước {song} lên nhanh, nhiều xã bị cô lập",
        "c|{tinh} khắc phục hậu quả lũ quét, khôi phục giao thông",
    ),
    leads=(
        "a|Do ảnh hưởng của hoàn lưu bão {storm}, từ đêm {ngay}/{thang} đến sáng nay, {tinh_full} có mưa to đến rất to, "
        "lượng mưa phổ biến từ {mm} đến {mm2} mm.",
        "b|Mực nước {song} đoạn qua {thanhpho} lên nhanh, vượt mức báo động 2, nhiều tuyến đường ven sông bị ngập sâu.",
        "c|Sau trận lũ quét đêm {ngay}/{thang}, các lực lượng ở {tinh} đang khẩn trương dọn dẹp, khôi phục giao thông "
        "và giúp người dân ổn định cuộc sống.",
    ),
    paragraphs=(
        "Theo Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn tỉnh, mưa lũ làm {so} ngôi nhà bị ngập, hơn {ha} ha "
        "lúa và hoa màu bị hư hại; thiệt hại ban đầu ước khoảng {ty} tỷ đồng.",
        "ab|Chính quyền các địa phương đã sơ tán {nghin} hộ dân ở vùng trũng và ven sông đến nơi an toàn, bố trí lương "
        "thực, nước uống và thuốc men.",
        "b|Tại xã {xa}, nước lũ dâng cao khoảng một mét khiến nhiều hộ dân phải kê cao đồ đạc, di chuyển trâu bò lên "
        "đồi. Lực lượng dân quân, bộ đội biên phòng được huy động hỗ trợ.",
        "c|Trên {road}, nhiều điểm sạt lở taluy dương làm đất đá tràn xuống mặt đường. Ngành giao thông đã bố trí máy "
        "móc túc trực để thông tuyến sớm nhất.",
        "ab|Trung tâm Khí tượng thủy văn quốc gia dự báo mưa còn kéo dài đến hết ngày {ngay2}/{thang}. Nguy cơ lũ quét, "
        "sạt lở đất ở vùng núi và ngập úng ở vùng trũng thấp rất cao.",
        "ab|Ngành giáo dục cho học sinh nhiều trường nghỉ học. {school} tổ chức cho các em ở lại bán trú đến khi đường "
        "an toàn.",
        "b|{P2_ong} {p2_ten}, người dân thôn Bản Chắt, cho biết ông bà sống ở đây hơn năm mươi năm mà ít khi thấy nước "
        "lên nhanh như vậy.",
        "c|Sau khi nước rút, các lực lượng tập trung dọn bùn đất, khử trùng môi trường để phòng dịch bệnh. Tỉnh trích "
        "ngân sách dự phòng hỗ trợ các gia đình có nhà bị sập, trôi.",
    ),
    quotes=(
        "“Quan điểm của tỉnh là không để người dân nào bị đói, bị rét hay không có chỗ ở”, {p1_ong} {p1_ten}, {role1}, "
        "nhấn mạnh.",
        "bc|“Nước lên trong đêm, cả nhà chỉ kịp mang theo giấy tờ và mấy bao thóc”, {p2_ong} {p2_ten} kể.",
    ),
    roles=("Phó Chủ tịch UBND tỉnh", "Chánh Văn phòng Ban Chỉ huy phòng chống thiên tai tỉnh", "Chủ tịch UBND huyện"),
)

COLD = Topic(
    key="ret-dam",
    months=(12, 1, 2),
    titles=(
        "a|Rét đậm, rét hại: nhiệt độ ở vùng núi {tinh} xuống {nhiet} độ C",
        "b|Băng giá xuất hiện trên núi Mẫu Sơn, du khách đổ về ngắm",
        "a|Giữ ấm cho học sinh và gia súc trong đợt rét",
    ),
    leads=(
        "a|Không khí lạnh tăng cường khiến nhiệt độ tại vùng núi {tinh} giảm sâu, có nơi chỉ còn {nhiet} độ C; người "
        "dân và gia súc đối mặt với rét đậm, rét hại kéo dài.",
        "b|Sáng {ngay}/{thang}, nhiệt độ trên đỉnh núi Mẫu Sơn (Lạng Sơn) xuống dưới 0 độ C, băng giá phủ trắng cây cỏ "
        "và mái nhà.",
    ),
    paragraphs=(
        "a|Các trường học vùng cao được phép cho học sinh nghỉ khi nhiệt độ xuống dưới 7 độ C. {school} đốt lửa sưởi, "
        "nấu nước nóng cho học sinh bán trú.",
        "Chính quyền khuyến cáo người dân che chắn chuồng trại, dự trữ thức ăn, không thả rông gia súc lên núi cao.",
        "b|Hàng nghìn du khách từ Hà Nội và các tỉnh lân cận lên Mẫu Sơn ngắm băng. Đường lên núi ùn tắc nhiều giờ vào "
        "sáng sớm.",
        "b|Lực lượng chức năng khuyến cáo du khách không tự lái xe lên đỉnh khi mặt đường đóng băng, chuẩn bị đủ áo ấm "
        "và không đốt lửa sưởi trong phòng kín.",
        "a|{P2_ong} {p2_ten}, người dân xã {xa}, cho biết gia đình đã làm chuồng kín cho đàn trâu, đốt lửa suốt đêm để "
        "giữ ấm.",
        "Trung tâm Khí tượng thủy văn dự báo đợt rét còn kéo dài ít nhất đến ngày {ngay2}/{thang}, vùng núi cao có khả "
        "năng xuất hiện băng giá, sương muối.",
    ),
    quotes=(
        "a|“Năm nào rét cũng lo nhất là đàn trâu, mất con trâu là mất cả cơ nghiệp”, {p2_ong} {p2_ten} nói.",
        "“Chúng tôi đã chỉ đạo các xã kiểm tra từng hộ, hỗ trợ chăn ấm cho người già và trẻ nhỏ”, {role1} {p1} cho biết.",
    ),
    roles=("Phó Chủ tịch UBND tỉnh", "Chủ tịch UBND huyện", "Giám đốc Sở Nông nghiệp và Phát triển nông thôn"),
)

CULTURE = Topic(
    key="van-hoa",
    months=(1, 2, 3, 4, 8, 9),
    titles=(
        "a|Tưng bừng {festival} ở {tinh}",
        "a|Hàng nghìn người dự {festival} năm {nam}",
        "b|Gìn giữ nghề {craft} giữa nhịp sống hiện đại",
        "b|Nghệ nhân {p2} và hơn bốn mươi năm giữ hồn {craft}",
        "c|{tinh} bảo tồn và phát huy giá trị di sản văn hóa",
    ),
    leads=(
        "a|Sáng {ngay}/{thang}, tại xã {xa}, {tinh_full}, {festival} năm {nam} đã khai mạc với sự tham gia của hàng nghìn "
        "người dân và du khách.",
        "b|Ở tuổi gần bảy mươi, nghệ nhân {p2} vẫn ngày ngày truyền dạy {craft} cho lớp trẻ trong bản, với mong muốn "
        "vốn quý của cha ông không bị mai một.",
        "c|Nhiều năm qua, {tinh} đã đầu tư hàng chục tỷ đồng để trùng tu di tích, khôi phục lễ hội và các loại hình "
        "nghệ thuật truyền thống.",
    ),
    paragraphs=(
        "a|Phần lễ được tổ chức trang trọng với nghi thức dâng hương, rước kiệu và cầu cho mưa thuận gió hòa, mùa màng "
        "bội thu. Phần hội có nhiều trò chơi dân gian như kéo co, đẩy gậy, ném còn, đánh đu.",
        "a|Theo {p1_ong} {p1_ten}, {role1}, năm nay lễ hội được tổ chức theo hướng tiết kiệm, văn minh, không có tình "
        "trạng chèo kéo khách hay bán hàng giả mạo.",
        "b|Lớp truyền dạy {craft} của nghệ nhân có hơn hai mươi học viên, người nhỏ nhất mới mười tuổi. Các em học vào "
        "tối thứ bảy và chủ nhật tại nhà văn hóa thôn.",
        "bc|Những năm gần đây, văn hóa truyền thống được đưa vào trường học qua các giờ ngoại khóa. {school} thành lập "
        "câu lạc bộ {craft} với gần trăm thành viên.",
        "bc|Tỉnh đã lập hồ sơ đề nghị công nhận {craft} là di sản văn hóa phi vật thể quốc gia và hỗ trợ kinh phí cho "
        "các nghệ nhân truyền dạy.",
        "a|Du khách từ Hà Nội, Hải Phòng, Đà Nẵng và nhiều nơi khác đến dự lễ hội, thưởng thức các món đặc sản như "
        "{dish}, {dish2} và mua sản vật địa phương.",
        "ac|Trong khuôn khổ sự kiện còn có triển lãm ảnh về di tích lịch sử Điện Biên Phủ, hội thi ẩm thực và đêm giao "
        "lưu văn nghệ giữa các đội đến từ nhiều huyện.",
        "c|Toàn tỉnh hiện có {so} di tích được xếp hạng, trong đó nhiều công trình đã xuống cấp, cần được tu bổ khẩn cấp.",
        "Nhà nghiên cứu {p3} cho rằng điều quan trọng nhất là để cộng đồng tự thực hành và sáng tạo di sản, chứ "
        "không chỉ biểu diễn phục vụ du lịch.",
    ),
    quotes=(
        "b|“Tôi chỉ mong con cháu mình còn biết hát, biết đàn như ông bà ngày trước”, nghệ nhân {p2} tâm sự.",
        "ac|“Lễ hội là dịp để người dân sum họp, cầu mong một năm bình an, hòa thuận”, {role1} {p1} nói.",
    ),
    roles=("Giám đốc Sở Văn hóa, Thể thao và Du lịch", "Trưởng ban tổ chức lễ hội", "Trưởng phòng Văn hóa và Thông tin huyện"),
)

TOURISM = Topic(
    key="du-lich",
    months=(1, 2, 4, 5, 6, 7, 12),
    titles=(
        "a|Du khách đổ về {sight} dịp nghỉ lễ",
        "b|{tinh} đón hơn {nghin} nghìn lượt khách trong {ky}",
        "c|Phát triển du lịch cộng đồng ở xã {xa}",
        "c|Homestay vùng cao: hướng đi mới cho bà con {tinh}",
    ),
    leads=(
        "b|Trong {ky}, {tinh_full} đón khoảng {nghin} nghìn lượt khách, tăng {pct}% so với cùng kỳ; doanh thu từ du lịch "
        "đạt hơn {ty} tỷ đồng.",
        "a|Dịp nghỉ lễ, {sight} đón lượng khách kỷ lục; các nhà nghỉ, khách sạn quanh khu vực kín phòng từ nhiều ngày trước.",
        "c|Từ một bản nghèo, xã {xa} nay có hơn chục homestay, trở thành điểm dừng chân quen thuộc của khách trong và "
        "ngoài nước.",
    ),
    paragraphs=(
        "ab|Các điểm đến được khách yêu thích nhất là {sight}, {sight2} và các làng nghề truyền thống. Khách quốc tế đến "
        "từ Hàn Quốc, Pháp, Úc và nhiều nước khác.",
        "c|{P2_anh} {p2_ten}, chủ một homestay ở xã {xa}, cho biết gia đình đã vay vốn cải tạo nhà sàn, mỗi tháng đón "
        "khoảng {so} đoàn khách, thu nhập khá hơn hẳn làm nương.",
        "c|Ngoài ngắm cảnh, du khách được trải nghiệm cấy lúa, làm bánh, nghe {craft} và thưởng thức {dish} bên bếp lửa.",
        "a|Tỉnh đã hoàn thành nâng cấp đường lên {sight}, xây bãi đỗ xe và nhà vệ sinh công cộng, lắp biển chỉ dẫn song ngữ.",
        "bc|Tuy vậy, hạ tầng du lịch vẫn còn thiếu, sản phẩm chưa đa dạng, nhiều điểm đến mới chỉ hút khách theo mùa.",
        "a|Từ Hà Nội, du khách có thể đi xe khách hoặc tàu hỏa; nhiều công ty lữ hành đã mở tour hai ngày một đêm với "
        "giá từ {gia_tour} đồng mỗi người.",
        "@2020-2021 b|Do ảnh hưởng của dịch Covid-19, lượng khách quốc tế gần như không còn; các doanh nghiệp chuyển sang "
        "khai thác khách nội địa với nhiều gói kích cầu.",
        "Theo TS. {p3}, muốn giữ chân khách lâu hơn, địa phương cần kể được câu chuyện riêng của mình qua ẩm thực, "
        "trang phục, lễ hội và con người.",
    ),
    quotes=(
        "bc|“Chúng tôi không chạy theo số lượng mà muốn khách đến rồi muốn quay lại”, {p1_ong} {p1_ten}, {role1}, nói.",
        "a|“Cảnh đẹp, người hiền, món ăn lạ miệng. Nhất định tôi sẽ quay lại”, {p2_anh} {p2_ten}, một du khách đến từ Hà Nội, "
        "chia sẻ.",
    ),
    roles=("Giám đốc Sở Văn hóa, Thể thao và Du lịch", "Giám đốc Trung tâm Xúc tiến du lịch tỉnh", "Chủ tịch UBND xã {xa}"),
)

SPORT = Topic(
    key="the-thao",
    months=(),
    titles=(
        "a|{team} thắng ngược {team2} ở vòng {so_nho}",
        "a|{team} giành ba điểm trên sân nhà",
        "b|Đoàn thể thao {tinh} giành {so} huy chương vàng tại Đại hội",
        "c|Giải {sport} mở rộng thu hút {so_nguoi} vận động viên",
        "c|Tay vợt trẻ {p2} vô địch giải {sport} toàn quốc",
    ),
    leads=(
        "a|Trên sân nhà tối {ngay}/{thang}, {team} đã có màn lội ngược dòng ấn tượng để đánh bại {team2} với tỷ số "
        "{ban1}-{ban2}.",
        "c|Giải {sport} mở rộng năm {nam} quy tụ {so_nguoi} vận động viên đến từ nhiều tỉnh, thành phố, trong đó có các "
        "đội mạnh của Hà Nội, Đà Nẵng và Cần Thơ.",
        "b|Đoàn thể thao {tinh} đã khép lại đại hội với {so} huy chương vàng, vượt chỉ tiêu đề ra từ đầu năm.",
    ),
    paragraphs=(
        "a|Bị dẫn trước từ phút thứ 12, đội chủ nhà chơi kiên nhẫn và gỡ hòa sau một pha phối hợp đẹp ở cánh trái. Bàn "
        "quyết định đến ở phút 87 từ chấm phạt đền.",
        "a|Huấn luyện viên {p1} cho biết các cầu thủ đã thi đấu đúng tinh thần, dù điều kiện mặt sân không thuận lợi sau "
        "những ngày mưa.",
        "a|Với chiến thắng này, {team} tạm vươn lên vị trí thứ {so_nho} trên bảng xếp hạng, kém đội đầu bảng ba điểm.",
        "a|Hàng nghìn cổ động viên đã có mặt trên khán đài, nhiều người đi xe máy hàng chục cây số từ các huyện để cổ vũ "
        "đội nhà.",
        "bc|Môn {sport} vốn là thế mạnh của tỉnh. Nhiều vận động viên trẻ trưởng thành từ các lớp năng khiếu ở trường "
        "học và câu lạc bộ cơ sở.",
        "c|{P2_anh} {p2_ten}, năm nay mới mười bảy tuổi, đã vượt qua đối thủ giàu kinh nghiệm ở trận chung kết sau ba "
        "ván đấu căng thẳng.",
        "b|Sở Văn hóa, Thể thao và Du lịch cho biết năm tới sẽ tăng kinh phí cho đào tạo vận động viên trẻ và nâng cấp "
        "nhà thi đấu đa năng của tỉnh.",
        "c|Giải đấu do Liên đoàn {sport} tỉnh phối hợp với {company} tổ chức, tổng giá trị giải thưởng hơn {so} triệu đồng.",
    ),
    quotes=(
        "a|“Các học trò của tôi đã không bỏ cuộc. Đó là điều tôi hài lòng nhất”, huấn luyện viên {p1} nói sau trận.",
        "c|“Em sẽ tập luyện chăm chỉ hơn để được khoác áo đội tuyển quốc gia”, {p2} chia sẻ sau khi nhận huy chương.",
        "b|“Thành tích này là kết quả của cả một quá trình đầu tư bài bản”, {role1} {p1} nói.",
    ),
    roles=("Giám đốc Trung tâm Huấn luyện và Thi đấu thể thao tỉnh", "Trưởng đoàn thể thao tỉnh",
           "Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch"),
)

EDUCATION = Topic(
    key="giao-duc",
    months=(5, 6, 7, 8, 9, 11),
    titles=(
        "a|Hơn {thi_sinh} thí sinh {tinh} bước vào kỳ thi tốt nghiệp THPT",
        "b|{tinh}: học sinh vùng cao hào hứng ngày khai giảng",
        "b|Thiếu giáo viên, nhiều trường ở {tinh} phải dạy ghép lớp",
        "c|Học sinh {school_thpt} đoạt giải nhất học sinh giỏi quốc gia môn {subject}",
    ),
    leads=(
        "a|Sáng {ngay}/{thang}, hơn {thi_sinh} thí sinh {tinh_full} làm thủ tục dự thi tốt nghiệp THPT năm {nam} tại {so} "
        "điểm thi.",
        "b|Năm học mới {nam}-{namsau}, toàn {tinh_full} có hơn {nghin} nghìn học sinh các cấp, tăng so với năm học trước.",
        "c|Em {p2}, học sinh lớp 12 {school_thpt}, vừa đoạt giải nhất kỳ thi chọn học sinh giỏi quốc gia môn {subject}.",
    ),
    paragraphs=(
        "a|Buổi sáng, thí sinh làm bài thi môn Ngữ văn; buổi chiều thi môn Toán. Các điểm thi được bố trí lực lượng công "
        "an, y tế và điện lực túc trực.",
        "a|Tại điểm thi {school}, nhiều phụ huynh đưa con đến từ sớm. Các đoàn thanh niên tình nguyện hỗ trợ nước uống, "
        "chỗ nghỉ miễn phí cho thí sinh ở xa.",
        "b|Theo Sở Giáo dục và Đào tạo, tỉnh còn thiếu khoảng {so_nguoi} giáo viên, nhất là giáo viên Tiếng Anh, Tin học "
        "và Âm nhạc ở bậc tiểu học.",
        "b|Ở các điểm trường lẻ vùng cao, giáo viên phải dạy ghép hai, ba trình độ trong một lớp. Nhiều thầy cô đi bộ "
        "hàng giờ đường rừng để đến lớp.",
        "c|Em {p2_ten} cho biết bí quyết là tự học mỗi tối, làm nhiều đề và hỏi thầy cô khi chưa hiểu. Em dự định theo "
        "học ngành kỹ thuật ở Hà Nội.",
        "b|Tỉnh dành {ty} tỷ đồng xây mới, sửa chữa phòng học, nhà bán trú và mua sắm thiết bị dạy học cho chương trình "
        "giáo dục phổ thông mới.",
        "@2020-2021 Do dịch Covid-19, học sinh nhiều nơi phải học trực tuyến hàng tháng trời; nhiều em vùng cao không có "
        "điện thoại hay máy tính để học.",
        "bc|Theo {p3}, chuyên gia giáo dục, điều cần nhất với vùng khó khăn là giữ chân giáo viên giỏi bằng nhà công vụ, "
        "phụ cấp và cơ hội bồi dưỡng.",
        "c|Năm nay, đội tuyển của tỉnh có {so_nho} học sinh đoạt giải quốc gia, trong đó môn {subject} và Tin học có "
        "thành tích tốt nhất.",
    ),
    quotes=(
        "a|“Năm nay đề thi vừa sức, em làm được khoảng tám điểm”, một thí sinh vui vẻ nói khi rời phòng thi.",
        "ab|“Chúng tôi chuẩn bị kỹ từ cơ sở vật chất đến con người để mọi việc diễn ra an toàn, nghiêm túc”, {p1_ong} "
        "{p1_ten}, {role1}, cho biết.",
        "c|“Em ấy rất chăm và biết tự đặt câu hỏi cho mình”, cô giáo chủ nhiệm của {p2_ten} nhận xét.",
    ),
    roles=("Giám đốc Sở Giáo dục và Đào tạo", "Hiệu trưởng {school}", "Phó Giám đốc Sở Giáo dục và Đào tạo"),
)

HEALTH = Topic(
    key="y-te",
    months=(),
    titles=(
        "a|Số ca mắc {disease} ở {tinh} tăng mạnh",
        "b|{hospital} {tinh} cứu sống bệnh nhân đột quỵ",
        "c|Tiêm vắc xin cho hơn {nghin} nghìn trẻ em tại {tinh}",
        "d|Thiếu thuốc, vật tư y tế: bệnh viện tuyến huyện gặp khó",
        "d|Đưa bác sĩ về xã: người dân vùng cao được khám chữa bệnh tại chỗ",
    ),
    leads=(
        "a|Từ đầu năm đến nay, toàn {tinh_full} ghi nhận {so_ca} ca mắc {disease}, tăng gần gấp đôi so với cùng kỳ năm "
        "{namtruoc}.",
        "b|Các bác sĩ {hospital} {tinh} vừa cứu sống một bệnh nhân {so_nho}0 tuổi bị đột quỵ nhờ can thiệp kịp thời "
        "trong khung giờ vàng.",
        "c|Chiến dịch tiêm chủng mở rộng năm {nam} của {tinh_full} đặt mục tiêu bao phủ trên 95% trẻ em trong độ tuổi.",
        "d|Năm nay kinh phí dành cho ngành y tế của {tinh_full} đạt {ty} tỷ đồng, nhưng nhiều cơ sở tuyến huyện và xã "
        "vẫn thiếu bác sĩ, thiếu thuốc.",
    ),
    paragraphs=(
        "a|Trung tâm Kiểm soát bệnh tật tỉnh đã cử cán bộ xuống các ổ dịch ở xã {xa} và xã {xa2} để khoanh vùng, xử lý "
        "môi trường và hướng dẫn người dân cách phòng bệnh.",
        "b|Bệnh nhân nhập viện trong tình trạng liệt nửa người, nói khó. Ê-kíp cấp cứu đã tiến hành can thiệp lấy huyết "
        "khối; sau hai ngày, người bệnh đã tỉnh táo, ăn uống được.",
        "b|Đây là kỹ thuật trước đây chỉ thực hiện được ở các bệnh viện tuyến trung ương tại Hà Nội. Từ khi triển khai, "
        "bệnh viện đã can thiệp thành công cho {so} ca.",
        "d|Nhiều bệnh viện tuyến huyện phải hoãn phẫu thuật vì thiếu vật tư. Người bệnh phải tự mua thuốc bên ngoài với "
        "giá cao hơn.",
        "@2020-2022 Trong các đợt dịch Covid-19, bệnh viện dã chiến được dựng lên trong vài ngày; hàng trăm y bác sĩ "
        "tình nguyện vào vùng dịch hỗ trợ.",
        "@2021-2022 c|Tỉnh cũng đã tiêm hơn {nghin} nghìn liều vắc xin phòng Covid-19, ưu tiên người cao tuổi và người "
        "có bệnh nền.",
        "c|Các trạm y tế xã tổ chức tiêm vào ngày thứ tư hằng tuần. Trẻ được khám sàng lọc trước tiêm và theo dõi ba "
        "mươi phút sau tiêm.",
        "ac|Bác sĩ {p3} khuyến cáo người dân khi có dấu hiệu sốt cao, phát ban hay đau đầu kéo dài cần đến cơ sở y tế, "
        "không tự ý dùng thuốc.",
        "d|{P2_anh} {p2_ten}, người dân xã {xa}, cho biết trước đây muốn khám bệnh phải đi gần năm mươi cây số; nay "
        "có bác sĩ về trạm y tế, đỡ vất vả hơn nhiều.",
        "bd|Ngành y tế tỉnh đang triển khai khám chữa bệnh từ xa, kết nối trạm y tế xã với các bệnh viện tuyến trên ở "
        "Hà Nội để hội chẩn những ca khó.",
    ),
    quotes=(
        "ac|“Chúng tôi tăng cường giám sát tại cộng đồng, phát hiện sớm để không để dịch lan rộng”, {p1_ong} {p1_ten}, "
        "{role1}, cho biết.",
        "d|“Có bác sĩ giỏi về tận xã, người bệnh như tôi yên tâm lắm”, {p2_ong} {p2_ten} nói.",
        "b|“Với đột quỵ, mỗi phút chậm trễ là hàng triệu tế bào não chết đi”, {role1} {p1} nhấn mạnh.",
    ),
    roles=("Giám đốc Sở Y tế", "Giám đốc {hospital}", "Giám đốc Trung tâm Kiểm soát bệnh tật tỉnh"),
)

URBAN = Topic(
    key="do-thi",
    months=(),
    titles=(
        "a|{thanhpho} chỉnh trang vỉa hè, trồng thêm cây xanh",
        "a|Hà Nội cải tạo hồ, mở không gian đi bộ cho người dân",
        "b|Rác thải ùn ứ ở bãi chôn lấp xã {xa}, người dân bức xúc",
        "c|Chợ mới {thanhpho} bỏ trống sau hai năm khánh thành",
        "d|Cấp nước sạch cho {nghin} hộ dân ven đô",
    ),
    leads=(
        "a|Sau nhiều năm xuống cấp, các tuyến phố chính ở trung tâm {thanhpho} đang được lát lại vỉa hè, hạ ngầm đường "
        "dây và trồng thêm cây xanh.",
        "b|Hàng trăm tấn rác thải sinh hoạt dồn ứ tại bãi chôn lấp xã {xa}, bốc mùi hôi thối khiến người dân xung quanh "
        "bức xúc.",
        "c|Được đầu tư hơn {ty} tỷ đồng, chợ trung tâm mới của {thanhpho} đến nay vẫn vắng tiểu thương, nhiều ki-ốt "
        "đóng cửa.",
        "d|Sau nhiều năm dùng nước giếng khoan nhiễm phèn, hơn {nghin} hộ dân ven {thanhpho} đã có nước sạch.",
    ),
    paragraphs=(
        "a|Dự án có tổng chiều dài {km} km, dự kiến hoàn thành trước Tết Nguyên đán. Đơn vị thi công cam kết làm cuốn "
        "chiếu, không để vật liệu chiếm dụng lòng đường.",
        "a|Tại Hà Nội, nhiều hồ nước được cải tạo, kè bờ, lắp đèn và ghế đá. Cuối tuần, các tuyến phố quanh hồ trở thành "
        "không gian đi bộ, thu hút đông người dân và du khách.",
        "a|Kiến trúc sư {p3} cho rằng đô thị cần thêm không gian công cộng, hạn chế bê tông hóa và giữ lại những hàng "
        "cây cổ thụ.",
        "b|Theo người dân, mùi hôi từ bãi rác lan xa hàng cây số, nhất là vào những ngày nắng nóng. Nước rỉ rác chảy ra "
        "ruộng, ao cá của các hộ xung quanh.",
        "b|UBND thành phố cho biết đã đầu tư lò đốt rác công suất {tan} tấn/ngày, dự kiến đưa vào vận hành trong quý {quy}.",
        "c|{P2_anh} {p2_ten}, tiểu thương bán hàng khô, cho biết chợ mới nằm xa khu dân cư, khách ít nên nhiều người "
        "quay lại buôn bán ở chợ tạm ven đường.",
        "c|Ban quản lý chợ đã giảm một nửa phí thuê ki-ốt trong năm đầu và tổ chức phiên chợ cuối tuần để kéo khách, "
        "nhưng hiệu quả chưa rõ rệt.",
        "d|Công ty cấp nước cho biết đã lắp đặt hơn {km} km đường ống mới, nâng công suất nhà máy nước lên gấp rưỡi.",
        "d|Các hộ dân ở xã {xa2} cho biết đã chờ nước sạch nhiều năm; trước đây mỗi nhà phải mua bể lọc, tốn kém mà "
        "nước vẫn có mùi.",
    ),
    quotes=(
        "abc|“Chúng tôi lắng nghe ý kiến người dân và sẽ điều chỉnh ở những điểm chưa hợp lý”, {p1_ong} {p1_ten}, "
        "{role1}, nói.",
        "d|“Có nước sạch rồi, cả xóm mừng như Tết”, {p2_ong} {p2_ten} phấn khởi.",
    ),
    roles=("Chủ tịch UBND thành phố", "Giám đốc Sở Xây dựng", "Giám đốc Sở Tài nguyên và Môi trường"),
)

TECH = Topic(
    key="cong-nghe",
    months=(),
    titles=(
        "a|{tinh} đưa {app} đến từng thôn bản",
        "a|Nộp hồ sơ trực tuyến: người dân {tinh} không còn phải xếp hàng",
        "b|Thanh toán không dùng tiền mặt lan về chợ quê",
        "c|Phủ sóng 4G cho các thôn vùng lõm sóng ở {tinh}",
    ),
    leads=(
        "a|Sau {so_nho} năm triển khai, tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến ở {tinh} đã đạt {pct3}%, cao hơn "
        "nhiều so với mục tiêu đề ra.",
        "b|Ở chợ phiên xã {xa}, nhiều tiểu thương đã dán mã QR tại quầy hàng, người mua chỉ cần quét điện thoại để "
        "thanh toán.",
        "c|Các nhà mạng vừa hoàn thành lắp đặt {so} trạm phát sóng mới, đưa 4G đến các thôn vùng lõm sóng của {tinh_full}.",
    ),
    paragraphs=(
        "a|Tổ công nghệ số cộng đồng ở các thôn gồm cán bộ thôn, đoàn viên thanh niên và giáo viên, hướng dẫn người dân "
        "cài đặt {app}, tạo tài khoản và nộp hồ sơ.",
        "b|{P2_anh} {p2_ten}, tiểu thương bán rau ở chợ trung tâm, cho biết từ khi có mã QR, không còn lo tiền lẻ, "
        "cuối ngày kiểm tra sổ sách cũng nhanh hơn.",
        "a|Tỉnh đã số hóa hơn {nghin} nghìn hồ sơ hộ tịch, đất đai, giúp việc tra cứu và giải quyết thủ tục rút ngắn từ "
        "vài ngày xuống vài giờ.",
        "ac|Tuy nhiên, ở nhiều thôn vùng cao, sóng điện thoại còn chập chờn; nhiều người cao tuổi chưa quen dùng điện "
        "thoại thông minh nên vẫn cần cán bộ hỗ trợ trực tiếp.",
        "bc|{company} hỗ trợ đào tạo kỹ năng bán hàng trực tuyến cho {so_nguoi} hộ sản xuất, đưa nông sản địa phương lên "
        "các sàn thương mại điện tử.",
        "Theo {p3}, chuyên gia công nghệ thông tin, chuyển đổi số không chỉ là mua máy móc mà là thay đổi cách làm việc, "
        "lấy người dân làm trung tâm.",
        "ac|Năm {nam}, tỉnh dành {ty} tỷ đồng cho hạ tầng số: trung tâm dữ liệu, phần mềm dùng chung và bảo đảm an toàn "
        "thông tin.",
        "c|Trước đây, học sinh ở các thôn này phải leo lên đồi mới bắt được sóng để học và nộp bài. Nay cả thôn đã "
        "dùng được internet ổn định.",
    ),
    quotes=(
        "ac|“Mục tiêu là người dân ngồi ở nhà cũng làm được thủ tục, không phải đi lại nhiều lần”, {p1_ong} {p1_ten}, "
        "{role1}, cho biết.",
        "b|“Lúc đầu tôi sợ bấm nhầm, giờ thì tự chuyển tiền cho con được rồi”, {p2_ong} {p2_ten}, năm nay gần bảy "
        "mươi tuổi, cười nói.",
    ),
    roles=("Giám đốc Sở Thông tin và Truyền thông", "Chủ tịch UBND xã {xa}", "Giám đốc Trung tâm Phục vụ hành chính công tỉnh"),
)

TOPICS = {t.key: t for t in (ECONOMY, FARMING, BORDER_TRADE, TRAFFIC, FLOODS, COLD, CULTURE, TOURISM, SPORT, EDUCATION,
                             HEALTH, URBAN, TECH)}

"""Invented Vietnamese news for the fixture sites. Every name, place detail and figure is made up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

ICT = timezone(timedelta(hours=7))


@dataclass(frozen=True)
class Story:
    id: int
    slug: str
    section: str          # section slug
    section_name: str
    title: str
    sapo: str             # the lead paragraph
    paragraphs: tuple[str, ...]
    author: str
    published: datetime


SONGCAU = (
    Story(1001, "cau-moi-noi-hai-bo-song-hong", "thoi-su", "Thời sự",
          "Cầu mới nối hai bờ sông Hồng thông xe sau ba năm thi công",
          "Sáng nay, cây cầu dây văng dài 1,2 km nối hai huyện ven sông chính thức thông xe, rút ngắn quãng "
          "đường đi lại của hàng chục nghìn người dân.",
          ("Theo Ban quản lý dự án giao thông tỉnh, công trình có tổng vốn đầu tư gần 2.100 tỷ đồng, gồm phần "
           "cầu chính và hai nút giao ở hai đầu cầu. Trước đây, người dân phải đi phà hoặc vòng qua cầu cũ cách "
           "đó hơn 20 km.",
           "Ông Nguyễn Văn Khải, Phó Chủ tịch UBND tỉnh, cho biết cây cầu sẽ giúp hàng hóa nông sản từ bờ bắc "
           "sang khu công nghiệp bờ nam nhanh hơn, giảm chi phí vận chuyển cho doanh nghiệp.",
           "Bà Lê Thị Hoa, một tiểu thương ở chợ đầu cầu, nói rằng trước đây mỗi sáng bà phải dậy từ 3 giờ để "
           "kịp chuyến phà đầu tiên. Giờ đây bà chỉ mất mười lăm phút để chở rau sang chợ bên kia sông."),
          "Trần Minh Đức", datetime(2021, 3, 5, 8, 15, tzinfo=ICT)),
    Story(1002, "gia-lua-tang-nong-dan-phan-khoi", "kinh-te", "Kinh tế",
          "Giá lúa tăng, nông dân vùng bãi bồi phấn khởi vào vụ mới",
          "Giá lúa tươi tại ruộng tăng thêm 600 đồng mỗi kg so với vụ trước, nhiều hộ nông dân lãi hơn 15 triệu "
          "đồng mỗi héc ta.",
          ("Tại các xã vùng bãi bồi, thương lái đến tận ruộng thu mua lúa ngay khi máy gặt vừa xong. Nhiều hộ cho "
           "biết đã ký hợp đồng bao tiêu cho cả vụ hè thu sắp tới.",
           "Phòng Nông nghiệp huyện khuyến cáo bà con không nên ồ ạt mở rộng diện tích mà cần giữ cơ cấu giống "
           "hợp lý, chú ý phòng trừ sâu bệnh khi thời tiết chuyển mùa.",
           "Theo hợp tác xã dịch vụ nông nghiệp, năm nay có thêm ba kho sấy mới nên lúa thu hoạch không còn phải "
           "phơi trên đường như những năm trước."),
          "Phạm Thu Hà", datetime(2021, 6, 12, 16, 40, tzinfo=ICT)),
    Story(1003, "le-hoi-hoa-ban-thu-hut-du-khach", "van-hoa", "Văn hóa",
          "Lễ hội hoa ban thu hút hàng nghìn du khách về bản",
          "Lễ hội năm nay kéo dài ba ngày với các hoạt động thi dệt thổ cẩm, ném còn và trình diễn ẩm thực "
          "của đồng bào vùng cao.",
          ("Ngay từ sáng sớm, những con đường dẫn vào bản đã chật kín người. Du khách thích thú thưởng thức xôi "
           "ngũ sắc, thịt trâu gác bếp và rượu men lá do chính người dân địa phương làm.",
           "Ông Lò Văn Thắng, trưởng bản, cho biết cả bản có hơn 40 hộ làm homestay. Dịp lễ hội, phòng nghỉ "
           "được đặt kín từ nhiều tuần trước.",
           "Ban tổ chức cho biết sẽ dành một phần kinh phí thu được để tu sửa nhà văn hóa và mở lớp dạy dệt "
           "thổ cẩm miễn phí cho các em nhỏ trong bản."),
          "Hoàng Thị Mai", datetime(2022, 3, 20, 9, 0, tzinfo=ICT)),
    Story(1004, "doi-bong-tre-gianh-ve-chung-ket", "the-thao", "Thể thao",
          "Đội bóng trẻ của tỉnh giành vé vào chung kết giải U17 toàn quốc",
          "Với bàn thắng duy nhất ở phút bù giờ, đội U17 của tỉnh lần đầu tiên lọt vào trận chung kết sau "
          "mười năm chờ đợi.",
          ("Trận bán kết diễn ra dưới trời mưa nặng hạt khiến mặt sân trơn trượt. Hai đội chơi thận trọng trong "
           "hiệp một và không tạo ra nhiều cơ hội nguy hiểm.",
           "Sang hiệp hai, huấn luyện viên Đỗ Quang Vinh tung vào sân hai cầu thủ trẻ nhất đội. Chính tình huống "
           "phối hợp của hai cầu thủ này đã mang về bàn thắng quyết định.",
           "Trận chung kết sẽ diễn ra vào chiều chủ nhật tới. Hội cổ động viên của tỉnh dự kiến tổ chức ba "
           "chuyến xe để đưa người hâm mộ đi cổ vũ đội nhà."),
          "Vũ Thành Nam", datetime(2022, 8, 27, 21, 5, tzinfo=ICT)),
    Story(1005, "truong-hoc-vung-lu-don-hoc-sinh", "thoi-su", "Thời sự",
          "Trường học vùng lũ dọn dẹp kịp đón học sinh trở lại",
          "Hàng trăm giáo viên, phụ huynh và bộ đội đã làm việc suốt hai ngày cuối tuần để dọn bùn đất, "
          "phơi sách vở cho các trường bị ngập.",
          ("Nước lũ rút để lại lớp bùn dày gần nửa mét trong các phòng học ở tầng một. Nhiều bộ bàn ghế, máy "
           "tính và tủ sách bị hư hỏng nặng.",
           "Hiệu trưởng Trường Tiểu học Bãi Sậy cho biết nhà trường đã lập danh sách các em bị mất sách vở để "
           "vận động quyên góp, bảo đảm không em nào phải nghỉ học.",
           "Sở Giáo dục và Đào tạo đề nghị các trường kiểm tra an toàn điện, khử khuẩn nguồn nước trước khi đón "
           "học sinh trở lại lớp vào sáng thứ hai."),
          "Trần Minh Đức", datetime(2023, 9, 18, 7, 30, tzinfo=ICT)),
    Story(1006, "hop-tac-xa-che-xuat-khau-lo-dau", "kinh-te", "Kinh tế",
          "Hợp tác xã chè xuất khẩu lô hàng đầu tiên sang châu Âu",
          "Sau hai năm chuyển đổi sang canh tác hữu cơ, hợp tác xã chè ở xã vùng cao đã xuất khẩu thành công "
          "lô chè xanh đầu tiên.",
          ("Lô hàng gồm năm tấn chè xanh đã qua kiểm định dư lượng thuốc bảo vệ thực vật theo tiêu chuẩn của "
           "thị trường nhập khẩu. Giá bán cao gấp ba lần so với bán cho thương lái trong nước.",
           "Giám đốc hợp tác xã, bà Đinh Thị Lan, cho biết các thành viên đã phải thay đổi thói quen canh tác, "
           "ghi chép nhật ký đồng ruộng hằng ngày.",
           "Năm tới, hợp tác xã dự kiến mở rộng diện tích chè hữu cơ thêm 30 héc ta và xây dựng xưởng chế biến "
           "đạt chuẩn."),
          "Phạm Thu Hà", datetime(2024, 1, 9, 14, 20, tzinfo=ICT)),
    Story(1007, "thu-vien-so-cho-nguoi-cao-tuoi", "van-hoa", "Văn hóa",
          "Thư viện số mở lớp dạy dùng điện thoại cho người cao tuổi",
          "Mỗi tối thứ ba và thứ năm, phòng đọc của thư viện tỉnh lại rộn ràng tiếng cười của những học viên "
          "đã ngoài bảy mươi tuổi.",
          ("Các cụ được hướng dẫn cách gọi video cho con cháu ở xa, đọc báo điện tử và cảnh giác với những tin "
           "nhắn lừa đảo.",
           "Cụ Nguyễn Thị Tâm, 76 tuổi, khoe rằng sau một tháng theo học, cụ đã tự đọc được tin tức quê nhà và "
           "nhắn tin cho cháu đang học đại học ở Hà Nội.",
           "Thư viện cho biết lớp học hoàn toàn miễn phí và sẽ mở thêm tại các nhà văn hóa thôn trong năm nay."),
          "Hoàng Thị Mai", datetime(2024, 5, 2, 10, 45, tzinfo=ICT)),
    Story(1008, "giai-chay-bo-ven-de", "the-thao", "Thể thao",
          "Hơn hai nghìn người tham gia giải chạy bộ ven đê",
          "Giải chạy năm nay có ba cự ly 5 km, 10 km và 21 km, đường chạy men theo triền đê giữa những cánh "
          "đồng ngô đang trổ cờ.",
          ("Vận động viên nhỏ tuổi nhất mới tám tuổi, chạy cùng bố mẹ ở cự ly 5 km. Người lớn tuổi nhất là một "
           "cựu chiến binh 71 tuổi hoàn thành cự ly 10 km.",
           "Ban tổ chức bố trí sáu trạm tiếp nước và đội y tế lưu động dọc đường chạy. Không có sự cố nào đáng "
           "tiếc xảy ra.",
           "Toàn bộ tiền đăng ký sau khi trừ chi phí được dùng để xây một cây cầu bê tông cho học sinh xã bên "
           "kia kênh đi học."),
          "Vũ Thành Nam", datetime(2025, 11, 16, 6, 0, tzinfo=ICT)),
)

# Served in NFD (decomposed) UTF-8: the crawler must store it as NFC.
SONGCAU_NFD = Story(
    1009, "mua-ve-som-nguoi-dan-chuan-bi", "thoi-su", "Thời sự",
    "Mùa về sớm, người dân ven sông chuẩn bị chống rét cho gia súc",
    "Không khí lạnh tràn về sớm hơn mọi năm, nhiệt độ vùng ven sông có nơi xuống dưới 10 độ C, người dân "
    "khẩn trương che chắn chuồng trại.",
    ("Nhiều hộ chăn nuôi đã dự trữ rơm khô, cỏ ủ chua và mua thêm bạt để quây kín chuồng trâu bò.",
     "Trạm thú y huyện khuyến cáo không thả gia súc ra đồng khi nhiệt độ dưới 12 độ C và cần bổ sung muối, "
     "thức ăn tinh cho trâu bò già yếu.",
     "Ông Bùi Đức Lộc ở thôn Đồng Bằng cho biết gia đình đã đốt than sưởi và cho đàn bò uống nước ấm pha muối."),
    "Trần Minh Đức", datetime(2025, 12, 1, 17, 10, tzinfo=ICT))

# Changes between two crawls: the first version, then the corrected one.
SONGCAU_CHANGING = (
    Story(1010, "ket-qua-thi-tuyen-lop-10", "thoi-su", "Thời sự",
          "Công bố điểm chuẩn vào lớp 10 các trường công lập",
          "Sở Giáo dục và Đào tạo vừa công bố điểm chuẩn vào lớp 10 của 32 trường trung học phổ thông công lập "
          "trên địa bàn tỉnh.",
          ("Trường có điểm chuẩn cao nhất là Trường THPT chuyên của tỉnh với 42,5 điểm. Một số trường ở vùng "
           "sâu có điểm chuẩn dưới 15 điểm.",
           "Thí sinh trúng tuyển làm thủ tục nhập học từ ngày 20 đến 25 tháng 7."),
          "Phạm Thu Hà", datetime(2025, 7, 15, 11, 0, tzinfo=ICT)),
    Story(1010, "ket-qua-thi-tuyen-lop-10", "thoi-su", "Thời sự",
          "Công bố điểm chuẩn vào lớp 10 các trường công lập (cập nhật)",
          "Sở Giáo dục và Đào tạo vừa công bố điểm chuẩn vào lớp 10 của 32 trường trung học phổ thông công lập "
          "trên địa bàn tỉnh.",
          ("Trường có điểm chuẩn cao nhất là Trường THPT chuyên của tỉnh với 43 điểm, cao hơn nửa điểm so với "
           "thông báo ban đầu do sai sót khi tổng hợp.",
           "Thí sinh trúng tuyển làm thủ tục nhập học từ ngày 20 đến 25 tháng 7."),
          "Phạm Thu Hà", datetime(2025, 7, 15, 11, 0, tzinfo=ICT)),
)

# Linked from a listing but disallowed by robots.txt: must never be requested.
SONGCAU_PRIVATE = Story(
    1099, "ke-hoach-noi-bo", "thoi-su", "Thời sự", "Tài liệu nội bộ", "Không dành cho máy thu thập.",
    ("Trang này bị robots.txt chặn.",), "Ban biên tập", datetime(2025, 1, 1, 8, 0, tzinfo=ICT))


DOICHE = (
    Story(201, "nong-dan-trong-che-shan-tuyet", "tin-tuc", "Tin tức",
          "Nông dân vùng cao phục tráng những gốc chè Shan tuyết cổ thụ",
          "Nhiều gia đình ở xã Tả Phìn đã cùng nhau chăm sóc lại hơn 300 gốc chè cổ thụ bị bỏ hoang từ lâu.",
          ("Những gốc chè có tuổi đời hàng trăm năm được phát quang, bón phân chuồng hoai mục và tỉa bớt cành "
           "già. Người dân tin rằng chỉ hai năm nữa, cây sẽ cho lứa búp đầu tiên.",
           "Anh Sùng A Páo cho biết chè Shan tuyết cổ thụ được thương lái thu mua với giá gấp năm lần chè "
           "thường, nên bà con rất phấn khởi.",
           "Xã đang lập hồ sơ đề nghị công nhận cây di sản cho khu chè cổ để thu hút khách du lịch trải nghiệm."),
          "Giàng Thị Dua", datetime(2019, 2, 8, 17, 8, tzinfo=ICT)),
    Story(202, "duong-lien-xa-hoan-thanh", "tin-tuc", "Tin tức",
          "Hoàn thành con đường liên xã đầu tiên được bê tông hóa",
          "Con đường dài 14 km nối ba xã vùng cao đã được bê tông hóa toàn bộ, xe máy không còn phải cài xích "
          "vào mùa mưa.",
          ("Trước đây, mỗi mùa mưa, con đường đất trở nên lầy lội, nhiều đoạn sạt lở khiến việc đi lại gần "
           "như tê liệt.",
           "Người dân đã tự nguyện hiến hơn 5.000 mét vuông đất và góp hàng nghìn ngày công để mở rộng nền "
           "đường.",
           "Chủ tịch UBND xã cho biết con đường giúp nông sản của bà con đến chợ huyện nhanh hơn gần hai giờ."),
          "Lý Văn Sơn", datetime(2019, 10, 3, 8, 30, tzinfo=ICT)),
    Story(203, "phien-cho-vung-cao-ngay-tet", "van-hoa", "Văn hóa",
          "Phiên chợ vùng cao rực rỡ sắc màu ngày giáp Tết",
          "Phiên chợ cuối cùng của năm âm lịch đông vui hơn mọi phiên, người dân các bản đổ về mua sắm từ "
          "tờ mờ sáng.",
          ("Những gian hàng vải thổ cẩm, giày thêu và khăn piêu được bày bán khắp các lối đi. Tiếng khèn vang "
           "lên ở góc chợ, thu hút đông đảo các đôi trai gái.",
           "Bà Vàng Thị Chứ mang theo hai con gà và một gùi rau cải để bán, lấy tiền mua quần áo mới cho các "
           "cháu đón Tết.",
           "Ban quản lý chợ đã bố trí thêm bãi giữ xe và lực lượng bảo vệ để phiên chợ diễn ra an toàn."),
          "Giàng Thị Dua", datetime(2020, 1, 20, 6, 45, tzinfo=ICT)),
    Story(204, "mo-hinh-nuoi-ca-hoi", "kinh-te", "Kinh tế",
          "Mô hình nuôi cá hồi nước lạnh mang lại thu nhập ổn định",
          "Tận dụng nguồn nước suối lạnh quanh năm, một hộ gia đình ở xã Sín Chải đã nuôi thành công cá hồi "
          "vân, mỗi năm xuất bán gần mười tấn.",
          ("Anh Thào Seo Lử cho biết ban đầu gia đình gặp nhiều khó khăn vì cá chết do nước đục vào mùa lũ. Sau "
           "khi làm thêm bể lắng, tỉ lệ cá sống đã đạt trên 90%.",
           "Cá hồi thương phẩm được các nhà hàng ở thị trấn đặt mua trước, giá bán ổn định từ 250.000 đồng mỗi "
           "kg.",
           "Huyện đang xem xét nhân rộng mô hình cho các hộ có điều kiện nguồn nước tương tự."),
          "Lý Văn Sơn", datetime(2020, 12, 29, 8, 15, tzinfo=ICT)),
    Story(205, "tre-em-ban-xa-duoc-tang-ao-am", "xa-hoi", "Xã hội",
          "Học sinh bản xa được tặng áo ấm trước đợt rét đậm",
          "Đoàn thiện nguyện của một nhóm giáo viên đã trao 450 chiếc áo ấm và 200 đôi ủng cho học sinh điểm "
          "trường Lùng Phìn.",
          ("Điểm trường cách trung tâm xã 12 km đường núi, mùa đông nhiệt độ có lúc xuống dưới 0 độ C. Nhiều "
           "em trước đây chỉ có một chiếc áo mỏng.",
           "Cô giáo Hầu Thị Mỷ xúc động cho biết đây là lần đầu tiên tất cả học sinh của điểm trường đều có áo "
           "ấm và ủng đi mưa.",
           "Nhóm thiện nguyện cũng tặng thêm chăn, gạo và sách vở cho bếp ăn bán trú của nhà trường."),
          "Giàng Thị Dua", datetime(2021, 12, 24, 15, 0, tzinfo=ICT)),
    Story(206, "le-cung-rung-cua-nguoi-ha-nhi", "van-hoa", "Văn hóa",
          "Lễ cúng rừng của người Hà Nhì được công nhận di sản",
          "Lễ cúng rừng, nghi lễ quan trọng nhất trong năm của người Hà Nhì, vừa được đưa vào danh mục di sản "
          "văn hóa phi vật thể cấp quốc gia.",
          ("Nghi lễ được tổ chức vào tháng hai âm lịch tại khu rừng thiêng của bản, với ước mong mưa thuận "
           "gió hòa, mùa màng bội thu.",
           "Theo các già làng, lễ cúng rừng còn là dịp nhắc nhở con cháu giữ gìn rừng đầu nguồn, không chặt "
           "phá cây cối.",
           "Ngành văn hóa sẽ hỗ trợ kinh phí để bản tổ chức lễ hội định kỳ và truyền dạy các bài cúng cho "
           "thế hệ trẻ."),
          "Lý Văn Sơn", datetime(2022, 2, 14, 9, 30, tzinfo=ICT)),
)


def by_id(stories) -> dict[int, Story]:
    return {s.id: s for s in stories}

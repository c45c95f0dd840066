"""Word lists for the sample archive: invented people, real place names, things news talks about.

Everything here was written for khobao. Place names are real (a news archive without them would
not exercise the search); people, clubs, companies and events are invented.
"""

from __future__ import annotations

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
            "Lý", "Đinh", "Triệu", "Lương", "Nông", "Hà", "Lục", "Mai", "Tạ", "Vi")
MIDDLE_MALE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Công", "Thanh", "Ngọc", "Trọng", "Mạnh")
MIDDLE_FEMALE = ("Thị", "Thu", "Ngọc", "Thanh", "Minh", "Kim", "Hồng", "Phương", "Thùy", "Diệu")
GIVEN_MALE = ("Hùng", "Dũng", "Tuấn", "Nam", "Bình", "Cường", "Hải", "Long", "Sơn", "Thắng", "Hòa", "Khánh",
              "Phúc", "Toàn", "Vinh", "Quân", "Thành", "Đạt", "Hiếu", "Trung", "Kiên", "Lâm")
GIVEN_FEMALE = ("Lan", "Hương", "Mai", "Thủy", "Hà", "Linh", "Trang", "Ngân", "Yến", "Hạnh", "Nga", "Thảo",
                "Vân", "Hoa", "Nhung", "Oanh", "Quyên", "Tâm", "Loan", "Huyền", "Thúy", "Xuân")

# Provinces and cities a national paper writes about; the Red River paper leans north.
PROVINCES_NATIONAL = ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Thừa Thiên Huế", "Cần Thơ", "TP Hồ Chí Minh",
                      "Lạng Sơn", "Cao Bằng", "Hà Giang", "Lào Cai", "Quảng Ninh", "Nghệ An", "Hà Tĩnh",
                      "Quảng Bình", "Quảng Trị", "Quảng Nam", "Bình Định", "Khánh Hòa", "Đắk Lắk", "Lâm Đồng",
                      "An Giang", "Đồng Tháp", "Thanh Hóa", "Hòa Bình", "Điện Biên", "Sơn La", "Bắc Giang")
PROVINCES_NORTH = ("Hà Nội", "Hà Nội", "Hà Nội", "Hải Phòng", "Nam Định", "Thái Bình", "Hưng Yên", "Hải Dương",
                   "Bắc Ninh", "Vĩnh Phúc", "Phú Thọ", "Hòa Bình", "Hà Nam", "Ninh Bình", "Thanh Hóa",
                   "Lạng Sơn", "Hà Giang", "Lào Cai", "Yên Bái", "Tuyên Quang", "Điện Biên", "Quảng Ninh")
CENTRAL_CITIES = ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "TP Hồ Chí Minh")
CITY_OF = {"Thừa Thiên Huế": "Huế", "Khánh Hòa": "Nha Trang", "Đắk Lắk": "Buôn Ma Thuột", "Lâm Đồng": "Đà Lạt",
           "An Giang": "Long Xuyên", "Đồng Tháp": "Cao Lãnh", "Quảng Nam": "Hội An", "Bình Định": "Quy Nhơn",
           "Nghệ An": "Vinh", "Quảng Bình": "Đồng Hới", "Quảng Trị": "Đông Hà", "Thanh Hóa": "Thanh Hóa",
           "Lào Cai": "Lào Cai", "Hà Giang": "Hà Giang", "Cao Bằng": "Cao Bằng", "Lạng Sơn": "Lạng Sơn",
           "Quảng Ninh": "Hạ Long", "Điện Biên": "Điện Biên Phủ", "Sơn La": "Sơn La", "Hòa Bình": "Hòa Bình",
           "Nam Định": "Nam Định", "Thái Bình": "Thái Bình", "Hưng Yên": "Hưng Yên", "Hải Dương": "Hải Dương",
           "Bắc Ninh": "Bắc Ninh", "Vĩnh Phúc": "Vĩnh Yên", "Phú Thọ": "Việt Trì", "Hà Nam": "Phủ Lý",
           "Ninh Bình": "Ninh Bình", "Yên Bái": "Yên Bái", "Tuyên Quang": "Tuyên Quang", "Bắc Giang": "Bắc Giang",
           "Hà Tĩnh": "Hà Tĩnh"}
RIVER_OF = {"Hà Nội": "sông Hồng", "Thừa Thiên Huế": "sông Hương", "Cần Thơ": "sông Hậu", "An Giang": "sông Hậu",
            "Đồng Tháp": "sông Tiền", "Quảng Nam": "sông Thu Bồn", "Đà Nẵng": "sông Hàn", "Nghệ An": "sông Lam",
            "Hà Tĩnh": "sông La", "Quảng Bình": "sông Gianh", "Quảng Trị": "sông Thạch Hãn", "Lạng Sơn": "sông Kỳ Cùng",
            "Cao Bằng": "sông Bằng", "Lào Cai": "sông Hồng", "Yên Bái": "sông Chảy", "Hòa Bình": "sông Đà",
            "Sơn La": "sông Đà", "Điện Biên": "sông Nậm Rốm", "Thanh Hóa": "sông Mã", "Bình Định": "sông Côn",
            "Hà Giang": "sông Lô", "Tuyên Quang": "sông Lô", "Phú Thọ": "sông Thao", "Nam Định": "sông Đào",
            "Thái Bình": "sông Trà Lý", "Ninh Bình": "sông Hoàng Long", "Bắc Giang": "sông Thương"}
DEFAULT_RIVER = "sông Hồng"

# The provincial paper's own ground: the city and the districts of Lạng Sơn.
LANG_SON_DISTRICTS = ("huyện Cao Lộc", "huyện Văn Lãng", "huyện Tràng Định", "huyện Lộc Bình", "huyện Bắc Sơn",
                      "huyện Chi Lăng", "huyện Hữu Lũng", "huyện Đình Lập", "huyện Bình Gia", "huyện Văn Quan",
                      "thành phố Lạng Sơn")
BORDER_GATES = ("cửa khẩu quốc tế Hữu Nghị", "cửa khẩu Tân Thanh", "cửa khẩu Chi Ma", "ga đường sắt Đồng Đăng",
                "cửa khẩu Cốc Nam")

COMMUNES = ("Tân Tiến", "Đồng Tâm", "Quyết Thắng", "Hồng Phong", "Minh Khai", "Tân Lập", "Hòa Bình", "Yên Lạc",
            "Thanh Sơn", "Bình Minh", "Phú Xuân", "Kim Đồng", "Hợp Thành", "Xuân Lộc", "Đại Đồng", "Thụy Hùng",
            "Tân Hòa", "Mai Pha", "Hoàng Đồng", "Quảng Lạc")

ROADS = ("quốc lộ 1A", "quốc lộ 2", "quốc lộ 3", "quốc lộ 6", "quốc lộ 10", "quốc lộ 14", "quốc lộ 21", "quốc lộ 32",
         "đường Hồ Chí Minh", "tỉnh lộ 295", "tỉnh lộ 420")  # roads that run through many provinces
LANG_SON_ROADS = ("quốc lộ 1A", "quốc lộ 4B", "quốc lộ 279", "quốc lộ 31", "tỉnh lộ 226", "cao tốc Bắc Giang - Lạng Sơn",
                  "quốc lộ 4A", "quốc lộ 1B")
CITY_STREETS = ("đường Điện Biên Phủ", "đường Trần Hưng Đạo", "đường Lê Lợi", "đường Nguyễn Trãi", "đường vành đai 3",
                "đường Giải Phóng", "đường Hùng Vương", "đường Láng", "phố Tràng Thi", "đường Phạm Văn Đồng")
VEHICLES = ("xe khách 29 chỗ", "xe tải chở đá", "xe container", "xe máy", "xe đầu kéo", "xe buýt", "ô tô con")

CROPS = ("vải thiều", "na", "hoa hồi", "thạch đen", "lúa", "cà phê", "thanh long", "xoài", "bưởi", "chè",
         "quýt", "hồng không hạt", "cam", "sắn", "dưa hấu")
GOODS = ("hoa quả tươi", "linh kiện điện tử", "máy móc nông nghiệp", "hàng dệt may", "thủy sản đông lạnh",
         "hạt điều", "gạo", "đồ gỗ nội thất", "rau củ", "phân bón")

SCHOOLS = ("Trường THPT Chu Văn An", "Trường THCS Hoàng Văn Thụ", "Trường Tiểu học Kim Đồng",
           "Trường THPT Lương Văn Tri", "Trường THCS Nguyễn Du", "Trường THPT Việt Bắc",
           "Trường Phổ thông dân tộc nội trú tỉnh", "Trường Tiểu học Võ Thị Sáu")
HIGH_SCHOOLS = ("Trường THPT Chu Văn An", "Trường THPT Lương Văn Tri", "Trường THPT Việt Bắc",
                "Trường THPT chuyên Lê Quý Đôn", "Trường THPT Hoàng Văn Thụ")
SUBJECTS = ("Toán", "Ngữ văn", "Tiếng Anh", "Vật lý", "Hóa học", "Lịch sử", "Địa lý", "Sinh học", "Tin học")

HOSPITALS = ("Bệnh viện Đa khoa tỉnh", "Bệnh viện Sản Nhi tỉnh", "Bệnh viện Y học cổ truyền tỉnh")
DISEASES = ("sốt xuất huyết", "tay chân miệng", "cúm mùa", "sởi", "bệnh đau mắt đỏ", "thủy đậu")

SPORTS = ("bóng đá", "bóng chuyền", "điền kinh", "cầu lông", "vật dân tộc", "đua thuyền", "bóng bàn", "cờ tướng",
          "bơi lội", "karate")
TEAMS = ("Sao Biển Đà Nẵng", "Phù Sa Cần Thơ", "Kinh Bắc Xanh", "Núi Đá Lạng Sơn", "Cố Đô Huế", "Thăng Long Trẻ",
         "Sông Lam Xứ Nghệ", "Hải Cảng Hải Phòng", "Đồng Bằng An Giang", "Cao Nguyên Đắk Lắk", "Biển Bắc Quảng Ninh",
         "Tây Bắc Sơn La")

FESTIVALS = ("lễ hội Lồng Tồng", "lễ hội đền Kỳ Cùng", "lễ hội chùa Tam Thanh", "lễ hội đình làng", "hội chợ xuân",
             "lễ hội đua thuyền truyền thống", "lễ hội Kỳ Yên", "lễ hội hoa ban", "Festival văn hóa dân gian",
             "lễ hội cầu mùa")
CRAFTS = ("hát then", "đàn tính", "múa sư tử", "dệt thổ cẩm", "làm giấy dó", "đan mây tre", "hát quan họ",
          "làm gốm", "ca trù", "hát ví giặm")
SIGHTS = ("động Tam Thanh", "núi Mẫu Sơn", "thác Bản Giốc", "phố cổ Hội An", "Đại Nội Huế", "chợ nổi Cái Răng",
          "vịnh Hạ Long", "di tích lịch sử Điện Biên Phủ", "đèo Mã Pí Lèng", "ruộng bậc thang Mù Cang Chải",
          "thành nhà Mạc", "hồ Ba Bể", "cố đô Hoa Lư")
DISHES = ("vịt quay", "phở chua", "khâu nhục", "bánh cuốn trứng", "bún bò", "bánh khảo", "lẩu cá", "cơm lam",
          "xôi ngũ sắc", "bánh chưng đen")

STORMS = ("Sao La", "Kim Ngân", "Hải Đăng", "Bạch Dương", "Phong Lan", "Ngọc Trai")  # invented storm names
APPS = ("ứng dụng Dịch vụ công", "cổng thanh toán điện tử", "ứng dụng đặt lịch khám", "hệ thống hóa đơn điện tử",
        "ví điện tử", "sàn thương mại điện tử nông sản")
COMPANIES = ("Công ty CP Nông sản Đồng Xanh", "Công ty TNHH May mặc Phú An", "Hợp tác xã Thành Công",
             "Công ty CP Logistics Biên Giới", "Công ty TNHH Chế biến gỗ Phúc Lộc", "Hợp tác xã Nông nghiệp Tân Tiến",
             "Công ty CP Thực phẩm Sông Hồng", "Công ty TNHH Công nghệ Sao Mai")

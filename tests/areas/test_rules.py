"""Programme areas from the weighted keyword rules (models/area_keywords.tsv)."""
from __future__ import annotations

import pytest

from pipeline.areas.rules import area_ids, classify_area


@pytest.mark.parametrize("text,area", [
    ("Mở đợt cao điểm tấn công, trấn áp tội phạm mua bán người qua biên giới phía Bắc.", "dau_tranh"),
    ("Phát sóng phóng sự, tin bài cảnh báo thủ đoạn tuyển người đi làm việc lương cao.", "phong_ngua"),
    ("Bố trí nơi ở tạm thời, hỗ trợ tâm lý và học nghề để nạn nhân tái hòa nhập cộng đồng.", "ho_tro_nan_nhan"),
    ("Mở lớp tập huấn, bồi dưỡng kỹ năng cho cán bộ cấp xã.", "nang_cao_nang_luc"),
    ("Cập nhật biểu mẫu thống kê và cơ sở dữ liệu về nạn nhân.", "du_lieu_thong_ke"),
    ("Xử phạt vi phạm hành chính đối với cơ sở môi giới kết hôn trái phép.", "xu_ly_vi_pham"),
    ("Trao đổi thông tin, hợp tác quốc tế với lực lượng chức năng các nước láng giềng.", "hop_tac"),
    ("Tổ chức sơ kết 6 tháng, tổng kết năm và khen thưởng tập thể có thành tích.", "chi_dao"),
])
def test_the_item_words_decide_the_area(text, area):
    assert classify_area(text) == area


def test_ocr_text_without_diacritics_is_classified_alike():
    assert classify_area("Mo dot cao diem tan cong, tran ap toi pham mua ban nguoi.") == "dau_tranh"


def test_a_heading_decides_when_the_item_says_little():
    assert classify_area("Thực hiện tốt nhiệm vụ được giao.", ["Công tác giải cứu, tiếp nhận nạn nhân"]) == "tiep_nhan_bao_ve"


def test_empty_text_falls_back_to_steering_and_every_answer_is_a_known_area():
    assert classify_area("") == "chi_dao"
    assert classify_area("Điều tra, truy tố") in area_ids()

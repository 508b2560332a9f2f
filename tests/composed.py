"""Plans composed for the tests: other provinces, numbers and layouts than the sample plans."""
from __future__ import annotations


def composed_plan(province: str = "Lào Cai", number: int = 47, year: int = 2023, items: int = 3) -> str:
    """A short, well-formed provincial plan with a header, an outline and a signature."""
    body = "\n".join(
        f"({i}) Tổ chức tuyên truyền phòng, chống mua bán người đợt {i} tại các xã biên giới."
        for i in range(1, items + 1)
    )
    return f"""ỦY BAN NHÂN DÂN
TỈNH {province.upper()}
Số: {number}/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
{province}, ngày 12 tháng 2 năm {year}

KẾ HOẠCH
Phòng, chống mua bán người trên địa bàn tỉnh {province} năm {year}

Căn cứ Quyết định số 193/QĐ-TTg ngày 09/02/2021 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Bảo đảm 100% tin báo về tội phạm mua bán người được tiếp nhận, xử lý.

II. NHIỆM VỤ TRỌNG TÂM
1. Công tác truyền thông
{body}
(Công an tỉnh chủ trì, phối hợp với Sở Tư pháp thực hiện)

III. TỔ CHỨC THỰC HIỆN
Các sở, ban, ngành báo cáo kết quả về Công an tỉnh trước ngày 15/11/{year}.

Nơi nhận:
- Bộ Công an;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
"""

"""Tasks of a plan as a legal-database crawl keeps it: the page's breaks mid-sentence, the
headings and items inline. The plan is composed for these tests (another province, subject
and wording than the real ones)."""
from __future__ import annotations

import textwrap
from pathlib import Path

from pipeline.api import load
from pipeline.extract.tasks import extract_tasks

PLAN = (
    "ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
    "Hạnh phúc --------------- Số: 58/KH-UBND Điện Biên, ngày 12 tháng 5 năm 2026 KẾ HOẠCH BẢO "
    "ĐẢM AN TOÀN THỰC PHẨM NĂM 2026 Căn cứ Luật An toàn thực phẩm năm 2010; Ủy ban nhân dân tỉnh "
    "ban hành Kế hoạch với các nội dung sau: Phần I TÌNH HÌNH NĂM 2025 1. Trong năm 2025 toàn tỉnh "
    "xảy ra 03 vụ ngộ độc thực phẩm. 2. Công tác kiểm tra còn hạn chế. Phần II KẾ HOẠCH NĂM 2026 "
    "I. MỤC ĐÍCH, YÊU CẦU 1. Mục đích a) Nâng cao nhận thức của người sản xuất, kinh doanh thực "
    "phẩm. b) Giảm số vụ ngộ độc thực phẩm đông người. II. NHIỆM VỤ TRỌNG TÂM Để thực hiện mục "
    "tiêu trên, các sở, ban, ngành tỉnh cần thực hiện các nhiệm vụ sau: 1. Công tác chỉ đạo a) "
    "Ban hành văn bản chỉ đạo kiểm tra an toàn thực phẩm trong dịp lễ, tết. b) Kiện toàn Ban "
    "Chỉ đạo liên ngành về an toàn thực phẩm cấp huyện. 2. Công tác truyền thông - Tổ chức "
    "chiến dịch truyền thông tại các chợ đầu mối; - Phát hành tài liệu hướng dẫn cho bếp ăn "
    "tập thể. 3. Tăng cường thanh tra, kiểm tra đột xuất các cơ sở giết mổ gia súc, gia cầm trên "
    "địa bàn và xử lý nghiêm các vi phạm theo quy định của pháp luật hiện hành về thú y "
    "4. Củng cố mạng lưới kiểm nghiệm thực phẩm tuyến tỉnh."
)


def _tasks(tmp_path: Path) -> dict[tuple, dict]:
    p = tmp_path / "dienbien-2026-58-kh-ubnd.txt"
    p.write_text("\n".join(textwrap.wrap(PLAN, 87)), encoding="utf-8")
    return {tuple(t["path"]): t for t in extract_tasks(load(p))}


def test_items_of_a_run_on_plan_get_their_paths_under_the_part_they_stand_in(tmp_path):
    tasks = _tasks(tmp_path)
    assert tasks[("Phần II", "II", "1", "a")]["text"].startswith("Ban hành văn bản chỉ đạo")
    assert tasks[("Phần II", "II", "1", "b")]["text"].startswith("Kiện toàn Ban")
    assert tasks[("Phần II", "II", "2", "-1")]["text"].startswith("Tổ chức chiến dịch")
    assert tasks[("Phần II", "II", "2", "-2")]["text"].startswith("Phát hành tài liệu")
    assert tasks[("Phần II", "II", "4")]["text"].startswith("Củng cố mạng lưới")


def test_objectives_past_results_and_the_lead_in_are_no_tasks(tmp_path):
    paths = set(_tasks(tmp_path))
    assert not any(p[0] == "Phần I" or p[:2] == ("Phần II", "I") for p in paths)
    assert ("Phần II", "II") not in paths  # "Để thực hiện mục tiêu trên, ... các nhiệm vụ sau:"


def test_an_item_whose_full_stop_is_missing_is_still_an_item(tmp_path):
    tasks = _tasks(tmp_path)
    assert tasks[("Phần II", "II", "3")]["text"].startswith("Tăng cường thanh tra, kiểm tra đột xuất")

"""HTML reader: the document without the site's navigation, tables as pipe rows."""
from __future__ import annotations

from pipeline.read import read
from pipeline.read.html import _fallback_text
from lxml import html as lxml_html

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Cổng thông tin</title></head><body>
<header><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH NINH THUẬN</div></header>
<nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/tin-tuc">Tin tức sự kiện</a></li><li><a href="/lien-he">Liên hệ</a></li></ul></nav>
<main><article>
<h1>Kế hoạch phòng, chống mua bán người năm 2032</h1>
<p>Số: 77/KH-UBND</p>
<p>I. MỤC ĐÍCH, YÊU CẦU</p>
<p>1. Nâng cao nhận thức của người dân vùng ven biển về thủ đoạn lừa đảo lao động ra nước ngoài.</p>
<p>2. Phấn đấu 100% xã, phường tổ chức ít nhất một buổi truyền thông trực tiếp trong năm.</p>
<table><tr><td>TT</td><td>Nội dung</td><td>Chủ trì</td></tr>
<tr><td>1</td><td>Truyền thông cộng đồng</td><td>Sở Văn hóa, Thể thao và Du lịch</td></tr>
<tr><td>2</td><td>Rà soát doanh nghiệp</td><td>Sở Nội vụ</td></tr></table>
<p>II. TỔ CHỨC THỰC HIỆN</p>
<p>Các cơ quan, đơn vị báo cáo kết quả về Công an tỉnh trước ngày 05/12/2032.</p>
</article></main>
<aside class="related"><h3>Tin liên quan</h3><ul><li><a>Hội nghị giao ban quý III</a></li></ul></aside>
<footer class="site-footer">Bản quyền © Cổng thông tin điện tử tỉnh. Đường dây nóng: 0259 000 000.</footer>
</body></html>"""


def test_navigation_and_footer_are_dropped(tmp_path):
    p = tmp_path / "kh.html"
    p.write_text(PAGE, encoding="utf-8")
    text = read(p).pages[0].text
    assert "Trang chủ" not in text and "Liên hệ" not in text
    assert "Bản quyền" not in text and "Tin liên quan" not in text
    assert "2. Phấn đấu 100% xã, phường" in text
    assert text.splitlines()[-1].startswith("Các cơ quan, đơn vị báo cáo")


def test_table_rows_are_pipe_lines_in_place(tmp_path):
    p = tmp_path / "kh.html"
    p.write_text(PAGE, encoding="utf-8")
    lines = read(p).pages[0].text.splitlines()
    i = lines.index("| TT | Nội dung | Chủ trì |")
    assert lines[i + 1] == "| 1 | Truyền thông cộng đồng | Sở Văn hóa, Thể thao và Du lịch |"
    assert lines[i + 2] == "| 2 | Rà soát doanh nghiệp | Sở Nội vụ |"
    assert lines[i + 3] == "II. TỔ CHỨC THỰC HIỆN"
    assert not any(set(ln) <= set("|-: ") for ln in lines if ln)  # no markdown rule rows


def test_fallback_keeps_blocks_as_lines_without_menus():
    root = lxml_html.fromstring(PAGE)
    text = _fallback_text(root)
    assert "Trang chủ" not in text and "Bản quyền" not in text
    assert "Số: 77/KH-UBND" in text.splitlines()
    assert "| 2 | Rà soát doanh nghiệp | Sở Nội vụ |" in text.splitlines()



DEEP_PLAN = ("KẾ HOẠCH Phòng, chống mua bán người trên địa bàn tỉnh Hà Giang năm 2025. "
             "Ủy ban nhân dân tỉnh giao Công an tỉnh chủ trì.")


def _nested(depth: int) -> str:
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body>"
            "<nav><a href='/'>Trang chủ</a> | <a href='/tin'>Tin tức</a></nav>"
            + "<div>" * depth + f"<p>{DEEP_PLAN}</p>"
            + "<table><tr><td>1</td><td>Sở Y tế</td></tr><tr><td>2</td><td>Công an tỉnh</td></tr></table>"
            + "</div>" * depth + "<footer>Bản quyền cổng thông tin</footer></body></html>")


def test_a_page_nested_deeper_than_lxml_keeps_is_read_not_reported_empty(tmp_path):
    """Issue 12, row 9: 256 levels (and far more) of <div> around the plan: its text, table rows
    as pipe rows, without the menu and the footer."""
    for depth in (256, 300, 5000):
        f = tmp_path / f"deep{depth}.html"
        f.write_text(_nested(depth), encoding="utf-8")
        text = read(f).pages[0].text
        assert DEEP_PLAN in text, depth
        assert "| 2 | Công an tỉnh |" in text
        assert "Trang chủ" not in text and "Bản quyền" not in text


def test_a_shallow_page_with_many_unclosed_paragraphs_is_not_taken_as_deep():
    from pipeline.read.html import DEEP, _stream

    page = ("<html><body>" + "<p>Đoạn văn bản" * 600 + "<ul>" + "<li>mục" * 400 + "</ul></body></html>").encode()
    assert _stream(page).depth < DEEP

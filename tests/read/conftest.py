"""Fixtures for the reader tests: the corpus renderer, composed plan text, a CER measure.

The texts are composed for these tests (other provinces, other numbers); nothing is taken
from the seed plans.
"""
from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
import importlib

ROOT = Path(__file__).resolve().parents[2]

# A composed plan paragraph with every kind of Vietnamese letter (all tones on ă â ê ô ơ ư,
# đ, capitals with tones) — used for the encoding round-trips and the renderings.
PARAGRAPH = (
    "KẾ HOẠCH\n"
    "Phòng, chống lao động trẻ em trên địa bàn tỉnh Sóc Trăng năm 2027\n"
    "Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì, phối hợp với Công an tỉnh, Đoàn Thanh niên "
    "và các xã, phường rà soát 100% cơ sở sản xuất có nguy cơ sử dụng lao động trẻ em; "
    "hoàn thành trước ngày 15/9/2027. Những khuyến nghị được lồng ghép vào chương trình "
    "giáo dục, ưu tiên hỗ trợ trẻ em dân tộc thiểu số ở vùng sâu, vùng xa.\n"
    "Ưu tiên nguồn lực; ấn định tiến độ; ổn định đời sống; ứng phó kịp thời; ừ, ửng, ữ, ự; "
    "ằ ẳ ẵ ắ ặ; ầ ẩ ẫ ấ ậ; ề ể ễ ế ệ; ồ ổ ỗ ố ộ; ờ ở ỡ ớ ợ; ỳ ỷ ỹ ý ỵ; ì ỉ ĩ í ị; ù ủ ũ ú ụ.\n"
)

# A short plan page for OCR tests: few lines, so one Tesseract run takes about a second.
OCR_TEXT = (
    "KẾ HOẠCH\n"
    "Phòng, chống mại dâm trên địa bàn tỉnh Bình Phước năm 2028\n"
    "Sở Y tế chủ trì, phối hợp với Công an tỉnh tổ chức tuyên truyền tại các khu công nghiệp, "
    "bảo đảm 95% người lao động được tiếp cận thông tin về phòng ngừa tệ nạn xã hội.\n"
    "Ủy ban nhân dân các xã, phường báo cáo kết quả trước ngày 20 tháng 11 năm 2028.\n"
)


def _load_renderer() -> ModuleType:
    return importlib.import_module("scripts.render_corpus")

@pytest.fixture(scope="session")
def render() -> ModuleType:
    """scripts/render_corpus.py as a module (layout, PDF/PNG/TIFF/DOCX writers, degrade)."""
    return _load_renderer()


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate over whitespace-normalised text."""
    ref, hyp = " ".join(reference.split()), " ".join(hypothesis.split())
    return levenshtein(ref, hyp) / max(1, len(ref))


@pytest.fixture(scope="session")
def measure_cer():
    return cer


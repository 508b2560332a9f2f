"""Every reader on mutated bytes of real files (issue 12): whatever the bytes, ``read`` returns
pages or raises ``InputError`` — no other exception, and no example taking more than a bounded
time. Hypothesis runs derandomised (the same examples in every run) with few examples per
format, so the suite stays fast; the seeds are the bundled corpus's files, cut small where a
whole file would make each example slow (one PDF page, a strip of the photo)."""
from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.read import read

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
PER_EXAMPLE_S = 40  # an OCR'd page is a few seconds; a hang or a blow-up is far more

FUZZ = settings(derandomize=True, database=None, deadline=None, print_blob=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


def _seed_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    w.add_page(PdfReader(CORPUS / "pdf" / "cantho-2024-126-kh-ubnd.pdf").pages[0])
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _seed_image(fmt: str) -> bytes:
    from PIL import Image

    im = Image.open(CORPUS / "image" / "tuyenquang-2024-61-kh-ubnd-p1.png")
    strip = im.crop((150, 250, 2330, 900)).resize((1090, 325))  # the header, at half size
    buf = io.BytesIO()
    strip.save(buf, fmt)
    return buf.getvalue()


def _seed_html() -> bytes:
    """The corpus's news item as the web page it came from (the corpus holds no HTML file)."""
    text = (CORPUS / "text" / "news-2021-ct-pcmbn.txt").read_text(encoding="utf-8")
    paras = "".join(f"<p>{ln}</p>\n" for ln in text.splitlines() if ln.strip())
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Tin</title></head><body>"
            "<nav><a href='/'>Trang chủ</a></nav><article>" + paras +
            "<table><tr><td>1</td><td>Công an tỉnh</td></tr></table></article>"
            "<footer>Cổng thông tin</footer></body></html>").encode("utf-8")


SEEDS = {
    "txt": lambda: (CORPUS / "text" / "news-2021-ct-pcmbn.txt").read_bytes(),
    "legacy.txt": lambda: (CORPUS / "legacy" / "gialai-2025-836-kh-ubnd.tcvn3.txt").read_bytes()[:6000],
    "pdf": _seed_pdf,
    "png": lambda: _seed_image("PNG"),
    "jpg": lambda: _seed_image("JPEG"),
    "docx": lambda: (CORPUS / "docx" / "cantho-2024-126-kh-ubnd.docx").read_bytes(),
    "html": _seed_html,
}
_cache: dict[str, bytes] = {}


def seed(kind: str) -> bytes:
    if kind not in _cache:
        _cache[kind] = SEEDS[kind]()
    return _cache[kind]


# a mutation: (operation, where as a share of the length, bytes or a count)
mutation = st.tuples(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat", "overwrite"]),
                     st.floats(0, 1, allow_nan=False), st.binary(min_size=1, max_size=16),
                     st.integers(1, 4096))


def mutate(data: bytes, ops: list) -> bytes:
    b = bytearray(data)
    for op, where, junk, n in ops:
        if not b:
            b += junk
            continue
        i = min(int(where * len(b)), len(b) - 1)
        if op == "flip":
            b[i] ^= junk[0] or 0xFF
        elif op == "insert":
            b[i:i] = junk
        elif op == "delete":
            del b[i:i + n]
        elif op == "truncate":
            del b[i:]
        elif op == "repeat":
            b[i:i] = b[i:i + n] * (1 + junk[0] % 8)
        else:
            b[i:i + len(junk)] = junk
    return bytes(b)


def _read_bounded(path: Path) -> None:
    t0 = time.perf_counter()
    try:
        read(path)
    except InputError as e:
        assert str(e) and "\n" not in str(e).strip(), repr(e)  # one line, a reason
    assert time.perf_counter() - t0 < PER_EXAMPLE_S


def _check(tmp_path: Path, kind: str, ops: list) -> None:
    data = mutate(seed(kind), ops)
    path = tmp_path / f"fuzz.{kind}"
    path.write_bytes(data)
    _read_bounded(path)


@settings(FUZZ, max_examples=80)
@given(ops=st.lists(mutation, min_size=1, max_size=6))
@pytest.mark.parametrize("kind", ["txt", "legacy.txt", "html"])
def test_text_and_html_readers_survive_mutated_bytes(tmp_path, kind, ops):
    _check(tmp_path, kind, ops)


@settings(FUZZ, max_examples=60)
@given(ops=st.lists(mutation, min_size=1, max_size=4))
def test_docx_reader_survives_mutated_bytes(tmp_path, ops):
    _check(tmp_path, "docx", ops)


@settings(FUZZ, max_examples=60)
@given(ops=st.lists(mutation, min_size=1, max_size=4))
def test_docx_reader_survives_a_mutated_document_xml_inside_a_sound_zip(tmp_path, ops):
    src = zipfile.ZipFile(io.BytesIO(seed("docx")))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            out.writestr(item, mutate(data, ops) if item.filename == "word/document.xml" else data)
    path = tmp_path / "fuzz.docx"
    path.write_bytes(buf.getvalue())
    _read_bounded(path)


@pytest.mark.ocr
@settings(FUZZ, max_examples=40)
@given(ops=st.lists(mutation, min_size=1, max_size=4))
def test_pdf_reader_survives_mutated_bytes(tmp_path, ops):
    _check(tmp_path, "pdf", ops)


@pytest.mark.ocr
@settings(FUZZ, max_examples=20)
@given(ops=st.lists(mutation, min_size=1, max_size=3))
@pytest.mark.parametrize("kind", ["png", "jpg"])
def test_image_reader_survives_mutated_bytes(tmp_path, kind, ops):
    _check(tmp_path, kind, ops)

"""Text files in every encoding a Vietnamese office produces, legacy font encodings included."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from conftest import PARAGRAPH
from pipeline.errors import InputError
from pipeline.read import read
from pipeline.read.legacy import decode_legacy, encode_legacy, repair, vietnamese_score


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Word writes it: base letters (â, ơ, ư...) followed by combining tones."""
    out = bytearray()
    for c in unicodedata.normalize("NFC", text):
        try:
            out += c.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", c)
        tone = "".join(x for x in d if x in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(x for x in d if x not in tone))
        out += (base + tone).encode("cp1258")
    return bytes(out)


def test_utf8_reads_as_is(tmp_path):
    r = read(_write(tmp_path, "a.txt", PARAGRAPH.encode("utf-8")))
    assert r.pages[0].text == PARAGRAPH and r.encoding == "utf-8"


def test_utf8_with_bom_drops_the_bom(tmp_path):
    r = read(_write(tmp_path, "a.txt", b"\xef\xbb\xbf" + PARAGRAPH.encode("utf-8")))
    assert r.pages[0].text == PARAGRAPH and r.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom(tmp_path, codec):
    r = read(_write(tmp_path, "a.txt", PARAGRAPH.encode(codec)))
    assert r.pages[0].text == PARAGRAPH
    assert r.encoding.startswith("utf-16")


def test_windows_1258_with_combining_tones_comes_back_composed(tmp_path):
    r = read(_write(tmp_path, "a.txt", _cp1258(PARAGRAPH)))
    assert r.encoding == "cp1258"
    assert r.pages[0].text == PARAGRAPH


def test_vni_round_trip_is_exact(tmp_path):
    data = encode_legacy(PARAGRAPH, "vni")
    assert b"Vie\xe4t" not in data and "Ủy".encode() not in data  # really 8-bit VNI
    r = read(_write(tmp_path, "a.txt", data))
    assert r.encoding == "vni"
    assert r.pages[0].text == PARAGRAPH


def test_tcvn3_round_trip_recovers_letters_and_capital_headings(tmp_path):
    r = read(_write(tmp_path, "a.txt", encode_legacy(PARAGRAPH, "tcvn3").replace(b"\n", b"\r\n")))
    assert r.encoding == "tcvn3"
    got = r.pages[0].text
    # TCVN3 cannot store capital toned letters; headings typed in .VnTimeH and sentence
    # starts come back as capitals, and every letter is right apart from case.
    assert got.lower() == PARAGRAPH.lower()
    assert got.startswith("KẾ HOẠCH\n")
    assert "\nỦy ban nhân dân tỉnh" in got
    assert "\nƯu tiên nguồn lực" in got


def test_tcvn3_table_decodes_known_words():
    assert decode_legacy(b"K\xd5 ho\xb9ch", "tcvn3") == "Kế hoạch"
    assert decode_legacy(b"\xa7\xabng Nam B\xe9", "tcvn3") == "Đông Nam Bộ"


def test_vni_table_decodes_known_words():
    assert decode_legacy("Keá hoaïch".encode("cp1252"), "vni") == "Kế hoạch"
    assert decode_legacy("Ñoâng Nam Boä".encode("cp1252"), "vni") == "Đông Nam Bộ"


def test_legacy_font_text_inside_a_utf8_file_is_converted(tmp_path):
    mojibake = encode_legacy(PARAGRAPH, "tcvn3").decode("latin-1")  # what a .VnTime copy-paste gives
    r = read(_write(tmp_path, "a.txt", mojibake.encode("utf-8")))
    assert r.encoding == "utf-8+tcvn3"
    assert r.pages[0].text.lower() == PARAGRAPH.lower()


def test_real_unicode_vietnamese_is_never_repaired():
    assert repair(PARAGRAPH) == (PARAGRAPH, None)


def test_vietnamese_scores_above_its_mojibake():
    assert vietnamese_score(PARAGRAPH) > 20
    assert vietnamese_score(encode_legacy(PARAGRAPH, "tcvn3").decode("latin-1")) < 0


def test_non_vietnamese_text_reads_fine(tmp_path):
    text = "Action plan against child labour, 2027.\nThe Department of Health leads.\n"
    r = read(_write(tmp_path, "en.txt", text.encode("utf-8")))
    assert r.pages[0].text == text


def test_french_latin1_text_is_not_mistaken_for_a_legacy_font(tmp_path):
    text = "Le comité régional a approuvé le programme d'éducation à la santé.\n"
    r = read(_write(tmp_path, "fr.txt", text.encode("cp1252")))
    assert "comité régional" in r.pages[0].text


def test_form_feeds_split_pages(tmp_path):
    r = read(_write(tmp_path, "a.txt", "Trang một\fTrang hai".encode()))
    assert [p.text for p in r.pages] == ["Trang một", "Trang hai"]


def test_empty_file_is_refused(tmp_path):
    with pytest.raises(InputError, match="empty"):
        read(_write(tmp_path, "a.txt", b""))


def test_whitespace_only_file_has_no_text(tmp_path):
    with pytest.raises(InputError, match="no text"):
        read(_write(tmp_path, "a.txt", b"  \n\n \t \n"))


def test_binary_junk_is_refused(tmp_path):
    with pytest.raises(InputError, match="binary"):
        read(_write(tmp_path, "a.dat", bytes(range(256)) * 8))


def test_a_30_mb_text_file_is_refused_in_one_line_with_bounded_memory(tmp_path):
    """Issue 12, row 8: a 30 MB text file once took 2.86 GB; past ``MAX_CHARS`` it is refused
    with one line, the whole command's peak within 20× the file (the bench, ``bench_memory``,
    prints the ratios for files under the cap)."""
    import os
    import subprocess
    import sys
    import time

    root = Path(__file__).resolve().parents[2]
    plan = (root / "corpus" / "text" / "cantho-2024-126-kh-ubnd.txt").read_bytes()
    big = tmp_path / "big.txt"
    big.write_bytes(plan * (30 * 1024 * 1024 // len(plan)))
    # the child's own high-water mark (VmHWM), not wait4's ru_maxrss, which Linux carries over
    # from this (large) pytest process into its children
    child = ("import atexit, os, runpy, sys\n"
             "def hwm():\n"
             "    kb = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
             "    open(os.environ['HWM_OUT'], 'w').write(str(kb))\n"
             "atexit.register(hwm)\n"
             "sys.argv = ['kehoach', 'extract', sys.argv[1], '--json']\n"
             "runpy.run_module('pipeline.cli', run_name='__main__')\n")
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", child, str(big)], capture_output=True, text=True, cwd=root,
                       timeout=120, env={**os.environ, "PYTHONPATH": str(root), "HWM_OUT": str(tmp_path / "hwm")})
    assert r.returncode == 1 and not r.stdout
    assert r.stderr.strip().count("\n") == 0
    assert "text too long" in r.stderr and str(big) in r.stderr
    assert time.perf_counter() - t0 < 60
    peak_mb = int((tmp_path / "hwm").read_text()) / 1024
    assert peak_mb < 20 * big.stat().st_size / (1024 * 1024), peak_mb


def test_text_over_the_character_cap_is_refused_and_under_it_read(tmp_path):
    from pipeline.read import MAX_CHARS

    line = "Ủy ban nhân dân tỉnh giao Sở Y tế chủ trì thực hiện kế hoạch.\n"
    f = tmp_path / "over.txt"
    f.write_text(line * (MAX_CHARS // len(line) + 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"text too long \([\d,]+ characters > [\d,]+\)"):
        read(f)
    f.write_text(line * 1000, encoding="utf-8")
    assert read(f).pages[0].text.startswith("Ủy ban")

"""The whole-text path of ``pipeline.text.charmap`` gives the same string as ``str.translate``."""
from pipeline.text.charmap import LONG, CharMap
from pipeline.extract.wordlists import lowered
from pipeline.lexicon.gazetteer import fast_fold
from pipeline.text.fold import fold, fold_char


def _by_dict(cm: CharMap, s: str) -> str:
    return s.translate(cm._table)


def test_every_bmp_character_maps_as_the_dict_table_does():
    every = "".join(chr(c) for c in range(0x10000))  # surrogates included
    cm = CharMap(fold_char)
    assert cm.translate(every) == _by_dict(cm, every)


def test_long_and_short_texts_fold_alike():
    line = "ỦY BAN NHÂN DÂN TỈNH Đắk Nông – Sở Tư pháp “Ngày 05/3” ≥ 90%\n"
    text = line * (LONG // len(line) + 2)
    assert len(text) >= LONG
    assert fold(text) == "".join(fold(line) for _ in range(LONG // len(line) + 2))
    assert fast_fold(text).startswith(fast_fold(line))
    assert lowered(text) == lowered(line) * (LONG // len(line) + 2)


def test_a_character_beyond_the_bmp_keeps_the_length():
    text = "Sở Y tế 🙂 " * 100
    out = fold(text)
    assert len(out) == len(text) and out.startswith("so y te 🙂")


def test_word_runs_are_the_regex_words():
    import re

    from pipeline.text.charmap import word_runs

    text = ("Sở Tư pháp_tỉnh (BCĐ138/CP), 12.500 người; ½ x² ١٢ – “xã” đặc khu\u00a0x\u2003y\n" * 20)
    words, starts, ends = word_runs(text)
    found = list(re.finditer(r"[^\W_]+", text))
    assert list(zip(words, starts, ends)) == [(m.group(), m.start(), m.end()) for m in found]
    assert word_runs("ngắn") is None

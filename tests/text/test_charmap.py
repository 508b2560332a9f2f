"""``pipeline.text.charmap``: a length-preserving map computed once per distinct character."""
from pipeline.extract.wordlists import lowered
from pipeline.lexicon.gazetteer import fast_fold
from pipeline.text.charmap import CharMap
from pipeline.text.fold import fold, fold_char


def test_every_bmp_character_maps_to_one_character_as_the_function_says():
    every = "".join(chr(c) for c in range(0x10000))  # surrogates included
    out = CharMap(fold_char).translate(every)
    assert len(out) == len(every)
    assert all(out[i] == fold_char(every[i]) for i in range(0, 0x10000, 97))


def test_a_long_text_folds_as_its_lines_do():
    line = "ỦY BAN NHÂN DÂN TỈNH Đắk Nông – Sở Tư pháp “Ngày 05/3” ≥ 90%\n"
    text = line * 40
    assert fold(text) == fold(line) * 40
    assert fast_fold(text).startswith(fast_fold(line))
    assert lowered(text) == lowered(line) * 40


def test_a_character_beyond_the_bmp_keeps_the_length():
    text = "Sở Y tế 🙂 " * 100
    out = fold(text)
    assert len(out) == len(text) and out.startswith("so y te 🙂")

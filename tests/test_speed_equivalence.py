"""The shortcuts taken for speed give what the plain computation they replace gives.

Each test states the plain computation (a regex scan of the whole text, a split of the
stretch) and checks the shortcut against it on generated text, edge cases included (stretch
ends on line breaks, at the text's ends, asterisks that never close).
"""
from hypothesis import given, settings, strategies as st

from pipeline.structure.header import Ln, lines_of
from pipeline.text.fold import fold
from pipeline.normalize import _MD_EMPH, _star_matches


def _split_lines(text: str, folded: str, start: int, end: int) -> list[Ln]:
    """The plain way: split ``text[start:end]`` at line breaks and trim each piece."""
    out: list[Ln] = []
    end = min(end, len(text))
    pos = max(0, start)
    if pos > end:
        return out
    for line in text[pos:end].split("\n"):
        kept = line.lstrip(" \t|")
        a = pos + len(line) - len(kept)
        kept = kept.rstrip(" \t|")
        out.append(Ln(a, a + len(kept), kept, folded[a : a + len(kept)]))
        pos += len(line) + 1
    return out


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab |\t\nĐế", max_size=60), st.integers(-3, 70), st.integers(-3, 70))
def test_lines_of_a_stretch_are_the_split_of_that_stretch(text, start, end):
    folded = fold(text)
    assert lines_of(text, folded, start, end) == _split_lines(text, folded, start, end)


def test_lines_of_stretches_cut_mid_line_and_on_line_breaks():
    text = "| Sở Nội vụ |\n\nỦY BAN NHÂN DÂN   \nTỉnh Hà Giang\n"
    folded = fold(text)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 2):
            assert lines_of(text, folded, start, end) == _split_lines(text, folded, start, end)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="**ab (\n", max_size=50))
def test_emphasis_tried_at_asterisks_finds_the_matches_of_a_whole_scan(text):
    got = [(m.start(), m.end(), m.groups()) for m in _star_matches(text)]
    assert got == [(m.start(), m.end(), m.groups()) for m in _MD_EMPH.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["1", "2", "٣", "q", "uy", "s", "au", " ", "thang", "x"]), max_size=40))
def test_date_anchors_are_the_matches_of_the_anchor_scan(words):
    from pipeline.text.dates import _ANCHOR, _anchors

    text = "".join(words)
    want = [(m.start(), m.end(), m.group("num") is not None) for m in _ANCHOR.finditer(text)]
    assert _anchors(text) == want


# the symbol scan tries its pattern at digit runs alone: long texts, as whole plans are
def _long(piece: str) -> str:
    return (piece or " ") * (2000 // max(1, len(piece)) + 1)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \n\t\r\xa0\u2003ab\x1c", max_size=30))
def test_white_space_clean_ups_are_the_regex_substitutions(text):
    import re

    from pipeline.text.spaces import one_line, one_space

    assert one_space(text) == re.sub(r"\s+", " ", text)
    assert one_line(text) == re.sub(r"\s*\n\s*", " ", text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["193/QĐ-TTg", "số01/CT-TTg", "Số 5", "113-NQ/TU", "19/KH-BCĐ138/CP", "2021", "12.5/", "a1/B",
                                 "-7/KH", " ", "\n", "/", "x", "01/2014/TTLT-BCA-BQP", "٣/QĐ"]), min_size=1, max_size=20))
def test_symbols_tried_at_digit_runs_are_those_of_a_whole_scan(words):
    from pipeline.text.symbols import SYMBOL_RE, _symbols

    text = _long("".join(words))
    _symbols.cache_clear()
    got = [(s.start, s.end, s.number, s.parts) for s in _symbols(text)]
    want = []
    from pipeline.text.symbols import parse_symbol

    for m in SYMBOL_RE.finditer(text):
        sym = parse_symbol(m)
        if not (sym.dash_first and "/" not in sym.joiners):
            want.append((sym.start, sym.end, sym.number, sym.parts))
    assert got == want


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" ,-vat\n", max_size=14))
def test_a_chain_gap_is_never_longer_than_its_stated_bound(gap):
    """issuer_after stops its scan _CHAIN_GAP_LONGEST characters past a body: no gap longer
    than that may join the next body to the chain."""
    from pipeline.extract.references import _CHAIN_GAP, _CHAIN_GAP_LONGEST

    if _CHAIN_GAP.fullmatch(gap):
        assert len(gap) <= _CHAIN_GAP_LONGEST
    longest = " -, " + "va" + "   "
    assert len(longest) == _CHAIN_GAP_LONGEST and _CHAIN_GAP.fullmatch(longest)


_BODY_WORDS = ["Sở Tư pháp", "Công an tỉnh", "UBND huyện Mường Tè", "Bộ Quốc phòng", "Hội Nông dân",
               "Ban Chỉ đạo 138 tỉnh Điện Biên", "Tòa án nhân dân tỉnh", "về việc", "và", ",", "-", "(khóa XV)",
               "ban hành", "Sở Y tế tỉnh Kon Tum", "các xã", "ngày 5/3/2026", "Kế hoạch số 12/KH-UBND"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_BODY_WORDS), max_size=14), st.integers(0, 60))
def test_a_scan_told_where_it_is_too_far_gives_a_prefix_of_the_full_scan(words, limit):
    """iter_agencies with ``too_far`` gives exactly the full scan's mentions that start
    before the limit: a mention starts where the scan stands and the scan never moves back."""
    from pipeline.lexicon.agency_mentions import iter_agencies

    text = " ".join(words)
    full = list(iter_agencies(text, 7))
    cut = list(iter_agencies(text, 7, lambda at: at > 7 + limit))
    assert cut == [m for m in full if m.start <= 7 + limit]



_ITEM_PIECES = ["Sở Tư pháp chủ trì", "phối hợp với Công an tỉnh Lai Châu", "thực hiện nội dung (2), (3)",
                "các nhiệm vụ tại mục II", "điểm a, b khoản 1", "gạch đầu dòng thứ hai", "toàn bộ các nội dung trên",
                "(Hội Nông dân chủ trì)", "; ", ". ", "\n", " đồng thời ", "(tổng đài 111)", "tuyên truyền", "năm 2026",
                "(", ")", "Giao UBND các xã"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ITEM_PIECES), max_size=10), st.integers(0, 500))
def test_whether_an_item_points_at_items_is_what_its_parsed_clauses_say(pieces, offset):
    """points_at_items (the tasks pass's test before a full parse) is the "has references"
    that _is_statement reads off parse_clauses."""
    from pipeline.extract import assignments as A

    text = " ".join(pieces)
    clauses = A.parse_clauses(text, offset)
    want = any(c.refs.labels or c.refs.section or c.refs.all for c in clauses)
    assert A.points_at_items(text, offset, fold(text)) == want
    assert A.points_at_items(text, offset) == want


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab |\t\n-", max_size=40))
def test_a_text_said_to_hold_no_table_rows_has_no_line_that_splits_into_cells(text):
    """may_hold_rows (the table readers' test before reading lines) never hides a row."""
    from pipeline.extract.tables import _split_row, may_hold_rows

    if not may_hold_rows(text):
        assert all(_split_row(line) is None for line in text.split("\n"))


def _word_lists() -> list[list[str]]:
    """Every word list of the pattern files the word-list regexes are built from."""
    from pipeline.extract.wordlists import load_patterns

    out = []
    for name in ("deadline_patterns.tsv", "target_patterns.tsv", "assignment_patterns.tsv"):
        for rows in load_patterns(name).values():
            out.append([w for w, _ in rows])
    return out


_LISTS = _word_lists()


@settings(max_examples=600, deadline=None)
@given(st.integers(0, len(_LISTS) - 1), st.lists(st.integers(0, 10_000), min_size=1, max_size=6),
       st.lists(st.sampled_from([" ", "", "\n", "x", "đ", ", ", "ể", "1", "(", "Th", "á"]), min_size=7, max_size=7),
       st.booleans(), st.integers(0, 40))
def test_a_word_list_regex_opening_with_letters_matches_as_the_plain_one(k, picks, seps, at_end, pos):
    """words_regex's pattern that opens with the words' first letters finds what the plain
    ``(?<![\\w])(?:forms)(?![\\w])`` finds, with search, match and finditer, from any position."""
    import re

    from pipeline.extract.wordlists import _view_pattern, words_regex
    from pipeline.text.fold import fold

    words = _LISTS[k]
    parts = sorted({w for w in words if w.strip()}, key=len, reverse=True)
    plain = rf"(?<![\w])(?:{'|'.join(_view_pattern(w) for w in parts) or '(?!x)x'})(?![\w])"
    plain = re.compile(plain + (r"[\s,:]*$" if at_end else ""))
    fast = words_regex(words, at_end=at_end)
    pieces = []
    for n, i in enumerate(picks):
        w = words[i % len(words)]
        pieces.append(fold(w) if i % 3 == 0 else w[: 1 + i % len(w)] if i % 5 == 0 else w)
        pieces.append(seps[n % len(seps)])
    text = "".join(pieces)
    pos = min(pos, len(text))
    m1, m2 = plain.search(text, pos), fast.search(text, pos)
    assert (m1 and m1.span()) == (m2 and m2.span())
    m1, m2 = plain.match(text, pos), fast.match(text, pos)
    assert (m1 and m1.span()) == (m2 and m2.span())
    assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from([" ", "", "x", "so 5", " so 12", "\n", "(", "đ", "_"])),
                min_size=1, max_size=8))
def test_type_words_found_with_late_look_behinds_are_those_of_the_flat_alternation(picks):
    """references.type_words (look-behind after each first word's letters) finds what the flat
    ``(?<![^\\W_])(?:longest|...|shortest)`` finds, on text made of the type words."""
    import re

    from pipeline.extract.references import type_words

    pat, table = type_words()
    alts = sorted(table, key=len, reverse=True)
    flat = re.compile(r"(?<![^\W_])(" + "|".join(r"\s+".join(map(re.escape, w.split(" "))) for w in alts)
                      + r")(?:(?=so\s{0,2}\d)|(?![^\W_]))")
    text = "".join((alts[i % len(alts)][: 1 + i % 9] if i % 4 == 0 else alts[i % len(alts)]) + sep for i, sep in picks)
    assert [(m.span(), m.group(1)) for m in pat.finditer(text)] == [(m.span(), m.group(1)) for m in flat.finditer(text)]


def _cue_kinds() -> list[str]:
    from pipeline.extract.assignments import patterns

    return sorted(k for k, v in patterns().items() if v)


_CUE_KINDS = _cue_kinds()


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(_CUE_KINDS), st.sampled_from(["", "^", "$"]),
       st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from([" ", "", "x", ", ", "\n", "(", "_", "  "])),
                min_size=1, max_size=6), st.integers(0, 30))
def test_cue_regexes_with_late_look_behinds_match_as_the_flat_alternation(kind, anchor, picks, pos):
    """assignments.cue (look-behind after each word's first letters) finds what the flat
    ``(?<![\\w])(?:word|...)(?![\\w])`` finds, anchored or not, from any position."""
    import re

    from pipeline.extract.assignments import _alt, cue, patterns

    words = patterns()[kind]
    body = rf"(?<![\w])(?:{_alt(words)})(?![\w])"
    flat = re.compile(r"^[\s,;:\-–(]*" + body if anchor == "^" else body + r"[\s,;:]*$" if anchor == "$" else body)
    fast = cue(kind, anchor)
    text = "".join((words[i % len(words)][: 1 + i % 7] if i % 4 == 0 else words[i % len(words)]) + sep for i, sep in picks)
    pos = min(pos, len(text))
    m1, m2 = flat.search(text, pos), fast.search(text, pos)
    assert (m1 and m1.span()) == (m2 and m2.span())
    assert [m.span() for m in flat.finditer(text)] == [m.span() for m in fast.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from([" ", "", "x", " 2026", "\n", ", ", " dau", "  "])),
                min_size=1, max_size=8))
def test_recurring_triggers_are_those_of_the_plain_alternation(picks):
    """deadlines' trigger (grouped by letter, look-behinds after each alternative's opening
    letters) finds the spans and kinds of the plain alternation its docstring states."""
    import re

    from pipeline.extract import deadlines as D
    from pipeline.extract.wordlists import alternation, load_patterns

    table = load_patterns(D.PATTERNS)

    def words(kind):
        return [w for w, _ in table.get(kind, [])]

    cadence, periodic, report = words("cadence"), words("periodic"), words("report")
    strong = [w for w in cadence if fold(w).split()[0] in ("hang", "moi")]
    weak_tail = rf" (?:{alternation(cadence)})(?!\s?\d)(?!\s?(?:dau|cuoi)(?![a-z]))"
    plain = re.compile(rf"(?<![a-z0-9])(?:(?P<periodic>{alternation(periodic)})|(?P<strong>{alternation(strong)})"
                       rf"|(?P<weak>(?:{alternation(report)}){weak_tail}))(?![a-z0-9])")
    pool = periodic + strong + report + cadence
    text = fold("".join(pool[i % len(pool)] + sep for i, sep in picks))
    fast = D._rules().trigger
    assert [(m.span(), D.trigger_kind(m)) for m in fast.finditer(text)] == \
        [(m.span(), m.lastgroup) for m in plain.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab .:*\t\n\xa0\u2003\x1cđ", max_size=30))
def test_a_table_cell_left_unsquashed_is_what_squashing_gives(cell):
    """tables._col_kind_folded skips the white-space squash of a printable cell with no
    double space: the squash (``\\s+`` → one space) would give the same string."""
    import re

    if "  " not in cell and cell.isprintable():
        assert re.sub(r"\s+", " ", cell) == cell


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["dong", " thoi", "d", "x", " ", ";", ".", "\n", "3", "b", "luc", " 17", "h", "gio",
                                  "30", "/", ",", "phut", "٣", "(", "_"]), max_size=14), st.integers(0, 20))
def test_patterns_with_their_look_behind_moved_after_letters_match_as_before(pieces, pos):
    """_CLAUSE_BREAK, _SPECK and _HOUR_BEFORE, their look-behinds read after the letters they
    open with, find what the patterns written with the look-behind first find."""
    import re

    from pipeline.extract.assignments import _CLAUSE_BREAK, _SPECK
    from pipeline.extract.deadlines import _HOUR_BEFORE

    clause_break = re.compile(r";(?=\s|$)(?!\s*\d)|\.(?=\s|$)(?!\s*\d)|\n|d(?<!\w.)ong thoi(?!\w)")
    speck = re.compile(r"(?<!\w)[bcdghklmnpqrstvx](?!\w)")
    hour_before = re.compile(r"(?<![\d/])(?:luc\s{1,3})?\d{1,2}\s{0,2}(?:gio|h)(?:\s{0,2}\d{1,2}(?:\s{0,2}phut)?)?[\s,]{0,3}$")
    text = "".join(pieces)
    pos = min(pos, len(text))
    assert [m.span() for m in _CLAUSE_BREAK.finditer(text)] == [m.span() for m in clause_break.finditer(text)]
    assert _SPECK.sub(" ", text) == speck.sub(" ", text)
    m1, m2 = _HOUR_BEFORE.search(text, pos), hour_before.search(text, pos)
    assert (m1 and m1.span()) == (m2 and m2.span())

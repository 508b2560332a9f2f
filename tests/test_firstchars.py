"""firstchars: a pattern is skipped at a character only where it could never match.

The plain computation is the regex itself: wherever ``pattern.match(s)`` succeeds,
``may_begin(pattern, s[0])`` must hold. Checked on the outline's marker shapes, the OCR
repair shapes and composed patterns with the constructs the analysis follows (branches,
optional and repeated parts, look-arounds, classes with ranges and categories).
"""
import re

from hypothesis import given, settings, strategies as st

from pipeline.firstchars import first_class, may_begin
from pipeline.outline import _MARKERS, _ROMAN_NO_DOT, _repair_patterns

_COMPOSED = [
    re.compile(r"(?:ab|c?d)+x"),
    re.compile(r"(?<!\w)(?:\s*[-+]\s*)?\d{1,2}[.)]"),
    re.compile(r"(?=\S)[IVX]{0,3}\.?\s+[A-ZĐ]"),
    re.compile(r"(?:x|(?:y|))z"),
    re.compile(r"[^a-z]b"),  # a negated class: not followed, always tried
    re.compile(r"(?i)đa"),  # ignoring case: not followed
    re.compile(r"a*"),  # may match empty: always tried
    re.compile(r"(a|-)\1b"),  # a back-reference after the first character
]
_PATTERNS = [p for _, p in _MARKERS] + list(_repair_patterns()[1:6]) + [_ROMAN_NO_DOT] + _COMPOSED
_ALPHABET = "abcdxyzđĐIVXlO1029|!()}]-+–•. \t\nTăng:,;"


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(range(len(_PATTERNS))), st.text(alphabet=_ALPHABET, min_size=1, max_size=12))
def test_a_pattern_that_matches_may_begin_with_the_first_character(k, text):
    pat = _PATTERNS[k]
    if pat.match(text):
        assert may_begin(pat, text[0])


def test_patterns_it_cannot_follow_are_always_tried():
    for src in (r"[^a-z]b", r"(?i)đa", r"a*", r".x", r"\bx?"):
        assert first_class(re.compile(src)) is None
        assert may_begin(re.compile(src), "Q")


def test_a_line_opening_with_a_capital_word_tries_no_number_shape():
    number = dict(_MARKERS)["number"]
    assert not may_begin(number, "T")
    assert may_begin(number, "7")
    assert not may_begin(re.compile(r"(?:x|(?:y|))z"), "a")
    assert may_begin(re.compile(r"(?:x|(?:y|))z"), "z")

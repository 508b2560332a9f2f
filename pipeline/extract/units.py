"""Internal units of the issuing body, named by their short names, as mentions of the issuer.

A Sở's own plan hands work to its units: "Phòng Kế hoạch - Tài chính tham mưu bố trí kinh
phí", "(Phòng Bảo trợ xã hội chủ trì; ... phối hợp thực hiện)", "Các đơn vị trực thuộc Sở
xây dựng kế hoạch chi tiết". The gazetteer cannot know these names (every Sở, Bộ and police
force has its own), so such items came out with nobody presiding. For an auditor the work is
the issuer's, as "Phòng Cảnh sát hình sự - Công an tỉnh" is the provincial police's: this
module finds the bare unit names and gives them the issuer's id.

Only issuers that have units of their own qualify (models/issuer_units.tsv); a people's
committee does not, since in a district plan "Phòng Văn hóa và Thông tin" is a body of its
own. A unit name followed by a level ("Phòng Lao động - TB&XH các huyện") or running into a
named body ("Phòng Tham mưu - Công an tỉnh") is not the issuer's unit.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.extract import assignments as A
from pipeline.lexicon.agency_mentions import Mention, find_agencies
from pipeline.resources import tsv_lines
from pipeline.text.fold import fold

MAX_NAME_WORDS = 12  # a unit's name is short; the walk over its words stops here


@lru_cache(maxsize=1)
def _table() -> dict[str, list[list[str]]]:
    """Rows of models/issuer_units.tsv by kind (each row's values after the kind)."""
    out: dict[str, list[list[str]]] = {}
    for cells in tsv_lines("issuer_units.tsv"):
        if len(cells) < 2:
            continue
        kind, *vals = [v.strip() for v in cells]
        out.setdefault(kind, []).append(vals)
    return out


def _words(kind: str) -> list[str]:
    return sorted((v[0] for v in _table().get(kind, []) if v), key=len, reverse=True)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(",", r"\s*,") for w in words)


def self_word(issuer: str | None) -> str | None:
    """The bare word a plan of ``issuer`` calls its issuer by ("so"), or None when that
    issuer has no units of its own."""
    if not issuer:
        return None
    for vals in _table().get("issuer", []):
        if len(vals) >= 2 and issuer.startswith(vals[0]):
            return vals[1]
    return None


@lru_cache(maxsize=8)
def _head_re(issuer: str = "") -> re.Pattern[str]:
    """Head words of unit names that units of ``issuer`` may bear ("" : every head word)."""
    heads = [v[0] for v in _table().get("head", [])
             if v and (not issuer or len(v) < 2 or any(issuer.startswith(p) for p in v[1].split()))]
    return re.compile(rf"(?<![\w-])(?:{_alt(sorted(heads, key=len, reverse=True))})(?=\s)")


@lru_cache(maxsize=1)
def _stop_re() -> re.Pattern[str]:
    cues = [w for k in ("lead", "support", "object", "assign", "direct", "filler") for w in A.patterns().get(k, [])]
    words = sorted(set(_words("stop") + cues), key=len, reverse=True)
    return re.compile(rf"(?:{_alt(words)})(?!\w)")


@lru_cache(maxsize=1)
def _level_re() -> re.Pattern[str]:
    return re.compile(rf"[\s\-–,]*(?:{_alt(_words('level'))})(?!\w)")  # .match(s, pos): no "^"


@lru_cache(maxsize=8)
def _group_re(self: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alt(_words('group'))})\s+(?:(?:{_alt(_words('of'))})\s+)"
                      rf"(?P<self>{_alt([self])})(?!\w)")


_WORD = re.compile(r"[^\W_]+")
_BRACKET_BODY = re.compile(r"\s*\(\s*")  # an opening bracket right after a unit's name
_NAME_GAP = re.compile(r"^(?:\s+|\s*[-–]\s*)$")  # what may stand between two words of a name


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _name_end(text: str, folded: str, pos: int, starts: set[int]) -> tuple[int, bool]:
    """(end of the unit name whose words begin at ``pos``, whether it runs into a named body).

    The name runs over words joined by spaces or dashes until a cue or stop word, other
    punctuation, a "và" before another unit or body, or a gazetteer mention."""
    end = pos
    n = 0
    for m in _WORD.finditer(text, pos):
        gap = text[end:m.start()] if n else ""
        if n and not _NAME_GAP.match(gap):
            break
        if m.start() in starts:
            return end, True
        # a capitalised word goes on the name ("Kế hoạch - Tài chính": "tai" folds like "tại")
        if n and not _capitalised(m.group()) and _stop_re().match(folded, m.start()):
            break
        w = folded[m.start():m.end()]
        if w == "va":
            nxt = _WORD.search(text, m.end())
            if nxt is None or nxt.start() in starts or _head_re().match(folded, nxt.start()):
                break
        end = m.end()
        n += 1
        if n >= MAX_NAME_WORDS:
            break
    return end, False


def unit_mentions(text: str, issuer: str | None, mentions: list[Mention] | None = None,
                  offset: int = 0) -> list[Mention]:
    """Mentions (with the issuer's id) of the issuer's own units named in ``text``.

    ``mentions``: the gazetteer's mentions of ``text`` (absolute offsets) when the caller has
    them; a unit is never read where a named body starts, and a unit name that runs into one
    belongs to that body."""
    self = self_word(issuer)
    if self is None or not text:
        return []
    if mentions is None:
        mentions = find_agencies(text, offset)
    folded = fold(text)
    starts = {m.start - offset for m in mentions}
    covered = [(m.start - offset, m.end - offset) for m in mentions]
    out: list[Mention] = []

    def free(a: int, b: int) -> bool:
        return not any(s < b and a < e for s, e in covered)

    for m in _group_re(self).finditer(folded):
        s, e = m.start(), m.end("self")
        after = _WORD.search(text, e)
        # "các phòng thuộc Sở Y tế": the word names another Sở, which the gazetteer reads
        if e in starts or (after is not None and text[e:after.start()] == " " and _capitalised(after.group())
                           and after.start() in starts):
            continue
        if free(s, e):
            out.append(Mention(issuer, re.sub(r"\s+", " ", text[s:e]), s + offset, e + offset))
            covered.append((s, e))
    for m in _head_re(issuer).finditer(folded):
        s = m.start()
        head = text[s:m.end()]
        if not head[:1].isupper() or head.isupper() or s in starts:
            continue
        first = _WORD.search(text, m.end())
        if first is None or text[m.end():first.start()] != " " or not _capitalised(first.group()):
            continue
        end, into_body = _name_end(text, folded, first.start(), starts)
        if into_body or end <= first.start() or _level_re().match(folded, end):
            continue
        br = _BRACKET_BODY.match(text, end)
        if br and br.end() in starts:
            continue  # "Cục Lãnh sự (Bộ Ngoại giao)": a unit of the body in brackets
        if not free(s, end):
            continue
        out.append(Mention(issuer, re.sub(r"\s+", " ", text[s:end]), s + offset, end + offset))
        covered.append((s, end))
    return sorted(out, key=lambda x: x.start)


def with_units(mentions: list[Mention], text: str, issuer: str | None, offset: int = 0) -> list[Mention]:
    """``mentions`` of ``text`` with the issuer's unit mentions merged in, in text order."""
    units = unit_mentions(text, issuer, mentions, offset)
    if not units:
        return mentions
    return sorted(list(mentions) + units, key=lambda m: (m.start, -(m.end - m.start)))


def issuer_id(issuer_name: str | None) -> str | None:
    """The gazetteer id of the plan's issuer as its header writes it, or None."""
    if not issuer_name:
        return None
    ms = find_agencies(issuer_name)
    return ms[0].id if ms else None

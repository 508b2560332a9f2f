"""The closing of a document: the ``Nơi nhận:`` list and the signature block.

Nghị định 30/2020/NĐ-CP puts them side by side at the end of the text: Nơi nhận on the left,
the signature on the right (``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH``, the
seal, the name). A text copy lists one after the other in either order, a web copy may join
them with table pipes or put a whole list on one line, and OCR adds junk between the title
and the name (seal fragments, "(Đã ký)"). So the block is found by its marks (the TM./KT./
TL./TUQ./Q. prefixes, an upper-case position from models/positions.tsv) and the name by its
shape: 2-5 capitalised syllables, the first a family name from models/surnames.tsv (or at
least no agency or position word).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.lexicon import header_words as lex
from pipeline.lexicon.header_words import _tsv
from pipeline.model import Signer
from pipeline.structure.header import Ln, case_issuer, cells_of, is_upper, lines_of
from pipeline.text.fold import fold
from pipeline.text.spaces import one_space

_RECIPIENTS = re.compile(r"noi[ \t]*nh[a-z]{1,2}n[ \t]*[:;.]?")
_ITEM_SPLIT = re.compile(r"(?:^|(?<=;))\s*[-–•+*](?=\s)")
# a syllable of a name; Ê Đê and Gia Rai names open with a letter and an apostrophe ("H'Liên Byă")
_NAME_SYLLABLE = r"(?:[A-ZÀ-ỸĐ]['’])?[A-ZÀ-ỸĐ][a-zà-ỹđ']{0,7}"
_NAME = re.compile(rf"^(?:{_NAME_SYLLABLE})(?:[ \t]+{_NAME_SYLLABLE}){{1,4}}$")
_NAME_UPPER = re.compile(r"^[A-ZÀ-ỸĐ]{1,8}(?:[ \t]+[A-ZÀ-ỸĐ]{1,8}){1,4}$")
_SIGN_JUNK = re.compile(r"\(?\s*(?:đã ký|da ky|ký|ky|đã ký và đóng dấu|signed)\s*\)?\s*[:.]?", re.I)
# syllables that are never part of a person's name in a signature block
_NOT_NAME = frozenset(
    w.lower()
    for w in (
        "Ủy Ban Tỉnh Phố Huyện Sở Chỉ Chủ Tịch Phó Trưởng Giám Đốc Nơi Nhận Lưu Kế Hoạch Quyết "
        "Phòng Như Trên Các Bộ Cục Chính Phủ Ngành Thể Thường Ương Mặt Trận Nước Xã Độc Thay "
        "Ký Thừa Lệnh Quyền Số Ngày Tháng Năm Báo Cáo UBND HĐND"
    ).split()
)


@dataclass
class Closing:
    """What the closing holds, with spans in the document text."""

    start: int | None = None  # where the closing (Nơi nhận or signature) begins
    end: int | None = None  # where it ends (an attachment or the document end)
    recipients: list[str] = field(default_factory=list)
    recipients_span: tuple[int, int] | None = None
    signer: Signer | None = None
    name_span: tuple[int, int] | None = None
    position_span: tuple[int, int] | None = None


# a title's complement starting with these is a common noun: "Chủ tịch tỉnh", "Phó Chủ tịch xã"
_PLACE_LEVELS = frozenset({"tinh", "thanh", "huyen", "xa", "phuong", "quan", "thi", "dac"})


def _prefix_at(c: Ln) -> re.Match[str] | None:
    pat, _ = lex.prefix_regex()
    m = pat.match(c.fold)
    if m and c.text[:1].isupper() and is_upper(c.text[: m.end() + 6]):
        return m
    return None


def _position_at(c: Ln, pos: int = 0) -> re.Match[str] | None:
    pat, _ = lex.position_regex()
    m = pat.match(c.fold, pos)
    if m and is_upper(c.text[pos : m.end()]):
        return m
    return None


def is_signature_line(c: Ln) -> bool:
    """An authority mark (TM. ..., KT. ...) or an upper-case position title of a few words."""
    if not c.text or len(c.text) > 90:
        return False
    if _prefix_at(c):
        return True
    return bool(_position_at(c)) and is_upper(c.text) and len(c.text.split()) <= 10


def _name_of(c: Ln) -> tuple[str, int, int] | None:
    """A person's name filling the cell (after seal/OCR junk is stripped), with its span."""
    raw = c.text
    s = _SIGN_JUNK.sub(" ", raw) if re.search(r"k[ýy]", raw, re.I) else raw
    s = re.sub(r"^[^\wÀ-ỹ]+|[^\wÀ-ỹ]+$", "", s.strip())
    s = one_space(s)
    rank = lex.name_prefix_regex().match(fold(s))
    if rank and rank.end() < len(s):
        s = s[rank.end() :]  # "Thượng tướng Nguyễn Văn A", "PGS.TS. Trần Thị B": the name only
    if not s or len(s) > 45:
        return None
    upper = False
    if not _NAME.match(s):
        if not _NAME_UPPER.match(s):
            return None
        upper = True
    syl = [fold(w) for w in s.split()]
    # compared unfolded: "Trường" is a name, "Trưởng" a title, and they fold alike
    stops = sum(1 for w in s.split() if w.lower() in _NOT_NAME)
    if stops and (syl[0] not in lex.surnames() or stops > 1):
        return None
    if syl[0] not in lex.surnames() and (upper or len(syl) < 2):
        return None
    name = " ".join(w[:1] + w[1:].lower() for w in s.split()) if upper else s
    name = _fix_surname(name)
    at = raw.find(s.split()[0])
    a = c.start + max(at, 0)
    return name, a, a + len(s) if raw[max(at, 0) : max(at, 0) + len(s)] == s else c.end


def _fix_surname(name: str) -> str:
    """OCR drops or swaps tone marks (``Trân`` for ``Trần``): a family name that is not in
    models/surnames.tsv but folds to exactly one listed name takes that name's spelling."""
    first, _, rest = name.partition(" ")
    if first in _surname_spellings().get(fold(first), (first,)):
        return name
    cands = _surname_spellings().get(fold(first), ())
    return f"{cands[0]} {rest}" if len(cands) == 1 else name


@lru_cache(maxsize=1)
def _surname_spellings() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in _tsv("surnames.tsv"):
        if row and row[0]:
            out.setdefault(fold(row[0]), []).append(row[0])
    return {k: tuple(v) for k, v in out.items()}


def position_text(c: Ln) -> str | None:
    """The signer's position in the contract's casing: ``PHÓ CHỦ TỊCH`` → ``Phó Chủ tịch``,
    ``CHỦ TỊCH UBND TỈNH`` → ``Chủ tịch UBND tỉnh``, ``Q. CHỦ TỊCH`` → ``Quyền Chủ tịch``.

    A flattened copy may hold the whole block on one line (``TM. ỦY BAN NHÂN DÂN KT. CHỦ
    TỊCH PHÓ CHỦ TỊCH``): the line is cut at each authority mark and each title, a title
    right after TM./KT./TL. is whom the signer acts for, and the last free title is the
    signer's own."""
    ppat, pcanon = lex.prefix_regex()
    tpat, tcanon = lex.position_regex()
    marks: list[tuple[int, int, str]] = []  # (start, end, "prefix:<canon>" | "title:<canon>")
    pos = 0
    f = c.fold
    while pos < len(f):
        if pos == 0 or not f[pos - 1].isalnum():
            m = ppat.match(f, pos)
            if m and c.text[pos : pos + 1].isupper() and is_upper(c.text[pos : m.end()]):
                marks.append((pos, m.end(), "prefix:" + pcanon.get(re.sub(r"[\s.,]+", "", m.group(0)), "")))
                pos = m.end()
                continue
            m = tpat.match(f, pos)
            if m and is_upper(c.text[pos : m.end()]):
                marks.append((pos, m.end(), "title:" + tcanon.get(re.sub(r"[\s\-–—_.]+", " ", m.group(0)), c.text[pos : m.end()])))
                pos = m.end()
                continue
        pos += 1
    best = None
    for k, (a, b, kind) in enumerate(marks):
        if not kind.startswith("title:"):
            continue
        prev = marks[k - 1] if k else None
        acting_for = prev is not None and prev[2].startswith("prefix:") and prev[2] != "prefix:Quyền" and c.text[prev[1] : a].strip() == ""
        if acting_for:
            continue
        quyen = prev is not None and prev[2] == "prefix:Quyền" and c.text[prev[1] : a].strip() == ""
        nxt = marks[k + 1][0] if k + 1 < len(marks) else len(c.text)
        rest = c.text[b:nxt].strip(" ,.|")
        best = (("Quyền " if quyen else "") + kind[6:], rest)
    if best is None:
        return None
    title, rest = best
    rest_c = case_issuer(rest) if rest else ""
    if rest_c and not rest_c[:2].isupper() and fold(rest_c.split()[0]) in _PLACE_LEVELS:
        rest_c = rest_c[:1].lower() + rest_c[1:]  # "Chủ tịch tỉnh", but "Giám đốc Sở Y tế"
    return (title + (" " + rest_c if rest_c else "")).strip()


def parse_closing(text: str, folded: str, start: int, end: int) -> Closing:
    """Find Nơi nhận and the signature block in ``[start, end)`` (after the opening)."""
    out = Closing()
    lines = lines_of(text, folded, start, end)
    rec_i = sig_i = None
    for i, ln in enumerate(lines):
        if not ln.text:
            continue
        for c in cells_of(ln):
            if rec_i is None and _RECIPIENTS.match(c.fold) and c.text[:1] == "N":
                rec_i = i
            if sig_i is None and is_signature_line(c) and (rec_i is not None or _after_body(lines, i)):
                sig_i = i
        if rec_i is not None and sig_i is not None:
            break
    if rec_i is None and sig_i is None:
        return out
    first = min(i for i in (rec_i, sig_i) if i is not None)
    out.start = lines[first].start
    att = _attachment_after(lines, first)
    out.end = lines[att].start if att is not None else end
    stop_i = att if att is not None else len(lines)
    if rec_i is not None:
        _read_recipients(text, lines, rec_i, stop_i, out)
    if sig_i is not None or rec_i is not None:
        _read_signer(lines, sig_i if sig_i is not None else rec_i, stop_i, out)
    return out


def _after_body(lines: list[Ln], i: int) -> bool:
    """A signature mark without a Nơi nhận list: accept it when the text before ends a
    document (``./.``, ``như sau`` is not) or only short lines follow."""
    for j in range(i - 1, max(-1, i - 6), -1):
        t = lines[j].text
        if t:
            return t.endswith(("./.", "/.", "./", ".")) or t in ("|",) or len(t) < 3
    return True


def _attachment_after(lines: list[Ln], first: int) -> int | None:
    att = lex.line_start_regex("attachment")
    web = lex.line_start_regex("web_end")
    for j in range(first + 1, len(lines)):
        ln = lines[j]
        if not ln.text:
            continue
        if att.match(ln.fold) and is_upper(ln.text[:12]):
            return j
        if web.match(ln.fold) and len(ln.text) < 120:
            return j
    return None


def _read_recipients(text: str, lines: list[Ln], i: int, stop: int, out: Closing) -> None:
    items: list[tuple[str, int, int]] = []
    ln = lines[i]
    cell = next(c for c in cells_of(ln) if _RECIPIENTS.match(c.fold))
    m = _RECIPIENTS.match(cell.fold)
    rec_start = cell.start
    chunks: list[tuple[int, int]] = [(cell.start + m.end(), cell.end)]
    blank = False
    for j in range(i + 1, stop):
        ln = lines[j]
        if not ln.text:
            blank = True
            continue
        c = cells_of(ln)[0]
        if is_signature_line(c) or _name_of(c):
            if items or chunks:
                # a signature line between items (two columns flattened): skip it
                if j + 1 < stop and lines[j + 1].text.lstrip().startswith(("-", "–", "+", "•")):
                    continue
            break
        if blank and not c.text.startswith(("-", "–", "+", "•")) and chunks[-1][1] > chunks[-1][0]:
            break
        blank = False
        chunks.append((c.start, c.end))
        if re.match(r"[-–+•*\s]*luu\b", c.fold):
            break
    end_at = rec_start
    for a, b in chunks:
        seg = text[a:b]
        # cut a signature tail that a flattened copy put on the same line: "- Như trên; KT. CHỦ TỊCH"
        cut = re.search(r"\s(?:TM|KT|TL|TUQ)\s*\.\s*[A-ZĐ]", seg)
        if cut:
            seg = seg[: cut.start()]
        pos = 0
        for piece in _ITEM_SPLIT.split(seg):
            k = seg.find(piece, pos)
            pos = k + len(piece)
            t = piece.strip().rstrip(";,").strip()
            t = re.sub(r"\s*\./\.?$", "", t).strip()
            if t.endswith(".") and re.match(r"(?i)l[ưu]u", t):
                t = t[:-1]
            if len(t) < 2 or not any(ch.isalpha() for ch in t):
                continue
            a2 = a + k + (len(piece) - len(piece.lstrip()))
            items.append((t, a2, a2 + len(piece.strip())))
            end_at = max(end_at, a2 + len(piece.strip()))
    out.recipients = [t for t, _, _ in items]
    out.recipients_span = (rec_start, max(end_at, rec_start + len("Nơi nhận"))) if items or True else None


def _first_name(lines: list[Ln], order: range) -> tuple[str, int, int] | None:
    """The first person's name in the cells of ``lines`` taken in ``order`` (list items skipped)."""
    for j in order:
        for c in cells_of(lines[j]):
            if c.text.startswith(("-", "–", "+", "•")):
                continue
            got = _name_of(c)
            if got:
                return got
    return None


def _prefix_seen(lines: list[Ln], i: int, j: int) -> bool:
    """Whether an authority mark (TM./KT./TL.) stands in ``lines[i:j]``: a title line after
    the one under it ("THỨ TRƯỞNG BỘ CÔNG AN" under "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN") is the
    signer's other office, not the capacity signed in."""
    return any(_prefix_at(c) for k in range(i, j) for c in cells_of(lines[k]))


def _read_signer(lines: list[Ln], i: int, stop: int, out: Closing) -> None:
    """Position: the last position line of the block; name: the first name after it."""
    position = None
    pos_span = None
    last_sig = None
    after_mark = False  # the title right under the last TM./KT. line is the capacity signed in
    for j in range(i, stop):
        for c in cells_of(lines[j]):
            if is_signature_line(c):
                last_sig = j
                if _prefix_at(c):
                    after_mark = True
                p = position_text(c)
                if p and (position is None or after_mark or not _prefix_seen(lines, i, j)):
                    position, pos_span = p, (c.start, c.end)
                    after_mark = False
    name = None
    if last_sig is not None:
        name = _first_name(lines, range(last_sig + 1, stop))
    if name is None:
        # the name may stand before the marks when columns were read in another order
        name = _first_name(lines, range(stop - 1, i - 1, -1))
    if position is None and name is None:
        return
    out.signer = Signer(name=name[0] if name else None, position=position)
    out.position_span = pos_span
    if name:
        out.name_span = (name[1], name[2])


# ---- a flattened signature block -------------------------------------------------------------
# A web copy runs the closing on one line: "... - Lưu: VT, KGVX. KT. CHỦ TỊCH PHÓ CHỦ TỊCH Vương
# Quốc Tuấn KẾ HOẠCH ..." (a decision, its attached plan right after the name). The block is an
# upper-case title (after TM./KT. marks or not) followed at once by a person's name.
_INLINE_NAME = re.compile(rf"[ \t\n|]+((?:{_NAME_SYLLABLE})(?:[ \t]+{_NAME_SYLLABLE}){{1,4}})(?=[\s|]|$)")


def inline_signer(text: str, folded: str, start: int, end: int) -> Closing:
    """The last title-then-name run in ``[start, end)`` of a flattened text: the signer with the
    spans of position and name (``Closing.start`` where its marks begin), or an empty Closing."""
    out = Closing()
    tpat, _ = lex.position_regex()
    ppat, _ = lex.prefix_regex()
    best = None
    for m in tpat.finditer(folded, start, end):
        a = m.start()
        if a > 0 and folded[a - 1].isalnum() or not is_upper(text[a : m.end()]):
            continue
        nm = _INLINE_NAME.match(text, m.end(), end)
        if not nm:
            continue
        words = nm.group(1).split()
        # the character class takes upper-case Vietnamese letters too ("KẾ"): a name's
        # syllables are capitalised, not upper case
        k = next((i for i, w in enumerate(words) if w.split("'")[-1].split("’")[-1][1:] != w.split("'")[-1].split("’")[-1][1:].lower()), len(words))
        words = words[:k]
        # the name ends where the next upper-case word begins ("Vương Quốc Tuấn KẾ HOẠCH")
        got = None
        for n in range(len(words), 1, -1):
            a2 = nm.start(1)
            b2 = a2 + len(" ".join(words[:n])) if text[a2 : a2 + len(" ".join(words[:n]))] == " ".join(words[:n]) else None
            if b2 is None:
                break
            cand = _name_of(Ln(a2, b2, text[a2:b2], folded[a2:b2]))
            if cand:
                got = cand
                break
        if not got:
            continue
        # the marks before the title: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH" up to 80 characters back
        ms = a
        window = max(start, a - 80)
        for pm in ppat.finditer(folded, window, a):
            if text[pm.start() : pm.start() + 1].isupper() and (pm.start() == 0 or not folded[pm.start() - 1].isalnum()):
                if is_upper(text[pm.start() : a]):
                    ms = pm.start()
                    break
        best = (ms, m.end(), got)
    if best is None:
        return out
    ms, me, got = best
    c = Ln(ms, me, text[ms:me], folded[ms:me])
    out.start = ms
    out.signer = Signer(name=got[0], position=position_text(c))
    out.name_span = (got[1], got[2])
    out.position_span = (ms, me)
    return out

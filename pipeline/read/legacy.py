"""Legacy Vietnamese font encodings: TCVN3 (ABC, the ``.VnTime`` fonts) and VNI-Windows.

Why this exists: plans typed before Unicode (and many still typed in provincial offices)
used fonts whose glyphs sit at Latin-1 code points: ``KÕ ho¹ch`` is ``Kế hoạch`` in TCVN3,
``Keá hoaïch`` is the same in VNI. Saved as 8-bit text, or copied into a Unicode document
without conversion, such text defeats every extractor. The tables live in
``models/legacy_tcvn3.tsv`` and ``models/legacy_vni.tsv``.

Which encoding a file uses is not written anywhere, so ``best_decoding`` decodes the bytes
every plausible way and keeps the decoding that yields the most valid Vietnamese syllables.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.resources import tsv_lines

LEGACY = ("tcvn3", "vni")

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# A Vietnamese syllable, without its tone mark: onset, vowel nucleus, coda. Permissive on
# the nucleus (any 1-3 vowels) because the point is to tell text from mojibake, not to spell.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_WORD_EDGE = re.compile(r"^[\W\d_]+|[\W\d_]+$")


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, str]:
    """Byte sequence (as Latin-1 characters) → Unicode letter, from ``models/legacy_NAME.tsv``."""
    out: dict[str, str] = {}
    for hexbytes, char, *_ in tsv_lines(f"legacy_{name}.tsv")[1:]:  # after the header row
        out[bytes.fromhex(hexbytes).decode("latin-1")] = char
    return out


@lru_cache(maxsize=None)
def _pattern(name: str) -> re.Pattern[str]:
    keys = sorted(table(name), key=len, reverse=True)  # two-byte VNI sequences before one-byte ones
    return re.compile("|".join(map(re.escape, keys)))


def _cp1252_rest(s: str) -> str:
    """Bytes 0x80-0x9F that are not part of a legacy letter mean what Windows-1252 says."""
    return "".join(bytes([ord(c)]).decode("cp1252", errors="replace") if 0x80 <= ord(c) < 0xA0 else c for c in s)


def _uppercase_capital_words(text: str) -> str:
    """TCVN3 has no capital toned letters: .VnTimeH fonts draw lowercase codes as capitals.

    A heading typed that way decodes as ``KẾ HOạCH``; a word whose ASCII letters are all
    capitals (two or more) or a line whose letters are all capitals is upper-cased whole.
    """
    def fix_line(line: str) -> str:
        ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
        mixed_words = [w for w in re.findall(r"[^\W\d_]+", line)
                       if not w.isascii() and sum(c.isascii() for c in w) >= 2]
        if len(ascii_letters) >= 3 and all(c.isupper() for c in ascii_letters) and mixed_words:
            return line.upper()
        return re.sub(
            r"[^\W\d_]+",
            lambda m: m.group(0).upper()
            if sum(c.isascii() and c.isupper() for c in m.group(0)) >= 2
            and not any(c.isascii() and c.islower() for c in m.group(0))
            else m.group(0),
            line,
        )
    text = "\n".join(fix_line(line) for line in text.split("\n"))
    text = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)
    # In a file with one paragraph per line (its lines start with capitals wherever the
    # first letter is ASCII and so kept its case), every line starts with a capital.
    firsts = [m.group(2) for m in _LINE_START.finditer(text)]
    ascii_firsts = [c for c in firsts if c.isascii()]
    if len(ascii_firsts) >= 2 and sum(c.isupper() for c in ascii_firsts) >= 0.8 * len(ascii_firsts):
        text = _LINE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)
    return text


# A toned letter opening a sentence was a capital typed in .VnTimeH: after the start of the
# text, a blank line, a line ending in . : ; ! ? or a full stop, past any list marker.
_MARKER = r"(?:(?:[-+•]|\d+(?:\.\d+)*[.)]|[a-zđ][.)]|[IVX]+\.)[ \t]+)?"
_LINE_START = re.compile(r"((?:\A|(?<=\n))[ \t]*" + _MARKER + r")([^\W\d_])")
_SENTENCE_START = re.compile(
    r"((?:\A|[.:;!?]\s*\n|\n\s*\n|[.!?] )[ \t]*(?:(?:[-+•]|\d+(?:\.\d+)*[.)]|[a-zđ][.)]|[IVX]+\.)[ \t]+)?)"
    r"([^\x00-\x7f])"
)


def decode_legacy(data: bytes, name: str) -> str:
    """Bytes in legacy encoding ``name`` (tcvn3 | vni) → NFC Unicode text."""
    raw = data.decode("latin-1")
    mapping = table(name)
    text = _cp1252_rest(_pattern(name).sub(lambda m: mapping[m.group(0)], raw))
    if name == "tcvn3":
        text = _uppercase_capital_words(text)
    return unicodedata.normalize("NFC", text)


def encode_legacy(text: str, name: str) -> bytes:
    """Unicode text → bytes in ``name``; the inverse of ``decode_legacy``, used to make test files.

    Capital toned letters, which TCVN3 lacks, are written as their lowercase codes, as a
    .VnTimeH user would have typed them.
    """
    inverse = {v: k for k, v in table(name).items()}
    out = bytearray()
    for c in unicodedata.normalize("NFC", text):
        seq = inverse.get(c) or (inverse.get(c.lower()) if not c.isascii() else None)
        if seq is not None:
            out += seq.encode("latin-1")
        else:
            out += c.encode("cp1252", errors="replace")
    return bytes(out)


def _syllable_ok(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(decomposed.count(t) for t in _TONE_MARKS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(bare) is not None


def vietnamese_score(text: str, limit: int = 200_000) -> int:
    """Valid minus invalid non-ASCII words: high for Vietnamese, negative for mojibake.

    Only words holding a non-ASCII character count: ASCII words read the same under every
    8-bit decoding and so cannot tell them apart.
    """
    score = 0
    for token in text[:limit].split():
        if token.isascii():
            continue
        word = _WORD_EDGE.sub("", token)
        if word and word.isalpha() and _syllable_ok(word):
            score += 1
        else:
            score -= 1
    return score


def candidates(data: bytes) -> dict[str, str]:
    """Every plausible 8-bit decoding of ``data``."""
    out = {name: decode_legacy(data, name) for name in LEGACY}
    try:
        out["cp1258"] = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        pass
    return out


def best_decoding(data: bytes) -> tuple[str, str]:
    """(text, encoding) of the 8-bit decoding with the most valid Vietnamese syllables.

    Ties go to Windows-1258, the only one of them that is a real code page.
    """
    scored = candidates(data)
    order = ["cp1258", *LEGACY]
    name = max((n for n in order if n in scored), key=lambda n: vietnamese_score(scored[n]))
    return scored[name], name


def _to_bytes(text: str) -> bytes | None:
    """Unicode text whose characters all sit in Windows-1252/Latin-1 → those bytes, else None."""
    out = bytearray()
    for c in text:
        o = ord(c)
        if o < 0x100:
            out.append(o)
        else:
            try:
                out += c.encode("cp1252")
            except UnicodeEncodeError:
                return None
    return bytes(out)


def repair(text: str) -> tuple[str, str | None]:
    """Unicode text that still holds legacy-font characters → converted text and the encoding.

    A DOCX or web page typed in .VnTime shows ``KÕ ho¹ch`` even though its file is Unicode;
    such text is re-encoded to its bytes and decoded with the best legacy table. Returns the
    text unchanged and None when it is already good Vietnamese (or not Vietnamese at all).
    """
    if text.isascii():
        return text, None
    nfc = unicodedata.normalize("NFC", text)
    # Characters beyond Latin-1 that are Vietnamese letters mean the text is real Unicode.
    if any(0x100 <= ord(c) and unicodedata.category(c).startswith("L") for c in nfc):
        return text, None
    data = _to_bytes(nfc)
    if data is None:
        return text, None
    here = vietnamese_score(nfc)
    best_name, best_text, best = None, text, here
    for name in LEGACY:
        decoded = decode_legacy(data, name)
        s = vietnamese_score(decoded)
        if s > best:
            best_name, best_text, best = name, decoded, s
    return best_text, best_name

"""White-space clean-ups that the extractors apply to many short strings, without a regex
where the plain string methods give the same result.

Why: ``re.sub(r"\\s+", " ", s)`` and ``re.sub(r"\\s*\\n\\s*", " ", s)`` open with a repeat, so
the regex engine tries a match at every character; over a plan they ran a few hundred times
(agency names, item texts). ``str.split``/``strip`` count as white space exactly the
characters ``\\s`` matches in a str pattern (both ask ``Py_UNICODE_ISSPACE``).
"""
from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def one_space(s: str) -> str:
    """``re.sub(r"\\s+", " ", s)``: each run of white space as one space."""
    if "  " not in s and s.isprintable():  # no white space but single spaces: nothing to do
        return s
    return _SPACES.sub(" ", s)


def one_line(s: str) -> str:
    """``re.sub(r"\\s*\\n\\s*", " ", s)``: each run of white space holding a line break as one
    space (runs without a line break are kept). The leftmost match of that pattern starts at
    the first white-space character of such a run and, greedy, ends at its last, so cutting
    at the line breaks and trimming the pieces around them gives the same string."""
    if "\n" not in s:
        return s
    parts = s.split("\n")
    # the text before the first break, the non-blank lines between, the text after the last:
    # each two neighbours are parted by one run
    kept = [parts[0].rstrip()]
    kept += [p for p in (q.strip() for q in parts[1:-1]) if p]
    kept.append(parts[-1].lstrip())
    return " ".join(kept)

"""Header fields of a plan: symbol, type, issuer, province, date, title, signer.

A first cut; see tests/test_header.py for the forms it must read.
"""
from __future__ import annotations

import re

from .model import Header

_SYMBOL = re.compile(r"S[ốo]\s*:\s*(\d+)\s*/\s*([A-ZĐ][A-ZĐa-z0-9\-/ ]*?)\s*(?:\n|$|\|)")
_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def parse_header(text: str) -> Header:
    h = Header()
    m = _SYMBOL.search(text[:3000])
    if m:
        h.symbol = f"{m.group(1)}/{m.group(2).replace(' ', '')}"
        h.type = m.group(2).split("-")[0]
        h.spans["symbol"] = (m.start(1), m.end(2))
    m = _DATE.search(text[:3000])
    if m:
        d, mo, y = (int(g) for g in m.groups())
        h.date = f"{y:04d}-{mo:02d}-{d:02d}"
        h.spans["date"] = (m.start(), m.end())
    return h

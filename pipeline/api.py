"""The library entry points that the CLI mirrors: read → normalise → structure → extract → areas."""
from __future__ import annotations

import hashlib
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pipeline.areas.hybrid import assign_areas
from pipeline.extract import extract_all
from pipeline.model import Document
from pipeline.normalize import normalize
from pipeline.read import read
from pipeline.structure import structure

SCHEMA = "kehoach.extract/1"


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load(path: str | Path, sha256: str | None = None) -> Document:
    """Read, normalise and structure one file. Raises ``InputError`` for unusable input."""
    path = Path(path)
    result = read(path)
    norm = normalize(result)
    return structure(sha256 or sha256_file(path), str(path), result.format, norm, result.encoding)


def document_json(doc: Document) -> dict[str, Any]:
    """The contract's ``document`` part with spans for each field found."""
    h = doc.header
    out: dict[str, Any] = {
        "symbol": h.symbol,
        "type": h.type,
        "issuer": h.issuer,
        "province": h.province,
        "date": h.date,
        "title": h.title,
        "signer": asdict(h.signer) if h.signer else None,
        "wrapper": h.wrapper,
        "spans": {k: doc.span(*v) for k, v in h.spans.items()},
    }
    return out


def sections_json(doc: Document) -> list[dict[str, Any]]:
    def node(s):
        return {
            "label": s.label, "kind": s.kind, "level": s.level, "title": s.title,
            "spans": [doc.span(s.start, s.end)], "children": [node(c) for c in s.children],
        }
    return [node(s) for s in doc.sections]


def facts_of(doc: Document) -> dict[str, Any]:
    """Every extracted part of one document, its tasks' programme areas named."""
    facts = extract_all(doc)
    assign_areas(facts["tasks"])
    return facts


def to_contract(doc: Document, facts: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON object of ../shared/CONTRACT.md for one document."""
    facts = facts if facts is not None else facts_of(doc)
    return {
        "schema": SCHEMA,
        "source": {
            "path": doc.path,
            "sha256": doc.id,
            "format": doc.format,
            "ocr": any(p.method == "ocr" for p in doc.norm.pages),
            "pages": len(doc.norm.pages),
            "encoding": doc.encoding,
            "page_methods": [
                {"page": p.number, "method": p.method, "confidence": p.confidence, "start": p.start, "end": p.end}
                for p in doc.norm.pages
            ],
        },
        "document": document_json(doc),
        **facts,
        "sections": sections_json(doc),
    }


def extract(path: str | Path) -> dict[str, Any]:
    """``kehoach extract FILE --json`` as a function."""
    return to_contract(load(path))

"""Coverage of the real documents in ../shared/real: what the extractors find in each file.

Usage: python scripts/real_coverage.py [FOLDER ...] [--json] [--unmatched N]

Prints, per folder (default ../shared/real/plans and ../shared/real/decisions): files read
without error; the share of files with symbol, type, date, issuer, title and signer found;
references, tasks and assignments per file; and organisation names the gazetteer leaves
without an id (``scripts/agency_coverage.py``: phrases that open with a body's kind word —
Sở, Ban, Bộ, Cục, Ủy ban, Hội, Trung tâm, Báo, Đài ... — where no agency mention starts), with
the most frequent ones. No answers are involved: this is the coverage the
README records, not a score.
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.api import extract  # noqa: E402
from pipeline.errors import InputError, internal_error  # noqa: E402
from scripts.agency_coverage import uncovered  # noqa: E402

SHARED = next((b / "shared" for b in (ROOT.parent, ROOT.parent.parent) if (b / "shared" / "real").is_dir()),
              ROOT.parent / "shared")
FIELDS = ("symbol", "type", "date", "issuer", "title", "signer")
def coverage(folder: Path, unmatched: int = 15) -> dict:
    files = sorted(p for p in folder.glob("*.txt"))
    found = Counter()
    errors: list[str] = []
    refs = tasks = assigns = 0
    loose: Counter = Counter()
    for f in files:
        try:
            c = extract(f)
        except InputError as e:
            errors.append(f"{f.name}: {e}")
            continue
        except Exception as e:  # counted as a failure of this file, the others go on
            errors.append(f"{f.name}: {internal_error(e)}")
            continue
        doc = c["document"]
        for k in FIELDS:
            found[k] += bool(doc.get(k))
        refs += len(c["references"])
        tasks += len(c["tasks"])
        assigns += sum(len(t["lead"]) + len(t["support"]) for t in c["tasks"])
        loose.update(uncovered(unicodedata.normalize("NFC", f.read_text(encoding="utf-8"))))
    n = len(files) - len(errors)
    return {
        "folder": str(folder), "files": len(files), "errors": errors,
        "share": {k: round(found[k] / n, 3) if n else 0.0 for k in FIELDS},
        "references_per_file": round(refs / n, 2) if n else 0.0,
        "tasks_per_file": round(tasks / n, 2) if n else 0.0,
        "assignments_per_file": round(assigns / n, 2) if n else 0.0,
        "unmatched_org_mentions": sum(loose.values()),
        "unmatched_top": loose.most_common(unmatched),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--unmatched", type=int, default=15, help="how many unmatched names to list")
    args = ap.parse_args()
    folders = args.folders or [SHARED / "real" / "plans", SHARED / "real" / "decisions"]
    out = [coverage(f, args.unmatched) for f in folders]
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    for r in out:
        print(f"{r['folder']}: {r['files']} files, {len(r['errors'])} failed")
        for e in r["errors"]:
            print(f"  error: {e}")
        print("  found: " + ", ".join(f"{k} {v:.0%}" for k, v in r["share"].items()))
        print(f"  per file: references {r['references_per_file']}, tasks {r['tasks_per_file']}, "
              f"lead/support ids {r['assignments_per_file']}")
        print(f"  organisation names without an id: {r['unmatched_org_mentions']}")
        for name, k in r["unmatched_top"]:
            print(f"    {k:4d}  {name}")
    return 1 if any(r["errors"] for r in out) else 0


if __name__ == "__main__":
    sys.exit(main())

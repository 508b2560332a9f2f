"""Plans composed for the product tests: text written line by line, each fact given its span.

Why: the graph, comparisons, audits and web page read the store, not the text; composing the
contract directly (as the extractors would write it) keeps these tests independent of how well
the extractors do, while the spans still point at real words of a real stored text.
"""
from __future__ import annotations

import hashlib
from typing import Any

from pipeline import store


class Plan:
    """A plan being written: ``line`` appends text, the fact methods append text and a fact."""

    def __init__(self, symbol: str | None, province: str | None, date: str | None, title: str,
                 issuer: str | None = None, path: str | None = None) -> None:
        self.doc = {"symbol": symbol, "type": "KH", "issuer": issuer or (f"UBND tỉnh {province}" if province else None),
                    "province": province, "date": date, "title": title, "signer": None, "spans": {}}
        self.path = path or f"corpus/{(symbol or title).replace('/', '_')}.txt"
        self.text = ""
        self.parts: dict[str, list[dict[str, Any]]] = {k: [] for k in
                                                       ("references", "named_references", "agencies", "targets",
                                                        "deadlines", "tasks")}
        head = self.line(f"ỦY BAN NHÂN DÂN TỈNH {province.upper()}" if province else "ỦY BAN NHÂN DÂN")
        self.doc["spans"]["issuer"] = head
        if symbol:
            self.line(f"Số: {symbol}")
        self.line(f"KẾ HOẠCH {title}")

    def line(self, s: str) -> dict[str, int]:
        start = len(self.text)
        self.text += s + "\n"
        return {"start": start, "end": start + len(s)}

    def sub(self, span: dict[str, int], needle: str) -> dict[str, int]:
        """The span of ``needle`` inside an earlier span."""
        i = self.text.index(needle, span["start"], span["end"])
        return {"start": i, "end": i + len(needle)}

    def cite(self, symbol: str, type_: str, number: str, year: int | None, relation: str = "cites",
             date: str | None = None, issuer: str | None = None, sentence: str | None = None) -> dict[str, int]:
        sentence = sentence or f"Căn cứ {symbol} của {issuer or 'cơ quan có thẩm quyền'};"
        sp = self.line(sentence)
        self.mention(symbol, type_, number, year, relation, date, issuer, sp)
        return sp

    def mention(self, symbol: str, type_: str, number: str, year: int | None, relation: str = "cites",
                date: str | None = None, issuer: str | None = None, within: dict[str, int] | None = None) -> None:
        """A reference to a document whose symbol is printed inside an earlier span (a task, say)."""
        self.parts["references"].append({"type": type_, "number": number, "symbol": symbol, "year": year,
                                         "date": date, "issuer": issuer, "relation": relation,
                                         "spans": [self.sub(within, symbol)]})

    def agency(self, id_: str, name: str, span: dict[str, int]) -> None:
        for a in self.parts["agencies"]:
            if a["id"] == id_:
                a["spans"].append(span)
                return
        self.parts["agencies"].append({"id": id_, "name": name, "spans": [span]})

    def task(self, path: list[str], text: str, area: str | None, lead: list[str] = (), support: list[str] = (),
             flags: list[str] = (), assignments: list[dict[str, Any]] | None = None) -> int:
        sp = self.line(f"{path[-1]}. {text}" if not path[-1].startswith("-") else f"- {text}")
        t = {"path": list(path), "text": text, "area": area, "lead": list(lead), "support": list(support),
             "spans": [sp], "flags": list(flags)}
        if assignments is not None:
            t["assignments"] = assignments
        self.parts["tasks"].append(t)
        return len(self.parts["tasks"]) - 1

    def target(self, value: float, unit: str, comparator: str, metric: str, sentence: str) -> dict[str, int]:
        sp = self.line(sentence)
        self.parts["targets"].append({"value": value, "unit": unit, "comparator": comparator, "metric": metric,
                                      "spans": [sp]})
        return sp

    def deadline(self, kind: str, sentence: str, date: str | None = None, start: str | None = None,
                 end: str | None = None, when: list[str] | None = None, what: str = "",
                 agency: str | None = None, task_ord: int | None = None) -> dict[str, int]:
        sp = self.line(sentence)
        d = {"kind": kind, "date": date, "start": start, "end": end, "when": when or [], "what": what,
             "agency": agency, "spans": [sp]}
        if task_ord is not None:
            d["task_ord"] = task_ord
        self.parts["deadlines"].append(d)
        return sp

    @property
    def sha(self) -> str:
        return hashlib.sha256((self.path + self.text).encode()).hexdigest()

    def contract(self) -> dict[str, Any]:
        return {"schema": "kehoach.extract/1",
                "source": {"path": self.path, "sha256": self.sha, "format": "txt", "ocr": False, "pages": 1,
                           "page_methods": [{"page": 1, "method": "text", "confidence": 1.0, "start": 0,
                                             "end": len(self.text)}]},
                "document": self.doc, **self.parts,
                "sections": [{"label": "I", "kind": "roman", "level": 1, "title": "NHIỆM VỤ",
                              "spans": [{"start": 0, "end": len(self.text)}], "children": []}]}

    def write(self, db) -> str:
        store.write_document(db, self.contract(), self.text)
        return self.sha


def national_193(p: Plan, relation: str = "implements") -> None:
    p.cite("193/QĐ-TTg", "QĐ", "193", 2021, relation, "2021-02-09", "Thủ tướng Chính phủ",
           "Thực hiện Quyết định số 193/QĐ-TTg ngày 09/02/2021 của Thủ tướng Chính phủ;")


def complete_plan(symbol: str, province: str, date: str, *, title: str | None = None) -> Plan:
    """A plan an auditor finds nothing wrong with: every task led, a focal agency, a reporting
    regime, targets at the national level, dates inside the plan's year."""
    year = date[:4]
    p = Plan(symbol, province, date, title or f"Phòng, chống mua bán người năm {year}")
    national_193(p)
    p.target(100, "%", "=", "tố giác, tin báo về tội phạm mua bán người được tiếp nhận, phân loại",
             "Bảo đảm 100% tố giác, tin báo về tội phạm mua bán người được tiếp nhận, phân loại;")
    p.target(90, "%", ">", "tỷ lệ giải quyết", "tỷ lệ giải quyết đạt trên 90%.")
    i = p.task(["II", "1"], "Tuyên truyền phòng, chống mua bán người tại các xã biên giới.", "phong_ngua",
               ["so_van_hoa"], ["hoi_phu_nu"])
    p.agency("so_van_hoa", "Sở Văn hóa, Thể thao và Du lịch", p.parts["tasks"][i]["spans"][0])
    j = p.task(["II", "2"], "Điều tra, xử lý các vụ mua bán người.", "dau_tranh", ["cong_an_tinh"], ["vks_tinh"])
    p.agency("cong_an_tinh", "Công an tỉnh", p.parts["tasks"][j]["spans"][0])
    p.task(["II", "3"], "Tiếp nhận, hỗ trợ nạn nhân trở về.", "ho_tro_nan_nhan", ["so_lao_dong"])
    p.line("Công an tỉnh là cơ quan thường trực, giúp Ủy ban nhân dân tỉnh theo dõi, đôn đốc thực hiện Kế hoạch.")
    p.deadline("recurring", f"Báo cáo kết quả định kỳ 6 tháng (trước ngày 10/6) và năm (trước ngày 10/12).",
               when=["06-10", "12-10"], what="báo cáo 6 tháng, năm", agency="cong_an_tinh")
    return p

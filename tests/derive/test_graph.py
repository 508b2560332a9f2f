"""The knowledge graph: derived from the store, rebuilt per document, national → local."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from composed_plans import Plan, national_193
from pipeline.derive import graph
from pipeline import store
from pipeline.queries import national
from pipeline.derive import refresh


@pytest.fixture
def db(tmp_db):
    return store.connect(tmp_db)


def _chain(db):
    """193/QĐ-TTg ← a national 2024 plan ← a provincial plan; and a plan that only names 193 in a task."""
    nat = Plan("19/KH-BCĐ138/CP", None, "2024-01-15", "Thực hiện công tác phòng, chống mua bán người năm 2024",
               issuer="Ban Chỉ đạo 138/CP")
    national_193(nat)
    nat.task(["II", "1"], "Các bộ, ngành rà soát quy định.", "chinh_sach_phap_luat", ["cac_bo_nganh"])
    local = Plan("33/KH-UBND", "Sóc Trăng", "2024-03-02", "Phòng, chống mua bán người năm 2024")
    local.cite("19/KH-BCĐ138/CP", "KH", "19", 2024, "implements", "2024-01-15", "Ban Chỉ đạo 138/CP",
               "Thực hiện Kế hoạch số 19/KH-BCĐ138/CP ngày 15/01/2024 của Ban Chỉ đạo 138/CP;")
    local.task(["II", "1"], "Tăng cường tuyên truyền ở vùng sâu.", "phong_ngua", ["so_van_hoa"], ["doan_thanh_nien"])
    local.task(["II", "2"], "Rà soát người lao động đi làm việc ở nước ngoài.", "phong_ngua", ["so_lao_dong"])
    other = Plan("7/KH-UBND", "Lạng Sơn", "2023-05-05", "Công tác phòng, chống tội phạm năm 2023")
    i = other.task(["III", "4"], "Sơ kết việc thực hiện Quyết định số 193/QĐ-TTg tại địa phương.", "chi_dao",
                   ["cong_an_tinh"])
    other.mention("193/QĐ-TTg", "QĐ", "193", 2021, "cites", None, None, other.parts["tasks"][i]["spans"][0])
    other.task(["III", "5"], "Kiểm tra cơ sở kinh doanh lưu trú.", "phong_ngua", ["cong_an_tinh"])
    return [p.write(db) for p in (nat, local, other)]


def test_national_document_reaches_tasks_through_an_implementing_chain_and_by_name(db):
    _chain(db)
    refresh.rebuild(db)
    rows = national.national_to_local(db, "193/QĐ-TTg")
    texts = {r["text"]: r for r in rows}
    assert "Tăng cường tuyên truyền ở vùng sâu." in texts            # through 19/KH-BCĐ138/CP
    assert texts["Tăng cường tuyên truyền ở vùng sâu."]["depth"] == 2
    assert "Sơ kết việc thực hiện Quyết định số 193/QĐ-TTg tại địa phương." in texts  # names it
    assert texts["Sơ kết việc thực hiện Quyết định số 193/QĐ-TTg tại địa phương."]["how"] == "names"
    assert "Kiểm tra cơ sở kinh doanh lưu trú." not in texts         # that plan only cites 193


def test_the_networkx_graph_answers_the_same_question(db):
    _chain(db)
    refresh.rebuild(db)
    g = graph.load(db)
    (nat,) = national.find_document(db, "193/QĐ-TTg")
    implementers = {u for u in nx.ancestors(nx.DiGraph((u, v) for u, v, k in g.edges(keys=True) if k == "implements"),
                                            nat)}
    assert {g.nodes[n]["label"] for n in implementers} == {"19/KH-BCĐ138/CP", "33/KH-UBND"}
    assert g.nodes[nat]["stored_doc"] == ""  # known only because it is cited


def test_a_local_symbol_names_a_different_plan_in_each_province(db):
    a = Plan("61/KH-UBND", "Kon Tum", "2022-02-01", "Kế hoạch A")
    a.task(["1"], "Tuyên truyền.", "phong_ngua", ["so_van_hoa"])
    b = Plan("61/KH-UBND", "Bình Phước", "2022-03-01", "Kế hoạch B")
    c = Plan("90/KH-UBND", "Kon Tum", "2022-06-01", "Kế hoạch C")
    c.cite("61/KH-UBND", "KH", "61", 2022, "implements", None, None, "Thực hiện Kế hoạch số 61/KH-UBND của UBND tỉnh;")
    ids = [p.write(db) for p in (a, b, c)]
    refresh.rebuild(db)
    nodes = db.execute("select id, stored_doc from graph_nodes where label = '61/KH-UBND'").fetchall()
    assert len(nodes) == 2
    target = db.execute("select dst from graph_edges where kind = 'implements'").fetchone()[0]
    assert dict(nodes)[target] == ids[0]


def test_rebuilding_one_document_replaces_only_its_rows(db):
    ids = _chain(db)
    refresh.rebuild(db)
    before_other = db.execute("select count(*) from graph_edges where doc_id = ?", [ids[2]]).fetchone()[0]
    local = Plan("33/KH-UBND", "Sóc Trăng", "2024-03-02", "Phòng, chống mua bán người năm 2024")
    local.task(["1"], "Chỉ còn một nhiệm vụ.", "chi_dao", ["ubnd_tinh"])
    local.path = "corpus/33_KH-UBND.txt"
    store.write_document(db, local.contract(), local.text)
    db.execute("delete from documents where id = ?", [ids[1]])  # the old version of the file
    refresh.rebuild(db, [local.sha, ids[1]])
    assert db.execute("select count(*) from graph_edges where doc_id = ?", [ids[1]]).fetchone()[0] == 0
    assert db.execute("select count(*) from graph_edges where doc_id = ?", [ids[2]]).fetchone()[0] == before_other
    tasks = db.execute("select count(*) from graph_edges where kind = 'has_task' and doc_id = ?",
                       [local.sha]).fetchone()[0]
    assert tasks == 1
    full = refresh.rebuild(db)
    refresh.rebuild(db, [local.sha])
    again = {"nodes": db.execute("select count(*) from graph_nodes").fetchone()[0],
             "edges": db.execute("select count(*) from graph_edges").fetchone()[0]}
    assert again == full  # incremental equals full


def test_a_citation_without_a_year_joins_the_dated_document(db):
    a = Plan("5/KH-UBND", "Yên Bái", "2022-01-10", "A")
    a.cite("193/QĐ-TTg", "QĐ", "193", 2021, "implements", "2021-02-09")
    b = Plan("8/KH-UBND", "Yên Bái", "2022-04-10", "B")
    b.cite("193/QĐ-TTg", "QĐ", "193", None, "cites")
    a.write(db)
    b.write(db)
    refresh.rebuild(db)
    assert db.execute("select count(*) from graph_nodes where label = '193/QĐ-TTg'").fetchone()[0] == 1


def test_concrete_agencies_are_instances_of_their_kind_in_their_province(db):
    _chain(db)
    refresh.rebuild(db)
    g = graph.load(db)
    inst = "agency:Sóc Trăng:so_van_hoa"
    assert ("kind:so_van_hoa" in g[inst]) and g.nodes[inst]["kind"] == "agency"
    led = [v for _, v, k in g.out_edges(inst, keys=True) if k == "leads"]
    assert [g.nodes[t]["text"] for t in led] == ["Tăng cường tuyên truyền ở vùng sâu."]
    # a merged province points at its successor, dated
    merged = [(v, d["effective"]) for _, v, k, d in g.out_edges("prov:Sóc Trăng", keys=True, data=True)
              if k == "merged_into"]
    assert merged == [("prov:Cần Thơ", "2025-07-01")]


def test_graph_exports_to_graphml_and_node_link_json(db, tmp_path):
    _chain(db)
    refresh.rebuild(db)
    g = graph.load(db)
    graph.export_graphml(g, tmp_path / "g.graphml")
    graph.export_json(g, tmp_path / "g.json")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    data = json.loads((tmp_path / "g.json").read_text())
    assert len(data["nodes"]) == g.number_of_nodes() and len(data["links"]) == g.number_of_edges()


def test_a_task_links_to_the_deadline_target_and_document_stated_in_it(tmp_path):
    from pipeline.ingest import ingest

    text = """ỦY BAN NHÂN DÂN
TỈNH HÒA BÌNH
Số: 71/KH-UBND
Hòa Bình, ngày 06 tháng 3 năm 2025
KẾ HOẠCH
Phòng, chống mua bán người năm 2025
Thực hiện Quyết định số 193/QĐ-TTg ngày 09/02/2021 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC TIÊU
1. Phấn đấu 90% số vụ việc được phát hiện sớm.
II. NHIỆM VỤ
1. Sở Tư pháp chủ trì tuyên truyền Luật Phòng, chống mua bán người, bảo đảm 100% xã vùng cao được tuyên truyền, hoàn thành trước ngày 30/9/2025.
2. Công an tỉnh tiếp tục thực hiện Quyết định số 9145/QĐ-BCĐ ngày 06/12/2022 của Ban Chỉ đạo 138/CP.
"""
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "plan.txt").write_text(text, encoding="utf-8")
    ingest([tmp_path / "c"], tmp_path / "k.db", workers=1)
    db = store.connect(tmp_path / "k.db")
    edges = {(r["kind"], r["title"]) for r in db.query(
        "select e.kind, d.label as title from graph_edges e join graph_nodes s on s.id = e.src "
        "join graph_nodes d on d.id = e.dst where s.kind = 'task'")}
    kinds = {k for k, _ in edges}
    assert {"has_deadline", "has_target", "names"} <= kinds
    assert any(k == "has_target" and "100" in t for k, t in edges)
    assert not any(k == "has_target" and "90" in t for k, t in edges)  # the objective is the plan's, no task's

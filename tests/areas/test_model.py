"""The trained programme-area classifier: the shipped model, its rebuild, its evaluation."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.areas import model as M
from pipeline.areas.training import path_key, read_labels
from pipeline.areas.hybrid import classify_areas, hybrid_area
from pipeline.areas.rules import area_ids, classify_area
import importlib

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"

# Items composed for this test (not in models/area_labels.tsv), one clear case per area.
CLEAR = [
    ("Tổ chức hội nghị sơ kết 6 tháng thực hiện Kế hoạch, biểu dương các xã làm tốt.", (), "chi_dao"),
    ("Phát trên loa truyền thanh các xã bản tin cảnh báo thủ đoạn dụ dỗ phụ nữ sang biên giới làm thuê.",
     (), "phong_ngua"),
    ("Đẩy nhanh điều tra, truy tố, xét xử nghiêm các vụ án mua bán người, truy bắt đối tượng bỏ trốn.",
     (), "dau_tranh"),
    ("Xử phạt vi phạm hành chính các cơ sở môi giới hôn nhân trái phép, thu hồi giấy phép hoạt động.",
     (), "xu_ly_vi_pham"),
    ("Giải cứu, tiếp nhận và xác minh, xác định nạn nhân được phía nước bạn trao trả tại cửa khẩu.",
     (), "tiep_nhan_bao_ve"),
    ("Hỗ trợ học nghề, vay vốn và tư vấn tâm lý để nạn nhân trở về tái hòa nhập cộng đồng.",
     (), "ho_tro_nan_nhan"),
    ("Rà soát, kiến nghị sửa đổi văn bản quy phạm pháp luật của tỉnh; theo dõi thi hành pháp luật về phòng, chống mua bán người.",
     (), "chinh_sach_phap_luat"),
    ("Duy trì trao đổi thông tin, hợp tác quốc tế với lực lượng chức năng các tỉnh giáp biên của nước bạn.",
     (), "hop_tac"),
    ("Cập nhật biểu mẫu thống kê và cơ sở dữ liệu về nạn nhân, thống nhất số liệu giữa các ngành.",
     (), "du_lieu_thong_ke"),
    ("Mở lớp tập huấn, bồi dưỡng nghiệp vụ cho cán bộ Công an xã về nhận diện nạn nhân.",
     (), "nang_cao_nang_luc"),
]


def test_the_shipped_model_loads_and_knows_every_area():
    model = M.shipped()
    assert model is not None
    assert set(model.labels) == set(area_ids())


@pytest.mark.parametrize("text,heads,area", CLEAR, ids=[a for _, _, a in CLEAR])
def test_the_model_labels_a_clear_item_of_each_area(text, heads, area):
    assert classify_areas([(text, heads)], mode="model") == [area]
    assert classify_areas([(text, heads)], mode="hybrid") == [area]


def test_one_batch_gives_the_same_answers_as_items_one_by_one():
    items = [(t, h) for t, h, _ in CLEAR]
    assert classify_areas(items, mode="hybrid") == [classify_areas([it], mode="hybrid")[0] for it in items]


def test_ocr_text_without_diacritics_reads_like_the_original():
    from pipeline.text.fold import fold

    items = [(t, h) for t, h, _ in CLEAR]
    assert classify_areas([(fold(t), h) for t, h in items], mode="model") == classify_areas(items, mode="model")


def test_a_heading_that_names_an_area_steers_a_vague_item_in_the_default_hybrid():
    heads = ("NHIỆM VỤ", "Công tác hỗ trợ nạn nhân, tái hòa nhập cộng đồng")
    vague = ["Thực hiện tốt các nhiệm vụ được giao trong năm 2026.", "Triển khai các nội dung theo chức năng."]
    assert classify_areas([(v, heads) for v in vague], mode="hybrid") == ["ho_tro_nan_nhan"] * 2


def test_rules_mode_is_the_keyword_rule_set_and_an_unknown_mode_falls_back_to_it():
    items = [(t, h) for t, h, _ in CLEAR]
    rules = [classify_area(t, h) for t, h in items]
    assert classify_areas(items, mode="rules") == rules
    assert classify_areas(items, mode="no-such-mode") == rules
    assert classify_areas([], mode="hybrid") == []


def test_the_hybrid_takes_the_model_only_when_it_is_confident():
    from pipeline.areas.hybrid import HYBRID_CONFIDENCE as c

    rest = (0.95 - c) / 2
    assert hybrid_area("chi_dao", {"chi_dao": rest, "hop_tac": c + 0.05, "dau_tranh": rest}) == "hop_tac"
    assert hybrid_area("chi_dao", {"chi_dao": c - 0.1, "hop_tac": c - 0.05, "dau_tranh": 1.15 - 2 * c}) == "chi_dao"
    assert hybrid_area("chi_dao", {}) == "chi_dao"


def test_odd_text_gets_a_known_area():
    odd = [("", ()), ("....;;;", ("",)), ("x" * 20000, ("y" * 5000,)), ("１２３ ＡＢＣ ⅷ", ())]
    for area in classify_areas(odd, mode="hybrid"):
        assert area in area_ids()


def test_the_label_file_covers_every_area_with_several_dozen_items_and_only_known_ids():
    items = read_labels()
    counts = {a: sum(1 for it in items if it.area == a) for a in area_ids()}
    assert set(it.area for it in items) <= set(area_ids())
    assert min(counts.values()) >= 60, counts


def test_a_gold_path_matches_the_extracted_path_that_carries_its_parent():
    assert path_key(["II", "2", "2.1", "(3)"]) == path_key(["II", "2.1", "(3)"])
    assert path_key(["III", "2."]) == ("iii", "2")
    assert path_key(["II", "1", "a"]) != path_key(["II", "a"])


def _load_script(name: str):
    return importlib.import_module("scripts." + name)

def test_the_training_script_rebuilds_a_working_model_from_the_label_data(tmp_path):
    train = _load_script("train_area")
    cfg = M.TrainConfig(epochs=4)
    summary = train.build(tmp_path / "m", use_seeds=False, cfg=cfg)
    assert summary["labels"] == len(read_labels()) and summary["seed_tasks"] == 0
    table = M.LinearTable.load(tmp_path / "m")
    # the exported table answers as the spaCy pipeline it was read from
    import spacy

    spacy_model = M.AreaModel(spacy.load(tmp_path / "m"))
    items = [(it.text, it.headings) for it in read_labels()[::7]]
    assert table.predict(items) == spacy_model.predict(items)
    # and it has learnt its data
    labelled = read_labels()
    right = sum(p == it.area for p, it in zip(table.predict([(i.text, i.headings) for i in labelled]), labelled))
    assert right / len(labelled) > 0.9


def test_training_is_deterministic(tmp_path):
    train = _load_script("train_area")
    for d in ("a", "b"):
        train.build(tmp_path / d, use_seeds=False, cfg=M.TrainConfig(epochs=2))
    assert (tmp_path / "a" / "weights.npz").read_bytes() == (tmp_path / "b" / "weights.npz").read_bytes()


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="needs ../shared/seeds and ../shared/gold")
def test_the_leave_one_document_out_evaluation_runs_and_counts_every_gold_task():
    import json

    ev = _load_script("eval_area")
    result = ev.evaluate(M.TrainConfig(epochs=2), cv=2, log=lambda s: None)
    rows = {r["fold"]: r for r in result["rows"]}
    n_gold = sum(len(json.loads(f.read_text(encoding="utf-8")).get("tasks") or [])
                 for f in (SHARED / "gold").glob("*.json"))
    assert rows["LODO overall"]["n"] == n_gold
    assert rows["labels 2-fold CV"]["n"] == len(read_labels())
    for k in ("rules", "model", "hybrid"):
        assert 0 <= rows["LODO overall"][k] <= n_gold
    assert "LODO overall" in ev.table(result)


def test_batched_feature_words_are_each_items_own():
    from pipeline.areas.model import words, words_batch

    items = [("Tổ chức tuyên truyền về phòng, chống mua bán người tại các xã biên giới.", ("II. NHIỆM VỤ", "1. Truyền thông")),
             ("", ()),
             ("Đ" * 500 + " tiếp nhận, xác minh nạn nhân 🙂", ("3. Hỗ trợ nạn nhân",)),
             ("Điều tra, truy tố, xét xử nghiêm các vụ án", ())]
    assert words_batch(items) == [words(t, h) for t, h in items]


def test_a_model_trained_without_a_slice_of_the_labels_beats_the_rules_on_that_slice():
    """The point of the model: on composed items it has not seen (every fifth label row, all
    areas and heading kinds), it is right clearly more often than the keyword rules."""
    labels = read_labels()
    held = labels[::5]
    train = [it for i, it in enumerate(labels) if i % 5]
    cfg = M.TrainConfig(epochs=8)
    table = M.fit(train, area_ids(), cfg).table(M.training_words(train, cfg))
    items = [(it.text, it.headings) for it in held]
    model_right = sum(p == it.area for p, it in zip(table.predict(items), held))
    rules_right = sum(classify_area(t, h) == it.area for (t, h), it in zip(items, held))
    assert model_right >= rules_right + 0.04 * len(held), (model_right, rules_right, len(held))
    assert model_right >= 0.85 * len(held)


# How plans name who leads and supports a task, around the task's words (other agencies and
# shapes than models/area_lead_shapes.tsv uses).
LEADS = [
    "Ủy ban nhân dân các phường, xã chủ trì, phối hợp với Công an tỉnh thực hiện: {t}",
    "{t} Đơn vị chủ trì: Sở Nội vụ; đơn vị phối hợp: Bộ Chỉ huy Quân sự tỉnh, Liên đoàn Lao động tỉnh.",
    "Văn phòng UBND tỉnh, Sở Tài chính và các cơ quan liên quan: {t}",
]


@pytest.mark.parametrize("shape", LEADS)
def test_agency_names_around_a_clear_item_do_not_change_its_area(shape):
    items = [(shape.format(t=t[:1].lower() + t[1:]), h) for t, h, _ in CLEAR]
    got = classify_areas(items, mode="model")
    wrong = [(a, g) for (_, _, a), g in zip(CLEAR, got) if a != g]
    assert len(wrong) <= 1, wrong


def test_a_heading_that_names_an_area_gives_its_area_feature_and_an_actor_heading_none():
    from pipeline.areas.model import _heading_area, words

    assert _heading_area("Công tác truyền thông, phòng ngừa") == "phong_ngua"
    assert _heading_area("Sơ kết, tổng kết, báo cáo") == "chi_dao"  # "sơ", not "Sở"
    assert _heading_area("Bảo vệ nạn nhân") == "tiep_nhan_bao_ve"  # "bảo", not "Báo"
    for actor in ("Sở Y tế", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Ủy ban nhân dân các xã, phường",
                  "Đề nghị Tòa án nhân dân tỉnh", "Nội dung hoạt động"):
        assert _heading_area(actor) is None, actor
    assert "ha_phong_ngua" in words("Thực hiện các nội dung.", ("NHIỆM VỤ", "Công tác tuyên truyền"))


def test_a_clause_of_another_area_after_a_clear_item_does_not_take_its_area():
    """Plan items run on: a crackdown item goes on to ask for communication, a support item
    for statistics. The item's opening says what the work is, so its area holds."""
    items = []
    for i, (t, h, _) in enumerate(CLEAR):
        other = CLEAR[(i + 3) % len(CLEAR)][0]
        items.append((t.rstrip(".") + ". " + other, h))
    got = classify_areas(items, mode="hybrid")
    wrong = [(a, g) for (_, _, a), g in zip(CLEAR, got) if a != g]
    assert len(wrong) <= 1, wrong

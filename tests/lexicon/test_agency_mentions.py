"""The gazetteer beyond the anti-trafficking committee: the state apparatus of plans on any
subject (ministries before and after 2025, national committees, boards, police units, party
bodies, mass organisations, press), generic groups, and bodies named by their remit.

Every sentence is composed for the test, in the run-on layout of web copies of real plans.
"""
from __future__ import annotations

from pipeline.lexicon.agency_mentions import find_agencies
from pipeline.lexicon.gazetteer import vocab_levels


def ids(text: str) -> list[str]:
    return [m.id for m in find_agencies(text)]


def test_ministries_before_and_after_the_2025_reorganisation_have_ids():
    text = ("Phối hợp với Bộ Giao thông vận tải, Bộ Kế hoạch và Đầu tư, Bộ TN&MT, Bộ Nông nghiệp và Môi trường, "
            "Bộ Khoa học và Công nghệ, Thanh tra Chính phủ, Ngân hàng Nhà nước Việt Nam và Ủy ban Dân tộc")
    assert ids(text) == ["bo_giao_thong", "bo_ke_hoach", "bo_tai_nguyen", "bo_nong_nghiep", "bo_khoa_hoc",
                         "thanh_tra_chinh_phu", "ngan_hang_nha_nuoc", "bo_dan_toc"]


def test_new_central_bodies_are_central_in_the_vocabulary():
    levels = vocab_levels()
    for ident in ("bo_giao_thong", "bo_xay_dung", "ubatgt_quoc_gia", "cuc_duong_bo", "thanh_tra_chinh_phu"):
        assert levels[ident] == "central", ident
    assert levels["ban_atgt_tinh"] == "province"


def test_national_traffic_committee_under_its_names_and_abbreviations():
    for text in ("Thực hiện Kế hoạch của Ủy ban An toàn giao thông Quốc gia,",
                 "theo hướng dẫn của Ủy ban ATGT Quốc gia về",
                 "gửi Văn phòng UBATGTQG trước ngày",
                 "Chỉ thị của Ban An toàn giao thông Quốc gia (nay là Ủy ban)",
                 "đề nghị của Ủy ban An toàn giao thông (ATGT) Quốc gia về việc"):
        assert "ubatgt_quoc_gia" in ids(text), text


def test_provincial_traffic_board_and_district_boards_as_a_group():
    assert ids("Ban An toàn giao thông tỉnh Yên Bái chủ trì") == ["ban_atgt_tinh"]
    assert ids("Thường trực Ban ATGT tỉnh tổng hợp") == ["ban_atgt_tinh"]
    # district boards named as a group are the districts (CONTRACT "Groups")
    assert ids("Ban An toàn giao thông các huyện, thị xã, thành phố xây dựng kế hoạch") == ["ubnd_cap_huyen"]
    assert ids("Ban ATGT cấp huyện báo cáo") == ["ubnd_cap_huyen"]


def test_members_of_a_board_are_the_departments_and_the_board_is_still_named():
    assert ids("các cơ quan thành viên Ban An toàn giao thông tỉnh triển khai") == ["cac_so_nganh", "ban_atgt_tinh"]


def test_sub_unit_named_with_its_parent_is_the_parent():
    assert set(ids("Phòng Cảnh sát giao thông Công an tỉnh chủ trì")) == {"cong_an_tinh"}
    assert set(ids("Phòng CSGT phối hợp")) == {"cong_an_tinh"}
    assert set(ids("Cục Cảnh sát giao thông - Bộ Công an hướng dẫn")) == {"bo_cong_an"}
    assert set(ids("Cục C08 - Bộ Công an hướng dẫn")) == {"bo_cong_an"}
    assert ids("lực lượng Cảnh sát giao thông tăng cường tuần tra") == ["cong_an_tinh"]


def test_ministry_departments_of_transport():
    assert ids("phối hợp với Cục Đường bộ Việt Nam, Cục Đăng kiểm Việt Nam") == ["cuc_duong_bo", "cuc_dang_kiem"]
    assert ids("Khu Quản lý đường bộ IV kiểm tra") == ["cuc_duong_bo"]


def test_party_boards_stand_for_the_party_committee_and_central_ones_for_the_centre():
    assert set(ids("Ủy ban Kiểm tra Tỉnh ủy, Ban Tổ chức Tỉnh ủy")) == {"tinh_uy"}
    assert ids("Ban Tuyên giáo Trung ương hướng dẫn") == ["bo_chinh_tri"]


def test_mass_organisations_press_and_public_service_units():
    text = ("Hội Liên hiệp Thanh niên Việt Nam, Đội Thiếu niên Tiền phong Hồ Chí Minh, Hội Sinh viên Việt Nam, "
            "Hội Chữ thập đỏ tỉnh, Báo Giao thông, Cảng vụ Hàng hải Nha Trang, Công ty Điện lực Phú Yên")
    assert ids(text) == ["hoi_lien_hiep_thanh_nien", "doi_thieu_nien_tien_phong", "hoi_sinh_vien", "hoi_chu_thap_do",
                         "bao_trung_uong", "cang_vu_hang_hai", "dien_luc_tinh"]


def test_delegation_of_deputies_is_the_national_assembly_and_its_office_names_the_council_too():
    assert ids("- Văn phòng Đoàn ĐBQH và HĐND tỉnh;") == ["quoc_hoi", "hdnd_tinh"]


def test_transport_operators_as_a_group():
    assert ids("các đơn vị, doanh nghiệp kinh doanh vận tải chấp hành") == ["doanh_nghiep_van_tai"]
    assert ids("- Các Doanh nghiệp KDVT;") == ["doanh_nghiep_van_tai"]


def test_any_generic_list_of_units_is_the_catch_all():
    assert ids("các cơ quan, đơn vị thực thi công vụ phải gương mẫu") == ["co_quan_lien_quan"]
    assert ids("Người đứng đầu các cơ quan,\nđơn vị chịu trách nhiệm") == ["co_quan_lien_quan"]
    assert ids("Các sở, ban, ngành, cơ quan, đơn vị, địa phương liên quan chủ động") == ["cac_so_nganh", "co_quan_lien_quan"]
    assert ids("các cơ quan chức năng xử lý nghiêm") == ["co_quan_lien_quan"]


def test_each_actors_own_unit_is_no_mention():
    assert ids("căn cứ Kế hoạch này xây dựng kế hoạch của đơn vị, địa phương") == []
    assert ids("tổ chức tổng kết tại cơ quan, đơn vị, địa phương") == []
    assert ids("phối hợp với cơ quan chức năng nước bạn xác minh") == []


def test_schools_as_a_list_item_but_not_as_a_place():
    assert ids("các cơ quan, đơn vị, doanh nghiệp, trường học hưởng ứng") == ["co_quan_lien_quan", "truong_hoc"]
    assert ids("giáo dục an toàn giao thông trong trường học") == []
    assert ids("xây dựng môi trường học đường an toàn") == []
    assert ids("các trung tâm thương mại, trường học, bệnh viện trong đô thị") == []


def test_departments_listed_by_remit_after_the_kind_word():
    text = ("Giám đốc các sở: Giao thông vận tải, Tài chính, Thông tin và Truyền thông, Xây dựng, Tài nguyên\n"
            "và Môi trường, Công Thương; Chủ tịch UBND các huyện")
    assert ids(text) == ["so_giao_thong", "so_tai_chinh", "so_thong_tin", "so_xay_dung", "so_tai_nguyen",
                         "so_cong_thuong", "ubnd_cap_huyen"]
    assert ids("phối hợp với các Bộ: Công an, Quốc phòng và Ngoại giao") == ["bo_cong_an", "bo_quoc_phong", "bo_ngoai_giao"]


def test_a_list_by_remit_ends_at_a_word_that_names_no_department():
    assert ids("các sở Y tế, Tư pháp, doanh nghiệp") == ["so_y_te", "so_tu_phap"]


def test_department_named_by_its_function():
    text = ("2. Cơ quan chuyên môn trực thuộc Ủy ban nhân dân\ntỉnh thực hiện công tác quản lý nhà nước về "
            "khoa học, công nghệ - Chủ trì, phối hợp")
    assert ids(text) == ["so_khoa_hoc"]
    text = "Cơ quan chuyên môn thuộc UBND tỉnh thực hiện quản lý nhà nước về xây dựng, giao thông và vận tải chủ trì"
    assert ids(text) == ["so_xay_dung"]


def test_title_in_capitals_is_not_an_abbreviation():
    # "TỰ" folds to "TU" (Tỉnh ủy), "BÁO TÌNH" to "Báo tỉnh": capitals with tone marks are words
    assert ids("KẾ HOẠCH BẢO ĐẢM TRẬT TỰ, AN TOÀN GIAO THÔNG NĂM 2026") == []
    assert ids("Thường trực TU chỉ đạo") == ["tinh_uy"]


def test_body_named_inside_a_laws_name_is_no_mention():
    assert ids("Căn cứ Luật Tổ chức Chính phủ ngày 19/6/2015;") == []
    assert ids("Luật Tổ chức chính quyền địa phương; đề nghị của Chính phủ") == ["chinh_phu"]


def test_every_gazetteer_id_has_a_row_with_its_level_and_the_shared_rows_come_first():
    from pipeline.lexicon.gazetteer import ALIASES, BLOCK, PROVINCE, VOCAB

    rows = [ln.split("\t") for ln in ALIASES.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    used = {r[0] for r in rows if r[0] not in (BLOCK, PROVINCE)}
    levels = vocab_levels()
    assert used <= set(levels), sorted(used - set(levels))
    assert set(levels.values()) <= {"central", "province", "district", "commune", "group", "international"}
    ids_in_order = [ln.split("\t")[0] for ln in VOCAB.read_text(encoding="utf-8").splitlines()[1:] if ln]
    assert len(ids_in_order) == len(set(ids_in_order))
    assert ids_in_order[:3] == ["thu_tuong", "chinh_phu", "van_phong_chinh_phu"]

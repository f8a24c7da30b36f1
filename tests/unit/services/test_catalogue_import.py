from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desk_app.core.catalogue import ProcedureData
from desk_app.core.errors import CatalogueImportError
from desk_app.services import catalogue_import
from desk_app.services.catalogue_sources import make_release, read_json
from desk_app.services.container import Services
from desk_app.services.desk import default_catalogue_path
from tests.conftest import NATIONAL_JSON, XLSX_DIR, needs_shared_data


def table_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in (
                "procedures",
                "procedure_versions",
                "procedure_components",
                "procedure_time_limits",
                "procedure_fees",
                "catalogue_imports",
            )
        }
    finally:
        conn.close()


def write_json(path: Path, items: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


def small_items() -> list[dict[str, object]]:
    return [
        {
            "code": "1.001193",
            "name": "Thủ tục đăng ký khai sinh",
            "field": "Hộ tịch",
            "level": "Cấp xã",
            "levels": ["xa"],
            "agency": "Không có thông tin",
            "time_limit_text": "1",
            "fees_text": "Miễn phí",
            "components": [
                {
                    "name": "Tờ khai đăng ký khai sinh",
                    "originals": 1,
                    "copies": 0,
                    "group": "* Giấy tờ phải nộp:",
                },
                {
                    "name": "Hộ chiếu/Thẻ căn cước",
                    "originals": 1,
                    "copies": 0,
                    "group": "* Giấy tờ phải xuất trình:",
                },
                {
                    "name": "Trường hợp đã có bản điện tử thì không phải nộp",
                    "originals": 0,
                    "copies": 0,
                    "group": "* Lưu ý:",
                },
            ],
            "channels": [{"channel": "Trực tiếp", "time_limit_text": "1", "fee_text": "Miễn phí"}],
        },
        {
            "code": "1.004873",
            "name": "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
            "field": "Hộ tịch",
            "level": "Cấp xã",
            "levels": ["xa"],
            "time_limit_text": "3 Ngày làm việc",
            "fees_text": "Trực tuyến: Miễn phí | Trực tiếp: 8.000 đồng",
            "components": [],
        },
    ]


def test_the_default_catalogue_is_the_commune_subset(services: Services) -> None:
    assert services.catalogue.count() == 588
    release = json.loads(default_catalogue_path().read_text(encoding="utf-8"))
    assert release["source"]["selection"].startswith("levels contains 'xa'")
    assert all("xa" in p["levels"] for p in release["procedures"])


def test_import_is_idempotent_and_components_are_classified(empty_services: Services, tmp_path: Path) -> None:
    source = write_json(tmp_path / "small.json", small_items())
    first = empty_services.catalogue_import.import_file(source, "tester")
    assert (first.new_procedures, first.new_versions, first.unchanged) == (2, 2, 0)
    again = empty_services.catalogue_import.import_file(source, "tester")
    assert (again.new_procedures, again.new_versions, again.unchanged) == (0, 0, 2)
    detail = empty_services.catalogue.procedure("1.001193")
    assert [c.kind for c in detail.components] == ["submit", "show", "note"]
    assert detail.agency == ""  # "Không có thông tin" is no agency
    terms = {t.channel: t for t in detail.terms}
    assert terms["direct"].limit_spec is None  # a bare "1" is ambiguous
    assert terms["direct"].limit_source == "unknown"
    marriage = {t.channel: t for t in empty_services.catalogue.procedure("1.004873").terms}
    assert marriage["direct"].limit_spec == "3 working-days"
    assert (marriage["direct"].fee_vnd, marriage["online"].fee_vnd) == (8000, 0)


def test_a_changed_procedure_gets_a_new_version_and_the_old_one_stays(
    empty_services: Services, tmp_path: Path
) -> None:
    items = small_items()
    empty_services.catalogue_import.import_file(write_json(tmp_path / "a.json", items), "tester")
    old = empty_services.catalogue.procedure("1.004873")
    items[1]["time_limit_text"] = "5 Ngày làm việc"
    summary = empty_services.catalogue_import.import_file(write_json(tmp_path / "b.json", items), "tester")
    assert (summary.new_versions, summary.unchanged) == (1, 1)
    new = empty_services.catalogue.procedure("1.004873")
    assert new.version == old.version + 1
    assert {t.channel: t for t in new.terms}["direct"].limit_spec == "5 working-days"
    pinned = empty_services.catalogue.procedure_version(old.version_id)
    assert {t.channel: t for t in pinned.terms}["direct"].limit_spec == "3 working-days"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda items: items[1].update(code="1.00487"), "bản ghi 2: mã thủ tục “1.00487” không hợp lệ"),
        (lambda items: items[1].update(name="  "), "thủ tục không có tên"),
        (lambda items: items[0]["components"][1].update(originals=-1), "thành phần 2: originals"),
        (lambda items: items.append(dict(items[0])), "mã 1.001193 đã có"),
        (lambda items: items[0].update(components="not a list"), "“components” phải là một danh sách"),
    ],
)
def test_a_bad_record_is_named_and_changes_nothing(
    services: Services, tmp_path: Path, mutate: object, message: str
) -> None:
    before = table_counts(services.db_path)
    items = small_items()
    mutate(items)  # type: ignore[operator]
    with pytest.raises(CatalogueImportError, match=message) as caught:
        services.catalogue_import.import_file(write_json(tmp_path / "bad.json", items), "tester")
    assert "Chưa có gì thay đổi" in caught.value.user_message
    assert table_counts(services.db_path) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cut.json", '[{"code": "1.001193", "name": "Thủ t', "không phải JSON hợp lệ"),
        ("empty.json", "[]", "cần một danh sách"),
        ("junk.xlsx", "PK\x03\x04 not really a workbook", "không đọc được tệp Excel"),
        ("notes.txt", "hello", "không phải .xlsx hoặc .json"),
    ],
)
def test_a_broken_file_changes_nothing(
    services: Services, tmp_path: Path, name: str, content: str, message: str
) -> None:
    before = table_counts(services.db_path)
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogueImportError, match=message):
        services.catalogue_import.import_file(path, "tester")
    assert table_counts(services.db_path) == before


def test_a_failure_while_writing_rolls_everything_back(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = table_counts(services.db_path)
    items = small_items()
    items[0]["name"] = "Thủ tục đăng ký khai sinh (sửa)"

    def explode(*_args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(catalogue_import, "write_children", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        services.catalogue_import.import_file(write_json(tmp_path / "a.json", items), "tester")
    assert table_counts(services.db_path) == before
    assert services.catalogue.procedure("1.001193").name == "Thủ tục đăng ký khai sinh"


def test_release_round_trip_and_tamper_detection(empty_services: Services, tmp_path: Path) -> None:
    procedures = read_json(write_json(tmp_path / "small.json", small_items())).procedures
    release = make_release(procedures, 7, {"file": "small.json"}, "2026-12-01T00:00:00+07:00")
    path = tmp_path / "release.json"
    path.write_text(json.dumps(release, ensure_ascii=False), encoding="utf-8")
    summary = empty_services.catalogue_import.import_file(path, "tester")
    assert (summary.source_kind, summary.new_versions) == ("release", 2)
    assert empty_services.catalogue_import.import_file(path, "tester").unchanged == 2
    release["procedures"][0]["name"] = "Thủ tục giả mạo"
    path.write_text(json.dumps(release, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CatalogueImportError, match="mã băm nội dung không khớp"):
        empty_services.catalogue_import.import_file(path, "tester")


def test_release_items_read_back_as_the_same_procedures(tmp_path: Path) -> None:
    procedures = read_json(write_json(tmp_path / "small.json", small_items())).procedures
    release = make_release(procedures, 1, {}, "2026-12-01T00:00:00+07:00")
    path = tmp_path / "release.json"
    path.write_text(json.dumps(release, ensure_ascii=False), encoding="utf-8")
    again = read_json(path).procedures
    assert [p.content_hash() for p in again] == [
        p.content_hash() for p in sorted(procedures, key=lambda p: p.code)
    ]
    assert isinstance(again[0], ProcedureData)


@needs_shared_data
def test_the_national_catalogue_and_the_seven_excel_files_import_completely(empty_services: Services) -> None:
    first = empty_services.catalogue_import.import_file(NATIONAL_JSON, "tester")
    assert (first.records, first.new_procedures) == (2642, 2642)
    counts = table_counts(empty_services.db_path)
    assert counts["procedure_components"] == 14435
    xlsx_files = sorted(XLSX_DIR.glob("*.xlsx"))
    assert len(xlsx_files) == 7
    seen = 0
    for path in xlsx_files:
        summary = empty_services.catalogue_import.import_file(path, "tester")
        seen += summary.records
        assert summary.new_procedures == 0
    assert seen == 2642
    settled = table_counts(empty_services.db_path)
    for path in [NATIONAL_JSON, *xlsx_files]:
        summary = empty_services.catalogue_import.import_file(path, "tester")
        assert summary.new_versions == 0, path.name
    assert {k: v for k, v in table_counts(empty_services.db_path).items() if k != "catalogue_imports"} == {
        k: v for k, v in settled.items() if k != "catalogue_imports"
    }
    for query, expected in (
        ("khai sinh", "1.001193"),
        ("KHAI SINH", "1.001193"),
        ("1.001193", "1.001193"),
        ("dang ky ket hon", "1.000894"),
        ("đăng ký kết hôn", "1.000894"),
        ("chung thuc ban sao tu ban chinh", "2.000815"),
    ):
        assert empty_services.catalogue.search(query)[0].code == expected, query
    assert empty_services.catalogue.procedure("2.002011").components.__len__() == 94
    longest = empty_services.catalogue.procedure("1.004362").components[0].name
    assert len(longest) > 6000


@needs_shared_data
def test_excel_first_then_json_gives_the_same_catalogue(empty_services: Services, services: Services) -> None:
    xlsx_files = sorted(XLSX_DIR.glob("*.xlsx"))
    for path in xlsx_files:
        empty_services.catalogue_import.import_file(path, "tester")
    empty_services.catalogue_import.import_file(NATIONAL_JSON, "tester")
    other = services  # the demo database: commune release first
    other.catalogue_import.import_file(NATIONAL_JSON, "tester")
    for path in xlsx_files:
        other.catalogue_import.import_file(path, "tester")
    for code in ("1.001193", "1.015027", "2.002011", "1.000178"):
        a = empty_services.catalogue.procedure(code)
        b = other.catalogue.procedure(code)
        assert (a.name, a.agency, a.field_name, a.components) == (
            b.name,
            b.agency,
            b.field_name,
            b.components,
        )


def test_terms_through_the_import_path(empty_services: Services, tmp_path: Path) -> None:
    """Two rows for one channel with different limits leave it unknown; unlisted channels are not offered;
    "Phí : 0 Đồng" and "Không thu phí" are free; several amounts stay unknown with the text kept."""
    items = small_items()[:1]
    items[0]["code"] = "1.014562"
    items[0]["channels"] = [
        {"channel": "Trực tiếp", "time_limit_text": "01 Ngày làm việc", "fee_text": "Phí : 0 Đồng"},
        {"channel": "Trực tiếp", "time_limit_text": "01 Giờ", "fee_text": "Lệ phí: 0 đồng"},
        {"channel": "Trực tuyến", "time_limit_text": "1 Ngày làm việc", "fee_text": "Không thu phí"},
    ]
    other = dict(small_items()[0], code="1.003677")
    other["channels"] = [
        {
            "channel": "Trực tiếp",
            "time_limit_text": "2 Ngày làm việc",
            "fee_text": "10.000 đồng; 20.000 đồng",
        },
    ]
    source = write_json(tmp_path / "terms.json", [items[0], other])
    summary = empty_services.catalogue_import.import_file(source, "tester")
    assert summary.new_procedures == 2
    terms = {t.channel: t for t in empty_services.catalogue.procedure("1.014562").terms}
    assert (terms["direct"].limit_spec, terms["direct"].limit_source) == (None, "unknown")
    assert "01 Ngày làm việc" in terms["direct"].limit_text and "01 Giờ" in terms["direct"].limit_text
    assert terms["direct"].fee_vnd == 0
    assert (terms["online"].limit_spec, terms["online"].fee_vnd) == ("1 working-days", 0)
    assert terms["postal"].offered is False
    single = {t.channel: t for t in empty_services.catalogue.procedure("1.003677").terms}
    assert single["direct"].limit_spec == "2 working-days"
    assert single["direct"].fee_vnd is None
    assert "20.000 đồng" in single["direct"].fee_text
    assert not single["online"].offered and not single["postal"].offered


def test_the_import_reports_the_readings_left_to_the_officer(
    empty_services: Services, tmp_path: Path
) -> None:
    items = small_items()[:1]
    items[0]["components"] = [
        {"name": "Tờ khai theo mẫu", "originals": 1, "copies": 0, "group": ""},
        {
            "name": "Trường hợp người yêu cầu là người nước ngoài nộp trực tuyến thì nộp bản dịch hộ chiếu",
            "originals": 1,
            "copies": 0,
            "group": "",
        },
    ]
    summary = empty_services.catalogue_import.import_file(write_json(tmp_path / "a.json", items), "tester")
    assert summary.ambiguous_components == 1
    read = empty_services.catalogue.procedure("1.001193").components
    assert [(c.applies, c.ambiguous) for c in read] == [("always", False), ("case", True)]

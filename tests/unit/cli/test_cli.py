from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from desk_app.cli.main import main
from desk_app.cli.parser import translate_argparse

QR = "079198001234||Trần Thị Bích Ngọc|15031998|Nữ|Phường Bến Nghé, TP. Hồ Chí Minh|01072021"


@pytest.fixture
def db(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cli.sqlite3"
    shutil.copyfile(template_db, path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_demo_on_a_new_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new" / "desk.sqlite3"
    code, out, _ = run(capsys, "--db", str(path), "init", "--demo")
    assert code == 0
    assert str(path) in out
    assert "000.00.19.H57" in out
    assert "588 thủ tục" in out
    code, out, _ = run(capsys, "--db", str(path), "init", "--demo")
    assert (code, "không có gì thay đổi" in out) == (0, True)


def test_init_with_unit_and_slot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "init", "--unit", "000.17.22.H56", "--slot", "3", "--db", str(tmp_path / "d.sqlite3")
    )
    assert code == 0
    assert "khe mã 3" in out


def test_init_demo_honours_an_explicit_unit_and_slot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "second-demo.sqlite3"
    code, out, _ = run(capsys, "--db", str(path), "init", "--demo", "--unit", "000.00.19.H58", "--slot", "3")
    assert code == 0
    assert "000.00.19.H58" in out and "khe mã 3" in out
    assert "588 thủ tục" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["init"], "--unit"),
        (["init", "--unit", "H56", "--slot", "1"], "không đúng dạng"),
        (["init", "--unit", "000.17.22.H56", "--slot", "0"], "khe"),
    ],
)
def test_init_refusals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    path = tmp_path / "refused.sqlite3"
    code, out, err = run(capsys, "--db", str(path), *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("Lỗi: ")
    assert message in err


def test_default_command_creates_the_demo_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESK_APP_DB", str(tmp_path / "default.sqlite3"))
    started: list[Path] = []
    monkeypatch.setattr(
        "desk_app.cli.setup_cmd.start_gui", lambda args, services: started.append(args.db) or 0
    )
    code, out, _ = run(capsys)
    assert code == 0
    assert "default.sqlite3" in out
    assert (tmp_path / "default.sqlite3").exists()
    assert started == [tmp_path / "default.sqlite3"]


def test_without_pyside6_the_default_command_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "desk_app.ui.app", None)  # as where PySide6 is not installed
    code, out, _ = run(capsys, "--db", str(tmp_path / "d.sqlite3"))
    assert code == 2
    assert "PySide6" in out
    assert (tmp_path / "d.sqlite3").exists()


def test_catalogue_search_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "catalogue", "search", "khai sinh", "--json")
    assert code == 0
    hits = json.loads(out)
    assert hits[0] == {
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "field_name": "Hộ tịch",
        "levels": ["xa"],
        "version": 1,
    }
    code, out, _ = run(capsys, "catalogue", "search", "dang ky ket hon", "--db", str(db))
    assert out.splitlines()[0].startswith("1.000894\t")


def test_catalogue_search_nothing(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "catalogue", "search", "xyzzy")
    assert (code, out.strip()) == (0, "Không tìm thấy thủ tục nào.")


def test_catalogue_import_and_a_bad_file(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "one.json"
    good.write_text(
        json.dumps([{"code": "9.000001", "name": "Thủ tục thử", "components": []}]), encoding="utf-8"
    )
    code, out, _ = run(capsys, "--db", str(db), "catalogue", "import", str(good), "--json")
    assert code == 0
    assert json.loads(out)["new_procedures"] == 1
    bad = tmp_path / "bad.json"
    bad.write_text('[{"code": "x"}]', encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db), "catalogue", "import", str(bad))
    assert (code, out) == (2, "")
    assert "bản ghi 1" in err
    assert "Chưa có gì thay đổi" in err


def test_catalogue_show_and_override(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        str(db),
        "catalogue",
        "override",
        "1.000110",
        "--limit",
        "5 working-days",
        "--reason",
        "Luật Hộ tịch Điều 36",
        "--user",
        "admin",
    )
    assert code == 0
    code, out, _ = run(capsys, "--db", str(db), "catalogue", "show", "1.000110", "--json")
    detail = json.loads(out)
    assert detail["override"]["reason"] == "Luật Hộ tịch Điều 36"
    assert {t["channel"]: t["limit_spec"] for t in detail["terms"]}["direct"] == "5 working-days"


def test_catalogue_show_prints_terms_per_channel_and_the_reading(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", str(db), "catalogue", "show", "2.000815")
    assert code == 0
    lines = out.splitlines()
    assert lines[1].startswith(
        "  trực tiếp: thời hạn same-day [override]; phí, lệ phí: chưa xác định (công bố:"
    )
    assert lines[2] == "  trực tuyến: không được công bố (thủ tục không nhận hồ sơ qua kênh này)"
    code, out, _ = run(capsys, "--db", str(db), "catalogue", "show", "1.001193")
    assert "  5. [nộp · mọi hồ sơ] - Giấy chứng sinh" in out
    assert "  32. [nộp · trực tiếp, qua bưu chính]" in out
    assert "  33. [nộp · trực tuyến]" in out
    assert "  3. [lưu ý]" in out


def test_due_date_json_shape(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        str(db),
        "due-date",
        "--received",
        "2026-02-12 15:30",
        "--limit",
        "5 working-days",
        "--json",
    )
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"received_at", "counted_from", "due_at", "calendar_version", "explanation"}
    assert result["received_at"] == "2026-02-12T15:30:00+07:00"
    assert result["counted_from"] == "2026-02-13T07:30:00+07:00"
    assert result["due_at"] == "2026-02-27T07:30:00+07:00"
    assert result["calendar_version"] == 1
    assert "Tết Nguyên Đán" in result["explanation"]


def test_due_date_by_procedure(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        str(db),
        "due-date",
        "--received",
        "2026-11-20 16:00",
        "--procedure",
        "1.001193",
        "--json",
    )
    assert code == 0
    assert json.loads(out)["due_at"] == "2026-11-23T17:00:00+07:00"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["due-date", "--received", "20/11/2026", "--limit", "same-day"], "YYYY-MM-DD HH:MM"),
        (["due-date", "--received", "2026-11-20 09:30", "--limit", "5 days"], "N working-days"),
        (["due-date", "--received", "2026-11-20 09:30", "--procedure", "1.000110"], "chưa xác định"),
        (["due-date", "--received", "2026-11-20 09:30", "--procedure", "9.999999"], "Không có thủ tục"),
        (["due-date", "--received", "2026-11-20 09:30"], "cần một trong các tham số"),
        (
            ["due-date", "--received", "2026-11-20 09:30", "--limit", "same-day", "--procedure", "1.001193"],
            "không dùng cùng",
        ),
        (["nonsense"], "không hợp lệ"),
    ],
)
def test_due_date_refusals(
    db: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "--db", str(db), *argv)
    assert code == 2
    assert out == ""
    assert "Lỗi: " in err
    assert message in err


def test_id_parse(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "id", "parse", QR, "--json")
    assert code == 0
    card = json.loads(out)
    assert card["full_name"] == "Trần Thị Bích Ngọc"
    assert card["birth_date"] == "1998-03-15"
    assert card["old_id_number"] is None
    code, out, _ = run(capsys, "id", "parse", QR)
    assert "Họ và tên: Trần Thị Bích Ngọc" in out
    assert not (tmp_path / "x.sqlite3").exists()  # parsing needs no database


def test_id_parse_refuses_other_qr_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "id", "parse", "https://example.invalid/qr")
    assert (code, out) == (2, "")
    assert "không phải mã trên thẻ căn cước" in err


def test_argparse_messages_in_vietnamese() -> None:
    assert translate_argparse("the following arguments are required: --received") == (
        "thiếu tham số bắt buộc: --received"
    )
    assert translate_argparse("something new") == "something new"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("desk-app ")

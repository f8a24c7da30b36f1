from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desk_app.cli.main import main

DRAFT = {
    "procedure": "1.001193",
    "channel": "direct",
    "received_at": "2026-11-20 09:30",
    "applicant": {
        "name": "Trần Thị Bích Ngọc",
        "id_number": "079198001234",
        "phone": "0901234567",
        "address": "Phường Bến Nghé",
    },
    "checklist": "complete",
}


@pytest.fixture
def db(template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.sqlite3"
    shutil.copyfile(template_db, path)
    monkeypatch.setenv("DESK_APP_DB", str(path))
    monkeypatch.delenv("DESK_APP_USER", raising=False)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def receive(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: dict[str, object]
) -> tuple[int, str, str]:
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return run(capsys, "receive", "--json", str(path))


def test_receive_prints_the_documented_shape(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = receive(capsys, tmp_path, DRAFT)
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"id", "outcome", "code", "status", "due_at", "missing"}
    assert (result["outcome"], result["code"], result["status"]) == (
        "accepted",
        "000.00.19.H57-261120-1001",
        2,
    )
    assert result["due_at"] == "2026-11-20T17:00:00+07:00"
    assert result["missing"] == []


def test_receive_incomplete_and_refused(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = receive(
        capsys, tmp_path, {**DRAFT, "checklist": [{"item": 1, "originals": 0, "copies": 0}]}
    )
    result = json.loads(out)
    assert (code, result["outcome"], result["code"], result["due_at"]) == (0, "supplement", None, None)
    assert result["status"] == 5
    assert all({"item", "name", "originals", "copies"} <= set(m) for m in result["missing"])
    assert result["missing"]
    code, out, _ = receive(capsys, tmp_path, {**DRAFT, "decision": "refuse", "reason": "Không đủ điều kiện"})
    assert json.loads(out)["outcome"] == "refused"
    code, out, err = receive(capsys, tmp_path, {**DRAFT, "decision": "refuse"})
    assert (code, out) == (2, "")
    assert "lý do" in err


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**DRAFT, "procedure": "9.999999"}, "Không có thủ tục"),
        ({**DRAFT, "channel": "fax"}, "channel"),
        ({**DRAFT, "received_at": "20/11/2026"}, "YYYY-MM-DD HH:MM"),
        ({**DRAFT, "checklist": "most of it"}, "checklist"),
        ({k: v for k, v in DRAFT.items() if k != "applicant"}, "applicant"),
    ],
)
def test_receive_refusals(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], data: dict[str, object], message: str
) -> None:
    code, out, err = receive(capsys, tmp_path, data)
    assert (code, out) == (2, "")
    assert message in err


def test_dossier_show_act_and_reports(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dossier = json.loads(receive(capsys, tmp_path, {**DRAFT, "procedure": "1.004873"})[1])["code"]
    code, out, _ = run(capsys, "dossier", "act", dossier, "transfer", "--department", "Tư pháp", "--json")
    assert (code, json.loads(out)["summary"]["status"]) == (0, 4)
    code, out, _ = run(capsys, "handover", dossier, "--department", "Tư pháp", "--back", "--json")
    assert json.loads(out)["label"].startswith("BG-")
    code, out, err = run(capsys, "dossier", "act", dossier, "return", "--collector", "A")
    assert code == 2
    assert "Không thể thực hiện" in err
    run(capsys, "dossier", "act", dossier, "finish")
    code, out, _ = run(capsys, "dossier", "act", dossier, "return", "--collector", "Trần Thị Bích Ngọc")
    assert "Đã trả kết quả" in out
    code, out, _ = run(capsys, "dossier", "show", dossier, "--json")
    detail = json.loads(out)
    assert [e["action"] for e in detail["events"]] == [
        "receive",
        "transfer",
        "receive-back",
        "finish",
        "return",
    ]
    code, out, _ = run(capsys, "register", "--from", "2026-11-01", "--to", "2026-11-30", "--json")
    assert [r["code"] for r in json.loads(out)] == [dossier]
    code, out, _ = run(capsys, "report", "bieu06", "--from", "2026-11-01", "--to", "2026-11-30", "--json")
    report = json.loads(out)
    assert report["rows"][-1]["field_name"] == "Tổng cộng"
    assert report["rows"][-1]["received_total"] == 1
    code, out, _ = run(capsys, "day-close", "--day", "2026-11-20", "--json")
    assert json.loads(out)["received"] == 1
    code, out, err = run(capsys, "register", "--from", "2026-11-30", "--to", "2026-11-01")
    assert code == 2


def test_acting_user_and_roles(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--user", "nobody", "receive", "--json", str(tmp_path / "none.json"))
    assert code == 2
    (tmp_path / "d.json").write_text(json.dumps(DRAFT), encoding="utf-8")
    code, _out, err = run(capsys, "--user", "nobody", "receive", "--json", str(tmp_path / "d.json"))
    assert (code, "Không có tài khoản" in err) == (2, True)
    code, _out, err = run(capsys, "user", "add", "canbo9", "--password", "mat-khau-9")
    assert (code, "quyền Quản trị" in err) == (2, True)
    code, out, _ = run(
        capsys, "--user", "admin", "user", "add", "canbo9", "--password", "mat-khau-9", "--name", "Cán bộ 9"
    )
    assert code == 0
    code, out, _ = run(capsys, "user", "list", "--json")
    assert "canbo9" in [u["username"] for u in json.loads(out)]
    code, out, _ = run(capsys, "user", "passwd", "canbo9", "--password", "mat-khau-10", "--user", "canbo9")
    assert code == 0

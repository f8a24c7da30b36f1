"""The worked example of domain.md §10.1, end to end: 1.001193 received "complete" on the direct channel.

A complete direct birth registration holds the Giấy chứng sinh (always, with its fallbacks), the paper
Tờ khai (direct and postal) and the identity paper shown; never the cases (abandoned child,
authorisation, surrogacy, residence proof), never the online e-form, never the postal certified copies,
never a note. The receipt lists exactly those, and a substitute handed in prints in its own words.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desk_app.cli.main import main
from tests.unit.cli.test_lifecycle_cli import DRAFT, db, receive
from tests.unit.printing.pdfcheck import squeezed, text_of

PAPERS = {5, 32}  # Giấy chứng sinh; Tờ khai đăng ký khai sinh (paper form)
SHOWN = {11}  # the identity paper
__all__ = ["db"]  # the CLI tests' database fixture, reused
NEVER = ("bỏ rơi", "ủy quyền", "mang thai hộ", "điện tử tương tác", "bản sao có chứng thực các giấy tờ")


def recorded(db: Path, code: str) -> dict[int, tuple[int, int, bool]]:
    """The last checklist round stored for the dossier: item → (originals, copies, shown)."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT c.position, c.originals, c.copies, c.shown FROM dossier_checklist c "
            "JOIN dossiers d ON d.dossier_id = c.dossier_id WHERE d.dossier_code = ? "
            "AND c.round = (SELECT max(round) FROM dossier_checklist WHERE dossier_id = d.dossier_id)",
            (code,),
        ).fetchall()
    finally:
        conn.close()
    return {p: (o, c, bool(s)) for p, o, c, s in rows}


def handed(db: Path, code: str) -> set[int]:
    return {p for p, (o, c, s) in recorded(db, code).items() if o or c or s}


def receipt_text(tmp_path: Path, code: str) -> str:
    out = tmp_path / "receipt.pdf"
    assert main(["print", "receipt", code, "-o", str(out)]) == 0
    return text_of(out.read_bytes())


def test_complete_direct_records_exactly_the_papers_every_applicant_brings(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = receive(capsys, tmp_path, DRAFT)
    assert code == 0, out
    result = json.loads(out)
    assert result["outcome"] == "accepted"
    assert handed(db, result["code"]) == PAPERS | SHOWN
    text = receipt_text(tmp_path, result["code"])
    assert "Giấy chứng sinh" in text
    assert squeezed("Tờ khai đăng ký khai sinh") in squeezed(text)
    assert "Giấy tờ đã xuất trình: Hộ chiếu/Thẻ căn cước công dân" in text
    for words in NEVER:
        assert squeezed(words) not in squeezed(text), words


def test_the_cases_that_apply_are_named_by_their_numbers(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = receive(capsys, tmp_path, {**DRAFT, "cases": [2]})  # an authorised person files
    result = json.loads(out)
    assert (code, result["outcome"]) == (0, "accepted")
    assert handed(db, result["code"]) == PAPERS | SHOWN | {2}
    code, out, err = receive(capsys, tmp_path, {**DRAFT, "cases": [33]})  # the online e-form is no case
    assert (code, out) == (2, "")
    assert "33" in err


def test_a_substitute_prints_in_its_own_words(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checklist = [
        {"item": 5, "originals": 1, "copies": 0, "substitute": 1},
        {"item": 32, "originals": 1, "copies": 0},
        {"item": 11, "originals": 1, "copies": 0, "shown": True},
    ]
    code, out, _ = receive(capsys, tmp_path, {**DRAFT, "checklist": checklist})
    result = json.loads(out)
    assert (code, result["outcome"]) == (0, "accepted"), out
    text = squeezed(receipt_text(tmp_path, result["code"]))
    assert squeezed("Văn bản của người làm chứng xác nhận về việc sinh (thay cho: Giấy chứng sinh)") in text


def test_a_channel_the_procedure_does_not_offer_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = {**DRAFT, "procedure": "2.000815", "channel": "online"}
    code, out, err = receive(capsys, tmp_path, draft)
    assert (code, out) == (2, "")
    assert "không được công bố để nộp trực tuyến" in err
    assert "kênh được công bố: trực tiếp" in err

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.core.codes import (
    DOSSIER_CODE_RE,
    is_procedure_code,
    make_dossier_code,
    national_procedure_code,
    parse_dossier_code,
    sequence_for,
    validate_slot,
    validate_unit_code,
)
from desk_app.core.errors import CodeExhausted, InvalidInput


@pytest.mark.parametrize("code", ["000.00.19.H57", "000.17.22.H56", "000.00.01.H22", "000.00.00.G01"])
def test_valid_unit_codes(code: str) -> None:
    assert validate_unit_code(code) == code


def test_unit_code_is_upper_cased() -> None:
    assert validate_unit_code(" 000.17.22.h56 ") == "000.17.22.H56"


@pytest.mark.parametrize(
    "code", ["", "000.00.19", "00.00.19.H57", "000.00.19.H5", "000-00-19-H57", "000.00.19.HH7"]
)
def test_invalid_unit_codes(code: str) -> None:
    with pytest.raises(InvalidInput, match="không đúng dạng"):
        validate_unit_code(code)


@pytest.mark.parametrize(
    ("code", "national"),
    [
        ("1.001193", "1.001193"),
        ("2.000815.000.00.00.H55", "2.000815"),
        ("2.000908.000.00.00.H57", "2.000908"),
    ],
)
def test_procedure_codes(code: str, national: str) -> None:
    assert is_procedure_code(code)
    assert national_procedure_code(code) == national


@pytest.mark.parametrize("code", ["1.00119", "1001193", "1.000948.H38", "x.001193", ""])
def test_invalid_procedure_codes(code: str) -> None:
    assert not is_procedure_code(code)
    with pytest.raises(InvalidInput):
        national_procedure_code(code)


def test_dossier_code_of_the_first_dossier_of_slot_one() -> None:
    code = make_dossier_code("000.00.19.H57", date(2026, 11, 22), 1, 1)
    assert str(code) == "000.00.19.H57-261122-1001"
    assert DOSSIER_CODE_RE.match(str(code))


@pytest.mark.parametrize(
    ("slot", "n", "seq"), [(0, 1, 1), (1, 1, 1001), (1, 999, 1999), (9, 999, 9999), (3, 42, 3042)]
)
def test_sequence_for(slot: int, n: int, seq: int) -> None:
    assert sequence_for(slot, n) == seq


def test_a_desk_out_of_numbers_gets_a_clear_error() -> None:
    with pytest.raises(CodeExhausted, match="hết 999 số"):
        sequence_for(2, 1000)


@pytest.mark.parametrize("slot", [0, 10, -1])
def test_desk_slots_are_one_to_nine(slot: int) -> None:
    with pytest.raises(InvalidInput, match="khe 0 dành cho"):
        validate_slot(slot)


def test_parse_dossier_code_round_trip() -> None:
    parsed = parse_dossier_code(" 000.17.22.H56-210531-0001\r\n")
    assert parsed.unit_code == "000.17.22.H56"
    assert parsed.day == date(2021, 5, 31)
    assert parsed.slot == 0
    assert parsed.number_in_slot == 1
    assert str(parsed) == "000.17.22.H56-210531-0001"


@pytest.mark.parametrize(
    "text", ["000.17.22.H56-211331-0001", "000.17.22.H56-210531-1000", "000.17.22.H56-210531", "khai sinh"]
)
def test_parse_dossier_code_rejects(text: str) -> None:
    with pytest.raises(InvalidInput, match="không phải mã hồ sơ"):
        parse_dossier_code(text)


@given(
    slot_a=st.integers(1, 9),
    slot_b=st.integers(1, 9),
    n_a=st.integers(1, 999),
    n_b=st.integers(1, 999),
    day=st.dates(date(2000, 1, 1), date(2099, 12, 31)),
)
def test_two_desks_never_issue_the_same_code(slot_a: int, slot_b: int, n_a: int, n_b: int, day: date) -> None:
    a = make_dossier_code("000.00.19.H57", day, slot_a, n_a)
    b = make_dossier_code("000.00.19.H57", day, slot_b, n_b)
    assert (str(a) == str(b)) == ((slot_a, n_a) == (slot_b, n_b))
    assert parse_dossier_code(str(a)) == a

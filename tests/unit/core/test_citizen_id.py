from __future__ import annotations

from datetime import date

import pytest

from desk_app.core.citizen_id import FEMALE, MALE, check_id_number, consistency_problems, parse_card_qr
from desk_app.core.errors import InvalidInput

SAMPLE = "001090123456|012345678|NGUYEN VAN A|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021"


def test_the_documented_sample_parses() -> None:
    card = parse_card_qr(SAMPLE)
    assert card.id_number == "001090123456"
    assert card.old_id_number == "012345678"
    assert card.full_name == "NGUYEN VAN A"
    assert card.birth_date == date(1990, 1, 1)
    assert card.sex == MALE
    assert card.address == "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh"
    assert card.issue_date == date(2021, 4, 15)


def test_empty_old_id_and_scanner_noise() -> None:
    card = parse_card_qr(
        "\x00079198001234||Trần Thị Bích Ngọc|15031998|Nữ|Phường Bến Nghé, TP. Hồ Chí Minh|01072021\r\n"
    )
    assert card.old_id_number is None
    assert card.full_name == "Trần Thị Bích Ngọc"
    assert card.sex == FEMALE


def test_decomposed_text_from_a_scanner_is_stored_in_nfc() -> None:
    import unicodedata

    raw = unicodedata.normalize("NFD", "079198001234||Trần Thị Bích Ngọc|15031998|Nữ|Hà Nội|01072021")
    card = parse_card_qr(raw)
    assert card.full_name == "Trần Thị Bích Ngọc"
    assert card.sex == FEMALE


def test_trailing_extra_fields_are_kept_apart() -> None:
    card = parse_card_qr(SAMPLE + "|extra|more")
    assert card.issue_date == date(2021, 4, 15)
    assert card.extra_fields == ("extra", "more")


def test_six_fields_without_the_old_id() -> None:
    card = parse_card_qr("001090123456|NGUYEN VAN A|01011990|Nam|Hà Nội|15042021")
    assert card.old_id_number is None
    assert card.full_name == "NGUYEN VAN A"
    assert card.issue_date == date(2021, 4, 15)


def test_six_fields_without_the_issue_date() -> None:
    card = parse_card_qr("001090123456|012345678|NGUYEN VAN A|01011990|Nam|Hà Nội")
    assert card.old_id_number == "012345678"
    assert card.issue_date is None


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("https://pc-covid.gov.vn/qr/abc", "không phải mã trên thẻ căn cước"),
        ('{"name": "health app"}', "không phải mã trên thẻ căn cước"),
        ("00109012345|012345678|A|01011990|Nam|HN|15042021", "không phải số 12 chữ số"),
        ("001090123456|012345678|A|1990-01-01|Nam|HN|15042021", "8 chữ số"),
        ("001090123456|012345678|A|31021990|Nam|HN|15042021", "không phải ngày có thật"),
        ("001090123456|012345678|A|01011990|Khác|HN|15042021", "Nam hoặc Nữ"),
        ("001090123456|012345678|A|01011991|Nam|HN|15042021", "năm sinh 1991"),
        ("001090123456|012345678|A|01011990|Nữ|HN|15042021", "giới tính"),
        ("003090123456|012345678|A|01011990|Nam|HN|15042021", "mã tỉnh"),
        ("001090123456|0123|A|01011990|Nam|HN|15042021", "9 hoặc 12 chữ số"),
        ("001090123456|012345678||01011990|Nam|HN|15042021", "không có họ tên"),
    ],
)
def test_rejections_say_why(raw: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        parse_card_qr(raw)


@pytest.mark.parametrize(
    ("number", "sex", "century"),
    [
        ("001090123456", MALE, 1900),
        ("079198001234", FEMALE, 1900),
        ("038205001234", MALE, 2000),
        ("038305001234", FEMALE, 2000),
        ("038405001234", MALE, 2100),
    ],
)
def test_century_and_sex_digit(number: str, sex: str, century: int) -> None:
    facts = check_id_number(number)
    assert facts.sex == sex
    assert facts.century_start == century


def test_consistency_with_birth_date_and_sex() -> None:
    facts = check_id_number("038205001234")
    assert consistency_problems(facts, date(2005, 6, 1), MALE) == []
    assert len(consistency_problems(facts, date(1905, 6, 1), FEMALE)) == 2


@pytest.mark.parametrize("number", ["", "12345678901", "1234567890123", "00109012345a"])
def test_id_number_must_be_twelve_digits(number: str) -> None:
    with pytest.raises(InvalidInput, match="12 chữ số"):
        check_id_number(number)

from __future__ import annotations

import pytest

from desk_app.core.catalogue import (
    Channel,
    TermStatus,
    clean_agency,
    fee_for_channel,
    parse_fee,
    parse_levels,
    parse_time_limit,
    time_limit_for_channel,
)
from desk_app.core.time_limits import LimitUnit, TimeLimit


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("5 Ngày làm việc", TimeLimit(LimitUnit.WORKING_DAYS, 5)),
        ("30 Ngày", TimeLimit(LimitUnit.CALENDAR_DAYS, 30)),
        ("1 Giờ", TimeLimit(LimitUnit.WORKING_HOURS, 1)),
        ("0.5 Ngày làm việc", TimeLimit(LimitUnit.WORKING_HOURS, 4)),
        ("Trong ngày", TimeLimit(LimitUnit.SAME_DAY, 0)),
        ("Ngay trong ngày làm việc.", TimeLimit(LimitUnit.SAME_DAY, 0)),
    ],
)
def test_unambiguous_time_limits(text: str, limit: TimeLimit) -> None:
    parsed = parse_time_limit(text)
    assert parsed.status is TermStatus.KNOWN
    assert parsed.limit == limit


@pytest.mark.parametrize(
    "text",
    [
        "1",
        "120",
        "3 Tháng",
        "Không quy định",
        "",
        "0 Ngày",
        "0.3 Ngày làm việc",
        "Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ",
    ],
)
def test_ambiguous_time_limits_are_unknown(text: str) -> None:
    parsed = parse_time_limit(text)
    assert parsed.status is TermStatus.UNKNOWN
    assert parsed.limit is None


def test_time_limit_per_channel() -> None:
    text = "Trực tuyến: 15 Ngày làm việc | Dịch vụ bưu chính: 18 Ngày làm việc | Trực tiếp: 8 Ngày làm việc"
    assert time_limit_for_channel(text, Channel.DIRECT).limit == TimeLimit(LimitUnit.WORKING_DAYS, 8)
    assert time_limit_for_channel(text, Channel.POSTAL).limit == TimeLimit(LimitUnit.WORKING_DAYS, 18)
    assert time_limit_for_channel("7 Ngày làm việc", Channel.ONLINE).limit == TimeLimit(
        LimitUnit.WORKING_DAYS, 7
    )


def test_a_channel_listed_twice_with_different_limits_is_unknown() -> None:
    text = "Trực tiếp: 7 Ngày làm việc | Trực tiếp: 5 Ngày làm việc | Trực tuyến: 7 Ngày làm việc"
    assert time_limit_for_channel(text, Channel.DIRECT).status is TermStatus.UNKNOWN
    assert time_limit_for_channel(text, Channel.ONLINE).limit == TimeLimit(LimitUnit.WORKING_DAYS, 7)
    assert time_limit_for_channel("Trực tuyến: 2 Ngày làm việc", Channel.DIRECT).status is TermStatus.UNKNOWN


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Miễn phí", 0),
        ("Miễn phí(Không có)", 0),
        ("2,000,000 Việt Nam Đồng", 2_000_000),
        ("8.000.000", 8_000_000),
        ("20,000 VNĐ", 20_000),
        ("70,000 VNĐ(70.000 đồng/Giấy chứng nhận)", 70_000),
        ("50.000 đồng", 50_000),
    ],
)
def test_unambiguous_fees(text: str, amount: int) -> None:
    parsed = parse_fee(text)
    assert parsed.status is TermStatus.KNOWN
    assert parsed.amount_vnd == amount


@pytest.mark.parametrize(
    "text",
    [
        "25 USD",
        "Không có thông tin",
        "135 VNĐ",  # a unit error on the portal: 135.000 đồng was meant
        "Miễn phí(Cho một loại hình sản phẩm hoặc dịch vụ: 8.000.000/lần)",  # free next to an amount
        "70,000 VNĐ(50.000 đồng/Giấy chứng nhận)",  # two different amounts
        "VNĐ",
        "",
        "Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định)",
    ],
)
def test_ambiguous_fees_are_unknown(text: str) -> None:
    parsed = parse_fee(text)
    assert parsed.status is TermStatus.UNKNOWN
    assert parsed.amount_vnd is None


def test_fee_per_channel() -> None:
    text = (
        "Trực tuyến: 30,000 Việt Nam Đồng | Dịch vụ bưu chính: 300,000 Việt Nam Đồng"
        " | Trực tiếp: 300,000 Việt Nam Đồng"
    )
    assert fee_for_channel(text, Channel.ONLINE).amount_vnd == 30_000
    assert fee_for_channel(text, Channel.DIRECT).amount_vnd == 300_000
    assert fee_for_channel("Trực tuyến: Miễn phí", Channel.DIRECT).status is TermStatus.UNKNOWN


def test_levels_and_agencies() -> None:
    assert parse_levels("Cấp tỉnh, Cấp xã", ["XA", "bogus"]) == ("tinh", "xa")
    assert parse_levels("Cơ quan khác") == ("khac",)
    assert clean_agency("Sở Tư Pháp\nChủ tịch UBND\nSở Tư Pháp\n") == "Sở Tư Pháp\nChủ tịch UBND"
    assert clean_agency("Không có thông tin") == ""

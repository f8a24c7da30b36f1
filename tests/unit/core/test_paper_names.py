"""A paper's short name on a one-page receipt: read by hand on real components, then checked on all."""

from __future__ import annotations

import json
import unicodedata

import pytest

from desk_app.core.paper_names import ELLIPSIS, short_paper_name
from desk_app.core.text import clean
from tests.conftest import NATIONAL_JSON, needs_shared_data

# Real component texts of the national catalogue, and the name a receipt should show (read by hand).
LABELLED = [
    (
        "- Bản chính Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm "
        "chứng xác nhận về việc sinh;",
        "Bản chính Giấy chứng sinh",
    ),
    (
        "Hộ chiếu còn thời hạn sử dụng (đối với người nước ngoài, người Việt Nam định cư ở nước ngoài)",
        "Hộ chiếu còn thời hạn sử dụng",
    ),
    (
        "Bản chụp Phụ lục hợp đồng liên quan đến việc sửa đổi L/C hoặc thư cam kết (nếu có).",
        "Bản chụp Phụ lục hợp đồng liên quan đến việc sửa đổi L/C hoặc thư cam kết",
    ),
    (
        "- Bản sao tài liệu chứng minh mục đích nhập khẩu thuốc thú y;",
        "Bản sao tài liệu chứng minh mục đích nhập khẩu thuốc thú y",
    ),
    (
        "-Quyết định tiếp nhận đối với trẻ em ở cơ sở nuôi dưỡng.",
        "Quyết định tiếp nhận đối với trẻ em ở cơ sở nuôi dưỡng",
    ),
    (
        "Đơn đăng ký khoản vay nước ngoài (theo Phụ lục 1A kèm theo số 78/2025/TT-NHNN) hoặc Đơn đăng ký",
        "Đơn đăng ký khoản vay nước ngoài",
    ),
    (
        "- Tờ khai đăng ký kết hôn theo mẫu, có đủ thông tin của hai bên nam, nữ. Hai bên nam, nữ có thể "
        "khai chung vào một Tờ khai",
        "Tờ khai đăng ký kết hôn theo mẫu",
    ),
    ("a) Đơn đề nghị (Mẫu số 01)", "Đơn đề nghị (Mẫu số 01)"),
    ("Dự thảo giao dịch", "Dự thảo giao dịch"),
    (
        "- Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các "
        "giấy tờ khác có dán ảnh",
        "Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước…",
    ),
]


@pytest.mark.parametrize(("text", "expected"), LABELLED)
def test_the_paper_not_its_guidance(text: str, expected: str) -> None:
    assert short_paper_name(text) == expected


@needs_shared_data
def test_on_every_component_of_the_national_catalogue() -> None:
    catalogue = json.loads(NATIONAL_JSON.read_text(encoding="utf-8"))
    texts = [c["name"] for p in catalogue for c in p["components"] if c.get("name")]
    assert len(texts) > 10_000
    for text in texts:
        for limit in (90, 40):
            short = short_paper_name(text, limit)
            assert len(short) <= limit, text
            assert unicodedata.is_normalized("NFC", short), text
            if any(ch.isalpha() for ch in text):
                assert any(ch.isalpha() for ch in short), text
            stem = short.removesuffix(ELLIPSIS)
            source = clean(text)
            at = source.find(stem)
            assert at >= 0, (text, short)  # a piece of the published text, never a rewording
            if short.endswith(ELLIPSIS):
                following = source[at + len(stem) : at + len(stem) + 1]
                last_word = stem.rsplit(" ", 1)[-1]
                # cut between words, unless one "word" (a file name, a URL) is longer than half the room
                assert not following.isalnum() or len(last_word) > limit // 2, (text, short)

"""The component reader on small lists written the way the portal publishes them.

The real measure is tests/unit/core/test_component_labels.py (hand labels of real procedures); these
pin the reading rules one by one, so a change that breaks one says which.
"""

from __future__ import annotations

from desk_app.core.catalogue import Channel, ComponentData, ComponentKind
from desk_app.core.components import Applies, derive, required_on


def paper(name: str, group: str = "", originals: int = 1, copies: int = 0) -> ComponentData:
    return ComponentData(0, name, ComponentKind.SUBMIT, originals, copies, group)


def read(*components: ComponentData, offered: tuple[Channel, ...] = ()) -> list[ComponentData]:
    numbered = [
        ComponentData(n, c.name, c.kind, c.originals, c.copies, c.group) for n, c in enumerate(components, 1)
    ]
    return list(derive(numbered, offered))


def test_roles_from_groups_and_words() -> None:
    out = read(
        paper("Tờ khai theo mẫu", "* Giấy tờ phải nộp:"),
        paper("Hộ chiếu hoặc Thẻ căn cước", "* Giấy tờ phải xuất trình:"),
        paper("Trường hợp đã có bản điện tử thì không phải nộp bản giấy.", "* Giấy tờ phải nộp:", 0, 0),
        paper("Người tiếp nhận có trách nhiệm kiểm tra hồ sơ", "* Lưu ý:"),
        paper("*Lưu ý: - Không yêu cầu xuất trình Giấy khai sinh", ""),
        paper("Bản sao Giấy khai sinh kèm theo bản chính để đối chiếu", ""),
    )
    assert [c.kind for c in out] == [
        ComponentKind.SUBMIT,
        ComponentKind.SHOW,
        ComponentKind.NOTE,
        ComponentKind.NOTE,
        ComponentKind.NOTE,
        ComponentKind.SUBMIT,
    ]
    assert out[1].identity


def test_two_case_headings_are_one_alternative_group_and_one_heading_is_a_case() -> None:
    out = read(
        paper("Đơn đề nghị cấp mới", "(1) Trường hợp cấp mới:"),
        paper("Đơn đề nghị cấp lại", "(2) Trường hợp cấp lại:"),
        paper("Bản sao giấy phép cũ (nếu có)", "(2) Trường hợp cấp lại:"),
        paper("Văn bản ủy quyền", "* Trường hợp ủy quyền thực hiện thủ tục:"),
    )
    assert [c.applies for c in out] == [Applies.ALTERNATIVE, Applies.ALTERNATIVE, Applies.CASE, Applies.CASE]
    assert out[0].alt_group == out[1].alt_group
    assert out[0].case != out[1].case
    assert not any(required_on(c, Channel.DIRECT) for c in out)


def test_a_lone_heading_that_names_no_situation_sets_no_condition() -> None:
    (only,) = read(paper("Đơn đề nghị", "a) Thành phần hồ sơ gồm:"))
    assert only.applies == Applies.ALWAYS


def test_channels_substitutes_exemptions_and_leads() -> None:
    out = read(
        paper("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng"),
        paper("Tờ khai (nếu người yêu cầu nộp hồ sơ theo hình thức trực tiếp)"),
        paper("Mẫu điện tử tương tác (do người yêu cầu cung cấp thông tin trên Cổng dịch vụ công)"),
        paper("Giấy tờ chứng minh nhân thân, trừ trường hợp đã có trong Cơ sở dữ liệu"),
        paper("Bản vẽ (nếu có) hoặc sơ họa mặt bằng"),
        paper("- Đối với dự án đầu tư, hồ sơ phải bổ sung:", "", 0, 1),
        paper("+ Bản sao quyết định phê duyệt dự án", "", 0, 1),
        paper("- Sơ họa vị trí khu vực", ""),
    )
    assert out[0].applies == Applies.ALWAYS
    assert out[0].substitutes == ("văn bản của người làm chứng",)
    assert (out[1].applies, out[1].channels) == (Applies.CHANNELS, ("direct",))
    assert (out[2].applies, out[2].channels) == (Applies.CHANNELS, ("online",))
    assert out[3].applies == Applies.ALWAYS
    assert out[4].applies == Applies.ALWAYS
    assert out[5].kind is ComponentKind.NOTE
    assert out[6].applies == Applies.CASE
    assert out[7].applies == Applies.ALWAYS  # a sibling of the lead line ends its list


def test_the_paper_form_pairs_with_the_online_e_form() -> None:
    out = read(
        paper("Tờ khai đăng ký kết hôn theo mẫu"),
        paper("Mẫu hộ tịch điện tử tương tác đăng ký kết hôn (nộp hồ sơ trực tuyến)"),
        offered=(Channel.DIRECT, Channel.ONLINE, Channel.POSTAL),
    )
    assert out[0].channels == ("direct", "postal")
    assert out[1].channels == ("online",)


def test_a_situation_that_also_names_a_channel_is_left_to_the_officer() -> None:
    (only,) = read(
        paper("Trường hợp người yêu cầu là người nước ngoài nộp trực tuyến thì nộp bản dịch hộ chiếu")
    )
    assert (only.applies, only.ambiguous) == (Applies.CASE, True)
    assert not required_on(only, Channel.ONLINE)

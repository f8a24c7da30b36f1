"""What "complete" and "missing" mean on a channel, with cases, alternatives and fallbacks."""

from __future__ import annotations

import pytest

from desk_app.core.catalogue import Channel, ComponentKind
from desk_app.core.checklist import ChecklistAnswer, ChecklistItem, complete_answers, evaluate
from desk_app.core.components import Applies
from desk_app.core.errors import InvalidInput

SUBMIT, SHOW, NOTE = ComponentKind.SUBMIT, ComponentKind.SHOW, ComponentKind.NOTE
DIRECT, ONLINE, POSTAL = Channel.DIRECT, Channel.ONLINE, Channel.POSTAL
ITEMS = [
    ChecklistItem(
        1,
        "Tờ khai đăng ký khai sinh",
        SUBMIT,
        1,
        0,
        applies=Applies.CHANNELS,
        channels=frozenset({DIRECT, POSTAL}),
    ),
    ChecklistItem(
        2,
        "Giấy chứng sinh; trường hợp không có thì văn bản người làm chứng",
        SUBMIT,
        1,
        1,
        substitutes=("văn bản của người làm chứng",),
    ),
    ChecklistItem(
        3,
        "Văn bản ủy quyền trong trường hợp ủy quyền",
        SUBMIT,
        1,
        0,
        applies=Applies.CASE,
        case="trong trường hợp ủy quyền",
    ),
    ChecklistItem(
        4,
        "Hộ chiếu/Thẻ căn cước",
        SHOW,
        1,
        0,
        applies=Applies.CHANNELS,
        channels=frozenset({DIRECT}),
        identity=True,
    ),
    ChecklistItem(5, "Cá nhân có quyền lựa chọn nơi đăng ký", NOTE, 0, 0),
    ChecklistItem(
        6, "Đơn đề nghị cấp mới", SUBMIT, 1, 0, applies=Applies.ALTERNATIVE, alt_group="G", case="Cấp mới"
    ),
    ChecklistItem(
        7, "Bản sao giấy cũ", SUBMIT, 0, 1, applies=Applies.ALTERNATIVE, alt_group="G", case="Cấp lại"
    ),
    ChecklistItem(
        8, "Mẫu điện tử tương tác", SUBMIT, 1, 0, applies=Applies.CHANNELS, channels=frozenset({ONLINE})
    ),
]
NEW = ChecklistAnswer(6, 1, 0)  # the "cấp mới" case, handed in


def missing(answers: list[ChecklistAnswer], channel: Channel = DIRECT) -> list[int]:
    return [m.position for m in evaluate(ITEMS, answers, channel).missing]


def test_complete_on_a_channel_is_always_plus_that_channel_never_a_case_or_another_channel() -> None:
    assert [a.position for a in complete_answers(ITEMS, DIRECT, cases=[6])] == [1, 2, 4, 6]
    assert [a.position for a in complete_answers(ITEMS, ONLINE, cases=[7])] == [2, 7, 8]
    assert [a.position for a in complete_answers(ITEMS, POSTAL, cases=[6, 3])] == [1, 2, 3, 6]
    answers = complete_answers(ITEMS, DIRECT, cases=[6])
    assert evaluate(ITEMS, answers, DIRECT).complete
    assert next(a for a in answers if a.position == 4).shown


def test_an_alternative_group_needs_its_case_chosen() -> None:
    with pytest.raises(InvalidInput, match=r"\(1\) Cấp mới: thành phần 6; \(2\) Cấp lại: thành phần 7"):
        complete_answers(ITEMS, DIRECT)
    with pytest.raises(InvalidInput, match="chọn một trường hợp"):
        evaluate(ITEMS, [ChecklistAnswer(1, 1, 0)], DIRECT)
    with pytest.raises(InvalidInput, match="Chỉ được chọn một trường hợp"):
        complete_answers(ITEMS, DIRECT, cases=[6, 7])


def test_missing_lists_only_what_applies_never_every_alternative() -> None:
    assert missing([NEW]) == [1, 2, 4]
    assert missing([ChecklistAnswer(7, 0, 0, applies=True)]) == [1, 2, 4, 7]
    assert missing([NEW], ONLINE) == [2, 8]


def test_a_case_counts_only_when_it_applies() -> None:
    base = complete_answers(ITEMS, DIRECT, cases=[6])
    assert missing([*base, ChecklistAnswer(3, 0, 0, applies=True)]) == [3]
    assert missing([*base, ChecklistAnswer(3, 0, 0, applies=False)]) == []


def test_a_fallback_the_paper_names_satisfies_it() -> None:
    base = [a for a in complete_answers(ITEMS, DIRECT, cases=[6]) if a.position != 2]
    assert missing([*base, ChecklistAnswer(2, 1, 0, substitute=1)]) == []
    assert missing([*base, ChecklistAnswer(2, 0, 0, substitute=1)]) == [2]
    with pytest.raises(InvalidInput, match="thay thế số 2"):
        evaluate(ITEMS, [*base, ChecklistAnswer(2, 1, 0, substitute=2)], DIRECT)


def test_an_original_may_stand_in_for_a_copy_but_not_the_reverse() -> None:
    base = [ChecklistAnswer(1, 1, 0), ChecklistAnswer(4, shown=True), NEW]
    assert missing([*base, ChecklistAnswer(2, 2, 0)]) == []
    assert missing([*base, ChecklistAnswer(2, 0, 2)]) == [2]
    assert missing([*base, ChecklistAnswer(2, 1, 0)]) == [2]


def test_an_original_counts_as_shown() -> None:
    assert missing([ChecklistAnswer(1, 1, 0), ChecklistAnswer(2, 1, 1), ChecklistAnswer(4, 1, 0), NEW]) == []


def test_nothing_beyond_the_published_list_nor_another_channels_paper() -> None:
    with pytest.raises(InvalidInput, match="không có trong danh mục công bố"):
        evaluate(ITEMS, [ChecklistAnswer(99, 1, 0)])
    with pytest.raises(InvalidInput, match="không có trong danh mục công bố"):
        complete_answers(ITEMS, DIRECT, cases=[99])
    with pytest.raises(InvalidInput, match="hai lần"):
        evaluate(ITEMS, [ChecklistAnswer(1, 1, 0), ChecklistAnswer(1, 1, 0)])
    with pytest.raises(InvalidInput, match="chỉ áp dụng khi nộp hồ sơ trực tuyến"):
        evaluate(ITEMS, [NEW, ChecklistAnswer(8, 1, 0)], DIRECT)
    with pytest.raises(InvalidInput, match="không được âm"):
        ChecklistAnswer(1, -1, 0)


def test_missing_items_keep_what_was_received() -> None:
    gaps = evaluate(ITEMS, [ChecklistAnswer(2, 1, 0), NEW], DIRECT).missing
    second = next(m for m in gaps if m.position == 2)
    assert (second.originals_needed, second.copies_needed, second.originals_received) == (1, 1, 1)

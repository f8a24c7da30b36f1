from __future__ import annotations

import pytest

from desk_app.core.catalogue import ComponentKind
from desk_app.core.checklist import ChecklistAnswer, ChecklistItem, complete_answers, evaluate
from desk_app.core.errors import InvalidInput

SUBMIT, SHOW, NOTE = ComponentKind.SUBMIT, ComponentKind.SHOW, ComponentKind.NOTE
ITEMS = [
    ChecklistItem(1, "Tờ khai đăng ký khai sinh", SUBMIT, 1, 0, "* Giấy tờ phải nộp:"),
    ChecklistItem(2, "Giấy chứng sinh", SUBMIT, 1, 1, "* Giấy tờ phải nộp:"),
    ChecklistItem(
        3, "- Trường hợp ủy quyền thì phải có văn bản ủy quyền", SUBMIT, 1, 0, "* Giấy tờ phải nộp:"
    ),
    ChecklistItem(4, "Hộ chiếu/Thẻ căn cước", SHOW, 1, 0, "* Giấy tờ phải xuất trình:"),
    ChecklistItem(5, "Cá nhân có quyền lựa chọn nơi đăng ký", NOTE, 0, 0, "* Lưu ý:"),
    ChecklistItem(6, "Đơn đề nghị cấp mới", SUBMIT, 1, 0, "(1) Trường hợp cấp mới:", alternative=True),
    ChecklistItem(7, "Bản sao giấy cũ", SUBMIT, 0, 1, "(2) Trường hợp cấp lại:", alternative=True),
    ChecklistItem(8, "Giấy xác nhận (nếu có)", SUBMIT, 1, 0, ""),
]


def positions(answers: list[ChecklistAnswer]) -> list[int]:
    return [m.position for m in evaluate(ITEMS, answers).missing]


def test_nothing_received_lists_every_unconditional_item_at_once() -> None:
    assert positions([]) == [1, 2, 4]


BASE = [ChecklistAnswer(1, 1, 0), ChecklistAnswer(2, 1, 1), ChecklistAnswer(4, shown=True)]


def test_complete_as_published() -> None:
    answers = complete_answers(ITEMS)
    # Everything published, conditional items too; of the alternative cases, the first; no notes.
    assert [a.position for a in answers] == [1, 2, 3, 4, 6, 8]
    assert evaluate(ITEMS, answers).complete
    assert evaluate(ITEMS, BASE).complete


def test_a_condition_inside_the_name_makes_the_item_conditional() -> None:
    item = ChecklistItem(
        9, "- Văn bản ủy quyền theo quy định của pháp luật trong trường hợp ủy quyền", SUBMIT, 1, 0
    )
    assert item.conditional
    assert ChecklistItem(10, "Giấy tờ khác (nếu có)", SUBMIT, 1, 0).conditional
    assert not ChecklistItem(11, "Tờ khai theo mẫu", SUBMIT, 1, 0).conditional
    assert not ChecklistItem(12, "Tờ khai ghi rõ hợp đồng", SUBMIT, 1, 0).conditional


def test_an_original_may_stand_in_for_a_copy_but_not_the_reverse() -> None:
    base = [ChecklistAnswer(1, 1, 0), ChecklistAnswer(4, shown=True)]
    assert positions([*base, ChecklistAnswer(2, 2, 0)]) == []
    assert positions([*base, ChecklistAnswer(2, 0, 2)]) == [2]
    assert positions([*base, ChecklistAnswer(2, 1, 0)]) == [2]


def test_conditional_items_count_only_when_they_apply() -> None:
    complete = BASE
    assert positions([*complete, ChecklistAnswer(3, 0, 0, applies=True)]) == [3]
    assert positions([*complete, ChecklistAnswer(3, 0, 0, applies=False)]) == []
    assert positions([*complete, ChecklistAnswer(8, 0, 0)]) == [8]


def test_alternative_cases_apply_as_a_group() -> None:
    complete = BASE
    assert positions([*complete, ChecklistAnswer(7, 0, 0)]) == [7]
    assert positions([*complete, ChecklistAnswer(7, 0, 1)]) == []
    assert positions(complete) == []


def test_an_original_counts_as_shown() -> None:
    assert positions([ChecklistAnswer(1, 1, 0), ChecklistAnswer(2, 1, 1), ChecklistAnswer(4, 1, 0)]) == []


def test_nothing_beyond_the_published_list() -> None:
    with pytest.raises(InvalidInput, match="không có trong danh mục công bố"):
        evaluate(ITEMS, [ChecklistAnswer(99, 1, 0)])
    with pytest.raises(InvalidInput, match="hai lần"):
        evaluate(ITEMS, [ChecklistAnswer(1, 1, 0), ChecklistAnswer(1, 1, 0)])
    with pytest.raises(InvalidInput, match="không được âm"):
        ChecklistAnswer(1, -1, 0)


def test_missing_items_keep_what_was_received() -> None:
    missing = evaluate(ITEMS, [ChecklistAnswer(2, 1, 0)]).missing
    second = next(m for m in missing if m.position == 2)
    assert (second.originals_needed, second.copies_needed, second.originals_received) == (1, 1, 1)

"""The reception form's state: card marks, answers from ticks, the autosave round trip."""

from __future__ import annotations

from datetime import date

from desk_app.core.catalogue import ComponentKind
from desk_app.core.checklist import ChecklistItem
from desk_app.core.citizen_id import CardData
from desk_app.core.components import Applies
from desk_app.core.reception_form import ItemTick, ReceptionForm, complete_ticks

ALTERNATIVE = Applies.ALTERNATIVE
ITEMS = [
    ChecklistItem(1, "Tờ khai đăng ký khai sinh", ComponentKind.SUBMIT, 1, 0),
    ChecklistItem(2, "Giấy chứng sinh", ComponentKind.SUBMIT, 1, 0),
    ChecklistItem(
        3, "Văn bản ủy quyền (trường hợp ủy quyền)", ComponentKind.SUBMIT, 1, 0, applies=Applies.CASE
    ),
    ChecklistItem(4, "CCCD của người đi đăng ký", ComponentKind.SHOW, 1, 0),
    ChecklistItem(5, "Người nộp xuất trình bản chính khi đối chiếu", ComponentKind.NOTE, 0, 0),
    ChecklistItem(
        6, "Giấy tờ trường hợp A", ComponentKind.SUBMIT, 1, 0, applies=ALTERNATIVE, alt_group="G", case="A"
    ),
    ChecklistItem(
        7, "Giấy tờ trường hợp B", ComponentKind.SUBMIT, 0, 1, applies=ALTERNATIVE, alt_group="G", case="B"
    ),
]
CASE_A = {6: ItemTick(False, 0, 0, applies=True)}
CARD = CardData("001090123456", None, "Nguyễn Văn Bình", date(1990, 1, 1), "Nam", "Phú Mỹ", None)


def test_card_fields_are_marked_until_edited() -> None:
    form = ReceptionForm(phone="0901234567").with_card(CARD)
    assert form.name == "Nguyễn Văn Bình"
    assert form.phone == "0901234567"
    assert set(form.from_card) == {"name", "id_number", "address"}
    edited = form.edited("address", "Xã Phú Mỹ, tỉnh Lâm Đồng")
    assert set(edited.from_card) == {"name", "id_number"}
    assert edited.edited("name", "Nguyễn Văn Bình") is edited  # no change, still from the card
    assert edited.draft(ITEMS).applicant.from_card


def test_complete_ticks_cover_what_always_applies_and_the_chosen_case_only() -> None:
    undecided = complete_ticks(ITEMS, {})
    assert set(undecided) == {1, 2, 4}  # the alternative group stays a question
    assert ReceptionForm(ticks=undecided).undecided(ITEMS)
    ticks = complete_ticks(ITEMS, CASE_A)
    assert set(ticks) == {1, 2, 4, 6}
    form = ReceptionForm(name="A", procedure_code="x", ticks=ticks)
    assert not form.undecided(ITEMS)
    assert form.evaluate(ITEMS).complete


def test_missing_items_and_conditional_ones() -> None:
    form = ReceptionForm(ticks={1: ItemTick(True, 1, 0), **CASE_A})
    missing = {m.position for m in form.evaluate(ITEMS).missing}
    assert missing == {2, 4, 6}
    applies = ReceptionForm(ticks={**complete_ticks(ITEMS, CASE_A), 3: ItemTick(False, 0, 0, applies=True)})
    assert [m.position for m in applies.evaluate(ITEMS).missing] == [3]


def test_notes_are_never_answered() -> None:
    form = ReceptionForm(ticks={5: ItemTick(True, 1, 1, True)})
    assert all(a.position != 5 for a in form.answers(ITEMS))


def test_show_items_are_recorded_as_shown() -> None:
    answers = {a.position: a for a in ReceptionForm(ticks=complete_ticks(ITEMS, CASE_A)).answers(ITEMS)}
    assert answers[4].shown
    assert not answers[1].shown


def test_json_round_trip_and_unknown_keys() -> None:
    form = ReceptionForm(
        name="Lê Thị Hoa",
        procedure_code="1.001193",
        ticks=complete_ticks(ITEMS, CASE_A),
        from_card=("name",),
        note="gấp",
    )
    data = form.to_json()
    assert ReceptionForm.from_json(data) == form
    assert ReceptionForm.from_json({**data, "added_later": 1}) == form


def test_empty() -> None:
    assert ReceptionForm().is_empty
    assert not ReceptionForm(phone="1").is_empty


def test_another_persons_card_is_told_apart_and_replaces_every_personal_field() -> None:
    other = CardData("079198001234", None, "Trần Thị Bích Ngọc", date(1998, 2, 2), "Nữ", "Bến Nghé", None)
    typed = ReceptionForm(
        name="Nguyễn Văn Bình", phone="0901234567", email="a@b.vn", procedure_code="1.001193"
    )
    assert not ReceptionForm().holds_other_applicant(other)  # nothing typed yet
    assert typed.holds_other_applicant(other)
    assert not typed.holds_other_applicant(CARD)  # the same person by name (no ID typed)
    assert not typed.with_card(CARD).holds_other_applicant(CARD)  # the same ID
    new = typed.with_card(CARD).with_new_applicant(other)
    assert (new.name, new.id_number, new.phone, new.email) == ("Trần Thị Bích Ngọc", "079198001234", "", "")
    assert new.procedure_code == "1.001193"  # the procedure chosen stays

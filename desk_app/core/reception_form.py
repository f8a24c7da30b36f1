"""The reception form's state, independent of widgets: autosaved as JSON, turned into a draft."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from desk_app.core.catalogue import Channel, ComponentKind
from desk_app.core.checklist import (
    ChecklistAnswer,
    ChecklistItem,
    ChecklistResult,
    chosen_cases,
    complete_answers,
    evaluate,
    undecided_groups,
)
from desk_app.core.dossier import Applicant, ApplicantKind, ReceptionDraft
from desk_app.core.paper_names import short_paper_name
from desk_app.core.text import fold
from desk_app.i18n import ngettext

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desk_app.core.checklist import MissingItem
    from desk_app.core.citizen_id import CardData

APPLICANT_FIELDS = ("name", "id_number", "phone", "address", "email")


@dataclass(frozen=True, slots=True)
class ItemTick:
    """What the officer ticked for one published component."""

    received: bool = False
    originals: int = 0
    copies: int = 0
    applies: bool = False  # conditional items and alternative cases: this case applies
    substitute: int = 0  # n: the n-th fallback the paper names was handed in instead of it


@dataclass(frozen=True, slots=True)
class ReceptionForm:
    """Everything typed so far; ``from_card`` names the applicant fields read from a CCCD QR."""

    name: str = ""
    kind: str = ApplicantKind.PERSON.value
    id_number: str = ""
    phone: str = ""
    address: str = ""
    email: str = ""
    from_card: tuple[str, ...] = ()
    procedure_code: str = ""
    ticks: dict[int, ItemTick] = field(default_factory=dict)
    bundles: int = 1
    note: str = ""
    return_by_post: bool = False  # the applicant asks for the result by post (field 6 of the receipt)
    return_address: str = ""  # where the post delivers it ("": the applicant's address)

    @property
    def is_empty(self) -> bool:
        """Nothing worth keeping was typed."""
        return not any((self.name, self.id_number, self.phone, self.address, self.email, self.procedure_code))

    def with_card(self, card: CardData) -> ReceptionForm:
        """Fill the applicant from a scanned card; those fields are marked as coming from it."""
        return replace(
            self,
            name=card.full_name,
            kind=ApplicantKind.PERSON.value,
            id_number=card.id_number,
            address=card.address,
            from_card=("name", "id_number", "address"),
        )

    def holds_other_applicant(self, card: CardData) -> bool:
        """Someone else's details are typed in: a scanned card must not silently mix with them."""
        if self.id_number:
            return self.id_number != card.id_number
        return bool(self.name) and fold(self.name) != fold(card.full_name)

    def with_new_applicant(self, card: CardData) -> ReceptionForm:
        """Another person's card: every personal field replaced or emptied (the procedure stays)."""
        personal = replace(self, phone="", email="", return_by_post=False, return_address="")
        return personal.with_card(card)

    def edited(self, field_name: str, value: str) -> ReceptionForm:
        """The officer typed in a field: it no longer counts as read from the card."""
        if getattr(self, field_name) == value:
            return self
        marks = tuple(f for f in self.from_card if f != field_name)
        return replace(self, **{field_name: value}, from_card=marks)  # type: ignore[arg-type]

    def answers(self, items: Sequence[ChecklistItem]) -> tuple[ChecklistAnswer, ...]:
        """Checklist answers for the published items (only those; nothing else can be asked for)."""
        out = []
        for item in items:
            tick = self.ticks.get(item.position)
            if tick is None or not item.required_kind or not (tick.received or tick.applies):
                continue
            applies = tick.applies or tick.received or not item.conditional
            originals, copies = (tick.originals, tick.copies) if tick.received else (0, 0)
            shown = tick.received and item.kind is ComponentKind.SHOW
            substitute = tick.substitute if tick.received and tick.substitute <= len(item.substitutes) else 0
            out.append(ChecklistAnswer(item.position, originals, copies, shown, applies, substitute))
        return tuple(out)

    def undecided(self, items: Sequence[ChecklistItem]) -> list[list[ChecklistItem]]:
        """Alternative groups whose case the officer has not chosen yet."""
        marked = [a.position for a in self.answers(items) if a.applies]
        return undecided_groups(items, chosen_cases(items, marked))

    def evaluate(self, items: Sequence[ChecklistItem]) -> ChecklistResult:
        """Complete, or every missing item (an undecided alternative group raises InvalidInput)."""
        return evaluate(items, self.answers(items), Channel.DIRECT)

    def draft(self, items: Sequence[ChecklistItem]) -> ReceptionDraft:
        """The reception draft the service decides on."""
        applicant = Applicant(
            self.name,
            ApplicantKind(self.kind),
            self.id_number,
            self.phone,
            self.email,
            self.address,
            from_card=bool(self.from_card),
        )
        return ReceptionDraft(
            self.procedure_code,
            applicant,
            self.answers(items),
            bundles=self.bundles,
            note=self.note,
            return_by_post=self.return_by_post,
            return_address=self.return_address,
        )

    def to_json(self) -> dict[str, Any]:
        """JSON-able state for the autosave."""
        data = asdict(self)
        data["ticks"] = {str(k): asdict(v) for k, v in self.ticks.items()}
        data["from_card"] = list(self.from_card)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReceptionForm:
        """Back from the autosave; unknown keys are ignored (an older or newer version saved it)."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        ticks = {int(k): ItemTick(**v) for k, v in dict(known.pop("ticks", {})).items()}
        known["from_card"] = tuple(known.get("from_card", ()))
        return cls(**known, ticks=ticks)


def complete_ticks(
    items: Sequence[ChecklistItem], ticks: dict[int, ItemTick], channel: Channel = Channel.DIRECT
) -> dict[int, ItemTick]:
    """Ctrl+D: what "complete" means on ``channel`` (core/checklist.py).

    The cases the officer marked as applying count; an alternative group not chosen yet stays a
    question on the screen.
    """
    cases = [p for p, tick in ticks.items() if tick.applies]
    answers = complete_answers(items, channel, cases, allow_undecided=True)
    return {a.position: ItemTick(True, a.originals, a.copies, applies=True) for a in answers}


def missing_line(missing: Sequence[MissingItem]) -> tuple[str, str]:
    """The screen's status line naming what is missing, and its tooltip.

    The line names the first three by short name; the tooltip every missing paper in the catalogue's words.
    """
    n = len(missing)
    names = "; ".join(f"{m.position}. {short_paper_name(m.name, 40)}" for m in missing[:3])
    more = "…" if n > 3 else ""
    text = ngettext("Còn thiếu {n} giấy tờ: {names}", "Còn thiếu {n} giấy tờ: {names}", n).format(
        n=n, names=names + more
    )
    return text, "\n".join(f"{m.position}. {m.name}" for m in missing)

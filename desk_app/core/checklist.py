"""Completeness of a reception against the published components only.

Decree 61 Art. 5: no paper beyond the published list may be asked for, so
the checklist is the pinned procedure version's components and nothing
else. Guidance notes are never required. Conditional items ("Trường hợp …",
"(nếu có)") and alternative cases ("(1) Trường hợp cấp mới") are required
only when the officer marks them as applying; everything else is required
as published. An original may stand in for a copy, never the reverse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desk_app.core.catalogue import ComponentKind
from desk_app.core.errors import InvalidInput
from desk_app.core.text import fold
from desk_app.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

# "Trường hợp …", "… trong trường hợp ủy quyền", "Nếu …", "(nếu có)": required only when it applies.
_CONDITIONAL_RE = re.compile(r"(^|[\s(,;:-])(truong hop|neu)\b")


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """A published component as the checklist needs it."""

    position: int
    name: str
    kind: ComponentKind
    originals: int
    copies: int
    group: str = ""
    alternative: bool = False

    @property
    def conditional(self) -> bool:
        """Required only when it applies to this applicant."""
        folded = fold(self.name)
        return self.alternative or bool(_CONDITIONAL_RE.search(folded))

    @property
    def required_kind(self) -> bool:
        """Submit and show items can be required; guidance notes never."""
        return self.kind is not ComponentKind.NOTE


@dataclass(frozen=True, slots=True)
class ChecklistAnswer:
    """What the officer recorded for one component."""

    position: int
    originals: int = 0
    copies: int = 0
    shown: bool = False
    applies: bool = True  # for conditional items: the case applies to this applicant

    def __post_init__(self) -> None:
        if self.originals < 0 or self.copies < 0:
            raise InvalidInput(_("Số bản chính và bản sao không được âm."))


@dataclass(frozen=True, slots=True)
class MissingItem:
    """A required component not (fully) received, for the supplement request."""

    position: int
    name: str
    kind: ComponentKind
    originals_needed: int
    copies_needed: int
    originals_received: int
    copies_received: int


@dataclass(frozen=True, slots=True)
class ChecklistResult:
    """The decision basis: every missing item at once (the one-time rule)."""

    missing: tuple[MissingItem, ...]
    received: tuple[ChecklistAnswer, ...]

    @property
    def complete(self) -> bool:
        """True when nothing required is missing."""
        return not self.missing


def _group_applies(items: Sequence[ChecklistItem], answers: dict[int, ChecklistAnswer]) -> dict[str, bool]:
    applies: dict[str, bool] = {}
    for item in items:
        if item.alternative:
            answer = answers.get(item.position)
            applies[item.group] = applies.get(item.group, False) or (answer is not None and answer.applies)
    return applies


def _applies(item: ChecklistItem, answers: dict[int, ChecklistAnswer], groups: dict[str, bool]) -> bool:
    if not item.required_kind:
        return False
    if item.alternative:
        return groups.get(item.group, False)
    if item.conditional:
        answer = answers.get(item.position)
        return answer is not None and answer.applies
    return True


def _shortfall(item: ChecklistItem, answer: ChecklistAnswer | None) -> MissingItem | None:
    originals = answer.originals if answer else 0
    copies = answer.copies if answer else 0
    if item.kind is ComponentKind.SHOW:
        shown = answer is not None and (answer.shown or originals > 0)
        if shown:
            return None
    elif originals >= item.originals and originals + copies >= item.originals + item.copies:
        return None
    return MissingItem(item.position, item.name, item.kind, item.originals, item.copies, originals, copies)


def evaluate(items: Sequence[ChecklistItem], answers: Iterable[ChecklistAnswer]) -> ChecklistResult:
    """Check the answers against the published items; answers for unknown positions are refused."""
    by_position: dict[int, ChecklistAnswer] = {}
    known = {item.position for item in items}
    for answer in answers:
        if answer.position not in known:
            raise InvalidInput(
                _(
                    "Thành phần số {n} không có trong danh mục công bố của thủ tục; không thể yêu cầu thêm "
                    "giấy tờ ngoài danh mục."
                ).format(n=answer.position)
            )
        if answer.position in by_position:
            raise InvalidInput(_("Thành phần số {n} được khai hai lần.").format(n=answer.position))
        by_position[answer.position] = answer
    groups = _group_applies(items, by_position)
    missing = []
    for item in items:
        if _applies(item, by_position, groups):
            gap = _shortfall(item, by_position.get(item.position))
            if gap is not None:
                missing.append(gap)
    return ChecklistResult(tuple(missing), tuple(by_position[p] for p in sorted(by_position)))


def complete_answers(items: Sequence[ChecklistItem]) -> list[ChecklistAnswer]:
    """The answers of a reception where everything came as published.

    Every submit and show item is received as published; of alternative cases, the first one.
    """
    first_case = next((item.group for item in items if item.alternative), None)
    return [
        ChecklistAnswer(item.position, item.originals, item.copies, shown=item.kind is ComponentKind.SHOW)
        for item in items
        if item.required_kind and (not item.alternative or item.group == first_case)
    ]

"""Completeness of a reception against the published components only.

Decree 61 Art. 5: no paper beyond the published list may be asked for, so the checklist is the pinned
procedure version's components and nothing else, read as core/components.py reads them. On a channel,
"complete" means every paper that always applies plus every paper for that channel, as published;
never a case, never a note, never another channel's paper. A case counts when the officer says it
applies; of an alternative group exactly one case is chosen. A paper that names its own fallback is
satisfied by the fallback. An original may stand in for a copy, never the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desk_app.core.catalogue import Channel, ComponentKind
from desk_app.core.components import Applies
from desk_app.core.errors import InvalidInput
from desk_app.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """A published component as the checklist needs it."""

    position: int
    name: str
    kind: ComponentKind
    originals: int
    copies: int
    group: str = ""
    applies: Applies = Applies.ALWAYS
    channels: frozenset[Channel] = field(default_factory=frozenset)
    case: str = ""
    alt_group: str = ""
    substitutes: tuple[str, ...] = ()
    identity: bool = False
    ambiguous: bool = False

    @property
    def alternative(self) -> bool:
        """One case of an alternative group."""
        return self.applies is Applies.ALTERNATIVE

    @property
    def conditional(self) -> bool:
        """Required only when the officer says it applies (a case, or a reading the rules left open)."""
        return self.required_kind and (
            self.applies is Applies.CASE or (self.ambiguous and not self.alternative)
        )

    @property
    def required_kind(self) -> bool:
        """Submit and show items can be required; guidance notes never."""
        return self.kind is not ComponentKind.NOTE

    def on_channel(self, channel: Channel) -> bool:
        """False for a paper of another channel only (the online e-form on a direct reception)."""
        return self.applies is not Applies.CHANNELS or channel in self.channels

    def always_on(self, channel: Channel) -> bool:
        """Every applicant on ``channel`` brings it."""
        if not self.required_kind or self.ambiguous:
            return False
        return self.applies is Applies.ALWAYS or (
            self.applies is Applies.CHANNELS and channel in self.channels
        )


@dataclass(frozen=True, slots=True)
class ChecklistAnswer:
    """What the officer recorded for one component."""

    position: int
    originals: int = 0
    copies: int = 0
    shown: bool = False
    applies: bool = True  # for cases and alternatives: the case applies to this applicant
    substitute: int = 0  # 0: the paper itself; n: the n-th fallback the paper names was handed in

    def __post_init__(self) -> None:
        if self.originals < 0 or self.copies < 0:
            raise InvalidInput(_("Số bản chính và bản sao không được âm."))
        if self.substitute < 0:
            raise InvalidInput(_("Giấy tờ thay thế không hợp lệ."))


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


def _alternative_groups(items: Sequence[ChecklistItem]) -> dict[str, list[ChecklistItem]]:
    groups: dict[str, list[ChecklistItem]] = {}
    for item in items:
        if item.alternative and item.required_kind:
            groups.setdefault(item.alt_group, []).append(item)
    return groups


def _cases_of(group: list[ChecklistItem]) -> dict[str, list[int]]:
    cases: dict[str, list[int]] = {}
    for item in group:
        cases.setdefault(item.case, []).append(item.position)
    return cases


def describe_group(group: list[ChecklistItem]) -> str:
    """The cases of a group for a message: (1) Cấp mới: thành phần 3, 4; (2) Cấp lại: thành phần 5."""
    return "; ".join(
        _("({n}) {case}: thành phần {numbers}").format(
            n=n, case=case or _("trường hợp"), numbers=", ".join(str(p) for p in positions)
        )
        for n, (case, positions) in enumerate(_cases_of(group).items(), start=1)
    )


def chosen_cases(items: Sequence[ChecklistItem], marked: Iterable[int]) -> dict[str, str]:
    """Alternative group → the case the officer chose, from the component numbers marked as applying.

    Marking any paper of a case chooses that case; two cases of one group is an error.
    """
    by_position = {item.position: item for item in items}
    chosen: dict[str, str] = {}
    for position in marked:
        item = by_position.get(position)
        if item is None or not item.alternative:
            continue
        previous = chosen.setdefault(item.alt_group, item.case)
        if previous != item.case:
            raise InvalidInput(
                _("Chỉ được chọn một trường hợp trong nhóm: {group}.").format(
                    group=describe_group(_alternative_groups(items)[item.alt_group])
                )
            )
    return chosen


def undecided_groups(items: Sequence[ChecklistItem], chosen: dict[str, str]) -> list[list[ChecklistItem]]:
    """Alternative groups whose case is not chosen yet."""
    return [group for key, group in _alternative_groups(items).items() if key not in chosen]


def _require_decided(items: Sequence[ChecklistItem], chosen: dict[str, str]) -> None:
    open_groups = undecided_groups(items, chosen)
    if open_groups:
        raise InvalidInput(
            _(
                "Thủ tục có các trường hợp loại trừ nhau, hãy chọn một trường hợp (ghi số thành phần trong "
                "“cases”): {groups}."
            ).format(groups=" | ".join(describe_group(g) for g in open_groups))
        )


def required(
    item: ChecklistItem, channel: Channel, answer: ChecklistAnswer | None, chosen: dict[str, str]
) -> bool:
    """Whether this reception must contain the item."""
    if not item.required_kind or not item.on_channel(channel):
        return False
    if item.alternative:
        return chosen.get(item.alt_group) == item.case
    if item.conditional:
        return answer is not None and answer.applies
    return item.always_on(channel)


def _shortfall(item: ChecklistItem, answer: ChecklistAnswer | None) -> MissingItem | None:
    originals = answer.originals if answer else 0
    copies = answer.copies if answer else 0
    if item.kind is ComponentKind.SHOW:
        shown = answer is not None and (answer.shown or originals > 0)
        if shown:
            return None
    elif answer is not None and answer.substitute and (originals or copies):
        return None  # a fallback the paper names was handed in instead (one is enough)
    elif originals >= item.originals and originals + copies >= item.originals + item.copies:
        return None
    return MissingItem(item.position, item.name, item.kind, item.originals, item.copies, originals, copies)


def _checked_answers(
    items: Sequence[ChecklistItem], answers: Iterable[ChecklistAnswer], channel: Channel
) -> dict[int, ChecklistAnswer]:
    by_position: dict[int, ChecklistAnswer] = {}
    known = {item.position: item for item in items}
    for answer in answers:
        item = known.get(answer.position)
        if item is None:
            raise InvalidInput(
                _(
                    "Thành phần số {n} không có trong danh mục công bố của thủ tục; không thể yêu cầu thêm "
                    "giấy tờ ngoài danh mục."
                ).format(n=answer.position)
            )
        if answer.position in by_position:
            raise InvalidInput(_("Thành phần số {n} được khai hai lần.").format(n=answer.position))
        if not item.on_channel(channel) and (answer.originals or answer.copies or answer.shown):
            raise InvalidInput(
                _(
                    "Thành phần số {n} chỉ áp dụng khi nộp hồ sơ {channels}, không áp dụng cho hồ sơ này."
                ).format(
                    n=answer.position, channels=", ".join(channel_label(c) for c in sorted(item.channels))
                )
            )
        if answer.substitute > len(item.substitutes):
            raise InvalidInput(
                _("Thành phần số {n} không có giấy tờ thay thế số {k}.").format(
                    n=answer.position, k=answer.substitute
                )
            )
        by_position[answer.position] = answer
    return by_position


def channel_label(channel: Channel) -> str:
    """The channel as the slips and messages say it: trực tiếp, trực tuyến, qua bưu chính."""
    return {
        Channel.DIRECT: _("trực tiếp"),
        Channel.ONLINE: _("trực tuyến"),
        Channel.POSTAL: _("qua bưu chính"),
    }[channel]


def evaluate(
    items: Sequence[ChecklistItem],
    answers: Iterable[ChecklistAnswer],
    channel: Channel = Channel.DIRECT,
    *,
    allow_undecided: bool = False,
) -> ChecklistResult:
    """Check the answers against the published items on ``channel``.

    An alternative group must have its case chosen (except for a refusal, ``allow_undecided``: a
    request outside the unit's remit is refused whatever its case); answers for unknown positions or
    for another channel's papers are refused.
    """
    by_position = _checked_answers(items, answers, channel)
    chosen = chosen_cases(items, [a.position for a in by_position.values() if a.applies])
    if not allow_undecided:
        _require_decided(items, chosen)
    missing = []
    for item in items:
        answer = by_position.get(item.position)
        if required(item, channel, answer, chosen):
            gap = _shortfall(item, answer)
            if gap is not None:
                missing.append(gap)
    return ChecklistResult(tuple(missing), tuple(by_position[p] for p in sorted(by_position)))


def complete_answers(
    items: Sequence[ChecklistItem],
    channel: Channel = Channel.DIRECT,
    cases: Iterable[int] = (),
    *,
    allow_undecided: bool = False,
) -> list[ChecklistAnswer]:
    """The answers of a reception where everything that applies came as published.

    Every paper that always applies and every paper of ``channel``; of the cases, those the officer
    names by component number (for an alternative group, naming one of its papers chooses its case).
    An alternative group without its case chosen is an error that names the cases (the screen, which
    asks the officer instead, passes ``allow_undecided``).
    """
    named = set(cases)
    known = {item.position for item in items}
    unknown = sorted(named - known)
    if unknown:
        raise InvalidInput(
            _("Thành phần số {n} không có trong danh mục công bố của thủ tục.").format(
                n=", ".join(str(p) for p in unknown)
            )
        )
    not_cases = sorted(
        item.position
        for item in items
        if item.position in named
        and not (item.on_channel(channel) and (item.conditional or item.alternative))
    )
    if not_cases:
        raise InvalidInput(
            _(
                "Thành phần số {n} không phải là một trường hợp để chọn khi nộp {channel} (là hướng dẫn, "
                "giấy tờ mọi người đều nộp, hoặc giấy tờ của kênh khác)."
            ).format(n=", ".join(str(p) for p in not_cases), channel=channel_label(channel))
        )
    chosen = chosen_cases(items, named)
    if not allow_undecided:
        _require_decided(items, chosen)
    out = []
    for item in items:
        applies = item.position in named
        probe = ChecklistAnswer(item.position, applies=applies)
        if required(item, channel, probe, chosen):
            out.append(
                ChecklistAnswer(
                    item.position,
                    item.originals,
                    item.copies,
                    shown=item.kind is ComponentKind.SHOW,
                    applies=True,
                )
            )
    return out

"""What each published component of a procedure means at the counter (domain.md §10.1).

The catalogue's components are free text written by many ministries. Read as an officer reads them,
each is one of:

- a **note** (guidance, a heading, a rule sentence, a data-lookup exemption): never a paper;
- a paper to **submit** (kept in the dossier) or to **show** (an original compared and handed back),
  which applies:
  - ``always``: every applicant (a paper that names its own fallback is still always required, and the
    fallback satisfies it; an exemption "trừ trường hợp…" leaves it always);
  - on some ``channels`` only (the paper form for direct/postal, the interactive e-form online, the
    certified copies a postal dossier sends instead of showing originals);
  - in a ``case`` of the applicant ("Trường hợp trẻ em bị bỏ rơi…", "trong trường hợp ủy quyền",
    "(nếu có)"): only when the officer says the situation holds;
  - as one case of an ``alternative`` group ("Trường hợp cấp mới / cấp lại", "a) … b) …"): exactly one
    case of the group applies to every applicant.

The reading is derived from the published text at import and stored with the procedure version. What
the rules cannot decide is marked ``ambiguous``: the officer is asked, and "complete" treats it as a
case. The rules were written from the domain's reading guide and measured against hand-made labels of
real procedures (tests/data/component_labels.json), never fitted to one procedure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from desk_app.core.catalogue import Channel, ComponentData, ComponentKind
from desk_app.core.component_text import (
    case_question,
    channels_named,
    first_clause,
    first_sentence,
    is_note,
    later_fallbacks,
    own_fallbacks,
    strip_marks,
)
from desk_app.core.component_words import (
    _CASE_ANYWHERE,
    _CASE_START,
    _CONDITION_ASIDE,
    _EXEMPTION,
    _FALLBACK,
    _IDENTITY,
    _LIST_MARK,
    _NOTE_GROUP,
    _ONE_OF,
    _OPTION_IF_ANY,
    _SHOW_GROUP,
    _SHOW_TEXT,
    _STARTS_WITH_PAPER,
)
from desk_app.core.text import clean_line, fold

if TYPE_CHECKING:
    from collections.abc import Sequence


class Applies(StrEnum):
    """When a paper is required."""

    ALWAYS = "always"
    CHANNELS = "channels"
    CASE = "case"
    ALTERNATIVE = "alternative"


@dataclass(frozen=True, slots=True)
class Reading:
    """The rule-derived meaning of one component."""

    role: ComponentKind
    applies: Applies
    channels: tuple[Channel, ...] = ()
    case: str = ""
    alt_group: str = ""
    substitutes: tuple[str, ...] = ()
    identity: bool = False
    ambiguous: bool = False


def read_component(component: ComponentData) -> Reading:
    """The reading of one component on its own (alternative groups need the whole list)."""
    text = fold(component.name)
    group = fold(component.group)
    if is_note(text, group, component.originals, component.copies):
        return Reading(ComponentKind.NOTE, Applies.ALWAYS)
    # "Bản sao … kèm theo bản chính để đối chiếu": the copy is handed in, the original only certifies it.
    copy_handed_in = bool(re.match(_LIST_MARK + r"(ban chinh hoac )?ban sao", text))
    shown = _SHOW_GROUP.search(group) or (_SHOW_TEXT.search(text) and not copy_handed_in)
    role = ComponentKind.SHOW if shown else ComponentKind.SUBMIT
    if "ban sao co chung thuc" in text and re.search(r"buu chinh", text):
        role = ComponentKind.SUBMIT  # the certified copies a postal dossier sends instead of showing
    identity = role is ComponentKind.SHOW and bool(_IDENTITY.search(text))
    without_exemptions = _EXEMPTION.sub("", first_sentence(text))
    substitutes = own_fallbacks(component.name)
    conditional_part = without_exemptions
    if substitutes:
        conditional_part = _FALLBACK.split(without_exemptions, maxsplit=1)[0]
    if _STARTS_WITH_PAPER.match(conditional_part) and not _CASE_ANYWHERE.search(
        conditional_part.split(";")[0]
    ):
        # "Giấy chứng sinh…; nếu trẻ em sinh ra ngoài cơ sở y tế thì …": the paper's own condition is in
        # its first clause; what follows the semicolon says what may stand in for it.
        conditional_part = conditional_part.split(";")[0]
        substitutes = substitutes or later_fallbacks(component.name)
    channels = channels_named(conditional_part) or channels_named(
        " ".join(_CONDITION_ASIDE.findall(_EXEMPTION.sub("", text)))
    )
    starts_with_case = bool(_CASE_START.match(conditional_part))
    case_anywhere = bool(_CASE_ANYWHERE.search(_OPTION_IF_ANY.sub(" ", conditional_part)))
    if starts_with_case and "uy quyen" in first_clause(conditional_part):
        channels = ()  # "Trường hợp ủy quyền cho đơn vị bưu chính công ích…" is a situation, not a channel
    if channels and not starts_with_case:
        return Reading(role, Applies.CHANNELS, channels, identity=identity, substitutes=substitutes)
    if (
        channels
        and starts_with_case
        and re.match(
            _LIST_MARK + r"(truong hop|neu) (gui|nop|thuc hien)[^,]*" + r"(buu chinh|truc tuyen|truc tiep)",
            conditional_part,
        )
    ):
        return Reading(role, Applies.CHANNELS, channels, identity=identity, substitutes=substitutes)
    if starts_with_case or case_anywhere:
        return Reading(
            role,
            Applies.CASE,
            case=case_question(component.name),
            identity=identity,
            substitutes=substitutes,
            # A situation that also names a channel ("Trường hợp … trực tuyến thì …"): the rules cannot
            # tell a channel's paper from a case's, so the officer is asked.
            ambiguous=bool(channels),
        )
    return Reading(role, Applies.ALWAYS, identity=identity, substitutes=substitutes)


_GROUP_STANDARD = re.compile(
    r"^(giay to (phai|can) (nop|xuat trinh)|thanh phan( ho so)?|ho so( de nghi)?( bao)? gom|bao gom|ho so|"
    r"so luong ho so|giay to|)\s*(gom|bao gom)?\s*:?\s*$"
)
_CASE_WORDS = re.compile(r"^(trong )?(truong hop|doi voi|neu|khi)\b")


def _heading_core(folded_group: str) -> str:
    """A group heading without its list marks, its parenthesised asides and its closing colon."""
    core = re.sub(r"\([^()]*\)", " ", folded_group)
    core = re.sub(r"^[-+*•\s]*", "", core)
    core = re.sub(_LIST_MARK, "", core)
    return re.sub(r"\s+", " ", core).strip().rstrip(":.").strip()


@dataclass(frozen=True, slots=True)
class _Heading:
    """What a published group heading says about the papers under it."""

    kind: str  # "plain" (no condition), "note", "channels", "case", "alternative"
    label: str = ""
    channels: tuple[Channel, ...] = ()


def _headings(components: Sequence[ComponentData]) -> dict[str, _Heading]:
    """Every group heading of a procedure, read together.

    Headings that are neither the standard "Giấy tờ phải nộp/xuất trình", nor guidance, nor a channel,
    nor an authorisation are the procedure's cases ("a) Cấp mới", "b) Cấp lại", "* Hồ sơ hưởng trợ cấp
    tai nạn", "* Hồ sơ hưởng trợ cấp tiền tuất"). Two or more of them are alternatives: every applicant
    is in exactly one. A single one is a situation (a case), or no condition at all when it does not
    start like one.
    """
    read: dict[str, _Heading] = {}
    candidates: list[str] = []
    for component in components:
        folded = fold(component.group)
        if folded in read or folded in candidates:
            continue
        core = _heading_core(folded)
        label = clean_line(component.group).lstrip("-+*• ").rstrip(":")
        if _GROUP_STANDARD.match(core):
            read[folded] = _Heading("plain")
        elif _NOTE_GROUP.search(core):
            read[folded] = _Heading("note")
        elif channels_named(first_clause(core)) and _CASE_WORDS.match(core):
            read[folded] = _Heading("channels", label, channels_named(first_clause(core)))
        elif "uy quyen" in core:
            read[folded] = _Heading("case", label)
        else:
            candidates.append(folded)
    labels = {fold(c.group): clean_line(c.group).lstrip("-+*• ").rstrip(":") for c in components}
    for folded in candidates:
        if len(candidates) >= 2:
            read[folded] = _Heading("alternative", labels[folded])
        elif _CASE_WORDS.match(_heading_core(folded)):
            read[folded] = _Heading("case", labels[folded])
        else:
            read[folded] = _Heading("plain")
    return read


# The one alternative group formed by a procedure's case headings ("(1) Cấp mới", "(2) Cấp lại").
_HEADINGS_GROUP = "headings"


def _under_heading(reading: Reading, heading: _Heading) -> Reading:
    """A paper's reading once the heading it is published under is known.

    The paper's own condition wins over its heading's: a "(nếu có)" paper inside case a) is still a
    case, the online e-form inside case b) is still the online e-form.
    """
    if reading.role is ComponentKind.NOTE or reading.applies is not Applies.ALWAYS:
        return reading
    if heading.kind == "alternative":
        return replace(reading, applies=Applies.ALTERNATIVE, alt_group=_HEADINGS_GROUP, case=heading.label)
    if heading.kind == "channels":
        return replace(reading, applies=Applies.CHANNELS, channels=heading.channels)
    if heading.kind == "case":
        return replace(reading, applies=Applies.CASE, case=heading.label)
    return reading


def _list_mark(folded: str) -> str:
    match = re.match(r"^\s*([-+*•])", folded)
    return match.group(1) if match else ""


@dataclass(frozen=True, slots=True)
class _Lead:
    """A guidance line ending in ":" that sets the condition of the papers listed after it."""

    heading: _Heading
    mark: str
    group: str


_INTRODUCES_LIST = re.compile(r"(:|\bbao gom|\bgom|\bsau day|\bnhu sau)\s*$")


def _lead_of(component: ComponentData) -> _Lead | None:
    """A lead like "- Đối với các dự án…, hồ sơ phải bổ sung:": the papers after it are its case's."""
    text = fold(component.name)
    bare = strip_marks(text).rstrip()
    if not _INTRODUCES_LIST.search(bare) or not _CASE_WORDS.match(bare):
        return None
    label = clean_line(component.name).lstrip("-+*• ").rstrip(":")[:160]
    named = channels_named(first_clause(bare))
    heading = _Heading("channels", label, named) if named else _Heading("case", label)
    return _Lead(heading, _list_mark(text), fold(component.group))


def _paper_form_pairs(items: list[ComponentData], offered: Sequence[Channel]) -> list[ComponentData]:
    """The paper "Tờ khai" is for direct and postal when the procedure publishes its online e-form."""
    has_eform = any(
        c.applies == Applies.CHANNELS
        and c.channels == (Channel.ONLINE.value,)
        and _EFORM.search(fold(c.name))
        for c in items
    )
    if not has_eform:
        return items
    paper = tuple(ch.value for ch in offered if ch is not Channel.ONLINE) or (
        Channel.DIRECT.value,
        Channel.POSTAL.value,
    )
    return [
        replace(c, applies=Applies.CHANNELS.value, channels=paper)
        if c.kind is ComponentKind.SUBMIT
        and c.applies == Applies.ALWAYS
        and re.match(_LIST_MARK + r"to khai\b", fold(c.name))
        else c
        for c in items
    ]


_EFORM = re.compile(r"dien tu tuong tac|bieu mau dien tu|to khai dien tu")


def derive(components: Sequence[ComponentData], offered: Sequence[Channel] = ()) -> tuple[ComponentData, ...]:
    """The components with their reading filled in (role in ``kind``, and applies, channels, cases)."""
    headings = _headings(components)
    out: list[ComponentData] = []
    one_of: str = ""
    lead: _Lead | None = None
    for component in components:
        reading = read_component(component)
        group = fold(component.group)
        heading = headings[group]
        if heading.kind == "note":
            reading = Reading(ComponentKind.NOTE, Applies.ALWAYS)
        text = fold(component.name)
        new_lead = _lead_of(component)
        if new_lead is not None:
            reading = Reading(ComponentKind.NOTE, Applies.ALWAYS)
        if lead is not None and (group != lead.group or (lead.mark and _list_mark(text) == lead.mark)):
            lead = None
        if reading.role is ComponentKind.NOTE:
            one_of = (
                f"#{component.position}" if _ONE_OF.search(text) and text.rstrip().endswith(":") else one_of
            )
            lead = new_lead or (None if text.rstrip().endswith(":") else lead)
        elif one_of and reading.applies in (Applies.ALWAYS, Applies.CASE):
            reading = replace(
                reading, applies=Applies.ALTERNATIVE, alt_group=one_of, case=_strip_case(component.name)
            )
        if lead is not None:
            reading = _under_heading(reading, lead.heading)
        out.append(_with_reading(component, _under_heading(reading, heading)))
    return tuple(_paper_form_pairs(out, offered))


def _strip_case(name: str) -> str:
    return clean_line(name).lstrip("-+*• ")[:160]


def _with_reading(component: ComponentData, reading: Reading) -> ComponentData:
    return replace(
        component,
        kind=reading.role,
        applies=reading.applies.value,
        channels=tuple(c.value for c in reading.channels),
        case=reading.case,
        alt_group=reading.alt_group,
        substitutes=reading.substitutes,
        identity=reading.identity,
        ambiguous=reading.ambiguous,
        alternative=reading.applies is Applies.ALTERNATIVE,
    )


def required_on(component: ComponentData, channel: Channel) -> bool:
    """Whether every applicant on ``channel`` must bring this paper (no case chosen)."""
    if component.kind is ComponentKind.NOTE:
        return False
    if component.applies == Applies.ALWAYS:
        return True
    return component.applies == Applies.CHANNELS and channel.value in component.channels

"""Issue 14, the counter screen: no internal identifier is ever on screen, in Vietnamese or in English.

Every text on show is collected generically (labels, buttons, group titles, tabs, window titles,
placeholders, tooltips, combo and list items, table headers and every cell's text and tooltip) on every
screen, with a dossier in every state on the screens that show one, and in the action dialogs. None may
contain one of the project's own identifiers (the values of its enums, its document kinds, its settings
keys, an enum's repr, a UUID) nor, in Vietnamese, an English word a programmer would leave behind.
Dossier codes, numbers, dates, names and the catalogue's procedures are data: they are not looked at
beyond those words.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

import desk_app.core
from desk_app.core.documents import DOCUMENTS
from desk_app.core.workflow import Action
from desk_app.i18n import set_language
from desk_app.services import dto, outbox
from desk_app.services import settings as settings_module
from desk_app.services.container import Services
from desk_app.services.settings import PAPERS, Setting
from desk_app.sync import protocol
from desk_app.ui.dialogs.action_dialog import ActionDialog
from desk_app.ui.main_window import MainWindow
from tests.ui.conftest import Messages
from tests.ui.dossier_states import STATES, calendar_day, sync_trouble
from tests.ui.screen_walk import OFFICER, open_window, settle, visible_texts
from tests.ui.test_every_button import OPEN_DOSSIER, SCENES

CORE = [
    importlib.import_module(f"desk_app.core.{module.name}")
    for module in pkgutil.iter_modules(desk_app.core.__path__)
]
ENUM_MODULES = [
    *CORE,
    dto,
    protocol,
]


def _enums() -> Iterator[type[Enum]]:
    for module in ENUM_MODULES:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Enum) and value.__module__ == module.__name__:
                yield value


def identifiers() -> set[str]:
    """The project's own identifiers, read from the code (a new enum value is covered at once)."""
    found = {str(member.value) for enum in _enums() for member in enum if isinstance(member.value, str)}
    found |= set(DOCUMENTS)
    settings = [v for v in vars(settings_module).values() if isinstance(v, Setting)]
    settings += [s for v in vars(settings_module).values() if isinstance(v, dict) for s in v.values()]
    found |= {s.key for s in settings if isinstance(s, Setting)}
    found |= {outbox.PENDING, outbox.SENT, outbox.ACCEPTED, outbox.NEEDS_ATTENTION}
    found |= {"desk", "post"}  # the return methods' stored values
    # The paper sizes' stored values; the ISO names themselves (A4, A5) are what officers say.
    found |= {p for p in PAPERS if not re.fullmatch(r"A\d", p)}
    return found


IDENTIFIERS = identifiers()
# An identifier that reads as one English word is also an English word: in English only the compound
# ones (dossier.step, control-sheet, day_off, print.auto …) and reprs can only be identifiers.
COMPOUND = {i for i in IDENTIFIERS if re.search(r"[._-]", i)}
ENUM_REPRS = sorted({enum.__name__ for enum in _enums()})
# English words never meant for a Vietnamese officer. Case-sensitive, whole words. Left out on purpose:
# "in" (Vietnamese: to print), "do", "to", "no", "an", "on", "me", "so", "the", "con", "ban" … are
# Vietnamese words (or are once the diacritics go); "English" names the language in the language list;
# PDF, Excel, QR, CCCD, Enter, Delete, Esc, Ctrl, Alt are what the officer reads on the keys and files.
ENGLISH = (
    "print", "Print", "receipt", "dossier", "Dossier", "sync", "Sync", "online", "offline", "pending",
    "error", "Error", "none", "None", "null", "true", "True", "false", "False", "status", "draft",
    "outbox", "event", "action", "settings", "officer", "unknown", "undefined", "NaN", "nan", "TODO",
    "FIXME", "Exception", "Traceback", "object", "refused", "rejected", "central", "timeout",
)
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def _pattern(words: set[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def forbidden(english_ui: bool) -> re.Pattern[str]:
    """Whole-word identifiers (and, in Vietnamese, English words), reprs like ``Action.RECEIVE``, UUIDs."""
    words = COMPOUND if english_ui else IDENTIFIERS | set(ENGLISH)
    return re.compile(
        rf"(?<![\w.-])(?:{_pattern(words)})(?![\w-]|\.\w)"
        rf"|\b(?:{_pattern(tuple(ENUM_REPRS))})\.[A-Z_]+\b"
        rf"|\b{UUID}\b"
        r"|\b[A-Z]\w*(?:Error|Exception)\b"  # an exception's class name (ConnectError …)
    )


def offending(texts: list[tuple[str, str]], english_ui: bool) -> list[str]:
    """“where: text” for every text holding something forbidden."""
    pattern = forbidden(english_ui)
    hits = [(where, text, pattern.search(text)) for where, text in texts]
    return [f"{where}: {m.group(0)!r} in {text[:160]!r}" for where, text, m in hits if m is not None]


def test_the_check_sees_an_identifier_and_spares_vietnamese() -> None:
    """The pattern itself: identifiers caught whole, Vietnamese words and data untouched."""
    shown = [
        ("label", "Sự kiện: dossier.step"),
        ("cell", "control-sheet"),
        ("cell", "Action.RECEIVE"),
        ("tip", "01a23d69-3234-737a-8125-6b523c43061d"),
        ("cell", "None"),
        ("cell", "ConnectError"),
    ]
    assert len(offending(shown, english_ui=False)) == len(shown)
    data = [("label", "In lại: Giấy hẹn"), ("cell", "000.00.19.H57-261120-1001"), ("cell", "Đã xử lý xong")]
    assert offending(data, english_ui=False) == []
    assert offending([("b", "Print receipt"), ("c", "Online")], english_ui=True) == []
    assert offending([("b", "print.auto")], english_ui=True) != []


@pytest.fixture(params=["vi", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """The UI language; English is checked for identifiers only."""
    set_language(request.param)
    yield request.param
    set_language("vi")


@pytest.fixture
def populated(services: Services) -> Services:
    """Dossiers in every state, a calendar day, and what a sync left to look at."""
    for make in STATES.values():
        make(services)
    calendar_day(services)
    return services


def _walk_today(window: MainWindow) -> list[tuple[str, str]]:
    texts = []
    for row in range(window.today.groups.count()):  # each list of the screen in turn
        window.today.groups.setCurrentRow(row)
        settle()
        texts += visible_texts(window)
    return texts


def _walk_catalogue(window: MainWindow) -> list[tuple[str, str]]:
    window.catalogue.picker.search.setText("khai sinh")
    window.catalogue.show_procedure("1.001193")
    settle()
    return visible_texts(window)


def _walk_reports(window: MainWindow) -> list[tuple[str, str]]:
    window.reports.refresh()
    settle()
    return visible_texts(window)


WALKS: dict[str, Callable[[MainWindow], list[tuple[str, str]]]] = {
    "today": _walk_today,
    "catalogue": _walk_catalogue,
    "reports": _walk_reports,
}


def _check(texts: list[tuple[str, str]], language: str) -> None:
    assert texts, "nothing on screen was read"
    found = offending(texts, english_ui=language == "en")
    assert not found, f"{len(found)} identifier(s) on screen:\n" + "\n".join(found[:25])


SCREEN_SCENES = list(SCENES)


@pytest.mark.parametrize("scene", SCREEN_SCENES)
def test_no_identifier_on_the_screens(
    scene: str, language: str, populated: Services, window_factory: Callable[[], MainWindow]
) -> None:
    attribute, setup = SCENES[scene]
    window = window_factory()
    window.show_screen(getattr(window, attribute))
    if setup is not None:
        setup(window)
    settle()
    _check(WALKS.get(attribute, visible_texts)(window), language)


@pytest.mark.parametrize("language_code", ["vi", "en"])
def test_no_identifier_after_a_sync_left_trouble(
    language_code: str, populated: Services, window_factory: Callable[[], MainWindow]
) -> None:
    set_language(language_code)
    try:
        sync_trouble(populated)
        window = window_factory()
        window.show_screen(window.sync)
        settle()
        _check(visible_texts(window), language_code)
    finally:
        set_language("vi")


@pytest.mark.parametrize("state", list(STATES))
def test_no_identifier_with_a_dossier_open(
    state: str, language: str, services: Services, window_factory: Callable[[], MainWindow]
) -> None:
    ref = STATES[state](services)
    printable = services.dossiers.show(ref, OFFICER).printable
    services.printing.dossier_document(printable[0], ref, OFFICER)  # a print in the timeline too
    window = window_factory()
    texts = []
    for screen, open_dossier in OPEN_DOSSIER.items():  # every screen that shows a dossier
        window.show_screen(getattr(window, screen))
        open_dossier(window, ref)
        settle()
        texts += [(f"{screen} / {where}", text) for where, text in visible_texts(window)]
    _check(texts, language)


@pytest.mark.parametrize("action", list(Action))
def test_no_identifier_in_the_action_dialogs(action: Action, language: str, qtbot: Any) -> None:
    dialog = ActionDialog(action)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    _check(visible_texts(dialog), language)


@pytest.fixture
def window_factory(
    services: Services, messages: Messages, qtbot: Any, tmp_path: Path
) -> Iterator[Callable[[], MainWindow]]:
    """The main window, built when the test asks (after the language is chosen: texts are translated
    when the widgets are built)."""
    del messages
    made: list[MainWindow] = []

    def make() -> MainWindow:
        made.append(open_window(services, qtbot, tmp_path))
        return made[-1]

    yield make
    for main in made:
        main.close()

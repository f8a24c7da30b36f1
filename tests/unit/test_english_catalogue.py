"""Every text of the interface has its English: no msgid of the source is missing, empty or fuzzy."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resources" / "i18n" / "en" / "LC_MESSAGES" / "desk_app.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def _source_ids() -> set[str]:
    found = extract_from_dir(str(ROOT / "desk_app"), method_map=[("**.py", "python")], keywords=KEYWORDS)
    return {message if isinstance(message, str) else message[0] for _file, _line, message, _c, _ctx in found}


def test_every_message_of_the_source_is_translated() -> None:
    with PO.open("rb") as handle:
        catalogue = read_po(handle)
    translated = {}
    for message in catalogue:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        translated[key] = all(strings) and not message.fuzzy
    ids = _source_ids()
    assert len(ids) > 500  # the whole interface was read
    missing = sorted(i for i in ids if i not in translated)
    untranslated = sorted(i for i in ids if i in translated and not translated[i])
    assert missing == [], f"run `make i18n` and translate: {missing[:5]}"
    assert untranslated == [], untranslated[:5]

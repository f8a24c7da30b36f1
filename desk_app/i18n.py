"""Gettext for every layer: the msgids are the Vietnamese text itself.

With no catalogue loaded the app speaks Vietnamese; ``set_language("en")``
loads the English catalogue compiled from ``resources/i18n``.
"""

from __future__ import annotations

import gettext as _gettext

from desk_app import paths

DOMAIN = "desk_app"
_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def set_language(language: str) -> None:
    """Switch the UI language ("vi" is the built-in source language)."""
    global _translations  # noqa: PLW0603 - one process-wide language, set at start-up
    if language == "vi":
        _translations = _gettext.NullTranslations()
        return
    _translations = _gettext.translation(
        DOMAIN, localedir=str(paths.resources_dir() / "i18n"), languages=[language], fallback=True
    )


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later, when shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with a plural form chosen by ``n``."""
    return _translations.ngettext(singular, plural, n)

"""Domain errors: each carries a Vietnamese message telling the user what to do."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every expected refusal; ``user_message`` is shown as is."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class InvalidInput(DomainError):
    """Input that does not follow the rules (a malformed code, date, number…)."""


class CodeExhausted(DomainError):
    """The desk has issued all its dossier numbers for the day."""


class CatalogueImportError(DomainError):
    """A catalogue file that cannot be imported; nothing was changed."""


class NotFound(DomainError):
    """The record asked for does not exist."""


class ConfigurationError(DomainError):
    """The desk is not set up for the requested action."""

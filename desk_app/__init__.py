"""One-Stop Desk: the reception-and-result counter application."""

from __future__ import annotations

__version__ = "0.1.0"

"""Column-by-column comparison of projected dossiers, shared by the e2e checker and the sync unit tests."""

from __future__ import annotations

from typing import Any

from desk_app.core.projection import COLUMNS


def column_differences(
    where: str, left_name: str, left: dict[str, Any], right_name: str, right: dict[str, Any]
) -> list[str]:
    """One line per column the two sides hold differently."""
    return [
        f"{where}: {c} {left_name} {left[c]!r}, {right_name} {right[c]!r}"
        for c in COLUMNS
        if left[c] != right[c]
    ]

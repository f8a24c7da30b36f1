"""Printing results: JSON on request, plain Vietnamese lines otherwise."""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any


def as_jsonable(value: Any) -> Any:
    """DTOs, tuples and dates turned into JSON-friendly values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [as_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): as_jsonable(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def print_json(value: Any) -> None:
    """Write ``value`` as UTF-8 JSON on stdout."""
    sys.stdout.write(json.dumps(as_jsonable(value), ensure_ascii=False, indent=2) + "\n")


def print_lines(*lines: str) -> None:
    """Write plain lines on stdout."""
    sys.stdout.write("\n".join(lines) + "\n")

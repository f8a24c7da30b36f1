"""Fail when a Python module passes the hard cap of 800 lines (warn above 400)."""

from __future__ import annotations

import subprocess
import sys

SOFT, HARD = 400, 800


def main() -> int:
    files = subprocess.run(
        ["git", "ls-files", "*.py"], capture_output=True, text=True, check=False
    ).stdout.split()
    status = 0
    for name in files:
        if "/migrations/versions/" in name:
            continue
        try:
            with open(name, encoding="utf-8") as handle:
                lines = sum(1 for _line in handle)
        except FileNotFoundError:
            continue
        if lines > HARD:
            print(f"{name}: {lines} lines, over the hard cap of {HARD}")
            status = 1
        elif lines > SOFT:
            print(f"{name}: {lines} lines (soft cap {SOFT})")
    return status


if __name__ == "__main__":
    sys.exit(main())

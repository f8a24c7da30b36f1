"""Prints how well the component reader agrees with the hand labels (for an issue's closing note).

Usage: python tools/component_label_report.py [dev|held-out] [--errors]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.component_labels import counts, label_scores, load, required_score


def main(argv: list[str]) -> int:
    which = next((a for a in argv if not a.startswith("--")), None)
    procedures = load(which)
    print(f"set: {which or 'all'}; {dict(counts(procedures))}")
    required = required_score(procedures)
    print(required.line("required on channel"))
    for name, score in label_scores(procedures).items():
        print(score.line(name))
    if "--errors" in argv:
        for error in required.errors:
            print(error)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Build resources/catalogue/commune-catalogue.json from the national catalogue.

Usage: python tools/build_default_catalogue.py ../shared/data/tthc/catalogue-national.json
The commune subset is every procedure whose ``levels`` contains ``xa``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from desk_app.services.catalogue_sources import make_release, read_json

OUT = Path(__file__).resolve().parent.parent / "resources" / "catalogue" / "commune-catalogue.json"


def main(source: str) -> None:
    batch = read_json(Path(source))
    commune = [p for p in batch.procedures if "xa" in p.levels]
    release = make_release(
        commune,
        version=1,
        source={
            "file": "catalogue-national.json",
            "sha256": batch.sha256,
            "origin": "Cổng Dịch vụ công quốc gia, crawled June–July 2026",
            "selection": "levels contains 'xa' (commune level)",
        },
        published_at="2026-12-01T00:00:00+07:00",
    )
    OUT.write_text(json.dumps(release, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(commune)} procedures, {sum(len(p.components) for p in commune)} components -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])

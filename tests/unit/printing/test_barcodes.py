from __future__ import annotations

from desk_app.printing.barcodes import bar_runs, code128_modules


def test_bar_runs_merge_modules() -> None:
    assert bar_runs("1101001") == [(0, 2), (3, 1), (6, 1)]
    assert bar_runs("000") == []


def test_the_dossier_code_is_288_modules_in_code128() -> None:
    # 72 mm at 0.25 mm a module: it fits an A5 slip with its quiet zones (stack-notes.md).
    assert len(code128_modules("000.00.19.H57-261122-0001")) == 288

"""The PyInstaller bundle built by ``make dist``: it starts, migrates, prints and finds its fonts.

Run by ``make dist-test`` (part of ``make test``) right after the build; the bundle must exist.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUNDLE = REPO / "dist" / "desk-app"
EXE = BUNDLE / ("desk-app.exe" if os.name == "nt" else "desk-app")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    assert EXE.exists(), "build the bundle first: make dist"
    return subprocess.run(
        [str(EXE), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        check=False,
    )


def test_self_test_passes() -> None:
    started = time.perf_counter()
    done = run("--self-test")
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    assert "self-test ok" in done.stdout
    assert "receipt 000.00.19.H57-" in done.stdout
    assert "Liberation Serif" in done.stdout
    print(f"bundle self-test: {elapsed:.2f} s")


def test_the_command_line_works_from_the_bundle(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.sqlite3")
    assert run("--db", db, "init", "--demo").returncode == 0
    found = run("--db", db, "catalogue", "search", "khai sinh", "--limit", "1")
    assert found.returncode == 0
    assert found.stdout.startswith("1.001193")


def test_the_bundle_ships_fonts_licence_catalogue_migrations_and_english() -> None:
    internal = BUNDLE / "_internal"
    assert (internal / "resources" / "fonts" / "LiberationSerif-Regular.ttf").exists()
    assert (internal / "resources" / "fonts" / "LICENSE-LiberationSerif.txt").exists()
    assert (internal / "resources" / "catalogue" / "commune-catalogue.json").exists()
    assert (internal / "resources" / "i18n" / "en" / "LC_MESSAGES" / "desk_app.mo").exists()
    assert list((internal / "desk_app" / "models" / "migrations" / "versions").glob("0003_*.py"))


BUNDLE_LIMIT_MIB = 150  # issue 14: the installer folder stays under 150 MB (MiB, as `du -sm` counts)


def test_the_bundle_stays_under_150_mb() -> None:
    files = [p for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink()]
    sizes = sorted(((p.stat().st_size, p) for p in files), reverse=True)
    total = sum(size for size, _ in sizes) / 2**20
    largest = "\n".join(f"{size / 2**20:7.2f} MiB  {p.relative_to(BUNDLE)}" for size, p in sizes[:15])
    print(f"bundle: {total:.1f} MiB in {len(files)} files; largest:\n{largest}")
    assert total <= BUNDLE_LIMIT_MIB, f"the bundle is {total:.1f} MiB (limit {BUNDLE_LIMIT_MIB}):\n{largest}"

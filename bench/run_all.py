"""Run every benchmark in this folder, one process each (figures are printed, not asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    status = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.stem}", flush=True)
        status |= subprocess.run([sys.executable, str(script)], cwd=HERE, check=False).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Run every benchmark script in benchmarks/ (quick settings) and print one table.

Each script runs in its own subprocess with the arguments below; its exit status and
wall time are tabulated and its full output printed above the table.  With
``--with-tests`` the full test suite (``pytest -q``) is timed as well.

    .venv/bin/python benchmarks/run_all.py [--with-tests] [--full]

``--full`` uses each script's own defaults instead of the quick settings.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: script → quick arguments (a new bench_*.py runs with no arguments).
QUICK = {
    "bench_chapter_loop.py": ["--epochs", "10000", "--repeats", "1"],
    "bench_digits.py": ["--epochs", "5", "--repeats", "1"],
    "bench_playground.py": ["--epochs", "50", "--frames", "20", "--play-seconds", "1", "--repeat", "1"],
    "bench_build.py": ["--repeats", "1"],
    "bench_lighthouse.py": [],  # needs `npm ci` and a built site (bash scripts/build.sh)
}


def run(name: str, command: list[str]) -> tuple[str, int, float]:
    print(f"\n===== {name}: {' '.join(command[1:])}", flush=True)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT)
    return name, result.returncode, time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-tests", action="store_true", help="also time the full test suite")
    parser.add_argument("--full", action="store_true", help="each script's default settings")
    args = parser.parse_args(argv)
    rows = []
    for script in sorted(HERE.glob("bench_*.py")):
        extra = [] if args.full else QUICK.get(script.name, [])
        rows.append(run(script.name, [sys.executable, str(script), *extra]))
    if args.with_tests:
        rows.append(run("pytest (full suite)", [sys.executable, "-m", "pytest", "-q"]))
    print(f"\n{'benchmark':<24} {'exit':>4} {'seconds':>8}")
    for name, code, seconds in rows:
        print(f"{name:<24} {code:>4} {seconds:>8.1f}")
    return max(code for _, code, _ in rows) if rows else 0


if __name__ == "__main__":
    sys.exit(main())

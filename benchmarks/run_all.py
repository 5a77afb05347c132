"""Run every benchmark script in benchmarks/ and print one table of their results.

Each ``bench_*.py`` runs in its own subprocess (quick settings unless ``--full``), writes its
rows as JSON (``--json``, format in ``_results.py``), and the rows of all of them are printed
as one table: what was measured, our figure, the peer measured in the same run, the ratio,
the goal and whether it was met.  ``--with-tests`` also times the README's test command, in full and as the quick loop.
``--save PATH`` writes the table with the date, commit and machine it was measured on
(``benchmarks/results.json`` is the record the site's benchmark page shows).

    .venv/bin/python benchmarks/run_all.py [--full] [--with-tests] [--only NAME ...] [--save PATH]

Exit status: 1 when a script failed or a goal was missed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _results import row  # benchmarks/_results.py: this script's folder is on the path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: script → quick arguments (a new bench_*.py runs with no arguments).
QUICK = {
    "bench_chapter_loop.py": ["--epochs", "10000", "--repeats", "1"],
    "bench_digits.py": ["--epochs", "5", "--repeats", "1"],
    "bench_playground.py": ["--epochs", "50", "--frames", "20", "--play-seconds", "1", "--repeat", "1"],
    "bench_build.py": ["--repeats", "1"],
    "bench_browsers.py": ["--rounds", "1"],
    "bench_lighthouse.py": [],  # needs `npm ci` and a built site (bash scripts/build.sh)
}
#: The issue's targets for the README's test command (seconds): the full suite, and the quick
#: loop without the site and the browser (``-m "not site"``).
SUITE_GOAL_S = 300
QUICK_GOAL_S = 60


def run(script: Path, extra: list[str]) -> tuple[int, float, list[dict]]:
    """Run one benchmark script; return its exit status, wall time and result rows."""
    print(f"\n===== {script.name} {' '.join(extra)}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rows.json"
        start = time.perf_counter()
        code = subprocess.run([sys.executable, str(script), *extra, "--json", str(out)],
                              cwd=ROOT).returncode
        seconds = time.perf_counter() - start
        rows = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else []
    return code, seconds, rows


def suite() -> tuple[int, float, list[dict]]:
    """Time the README's test command, ``bash scripts/test.sh`` (install check included), in
    full and as the quick loop; return the worse exit status, the total time and two rows."""
    rows, codes, total = [], [], 0.0
    for case, extra, goal in [("bash scripts/test.sh: every test incl. site and browser", [], SUITE_GOAL_S),
                              ('bash scripts/test.sh -m "not site": the quick loop', ["-m", "not site"],
                               QUICK_GOAL_S)]:
        print(f"\n===== {case}", flush=True)
        start = time.perf_counter()
        code = subprocess.run(["bash", "scripts/test.sh", "-q", *extra], cwd=ROOT).returncode
        seconds = time.perf_counter() - start
        rows.append(row("test_suite", case, seconds, "s", goal=goal,
                        met=bool(code == 0 and seconds <= goal)))
        codes.append(code)
        total += seconds
    return max(codes), total, rows


def number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def table(rows: list[dict]) -> str:
    """The rows as a plain-text table (also valid Markdown)."""
    head = ["benchmark", "case", "ours", "peer (same run)", "ratio", "goal", "met"]
    lines = []
    for r in rows:
        ours = f"{number(r['value'])} {r['unit']}"
        peer = "" if r["reference"] is None else f"{number(r['reference_value'])} {r['unit']}: {r['reference']}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}x {r['ratio_label']}"
        if r["goal"] is None:
            goal = ""
        elif r["ratio"] is None:
            goal = f">= {number(r['goal'])} {r['unit']}" if r["unit"] != "s" else f"< {number(r['goal'])} s"
        else:
            goal = f"{'>=' if r['ratio_label'] == 'speed-up' else '<='} {r['goal']}x"
        met = "" if r["met"] is None else ("yes" if r["met"] else "NO")
        lines.append([r["benchmark"], r["case"], ours, peer, ratio, goal, met])
    widths = [max(len(str(c)) for c in col) for col in zip(head, *lines)]
    fmt = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([fmt(head), fmt(["-" * w for w in widths]), *map(fmt, lines)])


def machine() -> dict:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    return {"date": datetime.date.today().isoformat(), "commit": commit,
            "python": platform.python_version(), "machine": platform.machine(),
            "cpus": os.cpu_count(), "load_average_1min": load}


def save(path: Path, rows: list[dict], full: bool) -> None:
    """Write the record: the machine and commit, the settings, the rows."""
    record = {**machine(), "settings": "full" if full else "quick", "rows": rows}
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="each script's default settings")
    parser.add_argument("--with-tests", action="store_true", help="also time the full test suite")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="only these scripts (e.g. digits)")
    parser.add_argument("--save", type=Path, metavar="PATH", help="write the results as JSON")
    args = parser.parse_args(argv)
    scripts = sorted(HERE.glob("bench_*.py"))
    if args.only:
        scripts = [s for s in scripts if any(name in s.stem for name in args.only)]
    rows, failed = [], []
    for script in scripts:
        code, seconds, script_rows = run(script, [] if args.full else QUICK.get(script.name, []))
        rows += script_rows
        if code != 0 or not script_rows:
            failed.append(f"{script.name}: exit status {code}, {len(script_rows)} rows, {seconds:.0f} s")
    if args.with_tests:
        if args.save:   # the suite checks the record (every script in it): this run's rows first
            save(args.save, rows, args.full)
        code, seconds, suite_rows = suite()
        rows += suite_rows
        if code != 0:
            failed.append(f"pytest: exit status {code}")
    print("\n" + table(rows))
    missed = [f"{r['benchmark']}: {r['case']}" for r in rows if r["met"] is False]
    for line in failed:
        print("failed:", line)
    for line in missed:
        print("goal missed:", line)
    if args.save:
        save(args.save, rows, args.full)
        print(f"saved {args.save}")
    return 1 if failed or missed else 0


if __name__ == "__main__":
    sys.exit(main())

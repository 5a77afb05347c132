"""Lighthouse scores of every lesson page of a built site, both editions (issue 7's gate 4), as a table.

Every category in one pass, for the benchmarks page; the measuring code is in
mlp_devtools/lighthouse.py.  Performance is measured only here: its score comes from the CPU
time of this machine's load and moves with it, so it is a benchmark, not a test.  CI checks
accessibility, best practices and SEO with the same code (tests/test_gate_lighthouse.py), and
what performance rests on that the built HTML decides (tests/test_gate_perf_html.py: DOM size,
render-blocking scripts).  Runs on an already built site instead of the test session's build.
Run after `npm ci` and `bash scripts/build.sh`:

    .venv/bin/python benchmarks/bench_lighthouse.py [--site site] [--json PATH]

Lighthouse 12.2.3 (npm), Debian's Chromium, the default mobile preset, the site served on
127.0.0.1 with gzip; a page below a threshold is measured twice more and judged by the median.
Thresholds: performance ≥ 90; accessibility, best practices and SEO ≥ 95.  Prints the score
table (with each load's performance also under the CPU slowdown calibrated for the machine's
measured speed) and each audit that kept a category below 100; exit status 1 when a score is
below its threshold.

    .venv/bin/python benchmarks/bench_lighthouse.py --workarounds [--rounds 3] [--pages ...]

measures instead what each workaround kept for Lighthouse still buys (``WORKAROUNDS`` in
mlp_devtools/lighthouse.py): copies of the built site, each without one of them, and an
identical copy (the run's noise), loaded in turn, in a random order per round; prints, per
edition, the median over the pages of (median of the copy's loads) / (median of the site's
loads) for main-thread work, blocking time and performance score.  A workaround whose ratios
stay within the identical copy's buys nothing measurable here: take it out.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _results import add_json_option, row, write

from mlp_devtools import ROOT
from mlp_devtools.lighthouse import (
    CATEGORIES, SAME, THRESHOLDS, WORKAROUNDS, measure, measure_workarounds, missing, ratios,
    report, scores)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site (scripts/build.sh)")
    parser.add_argument("--workarounds", action="store_true",
                        help="measure what each Lighthouse workaround buys (ratios without/with)")
    parser.add_argument("--pages", nargs="+", default=["activations/", "backprop/", "summary/"],
                        help="Korean pages for --workarounds (their English ones are added)")
    parser.add_argument("--rounds", type=int, default=3, help="loads of each page per copy")
    add_json_option(parser)
    args = parser.parse_args(argv)
    if reason := missing():
        sys.exit(reason)
    if not (args.site / "index.html").is_file():
        sys.exit(f"{args.site} is not a built site (run bash scripts/build.sh)")
    if args.workarounds:
        loads = measure_workarounds(args.site, args.pages + ["en/" + p for p in args.pages],
                                    args.rounds)
        print(f"without / with, median over {args.pages} of the median of {args.rounds} loads")
        print(f"{'':34}{'main-thread work':>20}{'blocking time':>20}{'performance':>20}")
        table = {metric: ratios(loads, metric) for metric in ("main-thread ms", "blocking ms", "score")}
        for variant in [*WORKAROUNDS, SAME]:
            cells = ["  ".join(f"{e} {table[m][variant].get(e, float('nan')):.2f}" for e in ("ko", "en"))
                     for m in table]
            print(f"{variant:34}" + "".join(f"{c:>20}" for c in cells))
        return 0
    judged = measure(args.site)
    table, failures = report(judged)
    print(table)
    if failures:
        print("\nbelow the thresholds:\n" + "\n".join(failures))
    got = {page: scores(result) for page, result in judged.items()}
    rows = [row("lighthouse", f"/{page} performance (mobile)", got[page]["performance"], "score",
                goal=THRESHOLDS["performance"], met=got[page]["performance"] >= THRESHOLDS["performance"])
            for page in judged]
    for category in CATEGORIES[1:]:
        lowest = min(s[category] for s in got.values())
        rows.append(row("lighthouse", f"every lesson page: lowest {category}", lowest, "score",
                        goal=THRESHOLDS[category], met=lowest >= THRESHOLDS[category]))
    write(args.json, rows)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Gate 4 in CI: Lighthouse's accessibility, best-practices and SEO scores of every lesson page
of both editions are at least 95.

Lighthouse 12.2.3 (npm, ``npm ci``) with Debian's Chromium and its default mobile preset, on the
site built for this session served on 127.0.0.1 with gzip; the measuring code is shared with
``benchmarks/bench_lighthouse.py`` (``benchmarks/_lighthouse.py``).  These three categories
are checks of the page (labels, contrast, console errors, meta tags, ...) and give the same
score on every run, so one run per page decides.

The gate's fourth threshold, performance ≥ 90, is not asserted here: it is measured CPU time,
and on this 2-core machine a page's score moves by ±10 from run to run (the machine's own
speed, Lighthouse's "benchmarkIndex", varies between about 1000 and 2200 within minutes), with
several pages' medians still under 90.  ``benchmarks/bench_lighthouse.py`` measures it (median
of 3 for a page under 90) and the issue stays open until it holds.

Without Node, Lighthouse (``npm ci``) or Chromium the test is skipped, except with ``CI=true``.
"""

from __future__ import annotations

import sys

from browser_support import unavailable

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from _lighthouse import PAGES, measure, missing, report  # noqa: E402

CHECKS = ["accessibility", "best-practices", "seo"]


def test_lighthouse_accessibility_best_practices_and_seo(site, edition_site):
    if reason := missing():
        unavailable(reason)
    edition_site("en")  # the English edition is built into site/en/
    for page in PAGES:
        assert (site / page / "index.html").is_file(), f"lesson page /{page} not built"
    table, failures = report(measure(site, PAGES, CHECKS), CHECKS)
    print("\nLighthouse 12.2.3, mobile preset\n" + table)
    assert not failures, "below the thresholds:\n" + "\n".join(failures) + "\n\n" + table


def test_measuring_code_examples():
    """The doctests of benchmarks/_lighthouse.py (benchmarks/ is not collected by pytest)."""
    import doctest

    import _lighthouse
    failed, tried = doctest.testmod(_lighthouse)
    assert tried >= 2 and failed == 0

"""Gate 4 in CI: on one page of each kind in both editions, Lighthouse's accessibility,
best-practices and SEO scores are at least 95.

The pages (``CHECKED``): the home page, the largest lesson page (backprop: formulas, figures,
an explorable, exercises), the playground lab (the app) and a notebook page, in both editions.
What these categories check is decided by the page's kind — its template, its scripts, its
head — and axe (Lighthouse's accessibility engine) already runs on every page at three widths
in tests/test_gate_a11y.py; so one page of each kind says what every page would, at 8 runs
instead of 20 (the suite's time: issue 15).  ``benchmarks/bench_lighthouse.py`` still runs
every lesson page, all four categories.

Lighthouse 12.2.3 (npm, ``npm ci``) with Debian's Chromium and its mobile preset, on the site
built for this session served on 127.0.0.1 with gzip; the measuring code is shared with
``benchmarks/bench_lighthouse.py`` (``mlp_devtools/lighthouse.py``).  These categories are checks
of the page (labels, contrast, console errors, meta tags, font sizes, ...) and give the same
score on every run and every machine: one run per page decides, two Chromiums at once, and the
run leaves out what only performance needs (no trace, no full-page screenshot, no calibrated
second scoring; ``benchmarks/lighthouse_pages.mjs``).

Performance is not tested here: its score is computed from the CPU time of this machine's load
and passes or fails with whatever else the machine is doing.  It is a benchmark —
``benchmarks/bench_lighthouse.py`` measures it (each page at least 90 is its goal) and
``benchmarks/results.json`` records it for the benchmarks page.  What it rests on that the build
decides, the same way on any machine, is tested from the built HTML in
``tests/test_gate_perf_html.py``: each lesson page's DOM size within a budget, and no
render-blocking script in any page's ``<head>``.

Without Node, Lighthouse (``npm ci``) or Chromium the tests are skipped, except with ``CI=true``.
"""

from __future__ import annotations

from mlp_devtools import ROOT, unavailable
from mlp_devtools.lighthouse import PAGES, measure, missing, report
from mlp_devtools.node import node_json

CHECKS = ["accessibility", "best-practices", "seo"]


#: One page of each kind, both editions (see the module docstring).
KINDS = ["", "backprop/", "playground_lab/", "notebooks/02_forward_pass/"]
CHECKED = KINDS + ["en/" + page for page in KINDS]
#: CHECKED in the order given to Lighthouse: mlp_devtools/lighthouse.py deals the pages out to
#: its two Chromiums in turn (first, third, ... to one), so this order gives each about half
#: the work (measured one after another: backprop 12 s, the notebook 7 s, the lab 6 s, the
#: home page 4 s); in CHECKED's order one got both backprops and both notebooks (38 s of 58).
BALANCED = ["backprop/", "en/backprop/", "playground_lab/", "notebooks/02_forward_pass/",
            "en/notebooks/02_forward_pass/", "en/playground_lab/", "en/", ""]


def lesson_pages(site, edition_site) -> list[str]:
    """The checked pages, built (the English edition goes into site/en/)."""
    edition_site("en")
    assert set(KINDS) - {"notebooks/02_forward_pass/"} <= set(PAGES), "a checked page left the lesson list"
    for page in CHECKED:
        assert (site / page / "index.html").is_file(), f"page /{page} not built"
    return CHECKED


def test_lighthouse_accessibility_best_practices_and_seo(site, edition_site):
    if reason := missing(CHECKS):
        unavailable(reason)
    assert sorted(BALANCED) == sorted(CHECKED), "BALANCED must hold the checked pages once each"
    checked = lesson_pages(site, edition_site)
    judged = measure(site, [page for page in BALANCED if page in checked], CHECKS)
    table, failures = report({page: judged[page] for page in CHECKED}, CHECKS)
    print("\nLighthouse 12.2.3, mobile preset\n" + table)
    assert not failures, "below the thresholds:\n" + "\n".join(failures) + "\n\n" + table


def test_measuring_code_examples():
    """The doctests of mlp_devtools/lighthouse.py (mlp_devtools/ is not in pytest's testpaths)."""
    import doctest

    from mlp_devtools import lighthouse
    failed, tried = doctest.testmod(lighthouse)
    assert tried >= 4 and failed == 0


def test_calibrated_slowdown_follows_lighthouses_calculator():
    """lighthouse_pages.mjs's calibratedMultiplier: the calculator's points (1x at index 150,
    2x at 800, 3x at 1300, 4x at 1533, 6x at 2000), and no multiplier under 150."""
    if reason := missing():
        unavailable(reason)
    script = ("import(process.env.MODULE).then(m => console.log(JSON.stringify([150, 800, 1300, "
              "1533, 2000, 1050].map(m.calibratedMultiplier).concat((() => { try { "
              "return m.calibratedMultiplier(149); } catch (e) { return e.message; } })()))))")
    module = str(ROOT / "benchmarks" / "lighthouse_pages.mjs")
    *multipliers, error = node_json(script, env={"MODULE": module})
    assert [round(m, 2) for m in multipliers] == [1, 2, 3, 4, 6, 2.5]
    assert "expected at least 150" in error

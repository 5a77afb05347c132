"""The benchmark page (docs/benchmarks.md) and the record it shows (benchmarks/results.json).

The record is written by ``benchmarks/run_all.py --save``; hooks/benchmarks.py turns it
into the page's table.  Checked here: the record covers every benchmark script and the
test suite, its ratios and verdicts agree with its own numbers, and both editions' built
pages show every row.
"""

from __future__ import annotations

import html
import importlib.util
import math
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _hook():
    spec = importlib.util.spec_from_file_location("benchmarks_hook", ROOT / "hooks" / "benchmarks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = _hook()


@pytest.fixture(scope="module")
def record() -> dict:
    return hook.load(ROOT)


def test_every_benchmark_script_is_in_the_record(record):
    scripts = {p.stem.removeprefix("bench_") for p in (ROOT / "benchmarks").glob("bench_*.py")}
    recorded = {r["benchmark"] for r in record["rows"]}
    assert scripts <= recorded                   # the suite's row comes with --with-tests
    assert recorded <= scripts | {"test_suite"}
    assert record["settings"] in ("full", "quick")   # shown on the page


def _consistent(r: dict) -> bool:
    """Does the row's ratio and verdict follow from its own values?"""
    if not (math.isfinite(r["value"]) and r["value"] >= 0):
        return False
    if r["ratio_label"] == "speed-up":
        return (r["ratio"] == pytest.approx(r["reference_value"] / r["value"], rel=1e-9)
                and r["met"] is (None if r["goal"] is None else r["ratio"] >= r["goal"]))
    if r["ratio_label"] == "x bare":     # a goal-less ratio (e.g. the PDFs' printing time) has no verdict
        return (r["ratio"] == pytest.approx(r["value"] / r["reference_value"], rel=1e-9)
                and r["met"] is (None if r["goal"] is None else r["ratio"] <= r["goal"]))
    if r["goal"] is None:
        return r["met"] is None
    if r["unit"] == "s":                      # a time budget; a failed suite is unmet too
        return r["met"] in (r["value"] < r["goal"], False)
    return r["met"] is (r["value"] >= r["goal"])


def test_each_row_agrees_with_its_own_numbers(record):
    wrong = [f"{r['benchmark']}: {r['case']}" for r in record["rows"] if not _consistent(r)]
    assert not wrong, wrong


def test_unmet_goals_are_marked_on_the_page():
    rows = [{  # a fabricated record: one goal met, one missed
        "benchmark": "x", "case": case, "value": 2.0, "unit": "s", "reference": "peer",
        "reference_value": ref, "ratio": ref / 2.0, "ratio_label": "speed-up", "goal": 2,
        "met": ref / 2.0 >= 2} for case, ref in (("fast", 8.0), ("slow", 3.0))]
    record = {"date": "2026-01-01", "commit": "abc", "machine": "x86_64", "cpus": 2,
              "load_average_1min": 0.5, "settings": "full", "rows": rows}
    ko = hook.table(record, "ko").splitlines()
    assert "**4.0**배 빠름" in next(line for line in ko if "fast" in line)
    assert next(line for line in ko if "| slow" in line).endswith("| ≥ 2×: **아니요** |")
    assert next(line for line in ko if "| fast" in line).endswith("| ≥ 2×: 예 |")
    assert next(line for line in hook.table(record, "en").splitlines()
                if "| slow" in line).endswith("| ≥ 2×: **no** |")


def test_a_malformed_record_fails_the_build(tmp_path):
    (tmp_path / "benchmarks").mkdir()
    (tmp_path / "benchmarks" / "results.json").write_text('{"rows": [{"benchmark": "x"}]}')
    from mkdocs.exceptions import PluginError
    with pytest.raises(PluginError, match="expected a non-empty 'rows' list"):
        hook.load(tmp_path)
    with pytest.raises(PluginError, match="run_all.py --full --save"):
        hook.load(tmp_path / "nowhere")


@pytest.mark.parametrize("edition", ["ko", "en"])
def test_the_built_page_shows_every_row(edition_site, record, edition):
    page = (edition_site(edition) / "benchmarks" / "index.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert hook.MARKER not in page
    # the results: a header row and one per record row; the gates table: a header row and six gates
    assert page.count("<tr>") == (1 + len(record["rows"])) + (1 + 6)
    for r in record["rows"]:
        assert r["case"] in text
        assert hook.number(r["value"]) in text
    assert record["commit"] in text

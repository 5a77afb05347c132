"""The order the test run hands out its work (conftest.py at the root): the files that need no
site first; in each group the long units of :data:`LONG_FIRST` first, then the units of more
tests — and every name in that list still names a unit of the run (a renamed file would
silently lose its place)."""

from __future__ import annotations

import importlib.util

from conftest import EDITIONS, ROOT

_spec = importlib.util.spec_from_file_location("root_conftest", ROOT / "conftest.py")
root_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(root_conftest)


def test_every_long_unit_is_a_unit_of_the_run():
    units = {f"visits-{edition}" for edition in EDITIONS}
    units |= {path.relative_to(ROOT).as_posix() for path in (ROOT / "tests").glob("test_*.py")}
    assert set(root_conftest.LONG_FIRST) <= units, set(root_conftest.LONG_FIRST) - units


def test_scopes_split_the_visits_by_edition():
    assert root_conftest._scope("tests/test_gate_a11y.py::test_axe_finds_no_serious_violation[en-320]") == "visits-en"
    assert root_conftest._scope("tests/test_browser.py::test_every_page[ko]") == "visits-ko"
    assert root_conftest._scope("tests/test_browser.py::test_korean_search[x]") == "tests/test_browser.py"


def test_units_without_the_site_first_then_the_long_ones_in_order():
    long_first = root_conftest.LONG_FIRST
    site = {"tests/test_site.py", long_first[0], long_first[2]}
    units = ["tests/test_site.py", long_first[2], "docs/loss.md", long_first[0], "tests/test_loss.py",
             "tests/test_gate_links.py"]
    sizes = {"docs/loss.md": 3, "tests/test_loss.py": 30, "tests/test_site.py": 40, long_first[0]: 1}
    ordered = sorted(units, key=lambda unit: root_conftest._run_order(unit, site, sizes))
    # test_gate_links.py is long in the quick loop, where none of its tests needs the site
    assert ordered == ["tests/test_gate_links.py", "tests/test_loss.py", "docs/loss.md",
                       long_first[0], long_first[2], "tests/test_site.py"]

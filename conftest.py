"""Check the pages' code: every ``>>>`` example in docs/**/*.md and docs_en/**/*.md is its own test.

Sybil reads each Markdown page and runs, in page order and in one namespace
per page, the ``>>>`` examples found in ```` ```python ```` and
```` ```pycon ```` fences, also inside admonitions and ``??? details``
blocks (indented fences).  Plain ```` ```python ```` code without ``>>>``
only shows the chapter's code and is not run.

One page:   .venv/bin/pytest docs/activations.md      (English: docs_en/activations.md)
"""

from __future__ import annotations

import collections
import doctest
from collections.abc import Iterable

import pytest

from sybil import Document, Region, Sybil
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer

OPTIONFLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS

#: Fence languages whose ``>>>`` examples are run (first word of the info string,
#: so ```` ```python title="x.py" ```` counts too).
LANGUAGES = {"python", "py", "pycon"}


class FencedDocTestParser:
    """Yield one region per ``>>>`` example inside a Python/pycon fence.

    Sybil's own ``PythonCodeBlockParser`` knows only ```` ```python ```` and
    runs blocks without ``>>>`` as code; pages here show such code without
    running it, and use ```` ```pycon ```` for sessions.
    """

    def __init__(self, optionflags: int = OPTIONFLAGS) -> None:
        self.lexer = FencedCodeBlockLexer(
            language=r"[^\n]*", mapping={"language": "language", "source": "source"})
        self.doctests = DocTestStringParser(DocTestEvaluator(optionflags))

    def __call__(self, document: Document) -> Iterable[Region]:
        for region in self.lexer(document):
            info = region.lexemes["language"].strip().lstrip("{").lstrip(".")
            words = info.split()
            if not words or words[0].rstrip("}") not in LANGUAGES:
                continue
            source = region.lexemes["source"]
            for example in self.doctests(source, document.path):
                example.adjust(region, source)
                yield example


def pages(folder: str) -> Sybil:
    return Sybil(parsers=[FencedDocTestParser()], path=folder, patterns=["*.md"])


# The Korean pages and the English edition's (same examples, same outputs).
pytest_collect_file = (pages("docs") + pages("docs_en")).pytest()


# --- marks: the quick loop and the two workers ---------------------------------------------

#: Fixtures (tests/conftest.py) that build the site or start a browser: a test using one is
#: marked ``site``, and ``pytest -m "not site"`` (the quick loop, README) leaves it out.
SITE_FIXTURES = {"builds", "build", "site", "edition_site", "base_url", "browser", "visits"}


#: The tests that read an edition's page visits (tests/visits.py), as ``path::function``: the
#: two workers split them by edition (:func:`pytest_xdist_make_scheduler`).  A test that uses
#: the ``visits`` fixture and is not listed here stops the run (see below).
VISIT_TESTS = {
    "tests/test_browser.py::test_every_page",
    "tests/test_browser.py::test_phone_width_has_no_horizontal_overflow",
    "tests/test_gate_a11y.py::test_axe_finds_no_serious_violation",
    "tests/test_gate_a11y.py::test_every_box_that_can_scroll_is_a_scroll_box",
    "tests/test_gate_a11y.py::test_every_image_has_meaningful_alt",
    "tests/test_gate_weight.py::test_page_weight",
}


def _edition_of(nodeid: str) -> str | None:
    """The edition a listed visits test runs for, from its parameters' id (``[ko-320]``)."""
    name, _, params = nodeid.partition("[")
    if name not in VISIT_TESTS:
        return None
    return next((p for p in params.rstrip("]").split("-") if p in ("ko", "en")), None)


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Mark each test ``site`` if it needs the built site or a browser; check that every test
    reading the page visits is in :data:`VISIT_TESTS` with its edition in its id.  Then, once
    the other plugins' hooks have run (``-m`` and ``-k`` deselect there), order the run's work
    units (:func:`_run_order`; tests/test_run_order.py): what is left decides."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & SITE_FIXTURES:
            item.add_marker(pytest.mark.site)
        if "visits" in names and _edition_of(item.nodeid) is None:
            raise pytest.UsageError(f"{item.nodeid} reads the page visits: add it to VISIT_TESTS "
                                    "in conftest.py, parametrized by edition")
    result = yield
    site_scopes = {_scope(item.nodeid) for item in items if item.get_closest_marker("site")}
    sizes = collections.Counter(_scope(item.nodeid) for item in items)
    items.sort(key=lambda item: _run_order(_scope(item.nodeid), site_scopes, sizes))
    return result


#: Work units that one worker runs alone for a long time (measured in a full run: each page
#: visit of an edition about 100 s, the PDFs 90 s, the fresh venv 50 s, the clean build 48 s,
#: Lighthouse 38 s; in the quick loop, the link checker's planted faults 16 s): handed out
#: first in their group, in this order, so that no worker is left with one of them at the end
#: while the other has nothing to do.  Only the order of the run changes, never what a test
#: checks.
LONG_FIRST = ["visits-ko", "visits-en", "tests/test_pdf.py", "tests/test_notebooks_standalone.py",
              "tests/test_gate_reproducible.py", "tests/test_gate_lighthouse.py",
              "tests/test_gate_links.py"]


def _scope(nodeid: str) -> str:
    """The work unit a test belongs to: its edition's page visits, or else its file."""
    edition = _edition_of(nodeid)
    return f"visits-{edition}" if edition else nodeid.split("::", 1)[0]


def _run_order(scope: str, site_scopes: set[str], sizes: dict[str, int]) -> tuple[int, int, int]:
    """Sort key of a test's work unit: those without a site test first (meanwhile the site
    builds: tests/conftest.py starts it as soon as the tests are collected); in each group the
    units of :data:`LONG_FIRST` first, then those of more tests (as pytest-xdist's own
    reordering does: the small ones fill in at the end).  The sort is stable: each unit keeps
    its tests' order."""
    rank = LONG_FIRST.index(scope) if scope in LONG_FIRST else len(LONG_FIRST)
    return (int(scope in site_scopes), rank, -sizes.get(scope, 0))


def pytest_xdist_make_scheduler(config, log):
    """``pytest -n 2 --dist loadgroup`` (scripts/test.sh): each file's tests go to one worker
    together, as with ``--dist loadfile`` (a page's ``>>>`` examples share one namespace and
    run in page order; a module's fixtures are set up once), except the tests that read the
    page visits: those of one edition go to one worker together, so that each edition's pages
    are visited once, and the two editions can go to the two workers."""
    from xdist.scheduler import LoadScopeScheduling

    class FileOrEdition(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _scope(nodeid)

    return FileOrEdition(config, log)

"""Check the pages' code: every ``>>>`` example in docs/**/*.md and docs_en/**/*.md is its own test.

Sybil reads each Markdown page and runs, in page order and in one namespace
per page, the ``>>>`` examples found in ```` ```python ```` and
```` ```pycon ```` fences, also inside admonitions and ``??? details``
blocks (indented fences).  Plain ```` ```python ```` code without ``>>>``
only shows the chapter's code and is not run.

One page:   .venv/bin/pytest docs/activations.md      (English: docs_en/activations.md)
"""

from __future__ import annotations

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


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """Mark each test ``site`` if it needs the built site or a browser; put each test that
    reads an edition's page visits (tests/visits.py) in that edition's ``xdist_group``, so that
    one worker visits each edition's pages once (see :func:`pytest_xdist_make_scheduler`)."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & SITE_FIXTURES:
            item.add_marker(pytest.mark.site)
        if "visits" in names:
            item.add_marker(pytest.mark.xdist_group(f"visits-{item.callspec.params['edition']}"))


def pytest_xdist_make_scheduler(config, log):
    """``pytest -n 2 --dist loadgroup`` (scripts/test.sh): each file's tests go to one worker
    together, as with ``--dist loadfile`` (a page's ``>>>`` examples share one namespace and
    run in page order; a module's fixtures are set up once), except the tests of an
    ``xdist_group``, which go together to one worker."""
    from xdist.scheduler import LoadScopeScheduling

    class FileOrGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.rfind("@") > nodeid.rfind("]"):  # pytest-xdist's group suffix
                return nodeid.split("@")[-1]
            return nodeid.split("::", 1)[0]

    return FileOrGroup(config, log)

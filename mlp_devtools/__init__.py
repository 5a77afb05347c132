"""The project's own tools, shared by its tests, benchmarks and scripts — not part of the lesson.

``mlp_lessons`` is what a reader of the site imports; ``mlp_devtools`` is what ``tests/``,
``benchmarks/`` and ``scripts/`` share instead of importing each other's files through
``sys.path`` (issue 16):

- :mod:`mlp_devtools.browser` — Debian's Chromium driven by Playwright, a static server on
  127.0.0.1, a watcher of what a page requests (tests, benchmarks, ``scripts/pdf.py``);
- :mod:`mlp_devtools.lighthouse` — Lighthouse on the lesson pages (gate 4's test and its
  benchmark);
- :mod:`mlp_devtools.node` — Node.js scripts and ``node --test`` run from a test;
- :mod:`mlp_devtools.hooks` — a file of ``hooks/`` loaded as MkDocs loads it.

It is the second top-level package of ``pyproject.toml``, so every ``pip install -e .`` (any
extra: ``[docs]`` for building the site, ``[test]``) installs it.  At import it needs only the
standard library (and :mod:`mlp_lessons` for the list of pages): pytest is imported inside
:func:`unavailable` only, Playwright when Chromium is launched.  ``mlp_lessons`` never imports
it (tests/test_devtools.py checks both).
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository's root (the package lives there; it is installed in editable mode).
ROOT = Path(__file__).resolve().parent.parent


def unavailable(reason: str):
    """Skip the running test, or fail it under CI (``CI=true``), because a tool it needs
    (Chromium, Node, Lighthouse, poppler-utils, ...) is missing: ``reason`` says which and how
    to install it.  Only for tests (it imports pytest)."""
    import pytest

    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"cannot run in CI (CI=true): {reason}", pytrace=False)
    pytest.skip(reason)

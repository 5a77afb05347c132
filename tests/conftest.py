"""Shared fixtures: the site is built once per test session.

``built_site`` runs ``mkdocs build --strict`` in a subprocess (as a reader
would) into a temporary folder; ``test_site.py`` checks the files and
``test_browser.py`` loads every page in Chromium.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Fixed build date, so sitemap.xml (and everything else) is reproducible.
SOURCE_DATE_EPOCH = "1700000000"


@dataclasses.dataclass
class Build:
    site: Path
    returncode: int
    output: str            # stdout and stderr of `mkdocs build`
    new_docs_files: list   # files that appeared under docs/ during the build


def _docs_files() -> set[Path]:
    return {p for p in (ROOT / "docs").rglob("*") if p.is_file()}


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> Build:
    """Run ``mkdocs build --strict`` once; return its result (even if it failed)."""
    site = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    before = _docs_files()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    created = sorted(p.relative_to(ROOT).as_posix() for p in _docs_files() - before)
    return Build(site, result.returncode, result.stdout + result.stderr, created)


@pytest.fixture(scope="session")
def site(build) -> Path:
    """The built site folder; fails the test if the strict build failed."""
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{build.output}", pytrace=False)
    return build.site

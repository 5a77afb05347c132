"""Shared fixtures: the site (both editions) is built once, Chromium starts once per session.

``builds`` runs ``mkdocs build --strict`` for each edition in a subprocess (as a
reader would): Korean (``mkdocs.yml``) into ``<tmp>/site``, English
(``mkdocs.en.yml``) into ``<tmp>/site/en`` — the layout ``scripts/build.sh``
produces.  ``test_site.py`` checks the files; ``test_browser.py`` and
``test_playground_browser.py`` load the pages in Chromium through ``base_url``
(the whole site served on 127.0.0.1) and ``browser`` (one Chromium for the
session; see mlp_devtools/browser.py).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mlp_devtools import unavailable
from mlp_devtools.browser import launched_chromium, served
from mlp_devtools.hooks import COMPUTE_NUMBERS

ROOT = Path(__file__).resolve().parent.parent

#: Fixed build date, so sitemap.xml (and everything else) is reproducible.
SOURCE_DATE_EPOCH = "1700000000"

#: Edition → (config file, folder of the built site relative to the site root).
EDITIONS = {"ko": ("mkdocs.yml", ""), "en": ("mkdocs.en.yml", "en/")}


def hook(name: str):
    """The MkDocs hook ``hooks/<name>.py`` as a module (hooks are files, not a package)."""
    spec = importlib.util.spec_from_file_location(f"{name}_hook", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # dataclasses look their module up while the hook runs
    spec.loader.exec_module(module)
    return module


#: Source folder of each edition's pages.
DOCS_DIRS = {"ko": ROOT / "docs", "en": ROOT / "docs_en"}


@dataclasses.dataclass
class Build:
    edition: str
    site: Path             # this edition's own root (the Korean one holds en/)
    returncode: int
    output: str            # stdout and stderr of `mkdocs build`
    new_docs_files: list   # files that appeared under docs/ or docs_en/ during the builds


def _docs_files() -> set[Path]:
    return {p for d in DOCS_DIRS.values() if d.is_dir() for p in d.rglob("*") if p.is_file()}


def _warm_numbers_cache(project: Path, env: dict) -> None:
    """Compute hooks/page_numbers.py's cached JSON once, so the two builds running side by side
    do not both write it."""
    subprocess.run([sys.executable, "-c", COMPUTE_NUMBERS], cwd=project, env=env,
                   capture_output=True, text=True)


def start_builds(project: Path, targets: dict[str, Path], env: dict) -> dict[str, subprocess.Popen]:
    """Start ``mkdocs build --strict`` of each edition of ``project`` into ``targets[edition]``,
    side by side (after computing the shared numbers once); return the running processes,
    their stdout and stderr merged into one text pipe."""
    _warm_numbers_cache(project, env)
    return {
        edition: subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config,
             "--site-dir", str(targets[edition])],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for edition, (config, _) in EDITIONS.items()
    }


def build_both(folder: Path) -> dict[str, Build]:
    """Build both editions with ``--strict`` (side by side) into ``folder/site`` (the English
    one into ``folder/site/en``); return each result, even a failure.

    The English build goes to its own folder first and is moved to ``site/en`` after the
    Korean build (which cleans its site folder) is done.
    """
    site, english = folder / "site", folder / "site-en"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    before = _docs_files()
    running = start_builds(ROOT, {"ko": site, "en": english}, env)
    outputs = {edition: process.communicate()[0] for edition, process in running.items()}
    created = sorted(p.relative_to(ROOT).as_posix() for p in _docs_files() - before)
    if (site / "en").exists():
        shutil.rmtree(site / "en")
    shutil.move(str(english), str(site / "en"))
    return {edition: Build(edition, site / EDITIONS[edition][1], running[edition].returncode,
                           outputs[edition], created)
            for edition in EDITIONS}


def _build_once(shared: Path) -> dict[str, Build]:
    """Both editions built into ``shared/builds`` by the first worker of a run to get here (it
    holds ``shared/builds.lock`` while building); every later call reads that result."""
    from filelock import FileLock

    record = shared / "builds.json"
    with FileLock(str(shared / "builds.lock")):
        if not record.is_file():
            (shared / "builds").mkdir()
            result = build_both(shared / "builds")
            record.write_text(json.dumps({e: {**dataclasses.asdict(b), "site": str(b.site)}
                                          for e, b in result.items()}), encoding="utf-8")
    return {edition: Build(**{**fields, "site": Path(fields["site"])})
            for edition, fields in json.loads(record.read_text(encoding="utf-8")).items()}


#: Where :func:`pytest_collection_finish` keeps the thread building the site, if this worker
#: started one.
EARLY_BUILD = pytest.StashKey[threading.Thread]()


def pytest_collection_finish(session):
    """Under pytest-xdist, the first worker starts building the site as soon as the run's tests
    are known (if one of them needs it), in a thread: the build then runs while the tests that
    need no site do, instead of every worker waiting for it at its first site test.  The
    ``builds`` fixture waits for it (the lock of :func:`_build_once`)."""
    if os.environ.get("PYTEST_XDIST_WORKER") != "gw0":
        return
    if not any("builds" in getattr(item, "fixturenames", ()) for item in session.items):
        return    # e.g. the quick loop, -m "not site"
    # xdist gives each worker --basetemp=<the run's folder>/popen-gwN (the fixture's getbasetemp())
    shared = Path(session.config.getoption("basetemp")).parent
    thread = threading.Thread(target=_build_once, args=(shared,), name="site-build", daemon=True)
    thread.start()
    session.config.stash[EARLY_BUILD] = thread


def pytest_sessionfinish(session):
    thread = session.config.stash.get(EARLY_BUILD, None)
    if thread is not None:   # a run that ends early (-x) leaves no build running
        thread.join()


@pytest.fixture(scope="session")
def builds(tmp_path_factory) -> dict[str, Build]:
    """Both editions built once per test run (:func:`build_both`).

    Under pytest-xdist (``scripts/test.sh`` runs two workers) the first worker starts the build
    when the tests are collected (:func:`pytest_collection_finish`) into the run's shared
    temporary folder; every worker's first site test waits for it and reads the same result, so
    each edition is built once per run.
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build_both(tmp_path_factory.mktemp("builds"))
    return _build_once(tmp_path_factory.getbasetemp().parent)  # the same folder for every worker


def _built(build: Build) -> Path:
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict ({build.edition}) failed:\n{build.output}",
                    pytrace=False)
    return build.site


@pytest.fixture(scope="session")
def build(builds) -> Build:
    """The Korean build's result."""
    return builds["ko"]


@pytest.fixture(scope="session")
def site(builds) -> Path:
    """The built site's root (the Korean edition, with the English one in ``en/``);
    fails the test if the Korean strict build failed."""
    return _built(builds["ko"])


@pytest.fixture(scope="session")
def edition_site(builds):
    """``edition_site("en")``: that edition's root folder; fails the test if its build failed."""
    return lambda edition: _built(builds[edition])


def edition_pages(root: Path, edition: str) -> list[Path]:
    """Every HTML page of one edition (the Korean edition's list leaves out ``en/``)."""
    pages = []
    for html in sorted(root.rglob("*.html")):
        parts = html.relative_to(root).parts
        if "assets" in parts or (edition == "ko" and parts[0] == "en"):
            continue
        pages.append(html)
    return pages


def site_pages(site: Path, edition: str) -> list[str]:
    """URL paths (from the site root) of every HTML page of one edition; new pages are
    covered automatically.  English paths start with ``en/``."""
    prefix = EDITIONS[edition][1]
    root = site / prefix
    return [prefix + html.relative_to(root).as_posix().removesuffix("index.html")
            for html in edition_pages(root, edition) if html.name != "404.html"]


# --- browser ------------------------------------------------------------------------

@pytest.fixture(scope="session")
def base_url(site):
    """The built site (both editions) served on 127.0.0.1 (ephemeral port) for this session."""
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (skipped, or failed with CI=true, if missing)."""
    with launched_chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def visits(browser, site, edition_site, base_url):
    """``visits(edition)``: {page path: tests/visits.py's Visit} — every page of the edition
    loaded once in Chromium (on first use) for the browser gates that read it."""
    import visits as visiting

    if not visiting.AXE.is_file():
        unavailable(f"{visiting.AXE.relative_to(ROOT)} not found (run `npm ci` at the repository root)")
    found: dict[str, dict] = {}

    def visit(edition: str) -> dict:
        if edition not in found:
            edition_site(edition)
            found[edition] = {path: visiting.visit_page(browser, base_url, path)
                              for path in site_pages(site, edition)}
        return found[edition]
    return visit

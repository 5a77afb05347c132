"""The offline copy (issue 19): the zip ``scripts/offline.py`` makes, unzipped and opened from disk.

The fixture ``copy`` runs ``scripts/offline.py`` on the session's build (as ``scripts/build.sh``
does) into a folder of this test and unzips it.  Then Chromium opens ``index.html`` with a
``file://`` URL, as a reader who double-clicks it would, and follows the navigation to every
page of both editions: no console error, no failed request, nothing fetched from outside the
copy, every link of the page to a file of the copy that exists.  The search (in Korean and in
English), the playground and each explorable are used from disk.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT

OFFLINE = ROOT / "scripts" / "offline.py"
EDITIONS = {"ko": "", "en": "en/"}


@pytest.fixture(scope="module")
def copy(edition_site, tmp_path_factory) -> Path:
    """The unzipped offline copy's folder (``mlp-offline/``)."""
    site, out = edition_site("ko"), tmp_path_factory.mktemp("offline")
    edition_site("en")
    run = subprocess.run([sys.executable, str(OFFLINE), "--site", str(site), "--out", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0, f"scripts/offline.py failed:\n{run.stdout}{run.stderr}"
    with zipfile.ZipFile(out / "mlp-offline.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names) and all(n.startswith("mlp-offline/") for n in names)
        archive.extractall(out)
    return out / "mlp-offline"


class Reader:
    """One page of Chromium that records what goes wrong while it reads the copy."""

    def __init__(self, browser, root: Path):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.root = root.resolve()
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text[:200]}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url[:160]} ({r.failure})"))
        self.page.on("request", lambda r: urlsplit(r.url).scheme not in ("file", "data", "blob", "about")
                     and self.problems.append(f"outside the copy: {r.url[:160]}"))

    def open(self, relative: str) -> None:
        self.page.goto((self.root / relative).as_uri(), wait_until="load")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def reader(browser, copy):
    made = Reader(browser, copy)
    yield made
    made.close()


def nav_pages(reader: Reader, home: str) -> list[str]:
    """The pages the navigation of ``home`` links to (paths relative to the copy)."""
    reader.open(home)
    hrefs = reader.page.evaluate("[...document.querySelectorAll('.md-nav--primary a.md-nav__link[href]')]"
                                 ".map(a => a.href)")
    pages = []
    for href in hrefs:
        path = Path(unquote(urlsplit(href).path))
        if path.suffix == ".html" and reader.root in path.parents:
            relative = path.relative_to(reader.root).as_posix()
            if relative not in pages:
                pages.append(relative)
    return pages


BROKEN_LINKS = """() => [...document.querySelectorAll('a[href], img[src], script[src], link[href]')]
    .map(e => e.href || e.src)
    .filter(u => u.startsWith('file:'))
    .map(u => u.split('#')[0].split('?')[0])"""


@dataclass
class Walk:
    """What one reading of an edition's pages from disk showed (see :func:`walk`)."""

    nav: list[str]                                   # the pages the home page's navigation links to
    langs: dict[str, str] = field(default_factory=dict)        # page → <html lang>
    missing: set[str] = field(default_factory=set)             # links to nothing in the copy
    playground_drawn: bool = False                   # playground_lab.html drew its canvas
    explorables: list[str] = field(default_factory=list)       # "page:name" of each one ready
    problems: list[str] = field(default_factory=list)          # the Reader's, for the whole walk


@pytest.fixture(scope="module")
def walk(browser, copy):
    """``walk(edition)``: every page of the edition opened once from disk (on first use), and
    everything both tests below check read during that one visit: the pages the navigation
    links to and the edition's top-level pages (where the explorables are).  On each page, in
    this order: its ``lang``, its links (as loaded, before anything is scrolled into view),
    on the playground lab the playground's canvas, then each explorable scrolled into view
    and waited for until it is ready."""
    walks: dict[str, Walk] = {}

    def read(edition: str) -> Walk:
        if edition not in walks:
            reader = Reader(browser, copy)
            try:
                walks[edition] = _walk(reader, copy, edition)
            finally:
                reader.close()
        return walks[edition]
    return read


def _walk(reader: Reader, copy: Path, edition: str) -> Walk:
    prefix = EDITIONS[edition]
    seen = Walk(nav_pages(reader, prefix + "index.html"))
    top = [prefix + p.name for p in sorted((copy / prefix).glob("*.html")) if p.name != "404.html"]
    for page in dict.fromkeys(seen.nav + top):
        reader.open(page)
        seen.langs[page] = reader.page.evaluate("document.documentElement.lang")
        for url in reader.page.evaluate(BROKEN_LINKS):
            target = Path(unquote(urlsplit(url).path))
            if not target.exists():
                seen.missing.add(f"{page} → {target.relative_to(copy) if copy in target.parents else target}")
            elif target.is_dir():
                seen.missing.add(f"{page} → a folder: {target.relative_to(copy)}")
        if page == prefix + "playground_lab.html":
            reader.page.locator("#playground").scroll_into_view_if_needed()
            reader.page.locator("#playground canvas").first.wait_for(timeout=30_000)
            seen.playground_drawn = True
        roots = reader.page.locator("[data-explorable]")
        for i in range(roots.count()):
            root = roots.nth(i)
            root.scroll_into_view_if_needed()
            reader.page.wait_for_function("e => e.dataset.ready === 'true'", arg=root.element_handle(),
                                          timeout=30_000)
            seen.explorables.append(f"{Path(page).name}:{root.get_attribute('data-explorable')}")
    seen.problems = list(reader.problems)
    return seen


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_opens_from_disk(walk, edition):
    seen = walk(edition)
    assert len(seen.nav) >= 19, seen.nav
    wrong = {page: lang for page, lang in seen.langs.items() if lang != edition}
    assert not wrong, f"pages whose <html lang> is not {edition!r}: {wrong}"
    assert set(seen.nav) <= set(seen.langs), "pages of the navigation not opened"
    assert not seen.missing, "links to nothing in the copy:\n" + "\n".join(sorted(seen.missing)[:20])
    assert not seen.problems, "\n".join(seen.problems[:20])


@pytest.mark.parametrize(("edition", "term"), [("ko", "역전파"), ("en", "backpropagation")])
def test_search_works_from_disk(reader, edition, term):
    reader.open(EDITIONS[edition] + "index.html")
    reader.page.locator("[data-md-toggle=search]").evaluate("e => e.click()")
    # a query typed before the index is loaded is lost: wait for Material's "type to start
    # searching" (its translation in the page's __config), which it shows once the index is ready
    reader.page.wait_for_function("""() => {
        const ready = JSON.parse(document.getElementById("__config").textContent)
            .translations["search.result.placeholder"];
        const meta = document.querySelector(".md-search-result__meta");
        return meta && meta.textContent.trim() === ready;
    }""", timeout=30_000)
    box = reader.page.locator(".md-search__input")
    box.fill(term)          # Hangul comes by input events, as from an input method;
    box.press("End")        # Material reads the query on a key's keyup
    results = reader.page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=30_000)
    href = results.first.get_attribute("href")
    assert href.startswith("file:") and ".html" in href, href
    assert not reader.problems, "\n".join(reader.problems)


@pytest.mark.parametrize("edition", EDITIONS)
def test_playground_and_explorables_work_from_disk(walk, edition):
    seen = walk(edition)
    assert seen.playground_drawn, "playground_lab.html not opened"
    assert len(seen.explorables) >= 6, seen.explorables
    assert not seen.problems, "\n".join(seen.problems[:20])

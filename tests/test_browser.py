"""Every page of the built site in headless Chromium (Debian's /usr/bin/chromium).

Checks, per page: no console error, no failed request, no request outside the
site's own origin, math typeset, images loaded with alt text, a title.  Also:
math after clicking to another page, Korean search, phone width.

Needs Playwright for Python and Chromium; never runs ``playwright install``.
Without them the tests are skipped, except with ``CI=true`` where they fail.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic"]
MATH_TIMEOUT_MS = 15_000


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


# --- fixtures ----------------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(site):
    """The built site served on 127.0.0.1 (ephemeral port) for this session."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's sync API keeps an asyncio loop running in this thread
    # while it is open, which breaks later tests that call asyncio.run() (nbclient).
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        _unavailable(f"{CHROMIUM} not found (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watcher:
    """Record what a page does that it should not."""

    def __init__(self, page, base_url: str) -> None:
        self.origin = urlsplit(base_url).netloc
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", lambda r: self.problems.append(
            f"failed request: {r.url} ({r.failure})"))
        page.on("response", self._response)
        # Block and report every request to another host: the site must be self-contained.
        page.route("**/*", self._route)

    def _console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _route(self, route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in ("data", "blob", "about") or url.netloc == self.origin:
            route.continue_()
        else:
            self.problems.append(f"request outside the site: {route.request.url}")
            route.abort()


@pytest.fixture()
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watcher = Watcher(page, base_url)
    yield page
    context.close()


def site_pages(site: Path) -> list[str]:
    """URL paths of every HTML page of the built site (new pages are covered automatically)."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site)
        if "assets" in rel.parts or rel.name == "404.html":
            continue
        paths.append(rel.as_posix().removesuffix("index.html"))
    return paths


# --- checks on one page ------------------------------------------------------------

TEXT_OUTSIDE_CODE = """() => {
    const root = (document.querySelector("article") || document.body).cloneNode(true);
    root.querySelectorAll("pre, code, script, style, mjx-container, .highlight")
        .forEach(e => e.remove());
    return root.textContent;
}"""

MATH_DONE = """() => {
    const marked = [...document.querySelectorAll(".arithmatex")];
    const typeset = marked.filter(e => e.querySelector("mjx-container"));
    return typeset.length === marked.length;
}"""

BAD_IMAGES = """() => [...document.images]
    .filter(i => !(i.complete && i.naturalWidth > 0) || !(i.alt || "").trim())
    .map(i => `${i.getAttribute("src")} complete=${i.complete} width=${i.naturalWidth} alt=${JSON.stringify(i.alt)}`)"""


def check_math(page) -> None:
    """Math typeset: every arithmatex element holds MathJax output, no raw delimiters left."""
    page.wait_for_function("() => window.mathTypeset !== undefined", timeout=MATH_TIMEOUT_MS)
    page.evaluate("() => window.mathTypeset")  # docs/javascripts/mathjax.js sets this promise
    count = page.locator(".arithmatex").count()
    if count:
        page.wait_for_function(MATH_DONE, timeout=MATH_TIMEOUT_MS)
    text = page.evaluate(TEXT_OUTSIDE_CODE)
    for raw in ("\\(", "\\[", "$$"):
        assert raw not in text, f"{page.url}: untypeset math ({raw!r}) in the text"
    assert page.locator("mjx-container").count() >= count, page.url


def load(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


def test_site_has_pages(site):
    assert "" in site_pages(site) and len(site_pages(site)) >= 11


def test_every_page(page, site, base_url, subtests):
    for path in site_pages(site):
        with subtests.test(page=path or "/"):
            page.watcher.problems.clear()
            load(page, base_url + path)
            check_math(page)
            assert page.title().strip(), f"{path}: empty <title>"
            bad = page.evaluate(BAD_IMAGES)
            assert not bad, f"{path}: images not loaded or without alt: {bad}"
            page.wait_for_load_state("networkidle")
            assert not page.watcher.problems, f"{path}:\n" + "\n".join(page.watcher.problems)


def test_math_after_clicking_to_another_page(page, base_url):
    load(page, base_url)
    link = page.locator("nav.md-nav--primary a.md-nav__link[href*='backprop']").first
    link.click()
    page.wait_for_url("**/backprop/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".arithmatex").count() > 0, "the backprop page has no math"
    check_math(page)
    assert not page.watcher.problems, "\n".join(page.watcher.problems)


@pytest.mark.parametrize("term", ["역전파", "시그모이드", "경사 하강법"])
def test_korean_search(page, base_url, term):
    # lunr.ko (search lang: ko) keeps a Hangul word and its particle as one token
    # (역전파는); Material matches the typed term as a prefix, so 역전파 finds it.
    load(page, base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(term)
    box.press("End")  # Material searches on keyboard events; fill() alone sends none
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=MATH_TIMEOUT_MS)
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert any(h.startswith(base_url) for h in hrefs), f"{term}: no result inside the site: {hrefs}"
    assert not page.watcher.problems, "\n".join(page.watcher.problems)


def test_phone_width_has_no_horizontal_overflow(browser, base_url, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        wide = []
        for path in site_pages(site):
            load(page, base_url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                wide.append(f"{path or '/'}: {width}px")
        assert not wide, "pages wider than a 390px phone: " + ", ".join(wide)
    finally:
        context.close()

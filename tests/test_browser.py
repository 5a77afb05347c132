"""Every page of the built site in headless Chromium (Debian's /usr/bin/chromium).

Both editions (Korean at the root, English in ``en/``).  Checks, per page: no
console error, no failed request, no request outside the site's own origin, math
typeset (at build time by hooks/mathjax.py: no MathJax runs in the page), images
loaded with alt text, a title.  Also: math after clicking to
another page, the language switcher keeps the page, each edition's search finds
its own pages only, phone width.

Needs Playwright for Python and Chromium; never runs ``playwright install``.
Without them the tests are skipped, except with ``CI=true`` where they fail
(fixtures ``browser`` and ``base_url`` in tests/conftest.py).
"""

from __future__ import annotations

import pytest

from mlp_devtools.browser import Watcher

from conftest import EDITIONS, site_pages
from visits import TWO_FRAMES, WIDTHS, math_problems

__all__ = ["check_math", "load", "open_page", "site_pages"]  # used by other browser tests

SEARCH_TIMEOUT_MS = 60_000  # a bound on a failure, not a wait


@pytest.fixture()
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watcher = Watcher(page, base_url)
    yield page
    context.close()


def check_math(page) -> None:
    """Math typeset: no raw TeX delimiters in the text, every formula an SVG of visible
    size with its glyphs and its MathML (tests/visits.py's MATH_PROBLEMS)."""
    problems = math_problems(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems[:10])


def load(page, url: str) -> None:
    """Load ``url`` and wait until every request the page started has ended (for the checks
    of requests, which must see the requests a page makes after its load event too)."""
    page.goto(url, wait_until="load")
    page.watcher.settle(page)


def open_page(page, url: str) -> None:
    """Load ``url`` for checks of the DOM and the layout (axe-core, alt text, widths): the
    load event (stylesheets, scripts, images), then two frames."""
    page.goto(url, wait_until="load")
    page.evaluate(TWO_FRAMES)


@pytest.mark.parametrize("edition", EDITIONS)
def test_site_has_pages(edition_site, site, edition):
    edition_site(edition)
    paths = site_pages(site, edition)
    assert EDITIONS[edition][1] in paths and len(paths) >= 11


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page(visits, subtests, edition):
    """Gate 1 on every page's one visit (tests/visits.py): no console error, failed request
    or request outside the site, math typeset, a title, every image loaded with alt text."""
    for path, seen in visits(edition).items():
        with subtests.test(page=path or "/"):
            assert not seen.math, f"{path}:\n" + "\n".join(seen.math[:10])
            assert seen.title, f"{path}: empty <title>"
            assert not seen.bad_images, f"{path}: images not loaded or without alt: {seen.bad_images}"
            assert not seen.problems, f"{path}:\n" + "\n".join(seen.problems)
            assert seen.requested, f"{path}: no request seen"


@pytest.mark.parametrize("edition", EDITIONS)
def test_math_after_clicking_to_another_page(page, edition_site, base_url, edition):
    edition_site(edition)
    start = base_url + EDITIONS[edition][1]
    load(page, start)
    link = page.locator("nav.md-nav--primary a.md-nav__link[href*='backprop']").first
    link.click()
    page.wait_for_url(start + "backprop/")
    page.watcher.settle(page)
    assert page.locator(".arithmatex").count() > 0, "the backprop page has no math"
    check_math(page)
    assert not page.watcher.problems, "\n".join(page.watcher.problems)


def search(page, start: str, term: str) -> list[str]:
    """Type ``term`` into the search box of the page at ``start``; return the results' URLs."""
    load(page, start)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(term)
    box.press("End")  # Material searches on keyboard events; fill() alone sends none
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=SEARCH_TIMEOUT_MS)
    return results.evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize("term", ["역전파", "시그모이드", "경사 하강법"])
def test_korean_search(page, base_url, term):
    # lunr.ko (search lang: ko) keeps a Hangul word and its particle as one token
    # (역전파는); Material matches the typed term as a prefix, so 역전파 finds it.
    hrefs = search(page, base_url, term)
    assert hrefs and all(h.startswith(base_url) and not h.startswith(base_url + "en/")
                         for h in hrefs), f"{term}: results outside the Korean edition: {hrefs}"
    assert not page.watcher.problems, "\n".join(page.watcher.problems)


@pytest.mark.parametrize("term", ["backpropagation", "sigmoid", "gradient descent"])
def test_english_search(page, edition_site, base_url, term):
    # The English edition has its own index (search lang: en): results stay inside en/.
    edition_site("en")
    hrefs = search(page, base_url + "en/", term)
    assert hrefs and all(h.startswith(base_url + "en/") for h in hrefs), \
        f"{term}: results outside the English edition: {hrefs}"
    assert not page.watcher.problems, "\n".join(page.watcher.problems)


#: Pages whose language switcher is clicked (URL paths within an edition).
SWITCHED = ["", "activations/", "backprop/", "notebooks/02_forward_pass/"]


@pytest.mark.parametrize("path", SWITCHED, ids=lambda p: p or "home")
@pytest.mark.parametrize("edition, other", [("ko", "en"), ("en", "ko")])
def test_language_switcher_keeps_the_page(page, edition_site, base_url, edition, other, path):
    edition_site(edition)
    edition_site(other)
    load(page, base_url + EDITIONS[edition][1] + path)
    page.locator(".md-header__option .md-select button").click()
    page.locator(f".md-select__link[hreflang='{other}']").click()
    target = base_url + EDITIONS[other][1] + path
    page.wait_for_url(target)
    page.watcher.settle(page)
    assert page.evaluate("document.documentElement.lang") == other
    assert not page.watcher.problems, "\n".join(page.watcher.problems)


@pytest.mark.parametrize("edition", EDITIONS)
def test_phone_width_has_no_horizontal_overflow(visits, edition):
    """At every width of tests/visits.py (down to a 320 px phone) no page is wider than the
    window; at the narrowest the formulas are still typeset at their size, and no block of the
    content holds a line wider than itself (an inline formula, code or word that does not fit:
    where docs/stylesheets/perf.css skips the block, it would be cut off, with no way to
    scroll to it)."""
    wide, math, blocks = [], [], []
    for path, seen in visits(edition).items():
        wide += [f"{path or '/'}: {page_width}px in a {width}px window"
                 for width, page_width in seen.page_width.items() if page_width > width]
        math += [f"{path or '/'}: {problem}" for problem in seen.narrow_math]
        blocks += [f"{path or '/'} {b['block']}: a line {b['width']}px wide in a {b['box']}px block: "
                   f"{b['text']!r}" for b in seen.wide_blocks]
    assert not wide, "pages wider than the window: " + ", ".join(wide)
    assert not math, "\n".join(math[:10])
    assert not blocks, (f"at {min(WIDTHS)}px, blocks holding a line wider than the block (make a "
                        "long inline formula a display formula or split it):\n" + "\n".join(blocks))


def test_code_blocks_are_set_up_when_they_come_into_view(page, base_url):
    """With ``content.lazy`` (mkdocs.yml, for a faster first load) Material gives a code
    block its copy button when the block comes into view, not at load."""
    open_page(page, base_url + "gradient_descent/")
    blocks = page.locator("article div.highlight pre:not(details pre)")  # details may be closed
    count = blocks.count()
    assert count > 3
    last = blocks.nth(count - 1)
    assert last.locator("button[data-md-type=copy]").count() == 0, "set up before it came into view"
    last.scroll_into_view_if_needed()
    last.locator("button[data-md-type=copy]").wait_for(state="attached", timeout=60_000)


def test_tables_look_as_material_styles_them(page, base_url):
    """hooks/tables.py boxes each table at build time, with a class Material's script and
    styles do not select, and restates Material's table styles for that class: a table must
    look exactly as Material styles a table without a class.  Compared with such a table
    put next to it after Material's script has run (so the script leaves it alone)."""
    open_page(page, base_url + "gradient_descent/")
    differences = page.evaluate("""() => {
        const ours = document.querySelector("article table.lesson-table");
        const theirs = ours.cloneNode(true);
        theirs.removeAttribute("class");
        ours.parentElement.append(theirs);
        const props = ["display", "font-size", "border-top-width", "border-top-style", "border-radius",
            "background-color", "padding-top", "padding-left", "text-align", "vertical-align",
            "font-weight", "min-width", "max-width"];  // not overflow: hooks/tables.py BOX_SCROLLS
        const found = [];
        for (const sel of ["", "th", "td", "tbody tr"]) {
            const a = sel ? ours.querySelector(sel) : ours, b = sel ? theirs.querySelector(sel) : theirs;
            const ca = getComputedStyle(a), cb = getComputedStyle(b);
            for (const p of props) if (ca[p] !== cb[p]) found.push(`${sel || "table"} ${p}: ${ca[p]} vs ${cb[p]}`);
        }
        const box = ours.parentElement;
        if (!box.matches(".md-typeset__table") || !box.parentElement.matches(".md-typeset__scrollwrap"))
            found.push("not in Material's scrolling box");
        return found;
    }""")
    assert not differences, differences
    # the box scrolls, not the table (hooks/tables.py: BOX_SCROLLS)
    assert page.evaluate("""() => {
        const t = document.querySelector("article table.lesson-table");
        return [getComputedStyle(t).overflowX, t.parentElement.parentElement.tabIndex,
                t.parentElement.parentElement.getAttribute("role")];
    }""")[::2] == ["visible", "group"]

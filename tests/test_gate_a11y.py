"""Accessibility gate: axe-core on every page of both editions, alt text, keyboard focus.

axe-core comes from npm (``package.json``; ``npm ci`` puts it in ``node_modules/``).
Each page of the built site, served on 127.0.0.1 (fixtures in tests/conftest.py), is
loaded once in Chromium (tests/visits.py), ``axe.min.js`` is injected and ``axe.run`` checks
the WCAG 2 A/AA rules and axe's best practices at each window width of ``visits.WIDTHS``
(320, 768 and 1280 px: what overflows depends on the reader's fonts and window, so every box
that can scroll is made to scroll here).  A violation of impact *serious* or *critical*
fails the test; every violation found (of any impact) is printed.  Every element of the
content that CSS lets scroll must be a scroll box of hooks/scroll_boxes.py (or hold
something focusable), whatever overflows with this machine's fonts.

Also: every image has alt text that says something (not empty, not a file name, not
nbconvert's placeholder — hooks/notebook_a11y.py replaces that one), and in the
playground (docs/playground_lab.md) Tab moves through the controls, each showing a
visible focus indicator.

Without axe-core (no ``npm ci``) the tests are skipped, except with ``CI=true``.
"""

from __future__ import annotations

import json
import re

import pytest
from visits import WIDTHS

from conftest import EDITIONS

FAILING_IMPACTS = {"serious", "critical"}

PLACEHOLDER = "No description has been provided for this image"
FILENAME = re.compile(r"^[\w\-./]+\.(png|jpe?g|svg|gif|webp)$", re.IGNORECASE)


@pytest.fixture()
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def bad_alt(alt: str | None) -> str | None:
    """Why ``alt`` says nothing about the image, or None if it is fine."""
    if alt is None or not alt.strip():
        return "empty alt"
    if alt.strip() == PLACEHOLDER:
        return "nbconvert's placeholder alt"
    if FILENAME.match(alt.strip()):
        return "alt is a file name"
    return None


def test_bad_alt_recognises_placeholders():
    assert bad_alt("") and bad_alt(None) and bad_alt(PLACEHOLDER) and bad_alt("fig-01.svg")
    assert bad_alt("그림: 계단 함수") is None


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_axe_finds_no_serious_violation(visits, subtests, edition, width):
    for path, seen in visits(edition).items():
        with subtests.test(page=path or "/"):
            for v in seen.violations[width]:
                print(f"[axe {width}px] /{path} {v['impact']:<8} {v['id']} ({v['count']}): {v['help']}")
                for node in v["nodes"]:
                    print(f"        {node}")
            serious = [v for v in seen.violations[width] if v["impact"] in FAILING_IMPACTS]
            assert not serious, f"/{path} at {width}px: " + json.dumps(serious, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_box_that_can_scroll_is_a_scroll_box(visits, subtests, edition, width):
    """Decided by CSS, whatever overflows with this machine's fonts: every element of the
    content that may scroll is marked by hooks/scroll_boxes.py (reachable by keyboard while
    it scrolls) or holds something the keyboard can focus."""
    for path, seen in visits(edition).items():
        with subtests.test(page=path or "/"):
            assert not seen.uncovered[width], f"/{path} at {width}px: {seen.uncovered[width]}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_image_has_meaningful_alt(visits, subtests, edition):
    pages = visits(edition)
    assert any(seen.images for seen in pages.values()), f"{edition}: no image on any page"
    for path, seen in pages.items():
        with subtests.test(page=path or "/"):
            bad = [f"{img['src']}: {why} ({img['alt']!r})" for img in seen.images
                   if (why := bad_alt(img["alt"]))]
            assert not bad, f"/{path}: " + "; ".join(bad)


FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow && s.boxShadow !== "none";
    // An SVG link's own focus style (.pg-link:focus .pg-link-line) is on its child
    const line = e.querySelector && e.querySelector(".pg-link-line");
    const childStyle = line ? getComputedStyle(line).strokeWidth : null;
    return {tag: e.tagName.toLowerCase(), id: e.id, cls: String(e.className && e.className.baseVal
            !== undefined ? e.className.baseVal : e.className),
            inside: !!e.closest("#playground"), visible: outline || shadow || !!line,
            name: e.getAttribute("aria-label") || (e.labels && e.labels[0] && e.labels[0].textContent)
                  || e.textContent.trim().slice(0, 30), childStyle};
}"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_playground_controls_take_keyboard_focus(page, edition_site, base_url, edition):
    edition_site(edition)
    page.goto(base_url + EDITIONS[edition][1] + "playground_lab/", wait_until="load")
    page.wait_for_selector("#playground[data-ready='true']", timeout=60_000)
    controls = page.locator("#playground button, #playground input, #playground select")
    expected = controls.count()
    assert expected >= 10, f"only {expected} controls in the playground"
    # Start just before the playground: focus the element before it, then Tab in.
    page.evaluate("""() => { const t = document.createElement("button");
        t.id = "focus-start"; t.textContent = "start";
        document.getElementById("playground").before(t); t.focus(); }""")
    reached, invisible = [], []
    for _ in range(expected * 3):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        if info is None or not info["inside"]:
            break
        reached.append(info)
        if not info["visible"]:
            invisible.append(info)
    print(f"[focus] {edition}: {len(reached)} stops in the playground, "
          f"{expected} buttons/inputs/selects")
    assert not invisible, f"focus without a visible indicator: {invisible}"
    reached_form = [r for r in reached if r["tag"] in ("button", "input", "select")]
    # Radio groups take one Tab stop, so count distinct named controls, not every input
    assert len(reached_form) >= min(expected, 10), \
        f"Tab reached only {len(reached_form)} of {expected} controls: {reached_form}"
    unnamed = [r for r in reached_form if not (r["name"] or "").strip()]
    assert not unnamed, f"focused controls without an accessible name: {unnamed}"

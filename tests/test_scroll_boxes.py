"""hooks/scroll_boxes.py and docs/javascripts/scroll_boxes.js: every box that can scroll is
reachable and scrollable by keyboard, with a name, at any width.

The axe gate (tests/test_gate_a11y.py) checks every page at 320, 768 and 1280 px; here: the
marks in the built pages, and in Chromium that a box is a tab stop exactly while it scrolls,
that Tab reaches it and the arrow keys scroll it.
"""

from __future__ import annotations

import doctest
import re

from conftest import EDITIONS, edition_pages, hook
from visits import SETTLED

scroll_boxes = hook("scroll_boxes")

#: Start tags of the boxes in a built page, and of those that are marked.
BOX = re.compile(r'<p [^>]*data-scroll-box[^>]*>|<div class="(?:md-typeset__scrollwrap|arithmatex|highlight-ipynb)[^>]*>'
                 r'|<div class="(?:[^"]* )?highlight(?: [^"]*)?"[^>]*>(?:<span class="filename">'
                 r'[^<]*</span>)?<pre[^>]*>(?:<span></span>)?<code[^>]*>')
NAME = re.compile(r'aria-label="([^"]+)"')


def test_docstring_examples():
    failed, tried = doctest.testmod(scroll_boxes)
    assert tried >= 3 and failed == 0


def test_marks_replace_what_a_box_had():
    out = scroll_boxes.mark('<div class="highlight-ipynb hl-python" tabindex="0"><pre>x</pre></div>')
    assert out.count("tabindex") == 1 and 'aria-label="코드 1"' in out and "data-scroll-box" in out


def test_every_box_in_the_built_pages_is_marked_with_a_unique_name(edition_site):
    counted = {}
    for edition in EDITIONS:
        root = edition_site(edition)
        for page in edition_pages(root, edition):
            text = page.read_text(encoding="utf-8")
            boxes = BOX.findall(text)
            unmarked = [b[:120] for b in boxes if 'role="group"' not in b or 'tabindex="0"' not in b]
            assert not unmarked, f"{page.relative_to(root)}: {unmarked[:3]}"
            names = [NAME.search(b).group(1) for b in boxes]
            assert len(names) == len(set(names)), f"{page.relative_to(root)}: names repeat"
            for b in boxes:
                kind = "code" if "<code" in b else "figure" if b.startswith("<p") else b.split('"')[1].split()[0]
                counted[kind] = counted.get(kind, 0) + 1
    # each kind is on some page (else this test proves nothing for it)
    assert set(counted) == {"md-typeset__scrollwrap", "arithmatex", "highlight-ipynb", "code", "figure"}, counted


#: A table box at the top of the page whose table is wider than ``width`` px (but narrower than
#: 1280 px): at 1280 px it fits, at 320 px it scrolls.
WIDE_TABLE = """(width) => {
    const box = [...document.querySelectorAll("article .md-typeset__scrollwrap[data-scroll-box]")]
        .find(b => b.firstElementChild.offsetWidth > width);
    document.querySelector("article").prepend(box);
    scrollTo(0, 0);
    return box.getAttribute("aria-label");
}"""
STATE = """(name) => {
    const box = document.querySelector(`[aria-label="${name}"]`);
    return {tab: box.getAttribute("tabindex"), scrolls: box.scrollWidth > box.clientWidth,
            left: box.scrollLeft, focused: document.activeElement === box};
}"""


def test_a_box_is_a_tab_stop_exactly_while_it_scrolls(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base_url + "notation/", wait_until="load")
        page.evaluate(SETTLED)
        name = page.evaluate(WIDE_TABLE, 400)
        page.evaluate(SETTLED)
        assert page.evaluate(STATE, name) == {"tab": None, "scrolls": False, "left": 0, "focused": False}
        page.set_viewport_size({"width": 320, "height": 700})
        page.evaluate(SETTLED)
        assert page.evaluate(STATE, name)["tab"] == "0"
        page.evaluate("document.querySelector('article').focus()")  # start just before the box
        page.evaluate("""(name) => { const b = document.createElement("button"); b.id = "before";
            document.querySelector(`[aria-label="${name}"]`).before(b); b.focus(); }""", name)
        page.keyboard.press("Tab")
        assert page.evaluate(STATE, name)["focused"]
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.evaluate(SETTLED)
        assert page.evaluate(STATE, name)["left"] > 0, "the arrow keys do not scroll the box"
        page.set_viewport_size({"width": 1280, "height": 900})
        page.evaluate(SETTLED)
        assert page.evaluate(STATE, name)["tab"] is None
    finally:
        context.close()


def set_up_then_narrowed(page, name: str, *, scroll_away: bool = False) -> dict:
    """Wait for Material to set up the code block named ``name`` (its copy button) at the
    page's 1280 px and check it is no tab stop there (it fits); optionally scroll it away until
    the browser skips it (perf.css); narrow the window to 320 px; return the block's STATE."""
    box = page.locator(f'[aria-label="{name}"]')
    box.scroll_into_view_if_needed()
    box.locator("xpath=..").locator("button[data-md-type=copy]").wait_for(state="attached")
    page.evaluate(SETTLED)
    assert page.evaluate(STATE, name)["tab"] is None
    if scroll_away:
        page.evaluate("scrollTo(0, 0)")
        page.evaluate(SETTLED)
        assert not box.evaluate("b => b.checkVisibility({contentVisibilityAuto: true})"), \
            "not skipped: proves nothing"
    page.set_viewport_size({"width": 320, "height": 700})
    page.evaluate(SETTLED)
    return page.evaluate(STATE, name)


#: A code block of the page, moved to the top (drawn, and set up by Material's script there).
CODE_TO_TOP = """() => {
    const code = [...document.querySelectorAll("article div.highlight > pre > code[data-scroll-box]")]
        .find(c => c.scrollWidth <= c.clientWidth && c.textContent.split("\\n").some(l => l.length > 40));
    const block = code.closest("div.highlight");
    document.querySelector("article").prepend(block);
    scrollTo(0, 0);
    return code.getAttribute("aria-label");
}"""


def test_a_code_block_follows_the_window_after_material_set_it_up(browser, base_url):
    """Material sets a code block's tabindex when the block comes into view and not again on
    a resize; scroll_boxes.js puts it right at every width."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base_url + "gradient_descent/", wait_until="load")
        name = page.evaluate(CODE_TO_TOP)
        state = set_up_then_narrowed(page, name)
        assert state["scrolls"] and state["tab"] == "0", state
    finally:
        context.close()


#: A code block far down the page (a block perf.css lets the browser skip off screen) whose
#: lines fit at 1280 px and not at 320 px.
DEEP_CODE = """() => {
    const skippable = c => getComputedStyle(c.closest("article.md-typeset > *")).contentVisibility === "auto";
    const fits = c => { const longest = Math.max(...c.textContent.split("\\n").map(l => l.length));
                        return longest > 40 && longest < 75; };
    const code = [...document.querySelectorAll("article div.highlight code[data-scroll-box]")]
        .find(c => skippable(c) && fits(c) && !c.closest("details"));
    return code ? code.getAttribute("aria-label") : null;
}"""


def test_a_code_block_skipped_off_screen_is_a_tab_stop_after_a_resize(browser, base_url):
    """Read at 1280 px (the block set up by Material, no tab stop: it fits), scrolled away (the
    browser skips it: perf.css), the window narrowed to 320 px: the block scrolls, so it is a
    tab stop again, though nothing resized it while it was skipped."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base_url + "numpy_mlp/", wait_until="load")
        name = page.evaluate(DEEP_CODE)
        assert name, "no code block to try on the page"
        state = set_up_then_narrowed(page, name, scroll_away=True)
        assert state["scrolls"] and state["tab"] == "0", state
    finally:
        context.close()

"""docs/stylesheets/perf.css in Chromium: what it saves the browser must not cost the reader.

- Hangul in a font that has it: a Korean paragraph (Hangul and Latin) is set in one font, a
  Korean font the stylesheet names (on CI: NanumGothic from Debian's fonts-nanum), instead of
  Latin in one font and each run of Hangul in a fallback looked up by the browser; the English
  edition keeps Material's font stack.
- The last blocks are drawn: the three that hooks/page_end.py marks are never skipped (the
  footer's dark background would be read as their text's background), the blocks before them are.
- Skipped is still read: the blocks and the formulas' MathML that perf.css lets the browser skip
  while they are off screen stay in the accessibility tree that a screen reader reads.

Needs Playwright and Chromium (fixtures in tests/conftest.py: skipped without them, except
with ``CI=true``).
"""

from __future__ import annotations

import re

from browser_support import CHROMIUM, CHROMIUM_ARGS
from test_browser import open_page

from conftest import ROOT

PERF_CSS = ROOT / "docs" / "stylesheets" / "perf.css"
PHONE = {"width": 412, "height": 823}


def korean_fonts() -> list[str]:
    """The font families perf.css puts first for the Korean edition (``--md-text-font``)."""
    value = re.search(r"--md-text-font:([^;]+);", PERF_CSS.read_text(encoding="utf-8")).group(1)
    return [name.strip().strip('"') for name in value.split(",")]


def platform_fonts(page, selector: str) -> set[str]:
    """The installed font families Chromium used to draw the text of ``selector``'s first match."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {font["familyName"] for font in fonts}


def test_korean_text_is_set_in_one_korean_font(browser, base_url, edition_site):
    edition_site("en")
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    try:
        listed = korean_fonts()
        assert "NanumGothic" in listed and "Malgun Gothic" in listed
        open_page(page, base_url + "activations/")
        text = page.evaluate("document.querySelector('article > p').textContent")
        assert re.search("[가-힣]", text) and re.search("[A-Za-z]", text), text
        used = platform_fonts(page, "article > p")
        assert len(used) == 1 and used <= set(listed), f"Korean paragraph drawn with {used}"
        open_page(page, base_url + "en/activations/")
        used = platform_fonts(page, "article > p")
        assert used and not used & set(listed[2:]), f"English paragraph drawn with {used}"
    finally:
        context.close()


#: Off-screen content at load: how many article elements are skipped, the formulas (those in a
#: closed <details> are hidden from everyone until it is opened), and the words of the last
#: skipped bold/code/link inside a paragraph.
SKIPPED = """() => {
    const article = document.querySelector("article");
    const skipped = [...article.querySelectorAll("*")]
        .filter(e => !e.checkVisibility({contentVisibilityAuto: true}));
    const isSkipped = new Set(skipped);
    const words = [...article.querySelectorAll(".md-typeset > p > :is(strong, code, a)")]
        .filter(e => isSkipped.has(e)).map(e => e.textContent.trim()).filter(Boolean);
    return {skipped: skipped.length, formulas: [...article.querySelectorAll("mjx-container")]
                .filter(e => !e.closest("details:not([open])")).length,
            mathml: skipped.filter(e => e.matches("mjx-assistive-mml > math")).length,
            words: words.at(-1) || null};
}"""


def test_skipped_content_stays_in_the_accessibility_tree(browser, base_url):
    """With accessibility on from the start, as when a screen reader runs
    (``--force-renderer-accessibility``), /backprop/ at phone size: the accessibility tree
    has a math node for every formula and the words of a skipped paragraph."""
    reader = browser.browser_type.launch(executable_path=CHROMIUM,
                                         args=[*CHROMIUM_ARGS, "--force-renderer-accessibility"])
    try:
        page = reader.new_context(viewport=PHONE, is_mobile=True).new_page()
        open_page(page, base_url + "backprop/")
        seen = page.evaluate(SKIPPED)
        # perf.css does skip (else this test would prove nothing)
        assert seen["skipped"] > 1000 and seen["words"], seen
        assert seen["mathml"] >= seen["formulas"], "some formula's MathML is laid out at load"
        cdp = page.context.new_cdp_session(page)
        cdp.send("Accessibility.enable")
        nodes = [n for n in cdp.send("Accessibility.getFullAXTree")["nodes"] if not n.get("ignored")]
        roles = [n.get("role", {}).get("value") for n in nodes]
        text = " ".join(str(n.get("name", {}).get("value", "")) for n in nodes)
        assert roles.count("MathMLMath") == seen["formulas"]
        assert seen["words"] in text, f"skipped words {seen['words']!r} not in the accessibility tree"
    finally:
        reader.close()


#: Each block of the article: [marked data-page-end, its content-visibility (for a display
#: formula, that of the formula's box inside it)].
BLOCKS = """() => [...document.querySelectorAll("article.md-typeset > *")].map(b => [
    b.hasAttribute("data-page-end"),
    getComputedStyle(b.matches(".arithmatex") && b.firstElementChild || b).contentVisibility])"""


def test_only_blocks_before_the_last_three_are_skipped(browser, base_url, edition_site):
    edition_site("en")
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    try:
        for path in ["backprop/", "en/activations/"]:
            open_page(page, base_url + path)
            blocks = page.evaluate(BLOCKS)
            assert [marked for marked, _ in blocks[-3:]] == [True] * 3, (path, blocks[-3:])
            assert all(visibility == "visible" for _, visibility in blocks[-3:]), (path, blocks[-3:])
            skippable = [visibility for _, visibility in blocks[12:-3]]
            assert skippable.count("auto") > len(skippable) // 2, (path, skippable)
    finally:
        context.close()

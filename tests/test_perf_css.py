"""docs/stylesheets/perf.css in Chromium: what it saves the browser must not cost the reader.

- The last blocks are drawn: the three that hooks/page_end.py marks are never skipped (the
  footer's dark background would be read as their text's background), the blocks before them are.
- Skipped is still read: the blocks that perf.css lets the browser skip while they are off
  screen stay in the accessibility tree that a screen reader reads, formulas included.

Needs Playwright and Chromium (fixtures in tests/conftest.py: skipped without them, except
with ``CI=true``).
"""

from __future__ import annotations

from mlp_devtools.browser import CHROMIUM, CHROMIUM_ARGS

from test_browser import open_page

PHONE = {"width": 412, "height": 823}


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
            words: words.at(-1) || null};
}"""


def test_skipped_content_stays_in_the_accessibility_tree(browser, base_url):
    """With accessibility on from the start, as when a screen reader runs
    (``--force-renderer-accessibility``), /backprop/ at phone size: the accessibility tree
    has a math node for every formula (skipped or not) and the words of a skipped paragraph."""
    reader = browser.browser_type.launch(executable_path=CHROMIUM,
                                         args=[*CHROMIUM_ARGS, "--force-renderer-accessibility"])
    try:
        page = reader.new_context(viewport=PHONE, is_mobile=True).new_page()
        open_page(page, base_url + "backprop/")
        seen = page.evaluate(SKIPPED)
        # perf.css does skip (else this test would prove nothing)
        assert seen["skipped"] > 1000 and seen["words"], seen
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

"""One visit of every page of an edition in Chromium, shared by the browser gates.

A page costs most of its test time in being loaded and laid out, so each page of the built
site is loaded once per edition, in a fresh browser context (an empty cache: a reader's first
visit), and everything the gates check is read during that one visit:

- tests/test_browser.py::test_every_page — gate 1: no console error, no failed request, no
  request outside the site's own origin, math typeset, images loaded with alt text, a title;
- tests/test_gate_weight.py — the bytes the page fetched (the sizes of the site's files it
  requested: the site is static, so a response body is its file);
- tests/test_gate_a11y.py — gate 3: axe-core at each width of :data:`WIDTHS`, the images'
  alt text, and every element of the content that CSS lets scroll is a marked scroll box
  (hooks/scroll_boxes.py) or holds something focusable;
- tests/test_browser.py::test_phone_width_has_no_horizontal_overflow — the page's width at
  each window width, the math still drawn at its size in the narrowest, and there no block
  of the content holding something wider than itself (:data:`WIDE_BLOCKS`).

The visit waits for events, never for a fixed time: the load event; each lazily loaded image's
load or error; after each resize, the end of every transition it started and two animation
frames (what a ResizeObserver does happens by then); and the end of every request the page
started (:meth:`mlp_devtools.browser.Watcher.settle`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from mlp_devtools.browser import Watcher

#: Window widths at which axe-core checks each page: a phone, a tablet, a desktop.  What fits
#: depends on the fonts installed: a table that fits at 1280 px in one font overflows in
#: another, so the narrow widths make every box that can scroll scroll here.
WIDTHS = (1280, 768, 320)
HEIGHT = 900

TEXT_OUTSIDE_CODE = """() => {
    const root = (document.querySelector("article") || document.body).cloneNode(true);
    root.querySelectorAll("pre, code, script, style, mjx-container, .highlight")
        .forEach(e => e.remove());
    return root.textContent;
}"""

MATH_PROBLEMS = """() => {
    const problems = [];
    if (window.MathJax !== undefined) problems.push("MathJax JavaScript ran in the page");
    // every formula arithmatex marked holds MathJax's output
    for (const e of document.querySelectorAll(".arithmatex"))
        if (!e.querySelector(":scope > mjx-container > svg"))
            problems.push(`not typeset: ${e.textContent.slice(0, 80)}`);
    // what is seen: each shown formula has a size; each glyph it uses is defined on the page
    for (const svg of document.querySelectorAll("mjx-container > svg")) {
        const box = svg.getBoundingClientRect();
        const shown = svg.parentElement.getClientRects().length > 0;
        if (shown && (box.width < 2 || box.height < 2))
            problems.push(`formula drawn ${box.width}x${box.height} px: ${svg.parentElement.textContent.slice(0, 80)}`);
        for (const use of svg.querySelectorAll("use")) {
            const id = (use.getAttribute("xlink:href") || use.getAttribute("href") || "").slice(1);
            if (!document.getElementById(id)) problems.push(`glyph #${id} not on the page`);
        }
    }
    // what is read: each formula has its MathML
    for (const c of document.querySelectorAll("mjx-container"))
        if (!c.querySelector("mjx-assistive-mml > math")) problems.push("formula without MathML");
    // notebook Markdown cells: no $...$ left outside code
    for (const cell of document.querySelectorAll(".jp-RenderedMarkdown")) {
        const copy = cell.cloneNode(true);
        copy.querySelectorAll("pre, code, mjx-container").forEach(e => e.remove());
        const raw = copy.textContent.match(/[$][^$]+[$]/);
        if (raw) problems.push(`untypeset notebook math: ${raw[0].slice(0, 80)}`);
    }
    return [...new Set(problems)];
}"""

#: Scrolls down the page 1800 px at a time (Chromium fetches a lazy image once it is about
#: 1250 px or less from the screen), two frames apart, as a reader's scrolling would: the
#: figures after a page's first load lazily (hooks/images.py).  Resolves once every image
#: has loaded or failed.
BRING_IN_IMAGES = """async () => {
    const frame = () => new Promise(done => requestAnimationFrame(done));
    for (let y = 0; y < document.documentElement.scrollHeight; y += 1800) {
        scrollTo(0, y);
        await frame();
        await frame();
    }
    scrollTo(0, 0);
    await Promise.all([...document.images].filter(i => !i.complete).map(i =>
        new Promise(done => { i.addEventListener("load", done); i.addEventListener("error", done); })));
}"""

BAD_IMAGES = """() => [...document.images]
    .filter(i => !(i.complete && i.naturalWidth > 0) || !(i.alt || "").trim())
    .map(i => `${i.getAttribute("src")} complete=${i.complete} width=${i.naturalWidth} alt=${JSON.stringify(i.alt)}`)"""

IMAGES = """() => [...document.querySelectorAll("article img, .md-content img")]
    .map(i => ({src: (i.getAttribute("src") || "").slice(0, 80), alt: i.getAttribute("alt")}))"""

#: Resolves after two animation frames: what the page's scripts do in response to a load or a
#: resize (ResizeObserver callbacks, Material's set-up of a code block) is done by then.
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

#: Resolves once the page is still after a resize: two frames, every running CSS transition
#: and animation that has an end finished, two frames more (a resize across Material's
#: breakpoints slides its navigation drawer: read halfway, its text is drawn in passing
#: colours).  Each animation's playState is watched frame by frame rather than its ``finished``
#: promise awaited: Chromium never resolves the promise of a colour transition in a block that
#: docs/stylesheets/perf.css's content-visibility skips, though its playState turns "finished"
#: on time (seen after a switch to the dark scheme: tests/test_explorables_browser.py).
SETTLED = """async () => {
    const frame = () => new Promise(done => requestAnimationFrame(done));
    await frame(); await frame();
    const ending = document.getAnimations()
        .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
    while (ending.some(a => a.playState === "running")) await frame();
    await frame(); await frame();
}"""

#: axe-core from npm (package.json; ``npm ci`` puts it in node_modules/).
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "best-practice"]
#: axe rules switched off, each with the reason it is outside this repository's control.
#: (Empty: every serious or critical finding so far has been fixable here.)
EXCLUDED_RULES: dict[str, str] = {}

RUN_AXE = """async ([tags, excluded]) => {
    const rules = Object.fromEntries(excluded.map(id => [id, {enabled: false}]));
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, rules,
                                            resultTypes: ["violations"]});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary
                                        .replace(/\\s+/g, " ").slice(0, 200)),
        count: v.nodes.length,
    }));
}"""

#: Elements of the page's content that CSS lets scroll (overflow auto or scroll), shown, that
#: are neither a marked scroll box (hooks/scroll_boxes.py; Material's code blocks, pre > code)
#: nor hold something the keyboard can focus.  Decided by CSS, not by whether the element
#: overflows in this window with these fonts: such an element would scroll for some reader.
UNCOVERED_SCROLLERS = """() => {
    const focusable = "a[href], button, input, select, textarea, [tabindex]";
    return [...document.querySelectorAll(".md-content *")].filter(e => {
        const s = getComputedStyle(e);
        if (!/auto|scroll/.test(s.overflowX + " " + s.overflowY)) return false;
        if (s.display === "none" || s.display.startsWith("table") || s.display.startsWith("inline")
            && s.display !== "inline-block") return false;
        if (e.matches("[data-scroll-box], pre > code")) return false;
        return !e.matches(focusable) && !e.querySelector(focusable);
    }).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === "string"
                                            ? "." + e.className.trim().split(/\\s+/).join(".") : ""));
}"""


#: The blocks of the content (paragraphs, list items, ...) holding a line wider than the block,
#: each as {block, width, box, text}: a CSS path from the article, the width of the block's
#: lines and of the block (its padding box), and its first words.  Such a line is cut off, with
#: no way to scroll to it, where the block contains its paint: docs/stylesheets/perf.css gives
#: most blocks ``content-visibility: auto``, which does.  Read with every block made visible
#: (a skipped block has no layout to measure), so it changes the page's styles while it runs:
#: read it last.  Closed <details> (an exercise's answer) are opened while it runs.  Every
#: block inside a block is a block too (list items, an admonition's paragraphs, ...): the
#: innermost wide one is reported, the one whose own line is too long.
#: A line's width is that of its text and inline boxes (an inline formula, code), not of what
#: is out of the flow: a formula's hidden MathML for screen readers, drawn in no width, may be
#: wider than the formula.  Scrolling boxes (display formulas, code blocks, tables) are not
#: measured: what is wider than them scrolls.
WIDE_BLOCKS = """() => {
    const style = document.createElement("style");
    style.textContent = ".md-typeset * { content-visibility: visible !important; }";
    document.head.append(style);
    const closed = [...document.querySelectorAll(".md-content details:not([open])")];
    closed.forEach(d => { d.open = true; });   // the answers of exercises, ...
    const found = [];
    const range = document.createRange();
    const lineEnd = block => {   // the right end of the block's own lines
        let end = -Infinity;
        for (const node of block.childNodes) {
            let rects = [];
            if (node.nodeType === Node.TEXT_NODE) {
                range.selectNodeContents(node);
                rects = range.getClientRects();
            } else if (node.nodeType === Node.ELEMENT_NODE
                       && getComputedStyle(node).display.startsWith("inline")) {
                rects = node.getClientRects();
            }
            for (const r of rects) if (r.width > 0) end = Math.max(end, r.right);
        }
        return end;
    };
    const visit = (block, path) => {
        const s = getComputedStyle(block);
        if (s.display === "none" || s.display.startsWith("inline") || s.display.startsWith("table")
            || /auto|scroll/.test(s.overflowX)) return;
        if (block.scrollWidth <= block.clientWidth + 1) return;   // nothing in it is wider
        [...block.children].forEach((child, i) =>
            visit(child, `${path} > ${child.tagName.toLowerCase()}:nth-child(${i + 1})`));
        const left = block.getBoundingClientRect().left + block.clientLeft;
        const width = Math.ceil(lineEnd(block) - left);
        if (width > block.clientWidth + 1)
            found.push({block: path, width, box: block.clientWidth,
                        text: block.textContent.trim().replace(/\\s+/g, " ").slice(0, 60)});
    };
    const article = document.querySelector(".md-content .md-typeset");
    if (article) [...article.children].forEach((block, i) =>
        visit(block, `${block.tagName.toLowerCase()}:nth-child(${i + 1})`));
    closed.forEach(d => { d.open = false; });
    style.remove();
    return found;
}"""


@dataclass
class Visit:
    """What one page showed on its visit (``path`` from the site root, e.g. ``en/loss/``)."""

    path: str
    title: str = ""
    problems: list[str] = field(default_factory=list)    # Watcher: errors, failed/outside requests
    math: list[str] = field(default_factory=list)        # MATH_PROBLEMS and raw TeX in the text
    bad_images: list[str] = field(default_factory=list)  # not loaded, or without alt
    images: list[dict] = field(default_factory=list)     # src and alt of the content's images
    requested: list[str] = field(default_factory=list)   # own-origin URL paths fetched
    violations: dict[int, list[dict]] = field(default_factory=dict)  # width -> axe's
    uncovered: dict[int, list[str]] = field(default_factory=dict)    # width -> UNCOVERED_SCROLLERS
    page_width: dict[int, int] = field(default_factory=dict)  # window width -> document's scrollWidth
    narrow_math: list[str] = field(default_factory=list)  # math_problems at the narrowest width
    wide_blocks: list[dict] = field(default_factory=list)  # WIDE_BLOCKS at the narrowest width

    def fetched_bytes(self, site: Path) -> dict[str, int]:
        """URL path → size of the site's file served for it (the site is static)."""
        sizes = {}
        for url_path in self.requested:
            file = site / unquote(url_path).lstrip("/")
            if file.is_dir():
                file = file / "index.html"
            sizes[url_path] = file.stat().st_size if file.is_file() else 0
        return sizes


def math_problems(page) -> list[str]:
    """Math typeset: no raw TeX delimiters in the text, every formula an SVG of visible size
    with its glyphs and its MathML (see MATH_PROBLEMS)."""
    text = page.evaluate(TEXT_OUTSIDE_CODE)
    raw = [f"untypeset math ({d!r}) in the text" for d in ("\\(", "\\[", "$$") if d in text]
    return raw + page.evaluate(MATH_PROBLEMS)


def visit_page(browser, base_url: str, path: str) -> Visit:
    """Load ``path`` once, in a fresh context, and read everything :class:`Visit` holds."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT})
    page = context.new_page()
    watcher = Watcher(page, base_url)
    seen = Visit(path)
    try:
        page.goto(base_url + path, wait_until="load")
        seen.title = page.title().strip()
        seen.math = math_problems(page)
        page.evaluate(BRING_IN_IMAGES)
        seen.bad_images = page.evaluate(BAD_IMAGES)
        seen.images = page.evaluate(IMAGES)  # before axe adds anything to the page
        watcher.settle(page)
        seen.problems = list(watcher.problems)
        seen.requested = sorted(watcher.requested)
        page.add_script_tag(path=str(AXE))
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            page.evaluate(SETTLED)
            seen.violations[width] = page.evaluate(RUN_AXE, [AXE_TAGS, list(EXCLUDED_RULES)])
            seen.uncovered[width] = page.evaluate(UNCOVERED_SCROLLERS)
            seen.page_width[width] = page.evaluate("document.documentElement.scrollWidth")
        seen.narrow_math = math_problems(page)  # formulas keep their size in a narrow column
        seen.wide_blocks = page.evaluate(WIDE_BLOCKS)  # last: it restyles the page while it runs
    finally:
        context.close()
    return seen


"""HTML pass (page_html.py): every box on a page that can scroll sideways can be reached and
scrolled by keyboard, and has a name — whatever the reader's fonts, zoom and window width.

A box whose content is wider than the column scrolls (CSS ``overflow: auto``): a table, a
display formula, a code block, a notebook cell or output.  A keyboard user can scroll it only
if it can take focus (axe rule ``scrollable-region-focusable``, WCAG 2.1.1).  Whether a box
overflows depends on the reader's fonts, zoom and window, so no build can know which ones do:
every such box is marked here, and the page keeps the marks true as it is resized.

- At build time (this hook) each box of a kind in :data:`KINDS` gets ``tabindex="0"``,
  ``role="group"`` and a name, numbered per kind on the page ("표 2", "Formula 3"), and
  ``data-scroll-box``: without JavaScript every box is reachable.
- In the page, ``docs/javascripts/scroll_boxes.js`` keeps ``tabindex`` on a marked box only
  while its content is wider (or taller) than the box, watching each box and its content with
  a ``ResizeObserver`` (window width, zoom, fonts): a box that does not scroll is not a tab
  stop.  Material's script also sets or removes a code block's ``tabindex`` once, when it
  sets the block up (and then not again when the window is resized: seen at 1280 → 320 px);
  the script puts back what is right whenever anything else changes it.

tests/test_scroll_boxes.py checks the marks; the axe gate (tests/test_gate_a11y.py), run at
320, 768 and 1280 px, that no box that scrolls is out of the keyboard's reach, and that every
element of a page's content that CSS lets scroll is one of these kinds.
"""

from __future__ import annotations

import html
import re

#: Kind → (a pattern whose group ``tag`` is such a box's start tag up to, not including, its
#: closing ``>``; the box's name in each edition).
KINDS: dict[str, tuple[re.Pattern, dict[str, str]]] = {
    # hooks/tables.py's box around each table (Material's .md-typeset__scrollwrap)
    "table": (re.compile(r'(?P<tag><div class="md-typeset__scrollwrap")'), {"ko": "표", "en": "Table"}),
    # a display formula (pymdownx.arithmatex, generic): inline ones are <span>s
    "formula": (re.compile(r'(?P<tag><div class="arithmatex")'), {"ko": "수식", "en": "Formula"}),
    # a Markdown code block (pymdownx.highlight): its <code>
    "code": (re.compile(r'<div class="(?:[^"]* )?highlight(?: [^"]*)?"[^>]*>'
                        r'(?:<span class="filename">[^<]*</span>)?<pre[^>]*>(?:<span></span>)?'
                        r'(?P<tag><code[^>]*)'),
             {"ko": "코드", "en": "Code"}),
    # a notebook code cell's source (mkdocs-jupyter)
    "cell": (re.compile(r'(?P<tag><div class="highlight-ipynb[^"]*"[^>]*)'), {"ko": "코드", "en": "Code"}),
    # what a notebook cell printed (nbconvert): the <pre> in jp-RenderedText
    "output": (re.compile(r'<div class="jp-RenderedText[^>]*>\s*(?P<tag><pre[^>]*)'),
               {"ko": "출력", "en": "Output"}),
    # a figure too wide for a phone, marked ``{ .wide-figure }`` on the page: on a narrow screen it
    # keeps a readable size and its paragraph scrolls (docs/stylesheets/explorables.css)
    "figure": (re.compile(r'(?P<tag><p)(?=>\s*<img[^>]*\bclass="[^"]*\bwide-figure\b)'),
               {"ko": "그림", "en": "Figure"}),
}

_ATTRIBUTE = re.compile(r'\s(?:tabindex|role|aria-label|data-scroll-box)(?:="[^"]*")?')


def mark(page_html: str, edition: str = "ko") -> str:
    r"""``page_html`` with every scroll box marked: ``tabindex="0"``, ``role="group"``, a name
    numbered per name in the edition's language, and ``data-scroll-box``.  Attributes a box
    had for the same purpose are replaced.

    >>> print(mark('<div class="arithmatex">x</div><div class="md-typeset__scrollwrap">'
    ...            '<div class="md-typeset__table"><table></table></div></div>'
    ...            '<div class="arithmatex">y</div>'))
    <div class="arithmatex" tabindex="0" role="group" aria-label="수식 1" data-scroll-box>x</div><div class="md-typeset__scrollwrap" tabindex="0" role="group" aria-label="표 1" data-scroll-box><div class="md-typeset__table"><table></table></div></div><div class="arithmatex" tabindex="0" role="group" aria-label="수식 2" data-scroll-box>y</div>
    >>> print(mark('<div class="highlight"><pre><span></span><code tabindex="0">a = 1</code></pre></div>', "en"))
    <div class="highlight"><pre><span></span><code tabindex="0" role="group" aria-label="Code 1" data-scroll-box>a = 1</code></pre></div>
    >>> print(mark('<div class="jp-RenderedText jp-OutputArea-output" tabindex="0">\n<pre>42</pre></div>', "en"))
    <div class="jp-RenderedText jp-OutputArea-output" tabindex="0">
    <pre tabindex="0" role="group" aria-label="Output 1" data-scroll-box>42</pre></div>
    >>> print(mark('<p><img alt="graph" class="wide-figure" src="g.svg" /></p><p><img alt="x" src="x.svg" /></p>'))
    <p tabindex="0" role="group" aria-label="그림 1" data-scroll-box><img alt="graph" class="wide-figure" src="g.svg" /></p><p><img alt="x" src="x.svg" /></p>
    """
    counts: dict[str, int] = {}
    for kind, (pattern, names) in KINDS.items():
        name = names.get(edition, names["en"])

        def replace(match: re.Match, kind=kind, name=name) -> str:
            counts[name] = counts.get(name, 0) + 1
            tag = _ATTRIBUTE.sub("", match.group("tag"))
            marked = (f'{tag} tabindex="0" role="group" '
                      f'aria-label="{html.escape(name)} {counts[name]}" data-scroll-box')
            start = match.start("tag") - match.start()
            return match.group(0)[:start] + marked
        page_html = pattern.sub(replace, page_html)
    return page_html


def on_page_content(html_content, page, config, files):
    return mark(html_content, config.extra.get("edition", "ko"))

"""HTML pass (page_html.py): the last blocks of each page are marked ``data-page-end``, so that
docs/stylesheets/perf.css can leave them out of the blocks the browser skips while off screen.

Why they are left out: axe-core (in Lighthouse and tests/test_gate_a11y.py) reads the colours
of a skipped block's text off whatever is drawn where that text would be, and below the last
blocks is the dark footer.  Why a mark and not a selector: ``:nth-last-child(n+4)`` said the
same in perf.css, but a rule that counts siblings from the end makes the browser restyle every
block of the article once the parser has read its last one (it cannot know the count before),
inside the first script's task.  Cold phone-sized loads in Chromium (median of 5, same run),
/backprop/: style 179 → 115 ms, layout 138 → 91 ms with this hook instead of that selector; in
Lighthouse every lesson page then scored 92–100 (benchmarks/bench_lighthouse.py).

tests/test_page_end_hook.py checks this hook and the built pages; tests/test_perf_css.py that
the marked blocks are not skipped in Chromium.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: How many of a page's last top-level blocks are marked.
LAST = 3
MARK = " data-page-end"
TAG_NAME = re.compile(r"<[\w:-]+")
#: Elements without an end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _TopLevel(HTMLParser):
    """Finds where each top-level element's start tag begins: ``starts``, (line, column)."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.starts: list[tuple[int, int]] = []

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.starts.append(self.getpos())
        if tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            self.starts.append(self.getpos())

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.depth -= 1


def top_level_starts(page_html: str) -> list[int]:
    """Offsets in ``page_html`` of its top-level elements' start tags.

    >>> top_level_starts('<p>a <b>b</b></p>\\n<hr>\\n<div><p>c</p></div>')
    [0, 18, 23]
    """
    parser = _TopLevel()
    parser.feed(page_html)
    parser.close()
    # getpos() counts lines at "\n" only (str.splitlines would also split at \r, \x0c, ...)
    line_starts = [0]
    for line in page_html.split("\n"):
        line_starts.append(line_starts[-1] + len(line) + 1)
    return [line_starts[line - 1] + column for line, column in parser.starts]


def mark_page_end(page_html: str, last: int = LAST) -> str:
    """``page_html`` with :data:`MARK` in the start tags of its ``last`` top-level elements.

    >>> mark_page_end('<h1 id="t">T</h1><p>a</p><p>b</p><div class="x"><p>c</p></div>', last=2)
    '<h1 id="t">T</h1><p>a</p><p data-page-end>b</p><div data-page-end class="x"><p>c</p></div>'
    """
    out = page_html
    for start in reversed(top_level_starts(page_html)[-last:]):
        name_end = TAG_NAME.match(out, start).end()
        out = out[:name_end] + MARK + out[name_end:]
    return out


def on_page_content(html_text, page, config, files):
    if not page.file.src_uri.endswith(".md"):  # notebook pages: perf.css skips none of theirs
        return html_text
    return mark_page_end(html_text)

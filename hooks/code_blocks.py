"""MkDocs hook: a code block with long lines can be reached by keyboard before Material's
script has set it up.

Material's script gives a code block ``tabindex="0"`` when its lines are wider than the
column (on a device with a pointer that hovers), so that a keyboard can scroll it (axe rule
``scrollable-region-focusable``).  With ``content.lazy`` (mkdocs.yml) the script sets a block
up only when the block comes into view, which shortens the first load of a lesson page a
lot (benchmarks/bench_lighthouse.py): a wide block further down would not be reachable with
Tab until the reader had scrolled to it.  So each block whose longest line is wider than
:data:`COLUMNS` gets ``tabindex="0"`` here; when Material sets the block up it keeps the
attribute if the block does scroll and removes it if it does not (or on a touch screen), as
it does for every block.  A Hangul syllable (or any wide character) counts as two columns.

The Markdown pages' code blocks only (``div.highlight``); notebook cells have theirs from
hooks/notebook_a11y.py.  tests/test_code_blocks_hook.py checks this hook; the axe gate
(tests/test_gate_a11y.py) that no wide block is out of the keyboard's reach.
"""

from __future__ import annotations

import html
import re
import unicodedata

#: Columns that fit the text column with room to spare: at 1280 px wide with both sidebars
#: a code block shows about 79; narrower windows show fewer.
COLUMNS = 60

BLOCK = re.compile(r'(<div class="highlight"><pre[^>]*>(?:<span></span>)?<code)(>)(.*?)(</code>)',
                   re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def width(line: str) -> int:
    """Columns ``line`` takes in a monospace font: wide (East Asian) characters count two.

    >>> width("x = 1"), width("# 가중치")
    (5, 8)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def longest_line(code_html: str) -> int:
    """The width of the longest line of a highlighted block's ``<code>`` content.

    >>> longest_line('<span class="n">a</span> <span class="o">=</span> 1\\n&gt;&gt;&gt; bb')
    6
    """
    return max(width(line) for line in html.unescape(TAG.sub("", code_html)).split("\n"))


def mark_wide_blocks(page_html: str) -> str:
    """``page_html`` with ``tabindex="0"`` on each code block wider than :data:`COLUMNS`.

    >>> mark_wide_blocks('<div class="highlight"><pre><span></span><code>' + 'x' * 61 + '</code></pre></div>')
    '<div class="highlight"><pre><span></span><code tabindex="0">xxx...x</code></pre></div>'
    >>> mark_wide_blocks('<div class="highlight"><pre><span></span><code>short</code></pre></div>')
    '<div class="highlight"><pre><span></span><code>short</code></pre></div>'
    """
    def mark(m: re.Match) -> str:
        if longest_line(m.group(3)) <= COLUMNS:
            return m.group(0)
        return m.group(1) + ' tabindex="0"' + m.group(2) + m.group(3) + m.group(4)
    return BLOCK.sub(mark, page_html)


def on_page_content(html_text, page, config, files):
    return mark_wide_blocks(html_text)

"""HTML pass (page_html.py): figures below the first one load when the reader scrolls near them.

A lesson page shows ten or more figures (SVG files drawn at build time).  Without
``loading="lazy"`` a phone downloads all of them while the page loads, on the same
connection as the page's own stylesheets and scripts, and decodes each (an SVG image is
parsed on the page's main thread).  The browser fetches a lazy image once it comes near the
screen (well before it is in view).  The first image of each page stays eager: it may be
the largest thing on the first screen, which Lighthouse wants loaded at once
(benchmarks/bench_lighthouse.py: audit ``lcp-lazy-loaded``).  Images that carry their own
bytes (``data:`` URIs, notebook plots) are left alone: there is nothing to fetch.

Measured (benchmarks/bench_lighthouse.py --workarounds, 2026-12-06, median of 3 loads): with
every image eager, the Korean pages' main-thread work was 2.5x (score 0.78x); the English
pages' did not change (1.05x).  tests/test_images_hook.py checks the hook.
"""

from __future__ import annotations

import re

IMG = re.compile(r"<img\b(?![^>]*\bloading=)(?![^>]*\bsrc=\"data:)([^>]*)>")


def lazy_images(page_html: str) -> str:
    """``page_html`` with ``loading="lazy"`` on each fetched image but the first.

    >>> lazy_images('<img alt="a" src="a.svg" /><p>x</p><img alt="b" src="b.svg" />')
    '<img alt="a" src="a.svg" /><p>x</p><img loading="lazy" alt="b" src="b.svg" />'
    """
    seen = 0

    def mark(m: re.Match) -> str:
        nonlocal seen
        seen += 1
        return m.group(0) if seen == 1 else f'<img loading="lazy"{m.group(1)}>'
    return IMG.sub(mark, page_html)


def on_page_content(html, page, config, files):
    return lazy_images(html)

"""MkDocs hook: each table Material's script will wrap gets a plain ``<div>`` around it first.

Material's script puts every ``table:not([class])`` of a page into its scrolling box
(``div.md-typeset__scrollwrap > div.md-typeset__table``) while the page starts, by taking
the table out of its parent and putting the box in its place.  When that parent is the
article itself, the browser restyles everything in the article: Material's styles (and
docs/stylesheets/perf.css) select the article's children by position (``:first-child``,
``:nth-child``...), and a child that comes and goes can change every position.  On a lesson
page that was thousands of elements, inside the page's first long task
(benchmarks/bench_lighthouse.py).  Inside this ``<div>`` the table has no siblings, so the
swap restyles only the table.  The ``<div>`` has no class and no style: Material's box is
laid out as before (its margins collapse through the ``<div>``).

Tables with a class (notebook outputs, e.g. pandas' ``dataframe``) are left alone, as
Material leaves them.  tests/test_tables_hook.py checks the hook; tests/test_browser.py that
Material still builds its box around each table.
"""

from __future__ import annotations

import re

#: A table without a class attribute, as Material's script selects them; tables are not
#: nested in this site's pages.
TABLE = re.compile(r"<table(?![^>]*\bclass=)(?:\s[^>]*)?>.*?</table>", re.DOTALL)


def wrap_tables(html: str) -> str:
    """``html`` with each table that has no class inside a ``<div>`` of its own.

    >>> wrap_tables('<p>x</p><table><tr><td>1</td></tr></table>')
    '<p>x</p><div><table><tr><td>1</td></tr></table></div>'
    >>> wrap_tables('<table class="dataframe"><tr><td>1</td></tr></table>')
    '<table class="dataframe"><tr><td>1</td></tr></table>'
    """
    return TABLE.sub(lambda m: f"<div>{m.group(0)}</div>", html)


def on_page_content(html, page, config, files):
    return wrap_tables(html)

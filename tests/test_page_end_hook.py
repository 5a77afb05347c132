"""hooks/page_end.py: each lesson page's last blocks are marked data-page-end, and perf.css
leaves them out of the blocks it skips without counting siblings from the end."""

from __future__ import annotations

import doctest
import re

from conftest import ROOT, hook

page_end = hook("page_end")

PERF_CSS = ROOT / "docs" / "stylesheets" / "perf.css"


def test_docstring_examples():
    failed, tried = doctest.testmod(page_end)
    assert tried > 0 and failed == 0


def test_only_top_level_elements_are_counted_and_marked():
    nested = '<div class="admonition"><p>a</p><p>b</p><p>c</p><p>d</p></div>'
    page = '<h2 id="x">X</h2>\n<p>one<br>two</p>\n<hr />\n' + nested + '\n<p class="y">last</p>\n'
    out = page_end.mark_page_end(page)
    assert out.count(page_end.MARK) == 3
    assert '<hr data-page-end />' in out and '<div data-page-end class="admonition">' in out
    assert '<p data-page-end class="y">' in out and '<h2 id="x">' in out
    assert out.replace(page_end.MARK, "") == page
    assert page_end.mark_page_end("<p>only</p>") == "<p data-page-end>only</p>"


def test_built_lesson_pages_mark_their_last_three_blocks(site):
    """The marks are on the article's last three blocks as built: no later hook (tables,
    figures, ...) wraps or adds a block after them."""
    pages = [p for p in sorted(site.glob("*/index.html")) if "notebooks" not in p.parts]
    assert len(pages) >= 10
    for path in pages:
        text = path.read_text(encoding="utf-8")
        start = text.index('<article class="md-content__inner md-typeset">')
        article = text[text.index(">", start) + 1:text.index("</article>", start)]
        assert article.count(page_end.MARK) == 3, path.relative_to(site)
        for offset in page_end.top_level_starts(article)[-3:]:
            assert re.match(r"<[a-z0-9]+ data-page-end", article[offset:]), \
                f"{path.relative_to(site)}: {article[offset:offset + 80]}"


def test_perf_css_counts_no_siblings_from_the_end():
    """:nth-last-child and its kind make Chromium restyle every block of the article once its
    last one is parsed (hooks/page_end.py); :last-child alone restyles only the last one, but
    none is needed here either."""
    rules = re.sub(r"/\*.*?\*/", "", PERF_CSS.read_text(encoding="utf-8"), flags=re.S)
    assert "data-page-end" in rules
    found = re.findall(r":(?:nth-last-child|nth-last-of-type|last-child|last-of-type|only-child)", rules)
    assert not found, found

"""hooks/code_blocks.py: wide code blocks get tabindex="0" before Material sets them up."""

from __future__ import annotations

import doctest
import re

from conftest import hook

code_blocks = hook("code_blocks")

BLOCK = '<div class="highlight"><pre><span></span><code>{}</code></pre></div>'


def test_docstring_examples():
    failed, tried = doctest.testmod(code_blocks, optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failed == 0


def test_only_blocks_wider_than_the_column_are_marked():
    limit = code_blocks.COLUMNS
    narrow = BLOCK.format("<span>a</span>\n" + "b" * limit)
    wide = BLOCK.format("<span>a</span>\n" + "&lt;" * (limit + 1))  # entities count once
    hangul = BLOCK.format("가" * (limit // 2 + 1))  # wide characters count two
    notebook = '<div class="highlight-ipynb"><pre><span></span><code>' + "x" * 99 + "</code></pre></div>"
    out = code_blocks.mark_wide_blocks(narrow + wide + hangul + notebook)
    assert out.count('tabindex="0"') == 2
    assert code_blocks.mark_wide_blocks(narrow) == narrow
    assert code_blocks.mark_wide_blocks(notebook) == notebook


def test_built_pages_mark_their_wide_blocks(site):
    marked = 0
    for html in sorted(site.rglob("*.html")):
        text = html.read_text(encoding="utf-8")
        for m in re.finditer(r'<div class="highlight"><pre[^>]*>(?:<span></span>)?<code([^>]*)>(.*?)</code>', text, re.S):
            wide = code_blocks.longest_line(m.group(2)) > code_blocks.COLUMNS
            assert wide == ('tabindex="0"' in m.group(1)), f"{html.relative_to(site)}: {m.group(2)[:80]}"
            marked += wide
    assert marked > 0

"""hooks/tables.py: tables in Material's scrolling box at build time, with Material's table
styles restated for their class."""

from __future__ import annotations

import doctest
import re

from conftest import hook

tables = hook("tables")

BOX = ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
       '<table class="lesson-table"{}>{}</table></div></div>')


def test_docstring_examples():
    failed, tried = doctest.testmod(tables, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried > 0 and failed == 0


def test_each_table_without_a_class_is_boxed_once():
    page = ("<h2>a</h2><table>\n<thead><tr><th>x</th></tr></thead>\n</table>"
            "<p>between</p><table style=\"width:1px\"><tr><td>y</td></tr></table>"
            "<table class=\"dataframe\"><tr><td>z</td></tr></table>")
    out = tables.boxed(page)
    assert out == ("<h2>a</h2>" + BOX.format("", "\n<thead><tr><th>x</th></tr></thead>\n")
                   + "<p>between</p>" + BOX.format(' style="width:1px"', "<tr><td>y</td></tr>")
                   + '<table class="dataframe"><tr><td>z</td></tr></table>')
    assert tables.boxed(out) == out  # a boxed table has a class: never boxed twice


def test_every_material_table_rule_is_restated():
    css = tables.material_stylesheet()
    restated = tables.restated(css)
    # each selector of Material's naming table:not([class]) appears once, for our class
    originals = [s.strip() for head in re.findall(r"([^{}]+)\{[^{}]*\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S))
                 for s in tables._split(head) if tables.MATERIAL in s]
    ours = [s.strip() for head in re.findall(r"([^{}]+)\{[^{}]*\}", restated) for s in tables._split(head)]
    assert len(originals) >= 10
    assert sorted(s.replace(tables.MATERIAL, "table.lesson-table") for s in originals) == sorted(ours)
    assert tables.MATERIAL not in restated
    assert "@media print{" in restated  # at-rules kept around their rules


def test_built_site(site):
    boxed = 0
    for html in sorted(site.rglob("*.html")):
        text = html.read_text(encoding="utf-8")
        assert not re.search(r"<table(?![^>]*\bclass=)", text), f"{html.relative_to(site)}: a table Material would re-box"
        for m in re.finditer(r'<table class="lesson-table"', text):
            # (a page's last blocks carry hooks/page_end.py's mark: data-page-end; every box
            # hooks/scroll_boxes.py's: tabindex, role, name, data-scroll-box)
            assert re.search(r'<div(?: data-page-end)? class="md-typeset__scrollwrap"[^>]*>'
                             r'<div class="md-typeset__table">$', text[:m.start()]), html
            boxed += 1
        if boxed and "lesson-table" in text:
            assert "assets/stylesheets/lesson-tables.css" in text, html
    assert boxed > 5
    for css in (site / "assets/stylesheets/lesson-tables.css", site / "en/assets/stylesheets/lesson-tables.css"):
        assert ".md-typeset table.lesson-table td{" in css.read_text(encoding="utf-8")

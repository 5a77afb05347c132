"""hooks/tables.py: each table Material's script wraps gets a plain <div> of its own first."""

from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("tables_hook", ROOT / "hooks" / "tables.py")
tables = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tables)


def test_docstring_examples():
    failed, tried = doctest.testmod(tables, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried > 0 and failed == 0


def test_each_table_without_a_class_is_wrapped_once():
    page = ("<h2>a</h2><table>\n<thead><tr><th>x</th></tr></thead>\n</table>"
            "<p>between</p><table style=\"width:1px\"><tr><td>y</td></tr></table>"
            "<table class=\"dataframe\"><tr><td>z</td></tr></table>")
    out = tables.wrap_tables(page)
    assert out.count("<div><table") == 2
    assert "<div><table class" not in out
    assert out.replace("<div>", "").replace("</div>", "") == page


def test_built_pages_have_no_table_outside_a_div(site):
    """In the built site no classless table is a direct child of the article (where
    Material's swap would restyle the whole article)."""
    import re
    bare = []
    for html in sorted(site.rglob("*.html")):
        text = html.read_text(encoding="utf-8")
        for m in re.finditer(r"<table(?![^>]*\bclass=)", text):
            if not text[:m.start()].endswith("<div>"):
                bare.append(f"{html.relative_to(site)} at {m.start()}")
    assert not bare, bare
    assert any("<div><table" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))

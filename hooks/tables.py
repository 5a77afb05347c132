"""HTML pass (page_html.py): each table gets Material's scrolling box at build time, not
from its script.

Material's script puts every ``table:not([class])`` of a page into a scrolling box
(``div.md-typeset__scrollwrap > div.md-typeset__table``) while the page starts, by taking
the table out of the page and putting the box in its place.  The browser then restyles the
table and everything in it; a lesson page's tables are full of formulas, so on /summary/
that was some 1500 elements, inside the page's first long task (benchmarks/bench_lighthouse.py).

Here each such table is written inside that same box, and gets the class ``lesson-table``
so that Material's script leaves it alone (it selects ``table:not([class])``).  Material's
styles select ``table:not([class])`` too: :func:`restated` copies each of those rules, from
the Material stylesheet the site ships, for ``table.lesson-table``, into a stylesheet this
hook adds to the site (``assets/stylesheets/lesson-tables.css``, linked from mkdocs.yml's
``extra_css``).  Same selectors otherwise, so the same specificity; the file comes after
Material's, so it wins where Material's own rule would have.

Tables that already have a class (notebook outputs, e.g. pandas' ``dataframe``) are left
alone, as Material leaves them.  tests/test_tables_hook.py checks the hook;
tests/test_browser.py that a table looks as Material would style it.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.structure.files import File

CLASS = "lesson-table"
STYLESHEET = "assets/stylesheets/lesson-tables.css"
MATERIAL = "table:not([class])"

#: A table without a class attribute, as Material's script selects them; tables are not
#: nested in this site's pages.
TABLE = re.compile(r"<table(?![^>]*\bclass=)((?:\s[^>]*)?)>(.*?</table>)", re.DOTALL)


def boxed(html: str) -> str:
    """``html`` with each table without a class in Material's scrolling box, with our class.

    >>> boxed('<p>x</p><table><tr><td>1</td></tr></table>')
    '<p>x</p><div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="lesson-table"><tr><td>1</td></tr></table></div></div>'
    >>> boxed('<table class="dataframe"><tr><td>1</td></tr></table>')
    '<table class="dataframe"><tr><td>1</td></tr></table>'
    """
    return TABLE.sub(lambda m: ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
                                f'<table class="{CLASS}"{m.group(1)}>{m.group(2)}</div></div>'), html)


#: The box scrolls, not the table.  Material gives a table ``overflow: auto`` with
#: ``max-width: 100%``; inside its box (an inline-block as wide as the table) that width is the
#: table's own, so the table never scrolls: the box does, and hooks/scroll_boxes.py makes the
#: box a keyboard stop.  Said here so that no element that cannot be reached by keyboard is
#: styled to scroll (tests/test_gate_a11y.py finds every such element).
BOX_SCROLLS = ("/* the box scrolls, not the table (hooks/tables.py: BOX_SCROLLS) */\n"
               ".md-typeset__scrollwrap > .md-typeset__table > table.lesson-table{overflow:visible}\n")


def _split(selectors: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside ``:is(...)``)."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(selectors):
        depth += (c == "(") - (c == ")")
        if c == "," and depth == 0:
            parts.append(selectors[start:i])
            start = i + 1
    return parts + [selectors[start:]]


def restated(css: str) -> str:
    """The rules of ``css`` whose selectors name ``table:not([class])``, restated for
    ``table.lesson-table`` (only those selectors of each list), inside the same at-rules.

    >>> restated('a{x:1}@media print{.t table:not([class]),b{y:2}}.t :is(p,table:not([class])) td{z:3}')
    '@media print{.t table.lesson-table{y:2}}\\n.t :is(p,table.lesson-table) td{z:3}'
    """
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    rules: list[str] = []

    def walk(text: str, at_rules: list[str]) -> None:
        i = 0
        while (open_ := text.find("{", i)) >= 0:
            depth, end = 1, open_ + 1
            while depth:
                depth += (text[end] == "{") - (text[end] == "}")
                end += 1
            head, body = text[i:open_].strip(), text[open_ + 1:end - 1]
            if head.startswith(("@media", "@supports")):
                walk(body, at_rules + [head])
            elif not head.startswith("@") and MATERIAL in head:
                selectors = ",".join(s.replace(MATERIAL, f"table.{CLASS}")
                                     for s in _split(head) if MATERIAL in s)
                rule = f"{selectors}{{{body}}}"
                for at_rule in reversed(at_rules):
                    rule = f"{at_rule}{{{rule}}}"
                rules.append(rule)
            i = end
    walk(css, [])
    return "\n".join(rules)


def material_stylesheet() -> str:
    """Material's main stylesheet, as the site ships it."""
    import material
    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    (path,) = folder.glob("main.*.min.css")
    return path.read_text(encoding="utf-8")


def on_files(files, config):
    css = restated(material_stylesheet())
    files.append(File.generated(config, STYLESHEET, content=(
        "/* Material's table styles for table.lesson-table (hooks/tables.py) */\n" + css + "\n"
        + BOX_SCROLLS)))
    return files


def on_page_content(html, page, config, files):
    return boxed(html)

"""The glossary pages equal mlp_lessons.glossary.TERMS, and the Korean pages use its terms.

- docs/glossary.md and docs_en/glossary.md hold a table written from TERMS:
  Korean | English | symbol | page (a link to the same file in each edition).  The
  tables are typed in the pages; this test keeps them from drifting from the data.
- The Korean pages' own prose (docs/*.md) never uses a term's ``variants_ko``.  Not
  prose: fenced code, inline code, blockquotes, text in quotes (“…”, "…", 「…」) and the
  body of ``!!! warning "원문 정정"`` boxes — they quote the chapter as printed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlp_lessons.glossary import TERMS

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_PAGES = {"ko": ROOT / "docs" / "glossary.md", "en": ROOT / "docs_en" / "glossary.md"}
LINK = re.compile(r"^\[[^\]]+\]\(([^)#]+)\)$")


def table_rows(path: Path) -> list[list[str]]:
    """Cells of the glossary table's body rows (the first table of the page)."""
    rows, in_table = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            in_table = True
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows.append(cells)
        elif in_table:
            break
    assert len(rows) > 2 and set("".join(rows[1])) <= set("-: "), f"{path}: no table"
    return rows[2:]


@pytest.mark.parametrize("edition", GLOSSARY_PAGES)
def test_glossary_table_equals_the_terms(edition):
    path = GLOSSARY_PAGES[edition]
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} is missing")
    got = []
    for cells in table_rows(path):
        assert len(cells) == 4, cells
        link = LINK.match(cells[3])
        assert link, f"page cell is not a link to a page: {cells[3]!r}"
        got.append((cells[0], cells[1], cells[2], link.group(1)))
    expected = [(t.ko, t.en, t.symbol, t.page) for t in TERMS]
    assert got == expected


def test_terms_are_well_formed():
    assert len({t.ko for t in TERMS}) == len(TERMS)
    assert len({t.en for t in TERMS}) == len(TERMS)
    for term in TERMS:
        assert (ROOT / "docs" / term.page).is_file(), term
        assert term.ko not in term.variants_ko, term
        assert not term.symbol or term.symbol.startswith(r"\(") and term.symbol.endswith(r"\)"), term


# --- the Korean pages use the terms --------------------------------------------------

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
CORRECTION = re.compile(r'^(\s*)[!?]{3}\+?\s+\w+\s+"원문 정정"')
QUOTED = re.compile(r"`[^`]*`|“[^”]*”|\"[^\"]*\"|「[^」]*」")


def prose_lines(text: str):
    """(line number, text) of the lines of a page that are its own prose, quotes removed."""
    fence = None            # (indent, marker) of the open code fence
    box_indent = None       # indentation of an open 원문 정정 box
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip())
        if fence is not None:
            if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
                fence = None
            continue
        if box_indent is not None:
            if not line.strip() or indent > box_indent:
                match = FENCE.match(line)
                if match:
                    fence = match.group(2)
                continue
            box_indent = None
        match = FENCE.match(line)
        if match:
            fence = match.group(2)
            continue
        match = CORRECTION.match(line)
        if match:
            box_indent = len(match.group(1))
            continue
        if line.lstrip().startswith(">"):
            continue
        yield number, QUOTED.sub(" ", line)


def test_prose_lines_skip_quotes_code_and_corrections():
    page = '\n'.join([
        "경사 하강법은", "```python", "# 경사하강법", "```", "`경사하강법`과 \"경사하강법\"",
        '!!! warning "원문 정정"', "    교재의 경사하강법", "", "    ```python", "    x", "    ```",
        "> 경사하강법", "다시 경사하강법"])
    lines = dict(prose_lines(page))
    assert [n for n, line in lines.items() if "경사하강법" in line] == [13]


def test_korean_pages_use_the_glossary_terms():
    found = []
    for path in sorted((ROOT / "docs").glob("*.md")):
        for number, line in prose_lines(path.read_text(encoding="utf-8")):
            for term in TERMS:
                for variant in term.variants_ko:
                    if variant in line:
                        found.append(f"docs/{path.name}:{number}: {variant!r} → {term.ko!r}")
    assert not found, "use the glossary's terms (mlp_lessons/glossary.py):\n" + "\n".join(found)

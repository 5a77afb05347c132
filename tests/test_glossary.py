"""The glossary pages equal mlp_lessons.glossary.TERMS, and both editions use one name per idea.

- docs/glossary.md and docs_en/glossary.md hold the table :func:`mlp_lessons.glossary.table`
  writes from TERMS (Korean | English | symbol | introducing page, linked under its title).
  The tables are typed in the pages; this test keeps them from drifting from the data.
- The one-name lint: the pages' own prose (docs/*.md and docs_en/*.md, and the Markdown
  cells of the notebooks) never uses a term's variants (``variants_ko`` / ``variants_en``),
  and uses the textbook's own label for an idea (``labels_ko`` / ``labels_en``, e.g.
  평균 제곱 오차 for the half sum of squares) only on a line that also names the term
  (a sentence that explains the mismatch).  Not prose: fenced code, inline code, link
  targets, heading ids (``{ #id }``), blockquotes, text in quotes (“…”, ‘…’, "…", 「…」; but an
  admonition's title, written in quotes, is prose) and the body of a correction
  box, ``!!! warning "교재 정정"`` / ``"Correction to the textbook"`` (or a title that
  goes on after a colon, ``"교재 정정: 조판 오류"``) — they quote the
  textbook as printed.  The old box titles ``"원문 정정"`` / ``"Correction to the original"``
  are still accepted while the pages are renamed (issue 17).
  A failure names each offending ``page:line``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mlp_lessons.glossary import TERMS, Term, table

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = {"ko": ROOT / "docs", "en": ROOT / "docs_en"}
GLOSSARY_PAGES = {lang: folder / "glossary.md" for lang, folder in EDITIONS.items()}


def page_table(path: Path) -> str:
    """The first Markdown table of a page, as text."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            rows.append(line.rstrip())
        elif rows:
            break
    return "\n".join(rows)


@pytest.mark.parametrize("edition", GLOSSARY_PAGES)
def test_glossary_table_equals_the_terms(edition):
    path = GLOSSARY_PAGES[edition]
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} is missing")
    got, expected = page_table(path).splitlines(), table(edition).splitlines()
    diff = [f"row {i}: page has {g!r}, TERMS give {e!r}"
            for i, (g, e) in enumerate(zip(got, expected)) if g != e]
    assert len(got) == len(expected) and not diff, (
        f"{path.relative_to(ROOT)}: the table is not mlp_lessons.glossary.table({edition!r}) "
        f"({len(got)} rows, expected {len(expected)}); paste it again:\n" + "\n".join(diff))


def test_terms_are_well_formed():
    assert len({t.ko for t in TERMS}) == len(TERMS)
    assert len({t.en for t in TERMS}) == len(TERMS)
    for term in TERMS:
        assert (ROOT / "docs" / term.page).is_file(), term
        for lang in EDITIONS:
            others = (*variants(term, lang), *labels(term, lang))
            assert not set(term.names(lang)) & set(others), term
        assert not term.symbol or term.symbol.startswith(r"\(") and term.symbol.endswith(r"\)"), term


# --- the one-name lint ---------------------------------------------------------------

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
CORRECTION_TITLES = ("교재 정정", "Correction to the textbook",
                     "원문 정정", "Correction to the original")   # the last two: transition
CORRECTION = re.compile(r'^(\s*)[!?]{3}\+?\s+\w+\s+"(?:' + "|".join(CORRECTION_TITLES) + ')[":]')
ADMONITION = re.compile(r'^\s*[!?]{3}\+?\s+\w+\s+"(.*)"\s*$')   # its title is prose, quotes and all
QUOTED = re.compile(r"`[^`]*`|“[^”]*”|‘[^’]*’|\"[^\"]*\"|「[^」]*」"   # code and quotes
                    r"|\]\([^)]*\)|\{\s*#[^}]*\}")                      # link targets, heading ids


def variants(term: Term, lang: str) -> tuple[str, ...]:
    """Spellings of another name for ``term`` that prose of edition ``lang`` must not use."""
    return term.variants_ko if lang == "ko" else _capitalised(term.variants_en)


def labels(term: Term, lang: str) -> tuple[str, ...]:
    """The textbook's names for ``term``: prose of ``lang`` may use them only beside the term."""
    return term.labels_ko if lang == "ko" else _capitalised(term.labels_en)


def _capitalised(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for word in words for w in (word, word[:1].upper() + word[1:])))


def prose_lines(text: str):
    """(line number, text) of the lines of a page that are its own prose, quotes removed."""
    fence = None            # (indent, marker) of the open code fence
    box_indent = None       # indentation of an open correction box
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
        title = ADMONITION.match(line)
        yield number, QUOTED.sub(" ", title.group(1) if title else line)


def misnamed(text: str, lang: str, where: str) -> list[str]:
    """``where:line: 'name' → 'term'`` for every name the prose of ``text`` must not use."""
    found = []
    for number, line in prose_lines(text):
        for term in TERMS:
            wrong = [v for v in variants(term, lang) if v in line]
            if not any(name in line for name in term.names(lang)):
                wrong += [v for v in labels(term, lang) if v in line]
            found += [f"{where}:{number}: {v!r} → {term.names(lang)[0]!r}" for v in wrong]
    return found


def test_prose_lines_skip_quotes_code_and_corrections():
    page = '\n'.join([
        "경사 하강법은", "```python", "# 경사하강법", "```", "`경사하강법`과 \"경사하강법\"",
        '!!! warning "원문 정정"', "    교재의 경사하강법", "", "    ```python", "    x", "    ```",
        "> 경사하강법", "다시 경사하강법", '!!! warning "교재 정정: 조판"', "    경사하강법",
        "[링크](경사하강법.md)와 ‘경사하강법’ { #경사하강법 }", "끝의 경사하강법",
        '???+ question "문제: 경사하강법"'])
    lines = dict(prose_lines(page))
    assert [n for n, line in lines.items() if "경사하강법" in line] == [13, 17, 18]


VARIANTS = [(lang, term.ko, v) for term in TERMS for lang in EDITIONS for v in variants(term, lang)]
LABELS = [(lang, term.ko, v) for term in TERMS for lang in EDITIONS for v in labels(term, lang)]


@pytest.mark.parametrize("lang, ko, variant", VARIANTS)
def test_the_lint_catches_every_variant(lang, ko, variant):
    """A planted variant fails with page:line; the same words in code or a quote do not."""
    page = f"첫 줄\n\nThe page says {variant} here.\n\n`{variant}`\n\n> {variant}\n"
    assert misnamed(page, lang, "p.md") == [
        f"p.md:3: {variant!r} → {next(t for t in TERMS if t.ko == ko).names(lang)[0]!r}"]


@pytest.mark.parametrize("lang, ko, label", LABELS)
def test_the_lint_allows_a_label_only_beside_the_term(lang, ko, label):
    term = next(t for t in TERMS if t.ko == ko)
    alone = f"The page calls it {label}."
    explained = f"The textbook's {label} is what we call the {term.names(lang)[0]}."
    boxed = f'!!! warning "{CORRECTION_TITLES[0 if lang == "ko" else 1]}"\n    {label}\n'
    assert misnamed(alone, lang, "p.md") == [f"p.md:1: {label!r} → {term.names(lang)[0]!r}"]
    assert misnamed(explained, lang, "p.md") == []
    assert misnamed(boxed, lang, "p.md") == []
    assert misnamed(f'!!! warning "Note"\n    {label}\n', lang, "p.md") != []


def sources(lang: str):
    """(name, text) of every page of edition ``lang`` and of every Markdown cell of its notebooks."""
    folder = EDITIONS[lang]
    for path in sorted(folder.glob("*.md")):
        yield f"{folder.name}/{path.name}", path.read_text(encoding="utf-8")
    for path in sorted(folder.glob("notebooks/*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for number, cell in enumerate(cells, 1):
            if cell["cell_type"] == "markdown":
                yield f"{folder.name}/notebooks/{path.name} cell {number}", "".join(cell["source"])


@pytest.mark.parametrize("lang", EDITIONS)
def test_pages_use_one_name_per_idea(lang):
    found = [hit for name, text in sources(lang) for hit in misnamed(text, lang, name)]
    assert not found, (f"{len(found)} names the glossary does not use (mlp_lessons/glossary.py; "
                       "a textbook label is fine only on a line that also names the term):\n"
                       + "\n".join(found))

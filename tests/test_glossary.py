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

from mlp_lessons import lessons
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
            wrong = list(variants(term, lang))
            if not any(name in line for name in _capitalised(term.names(lang))):
                wrong += labels(term, lang)
            found += [f"{where}:{number}: {v!r} → {term.names(lang)[0]!r}"
                      for v in _occurring(wrong, line)]
    return found


def _occurring(words, line: str) -> list[str]:
    """The ``words`` found in ``line``, in their order; a word found only inside a longer
    one's occurrence (제곱 오차 in 평균 제곱 오차) is not counted again."""
    hits = set()
    for word in sorted(words, key=len, reverse=True):
        if word in line:
            hits.add(word)
            line = line.replace(word, "\0" * len(word))
    return [w for w in dict.fromkeys(words) if w in hits]


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


# --- the same lint over the texts that live in code ----------------------------------
# The figures' labels (``tr("한국어", "English")`` calls in mlp_lessons/figures/*.py), the
# explorables' ``MESSAGES`` (docs/javascripts/explorables/*.js), the playground's texts
# (docs/javascripts/playground/i18n.js) and the lesson map of the home page
# (mlp_lessons/lessons.py: titles and "what you learn") are prose of the editions too.
# This replaces the variants_ko-only check that tests/test_explorables_js.py had.

import ast  # noqa: E402

FIGURES = ROOT / "mlp_lessons" / "figures"
JS_TEXTS = [path for path in sorted((ROOT / "docs" / "javascripts" / "explorables").glob("*.js"))
            if path.name != "common.js"] + [   # common.js: shared helpers, no texts
    ROOT / "docs" / "javascripts" / "playground" / "i18n.js"]
JS_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'')


def _literal(node: ast.AST) -> str | None:
    """The text of a string literal or f-string (its ``{…}`` fields blanked), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else " " for v in node.values)
    return None


def _tables(tree: ast.Module) -> dict[str, dict[str, str]]:
    """The module-level ``NAME = {"key": "text", …}`` dicts of a module."""
    tables = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Dict)):
            pairs = [(_literal(k), _literal(v)) for k, v in zip(node.value.keys, node.value.values)
                     if k is not None]
            if all(k is not None and v is not None for k, v in pairs):
                tables[node.targets[0].id] = dict(pairs)
    return tables


def figure_texts(source: str, where: str):
    """(``where:line``, {"ko": text, "en": text}) of every ``tr(ko, en)`` call in ``source``.

    Its arguments are string literals, f-strings (fields blanked) or, as in
    ``tr(TITLES[name], TITLES_EN[name])``, look-ups in two module-level dicts of texts
    with the same keys (each key gives a pair).
    """
    tree = ast.parse(source)
    tables = _tables(tree)
    calls = sorted((node for node in ast.walk(tree)
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "tr" and len(node.args) == 2), key=lambda n: n.lineno)
    for node in calls:
        ko, en = (_literal(arg) for arg in node.args)
        if ko is not None and en is not None:
            yield f"{where}:{node.lineno}", {"ko": ko, "en": en}
            continue
        names = [arg.value.id for arg in node.args if isinstance(arg, ast.Subscript)
                 and isinstance(arg.value, ast.Name) and arg.value.id in tables]
        if len(names) != 2 or tables[names[0]].keys() != tables[names[1]].keys():
            raise AssertionError(f"{where}:{node.lineno}: tr() takes two string literals, "
                                 "f-strings or look-ups in two module-level dicts of texts with "
                                 f"the same keys; got {ast.unparse(node)}")
        for key in tables[names[0]]:
            yield (f"{where}:{node.lineno} {names[0]}[{key!r}]",
                   {"ko": tables[names[0]][key], "en": tables[names[1]][key]})


def js_texts(source: str, where: str):
    """(``where:line``, lang, text) of every string value in the ``MESSAGES = { ko: {…}, en: {…} }``
    object of a script; keys (``"ui.neuron.add":``) and ``{placeholders}`` are names, not text."""
    start = source.find("MESSAGES = {")
    end = source.find("\n};", start)
    if start < 0 or end < 0:
        raise AssertionError(f"{where}: expected a `MESSAGES = {{ ko: {{…}}, en: {{…}} }}` object")
    block = source[start:end]
    split = re.search(r"^\s+en:\s*\{", block, re.M)
    if not re.search(r"^\s+ko:\s*\{", block, re.M) or not split:
        raise AssertionError(f"{where}: MESSAGES has no `ko: {{` and `en: {{` parts")
    offset = source[:start].count("\n")
    for match in JS_STRING.finditer(block):
        if block[match.end():].lstrip().startswith(":"):
            continue
        line = offset + block[:match.start()].count("\n") + 1
        text = match.group(1) if match.group(1) is not None else match.group(2)
        yield (f"{where}:{line}", "ko" if match.start() < split.start() else "en",
               re.sub(r"\{\w+\}", " ", text))


def code_texts():
    """(where, lang, text) of every human-language string of the figures, scripts and lesson map."""
    for path in sorted(FIGURES.glob("*.py")):
        for where, pair in figure_texts(path.read_text(encoding="utf-8"),
                                        str(path.relative_to(ROOT))):
            for lang, text in pair.items():
                yield where, lang, text
    for path in JS_TEXTS:
        yield from js_texts(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    for page in lessons.PAGES:
        for lang in EDITIONS:
            for field in (lang, f"learn_{lang}"):
                yield f"mlp_lessons/lessons.py {page.slug}.{field}", lang, getattr(page, field)
            for notebook in page.notebooks:
                yield f"mlp_lessons/lessons.py {notebook.stem}.{lang}", lang, getattr(notebook, lang)


def misnamed_in_code(texts) -> list[str]:
    """The one-name lint of :func:`misnamed` over (where, lang, text) strings; a string's
    lines are its lines (``\\n``), quotes inside it are quotes."""
    found = []
    for where, lang, text in texts:
        found += [hit.replace(f"{where}:1:", f"{where}:", 1)
                  for hit in misnamed(text.replace("\\n", "\n"), lang, where)]
    return found


def test_code_texts_are_read():
    """The readers find the strings they are meant to lint (each source is non-empty)."""
    texts = list(code_texts())
    for source in [*(str(p.relative_to(ROOT)) for p in sorted(FIGURES.glob("*.py"))
                     if not p.name.startswith("_")),
                   *(str(p.relative_to(ROOT)) for p in JS_TEXTS), "mlp_lessons/lessons.py"]:
        for lang in EDITIONS:
            assert any(w.startswith(source) and l == lang and t for w, l, t in texts), (source, lang)


def test_the_code_lint_catches_planted_names():
    figure = 'ax.set_title(tr("입력의 총합 z", "the total input z"))\nx = tr(f"{n} 원문의 T", "x")\n'
    assert misnamed_in_code(
        (w, lang, t) for w, pair in figure_texts(figure, "f.py") for lang, t in pair.items()) == [
        "f.py:1: '총합' → '가중합'", "f.py:1: 'total input' → 'weighted sum'",
        "f.py:2: '원문' → '교재'"]
    script = ('const MESSAGES = {\n  ko: {\n    a: "오차제곱합 또는 평균 제곱 오차",\n'
              '    b: "제곱 오차",\n  },\n  en: {\n    b: \'squared error\',\n'
              '    c: "the net input \\"z\\"", "ui.neuron": "unit {neuron}",\n  },\n};\n')
    assert misnamed_in_code(js_texts(script, "m.js")) == [
        "m.js:4: '제곱 오차' → '오차제곱합'", "m.js:7: 'squared error' → 'sum of squared errors (SSE)'",
        "m.js:8: 'net input' → 'weighted sum'"]
    assert misnamed_in_code([("p", "ko", "가중합 z 「입력의 총합」")]) == []


def test_code_texts_use_one_name_per_idea():
    found = misnamed_in_code(code_texts())
    assert not found, (f"{len(found)} names the glossary does not use (mlp_lessons/glossary.py) "
                       "in figure labels, explorable/playground texts or the lesson map:\n"
                       + "\n".join(found))

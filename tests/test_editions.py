"""The two editions show the same code: every code block of a page and every code cell of a
notebook is the same in ``docs/`` (Korean) and ``docs_en/`` (English) but for what is
translated.

What may differ between the Korean and the English version of a block (everything else must
be the same: the fence's language, the number and order of the blocks, every other token):

1. **Comments.** Python ``COMMENT`` tokens (:mod:`tokenize`); in a shell block, ``#`` to the end
   of the line.  Spacing between tokens does not count (comments are aligned differently).
2. **Text for the reader.**  A Python string literal whose *Korean* version contains Hangul is
   text a reader sees (a print label, a plot title): in both editions it is replaced by a
   placeholder that keeps the literal's prefix and, in an f-string, its replacement fields
   (``{sse(layer2, T_XOR):.6f}``: the expression and its format spec must match).  A literal
   without Hangul in the Korean edition is code and must be the same: dict keys (``"W1"``),
   activation names (``"sigmoid"``), file names, format strings, a label that stays English.
3. **Expected output with Hangul.**  In a ``pycon`` block the source of each ``>>>`` example is
   compared as Python (rules 1, 2); its expected output must be the same, except one whose
   Korean version contains Hangul (a translated message): there only the numbers in it, in
   order, must match.
4. **The edition itself.**  The language code as a Python string (``lesson_style("ko")`` /
   ``lesson_style("en")``) and, in a shell command, the edition's folder (``docs/`` /
   ``docs_en/``) stand for "this edition".

A failure names the page (or notebook), the block (or code cell) number, and shows the first
differing line of each edition with its line number.

Run alone: ``.venv/bin/pytest tests/test_editions.py`` (no site build; about a second).
"""

from __future__ import annotations

import dataclasses
import doctest
import io
import json
import re
import string
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = {"ko": ROOT / "docs", "en": ROOT / "docs_en"}

#: Hangul syllables and jamo: what marks a literal or an output as Korean text (rules 2 and 3).
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
#: A number in an expected output (rule 3).
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
#: Rule 4: the edition's language code as a Python string literal, its folder in a shell command.
LANGUAGE_CODE = {"ko": "ko", "en": "en"}
FOLDER = {"ko": "docs/", "en": "docs_en/"}
#: An opening code fence: indentation (inside an admonition or a list), the fence, its info string.
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")
#: Python code blocks (compared token by token) and doctest sessions.
PYTHON, PYCON, SHELL = {"python", "py"}, {"pycon"}, {"bash", "sh", "shell", "console"}


@dataclasses.dataclass
class Block:
    """One code block of a page, or one code cell of a notebook."""

    where: str        # "docs/loss.md" or "docs/notebooks/05_digits.ipynb"
    number: int       # 1-based, in page order (code cells counted alone)
    line: int         # 1-based line of the block's first code line in its file (1 for a cell)
    language: str     # first word of the info string; "python" for a notebook cell
    source: str
    label: str = ""   # a notebook cell's id

    def name(self) -> str:
        what = f"cell {self.number} (id {self.label})" if self.label else f"block {self.number}"
        return f"{what}, {self.language}"


@dataclasses.dataclass
class Unit:
    """One comparable piece of a block: a token, an expected output, a line."""

    text: str         # what is compared (after the rules above)
    line: int         # 1-based line in the file (in the cell, for a notebook cell)
    shown: str        # the original line, for the failure message


# --- reading the blocks ----------------------------------------------------------------------

def fenced_blocks(text: str, where: str) -> list[Block]:
    """The fenced code blocks of a Markdown page, also those indented in an admonition.

    >>> page = "Text\\n\\n```pycon\\n>>> 1 + 1\\n2\\n```\\n\\n!!! note\\n    ```python\\n    x = 1\\n    ```\\n"
    >>> [(b.number, b.line, b.language, b.source) for b in fenced_blocks(page, "p.md")]
    [(1, 4, 'pycon', '>>> 1 + 1\\n2\\n'), (2, 10, 'python', 'x = 1\\n')]
    """
    lines, blocks, i = text.split("\n"), [], 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence = match["indent"], match["fence"]
        body, start, i = [], i + 2, i + 1
        while i < len(lines) and not (lines[i].startswith(indent)
                                      and lines[i].strip().startswith(fence[0] * len(fence))
                                      and set(lines[i].strip()) == {fence[0]}):
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        i += 1
        language = (match["info"].split() or [""])[0].strip("{}.")
        blocks.append(Block(where, len(blocks) + 1, start, language, "".join(b + "\n" for b in body)))
    return blocks


def notebook_cells(path: Path) -> list[Block]:
    """The code cells of a stored notebook, in order."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    return [Block(path.relative_to(ROOT).as_posix(), n, 1, "python",
                  "".join(c["source"]) if isinstance(c["source"], list) else c["source"],
                  label=c.get("id", "?"))
            for n, c in enumerate(code, 1)]


# --- comparing -----------------------------------------------------------------------------

def _string_parts(literal: str) -> tuple[str, str, list]:
    """(prefix, body, replacement fields) of a Python string literal token.

    >>> _string_parts('f"loss {E:.6f} at {n}"')
    ('f', 'loss {E:.6f} at {n}', [('E', '.6f', None), ('n', '', None)])
    """
    prefix = re.match(r"[A-Za-z]*", literal).group(0)
    quote = literal[len(prefix):len(prefix) + 3] if literal[len(prefix):].startswith(("'''", '"""')) \
        else literal[len(prefix)]
    body = literal[len(prefix) + len(quote):-len(quote)]
    fields = []
    if "f" in prefix.lower():
        try:
            fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(body)
                      if name is not None]
        except ValueError:              # not parseable as a format string: compare it whole
            fields = [(body, "", None)]
    return prefix.lower(), body, fields


def is_reader_text(korean_literal: str) -> bool:
    """Rule 2: a string literal is text for the reader if its Korean version contains Hangul.

    >>> is_reader_text('"계단 함수"'), is_reader_text('f"학습 전 손실: {E:.6f}"')
    (True, True)
    >>> is_reader_text('"W1"'), is_reader_text('"sigmoid"'), is_reader_text('"X:"')
    (False, False, False)
    """
    return bool(HANGUL.search(_string_parts(korean_literal)[1]))


def _tokens(source: str, where: str, first_line: int) -> list[tokenize.TokenInfo]:
    """The Python tokens of ``source`` that count: no comments, no blank-line or
    continuation newlines (``NL``), no end marker.

    The chapter's code is shown as printed, typos included (``docs/forward_pass.md`` shows its
    ``W1 = np.array(...`` without the closing parenthesis): an unclosed bracket ends the
    tokens at the end of the block, so the rest is still compared.
    """
    tokens = []
    try:
        tokens.extend(tokenize.generate_tokens(io.StringIO(source).readline))
    except tokenize.TokenError as exc:
        if "EOF in multi-line" not in str(exc.args[0]):
            pytest.fail(f"{where} (line {first_line}): the code does not tokenize as Python: {exc}")
    except SyntaxError as exc:
        pytest.fail(f"{where} (line {first_line}): the code does not tokenize as Python: {exc}")
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.ENDMARKER}
    return [t for t in tokens if t.type not in skip]


def python_units(ko: str, en: str, where: tuple[str, str], first: tuple[int, int]) -> tuple[list, list]:
    """Rules 1, 2 and 4 on a pair of Python sources: their comparable tokens, Korean and English.

    >>> ko, en = python_units('print("세 층:", W["W1"])  # 주석\\n', 'print("Three layers:", W["W1"])\\n',
    ...                        ("ko.md", "en.md"), (1, 1))
    >>> [u.text for u in ko] == [u.text for u in en]
    True
    >>> ko, en = python_units('W["W1"]\\n', 'W["W2"]\\n', ("ko.md", "en.md"), (1, 1))
    >>> [u.text for u in ko] == [u.text for u in en]
    False
    """
    sides = []
    for source, place, line in zip((ko, en), where, first):
        lines = source.splitlines()
        sides.append([(t, Unit(t.string, line + t.start[0] - 1,
                               lines[t.start[0] - 1] if t.start[0] <= len(lines) else ""))
                      for t in _tokens(source, place, line)])
    for (k, ku), (e, eu) in zip(*sides):
        if k.type == e.type == tokenize.STRING:
            if is_reader_text(k.string):
                for token, unit in ((k, ku), (e, eu)):
                    prefix, _, fields = _string_parts(token.string)
                    unit.text = f"{prefix}«text»{fields}"
            elif (_string_parts(k.string)[1], _string_parts(e.string)[1]) == (LANGUAGE_CODE["ko"],
                                                                                LANGUAGE_CODE["en"]):
                ku.text = eu.text = "«edition»"
        elif k.type == tokenize.INDENT:     # indentation width is spacing, its presence is code
            ku.text = eu.text = "«indent»"
    return [u for _, u in sides[0]], [u for _, u in sides[1]]


def _want(want: str) -> str:
    return " ".join(want.split())


def pycon_units(ko: Block, en: Block) -> tuple[list, list]:
    """Rule 3 on a pair of doctest sessions: each example's source as Python, then its output."""
    parser = doctest.DocTestParser()
    examples = [parser.get_examples(b.source, b.where) for b in (ko, en)]
    sides = ([], [])
    for k, e in zip(*examples):
        ku, eu = python_units(k.source, e.source, (ko.where, en.where),
                              (ko.line + k.lineno, en.line + e.lineno))
        for units, block in ((ku, ko), (eu, en)):     # show the page's line, with its >>>
            lines = block.source.splitlines()
            for unit in units:
                unit.shown = lines[unit.line - block.line] if 0 <= unit.line - block.line < len(lines) else ""
        if HANGUL.search(k.want):
            kw, ew = " ".join(NUMBER.findall(k.want)), " ".join(NUMBER.findall(e.want))
        else:
            kw, ew = _want(k.want), _want(e.want)
        after = (ko.line + k.lineno + k.source.count("\n"), en.line + e.lineno + e.source.count("\n"))
        sides[0].extend(ku + [Unit(f"output: {kw}", after[0], k.want.split("\n")[0])])
        sides[1].extend(eu + [Unit(f"output: {ew}", after[1], e.want.split("\n")[0])])
    for side, block, found in zip(sides, (ko, en), examples):  # a missing example is a difference
        side.append(Unit(f"{len(found)} examples", block.line, f"({len(found)} >>> examples)"))
    return sides


def line_units(ko: Block, en: Block) -> tuple[list, list]:
    """Shell and text blocks, line by line (shell: rules 1 and 4)."""
    sides = []
    for block, edition in ((ko, "ko"), (en, "en")):
        units = []
        for n, line in enumerate(block.source.splitlines()):
            text = line
            if block.language in SHELL:
                text = re.sub(r"(^|\s)#.*$", "", text).replace(FOLDER[edition], "«edition folder»/")
                text = " ".join(text.split())
            units.append(Unit(text.rstrip(), block.line + n, line))
        sides.append(units)
    return sides[0], sides[1]


def difference(ko: Block, en: Block) -> str | None:
    """None if the two versions of a block agree (module docstring); else what differs, with
    the first differing line of each edition."""
    head = f"{ko.where} {ko.name()} | {en.where} {en.name()}"
    if ko.language != en.language:
        return f"{head}: the fence language differs ({ko.language!r} vs {en.language!r})"
    if ko.language in PYTHON:
        units = python_units(ko.source, en.source, (ko.where, en.where), (ko.line, en.line))
    elif ko.language in PYCON:
        units = pycon_units(ko, en)
    else:
        units = line_units(ko, en)
    for k, e in zip(*units):
        if k.text != e.text:
            break
    else:
        if len(units[0]) == len(units[1]):
            return None
        shorter = 0 if len(units[0]) < len(units[1]) else 1
        block = (ko, en)[shorter]
        end = Unit("(end of block)", (units[shorter][-1].line + 1) if units[shorter] else block.line,
                   "(the block ends here)")
        k, e = [end if side == shorter else units[side][len(units[shorter])] for side in (0, 1)]
    line = "line " if not ko.label else "cell line "
    return (f"{head}: the code differs\n"
            f"  {ko.where}, {line}{k.line}: {k.shown.strip()}\n"
            f"  {en.where}, {line}{e.line}: {e.shown.strip()}\n"
            f"  first difference: {k.text!r} vs {e.text!r}")


def differences(ko: list[Block], en: list[Block]) -> list[str]:
    """Every difference between two editions' blocks of one page (or notebook)."""
    found = [difference(k, e) for k, e in zip(ko, en)]
    found = [d for d in found if d]
    if len(ko) != len(en):
        found.insert(0, f"{ko[0].where if ko else 'Korean'}: {len(ko)} code blocks, "
                        f"{en[0].where if en else 'English'}: {len(en)} (the same blocks in the same order)")
    return found


# --- the editions ------------------------------------------------------------------------------

def _names(pattern: str) -> list[str]:
    return sorted({p.relative_to(DOCS[e]).as_posix() for e in DOCS for p in DOCS[e].glob(pattern)})


PAGES = _names("*.md")
NOTEBOOKS = _names("notebooks/*.ipynb")


def test_both_editions_have_the_same_pages_and_notebooks():
    for edition, folder in DOCS.items():
        missing = [n for n in PAGES + NOTEBOOKS if not (folder / n).is_file()]
        assert not missing, f"{folder.relative_to(ROOT)}/ lacks {missing} (each page is in both editions)"


@pytest.mark.parametrize("page", PAGES)
def test_page_code_is_the_same_in_both_editions(page):
    ko, en = ((DOCS[e] / page).read_text(encoding="utf-8") for e in ("ko", "en"))
    found = differences(fenced_blocks(ko, f"docs/{page}"), fenced_blocks(en, f"docs_en/{page}"))
    assert not found, "\n\n".join(found)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_code_is_the_same_in_both_editions(notebook):
    found = differences(*(notebook_cells(DOCS[e] / notebook) for e in ("ko", "en")))
    assert not found, "\n\n".join(found)


def test_the_pages_have_code_to_compare():
    # a lexer that found nothing would pass every page: the editions hold over 100 blocks each
    counts = {e: sum(len(fenced_blocks((DOCS[e] / p).read_text(encoding="utf-8"), p)) for p in PAGES)
              for e in DOCS}
    assert min(counts.values()) > 100, counts
    cells = {e: sum(len(notebook_cells(DOCS[e] / n)) for n in NOTEBOOKS) for e in DOCS}
    assert min(cells.values()) > 30, cells


# --- the rules, on planted drifts ---------------------------------------------------------------

def _pair(language: str, ko: str, en: str) -> str | None:
    return difference(Block("docs/x.md", 1, 10, language, ko), Block("docs_en/x.md", 1, 10, language, en))


@pytest.mark.parametrize("ko, en", [
    ("x = 1   # 주석\n", "x = 1  # a comment\n"),
    ('plt.title("계단 함수")\n', 'plt.title("Step function")\n'),
    ('print(f"손실: {E:.6f}")\n', 'print(f"Loss: {E:.6f}")\n'),
    ('with lesson_style("ko"):\n    f()\n', 'with lesson_style("en"):\n    f()\n'),
    ("def f(x):\n  # 설명\n  return x\n", "def f(x):\n    return x\n"),
], ids=["comment", "text", "f-string text", "language code", "indent width"])
def test_translations_are_not_differences(ko, en):
    assert _pair("python", ko, en) is None


@pytest.mark.parametrize("ko, en, shown", [
    ('W["W1"]\n', 'W["W2"]\n', "'\"W1\"' vs '\"W2\"'"),
    ('print(f"손실: {E:.6f}")\n', 'print(f"Loss: {E:.4f}")\n', "'.6f'"),
    ('label="XNOR"\n', 'label="XOR"\n', "'\"XNOR\"' vs '\"XOR\"'"),
    ("with lesson_style():\n    f()\n", 'with lesson_style("en"):\n    f()\n', "')' vs '\"en\"'"),
    ("h = 1e-6\n", "h = 2e-6\n", "'1e-6' vs '2e-6'"),
    ("x = 1\ny = 2\n", "x = 1\n", "'y' vs '(end of block)'"),
    ("W1 = f([1,\n  2]\nx = 1\n", "W1 = f([1,\n  2]\nx = 2\n", "'1' vs '2'"),
], ids=["dict key", "format spec", "English label", "missing argument", "number", "missing line",
        "after the chapter's unclosed bracket"])
def test_code_changes_are_differences(ko, en, shown):
    found = _pair("python", ko, en)
    assert found is not None and shown in found, found
    assert re.search(r"\n  docs/x\.md, line 1\d: .+\n  docs_en/x\.md, line 1\d: ", found), found


def test_a_failure_names_the_lines_of_both_editions():
    found = _pair("pycon", ">>> a = 1\n>>> b = 2   # 둘\n", ">>> a = 1\n>>> b = 3   # two\n")
    assert "docs/x.md block 1, pycon | docs_en/x.md block 1, pycon: the code differs" in found
    assert "docs/x.md, line 11: >>> b = 2   # 둘" in found
    assert "docs_en/x.md, line 11: >>> b = 3   # two" in found


@pytest.mark.parametrize("ko, en, same", [
    (">>> f()\n0.123456\n", ">>> f()\n0.123456\n", True),
    (">>> f()\n0.123456\n", ">>> f()\n0.123457\n", False),
    (">>> f()\narray([1, 2])\n", ">>> f()\narray([1,  2])\n", True),       # whitespace: as doctest
    (">>> f()\n'sigmoid'\n", ">>> f()\n'relu'\n", False),
    (">>> f()\nValueError: 모양이 다르다: 4와 3\n", ">>> f()\nValueError: shapes differ: 4 and 3\n", True),
    (">>> f()\nValueError: 모양이 다르다: 4와 3\n", ">>> f()\nValueError: shapes differ: 4 and 2\n", False),
    (">>> f()\n>>> g()\n", ">>> f()\n", False),
])
def test_pycon_compares_sources_and_outputs(ko, en, same):
    assert (_pair("pycon", ko, en) is None) is same


def test_shell_blocks_drop_comments_and_the_edition_folder():
    assert _pair("bash", "pytest docs/a.md   # 한 페이지\n", "pytest docs_en/a.md  # one page\n") is None
    assert _pair("bash", "pytest docs/a.md\n", "pytest docs_en/b.md\n") is not None


def test_pages_with_different_block_counts():
    found = differences(fenced_blocks("```python\nx = 1\n```\n", "docs/x.md"), [])
    assert found == ["docs/x.md: 1 code blocks, English: 0 (the same blocks in the same order)"]

r"""Nothing before its time: a page uses a concept only after the page that teaches it.

The lint behind ``tests/test_prerequisites.py`` (issue 17, item 2).  The reading order
is the order of :data:`mlp_lessons.lessons.PAGES`; a Lab notebook takes the place of
the lesson it belongs to.  Two checks:

**Terms.**  Every glossary term (:data:`mlp_lessons.glossary.TERMS`: ``ko`` with its
``variants_ko`` on ``docs/``, ``en`` on ``docs_en/``) plus the few of :data:`EXTRA` is
introduced on its ``page``.  A page earlier in the order may not use it, except

(a) in quoted chapter text: blockquotes, text in quotes (“…”, "…", 「…」) and the body
    of a correction box (``!!! warning "교재 정정"`` / ``"원문 정정"`` /
    ``"Correction to the textbook"`` / ``"Correction to the original"``);
(b) in an explicit forward reference: a sentence that links the term's page, e.g.
    ``[역전파](backprop.md)에서 다룹니다`` or ``see [backpropagation](backprop.md)``;
(c) in code: fenced blocks and inline code.

**Code.**  The code of a page (fenced blocks and inline code) may use a module of
``mlp_lessons`` only from the lesson that owns it on (:func:`module_page`), and the
few names of :data:`CODE_NAMES` only from the page that introduces them.  A code block
is a forward reference when the paragraph right before it links that page.

Not checked: the home page (``index.md``), whose goals and contents table name every
lesson's concepts by design, and the reference pages (``chapter=False``: notation,
glossary, corrections, benchmarks), which a reader consults at any time; for the same
reason a term a reference page introduces is in order everywhere.

Examples
--------
>>> text = "경사 하강법은 나중에 배웁니다.\n\n[역전파](backprop.md)에서 다룹니다.\n"
>>> [(p.line, p.term, p.introduced_on) for p in check_text(text, "activations.md", "ko")]
[(1, '경사 하강법', 'gradient_descent.md')]
>>> check_text("```pycon\n>>> from mlp_lessons.network import backward\n```\n",
...            "forward_pass.md", "ko")[0].term
'mlp_lessons.network.backward'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from mlp_lessons import lessons
from mlp_lessons.glossary import TERMS

__all__ = ["CODE_NAMES", "CORRECTION_TITLES", "Concept", "EXTRA", "NAME_PAGES", "Problem",
           "check_notebook", "check_text", "concepts", "module_page", "position"]

#: Titles of the correction boxes whose body quotes the chapter (exception (a)).
CORRECTION_TITLES = ("교재 정정", "원문 정정", "Correction to the textbook",
                     "Correction to the original")


@dataclass(frozen=True)
class Concept:
    """One thing a page may use only from its ``page`` on.

    ``label`` names it in messages; ``ko``/``en`` are the spellings looked for in each
    edition (Korean as substrings, English as whole words, plural ``-s``/``-es`` too);
    ``symbols`` are regular expressions looked for in both (math included).
    """

    label: str
    page: str
    ko: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()


#: Spellings and symbols the lint needs beyond the glossary's terms.  The glossary
#: names the *function* (손실 함수); the pages also say 손실 / loss and E(w) alone.
#: "Least squares" is the fit that minimises the squared error, the loss page's idea.
EXTRA: tuple[Concept, ...] = (
    Concept("손실 / loss", "loss.md", ko=("손실",), en=("loss",), symbols=(r"\bE\(w\)",)),
    Concept("최소 제곱 / least squares", "loss.md", ko=("최소 제곱", "최소제곱"),
            en=("least squares", "least-squares")),
    Concept("학습률 / learning rate (η)", "gradient_descent.md", symbols=(r"\\eta(?![A-Za-z])", "η")),
    Concept("그래디언트 / gradient (∂E/∂w)", "gradient_descent.md",
            symbols=(r"\\partial E\s*/\s*\\partial w", r"\\frac\{\\partial E\}\{\\partial w", "∂E/∂w")),
    Concept("델타 / delta (δ)", "backprop.md", symbols=(r"\\delta(?![A-Za-z])", "δ")),
    Concept("역전파 / backpropagation (short forms)", "backprop.md",
            en=("backprop", "back-propagation")),
)

#: Names in code that belong to a lesson (beyond the package's modules): the chapter's
#: Lab program is introduced on the forward-pass page; least squares belongs with the loss.
CODE_NAMES: dict[str, str] = {
    "actf_deriv": "forward_pass.md", "layer0": "forward_pass.md", "layer1": "forward_pass.md",
    "layer2": "forward_pass.md", "Z1": "forward_pass.md", "Z2": "forward_pass.md",
    "lstsq": "loss.md",
}

#: Names of ``mlp_lessons`` modules taught later than the module's lesson (``network``
#: belongs to the forward pass; its backward pass and update to backpropagation).
NAME_PAGES: dict[str, str] = {
    "network.backward": "backprop.md", "network.update": "backprop.md",
    "network.loss_value": "loss.md",
}


@dataclass(frozen=True)
class Problem:
    """A use before its time: ``file:line`` uses ``term``, introduced on ``introduced_on``."""

    file: str
    line: int | str
    term: str
    introduced_on: str

    def __str__(self) -> str:
        return (f"{self.file}:{self.line}: uses {self.term!r}, which {self.introduced_on} "
                f"introduces later in the reading order (move it there, or link "
                f"{self.introduced_on} in the same sentence as a forward reference)")


def _order() -> dict[str, int]:
    return {p.file: i for i, p in enumerate(lessons.PAGES) if p.chapter}


def position(file: str) -> int | None:
    """The place of a page (``"loss.md"``) or notebook (``"notebooks/01_activations.ipynb"``)
    in the reading order, ``None`` for a reference page (not ordered).

    >>> position("activations.md") < position("backprop.md")
    True
    >>> position("notebooks/01_activations.ipynb") == position("activations.md")
    True
    >>> position("glossary.md") is None
    True
    """
    order = _order()
    if file in order:
        return order[file]
    for p in lessons.PAGES:
        if any(nb.file == file for nb in p.notebooks):
            return order.get(p.file)
    if any(p.file == file for p in lessons.PAGES):
        return None
    raise KeyError(f"{file!r} is no page or notebook of mlp_lessons/lessons.py")


def concepts() -> list[Concept]:
    """The glossary's terms as :class:`Concept` (label ``"ko / en"``), then :data:`EXTRA`.

    >>> next(c for c in concepts() if c.ko[0] == "역전파").en
    ('backpropagation',)
    >>> next(c for c in concepts() if c.label.startswith("다층")).en
    ('multilayer perceptron', 'MLP')
    """
    out = []
    for term in TERMS:
        en = re.fullmatch(r"(.+?)\s*\((.+)\)", term.en)
        spellings = (en.group(1), en.group(2)) if en else (term.en,)
        spellings += tuple(getattr(term, "also_en", ())) + tuple(getattr(term, "variants_en", ()))
        spellings += tuple(getattr(term, "labels_en", ()))
        korean = (term.ko, *term.variants_ko, *getattr(term, "labels_ko", ()))
        out.append(Concept(f"{term.ko} / {term.en}", term.page, tuple(dict.fromkeys(korean)),
                           tuple(dict.fromkeys(spellings))))
    return out + list(EXTRA)


def module_page(module: str, name: str = "") -> str | None:
    """The page that teaches ``mlp_lessons.<module>`` (``name`` of it), ``None`` if shared.

    A lesson's own modules are ``<slug>``, ``figures.<slug>`` and ``pages.<slug>``; a module
    a page lists in ``Page.modules`` belongs to the first such page; :data:`NAME_PAGES`
    moves single names later.  Other modules (``data``, ``lessons``, ``glossary``, ...)
    hold no lesson's idea and are shared.

    >>> module_page("network"), module_page("network", "backward"), module_page("pages.backprop")
    ('forward_pass.md', 'backprop.md', 'backprop.md')
    >>> module_page("data") is None
    True
    """
    if f"{module}.{name}" in NAME_PAGES:
        return NAME_PAGES[f"{module}.{name}"]
    parts = module.split(".")
    slug = parts[1] if parts[0] in ("figures", "pages") and len(parts) > 1 else parts[0]
    for p in lessons.PAGES:
        if p.slug == slug or slug in p.modules:
            return p.file
    return None


# --- reading a page ---------------------------------------------------------------------

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
BOX = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+"([^"]*)")?\s*$')
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
INLINE_CODE = re.compile(r"`[^`\n]+`")
QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|「[^」]*」")
NOISE = re.compile(r"\{\{[^}]*\}\}|\{\s*[#.][^}]*\}|<[^>\n]+>")
NEW_UNIT = re.compile(r"^\s*(?:[-*+] |\d+\. |\||#{1,6} |\$\$)")
ABBREVIATIONS = re.compile(r"(?:\be\.g|\bi\.e|\bcf|\bvs|\betc|\bFig|\bfig|\bNo)\.$")


@dataclass
class _Block:
    kind: str                   # "prose" or "code"
    lines: list[tuple[int, str]]
    before: str = ""            # code: the prose paragraph right before it


def _blocks(lines: list[str]) -> Iterator[_Block]:
    """Prose paragraphs (outside quotes and correction boxes) and code blocks, with line numbers."""
    para: list[tuple[int, str]] = []
    last_para = ""
    fence: tuple[int, str] | None = None
    code: list[tuple[int, str]] = []
    box: int | None = None                 # indentation of an open correction box
    for number, line in enumerate(lines, 1):
        indent = len(line) - len(line.lstrip())
        if fence is not None:
            if line.strip().startswith(fence[1]) and not line.strip().strip(fence[1][0]):
                fence = None
                yield _Block("code", code, last_para)
            else:
                code.append((number, line))
            continue
        m = FENCE.match(line)
        if m:
            if para:
                last_para = " ".join(t for _, t in para)
                yield _Block("prose", para)
                para = []
            fence, code = (len(m.group(1)), m.group(2)), []
            continue
        if box is not None:
            if not line.strip() or indent > box:
                continue
            box = None
        m = BOX.match(line)
        if m and (m.group(2) or "") in CORRECTION_TITLES:
            box = len(m.group(1))
            continue
        if not line.strip() or line.lstrip().startswith(">") or m or NEW_UNIT.match(line):
            if para:
                last_para = " ".join(t for _, t in para)
                yield _Block("prose", para)
                para = []
            if not line.strip() or line.lstrip().startswith(">"):
                continue
            if m:                                   # an admonition's title is a unit of its own
                if m.group(2):
                    yield _Block("prose", [(number, m.group(2))])
                continue
        para.append((number, line))
    if para:
        yield _Block("prose", para)


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of the sentences of a paragraph."""
    start = 0
    for m in re.finditer(r"[.?!](?=\s|$)", text):
        if ABBREVIATIONS.search(text[max(0, m.start() - 4):m.end()]):
            continue
        yield start, m.end()
        start = m.end()
    if text[start:].strip():
        yield start, len(text)


def _link_pages(text: str) -> set[str]:
    """The pages (``backprop.md``) a piece of Markdown links to; a notebook's page counts as
    its lesson's.

    >>> sorted(_link_pages("[a](backprop.md#x), [b](../../loss/), [c](../02_forward_pass/)"))
    ['backprop.md', 'forward_pass.md', 'loss.md']
    """
    pages = set()
    for m in LINK.finditer(text):
        target = m.group(2).split("#")[0]
        if not target or "://" in target:
            continue
        stem = [part for part in target.split("/") if part and part not in ("..", ".")]
        if stem:
            name = stem[-1].removesuffix(".md").removesuffix(".ipynb")
            lesson = next((p.file for p in lessons.PAGES for nb in p.notebooks if nb.stem == name),
                          None)
            pages.add(lesson or f"{name}.md")     # a lesson's notebook stands for the lesson
    return pages


def _blank(m: re.Match) -> str:
    return re.sub(r"\S", " ", m.group(0))


def _patterns(concept: Concept, lang: str) -> list[re.Pattern]:
    out = [re.compile(s) for s in concept.symbols]
    if lang == "ko":
        out += [re.compile(r"\s+".join(map(re.escape, k.split()))) for k in concept.ko]
    else:
        for word in concept.en:
            flags = 0 if word.isupper() else re.IGNORECASE
            body = r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", word)))
            out.append(re.compile(rf"(?<![\w-]){body}(?:s|es)?(?![\w-])", flags))
    return out


def _later(concepts_: Iterable[Concept], here: int) -> list[Concept]:
    order = _order()
    return [c for c in concepts_ if c.page in order and order[c.page] > here]


def _check_prose(block: _Block, here: int, lang: str, file: str, todo) -> Iterator[Problem]:
    text = "\n".join(t for _, t in block.lines)
    starts, offset = [], 0
    for number, line in block.lines:
        starts.append((offset, number))
        offset += len(line) + 1
    clean = INLINE_CODE.sub(_blank, text)
    clean = LINK.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), clean)
    clean = NOISE.sub(_blank, QUOTED.sub(_blank, clean))
    hits: list[tuple[int, Problem]] = []
    for s, e in _sentences(text):
        linked = _link_pages(text[s:e])
        seen: set[tuple[int, int]] = set()
        for concept, patterns in todo:
            if concept.page in linked:
                continue
            for pattern in patterns:
                for m in pattern.finditer(clean, s, e):
                    if any(a <= m.start() < b for a, b in seen):
                        continue
                    seen.add((m.start(), m.end()))
                    line = max(n for o, n in starts if o <= m.start())
                    hits.append((m.start(), Problem(file, line, m.group(0).replace("\n", " "),
                                                    concept.page)))
    yield from (problem for _, problem in sorted(hits, key=lambda hit: hit[0]))


CODE_IMPORT = re.compile(
    r"from\s+mlp_lessons((?:\.\w+)*)\s+import\s+\(?([\w\s,]+)\)?|"
    r"import\s+mlp_lessons((?:\.\w+)+)|mlp_lessons((?:\.\w+)+)")


def _code_uses(code: str) -> Iterator[tuple[int, str, str | None]]:
    """(offset, what, page) of each use of a lesson's module or code name in ``code``."""
    for m in CODE_IMPORT.finditer(code):
        if m.group(2) is not None:
            base = m.group(1).lstrip(".")
            for name in re.findall(r"\w+", m.group(2).split("\n")[0] if "(" not in m.group(0)
                                   else m.group(2)):
                if name == "as":
                    break
                module, member = (f"{base}", name) if base else (name, "")
                what = f"mlp_lessons.{module}" + (f".{member}" if member else "")
                yield m.start(), what, module_page(module, member)
        else:
            dotted = (m.group(3) or m.group(4)).lstrip(".").split(".")
            module, member = dotted[0], ""
            if dotted[0] in ("figures", "pages") and len(dotted) > 1:
                module = ".".join(dotted[:2])
                member = dotted[2] if len(dotted) > 2 else ""
            elif len(dotted) > 1:
                member = dotted[1]
            yield m.start(), "mlp_lessons." + ".".join(dotted), module_page(module, member)
    for name, page in CODE_NAMES.items():
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", code):
            yield m.start(), name, page


def _check_code(block: _Block, here: int, file: str, inline: bool = False) -> Iterator[Problem]:
    order = _order()
    text = "\n".join(t for _, t in block.lines)
    starts, offset = [], 0
    for number, line in block.lines:
        starts.append((offset, number))
        offset += len(line) + 1
    pieces = ([(m.start(), m.group(0)) for m in INLINE_CODE.finditer(text)] if inline
              else [(0, text)])
    linked = _link_pages(block.before)
    for base, code in pieces:
        linked_here = linked
        if inline:
            for s, e in _sentences(text):
                if s <= base < e:
                    linked_here = _link_pages(text[s:e])
        for at, what, page in _code_uses(code):
            if page in order and order[page] > here and page not in linked_here:
                line = max(n for o, n in starts if o <= base + at)
                yield Problem(file, line, what, page)


def _check_lines(lines: list[str], page: str, lang: str, file: str) -> list[Problem]:
    here = position(page)
    if here is None or page == "index.md":
        return []
    todo = [(c, _patterns(c, lang)) for c in _later(concepts(), here)]
    found: list[Problem] = []
    for block in _blocks(lines):
        if block.kind == "prose":
            found += _check_prose(block, here, lang, file, todo)
            found += _check_code(block, here, file, inline=True)
        else:
            found += _check_code(block, here, file)
    return found


def check_text(text: str, page: str, lang: str, file: str | None = None) -> list[Problem]:
    r"""Every use before its time on the Markdown page ``page`` (``"activations.md"``) of
    edition ``lang`` (``"ko"`` or ``"en"``), reported as ``file`` (default ``page``).

    >>> check_text("Gradient descent comes later.\n", "activations.md", "en")[0].term
    'Gradient descent'
    >>> check_text('!!! warning "교재 정정"\n    교재의 경사하강법 식은 틀렸습니다.\n',
    ...            "activations.md", "ko")
    []
    """
    lessons._edition(lang)
    return _check_lines(text.split("\n"), page, lang, file or page)


def check_notebook(path: Path | str, page: str, lang: str, file: str | None = None) -> list[Problem]:
    """:func:`check_text` for a notebook ``page`` (``"notebooks/01_activations.ipynb"``):
    Markdown cells as prose, code cells as code; lines are reported as ``cell N:line``."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    found: list[Problem] = []
    for index, cell in enumerate(cells):
        source = "".join(cell["source"])
        if cell["cell_type"] == "code":
            source = "```python\n" + source + "\n```"
            shift = -1
        else:
            shift = 0
        for problem in check_text(source, page, lang, file or page):
            found.append(Problem(problem.file, f"cell {index}:{int(problem.line) + shift}",
                                 problem.term, problem.introduced_on))
    return found

"""Figure registry and deterministic SVG rendering.

Each lesson has a module ``mlp_lessons/figures/<lesson>.py`` defining
``FIGURES: dict[str, Callable[[], Figure]]``.  A figure function takes no
arguments, returns a :class:`matplotlib.figure.Figure` built with
``Figure()`` (never ``pyplot``, so nothing global) and draws nothing on
screen.  The site build (``hooks/figures.py``) renders every registered figure
to ``figures/<lesson>/<name>.svg``; a page shows it with::

    ![설명](figures/activations/sigmoid.svg)

Adding a figure is one entry in its lesson's ``FIGURES``.

Text in figures is written in both languages, ``tr("은닉층", "hidden layer")``:
the Korean edition renders with ``lang="ko"`` and the English edition with
``lang="en"`` (``write_all(out, lang="en")``,
``python -m mlp_lessons figures --out DIR --lang en``).
"""

from __future__ import annotations

import importlib
import io
import json
import logging
import re
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import matplotlib
import matplotlib.text
from matplotlib.figure import Figure

from mlp_lessons.lessons import PAGES

from ._style import LANGUAGE, LANGUAGES, SVG_HASHSALT, lesson_style, register_korean_font

__all__ = ["LANGUAGES", "LESSONS", "Drawing", "all_figures", "draw", "render_svg", "write_all",
           "write_lesson", "write_parallel", "lesson_style", "register_korean_font", "tr"]

#: Lessons with a figure module, in page order (``figures=True`` in :mod:`mlp_lessons.lessons`).
LESSONS = [page.slug for page in PAGES if page.figures]

#: The lessons whose figures train networks (``heavy_figures=True``) come first in
#: :func:`write_parallel`, the later (larger) lessons first, so that the workers finish at
#: about the same time.
HEAVY_FIRST = [page.slug for page in reversed(PAGES) if page.heavy_figures]

FigureFunc = Callable[[], Figure]


def tr(ko: str, en: str) -> str:
    """Return the text of a figure in the language being rendered: ``ko`` or ``en``.

    The language is set by :func:`lesson_style` (``write_all(out, lang=...)``);
    outside it, Korean.

    Examples
    --------
    >>> from mlp_lessons.figures import lesson_style, tr
    >>> tr("손실 함수", "loss function")
    '손실 함수'
    >>> with lesson_style("en"):
    ...     tr("손실 함수", "loss function")
    'loss function'
    """
    if not isinstance(ko, str) or not isinstance(en, str):
        raise TypeError(f"tr(ko, en) expects two str, got {type(ko).__name__} and {type(en).__name__}")
    return en if LANGUAGE.get() == "en" else ko


def diagram(figsize: tuple[float, float], xlim: tuple[float, float], ylim: tuple[float, float]):
    """A figure for a drawn diagram (a network, a graph): one axes filling it, equal scale on
    both axes, no frame or ticks.  Returns ``(fig, ax)``; ``xlim``/``ylim`` are data units.

    >>> fig, ax = diagram((4.0, 2.0), (0, 4), (0, 2))
    >>> [float(v) for v in ax.get_xlim()], ax.get_aspect(), ax.axison
    ([0.0, 4.0], 1.0, False)
    """
    fig = Figure(figsize=figsize)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def all_figures() -> dict[str, FigureFunc]:
    """Return every registered figure as ``{"<lesson>/<name>": function}``.

    Examples
    --------
    >>> from mlp_lessons.figures import all_figures
    >>> "activations/sigmoid" in all_figures()
    True
    """
    figures: dict[str, FigureFunc] = {}
    for lesson in LESSONS:
        module = importlib.import_module(f"{__name__}.{lesson}")
        for name, func in module.FIGURES.items():
            if not callable(func):
                raise TypeError(f"{lesson}.FIGURES[{name!r}] must be callable, got {func!r}")
            figures[f"{lesson}/{name}"] = func
    return figures


def render_svg(fig: Figure) -> bytes:
    """Return ``fig`` as SVG bytes that are identical every time; close the figure.

    Ids in the SVG come from a fixed ``svg.hashsalt``, no date is written and
    text is stored as paths, so the same figure always gives the same bytes.

    Examples
    --------
    >>> from mlp_lessons.figures.activations import sigmoid_figure
    >>> with lesson_style():
    ...     same = render_svg(sigmoid_figure()) == render_svg(sigmoid_figure())
    >>> same
    True
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"expected a matplotlib.figure.Figure, got {type(fig).__name__}")
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    fig.clear()
    return buffer.getvalue()


#: What Matplotlib says when a character has no glyph or a font is not found.
GLYPH_PROBLEM = re.compile(r"glyph|missing from|findfont", re.IGNORECASE)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def font_messages():
    """Collect what Matplotlib says about glyphs and fonts inside the block.

    Yields a list that, after the block, holds every warning and every Matplotlib log
    record (INFO and up) matching :data:`GLYPH_PROBLEM` (a missing glyph, a font not found).
    """
    logger = logging.getLogger("matplotlib")
    handler, level = _Records(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    messages: list[str] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    found = [str(w.message) for w in caught] + handler.messages
    messages.extend(m for m in found if GLYPH_PROBLEM.search(m))


class Drawing(dict):
    """One figure drawn in one language: ``svg`` (bytes), ``texts`` (every non-empty
    Text artist's string, as drawn) and ``font_messages`` (see :func:`font_messages`)."""


def draw(func: FigureFunc, lang: str = "ko", name: str = "figure") -> Drawing:
    """Draw the figure ``func()`` with its text in ``lang`` and render it to SVG.

    The texts are read during the one drawing :func:`render_svg` makes (tick labels
    get their text only when drawn), and the font messages are collected around it:
    the site build writes both beside the SVG (:func:`write_lesson`) for the figure
    tests to read.

    Examples
    --------
    >>> from mlp_lessons.figures.activations import sigmoid_figure
    >>> drawing = draw(sigmoid_figure, "en")
    >>> drawing["svg"][:5], drawing["font_messages"]
    (b'<?xml', [])
    >>> any("sigmoid" in text.lower() for text in drawing["texts"])
    True
    """
    with lesson_style(lang), font_messages() as messages:
        fig = func()
        if not isinstance(fig, Figure):
            raise TypeError(f"figure {name!r} must return a matplotlib.figure.Figure, "
                            f"got {type(fig).__name__}")
        texts: list[str] = []
        fig.canvas.mpl_connect("draw_event", lambda event: texts.extend(
            t.get_text() for t in fig.findobj(matplotlib.text.Text)))
        svg = render_svg(fig)
    return Drawing(svg=svg, texts=[t for t in texts if t], font_messages=messages)


def write_all(out_dir: str | Path, lang: str = "ko") -> list[Path]:
    """Render every registered figure to ``out_dir/<lesson>/<name>.svg``, text in ``lang``.

    Returns the written paths, sorted.
    """
    return sorted(path for lesson in LESSONS for path in write_lesson(out_dir, lesson, (lang,)))


def write_lesson(out_dir: str | Path, lesson: str, langs=("ko",)) -> list[Path]:
    """Render one lesson's figures in each language of ``langs``, one figure at a time.

    With one language the files go to ``out_dir/<lesson>/<name>.svg`` (as
    :func:`write_all`), with more to ``out_dir/<lang>/<lesson>/<name>.svg``.  Beside
    each SVG, ``<name>.json`` holds the drawing's ``texts`` and ``font_messages``
    (:func:`draw`) for the figure tests.  A
    figure is drawn in every language before the next one starts: the lessons
    cache what their figures compute (trained networks), so it is computed once.
    """
    module = importlib.import_module(f"{__name__}.{lesson}")
    written = []
    for name, func in sorted(module.FIGURES.items()):
        for lang in langs:
            drawing = draw(func, lang, f"{lesson}/{name}")
            path = Path(out_dir, *([lang] if len(langs) > 1 else []), lesson, f"{name}.svg")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(drawing["svg"])
            path.with_suffix(".json").write_text(json.dumps(
                {"texts": drawing["texts"], "font_messages": drawing["font_messages"]},
                ensure_ascii=False, indent=0), encoding="utf-8")
            written.append(path)
    return written


def write_parallel(out_dir: str | Path, langs=("ko",), jobs: int = 2) -> list[Path]:
    """:func:`write_lesson` for every lesson, in ``jobs`` forked worker processes.

    The workers start from this process (Matplotlib and the figure modules
    already imported) and take one lesson at a time, the heavy ones first.
    The SVGs are the same bytes as from :func:`write_all`.  Returns the
    written paths, sorted.
    """
    import multiprocessing

    all_figures()                          # import every figure module once, before forking
    order = [lesson for lesson in HEAVY_FIRST if lesson in LESSONS]
    order += [lesson for lesson in LESSONS if lesson not in order]
    tasks = [(out_dir, lesson, tuple(langs)) for lesson in order]
    if jobs <= 1:
        results = [write_lesson(*task) for task in tasks]
    else:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.starmap(write_lesson, tasks, chunksize=1)
    return sorted(path for paths in results for path in paths)

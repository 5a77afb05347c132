"""Every registered figure in both editions: small, deterministic, no missing glyph, English without Hangul.

The figure functions write their text as ``tr("한국어", "English")``
(:func:`mlp_lessons.figures.tr`); :func:`mlp_lessons.figures.lesson_style`
chooses the language.  Each figure is drawn twice, in one module-scoped fixture (some
figures train networks): in English, then in Korean.  Each SVG must have the same bytes
as the one the site build drew (fixture ``edition_site``: ``python -m mlp_lessons
figures --lang <lang>``, its own process per language, drawing that language only).
So the figures are deterministic across processes, and drawing English first leaves
nothing behind in the Korean figure.

The figure modules are imported before any language is chosen, so a string
computed at import time instead of at draw time would show up as Hangul in the
English figure.
"""

from __future__ import annotations

import importlib
import logging
import re
import warnings
from contextlib import contextmanager
from pathlib import Path

import matplotlib.text
import pytest
from matplotlib.figure import Figure

from mlp_lessons.figures import LESSONS, all_figures, lesson_style, render_svg

HANGUL = re.compile("[\u3131-\u318E\uAC00-\uD7A3]")
#: What Matplotlib says when a character has no glyph or a font is not found.
GLYPH_PROBLEM = re.compile(r"glyph|missing from|findfont", re.IGNORECASE)

FIGURES = all_figures()          # imported here, outside any language context


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _font_messages():
    """Collect warnings and Matplotlib log records (INFO and up) raised inside the block."""
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
    messages.extend(str(w.message) for w in caught)
    messages.extend(handler.messages)


def _draw(func, lang: str) -> dict:
    """Draw one figure in ``lang``: every Text artist's string, the SVG, font messages."""
    with lesson_style(lang), _font_messages() as messages:
        fig = func()
        assert isinstance(fig, Figure)
        texts: list[str] = []
        # Read the text at the end of render_svg's one drawing (tick labels get their text
        # when drawn); drawing the figure a second time could change its layout
        fig.canvas.mpl_connect("draw_event", lambda event: texts.extend(
            t.get_text() for t in fig.findobj(matplotlib.text.Text)))
        svg = render_svg(fig)
        assert texts, "render_svg drew nothing"
    return {"texts": [t for t in texts if t], "svg": svg,
            "font_messages": [m for m in messages if GLYPH_PROBLEM.search(m)]}


@pytest.fixture(scope="module")
def rendered() -> dict[str, dict[str, dict]]:
    """{figure key: {"en": ..., "ko": ...}}, drawn in that order (see the module docstring)."""
    out: dict[str, dict[str, dict]] = {}
    for key, func in sorted(FIGURES.items()):
        out[key] = {"en": _draw(func, "en")}
        out[key]["ko"] = _draw(func, "ko")
    return out


def test_the_message_capture_sees_a_missing_glyph():
    # Guard for the tests below: a character no lesson font has must be reported.
    def figure_with_a_missing_glyph():
        fig = Figure()
        fig.add_subplot().set_title("\u0d05")           # MALAYALAM LETTER A
        return fig

    assert _draw(figure_with_a_missing_glyph, "en")["font_messages"]


@pytest.mark.parametrize("key", sorted(FIGURES))
def test_english_figure_has_no_hangul(rendered, key):
    texts = rendered[key]["en"]["texts"]
    assert texts, "the figure should have some text"
    assert [t for t in texts if HANGUL.search(t)] == []


@pytest.mark.parametrize("key", sorted(FIGURES))
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_figure_has_no_missing_glyphs(rendered, key, lang):
    assert rendered[key][lang]["font_messages"] == []


@pytest.mark.parametrize("key", sorted(FIGURES))
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_figure_has_the_bytes_the_build_drew(rendered, edition_site, key, lang):
    built = edition_site(lang) / "figures" / f"{key}.svg"
    assert rendered[key][lang]["svg"] == built.read_bytes(), f"{built} differs from this drawing"


@pytest.mark.parametrize("key", sorted(FIGURES))
def test_language_switches_the_text(rendered, key):
    ko, en = rendered[key]["ko"], rendered[key]["en"]
    assert any(HANGUL.search(t) for t in ko["texts"]), "the Korean figure should have Korean text"
    assert ko["svg"] != en["svg"]
    assert ko["texts"] != en["texts"]


# --- every figure, whatever its lesson ---------------------------------------------------
# (one place for the checks every figure must pass; the lesson's own test file checks what
# its figures draw)

MAX_SVG_BYTES = 150_000
ROOT = Path(__file__).resolve().parents[1]
FIGURE_LINK = re.compile(r"\]\(figures/([a-z_]+)/([a-z_0-9]+)\.svg\)")


@pytest.mark.parametrize("key", sorted(FIGURES))
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_svg_is_small(rendered, key, lang):
    svg = rendered[key][lang]["svg"]
    assert svg.startswith(b"<?xml") and len(svg) < MAX_SVG_BYTES, len(svg)


@pytest.mark.parametrize("docs", ["docs", "docs_en"])
@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_page_shows_exactly_its_registered_figures(docs, lesson):
    text = (ROOT / docs / f"{lesson}.md").read_text(encoding="utf-8")
    shown = {name for page_lesson, name in FIGURE_LINK.findall(text) if page_lesson == lesson}
    assert shown == set(importlib.import_module(f"mlp_lessons.figures.{lesson}").FIGURES)


@pytest.mark.parametrize("docs", ["docs", "docs_en"])
def test_every_figure_link_names_a_registered_figure(docs):
    for page in sorted((ROOT / docs).glob("*.md")):
        for lesson, name in FIGURE_LINK.findall(page.read_text(encoding="utf-8")):
            assert f"{lesson}/{name}" in FIGURES, f"{page.name}: figures/{lesson}/{name}.svg is not registered"

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

import dataclasses
import importlib
import logging
import re
import warnings
from contextlib import contextmanager
from pathlib import Path

import matplotlib
import matplotlib.text
import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font

from mlp_lessons.figures import LESSONS, all_figures, lesson_style, render_svg
from mlp_lessons.figures._style import FONT_FAMILY, nanum_gothic_path

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


# --- the fonts: the files that come with the packages, whatever the machine has ----------
# Debian's fonts-nanum (installed for the browser tests) has a NanumGothic of its own, and
# Matplotlib prefers a system font to one added with addfont.  The SVGs hold the glyph
# outlines, so figures drawn with a system font would differ from machine to machine.

#: The bundled NanumGothic file (``nanum_gothic_path(style)``) for each weight the figures use.
BUNDLED_NANUM = {"normal": "", "semibold": "Bold", "bold": "ExtraBold"}


@pytest.mark.parametrize("weight", sorted(BUNDLED_NANUM))
def test_the_lesson_fonts_are_the_bundled_files(weight):
    with lesson_style():
        with _font_messages() as messages:
            hangul = font_manager.findfont(FontProperties(family=FONT_FAMILY, weight=weight),
                                           fallback_to_default=False)
        latin = font_manager.findfont(FontProperties(family="DejaVu Sans", weight=weight),
                                      fallback_to_default=False)
    assert Path(hangul) == nanum_gothic_path(BUNDLED_NANUM[weight])
    assert [m for m in messages if GLYPH_PROBLEM.search(m)] == []      # the exact weight
    # DejaVu Sans as shipped with Matplotlib, not a system copy (fonts-dejavu)
    assert Path(latin).parent == Path(matplotlib.get_data_path(), "fonts", "ttf")


@contextmanager
def _stand_in_system_nanum_gothic():
    """Inside the block a "system" NanumGothic, in every weight, is ahead of every other font.

    So the test below means the same on a machine with or without fonts-nanum.  The stand-in
    is the wheel's NanumGothicLight.ttf: other glyph outlines than the files the figures use.
    Yields its path.
    """
    path = str(nanum_gothic_path("Light"))
    entry = font_manager.ttfFontProperty(FT2Font(path))
    stand_ins = [dataclasses.replace(entry, name="NanumGothic", weight=weight)
                 for weight in (400, 600, 700, 800)]
    manager = font_manager.fontManager
    manager.ttflist = [*stand_ins, *manager.ttflist]
    # Private Matplotlib API: FontManager._findfont_cached (findfont's lru_cache) is cleared
    # so that no lookup made with the other font list is reused, here and after the block.
    manager._findfont_cached.cache_clear()
    try:
        yield path
    finally:
        manager.ttflist = [font for font in manager.ttflist
                           if not any(font is stand_in for stand_in in stand_ins)]
        manager._findfont_cached.cache_clear()


def test_hangul_is_drawn_with_the_bundled_files_whatever_else_is_installed():
    def draw(props) -> bytes:
        fig = Figure(figsize=(3, 1))
        fig.text(0.05, 0.6, "은닉층 가중치 0.5", **props("normal"))
        fig.text(0.05, 0.2, "역전파 학습", **props("bold"))
        return render_svg(fig)

    def bundled(weight):
        return {"fontproperties": FontProperties(fname=nanum_gothic_path(BUNDLED_NANUM[weight]))}

    with lesson_style():
        lesson_figure = render_svg(FIGURES["activations/sigmoid"]())
        reference = draw(bundled)                             # the bundled files, by path
        with _stand_in_system_nanum_gothic() as stand_in_path:
            # the stand-in is what the name "NanumGothic" gives now
            assert font_manager.findfont(FontProperties(family="NanumGothic")) == stand_in_path
            stand_in = draw(lambda weight: {"fontproperties": FontProperties(fname=stand_in_path)})
            with _font_messages() as messages:
                drawn = draw(lambda weight: {"fontweight": weight})
                lesson_figure_with_stand_in = render_svg(FIGURES["activations/sigmoid"]())
    assert [m for m in messages if GLYPH_PROBLEM.search(m)] == []
    assert stand_in != reference                              # the SVG tells the fonts apart
    assert drawn == reference
    assert lesson_figure_with_stand_in == lesson_figure

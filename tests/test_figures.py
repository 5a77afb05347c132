"""Every registered figure in both editions: small, no missing glyph, English without Hangul.

The figure functions write their text as ``tr("한국어", "English")``
(:func:`mlp_lessons.figures.tr`); :func:`mlp_lessons.figures.lesson_style`
chooses the language.  The site build draws each edition's figures once
(``hooks/figures.py`` runs ``python -m mlp_lessons figures --lang <lang>``, a process per
language, into ``.cache/figures/<sources hash>-<lang>/``), and beside each SVG writes what
:func:`mlp_lessons.figures.draw` saw while drawing it: every text drawn and every message
about glyphs and fonts.  These tests read those files (fixture ``drawn``) instead of
drawing the 2 × 62 figures again; that the same sources give the same bytes in another
process is gate 5 (``test_gate_reproducible.py``, two clean builds).

That command imports the figure modules before any language is chosen, so a string
computed at import time instead of at draw time would show up as Hangul in the
English figure.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import re
from contextlib import contextmanager
from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font

from conftest import ROOT, hook
from mlp_lessons.figures import LESSONS, all_figures, draw, font_messages, lesson_style, render_svg
from mlp_lessons.figures._style import FONT_FAMILY, nanum_gothic_path

HANGUL = re.compile("[\u3131-\u318E\uAC00-\uD7A3]")

FIGURES = all_figures()          # imported here, outside any language context


@pytest.fixture(scope="module")
def drawn(edition_site) -> dict[str, dict[str, dict]]:
    """{figure key: {"en": ..., "ko": ...}}: the build's drawing of each figure in each
    edition — ``svg`` (the site's file), ``texts`` and ``font_messages`` (the render's record)."""
    figures = hook("figures")
    digest = figures.sources_hash(ROOT)
    out: dict[str, dict[str, dict]] = {key: {} for key in FIGURES}
    for lang in ("ko", "en"):
        site, render = edition_site(lang), ROOT / figures.CACHE / f"{digest}-{lang}"
        for key in FIGURES:
            record = render / f"{key}.json"
            assert record.is_file(), f"the build left no record of {key} ({record})"
            out[key][lang] = {**json.loads(record.read_text(encoding="utf-8")),
                              "svg": (site / "figures" / f"{key}.svg").read_bytes()}
    return out


def test_the_message_capture_sees_a_missing_glyph():
    # Guard for the tests below: a character no lesson font has must be reported.
    def figure_with_a_missing_glyph():
        fig = Figure()
        fig.add_subplot().set_title("\u0d05")           # MALAYALAM LETTER A
        return fig

    assert draw(figure_with_a_missing_glyph, "en")["font_messages"]


def test_a_drawing_records_the_text_as_drawn():
    # Tick labels get their text only when drawn: the record must have them.
    def figure_with_ticks():
        fig = Figure()
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, 1])
        ax.set_title("제목")
        return fig

    texts = draw(figure_with_ticks, "ko")["texts"]
    assert "제목" in texts and any(t.replace("\u2212", "-") in ("0.0", "1.0") for t in texts), texts


def test_drawing_one_language_leaves_nothing_in_the_other():
    # write_parallel draws a lesson's figures in both languages in one process
    figure = FIGURES["activations/sigmoid"]
    english = draw(figure, "en")["svg"]
    draw(figure, "ko")
    assert draw(figure, "en")["svg"] == english


@pytest.mark.parametrize("key", sorted(FIGURES))
def test_english_figure_has_no_hangul(drawn, key):
    texts = drawn[key]["en"]["texts"]
    assert texts, "the figure should have some text"
    assert [t for t in texts if HANGUL.search(t)] == []


@pytest.mark.parametrize("key", sorted(FIGURES))
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_figure_has_no_missing_glyphs(drawn, key, lang):
    assert drawn[key][lang]["font_messages"] == []


@pytest.mark.parametrize("key", sorted(FIGURES))
def test_language_switches_the_text(drawn, key):
    ko, en = drawn[key]["ko"], drawn[key]["en"]
    assert any(HANGUL.search(t) for t in ko["texts"]), "the Korean figure should have Korean text"
    assert ko["svg"] != en["svg"]
    assert ko["texts"] != en["texts"]


# --- every figure, whatever its lesson ---------------------------------------------------
# (one place for the checks every figure must pass; the lesson's own test file checks what
# its figures draw)

MAX_SVG_BYTES = 150_000
FIGURE_LINK = re.compile(r"\]\(figures/([a-z_]+)/([a-z_0-9]+)\.svg\)")


@pytest.mark.parametrize("key", sorted(FIGURES))
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_svg_is_small(drawn, key, lang):
    svg = drawn[key][lang]["svg"]
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
        with font_messages() as messages:
            hangul = font_manager.findfont(FontProperties(family=FONT_FAMILY, weight=weight),
                                           fallback_to_default=False)
        latin = font_manager.findfont(FontProperties(family="DejaVu Sans", weight=weight),
                                      fallback_to_default=False)
    assert Path(hangul) == nanum_gothic_path(BUNDLED_NANUM[weight])
    assert messages == []      # the exact weight
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
    def draw_text(props) -> bytes:
        fig = Figure(figsize=(3, 1))
        fig.text(0.05, 0.6, "은닉층 가중치 0.5", **props("normal"))
        fig.text(0.05, 0.2, "역전파 학습", **props("bold"))
        return render_svg(fig)

    def bundled(weight):
        return {"fontproperties": FontProperties(fname=nanum_gothic_path(BUNDLED_NANUM[weight]))}

    with lesson_style():
        lesson_figure = render_svg(FIGURES["activations/sigmoid"]())
        reference = draw_text(bundled)                             # the bundled files, by path
        with _stand_in_system_nanum_gothic() as stand_in_path:
            # the stand-in is what the name "NanumGothic" gives now
            assert font_manager.findfont(FontProperties(family="NanumGothic")) == stand_in_path
            stand_in = draw_text(lambda weight: {"fontproperties": FontProperties(fname=stand_in_path)})
            with font_messages() as messages:
                by_weight = draw_text(lambda weight: {"fontweight": weight})
                lesson_figure_with_stand_in = render_svg(FIGURES["activations/sigmoid"]())
    assert messages == []
    assert stand_in != reference                              # the SVG tells the fonts apart
    assert by_weight == reference
    assert lesson_figure_with_stand_in == lesson_figure

"""The pictures of issue 17, item 4: the single unit, the linear layers that collapse into
one, the 2-2-1 network with its forward values (z and a), and the computational graph of
the backprop example.

The generic checks (registered = shown on the page, no Hangul in English, no missing glyph,
size) are ``tests/test_figures.py``'s; here: each figure shows the numbers the package
computes, by an independent route where there is one, and each page shows the figure with
alt text whose numbers are placeholders.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from mlp_lessons.data import chapter_params
from mlp_lessons.figures import activations as act_figs
from mlp_lessons.figures import all_figures, draw, lesson_style
from mlp_lessons.figures import backprop as bp_figs
from mlp_lessons.figures import forward_pass as fp_figs
from mlp_lessons.forward_pass import worked_example
from mlp_lessons.pages import PLACEHOLDER
from mlp_lessons.pages.activations import random_linear_stack

ROOT = Path(__file__).resolve().parents[1]
HANGUL = re.compile("[\u3131-\u318E\uAC00-\uD7A3]")

#: figure key → the page that shows it
NEW = {"activations/unit": "activations.md", "activations/linear_collapse": "activations.md",
       "forward_pass/forward_values": "forward_pass.md", "backprop/computational_graph": "backprop.md"}


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


@pytest.mark.parametrize("key", sorted(NEW))
def test_registered_and_drawn_in_both_languages(key):
    func = all_figures()[key]
    drawings = {lang: draw(func, lang, key) for lang in ("ko", "en")}
    for lang, d in drawings.items():
        assert d["font_messages"] == [], (key, lang, d["font_messages"])
        assert len(d["svg"]) < 150_000, (key, lang, len(d["svg"]))
    assert not [t for t in drawings["en"]["texts"] if HANGUL.search(t)]
    assert [t for t in drawings["ko"]["texts"] if HANGUL.search(t)]    # the Korean text is drawn in Korean


def test_the_graph_shows_the_worked_example():
    ex = worked_example(steps=1)          # forward_pass's own calculation, not output_unit_graph
    with lesson_style("en"):
        texts = " ".join(_texts(bp_figs.computational_graph_figure()))
    for value in (ex.dE_dw5, ex.a_y, ex.a_y - ex.target, ex.E, ex.z_y, ex.a1, ex.a2):
        assert f"{value:.6f}" in texts, (value, texts)
    delta = ex.factor1 * ex.factor2
    assert f"{delta:.6f}" in texts                                    # on the net_y line and the + node's inputs
    assert f"{delta * 0.5:.6f}" in texts and f"{delta * 0.6:.6f}" in texts   # towards out_h1, out_h2
    assert "\u2190 1" in texts                                         # backward starts with ∂E/∂E = 1


def test_the_graph_changes_with_the_sample():
    # drawn from the sample it is given, not from typed numbers
    with lesson_style("en"):
        base = _texts(bp_figs.computational_graph_figure())
        other = _texts(bp_figs.computational_graph_figure(x=(0.0, 1.0), target=1.0))
    assert base != other


def test_forward_values_show_z_and_a_of_every_unit():
    ex = worked_example(steps=1)
    texts = _texts(fp_figs.forward_values_figure())
    for name, value in (("z_1", ex.z1), ("a_1", ex.a1), ("z_2", ex.z2), ("a_2", ex.a2),
                        ("z_y", ex.z_y), ("a_y", ex.a_y)):
        assert f"${name} = {value:.3f}$" in texts, (name, texts)
    # the plain network figure is unchanged: no values of units
    assert not [t for t in _texts(fp_figs.network_figure()) if t.startswith(("$z_", "$a_"))]


def test_forward_values_notes_read_z_then_a():
    fig = fp_figs.forward_values_figure()
    where = {t.get_text()[:4]: t.get_position()[1] for ax in fig.axes for t in ax.texts}
    for z, a in (("$z_1", "$a_1"), ("$z_2", "$a_2"), ("$z_y", "$a_y")):
        assert where[z] > where[a], (z, where[z], a, where[a])      # z above a, read top to bottom


def test_linear_collapse_shows_the_product_of_the_pages_weights():
    weights, biases = random_linear_stack((2, 4, 3, 1), seed=0)
    W = np.linalg.multi_dot(weights)                                 # W1 W2 W3, independently of collapse_linear
    b = (biases[0] @ weights[1] + biases[1]) @ weights[2] + biases[2]
    texts = _texts(act_figs.linear_collapse_figure())
    for value in W.ravel():
        assert f"{value:.3f}" in texts, (value, texts)
    assert f"$b$ = {b[0]:.3f}" in texts
    assert "$W = W_1W_2W_3$ (2×1)" in texts


def test_the_unit_shows_the_pages_formula():
    texts = " ".join(_texts(act_figs.unit_figure()))
    for symbol in ("$x_1$", "$x_2$", "$w_1$", "$w_2$", "$b$", r"$\Sigma$", "$f$", "$z = w_1 x_1 + w_2 x_2 + b$",
                   "$a = f(z)$"):
        assert symbol in texts, symbol
    page = (ROOT / "docs" / "activations.md").read_text(encoding="utf-8")
    assert "z = w_1 x_1 + w_2 x_2 + b, \\qquad a = f(z)" in page


@pytest.mark.parametrize("edition", ["docs", "docs_en"])
@pytest.mark.parametrize("key", sorted(NEW))
def test_each_edition_shows_the_figure_with_alt_text(edition, key):
    text = (ROOT / edition / NEW[key]).read_text(encoding="utf-8")
    alts = re.findall(r"!\[([^\]]*)\]\(figures/" + re.escape(key) + r"\.svg\)", text)
    assert len(alts) == 1, f"{edition}/{NEW[key]} shows figures/{key}.svg {len(alts)} times"
    alt = alts[0]
    assert len(alt) > 60, alt
    assert bool(HANGUL.search(alt)) == (edition == "docs"), alt
    # every decimal number in the alt text comes from a placeholder
    assert not re.search(r"\d\.\d", PLACEHOLDER.sub("", alt)), alt

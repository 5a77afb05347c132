"""Tests of the page "MLP의 순방향 패스": its numbers (mlp_lessons.pages.forward_pass) and figures.

The page's ``>>>`` examples are run by Sybil (``pytest docs/forward_pass.md``);
here we check what the page shows through placeholders and images, against an
independent computation with ``math.exp`` and against the package's values.  The
numbers themselves are compared with the chapter's printed digits once, in
tests/test_forward_pass.py; here the chapter's digits come from the package
(``CHAPTER_NUMBERS``, ``CHAPTER_LAB_OUTPUTS``), never typed again.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from mlp_lessons.figures import forward_pass as figs
from mlp_lessons.forward_pass import (CHAPTER_NUMBERS, chapter_params, chapter_test_table, format_test_table,
                                      worked_example)
from mlp_lessons.pages import PLACEHOLDER, fill
from mlp_lessons.pages import forward_pass as page

PAGE = Path(__file__).resolve().parents[1] / "docs" / "forward_pass.md"


def _sig(z):
    return 1.0 / (1.0 + math.exp(-z))


@pytest.fixture(scope="module")
def numbers():
    return page.numbers()


# --- placeholders ---------------------------------------------------------------

def test_every_placeholder_on_the_page_has_a_number(numbers):
    text = PAGE.read_text(encoding="utf-8")
    found = list(PLACEHOLDER.finditer(text))
    assert len(found) > 50
    assert {m["lesson"] for m in found} == {"forward_pass"}
    filled = fill(text, {"forward_pass": numbers}, where=str(PAGE))
    assert "{{" not in filled and not PLACEHOLDER.search(filled)


def test_numbers_are_plain_python_values(numbers):
    for key, value in numbers.items():
        assert type(value) in (float, int, str), (key, type(value))


# --- the hand calculation ---------------------------------------------------------

def test_parameters_are_the_chapters(numbers):
    assert [numbers[f"w{i}"] for i in range(1, 7)] == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    assert [numbers[f"b{i}"] for i in range(1, 4)] == [0.1, 0.2, 0.3]
    assert (numbers["x1"], numbers["x2"], numbers["t"]) == (0.0, 0.0, 0.0)


def test_hand_calculation_independently(numbers):
    z1 = 0.1 * 0.0 + 0.3 * 0.0 + 0.1
    z2 = 0.2 * 0.0 + 0.4 * 0.0 + 0.2
    a1, a2 = _sig(z1), _sig(z2)
    z_y = 0.5 * a1 + 0.6 * a2 + 0.3
    a_y = _sig(z_y)
    for key, value in dict(z1=z1, z2=z2, a1=a1, a2=a2, z_y=z_y, a_y=a_y, err=a_y, E=0.5 * a_y ** 2).items():
        assert numbers[key] == pytest.approx(value, rel=1e-14), key


def test_hand_calculation_is_the_worked_example(numbers):
    # the lesson's one check against the chapter: tests/test_forward_pass.py (worked_example)
    ex = worked_example()
    for key in ("z1", "a1", "z2", "a2", "z_y", "a_y", "E"):
        assert numbers[key] == getattr(ex, key), key


def test_z_y_correction(numbers):
    # the page shows the chapter's z_y beside the true one: the chapter cut the digits off
    assert numbers["chapter_z_y"] == CHAPTER_NUMBERS["z_y"]
    assert f"{numbers['z_y']:.6f}" != numbers["chapter_z_y"]
    assert math.floor(numbers["z_y"] * 1e6) / 1e6 == float(numbers["chapter_z_y"])


def test_lab_outputs_match_the_chapter(numbers):
    keys = ["out_00", "out_01", "out_10", "out_11"]
    assert tuple(f"{numbers[k]:.8f}" for k in keys) == page.CHAPTER_LAB_OUTPUTS
    for key, (x1, x2) in zip(keys, [(0, 0), (0, 1), (1, 0), (1, 1)]):
        a1 = _sig(0.1 * x1 + 0.3 * x2 + 0.1)
        a2 = _sig(0.2 * x1 + 0.4 * x2 + 0.2)
        assert numbers[key] == pytest.approx(_sig(0.5 * a1 + 0.6 * a2 + 0.3), rel=1e-14)
    assert numbers["out_min"] == numbers["out_00"] and numbers["out_max"] == numbers["out_11"]


def test_exercise_numbers(numbers):
    assert numbers["z1_11"] == pytest.approx(0.5) and numbers["z2_11"] == pytest.approx(0.8)
    assert numbers["z_y_11"] == pytest.approx(0.5 * _sig(0.5) + 0.6 * _sig(0.8) + 0.3, rel=1e-14)


def test_lab_target_correction():
    # the first Lab's T is XOR; its printed second column comes from the later Lab's T
    X = [[0, 0], [0, 1], [1, 0], [1, 1]]
    with_xor = format_test_table(chapter_test_table(chapter_params(), X, [[0], [1], [1], [0]]))
    printed = format_test_table(chapter_test_table(chapter_params(), X, [[1], [0], [0], [1]]))
    assert [line.split()[2] for line in with_xor.splitlines()] == ["[0]", "[1]", "[1]", "[0]"]
    assert [line.split()[2] for line in printed.splitlines()] == ["[1]", "[0]", "[0]", "[1]"]
    assert [line.split()[-1].strip("[]") for line in printed.splitlines()] == list(page.CHAPTER_LAB_OUTPUTS)
    # the outputs do not depend on T, and they are deterministic (no random numbers)
    assert [line.split()[-1] for line in with_xor.splitlines()] == [line.split()[-1] for line in printed.splitlines()]
    assert with_xor == format_test_table(chapter_test_table(chapter_params(), X, [[0], [1], [1], [0]]))


def test_page_flags_the_corrections():
    text = PAGE.read_text(encoding="utf-8")
    # one-line flags on the lesson, the detail on the corrections page (tests/test_corrections.py)
    assert text.count('!!! warning "교재 정정"') >= 2
    for anchor in ('fp-z-y', 'fp-lab-code'):
        assert f"](corrections.md#{anchor})" in text, anchor
    corrections = (PAGE.parent / "corrections.md").read_text(encoding="utf-8")
    for phrase in ("닫는 괄호", "T = np.array([[1], [0], [0], [1]])", "난수", "고정된 값"):
        assert phrase in corrections, phrase


# --- figures ----------------------------------------------------------------------

def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_network_diagram_draws_the_2_2_1_network():
    fig = figs.network_figure()
    ax = fig.axes[0]
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(circles) == 5 and len(boxes) == 2 and len(arrows) == 9
    texts = _texts(fig)
    for label in ("$x_1$", "$x_2$", "$h_1$", "$h_2$", "$y$", "입력층", "은닉층", "출력층"):
        assert label in texts
    expected = {"w_1": 0.1, "w_2": 0.2, "w_3": 0.3, "w_4": 0.4, "w_5": 0.5, "w_6": 0.6,
                "b_1": 0.1, "b_2": 0.2, "b_3": 0.3}
    for name, value in expected.items():
        assert f"${name} = {value:.1f}$" in texts


def test_edges_follow_the_chapters_naming():
    # w2 goes x1 → h2 and w3 goes x2 → h1 (W1 = [[w1, w2], [w3, w4]])
    edges = {name: (src, dst, key, idx) for name, src, dst, key, idx in figs.EDGES}
    assert edges["w_2"] == ("x1", "h2", "W1", (0, 1))
    assert edges["w_3"] == ("x2", "h1", "W1", (1, 0))
    assert edges["w_6"] == ("h2", "y", "W2", (1, 0))


def test_forward_values_figure_annotates_the_units(numbers):
    texts = _texts(figs.forward_values_figure())
    assert f"$a_1 = {numbers['a1']:.3f}$" in texts
    assert f"$a_2 = {numbers['a2']:.3f}$" in texts
    assert f"$a_y = {numbers['a_y']:.3f}$" in texts


def test_network_diagram_backward_direction():
    fig = figs.network_diagram(direction="backward")
    texts = _texts(fig)
    assert rf"$\partial E/\partial w_5 = {worked_example().dE_dw5:.4f}$" in texts
    assert r"$\partial E/\partial w_1 = 0$" in texts           # input (0, 0)
    assert any(t.startswith(r"$\delta_{h1} = ") for t in texts)
    styles = [type(p.get_arrowstyle()).__name__ for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]
    assert styles.count("CurveFilledB") == 2                    # the delta flows back through w5 and w6
    forward_styles = [type(p.get_arrowstyle()).__name__
                      for p in figs.network_figure().axes[0].patches if isinstance(p, FancyArrowPatch)]
    assert forward_styles.count("CurveFilledB") == 9


def test_network_diagram_errors():
    with pytest.raises(ValueError, match="direction must be 'forward' or 'backward'"):
        figs.network_diagram(direction="sideways")
    wrong = {"W1": np.zeros((3, 2)), "B1": np.zeros(2), "W2": np.zeros((2, 1)), "B2": np.zeros(1)}
    with pytest.raises(ValueError, match="2-2-1"):
        figs.network_diagram(wrong)

"""Tests of the page "손실 함수": its numbers (mlp_lessons.pages.loss) and figures.

The page's ``>>>`` examples are run by Sybil (``pytest docs/loss.md``); here we
check what the page shows through placeholders and images, against independent
computations and the package's values.  The chapter's output and loss are compared
with its printed digits once, in tests/test_forward_pass.py; the Lab's printed
outputs come from the package (``CHAPTER_LAB_OUTPUTS``), never typed again.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from mlp_lessons.figures import lesson_style, render_svg
from mlp_lessons.figures import loss as figs
from mlp_lessons.forward_pass import worked_example
from mlp_lessons.pages import PLACEHOLDER, fill
from mlp_lessons.pages import loss as page
from mlp_lessons.pages.forward_pass import CHAPTER_LAB_OUTPUTS

PAGE = Path(__file__).resolve().parents[1] / "docs" / "loss.md"


def ref_sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def ref_chapter_output(x1: float, x2: float) -> float:
    """The chapter's 2-2-1 network by hand, with Python floats."""
    h1 = ref_sigmoid(0.1 * x1 + 0.3 * x2 + 0.1)
    h2 = ref_sigmoid(0.2 * x1 + 0.4 * x2 + 0.2)
    return ref_sigmoid(0.5 * h1 + 0.6 * h2 + 0.3)


@pytest.fixture(scope="module")
def numbers():
    return page.numbers()


# --- placeholders ---------------------------------------------------------------

def test_every_placeholder_on_the_page_has_a_number(numbers):
    text = PAGE.read_text(encoding="utf-8")
    found = list(PLACEHOLDER.finditer(text))
    assert found
    assert {m["lesson"] for m in found} == {"loss"}
    assert "{{" not in fill(text, {"loss": numbers}, where=str(PAGE))


def test_numbers_are_plain_python_values(numbers):
    for key, value in numbers.items():
        assert type(value) in (float, int, str), (key, type(value))


def test_chapter_example(numbers):
    # the chapter's output for input (0, 0), target 0, and its E = ½(0 − y)²: the worked example
    ex = worked_example()
    assert (numbers["a_y"], numbers["E"]) == pytest.approx((ex.a_y, ex.E), rel=1e-15)
    y = ref_chapter_output(0.0, 0.0)
    assert numbers["a_y"] == pytest.approx(y, rel=1e-14)
    assert numbers["E"] == pytest.approx(0.5 * y ** 2, rel=1e-14)
    assert numbers["dE_dy"] == pytest.approx(y, rel=1e-14)           # ∂E/∂y = y − t


def test_half_sum_is_not_the_mean_squared_error(numbers):
    # the chapter's name (평균 제곱 오차) vs its formula: the true MSE of one output is twice E
    assert numbers["mean_of_squares"] == pytest.approx(2 * numbers["E"], rel=1e-14)


def test_batch_of_the_four_xor_samples(numbers):
    # the four outputs the chapter's forward-pass Lab prints (8 decimals)
    keys = ["y_00", "y_01", "y_10", "y_11"]
    assert tuple(f"{numbers[key]:.8f}" for key in keys) == CHAPTER_LAB_OUTPUTS
    ys = [ref_chapter_output(a, b) for a, b in [(0, 0), (0, 1), (1, 0), (1, 1)]]
    ts = [0, 1, 1, 0]
    assert numbers["E_batch"] == pytest.approx(sum(0.5 * (y - t) ** 2 for y, t in zip(ys, ts)) / 4, rel=1e-13)


def test_confidently_wrong_gradients(numbers):
    p = numbers["cw_p"]
    assert p == 0.01
    assert ref_sigmoid(numbers["cw_z"]) == pytest.approx(p, rel=1e-12)
    assert numbers["cw_sse"] == pytest.approx(0.5 * (p - 1) ** 2, rel=1e-12)
    assert numbers["cw_ce"] == pytest.approx(-math.log(p), rel=1e-12)
    assert numbers["cw_sse_grad"] == pytest.approx((p - 1) * p * (1 - p), rel=1e-10)
    assert numbers["cw_ce_grad"] == pytest.approx(p - 1, rel=1e-12)
    assert numbers["cw_ratio"] == pytest.approx(1 / (p * (1 - p)), rel=1e-10)


def test_digit_example(numbers):
    T = np.eye(10)[3]
    for name in ("good", "bad"):
        z = page.DIGIT_LOGITS[name]
        p = np.exp(z) / np.exp(z).sum()
        assert numbers[f"digit_{name}_p_target"] == pytest.approx(p[3], rel=1e-12)
        assert numbers[f"digit_{name}_sse"] == pytest.approx(0.5 * np.sum((p - T) ** 2), rel=1e-12)
        assert numbers[f"digit_{name}_ce"] == pytest.approx(-math.log(p[3]), rel=1e-12)
    assert numbers["digit_good_argmax"] == 3 == numbers["digit_target"]
    assert numbers["digit_bad_argmax"] == 8
    assert numbers["digit_bad_ce"] > numbers["digit_good_ce"]


def test_exercise(numbers):
    y = ref_chapter_output(1.0, 1.0)
    assert numbers["ex_y"] == pytest.approx(y, rel=1e-14)
    assert numbers["ex_E"] == pytest.approx(0.5 * y ** 2, rel=1e-14)
    assert numbers["ex_dE_dy"] == pytest.approx(y, rel=1e-14)
    assert numbers["ex_E"] > numbers["E"]


# --- helpers --------------------------------------------------------------------

def test_sigmoid_output_grads_match_central_differences():
    z = np.array([-4.0, -1.0, 0.0, 0.5, 3.0])
    h = 1e-6
    for t in (0, 1):
        g = page.sigmoid_output_grads(z, t)
        plus, minus = page.sigmoid_output_grads(z + h, t), page.sigmoid_output_grads(z - h, t)
        assert np.allclose(g["sse_grad"], (plus["sse"] - minus["sse"]) / (2 * h), atol=1e-9)
        assert np.allclose(g["ce_grad"], (plus["ce"] - minus["ce"]) / (2 * h), atol=1e-9)
        p = np.array([ref_sigmoid(v) for v in z])
        assert np.allclose(g["ce"], -(t * np.log(p) + (1 - t) * np.log(1 - p)))
    with pytest.raises(ValueError, match="t must be 0 or 1"):
        page.sigmoid_output_grads([0.0], 2)


def test_logit_inverts_the_sigmoid():
    p = np.array([0.01, 0.3, 0.5, 0.99])
    assert np.allclose([ref_sigmoid(v) for v in page.logit(p)], p, rtol=1e-12)


# --- figures --------------------------------------------------------------------

def render(func):
    with lesson_style(), warnings.catch_warnings():
        warnings.simplefilter("error")              # e.g. "Glyph ... missing from font(s)"
        fig = func()
        assert isinstance(fig, Figure)
        return render_svg(fig)


def draw(func):
    with lesson_style(), warnings.catch_warnings():
        warnings.simplefilter("error")
        return func()


def test_sse_curve_marks_the_chapters_example():
    ax = draw(figs.sse_curve_figure).axes[0]
    lines = ax.get_lines()
    t0, t1 = lines[0], lines[1]
    y = np.asarray(t0.get_xdata())
    assert np.allclose(t0.get_ydata(), 0.5 * y ** 2)
    assert np.allclose(t1.get_ydata(), 0.5 * (y - 1) ** 2)
    marker = [line for line in lines if len(line.get_xdata()) == 1][0]
    ex = worked_example()
    assert (float(marker.get_xdata()[0]), float(marker.get_ydata()[0])) == pytest.approx((ex.a_y, ex.E), rel=1e-14)
    tangent = lines[2]
    slope = np.diff(tangent.get_ydata())[0] / np.diff(tangent.get_xdata())[0]
    assert slope == pytest.approx(ref_chapter_output(0, 0))


def test_sse_vs_ce_figure():
    fig = draw(figs.sse_vs_ce_figure)
    ax_l, ax_g = fig.axes
    sse_line, ce_line = ax_l.get_lines()[:2]
    p = np.asarray(sse_line.get_xdata())
    assert np.allclose(sse_line.get_ydata(), 0.5 * (p - 1) ** 2)
    assert np.allclose(ce_line.get_ydata(), -np.log(p))
    g_sse, g_ce = ax_g.get_lines()[:2]
    assert np.allclose(g_sse.get_ydata(), np.abs((p - 1) * p * (1 - p)))
    assert np.allclose(g_ce.get_ydata(), np.abs(p - 1))


def test_digit_outputs_figure():
    fig = draw(figs.digit_outputs_figure)
    assert len(fig.axes) == 2
    for ax, name in zip(fig.axes, ("good", "bad")):
        heights = np.array([patch.get_height() for patch in ax.patches])
        assert heights[:10].tolist() == np.eye(10)[3].tolist()
        z = page.DIGIT_LOGITS[name]
        assert np.allclose(heights[10:], np.exp(z) / np.exp(z).sum())

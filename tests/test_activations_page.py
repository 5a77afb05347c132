"""Tests of the page "활성화 함수": its numbers (mlp_lessons.pages.activations) and figures.

The page's ``>>>`` examples are run by Sybil (``pytest docs/activations.md``);
here we check what the page shows through placeholders and images.
"""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from mlp_lessons.activations import relu, sigmoid, step
from mlp_lessons.figures import lesson_style, render_svg
from mlp_lessons.figures import activations as figs
from mlp_lessons.pages import PLACEHOLDER, fill
from mlp_lessons.pages import activations as page

PAGE = Path(__file__).resolve().parents[1] / "docs" / "activations.md"


@pytest.fixture(scope="module")
def numbers():
    return page.numbers()


# --- placeholders ---------------------------------------------------------------

def test_every_placeholder_on_the_page_has_a_number(numbers):
    text = PAGE.read_text(encoding="utf-8")
    found = [m for m in PLACEHOLDER.finditer(text)]
    assert found, "the page shows derived numbers through placeholders"
    assert {m["lesson"] for m in found} == {"activations"}
    filled = fill(text, {"activations": numbers}, where=str(PAGE))
    assert "{{" not in filled


def test_numbers_are_plain_python_values(numbers):
    for key, value in numbers.items():
        assert type(value) in (float, int, str), (key, type(value))


def test_derivative_peaks(numbers):
    assert numbers["sigmoid_at_0"] == 0.5
    assert numbers["sigmoid_deriv_max"] == 0.25
    assert numbers["tanh_deriv_max"] == 1.0
    e = math.exp(-10.0)
    assert numbers["sigmoid_deriv_at_10"] == pytest.approx(e / (1 + e) ** 2, rel=1e-12)


def test_step_central_differences(numbers):
    assert numbers["step_diff_at_1"] == 0.0
    assert numbers["step_diff_at_0"] == pytest.approx(1 / (2 * 1e-6))


def test_chapter_threshold_differs_from_the_definition(numbers):
    assert numbers["threshold"] == 0.000001
    assert numbers["chapter_step_tiny"] == 0          # the chapter's code
    assert numbers["step_tiny"] == 1                  # its formula: 5e-7 > 0
    assert numbers["fp_residue"] == 0.1 + 0.2 - 0.3 > 0


def test_chapter_sigmoid_warns_but_package_does_not(numbers):
    with pytest.warns(RuntimeWarning, match="overflow"):
        page.chapter_sigmoid(-1000.0)
    assert numbers["chapter_sigmoid_m1000"] == 0.0 == numbers["sigmoid_m1000"]
    assert numbers["sigmoid_m30"] == pytest.approx(math.exp(-30) / (1 + math.exp(-30)), rel=1e-14)


def test_tanh_identity(numbers):
    assert numbers["tanh_identity_max_err"] < 1e-14


def test_derivative_forms_on_the_first_hidden_unit(numbers):
    # the page's unit: z1 = w1*0 + w3*0 + b1 at the input (0, 0), with the chapter's b1 = 0.1
    assert numbers["z1"] == 0.1
    a = 1 / (1 + math.exp(-0.1))
    assert numbers["a1"] == pytest.approx(a, rel=1e-15)
    assert numbers["deriv_at_z1"] == pytest.approx(a * (1 - a), rel=1e-14)
    assert numbers["deriv_at_a1"] == pytest.approx(numbers["deriv_at_z1"], rel=1e-14)
    # the output form given the weighted sum: z(1 - z), not the sigmoid's slope
    assert numbers["deriv_wrong_argument"] == pytest.approx(0.1 * 0.9, rel=1e-14)
    assert abs(numbers["deriv_wrong_argument"] - numbers["deriv_at_z1"]) > 0.1


def test_linear_collapse_numbers(numbers):
    assert numbers["collapse_max_diff"] < 1e-12
    assert numbers["relu_stack_max_diff"] > 0.1


def test_xor_numbers(numbers):
    assert numbers["xor_linear_output"] == 0.5
    # the page's argument: any linear layer has y(0,0) + y(1,1) == y(0,1) + y(1,0)
    W, b = page.xor_best_linear_fit()
    y = (page.XOR_X @ W + b).ravel()
    assert y[0] + y[3] == pytest.approx(y[1] + y[2], abs=1e-12)
    w1, w2, b0 = np.random.default_rng(5).normal(size=3)
    y = page.XOR_X @ np.array([w1, w2]) + b0
    assert y[0] + y[3] == pytest.approx(y[1] + y[2], abs=1e-12)


# --- helpers --------------------------------------------------------------------

def test_chapter_step_keeps_the_threshold():
    assert page.chapter_step(np.array([-1.0, 0.0, 5e-7, 2e-6])).tolist() == [0, 0, 0, 1]


def test_apply_stack_without_activation_is_affine():
    weights, biases = page.random_linear_stack((3, 5, 2), seed=4)
    X = np.random.default_rng(0).normal(size=(4, 3))
    ref = (X @ weights[0] + biases[0]) @ weights[1] + biases[1]
    assert np.allclose(page.apply_stack(X, weights, biases), ref)
    ref_relu = relu(X @ weights[0] + biases[0]) @ weights[1] + biases[1]
    assert np.allclose(page.apply_stack(X, weights, biases, relu), ref_relu)


def test_step_unit_loss_is_flat_for_step_and_smooth_for_sigmoid():
    w = np.linspace(-3, 3, 601)
    E_step = page.step_unit_loss(w, step)
    assert set(np.round(E_step, 12)) <= {0.0, 0.125, 0.25, 0.375, 0.5}
    E_sig = page.step_unit_loss(w, sigmoid)
    assert np.all(np.diff(E_sig) < 0)                 # strictly downhill: a gradient to follow
    # one-sample check by hand: w = 1, b = 0.5 → outputs step(-1.5), step(-0.5), step(1.5), step(2.5)
    assert page.step_unit_loss([1.0], step)[0] == 0.0


# --- figures --------------------------------------------------------------------

def render(func):
    with lesson_style(), warnings.catch_warnings():
        warnings.simplefilter("error")              # e.g. "Glyph ... missing from font(s)"
        fig = func()
        assert isinstance(fig, Figure)
        svg = render_svg(fig)
    return svg


def draw(func):
    with lesson_style(), warnings.catch_warnings():
        warnings.simplefilter("error")
        return func()


def _lines(ax):
    return [line for line in ax.get_lines() if len(line.get_xdata()) > 2]


def test_sigmoid_figure_draws_function_and_derivative():
    ax = draw(figs.sigmoid_figure).axes[0]
    f, d = _lines(ax)
    assert np.allclose(f.get_ydata(), sigmoid(f.get_xdata()))
    assert max(d.get_ydata()) == pytest.approx(0.25)


def test_step_figure_derivative_is_zero():
    ax = draw(figs.step_figure).axes[0]
    deriv = [line for line in ax.get_lines() if line.get_linestyle() == "--"][0]
    assert np.all(np.asarray(deriv.get_ydata()) == 0.0)
    values = {float(v) for line in ax.get_lines() for v in line.get_ydata()}
    assert values == {0.0, 1.0}


def test_tanh_and_relu_figures():
    f, d = _lines(draw(figs.tanh_figure).axes[0])
    assert np.allclose(f.get_ydata(), np.tanh(f.get_xdata()))
    assert max(d.get_ydata()) == pytest.approx(1.0)
    ax = draw(figs.relu_figure).axes[0]
    relu_line = _lines(ax)[0]
    assert np.array_equal(relu_line.get_ydata(), np.maximum(relu_line.get_xdata(), 0))


def test_all_figure_has_four_functions_and_four_derivatives():
    fig = draw(figs.all_figure)
    assert len(fig.axes) == 2
    for ax in fig.axes:
        labels = [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]
        assert labels == ["계단", "시그모이드", "tanh", "ReLU"]


def test_xor_fit_figure_bars():
    ax = draw(figs.xor_fit_figure).axes[0]
    heights = [round(p.get_height(), 9) for p in ax.patches]
    assert heights == [0, 1, 1, 0] + [0.5] * 4 + [0, 1, 1, 0]


def test_step_loss_figure_curves():
    ax = draw(figs.step_loss_figure).axes[0]
    step_line, sigmoid_line = ax.get_lines()
    y = np.asarray(step_line.get_ydata())
    finite = y[np.isfinite(y)]
    assert set(np.round(finite, 12)) <= {0.0, 0.125, 0.25, 0.375, 0.5}
    assert np.all(np.diff(sigmoid_line.get_ydata()) < 0)


def test_tiny_numbers_are_also_given_as_latex(numbers):
    assert page.sci_tex(4.5395807735907655e-05) == r"4.5 \times 10^{-5}"
    assert page.sci_tex(1234.0, 2) == r"1.23 \times 10^{3}"
    for key in ("sigmoid_deriv_at_10", "fp_residue", "collapse_max_diff", "tanh_identity_max_err"):
        mantissa, exponent = re.fullmatch(r"(\d\.\d) \\times 10\^\{(-?\d+)\}", numbers[f"{key}_tex"]).groups()
        assert float(mantissa) * 10 ** int(exponent) == pytest.approx(numbers[key], rel=0.06)


def test_the_one_unit_data_set_is_what_the_page_says():
    # the page: "x = -2, -1, 1, 2, 정답 t = 0, 0, 1, 1", y = f(w x + 0.5)
    assert page.STEP_DATA_X.tolist() == [-2.0, -1.0, 1.0, 2.0]
    assert page.STEP_DATA_T.tolist() == [0.0, 0.0, 1.0, 1.0]
    assert r"y = f(w x + 0.5)" in PAGE.read_text(encoding="utf-8")

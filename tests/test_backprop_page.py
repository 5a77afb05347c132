"""Tests of the page "역전파": its numbers (mlp_lessons.pages.backprop) and figures.

The page's ``>>>`` examples are run by Sybil (``pytest docs/backprop.md``); here
we check what the page shows through placeholders and images: against an
independent plain-Python computation of the chapter's 2-2-1 network, and against
the package's values.  Each number is compared with the chapter's printed digits
once, in tests/test_forward_pass.py (the worked example and ``chapter_comparison``);
here the chapter's digits come from ``CHAPTER_NUMBERS``, never typed again.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from mlp_lessons.figures import backprop as figs
from mlp_lessons.forward_pass import CHAPTER_NUMBERS, chapter_comparison, worked_example
from mlp_lessons.pages import PLACEHOLDER, fill
from mlp_lessons.pages import backprop as page
from mlp_lessons.pages import forward_pass as forward_pass_page

PAGE = Path(__file__).resolve().parents[1] / "docs" / "backprop.md"


def _sig(z):
    return 1.0 / (1.0 + math.exp(-z))


class Net:
    """The chapter's 2-2-1 sigmoid network in plain floats, written from the chapter's formulas."""

    def __init__(self):
        self.w = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
        self.b = [0.1, 0.2, 0.3]

    def forward(self, x1, x2):
        w1, w2, w3, w4, w5, w6 = self.w
        b1, b2, b3 = self.b
        a1 = _sig(w1 * x1 + w3 * x2 + b1)
        a2 = _sig(w2 * x1 + w4 * x2 + b2)
        return a1, a2, _sig(w5 * a1 + w6 * a2 + b3)

    def grads(self, x1, x2, t):
        """∂E/∂(w1..w6) and ∂E/∂(b1..b3) for E = ½ (t − out_y)²."""
        a1, a2, y = self.forward(x1, x2)
        w5, w6 = self.w[4], self.w[5]
        dy = (y - t) * y * (1 - y)
        d1 = dy * w5 * a1 * (1 - a1)
        d2 = dy * w6 * a2 * (1 - a2)
        return [d1 * x1, d2 * x1, d1 * x2, d2 * x2, dy * a1, dy * a2], [d1, d2, dy]

    def step(self, x1, x2, t, eta, which=("w", "b"), only_output=False):
        gw, gb = self.grads(x1, x2, t)
        for i in range(6):
            if "w" in which and (not only_output or i >= 4):
                self.w[i] -= eta * gw[i]
        for i in range(3):
            if "b" in which and (not only_output or i == 2):
                self.b[i] -= eta * gb[i]


@pytest.fixture(scope="module")
def numbers():
    return page.numbers()


# --- placeholders ---------------------------------------------------------------

def test_every_placeholder_on_the_page_has_a_number(numbers):
    text = PAGE.read_text(encoding="utf-8")
    found = list(PLACEHOLDER.finditer(text))
    assert len(found) > 50
    # the page's own numbers, and the chapter's parameters from the forward-pass lesson
    # (the interactive diagram's starting point)
    assert {m["lesson"] for m in found} <= {"backprop", "forward_pass"}
    assert sum(m["lesson"] == "backprop" for m in found) > 50
    filled = fill(text, {"backprop": numbers, "forward_pass": forward_pass_page.numbers()}, where=str(PAGE))
    assert "{{" not in filled and not PLACEHOLDER.search(filled)


def test_numbers_are_plain_python_values(numbers):
    for key, value in numbers.items():
        assert type(value) in (float, int, str), (key, type(value))


# --- ∂E/∂w5 by hand ----------------------------------------------------------------

def test_w5_factors_independently(numbers):
    a1, a2, y = Net().forward(0.0, 0.0)
    assert numbers["f1"] == pytest.approx(y - 0.0, rel=1e-14)
    assert numbers["f2"] == pytest.approx(y * (1 - y), rel=1e-14)
    assert numbers["f3"] == pytest.approx(a1, rel=1e-14)
    assert numbers["dE_dw5"] == pytest.approx(y * y * (1 - y) * a1, rel=1e-14)
    assert numbers["w5_new"] == pytest.approx(0.5 - 0.2 * y * y * (1 - y) * a1, rel=1e-14)
    assert numbers["w5_plus"] == pytest.approx(0.5 + 0.2 * y * y * (1 - y) * a1, rel=1e-14)
    assert numbers["E"] == pytest.approx(0.5 * y ** 2, rel=1e-14)


#: Page key → the worked example's field (tests/test_forward_pass.py compares those with the chapter).
WORKED = {"a1": "a1", "a2": "a2", "z_y": "z_y", "a_y": "a_y", "E": "E", "f1": "factor1", "f2": "factor2",
          "f3": "factor3", "dE_dw5": "dE_dw5", "w5_new": "w5_new", "out_1": "out_y_after_1",
          "E_1": "E_after_1", "out_n": "out_y_after_n", "E_n": "E_after_n"}


def test_the_page_shows_the_worked_example_and_the_chapters_digits(numbers):
    ex = worked_example(steps=page.STEPS, learning_rate=page.LEARNING_RATE)
    for key, field in WORKED.items():
        assert numbers[key] == pytest.approx(getattr(ex, field), rel=1e-14), key
    chapter = {k.removeprefix("chapter_"): v for k, v in numbers.items()
               if k.startswith("chapter_") and isinstance(v, str)}
    assert chapter and chapter == {k: CHAPTER_NUMBERS[k] for k in chapter}


def test_w5_matches_the_chapter_where_the_page_says_so(numbers):
    # the page corrects ② and ∂E/∂w5 (and the 10000-step values), and takes ①, ③, E and w5 as printed
    agrees = {name: ok for name, _, _, ok in chapter_comparison()}
    assert all(agrees[k] for k in ("factor1", "factor3", "E", "w5_new", "out_y_after_1", "E_after_1"))
    assert not any(agrees[k] for k in ("factor2", "dE_dw5", "out_y_after_n", "E_after_n"))


def test_w5_last_digit_corrections(numbers):
    # the chapter's ② and ∂E/∂w5 are cut off after 6 decimals, not rounded
    for true, printed in (("f2", "chapter_factor2"), ("dE_dw5", "chapter_dE_dw5")):
        assert f"{numbers[true]:.6f}" != numbers[printed]
        assert f"{math.floor(numbers[true] * 1e6) / 1e6:.6f}" == numbers[printed]
    # even the chapter's rounded factors multiply to a value that rounds to the true ∂E/∂w5
    factors = [float(CHAPTER_NUMBERS[k]) for k in ("factor1", "factor2", "factor3")]
    assert numbers["chapter_rounded_product"] == pytest.approx(math.prod(factors), rel=1e-15)
    assert f"{numbers['chapter_rounded_product']:.6f}" == f"{numbers['dE_dw5']:.6f}"


def test_sign_and_argument_corrections(numbers):
    # with "+" the loss grows; f'(out_y) taken literally is another number than out_y (1 - out_y)
    net = Net()
    net.w[4] = numbers["w5_plus"]
    assert 0.5 * net.forward(0.0, 0.0)[2] ** 2 > numbers["E"]
    net.w[4] = numbers["w5_new"]
    assert 0.5 * net.forward(0.0, 0.0)[2] ** 2 < numbers["E"]
    s = _sig(numbers["a_y"])
    assert numbers["fprime_at_out"] == pytest.approx(s * (1 - s), rel=1e-14)
    assert abs(numbers["fprime_at_out"] - numbers["f2"]) > 0.01


# --- gradient descent on the sample --------------------------------------------------

def test_descent_numbers_independently(numbers):
    net = Net()
    net.step(0.0, 0.0, 0.0, 0.2)
    y1 = net.forward(0.0, 0.0)[2]
    assert numbers["out_1"] == pytest.approx(y1, rel=1e-13)
    assert numbers["E_1"] == pytest.approx(0.5 * y1 ** 2, rel=1e-13)
    for _ in range(page.STEPS - 1):
        net.step(0.0, 0.0, 0.0, 0.2)
    yn = net.forward(0.0, 0.0)[2]
    assert numbers["out_n"] == pytest.approx(yn, rel=1e-9)
    assert numbers["E_n"] == pytest.approx(0.5 * yn ** 2, rel=1e-9)


def test_descent_after_one_step_matches_the_chapter(numbers):
    assert f"{numbers['out_1']:.6f}" == numbers["chapter_out_y_after_1"]
    assert f"{numbers['E_1']:.6f}" == numbers["chapter_E_after_1"]


def test_descent_after_10000_steps_differs_from_the_chapter(numbers):
    assert numbers["steps"] == 10000
    assert f"{numbers['out_n']:.6f}" != numbers["chapter_out_y_after_n"]
    assert f"{numbers['E_n']:.6f}" != numbers["chapter_E_after_n"]
    # the chapter's value is reached after about 40000 steps (the page's second run)
    assert numbers["long_steps"] == 40000
    long = worked_example(steps=page.LONG_STEPS, learning_rate=page.LEARNING_RATE)
    assert numbers["out_long"] == pytest.approx(long.out_y_after_n, rel=1e-9)
    assert numbers["E_long"] == pytest.approx(long.E_after_n, rel=1e-9)
    assert abs(numbers["out_long"] - float(numbers["chapter_out_y_after_n"])) < 2e-6
    # and ½·(the chapter's output)², which the chapter prints cut off, not rounded
    printed = float(numbers["chapter_out_y_after_n"])
    assert numbers["chapter_E_from_out"] == 0.5 * printed ** 2
    assert f"{math.floor(numbers['chapter_E_from_out'] * 1e6) / 1e6:.6f}" == numbers["chapter_E_after_n"]
    assert f"{numbers['chapter_E_from_out']:.6f}" != numbers["chapter_E_after_n"]


@pytest.mark.parametrize("eta", [0.1, 0.2, 0.5, 0.8, 1.0])
@pytest.mark.parametrize("only_output", [False, True])
def test_no_simple_setup_reproduces_both_printed_descent_values(eta, only_output):
    # what the page says: other learning rates, or training only the output layer,
    # do not give the chapter's printed outputs after 1 step and after 10000 steps
    net = Net()
    net.step(0.0, 0.0, 0.0, eta, only_output=only_output)
    after_1 = f"{net.forward(0.0, 0.0)[2]:.6f}"
    for _ in range(9999):
        net.step(0.0, 0.0, 0.0, eta, only_output=only_output)
    after_n = f"{net.forward(0.0, 0.0)[2]:.6f}"
    assert (after_1, after_n) != (CHAPTER_NUMBERS["out_y_after_1"], CHAPTER_NUMBERS["out_y_after_n"])


def test_descent_history():
    counts, outputs, losses = page.descent_history()
    assert counts[0] == 0 and counts[-1] == page.LONG_STEPS
    assert {1, page.STEPS, page.LONG_STEPS} <= set(counts.tolist())
    assert np.all(np.diff(counts) > 0)
    assert np.all(np.diff(outputs) < 0)                   # the output falls toward the target 0
    np.testing.assert_allclose(losses, 0.5 * outputs ** 2)
    n = page.numbers()
    assert outputs[0] == pytest.approx(n["a_y"], rel=1e-14)
    assert outputs[list(counts).index(1)] == pytest.approx(n["out_1"], rel=1e-13)
    assert outputs[list(counts).index(page.STEPS)] == pytest.approx(n["out_n"], rel=1e-12)
    assert outputs[-1] == pytest.approx(n["out_long"], rel=1e-12)


# --- hidden-layer deltas ----------------------------------------------------------------

def test_hidden_deltas_for_the_chapters_sample(numbers):
    net = Net()
    gw, gb = net.grads(0.0, 0.0, 0.0)
    a1, a2, y = net.forward(0.0, 0.0)
    assert numbers["delta_y"] == pytest.approx(gb[2], rel=1e-14)
    assert numbers["err_h1"] == pytest.approx(gb[2] * 0.5, rel=1e-14)
    assert numbers["fprime_h1"] == pytest.approx(a1 * (1 - a1), rel=1e-14)
    assert numbers["delta_h1"] == pytest.approx(gb[0], rel=1e-14)
    assert numbers["delta_h2"] == pytest.approx(gb[1], rel=1e-14)
    assert numbers["dE_db1"] == numbers["delta_h1"] > 0
    assert numbers["dE_dw1"] == 0.0                        # x1 = 0
    assert (numbers["w1_f3"], numbers["w1_f1"]) == (0.0, pytest.approx(numbers["err_h1"], rel=1e-14))
    assert numbers["dE_dw6"] == pytest.approx(gw[5], rel=1e-14)   # the exercise


def test_hidden_deltas_for_input_1_0(numbers):
    net = Net()
    gw, gb = net.grads(1.0, 0.0, 1.0)
    a1, a2, y = net.forward(1.0, 0.0)
    assert (numbers["x1_10"], numbers["x2_10"], numbers["t_10"]) == (1.0, 0.0, 1.0)
    assert numbers["a_y_10"] == pytest.approx(y, rel=1e-14)
    assert numbers["delta_y_10"] == pytest.approx(gb[2], rel=1e-14) and gb[2] < 0
    assert numbers["fprime_h1_10"] == pytest.approx(a1 * (1 - a1), rel=1e-14)
    assert numbers["delta_h1_10"] == pytest.approx(gb[0], rel=1e-14)
    assert numbers["dE_dw1_10"] == pytest.approx(gw[0], rel=1e-14) and gw[0] < 0
    assert numbers["dE_db1_10"] == pytest.approx(gb[0], rel=1e-14)
    assert numbers["w1_f3_10"] == 1.0


def test_gradient_check_number(numbers):
    assert 0 < numbers["gradcheck"] < 1e-6
    assert numbers["gradcheck_mantissa"] * 10.0 ** numbers["gradcheck_exponent"] == pytest.approx(
        numbers["gradcheck"], rel=0.05)
    assert 1.0 <= numbers["gradcheck_mantissa"] < 10.0


def test_chapter_output_unit_and_derivative_forms(numbers):
    # moved from the activations page: ② of the output unit from its output (the chapter's
    # actf_deriv(layer2)) equals the input form, and actf_deriv(Z2) is wrong
    ex = worked_example()
    assert numbers["z_y"] == pytest.approx(ex.z_y, rel=1e-15)
    assert numbers["a_y"] == pytest.approx(ex.a_y, rel=1e-15)
    assert numbers["deriv_from_output"] == pytest.approx(ex.factor2, rel=1e-14)
    assert numbers["deriv_from_output"] == pytest.approx(numbers["deriv_from_input"], rel=1e-14)
    # the chapter printed this value cut off, not rounded
    assert f"{numbers['deriv_from_output']:.6f}" != CHAPTER_NUMBERS["factor2"]
    assert math.floor(numbers["deriv_from_output"] * 1e6) / 1e6 == float(CHAPTER_NUMBERS["factor2"])
    a = _sig(numbers["z_y"])
    assert numbers["deriv_from_output"] == pytest.approx(a * (1 - a), rel=1e-14)
    z = numbers["z_y"]
    assert numbers["deriv_wrong_argument"] == pytest.approx(z * (1 - z), rel=1e-14)
    _, _, y = Net().forward(0.0, 0.0)
    assert numbers["dE_dw5_wrong_argument"] == pytest.approx(y * z * (1 - z) * _sig(0.1), rel=1e-12)
    assert numbers["dE_dw5_wrong_argument"] < numbers["dE_dw5"] / 2


def test_the_step_function_gets_no_gradient(numbers):
    # E(w) of y = f(w x + 0.5) on x = -2, -1, 1, 2 with targets 0, 0, 1, 1: the sample mean of ½ (y - t)²
    xs, ts, w, h = (-2.0, -1.0, 1.0, 2.0), (0.0, 0.0, 1.0, 1.0), numbers["step_w"], 1e-6

    def E(f, w):
        return sum(0.5 * (f(w * x + 0.5) - t) ** 2 for x, t in zip(xs, ts)) / len(xs)

    def step(z):
        return 1.0 if z > 0 else 0.0

    assert numbers["step_dE_dw"] == (E(step, w + h) - E(step, w - h)) / (2 * h) == 0.0
    assert numbers["sigmoid_dE_dw"] == pytest.approx((E(_sig, w + h) - E(_sig, w - h)) / (2 * h), abs=1e-8)
    assert numbers["sigmoid_dE_dw"] < 0
    assert r"y = f(w x + 0.5)" in PAGE.read_text(encoding="utf-8")


def test_page_flags_the_corrections():
    text = PAGE.read_text(encoding="utf-8")
    # one-line flags on the lesson, the detail on the corrections page (tests/test_corrections.py)
    assert text.count('!!! warning "교재 정정"') >= 2
    for anchor in ('bp-w5', 'bp-steps'):
        assert f"](corrections.md#{anchor})" in text, anchor
    corrections = (PAGE.parent / "corrections.md").read_text(encoding="utf-8")
    for phrase in ("부호", "f'(net_y)", "버린 값", "t \\, arg \\, et", "소실함수"):
        assert phrase in corrections, phrase


# --- figures ----------------------------------------------------------------------------

def test_loss_curve_draws_output_and_loss_on_log_axes(numbers):
    fig = figs.loss_curve_figure()
    assert len(fig.axes) == 2
    for ax in fig.axes:
        assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    out_ax, loss_ax = fig.axes
    curve = out_ax.lines[0]
    assert curve.get_ydata()[0] == pytest.approx(numbers["out_1"], rel=1e-12)
    assert curve.get_xdata()[-1] == page.LONG_STEPS
    np.testing.assert_allclose(loss_ax.lines[0].get_ydata(), 0.5 * curve.get_ydata() ** 2)
    # the chapter's printed values are drawn as red crosses at steps 1 and 10000
    crosses = [line for line in out_ax.lines if line.get_marker() == "x"]
    assert len(crosses) == 1
    assert list(crosses[0].get_xdata()) == [1, 10000]
    assert list(crosses[0].get_ydata()) == [float(CHAPTER_NUMBERS[k]) for k in ("out_y_after_1", "out_y_after_n")]


def test_delta_flow_figures_show_the_gradients(numbers):
    texts = [t.get_text() for t in figs.delta_flow_figure().axes[0].texts]
    assert r"$\partial E/\partial w_1 = 0$" in texts
    assert rf"$\partial E/\partial w_5 = {numbers['dE_dw5']:.4f}$" in texts
    assert rf"$\delta_{{h1}} = {numbers['delta_h1']:.4f}$" in texts
    texts = [t.get_text() for t in figs.delta_flow_other_figure().axes[0].texts]
    assert rf"$\partial E/\partial w_1 = {numbers['dE_dw1_10']:.4f}$" in texts
    assert r"$\partial E/\partial w_3 = 0$" in texts     # x2 = 0

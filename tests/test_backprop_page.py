"""Tests of the page "역전파": its numbers (mlp_lessons.pages.backprop) and figures.

The page's ``>>>`` examples are run by Sybil (``pytest docs/backprop.md``); here
we check what the page shows through placeholders and images: against an
independent plain-Python computation of the chapter's 2-2-1 network, and
against the chapter's printed values (asserting the true value where the
chapter is wrong).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from mlp_lessons.figures import backprop as figs
from mlp_lessons.forward_pass import CHAPTER_NUMBERS
from mlp_lessons.pages import PLACEHOLDER, fill
from mlp_lessons.pages import backprop as page

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
    assert {m["lesson"] for m in found} == {"backprop"}
    filled = fill(text, {"backprop": numbers}, where=str(PAGE))
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


def test_w5_matches_the_chapter_where_it_is_right(numbers):
    assert f"{numbers['f1']:.6f}" == CHAPTER_NUMBERS["factor1"] == "0.709383"
    assert f"{numbers['f3']:.6f}" == CHAPTER_NUMBERS["factor3"] == "0.524979"
    assert f"{numbers['E']:.6f}" == "0.251612"
    assert f"{numbers['w5_new']:.6f}" == "0.484645"


def test_w5_last_digit_corrections(numbers):
    # the chapter's ② and ∂E/∂w5 are cut off after 6 decimals, not rounded
    assert numbers["chapter_factor2"] == "0.206158" and f"{numbers['f2']:.6f}" == "0.206159"
    assert numbers["chapter_dE_dw5"] == "0.076775" and f"{numbers['dE_dw5']:.6f}" == "0.076776"
    assert f"{math.floor(numbers['f2'] * 1e6) / 1e6:.6f}" == "0.206158"
    assert f"{math.floor(numbers['dE_dw5'] * 1e6) / 1e6:.6f}" == "0.076775"
    # even the chapter's rounded factors multiply to a value that rounds to 0.076776
    assert f"{numbers['chapter_rounded_product']:.6f}" == "0.076776"


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
    assert f"{numbers['out_1']:.6f}" == numbers["chapter_out_y_after_1"] == "0.699553"
    assert f"{numbers['E_1']:.6f}" == numbers["chapter_E_after_1"] == "0.244687"


def test_descent_after_10000_steps_differs_from_the_chapter(numbers):
    assert numbers["steps"] == 10000
    assert f"{numbers['out_n']:.6f}" == "0.012088" != numbers["chapter_out_y_after_n"] == "0.005770"
    assert f"{numbers['E_n']:.6f}" == "0.000073" != numbers["chapter_E_after_n"] == "0.000016"
    # the chapter's value is reached after about 40000 steps
    assert numbers["long_steps"] == 40000
    assert f"{numbers['out_long']:.6f}" == "0.005771" and f"{numbers['E_long']:.6f}" == "0.000017"
    # and ½·0.005770² = 0.0000166…, which the chapter prints cut off as 0.000016
    assert f"{numbers['chapter_E_from_out']:.7f}" == "0.0000166"


@pytest.mark.parametrize("eta", [0.1, 0.2, 0.5, 0.8, 1.0])
@pytest.mark.parametrize("only_output", [False, True])
def test_no_simple_setup_reproduces_both_printed_descent_values(eta, only_output):
    # what the page says: other learning rates, or training only the output layer,
    # do not give the chapter's 0.699553 after 1 step and 0.005770 after 10000 steps
    net = Net()
    net.step(0.0, 0.0, 0.0, eta, only_output=only_output)
    after_1 = f"{net.forward(0.0, 0.0)[2]:.6f}"
    for _ in range(9999):
        net.step(0.0, 0.0, 0.0, eta, only_output=only_output)
    after_n = f"{net.forward(0.0, 0.0)[2]:.6f}"
    assert (after_1, after_n) != ("0.699553", "0.005770")


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


def test_page_flags_the_corrections():
    text = PAGE.read_text(encoding="utf-8")
    assert text.count('!!! warning "원문 정정"') >= 2
    for phrase in ("부호", "f'(net_y)", "버린 값", "t \\, arg \\, et", "소실함수"):
        assert phrase in text


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
    assert list(crosses[0].get_ydata()) == [0.699553, 0.005770]


def test_delta_flow_figures_show_the_gradients(numbers):
    texts = [t.get_text() for t in figs.delta_flow_figure().axes[0].texts]
    assert r"$\partial E/\partial w_1 = 0$" in texts
    assert rf"$\partial E/\partial w_5 = {numbers['dE_dw5']:.4f}$" in texts
    assert rf"$\delta_{{h1}} = {numbers['delta_h1']:.4f}$" in texts
    texts = [t.get_text() for t in figs.delta_flow_other_figure().axes[0].texts]
    assert rf"$\partial E/\partial w_1 = {numbers['dE_dw1_10']:.4f}$" in texts
    assert r"$\partial E/\partial w_3 = 0$" in texts     # x2 = 0

"""Backprop through the hidden layer, worked by hand (docs/backprop.md, "hidden-by-hand" and "two-outputs").

:func:`mlp_lessons.backprop.hidden_unit_factors` computes every factor of a hidden
weight's and a hidden bias's gradient from its formula, without calling
:func:`mlp_lessons.network.backward`; here the products are checked against
backprop and against central differences, on the page's samples (the chapter's
2-2-1 network with input (0, 1), the 2-2-2 network) and on random networks.
:func:`mlp_lessons.backprop.output_unit_graph` (the computational graph) is checked
the same way.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mlp_lessons.backprop import chain_rule_factors, hidden_unit_factors, numerical_gradient, output_unit_graph
from mlp_lessons.data import chapter_params
from mlp_lessons.network import backward, forward, init_params
from mlp_lessons.pages import PLACEHOLDER
from mlp_lessons.pages import backprop as page

ROOT = Path(__file__).resolve().parents[1]


def _backprop(params, x, t):
    return backward(params, forward(params, [list(x)], "sigmoid"), [list(t)], "sigmoid")


@pytest.fixture(scope="module")
def numbers():
    return page.numbers()


def _networks():
    """(name, params, x, t): the page's two networks and samples, and random ones with 1-3 outputs."""
    yield "chapter (0, 1) -> 1", chapter_params(), (0.0, 1.0), (1.0,)
    yield "two outputs", page.two_output_params(), (0.0, 1.0), (1.0, 0.0)
    rng = np.random.default_rng(7)
    for sizes in ([2, 3, 1], [3, 2, 2], [2, 4, 3]):
        params = init_params(sizes, seed=int(rng.integers(1000)))
        yield f"random {sizes}", params, rng.normal(size=sizes[0]), rng.uniform(size=sizes[-1])


@pytest.mark.parametrize("name, params, x, t", list(_networks()), ids=[n for n, *_ in _networks()])
def test_every_hidden_weight_and_bias_equals_backprop_and_central_differences(name, params, x, t):
    bp = _backprop(params, x, t).grads
    num = numerical_gradient(params, [list(x)], [list(t)])
    n0, n1 = params["W1"].shape
    for i in range(n0):
        for j in range(n1):
            f = hidden_unit_factors(params, x, t, i=i, j=j)
            assert f["dE_dw"] == pytest.approx(f["f1"] * f["f2"] * f["f3_w"], rel=1e-15)
            assert f["dE_dw"] == pytest.approx(bp["W1"][i, j], rel=1e-12, abs=1e-15), (name, i, j)
            assert f["dE_dw"] == pytest.approx(num["W1"][i, j], rel=1e-6, abs=1e-10), (name, i, j)
            assert f["dE_db"] == pytest.approx(bp["B1"][j], rel=1e-12, abs=1e-15), (name, j)
            assert f["dE_db"] == pytest.approx(num["B1"][j], rel=1e-6, abs=1e-10), (name, j)


@pytest.mark.parametrize("name, params, x, t", list(_networks()), ids=[n for n, *_ in _networks()])
def test_factor_one_is_the_sum_over_the_output_units(name, params, x, t):
    # ① = Σ_k δ_k w_jk: one term per output unit, equal to backprop's δ_out W2ᵀ
    bwd = _backprop(params, x, t)
    sent_back = (bwd.deltas[-1] @ params["W2"].T)[0]
    for j in range(params["W1"].shape[1]):
        f = hidden_unit_factors(params, x, t, i=0, j=j)
        assert len(f["terms"]) == params["W2"].shape[1]
        assert f["delta_out"] == pytest.approx(bwd.deltas[-1][0].tolist(), rel=1e-12)
        assert f["f1"] == pytest.approx(sum(f["terms"]), rel=1e-15)
        assert f["f1"] == pytest.approx(sent_back[j], rel=1e-12, abs=1e-15)
        assert f["delta_hidden"] == pytest.approx(bwd.deltas[0][0, j], rel=1e-12, abs=1e-15)


def test_with_one_output_the_hidden_factors_are_chain_rule_factors():
    p, (x, t) = chapter_params(), page.HIDDEN_SAMPLE
    f = hidden_unit_factors(p, x, [t], i=1, j=1)
    g = chain_rule_factors(p, x, [t], layer=1, i=1, j=1)
    assert (f["f1"], f["f2"], f["f3_w"]) == pytest.approx((g["dE_dout"], g["dout_dnet"], g["dnet_dw"]), rel=1e-12)


def test_the_two_output_example_needs_both_terms():
    # Dropping y2's term (what a one-output formula would do) gives the other sign.
    f = hidden_unit_factors(page.two_output_params(), *page.TWO_OUTPUT_SAMPLE, i=1, j=0)
    first, second = f["terms"]
    assert first < 0 < second and f["f1"] > 0
    assert np.sign(first * f["f2"]) != np.sign(_backprop(page.two_output_params(), *page.TWO_OUTPUT_SAMPLE)
                                                .grads["W1"][1, 0])


def test_the_graph_gives_every_edge_its_gradient():
    p = chapter_params()
    for x, t in (page.SAMPLE, page.HIDDEN_SAMPLE, page.OTHER_SAMPLE):
        g = output_unit_graph(p, x, [t])
        bwd = _backprop(p, x, [t])
        fwd = forward(p, [list(x)], "sigmoid")
        delta = bwd.deltas[1][0, 0]
        assert [w for w, _ in g["w"]] == p["W2"][:, 0].tolist()
        assert [dw for _, dw in g["w"]] == pytest.approx(bwd.grads["W2"][:, 0].tolist(), rel=1e-12)
        assert g["b"][1] == pytest.approx(bwd.grads["B2"][0], rel=1e-12)
        assert g["net"] == pytest.approx((fwd.Z[1][0, 0], delta), rel=1e-12)
        assert g["out"] == pytest.approx((fwd.output[0, 0], fwd.output[0, 0] - t), rel=1e-12)
        # what reaches the hidden outputs is ① of the hidden units
        assert [da for _, da in g["a"]] == pytest.approx((bwd.deltas[1] @ p["W2"].T)[0].tolist(), rel=1e-12)
        assert g["E"][1] == 1.0 and g["E"][0] == pytest.approx(0.5 * (fwd.output[0, 0] - t) ** 2, rel=1e-12)


def test_the_graph_values_match_central_differences():
    # ∂E/∂out_h1 by nudging the hidden output itself: E(out_h1 ± ε) through the output unit only
    p, (x, t), eps = chapter_params(), page.SAMPLE, 1e-6
    g = output_unit_graph(p, x, [t])
    a = np.array([v for v, _ in g["a"]])

    def loss(hidden):
        out = 1 / (1 + np.exp(-(hidden @ p["W2"][:, 0] + p["B2"][0])))
        return 0.5 * (out - t) ** 2

    for j in range(len(a)):
        step = np.eye(len(a))[j] * eps
        assert g["a"][j][1] == pytest.approx((loss(a + step) - loss(a - step)) / (2 * eps), rel=1e-7)


@pytest.mark.parametrize("call, expected", [
    (lambda: hidden_unit_factors(chapter_params(), [0.0, 1.0, 2.0], [1.0]), "one sample x of 2 inputs"),
    (lambda: hidden_unit_factors(chapter_params(), [0.0, 1.0], [1.0], i=2), "must index W1 of shape (2, 2)"),
    (lambda: hidden_unit_factors(init_params([2, 2, 2, 1], seed=0), [0.0, 1.0], [1.0]), "one hidden layer"),
    (lambda: output_unit_graph(chapter_params(), [0.0, 1.0], [1.0], k=1), "k must index an output unit"),
])
def test_wrong_arguments_say_what_was_expected(call, expected):
    with pytest.raises(ValueError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        call()


def test_the_page_numbers_are_the_hand_calculation(numbers):
    n = numbers
    assert (n["h_x1"], n["h_x2"], n["h_t"]) == (*page.HIDDEN_SAMPLE[0], page.HIDDEN_SAMPLE[1])
    assert n["h_delta_y"] == pytest.approx(n["h_out_minus_t"] * n["h_fprime_y"], rel=1e-15)
    assert n["h_f1"] == pytest.approx(n["h_delta_y"] * n["h_w6"], rel=1e-15)
    assert n["h_f2"] == pytest.approx(n["h_a2"] * (1 - n["h_a2"]), rel=1e-15)
    assert n["h_dE_dw4"] == pytest.approx(n["h_f1"] * n["h_f2"] * n["h_f3_w"], rel=1e-15)
    assert n["h_dE_db2"] == pytest.approx(n["h_f1"] * n["h_f2"] * n["h_f3_b"], rel=1e-15)
    assert n["h_w4_new"] == pytest.approx(n["h_w4"] - n["eta"] * n["h_dE_dw4"], rel=1e-15)
    assert n["h_num_diff"] < 1e-10                      # the page says: the same as by hand
    assert f"{n['h_num_dE_dw4']:.6f}" == f"{n['h_dE_dw4']:.6f}"
    assert f"{n['h_num_dE_db2']:.6f}" == f"{n['h_dE_db2']:.6f}"
    assert n["h_dE_dw4"] < 0 and n["h_w4_new"] > n["h_w4"]   # the page: "w4 grows"
    assert n["two_f1"] == pytest.approx(n["two_term1"] + n["two_term2"], rel=1e-15)
    assert n["two_term1"] == pytest.approx(n["two_delta_y1"] * n["two_w5"], rel=1e-15)
    assert n["two_term2"] == pytest.approx(n["two_delta_y2"] * n["two_w7"], rel=1e-15)
    assert n["two_delta_h1"] == pytest.approx(n["two_bp_delta_h1"], rel=1e-12)
    assert n["two_dE_dw3"] == pytest.approx(n["two_num_dE_dw3"], rel=1e-6)
    # the page: "the sum is positive, so y2 wins ... opposite sign of the one-output case"
    assert n["two_term1"] < 0 < n["two_f1"] and n["two_y1"] == pytest.approx(n["h_a_y"], rel=1e-15)


@pytest.mark.parametrize("edition", ["docs", "docs_en"])
def test_both_editions_show_every_factor(edition, numbers):
    text = (ROOT / edition / "backprop.md").read_text(encoding="utf-8")
    shown = {m["key"] for m in PLACEHOLDER.finditer(text) if m["lesson"] == "backprop"}
    needed = {"h_delta_y", "h_f1", "h_f2", "h_f3_w", "h_f3_b", "h_dE_dw4", "h_dE_db2", "h_num_dE_dw4",
              "h_num_dE_db2", "two_delta_y1", "two_delta_y2", "two_term1", "two_term2", "two_f1", "two_delta_h1"}
    assert needed <= shown, f"{edition}/backprop.md lacks {sorted(needed - shown)}"
    assert shown <= set(numbers), f"unknown keys {sorted(shown - set(numbers))}"
    assert "{ #hidden-by-hand }" in text and "{ #two-outputs }" in text

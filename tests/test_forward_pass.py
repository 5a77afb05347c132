"""Tests of mlp_lessons.forward_pass: the chapter's 2-2-1 network and its worked example."""

import numpy as np
import pytest

from mlp_lessons import data, network
from mlp_lessons.backprop import chain_rule_factors
from mlp_lessons.forward_pass import (CHAPTER_NUMBERS, WorkedExample, chapter_comparison, chapter_params,
                                      chapter_test_table, format_test_table, predict, worked_example)

XOR_INPUTS, T_XNOR, T_XOR = data.XOR_X, data.T_XNOR, data.T_XOR


@pytest.fixture(scope="module")
def example():
    return worked_example()


def test_chapter_params_values_and_fresh_copies():
    p = chapter_params()
    np.testing.assert_array_equal(p["W1"], [[0.10, 0.20], [0.30, 0.40]])
    np.testing.assert_array_equal(p["W2"], [[0.50], [0.60]])
    np.testing.assert_array_equal(p["B1"], [0.1, 0.2])
    np.testing.assert_array_equal(p["B2"], [0.3])
    assert all(v.dtype == np.float64 for v in p.values())
    p["W1"][0, 0] = 99.0
    assert chapter_params()["W1"][0, 0] == 0.10
    assert chapter_params is data.chapter_params          # defined once, re-exported by the lesson


def test_predict_shapes_and_values():
    layer0, layer1, layer2 = predict(chapter_params(), XOR_INPUTS)
    assert layer0.shape == (4, 2) and layer1.shape == (4, 2) and layer2.shape == (4, 1)
    np.testing.assert_array_equal(layer2.round(8).ravel(), [0.70938314, 0.72844306, 0.71791234, 0.73598705])
    # a single 1-D sample gives 1-D layers, as the chapter's np.dot would
    assert predict(chapter_params(), [0.0, 0.0])[2].shape == (1,)


def test_predict_agrees_with_network_forward():
    X = np.random.default_rng(0).normal(size=(5, 2))
    fwd = network.forward(chapter_params(), X, "sigmoid")
    layers = predict(chapter_params(), X)
    for a, b in zip(layers, fwd.layers):
        np.testing.assert_array_equal(a, b)


def test_predict_does_not_modify_inputs():
    p, x = chapter_params(), np.array([[1.0, 1.0]])
    before = {k: v.copy() for k, v in p.items()}
    predict(p, x)
    for k in p:
        np.testing.assert_array_equal(p[k], before[k])
    np.testing.assert_array_equal(x, [[1.0, 1.0]])


def test_predict_rejects_bad_input():
    with pytest.raises(ValueError, match="x must have 2 values per sample"):
        predict(chapter_params(), [[0.0, 0.0, 0.0]])
    deep = network.init_params([2, 2, 2, 1], seed=0)
    with pytest.raises(ValueError, match="one hidden layer"):
        predict(deep, [[0.0, 0.0]])
    with pytest.raises(TypeError, match="x must be an array of numbers"):
        predict(chapter_params(), "00")


def test_untrained_test_table_prints_like_the_chapter():
    # The chapter's first test() output shows targets 1,0,0,1 although its code sets T to XOR (0,1,1,0).
    rows = chapter_test_table(chapter_params(), XOR_INPUTS, T_XNOR)
    assert format_test_table(rows).splitlines() == [
        "[[0 0]] [1] [[0.70938314]]",
        "[[0 1]] [0] [[0.72844306]]",
        "[[1 0]] [0] [[0.71791234]]",
        "[[1 1]] [1] [[0.73598705]]",
    ]
    xor_rows = chapter_test_table(chapter_params(), XOR_INPUTS, T_XOR)
    assert [r[1][0] for r in xor_rows] == [0.0, 1.0, 1.0, 0.0]
    assert all(r[0].shape == (1, 2) and r[2].shape == (1, 1) for r in rows)


def test_test_table_rejects_mismatched_rows():
    with pytest.raises(ValueError, match="one row per sample, got 4 and 3 rows"):
        chapter_test_table(chapter_params(), XOR_INPUTS, T_XNOR[:3])


def test_worked_example_forward_pass(example):
    assert isinstance(example, WorkedExample)
    assert example.z1 == pytest.approx(0.1) and example.z2 == pytest.approx(0.2)
    assert round(example.a1, 6) == 0.524979
    assert round(example.a2, 6) == 0.549834
    assert round(example.a_y, 6) == 0.709383
    assert round(example.E, 6) == 0.251612
    # the chapter prints 0.892389 (and 0.89239 a page later): the true value rounds to 0.892390
    assert round(example.z_y, 6) == 0.892390
    assert example.z_y - 0.892389 == pytest.approx(1e-6, abs=1e-7)


def test_worked_example_chain_rule(example):
    assert round(example.factor1, 6) == 0.709383
    assert example.factor3 == example.a1
    # the chapter truncates: 0.206158 and 0.076775; correctly rounded they are 0.206159 and 0.076776
    assert round(example.factor2, 6) == 0.206159
    assert round(example.dE_dw5, 6) == 0.076776
    assert 0.206158 < example.factor2 < 0.206159 and 0.076775 < example.dE_dw5 < 0.076776
    assert round(example.w5_new, 6) == 0.484645
    assert example.w5_new == pytest.approx(0.5 - 0.2 * example.dE_dw5, abs=1e-15)


def test_worked_example_matches_general_backprop(example):
    p = chapter_params()
    fwd = network.forward(p, [[0.0, 0.0]], "sigmoid")
    bwd = network.backward(p, fwd, [[0.0]], "sigmoid", "sse")
    assert example.dE_dw5 == pytest.approx(float(bwd.grads["W2"][0, 0]), rel=1e-14)
    assert network.loss_value(p, [[0.0, 0.0]], [[0.0]]) == pytest.approx(example.E, rel=1e-14)
    f = chain_rule_factors(p, [0.0, 0.0], [0.0], layer=2, i=0, j=0)
    assert (f["dE_dout"], f["dout_dnet"], f["dnet_dw"]) == pytest.approx(
        (example.factor1, example.factor2, example.factor3), rel=1e-14)
    new = network.update(p, bwd.grads, 0.2)
    assert new["W2"][0, 0] == pytest.approx(example.w5_new, rel=1e-14)


def _network_descent(steps, learning_rate=0.2):
    p = chapter_params()
    for _ in range(steps):
        fwd = network.forward(p, [[0.0, 0.0]], "sigmoid")
        p = network.update(p, network.backward(p, fwd, [[0.0]]).grads, learning_rate)
    return float(network.forward(p, [[0.0, 0.0]], "sigmoid").output[0, 0])


def test_one_step_on_all_weights_and_biases_reproduces_the_chapter(example):
    assert round(example.out_y_after_1, 6) == 0.699553
    assert round(example.E_after_1, 6) == 0.244687
    assert example.out_y_after_1 == pytest.approx(_network_descent(1), rel=1e-14)


def test_n_steps_agree_with_general_backprop():
    ex = worked_example(steps=300)
    assert ex.out_y_after_n == pytest.approx(_network_descent(300), rel=1e-12)


def test_after_10000_steps_the_chapter_number_is_not_reproduced(example):
    # The true value after 10000 steps (η = 0.2, all weights and biases) is 0.012088 / E 0.000073.
    assert round(example.out_y_after_n, 6) == 0.012088
    assert round(example.E_after_n, 6) == 0.000073
    # The chapter's 0.005770 is what about 40000 steps give (40006..40018 round to it).
    assert round(worked_example(steps=40010).out_y_after_n, 6) == 0.005770
    assert round(worked_example(steps=40000).out_y_after_n, 6) == 0.005771
    # and 0.000016 is ½·0.005770² = 0.0000166 truncated, not rounded
    assert round(0.5 * 0.005770 ** 2, 6) == 0.000017


def test_only_this_setup_reproduces_one_step():
    # updating only W2 (no biases) or a different η does not give 0.699553
    assert round(worked_example(steps=1, learning_rate=0.25).out_y_after_1, 6) != 0.699553
    p = chapter_params()
    fwd = network.forward(p, [[0.0, 0.0]])
    g = network.backward(p, fwd, [[0.0]]).grads
    g_no_bias = {k: (v if k.startswith("W") else np.zeros_like(v)) for k, v in g.items()}
    q = network.update(p, g_no_bias, 0.2)
    assert round(float(network.forward(q, [[0.0, 0.0]]).output[0, 0]), 6) == 0.705886


def test_chapter_comparison_lists_the_corrections(example):
    rows = chapter_comparison(example)
    assert [r[0] for r in rows] == list(CHAPTER_NUMBERS)
    wrong = {name: (book, true) for name, book, true, ok in rows if not ok}
    assert wrong == {
        "z_y": ("0.892389", "0.892390"),
        "factor2": ("0.206158", "0.206159"),
        "dE_dw5": ("0.076775", "0.076776"),
        "out_y_after_n": ("0.005770", "0.012088"),
        "E_after_n": ("0.000016", "0.000073"),
    }
    with pytest.raises(TypeError, match="example must be a WorkedExample"):
        chapter_comparison({"a1": 0.5})


def test_worked_example_is_frozen_and_validates(example):
    with pytest.raises(AttributeError):
        example.a1 = 0.0
    with pytest.raises(ValueError, match="steps must be an integer >= 1, got 0"):
        worked_example(steps=0)
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        worked_example(learning_rate=-0.2)
    with pytest.raises(TypeError, match="steps must be an integer"):
        worked_example(steps=1.5)

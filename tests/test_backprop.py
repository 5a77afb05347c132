"""Tests of backpropagation (mlp_lessons.network.backward, mlp_lessons.backprop).

Backprop is checked against central differences for several shapes (1 to 3
hidden layers), every activation and both losses; the chapter's three
chain-rule factors are checked against backprop's gradient; and the chapter's
hand-computed w5 example against its printed numbers.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import mlp_lessons.backprop as bp_module
from mlp_lessons.backprop import chain_rule_factors, gradient_check, numerical_gradient
from mlp_lessons.data import T_XOR, XOR_X, chapter_params
from mlp_lessons.network import backward, forward, init_params, loss_value, update


#: 1, 2 and 3 hidden layers
SHAPES = [[2, 3, 1], [3, 4, 2], [3, 4, 5, 2], [2, 5, 3, 4, 3]]
#: every activation with a useful derivative (step: see below)
SMOOTH = ["sigmoid", "tanh", "relu", "linear"]


#: The nudge for central differences in these tests.  The loss is known to about
#: 1e-16 of its size, so a numerical gradient carries an absolute error of about
#: 1e-16 * E / EPS; with EPS = 1e-5 even components of size 1e-6 (deep sigmoid
#: layers) stay below a relative error of 1e-6, while the truncation error
#: (about EPS**2) stays far below it too.
EPS = 1e-5


def _data(sizes, n=6, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, sizes[0]))
    T = rng.uniform(size=(n, sizes[-1]))
    return X, T


def _params(sizes, seed):
    """Glorot weights with random nonzero biases (no net input sits exactly at ReLU's kink)."""
    params = init_params(sizes, seed=seed)
    rng = np.random.default_rng(seed + 1000)
    for l in range(1, len(sizes)):
        params[f"B{l}"] = rng.normal(scale=0.5, size=sizes[l])
    return params


# --- numerical gradient check -------------------------------------------------

@pytest.mark.parametrize("sizes", SHAPES)
@pytest.mark.parametrize("activation", SMOOTH)
def test_gradient_check_sse_every_activation(sizes, activation):
    params = _params(sizes, seed=11)
    X, T = _data(sizes)
    # relu: make sure no net input sits within a nudge of the kink at 0
    fwd = forward(params, X, activation)
    assert min(np.abs(Z).min() for Z in fwd.Z) > 1e-3
    assert gradient_check(params, X, T, activation, eps=EPS) < 1e-6


@pytest.mark.parametrize("sizes", SHAPES)
def test_gradient_check_sse_mixed_activations(sizes):
    L = len(sizes) - 1
    acts = (["relu", "tanh", "linear"] * 2)[: L - 1] + ["sigmoid"]
    params = init_params(sizes, seed=12, method="uniform01")
    X, T = _data(sizes, seed=13)
    assert gradient_check(params, X, T, acts, eps=EPS) < 1e-6


@pytest.mark.parametrize("sizes", SHAPES)
@pytest.mark.parametrize("hidden", SMOOTH)
def test_gradient_check_softmax_cross_entropy(sizes, hidden):
    sizes = sizes[:-1] + [3]
    acts = [hidden] * (len(sizes) - 2) + ["softmax"]
    params = _params(sizes, seed=21)
    X, _ = _data(sizes, seed=22)
    assert min(np.abs(Z).min() for Z in forward(params, X, acts).Z) > 1e-3
    labels = np.random.default_rng(23).integers(0, 3, size=len(X))
    assert gradient_check(params, X, labels, acts, loss="cross_entropy", eps=EPS) < 1e-6
    assert gradient_check(params, X, np.eye(3)[labels], acts, loss="cross_entropy", eps=EPS) < 1e-6


def test_gradient_check_chapter_network_every_xor_sample():
    X, T = XOR_X, T_XOR
    assert gradient_check(chapter_params(), X, T) < 1e-6
    for x, t in zip(X, T):
        assert gradient_check(chapter_params(), x[None], t[None]) < 1e-6


def test_step_hidden_layer_gets_zero_gradient():
    # step'(z) = 0 wherever it exists: nothing flows back through a step layer.
    # Away from z = 0 the loss really is flat in those weights, so the
    # numerical gradient agrees (0), and the output layer's gradient still checks.
    params = _params([3, 4, 1], seed=31)
    X, T = _data([3, 4, 1], seed=32)
    acts = ["step", "sigmoid"]
    assert np.abs(forward(params, X, acts).Z[0]).min() > 1e-4
    bwd = backward(params, forward(params, X, acts), T, acts)
    np.testing.assert_array_equal(bwd.grads["W1"], 0.0)
    np.testing.assert_array_equal(bwd.grads["B1"], 0.0)
    assert np.abs(bwd.grads["W2"]).max() > 1e-3
    num = numerical_gradient(params, X, T, acts)
    np.testing.assert_array_equal(num["W1"], 0.0)
    assert gradient_check(params, X, T, acts) < 1e-6


def test_step_output_cannot_learn():
    params = init_params([2, 3, 1], seed=33)
    X, T = _data([2, 3, 1], seed=34)
    bwd = backward(params, forward(params, X, "step"), T, "step")
    for g in bwd.grads.values():
        np.testing.assert_array_equal(g, 0.0)
    new = update(params, bwd.grads, 0.5)
    assert loss_value(new, X, T, "step") == loss_value(params, X, T, "step")


def test_gradient_check_detects_a_wrong_backward(monkeypatch):
    # The check must have teeth: a backward that gets one factor wrong fails it.
    params = init_params([2, 3, 1], seed=41)
    X, T = _data([2, 3, 1], seed=42)
    real_backward = bp_module.backward

    def wrong_backward(*args, **kwargs):
        result = real_backward(*args, **kwargs)
        result.grads["W1"] = result.grads["W1"] * 1.01
        return result

    monkeypatch.setattr(bp_module, "backward", wrong_backward)
    assert gradient_check(params, X, T) > 1e-3


def test_numerical_gradient_of_a_linear_layer_is_known():
    # One linear layer with sse: E = 1/(2n) ||XW + B - T||^2, so dE/dW = X^T (XW + B - T)/n.
    rng = np.random.default_rng(51)
    X, T = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    params = {"W1": rng.normal(size=(3, 2)), "B1": rng.normal(size=2)}
    R = X @ params["W1"] + params["B1"] - T
    num = numerical_gradient(params, X, T, "linear")
    np.testing.assert_allclose(num["W1"], X.T @ R / 5, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(num["B1"], R.sum(axis=0) / 5, rtol=1e-7, atol=1e-9)


def test_numerical_gradient_never_mutates_params():
    params = chapter_params()
    saved = {k: v.copy() for k, v in params.items()}
    numerical_gradient(params, [[1.0, 0.0]], [[1.0]])
    for key in params:
        np.testing.assert_array_equal(params[key], saved[key])


# --- the chapter's chain rule -------------------------------------------------

def _sig(z):
    return 1.0 / (1.0 + math.exp(-z))


def test_chain_rule_factors_chapter_w5():
    f = chain_rule_factors(chapter_params(), [0.0, 0.0], [0.0], layer=2, i=0, j=0)
    a1 = _sig(0.1)
    y = _sig(0.5 * a1 + 0.6 * _sig(0.2) + 0.3)
    assert f["dE_dout"] == pytest.approx(y, rel=1e-14)              # ① out_y - target
    assert f["dout_dnet"] == pytest.approx(y * (1 - y), rel=1e-14)  # ② f'(net_y)
    assert f["dnet_dw"] == pytest.approx(a1, rel=1e-14)             # ③ out_h1
    # the chapter's printed values, to its 6 decimals
    assert round(f["dE_dout"], 6) == 0.709383
    assert round(f["dnet_dw"], 6) == 0.524979
    # the chapter prints ② = 0.206158 and ∂E/∂w5 = 0.076775; the true values round otherwise
    assert round(f["dout_dnet"], 6) == 0.206159 != 0.206158
    assert round(f["dE_dw"], 6) == 0.076776 != 0.076775
    # the chapter's 0.206158 and 0.076775 are the true values cut off (truncated) after
    # 6 decimals, not rounded: even its own rounded factors multiply to 0.0767755...
    assert math.floor(f["dout_dnet"] * 1e6) / 1e6 == 0.206158
    assert math.floor(f["dE_dw"] * 1e6) / 1e6 == 0.076775
    assert round(0.709383 * 0.206158 * 0.524979, 6) == 0.076776
    # the update, with the minus sign: w5 - η ∂E/∂w5
    assert round(0.5 - 0.2 * f["dE_dw"], 6) == 0.484645


def test_chapter_plus_sign_would_move_w5_the_wrong_way():
    f = chain_rule_factors(chapter_params(), [0.0, 0.0], [0.0])
    plus = chapter_params()
    plus["W2"] = plus["W2"] + np.array([[0.2 * f["dE_dw"]], [0.0]])
    minus = chapter_params()
    minus["W2"] = minus["W2"] - np.array([[0.2 * f["dE_dw"]], [0.0]])
    E0 = loss_value(chapter_params(), [[0.0, 0.0]], [[0.0]])
    assert loss_value(minus, [[0.0, 0.0]], [[0.0]]) < E0 < loss_value(plus, [[0.0, 0.0]], [[0.0]])


@pytest.mark.parametrize("x, t", [([0.0, 0.0], [0.0]), ([1.0, 0.0], [1.0]), ([1.0, 1.0], [0.0]),
                                  ([0.3, -0.7], [0.9])])
def test_chain_rule_factors_equal_backprop_on_the_chapter_network(x, t):
    params = chapter_params()
    grads = backward(params, forward(params, [x]), [t]).grads
    for layer in (1, 2):
        W = params[f"W{layer}"]
        for i in range(W.shape[0]):
            for j in range(W.shape[1]):
                f = chain_rule_factors(params, x, t, layer=layer, i=i, j=j)
                assert f["dE_dw"] == pytest.approx(grads[f"W{layer}"][i, j], rel=1e-12, abs=1e-18)
                assert f["dE_dw"] == pytest.approx(f["dE_dout"] * f["dout_dnet"] * f["dnet_dw"], rel=1e-15)


@pytest.mark.parametrize("sizes", [[3, 4, 2], [2, 3, 4, 1], [2, 3, 2, 3, 2]])
def test_chain_rule_factors_equal_backprop_deeper(sizes):
    params = init_params(sizes, seed=61, method="uniform01")
    rng = np.random.default_rng(62)
    x, t = rng.normal(size=sizes[0]), rng.uniform(size=sizes[-1])
    grads = backward(params, forward(params, x[None]), t[None]).grads
    for layer in range(1, len(sizes)):
        W = params[f"W{layer}"]
        for i in range(W.shape[0]):
            for j in range(W.shape[1]):
                f = chain_rule_factors(params, x, t, layer=layer, i=i, j=j)
                assert f["dE_dw"] == pytest.approx(grads[f"W{layer}"][i, j], rel=1e-12, abs=1e-18)


def test_w1_gradient_is_zero_for_input_zero():
    # ③ for w1 is x1: with x = (0, 0), ∂E/∂w1 = 0 although hidden unit h1 has a nonzero delta
    f = chain_rule_factors(chapter_params(), [0.0, 0.0], [0.0], layer=1, i=0, j=0)
    assert f["dnet_dw"] == 0.0 and f["dE_dw"] == 0.0
    assert f["dE_dout"] * f["dout_dnet"] > 0.0
    bwd = backward(chapter_params(), forward(chapter_params(), [[0.0, 0.0]]), [[0.0]])
    assert bwd.grads["B1"][0] == pytest.approx(f["dE_dout"] * f["dout_dnet"], rel=1e-14)


def test_chain_rule_factors_errors():
    with pytest.raises(ValueError, match="layer must be between 1 and 2, got 3"):
        chain_rule_factors(chapter_params(), [0.0, 0.0], [0.0], layer=3)
    with pytest.raises(ValueError, match=r"\(i, j\) must index W2 of shape \(2, 1\), got \(0, 1\)"):
        chain_rule_factors(chapter_params(), [0.0, 0.0], [0.0], layer=2, i=0, j=1)
    with pytest.raises(ValueError, match="X must have 2 columns"):
        chain_rule_factors(chapter_params(), [0.0, 0.0, 0.0], [0.0])


def test_gradient_check_and_numerical_gradient_errors():
    with pytest.raises(ValueError, match="eps must be a positive number"):
        numerical_gradient(chapter_params(), [[0.0, 0.0]], [[0.0]], eps=0.0)
    with pytest.raises(ValueError, match="eps must be a positive number"):
        gradient_check(chapter_params(), [[0.0, 0.0]], [[0.0]], eps=-1e-6)
    with pytest.raises(ValueError, match="unknown activation 'sigma'"):
        gradient_check(chapter_params(), [[0.0, 0.0]], [[0.0]], "sigma")
    with pytest.raises(ValueError, match=r"T must have the output's shape"):
        gradient_check(chapter_params(), [[0.0, 0.0]], [[0.0, 1.0]])
    with pytest.raises(ValueError, match="X must hold only finite numbers"):
        numerical_gradient(chapter_params(), [[np.nan, 0.0]], [[0.0]])

"""Tests of mlp_lessons.network: forward, backward, update, init_params.

Shapes, values against an independent plain-Python computation of the chapter's
2-2-1 network, no mutation of the caller's arrays, clear errors for bad input,
and reproducible initialisation.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from mlp_lessons.data import T_XOR, XOR_X, chapter_params
from mlp_lessons.forward_pass import predict, worked_example
from mlp_lessons.loss import sse
from mlp_lessons.network import (backward, check_params, forward, init_params, layer_sizes,
                                 loss_value, n_layers, update)

SHAPES = [[2, 2, 1], [3, 5, 2], [4, 3, 6, 2], [2, 4, 3, 5, 3]]


def _sig(z):
    return 1.0 / (1.0 + math.exp(-z))


def _chapter_by_hand(x1, x2):
    """The chapter's scalar formulas, written out with w1..w6, b1..b3."""
    w1, w2, w3, w4, w5, w6, b1, b2, b3 = 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.1, 0.2, 0.3
    z1 = w1 * x1 + w3 * x2 + b1
    z2 = w2 * x1 + w4 * x2 + b2
    a1, a2 = _sig(z1), _sig(z2)
    z_y = w5 * a1 + w6 * a2 + b3
    return z1, z2, a1, a2, z_y, _sig(z_y)


# --- forward ------------------------------------------------------------------

@pytest.mark.parametrize("x", XOR_X.tolist())
def test_forward_matches_the_chapters_scalar_formulas(x):
    fwd = forward(chapter_params(), [x], "sigmoid")
    z1, z2, a1, a2, z_y, a_y = _chapter_by_hand(*x)
    np.testing.assert_allclose(fwd.Z[0], [[z1, z2]], rtol=1e-15)
    np.testing.assert_allclose(fwd.layers[1], [[a1, a2]], rtol=1e-15)
    np.testing.assert_allclose(fwd.Z[1], [[z_y]], rtol=1e-15)
    np.testing.assert_allclose(fwd.output, [[a_y]], rtol=1e-15)


def test_forward_chapter_printed_outputs():
    # The chapter's Lab prints four outputs (8 decimals); its predict, redone in the lesson,
    # reproduces them (tests/test_forward_pass.py): the general network gives the same.
    out = forward(chapter_params(), XOR_X).output
    np.testing.assert_allclose(out, predict(chapter_params(), XOR_X)[2], rtol=1e-15, atol=0)


def test_forward_batch_equals_one_sample_at_a_time():
    params = init_params([3, 4, 2], seed=5)
    X = np.random.default_rng(6).normal(size=(6, 3))
    batch = forward(params, X, ["tanh", "sigmoid"]).output
    rows = np.vstack([forward(params, x.reshape(1, -1), ["tanh", "sigmoid"]).output for x in X])
    np.testing.assert_allclose(batch, rows, rtol=1e-14)


@pytest.mark.parametrize("sizes", SHAPES)
@pytest.mark.parametrize("n", [1, 7])
def test_forward_shapes(sizes, n):
    params = init_params(sizes, seed=0)
    X = np.random.default_rng(1).normal(size=(n, sizes[0]))
    fwd = forward(params, X, "tanh")
    L = len(sizes) - 1
    assert len(fwd.layers) == L + 1 and len(fwd.Z) == L
    for l in range(L + 1):
        assert fwd.layers[l].shape == (n, sizes[l])
    for l in range(1, L + 1):
        assert fwd.Z[l - 1].shape == (n, sizes[l])
    np.testing.assert_array_equal(fwd.layers[0], X)
    assert fwd.output is fwd.layers[-1]


def test_forward_per_layer_activations():
    params = init_params([2, 3, 2], seed=3)
    X = np.array([[1.0, -2.0], [0.5, 0.5]])
    fwd = forward(params, X, ["relu", "linear"])
    Z1 = X @ params["W1"] + params["B1"]
    np.testing.assert_allclose(fwd.layers[1], np.maximum(Z1, 0))
    np.testing.assert_allclose(fwd.output, fwd.layers[1] @ params["W2"] + params["B2"])


def test_forward_accepts_lists_and_2d_bias():
    params = {"W1": [[0.1, 0.2], [0.3, 0.4]], "B1": [[0.1, 0.2]], "W2": [[0.5], [0.6]], "B2": [0.3]}
    out = forward(params, [[0, 0]]).output
    np.testing.assert_allclose(out, forward(chapter_params(), [[0.0, 0.0]]).output)


# --- backward -----------------------------------------------------------------

@pytest.mark.parametrize("sizes", SHAPES)
@pytest.mark.parametrize("n", [1, 5])
def test_backward_shapes(sizes, n):
    params = init_params(sizes, seed=2)
    rng = np.random.default_rng(3)
    X = rng.normal(size=(n, sizes[0]))
    T = rng.uniform(size=(n, sizes[-1]))
    bwd = backward(params, forward(params, X), T)
    assert [d.shape for d in bwd.deltas] == [(n, s) for s in sizes[1:]]
    assert set(bwd.grads) == set(params)
    for key, value in params.items():
        assert bwd.grads[key].shape == value.shape


def test_backward_chapter_output_delta_and_w5():
    params = chapter_params()
    fwd = forward(params, [[0.0, 0.0]])
    bwd = backward(params, fwd, [[0.0]])
    a1, a2 = _sig(0.1), _sig(0.2)
    y = _sig(0.5 * a1 + 0.6 * a2 + 0.3)
    delta_y = (y - 0.0) * y * (1 - y)
    np.testing.assert_allclose(bwd.deltas[1], [[delta_y]], rtol=1e-14)
    np.testing.assert_allclose(bwd.grads["W2"], [[delta_y * a1], [delta_y * a2]], rtol=1e-14)
    np.testing.assert_allclose(bwd.grads["B2"], [delta_y], rtol=1e-14)
    # hidden deltas: the error sent back through w5, w6 times f'(z_h)
    np.testing.assert_allclose(bwd.deltas[0], [[delta_y * 0.5 * a1 * (1 - a1), delta_y * 0.6 * a2 * (1 - a2)]],
                               rtol=1e-14)
    # x = (0, 0): every gradient of W1 is zero because it is multiplied by the input
    np.testing.assert_array_equal(bwd.grads["W1"], np.zeros((2, 2)))


def test_backward_batch_gradient_is_mean_of_sample_gradients():
    # sse averages over samples, so the batch gradient is the mean of the per-sample ones
    params = init_params([2, 3, 1], seed=4)
    T = np.array([[0.0], [1.0], [1.0], [0.0]])
    batch = backward(params, forward(params, XOR_X), T).grads
    for key in params:
        per_sample = [backward(params, forward(params, x[None]), t[None]).grads[key] for x, t in zip(XOR_X, T)]
        np.testing.assert_allclose(batch[key], np.mean(per_sample, axis=0), rtol=1e-12, atol=1e-15)


def test_backward_softmax_cross_entropy_output_delta():
    params = init_params([3, 4, 3], seed=8)
    X = np.random.default_rng(9).normal(size=(5, 3))
    labels = np.array([0, 2, 1, 1, 0])
    fwd = forward(params, X, ["tanh", "softmax"])
    bwd = backward(params, fwd, labels, ["tanh", "softmax"], loss="cross_entropy")
    expected = (fwd.output - np.eye(3)[labels]) / 5
    np.testing.assert_allclose(bwd.deltas[-1], expected, rtol=1e-12)
    bwd_onehot = backward(params, fwd, np.eye(3)[labels], ["tanh", "softmax"], loss="cross_entropy")
    np.testing.assert_allclose(bwd_onehot.grads["W1"], bwd.grads["W1"])


def test_loss_value_is_the_chapters_E():
    params = chapter_params()
    y = forward(params, [[0.0, 0.0]]).output
    assert loss_value(params, [[0.0, 0.0]], [[0.0]]) == pytest.approx(0.5 * float(y[0, 0]) ** 2, rel=1e-15)
    # the chapter's E, computed by hand in the worked example (checked in tests/test_forward_pass.py)
    assert loss_value(params, [[0.0, 0.0]], [[0.0]]) == pytest.approx(worked_example(steps=1).E, rel=1e-14)
    assert loss_value(params, XOR_X, T_XOR) == pytest.approx(sse(forward(params, XOR_X).output, T_XOR))


# --- update -------------------------------------------------------------------

def test_update_values_and_shapes():
    params = init_params([2, 3, 1], seed=1)
    grads = {k: np.ones_like(v) for k, v in params.items()}
    new = update(params, grads, 0.25)
    assert set(new) == set(params)
    for key in params:
        assert new[key].shape == params[key].shape
        np.testing.assert_allclose(new[key], params[key] - 0.25)


def test_update_chapter_w5():
    params = chapter_params()
    grads = backward(params, forward(params, [[0.0, 0.0]]), [[0.0]]).grads
    new = update(params, grads, 0.2)
    # the chapter's w5 after one step, computed by hand in the worked example
    # (tests/test_forward_pass.py checks it against the chapter's 0.484645)
    assert float(new["W2"][0, 0]) == pytest.approx(worked_example(steps=1).w5_new, rel=1e-14)
    assert float(new["W2"][0, 0]) != float(params["W2"][0, 0])


def test_update_never_mutates():
    params = init_params([2, 3, 1], seed=1)
    grads = {k: np.full_like(v, 0.5) for k, v in params.items()}
    before_p = {k: v.copy() for k, v in params.items()}
    before_g = {k: v.copy() for k, v in grads.items()}
    new = update(params, grads, 0.1)
    for key in params:
        np.testing.assert_array_equal(params[key], before_p[key])
        np.testing.assert_array_equal(grads[key], before_g[key])
        assert not np.shares_memory(new[key], params[key])
        assert not np.shares_memory(new[key], grads[key])


def test_forward_and_backward_never_mutate_inputs():
    params = init_params([2, 3, 1], seed=2)
    X = XOR_X.copy()
    T = np.array([[0.0], [1.0], [1.0], [0.0]])
    saved = ({k: v.copy() for k, v in params.items()}, X.copy(), T.copy())
    fwd = forward(params, X)
    bwd = backward(params, fwd, T)
    for key in params:
        np.testing.assert_array_equal(params[key], saved[0][key])
    np.testing.assert_array_equal(X, saved[1])
    np.testing.assert_array_equal(T, saved[2])
    # the results are new arrays: changing them does not reach back into params or X
    fwd.layers[0][:] = 99.0
    bwd.grads["W1"][:] = 99.0
    np.testing.assert_array_equal(X, saved[1])
    np.testing.assert_array_equal(params["W1"], saved[0]["W1"])


def test_one_gradient_step_lowers_the_loss():
    params = chapter_params()
    x, t = [[0.0, 0.0]], [[0.0]]
    grads = backward(params, forward(params, x), t).grads
    assert loss_value(update(params, grads, 0.2), x, t) < loss_value(params, x, t)


# --- init_params --------------------------------------------------------------

@pytest.mark.parametrize("method", ["glorot", "uniform01"])
def test_init_params_is_deterministic_under_a_seed(method):
    a = init_params([2, 3, 1], seed=42, method=method)
    b = init_params([2, 3, 1], seed=42, method=method)
    c = init_params([2, 3, 1], seed=43, method=method)
    d = init_params([2, 3, 1], rng=np.random.default_rng(42), method=method)
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])
        np.testing.assert_array_equal(a[key], d[key])
    assert any(not np.array_equal(a[k], c[k]) for k in a)


def test_init_params_uniform01_is_the_chapters_step_1():
    params = init_params([2, 50, 40], seed=0, method="uniform01")
    for value in params.values():
        assert value.min() >= 0.0 and value.max() < 1.0
    assert params["B1"].std() > 0.1  # biases are random too, not zero


def test_init_params_glorot_range_and_zero_bias():
    params = init_params([4, 6], seed=0)
    r = math.sqrt(6 / 10)
    assert np.all(np.abs(params["W1"]) <= r)
    np.testing.assert_array_equal(params["B1"], np.zeros(6))


def test_layer_sizes_and_n_layers():
    params = init_params([3, 4, 5, 2], seed=0)
    assert layer_sizes(params) == [3, 4, 5, 2]
    assert n_layers(params) == 3


@pytest.mark.parametrize("kwargs, exc, match", [
    ({"sizes": [2, 3, 1]}, ValueError, "seed"),
    ({"sizes": [2, 3, 1], "seed": 1, "rng": np.random.default_rng(1)}, ValueError, "either seed or rng"),
    ({"sizes": [2, 3, 1], "seed": 1.5}, TypeError, "seed must be an int"),
    ({"sizes": [2, 3, 1], "rng": 7}, TypeError, "rng must be a numpy.random.Generator"),
    ({"sizes": [2], "seed": 0}, ValueError, "at least an input and an output"),
    ({"sizes": [2, 0, 1], "seed": 0}, ValueError, r"sizes\[1\]"),
    ({"sizes": [2, 2.5, 1], "seed": 0}, TypeError, r"sizes\[1\]"),
    ({"sizes": [2, 3, 1], "seed": 0, "method": "normal"}, ValueError, "method must be"),
])
def test_init_params_errors(kwargs, exc, match):
    sizes = kwargs.pop("sizes")
    with pytest.raises(exc, match=match):
        init_params(sizes, **kwargs)


# --- errors -------------------------------------------------------------------

def test_forward_errors_for_bad_input_shapes():
    params = chapter_params()
    with pytest.raises(ValueError, match=r"X must be 2-D of shape \(n_samples, 2\).*reshape"):
        forward(params, [0.0, 0.0])
    with pytest.raises(ValueError, match="X must have 2 columns"):
        forward(params, [[0.0, 0.0, 1.0]])
    with pytest.raises(ValueError, match="X must be a 1-D or 2-D array"):
        forward(params, np.zeros((1, 2, 1)))
    with pytest.raises(TypeError, match="X must be an array of numbers"):
        forward(params, "0 0")


def test_forward_errors_for_nan():
    params = chapter_params()
    with pytest.raises(ValueError, match="X must hold only finite numbers, got 1 NaN/inf"):
        forward(params, [[np.nan, 0.0]])
    bad = chapter_params()
    bad["W2"] = np.array([[np.inf], [0.6]])
    with pytest.raises(ValueError, match="W2 must hold only finite numbers"):
        forward(bad, [[0.0, 0.0]])
    with pytest.raises(ValueError, match="T must hold only finite numbers"):
        backward(params, forward(params, [[0.0, 0.0]]), [[np.nan]])


def test_errors_for_unknown_or_misplaced_activation():
    params = chapter_params()
    with pytest.raises(ValueError, match="unknown activation 'sigmod'"):
        forward(params, [[0.0, 0.0]], "sigmod")
    with pytest.raises(ValueError, match=r"need one activation per layer \(2\), got 3"):
        forward(params, [[0.0, 0.0]], ["relu", "relu", "sigmoid"])
    with pytest.raises(ValueError, match="softmax can only be the output layer"):
        forward(params, [[0.0, 0.0]], ["softmax", "sigmoid"])


def test_error_for_activation_that_is_not_a_name():
    # needs resolve_activations to reject a non-str, non-list value with a clear TypeError
    with pytest.raises(TypeError, match="activation must be a name"):
        forward(chapter_params(), [[0.0, 0.0]], 3)
    with pytest.raises(TypeError, match="activation must be a name"):
        forward(chapter_params(), [[0.0, 0.0]], [None, "sigmoid"])


def test_errors_for_mismatched_layer_sizes():
    bad = chapter_params()
    bad["W2"] = np.array([[0.5], [0.6], [0.7]])  # 3 rows, but layer 1 has 2 units
    with pytest.raises(ValueError, match=r"W2 must have 2 rows \(the size of layer 1\), got shape \(3, 1\)"):
        forward(bad, [[0.0, 0.0]])
    bad = chapter_params()
    bad["B1"] = np.array([0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match=r"B1 must have shape \(2,\)"):
        check_params(bad)
    bad = chapter_params()
    bad["W1"] = np.array([0.1, 0.2])
    with pytest.raises(ValueError, match="W1 must be a 2-D array"):
        check_params(bad)


def test_errors_for_bad_params_container():
    with pytest.raises(TypeError, match="params must be a dict"):
        forward([np.eye(2)], [[0.0, 0.0]])
    with pytest.raises(ValueError, match="params must contain 'W1'"):
        forward({"A": np.eye(2)}, [[0.0, 0.0]])
    params = chapter_params()
    del params["B2"]
    with pytest.raises(ValueError, match="params must have exactly the keys"):
        forward(params, [[0.0, 0.0]])


def test_backward_errors():
    params = chapter_params()
    fwd = forward(params, [[0.0, 0.0]])
    with pytest.raises(ValueError, match=r"T must have the output's shape \(1, 1\), got \(1, 2\)"):
        backward(params, fwd, [[0.0, 1.0]])
    with pytest.raises(ValueError, match="unknown loss 'l2'"):
        backward(params, fwd, [[0.0]], loss="l2")
    with pytest.raises(ValueError, match="loss 'cross_entropy' needs a 'softmax' output layer"):
        backward(params, fwd, [[0.0]], loss="cross_entropy")
    deeper = init_params([2, 2, 2, 1], seed=0)
    with pytest.raises(ValueError, match="run forward"):
        backward(deeper, fwd, [[0.0]])
    soft = init_params([2, 3], seed=0)
    with pytest.raises(ValueError, match="output activation 'softmax' needs loss 'cross_entropy'"):
        backward(soft, forward(soft, [[0.0, 1.0]], "softmax"), [[0.0, 1.0, 0.0]], "softmax")


def test_update_errors():
    params = chapter_params()
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        update(params, grads, -0.1)
    with pytest.raises(TypeError, match="learning_rate must be a positive number"):
        update(params, grads, "0.2")
    with pytest.raises(ValueError, match="grads must have the keys of params"):
        update(params, {"W1": grads["W1"]}, 0.2)
    wrong = dict(grads)
    wrong["W2"] = np.zeros((1, 2))
    with pytest.raises(ValueError, match=r"grads\['W2'\] must have shape \(2, 1\), got \(1, 2\)"):
        update(params, wrong, 0.2)

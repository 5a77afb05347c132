"""Tests of mlp_lessons.activations: values, derivatives, registry, collapse_linear, errors.

Page: docs/activations.md.  References are computed independently (Python's
``math`` module, central differences), never with the function under test.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from mlp_lessons import activations as A
from mlp_lessons.activations import (
    ACTIVATIONS, Activation, collapse_linear, get_activation, linear, linear_deriv, relu, relu_deriv,
    relu_deriv_from_output, sigmoid, sigmoid_deriv, sigmoid_deriv_from_output, softmax, step, step_deriv,
    tanh, tanh_deriv, tanh_deriv_from_output,
)
from mlp_lessons.forward_pass import worked_example

GRID = np.linspace(-6.0, 6.0, 241)
#: Points away from the kinks of step and ReLU (x = 0), where central differences are valid.
SMOOTH_GRID = GRID[np.abs(GRID) > 1e-3]
H = 1e-6


def central_difference(f, x, h=H):
    return (f(x + h) - f(x - h)) / (2 * h)


def ref_sigmoid(x: float) -> float:
    """Sigmoid in plain Python, written so that math.exp never overflows."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


# --- values -------------------------------------------------------------------

@pytest.mark.parametrize("x", [-3.0, -1e-9, 0.0, 1e-9, 0.5, 7.0])
def test_step_follows_the_chapters_definition(x):
    assert step(x) == (1 if x > 0 else 0)


def test_step_on_numpy2_arrays_keeps_shape_and_gives_ints():
    x = np.array([[-1.0, 0.0], [2e-7, 3.0]])
    y = step(x)
    assert int(np.__version__.split(".")[0]) >= 2
    assert y.shape == (2, 2)
    assert np.issubdtype(y.dtype, np.integer)
    assert y.tolist() == [[0, 0], [1, 1]]
    assert step([-1, 1]).tolist() == [0, 1]          # lists and int arrays too
    assert step(np.array([-2, 0, 5])).tolist() == [0, 0, 1]


def test_sigmoid_matches_an_independent_reference():
    x = np.linspace(-700.0, 700.0, 2801)
    ref = np.array([ref_sigmoid(v) for v in x])
    got = sigmoid(x)
    assert np.allclose(got, ref, rtol=1e-14, atol=0.0)


def test_sigmoid_chapter_value():
    # the chapter's a1 = 1 / (1 + e^-z1), z1 = 0.1, worked by hand in plain Python floats
    # (tests/test_forward_pass.py checks it against the chapter's 0.524979)
    example = worked_example(steps=1)
    assert example.z1 == pytest.approx(0.1)
    assert float(sigmoid(example.z1)) == pytest.approx(example.a1, rel=1e-15)


def test_sigmoid_is_accurate_and_silent_at_1e4():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = sigmoid(np.array([-1e4, -1000.0, -720.0, 0.0, 720.0, 1000.0, 1e4]))
    assert y[0] == 0.0 and y[-1] == 1.0 and y[3] == 0.5
    assert y[2] == pytest.approx(math.exp(-720.0), rel=1e-12)    # subnormal, still right
    assert np.all((y >= 0) & (y <= 1))


def test_the_chapters_sigmoid_warns_at_minus_1000():
    from mlp_lessons.numpy_mlp import actf                # the chapter's 1/(1+np.exp(-x)), as written

    with pytest.warns(RuntimeWarning, match="overflow encountered in exp"):
        y = actf(np.array([-1000.0]))
    assert y.tolist() == [0.0]


def test_tanh_matches_math_and_the_chapters_identity():
    x = np.linspace(-5.0, 5.0, 101)
    assert np.allclose(tanh(x), [math.tanh(v) for v in x], rtol=1e-15, atol=1e-16)
    assert np.allclose(tanh(x), 2.0 / (1.0 + np.exp(-2.0 * x)) - 1.0, atol=1e-15)
    assert np.allclose(tanh(x), (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)), atol=1e-15)


def test_relu_and_linear_values():
    x = np.array([-2.0, -0.0, 0.0, 1.5])
    assert relu(x).tolist() == [0.0, 0.0, 0.0, 1.5]
    assert np.array_equal(relu(x), np.maximum(x, 0))        # the chapter's code
    assert linear(x).tolist() == x.tolist()
    assert linear_deriv(x).tolist() == [1.0] * 4


# --- derivatives ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["step", "sigmoid", "tanh", "relu", "linear"])
def test_derivative_matches_central_differences(name):
    act = ACTIVATIONS[name]
    numeric = central_difference(act.f, SMOOTH_GRID)
    assert np.allclose(act.deriv(SMOOTH_GRID), numeric, atol=1e-8)


def test_derivative_formulas():
    x = GRID
    s = np.array([ref_sigmoid(v) for v in x])
    assert np.allclose(sigmoid_deriv(x), s * (1 - s), rtol=1e-13, atol=1e-300)
    assert np.allclose(tanh_deriv(x), 1 - np.tanh(x) ** 2, atol=1e-15)
    assert float(sigmoid_deriv(0.0)) == 0.25
    assert float(tanh_deriv(0.0)) == 1.0
    assert step_deriv(x).tolist() == [0.0] * len(x)


def test_relu_derivative_at_zero_is_zero_by_convention():
    assert float(relu_deriv(0.0)) == 0.0
    assert float(relu_deriv(-0.0)) == 0.0
    assert float(relu_deriv_from_output(0.0)) == 0.0
    # the central difference at the kink is the mean of the one-sided slopes, not the convention
    assert float(central_difference(relu, 0.0)) == pytest.approx(0.5)
    assert relu_deriv([-1e-12, 1e-12]).tolist() == [0.0, 1.0]


@pytest.mark.parametrize("name", ["step", "sigmoid", "tanh", "relu", "linear"])
def test_derivative_from_output_agrees_with_derivative_from_input(name):
    act = ACTIVATIONS[name]
    x = SMOOTH_GRID
    assert np.allclose(act.deriv_from_output(act.f(x)), act.deriv(x), rtol=1e-12, atol=1e-15)


def test_sigmoid_derivative_from_output_is_the_chapters_actf_deriv():
    def actf_deriv(x):                 # the chapter's code: takes the output
        return x * (1 - x)

    z_y = worked_example(steps=1).z_y       # the chapter's output unit's net input
    a_y = sigmoid(z_y)
    assert float(sigmoid_deriv_from_output(a_y)) == pytest.approx(float(actf_deriv(a_y)), rel=1e-15)
    assert float(sigmoid_deriv(z_y)) == pytest.approx(float(actf_deriv(a_y)), rel=1e-12)
    # giving it the net input instead of the output is a different (wrong) number
    assert abs(float(actf_deriv(z_y)) - float(sigmoid_deriv(z_y))) > 0.1
    assert float(tanh_deriv_from_output(0.5)) == 0.75


def test_softmax_rows_are_probabilities_and_stable():
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(6, 4)) * 5
    P = softmax(Z)
    assert np.allclose(P.sum(axis=1), 1.0)
    assert np.allclose(P, softmax(Z + 123.0))                  # shift invariant
    ref = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    assert np.allclose(P, ref)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        big = softmax([[1000.0, 0.0, -1000.0]])
    assert big.tolist() == [[1.0, 0.0, 0.0]]
    # a 2-class softmax over (0, z) is the sigmoid of z
    z = np.linspace(-5, 5, 11)
    assert np.allclose(softmax(np.column_stack([np.zeros_like(z), z]))[:, 1], sigmoid(z))


def test_functions_do_not_modify_their_input():
    x = np.array([-1.0, 0.0, 2.0])
    before = x.copy()
    for act in ACTIVATIONS.values():
        act.f(x)
        if act.deriv is not None:
            act.deriv(x)
            act.deriv_from_output(x)
    assert np.array_equal(x, before)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_functions_return_new_arrays_of_the_input_float_type(dtype):
    # train() calls the registry on every mini-batch, in float32 too: no copy in, no float64 out,
    # and never the caller's own array back
    x = np.array([[-1.0, 0.0, 2.0]], dtype=dtype)
    for act in ACTIVATIONS.values():
        outputs = [act.f(x)] + ([act.deriv(x), act.deriv_from_output(x)] if act.deriv is not None else [])
        for out in outputs:
            assert out is not x and not np.shares_memory(out, x), act.name
            assert out.dtype == (np.dtype(int) if act.name == "step" and out is outputs[0] else dtype), act.name
    assert relu([1, -2]).dtype == np.float64                 # other input becomes float64, as before


# --- registry -----------------------------------------------------------------

def test_registry_has_every_activation_with_its_functions():
    assert sorted(ACTIVATIONS) == ["linear", "relu", "sigmoid", "softmax", "step", "tanh"]
    assert get_activation("sigmoid").f is sigmoid
    assert get_activation("sigmoid").deriv is sigmoid_deriv
    assert get_activation("sigmoid").deriv_from_output is sigmoid_deriv_from_output
    assert get_activation("relu").deriv is relu_deriv
    for name, act in ACTIVATIONS.items():
        assert act.name == name
        assert get_activation(act) is act            # an Activation passes through
    assert isinstance(ACTIVATIONS["tanh"], Activation)


def test_unknown_activation_error_names_the_choices():
    with pytest.raises(ValueError) as info:
        get_activation("sigmod")
    assert str(info.value) == (
        "unknown activation 'sigmod'; expected one of: linear, relu, sigmoid, softmax, step, tanh")


@pytest.mark.parametrize("bad", [None, 3, ["relu"]])
def test_activation_name_must_be_a_string(bad):
    with pytest.raises(TypeError, match="activation must be a name"):
        get_activation(bad)


# --- linear layers collapse -----------------------------------------------------

@pytest.mark.parametrize("n_layers", [2, 3, 4, 5])
@pytest.mark.parametrize("seed", range(5))
def test_collapse_linear_equals_the_stack(n_layers, seed):
    rng = np.random.default_rng(100 * n_layers + seed)
    sizes = rng.integers(1, 6, size=n_layers + 1)
    weights = [rng.normal(size=(m, n)) for m, n in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(size=n) for n in sizes[1:]]
    saved = [w.copy() for w in weights] + [b.copy() for b in biases]
    X = rng.normal(size=(7, sizes[0]))
    layer = X
    for W_l, b_l in zip(weights, biases):
        layer = layer @ W_l + b_l
    W, b = collapse_linear(weights, biases)
    assert W.shape == (sizes[0], sizes[-1]) and b.shape == (sizes[-1],)
    assert np.allclose(X @ W + b, layer, rtol=1e-12, atol=1e-12)
    assert all(np.array_equal(a, s) for a, s in zip(weights + biases, saved))   # inputs untouched


def test_a_nonlinearity_breaks_the_collapse():
    rng = np.random.default_rng(7)
    weights = [rng.normal(size=(2, 4)), rng.normal(size=(4, 1))]
    biases = [rng.normal(size=4), rng.normal(size=1)]
    X = rng.normal(size=(20, 2))
    W, b = collapse_linear(weights, biases)
    with_relu = relu(X @ weights[0] + biases[0]) @ weights[1] + biases[1]
    assert not np.allclose(with_relu, X @ W + b)


def test_collapse_linear_single_layer_is_itself():
    W, b = collapse_linear([[[1.0, 2.0], [3.0, 4.0]]], [[0.5, -0.5]])
    assert W.tolist() == [[1.0, 2.0], [3.0, 4.0]] and b.tolist() == [0.5, -0.5]


@pytest.mark.parametrize("weights, biases, message", [
    ([], [], "at least one layer"),
    ([np.ones((2, 3))], [], "one bias per weight matrix"),
    ([np.ones((2, 3)), np.ones((4, 1))], [np.ones(3), np.ones(1)], r"weights\[1\] must have 3 rows"),
    ([np.ones((2, 3))], [np.ones(2)], r"biases\[0\] must have shape \(3,\)"),
    ([np.ones((2, 3)), np.ones((3, 1))], [np.ones(3), np.ones(2)], r"biases\[1\] must have shape \(1,\)"),
    ([np.ones(3)], [np.ones(3)], r"weights\[0\] must be a 2-D array"),
])
def test_collapse_linear_bad_input(weights, biases, message):
    with pytest.raises(ValueError, match=message):
        collapse_linear(weights, biases)


# --- bad input ------------------------------------------------------------------

@pytest.mark.parametrize("func", [step, sigmoid, tanh, relu, linear, sigmoid_deriv, relu_deriv, softmax])
@pytest.mark.parametrize("bad", ["abc", None, [[1.0, 2.0], [3.0]], {"x": 1}])
def test_bad_input_raises_type_error_saying_what_was_expected(func, bad):
    with pytest.raises(TypeError, match="must be an array of numbers"):
        func(bad)


def test_nan_and_inf_follow_the_math():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = sigmoid([-np.inf, np.inf])
    assert y.tolist() == [0.0, 1.0]
    assert np.isnan(sigmoid(np.nan))
    assert relu(np.inf) == np.inf


def test_module_exports_exist():
    for name in A.__all__:
        assert hasattr(A, name), name

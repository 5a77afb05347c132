"""Tests of mlp_lessons.loss: the chapter's E, gradients, cross-entropy, one_hot, errors.

Page: docs/loss.md.  References are independent: plain-Python loops with
``math``, and central differences for gradients.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from mlp_lessons import loss as L
from mlp_lessons.loss import (
    LOSSES, Loss, get_loss, sse, sse_grad, one_hot, softmax_cross_entropy, softmax_cross_entropy_grad,
)
from mlp_lessons.activations import softmax
from mlp_lessons.data import chapter_params
from mlp_lessons.forward_pass import CHAPTER_NUMBERS, worked_example
from mlp_lessons.network import forward

H = 1e-6


def numerical_grad(f, A, h=H):
    """Central differences of the scalar f(A) for every entry of A."""
    A = np.array(A, dtype=float)
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        plus, minus = A.copy(), A.copy()
        plus[idx] += h
        minus[idx] -= h
        g[idx] = (f(plus) - f(minus)) / (2 * h)
    return g


def ref_cross_entropy(Z, T) -> float:
    """−(1/n) Σ_s Σ_k t_sk ln softmax(z_s)_k with Python floats (log-sum-exp by hand)."""
    total = 0.0
    for z, t in zip(Z, T):
        m = max(z)
        log_sum = m + math.log(sum(math.exp(v - m) for v in z))
        total -= sum(tk * (zk - log_sum) for zk, tk in zip(z, t))
    return total / len(Z)


# --- the chapter's E --------------------------------------------------------------

def test_sse_of_one_sample_is_the_chapters_E():
    # the chapter's E = ½ (0 − a_y)² for the sample (0, 0) → 0: the worked example computes it
    # by hand (tests/test_forward_pass.py checks it against the chapter's 0.251612)
    y = forward(chapter_params(), [[0.0, 0.0]], "sigmoid").output
    assert sse(y, [[0.0]]) == pytest.approx(worked_example(steps=1).E, rel=1e-15)
    # from the outputs the chapter prints, sse gives the E it prints (6 decimals), before and
    # after one step (its E after 10000 steps is truncated: tests/test_forward_pass.py)
    for out, E in [("a_y", "E"), ("out_y_after_1", "E_after_1")]:
        got = sse([[float(CHAPTER_NUMBERS[out])]], [[0.0]])
        assert f"{got:.6f}" == CHAPTER_NUMBERS[E], (out, CHAPTER_NUMBERS[out], got)


def test_sse_is_half_the_sum_over_outputs_and_the_mean_over_samples():
    rng = np.random.default_rng(0)
    Y, T = rng.uniform(size=(5, 3)), rng.uniform(size=(5, 3))
    per_sample = [0.5 * sum((y - t) ** 2 for y, t in zip(ys, ts)) for ys, ts in zip(Y.tolist(), T.tolist())]
    assert sse(Y, T) == pytest.approx(sum(per_sample) / 5, rel=1e-14)
    assert sse(Y[0], T[0]) == pytest.approx(per_sample[0], rel=1e-14)     # 1-D = one sample
    assert isinstance(sse(Y, T), float)
    assert sse(T, T) == 0.0


def test_sse_is_not_the_mean_of_squares():
    # the chapter calls E "평균 제곱 오차" but its formula is a half sum: they differ by 2 for one output
    y, t = np.array([[float(CHAPTER_NUMBERS["a_y"])]]), np.array([[0.0]])
    assert float(np.mean((y - t) ** 2)) == pytest.approx(2 * sse(y, t))


@pytest.mark.parametrize("shape", [(1, 1), (1, 3), (4, 1), (5, 2)])
def test_sse_grad_matches_central_differences(shape):
    rng = np.random.default_rng(sum(shape))
    Y, T = rng.uniform(size=shape), rng.uniform(size=shape)
    assert np.allclose(sse_grad(Y, T), numerical_grad(lambda A: sse(A, T), Y), atol=1e-9)
    assert np.allclose(sse_grad(Y, T), (Y - T) / shape[0])


def test_sse_grad_of_the_chapters_example_is_the_error():
    # ① of the chapter's chain rule: ∂E/∂out_y = out_y − t (the worked example's factor1)
    y = forward(chapter_params(), [[0.0, 0.0]], "sigmoid").output
    grad = sse_grad(y, [[0.0]])
    assert grad.shape == (1, 1)
    assert grad[0, 0] == pytest.approx(worked_example(steps=1).factor1, rel=1e-15)


# --- cross-entropy --------------------------------------------------------------

@pytest.mark.parametrize("seed", range(4))
def test_cross_entropy_matches_an_independent_computation(seed):
    rng = np.random.default_rng(seed)
    n, k = rng.integers(1, 6), rng.integers(2, 7)
    Z = rng.normal(size=(n, k)) * 3
    labels = rng.integers(0, k, size=n)
    T = np.eye(k)[labels]
    ref = ref_cross_entropy(Z.tolist(), T.tolist())
    assert softmax_cross_entropy(Z, T) == pytest.approx(ref, rel=1e-12)
    assert softmax_cross_entropy(Z, labels) == pytest.approx(ref, rel=1e-12)     # int labels
    # soft targets (rows summing to 1) too
    S = rng.dirichlet(np.ones(k), size=n)
    assert softmax_cross_entropy(Z, S) == pytest.approx(ref_cross_entropy(Z.tolist(), S.tolist()), rel=1e-12)


def test_cross_entropy_is_minus_log_of_the_target_probability():
    z = np.array([[0.2, -0.5, 0.1, 4.0, -1.0, 0.8, -0.3, 0.0, 1.2, -0.2]])
    p = np.exp(z) / np.exp(z).sum()
    assert softmax_cross_entropy(z, [3]) == pytest.approx(-math.log(p[0, 3]))
    assert softmax_cross_entropy([[0.0, 0.0]], [0]) == pytest.approx(math.log(2))


def test_cross_entropy_is_stable_for_huge_logits():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert softmax_cross_entropy([[1000.0, 0.0]], [0]) == pytest.approx(0.0, abs=1e-300)
        assert softmax_cross_entropy([[1000.0, 0.0]], [1]) == pytest.approx(1000.0)
        softmax_cross_entropy_grad([[1000.0, -1000.0]], [1])


@pytest.mark.parametrize("shape", [(1, 2), (3, 4), (5, 3)])
def test_cross_entropy_grad_matches_central_differences(shape):
    rng = np.random.default_rng(10 + shape[0])
    Z = rng.normal(size=shape)
    labels = rng.integers(0, shape[1], size=shape[0])
    num = numerical_grad(lambda A: softmax_cross_entropy(A, labels), Z)
    assert np.allclose(softmax_cross_entropy_grad(Z, labels), num, atol=1e-9)
    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    assert np.allclose(softmax_cross_entropy_grad(Z, labels), (P - np.eye(shape[1])[labels]) / shape[0])


def test_sse_and_cross_entropy_gradients_for_a_confidently_wrong_sigmoid():
    # p = σ(z) = 0.01, target 1: ∂E/∂z is (p−1)p(1−p) for ½(p−1)², and p−1 for cross-entropy
    p = 0.01
    z = math.log(p / (1 - p))
    s = 1 / (1 + math.exp(-z))
    sse_dz = float(sse_grad([[s]], [[1.0]])[0, 0]) * s * (1 - s)
    ce_dz = float(softmax_cross_entropy_grad([[0.0, z]], [1])[0, 1])
    assert sse_dz == pytest.approx((p - 1) * p * (1 - p))
    assert ce_dz == pytest.approx(p - 1)
    assert ce_dz / sse_dz == pytest.approx(1 / (p * (1 - p)))


# --- one_hot --------------------------------------------------------------------

def test_one_hot():
    assert one_hot([0, 2, 1], 3).tolist() == [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
    assert one_hot(np.array([3]), 10).tolist() == [[0, 0, 0, 1, 0, 0, 0, 0, 0, 0]]
    assert one_hot(np.array([], dtype=int), 4).shape == (0, 4)


@pytest.mark.parametrize("labels, n, message", [
    ([0.0, 1.0], 2, "1-D array of integers"),
    ([[0, 1]], 2, "1-D array of integers"),
    ([0, 3], 3, r"must lie in 0\.\.2, got values from 0 to 3"),
    ([-1, 0], 3, r"must lie in 0\.\.2, got values from -1 to 0"),
])
def test_one_hot_bad_labels(labels, n, message):
    with pytest.raises(ValueError, match=message):
        one_hot(labels, n)


# --- shape mismatches and bad input -------------------------------------------------

@pytest.mark.parametrize("func", [sse, sse_grad])
def test_sse_shape_mismatch(func):
    with pytest.raises(ValueError, match=r"Y and T must have the same shape, got \(4, 1\) and \(3, 1\)"):
        func(np.zeros((4, 1)), np.zeros((3, 1)))
    with pytest.raises(ValueError, match="must be a 1-D or 2-D array"):
        func(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))


@pytest.mark.parametrize("func", [softmax_cross_entropy, softmax_cross_entropy_grad])
def test_cross_entropy_shape_mismatch(func):
    with pytest.raises(ValueError, match=r"Z and T must have the same shape, got \(2, 3\) and \(2, 4\)"):
        func(np.zeros((2, 3)), np.eye(4)[[0, 1]])
    with pytest.raises(ValueError, match=r"must lie in 0\.\.2"):
        func(np.zeros((2, 3)), [0, 5])


@pytest.mark.parametrize("func", [sse, sse_grad])
def test_loss_bad_values(func):
    with pytest.raises(TypeError, match="must be an array of numbers"):
        func("abc", [[0.0]])
    with pytest.raises(ValueError, match="only finite numbers"):
        func([[np.nan]], [[0.0]])


def test_losses_do_not_modify_their_input():
    Y, T = np.array([[0.2, 0.8]]), np.array([[0.0, 1.0]])
    saved = Y.copy(), T.copy()
    sse(Y, T), sse_grad(Y, T), softmax_cross_entropy(Y, T), softmax_cross_entropy_grad(Y, T)
    assert np.array_equal(Y, saved[0]) and np.array_equal(T, saved[1])


# --- registry -------------------------------------------------------------------

def test_loss_registry():
    assert sorted(LOSSES) == ["cross_entropy", "sse"]
    assert get_loss("sse").f is sse and get_loss("sse").grad is sse_grad
    assert get_loss("cross_entropy").output_activation == "softmax"
    assert get_loss(LOSSES["sse"]) is LOSSES["sse"]
    assert isinstance(LOSSES["sse"], Loss)
    with pytest.raises(ValueError, match="unknown loss 'l2'; expected one of: cross_entropy, sse"):
        get_loss("l2")
    with pytest.raises(TypeError, match="loss must be a name"):
        get_loss(2)


def test_module_exports_exist():
    for name in L.__all__:
        assert hasattr(L, name), name


def test_registry_formulas_for_checked_arrays_are_the_public_ones():
    # train() calls f_unchecked / output_error on every mini-batch: the same bits as the public functions,
    # with float32 kept and NaN passed through (train() reports divergence itself)
    rng = np.random.default_rng(4)
    Z = rng.normal(size=(5, 3))
    T = np.eye(3)[rng.integers(0, 3, size=5)]
    Y = softmax(Z)
    ce, sq = LOSSES["cross_entropy"], LOSSES["sse"]
    assert ce.f_unchecked(Z, T) == softmax_cross_entropy(Z, T)
    assert np.array_equal(ce.output_error(Y, T), softmax_cross_entropy_grad(Z, T))
    assert sq.f_unchecked(Y, T) == sse(Y, T)
    assert np.array_equal(sq.output_error(Y, T), sse_grad(Y, T))
    assert sq.output_error(Y.astype(np.float32), T.astype(np.float32)).dtype == np.float32
    assert math.isnan(sq.f_unchecked(np.full((1, 1), np.nan), np.zeros((1, 1))))

"""Tests of mlp_lessons.playground: seeded 2-D data sets and playground helpers."""

import numpy as np
import pytest

from mlp_lessons.playground import (DATASETS, FEATURES, LinearVsHidden, decision_grid, feature_map,
                                    fit_linear_vs_hidden, make_circle, make_gaussians, make_plane, make_spiral,
                                    make_xor, train_test_split)

CLASSIFIERS = [make_xor, make_circle, make_gaussians, make_spiral]


@pytest.mark.parametrize("make", CLASSIFIERS + [make_plane])
def test_shapes_and_determinism(make):
    X, y = make(101, noise=0.2, seed=3)
    assert X.shape == (101, 2) and y.shape == (101,)
    X2, y2 = make(101, noise=0.2, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = make(101, noise=0.2, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(X, X3)
    X4, _ = make(101, noise=0.2, seed=4)
    assert not np.array_equal(X, X4)
    assert np.all(np.abs(X) < 8)


@pytest.mark.parametrize("make", CLASSIFIERS)
def test_classification_labels_are_0_1(make):
    X, y = make(200, seed=0)
    assert y.dtype.kind == "i" and set(np.unique(y)) == {0, 1}


def test_balanced_sets():
    for make in (make_circle, make_gaussians, make_spiral):
        assert np.bincount(make(201, seed=0)[1]).tolist() == [101, 100]


def test_xor_labels_follow_the_quadrants():
    X, y = make_xor(500, seed=1)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))
    assert np.all(np.abs(X) >= 0.3)                 # kept away from the axes without noise


def test_circle_radii():
    X, y = make_circle(400, seed=2)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r[y == 1].max() < 2.5 and r[y == 0].min() >= 3.5 and r.max() <= 5.0


def test_spiral_without_noise_is_the_formula():
    X, y = make_spiral(8, seed=0)
    i = np.arange(4)
    r, t = 5 * i / 4, 1.75 * 2 * np.pi * i / 4
    np.testing.assert_allclose(X[:4], np.column_stack([r * np.sin(t), r * np.cos(t)]), atol=1e-12)
    np.testing.assert_allclose(X[4:], -X[:4], atol=1e-12)        # the second arm is turned by π


def test_plane_target():
    X, y = make_plane(50, seed=0)
    np.testing.assert_allclose(y, X.sum(axis=1) / 10)
    _, y_noisy = make_plane(50, noise=0.1, seed=0)
    assert 0 < np.std(y_noisy - y) < 0.2


@pytest.mark.parametrize("kwargs, error, match", [
    ({"noise": -0.1}, ValueError, "noise must be a finite number >= 0, got -0.1"),
    ({"noise": float("nan")}, ValueError, "noise must be a finite number >= 0"),
    ({"noise": "lots"}, TypeError, "noise must be a number >= 0, got str"),
    ({}, ValueError, "a seed .* or rng .* is required"),
    ({"seed": 1.5}, TypeError, "seed must be an int"),
])
@pytest.mark.parametrize("make", list(DATASETS.values()))
def test_dataset_validation(make, kwargs, error, match):
    with pytest.raises(error, match=match):
        make(10, **kwargs)


def test_n_samples_validation():
    with pytest.raises(ValueError, match="n_samples must be an integer >= 2, got 1"):
        make_xor(1, seed=0)
    with pytest.raises(TypeError, match="n_samples must be an integer"):
        make_circle(10.0, seed=0)


def test_train_test_split():
    X, y = make_gaussians(20, seed=0)
    X0, y0 = X.copy(), y.copy()
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_ratio=0.25, seed=1)
    assert X_tr.shape == (15, 2) and X_te.shape == (5, 2) and y_tr.shape == (15,) and y_te.shape == (5,)
    rows = {tuple(r) for r in np.vstack([X_tr, X_te])}
    assert rows == {tuple(r) for r in X}                           # a partition of the samples
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)
    y_te[:] = 7                                                    # copies: the caller's y is untouched
    np.testing.assert_array_equal(y, y0)
    again = train_test_split(X, y, test_ratio=0.25, seed=1)
    np.testing.assert_array_equal(again[1], X_te)
    # both parts keep a sample even for extreme ratios
    assert len(train_test_split(X[:3], y[:3], test_ratio=0.01, seed=0)[1]) == 1
    assert len(train_test_split(X[:3], y[:3], test_ratio=0.99, seed=0)[0]) == 1


@pytest.mark.parametrize("ratio", [0, 1, 1.5, -0.2, "half", True])
def test_split_ratio_validation(ratio):
    X, y = make_gaussians(10, seed=0)
    with pytest.raises(ValueError, match="test_ratio must be a number strictly between 0 and 1"):
        train_test_split(X, y, test_ratio=ratio, seed=0)


def test_split_shape_validation():
    X, y = make_gaussians(10, seed=0)
    with pytest.raises(ValueError, match=r"y must have one entry per row of X \(10\)"):
        train_test_split(X, y[:5], test_ratio=0.5, seed=0)


def test_feature_map():
    X = np.array([[1.0, 2.0], [-3.0, 0.5]])
    F = feature_map(X)
    assert F.shape == (2, 7)
    np.testing.assert_allclose(F[1], [-3.0, 0.5, 9.0, 0.25, -1.5, np.sin(-3.0), np.sin(0.5)])
    np.testing.assert_array_equal(feature_map(X, "x1x2"), [[2.0], [-1.5]])
    assert list(FEATURES) == ["x1", "x2", "x1^2", "x2^2", "x1x2", "sin x1", "sin x2"]
    with pytest.raises(ValueError, match=r"unknown feature\(s\) \['x3'\]"):
        feature_map(X, ("x1", "x3"))
    with pytest.raises(ValueError, match="X must have 2 columns"):
        feature_map(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="at least one feature"):
        feature_map(X, ())


def test_x1x2_makes_xor_linearly_separable():
    X, y = make_xor(300, seed=0)
    assert np.all((feature_map(X, ("x1x2",))[:, 0] < 0) == (y == 1))


def test_decision_grid():
    XX, YY, ZZ = decision_grid(lambda P: P[:, 0] - P[:, 1], (-1, 1), (0, 4), n=5)
    assert XX.shape == YY.shape == ZZ.shape == (5, 5)
    np.testing.assert_array_equal(XX[0], np.linspace(-1, 1, 5))
    np.testing.assert_array_equal(YY[:, 0], np.linspace(0, 4, 5))
    np.testing.assert_array_equal(ZZ, XX - YY)
    _, _, Z1 = decision_grid(lambda P: P[:, :1], n=3)              # (m, 1) outputs are fine
    assert Z1.shape == (3, 3)
    with pytest.raises(TypeError, match="predict_fn must be callable"):
        decision_grid(None)
    with pytest.raises(ValueError, match=r"xlim must be \(low, high\) with low < high"):
        decision_grid(lambda P: P[:, 0], xlim=(1, -1))
    with pytest.raises(ValueError, match="one value per point"):
        decision_grid(lambda P: P, n=3)
    with pytest.raises(ValueError, match="n must be an integer >= 2"):
        decision_grid(lambda P: P[:, 0], n=1)


def test_linear_vs_hidden_on_xor_and_gaussians():
    xor = fit_linear_vs_hidden("xor")
    assert isinstance(xor, LinearVsHidden)
    assert xor.accuracy_linear < 0.75 and xor.accuracy_hidden > 0.95
    gauss = fit_linear_vs_hidden("gaussians")
    assert gauss.accuracy_linear > 0.95 and gauss.accuracy_hidden > 0.95
    assert xor.predict_hidden(xor.X).shape == (200,)
    again = fit_linear_vs_hidden("xor")
    np.testing.assert_array_equal(again.params_hidden["W1"], xor.params_hidden["W1"])
    # the model without a hidden layer has a straight boundary: its output is monotone along any line
    t = np.linspace(-5, 5, 50)[:, None]
    line = np.hstack([t, 0.3 * t + 1])
    assert np.all(np.diff(xor.predict_linear(line)) >= 0) or np.all(np.diff(xor.predict_linear(line)) <= 0)


def test_linear_vs_hidden_validation():
    with pytest.raises(ValueError, match="dataset must be a classification set"):
        fit_linear_vs_hidden("plane")
    with pytest.raises(ValueError, match="dataset must be a classification set"):
        fit_linear_vs_hidden("moons")
    with pytest.raises(TypeError, match="seed must be an int"):
        fit_linear_vs_hidden("xor", seed=None)

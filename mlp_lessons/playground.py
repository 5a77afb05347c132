r"""플레이그라운드: the 2-D data sets of the TensorFlow Playground, seeded (page: ``docs/playground.md``).

The chapter ends with https://playground.tensorflow.org, where a small
network learns to separate points in the plane.  This module makes the same
kinds of data — all from an explicit ``seed``, so figures are identical on
every build — plus the helpers a playground needs: a train/test split,
hand-made input features (:math:`x_1^2`, :math:`\sin x_1`, ...), a grid for
drawing decision boundaries, and :func:`fit_linear_vs_hidden`, which shows
that without a 은닉층 a network draws a straight line, and with one it can
bend.

Classification sets have labels 0/1; every set lies in about :math:`[-6, 6]^2`.

The last section reproduces the browser playground of ``docs/playground_lab.md``
(``docs/javascripts/playground/``) in Python: its seeded data (:func:`lab_data`, the
same points as ``data.js``), its initial weights (:func:`lab_init_params`) and, for
comparison, TensorFlow Playground's rule for a partial last batch
(:func:`train_tf_playground`).  The lab page's numbers about that difference come
from here; ``tests/js/trainer.test.mjs`` checks that the browser computes the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._checks import as_float_array, make_rng, positive_int, positive_number

__all__ = ["make_xor", "make_circle", "make_gaussians", "make_spiral", "make_plane", "DATASETS",
           "train_test_split", "FEATURES", "feature_map", "decision_grid",
           "LinearVsHidden", "fit_linear_vs_hidden", "mulberry32", "derived_seed", "LabData",
           "lab_data", "lab_init_params", "TFPlaygroundResult", "train_tf_playground", "updates_per_epoch"]


def _noise(noise, name="noise") -> float:
    if isinstance(noise, bool) or not isinstance(noise, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number >= 0, got {type(noise).__name__} {noise!r}")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {noise!r}")
    return float(noise)


def _n(n_samples, minimum=2) -> int:
    return positive_int(n_samples, "n_samples", minimum=minimum)


def make_xor(n_samples=200, *, noise=0.0, seed=None, rng=None):
    r"""Points in the four quadrants; label 1 where exactly one coordinate is positive (XOR).

    Points are uniform in :math:`[-5, 5]^2`, kept 0.3 away from the axes (as the
    Playground does), then moved by Gaussian noise of standard deviation ``noise``.
    Label :math:`y = [x_1 > 0] \oplus [x_2 > 0]` is computed before the noise.

    Parameters
    ----------
    n_samples : int >= 2
    noise : float >= 0, keyword-only
    seed : int, optional
    rng : numpy.random.Generator, optional
        Exactly one of ``seed``/``rng``.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of int, shape (n_samples,), values 0/1

    Examples
    --------
    >>> X, y = make_xor(4, seed=0)
    >>> X.shape, y.tolist() == ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(int).tolist()
    ((4, 2), True)
    """
    n, noise, g = _n(n_samples), _noise(noise), make_rng(seed, rng)
    X = g.uniform(-5.0, 5.0, size=(n, 2))
    X += np.where(X >= 0, 0.3, -0.3)           # keep away from the axes
    X = np.clip(X, -5.0, 5.0)
    y = ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(int)
    return X + noise * g.standard_normal((n, 2)), y


def make_circle(n_samples=200, *, noise=0.0, seed=None, rng=None):
    r"""A disc (label 1, radius < 2.5) inside a ring (label 0, radius 3.5 to 5).

    Half the points in each class; angles uniform; Gaussian noise of standard
    deviation ``noise`` added to the coordinates.

    Examples
    --------
    >>> X, y = make_circle(6, seed=0)
    >>> y
    array([1, 1, 1, 0, 0, 0])
    >>> bool(np.all(np.hypot(*X[y == 1].T) < 2.5)), bool(np.all(np.hypot(*X[y == 0].T) >= 3.5))
    (True, True)
    """
    n, noise, g = _n(n_samples), _noise(noise), make_rng(seed, rng)
    n_in = n // 2
    radius = np.concatenate([g.uniform(0.0, 2.5, n_in), g.uniform(3.5, 5.0, n - n_in)])
    angle = g.uniform(0.0, 2 * np.pi, n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    y = np.concatenate([np.ones(n_in, dtype=int), np.zeros(n - n_in, dtype=int)])
    return X + noise * g.standard_normal((n, 2)), y


def make_gaussians(n_samples=200, *, noise=1.0, seed=None, rng=None):
    r"""Two Gaussian clouds: label 1 around (2, 2), label 0 around (−2, −2); linearly separable.

    ``noise`` is each cloud's standard deviation (default 1).

    Examples
    --------
    >>> X, y = make_gaussians(400, seed=0)
    >>> X[y == 1].mean(axis=0).round(0), X[y == 0].mean(axis=0).round(0)
    (array([2., 2.]), array([-2., -2.]))
    """
    n, noise, g = _n(n_samples), _noise(noise), make_rng(seed, rng)
    n_pos = n // 2
    centers = np.concatenate([np.full((n_pos, 2), 2.0), np.full((n - n_pos, 2), -2.0)])
    y = np.concatenate([np.ones(n_pos, dtype=int), np.zeros(n - n_pos, dtype=int)])
    return centers + noise * g.standard_normal((n, 2)), y


def make_spiral(n_samples=200, *, noise=0.0, seed=None, rng=None):
    r"""Two interleaved spirals (label 0 and 1), the Playground's hardest set.

    Point :math:`i` of a spiral has radius :math:`r = 5 i/m` and angle
    :math:`\theta = 1.75 \cdot 2\pi\, i/m + \delta` with :math:`\delta = 0`
    (label 1) or :math:`\pi` (label 0); :math:`x = (r \sin\theta, r\cos\theta)`.

    Examples
    --------
    >>> X, y = make_spiral(200, noise=0.1, seed=0)
    >>> X.shape, np.bincount(y).tolist()
    ((200, 2), [100, 100])
    >>> bool(np.abs(X).max() < 6)
    True
    """
    n, noise, g = _n(n_samples), _noise(noise), make_rng(seed, rng)
    n_pos = n // 2
    parts = []
    for count, delta in ((n_pos, 0.0), (n - n_pos, np.pi)):
        i = np.arange(count)
        r = 5.0 * i / count
        t = 1.75 * 2 * np.pi * i / count + delta
        parts.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
    X = np.concatenate(parts)
    y = np.concatenate([np.ones(n_pos, dtype=int), np.zeros(n - n_pos, dtype=int)])
    return X + noise * g.standard_normal((n, 2)), y


def make_plane(n_samples=200, *, noise=0.0, seed=None, rng=None):
    r"""Regression: points uniform in :math:`[-5, 5]^2`, target :math:`y = (x_1 + x_2)/10` plus noise.

    The target lies in about [−1, 1]; ``noise`` is the standard deviation of
    the Gaussian noise added to it.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of float, shape (n_samples,)

    Examples
    --------
    >>> X, y = make_plane(3, seed=0)
    >>> bool(np.allclose(y, X.sum(axis=1) / 10))
    True
    """
    n, noise, g = _n(n_samples), _noise(noise), make_rng(seed, rng)
    X = g.uniform(-5.0, 5.0, size=(n, 2))
    return X, (X[:, 0] + X[:, 1]) / 10.0 + noise * g.standard_normal(n)


DATASETS: dict[str, Callable] = {
    "xor": make_xor, "circle": make_circle, "gaussians": make_gaussians,
    "spiral": make_spiral, "plane": make_plane,
}
"""Data-set makers by name (``"plane"`` is the regression set)."""


def train_test_split(X, y, *, test_ratio=0.5, seed=None, rng=None):
    """Shuffle and split into training and test data (the Playground's "ratio of training to test data").

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,) or (n_samples, k)
    test_ratio : float in (0, 1), keyword-only
        Fraction of samples held out for testing (rounded; both parts keep at least one sample).
    seed, rng : as for :func:`make_xor`

    Returns
    -------
    X_train, X_test, y_train, y_test : ndarray

    Examples
    --------
    >>> X, y = make_gaussians(10, seed=0)
    >>> X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_ratio=0.3, seed=1)
    >>> X_tr.shape, X_te.shape, y_te.shape
    ((7, 2), (3, 2), (3,))
    """
    X = as_float_array(X, "X", ndim=2)
    y = np.asarray(y)
    if y.ndim not in (1, 2) or len(y) != len(X):
        raise ValueError(f"y must have one entry per row of X ({len(X)}), got shape {y.shape}")
    if isinstance(test_ratio, bool) or not isinstance(test_ratio, (int, float)) or not 0 < test_ratio < 1:
        raise ValueError(f"test_ratio must be a number strictly between 0 and 1, got {test_ratio!r}")
    n = len(X)
    if n < 2:
        raise ValueError(f"need at least 2 samples to split, got {n}")
    n_test = min(max(int(round(n * test_ratio)), 1), n - 1)
    order = make_rng(seed, rng).permutation(n)
    test, tr = order[:n_test], order[n_test:]
    return X[tr], X[test], y[tr].copy(), y[test].copy()


FEATURES: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "x1": lambda a, b: a,
    "x2": lambda a, b: b,
    "x1^2": lambda a, b: a ** 2,
    "x2^2": lambda a, b: b ** 2,
    "x1x2": lambda a, b: a * b,
    "sin x1": lambda a, b: np.sin(a),
    "sin x2": lambda a, b: np.sin(b),
}
"""The Playground's input features, as functions of the two coordinates."""


def feature_map(X, features=("x1", "x2", "x1^2", "x2^2", "x1x2", "sin x1", "sin x2")):
    r"""Build input features from 2-D points, as the Playground's "FEATURES" column.

    With :math:`x_1 x_2` as an input, XOR becomes linearly separable:
    its label is 1 exactly where :math:`x_1 x_2 < 0`.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    features : sequence of str
        Names from :data:`FEATURES`, in the order of the output columns.

    Returns
    -------
    ndarray of shape (n_samples, len(features))

    Examples
    --------
    >>> feature_map([[2.0, 3.0]], ("x1", "x1^2", "x1x2"))
    array([[2., 4., 6.]])
    """
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (x1, x2), got shape {X.shape}")
    if isinstance(features, str):
        features = (features,)
    features = tuple(features)
    if not features:
        raise ValueError("features must name at least one feature, got none")
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        raise ValueError(f"unknown feature(s) {unknown}; expected names from: {', '.join(FEATURES)}")
    return np.column_stack([FEATURES[f](X[:, 0], X[:, 1]) for f in features])


def decision_grid(predict_fn, xlim=(-6.0, 6.0), ylim=(-6.0, 6.0), n=101):
    """Evaluate a model on an ``n`` x ``n`` grid, for ``contourf`` decision-boundary plots.

    Parameters
    ----------
    predict_fn : callable
        Takes points of shape (m, 2), returns m values (shape (m,) or (m, 1)).
    xlim, ylim : (float, float)
        Range of each axis, low < high.
    n : int >= 2
        Grid points per axis.

    Returns
    -------
    XX, YY, ZZ : ndarray, each of shape (n, n)
        ``ZZ[i, j] = predict_fn([[XX[i, j], YY[i, j]]])``.

    Examples
    --------
    >>> XX, YY, ZZ = decision_grid(lambda P: P[:, 0] + P[:, 1], (0, 1), (0, 2), n=3)
    >>> ZZ
    array([[0. , 0.5, 1. ],
           [1. , 1.5, 2. ],
           [2. , 2.5, 3. ]])
    """
    if not callable(predict_fn):
        raise TypeError(f"predict_fn must be callable, got {type(predict_fn).__name__}")
    lims = []
    for name, lim in (("xlim", xlim), ("ylim", ylim)):
        lim = as_float_array(lim, name, ndim=1)
        if lim.shape != (2,) or not lim[0] < lim[1]:
            raise ValueError(f"{name} must be (low, high) with low < high, got {tuple(lim.tolist())}")
        lims.append(lim)
    n = positive_int(n, "n", minimum=2)
    XX, YY = np.meshgrid(np.linspace(*lims[0], n), np.linspace(*lims[1], n))
    values = np.asarray(predict_fn(np.column_stack([XX.ravel(), YY.ravel()])), dtype=float)
    if values.size != n * n:
        raise ValueError(f"predict_fn must return one value per point ({n * n}), got shape {values.shape}")
    return XX, YY, values.reshape(n, n)


@dataclass(frozen=True)
class LinearVsHidden:
    """The two models of :func:`fit_linear_vs_hidden` and their data.

    ``params_linear`` is a 2-1 network (no 은닉층: one straight boundary);
    ``params_hidden`` a 2-``hidden``-1 network with tanh hidden units.
    Both have a sigmoid output: class 1 where it is >= 0.5.
    """

    dataset: str
    X: np.ndarray
    y: np.ndarray
    params_linear: dict
    params_hidden: dict
    accuracy_linear: float
    accuracy_hidden: float

    def predict_linear(self, P):
        """Output of the model without a hidden layer at points ``P`` (m, 2) → (m,)."""
        from .numpy_mlp import predict
        return predict(self.params_linear, P, "sigmoid")[:, 0]

    def predict_hidden(self, P):
        """Output of the model with a hidden layer at points ``P`` (m, 2) → (m,)."""
        from .numpy_mlp import predict
        return predict(self.params_hidden, P, ["tanh", "sigmoid"])[:, 0]


def fit_linear_vs_hidden(dataset="xor", *, n_samples=200, noise=0.0, hidden=4, epochs=600,
                         learning_rate=0.5, seed=0) -> LinearVsHidden:
    """Train a network without and with a hidden layer on one classification set.

    Inputs are scaled by 1/5 (to about [−1, 1]); both networks train by
    full-batch gradient descent on the SSE loss from seeded initial weights.
    On ``"gaussians"`` both succeed; on ``"xor"`` only the one with a hidden
    layer does (the chapter's "은닉층 없이" / "은닉층을 추가한" experiment).

    Parameters
    ----------
    dataset : {"xor", "circle", "gaussians", "spiral"}
    n_samples : int
    noise : float >= 0
    hidden : int >= 1
        Hidden units of the second network.
    epochs : int >= 1
    learning_rate : float > 0
    seed : int
        Seeds the data (``seed``) and both initial weights (``seed + 1``, ``seed + 2``).

    Returns
    -------
    LinearVsHidden
        The stored parameters take raw (unscaled) points: the 1/5 is folded into ``W1``.

    Examples
    --------
    >>> r = fit_linear_vs_hidden("xor")
    >>> r.accuracy_linear < 0.75, r.accuracy_hidden > 0.95
    (True, True)
    """
    from .network import init_params
    from .numpy_mlp import accuracy, predict, train

    if dataset not in DATASETS or dataset == "plane":
        names = ", ".join(k for k in DATASETS if k != "plane")
        raise ValueError(f"dataset must be a classification set ({names}), got {dataset!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an int, got {type(seed).__name__} {seed!r}")
    hidden = positive_int(hidden, "hidden")
    positive_number(learning_rate, "learning_rate")
    X, y = DATASETS[dataset](n_samples, noise=noise, seed=seed)
    T = y.reshape(-1, 1).astype(float)
    Xs = X / 5.0
    lin = train(init_params([2, 1], seed=seed + 1), Xs, T, activations="sigmoid",
                learning_rate=learning_rate, epochs=epochs).params
    hid = train(init_params([2, hidden, 1], seed=seed + 2), Xs, T, activations=["tanh", "sigmoid"],
                learning_rate=learning_rate, epochs=epochs).params
    # Fold the 1/5 scaling into W1, so the stored networks take raw points: (X/5) W1 = X (W1/5).
    lin = dict(lin, W1=lin["W1"] / 5.0)
    hid = dict(hid, W1=hid["W1"] / 5.0)
    acc_lin = accuracy(predict(lin, X, "sigmoid"), T)
    acc_hid = accuracy(predict(hid, X, ["tanh", "sigmoid"]), T)
    return LinearVsHidden(dataset=dataset, X=X, y=y, params_linear=lin, params_hidden=hid,
                          accuracy_linear=acc_lin, accuracy_hidden=acc_hid)


# --- the browser playground (docs/playground_lab.md) in Python ----------------------------

_U32 = 0xFFFFFFFF


def mulberry32(seed: int) -> Callable[[], float]:
    """The playground's random numbers (``mulberry32`` of ``data.js``): a function giving floats in [0, 1).

    The same 32-bit arithmetic as JavaScript's ``Math.imul`` and ``>>>``, so a seed gives the
    same numbers in the browser and here.

    Examples
    --------
    >>> rng = mulberry32(1)
    >>> [round(rng(), 6) for _ in range(3)]
    [0.627074, 0.002736, 0.527447]
    """
    a = int(seed) & _U32

    def rng() -> float:
        nonlocal a
        a = (a + 0x6D2B79F5) & _U32
        t = ((a ^ (a >> 15)) * (a | 1)) & _U32
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & _U32)) & _U32
        return (t ^ (t >> 14)) / 4294967296

    return rng


def derived_seed(seed: int, salt: int) -> int:
    """A second random stream from the same seed (``derivedSeed`` of ``data.js``; salt 1: the initial weights).

    >>> derived_seed(1, 1)
    992153577
    """
    return ((((int(seed) ^ 0x9E3779B9) & _U32) * 0x85EBCA6B) & _U32) ^ (int(salt) & _U32)


@dataclass(frozen=True)
class LabData:
    """The playground's training and test points: ``X`` of shape (n, 2), ``T`` of shape (n, 1), labels −1/+1."""

    X_train: np.ndarray
    T_train: np.ndarray
    X_test: np.ndarray
    T_test: np.ndarray


def _js_round(x: float) -> int:
    """JavaScript's ``Math.round``: halves go up."""
    return int(np.floor(x + 0.5))


def lab_data(name: str = "circle", *, seed: int = 1, noise: float = 0.0, ratio: int = 50,
             n: int = 500) -> LabData:
    r"""The points the browser playground makes for ``#data=<name>&seed=<seed>&noise=…&ratio=…``.

    A port of ``makeData`` in ``docs/javascripts/playground/data.js`` for its two sets
    made from uniform numbers alone: ``"circle"`` (a disc of radius 2.5 labelled +1
    inside a ring from 3.5 to 5 labelled −1) and ``"xor"`` (label +1 where
    :math:`x_1 x_2 \ge 0`, as in TensorFlow Playground).  The points are shuffled
    with the same seed and the first ``ratio`` % are the training points.

    Parameters
    ----------
    name : {"circle", "xor"}
    seed : int
    noise : float in [0, 0.5]
        The page's noise slider divided by 100.
    ratio : int
        Percent of the points used for training.
    n : int
        Number of points (the playground makes 500).

    Examples
    --------
    >>> d = lab_data("circle", seed=1)
    >>> d.X_train.shape, d.T_test.shape, sorted(set(d.T_train[:, 0].tolist()))
    ((250, 2), (250, 1), [-1.0, 1.0])
    """
    if name not in ("circle", "xor"):
        raise ValueError(f"lab_data makes the playground's 'circle' and 'xor' sets, got {name!r}")
    noise = _noise(noise)
    n = positive_int(n, "n")
    rng = mulberry32(seed)

    def uniform(lo: float, hi: float) -> float:
        return lo + (hi - lo) * rng()

    points = []
    for i in range(n):
        if name == "circle":
            inner = i < n / 2
            r = uniform(0.0, 0.5 * 5) if inner else uniform(0.7 * 5, 5.0)
            angle = uniform(0.0, 2 * np.pi)
            x1 = r * math.sin(angle) + uniform(-5.0, 5.0) * noise
            x2 = r * math.cos(angle) + uniform(-5.0, 5.0) * noise
            points.append((x1, x2, 1.0 if inner else -1.0))
        else:
            x1, x2 = uniform(-5.0, 5.0), uniform(-5.0, 5.0)
            x1 += 0.3 if x1 > 0 else -0.3
            x2 += 0.3 if x2 > 0 else -0.3
            label = 1.0 if x1 * x2 >= 0 else -1.0
            x1 = x1 + uniform(-5.0, 5.0) * noise
            x2 = x2 + uniform(-5.0, 5.0) * noise
            points.append((x1, x2, label))
    for i in range(len(points) - 1, 0, -1):                  # Fisher–Yates, as data.js shuffled()
        j = int(math.floor(rng() * (i + 1)))
        points[i], points[j] = points[j], points[i]
    n_train = _js_round(len(points) * ratio / 100)
    P = np.array(points, dtype=float)
    return LabData(P[:n_train, :2], P[:n_train, 2:], P[n_train:, :2], P[n_train:, 2:])


def lab_init_params(sizes, seed: int) -> dict[str, np.ndarray]:
    r"""The playground's first weights for ``#…&seed=<seed>`` (``initParams`` of ``mlp.js``).

    Glorot uniform :math:`U(-r, r)`, :math:`r = \sqrt{6/(n_{\text{in}} + n_{\text{out}})}`,
    drawn row by row from ``mulberry32(derived_seed(seed, 1))``; biases 0.

    >>> p = lab_init_params([2, 4, 2, 1], seed=1)
    >>> [p[k].shape for k in ("W1", "B1", "W2", "W3")], float(p["B2"].sum())
    ([(2, 4), (4,), (4, 2), (2, 1)], 0.0)
    """
    rng = mulberry32(derived_seed(seed, 1))
    params = {}
    for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        r = math.sqrt(6 / (n_in + n_out))
        params[f"W{l}"] = np.array([[(2 * rng() - 1) * r for _ in range(n_out)] for _ in range(n_in)])
        params[f"B{l}"] = np.zeros(n_out)
    return params


def updates_per_epoch(n_train: int, batch_size: int, rule: str = "update") -> int:
    """Weight updates in one epoch of ``n_train`` points in batches of ``batch_size``.

    ``rule="update"`` (this site's playground): every batch, the last one too even when it is
    smaller, so :math:`\\lceil n/b \\rceil`.  ``rule="carry"`` (TensorFlow Playground): an update
    only after every ``batch_size``-th point, so :math:`\\lfloor n/b \\rfloor` (in the steady
    state; none at all when :math:`n < b`).

    >>> updates_per_epoch(250, 3), updates_per_epoch(250, 3, "carry"), updates_per_epoch(10, 30, "carry")
    (84, 83, 0)
    """
    n, b = positive_int(n_train, "n_train"), positive_int(batch_size, "batch_size")
    if rule == "update":
        return -(-n // b)
    if rule == "carry":
        return n // b
    raise ValueError(f"rule must be 'update' or 'carry', got {rule!r}")


@dataclass(frozen=True)
class TFPlaygroundResult:
    """What :func:`train_tf_playground` ends with: the parameters, the number of updates made,
    and the points whose gradients wait for the next update (``carried``, at most ``batch_size − 1``
    unless there are fewer training points than that)."""

    params: dict
    updates: int
    carried: int


def train_tf_playground(params, X, T, *, activations, learning_rate: float, batch_size: int,
                        epochs: int) -> TFPlaygroundResult:
    r"""Train as TensorFlow Playground does, partial last batch included (squared error, no regularization).

    TensorFlow Playground's ``oneStep`` (``src/playground.ts``) walks the training points
    in order, adds each point's gradient to a running sum (``nn.backProp``), and after
    point ``i`` (0-based, counted from the start of the epoch) updates the weights when
    ``(i + 1) % batchSize == 0`` with the sum divided by the number of points summed
    (``nn.updateWeights``).  The points after the last full batch therefore make no
    update: their gradients wait and join the first batch of the next epoch.  With fewer
    training points than ``batch_size`` there is never an update.

    The gradients here are :func:`mlp_lessons.network.backward`'s (mean over a run of
    points, times its length = their sum), computed run by run: between two updates the
    weights do not change, so summing per point or per run is the same sum.
    This site's rule instead updates on the partial batch too:
    :func:`mlp_lessons.numpy_mlp.train` with ``batch_size`` and ``shuffle=False``.

    Parameters
    ----------
    params : dict of ``W1, B1, ..., WL, BL``
    X : array_like of shape (n, n0)
    T : array_like of shape (n, nL)
    activations : str or list of str
    learning_rate : float > 0
    batch_size, epochs : int >= 1

    Examples
    --------
    Seven points, batch 3: two updates in the first epoch, the 7th point waits and the next
    epoch's first update averages 4 points.

    >>> from mlp_lessons.network import init_params
    >>> X = np.linspace(-1, 1, 14).reshape(7, 2); T = np.sign(X[:, :1])
    >>> r = train_tf_playground(init_params([2, 3, 1], seed=0), X, T, activations="tanh",
    ...                         learning_rate=0.1, batch_size=3, epochs=2)
    >>> r.updates, r.carried
    (4, 1)
    """
    from .network import _backward, _forward, _update, check_params, n_layers, resolve_activations
    from .loss import get_loss

    params = check_params(params)
    acts = resolve_activations(activations, n_layers(params))
    X = as_float_array(X, "X", ndim=2)
    T = as_float_array(T, "T", ndim=2)
    if len(T) != len(X):
        raise ValueError(f"T must have one row per row of X ({len(X)}), got {len(T)}")
    eta = positive_number(learning_rate, "learning_rate")
    b = positive_int(batch_size, "batch_size")
    epochs = positive_int(epochs, "epochs")
    loss_fn = get_loss("sse")
    n = len(X)
    total = {k: np.zeros_like(v) for k, v in params.items()}    # the running sum of gradients
    count = updates = 0
    for _ in range(epochs):
        start = 0
        while start < n:
            end = min((start // b + 1) * b, n)                  # up to the next multiple of b, or the end
            grads = _backward(params, _forward(params, X[start:end], acts), T[start:end], acts, loss_fn).grads
            total = {k: total[k] + grads[k] * (end - start) for k in total}
            count += end - start
            if end % b == 0:                                    # (i + 1) % batchSize == 0 at i = end − 1
                params = _update(params, {k: v / count for k, v in total.items()}, eta)
                total = {k: np.zeros_like(v) for k, v in params.items()}
                count, updates = 0, updates + 1
            start = end
    return TFPlaygroundResult(params=params, updates=updates, carried=count)

r"""넘파이로 MLP 구현: the chapter's training loop, and a vectorized trainer (page: ``docs/numpy_mlp.md``).

Three ways to train, from the chapter outwards:

* :func:`fit_chapter_numpy` is the chapter's ``fit()`` line for line — one
  sample at a time, 1x2 NumPy arrays — without its ``global`` variables;
* :func:`fit_chapter` is the same arithmetic in plain Python floats.  At 1x2
  arrays NumPy spends its time on per-call overhead, so this is 20-50 times
  faster and gives the same numbers (to ~1e-15; see below);
* :func:`train` is the usual vectorized mini-batch trainer on top of
  :mod:`mlp_lessons.network` (``forward``, ``backward``, ``update``), for any
  layer sizes, activations, and the MSE or softmax cross-entropy loss.

The chapter trains on ``X = [[0,0],[0,1],[1,0],[1,1]]`` with targets
``[[1],[0],[0],[1]]`` (:data:`T_XNOR`) — the *XNOR* truth table, although
the text and the earlier forward-pass lab say XOR (:data:`T_XOR`).

Why :func:`fit_chapter` is not bit-identical to :func:`fit_chapter_numpy`:
NumPy's ``np.dot`` goes through OpenBLAS, which uses fused multiply-add
(one rounding for ``a*b + c``), and its SIMD ``np.exp`` may differ from
``math.exp`` in the last bit.  Plain Python rounds every operation.  The two
runs therefore differ by about 1e-16 per step, and after 90000 epochs their
outputs agree to about 1e-13.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ._checks import as_float_array, make_rng, positive_int, positive_number
from .loss import get_loss, one_hot
from .network import backward, check_params, forward, layer_sizes, n_layers, resolve_activations, update

__all__ = [
    "XOR_X", "T_XNOR", "T_XOR", "TrainingDiverged", "actf", "actf_deriv",
    "fit_chapter_numpy", "fit_chapter", "chapter_loop_source",
    "TrainResult", "train", "predict", "accuracy",
]


def _frozen(a) -> np.ndarray:
    a = np.array(a, dtype=np.float64)
    a.setflags(write=False)
    return a


XOR_X = _frozen([[0, 0], [0, 1], [1, 0], [1, 1]])
"""The chapter's four training inputs, shape (4, 2) (read-only)."""

T_XNOR = _frozen([[1], [0], [0], [1]])
"""The targets the chapter's NumPy lab actually trains on (XNOR), shape (4, 1)."""

T_XOR = _frozen([[0], [1], [1], [0]])
"""XOR targets, as the chapter's text (and its forward-pass lab) intends, shape (4, 1)."""


class TrainingDiverged(ValueError):
    """Training produced NaN or infinite numbers (usually: the 학습률 is too large).

    Attributes
    ----------
    epoch : int
        The 1-based epoch during which the numbers stopped being finite.
    learning_rate : float
    """

    def __init__(self, epoch: int, learning_rate: float, what: str = "the weights"):
        self.epoch = epoch
        self.learning_rate = learning_rate
        super().__init__(
            f"training diverged in epoch {epoch}: {what} became NaN or infinite "
            f"with learning_rate={learning_rate!r}; try a smaller learning rate")


# --- the chapter's loop in NumPy ----------------------------------------------

def actf(x):
    r"""The chapter's sigmoid, ``1/(1+np.exp(-x))``, exactly as written there.

    (:func:`mlp_lessons.activations.sigmoid` is the overflow-free version; the
    chapter's form is kept here so :func:`fit_chapter_numpy` is its code.)

    Examples
    --------
    >>> actf(np.array([0.0, 0.1])).round(6)
    array([0.5     , 0.524979])
    """
    return 1 / (1 + np.exp(-x))


def actf_deriv(x):
    r"""The chapter's sigmoid derivative, **taking the sigmoid's output** :math:`x = f(z)`: :math:`x(1-x)`.

    Examples
    --------
    >>> actf_deriv(np.array([0.5]))
    array([0.25])
    """
    return x * (1 - x)


def _chapter_arrays(params, X, T):
    """Validate the chapter's 1-hidden-layer params and data; return float copies."""
    params = check_params(params)
    if n_layers(params) != 2:
        raise ValueError(f"the chapter's loop needs one hidden layer (W1, B1, W2, B2), "
                         f"got {n_layers(params)} weight layers")
    X = as_float_array(X, "X", ndim=2)
    T = as_float_array(T, "T", ndim=2)
    n0, n2 = params["W1"].shape[0], params["W2"].shape[1]
    if X.shape[1] != n0:
        raise ValueError(f"X must have {n0} columns (one per input unit), got shape {X.shape}")
    if T.shape != (len(X), n2):
        raise ValueError(f"T must have shape ({len(X)}, {n2}) (one row per sample of X), got {T.shape}")
    if len(X) == 0:
        raise ValueError("X must hold at least one sample, got 0 rows")
    return params, X, T


def fit_chapter_numpy(params, X, T, epochs=90000, learning_rate=0.2):
    r"""The chapter's ``fit()``: per-sample backpropagation with NumPy, line for line.

    For every epoch and every sample ``x`` (reshaped to (1, n0)) with target ``y``:

    .. math::

        \delta_2 &= (\mathrm{layer}_2 - y) \odot \mathrm{layer}_2 (1 - \mathrm{layer}_2) \\
        \delta_1 &= (\delta_2 W_2^\top) \odot \mathrm{layer}_1 (1 - \mathrm{layer}_1) \\
        W_2 &\mathrel{+}= -\eta\, \mathrm{layer}_1^\top \delta_2, \quad
        W_1 \mathrel{+}= -\eta\, \mathrm{layer}_0^\top \delta_1, \quad
        B_2 \mathrel{+}= -\eta \textstyle\sum \delta_2, \quad B_1 \mathrel{+}= -\eta \textstyle\sum \delta_1

    Unlike the chapter, nothing is global: ``params`` is copied and the
    trained copy returned.

    Parameters
    ----------
    params : dict with ``W1`` (n0, n1), ``B1`` (n1,), ``W2`` (n1, n2), ``B2`` (n2,)
    X : array_like of shape (n_samples, n0)
    T : array_like of shape (n_samples, n2)
    epochs : int >= 1
        The chapter: 90000.
    learning_rate : float > 0
        The chapter: 0.2.

    Returns
    -------
    dict
        New ``W1, B1, W2, B2`` arrays.

    Raises
    ------
    TrainingDiverged
        If a weight becomes NaN or infinite (names the epoch).

    Examples
    --------
    >>> from mlp_lessons.forward_pass import chapter_params
    >>> trained = fit_chapter_numpy(chapter_params(), XOR_X, T_XNOR, epochs=1)
    >>> trained["W2"].round(6)
    array([[0.480088],
           [0.578376]])
    """
    params, X, T = _chapter_arrays(params, X, T)
    epochs = positive_int(epochs, "epochs")
    learning_rate = positive_number(learning_rate, "learning_rate")
    W1, B1, W2, B2 = (params[k].copy() for k in ("W1", "B1", "W2", "B2"))

    def predict(x):                   # the chapter's predict, reading this call's W1, B1, W2, B2
        layer0 = x                                  # 입력을 layer0에 대입한다.
        Z1 = np.dot(layer0, W1) + B1                # 행렬의 곱을 계산한다.
        layer1 = actf(Z1)                           # 활성화 함수를 적용한다.
        Z2 = np.dot(layer1, W2) + B2
        layer2 = actf(Z2)
        return layer0, layer1, layer2

    with np.errstate(over="ignore", invalid="ignore"):     # exp overflow saturates the sigmoid at 0
        for epoch in range(1, epochs + 1):
            for x, y in zip(X, T):                          # 학습 샘플을 하나씩 꺼낸다.
                x = np.reshape(x, (1, -1))                  # 2차원 행렬로 만든다.
                y = np.reshape(y, (1, -1))
                layer0, layer1, layer2 = predict(x)                  # 순방향 계산
                layer2_error = layer2 - y                            # 오차 계산
                layer2_delta = layer2_error * actf_deriv(layer2)     # 출력층의 델타 계산
                layer1_error = np.dot(layer2_delta, W2.T)            # 은닉층의 오차 계산
                layer1_delta = layer1_error * actf_deriv(layer1)     # 은닉층의 델타 계산
                W2 += -learning_rate * np.dot(layer1.T, layer2_delta)
                W1 += -learning_rate * np.dot(layer0.T, layer1_delta)
                B2 += -learning_rate * np.sum(layer2_delta, axis=0)
                B1 += -learning_rate * np.sum(layer1_delta, axis=0)
            if not (np.isfinite(W1).all() and np.isfinite(W2).all()
                    and np.isfinite(B1).all() and np.isfinite(B2).all()):
                raise TrainingDiverged(epoch, learning_rate)
    return {"W1": W1, "B1": B1, "W2": W2, "B2": B2}


# --- the same loop in plain Python floats ---------------------------------------

_MAX_SCALAR_WEIGHTS = 1024
# exp(-z) overflows a float exactly when z < _EXP_LIMIT; there NumPy's
# 1/(1+exp(-z)) is 1/inf = 0, and so is ours.
_EXP_LIMIT = -709.782712893384


def chapter_loop_source(n_inputs: int, n_hidden: int, n_outputs: int) -> str:
    """Python source of :func:`fit_chapter`'s inner loop for the given layer sizes.

    The chapter's matrix lines written out one number at a time: ``W1_i_j`` is
    ``W1[i, j]``, ``Z1_j`` is ``Z1[0, j]``, and so on.  :func:`fit_chapter`
    compiles this once per shape.  Every sum runs left to right, as in
    ``np.dot``.

    Examples
    --------
    >>> src = chapter_loop_source(2, 2, 1)
    >>> print("\\n".join(line.strip() for line in src.splitlines()[6:10]))
    # Z1 = layer0 @ W1 + B1; layer1 = actf(Z1)
    Z1_0 = x_0 * W1_0_0 + x_1 * W1_1_0 + B1_0
    layer1_0 = 0.0 if Z1_0 < EXP_LIMIT else 1.0 / (1.0 + exp(-Z1_0))
    Z1_1 = x_0 * W1_0_1 + x_1 * W1_1_1 + B1_1
    """
    n0 = positive_int(n_inputs, "n_inputs")
    n1 = positive_int(n_hidden, "n_hidden")
    n2 = positive_int(n_outputs, "n_outputs")
    I, H, O = range(n0), range(n1), range(n2)
    names = ([f"W1_{i}_{j}" for i in I for j in H] + [f"B1_{j}" for j in H]
             + [f"W2_{j}_{k}" for j in H for k in O] + [f"B2_{k}" for k in O])
    state = ", ".join(names)
    xs = ", ".join(f"x_{i}" for i in I) + ("," if n0 == 1 else "")
    ts = ", ".join(f"t_{k}" for k in O) + ("," if n2 == 1 else "")
    s = " " * 12
    lines = [
        "def run_epochs(state, samples, epochs, learning_rate):",
        f"    ({state},) = state",
        "    for _ in range(epochs):",
        f"        for ({xs}), ({ts}) in samples:",
        f"{s}# the chapter's loop body, one number at a time",
        f"{s}# (layer0 = x, y = t)",
        f"{s}# Z1 = layer0 @ W1 + B1; layer1 = actf(Z1)",
    ]
    for j in H:
        lines.append(f"{s}Z1_{j} = " + " + ".join(f"x_{i} * W1_{i}_{j}" for i in I) + f" + B1_{j}")
        lines.append(f"{s}layer1_{j} = 0.0 if Z1_{j} < EXP_LIMIT else 1.0 / (1.0 + exp(-Z1_{j}))")
    lines.append(f"{s}# Z2 = layer1 @ W2 + B2; layer2 = actf(Z2)")
    for k in O:
        lines.append(f"{s}Z2_{k} = " + " + ".join(f"layer1_{j} * W2_{j}_{k}" for j in H) + f" + B2_{k}")
        lines.append(f"{s}layer2_{k} = 0.0 if Z2_{k} < EXP_LIMIT else 1.0 / (1.0 + exp(-Z2_{k}))")
    lines.append(f"{s}# layer2_delta = (layer2 - y) * actf_deriv(layer2)")
    for k in O:
        lines.append(f"{s}layer2_delta_{k} = (layer2_{k} - t_{k}) * (layer2_{k} * (1 - layer2_{k}))")
    lines.append(f"{s}# layer1_delta = (layer2_delta @ W2.T) * actf_deriv(layer1)   (W2 before its update)")
    for j in H:
        err = " + ".join(f"layer2_delta_{k} * W2_{j}_{k}" for k in O)
        lines.append(f"{s}layer1_delta_{j} = ({err}) * (layer1_{j} * (1 - layer1_{j}))")
    lines.append(f"{s}# W2 += -learning_rate * layer1.T @ layer2_delta")
    lines += [f"{s}W2_{j}_{k} += -learning_rate * (layer1_{j} * layer2_delta_{k})" for j in H for k in O]
    lines.append(f"{s}# W1 += -learning_rate * layer0.T @ layer1_delta")
    lines += [f"{s}W1_{i}_{j} += -learning_rate * (x_{i} * layer1_delta_{j})" for i in I for j in H]
    lines.append(f"{s}# B2 += -learning_rate * sum(layer2_delta); B1 += -learning_rate * sum(layer1_delta)")
    lines += [f"{s}B2_{k} += -learning_rate * layer2_delta_{k}" for k in O]
    lines += [f"{s}B1_{j} += -learning_rate * layer1_delta_{j}" for j in H]
    lines.append(f"    return ({state},)")
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=16)
def _compiled_loop(n0: int, n1: int, n2: int) -> Callable:
    namespace = {"exp": math.exp, "EXP_LIMIT": _EXP_LIMIT}
    code = compile(chapter_loop_source(n0, n1, n2), f"<fit_chapter loop {n0}-{n1}-{n2}>", "exec")
    exec(code, namespace)
    return namespace["run_epochs"]


def fit_chapter(params, X, T, epochs=90000, learning_rate=0.2, progress=None):
    r"""The chapter's ``fit()`` in plain Python floats: the same arithmetic, 20-50x faster.

    Exactly the updates of :func:`fit_chapter_numpy` (per sample, in order,
    the hidden delta from ``W2`` before its update), written one number at a
    time (:func:`chapter_loop_source` shows the code) so that no NumPy call is
    made inside the loop.  Results agree with :func:`fit_chapter_numpy` to
    about 1e-13 (NumPy's BLAS uses fused multiply-add; see the module notes).

    Parameters
    ----------
    params : dict with ``W1`` (n0, n1), ``B1`` (n1,), ``W2`` (n1, n2), ``B2`` (n2,)
        Any small sizes (at most 1024 weights); one hidden layer, sigmoid everywhere.
    X : array_like of shape (n_samples, n0)
    T : array_like of shape (n_samples, n2)
    epochs : int >= 1
    learning_rate : float > 0
    progress : callable, optional
        Called as ``progress(epochs_done)`` every 1000 epochs and at the end
        (for a progress bar).

    Returns
    -------
    dict
        New ``W1, B1, W2, B2`` float64 arrays; ``params`` is not modified.

    Raises
    ------
    TrainingDiverged
        If a weight becomes NaN or infinite (names the epoch).

    Examples
    --------
    The chapter's run: 90000 epochs on its four samples, then its ``test()``.

    >>> from mlp_lessons.forward_pass import chapter_params, predict
    >>> trained = fit_chapter(chapter_params(), XOR_X, T_XNOR)
    >>> predict(trained, XOR_X)[2].round(8)
    array([[0.99196032],
           [0.00835708],
           [0.00836107],
           [0.98974873]])
    """
    params, X, T = _chapter_arrays(params, X, T)
    epochs = positive_int(epochs, "epochs")
    learning_rate = positive_number(learning_rate, "learning_rate")
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a callable progress(epochs_done) or None, got {type(progress).__name__}")
    n0, n1 = params["W1"].shape
    n2 = params["W2"].shape[1]
    if n0 * n1 + n1 * n2 > _MAX_SCALAR_WEIGHTS:
        raise ValueError(f"fit_chapter is for small networks (at most {_MAX_SCALAR_WEIGHTS} weights), "
                         f"got {n0}-{n1}-{n2}; use train() for larger ones")
    run_epochs = _compiled_loop(n0, n1, n2)
    state = tuple(params["W1"].ravel().tolist() + params["B1"].tolist()
                  + params["W2"].ravel().tolist() + params["B2"].tolist())
    samples = [(tuple(x), tuple(t)) for x, t in zip(X.tolist(), T.tolist())]

    done, chunk = 0, 1000
    while done < epochs:
        n = min(chunk, epochs - done)
        new_state = run_epochs(state, samples, n, learning_rate)
        if not all(map(math.isfinite, new_state)):
            # Find the first bad epoch by replaying this chunk one epoch at a time.
            for k in range(1, n + 1):
                state = run_epochs(state, samples, 1, learning_rate)
                if not all(map(math.isfinite, state)):
                    raise TrainingDiverged(done + k, learning_rate)
        state = new_state
        done += n
        if progress is not None:
            progress(done)

    values = np.array(state)
    a, b, c = n0 * n1, n0 * n1 + n1, n0 * n1 + n1 + n1 * n2
    return {"W1": values[:a].reshape(n0, n1), "B1": values[a:b],
            "W2": values[b:c].reshape(n1, n2), "B2": values[c:]}


# --- the vectorized mini-batch trainer --------------------------------------------

@dataclass(frozen=True)
class TrainResult:
    """What :func:`train` returns.

    Attributes
    ----------
    params : dict
        The trained ``W1, B1, ..., WL, BL``.
    loss_history : ndarray of shape (epochs,)
        Loss of each epoch: the mean, over the epoch's samples, of the loss of
        each mini-batch measured before its update (as scikit-learn's ``loss_curve_``).
    activations : tuple of str
        The activation of each layer, as trained (pass it to :func:`predict`).
    loss : str
        ``"mse"`` or ``"cross_entropy"``.
    """

    params: dict
    loss_history: np.ndarray
    activations: tuple = field(default=())
    loss: str = "mse"


# Activations of the fast path, written on raw arrays (same formulas as
# mlp_lessons.activations, whose functions copy and check their input;
# tests/test_numpy_mlp.py checks both paths give the same bits).  Each entry
# is (f(Z), f'(Z) computed from the output A = f(Z)).
def _fast_sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


_FAST = {
    "sigmoid": (_fast_sigmoid, lambda a: a * (1.0 - a)),
    "tanh": (np.tanh, lambda a: 1.0 - a * a),
    "relu": (lambda z: np.maximum(z, 0.0), lambda a: (a > 0).astype(a.dtype)),
    "linear": (lambda z: z, lambda a: np.ones_like(a)),
}


def _fast_step(params, L, names, loss_name, xb, tb, learning_rate):
    """One mini-batch step of the fast path: forward, loss, backward, update (new arrays)."""
    layers = [xb]                                                  # layer0
    for l in range(1, L + 1):
        Z = layers[-1] @ params[f"W{l}"] + params[f"B{l}"]         # Z_l = layer_{l-1} W_l + B_l
        if names[l - 1] != "softmax":
            layers.append(_FAST[names[l - 1]][0](Z))
        else:                          # softmax, sharing its exponentials with the loss below
            shifted = Z - np.max(Z, axis=-1, keepdims=True)
            e = np.exp(shifted)
            total = np.sum(e, axis=-1, keepdims=True)
            layers.append(e / total)
    Y, n = layers[-1], len(xb)
    if loss_name == "cross_entropy":
        log_p = shifted - np.log(total)                            # log softmax(Z)
        batch_loss = float(-np.sum(tb * log_p) / n)
        delta = (Y - tb) / n                                       # softmax + cross-entropy
    else:
        batch_loss = float(0.5 * np.sum((Y - tb) ** 2) / n)
        delta = (Y - tb) / n * _FAST[names[-1]][1](Y)              # dE/dY * f'(Z_L)
    new = dict(params)
    for l in range(L, 0, -1):
        if l < L:                                                  # error sent back through W_{l+1}
            delta = (delta @ params[f"W{l + 1}"].T) * _FAST[names[l - 1]][1](layers[l])
        new[f"W{l}"] = params[f"W{l}"] - learning_rate * (layers[l - 1].T @ delta)
        new[f"B{l}"] = params[f"B{l}"] - learning_rate * delta.sum(axis=0)
    return new, batch_loss


def _network_step(params, L, activations, loss_name, xb, tb, learning_rate):
    """One mini-batch step of the teaching path: network.forward, backward, update."""
    fwd = forward(params, xb, activations)
    bwd = backward(params, fwd, tb, activations, loss_name)
    loss_fn = get_loss(loss_name)
    batch_loss = loss_fn.f(fwd.Z[-1] if loss_name == "cross_entropy" else fwd.output, tb)
    return update(params, bwd.grads, learning_rate), batch_loss


def _targets(T, n_samples: int, n_outputs: int, loss_name: str) -> np.ndarray:
    T_arr = np.asarray(T)
    if T_arr.ndim == 1 and np.issubdtype(T_arr.dtype, np.integer) and loss_name == "cross_entropy":
        T_arr = one_hot(T_arr, n_outputs)
    T_arr = as_float_array(T_arr, "T", ndim=2)
    if T_arr.shape != (n_samples, n_outputs):
        raise ValueError(f"T must have shape ({n_samples}, {n_outputs}) (one row per sample, one column per "
                         f"output unit; int labels of shape ({n_samples},) for cross_entropy), got {T_arr.shape}")
    return T_arr


def train(params, X, T, *, activations="sigmoid", loss="mse", learning_rate, epochs,
          batch_size=None, shuffle=True, seed=None, rng=None, dtype=np.float64,
          engine="fast") -> TrainResult:
    r"""Mini-batch gradient descent for a dense MLP of any shape.

    Every epoch visits the samples in batches of ``batch_size`` (a fresh random
    order each epoch when ``shuffle``); for each batch it runs the forward pass,
    backpropagation and :math:`W \leftarrow W - \eta\, \partial E/\partial W`
    for every weight and bias.  ``batch_size=None`` is full-batch descent;
    ``batch_size=1, shuffle=False`` is the chapter's per-sample loop.

    Two engines compute the same numbers: ``engine="network"`` calls
    :func:`mlp_lessons.network.forward`, :func:`~mlp_lessons.network.backward`
    and :func:`~mlp_lessons.network.update` (the teaching path, which checks its
    inputs on every call); ``engine="fast"`` does the same arithmetic on raw
    arrays (2-3x faster on the digits, see ``benchmarks/bench_digits.py``;
    bit-identical results, tested).
    Only ``"fast"`` can train in float32.

    Parameters
    ----------
    params : dict of ``W1, B1, ..., WL, BL``
        Initial parameters (e.g. :func:`mlp_lessons.network.init_params`); not modified.
    X : array_like of shape (n_samples, n0)
    T : array_like of shape (n_samples, nL), or int labels (n_samples,) with ``loss="cross_entropy"``
    activations : str or list of str
        One for all layers or one per layer; softmax only last, with cross-entropy.
    loss : {"mse", "cross_entropy"}
    learning_rate : float > 0
    epochs : int >= 1
    batch_size : int >= 1, optional
        Default: all samples in one batch.
    shuffle : bool
        Shuffle the samples every epoch (needs ``seed`` or ``rng`` when there is more than one batch).
    seed : int, optional
    rng : numpy.random.Generator, optional
    dtype : {numpy.float64, numpy.float32}
    engine : {"fast", "network"}

    Returns
    -------
    TrainResult
        ``params`` (new arrays, of ``dtype``) and ``loss_history`` of shape (epochs,).

    Raises
    ------
    TrainingDiverged
        When the loss or a weight becomes NaN or infinite (names the epoch).

    Examples
    --------
    XOR with a 2-4-1 sigmoid network, full batch:

    >>> from mlp_lessons.network import init_params
    >>> result = train(init_params([2, 4, 1], seed=0), XOR_X, T_XOR, activations="sigmoid",
    ...                learning_rate=2.0, epochs=3000)
    >>> result.loss_history.shape, bool(result.loss_history[-1] < 0.01)
    ((3000,), True)
    >>> predict(result.params, XOR_X, "sigmoid").round(2).ravel()
    array([0.02, 0.97, 0.97, 0.03])
    """
    params = check_params(params)
    L = n_layers(params)
    acts = resolve_activations(activations, L)
    names = [a.name for a in acts]
    loss_fn = get_loss(loss)
    if loss_fn.output_activation is not None and names[-1] != loss_fn.output_activation:
        raise ValueError(f"loss {loss_fn.name!r} needs a {loss_fn.output_activation!r} output layer, "
                         f"got {names[-1]!r}")
    if loss_fn.output_activation is None and names[-1] == "softmax":
        raise ValueError("a softmax output layer needs loss='cross_entropy', got 'mse'")
    for name in names:
        if name not in _FAST and name != "softmax":
            raise ValueError(f"activation {name!r} cannot be trained by gradient descent here "
                             f"(its derivative is 0 or undefined); use one of: {', '.join(sorted(_FAST))}")
    learning_rate = positive_number(learning_rate, "learning_rate")
    epochs = positive_int(epochs, "epochs")
    if engine not in ("fast", "network"):
        raise ValueError(f"engine must be 'fast' or 'network', got {engine!r}")
    dtype = np.dtype(dtype)
    if dtype not in (np.dtype(np.float64), np.dtype(np.float32)):
        raise ValueError(f"dtype must be float64 or float32, got {dtype}")
    if engine == "network" and dtype != np.float64:
        raise ValueError("engine='network' computes in float64; use engine='fast' for float32")

    sizes = layer_sizes(params)
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != sizes[0]:
        raise ValueError(f"X must have {sizes[0]} columns (one per input unit), got shape {X.shape}")
    n = len(X)
    if n == 0:
        raise ValueError("X must hold at least one sample, got 0 rows")
    T = _targets(T, n, sizes[-1], loss_fn.name)
    batch = n if batch_size is None else min(positive_int(batch_size, "batch_size"), n)
    if not isinstance(shuffle, bool):
        raise TypeError(f"shuffle must be True or False, got {shuffle!r}")
    shuffling = shuffle and batch < n
    generator = make_rng(seed, rng) if shuffling else None

    X, T = X.astype(dtype), T.astype(dtype)
    params = {k: v.astype(dtype) for k, v in params.items()}
    history = np.empty(epochs)
    order = np.arange(n)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for epoch in range(1, epochs + 1):
            if shuffling:
                order = generator.permutation(n)
            total = 0.0
            for start in range(0, n, batch):
                idx = order[start:start + batch]
                xb, tb = (X, T) if batch == n and not shuffling else (X[idx], T[idx])
                if engine == "fast":
                    params, batch_loss = _fast_step(params, L, names, loss_fn.name, xb, tb, learning_rate)
                else:
                    params, batch_loss = _network_step(params, L, names, loss_fn.name, xb, tb, learning_rate)
                total += batch_loss * len(xb)
            history[epoch - 1] = total / n
            if not math.isfinite(history[epoch - 1]) or not all(np.isfinite(v).all() for v in params.values()):
                raise TrainingDiverged(epoch, learning_rate, "the loss or the weights")
    return TrainResult(params=params, loss_history=history, activations=tuple(names), loss=loss_fn.name)


def predict(params, X, activations="sigmoid") -> np.ndarray:
    """The network's output for ``X``: the last layer of :func:`mlp_lessons.network.forward`.

    Parameters
    ----------
    params : dict of ``W1, B1, ..., WL, BL``
    X : array_like of shape (n_samples, n0)
    activations : str or list of str

    Returns
    -------
    ndarray of shape (n_samples, nL)

    Examples
    --------
    >>> from mlp_lessons.forward_pass import chapter_params
    >>> predict(chapter_params(), XOR_X).round(8).ravel()
    array([0.70938314, 0.72844306, 0.71791234, 0.73598705])
    """
    params = {k: np.asarray(v, dtype=np.float64) for k, v in params.items()}
    return forward(params, X, activations).output


def accuracy(Y, T, *, threshold=0.5) -> float:
    """Fraction of samples classified correctly.

    One output column: class 1 where ``Y >= threshold`` (a sigmoid output),
    compared with 0/1 targets.  Several columns: the class is the column with
    the largest output, compared with int labels or one-hot rows.

    Parameters
    ----------
    Y : array_like of shape (n_samples, n_outputs)
        The network's outputs.
    T : array_like of shape (n_samples,) (labels) or (n_samples, n_outputs)
    threshold : float, keyword-only

    Returns
    -------
    float in [0, 1]

    Examples
    --------
    >>> accuracy([[0.9], [0.2], [0.6]], [[1], [0], [0]])
    0.6666666666666666
    >>> accuracy([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1]], [1, 2])
    0.5
    """
    Y = as_float_array(Y, "Y", ndim=2)
    T = np.asarray(T)
    if T.ndim == 2 and T.shape[1] > 1:
        labels = np.argmax(as_float_array(T, "T"), axis=1)
    else:
        labels = as_float_array(T, "T").reshape(-1)
    if len(labels) != len(Y):
        raise ValueError(f"Y and T must have one row per sample, got {len(Y)} and {len(labels)}")
    if Y.shape[1] == 1:
        predicted = (Y[:, 0] >= threshold).astype(float)
    else:
        predicted = np.argmax(Y, axis=1)
    return float(np.mean(predicted == labels))

r"""넘파이로 MLP 구현: the chapter's training loop, and a vectorized trainer (page: ``docs/numpy_mlp.md``).

Three ways to train, from the chapter outwards:

* :func:`fit_chapter_numpy` is the chapter's ``fit()`` line for line — one
  sample at a time, 1x2 NumPy arrays — without its ``global`` variables;
* :func:`fit_chapter` is the same arithmetic in plain Python floats.  At 1x2
  arrays NumPy spends its time on per-call overhead, so this is 20-50 times
  faster and gives the same numbers (to ~1e-15; see below).  Its loop is plain
  code: :func:`chapter_loop` for any small network, and
  :func:`chapter_loop_2_2_1`, the same loop written out with the chapter's
  ``w1 … w6, b1 … b3`` for its 2-2-1 network (several times faster again);
* :func:`train` is the usual vectorized mini-batch trainer for any layer
  sizes, activations, and the SSE (sum of squared errors) or softmax cross-entropy loss.  Each step
  runs the code of :mod:`mlp_lessons.network` (forward pass, backpropagation,
  update) with the activations of :data:`mlp_lessons.activations.ACTIVATIONS`
  and the losses of :data:`mlp_lessons.loss.LOSSES`, after checking its
  arguments once.

The chapter trains on ``X = [[0,0],[0,1],[1,0],[1,1]]`` with targets
``[[1],[0],[0],[1]]`` (:data:`T_XNOR`) — the *XNOR* truth table, although
the text and the earlier forward-pass lab say XOR (:data:`T_XOR`).  The data
are defined in :mod:`mlp_lessons.data` and imported here.

Why :func:`fit_chapter` is not bit-identical to :func:`fit_chapter_numpy`:
NumPy's ``np.dot`` goes through OpenBLAS, which uses fused multiply-add
(one rounding for ``a*b + c``), and its SIMD ``np.exp`` may differ from
``math.exp`` in the last bit.  Plain Python rounds every operation.  The two
runs therefore differ by about 1e-16 per step, and after 90000 epochs their
outputs agree to about 1e-13.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ._checks import as_float_array, make_rng, positive_int, positive_number
from .activations import ACTIVATIONS
from .data import T_XNOR, T_XOR, XOR_X
from .loss import get_loss, one_hot
from .network import _backward, _forward, _update, check_params, forward, layer_sizes, n_layers, resolve_activations

__all__ = [
    "XOR_X", "T_XNOR", "T_XOR", "TrainingDiverged", "actf", "actf_deriv", "actf_float",
    "fit_chapter_numpy", "fit_chapter", "chapter_loop", "chapter_loop_2_2_1",
    "TrainResult", "train", "predict", "accuracy",
]


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
    chapter's form is kept here so :func:`fit_chapter_numpy` is its code.  The
    activation-function Lab's ``sigmoid``
    (:func:`mlp_lessons.pages.activations.chapter_sigmoid`) is this function;
    :func:`actf_float` is it on one Python float.)

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


def actf_float(z: float) -> float:
    r""":func:`actf` on one Python float: :math:`1/(1+e^{-z})` with ``math.exp``.

    Where ``exp(-z)`` overflows (:math:`z < -709.78`) NumPy's ``1/(1+np.exp(-z))``
    is ``1/inf = 0`` (with a warning); ``math.exp`` would raise, so 0.0 is returned there.

    Examples
    --------
    >>> actf_float(0.0), actf_float(-1000.0)
    (0.5, 0.0)
    >>> actf_float(0.1) == float(actf(np.float64(0.1)))
    True
    """
    return 0.0 if z < _EXP_LIMIT else 1.0 / (1.0 + math.exp(-z))


def chapter_loop(W1, B1, W2, B2, samples, epochs, learning_rate):
    r"""The chapter's ``fit()`` loop on lists of floats, for any small 1-hidden-layer network.

    The chapter's matrix lines, one number at a time: ``W1[i][j]`` is the
    weight from input ``i`` to hidden unit ``j``; every sum runs left to right
    (``x[0]*W1[0][j] + x[1]*W1[1][j] + ... + B1[j]``), as ``np.dot`` does.

    Parameters
    ----------
    W1 : list of n0 lists of n1 floats
    B1 : list of n1 floats
    W2 : list of n1 lists of n2 floats
    B2 : list of n2 floats
    samples : list of (x, t) pairs, ``x`` a list of n0 floats, ``t`` of n2 floats
    epochs : int
    learning_rate : float

    Returns
    -------
    W1, B1, W2, B2 : new lists (the arguments are not modified)

    Examples
    --------
    One sample (0, 0) with target 0, one step (the chapter's hand calculation):

    >>> W1, B1, W2, B2 = chapter_loop([[0.1, 0.2], [0.3, 0.4]], [0.1, 0.2], [[0.5], [0.6]], [0.3],
    ...                               [([0.0, 0.0], [0.0])], epochs=1, learning_rate=0.2)
    >>> round(W2[0][0], 6)                                       # w5 - 0.2 * dE/dw5
    0.484645
    """
    W1, W2 = [row[:] for row in W1], [row[:] for row in W2]
    B1, B2 = B1[:], B2[:]
    I, H, O = range(len(W1)), range(len(B1)), range(len(B2))
    for _ in range(epochs):
        for x, t in samples:                                     # layer0 = x, y = t
            layer1 = []                                          # layer1 = actf(layer0 @ W1 + B1)
            for j in H:
                Z1_j = x[0] * W1[0][j]
                for i in I[1:]:
                    Z1_j += x[i] * W1[i][j]
                layer1.append(actf_float(Z1_j + B1[j]))
            layer2 = []                                          # layer2 = actf(layer1 @ W2 + B2)
            for k in O:
                Z2_k = layer1[0] * W2[0][k]
                for j in H[1:]:
                    Z2_k += layer1[j] * W2[j][k]
                layer2.append(actf_float(Z2_k + B2[k]))
            # layer2_delta = (layer2 - y) * actf_deriv(layer2)
            layer2_delta = [(layer2[k] - t[k]) * (layer2[k] * (1 - layer2[k])) for k in O]
            # layer1_delta = (layer2_delta @ W2.T) * actf_deriv(layer1), with W2 before its update
            layer1_delta = []
            for j in H:
                error_j = layer2_delta[0] * W2[j][0]
                for k in O[1:]:
                    error_j += layer2_delta[k] * W2[j][k]
                layer1_delta.append(error_j * (layer1[j] * (1 - layer1[j])))
            for j in H:                                          # W2 += -learning_rate * layer1.T @ layer2_delta
                for k in O:
                    W2[j][k] += -learning_rate * (layer1[j] * layer2_delta[k])
            for i in I:                                          # W1 += -learning_rate * layer0.T @ layer1_delta
                for j in H:
                    W1[i][j] += -learning_rate * (x[i] * layer1_delta[j])
            for k in O:                                          # B2 += -learning_rate * sum(layer2_delta)
                B2[k] += -learning_rate * layer2_delta[k]
            for j in H:                                          # B1 += -learning_rate * sum(layer1_delta)
                B1[j] += -learning_rate * layer1_delta[j]
    return W1, B1, W2, B2


def chapter_loop_2_2_1(W1, B1, W2, B2, samples, epochs, learning_rate):
    r""":func:`chapter_loop` written out for the chapter's 2-2-1 network, with the chapter's names.

    The same arithmetic, in the same order, as :func:`chapter_loop` (tested
    bit for bit), with the weights in local variables named as in the
    chapter's hand calculation (``docs/forward_pass.md``):
    :math:`W_1 = [[w_1, w_2], [w_3, w_4]]`, :math:`B_1 = [b_1, b_2]`,
    :math:`W_2 = [[w_5], [w_6]]`, :math:`B_2 = [b_3]`; :math:`a_1, a_2` are the
    hidden outputs (``layer1``) and :math:`a_y` the output (``layer2``).
    No list is indexed inside the loop, which makes it several times faster
    than :func:`chapter_loop`: the chapter's speed goal (20x the NumPy loop,
    ``benchmarks/bench_chapter_loop.py``, which times both) needs it.

    Parameters and return value as for :func:`chapter_loop`, with n0 = 2, n1 = 2, n2 = 1.

    Examples
    --------
    >>> W1, B1, W2, B2 = chapter_loop_2_2_1([[0.1, 0.2], [0.3, 0.4]], [0.1, 0.2], [[0.5], [0.6]], [0.3],
    ...                                     [([0.0, 0.0], [0.0])], epochs=1, learning_rate=0.2)
    >>> round(W2[0][0], 6)
    0.484645
    """
    (w1, w2), (w3, w4) = W1
    (w5,), (w6,) = W2
    b1, b2 = B1
    (b3,) = B2
    for _ in range(epochs):
        for (x1, x2), (t,) in samples:
            a1 = actf_float(x1 * w1 + x2 * w3 + b1)      # layer1 = actf(layer0 @ W1 + B1)
            a2 = actf_float(x1 * w2 + x2 * w4 + b2)
            a_y = actf_float(a1 * w5 + a2 * w6 + b3)     # layer2 = actf(layer1 @ W2 + B2)
            delta_y = (a_y - t) * (a_y * (1 - a_y))      # layer2_delta = (layer2 - y) * actf_deriv(layer2)
            delta_1 = (delta_y * w5) * (a1 * (1 - a1))   # layer1_delta = (layer2_delta @ W2.T)
            delta_2 = (delta_y * w6) * (a2 * (1 - a2))   #                * actf_deriv(layer1)
            w5 += -learning_rate * (a1 * delta_y)        # W2 += -learning_rate * layer1.T @ layer2_delta
            w6 += -learning_rate * (a2 * delta_y)
            w1 += -learning_rate * (x1 * delta_1)        # W1 += -learning_rate * layer0.T @ layer1_delta
            w2 += -learning_rate * (x1 * delta_2)
            w3 += -learning_rate * (x2 * delta_1)
            w4 += -learning_rate * (x2 * delta_2)
            b3 += -learning_rate * delta_y               # B2 += -learning_rate * sum(layer2_delta)
            b1 += -learning_rate * delta_1               # B1 += -learning_rate * sum(layer1_delta)
            b2 += -learning_rate * delta_2
    return [[w1, w2], [w3, w4]], [b1, b2], [[w5], [w6]], [b3]


def fit_chapter(params, X, T, epochs=90000, learning_rate=0.2, progress=None):
    r"""The chapter's ``fit()`` in plain Python floats: the same arithmetic, 20-50x faster.

    Exactly the updates of :func:`fit_chapter_numpy` (per sample, in order,
    the hidden delta from ``W2`` before its update), one number at a time, so
    that no NumPy call is made inside the loop: :func:`chapter_loop_2_2_1` for
    the chapter's 2-2-1 network, :func:`chapter_loop` for other sizes.  Results
    agree with :func:`fit_chapter_numpy` to about 1e-13 (NumPy's BLAS uses
    fused multiply-add; see the module notes).

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
    loop = chapter_loop_2_2_1 if (n0, n1, n2) == (2, 2, 1) else chapter_loop
    state = tuple(params[k].tolist() for k in ("W1", "B1", "W2", "B2"))
    samples = list(zip(X.tolist(), T.tolist()))

    done, chunk = 0, 1000
    while done < epochs:
        n = min(chunk, epochs - done)
        new_state = loop(*state, samples, n, learning_rate)
        if not _finite(new_state):
            # Find the first bad epoch by replaying this chunk one epoch at a time.
            for k in range(1, n + 1):
                state = loop(*state, samples, 1, learning_rate)
                if not _finite(state):
                    raise TrainingDiverged(done + k, learning_rate)
        state = new_state
        done += n
        if progress is not None:
            progress(done)
    return {k: np.array(v, dtype=np.float64) for k, v in zip(("W1", "B1", "W2", "B2"), state)}


def _finite(state) -> bool:
    W1, B1, W2, B2 = state
    return all(math.isfinite(v) for v in [*B1, *B2, *(w for row in W1 + W2 for w in row)])


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
        ``"sse"`` or ``"cross_entropy"``.
    """

    params: dict
    loss_history: np.ndarray
    activations: tuple = field(default=())
    loss: str = "sse"


def _targets(T, n_samples: int, n_outputs: int, loss_name: str) -> np.ndarray:
    T_arr = np.asarray(T)
    if T_arr.ndim == 1 and np.issubdtype(T_arr.dtype, np.integer) and loss_name == "cross_entropy":
        T_arr = one_hot(T_arr, n_outputs)
    T_arr = as_float_array(T_arr, "T", ndim=2)
    if T_arr.shape != (n_samples, n_outputs):
        raise ValueError(f"T must have shape ({n_samples}, {n_outputs}) (one row per sample, one column per "
                         f"output unit; int labels of shape ({n_samples},) for cross_entropy), got {T_arr.shape}")
    return T_arr


def train(params, X, T, *, activations="sigmoid", loss="sse", learning_rate, epochs,
          batch_size=None, shuffle=True, seed=None, rng=None, dtype=np.float64) -> TrainResult:
    r"""Mini-batch gradient descent for a dense MLP of any shape.

    Every epoch visits the samples in batches of ``batch_size`` (a fresh random
    order each epoch when ``shuffle``); for each batch it runs the forward pass,
    backpropagation and :math:`W \leftarrow W - \eta\, \partial E/\partial W`
    for every weight and bias.  ``batch_size=None`` is full-batch descent;
    ``batch_size=1, shuffle=False`` is the chapter's per-sample loop.

    Each mini-batch step is the code of :mod:`mlp_lessons.network` — the
    forward pass, backpropagation and update that :func:`~mlp_lessons.network.forward`,
    :func:`~mlp_lessons.network.backward` and :func:`~mlp_lessons.network.update`
    run after checking their arguments (here checked once, before the first
    epoch), with the activations of :data:`mlp_lessons.activations.ACTIVATIONS`
    and the loss of :data:`mlp_lessons.loss.LOSSES`.  It trains in float64 or
    float32 (``dtype``).

    Parameters
    ----------
    params : dict of ``W1, B1, ..., WL, BL``
        Initial parameters (e.g. :func:`mlp_lessons.network.init_params`); not modified.
    X : array_like of shape (n_samples, n0)
    T : array_like of shape (n_samples, nL), or int labels (n_samples,) with ``loss="cross_entropy"``
    activations : str or list of str
        One for all layers or one per layer; softmax only last, with cross-entropy.
    loss : {"sse", "cross_entropy"}
    learning_rate : float > 0
    epochs : int >= 1
    batch_size : int >= 1, optional
        Default: all samples in one batch.
    shuffle : bool
        Shuffle the samples every epoch (needs ``seed`` or ``rng`` when there is more than one batch).
    seed : int, optional
    rng : numpy.random.Generator, optional
    dtype : {numpy.float64, numpy.float32}

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
    # every activation with a derivative, except step (its derivative is 0 everywhere)
    trainable = sorted(name for name, a in ACTIVATIONS.items() if a.deriv is not None and name != "step")
    loss_fn = get_loss(loss)
    if loss_fn.output_activation is not None and names[-1] != loss_fn.output_activation:
        raise ValueError(f"loss {loss_fn.name!r} needs a {loss_fn.output_activation!r} output layer, "
                         f"got {names[-1]!r}")
    if loss_fn.output_activation is None and names[-1] == "softmax":
        raise ValueError("a softmax output layer needs loss='cross_entropy', got 'sse'")
    for name in names:
        if name not in trainable and name != "softmax":
            raise ValueError(f"activation {name!r} cannot be trained by gradient descent here "
                             f"(its derivative is 0 or undefined); use one of: {', '.join(trainable)}")
    learning_rate = positive_number(learning_rate, "learning_rate")
    epochs = positive_int(epochs, "epochs")
    dtype = np.dtype(dtype)
    if dtype not in (np.dtype(np.float64), np.dtype(np.float32)):
        raise ValueError(f"dtype must be float64 or float32, got {dtype}")

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
                fwd = _forward(params, xb, acts)                                 # network.forward
                batch_loss = loss_fn.f_unchecked(fwd.Z[-1] if loss_fn.output_activation else fwd.output, tb)
                grads = _backward(params, fwd, tb, acts, loss_fn).grads          # network.backward
                params = _update(params, grads, learning_rate)                   # network.update
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

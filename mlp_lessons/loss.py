r"""Loss functions and their gradients (page: ``docs/loss.md``).

The chapter's loss is the sum of squared errors of one sample,

.. math:: E = \frac{1}{2} \sum_i (y_i - t_i)^2 ,

오차제곱합 (SSE), the name Deep Learning from Scratch gives it (the textbook calls
it 평균 제곱 오차, MSE, but there is no mean over the outputs).  For a batch of
:math:`n` samples :func:`sse` averages that per-sample loss, so for one sample it
is exactly the chapter's :math:`E`.  For classification with several classes,
:func:`softmax_cross_entropy` is the usual choice.

Each loss sits beside its gradient and both are registered in :data:`LOSSES`.
Each formula is written once, on arrays that are already checked (the
private ``_<name>`` functions); the public functions check their input and
call it, and :func:`mlp_lessons.numpy_mlp.train` calls it directly through the
registry on every mini-batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._checks import as_float_array
from .activations import softmax

__all__ = ["sse", "sse_grad", "softmax_cross_entropy", "softmax_cross_entropy_grad",
           "one_hot", "Loss", "LOSSES", "get_loss"]


def _pair(Y, T, y_name="Y", t_name="T"):
    """Read prediction and target as 2-D float arrays of the same shape."""
    Y = as_float_array(Y, y_name, ndim=(1, 2))
    T = as_float_array(T, t_name, ndim=(1, 2))
    if Y.ndim == 1:
        Y = Y.reshape(1, -1)
    if T.ndim == 1:
        T = T.reshape(1, -1)
    if Y.shape != T.shape:
        raise ValueError(f"{y_name} and {t_name} must have the same shape, got {Y.shape} and {T.shape}")
    return Y, T


def sse(Y, T) -> float:
    r"""Sum of squared errors (오차제곱합, SSE) of each sample, averaged over samples: :math:`E = \frac{1}{n}\sum_{s}\frac{1}{2}\sum_i (y_{si} - t_{si})^2`.

    For one sample this is the chapter's :math:`E = \frac{1}{2}\sum_i (y_i - t_i)^2`.
    (The textbook calls it 평균 제곱 오차, but its formula sums over outputs and
    halves: the ½ makes the derivative simply :math:`y - t`.  The mean squared
    error would be :math:`\frac{1}{m}\sum_i (y_i - t_i)^2` over the :math:`m` outputs.)

    Parameters
    ----------
    Y : array_like of shape (n_samples, n_outputs), or (n_outputs,) for one sample
        The network's outputs.
    T : array_like, same shape as ``Y``
        The targets.

    Returns
    -------
    float

    Examples
    --------
    >>> round(sse([[0.709383]], [[0.0]]), 6)
    0.251612
    """
    return _sse(*_pair(Y, T))


def _sse(Y, T) -> float:
    return float(0.5 * np.sum((Y - T) ** 2) / Y.shape[0])


def sse_grad(Y, T) -> np.ndarray:
    r"""Gradient of :func:`sse` with respect to the outputs: :math:`\partial E/\partial y = (y - t)/n`.

    Returns
    -------
    ndarray of shape (n_samples, n_outputs)

    Examples
    --------
    >>> sse_grad([[0.75]], [[0.0]])
    array([[0.75]])
    """
    return _sse_grad(*_pair(Y, T))


def _sse_grad(Y, T) -> np.ndarray:
    return (Y - T) / Y.shape[0]


def one_hot(labels, n_classes: int) -> np.ndarray:
    """Turn integer class labels into one-hot rows.

    Parameters
    ----------
    labels : array_like of int, shape (n_samples,)
    n_classes : int

    Returns
    -------
    ndarray of shape (n_samples, n_classes)

    Examples
    --------
    >>> one_hot([0, 2], 3)
    array([[1., 0., 0.],
           [0., 0., 1.]])
    """
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"labels must be a 1-D array of integers, got dtype {labels.dtype} and shape {labels.shape}")
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(f"labels must lie in 0..{n_classes - 1}, got values from {labels.min()} to {labels.max()}")
    return np.eye(n_classes)[labels]


def _targets_like(Z, T):
    Z = as_float_array(Z, "Z", ndim=2)
    T_arr = np.asarray(T)
    if T_arr.ndim == 1 and np.issubdtype(T_arr.dtype, np.integer):
        T_arr = one_hot(T_arr, Z.shape[1])
    Z, T_arr = _pair(Z, T_arr, "Z", "T")
    return Z, T_arr


def softmax_cross_entropy(Z, T) -> float:
    r"""Softmax cross-entropy, averaged over samples: :math:`E = -\frac{1}{n}\sum_s \sum_k t_{sk} \log \mathrm{softmax}(z_s)_k`.

    Parameters
    ----------
    Z : array_like of shape (n_samples, n_classes)
        The output layer's weighted sums (logits).
    T : array_like of shape (n_samples, n_classes) (one-hot) or (n_samples,) of int labels

    Returns
    -------
    float

    Examples
    --------
    >>> round(softmax_cross_entropy([[0.0, 0.0]], [0]), 6)   # log 2
    0.693147
    """
    return _softmax_cross_entropy(*_targets_like(Z, T))


def _softmax_cross_entropy(Z, T) -> float:
    shifted = Z - Z.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))      # log softmax(Z)
    return float(-(T * log_p).sum() / Z.shape[0])


def softmax_cross_entropy_grad(Z, T) -> np.ndarray:
    r"""Gradient of :func:`softmax_cross_entropy` with respect to ``Z``: :math:`(\mathrm{softmax}(z) - t)/n`.

    Returns
    -------
    ndarray of shape (n_samples, n_classes)

    Examples
    --------
    >>> softmax_cross_entropy_grad([[0.0, 0.0]], [0])
    array([[-0.5,  0.5]])
    """
    Z, T = _targets_like(Z, T)
    return _softmax_cross_entropy_delta(softmax(Z), T)


def _softmax_cross_entropy_delta(Y, T) -> np.ndarray:
    # Y = softmax(Z): the output layer's delta dE/dZ, from the output the forward pass already has
    return (Y - T) / Y.shape[0]


@dataclass(frozen=True)
class Loss:
    r"""A loss with its gradient.

    ``f`` and ``grad`` take the network's output ``Y`` for ``"sse"`` and the
    logits ``Z`` for ``"cross_entropy"`` (which needs a softmax output layer);
    ``grad`` is the derivative with respect to that argument.

    ``f_unchecked`` and ``output_error`` are the same formulas for callers
    that have already checked their arrays (float64 or float32, same shape;
    nothing is copied or converted, NaN passes through): ``f_unchecked``
    takes what ``f`` takes; ``output_error(Y, T)`` takes the output ``Y`` and
    gives :math:`\partial E/\partial Y` for ``"sse"`` and, with its softmax
    output layer, :math:`\partial E/\partial Z = (Y - T)/n` for ``"cross_entropy"``.
    """

    name: str
    f: Callable
    grad: Callable
    output_activation: str | None
    f_unchecked: Callable
    output_error: Callable


LOSSES: dict[str, Loss] = {
    "sse": Loss("sse", sse, sse_grad, None, _sse, _sse_grad),
    "cross_entropy": Loss("cross_entropy", softmax_cross_entropy, softmax_cross_entropy_grad, "softmax",
                          _softmax_cross_entropy, _softmax_cross_entropy_delta),
}


def get_loss(name: str | Loss) -> Loss:
    """Look up a loss by name.

    Examples
    --------
    >>> get_loss("sse").name
    'sse'
    >>> get_loss("l2")
    Traceback (most recent call last):
    ...
    ValueError: unknown loss 'l2'; expected one of: cross_entropy, sse
    """
    if isinstance(name, Loss):
        return name
    if not isinstance(name, str):
        raise TypeError(f"loss must be a name (str), got {type(name).__name__} {name!r}")
    try:
        return LOSSES[name]
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; expected one of: {', '.join(sorted(LOSSES))}") from None

r"""Activation functions, each beside its derivative (page: ``docs/activations.md``).

Every activation :math:`f` comes with two forms of its derivative:

* ``<name>_deriv(x)`` takes the **input** :math:`x` (the weighted sum ``Z``) and
  returns :math:`f'(x)`;
* ``<name>_deriv_from_output(a)`` takes the **output** :math:`a = f(x)`.  The
  chapter's ``actf_deriv(x) = x*(1-x)`` is this form for the sigmoid: it is
  called with ``layer2`` (an output), not with ``Z2``.

They are registered once by name in :data:`ACTIVATIONS`; :func:`get_activation`
looks one up.  :func:`collapse_linear` shows why a stack of layers without an
activation is no better than one layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._checks import as_float_array

__all__ = [
    "step", "step_deriv", "sigmoid", "sigmoid_deriv", "sigmoid_deriv_from_output",
    "tanh", "tanh_deriv", "tanh_deriv_from_output", "relu", "relu_deriv",
    "relu_deriv_from_output", "linear", "linear_deriv", "linear_deriv_from_output",
    "softmax", "Activation", "ACTIVATIONS", "get_activation", "collapse_linear",
]


def _array(x) -> np.ndarray:
    """Read ``x`` as a float array (NaN/inf allowed: the math defines them).

    A float64 or float32 array is used as it is (no copy: no function here
    writes to its input), so :func:`mlp_lessons.numpy_mlp.train` can call the
    functions of :data:`ACTIVATIONS` on every mini-batch, in float32 too;
    anything else becomes a new float64 array.
    """
    if isinstance(x, np.ndarray) and x.dtype in _FLOAT_DTYPES:
        return x
    return as_float_array(x, "x", allow_nonfinite=True)


_FLOAT_DTYPES = (np.dtype(np.float64), np.dtype(np.float32))


# --- step -------------------------------------------------------------------

def step(x):
    r"""Step function, :math:`f(x) = 1` if :math:`x > 0`, else :math:`0`.

    The chapter's NumPy version, ``(x > 0.000001).astype(np.int)``, fails on
    NumPy >= 1.24 (``np.int`` was removed) and moves the threshold; this one
    follows the chapter's definition exactly.

    Parameters
    ----------
    x : array_like of any shape

    Returns
    -------
    ndarray of int, same shape as ``x`` (0 or 1)

    Examples
    --------
    >>> step([-1.0, 0.0, 1e-9, 2.0])
    array([0, 0, 1, 1])
    """
    return (_array(x) > 0).astype(int)


def step_deriv(x):
    r"""Derivative of :func:`step`: :math:`f'(x) = 0` for :math:`x \ne 0`.

    At :math:`x = 0` the step jumps and has no derivative; we return 0 there too.
    A gradient that is zero everywhere gives gradient descent nothing to follow:
    this is why the step function cannot be trained.

    Examples
    --------
    >>> step_deriv([-1.0, 0.0, 2.0])
    array([0., 0., 0.])
    """
    return np.zeros_like(_array(x))


# --- sigmoid ----------------------------------------------------------------

def sigmoid(x):
    r"""Sigmoid, :math:`f(x) = \dfrac{1}{1 + e^{-x}}`.

    Computed as :math:`1/(1+e^{-|x|})` or :math:`e^{-|x|}/(1+e^{-|x|})` by the
    sign of :math:`x`, so ``exp`` never overflows: accurate and silent for
    inputs up to :math:`\pm 10^4` (the chapter's ``1/(1+np.exp(-x))`` warns of
    overflow at ``x = -1000``).

    Parameters
    ----------
    x : array_like of any shape

    Returns
    -------
    ndarray of float, same shape as ``x``, values in [0, 1]

    Examples
    --------
    >>> round(float(sigmoid(0.1)), 6)
    0.524979
    >>> sigmoid([-1e4, 0.0, 1e4])
    array([0. , 0.5, 1. ])
    """
    x = _array(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_deriv(x):
    r"""Derivative of the sigmoid, taking the **input**: :math:`f'(x) = f(x)(1 - f(x))`.

    Examples
    --------
    >>> float(sigmoid_deriv(0.0))
    0.25
    """
    s = sigmoid(x)
    return s * (1.0 - s)


def sigmoid_deriv_from_output(s):
    r"""Derivative of the sigmoid, taking its **output** :math:`s = f(x)`: :math:`s(1-s)`.

    This is the chapter's ``actf_deriv(x) = x*(1-x)``: it is called with
    ``layer2 = actf(Z2)``, not with ``Z2``.

    Examples
    --------
    >>> a_y = sigmoid(0.892389)          # the chapter's output unit
    >>> round(float(sigmoid_deriv_from_output(a_y)), 7)
    0.2061588
    >>> round(float(sigmoid_deriv(0.892389)), 7)   # same value, from the input
    0.2061588
    """
    s = _array(s)
    return s * (1.0 - s)


# --- tanh -------------------------------------------------------------------

def tanh(x):
    r"""Hyperbolic tangent, :math:`f(x) = \dfrac{e^x - e^{-x}}{e^x + e^{-x}} = \dfrac{2}{1 + e^{-2x}} - 1`.

    NumPy provides it (``np.tanh``); outputs lie in (-1, 1).

    Examples
    --------
    >>> tanh([0.0, 1.0])
    array([0.        , 0.76159416])
    """
    return np.tanh(_array(x))


def tanh_deriv(x):
    r"""Derivative of tanh, taking the input: :math:`f'(x) = 1 - \tanh^2 x`.

    Examples
    --------
    >>> float(tanh_deriv(0.0))
    1.0
    """
    t = np.tanh(_array(x))
    return 1.0 - t * t


def tanh_deriv_from_output(a):
    r"""Derivative of tanh, taking its output :math:`a = \tanh x`: :math:`1 - a^2`.

    Examples
    --------
    >>> float(tanh_deriv_from_output(0.5))
    0.75
    """
    a = _array(a)
    return 1.0 - a * a


# --- ReLU -------------------------------------------------------------------

def relu(x):
    r"""ReLU, :math:`f(x) = x` if :math:`x > 0`, else :math:`0` (``np.maximum(x, 0)``).

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    return np.maximum(_array(x), 0.0)


def relu_deriv(x):
    r"""Derivative of ReLU, taking the input: :math:`f'(x) = 1` if :math:`x > 0`, else :math:`0`.

    ReLU has no derivative at :math:`x = 0`; we use **ReLU'(0) = 0**, the
    convention of most libraries (it matches the chapter's :math:`x \le 0` branch).

    Examples
    --------
    >>> relu_deriv([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    """
    x = _array(x)
    return (x > 0).astype(x.dtype)


def relu_deriv_from_output(a):
    r"""Derivative of ReLU from its output :math:`a`: 1 where :math:`a > 0`, else 0.

    Examples
    --------
    >>> relu_deriv_from_output([0.0, 3.0])
    array([0., 1.])
    """
    a = _array(a)
    return (a > 0).astype(a.dtype)


# --- linear (identity) ------------------------------------------------------

def linear(x):
    r"""Identity, :math:`f(x) = x`: a layer with no activation function.

    Examples
    --------
    >>> linear([-1.0, 2.0])
    array([-1.,  2.])
    """
    return _array(x).copy()


def linear_deriv(x):
    r"""Derivative of the identity, :math:`f'(x) = 1`.

    Examples
    --------
    >>> linear_deriv([-1.0, 2.0])
    array([1., 1.])
    """
    return np.ones_like(_array(x))


linear_deriv_from_output = linear_deriv


# --- softmax (output layer only) --------------------------------------------

def softmax(z):
    r"""Row-wise softmax, :math:`\mathrm{softmax}(z)_k = e^{z_k} / \sum_j e^{z_j}`.

    Subtracting each row's maximum first keeps ``exp`` from overflowing.  Its
    derivative is a Jacobian, not an element-wise function: paired with the
    cross-entropy loss the output delta is simply :math:`(y - t)/n`
    (see :func:`mlp_lessons.loss.softmax_cross_entropy_grad`).

    Parameters
    ----------
    z : array_like of shape (n_samples, n_classes) or (n_classes,)

    Examples
    --------
    >>> softmax([[0.0, 0.0], [1000.0, 0.0]])
    array([[0.5, 0.5],
           [1. , 0. ]])
    """
    z = _array(z)
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


# --- the registry -----------------------------------------------------------

@dataclass(frozen=True)
class Activation:
    """An activation function with its derivative in both forms.

    ``deriv`` takes the weighted sum ``Z``; ``deriv_from_output`` takes ``f(Z)``.
    Both are ``None`` for softmax, whose derivative the loss handles.
    """

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    deriv: Callable[[np.ndarray], np.ndarray] | None
    deriv_from_output: Callable[[np.ndarray], np.ndarray] | None


ACTIVATIONS: dict[str, Activation] = {
    a.name: a for a in (
        Activation("step", step, step_deriv, step_deriv),
        Activation("sigmoid", sigmoid, sigmoid_deriv, sigmoid_deriv_from_output),
        Activation("tanh", tanh, tanh_deriv, tanh_deriv_from_output),
        Activation("relu", relu, relu_deriv, relu_deriv_from_output),
        Activation("linear", linear, linear_deriv, linear_deriv_from_output),
        Activation("softmax", softmax, None, None),
    )
}
"""Activations by name: ``ACTIVATIONS["sigmoid"].f(0.0)``."""


def get_activation(name: str | Activation) -> Activation:
    """Look up an activation by name (an :class:`Activation` passes through).

    Examples
    --------
    >>> get_activation("relu").name
    'relu'
    >>> get_activation("sigmod")
    Traceback (most recent call last):
    ...
    ValueError: unknown activation 'sigmod'; expected one of: linear, relu, sigmoid, softmax, step, tanh
    """
    if isinstance(name, Activation):
        return name
    if not isinstance(name, str):
        raise TypeError(f"activation must be a name (str), got {type(name).__name__} {name!r}")
    try:
        return ACTIVATIONS[name]
    except KeyError:
        known = ", ".join(sorted(ACTIVATIONS))
        raise ValueError(f"unknown activation {name!r}; expected one of: {known}") from None


# --- why stacked linear layers collapse -------------------------------------

def collapse_linear(weights, biases):
    r"""Compose affine layers into the one equivalent layer.

    With no activation function between them, layers
    :math:`x \mapsto x W_1 + b_1 \mapsto (x W_1 + b_1) W_2 + b_2 \mapsto \cdots`
    compose to a single layer :math:`x \mapsto x W + b` with

    .. math:: W = W_1 W_2 \cdots W_L, \qquad b = (\cdots((b_1 W_2 + b_2) W_3 + b_3)\cdots) W_L + b_L.

    Parameters
    ----------
    weights : sequence of L arrays, ``weights[l]`` of shape (n_l, n_{l+1})
    biases : sequence of L arrays, ``biases[l]`` of shape (n_{l+1},)

    Returns
    -------
    W : ndarray of shape (n_0, n_L)
    b : ndarray of shape (n_L,)

    Examples
    --------
    >>> W, b = collapse_linear([[[1.0, 2.0]], [[3.0], [4.0]]], [[0.5, 0.5], [1.0]])
    >>> W, b
    (array([[11.]]), array([4.5]))
    >>> x = np.array([[2.0]])
    >>> ((x @ [[1.0, 2.0]] + [0.5, 0.5]) @ [[3.0], [4.0]] + [1.0], x @ W + b)
    (array([[26.5]]), array([[26.5]]))
    """
    if len(weights) == 0 or len(weights) != len(biases):
        raise ValueError(
            f"need one bias per weight matrix and at least one layer, got {len(weights)} weight matrices "
            f"and {len(biases)} biases")
    W = as_float_array(weights[0], "weights[0]", ndim=2)
    b = as_float_array(biases[0], "biases[0]", ndim=1)
    if b.shape[0] != W.shape[1]:
        raise ValueError(f"biases[0] must have shape ({W.shape[1]},), got {b.shape}")
    for i, (Wi, bi) in enumerate(zip(weights[1:], biases[1:]), start=1):
        Wi = as_float_array(Wi, f"weights[{i}]", ndim=2)
        bi = as_float_array(bi, f"biases[{i}]", ndim=1)
        if Wi.shape[0] != W.shape[1]:
            raise ValueError(
                f"weights[{i}] must have {W.shape[1]} rows to follow the previous layer, got shape {Wi.shape}")
        if bi.shape[0] != Wi.shape[1]:
            raise ValueError(f"biases[{i}] must have shape ({Wi.shape[1]},), got {bi.shape}")
        W, b = W @ Wi, b @ Wi + bi
    return W, b

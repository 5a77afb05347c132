r"""MLP의 순방향 패스: the chapter's 2-2-1 network, by hand and in matrices (page: ``docs/forward_pass.md``).

The chapter's network has two inputs, two hidden units and one output unit,
all with the sigmoid :math:`f(x) = 1/(1+e^{-x})`, and these parameters
(:func:`chapter_params`, defined in :mod:`mlp_lessons.data` and re-exported here):

.. math::

    W_1 = \begin{bmatrix} w_1 & w_2 \\ w_3 & w_4 \end{bmatrix}
        = \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \end{bmatrix},\quad
    B_1 = [b_1\ b_2] = [0.1\ 0.2],\quad
    W_2 = \begin{bmatrix} w_5 \\ w_6 \end{bmatrix} = \begin{bmatrix} 0.5 \\ 0.6 \end{bmatrix},\quad
    B_2 = [b_3] = [0.3].

The forward pass is :math:`Z_1 = X W_1 + B_1`, :math:`A_1 = f(Z_1)`,
:math:`Z_2 = A_1 W_2 + B_2`, :math:`y = f(Z_2)` (:func:`predict`).
:func:`worked_example` redoes the chapter's hand calculation for input (0, 0)
and target 0, up to the first 경사 하강법 step on :math:`w_5` and the loss
after 1 and 10000 steps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import as_float_array, positive_int, positive_number
from .activations import sigmoid
from .data import chapter_params
from .network import check_params, n_layers

__all__ = ["chapter_params", "predict", "chapter_test_table", "format_test_table",
           "WorkedExample", "worked_example", "CHAPTER_NUMBERS", "chapter_comparison"]


def predict(params, x):
    r"""The chapter's ``predict``: forward pass of a sigmoid MLP with one hidden layer.

    .. math:: Z_1 = \mathrm{layer}_0 W_1 + B_1,\quad \mathrm{layer}_1 = f(Z_1),\quad
              Z_2 = \mathrm{layer}_1 W_2 + B_2,\quad \mathrm{layer}_2 = f(Z_2)

    Parameters
    ----------
    params : dict with ``W1`` (n0, n1), ``B1`` (n1,), ``W2`` (n1, n2), ``B2`` (n2,)
    x : array_like of shape (n_samples, n0), or (n0,) for one sample

    Returns
    -------
    layer0, layer1, layer2 : ndarray
        Shapes (n_samples, n0), (n_samples, n1), (n_samples, n2); a 1-D ``x``
        gives 1-D layers, as the chapter's ``np.dot`` would.

    Examples
    --------
    >>> layer0, layer1, layer2 = predict(chapter_params(), [[0.0, 0.0]])
    >>> layer1.round(6), layer2.round(8)
    (array([[0.524979, 0.549834]]), array([[0.70938314]]))
    """
    params = check_params(params)
    if n_layers(params) != 2:
        raise ValueError(f"predict needs one hidden layer (W1, B1, W2, B2), got {n_layers(params)} weight layers")
    layer0 = as_float_array(x, "x", ndim=(1, 2))
    if layer0.shape[-1] != params["W1"].shape[0]:
        raise ValueError(f"x must have {params['W1'].shape[0]} values per sample (one per input unit), "
                         f"got shape {layer0.shape}")
    Z1 = layer0 @ params["W1"] + params["B1"]    # 행렬의 곱, then the bias
    layer1 = sigmoid(Z1)
    Z2 = layer1 @ params["W2"] + params["B2"]
    layer2 = sigmoid(Z2)
    return layer0, layer1, layer2


def chapter_test_table(params, X, T):
    """The chapter's ``test()``: one row ``(x, t, y)`` per sample.

    Parameters
    ----------
    params : dict, as for :func:`predict`
    X : array_like of shape (n_samples, n0)
    T : array_like of shape (n_samples, n2)

    Returns
    -------
    list of (x, t, y) tuples
        ``x`` of shape (1, n0) (the chapter reshapes each sample), ``t`` of
        shape (n2,), ``y`` of shape (1, n2).

    Examples
    --------
    >>> from mlp_lessons.data import T_XNOR, XOR_X
    >>> rows = chapter_test_table(chapter_params(), XOR_X, T_XNOR)
    >>> print(format_test_table(rows))
    [[0 0]] [1] [[0.70938314]]
    [[0 1]] [0] [[0.72844306]]
    [[1 0]] [0] [[0.71791234]]
    [[1 1]] [1] [[0.73598705]]
    """
    X = as_float_array(X, "X", ndim=2)
    T = as_float_array(T, "T", ndim=2)
    if len(X) != len(T):
        raise ValueError(f"X and T must have one row per sample, got {len(X)} and {len(T)} rows")
    rows = []
    for x, t in zip(X, T):
        x = np.reshape(x, (1, -1))     # 하나의 샘플을 2차원 행렬로 만든다
        _, _, y = predict(params, x)
        rows.append((x, t.copy(), y))
    return rows


def _show(a: np.ndarray) -> str:
    """Print an array as the chapter's integer ``X``/``T`` would print when it holds whole numbers."""
    if np.all(np.isfinite(a)) and np.all(a == np.round(a)):
        return str(a.astype(int))
    return str(a)


def format_test_table(rows) -> str:
    """The lines the chapter's ``test()`` prints, ``print(x, y, layer2)`` for each row.

    The chapter's ``X`` and ``T`` are integer arrays, so whole-number inputs
    and targets are shown as integers; outputs use NumPy's default 8 digits.

    Examples
    --------
    >>> print(format_test_table([(np.array([[0.0, 1.0]]), np.array([1.0]), np.array([[0.5]]))]))
    [[0 1]] [1] [[0.5]]
    """
    return "\n".join(f"{_show(x)} {_show(t)} {y}" for x, t, y in rows)


@dataclass(frozen=True)
class WorkedExample:
    r"""Every number of the chapter's hand calculation for input (0, 0), target 0.

    Names follow the chapter: :math:`z_1, a_1` (first hidden unit, also
    :math:`out_{h1}`), :math:`z_2, a_2`, :math:`z_y = net_y`,
    :math:`a_y = out_y`, and the three chain-rule factors of
    :math:`\partial E/\partial w_5`.
    """

    x: tuple[float, float]
    target: float
    learning_rate: float
    steps: int
    z1: float
    a1: float
    z2: float
    a2: float
    z_y: float
    a_y: float
    E: float
    factor1: float      #: ① ∂E/∂out_y = out_y − target
    factor2: float      #: ② ∂out_y/∂net_y = out_y (1 − out_y)
    factor3: float      #: ③ ∂net_y/∂w5 = out_h1
    dE_dw5: float
    w5_new: float
    out_y_after_1: float
    E_after_1: float
    out_y_after_n: float
    E_after_n: float


def worked_example(steps=10000, learning_rate=0.2) -> WorkedExample:
    r"""Redo the chapter's hand calculation (forward pass, :math:`\partial E/\partial w_5`, descent).

    Input :math:`(x_1, x_2) = (0, 0)`, target 0, the parameters of
    :func:`chapter_params`:

    .. math::

        z_1 &= w_1 x_1 + w_3 x_2 + b_1, & a_1 &= f(z_1) \\
        z_y &= w_5 a_1 + w_6 a_2 + b_3, & a_y &= f(z_y), \qquad E = \tfrac12 (t - a_y)^2 \\
        \frac{\partial E}{\partial w_5} &= \underbrace{(a_y - t)}_{①}\,
            \underbrace{a_y (1 - a_y)}_{②}\, \underbrace{a_1}_{③}, &
        w_5^{new} &= w_5 - \eta \frac{\partial E}{\partial w_5}

    ``out_y_after_1``/``E_after_1`` are the output and loss after one
    gradient-descent step on **every** weight and bias (the single sample
    (0, 0) → 0, :math:`\eta` = ``learning_rate``); ``*_after_n`` after
    ``steps`` such steps.  This is the setup that reproduces the chapter's
    0.699553 / 0.244687 after one step; after 10000 steps it gives 0.012088,
    not the chapter's 0.005770 (which needs about 40000 steps).

    Parameters
    ----------
    steps : int >= 1
    learning_rate : float > 0

    Returns
    -------
    WorkedExample

    Examples
    --------
    >>> ex = worked_example()
    >>> round(ex.a1, 6), round(ex.a2, 6), round(ex.z_y, 6), round(ex.a_y, 6), round(ex.E, 6)
    (0.524979, 0.549834, 0.89239, 0.709383, 0.251612)
    >>> round(ex.factor2, 6), round(ex.dE_dw5, 6), round(ex.w5_new, 6)
    (0.206159, 0.076776, 0.484645)
    >>> round(ex.out_y_after_1, 6), round(ex.E_after_1, 6)
    (0.699553, 0.244687)
    >>> round(ex.out_y_after_n, 6), round(ex.E_after_n, 6)
    (0.012088, 7.3e-05)
    """
    steps = positive_int(steps, "steps")
    eta = positive_number(learning_rate, "learning_rate")
    p = chapter_params()
    (w1, w2), (w3, w4) = p["W1"].tolist()
    (w5,), (w6,) = p["W2"].tolist()
    b1, b2 = p["B1"].tolist()
    (b3,) = p["B2"].tolist()
    x1, x2, target = 0.0, 0.0, 0.0
    # numpy_mlp builds on this module: imported here, not at the top
    from .numpy_mlp import actf_float as f, fit_chapter     # f(z) = 1 / (1 + e^-z)

    # 순방향 패스, one unit at a time as the chapter writes it
    z1 = w1 * x1 + w3 * x2 + b1
    a1 = f(z1)
    z2 = w2 * x1 + w4 * x2 + b2
    a2 = f(z2)
    z_y = w5 * a1 + w6 * a2 + b3
    a_y = f(z_y)
    E = 0.5 * (target - a_y) ** 2
    # ∂E/∂w5 by the chain rule
    factor1 = a_y - target
    factor2 = a_y * (1.0 - a_y)
    factor3 = a1
    dE_dw5 = factor1 * factor2 * factor3
    w5_new = w5 - eta * dE_dw5

    # gradient descent on all parameters, the single sample repeated
    X, T = [[x1, x2]], [[target]]
    out = []
    for n in (1, steps):
        trained = fit_chapter(p, X, T, epochs=n, learning_rate=eta)
        out.append(float(predict(trained, X)[2][0, 0]))
    return WorkedExample(
        x=(x1, x2), target=target, learning_rate=eta, steps=steps,
        z1=z1, a1=a1, z2=z2, a2=a2, z_y=z_y, a_y=a_y, E=E,
        factor1=factor1, factor2=factor2, factor3=factor3, dE_dw5=dE_dw5, w5_new=w5_new,
        out_y_after_1=out[0], E_after_1=0.5 * (target - out[0]) ** 2,
        out_y_after_n=out[1], E_after_n=0.5 * (target - out[1]) ** 2,
    )


CHAPTER_NUMBERS: dict[str, str] = {
    "a1": "0.524979", "a2": "0.549834", "z_y": "0.892389", "a_y": "0.709383", "E": "0.251612",
    "factor1": "0.709383", "factor2": "0.206158", "factor3": "0.524979", "dE_dw5": "0.076775",
    "w5_new": "0.484645", "out_y_after_1": "0.699553", "E_after_1": "0.244687",
    "out_y_after_n": "0.005770", "E_after_n": "0.000016",
}
"""The numbers as the chapter prints them (6 decimals), by :class:`WorkedExample` field."""


def chapter_comparison(example: WorkedExample | None = None) -> list[tuple[str, str, str, bool]]:
    """Compare :data:`CHAPTER_NUMBERS` with the computed values, rounded to 6 decimals.

    Returns
    -------
    list of (name, chapter, computed, agrees)
        ``computed`` is the true value rounded to 6 decimals, as a string.

    Examples
    --------
    >>> for name, book, true, ok in chapter_comparison():
    ...     if not ok:
    ...         print(name, book, true)
    z_y 0.892389 0.892390
    factor2 0.206158 0.206159
    dE_dw5 0.076775 0.076776
    out_y_after_n 0.005770 0.012088
    E_after_n 0.000016 0.000073
    """
    ex = worked_example() if example is None else example
    if not isinstance(ex, WorkedExample):
        raise TypeError(f"example must be a WorkedExample, got {type(ex).__name__}")
    rows = []
    for name, book in CHAPTER_NUMBERS.items():
        true = f"{getattr(ex, name):.6f}"
        rows.append((name, book, true, true == book))
    return rows

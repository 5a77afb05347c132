r"""Numbers and small data of the page "활성화 함수" (``docs/activations.md``).

:func:`numbers` gives every derived number the page's prose shows through a
``{{ activations.<key> }}`` placeholder.  The helpers below it build the data
that the page's examples and figures share:

* :func:`chapter_step` / :func:`chapter_sigmoid` — the chapter's Lab code
  (NumPy-2-safe where it has to be, with its threshold and its overflow);
* :func:`random_linear_stack` — random weights for the "linear layers collapse"
  demonstration;
* :func:`xor_best_linear_fit` and :func:`xor_relu_params` — XOR cannot be fit by
  one linear layer, but one ReLU 은닉층 fits it exactly;
* :func:`step_unit_loss` — the loss of a one-unit network as a function of its
  가중치, for the step function and for the sigmoid.
"""

from __future__ import annotations

import warnings

import numpy as np

from mlp_lessons.activations import (
    collapse_linear, relu, sigmoid, sigmoid_deriv, sigmoid_deriv_from_output, step, tanh_deriv,
)
from mlp_lessons.data import T_XOR as XOR_T
from mlp_lessons.data import XOR_X, chapter_params
from mlp_lessons.loss import sse
from mlp_lessons.numpy_mlp import actf

__all__ = ["CHAPTER_THRESHOLD", "XOR_X", "XOR_T", "chapter_step", "chapter_sigmoid",
           "random_linear_stack", "apply_stack", "xor_best_linear_fit", "xor_relu_params",
           "STEP_DATA_X", "STEP_DATA_T", "step_unit_loss", "sci_tex", "numbers"]

#: The chapter's threshold in ``step``: ``x > 0.000001`` (its formula says ``x > 0``).
CHAPTER_THRESHOLD = 0.000001


def chapter_step(x):
    """The chapter's array ``step`` with ``np.int`` replaced by ``int`` (threshold kept).

    Examples
    --------
    >>> chapter_step(np.array([0.0000005, 0.5]))
    array([0, 1])
    """
    result = np.asarray(x) > CHAPTER_THRESHOLD  # True 또는 False
    return result.astype(int)                  # 정수로 반환


def chapter_sigmoid(x):
    """The chapter's ``sigmoid``: ``1.0 / (1.0 + np.exp(-x))`` (overflows for x < -709).

    The NumPy Lab's ``actf`` (:func:`mlp_lessons.numpy_mlp.actf`) is the same
    formula; this applies it to ``x`` read as a float array.

    Examples
    --------
    >>> float(chapter_sigmoid(0.0))
    0.5
    """
    return actf(np.asarray(x, dtype=float))


def random_linear_stack(sizes=(2, 4, 3, 1), seed: int = 0):
    """Random weights and biases of a stack of layers with the given sizes.

    Returns
    -------
    weights : list of ndarray, ``weights[l]`` of shape (sizes[l], sizes[l+1])
    biases : list of ndarray, ``biases[l]`` of shape (sizes[l+1],)

    Examples
    --------
    >>> weights, biases = random_linear_stack((2, 4, 1), seed=0)
    >>> [w.shape for w in weights], [b.shape for b in biases]
    ([(2, 4), (4, 1)], [(4,), (1,)])
    """
    rng = np.random.default_rng(seed)
    weights = [rng.normal(size=(n_in, n_out)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(size=n_out) for n_out in sizes[1:]]
    return weights, biases


def apply_stack(X, weights, biases, activation=None):
    """Apply the layers one after another, with ``activation`` between them (none if ``None``).

    The activation is applied after every layer except the last.

    Examples
    --------
    >>> apply_stack(np.array([[2.0]]), [np.array([[1.0, -1.0]]), np.array([[1.0], [1.0]])],
    ...             [np.zeros(2), np.zeros(1)], activation=relu)
    array([[2.]])
    """
    layer = np.asarray(X, dtype=float)
    last = len(weights) - 1
    for l, (W, b) in enumerate(zip(weights, biases)):
        layer = layer @ W + b
        if activation is not None and l < last:
            layer = activation(layer)
    return layer


def xor_best_linear_fit():
    """The best single linear layer ``y = x W + b`` for XOR, by least squares.

    Returns
    -------
    W : ndarray of shape (2, 1)
    b : ndarray of shape (1,)

    Examples
    --------
    >>> W, b = xor_best_linear_fit()
    >>> (XOR_X @ W + b).round(6).ravel()
    array([0.5, 0.5, 0.5, 0.5])
    """
    A = np.hstack([XOR_X, np.ones((len(XOR_X), 1))])
    coef, *_ = np.linalg.lstsq(A, XOR_T, rcond=None)
    return coef[:2], coef[2]


def xor_relu_params() -> dict[str, np.ndarray]:
    """Hand-picked 2-2-1 parameters that compute XOR with a ReLU 은닉층 and a linear output.

    :math:`y = \\mathrm{relu}(x_1 + x_2) - 2\\,\\mathrm{relu}(x_1 + x_2 - 1)`.

    Examples
    --------
    >>> from mlp_lessons.network import forward
    >>> forward(xor_relu_params(), XOR_X, ["relu", "linear"]).output.ravel()
    array([0., 1., 1., 0.])
    """
    return {"W1": np.array([[1.0, 1.0], [1.0, 1.0]]), "B1": np.array([0.0, -1.0]),
            "W2": np.array([[1.0], [-2.0]]), "B2": np.array([0.0])}


#: A tiny 1-D data set for the one-unit loss landscape: inputs and targets.
STEP_DATA_X = np.array([-2.0, -1.0, 1.0, 2.0])
STEP_DATA_T = np.array([0.0, 0.0, 1.0, 1.0])


def step_unit_loss(w, activation, bias: float = 0.5):
    r"""Loss of the one-unit network :math:`y = f(w x + b)` on :data:`STEP_DATA_X`, for each ``w``.

    :math:`E(w) = \frac{1}{n}\sum_s \frac{1}{2}(f(w x_s + b) - t_s)^2` (the package's ``sse``).

    Parameters
    ----------
    w : array_like of shape (m,)
        가중치 values.
    activation : callable
        ``step`` or ``sigmoid`` (any element-wise activation).

    Returns
    -------
    ndarray of shape (m,)

    Examples
    --------
    >>> step_unit_loss([-1.0, 0.3, 1.0], step)
    array([0.5  , 0.125, 0.   ])
    """
    w = np.asarray(w, dtype=float).reshape(-1)
    Y = activation(np.outer(w, STEP_DATA_X) + bias)      # (m, n_samples)
    return np.array([sse(y.reshape(-1, 1), STEP_DATA_T.reshape(-1, 1)) for y in Y])


def sci_tex(value: float, digits: int = 1) -> str:
    r"""Format a number for MathJax in scientific notation: ``4.5 \times 10^{-5}``.

    Examples
    --------
    >>> sci_tex(4.5395807735907655e-05)
    '4.5 \\times 10^{-5}'
    >>> sci_tex(0.0)
    '0'
    """
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def _central_difference(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def numbers() -> dict[str, float | int | str]:
    """Every derived number the page "활성화 함수" shows in its prose.

    Examples
    --------
    >>> n = numbers()
    >>> n["sigmoid_deriv_max"], n["tanh_deriv_max"]
    (0.25, 1.0)
    """
    n: dict[str, float | int | str] = {}
    # Peaks of the derivatives (at x = 0), and how small the sigmoid's gets.
    n["sigmoid_at_0"] = float(sigmoid(0.0))
    n["sigmoid_deriv_max"] = float(sigmoid_deriv(0.0))
    n["tanh_deriv_max"] = float(tanh_deriv(0.0))
    n["sigmoid_deriv_at_10"] = float(sigmoid_deriv(10.0))

    # The step function: central differences are 0 away from 0 and blow up at 0.
    n["step_diff_at_1"] = float(_central_difference(step, 1.0))
    n["step_diff_at_0"] = float(_central_difference(step, 0.0))

    # The chapter's threshold: a tiny positive input, and a floating-point residue.
    n["threshold"] = CHAPTER_THRESHOLD
    n["tiny_x"] = 0.0000005
    n["chapter_step_tiny"] = int(chapter_step(0.0000005))
    n["step_tiny"] = int(step(0.0000005))
    n["fp_residue"] = 0.1 + 0.2 - 0.3

    # The chapter's sigmoid at x = -1000 (with its warning silenced here).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        n["chapter_sigmoid_m1000"] = float(chapter_sigmoid(-1000.0))
    n["sigmoid_m1000"] = float(sigmoid(-1000.0))
    n["sigmoid_m30"] = float(sigmoid(-30.0))

    # tanh(x) = 2 / (1 + e^{-2x}) - 1, checked on a grid.
    x = np.linspace(-5.0, 5.0, 1001)
    n["tanh_identity_max_err"] = float(np.max(np.abs(np.tanh(x) - (2.0 / (1.0 + np.exp(-2.0 * x)) - 1.0))))

    # Which argument the derivative takes: the first hidden unit of the chapter's network
    # at the input (0, 0), z1 = w1*0 + w3*0 + b1.
    params = chapter_params()
    z1 = float(params["B1"][0])
    n["z1"] = z1
    n["a1"] = float(sigmoid(z1))
    n["deriv_at_z1"] = float(sigmoid_deriv(z1))
    n["deriv_at_a1"] = float(sigmoid_deriv_from_output(n["a1"]))
    n["deriv_wrong_argument"] = float(sigmoid_deriv_from_output(z1))   # the output form given z1

    # Linear layers collapse: a random 3-layer stack equals one layer.
    weights, biases = random_linear_stack((2, 4, 3, 1), seed=0)
    X = np.random.default_rng(1).normal(size=(5, 2))
    W, b = collapse_linear(weights, biases)
    n["collapse_max_diff"] = float(np.max(np.abs(apply_stack(X, weights, biases) - (X @ W + b))))
    n["relu_stack_max_diff"] = float(np.max(np.abs(apply_stack(X, weights, biases, relu) - (X @ W + b))))

    # XOR: the linear layer closest to it answers the same for every input.
    Wl, bl = xor_best_linear_fit()
    n["xor_linear_output"] = float(np.round((XOR_X @ Wl + bl)[0, 0], 12))
    # Tiny numbers, also as LaTeX for the page's math.
    for key in ("sigmoid_deriv_at_10", "fp_residue", "collapse_max_diff", "tanh_identity_max_err"):
        n[f"{key}_tex"] = sci_tex(float(n[key]))
    n.update(_exercises())
    return n



#: 「확인 문제」 (Check yourself): the input of the sigmoid question, and two one-unit linear
#: layers ``y = 3 (2 x + 1) - 1`` with the input where a ReLU between them changes the output.
EXERCISE_X = 2.0
EXERCISE_STACK = ([np.array([[2.0]]), np.array([[3.0]])], [np.array([1.0]), np.array([-1.0])])
EXERCISE_STACK_X = -1.0


def _exercises() -> dict[str, float]:
    """The answers of the page's check questions (keys ``ex_*``)."""
    weights, biases = EXERCISE_STACK
    W, b = collapse_linear(weights, biases)
    x = [[EXERCISE_STACK_X]]
    return {
        "ex_sigmoid_x": float(sigmoid(EXERCISE_X)),
        "ex_sigmoid_deriv_x": float(sigmoid_deriv(EXERCISE_X)),
        "ex_sigmoid_deriv_share": float(sigmoid_deriv(EXERCISE_X) / sigmoid_deriv(0.0)),
        "ex_collapse_w": float(W[0, 0]),
        "ex_collapse_b": float(b[0]),
        "ex_linear_at_x": float(apply_stack(x, weights, biases)[0, 0]),
        "ex_relu_at_x": float(apply_stack(x, weights, biases, relu)[0, 0]),
    }

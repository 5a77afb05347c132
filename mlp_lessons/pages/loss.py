r"""Numbers and small data of the page "손실 함수" (``docs/loss.md``).

:func:`numbers` gives every derived number the page's prose shows through a
``{{ loss.<key> }}`` placeholder.  The helpers build what the page's examples
and figures share:

* :func:`chapter_output` — the chapter's 2-2-1 network's output for one input;
* :func:`sigmoid_output_grads` — a sigmoid output unit's loss and its gradient
  with respect to the weighted sum :math:`z`, for the sum of squared errors (SSE) and for
  cross-entropy;
* :data:`DIGIT_LOGITS` — two made-up output layers of a 10-class digit
  classifier (a good and a bad prediction), for the cross-entropy section.
"""

from __future__ import annotations

import numpy as np

from mlp_lessons.activations import sigmoid, sigmoid_deriv, softmax
from mlp_lessons.data import T_XOR as XOR_T
from mlp_lessons.data import XOR_X, chapter_params
from mlp_lessons.loss import sse, sse_grad, softmax_cross_entropy, softmax_cross_entropy_grad
from mlp_lessons.network import forward

__all__ = ["chapter_params", "chapter_output", "XOR_X", "XOR_T", "logit",
           "sigmoid_output_grads", "DIGIT_TARGET", "DIGIT_LOGITS", "CONFIDENT_WRONG_P", "numbers"]

#: The predicted probability of the right class in the "confidently wrong" example.
CONFIDENT_WRONG_P = 0.01

#: The digit the example image shows (the target class).
DIGIT_TARGET = 3

#: Output-layer weighted sums (logits) of a digit classifier, 10 classes 0..9.
#: "good": most weight on the target 3; "bad": most weight on 8.  Made-up inputs.
DIGIT_LOGITS = {
    "good": np.array([0.2, -0.5, 0.1, 4.0, -1.0, 0.8, -0.3, 0.0, 1.2, -0.2]),
    "bad": np.array([0.2, -0.5, 0.1, 0.3, -1.0, 0.8, -0.3, 0.0, 3.9, -0.2]),
}


def chapter_output(x=(0.0, 0.0)) -> float:
    """The chapter network's output :math:`y` (its ``layer2``) for one input ``x``.

    Examples
    --------
    >>> round(chapter_output((0.0, 0.0)), 6)
    0.709383
    """
    X = np.asarray(x, dtype=float).reshape(1, -1)
    return float(forward(chapter_params(), X, "sigmoid").output[0, 0])


def logit(p):
    r"""Inverse of the sigmoid: :math:`z = \ln\frac{p}{1-p}`, so that ``sigmoid(logit(p)) == p``.

    Examples
    --------
    >>> round(float(sigmoid(logit(0.25))), 12)
    0.25
    """
    p = np.asarray(p, dtype=float)
    return np.log(p) - np.log1p(-p)


def sigmoid_output_grads(z, t):
    r"""Loss and :math:`\partial E/\partial z` of one sigmoid output :math:`p = \sigma(z)` with target ``t``.

    * sum of squared errors: :math:`E = \frac12 (p - t)^2`,
      :math:`\partial E/\partial z = (p - t)\,\sigma'(z)`;
    * cross-entropy: a 2-class softmax over :math:`(0, z)` gives class 1 the
      probability :math:`\sigma(z)`, so :math:`E = -[t\ln p + (1-t)\ln(1-p)]` and
      :math:`\partial E/\partial z = p - t`.

    Parameters
    ----------
    z : array_like of shape (m,)
        Weighted sums of the output unit.
    t : {0, 1}
        Target.

    Returns
    -------
    dict with arrays ``"p"``, ``"sse"``, ``"sse_grad"``, ``"ce"``, ``"ce_grad"``, each of shape (m,)

    Examples
    --------
    >>> g = sigmoid_output_grads([0.0], 1)
    >>> {k: round(float(v[0]), 6) for k, v in g.items()}
    {'p': 0.5, 'sse': 0.125, 'sse_grad': -0.125, 'ce': 0.693147, 'ce_grad': -0.5}
    """
    if t not in (0, 1):
        raise ValueError(f"t must be 0 or 1, got {t!r}")
    z = np.asarray(z, dtype=float).reshape(-1)
    p = sigmoid(z)
    out = {"p": p, "sse": np.empty_like(z), "sse_grad": np.empty_like(z),
           "ce": np.empty_like(z), "ce_grad": np.empty_like(z)}
    for k, zk in enumerate(z):
        y = p[k:k + 1].reshape(1, 1)
        out["sse"][k] = sse(y, [[t]])
        out["sse_grad"][k] = (sse_grad(y, [[t]]) * sigmoid_deriv(zk))[0, 0]
        Z2 = np.array([[0.0, zk]])             # 2-class softmax: class 1 gets sigmoid(z)
        out["ce"][k] = softmax_cross_entropy(Z2, [t])
        out["ce_grad"][k] = softmax_cross_entropy_grad(Z2, [t])[0, 1]
    return out


def numbers() -> dict[str, float | int | str]:
    """Every derived number the page "손실 함수" shows in its prose.

    Examples
    --------
    >>> n = numbers()
    >>> round(n["a_y"], 6), round(n["E"], 6)
    (0.709383, 0.251612)
    """
    n: dict[str, float | int | str] = {}
    # The chapter's worked example: input (0, 0), target 0.
    y = chapter_output((0.0, 0.0))
    n["a_y"] = y
    n["target"] = 0.0
    n["E"] = sse([[y]], [[0.0]])
    n["dE_dy"] = float(sse_grad([[y]], [[0.0]])[0, 0])
    n["mean_of_squares"] = float(np.mean((np.array([y]) - 0.0) ** 2))
    n["error"] = y - 0.0

    # All four XOR samples with the chapter's initial weights.
    Y = forward(chapter_params(), XOR_X, "sigmoid").output
    for k, (x, yk) in enumerate(zip(XOR_X, Y[:, 0])):
        n[f"y_{int(x[0])}{int(x[1])}"] = float(yk)
    n["E_batch"] = sse(Y, XOR_T)

    # A confidently wrong sigmoid output: p = 0.01 for target 1.
    p = CONFIDENT_WRONG_P
    g = sigmoid_output_grads([logit(p)], 1)
    n["cw_p"] = p
    n["cw_z"] = float(logit(p))
    n["cw_sse"] = float(g["sse"][0])
    n["cw_ce"] = float(g["ce"][0])
    n["cw_sse_grad"] = float(g["sse_grad"][0])
    n["cw_ce_grad"] = float(g["ce_grad"][0])
    n["cw_ratio"] = float(g["ce_grad"][0] / g["sse_grad"][0])

    # The digit classifier: a good and a bad prediction of the digit 3.
    T = np.eye(10)[[DIGIT_TARGET]]
    for name, z in DIGIT_LOGITS.items():
        P = softmax(z.reshape(1, -1))
        n[f"digit_{name}_p_target"] = float(P[0, DIGIT_TARGET])
        n[f"digit_{name}_argmax"] = int(np.argmax(P))
        n[f"digit_{name}_sse"] = sse(P, T)
        n[f"digit_{name}_ce"] = softmax_cross_entropy(z.reshape(1, -1), [DIGIT_TARGET])
    n["digit_target"] = DIGIT_TARGET

    # Exercise: input (1, 1), target 0.
    y11 = chapter_output((1.0, 1.0))
    n["ex_y"] = y11
    n["ex_E"] = sse([[y11]], [[0.0]])
    n["ex_dE_dy"] = float(sse_grad([[y11]], [[0.0]])[0, 0])
    n.update(_exercises())
    return n


#: 「확인 문제」 (Check yourself): a sigmoid output that is nearly right, p = 0.9 for target 1.
EXERCISE_P = 0.9


def _exercises() -> dict[str, float]:
    """The answers of the page's check questions (keys ``ex_*``)."""
    g = sigmoid_output_grads([logit(EXERCISE_P)], 1)
    return {
        "ex_p": EXERCISE_P,
        "ex_p_sse": float(g["sse"][0]),
        "ex_p_ce": float(g["ce"][0]),
        "ex_p_sse_grad": float(g["sse_grad"][0]),
        "ex_p_ce_grad": float(g["ce_grad"][0]),
        "ex_p_ratio": float(g["ce_grad"][0] / g["sse_grad"][0]),
    }

r"""Numbers of the page "요약 · 연습문제" (``docs/summary.md``): its exercises' answers.

:func:`numbers` gives every derived number the answers state in their prose, through a
``{{ summary.<key> }}`` placeholder; the givens of each exercise (the chapter's loss
function and start, the layer sizes, the small matrices) are the module's constants, as the
exercise states them.  The answers' ``>>>`` examples show the same numbers, run by the
page's test (``pytest docs/summary.md``).
"""

from __future__ import annotations

import numpy as np

from mlp_lessons import activations, gradient_descent, network

__all__ = ["EX5_START", "EX5_LEARNING_RATE", "EX7_SIZES", "EX8_WEIGHTS", "EX8_BIASES", "numbers"]

#: Exercise 5: one and two steps of gradient descent on the chapter's loss from x = 10, 학습률 0.2.
EX5_START = 10.0
EX5_LEARNING_RATE = 0.2

#: Exercise 7: the layer sizes of the 64-128-10 MLP whose parameters are counted.
EX7_SIZES = (64, 128, 10)

#: Exercise 8: two linear layers, :math:`W_1 = [1\ 2]`, :math:`b_1 = [0\ 1]`,
#: :math:`W_2 = [3\ 4]^T`, :math:`b_2 = [1]`.
EX8_WEIGHTS = ([[1.0, 2.0]], [[3.0], [4.0]])
EX8_BIASES = ([0.0, 1.0], [1.0])


def numbers() -> dict[str, float | int]:
    """Every number the exercises' answers state in prose, computed by the package.

    Keys: ``ex1_*`` the sigmoid at 0 and its slope there; ``ex5_*`` the gradients, the
    points and the loss of two gradient-descent steps and the factor by which each step
    shrinks the distance to the minimum; ``ex7_*`` the parameter counts per layer and in all;
    ``ex8_*`` the one layer the two linear layers make.

    Examples
    --------
    >>> n = numbers()
    >>> n["ex1_slope"], round(n["ex5_x1"], 12), n["ex7_total"], n["ex8_W"], n["ex8_b"]
    (0.25, 7.2, 9610, 11.0, 5.0)
    """
    out: dict[str, float | int] = {
        "ex1_sigmoid": float(activations.sigmoid(0.0)),
        "ex1_slope": float(activations.sigmoid_deriv(0.0)),
    }

    history = gradient_descent.descent_1d(x0=EX5_START, learning_rate=EX5_LEARNING_RATE,
                                          max_iterations=2)
    x0, x1, x2 = (float(x) for x in history.x[:3])
    minimum = gradient_descent.MINIMUM_1D
    out.update({
        "ex5_grad0": float(gradient_descent.gradient_1d(x0)),
        "ex5_x1": x1,
        "ex5_loss1": float(gradient_descent.loss_1d(x1)),
        "ex5_grad1": float(gradient_descent.gradient_1d(x1)),
        "ex5_x2": x2,
        "ex5_shrink": (x1 - minimum) / (x0 - minimum),
    })

    params = network.init_params(list(EX7_SIZES), seed=0)
    out.update({f"ex7_{key}": int(value.size) for key, value in params.items()})
    out["ex7_total"] = sum(int(value.size) for value in params.values())

    W, b = activations.collapse_linear([np.array(w) for w in EX8_WEIGHTS],
                                       [np.array(v) for v in EX8_BIASES])
    out["ex8_W"] = float(W[0, 0])
    out["ex8_b"] = float(b[0])
    return out

r"""Numbers and data of the page "역전파" (``docs/backprop.md``).

:func:`numbers` gives every derived number the page's prose and formulas show
through a ``{{ backprop.<key> }}`` placeholder.  The chain-rule factors come
from :func:`mlp_lessons.backprop.chain_rule_factors`, the deltas and gradients
from :func:`mlp_lessons.network.backward`, the descent from
:func:`mlp_lessons.forward_pass.worked_example` and
:func:`mlp_lessons.numpy_mlp.fit_chapter`.  :func:`descent_history` is the data
of the page's loss-curve figure.
"""

from __future__ import annotations

import numpy as np

from mlp_lessons.activations import sigmoid_deriv
from mlp_lessons.backprop import chain_rule_factors, gradient_check
from mlp_lessons.forward_pass import CHAPTER_NUMBERS, chapter_params, worked_example
from mlp_lessons.network import backward, forward
from mlp_lessons.numpy_mlp import fit_chapter

__all__ = ["LEARNING_RATE", "STEPS", "LONG_STEPS", "SAMPLE", "OTHER_SAMPLE", "descent_history", "numbers"]

#: The chapter's 학습률 η and number of 경사 하강법 steps.
LEARNING_RATE = 0.2
STEPS = 10000
#: About this many steps are needed to reach the chapter's printed output 0.005770.
LONG_STEPS = 40000
#: The chapter's sample (x1, x2) and target t.
SAMPLE = ((0.0, 0.0), 0.0)
#: A second sample, so that the gradient of w1 is not multiplied by x1 = 0 (XOR: (1, 0) → 1).
OTHER_SAMPLE = ((1.0, 0.0), 1.0)


def descent_history(steps: int = LONG_STEPS, learning_rate: float = LEARNING_RATE, n_points: int = 120):
    """Output and loss of the chapter's network along gradient descent on its one sample.

    Every weight and bias takes a step :math:`w \\leftarrow w - \\eta\\,\\partial E/\\partial w`
    on the single sample (0, 0) → 0; the values are recorded at about
    ``n_points`` step counts spaced evenly on a log scale (always including 1,
    :data:`STEPS` and :data:`LONG_STEPS` when they are within ``steps``).

    Returns
    -------
    counts : ndarray of int, shape (m,)
        Step counts (0 first: the untrained network).
    outputs, losses : ndarray of shape (m,)
        :math:`out_y` and :math:`E = \\frac12 (t - out_y)^2` after that many steps.

    Examples
    --------
    >>> counts, outputs, losses = descent_history(steps=10, n_points=5)
    >>> counts.tolist()
    [0, 1, 2, 3, 6, 10]
    >>> round(float(outputs[1]), 6), round(float(losses[1]), 6)
    (0.699553, 0.244687)
    """
    (x, t) = SAMPLE
    X, T = [list(x)], [[t]]
    marks = [s for s in (1, STEPS, LONG_STEPS) if s <= steps]
    grid = np.round(np.logspace(0, np.log10(steps), n_points)).astype(int)
    counts = np.unique(np.concatenate([[0], grid, marks, [steps]]))
    params = chapter_params()
    outputs, done = [], 0
    for n in counts:
        if n > done:
            params = fit_chapter(params, X, T, epochs=int(n - done), learning_rate=learning_rate)
            done = int(n)
        outputs.append(float(forward(params, X, "sigmoid").output[0, 0]))
    outputs = np.array(outputs)
    return counts, outputs, 0.5 * (t - outputs) ** 2


def _sample_numbers(x, t, suffix: str) -> dict[str, float]:
    """Forward values, deltas and the gradients of w1, b1 for one sample."""
    p = chapter_params()
    fwd = forward(p, [list(x)], "sigmoid")
    bwd = backward(p, fwd, [[t]], "sigmoid", "mse")
    a1, a2 = fwd.layers[1][0]
    a_y = fwd.output[0, 0]
    (d1, d2), (dy,) = bwd.deltas[0][0], bwd.deltas[1][0]
    w5, w6 = p["W2"][:, 0]
    w1_factors = chain_rule_factors(p, x, [t], layer=1, i=0, j=0)
    return {
        f"x1{suffix}": x[0], f"x2{suffix}": x[1], f"t{suffix}": t,
        f"a1{suffix}": float(a1), f"a2{suffix}": float(a2), f"a_y{suffix}": float(a_y),
        f"delta_y{suffix}": float(dy),
        f"err_h1{suffix}": float(dy * w5), f"err_h2{suffix}": float(dy * w6),
        f"fprime_h1{suffix}": float(a1 * (1 - a1)), f"fprime_h2{suffix}": float(a2 * (1 - a2)),
        f"delta_h1{suffix}": float(d1), f"delta_h2{suffix}": float(d2),
        f"dE_dw1{suffix}": float(bwd.grads["W1"][0, 0]), f"dE_db1{suffix}": float(bwd.grads["B1"][0]),
        f"dE_dw5{suffix}": float(bwd.grads["W2"][0, 0]), f"dE_dw6{suffix}": float(bwd.grads["W2"][1, 0]),
        f"dE_db3{suffix}": float(bwd.grads["B2"][0]),
        f"w1_f1{suffix}": w1_factors["dE_dout"], f"w1_f2{suffix}": w1_factors["dout_dnet"],
        f"w1_f3{suffix}": w1_factors["dnet_dw"],
    }


def numbers() -> dict[str, float | int | str]:
    """Every number the page shows, by placeholder key.

    Keys: ``eta, steps, long_steps``; the forward pass ``a1, a2, z_y, a_y, E``;
    the chain-rule factors ``f1, f2, f3`` of ∂E/∂w5 and ``dE_dw5``, ``w5``,
    ``w5_new``, ``w5_plus`` (the chapter's "+" sign); the chapter's printed
    ``chapter_*`` strings; the deltas and gradients for the chapter's sample
    (``delta_y, err_h1, fprime_h1, delta_h1, dE_dw1, dE_db1, ...``) and, with
    suffix ``_10``, for input (1, 0) and target 1; the descent ``out_1, E_1``
    (one step), ``out_n, E_n`` (:data:`STEPS` steps), ``out_long, E_long``
    (:data:`LONG_STEPS` steps); ``gradcheck`` (the largest relative difference
    between backprop and central differences on the four XOR samples) and its
    ``gradcheck_mantissa`` × 10^``gradcheck_exponent``.

    Examples
    --------
    >>> n = numbers()
    >>> round(n["f2"], 6), round(n["dE_dw5"], 6), round(n["w5_new"], 6)
    (0.206159, 0.076776, 0.484645)
    """
    ex = worked_example(steps=STEPS, learning_rate=LEARNING_RATE)
    (x, t) = SAMPLE
    f = chain_rule_factors(chapter_params(), x, [t], layer=2, i=0, j=0)
    w5 = float(chapter_params()["W2"][0, 0])
    out: dict[str, float | int | str] = {
        "eta": LEARNING_RATE, "steps": STEPS, "long_steps": LONG_STEPS, "t": t, "w5": w5,
        "a1": ex.a1, "a2": ex.a2, "z_y": ex.z_y, "a_y": ex.a_y, "E": ex.E,
        "f1": f["dE_dout"], "f2": f["dout_dnet"], "f3": f["dnet_dw"], "dE_dw5": f["dE_dw"],
        "eta_dE_dw5": LEARNING_RATE * f["dE_dw"],
        # what the chapter's notation f'(out_y) would literally mean: the slope at out_y, not at net_y
        "fprime_at_out": float(sigmoid_deriv(ex.a_y)),
        "w5_new": w5 - LEARNING_RATE * f["dE_dw"], "w5_plus": w5 + LEARNING_RATE * f["dE_dw"],
        "out_1": ex.out_y_after_1, "E_1": ex.E_after_1, "out_n": ex.out_y_after_n, "E_n": ex.E_after_n,
    }
    for key in ("a_y", "E", "factor2", "dE_dw5", "out_y_after_n", "E_after_n", "out_y_after_1", "E_after_1",
                "z_y"):
        out[f"chapter_{key}"] = CHAPTER_NUMBERS[key]
    # the loss that the chapter's own printed output implies (it prints this value cut off)
    out["chapter_E_from_out"] = 0.5 * (t - float(CHAPTER_NUMBERS["out_y_after_n"])) ** 2
    out["chapter_rounded_product"] = 0.709383 * 0.206158 * 0.524979   # the chapter's rounded factors
    long = fit_chapter(chapter_params(), [list(x)], [[t]], epochs=LONG_STEPS, learning_rate=LEARNING_RATE)
    out["out_long"] = float(forward(long, [list(x)], "sigmoid").output[0, 0])
    out["E_long"] = 0.5 * (t - out["out_long"]) ** 2
    out.update(_sample_numbers(x, t, ""))
    out.update(_sample_numbers(*OTHER_SAMPLE, "_10"))
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    T = np.array([[0.0], [1.0], [1.0], [0.0]])
    out["gradcheck"] = gradient_check(chapter_params(), X, T)
    mantissa, exponent = f"{out['gradcheck']:.1e}".split("e")   # shown as m × 10^e
    out["gradcheck_mantissa"], out["gradcheck_exponent"] = float(mantissa), int(exponent)
    return out

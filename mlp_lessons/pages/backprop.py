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

from mlp_lessons.activations import sigmoid, sigmoid_deriv, sigmoid_deriv_from_output, step
from mlp_lessons.backprop import chain_rule_factors, gradient_check, hidden_unit_factors, numerical_gradient
from mlp_lessons.data import T_XOR, XOR_X, chapter_params
from mlp_lessons.forward_pass import CHAPTER_NUMBERS, worked_example
from mlp_lessons.network import backward, forward
from mlp_lessons.numpy_mlp import fit_chapter
from mlp_lessons.pages.activations import step_unit_loss

__all__ = ["LEARNING_RATE", "STEPS", "LONG_STEPS", "SAMPLE", "OTHER_SAMPLE", "HIDDEN_SAMPLE", "TWO_OUTPUT_SAMPLE",
           "descent_history", "hidden_numbers", "two_output_params", "two_output_numbers", "numbers"]

#: The chapter's 학습률 η and number of 경사 하강법 steps.
LEARNING_RATE = 0.2
STEPS = 10000
#: About this many steps are needed to reach the chapter's printed output 0.005770.
LONG_STEPS = 40000
#: The chapter's sample (x1, x2) and target t.
SAMPLE = ((0.0, 0.0), 0.0)
#: A second sample, so that the gradient of w1 is not multiplied by x1 = 0 (XOR: (1, 0) → 1).
OTHER_SAMPLE = ((1.0, 0.0), 1.0)
#: The sample of the hand-worked hidden-layer example (XOR: (0, 1) → 1); its weight is
#: w4 = ``W1[1, 1]`` (x2 → h2) and its bias b2 = ``B1[1]``.
HIDDEN_SAMPLE = ((0.0, 1.0), 1.0)
#: The sample of the two-output example: input (0, 1), targets (1, 0).
TWO_OUTPUT_SAMPLE = ((0.0, 1.0), (1.0, 0.0))


def two_output_params() -> dict[str, np.ndarray]:
    """The chapter's network with a second output unit y2: a 2-2-2 network (a new dict each call).

    ``W1``, ``B1`` and the first column of ``W2`` (w5, w6) and ``B2`` (b3) are the
    chapter's; the second output has w7 = ``W2[0, 1]`` (h1 → y2), w8 = ``W2[1, 1]``
    (h2 → y2) and b4 = ``B2[1]``.

    Examples
    --------
    >>> p = two_output_params()
    >>> p["W2"].tolist(), p["B2"].tolist()
    ([[0.5, 0.7], [0.6, 0.8]], [0.3, 0.4])
    """
    p = chapter_params()
    p["W2"] = np.column_stack([p["W2"][:, 0], [0.7, 0.8]])
    p["B2"] = np.array([p["B2"][0], 0.4])
    return p


def _central(params, x, t, key: str, idx: tuple[int, ...]) -> float:
    """∂E/∂params[key][idx] for one sample by central differences."""
    return float(numerical_gradient(params, [list(x)], [list(t)])[key][idx])


def hidden_numbers() -> dict[str, float]:
    """The hand-worked hidden-layer example: sample :data:`HIDDEN_SAMPLE`, weight w4, bias b2.

    Keys (all ``h_``): the sample ``h_x1, h_x2, h_t``; the forward pass ``h_z1, h_a1,
    h_z2, h_a2, h_z_y, h_a_y, h_E``; the output unit's ``h_out_minus_t, h_fprime_y,
    h_delta_y``; the weight ``h_w6`` that carries δ_y back to h2 and ``h_w4``; the
    factors ``h_f1`` (① = δ_y w6), ``h_f2`` (②), ``h_f3_w`` (③ = x2), ``h_f3_b`` (③ = 1);
    ``h_delta_h2``, ``h_dE_dw4``, ``h_dE_db2``, the step ``h_w4_new``; and the central
    differences ``h_num_dE_dw4``, ``h_num_dE_db2`` with ``h_num_diff``, the larger of the
    two differences.

    Examples
    --------
    >>> n = hidden_numbers()
    >>> round(n["h_f1"], 6), round(n["h_f2"], 6), n["h_f3_w"], round(n["h_dE_dw4"], 6)
    (-0.032231, 0.228784, 1.0, -0.007374)
    """
    (x, t), p = HIDDEN_SAMPLE, chapter_params()
    f = hidden_unit_factors(p, x, [t], i=1, j=1)
    num_w, num_b = _central(p, x, [t], "W1", (1, 1)), _central(p, x, [t], "B1", (1,))
    return {
        "h_x1": x[0], "h_x2": x[1], "h_t": t,
        "h_z1": f["net_hidden"][0], "h_a1": f["out_hidden"][0],
        "h_z2": f["net_hidden"][1], "h_a2": f["out_hidden"][1],
        "h_z_y": f["net_out"][0], "h_a_y": f["out_out"][0], "h_E": f["E"],
        "h_out_minus_t": f["out_minus_t"][0], "h_fprime_y": f["fprime_out"][0], "h_delta_y": f["delta_out"][0],
        "h_w6": f["w_jk"][0], "h_w4": float(p["W1"][1, 1]),
        "h_f1": f["f1"], "h_f2": f["f2"], "h_f3_w": f["f3_w"], "h_f3_b": f["f3_b"],
        "h_delta_h2": f["delta_hidden"], "h_dE_dw4": f["dE_dw"], "h_dE_db2": f["dE_db"],
        "h_w4_new": float(p["W1"][1, 1]) - LEARNING_RATE * f["dE_dw"],
        "h_num_dE_dw4": num_w, "h_num_dE_db2": num_b,
        "h_num_diff": max(abs(num_w - f["dE_dw"]), abs(num_b - f["dE_db"])),
    }


def two_output_numbers() -> dict[str, float]:
    """The two-output example: :func:`two_output_params`, sample :data:`TWO_OUTPUT_SAMPLE`,
    hidden unit h1, weight w3 = ``W1[1, 0]`` (x2 → h1) and bias b1.

    Keys (all ``two_``): ``two_t1, two_t2``; ``two_w5, two_w7, two_b4`` and
    ``two_w8``; the hidden outputs ``two_a1, two_a2``; per output unit ``k = 1, 2``:
    ``two_y{k}``, ``two_delta_y{k}``, ``two_term{k}`` (δ_k w_1k); ``two_f1`` (① = their
    sum), ``two_f2``, ``two_f3_w`` (x2), ``two_delta_h1``, ``two_dE_dw3``, ``two_dE_db1``;
    ``two_num_dE_dw3`` (central differences) and ``two_bp_delta_h1`` (from
    :func:`mlp_lessons.network.backward`).

    Examples
    --------
    >>> n = two_output_numbers()
    >>> round(n["two_term1"], 6), round(n["two_term2"], 6), round(n["two_f1"], 6)
    (-0.026859, 0.091378, 0.064519)
    """
    (x, t), p = TWO_OUTPUT_SAMPLE, two_output_params()
    f = hidden_unit_factors(p, x, t, i=1, j=0)
    bwd = backward(p, forward(p, [list(x)], "sigmoid"), [list(t)], "sigmoid")
    out = {"two_t1": t[0], "two_t2": t[1], "two_w5": f["w_jk"][0], "two_w7": f["w_jk"][1],
           "two_w8": float(p["W2"][1, 1]), "two_b4": float(p["B2"][1]),
           "two_a1": f["out_hidden"][0], "two_a2": f["out_hidden"][1],
           "two_f1": f["f1"], "two_f2": f["f2"], "two_f3_w": f["f3_w"], "two_delta_h1": f["delta_hidden"],
           "two_dE_dw3": f["dE_dw"], "two_dE_db1": f["dE_db"],
           "two_num_dE_dw3": _central(p, x, t, "W1", (1, 0)),
           "two_bp_delta_h1": float(bwd.deltas[0][0, 0])}
    for k in (0, 1):
        out[f"two_y{k + 1}"] = f["out_out"][k]
        out[f"two_delta_y{k + 1}"] = f["delta_out"][k]
        out[f"two_term{k + 1}"] = f["terms"][k]
    return out


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
    bwd = backward(p, fwd, [[t]], "sigmoid", "sse")
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
    # the product of the chapter's three printed (rounded) factors
    out["chapter_rounded_product"] = (float(CHAPTER_NUMBERS["factor1"]) * float(CHAPTER_NUMBERS["factor2"])
                                      * float(CHAPTER_NUMBERS["factor3"]))
    long = fit_chapter(chapter_params(), [list(x)], [[t]], epochs=LONG_STEPS, learning_rate=LEARNING_RATE)
    out["out_long"] = float(forward(long, [list(x)], "sigmoid").output[0, 0])
    out["E_long"] = 0.5 * (t - out["out_long"]) ** 2
    out.update(_sample_numbers(x, t, ""))
    out.update(_sample_numbers(*OTHER_SAMPLE, "_10"))
    out.update(hidden_numbers())
    out.update(two_output_numbers())
    out["gradcheck"] = gradient_check(chapter_params(), XOR_X, T_XOR)
    mantissa, exponent = f"{out['gradcheck']:.1e}".split("e")   # shown as m × 10^e
    out["gradcheck_mantissa"], out["gradcheck_exponent"] = float(mantissa), int(exponent)
    out.update(_derivative_argument(ex.z_y, ex.a_y, f))
    out.update(_step_cannot_learn())
    out.update(_exercises())
    return out


def _derivative_argument(z_y: float, a_y: float, f: dict) -> dict[str, float]:
    """② for the chapter's output unit from its output (right) and from its weighted sum
    (the chapter's ``actf_deriv(Z2)`` instead of ``actf_deriv(layer2)``: wrong), and the
    ∂E/∂w5 each gives (keys ``deriv_from_output``, ``deriv_from_input``,
    ``deriv_wrong_argument``, ``dE_dw5_wrong_argument``)."""
    wrong = float(sigmoid_deriv_from_output(z_y))
    return {"deriv_from_output": float(sigmoid_deriv_from_output(a_y)),
            "deriv_from_input": float(sigmoid_deriv(z_y)),
            "deriv_wrong_argument": wrong,
            "dE_dw5_wrong_argument": f["dE_dout"] * wrong * f["dnet_dw"]}


#: Where the page reads the slope of the one-unit loss E(w) of the activations page.
STEP_W = 0.3


def _step_cannot_learn(eps: float = 1e-6) -> dict[str, float]:
    """dE/dw at w = :data:`STEP_W` of the one-unit network y = f(w x + 0.5) (the activations
    page's ``step_unit_loss``), by central differences: 0 for the step function, not 0 for
    the sigmoid (keys ``step_w``, ``step_dE_dw``, ``sigmoid_dE_dw``)."""
    def slope(f):
        E = step_unit_loss([STEP_W + eps, STEP_W - eps], f)
        return float((E[0] - E[1]) / (2 * eps))
    return {"step_w": STEP_W, "step_dE_dw": slope(step), "sigmoid_dE_dw": slope(sigmoid)}


#: 「확인 문제」 (Check yourself): a sample the page does not work, XOR (1, 1) → 0, whose
#: hidden weight w3 = ``W1[1, 0]`` (x2 → h1) and hidden bias b1 = ``B1[0]`` the reader finds.
EXERCISE_SAMPLE = ((1.0, 1.0), 0.0)


def _exercises() -> dict[str, float]:
    """The answers of the page's check questions (keys ``ex_*``)."""
    params = chapter_params()
    (x, t) = EXERCISE_SAMPLE
    fwd = forward(params, [list(x)], "sigmoid")
    bwd = backward(params, fwd, [[t]], "sigmoid")
    delta_h, delta_y = bwd.deltas
    out = {
        "ex_x1": x[0], "ex_x2": x[1], "ex_t": t,
        "ex_a1": float(fwd.layers[1][0, 0]),
        "ex_y": float(fwd.output[0, 0]),
        "ex_delta_y": float(delta_y[0, 0]),
        "ex_err_h1": float(delta_y[0, 0] * params["W2"][0, 0]),
        "ex_fprime_h1": float(sigmoid_deriv(fwd.Z[0][0, 0])),
        "ex_delta_h1": float(delta_h[0, 0]),
        "ex_dE_dw3": float(bwd.grads["W1"][1, 0]),
        "ex_dE_db1": float(bwd.grads["B1"][0]),
        "ex_w3_new": float(params["W1"][1, 0] - LEARNING_RATE * bwd.grads["W1"][1, 0]),
    }
    # The output bias b3 on the chapter's sample (0, 0) → 0: one step, and the output after it.
    (x0, t0) = SAMPLE
    fwd0 = forward(params, [list(x0)], "sigmoid")
    grads0 = backward(params, fwd0, [[t0]], "sigmoid").grads
    stepped = dict(params, B2=params["B2"] - LEARNING_RATE * grads0["B2"])
    out["ex_dE_db3"] = float(grads0["B2"][0])
    out["ex_b3_new"] = float(stepped["B2"][0])
    out["ex_b3_out"] = float(forward(stepped, [list(x0)], "sigmoid").output[0, 0])
    # The chapter's network with a step-function output unit, on the chapter's sample: a large
    # loss, but δ_y = 0 and every gradient 0.
    acts = ["sigmoid", "step"]
    fwd_s = forward(params, [list(x0)], acts)
    bwd_s = backward(params, fwd_s, [[t0]], acts)
    out["ex_step_out"] = float(fwd_s.output[0, 0])
    out["ex_step_E"] = 0.5 * (out["ex_step_out"] - t0) ** 2
    out["ex_step_delta_y"] = float(bwd_s.deltas[1][0, 0])
    out["ex_step_dE_dw5"] = float(bwd_s.grads["W2"][0, 0])
    out["ex_step_n_nonzero"] = int(sum(int((g != 0).sum()) for g in bwd_s.grads.values()))
    return out

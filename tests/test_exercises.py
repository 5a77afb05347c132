"""The answers of the lesson pages' check questions (「확인 문제」 / "Check yourself").

Each answer the pages show comes from a ``{{ <lesson>.ex_* }}`` placeholder, filled from
``mlp_lessons/pages/<lesson>.py`` ``numbers()``.  Here every such answer is computed again
by another route: by hand with :mod:`math` (the chapter's network written out with plain
floats), by a closed formula, or by numerical differentiation -- never by calling the
function that produced it.  The givens of each question (the new bias, the sample, the
learning rate, ...) are typed here as the question states them, so a changed data
definition in the package fails here too.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from mlp_lessons.pages import LESSONS, all_numbers

ROOT = Path(__file__).resolve().parents[1]
H = 1e-6          # step of the central differences


@pytest.fixture(scope="module")
def numbers():
    return all_numbers()


def sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def central(f, x: float) -> float:
    return (f(x + H) - f(x - H)) / (2 * H)


#: The chapter's 2-2-1 network written out (교재의 초기 가중치): w1: x1→h1, w2: x1→h2,
#: w3: x2→h1, w4: x2→h2, w5: h1→y, w6: h2→y; biases b1, b2 (hidden) and b3 (output).
CHAPTER = dict(w1=0.1, w2=0.2, w3=0.3, w4=0.4, w5=0.5, w6=0.6, b1=0.1, b2=0.2, b3=0.3)


def net221(x1: float, x2: float, **p: float) -> tuple[float, float, float]:
    """(h1's output, h2's output, y) of the 2-2-1 sigmoid network with parameters ``p``."""
    a1 = sig(x1 * p["w1"] + x2 * p["w3"] + p["b1"])
    a2 = sig(x1 * p["w2"] + x2 * p["w4"] + p["b2"])
    return a1, a2, sig(p["w5"] * a1 + p["w6"] * a2 + p["b3"])


def loss221(x1: float, x2: float, t: float, **p: float) -> float:
    return 0.5 * (net221(x1, x2, **p)[2] - t) ** 2


def grad221(name: str, x1: float, x2: float, t: float, **p: float) -> float:
    """∂E/∂(parameter ``name``) by central difference."""
    return central(lambda v: loss221(x1, x2, t, **{**p, name: v}), p[name])


# --- activations ----------------------------------------------------------------------

def test_activations_sigmoid_slope_at_2(numbers):
    n = numbers["activations"]
    assert n["ex_sigmoid_x"] == pytest.approx(sig(2.0), abs=1e-12)
    assert n["ex_sigmoid_deriv_x"] == pytest.approx(central(sig, 2.0), abs=1e-9)
    assert n["ex_sigmoid_deriv_share"] == pytest.approx(central(sig, 2.0) / 0.25, abs=1e-8)


def test_activations_two_linear_layers(numbers):
    n = numbers["activations"]
    # h = 2x + 1, y = 3h - 1: the line through two of its points
    line = [3 * (2 * x + 1) - 1 for x in (0.0, 1.0)]
    assert (n["ex_collapse_w"], n["ex_collapse_b"]) == (line[1] - line[0], line[0])
    assert n["ex_linear_at_x"] == 3 * (2 * -1.0 + 1) - 1
    assert n["ex_relu_at_x"] == 3 * max(0.0, 2 * -1.0 + 1) - 1
    assert n["ex_relu_at_x"] != n["ex_linear_at_x"]


# --- forward pass ---------------------------------------------------------------------

def test_forward_pass_new_bias(numbers):
    n = numbers["forward_pass"]
    a1, a2, y = net221(0.0, 0.0, **{**CHAPTER, "b1": -0.9})
    assert n["ex_b1_z1"] == pytest.approx(-0.9, abs=1e-15)
    assert n["ex_b1_a1"] == pytest.approx(a1, abs=1e-12)
    assert n["ex_b1_z_y"] == pytest.approx(0.5 * a1 + 0.6 * a2 + 0.3, abs=1e-12)
    assert n["ex_b1_y"] == pytest.approx(y, abs=1e-12)
    assert n["ex_b1_y"] < n["a_y"]                       # the answer's claim: the output went down


def test_forward_pass_three_hidden_units(numbers):
    n = numbers["forward_pass"]
    inputs, hidden, outputs, samples = 2, 3, 1, 4
    shapes = {"W1": (inputs, hidden), "B1": (1, hidden), "Z1": (samples, hidden),
              "W2": (hidden, outputs), "out": (samples, outputs)}
    for name, (rows, cols) in shapes.items():
        assert n[f"ex_shape_{name}"] == rf"{rows} \times {cols}", name


# --- loss -----------------------------------------------------------------------------

def test_loss_nearly_right(numbers):
    n = numbers["loss"]
    p, t = 0.9, 1.0
    z = math.log(p / (1 - p))
    squared = lambda z: 0.5 * (sig(z) - t) ** 2                       # noqa: E731
    cross = lambda z: -(t * math.log(sig(z)) + (1 - t) * math.log(1 - sig(z)))  # noqa: E731
    assert n["ex_p"] == p
    assert n["ex_p_sse"] == pytest.approx(0.5 * (1 - p) ** 2, abs=1e-12)
    assert n["ex_p_ce"] == pytest.approx(-math.log(p), abs=1e-12)
    assert n["ex_p_sse_grad"] == pytest.approx(central(squared, z), abs=1e-8)
    assert n["ex_p_ce_grad"] == pytest.approx(central(cross, z), abs=1e-8)
    assert n["ex_p_ratio"] == pytest.approx(1 / (p * (1 - p)), rel=1e-9)
    assert n["ex_p_ratio"] < n["cw_ratio"]


# --- gradient descent -----------------------------------------------------------------

def test_gradient_descent_three_steps(numbers):
    n = numbers["gradient_descent"]
    x0, eta = 10.0, 0.25
    assert (n["ex_x0"], n["ex_eta"], n["ex_steps"]) == (x0, eta, 3)
    assert n["ex_factor"] == 1 - 2 * eta
    for k in range(4):
        x = 3 + (x0 - 3) * (1 - 2 * eta) ** k             # closed form of the iterates
        assert n[f"ex_x{k}"] == pytest.approx(x, abs=1e-12), k
        assert n[f"ex_loss{k}"] == pytest.approx((x - 3) ** 2 + 10, abs=1e-12), k


# --- backprop -------------------------------------------------------------------------

def test_backprop_hidden_weight_and_bias_for_1_1(numbers):
    n = numbers["backprop"]
    x1, x2, t = 1.0, 1.0, 0.0
    assert (n["ex_x1"], n["ex_x2"], n["ex_t"]) == (x1, x2, t)
    a1, _, y = net221(x1, x2, **CHAPTER)
    delta_y = (y - t) * y * (1 - y)
    assert n["ex_y"] == pytest.approx(y, abs=1e-12)
    assert n["ex_a1"] == pytest.approx(a1, abs=1e-12)
    assert n["ex_delta_y"] == pytest.approx(delta_y, abs=1e-12)
    assert n["ex_err_h1"] == pytest.approx(delta_y * CHAPTER["w5"], abs=1e-12)
    assert n["ex_fprime_h1"] == pytest.approx(a1 * (1 - a1), abs=1e-12)
    assert n["ex_delta_h1"] == pytest.approx(n["ex_err_h1"] * n["ex_fprime_h1"], abs=1e-12)
    assert n["ex_dE_dw3"] == pytest.approx(grad221("w3", x1, x2, t, **CHAPTER), abs=1e-9)
    assert n["ex_dE_db1"] == pytest.approx(grad221("b1", x1, x2, t, **CHAPTER), abs=1e-9)
    assert n["ex_w3_new"] == pytest.approx(CHAPTER["w3"] - 0.2 * grad221("w3", x1, x2, t, **CHAPTER), abs=1e-9)
    assert n["ex_dE_dw3"] > 0 and n["ex_w3_new"] < CHAPTER["w3"]


def test_backprop_output_bias(numbers):
    n = numbers["backprop"]
    g = grad221("b3", 0.0, 0.0, 0.0, **CHAPTER)
    assert n["ex_dE_db3"] == pytest.approx(g, abs=1e-9)
    assert n["ex_b3_new"] == pytest.approx(CHAPTER["b3"] - 0.2 * g, abs=1e-9)
    _, _, y_after = net221(0.0, 0.0, **{**CHAPTER, "b3": CHAPTER["b3"] - 0.2 * g})
    assert n["ex_b3_out"] == pytest.approx(y_after, abs=1e-9)
    assert n["ex_b3_out"] < n["a_y"]                     # toward the target 0


def test_backprop_step_output_unit_gets_no_gradient(numbers):
    n = numbers["backprop"]
    a1, a2, _ = net221(0.0, 0.0, **CHAPTER)
    net_y = CHAPTER["w5"] * a1 + CHAPTER["w6"] * a2 + CHAPTER["b3"]
    out = 1.0 if net_y > 0 else 0.0                       # the step function
    assert n["ex_step_out"] == out == 1.0
    assert n["ex_step_E"] == 0.5 * (out - 0.0) ** 2 == 0.5
    # ② is the step function's slope at net_y: a central difference there is 0
    slope = ((1.0 if net_y + H > 0 else 0.0) - (1.0 if net_y - H > 0 else 0.0)) / (2 * H)
    assert n["ex_step_delta_y"] == (out - 0.0) * slope == 0.0
    assert n["ex_step_dE_dw5"] == 0.0 and n["ex_step_n_nonzero"] == 0


# --- numpy MLP ------------------------------------------------------------------------

def test_numpy_mlp_first_update_of_the_chapter_loop(numbers):
    n = numbers["numpy_mlp"]
    x1, x2, t, eta = 0.0, 0.0, 1.0, 0.2                   # first sample, its XNOR target
    assert n["ex_t0"] == t
    a1, a2, y = net221(x1, x2, **CHAPTER)
    delta2 = (y - t) * y * (1 - y)                          # layer2_delta
    delta1_h1 = delta2 * CHAPTER["w5"] * a1 * (1 - a1)      # layer1_delta[0], with W2 before its update
    assert n["ex_y0"] == pytest.approx(y, abs=1e-12)
    assert (n["ex_B2_start"], n["ex_W2_0_start"]) == (CHAPTER["b3"], CHAPTER["w5"])
    assert n["ex_delta2"] == pytest.approx(delta2, abs=1e-12)
    assert n["ex_B2"] == pytest.approx(CHAPTER["b3"] - eta * delta2, abs=1e-12)
    assert n["ex_W2_0"] == pytest.approx(CHAPTER["w5"] - eta * a1 * delta2, abs=1e-12)
    assert n["ex_B1_0"] == pytest.approx(CHAPTER["b1"] - eta * delta1_h1, abs=1e-12)
    assert n["ex_W1_changed"] == 0                          # layer0 = (0, 0)


# --- playground -----------------------------------------------------------------------

def test_playground_parameter_counts(numbers):
    n = numbers["playground"]
    h = n["hidden_units"]

    def count(*sizes):
        return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))

    assert n["ex_n_params_no_hidden"] == count(2, 1) == 3
    assert n["ex_n_params_hidden"] == count(2, h, 1)
    assert n["ex_n_params_two_hidden"] == count(2, h, h, 1)


def test_playground_circle_point(numbers):
    n = numbers["playground"]
    x1, x2 = 3.0, 2.0
    z = n["circle_w1"] * x1 ** 2 + n["circle_w2"] * x2 ** 2 + n["circle_b"]   # the printed boundary
    assert n["ex_point_net"] == pytest.approx(z, abs=1e-12)
    assert n["ex_point_out"] == pytest.approx(sig(z), abs=1e-12)
    assert n["ex_point_inside"] == int(sig(z) >= 0.5) == 0
    assert math.hypot(x1, x2) > n["circle_radius"]           # the answer's "outside the circle"


def test_playground_when_to_stop(numbers):
    """Question 3 (「학습 완료」): the overfitting run trained again in one piece with the package's
    ``train`` (the page's numbers come from ``fit`` in chunks of 50 epochs), the test loss measured
    here with plain NumPy at the page's best epoch and at the end."""
    import numpy as np

    from mlp_lessons.network import init_params
    from mlp_lessons.numpy_mlp import train
    from mlp_lessons.playground import make_xor, train_test_split

    n = numbers["playground"]
    X, y = make_xor(60, noise=1.5, seed=0)                    # the question's data: noisy XOR, 60 points
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_ratio=0.5, seed=1)

    def test_loss(params):
        a = np.tanh((X_te / 5) @ params["W1"] + params["B1"])
        a = np.tanh(a @ params["W2"] + params["B2"])
        out = 1 / (1 + np.exp(-(a @ params["W3"] + params["B3"])))
        return float(np.mean(0.5 * (out[:, 0] - y_te) ** 2))

    p0 = init_params([2, 8, 8, 1], seed=3)
    T = y_tr.reshape(-1, 1).astype(float)
    best = train(p0, X_tr / 5, T, activations=["tanh", "tanh", "sigmoid"], learning_rate=0.5, epochs=n["overfit_best_epoch"])
    rest = train(best.params, X_tr / 5, T, activations=["tanh", "tanh", "sigmoid"], learning_rate=0.5,
                 epochs=n["overfit_epochs"] - n["overfit_best_epoch"])
    assert test_loss(best.params) == pytest.approx(n["overfit_best_test_loss"], rel=1e-9)
    assert test_loss(rest.params) == pytest.approx(n["overfit_final_test_loss"], rel=1e-9)
    assert float(rest.loss_history[-1]) == pytest.approx(n["overfit_final_train_loss"], rel=1e-9)
    assert n["ex_overfit_test_ratio"] == pytest.approx(test_loss(rest.params) / test_loss(best.params), rel=1e-9)
    assert n["ex_overfit_test_ratio"] > 1.5                   # the answer: stopping early is better
    assert n["ex_overfit_train_ratio"] == pytest.approx(float(best.loss_history[-1]) / float(rest.loss_history[-1]), rel=1e-9)
    assert n["ex_overfit_train_ratio"] > 10                   # while the training loss kept falling


# --- every answer is shown, in both editions --------------------------------------------

def _check_section(text: str, title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\b.*?$(.*?)(?=^## |\Z)", text, re.M | re.S)
    return m.group(1) if m else ""


#: Pages with a check section: every page with numbers but the chapter summary, whose exercises
#: (「연습문제」, keys ``ex1_…``) tests/test_summary_page.py checks.
CHECKED = [lesson for lesson in LESSONS if lesson != "summary"]


@pytest.mark.parametrize("folder, title", [("docs", "확인 문제"), ("docs_en", "Check yourself")])
@pytest.mark.parametrize("lesson", CHECKED)
def test_every_exercise_number_is_shown_in_the_check_section(numbers, lesson, folder, title):
    keys = sorted(k for k in numbers[lesson] if k.startswith("ex_"))
    section = _check_section((ROOT / folder / f"{lesson}.md").read_text(encoding="utf-8"), title)
    assert section, f"{folder}/{lesson}.md: no section '## {title}'"
    shown = set(re.findall(rf"\{{\{{\s*{lesson}\.(ex_\w+)", section))
    unused = [k for k in keys if k not in shown and k not in UNSHOWN.get(lesson, ())]
    assert not unused, f"{folder}/{lesson}.md: '## {title}' never shows {unused}"


#: ``ex_*`` keys a page need not print: flags a test above checks, or a value shown by a
#: ``>>>`` example (checked by the page's doctest) instead of a placeholder.
UNSHOWN = {
    "activations": (),
    "backprop": (),
    "gradient_descent": (),
    "loss": ("ex_dE_dy",),                 # question 1 shows it in its >>> example
    "numpy_mlp": ("ex_W1_changed",),
    "playground": ("ex_point_inside",),
}

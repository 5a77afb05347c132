"""Write tests/js/explorable_vectors.json: mlp_lessons' numbers for the explorables' tests.

The lesson pages' explorables (docs/javascripts/explorables/) must show what the package
computes.  This script runs mlp_lessons on the cases the explorables offer and stores the
results; tests/js/explorables.test.mjs compares the JavaScript with them.

    .venv/bin/python tests/js/make_explorable_vectors.py   # rewrite explorable_vectors.json
    node --test tests/js/explorables.test.mjs             # the JS tests read it

tests/test_explorables_js.py regenerates the vectors in memory and compares them with the
committed file, so the file cannot drift from the package.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from mlp_lessons import network
from mlp_lessons.activations import get_activation
from mlp_lessons.forward_pass import chapter_params, worked_example
from mlp_lessons.gradient_descent import descent_1d, descent_2d, learning_rate_sweep
from mlp_lessons.pages import backprop as backprop_page
from mlp_lessons.pages import gradient_descent as gd_page
from mlp_lessons.pages import loss as loss_page
from mlp_lessons.pages import numpy_mlp as numpy_mlp_page

PATH = Path(__file__).with_name("explorable_vectors.json")

#: Learning rates the gradient-descent tests try: slow, the chapter's, one-step, zigzag,
#: bouncing, diverging, fast-diverging.
RATES = [0.01, 0.2, 0.5, 0.9, 1.0, 1.1, 1.5]
#: Starting points besides the chapter's.
STARTS = [-4.0, 3.0]
#: Activation functions the activations explorable offers.
FUNCTIONS = ["sigmoid", "tanh", "relu", "step"]
#: Samples (x1, x2, t) for the forward-pass and backprop explorables: the chapter's first, then
#: the other three XOR samples.
SAMPLES = [(0.0, 0.0, 0.0), (0.0, 1.0, 1.0), (1.0, 0.0, 1.0), (1.0, 1.0, 0.0)]


def _descent(x0, rate, steps):
    run = descent_1d(x0=x0, learning_rate=rate, max_iterations=steps)
    return {
        "x0": x0, "learning_rate": rate, "steps": steps,
        "x": [float(v) for v in run.x],
        "x_repr": [repr(float(v)) for v in run.x],
        "loss_repr": [repr(float(v)) for v in run.loss],
        "diverged": run.diverged,
    }


#: 2-D runs (start, learning rate) besides the page's: one step to the origin, bouncing, the
#: page's question 2 (diverging), a picked start with a slow rate, the origin itself, and rates so
#: large that the diverging step overflows to inf.
RUNS_2D = [((4.0, 3.0), 0.5), ((4.0, 3.0), 1.0), ((4.0, 3.0), 1.2), ((-3.3, 2.7), 0.05),
           ((0.0, 0.0), 0.3), ((-0.5, 5.5), 1e6), ((4.0, 3.0), 1e300), ((1.1, -4.9), 1e308)]


def _descent_2d(start, rate, steps):
    run = descent_2d(start, learning_rate=rate, steps=steps)
    return {
        "start": list(start), "learning_rate": rate, "steps": steps,
        "x_repr": [repr(float(v)) for v in run.x[:, 0]],
        "y_repr": [repr(float(v)) for v in run.x[:, 1]],
        "loss_repr": [repr(float(v)) for v in run.loss],
        "diverged": run.diverged,
    }


def _named(params):
    (w1, w2), (w3, w4) = params["W1"].tolist()
    (w5,), (w6,) = params["W2"].tolist()
    b1, b2 = params["B1"].tolist()
    (b3,) = params["B2"].tolist()
    return {"w1": w1, "w2": w2, "w3": w3, "w4": w4, "w5": w5, "w6": w6, "b1": b1, "b2": b2, "b3": b3}


def _network_case(params, x1, x2, t, eta):
    X, T = [[x1, x2]], [[t]]
    fwd = network.forward(params, X, "sigmoid")
    bwd = network.backward(params, fwd, T, "sigmoid", loss="sse")
    new = network.update(params, bwd.grads, eta)
    grads = _named({k: np.asarray(v, dtype=float) for k, v in bwd.grads.items()})
    return {
        "params": _named(params), "x1": x1, "x2": x2, "t": t, "eta": eta,
        "values": {
            "z1": float(fwd.Z[0][0, 0]), "a1": float(fwd.layers[1][0, 0]),
            "z2": float(fwd.Z[0][0, 1]), "a2": float(fwd.layers[1][0, 1]),
            "z_y": float(fwd.Z[1][0, 0]), "a_y": float(fwd.layers[2][0, 0]),
            "E": network.loss_value(params, X, T, "sigmoid"),
        },
        "deltas": {"h1": float(bwd.deltas[0][0, 0]), "h2": float(bwd.deltas[0][0, 1]), "y": float(bwd.deltas[1][0, 0])},
        "grads": grads,
        "updated": _named(new),
        "E_after": network.loss_value(new, X, T, "sigmoid"),
    }


def make_vectors() -> dict:
    chapter = gd_page.CHAPTER_INPUTS
    x0, n = chapter["x0"], chapter["max_iterations"]
    runs = [_descent(x0, rate, n) for rate in RATES] + [_descent(s, chapter["learning_rate"], n) for s in STARTS]
    sweep = [{"x0": x0, "learning_rate": r.learning_rate, "steps": 20, "status": r.status}
             for r in learning_rate_sweep(RATES, x0=x0, steps=20)]

    path = gd_page.PATH_2D
    runs_2d = [_descent_2d(path["start"], path["learning_rate"], n)]
    runs_2d += [_descent_2d(start, rate, n) for start, rate in RUNS_2D]
    numbers = gd_page.numbers()
    page_2d = {k: numbers[k] for k in ("path_x0", "path_y0", "path_eta", "path_steps", "path_loss_final")}

    grid = [round(v, 10) for v in np.linspace(-6.0, 6.0, 121).tolist()] + [1e-9, -1e-9, 30.0, -30.0]
    activations = {}
    for name in FUNCTIONS:
        act = get_activation(name)
        activations[name] = {"x": grid, "f": [float(act.f(v)) for v in grid],
                             "deriv": [float(act.deriv(v)) for v in grid]}

    params = {k: np.asarray(v, dtype=float) for k, v in chapter_params().items()}
    eta = backprop_page.numbers()["eta"]
    cases = [_network_case(params, x1, x2, t, eta) for x1, x2, t in SAMPLES]
    edited = {k: v.copy() for k, v in params.items()}
    edited["W1"][1, 0] = -0.7          # an edited weight (w3) and an edited input
    edited["B2"][0] = 1.25
    cases.append(_network_case(edited, 0.5, -2.0, 1.0, eta))
    ps = np.round(np.arange(1, 100) / 100, 2)
    loss = {}
    for t in (0, 1):
        g = loss_page.sigmoid_output_grads(loss_page.logit(ps), t)
        loss[str(t)] = {"p": ps.tolist(), **{k: v.tolist() for k, v in g.items() if k != "p"}}
    n = numpy_mlp_page.numbers()
    training = {"epochs": n["epochs"], "eta": n["eta"], "every": n["curve_every"], "runs": {}}
    for target in ("xnor", "xor"):
        curve = numpy_mlp_page.chapter_loss_curve(target, epochs=n["epochs"], every=n["curve_every"])
        training["runs"][target] = {"epochs": curve.epochs.tolist(), "loss": curve.loss.tolist(),
                                    "params": _named(curve.params)}
    ex = worked_example(steps=1)
    return {
        "about": "generated by tests/js/make_explorable_vectors.py from mlp_lessons; do not edit",
        "gradient_descent": {"runs": runs, "sweep": sweep},
        "gradient_descent_2d": {"runs": runs_2d, "page": page_2d},
        "activations": activations,
        "loss": loss,
        "numpy_mlp": training,
        "network": {"cases": cases, "worked_example": {"a_y": ex.a_y, "E": ex.E, "dE_dw5": ex.dE_dw5, "w5_new": ex.w5_new}},
    }


def dumps(vectors: dict) -> str:
    return json.dumps(vectors, indent=1, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    PATH.write_text(dumps(make_vectors()), encoding="utf-8")
    print(f"wrote {PATH}")

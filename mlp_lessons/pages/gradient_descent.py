r"""Numbers of the page "경사 하강법" (``docs/gradient_descent.md``).

:func:`numbers` gives every derived number the page's prose shows through a
``{{ gradient_descent.<key> }}`` placeholder, computed by
:mod:`mlp_lessons.gradient_descent`.  The chapter's own inputs (x0 = 10,
학습률 0.2, precision 0.00001, 100 iterations) are taken from the defaults of
:func:`~mlp_lessons.gradient_descent.descent_1d`, so the page shows them from
code too.

:data:`CHAPTER_PRINTED` holds what the chapter's "실행 결과" prints, as text,
so that ``tests/test_gradient_descent_page.py`` can compare it with what Python
really prints.
"""

from __future__ import annotations

import inspect
import math
from fractions import Fraction

from mlp_lessons.gradient_descent import (
    MINIMUM_1D,
    chapter_output,
    descent_1d,
    descent_2d,
    gradient_1d,
    gradient_field,
    learning_rate_sweep,
)

__all__ = ["CHAPTER_PRINTED", "CHAPTER_INPUTS", "PATH_2D", "numbers"]

#: The chapter's "실행 결과" of the 1-D lab, line by line, exactly as printed
#: (spaces included); the last two entries are the final line and the minimum.
CHAPTER_PRINTED = [
    "손실함수값(5.52)= 16.35039999999997",
    "손실함수값(4.512)= 12.28614399999998",
    "손실함수값( 3.907199999999996 )= 10.82301184",
    "손실함수값(3.54432)= 10.2962842624",
    "손실함수값(3.0000000000000000)= 10.0",
    "최소값 = 3.000000000000004",
]

#: The chapter's inputs of the 1-D lab, read from :func:`descent_1d`'s defaults.
CHAPTER_INPUTS = {name: p.default for name, p in inspect.signature(descent_1d).parameters.items()
                  if p.default is not inspect.Parameter.empty and name != "stop_at_precision"}

#: The 2-D descent drawn over the arrows (``figures/gradient_descent/bowl_quiver.svg``).
PATH_2D = {"start": (4.0, 3.0), "learning_rate": 0.1, "steps": 15}


def numbers() -> dict[str, float | int | str]:
    """Every number the page's prose shows, computed by the package.

    Floats that the page prints the way Python prints them are given as their
    ``repr`` string (the placeholder then needs no format spec).

    Examples
    --------
    >>> n = numbers()
    >>> n["x1"], n["x_final"], n["n_precision"]
    ('7.199999999999999', '3.0000000000000004', 26)
    """
    x0 = CHAPTER_INPUTS["x0"]
    eta = CHAPTER_INPUTS["learning_rate"]
    run = descent_1d(**CHAPTER_INPUTS)
    lines = chapter_output(run).splitlines()
    final = run.final_x
    stuck_from = next(k for k, v in enumerate(run.x) if v == final)
    loss_flat_from = next(k for k, v in enumerate(run.loss) if v == run.loss[-1])
    stop = descent_1d(**CHAPTER_INPUTS, stop_at_precision=True)
    last_step = abs(float(stop.x[-1] - stop.x[-2]))

    path = descent_2d(**PATH_2D)
    X, _, _, _ = gradient_field()
    sweep = {r.learning_rate: r for r in learning_rate_sweep((0.01, 0.2, 1.0, 1.1), x0=x0, steps=20)}

    out = {
        # inputs of the chapter's lab
        "x0": x0,
        "eta": eta,
        "precision": CHAPTER_INPUTS["precision"],
        "max_iterations": CHAPTER_INPUTS["max_iterations"],
        "minimum": MINIMUM_1D,
        "start_gradient": float(gradient_1d(x0)),
        "factor": 1 - 2 * eta,                           # e_{k+1} = (1 - 2η) e_k
        # what the loop prints
        "x1": repr(float(run.x[1])),
        "loss1": repr(float(run.loss[1])),
        "x2": repr(float(run.x[2])),
        "loss2": repr(float(run.loss[2])),
        "x3": repr(float(run.x[3])),
        "loss3": repr(float(run.loss[3])),
        "x4": repr(float(run.x[4])),
        "loss4": repr(float(run.loss[4])),
        "n_lines": len(lines),
        "x_final": repr(final),
        "loss_final": repr(float(run.loss[-1])),
        "final_gap": final - MINIMUM_1D,
        "ulp3": math.ulp(MINIMUM_1D),
        "stuck_from": stuck_from,
        "loss_flat_from": loss_flat_from,
        "idle_iterations": run.n_iterations - stuck_from,
        # precision used as a stopping rule
        "n_precision": stop.n_iterations,
        "x_precision": repr(stop.final_x),
        "last_step": last_step,
        # learning-rate sweep after 20 steps
        "sweep_slow_x": sweep[0.01].history.final_x,
        "sweep_good_x": sweep[0.2].history.final_x,
        "sweep_diverge_x": sweep[1.1].history.final_x,
        # 2-D
        "grid_points": int(X.size),
        "path_steps": path.n_iterations,
        "path_loss0": float(path.loss[0]),
        "path_loss_final": float(path.loss[-1]),
        "path_factor": 1 - 2 * PATH_2D["learning_rate"],
        "path_x0": PATH_2D["start"][0],
        "path_y0": PATH_2D["start"][1],
        "path_eta": PATH_2D["learning_rate"],
        # x_k = 3 + 7·(1 − 2η)^k in exact arithmetic (what the float iterates approximate)
        "x1_exact": float(3 + (x0 - 3) * (1 - 2 * Fraction(str(eta)))),
        "x2_exact": float(3 + (x0 - 3) * (1 - 2 * Fraction(str(eta))) ** 2),
        # with η = 1 the iterate jumps to the mirror image of x0 across the minimum and back
        "bounce_other": 2 * MINIMUM_1D - x0,
    }
    out.update(_exercises())
    return out


#: 「확인 문제」 (Check yourself): the chapter's 1-D descent from x0 = 10 with another
#: learning rate, for a few steps.
EXERCISE_DESCENT = {"x0": 10.0, "learning_rate": 0.25, "max_iterations": 3}


def _exercises() -> dict[str, float | int]:
    """The answers of the page's check questions (keys ``ex_*``)."""
    history = descent_1d(**EXERCISE_DESCENT)
    out = {"ex_eta": EXERCISE_DESCENT["learning_rate"], "ex_steps": EXERCISE_DESCENT["max_iterations"],
           "ex_factor": 1 - 2 * EXERCISE_DESCENT["learning_rate"]}
    for k, (x, loss) in enumerate(zip(history.x, history.loss)):
        out[f"ex_x{k}"], out[f"ex_loss{k}"] = float(x), float(loss)
    return out

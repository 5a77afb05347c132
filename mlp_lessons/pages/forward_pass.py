r"""Numbers of the page "MLP의 순방향 패스" (``docs/forward_pass.md``).

:func:`numbers` gives every derived number the page's prose and formulas show
through a ``{{ forward_pass.<key> }}`` placeholder, computed by the package:
the hand calculation by :func:`mlp_lessons.forward_pass.worked_example`, the
matrix form and the Lab's four outputs by :func:`mlp_lessons.network.forward`.
"""

from __future__ import annotations

import numpy as np

from mlp_lessons.forward_pass import CHAPTER_NUMBERS, chapter_params, worked_example
from mlp_lessons.network import forward

__all__ = ["XOR_X", "CHAPTER_LAB_OUTPUTS", "numbers"]

#: The chapter's four training inputs.
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])

#: The four outputs the chapter's Lab prints (8 decimals), for inputs (0,0), (0,1), (1,0), (1,1).
CHAPTER_LAB_OUTPUTS = ("0.70938314", "0.72844306", "0.71791234", "0.73598705")


def numbers() -> dict[str, float | int | str]:
    """Every number the page shows, by placeholder key.

    Keys: the chapter's parameters ``w1..w6``, ``b1..b3``; the sample ``x1, x2``
    and target ``t``; the hand calculation ``z1, a1, z2, a2, z_y, a_y`` and the
    error ``err = a_y - t`` and loss ``E``; ``chapter_z_y`` (as printed); the
    Lab's outputs ``out_00, out_01, out_10, out_11`` for the four inputs and
    ``out_min, out_max``; the exercise's ``z1_11, z2_11, z_y_11`` for input (1, 1).

    Examples
    --------
    >>> n = numbers()
    >>> round(n["a1"], 6), round(n["a_y"], 6), f"{n['out_11']:.8f}"
    (0.524979, 0.709383, '0.73598705')
    """
    p = chapter_params()
    ex = worked_example(steps=1)
    (w1, w2), (w3, w4) = p["W1"].tolist()
    (w5,), (w6,) = p["W2"].tolist()
    b1, b2 = p["B1"].tolist()
    (b3,) = p["B2"].tolist()
    out = {
        "w1": w1, "w2": w2, "w3": w3, "w4": w4, "w5": w5, "w6": w6, "b1": b1, "b2": b2, "b3": b3,
        "x1": ex.x[0], "x2": ex.x[1], "t": ex.target,
        "z1": ex.z1, "a1": ex.a1, "z2": ex.z2, "a2": ex.a2, "z_y": ex.z_y, "a_y": ex.a_y,
        "err": ex.a_y - ex.target, "E": ex.E,
        "chapter_z_y": CHAPTER_NUMBERS["z_y"],
    }
    lab = forward(p, XOR_X, "sigmoid").output[:, 0]
    for (i, j), y in zip(XOR_X.astype(int), lab):
        out[f"out_{i}{j}"] = float(y)
    out["out_min"], out["out_max"] = float(lab.min()), float(lab.max())
    fwd_11 = forward(p, [[1.0, 1.0]], "sigmoid")            # the page's exercise: input (1, 1)
    out["z1_11"], out["z2_11"] = (float(v) for v in fwd_11.Z[0][0])
    out["z_y_11"] = float(fwd_11.Z[1][0, 0])
    return out

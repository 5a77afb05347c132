r"""Numbers of the page "MLP의 순방향 패스" (``docs/forward_pass.md``).

:func:`numbers` gives every derived number the page's prose and formulas show
through a ``{{ forward_pass.<key> }}`` placeholder, computed by the package:
the hand calculation by :func:`mlp_lessons.forward_pass.worked_example`, the
matrix form and the Lab's four outputs by :func:`mlp_lessons.network.forward`.
"""

from __future__ import annotations

from mlp_lessons.data import XOR_X, chapter_params
from mlp_lessons.forward_pass import CHAPTER_NUMBERS, worked_example
from mlp_lessons.network import forward, init_params

__all__ = ["XOR_X", "CHAPTER_LAB_OUTPUTS", "numbers"]

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
    out.update(_exercises())
    return out


#: 「확인 문제」 (Check yourself): the new value of the bias b1 (input (0, 0)), and the hidden
#: layer size of the shape question.
EXERCISE_B1 = -0.9
EXERCISE_HIDDEN = 3


def _exercises() -> dict[str, float | str]:
    """The answers of the page's check questions (keys ``ex_*``)."""
    p = chapter_params()
    p["B1"] = p["B1"].copy()
    p["B1"][0] = EXERCISE_B1
    fwd = forward(p, [[0.0, 0.0]], "sigmoid")
    wide = init_params([2, EXERCISE_HIDDEN, 1], seed=0)
    batch = forward(wide, XOR_X, "sigmoid")
    return {
        "ex_b1_z1": float(fwd.Z[0][0, 0]),
        "ex_b1_a1": float(fwd.layers[1][0, 0]),
        "ex_b1_z_y": float(fwd.Z[1][0, 0]),
        "ex_b1_y": float(fwd.output[0, 0]),
        # shapes as the page writes them, (rows × columns); B1 as the row it is added as
        "ex_shape_W1": _tex_shape(wide["W1"]),
        "ex_shape_B1": _tex_shape(wide["B1"].reshape(1, -1)),
        "ex_shape_Z1": _tex_shape(batch.Z[0]),
        "ex_shape_W2": _tex_shape(wide["W2"]),
        "ex_shape_out": _tex_shape(batch.output),
    }


def _tex_shape(array) -> str:
    r"""The shape of a 2-D array as TeX: ``4 \times 3``."""
    return r" \times ".join(str(n) for n in array.shape)

r"""The chapter's data, defined once: its four inputs, their targets, and its initial parameters.

Every lesson, page, figure and test that needs them imports them from here:

* :data:`XOR_X` — the four inputs :math:`(x_1, x_2)` of every Lab in the chapter;
* :data:`T_XOR` — XOR targets, as the forward-pass Lab (and the text) has them;
* :data:`T_XNOR` — the targets the NumPy Lab actually trains on (XNOR, see ``docs/numpy_mlp.md``);
* :func:`chapter_params` — the 2-2-1 network's weights and biases of the worked
  example (``docs/forward_pass.md``), fresh arrays on every call.

The arrays are read-only, so no caller can change them for the others.
"""

from __future__ import annotations

import numpy as np

__all__ = ["XOR_X", "T_XOR", "T_XNOR", "chapter_params"]


def _frozen(a) -> np.ndarray:
    a = np.array(a, dtype=np.float64)
    a.setflags(write=False)
    return a


XOR_X = _frozen([[0, 0], [0, 1], [1, 0], [1, 1]])
"""The chapter's four training inputs, shape (4, 2) (read-only)."""

T_XOR = _frozen([[0], [1], [1], [0]])
"""XOR targets, as the chapter's text (and its forward-pass Lab) intends, shape (4, 1) (read-only)."""

T_XNOR = _frozen([[1], [0], [0], [1]])
"""The targets the chapter's NumPy Lab actually trains on (XNOR), shape (4, 1) (read-only)."""


def chapter_params() -> dict[str, np.ndarray]:
    r"""The chapter's weights and biases, as new float64 arrays on every call.

    .. math::

        W_1 = \begin{bmatrix} w_1 & w_2 \\ w_3 & w_4 \end{bmatrix}
            = \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \end{bmatrix},\quad
        B_1 = [b_1\ b_2] = [0.1\ 0.2],\quad
        W_2 = \begin{bmatrix} w_5 \\ w_6 \end{bmatrix} = \begin{bmatrix} 0.5 \\ 0.6 \end{bmatrix},\quad
        B_2 = [b_3] = [0.3].

    Returns
    -------
    dict
        ``W1`` (2, 2), ``B1`` (2,), ``W2`` (2, 1), ``B2`` (1,).

    Examples
    --------
    >>> p = chapter_params()
    >>> p["W1"], p["B1"], p["W2"], p["B2"]
    (array([[0.1, 0.2],
           [0.3, 0.4]]), array([0.1, 0.2]), array([[0.5],
           [0.6]]), array([0.3]))
    >>> p["W1"] is chapter_params()["W1"]   # a fresh copy each time
    False
    """
    return {
        "W1": np.array([[0.10, 0.20], [0.30, 0.40]]),
        "B1": np.array([0.1, 0.2]),
        "W2": np.array([[0.50], [0.60]]),
        "B2": np.array([0.3]),
    }

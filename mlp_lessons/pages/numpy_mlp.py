r"""Numbers and data of the page "넘파이로 MLP 구현" (``docs/numpy_mlp.md``).

:func:`numbers` gives every derived number the page's prose shows through a
``{{ numpy_mlp.<key> }}`` placeholder.  :func:`chapter_loss_curve` records the
loss of the chapter's training run along the way, for the loss-curve figure
(``mlp_lessons/figures/numpy_mlp.py``) and for the numbers.

Everything is computed by :mod:`mlp_lessons.numpy_mlp`: the chapter's
per-sample loop in plain floats (:func:`~mlp_lessons.numpy_mlp.fit_chapter`,
the same arithmetic as the chapter's NumPy loop, agreeing to ~1e-13) and the
vectorized trainer :func:`~mlp_lessons.numpy_mlp.train`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from mlp_lessons._checks import positive_int
from mlp_lessons.data import T_XNOR, T_XOR, XOR_X, chapter_params
from mlp_lessons.loss import sse
from mlp_lessons.numpy_mlp import fit_chapter, predict, train

__all__ = ["CHAPTER_EPOCHS", "CHAPTER_LEARNING_RATE", "CHAPTER_PRINTED", "FULL_BATCH_LEARNING_RATE",
           "LossCurve",
           "chapter_loss_curve", "full_batch_loss", "numbers"]

#: The chapter's number of epochs (``for i in range(90000)``) and 학습률.
CHAPTER_EPOCHS = 90000
CHAPTER_LEARNING_RATE = 0.2

#: The outputs the chapter prints after training (its ``test()``), inputs in XOR_X order.
CHAPTER_PRINTED = (0.99196032, 0.00835708, 0.00836107, 0.98974873)

#: The loss below which training counts as having left the plateau at 1/8.
PLATEAU_EXIT_LOSS = 0.1

#: Full-batch training averages the four samples' gradients: with the chapter's rate it would
#: move a quarter as far per epoch as the chapter's four updates, so the page uses four times it.
FULL_BATCH_LEARNING_RATE = len(XOR_X) * CHAPTER_LEARNING_RATE

#: The 학습률 of the page's check question "학습률을 5로 올리면?".
STUCK_LEARNING_RATE = 5.0


@dataclass(frozen=True)
class LossCurve:
    """Loss of the chapter's per-sample training, measured every ``every`` epochs.

    Attributes
    ----------
    epochs : ndarray of int, shape (n_points,)
        0, every, 2*every, ..., total epochs.
    loss : ndarray of shape (n_points,)
        :func:`mlp_lessons.loss.sse` of the network on all four samples after
        that many epochs (the mean over samples of ½(y - t)²).
    params : dict
        The trained parameters after the last epoch (identical to one
        uninterrupted :func:`fit_chapter` run: restarting from returned
        parameters continues the same arithmetic).
    """

    epochs: np.ndarray
    loss: np.ndarray
    params: dict


@functools.lru_cache(maxsize=8)
def _curve(target: str, epochs: int, every: int, learning_rate: float) -> LossCurve:
    T = {"xnor": T_XNOR, "xor": T_XOR}[target]
    params = chapter_params()
    marks = list(range(0, epochs, every)) + [epochs]
    losses = [sse(predict(params, XOR_X), T)]
    for start, stop in zip(marks[:-1], marks[1:]):
        params = fit_chapter(params, XOR_X, T, epochs=stop - start, learning_rate=learning_rate)
        losses.append(sse(predict(params, XOR_X), T))
    for value in params.values():
        value.setflags(write=False)           # cached: nobody may change it
    return LossCurve(np.array(marks), np.array(losses), params)


def chapter_loss_curve(target: str = "xnor", epochs: int = CHAPTER_EPOCHS, every: int = 250,
                       learning_rate: float = CHAPTER_LEARNING_RATE) -> LossCurve:
    """Train the chapter's network from its initial weights and record the loss every ``every`` epochs.

    Parameters
    ----------
    target : {"xnor", "xor"}
        ``"xnor"`` is the chapter's ``T = [[1], [0], [0], [1]]``; ``"xor"`` its opposite.
    epochs, every : int >= 1
    learning_rate : float > 0

    Returns
    -------
    LossCurve
        Cached per arguments; its arrays are read-only.

    Examples
    --------
    >>> curve = chapter_loss_curve(epochs=1000, every=500)
    >>> curve.epochs
    array([   0,  500, 1000])
    >>> curve.loss.round(5)
    array([0.15002, 0.12501, 0.125  ])
    """
    if target not in ("xnor", "xor"):
        raise ValueError(f"target must be 'xnor' (the chapter's T) or 'xor', got {target!r}")
    epochs = positive_int(epochs, "epochs")
    every = positive_int(every, "every")
    return _curve(target, epochs, every, float(learning_rate))


@functools.lru_cache(maxsize=4)
def _full_batch(epochs: int, learning_rate: float) -> np.ndarray:
    history = train(chapter_params(), XOR_X, T_XNOR, learning_rate=learning_rate, epochs=epochs).loss_history
    history.setflags(write=False)
    return history


def full_batch_loss(epochs: int = CHAPTER_EPOCHS,
                    learning_rate: float = FULL_BATCH_LEARNING_RATE) -> np.ndarray:
    """Per-epoch loss of full-batch training (:func:`~mlp_lessons.numpy_mlp.train`) on the chapter's data.

    All four samples at once, the gradient averaged over them, from the
    chapter's initial weights and targets (XNOR).  ``result[k]`` is the loss
    after ``k`` epochs (``train`` measures each epoch's loss before its update).
    Cached per arguments (90000 epochs take a few seconds); read-only.

    Examples
    --------
    >>> full_batch_loss(epochs=3).round(6)
    array([0.150024, 0.147239, 0.144644])
    """
    return _full_batch(positive_int(epochs, "epochs"), float(learning_rate))


def numbers() -> dict[str, float | int | str]:
    """Every number the page's prose shows, computed by the package (about 1 s).

    Examples
    --------
    >>> n = numbers()
    >>> n["epochs"], round(n["xnor_y0"], 8)
    (90000, 0.99196032)
    """
    xnor = chapter_loss_curve("xnor")
    xor = chapter_loss_curve("xor")
    y_xnor = predict(xnor.params, XOR_X).ravel()
    y_xor = predict(xor.params, XOR_X).ravel()
    exit_epoch = int(xnor.epochs[np.argmax(xnor.loss < PLATEAU_EXIT_LOSS)])
    # the plateau: a network that cannot tell the inputs apart does best with the targets'
    # mean for every input
    plateau_output = float(T_XNOR.mean())
    out: dict[str, float | int | str] = {
        "epochs": CHAPTER_EPOCHS,
        "eta": CHAPTER_LEARNING_RATE,
        "updates": CHAPTER_EPOCHS * len(XOR_X),
        "loss_start": float(xnor.loss[0]),
        "loss_end": float(xnor.loss[-1]),
        "loss_end_xor": float(xor.loss[-1]),
        "plateau_exit_epoch": exit_epoch,
        "plateau_exit_loss": PLATEAU_EXIT_LOSS,
        "curve_every": int(xnor.epochs[1] - xnor.epochs[0]),
        "max_error": float(np.abs(y_xnor - T_XNOR.ravel()).max()),
        "plateau_output": plateau_output,
        "plateau_loss": sse(np.full(T_XNOR.shape, plateau_output), T_XNOR),
        "samples": len(XOR_X),
        "full_batch_eta": FULL_BATCH_LEARNING_RATE,
    }
    for i in range(len(XOR_X)):
        out[f"xnor_y{i}"] = float(y_xnor[i])
        out[f"xor_y{i}"] = float(y_xor[i])
    out.update(_exercises())
    return out


def _exercises() -> dict[str, float]:
    """The answers of the page's check questions (keys ``ex_*``): the chapter's loop, one
    update on its first sample (0, 0) with its (XNOR) target; and the chapter's training with
    학습률 :data:`STUCK_LEARNING_RATE`."""
    from mlp_lessons.network import backward, forward

    start = chapter_params()
    one = fit_chapter(start, XOR_X[:1], T_XNOR[:1], epochs=1, learning_rate=CHAPTER_LEARNING_RATE)
    fwd = forward(start, XOR_X[:1], "sigmoid")
    stuck = fit_chapter(start, XOR_X, T_XNOR, epochs=CHAPTER_EPOCHS, learning_rate=STUCK_LEARNING_RATE)
    return {
        "ex_t0": float(T_XNOR[0, 0]),
        "ex_y0": float(fwd.output[0, 0]),
        "ex_B2_start": float(start["B2"][0]),
        "ex_W2_0_start": float(start["W2"][0, 0]),
        "ex_delta2": float(backward(start, fwd, T_XNOR[:1], "sigmoid").deltas[-1][0, 0]),
        "ex_B2": float(one["B2"][0]),
        "ex_B1_0": float(one["B1"][0]),
        "ex_W2_0": float(one["W2"][0, 0]),
        "ex_W1_changed": int(not np.array_equal(one["W1"], start["W1"])),
        # 학습률 5: stuck, the three inputs other than (0, 0) give one same output
        "ex_stuck_y": float(predict(stuck, XOR_X[1:]).mean()),
    }

"""Figures of the lesson "넘파이로 MLP 구현" (docs/numpy_mlp.md).

Each entry of ``FIGURES`` maps a name to a function that takes no arguments and
returns a :class:`matplotlib.figure.Figure`; the site shows it as
``figures/numpy_mlp/<name>.svg``.

The data come from :mod:`mlp_lessons.numpy_mlp` (the chapter's loop as
``fit_chapter``, the vectorized ``train``) through
:func:`mlp_lessons.pages.numpy_mlp.chapter_loss_curve`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

from mlp_lessons.figures import tr
from mlp_lessons.numpy_mlp import T_XNOR, T_XOR, XOR_X, predict
from mlp_lessons.pages.numpy_mlp import (CHAPTER_EPOCHS, CHAPTER_LEARNING_RATE, FULL_BATCH_LEARNING_RATE,
                                         chapter_loss_curve, full_batch_loss)

#: 학습률 of the full-batch run: four per-sample steps of the chapter's rate move the weights
#: about as far as one full-batch step of four times that rate on the averaged gradient.
FULL_BATCH_RATE = FULL_BATCH_LEARNING_RATE

#: Epochs between two points of the loss curve.  :func:`decision_boundary` takes its
#: trained networks from the same (cached) runs: no second training.
CURVE_EVERY = 250


def _plain_log_labels(axis) -> None:
    # "1e-05" instead of 10^{-5}: mathtext's default minus sign (U+2212) is not in the Hangul font.
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0e}"))
    axis.set_minor_formatter(NullFormatter())


def loss_curve(epochs: int = CHAPTER_EPOCHS, every: int = CURVE_EVERY, full_batch: bool = True) -> Figure:
    r"""Loss (log scale) against epoch for the chapter's run, the XOR targets and a full-batch run.

    The loss is :math:`\frac{1}{4}\sum \frac{1}{2}(y - t)^2` over the four samples,
    measured every ``every`` epochs (the curve is subsampled: 90000 points
    would make a heavy SVG).  ``full_batch=False`` leaves out the vectorized
    run (it takes a few seconds).
    """
    fig = Figure(figsize=(7.2, 4.2))
    ax = fig.add_subplot()
    runs = [("xnor", tr("교재의 루프, 교재의 T (XNOR)", "textbook loop, textbook T (XNOR)"), "C0", "-"),
            ("xor", tr("교재의 루프, XOR 정답", "textbook loop, XOR targets"), "C1", "--")]
    for target, label, color, style in runs:
        curve = chapter_loss_curve(target, epochs=epochs, every=every)
        ax.plot(curve.epochs, curve.loss, style, color=color, label=label)
    if full_batch:
        history = full_batch_loss(epochs, FULL_BATCH_RATE)
        marks = np.arange(0, epochs, every)
        ax.plot(marks, history[marks], ":", color="C2", linewidth=2.4,
                label=tr(rf"전체 배치 train ($\eta$ = {FULL_BATCH_RATE:g}), XNOR",
                         rf"full-batch train ($\eta$ = {FULL_BATCH_RATE:g}), XNOR"))
    ax.axhline(0.125, color="0.55", linewidth=0.9)
    ax.annotate(tr("평탄 구간: 모든 출력 ≈ 0.5, 손실 ≈ 1/8",
                   "plateau: every output ≈ 0.5, loss ≈ 1/8"), xy=(epochs * 0.35, 0.125),
                xytext=(0, 6), textcoords="offset points", fontsize=10, color="0.35")
    ax.set_yscale("log")
    _plain_log_labels(ax.yaxis)
    ax.set_xlabel(tr("에포크 (네 샘플을 한 번씩 다 본 횟수)", "Epoch (one pass over all four samples)"))
    ax.set_ylabel(tr("손실 E (로그 눈금)", "Loss E (log scale)"))
    ax.set_title(tr(rf"학습 곡선 (학습률 $\eta$ = {CHAPTER_LEARNING_RATE:g}, {epochs}에포크)",
                    rf"Learning curve (learning rate $\eta$ = {CHAPTER_LEARNING_RATE:g}, {epochs} epochs)"))
    ax.legend(loc="lower left", fontsize=9)
    return fig


def decision_boundary(epochs: int = CHAPTER_EPOCHS, resolution: int = 81) -> Figure:
    """Output of the trained network over the unit square, for the chapter's T (XNOR) and for XOR.

    The background is the network's output y(x1, x2) (an image, so the SVG stays
    small); the black line is y = 0.5, the decision boundary; the four training
    points are drawn with their target.
    """
    grid = np.linspace(-0.25, 1.25, resolution)
    G1, G2 = np.meshgrid(grid, grid)
    points = np.column_stack([G1.ravel(), G2.ravel()])

    fig = Figure(figsize=(9.0, 4.2), layout="constrained")
    axes = fig.subplots(1, 2)
    panels = [("xnor", T_XNOR, tr("교재의 T = [[1],[0],[0],[1]] (XNOR)", "Textbook T = [[1],[0],[0],[1]] (XNOR)")),
              ("xor", T_XOR, "XOR: T = [[0],[1],[1],[0]]")]
    image = None
    for ax, (target, T, title) in zip(axes, panels):
        # the run of the loss curve (cached): the same weights as one uninterrupted run
        params = chapter_loss_curve(target, epochs=epochs, every=CURVE_EVERY).params
        Y = predict(params, points).reshape(G1.shape)
        image = ax.imshow(Y, origin="lower", extent=(grid[0], grid[-1], grid[0], grid[-1]),
                          cmap="RdBu_r", vmin=0.0, vmax=1.0, interpolation="bilinear")
        ax.contour(G1, G2, Y, levels=[0.5], colors="black", linewidths=1.4)
        for (x1, x2), t in zip(XOR_X, T.ravel()):
            ax.plot(x1, x2, "o", markersize=11, markeredgecolor="black", markeredgewidth=1.2,
                    color="C3" if t == 1 else "C0")
            ax.annotate(f"t={t:g}", xy=(x1, x2), xytext=(0, -19), textcoords="offset points",
                        ha="center", fontsize=10,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.8,
                              "edgecolor": "none"})
        ax.set_title(title, fontsize=11)
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
        ax.set_xticks([0, 0.5, 1])
        ax.set_yticks([0, 0.5, 1])
        ax.grid(False)
    fig.colorbar(image, ax=axes, shrink=0.85, label=tr("신경망의 출력 y", "Network output y"))
    return fig


FIGURES: dict[str, Callable[[], Figure]] = {
    "loss_curve": loss_curve,
    "decision_boundary": decision_boundary,
}

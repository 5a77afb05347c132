"""Figures of the lesson "경사 하강법" (docs/gradient_descent.md).

Each entry of ``FIGURES`` maps a name to a function that takes no arguments and
returns a :class:`matplotlib.figure.Figure`; the site shows it as
``figures/gradient_descent/<name>.svg``.

Every function only draws: the numbers come from
:mod:`mlp_lessons.gradient_descent` (``descent_1d``, ``learning_rate_sweep``,
``bowl``, ``gradient_field``, ``descent_2d``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

from mlp_lessons.figures import tr
from mlp_lessons.gradient_descent import (
    MINIMUM_1D,
    bowl,
    descent_1d,
    descent_2d,
    gradient_field,
    learning_rate_sweep,
    loss_1d,
)

#: Learning rates of the sweep figure: too small, the chapter's, overshooting
#: but converging, bouncing for ever, diverging.
SWEEP_RATES = (0.01, 0.2, 0.9, 1.0, 1.1)

#: Start and 학습률 of the 2-D descent drawn over the arrows.
PATH_2D_START = (4.0, 3.0)
PATH_2D_RATE = 0.1
PATH_2D_STEPS = 15


def descent_path(x0: float = 10.0, learning_rate: float = 0.2, steps: int = 6) -> Figure:
    r"""The chapter's loss :math:`(x-3)^2+10` with the first ``steps`` iterates as points and arrows.

    Each arrow goes from :math:`x_k` to :math:`x_{k+1} = x_k - \eta(2x_k - 6)`;
    the arrows shrink because the slope shrinks near the minimum.
    """
    history = descent_1d(x0, learning_rate, max_iterations=steps)
    xs, ys = history.x, history.loss
    grid = np.linspace(min(-1.0, xs.min() - 0.5), max(11.0, xs.max() + 0.5), 241)

    fig = Figure(figsize=(6.4, 4.2))
    ax = fig.add_subplot()
    ax.plot(grid, loss_1d(grid), color="0.35", label=tr(r"손실 함수 $y = (x-3)^2 + 10$",
                                                        r"loss function $y = (x-3)^2 + 10$"))
    for k in range(len(xs) - 1):
        ax.annotate("", xy=(xs[k + 1], ys[k + 1]), xytext=(xs[k], ys[k]),
                    arrowprops={"arrowstyle": "->", "color": "C3", "linewidth": 1.6,
                                "shrinkA": 4, "shrinkB": 4})
    ax.plot(xs, ys, "o", color="C3", markersize=6, zorder=3,
            label=tr(rf"반복값 $x_0, \ldots, x_{{{len(xs) - 1}}}$ ($\eta$ = {learning_rate:g})",
                   rf"iterates $x_0, \ldots, x_{{{len(xs) - 1}}}$ ($\eta$ = {learning_rate:g})"))
    for k in range(min(3, len(xs))):
        ax.annotate(rf"$x_{{{k}}}$ = {xs[k]:.4g}", xy=(xs[k], ys[k]),
                    xytext=(9, -13), textcoords="offset points", fontsize=10, color="C3")
    ax.plot([MINIMUM_1D], [loss_1d(MINIMUM_1D)], "*", color="C2", markersize=13, zorder=4,
            label=tr("최소점 (3, 10)", "minimum (3, 10)"))
    ax.set_title(tr("경사 하강법: 곡선을 따라 내려가기", "Gradient descent: walking down the curve"))
    ax.set_xlabel("x")
    ax.set_ylabel(tr("손실 y", "Loss y"))
    ax.legend(loc="upper center")
    return fig


def rate_sweep(rates: Sequence[float] = SWEEP_RATES, x0: float = 10.0, steps: int = 20) -> Figure:
    r"""Iterates :math:`x_k` and distance :math:`|x_k - 3|` against k for several 학습률.

    Left: the iterates themselves over the first 10 steps (a diverging run
    leaves the plot; the axis is clipped).  Right: :math:`|x_k - 3| = |1 - 2\eta|^k\,|x_0 - 3|` on a log
    scale, where every run is a straight line whose slope is :math:`\log|1-2\eta|`.
    """
    results = learning_rate_sweep(rates, x0=x0, steps=steps)
    styles = ["-", "-", "--", ":", "-."]

    fig = Figure(figsize=(9.6, 4.2), layout="constrained")
    ax_x, ax_e = fig.subplots(1, 2)
    for i, result in enumerate(results):
        h = result.history
        k = np.arange(len(h.x))
        label = rf"$\eta$ = {result.learning_rate:g} ({_describe(result)})"
        style = {"linestyle": styles[i % len(styles)], "marker": "o", "markersize": 3,
                 "color": f"C{i}", "label": label}
        ax_x.plot(k, h.x, **style)
        ax_e.plot(k, np.abs(h.x - MINIMUM_1D), **style)
    ax_x.axhline(MINIMUM_1D, color="0.5", linewidth=0.8)
    ax_x.set_ylim(-15, 25)
    ax_x.set_xlim(-0.5, min(steps, 10) + 0.5)
    ax_x.set_title(tr(rf"반복값 $x_k$ (처음 {min(steps, 10)}회)", rf"Iterates $x_k$ (first {min(steps, 10)} steps)"))
    ax_x.set_xlabel(tr("반복 횟수 k", "Iteration k"))
    ax_x.set_ylabel(r"$x_k$")
    ax_e.set_yscale("log")
    # Plain "1e-05" labels: the default 10^{-5} labels need a U+2212 minus sign
    # that the Hangul font lacks.
    ax_e.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0e}"))
    ax_e.yaxis.set_minor_formatter(NullFormatter())
    ax_e.set_title(tr(r"최소점까지 거리 $|x_k - 3|$", r"Distance to the minimum $|x_k - 3|$"))
    ax_e.set_xlabel(tr("반복 횟수 k", "Iteration k"))
    ax_e.set_ylabel(tr(r"$|x_k - 3|$ (로그 눈금)", r"$|x_k - 3|$ (log scale)"))
    ax_e.legend(loc="lower left", fontsize=9)
    return fig


def _describe(result) -> str:
    """Label (Korean or English) of a sweep run from its factor 1 - 2η (see the page's exercise)."""
    factor = 1.0 - 2.0 * result.learning_rate
    if abs(factor) > 1:
        return tr("발산", "diverges")
    if abs(factor) == 1:
        return tr("진동", "oscillates")
    if factor < 0:
        return tr("넘나들며 수렴", "overshoots, converges")
    return tr("수렴", "converges") if result.status == "converged" else tr("너무 느림", "too slow")


def bowl_surface(step: float = 0.5) -> Figure:
    """The chapter's bowl :math:`z = x^2 + y^2` as a 3-D surface on its grid ``np.arange(-5, 5, step)``."""
    x = np.arange(-5, 5, step)
    X, Y = np.meshgrid(x, x)
    Z = bowl(X, Y)
    fig = Figure(figsize=(5.6, 5.0))
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(X, Y, Z, cmap="viridis", linewidth=0, antialiased=False, edgecolor="none")
    ax.set_title(tr(r"손실 곡면 $z = x^2 + y^2$", r"Loss surface $z = x^2 + y^2$"))
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_zlabel("z")
    ax.view_init(elev=28, azim=-60)
    return fig


def bowl_quiver(start: Sequence[float] = PATH_2D_START, learning_rate: float = PATH_2D_RATE,
                steps: int = PATH_2D_STEPS, grid_step: float = 1.0) -> Figure:
    r"""Arrows :math:`-\nabla z = (-2x, -2y)` on a grid over [-5, 5]², with a descent path on top.

    Every arrow points at the minimum (0, 0); the path
    :math:`p_{k+1} = p_k - \eta\nabla z(p_k)` follows them.  The chapter's grid
    has step 0.5 (400 arrows); the default ``grid_step=1.0`` (121 arrows) keeps
    the SVG small and the arrows readable.
    """
    ticks = np.arange(-5.0, 5.0 + grid_step / 2, grid_step)
    X, Y, U, V = gradient_field(ticks, ticks)
    path = descent_2d(start, learning_rate=learning_rate, steps=steps).x

    fig = Figure(figsize=(5.6, 5.4))
    ax = fig.add_subplot()
    grid = np.linspace(-5, 5, 101)
    GX, GY = np.meshgrid(grid, grid)
    ax.contour(GX, GY, bowl(GX, GY), levels=[1, 4, 9, 16, 25], colors="0.75", linewidths=0.8)
    ax.quiver(X, Y, U, V, units="width", color="C0", alpha=0.8)
    ax.plot(path[:, 0], path[:, 1], "-o", color="C3", markersize=4, linewidth=1.8,
            label=tr(rf"경사 하강 경로 ($\eta$ = {learning_rate:g}, {len(path) - 1}회)",
                   rf"gradient descent path ($\eta$ = {learning_rate:g}, {len(path) - 1} steps)"))
    ax.plot([0], [0], "*", color="C2", markersize=14, label=tr("최소점 (0, 0)", "minimum (0, 0)"))
    ax.set_aspect("equal")
    ax.set_xlim(-5.8, 5.8)
    ax.set_ylim(-5.8, 5.8)
    ax.set_title(tr(r"그래디언트의 음수 $-\nabla z = (-2x, -2y)$", r"Negative gradient $-\nabla z = (-2x, -2y)$"))
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend(loc="lower left", fontsize=9, framealpha=0.9, frameon=True)
    return fig


FIGURES: dict[str, Callable[[], Figure]] = {
    "descent_path": descent_path,
    "rate_sweep": rate_sweep,
    "bowl_surface": bowl_surface,
    "bowl_quiver": bowl_quiver,
}

"""Figures of the lesson "역전파" (docs/backprop.md).

Each entry of ``FIGURES`` maps a name to a function that takes no arguments and
returns a :class:`matplotlib.figure.Figure`; the site shows it as
``figures/backprop/<name>.svg``.  Data arguments have defaults, so a figure can
be redrawn with other values.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from mlp_lessons.backprop import output_unit_graph
from mlp_lessons.data import chapter_params
from mlp_lessons.figures import diagram, tr
from mlp_lessons.figures.forward_pass import network_diagram
from mlp_lessons.forward_pass import CHAPTER_NUMBERS
from mlp_lessons.pages.backprop import LONG_STEPS, OTHER_SAMPLE, SAMPLE, STEPS, descent_history


def _power_of_ten(value: float, _pos=None) -> str:
    # Matplotlib's log labels use \mathdefault, i.e. the text font, and NanumGothic has no
    # minus sign (U+2212); plain mathtext uses the math font, which has it.
    return f"$10^{{{int(round(np.log10(value)))}}}$" if value > 0 else ""


def _log_axis(axis) -> None:
    axis.set_major_locator(LogLocator(base=10.0))
    axis.set_major_formatter(FuncFormatter(_power_of_ten))
    axis.set_minor_formatter(NullFormatter())


def loss_curve_figure(history=None) -> Figure:
    """Output :math:`out_y` and loss :math:`E` of the chapter's example along gradient descent.

    Both axes logarithmic.  Dots: our values after 1, :data:`STEPS` and
    :data:`LONG_STEPS` steps; red crosses: what the chapter prints for 1 and
    10000 steps (its 10000-step value lies on our curve near 40000 steps).

    Parameters
    ----------
    history : tuple (counts, outputs, losses), optional
        From :func:`mlp_lessons.pages.backprop.descent_history` (the default).
    """
    counts, outputs, losses = descent_history() if history is None else history
    counts = np.asarray(counts)
    keep = counts > 0                      # log scale: step 0 is shown as a dotted line
    fig = Figure(figsize=(9.0, 3.9), layout="constrained")   # laid out when drawn (in the lesson style)
    axes = fig.subplots(1, 2)
    book = {1: (float(CHAPTER_NUMBERS["out_y_after_1"]), float(CHAPTER_NUMBERS["E_after_1"])),
            STEPS: (float(CHAPTER_NUMBERS["out_y_after_n"]), float(CHAPTER_NUMBERS["E_after_n"]))}
    for ax, values, label, which in ((axes[0], np.asarray(outputs), tr("출력 $out_y$", "Output $out_y$"), 0),
                                     (axes[1], np.asarray(losses), tr("손실 $E$", "Loss $E$"), 1)):
        ax.plot(counts[keep], values[keep], color="C0", label=tr("경사 하강법 (η = 0.2)", "gradient descent (η = 0.2)"))
        ax.axhline(values[0], color="0.5", linestyle=":", linewidth=1.2, label=tr("학습 전", "before training"))
        for n in (1, STEPS, LONG_STEPS):
            hit = np.flatnonzero(counts == n)
            if hit.size:
                v = values[hit[0]]
                ax.plot([n], [v], "o", color="C0", markersize=6)
                if n > 1:
                    right = n == counts.max()
                    ax.annotate(tr(f"{n}번: {v:.{6 if which else 4}f}",
                                   f"{n} steps: {v:.{6 if which else 4}f}"), (n, v),
                                xytext=(6, 8) if right else (-8, 10), textcoords="offset points",
                                ha="left" if right else "right", fontsize=9, color="C0")
        ax.plot(list(book), [v[which] for v in book.values()], "x", color="C3", markersize=10,
                markeredgewidth=2.2, label=tr("교재에 적힌 값", "values printed in the chapter"))
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(0.6, counts.max() * 12)   # room for the label of the last point
        _log_axis(ax.xaxis)
        _log_axis(ax.yaxis)
        ax.set_xlabel(tr("경사 하강법 횟수", "Gradient descent steps"))
        ax.set_ylabel(label)
        ax.set_title(label + tr(" (로그 눈금)", " (log scale)"))
    axes[0].legend(loc="upper right", bbox_to_anchor=(1.0, 0.9), fontsize=9)
    return fig


def delta_flow_figure(x=SAMPLE[0], target=SAMPLE[1]) -> Figure:
    """The deltas flowing back through the 2-2-1 network, and each weight's gradient, for one sample."""
    return network_diagram(direction="backward", x=x, target=[target])


def delta_flow_other_figure(x=OTHER_SAMPLE[0], target=OTHER_SAMPLE[1]) -> Figure:
    """As :func:`delta_flow_figure` for input (1, 0) and target 1: now ∂E/∂w1 is not zero."""
    return network_diagram(direction="backward", x=x, target=[target])


_GRAPH_FORWARD = "0.1"


def _graph_number(value: float, exact: bool = False) -> str:
    """Six decimals, as on the page; ``exact`` numbers (a weight 0.5, the seed 1 of backward)
    without trailing zeros."""
    return f"{value:.6f}".rstrip("0").rstrip(".") if exact else f"{value:.6f}"
_GRAPH_BACKWARD = "#c0392b"
_GRAPH_FONT = 12


def _graph_edge(ax, start, end, forward_text: str, backward_text: str, *, label_at: float = 0.5,
                flip: bool = False) -> None:
    """One edge of a computational graph: an arrow, the forward value above it (black) and
    the backward gradient below it (red, with an arrow pointing back).  ``flip`` swaps the
    sides; on a vertical edge the two texts sit left and right of it, upright."""
    a, b = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    ax.annotate("", b, a, arrowprops={"arrowstyle": "-|>", "color": "0.2", "linewidth": 1.4,
                                      "shrinkA": 0, "shrinkB": 0, "mutation_scale": 13})
    u = (b - a) / np.linalg.norm(b - a)
    normal = np.array([-u[1], u[0]]) * (-1 if flip else 1)
    at = a + label_at * (b - a)
    angle = float(np.degrees(np.arctan2(u[1], u[0])))
    vertical = abs(u[0]) < 1e-9
    if vertical:
        angle, normal = 0.0, np.array([-1.0, 0.0]) * (-1 if flip else 1)
    box = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.9}
    side = 0.12 if vertical else 0.24
    ax.text(*(at + side * normal), forward_text, ha=("right" if normal[0] < 0 else "left") if vertical else "center",
            va="center", fontsize=_GRAPH_FONT, color=_GRAPH_FORWARD, rotation=angle, rotation_mode="anchor", bbox=box,
            zorder=4)
    ax.text(*(at - side * normal), ("\u2193 " if vertical else "\u2190 ") + backward_text,
            ha=("left" if normal[0] < 0 else "right") if vertical else "center", va="center", fontsize=_GRAPH_FONT,
            color=_GRAPH_BACKWARD, rotation=angle, rotation_mode="anchor", bbox=box, zorder=4)


def computational_graph_figure(x=SAMPLE[0], target=SAMPLE[1]) -> Figure:
    r"""The computational graph of the output unit for the page's w5 example, as in
    *Deep Learning from Scratch*, ch. 5: each edge carries its forward value (above, black)
    and the gradient :math:`\partial E/\partial(\text{that value})` flowing back (below, red).

    Values from :func:`mlp_lessons.backprop.output_unit_graph` (the chapter's network,
    sample ``x`` → ``target``; default (0, 0) → 0).
    """
    g = output_unit_graph(chapter_params(), x, [target])
    fmt = _graph_number
    fig, ax = diagram((10.6, 4.6), (-1.2, 13.3), (-1.9, 4.35))
    r = 0.36
    nodes = {"mul1": (2.6, 2.5), "mul2": (2.6, 0.3), "add": (5.3, 1.4), "sig": (8.2, 1.4), "loss": (11.4, 1.4)}
    symbols = {"mul1": "$\\times$", "mul2": "$\\times$", "add": "$+$", "sig": "$\\sigma$",
               "loss": "$\\frac{1}{2}(\\cdot)^2$"}
    for name, (nx, ny) in nodes.items():
        if name == "loss":
            ax.add_patch(FancyBboxPatch((nx - 0.55, ny - 0.36), 1.1, 0.72, boxstyle="round,pad=0.05",
                                        facecolor="#fff3df", edgecolor="0.2", linewidth=1.4, zorder=5))
        else:
            ax.add_patch(Circle((nx, ny), r, facecolor="#e8f0fb", edgecolor="0.2", linewidth=1.4, zorder=5))
        ax.text(nx, ny, symbols[name], ha="center", va="center", fontsize=13 if name != "loss" else 11, zorder=6)
    leaves = {"w5": ((0.0, 3.5), "$w_5$"), "a1": ((0.0, 1.6), "$out_{h1}$"), "w6": ((0.0, 1.2), "$w_6$"),
              "a2": ((0.0, -0.7), "$out_{h2}$"), "b3": ((5.3, -1.2), "$b_3$"), "t": ((11.4, -0.9), "$t$")}
    for key, ((lx, ly), label) in leaves.items():
        if key in ("b3", "t"):
            ax.text(lx, ly - 0.1, label, ha="center", va="top", fontsize=13)
        else:
            ax.text(lx - 0.1, ly, label, ha="right", va="center", fontsize=13)
    mul1, mul2, add, sig, loss = (np.array(nodes[k]) for k in ("mul1", "mul2", "add", "sig", "loss"))

    def rim(center, towards, radius=r):
        u = (np.asarray(towards) - center) / np.linalg.norm(np.asarray(towards) - center)
        return center + radius * u

    (w5, dw5), (w6, dw6) = g["w"]
    (a1, da1), (a2, da2) = g["a"]
    (wa1, dwa1), (wa2, dwa2) = g["wa"]
    _graph_edge(ax, leaves["w5"][0], rim(mul1, leaves["w5"][0]), fmt(w5, exact=True), fmt(dw5), label_at=0.4)
    _graph_edge(ax, leaves["a1"][0], rim(mul1, leaves["a1"][0]), fmt(a1), fmt(da1), label_at=0.4, flip=True)
    _graph_edge(ax, leaves["w6"][0], rim(mul2, leaves["w6"][0]), fmt(w6, exact=True), fmt(dw6), label_at=0.4)
    _graph_edge(ax, leaves["a2"][0], rim(mul2, leaves["a2"][0]), fmt(a2), fmt(da2), label_at=0.4, flip=True)
    _graph_edge(ax, rim(mul1, add), rim(add, mul1), fmt(wa1), fmt(dwa1), label_at=0.42)
    _graph_edge(ax, rim(mul2, add), rim(add, mul2), fmt(wa2), fmt(dwa2), label_at=0.42, flip=True)
    b, db = g["b"]
    _graph_edge(ax, np.array(leaves["b3"][0]), rim(add, leaves["b3"][0]), fmt(b, exact=True), fmt(db))
    net, dnet = g["net"]
    _graph_edge(ax, rim(add, sig), rim(sig, add), f"$net_y$ = {fmt(net)}", fmt(dnet))
    out, dout = g["out"]
    _graph_edge(ax, rim(sig, loss), loss - np.array([0.6, 0.0]), f"$out_y$ = {fmt(out)}", fmt(dout))
    t, dt = g["t"]
    _graph_edge(ax, np.array(leaves["t"][0]), loss - np.array([0.0, 0.42]), fmt(t, exact=True), fmt(dt))
    E, dE = g["E"]
    _graph_edge(ax, loss + np.array([0.6, 0.0]), loss + np.array([1.9, 0.0]), fmt(E), fmt(dE, exact=True))
    ax.text(loss[0] + 2.0, loss[1], "$E$", ha="left", va="center", fontsize=13)
    ax.text(-1.1, 4.15, tr("검은 글씨: 순방향 값   빨간 글씨(\u2190): 그 값에 대한 그래디언트 $\\partial E/\\partial$(값)",
                           "Black: forward value   Red (\u2190): the gradient $\\partial E/\\partial$(value) flowing back"),
            ha="left", va="center", fontsize=_GRAPH_FONT, color="0.25")
    return fig


FIGURES: dict[str, Callable[[], Figure]] = {
    "computational_graph": computational_graph_figure,
    "loss_curve": loss_curve_figure,
    "delta_flow": delta_flow_figure,
    "delta_flow_10": delta_flow_other_figure,
}

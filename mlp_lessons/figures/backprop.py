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
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from mlp_lessons.figures import tr
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


FIGURES: dict[str, Callable[[], Figure]] = {
    "loss_curve": loss_curve_figure,
    "delta_flow": delta_flow_figure,
    "delta_flow_10": delta_flow_other_figure,
}

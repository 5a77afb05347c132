"""Figures of the lesson "활성화 함수" (docs/activations.md).

Each entry of ``FIGURES`` maps a name to a function that takes no arguments and
returns a :class:`matplotlib.figure.Figure`; the site shows it as
``figures/activations/<name>.svg``.  Data arguments have defaults, so a
figure can be redrawn with other values.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch

from mlp_lessons.activations import (
    collapse_linear, relu, relu_deriv, sigmoid, sigmoid_deriv, step, step_deriv, tanh, tanh_deriv,
)
from mlp_lessons.figures import diagram, tr
from mlp_lessons.network import forward
from mlp_lessons.pages.activations import (
    XOR_T, XOR_X, random_linear_stack, step_unit_loss, xor_best_linear_fit, xor_relu_params,
)

#: Line styles shared by the figures: function solid, derivative dashed.
_FUNC = {"color": "C0"}
_DERIV = {"color": "C1", "linestyle": "--"}


def _axes_lines(ax) -> None:
    ax.axhline(0.0, color="0.6", linewidth=0.8, zorder=0)
    ax.axvline(0.0, color="0.6", linewidth=0.8, zorder=0)


def sigmoid_figure(x=None) -> Figure:
    """The sigmoid :math:`\\sigma(x) = 1/(1+e^{-x})` and its derivative :math:`\\sigma(x)(1-\\sigma(x))`."""
    x = np.linspace(-8.0, 8.0, 321) if x is None else np.asarray(x, dtype=float)
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot(x, sigmoid(x), label=tr("시그모이드 σ(x)", "sigmoid σ(x)"), **_FUNC)
    ax.plot(x, sigmoid_deriv(x), label=tr("도함수 σ'(x) = σ(x)(1 - σ(x))",
                                          "derivative σ'(x) = σ(x)(1 - σ(x))"), **_DERIV)
    _axes_lines(ax)
    ax.set_title(tr("시그모이드 함수와 도함수", "The sigmoid function and its derivative"))
    ax.set_xlabel(tr("입력 x", "Input x"))
    ax.set_ylabel(tr("출력", "Output"))
    ax.set_ylim(-0.05, 1.05)
    ax.legend(loc="upper left")
    return fig


def step_figure(lo: float = -4.0, hi: float = 4.0) -> Figure:
    """The step function (a jump at 0, drawn without a vertical line) and its derivative, 0 everywhere."""
    fig = Figure()
    ax = fig.add_subplot()
    left, right = np.array([lo, 0.0]), np.array([0.0, hi])
    ax.plot(left, step(left), label=tr("계단 함수 f(x)", "step function f(x)"), **_FUNC)
    ax.plot(right, step(right[[1, 1]]), **_FUNC)           # x > 0: the value just right of 0 is 1
    # f(0) = 0 (closed dot), the limit from the right is 1 (open dot)
    ax.plot([0.0], [float(step(0.0))], "o", color="C0", markersize=7)
    ax.plot([0.0], [1.0], "o", markerfacecolor="white", markeredgecolor="C0", markersize=7)
    x = np.linspace(lo, hi, 9)
    ax.plot(x, step_deriv(x), label=tr("도함수 f'(x) = 0 (x = 0에서는 정의되지 않음)",
                                       "derivative f'(x) = 0 (undefined at x = 0)"), **_DERIV)
    ax.set_title(tr("계단 함수와 도함수", "The step function and its derivative"))
    ax.set_xlabel(tr("입력 x", "Input x"))
    ax.set_ylabel(tr("출력", "Output"))
    ax.set_ylim(-0.15, 1.3)
    ax.legend(loc="upper left")
    return fig


def tanh_figure(x=None) -> Figure:
    """tanh and its derivative :math:`1 - \\tanh^2 x`."""
    x = np.linspace(-4.0, 4.0, 321) if x is None else np.asarray(x, dtype=float)
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot(x, tanh(x), label="tanh(x)", **_FUNC)
    ax.plot(x, tanh_deriv(x), label=tr("도함수 1 - tanh²(x)", "derivative 1 - tanh²(x)"), **_DERIV)
    _axes_lines(ax)
    ax.set_title(tr("tanh 함수와 도함수", "The tanh function and its derivative"))
    ax.set_xlabel(tr("입력 x", "Input x"))
    ax.set_ylabel(tr("출력", "Output"))
    ax.set_ylim(-1.1, 1.1)
    ax.legend(loc="upper left")
    return fig


def relu_figure(lo: float = -4.0, hi: float = 4.0) -> Figure:
    """ReLU and its derivative (a jump from 0 to 1; ReLU'(0) = 0 by convention)."""
    fig = Figure()
    ax = fig.add_subplot()
    x = np.linspace(lo, hi, 161)
    ax.plot(x, relu(x), label="ReLU(x) = max(x, 0)", **_FUNC)
    left, right = np.array([lo, 0.0]), np.array([0.0, hi])
    ax.plot(left, relu_deriv(left), label=tr("도함수: x > 0이면 1, 아니면 0", "derivative: 1 if x > 0, else 0"), **_DERIV)
    ax.plot(right, relu_deriv(right[[1, 1]]), **_DERIV)    # x > 0: slope 1
    ax.plot([0.0], [float(relu_deriv(0.0))], "o", color="C1", markersize=6)
    ax.plot([0.0], [1.0], "o", markerfacecolor="white", markeredgecolor="C1", markersize=6)
    _axes_lines(ax)
    ax.set_title(tr("ReLU 함수와 도함수", "The ReLU function and its derivative"))
    ax.set_xlabel(tr("입력 x", "Input x"))
    ax.set_ylabel(tr("출력", "Output"))
    ax.set_ylim(-0.3, hi + 0.2)
    ax.legend(loc="upper left")
    return fig


def all_figure(lo: float = -4.0, hi: float = 4.0) -> Figure:
    """The four activation functions together (top) and their derivatives (bottom)."""
    x = np.linspace(lo, hi, 321)
    funcs = [("step", tr("계단", "step"), step, step_deriv),
             ("sigmoid", tr("시그모이드", "sigmoid"), sigmoid, sigmoid_deriv),
             ("tanh", "tanh", tanh, tanh_deriv), ("relu", "ReLU", relu, relu_deriv)]
    fig = Figure(figsize=(6.4, 7.0), layout="constrained")    # stacked: readable on phones too
    ax_f, ax_d = fig.subplots(2, 1, sharex=True)
    for k, (key, name, f, d) in enumerate(funcs):
        color = f"C{k}"
        if key == "step":
            # draw the jump as a gap, not as a vertical line
            neg, pos = x[x <= 0], x[x > 0]
            ax_f.plot(neg, f(neg), color=color, label=name)
            ax_f.plot(pos, f(pos), color=color)
            ax_d.plot(x, d(x), color=color, label=name)
        elif key == "relu":
            ax_f.plot(x, f(x), color=color, label=name)
            neg, pos = x[x <= 0], x[x > 0]
            ax_d.plot(neg, d(neg), color=color, label=name)
            ax_d.plot(pos, d(pos), color=color)
        else:
            ax_f.plot(x, f(x), color=color, label=name)
            ax_d.plot(x, d(x), color=color, label=name)
    for ax in (ax_f, ax_d):
        _axes_lines(ax)
    ax_d.set_xlabel(tr("입력 x", "Input x"))
    ax_f.set_title(tr("활성화 함수 f(x)", "Activation function f(x)"))
    ax_d.set_title(tr("도함수 f'(x)", "Derivative f'(x)"))
    ax_f.set_ylim(-1.2, 2.2)
    ax_d.set_ylim(-0.1, 1.15)
    ax_f.legend(loc="upper left")
    ax_d.legend(loc="upper left")
    return fig


def step_loss_figure(w=None, bias: float = 0.5) -> Figure:
    """Loss of a one-unit network y = f(w x + b) against its 가중치 w: step (flat) vs. sigmoid (smooth).

    The data are :data:`~mlp_lessons.pages.activations.STEP_DATA_X` and ``STEP_DATA_T``.
    """
    w = np.linspace(-3.0, 3.0, 601) if w is None else np.asarray(w, dtype=float)
    fig = Figure()
    ax = fig.add_subplot()
    E_step = step_unit_loss(w, step, bias)
    E_step[1:][np.diff(E_step) != 0] = np.nan               # show the jumps as gaps
    ax.plot(w, E_step, label=tr("계단 함수: 평평한 계단 (기울기 0)", "step function: flat steps (slope 0)"), color="C0")
    ax.plot(w, step_unit_loss(w, sigmoid, bias), label=tr("시그모이드: 매끄러운 내리막", "sigmoid: smooth downhill"), color="C1",
            linestyle="--")
    ax.set_title(tr("가중치에 따른 손실: 계단 함수 vs 시그모이드", "Loss against the weight: step function vs sigmoid"))
    ax.set_xlabel(tr("가중치 w", "Weight w"))
    ax.set_ylabel(tr("손실 E(w)", "Loss E(w)"))
    ax.set_ylim(-0.02, 0.55)
    ax.legend(loc="upper right")
    return fig


def xor_fit_figure() -> Figure:
    """XOR targets vs. the best single linear layer vs. a 2-2-1 network with a ReLU 은닉층."""
    W, b = xor_best_linear_fit()
    linear_out = (XOR_X @ W + b).ravel()
    relu_out = forward(xor_relu_params(), XOR_X, ["relu", "linear"]).output.ravel()
    labels = [f"({int(x1)}, {int(x2)})" for x1, x2 in XOR_X]
    pos = np.arange(len(labels))
    width = 0.26
    fig = Figure(figsize=(6.4, 3.8))
    ax = fig.add_subplot()
    for shift, values, label, color in [(-width, XOR_T.ravel(), tr("정답 t (XOR)", "target t (XOR)"), "0.55"),
                                        (0.0, linear_out, tr("선형 레이어 하나 (최선)", "one linear layer (best)"), "C0"),
                                        (width, relu_out, tr("ReLU 은닉층 + 출력층", "ReLU hidden + output layer"), "C1")]:
        bars = ax.bar(pos + shift, values, width, label=label, color=color)
        ax.bar_label(bars, labels=[f"{v:.2f}" for v in values], fontsize=8, padding=2)
    ax.set_xticks(pos, labels)
    ax.set_xlabel(tr("입력 (x1, x2)", "Input (x1, x2)"))
    ax.set_ylabel(tr("출력", "Output"))
    ax.set_ylim(0.0, 1.35)
    ax.set_title(tr("XOR: 선형 레이어로는 맞출 수 없다", "XOR: a linear layer cannot fit it"))
    ax.legend(loc="upper center", ncols=3, fontsize=9)
    ax.grid(axis="x", visible=False)
    return fig


def _unit_circle(ax, center, text: str, radius: float = 0.42, face: str = "#fff3df", fontsize: int = 15) -> None:
    ax.add_patch(Circle(center, radius, facecolor=face, edgecolor="0.2", linewidth=1.5, zorder=5))
    ax.text(*center, text, ha="center", va="center", fontsize=fontsize, zorder=6)


def _arrow(ax, start, end, color: str = "0.2", width: float = 1.5) -> None:
    ax.annotate("", end, start, arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": width,
                                            "shrinkA": 0, "shrinkB": 0, "mutation_scale": 14})


def _rim(center, towards, radius: float) -> np.ndarray:
    c, t = np.asarray(center, dtype=float), np.asarray(towards, dtype=float)
    return c + radius * (t - c) / np.linalg.norm(t - c)


def unit_figure() -> Figure:
    r"""One unit (the chapter's fig. 6-2): inputs :math:`x_1, x_2` times their weights, plus the
    bias, summed to :math:`z`; the activation function :math:`f` gives the output :math:`a = f(z)`."""
    fig, ax = diagram((8.4, 3.6), (-0.9, 10.1), (-1.55, 3.15))
    inputs = {"$x_1$": ((0.0, 2.3), "$w_1$"), "$x_2$": ((0.0, 0.9), "$w_2$")}
    bias = np.array([0.0, -0.5])
    total, act, out = np.array([4.0, 0.9]), np.array([6.6, 0.9]), np.array([9.0, 0.9])
    r = 0.42
    box = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.92}
    for label, (pos, weight) in inputs.items():
        _unit_circle(ax, pos, label, face="#e8f0fb")
        start, end = _rim(pos, total, r), _rim(total, pos, 0.5)
        _arrow(ax, start, end)
        at = start + 0.45 * (end - start)
        ax.text(*at, weight, ha="center", va="center", fontsize=13, color="#1f4e9c", bbox=box, zorder=4)
    ax.add_patch(FancyBboxPatch(tuple(bias - 0.28), 0.56, 0.56, boxstyle="round,pad=0.02", facecolor="#f2f2f2",
                                edgecolor="0.35", linewidth=1.2, zorder=5))
    ax.text(*bias, "1", ha="center", va="center", fontsize=13, zorder=6)
    ax.text(bias[0], bias[1] - 0.45, tr("바이어스 입력", "bias input"), ha="center", va="top", fontsize=10, color="0.35")
    start, end = bias + np.array([0.32, 0.08]), _rim(total, bias, 0.5)
    ax.annotate("", end, start, arrowprops={"arrowstyle": "-|>", "color": "0.2", "linewidth": 1.3, "linestyle": "--",
                                            "shrinkA": 0, "shrinkB": 0, "mutation_scale": 14})
    at = start + 0.5 * (end - start)
    ax.text(*at, "$b$", ha="center", va="center", fontsize=13, color="#1f4e9c", bbox=box, zorder=4)
    # the unit: Σ then f, inside one dashed outline
    ax.add_patch(FancyBboxPatch((total[0] - 1.25, total[1] - 1.55), act[0] - total[0] + 2.5, 3.05,
                                boxstyle="round,pad=0.05", facecolor="none", edgecolor="0.55", linewidth=1.2,
                                linestyle="--", zorder=1))
    ax.text((total[0] + act[0]) / 2, total[1] + 1.6, tr("유닛 하나", "One unit"), ha="center", va="bottom",
            fontsize=12, fontweight="bold", color="0.3")
    _unit_circle(ax, total, r"$\Sigma$", radius=0.5)
    _unit_circle(ax, act, "$f$", radius=0.5)
    _arrow(ax, _rim(total, act, 0.5), _rim(act, total, 0.5))
    ax.text((total[0] + act[0]) / 2, total[1] + 0.22, "$z$", ha="center", va="bottom", fontsize=14)
    _arrow(ax, _rim(act, out, 0.5), out - np.array([0.35, 0.0]))
    ax.text(out[0] - 0.25, out[1], "$a$", ha="left", va="center", fontsize=15)
    ax.text(total[0], total[1] - 0.62, tr("가중합", "weighted sum") + "\n$z = w_1 x_1 + w_2 x_2 + b$",
            ha="center", va="top", fontsize=10, color="0.2", linespacing=1.5)
    ax.text(act[0], act[1] - 0.62, tr("활성화 함수", "activation function") + "\n$a = f(z)$", ha="center", va="top",
            fontsize=10, color="0.2", linespacing=1.5)
    ax.text(out[0] + 0.1, out[1] - 0.45, tr("출력", "output"), ha="center", va="top", fontsize=10, color="0.35")
    ax.text(0.0, 3.0, tr("입력", "inputs"), ha="center", va="center", fontsize=10, color="0.35")
    return fig


def _layer_column(ax, x: float, n: int, face: str, radius: float = 0.22, spread: float = 0.75) -> list[np.ndarray]:
    """Draw ``n`` units in a column centred on height 0 at ``x``; return their centres."""
    centres = [np.array([x, (n - 1) / 2 * spread - k * spread]) for k in range(n)]
    for c in centres:
        ax.add_patch(Circle(c, radius, facecolor=face, edgecolor="0.25", linewidth=1.2, zorder=5))
    return centres


def linear_collapse_figure(sizes=(2, 4, 3, 1), seed: int = 0) -> Figure:
    r"""Stacked linear layers (no activation between them) and the one layer they equal.

    Left: the page's 3-layer linear network (:func:`mlp_lessons.pages.activations.random_linear_stack`,
    sizes 2 → 4 → 3 → 1, seed 0); right: the single layer
    :math:`W = W_1 W_2 W_3`, :math:`b` from :func:`mlp_lessons.activations.collapse_linear`,
    with its numbers on the edges.
    """
    weights, biases = random_linear_stack(sizes, seed=seed)
    W, b = collapse_linear(weights, biases)
    if W.shape[1] != 1 or W.shape[0] > 3:
        raise ValueError(f"the figure writes the collapsed layer's weights on its edges: it needs at most 3 inputs "
                         f"and 1 output, got W of shape {W.shape}")
    fig, ax = diagram((9.6, 3.3), (-0.9, 12.3), (-2.2, 2.3))
    faces = ["#e8f0fb"] + ["#f2f2f2"] * (len(sizes) - 2) + ["#e6f5e9"]
    xs = [0.0 + 2.0 * k for k in range(len(sizes))]
    columns = [_layer_column(ax, x, n, face) for x, n, face in zip(xs, sizes, faces)]
    for k, (left, right) in enumerate(zip(columns[:-1], columns[1:])):
        for a in left:
            for c in right:
                ax.plot(*zip(_rim(a, c, 0.22), _rim(c, a, 0.22)), color="0.6", linewidth=0.8, zorder=2)
        m, n = weights[k].shape
        ax.text((xs[k] + xs[k + 1]) / 2, -1.85, f"$W_{k + 1}$ ({m}×{n})\n$b_{k + 1}$ ({n})", ha="center", va="center",
                fontsize=11, color="#1f4e9c", linespacing=1.4)
    ax.text(xs[0] - 0.4, 0.0, "$x$", ha="right", va="center", fontsize=13)
    ax.text(xs[-1] + 0.4, 0.0, "$y$", ha="left", va="center", fontsize=13)
    ax.text((xs[0] + xs[-1]) / 2, 2.0, tr(f"선형 레이어 {len(weights)}개 (활성화 함수 없음)",
                                           f"{len(weights)} linear layers (no activation function)"),
            ha="center", va="center", fontsize=12, fontweight="bold", color="0.3")
    eq = xs[-1] + 1.3
    ax.text(eq, 0.0, "=", ha="center", va="center", fontsize=26, color="0.3")
    # the one layer
    x_in, x_out = eq + 1.6, eq + 4.4
    ins = _layer_column(ax, x_in, W.shape[0], faces[0], radius=0.3, spread=1.6)
    (y_unit,) = _layer_column(ax, x_out, 1, faces[-1], radius=0.3)
    box = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.92}
    for k, c in enumerate(ins):
        start, end = _rim(c, y_unit, 0.3), _rim(y_unit, c, 0.3)
        _arrow(ax, start, end, width=1.3)
        at = start + 0.45 * (end - start)
        ax.text(*at, f"{W[k, 0]:.3f}", ha="center", va="center", fontsize=11, color="#1f4e9c", bbox=box, zorder=4)
    ax.text(x_out, -0.5, f"$b$ = {b[0]:.3f}", ha="center", va="top", fontsize=11, color="#1f4e9c")
    ax.text(x_in - 0.45, 0.0, "$x$", ha="right", va="center", fontsize=13)
    ax.text(x_out + 0.45, 0.0, "$y$", ha="left", va="center", fontsize=13)
    names = "".join(f"W_{k + 1}" for k in range(len(weights)))
    ax.text((x_in + x_out) / 2, 2.0, tr("레이어 하나", "One layer"), ha="center", va="center", fontsize=11,
            fontweight="bold", color="0.3")
    ax.text((x_in + x_out) / 2, -1.85, f"$W = {names}$ ({W.shape[0]}×{W.shape[1]})", ha="center", va="center",
            fontsize=11, color="#1f4e9c")
    return fig


FIGURES: dict[str, Callable[[], Figure]] = {
    "unit": unit_figure,
    "linear_collapse": linear_collapse_figure,
    "sigmoid": sigmoid_figure,
    "step": step_figure,
    "tanh": tanh_figure,
    "relu": relu_figure,
    "all": all_figure,
    "step_loss": step_loss_figure,
    "xor_fit": xor_fit_figure,
}

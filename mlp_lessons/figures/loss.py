"""Figures of the lesson "손실 함수" (docs/loss.md).

Each entry of ``FIGURES`` maps a name to a function that takes no arguments and
returns a :class:`matplotlib.figure.Figure`; the site shows it as
``figures/loss/<name>.svg``.  Data arguments have defaults, so a figure can be
redrawn with other values.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure

from mlp_lessons.activations import softmax
from mlp_lessons.figures import tr
from mlp_lessons.loss import sse, sse_grad
from mlp_lessons.pages.loss import (
    CONFIDENT_WRONG_P, DIGIT_LOGITS, DIGIT_TARGET, chapter_output, logit, sigmoid_output_grads,
)


def _half_squared_error(y, t: float) -> np.ndarray:
    """E = ½ (y − t)² for each output value y (one sample, one output each)."""
    return np.array([sse([[yk]], [[t]]) for yk in np.asarray(y, dtype=float)])


def sse_curve_figure(output=None, target: float = 0.0) -> Figure:
    """E = ½(y − t)² against the output y for t = 0 and t = 1; the chapter's example marked with its tangent.

    Parameters
    ----------
    output : float, optional
        The marked output; the chapter's network's output for input (0, 0) by default.
    target : float
        The marked point's target.
    """
    y_mark = chapter_output((0.0, 0.0)) if output is None else float(output)
    y = np.linspace(0.0, 1.0, 201)
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot(y, _half_squared_error(y, 0.0), color="C0", label=tr("정답 t = 0: E = ½ y²", "target t = 0: E = ½ y²"))
    ax.plot(y, _half_squared_error(y, 1.0), color="C1", linestyle="--", label=tr("정답 t = 1: E = ½ (y - 1)²",
                                                                                 "target t = 1: E = ½ (y - 1)²"))
    E_mark = sse([[y_mark]], [[target]])
    slope = float(sse_grad([[y_mark]], [[target]])[0, 0])
    around = np.linspace(y_mark - 0.18, y_mark + 0.18, 2)
    ax.plot(around, E_mark + slope * (around - y_mark), color="0.35", linewidth=1.2,
            label=tr(f"접선: 기울기 ∂E/∂y = y - t = {slope:.3f}", f"tangent: slope ∂E/∂y = y - t = {slope:.3f}"))
    ax.plot([y_mark], [E_mark], "o", color="C3", markersize=7, zorder=5)
    ax.annotate(tr(f"교재의 예: y = {y_mark:.6f}, t = {target:g}\nE = {E_mark:.6f}",
                   f"the chapter's example:\ny = {y_mark:.6f}, t = {target:g}\nE = {E_mark:.6f}"),
                xy=(y_mark, E_mark), xytext=(0.55, 0.47), fontsize=9,
                arrowprops={"arrowstyle": "->", "color": "0.3"})
    ax.set_title(tr("손실 E = ½ (y - t)²와 출력 y", "The loss E = ½ (y - t)² against the output y"))
    ax.set_xlabel(tr("신경망의 출력 y", "Network output y"))
    ax.set_ylabel(tr("손실 E", "Loss E"))
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(-0.02, 0.78)
    ax.legend(loc="upper left", fontsize=9)
    return fig


def sse_vs_ce_figure(p_mark: float = CONFIDENT_WRONG_P) -> Figure:
    """Target 1, a sigmoid output p: the two losses vs. p (top) and |∂E/∂z| vs. p (bottom)."""
    p = np.linspace(0.005, 0.995, 100)
    g = sigmoid_output_grads(logit(p), 1)
    mark = sigmoid_output_grads([logit(p_mark)], 1)
    fig = Figure(figsize=(6.4, 7.0), layout="constrained")    # stacked: readable on phones too
    ax_l, ax_g = fig.subplots(2, 1, sharex=True)
    ax_l.plot(p, g["sse"], color="C0", label=tr("오차제곱합 ½ (p - 1)²", "SSE ½ (p - 1)²"))
    ax_l.plot(p, g["ce"], color="C1", linestyle="--", label=tr("교차 엔트로피 -ln p", "cross-entropy -ln p"))
    ax_g.plot(p, np.abs(g["sse_grad"]), color="C0", label=tr("오차제곱합: |(p - 1) p (1 - p)|",
                                                             "SSE: |(p - 1) p (1 - p)|"))
    ax_g.plot(p, np.abs(g["ce_grad"]), color="C1", linestyle="--", label=tr("교차 엔트로피: |p - 1|",
                                                                            "cross-entropy: |p - 1|"))
    for key, color in (("sse", "C0"), ("ce", "C1")):
        ax_l.plot([p_mark], mark[key], "o", color=color, markersize=6)
        ax_g.plot([p_mark], np.abs(mark[f"{key}_grad"]), "o", color=color, markersize=6)
    ax_g.annotate(tr(f"p = {p_mark:g}: 오차제곱합의 기울기 {abs(mark['sse_grad'][0]):.4f}",
                     f"p = {p_mark:g}: slope of the SSE {abs(mark['sse_grad'][0]):.4f}"),
                  xy=(p_mark, abs(mark["sse_grad"][0])), xytext=(0.06, 0.25), fontsize=9,
                  arrowprops={"arrowstyle": "->", "color": "0.3"})
    ax_l.set_title(tr("정답이 1일 때의 손실", "Loss when the target is 1"))
    ax_l.set_ylim(0.0, 4.0)
    ax_l.set_ylabel(tr("손실 E", "Loss E"))
    ax_g.set_title(tr("출력 유닛의 가중합 z에 대한 기울기 |∂E/∂z|", "Slope |∂E/∂z| with respect to the output unit's weighted sum z"))
    ax_g.set_ylim(0.0, 1.05)
    ax_g.set_xlabel(tr("정답 클래스의 예측 확률 p = σ(z)", "Predicted probability of the correct class p = σ(z)"))
    for ax in (ax_l, ax_g):
        ax.set_xlim(0.0, 1.0)
        ax.legend(loc="upper right", fontsize=9)
    return fig


def digit_outputs_figure(logits=None, target: int = DIGIT_TARGET) -> Figure:
    """Softmax outputs of a 10-class digit classifier against the one-hot target, good and bad prediction."""
    logits = DIGIT_LOGITS if logits is None else logits
    classes = np.arange(10)
    onehot = np.eye(10)[target]
    fig = Figure(figsize=(6.4, 2.9 * len(logits)), layout="constrained")   # stacked for phones
    axes = fig.subplots(len(logits), 1, sharex=True)
    titles = {"good": tr("예측이 정답에 가까운 경우", "Prediction close to the target"),
              "bad": tr("예측과 정답이 많이 차이 나는 경우", "Prediction far from the target")}
    for ax, (name, z) in zip(np.atleast_1d(axes), logits.items()):
        y = softmax(np.asarray(z, dtype=float).reshape(1, -1))[0]
        ax.bar(classes - 0.2, onehot, 0.4, color="0.6", label=tr(f"정답 (원-핫, 숫자 {target})",
                                                                 f"target (one-hot, digit {target})"))
        ax.bar(classes + 0.2, y, 0.4, color="C0" if name == "good" else "C3", label=tr("신경망 출력 (softmax)",
                                                                                       "network output (softmax)"))
        ax.set_xticks(classes)
        ax.set_ylabel(tr("값", "Value"))
        ax.set_ylim(0.0, 1.25)
        ax.set_title(titles.get(name, name), fontsize=12)
        ax.grid(axis="x", visible=False)
        ax.legend(loc="upper right", fontsize=8)
    np.atleast_1d(axes)[-1].set_xlabel(tr("클래스 (숫자)", "Class (digit)"))
    return fig


FIGURES: dict[str, Callable[[], Figure]] = {
    "sse_curve": sse_curve_figure,
    "sse_vs_ce": sse_vs_ce_figure,
    "digit_outputs": digit_outputs_figure,
}

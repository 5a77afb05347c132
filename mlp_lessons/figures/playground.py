"""Figures of the lesson "플레이그라운드" (docs/playground.md).

Each entry of ``FIGURES`` maps a name to a function that takes no arguments and
returns a :class:`matplotlib.figure.Figure`; the site shows it as
``figures/playground/<name>.svg``.

The figures draw the page's experiments (:mod:`mlp_lessons.pages.playground`):
the same seeded data and the same trained networks as the page's numbers.
Colours follow the TensorFlow Playground: orange for class 0, blue for class 1,
and the background shows the network's output from 0 (orange) to 1 (blue),
with the decision boundary (output 0.5) as a black line.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from mlp_lessons.figures import tr
from mlp_lessons.pages import playground as experiments
from mlp_lessons.playground import DATASETS, decision_grid

ORANGE = "#f59322"
BLUE = "#0877bd"
#: Output 0 → orange, 0.5 → white, 1 → blue (the Playground's palette).
OUTPUT_CMAP = LinearSegmentedColormap.from_list("playground", [ORANGE, "#ffffff", BLUE])
LIMITS = (-6.0, 6.0)
GRID_POINTS = 101

TITLES = {"circle": "원 (circle)", "xor": "XOR (exclusive or)", "gaussians": "가우시안 (gaussian)",
          "spiral": "나선 (spiral)", "plane": "평면 (plane, 회귀)"}
TITLES_EN = {"circle": "Circle", "xor": "XOR (exclusive or)", "gaussians": "Gaussian",
             "spiral": "Spiral", "plane": "Plane (regression)"}


@functools.cache
def _experiment(name: str, *args):
    """``experiments.<name>(*args)``, computed once per process.

    Several figures show the same trained networks (the XOR models appear in
    three), and a process that draws both languages draws every figure twice:
    training once is enough.  The figures only read the models.
    """
    return getattr(experiments, name)(*args)


def _title(name: str) -> str:
    """Title of a data set in the current language (``TITLES`` is the Korean one)."""
    return tr(TITLES[name], TITLES_EN[name])


def _square(ax, lim=LIMITS) -> None:
    ax.set_xlim(*lim)
    ax.set_ylim(*lim)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.grid(False)


def _points(ax, X, y, *, test=False, size=16) -> None:
    """Class-coloured points; test points get a black edge (as in the Playground).

    One ``plot`` per class (markers, no line) keeps the SVG small: a scatter
    with per-point colours writes a clipped group for every point.
    """
    X, y = np.asarray(X), np.asarray(y)
    for label, color in ((0, ORANGE), (1, BLUE)):
        P = X[y == label]
        ax.plot(P[:, 0], P[:, 1], linestyle="none", marker="o", markersize=np.sqrt(size),
                markerfacecolor=color, markeredgecolor="black" if test else "none",
                markeredgewidth=0.8 if test else 0.0, zorder=3)


def _output(ax, predict_fn: Callable, *, boundary=True, cmap=OUTPUT_CMAP, vmin=0.0, vmax=1.0):
    """The network's output as a background image (0 orange … 1 blue) and its 0.5 contour.

    The background is a small image (``GRID_POINTS`` squared, drawn without
    interpolation): a filled contour plot of the same grid makes an SVG several
    times larger.
    """
    XX, YY, ZZ = decision_grid(predict_fn, LIMITS, LIMITS, n=GRID_POINTS)
    image = ax.imshow(ZZ, origin="lower", extent=(*LIMITS, *LIMITS), cmap=cmap, vmin=vmin, vmax=vmax,
                      interpolation="none", alpha=0.65)
    if boundary and ZZ.min() < 0.5 < ZZ.max():
        ax.contour(XX, YY, ZZ, levels=[0.5], colors="black", linewidths=1.2)
    return image


def datasets() -> Figure:
    """The four classification data sets of the Playground, 2 x 2."""
    fig = Figure(figsize=(7.0, 7.0))
    axes = fig.subplots(2, 2)
    for ax, name in zip(axes.ravel(), experiments.CLASSIFICATION):
        X, y = DATASETS[name](experiments.N_SAMPLES, seed=experiments.DATA_SEED)
        _points(ax, X, y)
        _square(ax)
        ax.set_title(_title(name), fontweight="normal")
    fig.tight_layout()
    return fig


def separable_line() -> Figure:
    """Two Gaussian clouds and the line w1 x1 + w2 x2 + b = 0 of a network without a hidden layer."""
    s, model = _experiment("gaussians_model")
    fig = Figure(figsize=(5.6, 5.0))
    ax = fig.subplots()
    _output(ax, model.output, boundary=False)
    w1, w2, b = model.params["W1"][0, 0], model.params["W1"][1, 0], model.params["B1"][0]
    x1 = np.array(LIMITS)
    ax.plot(x1, -(w1 * x1 + b) / w2, color="black", linewidth=1.8,
            label=rf"${w1:.2f}\,x_1 {w2:+.2f}\,x_2 {b:+.2f} = 0$")
    _points(ax, s.X_train, s.y_train)
    _points(ax, s.X_test, s.y_test, test=True)
    _square(ax)
    ax.legend(loc="lower right", fontsize=9, frameon=True)
    acc = model.accuracy(s.X_test, s.y_test)
    ax.set_title(tr(f"은닉층 없는 신경망의 결정 경계: 직선 (테스트 정확도 {acc:.0%})",
                    f"Without a hidden layer the boundary is a line\n(test accuracy {acc:.0%})"), fontsize=11)
    return fig


def plane() -> Figure:
    """The regression set (colour = target value) and the trained network's output over the plane."""
    s, model = _experiment("plane_model")
    fig = Figure(figsize=(9.0, 4.2))
    left, right = fig.subplots(1, 2)
    X = np.concatenate([s.X_train, s.X_test])
    y = np.concatenate([s.y_train, s.y_test])
    points = left.scatter(X[:, 0], X[:, 1], c=y, cmap=OUTPUT_CMAP, vmin=-1.2, vmax=1.2, s=14, linewidths=0)
    _square(left)
    left.set_title(tr("데이터: 점의 색 = 목표값 y", "Data: point color = target y"), fontsize=11)
    _output(right, model.output, boundary=False, vmin=-1.2, vmax=1.2)
    _square(right)
    right.set_title(tr("은닉층 없는 신경망(선형 출력)의 예측", "Prediction, no hidden layer (linear output)"), fontsize=11)
    fig.colorbar(points, ax=[left, right], shrink=0.85).ax.set_title(tr("값", "value"), fontsize=9)
    return fig


def split() -> Figure:
    """The XOR set split 50:50 into training and test data."""
    s = _experiment("split", "xor")
    fig = Figure(figsize=(8.0, 4.2))
    left, right = fig.subplots(1, 2)
    _points(left, s.X_train, s.y_train)
    _points(right, s.X_test, s.y_test, test=True)
    for ax, title in ((left, tr(f"학습 데이터 ({len(s.X_train)}개)", f"Training data ({len(s.X_train)} points)")),
                       (right, tr(f"테스트 데이터 ({len(s.X_test)}개)", f"Test data ({len(s.X_test)} points)"))):
        _square(ax)
        ax.set_title(title)
    fig.tight_layout()
    return fig


def activation_choice() -> Figure:
    """The 2-4-1 XOR network trained with each hidden activation: its output and boundary."""
    s = _experiment("split", "xor")
    models = _experiment("xor_activation_models")
    fig = Figure(figsize=(7.0, 7.0))
    axes = fig.subplots(2, 2)
    for ax, (name, model) in zip(axes.ravel(), models.items()):
        _output(ax, model.output)
        _points(ax, s.X_test, s.y_test, test=True, size=10)
        _square(ax)
        acc = model.accuracy(s.X_test, s.y_test)
        ax.set_title(tr(f"{name}: 테스트 {acc:.0%}", f"{name}: test {acc:.0%}"), fontsize=11)
    fig.tight_layout()
    return fig


def circle_features() -> Figure:
    """The circle set with features (x1², x2²): a straight line there is a circle in (x1, x2)."""
    s, raw, squared = _experiment("circle_models")
    fig = Figure(figsize=(10.5, 3.9))
    ax_raw, ax_plane, ax_sq = fig.subplots(1, 3)

    _output(ax_raw, raw.output)
    _points(ax_raw, s.X_test, s.y_test, test=True, size=10)
    _square(ax_raw)
    acc = raw.accuracy(s.X_test, s.y_test)
    ax_raw.set_title(tr(f"특징 $x_1, x_2$: 테스트 {acc:.0%}", f"Features $x_1, x_2$: test {acc:.0%}"), fontsize=11)

    _output(ax_plane, squared.output)
    _points(ax_plane, s.X_test, s.y_test, test=True, size=10)
    _square(ax_plane)
    acc = squared.accuracy(s.X_test, s.y_test)
    ax_plane.set_title(tr(f"특징 $x_1^2, x_2^2$: 테스트 {acc:.0%}", f"Features $x_1^2, x_2^2$: test {acc:.0%}"),
                       fontsize=11)

    F = squared.features_of(np.concatenate([s.X_train, s.X_test]))
    y = np.concatenate([s.y_train, s.y_test])
    _points(ax_sq, F, y, size=10)
    w1, w2, b = squared.params["W1"][0, 0], squared.params["W1"][1, 0], squared.params["B1"][0]
    u = np.array([0.0, 30.0])
    ax_sq.plot(u, -(w1 * u + b) / w2, color="black", linewidth=1.5)
    ax_sq.set_xlim(0, 30)
    ax_sq.set_ylim(0, 30)
    ax_sq.set_aspect("equal")
    ax_sq.grid(False)
    ax_sq.set_xlabel("$x_1^2$")
    ax_sq.set_ylabel("$x_2^2$")
    ax_sq.set_title(tr("$(x_1^2, x_2^2)$ 평면에서는 직선", "A line in the $(x_1^2, x_2^2)$ plane"), fontsize=11)
    fig.tight_layout()
    return fig


def hidden_units() -> Figure:
    """What each hidden unit of the XOR network computes, and the output that combines them."""
    s, model = _experiment("xor_hidden")
    W1, B1 = model.params["W1"], model.params["B1"]
    n_hidden = W1.shape[1]
    fig = Figure(figsize=(2.3 * (n_hidden + 1), 2.9))
    axes = fig.subplots(1, n_hidden + 1)
    for j, ax in enumerate(axes[:-1]):
        # tanh output in [-1, 1] shown on the 0..1 palette: (a + 1) / 2
        _output(ax, lambda P, j=j: (np.tanh(P @ W1[:, j] + B1[j]) + 1.0) / 2.0)
        _square(ax)
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.set_title(tr(f"은닉 유닛 {j + 1}", f"Hidden unit {j + 1}"), fontsize=10)
    _output(axes[-1], model.output)
    _points(axes[-1], s.X_test, s.y_test, test=True, size=6)
    _square(axes[-1])
    axes[-1].set_xlabel("")
    axes[-1].set_ylabel("")
    axes[-1].set_title(tr("출력 유닛", "Output unit"), fontsize=10)
    fig.tight_layout()
    return fig


def loss_curve() -> Figure:
    """Training and test loss per epoch on XOR, without and with a hidden layer."""
    fig = Figure(figsize=(6.4, 3.8))
    ax = fig.subplots()
    for (s, model), label, color in ((_experiment("xor_no_hidden"), tr("은닉층 없음", "no hidden layer"), ORANGE),
                                     (_experiment("xor_hidden"), tr("은닉층 1개 (유닛 4개)", "1 hidden layer (4 units)"),
                                      BLUE)):
        epochs = np.arange(1, len(model.loss_history) + 1)
        ax.plot(epochs, model.loss_history, color=color, label=tr(f"{label}: 학습 손실", f"{label}: training loss"))
        done, test = zip(*model.test_loss)
        ax.plot(done, test, color=color, linestyle="--", linewidth=1.4, label=tr(f"{label}: 테스트 손실",
                                                                                 f"{label}: test loss"))
    chance = 0.5 * 0.5 ** 2                     # ½ (0.5 − t)² for t = 0 or 1: always answering 0.5
    ax.axhline(chance, color="gray", linewidth=0.8, linestyle=":")
    ax.text(len(epochs), chance, tr("항상 0.5를 출력할 때",
                                   "always outputting 0.5"), color="gray", fontsize=9, ha="right", va="bottom")
    ax.set_xlabel(tr("에포크", "Epoch"))
    ax.set_ylabel(tr("손실 (½(y − t)²의 평균)", "Loss (mean of ½(y − t)²)"))
    ax.set_ylim(0, 0.14)
    ax.legend(fontsize=9)
    ax.set_title(tr("XOR 학습 곡선", "XOR learning curve"), fontsize=12)
    return fig


def overfit() -> Figure:
    """「학습 완료」: training and test loss of a large network on noisy XOR; the test loss has a lowest point."""
    s, model = _experiment("overfit_model")
    fig = Figure(figsize=(6.4, 3.8))
    ax = fig.subplots()
    epochs = np.arange(1, len(model.loss_history) + 1)
    done, test = (np.array(v) for v in zip(*model.test_loss))
    best = int(np.argmin(test))
    ax.plot(epochs, model.loss_history, color=BLUE, label=tr("학습 손실", "training loss"))
    ax.plot(done, test, color=ORANGE, linestyle="--", linewidth=1.4, label=tr("테스트 손실", "test loss"))
    ax.axvline(done[best], color="gray", linewidth=0.8, linestyle=":")
    ax.plot([done[best]], [test[best]], "o", color=ORANGE)
    ax.annotate(tr(f"테스트 손실이 가장 낮은 곳\n(에포크 {done[best]})", f"lowest test loss\n(epoch {done[best]})"),
                (done[best], test[best]), xytext=(12, -28), textcoords="offset points", fontsize=9, color="gray")
    ax.set_xscale("log")
    ax.set_xlabel(tr("에포크 (로그 눈금)", "Epoch (log scale)"))
    ax.set_ylabel(tr("손실 (½(y − t)²의 평균)", "Loss (mean of ½(y − t)²)"))
    ax.set_ylim(0, None)
    ax.legend(fontsize=9, loc="lower left")
    n_hidden = "-".join(str(h) for h in experiments.OVERFIT["hidden"])
    ax.set_title(tr(f"잡음이 섞인 XOR, 2-{n_hidden}-1 신경망: 과적합", f"Noisy XOR, a 2-{n_hidden}-1 network: overfitting"),
                 fontsize=12)
    return fig


def _xor_panel(which: str) -> Figure:
    s, model = _experiment("xor_no_hidden") if which == "no_hidden" else _experiment("xor_hidden")
    fig = Figure(figsize=(5.2, 4.8))
    ax = fig.subplots()
    filled = _output(ax, model.output)
    _points(ax, s.X_train, s.y_train)
    _points(ax, s.X_test, s.y_test, test=True)
    _square(ax)
    fig.colorbar(filled, ax=ax, shrink=0.8).ax.set_title(tr("출력", "output"), fontsize=9)
    n_hidden = model.params["W1"].shape[1]
    layers = (tr("은닉층 없음 (2-1)", "No hidden layer (2-1)") if which == "no_hidden"
              else tr(f"은닉층 1개 (2-{n_hidden}-1, tanh)", f"1 hidden layer (2-{n_hidden}-1, tanh)"))
    acc = model.accuracy(s.X_test, s.y_test)
    ax.set_title(tr(f"{layers}: 테스트 정확도 {acc:.0%}", f"{layers}: test accuracy {acc:.0%}"), fontsize=11)
    return fig


def xor_no_hidden() -> Figure:
    """XOR classified by a network without a hidden layer (fails)."""
    return _xor_panel("no_hidden")


def xor_hidden() -> Figure:
    """XOR classified by a network with one hidden layer of 4 tanh units (works)."""
    return _xor_panel("hidden")


FIGURES: dict[str, Callable[[], Figure]] = {
    "datasets": datasets,
    "separable_line": separable_line,
    "plane": plane,
    "split": split,
    "activation_choice": activation_choice,
    "circle_features": circle_features,
    "hidden_units": hidden_units,
    "loss_curve": loss_curve,
    "overfit": overfit,
    "xor_no_hidden": xor_no_hidden,
    "xor_hidden": xor_hidden,
}

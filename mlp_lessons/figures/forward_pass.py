"""Figures of the lesson "MLP의 순방향 패스" (docs/forward_pass.md).

Each entry of ``FIGURES`` maps a name to a function that takes no arguments and
returns a :class:`matplotlib.figure.Figure`; the site shows it as
``figures/forward_pass/<name>.svg``.  Data arguments have defaults, so a
figure can be redrawn with other values.

:func:`network_diagram` draws the chapter's 2-2-1 network (inputs
:math:`x_1, x_2`, hidden units :math:`h_1, h_2`, output :math:`y`, bias units
"1") with the weights named as in the chapter:

====  ===========  ===================
name  edge         entry of the matrix
====  ===========  ===================
w1    x1 → h1      ``W1[0, 0]``
w2    x1 → h2      ``W1[0, 1]``
w3    x2 → h1      ``W1[1, 0]``
w4    x2 → h2      ``W1[1, 1]``
w5    h1 → y       ``W2[0, 0]``
w6    h2 → y       ``W2[1, 0]``
b1    1 → h1       ``B1[0]``
b2    1 → h2       ``B1[1]``
b3    1 → y        ``B2[0]``
====  ===========  ===================

The backprop lesson reuses it with ``direction="backward"`` to show the deltas
flowing from the output back to the inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from mlp_lessons.figures import diagram, tr
from mlp_lessons.forward_pass import chapter_params
from mlp_lessons.network import backward, check_params, forward

#: Where each unit sits (x: layer, y: height).
POSITIONS: dict[str, tuple[float, float]] = {
    "x1": (0.0, 2.0), "x2": (0.0, 0.8), "bias0": (0.0, -0.4),
    "h1": (3.2, 2.0), "h2": (3.2, 0.8), "bias1": (3.2, -0.4),
    "y": (6.4, 1.4),
}

#: The chapter's name of each parameter: (name, from-unit, to-unit, params key, index).
EDGES: list[tuple[str, str, str, str, tuple[int, ...]]] = [
    ("w_1", "x1", "h1", "W1", (0, 0)),
    ("w_2", "x1", "h2", "W1", (0, 1)),
    ("w_3", "x2", "h1", "W1", (1, 0)),
    ("w_4", "x2", "h2", "W1", (1, 1)),
    ("w_5", "h1", "y", "W2", (0, 0)),
    ("w_6", "h2", "y", "W2", (1, 0)),
    ("b_1", "bias0", "h1", "B1", (0,)),
    ("b_2", "bias0", "h2", "B1", (1,)),
    ("b_3", "bias1", "y", "B2", (0,)),
]

#: How far along each edge (from its source) the label sits, chosen so labels never overlap.
_LABEL_AT = {"w_1": 0.5, "w_2": 0.27, "w_3": 0.27, "w_4": 0.5, "w_5": 0.45, "w_6": 0.45,
             "b_1": 0.78, "b_2": 0.4, "b_3": 0.5}
#: Units whose note goes below them (above, it would cover an edge label).
_NOTE_BELOW = {"h2"}

_NODE_LABELS = {"x1": "$x_1$", "x2": "$x_2$", "h1": "$h_1$", "h2": "$h_2$", "y": "$y$",
                "bias0": "1", "bias1": "1"}


def _layer_names() -> list[tuple[float, str]]:
    """Where each layer's name sits (x) and the name, in the current language."""
    return [(0.0, tr("입력층", "Input layer")), (3.2, tr("은닉층", "Hidden layer")),
            (6.4, tr("출력층", "Output layer"))]


_RADIUS = 0.38
#: Height of one line of a unit's note (two lines: z and a).
_NOTE_LINE = 0.36
_FORWARD_COLOR = "#1f4e9c"
_BACKWARD_COLOR = "#c0392b"


def _edge_points(src: str, dst: str, positions: Mapping[str, tuple[float, float]] = POSITIONS
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of an edge, on the rims of the two units."""
    a, b = np.array(positions[src]), np.array(positions[dst])
    u = (b - a) / np.linalg.norm(b - a)
    return a + _RADIUS * u, b - _RADIUS * u


def _fmt(value: float, digits: int) -> str:
    if value == 0.0:
        return "0"
    return f"{value:.{digits}f}"   # inside $...$ mathtext draws "-" as a minus sign


def network_diagram(params=None, *, direction: str = "forward", x=None, target=None,
                    show_values: bool = True, node_notes: Mapping[str, str] | None = None,
                    digits: int = 2, title: str | None = None, show_z: bool = False) -> Figure:
    r"""The chapter's 2-2-1 network: units, bias units and every weight by name.

    Parameters
    ----------
    params : dict, optional
        ``W1`` (2, 2), ``B1`` (2,), ``W2`` (2, 1), ``B2`` (1,); default the
        chapter's (:func:`mlp_lessons.forward_pass.chapter_params`).
    direction : {"forward", "backward"}
        ``"forward"``: arrows from the inputs to the output, each labelled with
        its weight (:math:`w_1 = 0.1`).  ``"backward"``: arrows reversed, each
        labelled with the gradient :math:`\partial E/\partial w` of its weight
        for the sample ``(x, target)``, and each unit with its delta
        :math:`\delta`.
    x, target : array_like, optional
        The sample (default (0, 0) and target 0, the chapter's).  In the
        forward direction the units are annotated with their values when ``x``
        is given.
    show_values : bool
        Write the numbers next to the names on the edges.
    node_notes : mapping, optional
        Extra text under a unit, by unit name (``"h1"``, ...); overrides the
        automatic notes.
    digits : int
        Decimals of the numbers shown.
    title : str, optional
    show_z : bool
        Forward direction with ``x``: write each unit's input total :math:`z` too, on
        the line before its output :math:`a` (the layer names move up to make room).

    Returns
    -------
    matplotlib.figure.Figure
    """
    if direction not in ("forward", "backward"):
        raise ValueError(f"direction must be 'forward' or 'backward', got {direction!r}")
    params = check_params(chapter_params() if params is None else params)
    if params["W1"].shape != (2, 2) or params["W2"].shape != (2, 1):
        raise ValueError("network_diagram draws the chapter's 2-2-1 network: W1 must be (2, 2) and W2 (2, 1), "
                         f"got {params['W1'].shape} and {params['W2'].shape}")
    notes: dict[str, str] = {}
    z_notes: dict[str, str] = {}
    edge_values = {key: params[key] for key in ("W1", "B1", "W2", "B2")}
    if direction == "backward" or x is not None:
        xs = np.array([[0.0, 0.0]]) if x is None else np.asarray(x, dtype=float).reshape(1, 2)
        fwd = forward(params, xs, "sigmoid")
        a1, a2 = fwd.layers[1][0]
        y = fwd.output[0, 0]
        notes = {"x1": f"$x_1 = {_fmt(xs[0, 0], 1)}$", "x2": f"$x_2 = {_fmt(xs[0, 1], 1)}$"}
        if direction == "forward":
            notes.update(h1=f"$a_1 = {_fmt(a1, digits + 1)}$", h2=f"$a_2 = {_fmt(a2, digits + 1)}$",
                         y=f"$a_y = {_fmt(y, digits + 1)}$")
            if show_z:
                (z1, z2), (z_y,) = fwd.Z[0][0], fwd.Z[1][0]
                z_notes = {"h1": f"$z_1 = {_fmt(z1, digits + 1)}$", "h2": f"$z_2 = {_fmt(z2, digits + 1)}$",
                           "y": f"$z_y = {_fmt(z_y, digits + 1)}$"}
        else:
            t = np.array([[0.0]]) if target is None else np.asarray(target, dtype=float).reshape(1, 1)
            bwd = backward(params, fwd, t, "sigmoid", "sse")
            (d1, d2), (dy,) = bwd.deltas[0][0], bwd.deltas[1][0]
            notes.update(h1=rf"$\delta_{{h1}} = {_fmt(d1, digits + 2)}$",
                         h2=rf"$\delta_{{h2}} = {_fmt(d2, digits + 2)}$",
                         y=rf"$\delta_y = {_fmt(dy, digits + 2)}$")
            notes["y"] += "\n" + f"$out_y - t = {_fmt(y - t[0, 0], digits + 1)}$"
            edge_values = bwd.grads
    if node_notes:
        notes.update(node_notes)

    # two lines of notes (z and a): the layer names move up, the bias units down
    up, down = (0.4, 0.45) if z_notes else (0.0, 0.0)
    ylim = (-1.25 - down, 3.25 + up)
    # equal aspect: the same scale when taller
    fig, ax = diagram((7.6, 4.6 * (ylim[1] - ylim[0]) / 4.5), (-1.3, 7.7), ylim)
    positions = dict(POSITIONS)
    positions.update(bias0=(0.0, POSITIONS["bias0"][1] - down), bias1=(3.2, POSITIONS["bias1"][1] - down))
    label_at = dict(_LABEL_AT, b_1=0.83) if z_notes else _LABEL_AT    # b1 clear of w2 and w3 there too
    color = _FORWARD_COLOR if direction == "forward" else _BACKWARD_COLOR

    for x_layer, name in _layer_names():
        ax.text(x_layer, 3.0 + up, name, ha="center", va="center", fontsize=12, fontweight="bold", color="0.25")

    for name, src, dst, key, idx in EDGES:
        start, end = _edge_points(src, dst, positions)
        if direction == "backward":
            start, end = end, start
        # backward: the delta flows from y back to h1, h2 through w5, w6 (red arrows); the
        # other edges only receive a gradient, drawn as grey lines
        flows = direction == "forward" or dst == "y" and not name.startswith("b")
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>" if flows else "-", mutation_scale=14,
                                     color=color if flows else "0.55", linewidth=1.8 if flows else 1.1,
                                     linestyle="--" if name.startswith("b") else "-",
                                     shrinkA=0, shrinkB=0))
        s, e = _edge_points(src, dst, positions)
        at = s + label_at[name] * (e - s)
        value = float(edge_values[key][idx])
        if direction == "forward":
            text = f"${name} = {_fmt(value, 1 if digits <= 2 else digits)}$" if show_values else f"${name}$"
        else:
            text = (rf"$\partial E/\partial {name} = {_fmt(value, digits + 2)}$" if show_values
                    else rf"$\partial E/\partial {name}$")
        ax.text(at[0], at[1], text, ha="center", va="center", fontsize=10 if direction == "forward" else 9,
                color="0.1",
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.92},
                zorder=4)

    for unit, (ux, uy) in positions.items():
        if unit.startswith("bias"):
            ax.add_patch(FancyBboxPatch((ux - 0.26, uy - 0.26), 0.52, 0.52, boxstyle="round,pad=0.02",
                                        facecolor="#f2f2f2", edgecolor="0.35", linewidth=1.2, zorder=5))
            ax.text(ux, uy - 0.45, tr("바이어스", "bias"), ha="center", va="top", fontsize=9, color="0.35")
        else:
            face = {"x": "#e8f0fb", "h": "#fff3df", "y": "#e6f5e9"}[unit[0]]
            ax.add_patch(Circle((ux, uy), _RADIUS, facecolor=face, edgecolor="0.2", linewidth=1.5, zorder=5))
        ax.text(ux, uy, _NODE_LABELS[unit], ha="center", va="center", fontsize=14, zorder=6)
        below = unit in _NOTE_BELOW
        # top to bottom: z, then a = f(z); the line nearer the unit is z below it, a above it
        lines = [n for n in ((z_notes.get(unit), notes.get(unit)) if below else (notes.get(unit), z_notes.get(unit)))
                 if n]
        for k, line in enumerate(lines):
            step = _NOTE_LINE * k
            ax.text(ux, uy - _RADIUS - 0.08 - step if below else uy + _RADIUS + 0.08 + step, line, ha="center",
                    va="top" if below else "bottom", fontsize=10, color=color, zorder=6,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.9})
    if title:
        ax.set_title(title)
    return fig


def network_figure() -> Figure:
    """The chapter's 2-2-1 network with its weights w1..w6 and biases b1..b3."""
    return network_diagram()


def forward_values_figure(x=(0.0, 0.0)) -> Figure:
    """The network computing the chapter's example: input (0, 0), each unit's input total z and output a."""
    return network_diagram(x=x, digits=2, show_z=True)


FIGURES: dict[str, Callable[[], Figure]] = {
    "network": network_figure,
    "forward_values": forward_values_figure,
}

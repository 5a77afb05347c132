r"""A general dense MLP: forward pass, backpropagation, update.

The chapter builds a 2-2-1 network by hand; this module is the same arithmetic
for any layer sizes, with the chapter's names:

* parameters are a dict ``{"W1": (n0, n1), "B1": (n1,), "W2": (n1, n2), ...}``;
* the forward pass keeps every layer: ``layer0 = X``, ``Z1 = layer0 @ W1 + B1``,
  ``layer1 = f(Z1)``, ... (page ``docs/forward_pass.md``);
* backpropagation returns each layer's ``delta`` and the gradients
  ``dE/dW1, dE/dB1, ...`` (page ``docs/backprop.md``).

Nothing here keeps state: parameters go in and new ones come out, and the
caller's arrays are never modified.

Each public function checks its arguments, then runs the arithmetic, which is
written once in a private function of the same name (``_forward``,
``_backward``, ``_update``).  :func:`mlp_lessons.numpy_mlp.train` checks its
arguments once and then calls those private functions on every mini-batch:
the trainer runs exactly the code these lessons teach.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ._checks import as_float_array, make_rng, positive_int, positive_number
from .activations import Activation, get_activation
from .loss import get_loss

__all__ = ["Forward", "Backward", "n_layers", "check_params", "layer_sizes", "init_params",
           "resolve_activations", "forward", "backward", "update", "loss_value"]


@dataclass(frozen=True)
class Forward:
    """What a forward pass computes.

    ``layers[0]`` is the input ``X`` (``layer0``); ``layers[l]`` is
    ``f_l(Z[l-1])`` of shape (n_samples, n_l).  ``Z[l-1]`` is ``Z_l``, the net
    input of layer ``l`` (the lists are 0-based, the chapter's names 1-based).
    """

    layers: list[np.ndarray]
    Z: list[np.ndarray]

    @property
    def output(self) -> np.ndarray:
        """The last layer, the network's prediction ``Y``."""
        return self.layers[-1]


@dataclass(frozen=True)
class Backward:
    """What backpropagation computes.

    ``deltas[l-1]`` is :math:`\\delta_l = \\partial E / \\partial Z_l`, of shape
    (n_samples, n_l); ``grads`` has the keys of the parameters (``"W1"``, ``"B1"``, ...)
    and their shapes.
    """

    deltas: list[np.ndarray]
    grads: dict[str, np.ndarray]


def n_layers(params) -> int:
    """Number of weight layers L in ``params`` (``W1..WL``).

    Examples
    --------
    >>> n_layers({"W1": np.zeros((2, 2)), "B1": np.zeros(2), "W2": np.zeros((2, 1)), "B2": np.zeros(1)})
    2
    """
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict like {{'W1': ..., 'B1': ...}}, got {type(params).__name__}")
    L = 0
    while f"W{L + 1}" in params:
        L += 1
    if L == 0:
        raise ValueError(f"params must contain 'W1', 'B1', ...; got keys {sorted(params)}")
    expected = {f"{p}{l}" for l in range(1, L + 1) for p in "WB"}
    if set(params) != expected:
        raise ValueError(f"params must have exactly the keys {sorted(expected)}, got {sorted(params)}")
    return L


def check_params(params) -> dict[str, np.ndarray]:
    """Validate ``params`` and return a new dict of float arrays.

    Every ``W_l`` must be 2-D of shape (n_{l-1}, n_l), every ``B_l`` of shape
    (n_l,), with the sizes chaining from one layer to the next.

    Examples
    --------
    >>> check_params({"W1": [[1.0, 2.0]], "B1": [0.0]})
    Traceback (most recent call last):
    ...
    ValueError: B1 must have shape (2,) to match W1 of shape (1, 2), got (1,)
    """
    L = n_layers(params)
    out = {}
    for l in range(1, L + 1):
        W = as_float_array(params[f"W{l}"], f"W{l}", ndim=2)
        B = as_float_array(params[f"B{l}"], f"B{l}", ndim=(1, 2))
        if B.ndim == 2:
            if B.shape[0] != 1:
                raise ValueError(f"B{l} must have shape ({W.shape[1]},), got {B.shape}")
            B = B.reshape(-1)
        if B.shape != (W.shape[1],):
            raise ValueError(f"B{l} must have shape ({W.shape[1]},) to match W{l} of shape {W.shape}, got {B.shape}")
        if l > 1 and W.shape[0] != out[f"W{l - 1}"].shape[1]:
            raise ValueError(
                f"W{l} must have {out[f'W{l - 1}'].shape[1]} rows (the size of layer {l - 1}), got shape {W.shape}")
        out[f"W{l}"], out[f"B{l}"] = W, B
    return out


def layer_sizes(params) -> list[int]:
    """Layer sizes ``[n0, n1, ..., nL]`` of ``params``.

    Examples
    --------
    >>> layer_sizes(init_params([2, 3, 1], seed=0))
    [2, 3, 1]
    """
    params = check_params(params)
    L = n_layers(params)
    return [params["W1"].shape[0]] + [params[f"W{l}"].shape[1] for l in range(1, L + 1)]


def init_params(sizes: Sequence[int], *, seed=None, rng=None, method: str = "glorot") -> dict[str, np.ndarray]:
    r"""Random initial parameters for a dense MLP with layer sizes ``sizes``.

    Parameters
    ----------
    sizes : sequence of int, ``[n0, n1, ..., nL]``
        Units per layer, input first (the chapter's ``inputs, hiddens, outputs``).
    seed : int, optional
    rng : numpy.random.Generator, optional
        Exactly one of ``seed`` and ``rng``: no hidden randomness.
    method : {"glorot", "uniform01"}
        ``"glorot"``: :math:`W_l \sim U(-r, r)`, :math:`r = \sqrt{6/(n_{l-1}+n_l)}`, biases 0.
        ``"uniform01"``: weights and biases :math:`\sim U(0, 1)`, the chapter's step ①.

    Returns
    -------
    dict with ``W_l`` of shape (n_{l-1}, n_l) and ``B_l`` of shape (n_l,)

    Examples
    --------
    >>> p = init_params([2, 2, 1], seed=0)
    >>> sorted(p), p["W1"].shape, p["B2"].shape
    (['B1', 'B2', 'W1', 'W2'], (2, 2), (1,))
    """
    sizes = list(sizes)
    if len(sizes) < 2:
        raise ValueError(f"sizes must list at least an input and an output size, got {sizes}")
    sizes = [positive_int(n, f"sizes[{i}]") for i, n in enumerate(sizes)]
    if method not in ("glorot", "uniform01"):
        raise ValueError(f"method must be 'glorot' or 'uniform01', got {method!r}")
    rng = make_rng(seed, rng)
    params = {}
    for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        if method == "glorot":
            r = np.sqrt(6.0 / (n_in + n_out))
            params[f"W{l}"] = rng.uniform(-r, r, size=(n_in, n_out))
            params[f"B{l}"] = np.zeros(n_out)
        else:
            params[f"W{l}"] = rng.uniform(0.0, 1.0, size=(n_in, n_out))
            params[f"B{l}"] = rng.uniform(0.0, 1.0, size=n_out)
    return params


def resolve_activations(activations, L: int) -> list[Activation]:
    """One :class:`~mlp_lessons.activations.Activation` per layer.

    ``activations`` is a single name (used for every layer) or a list of L names.

    Examples
    --------
    >>> [a.name for a in resolve_activations(["relu", "sigmoid"], 2)]
    ['relu', 'sigmoid']
    >>> resolve_activations(["relu"], 2)
    Traceback (most recent call last):
    ...
    ValueError: need one activation per layer (2), got 1: ['relu']
    """
    if isinstance(activations, (str, Activation)):
        return [get_activation(activations)] * L
    if not isinstance(activations, (list, tuple)):
        raise TypeError(f"activation must be a name (str) or a list of names, one per layer, "
                        f"got {type(activations).__name__} {activations!r}")
    activations = list(activations)
    if len(activations) != L:
        raise ValueError(f"need one activation per layer ({L}), got {len(activations)}: {activations}")
    resolved = [get_activation(a) for a in activations]
    if any(a.name == "softmax" for a in resolved[:-1]):
        raise ValueError("softmax can only be the output layer's activation")
    return resolved


def _check_input(X, n_inputs: int) -> np.ndarray:
    X = as_float_array(X, "X", ndim=(1, 2))
    if X.ndim == 1:
        raise ValueError(
            f"X must be 2-D of shape (n_samples, {n_inputs}), got a 1-D array of shape {X.shape}; "
            "for one sample use x.reshape(1, -1)")
    if X.shape[1] != n_inputs:
        raise ValueError(f"X must have {n_inputs} columns (one per input unit), got shape {X.shape}")
    return X


def forward(params, X, activations="sigmoid") -> Forward:
    r"""Forward pass: :math:`Z_l = \mathrm{layer}_{l-1} W_l + B_l`, :math:`\mathrm{layer}_l = f_l(Z_l)`.

    Parameters
    ----------
    params : dict of ``W1, B1, ..., WL, BL``
    X : array_like of shape (n_samples, n0)
        One sample per row (a single sample must be reshaped to (1, n0), as the chapter does).
    activations : str or list of str
        One activation for all layers, or one per layer.

    Returns
    -------
    Forward
        ``layers = [layer0, ..., layerL]`` and ``Z = [Z1, ..., ZL]``.

    Examples
    --------
    The chapter's 2-2-1 network on input (0, 0):

    >>> from mlp_lessons.data import chapter_params
    >>> params = chapter_params()
    >>> fwd = forward(params, [[0.0, 0.0]], "sigmoid")
    >>> fwd.layers[1].round(6), fwd.output.round(8)
    (array([[0.524979, 0.549834]]), array([[0.70938314]]))
    """
    params = check_params(params)
    acts = resolve_activations(activations, n_layers(params))
    return _forward(params, _check_input(X, params["W1"].shape[0]), acts)


def _forward(params, layer0, acts) -> Forward:
    """:func:`forward` on checked arguments (``acts``: one Activation per layer)."""
    layers, Z = [layer0], []
    for l, act in enumerate(acts, start=1):
        Zl = layers[-1] @ params[f"W{l}"] + params[f"B{l}"]       # Z_l = layer_{l-1} W_l + B_l
        Z.append(Zl)
        layers.append(act.f(Zl))                                  # layer_l = f_l(Z_l)
    return Forward(layers=layers, Z=Z)


def _check_targets(T, Y: np.ndarray, loss_name: str) -> np.ndarray:
    T_arr = np.asarray(T)
    if loss_name == "cross_entropy" and T_arr.ndim == 1 and np.issubdtype(T_arr.dtype, np.integer):
        from .loss import one_hot
        T_arr = one_hot(T_arr, Y.shape[1])
    T_arr = as_float_array(T_arr, "T", ndim=2)
    if T_arr.shape != Y.shape:
        raise ValueError(f"T must have the output's shape {Y.shape}, got {T_arr.shape}")
    return T_arr


def backward(params, fwd: Forward, T, activations="sigmoid", loss: str = "sse") -> Backward:
    r"""Backpropagation: every layer's delta and every parameter's gradient.

    Output layer (chapter's ①·②):
    :math:`\delta_L = \dfrac{\partial E}{\partial Y} \odot f_L'(Z_L)` (for softmax with
    cross-entropy, :math:`\delta_L = (Y - T)/n`).
    Hidden layers (the error flows back through the transposed weights):
    :math:`\delta_l = (\delta_{l+1} W_{l+1}^\top) \odot f_l'(Z_l)`.
    As in the chapter (``actf_deriv(layer2)``), :math:`f'(Z_l)` is computed from
    the layer's output :math:`\mathrm{layer}_l = f(Z_l)` (``deriv_from_output``).
    Gradients (③): :math:`\partial E/\partial W_l = \mathrm{layer}_{l-1}^\top \delta_l`,
    :math:`\partial E/\partial B_l = \sum_{\text{samples}} \delta_l`.

    Parameters
    ----------
    params : dict of ``W1, B1, ..., WL, BL``
    fwd : Forward
        The result of :func:`forward` on the same ``params``.
    T : array_like of shape (n_samples, nL)
        Targets (int labels of shape (n_samples,) are accepted for cross-entropy).
    activations : str or list of str
        As given to :func:`forward`.
    loss : {"sse", "cross_entropy"}

    Returns
    -------
    Backward
        ``deltas = [delta1, ..., deltaL]`` and ``grads = {"W1": ..., "B1": ..., ...}``.

    Examples
    --------
    The chapter's ∂E/∂w5 for input (0, 0), target 0 (``W2[0, 0]`` is w5):

    >>> from mlp_lessons.data import chapter_params
    >>> params = chapter_params()
    >>> fwd = forward(params, [[0.0, 0.0]])
    >>> bwd = backward(params, fwd, [[0.0]])
    >>> round(float(bwd.grads["W2"][0, 0]), 6)   # the chapter, multiplying rounded factors, has 0.076775
    0.076776
    """
    params = check_params(params)
    L = n_layers(params)
    acts = resolve_activations(activations, L)
    loss_fn = get_loss(loss)
    if len(fwd.layers) != L + 1:
        raise ValueError(f"fwd has {len(fwd.layers) - 1} layers but params have {L}: run forward() on these params")
    T = _check_targets(T, fwd.output, loss_fn.name)
    if loss_fn.output_activation is not None and acts[-1].name != loss_fn.output_activation:
        raise ValueError(f"loss {loss_fn.name!r} needs a {loss_fn.output_activation!r} output layer, "
                         f"got {acts[-1].name!r}")
    if loss_fn.output_activation is None and acts[-1].deriv_from_output is None:
        raise ValueError(f"output activation {acts[-1].name!r} needs loss 'cross_entropy', got {loss_fn.name!r}")
    return _backward(params, fwd, T, acts, loss_fn)


def _backward(params, fwd: Forward, T, acts, loss_fn) -> Backward:
    """:func:`backward` on checked arguments (``acts``: Activations, ``loss_fn``: a Loss)."""
    L = len(acts)
    Y = fwd.output
    if loss_fn.output_activation is not None:           # softmax + cross-entropy: dE/dZ_L = (Y - T)/n
        delta = loss_fn.output_error(Y, T)
    else:                                               # dE/dY * f'(Z_L), f' from the output Y
        delta = loss_fn.output_error(Y, T) * acts[-1].deriv_from_output(Y)
    deltas = [delta]
    for l in range(L - 1, 0, -1):
        error = deltas[0] @ params[f"W{l + 1}"].T                   # the error sent back through W_{l+1}
        deltas.insert(0, error * acts[l - 1].deriv_from_output(fwd.layers[l]))
    grads = {}
    for l in range(1, L + 1):
        grads[f"W{l}"] = fwd.layers[l - 1].T @ deltas[l - 1]        # dE/dW_l = layer_{l-1}^T delta_l
        grads[f"B{l}"] = deltas[l - 1].sum(axis=0)                  # dE/dB_l = sum over samples of delta_l
    return Backward(deltas=deltas, grads=grads)


def update(params, grads, learning_rate: float) -> dict[str, np.ndarray]:
    r"""One gradient-descent step: :math:`w \leftarrow w - \eta\, \partial E/\partial w` for every parameter.

    Returns new arrays; ``params`` and ``grads`` are left as they were.

    Examples
    --------
    >>> update({"W1": np.array([[0.5]]), "B1": np.array([0.0])},
    ...        {"W1": np.array([[0.1]]), "B1": np.array([1.0])}, 0.2)
    {'W1': array([[0.48]]), 'B1': array([-0.2])}
    """
    params = check_params(params)
    eta = positive_number(learning_rate, "learning_rate")
    if set(grads) != set(params):
        raise ValueError(f"grads must have the keys of params {sorted(params)}, got {sorted(grads)}")
    checked = {}
    for key, value in params.items():
        g = as_float_array(grads[key], f"grads[{key!r}]", allow_nonfinite=True)
        if g.shape != value.shape:
            raise ValueError(f"grads[{key!r}] must have shape {value.shape}, got {g.shape}")
        checked[key] = g
    return _update(params, checked, eta)


def _update(params, grads, learning_rate: float) -> dict[str, np.ndarray]:
    """:func:`update` on checked arguments."""
    return {key: value - learning_rate * grads[key] for key, value in params.items()}


def loss_value(params, X, T, activations="sigmoid", loss: str = "sse") -> float:
    """The loss of ``params`` on ``(X, T)``: a forward pass then the loss.

    Examples
    --------
    >>> from mlp_lessons.data import chapter_params
    >>> params = chapter_params()
    >>> round(loss_value(params, [[0.0, 0.0]], [[0.0]]), 6)
    0.251612
    """
    loss_fn = get_loss(loss)
    fwd = forward(params, X, activations)
    T_arr = _check_targets(T, fwd.output, loss_fn.name)
    if loss_fn.output_activation is not None:
        return loss_fn.f(fwd.Z[-1], T_arr)
    return loss_fn.f(fwd.output, T_arr)

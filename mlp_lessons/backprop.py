r"""Backpropagation checked by numbers (page: ``docs/backprop.md``).

:func:`mlp_lessons.network.backward` computes every gradient with the chain
rule.  Here we check it the slow, obvious way: nudge one parameter by
:math:`\pm\varepsilon` and watch the loss (central differences),

.. math:: \frac{\partial E}{\partial w} \approx \frac{E(w + \varepsilon) - E(w - \varepsilon)}{2\varepsilon}.

:func:`gradient_check` compares the two for every parameter; the tests run it
for several shapes, every activation and both losses.
"""

from __future__ import annotations

import numpy as np

from ._checks import positive_number
from .network import backward, check_params, forward, loss_value

__all__ = ["numerical_gradient", "gradient_check", "chain_rule_factors"]


def numerical_gradient(params, X, T, activations="sigmoid", loss: str = "mse",
                       eps: float = 1e-6) -> dict[str, np.ndarray]:
    r"""Gradients by central differences, one parameter at a time.

    Parameters
    ----------
    params : dict of ``W1, B1, ..., WL, BL``
    X : array_like of shape (n_samples, n0)
    T : array_like of shape (n_samples, nL)
    activations : str or list of str
    loss : {"mse", "cross_entropy"}
    eps : float
        The nudge :math:`\varepsilon`.

    Returns
    -------
    dict with the keys and shapes of ``params``

    Examples
    --------
    >>> params = {"W1": [[0.10, 0.20], [0.30, 0.40]], "B1": [0.1, 0.2],
    ...           "W2": [[0.50], [0.60]], "B2": [0.3]}
    >>> g = numerical_gradient(params, [[0.0, 0.0]], [[0.0]])
    >>> round(float(g["W2"][0, 0]), 6)
    0.076776
    """
    params = check_params(params)
    eps = positive_number(eps, "eps")
    grads = {}
    for key, value in params.items():
        g = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            nudged = dict(params)
            for sign in (+1, -1):
                w = value.copy()
                w[idx] += sign * eps
                nudged[key] = w
                g[idx] += sign * loss_value(nudged, X, T, activations, loss)
            g[idx] /= 2 * eps
        grads[key] = g
    return grads


def gradient_check(params, X, T, activations="sigmoid", loss: str = "mse", eps: float = 1e-6) -> float:
    r"""Largest relative difference between backprop's and the numerical gradients.

    For each parameter, :math:`|g_{bp} - g_{num}| / \max(|g_{bp}| + |g_{num}|, 10^{-12})`;
    a correct backprop gives about :math:`10^{-8}` or less in float64.

    Returns
    -------
    float

    Examples
    --------
    >>> from mlp_lessons.network import init_params
    >>> params = init_params([3, 4, 2], seed=1)
    >>> X = np.random.default_rng(2).normal(size=(5, 3))
    >>> T = np.random.default_rng(3).uniform(size=(5, 2))
    >>> gradient_check(params, X, T, ["tanh", "sigmoid"]) < 1e-6
    True
    """
    params = check_params(params)
    bp = backward(params, forward(params, X, activations), T, activations, loss).grads
    num = numerical_gradient(params, X, T, activations, loss, eps)
    worst = 0.0
    for key in params:
        diff = np.abs(bp[key] - num[key])
        scale = np.maximum(np.abs(bp[key]) + np.abs(num[key]), 1e-12)
        worst = max(worst, float(np.max(diff / scale)))
    return worst


def chain_rule_factors(params, x, t, layer: int = 2, i: int = 0, j: int = 0) -> dict[str, float]:
    r"""The chapter's three chain-rule factors for one weight of a sigmoid MLP with MSE loss.

    For weight :math:`w_{ij}` of layer ``layer`` (``W{layer}[i, j]``), one sample:

    .. math:: \frac{\partial E}{\partial w_{ij}} =
              \underbrace{\frac{\partial E}{\partial out_j}}_{①}
              \underbrace{\frac{\partial out_j}{\partial net_j}}_{②}
              \underbrace{\frac{\partial net_j}{\partial w_{ij}}}_{③}

    For the output layer ① is :math:`out_j - t_j`; for a hidden layer ① is the
    error sent back, :math:`\sum_k \delta_k w_{jk}`.  ② is :math:`out_j(1-out_j)`
    and ③ is :math:`out_i`, the input that the weight multiplies.

    Returns
    -------
    dict with ``"dE_dout"`` (①), ``"dout_dnet"`` (②), ``"dnet_dw"`` (③) and
    ``"dE_dw"`` (their product, equal to backprop's gradient).

    Examples
    --------
    The chapter's w5 (``W2[0, 0]``), input (0, 0), target 0:

    >>> params = {"W1": [[0.10, 0.20], [0.30, 0.40]], "B1": [0.1, 0.2],
    ...           "W2": [[0.50], [0.60]], "B2": [0.3]}
    >>> f = chain_rule_factors(params, [0.0, 0.0], [0.0], layer=2, i=0, j=0)
    >>> {k: round(v, 6) for k, v in f.items()}
    {'dE_dout': 0.709383, 'dout_dnet': 0.206159, 'dnet_dw': 0.524979, 'dE_dw': 0.076776}
    """
    params = check_params(params)
    x = np.asarray(x, dtype=float).reshape(1, -1)
    t = np.asarray(t, dtype=float).reshape(1, -1)
    fwd = forward(params, x, "sigmoid")
    L = len(fwd.Z)
    if not 1 <= layer <= L:
        raise ValueError(f"layer must be between 1 and {L}, got {layer}")
    W = params[f"W{layer}"]
    if not (0 <= i < W.shape[0] and 0 <= j < W.shape[1]):
        raise ValueError(f"(i, j) must index W{layer} of shape {W.shape}, got ({i}, {j})")
    bwd = backward(params, fwd, t, "sigmoid", "mse")
    out_j = float(fwd.layers[layer][0, j])
    if layer == L:
        dE_dout = out_j - float(t[0, j])
    else:
        dE_dout = float((bwd.deltas[layer] @ params[f"W{layer + 1}"].T)[0, j])
    dout_dnet = out_j * (1.0 - out_j)
    dnet_dw = float(fwd.layers[layer - 1][0, i])
    return {"dE_dout": dE_dout, "dout_dnet": dout_dnet, "dnet_dw": dnet_dw,
            "dE_dw": dE_dout * dout_dnet * dnet_dw}

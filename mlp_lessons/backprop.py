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

__all__ = ["numerical_gradient", "gradient_check", "chain_rule_factors", "hidden_unit_factors",
           "output_unit_graph"]


def numerical_gradient(params, X, T, activations="sigmoid", loss: str = "sse",
                       eps: float = 1e-6) -> dict[str, np.ndarray]:
    r"""Gradients by central differences, one parameter at a time.

    Parameters
    ----------
    params : dict of ``W1, B1, ..., WL, BL``
    X : array_like of shape (n_samples, n0)
    T : array_like of shape (n_samples, nL)
    activations : str or list of str
    loss : {"sse", "cross_entropy"}
    eps : float
        The nudge :math:`\varepsilon`.

    Returns
    -------
    dict with the keys and shapes of ``params``

    Examples
    --------
    >>> from mlp_lessons.data import chapter_params
    >>> params = chapter_params()
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


def gradient_check(params, X, T, activations="sigmoid", loss: str = "sse", eps: float = 1e-6) -> float:
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
    r"""The chapter's three chain-rule factors for one weight of a sigmoid MLP with the SSE loss.

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

    >>> from mlp_lessons.data import chapter_params
    >>> params = chapter_params()
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
    bwd = backward(params, fwd, t, "sigmoid", "sse")
    out_j = float(fwd.layers[layer][0, j])
    if layer == L:
        dE_dout = out_j - float(t[0, j])
    else:
        dE_dout = float((bwd.deltas[layer] @ params[f"W{layer + 1}"].T)[0, j])
    dout_dnet = out_j * (1.0 - out_j)
    dnet_dw = float(fwd.layers[layer - 1][0, i])
    return {"dE_dout": dE_dout, "dout_dnet": dout_dnet, "dnet_dw": dnet_dw,
            "dE_dw": dE_dout * dout_dnet * dnet_dw}


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _one_hidden_layer(params, x, t):
    """Check a one-hidden-layer network and one sample; return W1, B1, W2, B2, x, t as float arrays."""
    params = check_params(params)
    if sorted(params) != ["B1", "B2", "W1", "W2"]:
        raise ValueError(f"expected a network with one hidden layer (W1, B1, W2, B2), got keys {sorted(params)}")
    W1, B1, W2, B2 = (params[k] for k in ("W1", "B1", "W2", "B2"))
    x = np.asarray(x, dtype=float).ravel()
    t = np.asarray(t, dtype=float).ravel()
    if x.shape != (W1.shape[0],) or t.shape != (W2.shape[1],):
        raise ValueError(f"expected one sample x of {W1.shape[0]} inputs and t of {W2.shape[1]} outputs, "
                         f"got x of shape {x.shape} and t of shape {t.shape}")
    return W1, B1, W2, B2, x, t


def hidden_unit_factors(params, x, t, i: int = 0, j: int = 0) -> dict:
    r"""Every factor of :math:`\partial E/\partial w_{ij}` and :math:`\partial E/\partial b_j`
    for hidden unit ``j``, worked the way a page does it by hand.

    A sigmoid network with one 은닉층 (``W1`` (n0, n1), ``B1`` (n1,), ``W2`` (n1, n2),
    ``B2`` (n2,)), one sample, loss :math:`E = \frac12\sum_k (out_k - t_k)^2`.
    The weight is ``W1[i, j]`` (input ``i`` → hidden unit ``j``), the bias ``B1[j]``.
    Nothing here calls :func:`mlp_lessons.network.backward`: each factor is
    computed from its formula, so the tests can compare the product with backprop
    and with central differences.

    .. math::
        \delta_k &= (out_k - t_k)\, out_k (1 - out_k) \qquad \text{(each output unit } k) \\
        \frac{\partial E}{\partial w_{ij}} &=
            \underbrace{\textstyle\sum_k \delta_k w_{jk}}_{①}\;
            \underbrace{out_j (1 - out_j)}_{②}\;
            \underbrace{x_i}_{③}, \qquad
        \frac{\partial E}{\partial b_j} = ① \cdot ② \cdot \underbrace{1}_{③}

    Returns
    -------
    dict with
        ``net_hidden, out_hidden`` (lists of n1 floats), ``net_out, out_out`` (n2),
        ``E``; per output unit ``k`` (lists of n2): ``out_minus_t`` (:math:`out_k - t_k`),
        ``fprime_out`` (:math:`out_k(1-out_k)`), ``delta_out`` (:math:`\delta_k`),
        ``w_jk`` (``W2[j, k]``), ``terms`` (:math:`\delta_k w_{jk}`); the factors
        ``f1`` (① = the sum of ``terms``), ``f2`` (②), ``f3_w`` (③ of the weight,
        :math:`x_i`), ``f3_b`` (③ of the bias, 1); ``delta_hidden`` (① ②),
        ``dE_dw`` and ``dE_db``.

    Examples
    --------
    The chapter's network, input (0, 1), target 1; weight w4 = ``W1[1, 1]`` (x2 → h2):

    >>> from mlp_lessons.data import chapter_params
    >>> f = hidden_unit_factors(chapter_params(), [0.0, 1.0], [1.0], i=1, j=1)
    >>> round(f["delta_out"][0], 6), round(f["f1"], 6), round(f["f2"], 6), f["f3_w"]
    (-0.053718, -0.032231, 0.228784, 1.0)
    >>> round(f["dE_dw"], 6), round(f["dE_db"], 6)
    (-0.007374, -0.007374)
    """
    W1, B1, W2, B2, x, t = _one_hidden_layer(params, x, t)
    if not (0 <= i < W1.shape[0] and 0 <= j < W1.shape[1]):
        raise ValueError(f"(i, j) must index W1 of shape {W1.shape}, got ({i}, {j})")
    net_hidden = x @ W1 + B1                             # net_j = Σ_i x_i w_ij + b_j
    out_hidden = _sigmoid(net_hidden)                    # out_j = f(net_j)
    net_out = out_hidden @ W2 + B2
    out_out = _sigmoid(net_out)
    out_minus_t = out_out - t                            # ∂E/∂out_k
    fprime_out = out_out * (1.0 - out_out)               # ∂out_k/∂net_k
    delta_out = out_minus_t * fprime_out                 # δ_k
    w_jk = W2[j, :]                                      # the lines from hidden unit j to every output k
    terms = delta_out * w_jk                             # what each output unit sends back to j
    f1 = float(np.sum(terms))                            # ① ∂E/∂out_j = Σ_k δ_k w_jk
    out_j = float(out_hidden[j])
    f2 = out_j * (1.0 - out_j)                           # ② ∂out_j/∂net_j
    f3_w = float(x[i])                                   # ③ ∂net_j/∂w_ij = x_i
    f3_b = 1.0                                           # ③ ∂net_j/∂b_j = 1
    return {
        "net_hidden": net_hidden.tolist(), "out_hidden": out_hidden.tolist(),
        "net_out": net_out.tolist(), "out_out": out_out.tolist(),
        "E": float(0.5 * np.sum(out_minus_t ** 2)),
        "out_minus_t": out_minus_t.tolist(), "fprime_out": fprime_out.tolist(),
        "delta_out": delta_out.tolist(), "w_jk": w_jk.tolist(), "terms": terms.tolist(),
        "f1": f1, "f2": f2, "f3_w": f3_w, "f3_b": f3_b, "delta_hidden": f1 * f2,
        "dE_dw": f1 * f2 * f3_w, "dE_db": f1 * f2 * f3_b,
    }


def output_unit_graph(params, x, t, k: int = 0) -> dict:
    r"""The computational graph of output unit ``k``: the forward value and the backward
    gradient on every edge, computed node by node as in *Deep Learning from Scratch*, ch. 5.

    The graph of :math:`E = \frac12 (out_k - t_k)^2` with
    :math:`out_k = \sigma(net_k)`, :math:`net_k = \sum_j w_{jk}\, out_j + b_k` (the
    hidden outputs :math:`out_j` are inputs of the graph).  Backward starts with
    :math:`\partial E/\partial E = 1` and each node multiplies what comes in by its
    local derivative: the loss node gives :math:`out_k - t_k` (and :math:`t_k - out_k`
    towards :math:`t_k`); the sigmoid node :math:`out_k(1-out_k)`; an addition node
    passes its gradient unchanged to every input; a multiplication node :math:`w \cdot a`
    sends :math:`a` times its gradient to :math:`w` and :math:`w` times it to :math:`a`.

    Returns
    -------
    dict of edge → ``(forward value, backward gradient)``:
        ``"w"``, ``"a"``, ``"wa"`` (lists over the hidden units ``j``: the weight
        :math:`w_{jk}`, the hidden output :math:`out_j`, their product), ``"b"``,
        ``"net"``, ``"out"``, ``"t"``, ``"E"`` (pairs).

    Examples
    --------
    The chapter's w5 example, input (0, 0), target 0:

    >>> from mlp_lessons.data import chapter_params
    >>> g = output_unit_graph(chapter_params(), [0.0, 0.0], [0.0])
    >>> [round(v, 6) for v in g["w"][0]]         # w5: forward 0.5, backward ∂E/∂w5
    [0.5, 0.076776]
    >>> [round(v, 6) for v in g["net"]], [round(v, 6) for v in g["out"]]
    ([0.89239, 0.146246], [0.709383, 0.709383])
    """
    W1, B1, W2, B2, x, t = _one_hidden_layer(params, x, t)
    if not 0 <= k < W2.shape[1]:
        raise ValueError(f"k must index an output unit (0..{W2.shape[1] - 1}), got {k}")
    out_hidden = _sigmoid(x @ W1 + B1)                   # the hidden outputs: inputs of this graph
    # forward, node by node
    w = W2[:, k]
    wa = w * out_hidden                                  # multiplication nodes
    b = float(B2[k])
    net = float(np.sum(wa) + b)                          # addition node
    out = float(_sigmoid(net))                           # sigmoid node
    target = float(t[k])
    E = 0.5 * (out - target) ** 2                        # loss node
    # backward, node by node, starting from ∂E/∂E = 1
    dE = 1.0
    d_out, d_t = dE * (out - target), dE * (target - out)
    d_net = d_out * out * (1.0 - out)
    d_wa = np.full_like(wa, d_net)                       # addition: the same gradient to every input
    d_b = d_net
    d_w, d_a = d_wa * out_hidden, d_wa * w               # multiplication: swap the inputs
    return {
        "w": [(float(v), float(g)) for v, g in zip(w, d_w)],
        "a": [(float(v), float(g)) for v, g in zip(out_hidden, d_a)],
        "wa": [(float(v), float(g)) for v, g in zip(wa, d_wa)],
        "b": (b, d_b), "net": (net, d_net), "out": (out, d_out), "t": (target, d_t), "E": (E, dE),
    }

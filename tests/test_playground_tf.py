"""Where our playground differs from TensorFlow Playground: the partial last batch (docs/playground_lab.md #tf-differences).

``mlp_lessons.playground.train_tf_playground`` follows TensorFlow Playground's ``oneStep``
(``src/playground.ts``) and ``updateWeights`` (``src/nn.ts``), computing the gradients run by
run.  Here it is checked against a literal transcription of that loop, one point at a time,
written with plain floats (no :mod:`mlp_lessons.network`); our rule -- the partial batch makes
an update of its own -- is checked the same way against ``mlp_lessons.numpy_mlp.train``.
The lab page's table must show the numbers :func:`mlp_lessons.pages.playground.tf_comparison`
computes (both editions), and the numbers must say what the page says of them.
(That the browser's ``trainer.js`` gives the same losses is ``tests/js/trainer.test.mjs``.)
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

from mlp_lessons.numpy_mlp import train
from mlp_lessons.pages import playground as page
from mlp_lessons.playground import lab_data, lab_init_params, train_tf_playground, updates_per_epoch

ROOT = Path(__file__).resolve().parents[1]


# --- a 2-h-1 tanh network with plain floats, one point at a time -----------------------------

def _grads_one_point(p, x, t):
    """∂E/∂(each parameter) of E = ½(y − t)² for one point, written out (tanh hidden and output)."""
    W1, B1, W2, B2 = p["W1"], p["B1"], p["W2"], p["B2"]
    h = len(B1)
    z1 = [sum(x[i] * W1[i][j] for i in range(len(x))) + B1[j] for j in range(h)]
    a1 = [math.tanh(z) for z in z1]
    y = math.tanh(sum(a1[j] * W2[j][0] for j in range(h)) + B2[0])
    d2 = (y - t) * (1 - y * y)
    d1 = [d2 * W2[j][0] * (1 - a1[j] ** 2) for j in range(h)]
    return {"W1": [[x[i] * d1[j] for j in range(h)] for i in range(len(x))], "B1": d1,
            "W2": [[a1[j] * d2] for j in range(h)], "B2": [d2]}


def _flat(p):
    return [v for k in ("W1", "B1", "W2", "B2") for v in np.ravel(p[k]).tolist()]


def _unflat(values, like):
    out, k = {}, 0
    for key in ("W1", "B1", "W2", "B2"):
        shape = np.shape(like[key])
        n = int(np.prod(shape))
        out[key] = np.reshape(values[k:k + n], shape).tolist()
        k += n
    return out


def tf_loop(params, X, T, lr, batch, epochs):
    """TensorFlow Playground's oneStep() + updateWeights(), point by point: the gradients are summed,
    and after point i of an epoch, when (i + 1) % batch == 0, each parameter moves by lr · sum / count."""
    p = {k: np.asarray(v).tolist() for k, v in params.items()}
    total, count, updates = [0.0] * len(_flat(p)), 0, 0
    for _ in range(epochs):
        for i, (x, t) in enumerate(zip(X.tolist(), T[:, 0].tolist())):
            total = [a + g for a, g in zip(total, _flat(_grads_one_point(p, x, t)))]
            count += 1
            if (i + 1) % batch == 0:
                p = _unflat([w - lr * g / count for w, g in zip(_flat(p), total)], p)
                total, count, updates = [0.0] * len(total), 0, updates + 1
    return p, updates, count


def our_loop(params, X, T, lr, batch, epochs):
    """This playground's rule: every batch of the epoch, the partial last one too, makes an update
    with its mean gradient."""
    p = {k: np.asarray(v).tolist() for k, v in params.items()}
    n = len(X)
    for _ in range(epochs):
        for start in range(0, n, batch):
            rows = range(start, min(start + batch, n))
            total = [0.0] * len(_flat(p))
            for i in rows:
                total = [a + g for a, g in zip(total, _flat(_grads_one_point(p, X[i].tolist(), float(T[i, 0]))))]
            p = _unflat([w - lr * g / len(rows) for w, g in zip(_flat(p), total)], p)
    return p


def _small_problem(n=7, hidden=3, seed=5):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2, 2, size=(n, 2))
    T = np.where(X[:, :1] * X[:, 1:] >= 0, 1.0, -1.0)
    params = {"W1": rng.uniform(-1, 1, (2, hidden)), "B1": rng.uniform(-0.5, 0.5, hidden),
              "W2": rng.uniform(-1, 1, (hidden, 1)), "B2": rng.uniform(-0.5, 0.5, 1)}
    return params, X, T


@pytest.mark.parametrize("n, batch, epochs", [(7, 3, 4), (9, 3, 3), (5, 2, 5), (4, 10, 3), (10, 1, 2)])
def test_tf_rule_is_tf_playgrounds_loop_point_by_point(n, batch, epochs):
    params, X, T = _small_problem(n)
    expected, updates, carried = tf_loop(params, X, T, 0.3, batch, epochs)
    got = train_tf_playground(params, X, T, activations="tanh", learning_rate=0.3, batch_size=batch, epochs=epochs)
    np.testing.assert_allclose(_flat(got.params), _flat(expected), rtol=0, atol=1e-13)
    assert (got.updates, got.carried) == (updates, carried)
    assert got.updates == epochs * (n // batch)


def test_tf_rule_never_updates_with_fewer_points_than_the_batch():
    params, X, T = _small_problem(4)
    got = train_tf_playground(params, X, T, activations="tanh", learning_rate=0.3, batch_size=5, epochs=6)
    assert got.updates == 0 and got.carried == 4 * 6
    for k in params:
        np.testing.assert_array_equal(got.params[k], params[k])


@pytest.mark.parametrize("n, batch", [(7, 3), (5, 2), (4, 10)])
def test_our_rule_is_the_packages_train_with_the_partial_batch(n, batch):
    params, X, T = _small_problem(n)
    expected = our_loop(params, X, T, 0.3, batch, 3)
    got = train(params, X, T, activations="tanh", learning_rate=0.3, epochs=3, batch_size=batch, shuffle=False).params
    np.testing.assert_allclose(_flat(got), _flat(expected), rtol=0, atol=1e-13)


def test_the_two_rules_differ_only_when_a_batch_is_left_over():
    params, X, T = _small_problem(9)
    for batch, same in ((3, True), (9, True), (4, False), (2, False)):
        ours = train(params, X, T, activations="tanh", learning_rate=0.3, epochs=3, batch_size=batch, shuffle=False)
        tf = train_tf_playground(params, X, T, activations="tanh", learning_rate=0.3, batch_size=batch, epochs=3)
        gap = max(float(np.max(np.abs(ours.params[k] - tf.params[k]))) for k in params)
        assert (gap < 1e-14) == same, (batch, gap)


def test_updates_per_epoch_counts_the_loops():
    for n in range(1, 40):
        for b in range(1, 31):
            ours = sum(1 for _ in range(0, n, b))
            tf = sum(1 for i in range(n) if (i + 1) % b == 0)
            assert updates_per_epoch(n, b, "update") == ours
            assert updates_per_epoch(n, b, "carry") == tf
    with pytest.raises(ValueError, match="rule must be 'update' or 'carry'"):
        updates_per_epoch(10, 3, "drop")


# --- the lab page's table -------------------------------------------------------------------

@pytest.fixture(scope="module")
def numbers():
    return page.numbers()


def test_the_comparison_numbers_say_what_the_page_says(numbers):
    n = numbers
    d, s = "lab_tf_default_", "lab_tf_small_"
    assert (n[d + "n_train"], n[d + "batch"], n[d + "left_over"]) == (250, 3, 1)
    assert (n[d + "updates_ours"], n[d + "updates_tf"]) == (84, 83)
    assert n[d + "total_updates_tf"] == 83 * n["lab_tf_epochs"]
    # "almost the same": less than 0.1 % apart
    assert 0 < n[d + "loss_gap"] < 1e-3 * n[d + "loss_ours"]
    # "half as many updates, visibly larger loss"
    assert n[s + "updates_tf"] * 2 == n[s + "updates_ours"]
    assert n[s + "loss_tf"] > n[s + "loss_ours"] + 0.01
    for key in ("default", "small"):
        assert n[f"lab_tf_{key}_loss_gap"] == pytest.approx(abs(n[f"lab_tf_{key}_loss_tf"] - n[f"lab_tf_{key}_loss_ours"]))


def test_the_comparison_is_recomputed_by_the_point_by_point_loops(numbers):
    """The small setup again, by the plain-float loops above (the default one is 8300 updates: the
    node test recomputes it with the browser's code)."""
    setup = page.LAB_TF_SETUPS["small"]
    d = lab_data(setup["data"], seed=page.LAB["seed"], ratio=setup["ratio"])
    p0 = lab_init_params([2, *page.LAB["layers"], 1], page.LAB["seed"])

    def loss(p):
        W = [np.asarray(p[f"W{l}"]) for l in (1, 2, 3)]
        B = [np.asarray(p[f"B{l}"]) for l in (1, 2, 3)]
        a = d.X_train
        for Wl, Bl in zip(W, B):
            a = np.tanh(a @ Wl + Bl)
        return float(np.mean(0.5 * (a - d.T_train) ** 2))

    # three layers: reuse the loops through a 2-4-2-1 version written out here
    def grads(p, x, t):
        a0 = np.asarray(x)
        a1 = np.tanh(a0 @ p["W1"] + p["B1"])
        a2 = np.tanh(a1 @ p["W2"] + p["B2"])
        y = np.tanh(a2 @ p["W3"] + p["B3"])
        d3 = (y - t) * (1 - y ** 2)
        d2 = (p["W3"] @ d3) * (1 - a2 ** 2)
        d1 = (p["W2"] @ d2) * (1 - a1 ** 2)
        return {"W1": np.outer(a0, d1), "B1": d1, "W2": np.outer(a1, d2), "B2": d2, "W3": np.outer(a2, d3), "B3": d3}

    lr, b = page.LAB["lr"], setup["batch"]
    p = {k: np.array(v) for k, v in p0.items()}
    total, count = {k: np.zeros_like(v) for k, v in p.items()}, 0
    for _ in range(page.LAB["epochs"]):
        for i in range(len(d.X_train)):
            g = grads(p, d.X_train[i], d.T_train[i])
            total = {k: total[k] + g[k] for k in p}
            count += 1
            if (i + 1) % b == 0:
                p = {k: p[k] - lr * total[k] / count for k in p}
                total, count = {k: np.zeros_like(v) for k, v in p.items()}, 0
    assert loss(p) == pytest.approx(numbers["lab_tf_small_loss_tf"], rel=1e-10)

    p = {k: np.array(v) for k, v in p0.items()}
    n = len(d.X_train)
    for _ in range(page.LAB["epochs"]):
        for start in range(0, n, b):
            rows = range(start, min(start + b, n))
            gs = [grads(p, d.X_train[i], d.T_train[i]) for i in rows]
            p = {k: p[k] - lr * sum(g[k] for g in gs) / len(rows) for k in p}
    assert loss(p) == pytest.approx(numbers["lab_tf_small_loss_ours"], rel=1e-10)


@pytest.mark.parametrize("folder", ["docs", "docs_en"])
def test_the_lab_page_shows_the_comparison(folder):
    text = (ROOT / folder / "playground_lab.md").read_text(encoding="utf-8")
    m = re.search(r"^### .*\{#tf-differences\}$(.*?)(?=^## )", text, re.M | re.S)
    assert m, f"{folder}/playground_lab.md: no section {{#tf-differences}}"
    section = m.group(1)
    shown = set(re.findall(r"\{\{\s*playground\.(lab_tf_\w+)", section))
    for setup in page.LAB_TF_SETUPS:
        for what in ("href", "n_train", "batch", "left_over", "updates_ours", "updates_tf", "loss_ours", "loss_tf",
                     "loss_gap"):
            assert f"lab_tf_{setup}_{what}" in shown, f"{folder}/playground_lab.md #tf-differences never shows lab_tf_{setup}_{what}"
    assert "tests/js/trainer.test.mjs" in section and "tests/test_playground_tf.py" in section

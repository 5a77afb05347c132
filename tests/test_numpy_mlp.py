"""Tests of mlp_lessons.numpy_mlp: the chapter's loop (NumPy and plain floats) and train()."""

import ast
import inspect
import math

import numpy as np
import pytest

from mlp_lessons import data, network, numpy_mlp
from mlp_lessons.activations import ACTIVATIONS
from mlp_lessons.forward_pass import chapter_params, predict as chapter_predict
from mlp_lessons.loss import LOSSES
from mlp_lessons.numpy_mlp import (T_XNOR, T_XOR, XOR_X, TrainingDiverged, TrainResult, accuracy, actf, actf_float,
                                   chapter_loop, chapter_loop_2_2_1, fit_chapter, fit_chapter_numpy, predict,
                                   train)

CHAPTER_OUTPUTS = [0.99196032, 0.00835708, 0.00836107, 0.98974873]


def outputs(params):
    return chapter_predict(params, XOR_X)[2].ravel()


@pytest.fixture(scope="module")
def chapter_run():
    return fit_chapter(chapter_params(), XOR_X, T_XNOR)          # 90000 epochs, ~0.4 s


def test_chapter_data():
    np.testing.assert_array_equal(XOR_X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(T_XNOR, [[1], [0], [0], [1]])
    np.testing.assert_array_equal(T_XOR, [[0], [1], [1], [0]])
    assert XOR_X is data.XOR_X and T_XOR is data.T_XOR and T_XNOR is data.T_XNOR    # defined once
    for array in (XOR_X, T_XOR, T_XNOR):
        with pytest.raises(ValueError):
            array[0, 0] = 5.0                                 # read-only module data


def test_fit_chapter_reproduces_the_chapter_to_8_decimals(chapter_run):
    np.testing.assert_array_equal(outputs(chapter_run).round(8), CHAPTER_OUTPUTS)


def test_training_on_xor_targets():
    trained = fit_chapter(chapter_params(), XOR_X, T_XOR)
    np.testing.assert_array_equal(outputs(trained).round(8), [0.00814407, 0.99154105, 0.99152258, 0.01038517])


def test_fit_chapter_equals_the_numpy_loop():
    a = fit_chapter(chapter_params(), XOR_X, T_XNOR, epochs=500)
    b = fit_chapter_numpy(chapter_params(), XOR_X, T_XNOR, epochs=500)
    for k in a:
        np.testing.assert_allclose(a[k], b[k], rtol=0, atol=1e-13)
    np.testing.assert_array_equal(outputs(a).round(8), outputs(b).round(8))


def test_fit_chapter_equals_the_numpy_loop_for_other_sizes():
    rng = np.random.default_rng(5)
    params = network.init_params([3, 4, 2], rng=rng)
    X, T = rng.normal(size=(6, 3)), rng.uniform(size=(6, 2))
    a = fit_chapter(params, X, T, epochs=300, learning_rate=0.5)
    b = fit_chapter_numpy(params, X, T, epochs=300, learning_rate=0.5)
    for k in a:
        assert a[k].shape == params[k].shape
        np.testing.assert_allclose(a[k], b[k], rtol=0, atol=1e-12)


def reference_loop(params, X, T, epochs, lr):
    """The chapter's loop with Python lists and explicit index loops: the readable reference."""
    W1, B1 = params["W1"].tolist(), params["B1"].tolist()
    W2, B2 = params["W2"].tolist(), params["B2"].tolist()
    sig = lambda z: 1.0 / (1.0 + math.exp(-z))  # noqa: E731   (NumPy's SIMD exp may differ in the last bit)
    n0, n1, n2 = len(W1), len(B1), len(B2)
    for _ in range(epochs):
        for x, t in zip(np.asarray(X, float).tolist(), np.asarray(T, float).tolist()):
            h = []
            for j in range(n1):
                z = x[0] * W1[0][j]
                for i in range(1, n0):
                    z = z + x[i] * W1[i][j]
                h.append(sig(z + B1[j]))
            y = []
            for k in range(n2):
                z = h[0] * W2[0][k]
                for j in range(1, n1):
                    z = z + h[j] * W2[j][k]
                y.append(sig(z + B2[k]))
            d2 = [(y[k] - t[k]) * (y[k] * (1 - y[k])) for k in range(n2)]
            d1 = []
            for j in range(n1):
                e = d2[0] * W2[j][0]
                for k in range(1, n2):
                    e = e + d2[k] * W2[j][k]
                d1.append(e * (h[j] * (1 - h[j])))
            for j in range(n1):
                for k in range(n2):
                    W2[j][k] += -lr * (h[j] * d2[k])
            for i in range(n0):
                for j in range(n1):
                    W1[i][j] += -lr * (x[i] * d1[j])
            for k in range(n2):
                B2[k] += -lr * d2[k]
            for j in range(n1):
                B1[j] += -lr * d1[j]
    return {"W1": np.array(W1), "B1": np.array(B1), "W2": np.array(W2), "B2": np.array(B2)}


@pytest.mark.parametrize("sizes", [[3, 2, 2], [1, 3, 1], [2, 2, 1]])
def test_plain_float_loop_is_bit_identical_to_a_readable_reference(sizes):
    rng = np.random.default_rng(1)
    params = network.init_params(sizes, rng=rng)
    X, T = rng.normal(size=(5, sizes[0])), rng.uniform(size=(5, sizes[2]))
    a = fit_chapter(params, X, T, epochs=40, learning_rate=0.3)
    b = reference_loop(params, X, T, 40, 0.3)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])


def chapter_lists(params=None):
    p = chapter_params() if params is None else params
    return [p[k].tolist() for k in ("W1", "B1", "W2", "B2")]


def test_the_2_2_1_loop_is_the_general_loop_bit_for_bit():
    # the chapter's run, and a run that saturates (exp overflows: the z < -709.78 branch)
    samples = list(zip(XOR_X.tolist(), T_XNOR.tolist()))
    for lr, epochs in ((0.2, 3000), (5.0, 300), (1e300, 3)):
        a = chapter_loop_2_2_1(*chapter_lists(), samples, epochs, lr)
        b = chapter_loop(*chapter_lists(), samples, epochs, lr)
        assert a == b, (lr, epochs)
    assert chapter_loop_2_2_1(*chapter_lists(), samples, 1, 0.2) != chapter_lists()


def test_the_2_2_1_loop_equals_the_teaching_path():
    # teaching path: the chapter's NumPy loop, line for line; 1e-12 covers NumPy's fused multiply-add
    samples = list(zip(XOR_X.tolist(), T_XNOR.tolist()))
    fast = dict(zip(("W1", "B1", "W2", "B2"), chapter_loop_2_2_1(*chapter_lists(), samples, 2000, 0.2)))
    slow = fit_chapter_numpy(chapter_params(), XOR_X, T_XNOR, epochs=2000)
    for k in slow:
        np.testing.assert_allclose(np.array(fast[k]).reshape(slow[k].shape), slow[k], rtol=0, atol=1e-12)
        assert not np.array_equal(slow[k], chapter_params()[k])


def test_fit_chapter_uses_the_2_2_1_loop_only_for_the_chapters_shape(monkeypatch):
    calls = []
    for name in ("chapter_loop", "chapter_loop_2_2_1"):
        loop = getattr(numpy_mlp, name)
        monkeypatch.setattr(numpy_mlp, name, lambda *a, _loop=loop, _name=name: calls.append(_name) or _loop(*a))
    fit_chapter(chapter_params(), XOR_X, T_XNOR, epochs=2)
    fit_chapter(network.init_params([2, 3, 1], seed=0), XOR_X, T_XNOR, epochs=2)
    assert calls == ["chapter_loop_2_2_1", "chapter_loop"]


def test_plain_float_loops_do_not_modify_their_arguments():
    args = chapter_lists()
    samples = list(zip(XOR_X.tolist(), T_XNOR.tolist()))
    for loop in (chapter_loop, chapter_loop_2_2_1):
        loop(*args, samples, 3, 0.2)
        assert args == chapter_lists()


def test_actf_float_is_the_chapters_sigmoid():
    z = np.array([-800.0, -709.78, -30.0, -0.3, 0.0, 0.1, 0.892389, 40.0, 800.0])
    with np.errstate(over="ignore"):
        expected = actf(z)
    assert [actf_float(v) for v in z.tolist()] == expected.tolist()


def test_no_source_is_generated_or_executed():
    # the fast paths are plain code: nothing in the module compiles or executes a string
    tree = ast.parse(inspect.getsource(numpy_mlp))
    called = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert not called & {"exec", "eval", "compile"}


@pytest.mark.parametrize("fit", [fit_chapter, fit_chapter_numpy])
def test_fit_does_not_modify_its_arguments(fit):
    params = chapter_params()
    X, T = np.array(XOR_X), np.array(T_XNOR)
    trained = fit(params, X, T, epochs=3)
    np.testing.assert_array_equal(params["W1"], chapter_params()["W1"])
    np.testing.assert_array_equal(params["B2"], chapter_params()["B2"])
    np.testing.assert_array_equal(X, XOR_X)
    assert trained["W1"] is not params["W1"] and not np.array_equal(trained["W1"], params["W1"])


def test_progress_callback():
    calls = []
    fit_chapter(chapter_params(), XOR_X, T_XNOR, epochs=2500, progress=calls.append)
    assert calls == [1000, 2000, 2500]
    with pytest.raises(TypeError, match="progress must be a callable"):
        fit_chapter(chapter_params(), XOR_X, T_XNOR, epochs=1, progress=5)


@pytest.mark.parametrize("fit", [fit_chapter, fit_chapter_numpy])
def test_divergence_names_the_epoch(fit):
    # Sigmoid deltas are bounded, so the chapter's network only blows up when the numbers are
    # absurd: targets far outside (0, 1) and a huge learning rate overflow a weight.
    T = np.array([[1e200], [0.0], [0.0], [1.0]])
    with pytest.raises(TrainingDiverged, match=r"training diverged in epoch 1: .*smaller learning rate") as info:
        fit(chapter_params(), XOR_X, T, epochs=2500, learning_rate=1e150)
    assert info.value.epoch == 1 and isinstance(info.value, ValueError)


def test_sigmoid_network_saturates_instead_of_diverging():
    # With 0/1 targets the deltas are bounded by 1/4: even η = 1e300 leaves the weights finite.
    trained = fit_chapter(chapter_params(), XOR_X, T_XNOR, epochs=100, learning_rate=1e300)
    assert all(np.isfinite(v).all() for v in trained.values())


@pytest.mark.parametrize("fit", [fit_chapter, fit_chapter_numpy])
def test_fit_chapter_validation(fit):
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        fit(chapter_params(), XOR_X, T_XNOR, epochs=1, learning_rate=0)
    with pytest.raises(ValueError, match="epochs must be an integer >= 1"):
        fit(chapter_params(), XOR_X, T_XNOR, epochs=0)
    with pytest.raises(ValueError, match=r"T must have shape \(4, 1\)"):
        fit(chapter_params(), XOR_X, [[1, 0, 0, 1]], epochs=1)
    with pytest.raises(ValueError, match="X must have 2 columns"):
        fit(chapter_params(), [[0, 0, 0]], [[1]], epochs=1)
    with pytest.raises(ValueError, match="one hidden layer"):
        fit(network.init_params([2, 2, 2, 1], seed=0), XOR_X, T_XNOR, epochs=1)
    with pytest.raises(ValueError, match="X must hold only finite numbers"):
        fit(chapter_params(), [[np.nan, 0]], [[1]], epochs=1)


def test_fit_chapter_refuses_big_networks():
    with pytest.raises(ValueError, match="use train"):
        fit_chapter(network.init_params([64, 32, 10], seed=0), np.zeros((1, 64)), np.zeros((1, 10)), epochs=1)


# --- train ----------------------------------------------------------------------

def network_steps(params, X, T, activations, loss, learning_rate, epochs, batch_size, order_of_epoch):
    """train() written with the public, checking network.forward / loss / backward / update."""
    history = []
    for epoch in range(epochs):
        order = order_of_epoch(epoch)
        total = 0.0
        for start in range(0, len(X), batch_size):
            xb, tb = X[order[start:start + batch_size]], T[order[start:start + batch_size]]
            fwd = network.forward(params, xb, activations)
            total += LOSSES[loss].f(fwd.Z[-1] if loss == "cross_entropy" else fwd.output, tb) * len(xb)
            params = network.update(params, network.backward(params, fwd, tb, activations, loss).grads,
                                    learning_rate)
        history.append(total / len(X))
    return params, np.array(history)


@pytest.mark.parametrize("batch_size, shuffle", [(None, True), (1, False), (3, True)])
@pytest.mark.parametrize("acts", ["sigmoid", ["tanh", "sigmoid"], ["relu", "linear"]])
def test_train_is_the_public_network_functions_bit_for_bit(batch_size, shuffle, acts):
    params = network.init_params([2, 3, 1], seed=4)
    result = train(params, XOR_X, T_XOR, activations=acts, learning_rate=0.3, epochs=25, batch_size=batch_size,
                   shuffle=shuffle, seed=7)
    shuffling = shuffle and batch_size is not None and batch_size < 4
    rng = np.random.default_rng(7)
    expected, history = network_steps(params, XOR_X, T_XOR, acts, "sse", 0.3, 25, batch_size or 4,
                                      lambda _: rng.permutation(4) if shuffling else np.arange(4))
    np.testing.assert_array_equal(result.loss_history, history)
    for k in params:
        np.testing.assert_array_equal(result.params[k], expected[k])


def test_train_is_the_public_network_functions_with_cross_entropy():
    rng = np.random.default_rng(3)
    X, labels = rng.normal(size=(20, 5)), rng.integers(0, 3, size=20)
    params = network.init_params([5, 6, 3], seed=1)
    result = train(params, X, labels, activations=["relu", "softmax"], loss="cross_entropy", learning_rate=0.1,
                   epochs=5, batch_size=8, seed=0)
    order = np.random.default_rng(0)
    expected, history = network_steps(params, X, np.eye(3)[labels], ["relu", "softmax"], "cross_entropy", 0.1, 5, 8,
                                      lambda _: order.permutation(20))
    np.testing.assert_array_equal(result.loss_history, history)
    for k in params:
        np.testing.assert_array_equal(result.params[k], expected[k])


def test_train_shares_the_activation_table(monkeypatch):
    # a changed entry of the registry changes what train() computes: there is no second table
    params = network.init_params([2, 3, 1], seed=4)
    kw = dict(activations=["tanh", "sigmoid"], learning_rate=0.3, epochs=3)
    before = train(params, XOR_X, T_XOR, **kw)
    tanh = ACTIVATIONS["tanh"]
    monkeypatch.setitem(ACTIVATIONS, "tanh", type(tanh)("tanh", lambda z: 2 * tanh.f(z), tanh.deriv,
                                                        tanh.deriv_from_output))
    after = train(params, XOR_X, T_XOR, **kw)
    assert not np.array_equal(before.params["W2"], after.params["W2"])


def test_train_per_sample_is_the_chapters_loop():
    result = train(chapter_params(), XOR_X, T_XNOR, activations="sigmoid", learning_rate=0.2, epochs=300,
                   batch_size=1, shuffle=False)
    reference = fit_chapter(chapter_params(), XOR_X, T_XNOR, epochs=300)
    for k in reference:
        np.testing.assert_allclose(result.params[k], reference[k], rtol=0, atol=1e-13)


def test_train_result_and_determinism():
    params = network.init_params([2, 4, 1], seed=0)
    kw = dict(activations="sigmoid", learning_rate=1.0, epochs=50, batch_size=2)
    a, b = train(params, XOR_X, T_XOR, seed=3, **kw), train(params, XOR_X, T_XOR, seed=3, **kw)
    c = train(params, XOR_X, T_XOR, seed=4, **kw)
    assert isinstance(a, TrainResult) and a.loss_history.shape == (50,)
    np.testing.assert_array_equal(a.loss_history, b.loss_history)
    assert not np.array_equal(a.loss_history, c.loss_history)
    d = train(params, XOR_X, T_XOR, rng=np.random.default_rng(3), **kw)
    np.testing.assert_array_equal(a.loss_history, d.loss_history)
    np.testing.assert_array_equal(params["W1"], network.init_params([2, 4, 1], seed=0)["W1"])  # not modified


def test_train_learns_xor():
    result = train(network.init_params([2, 4, 1], seed=0), XOR_X, T_XOR, learning_rate=2.0, epochs=3000)
    assert result.loss_history[-1] < 0.01 < result.loss_history[0]
    assert accuracy(predict(result.params, XOR_X), T_XOR) == 1.0


def test_train_digits_64_128_10():
    datasets = pytest.importorskip("sklearn.datasets")
    digits = datasets.load_digits()
    X, y = digits.data / 16.0, digits.target
    params = network.init_params([64, 128, 10], seed=0)
    kw = dict(activations=["relu", "softmax"], loss="cross_entropy", learning_rate=0.5, epochs=10,
              batch_size=64, seed=0)
    r64 = train(params, X[:1437], y[:1437], **kw)
    r32 = train(params, X[:1437], y[:1437], dtype=np.float32, **kw)
    assert r64.params["W1"].dtype == np.float64 and r32.params["W1"].dtype == np.float32
    acc = accuracy(predict(r64.params, X[1437:], ["relu", "softmax"]), y[1437:])
    assert acc > 0.88          # the last 360 digits (other writers) after 10 epochs: 0.908
    np.testing.assert_allclose(r32.loss_history, r64.loss_history, rtol=1e-3)


def test_train_divergence_names_the_epoch():
    with pytest.raises(TrainingDiverged, match=r"diverged in epoch \d+: .*learning_rate=50.0.*smaller") as info:
        train(network.init_params([2, 8, 1], seed=0), XOR_X, T_XOR, activations=["relu", "linear"],
              learning_rate=50.0, epochs=500)
    assert 1 <= info.value.epoch <= 500


@pytest.mark.parametrize("kwargs, error, match", [
    ({"activations": ["sigmoid", "softmax"]}, ValueError, "softmax output layer needs loss='cross_entropy'"),
    ({"loss": "cross_entropy"}, ValueError, "needs a 'softmax' output layer"),
    ({"activations": "step"}, ValueError, "activation 'step' cannot be trained"),
    ({"learning_rate": -1.0}, ValueError, "learning_rate must be a positive number"),
    ({"epochs": 0}, ValueError, "epochs must be an integer >= 1"),
    ({"batch_size": 0}, ValueError, "batch_size must be an integer >= 1"),
    ({"batch_size": 2}, ValueError, "a seed .* or rng .* is required"),
    ({"dtype": np.float16}, ValueError, "dtype must be float64 or float32"),
    ({"shuffle": "yes"}, TypeError, "shuffle must be True or False"),
])
def test_train_validation(kwargs, error, match):
    args = dict(activations="sigmoid", learning_rate=0.5, epochs=2)
    args.update(kwargs)
    with pytest.raises(error, match=match):
        train(network.init_params([2, 2, 1], seed=0), XOR_X, T_XOR, **args)


def test_train_checks_data_shapes():
    params = network.init_params([2, 2, 1], seed=0)
    with pytest.raises(ValueError, match=r"T must be a 2-D array, got a 1-D array of shape \(4,\)"):
        train(params, XOR_X, [0, 1, 1, 0], learning_rate=0.5, epochs=1)
    with pytest.raises(ValueError, match=r"T must have shape \(4, 1\)"):
        train(params, XOR_X, [[0, 1, 1, 0]], learning_rate=0.5, epochs=1)
    with pytest.raises(ValueError, match="X must have 2 columns"):
        train(params, np.zeros((4, 3)), T_XOR, learning_rate=0.5, epochs=1)


def test_accuracy():
    assert accuracy([[0.9], [0.2], [0.6]], [[1], [0], [0]]) == pytest.approx(2 / 3)
    assert accuracy([[0.9], [0.2]], [1, 0]) == 1.0
    assert accuracy([[0.1, 0.9], [0.8, 0.2]], [[0, 1], [0, 1]]) == 0.5
    assert accuracy([[0.1, 0.9], [0.8, 0.2]], [1, 0]) == 1.0
    with pytest.raises(ValueError, match="one row per sample"):
        accuracy([[0.1], [0.2]], [1, 0, 1])

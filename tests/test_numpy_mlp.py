"""Tests of mlp_lessons.numpy_mlp: the chapter's loop (NumPy and plain floats) and train()."""

import numpy as np
import pytest

from mlp_lessons import network
from mlp_lessons.activations import ACTIVATIONS
from mlp_lessons.forward_pass import chapter_params, predict as chapter_predict
from mlp_lessons.numpy_mlp import (T_XNOR, T_XOR, XOR_X, TrainingDiverged, TrainResult, _FAST,
                                   accuracy, chapter_loop_source, fit_chapter, fit_chapter_numpy, predict,
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
    with pytest.raises(ValueError):
        XOR_X[0, 0] = 5.0                                     # read-only module data


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
    sig = lambda z: 1.0 / (1.0 + np.exp(-z).item())  # noqa: E731
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


def test_generated_loop_is_bit_identical_to_a_readable_reference():
    rng = np.random.default_rng(1)
    params = network.init_params([3, 2, 2], rng=rng)
    X, T = rng.normal(size=(5, 3)), rng.uniform(size=(5, 2))
    a = fit_chapter(params, X, T, epochs=40, learning_rate=0.3)
    b = reference_loop(params, X, T, 40, 0.3)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])


def test_loop_source_mirrors_the_chapter():
    src = chapter_loop_source(2, 2, 1)
    assert "Z2_0 = layer1_0 * W2_0_0 + layer1_1 * W2_1_0 + B2_0" in src
    assert "layer2_delta_0 = (layer2_0 - t_0) * (layer2_0 * (1 - layer2_0))" in src
    assert "W1_1_0 += -learning_rate * (x_1 * layer1_delta_0)" in src
    compile(chapter_loop_source(1, 3, 1), "<test>", "exec")          # 1-tuples unpack correctly


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

def test_fast_activations_match_the_registry_bit_for_bit():
    z = np.random.default_rng(0).normal(scale=5, size=(7, 5))
    z[0, :3] = [0.0, -800.0, 800.0]
    for name, (f, d_out) in _FAST.items():
        act = ACTIVATIONS[name]
        np.testing.assert_array_equal(f(z), act.f(z))
        np.testing.assert_array_equal(d_out(f(z)), act.deriv(z))


@pytest.mark.parametrize("batch_size, shuffle", [(None, True), (1, False), (3, True)])
@pytest.mark.parametrize("acts", ["sigmoid", ["tanh", "sigmoid"], ["relu", "linear"]])
def test_fast_engine_equals_the_network_engine(batch_size, shuffle, acts):
    params = network.init_params([2, 3, 1], seed=4)
    kw = dict(activations=acts, learning_rate=0.3, epochs=25, batch_size=batch_size, shuffle=shuffle, seed=7)
    fast = train(params, XOR_X, T_XOR, engine="fast", **kw)
    slow = train(params, XOR_X, T_XOR, engine="network", **kw)
    np.testing.assert_array_equal(fast.loss_history, slow.loss_history)
    for k in params:
        np.testing.assert_array_equal(fast.params[k], slow.params[k])


def test_fast_engine_equals_the_network_engine_with_cross_entropy():
    rng = np.random.default_rng(3)
    X, labels = rng.normal(size=(20, 5)), rng.integers(0, 3, size=20)
    params = network.init_params([5, 6, 3], seed=1)
    kw = dict(activations=["relu", "softmax"], loss="cross_entropy", learning_rate=0.1, epochs=5,
              batch_size=8, seed=0)
    fast, slow = train(params, X, labels, **kw), train(params, X, labels, engine="network", **kw)
    np.testing.assert_array_equal(fast.loss_history, slow.loss_history)
    for k in params:
        np.testing.assert_array_equal(fast.params[k], slow.params[k])


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
    ({"engine": "torch"}, ValueError, "engine must be 'fast' or 'network'"),
    ({"dtype": np.float16}, ValueError, "dtype must be float64 or float32"),
    ({"dtype": np.float32, "engine": "network"}, ValueError, "use engine='fast' for float32"),
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

r"""Numbers and experiments of the page "플레이그라운드" (``docs/playground.md``).

The page redoes the TensorFlow Playground tour of the chapter with the
package: data from :mod:`mlp_lessons.playground`, networks trained by
:func:`mlp_lessons.numpy_mlp.train` on top of :mod:`mlp_lessons.network`.
Every experiment here is seeded, so the page's numbers (:func:`numbers`, the
``{{ playground.<key> }}`` placeholders) and its figures
(:mod:`mlp_lessons.figures.playground`) come from the same trained models.

How a model is trained (:func:`fit`), exactly as the page's ``>>>`` examples do:

1. build the input features (:func:`mlp_lessons.playground.feature_map`) and
   divide each by a fixed scale (:data:`FEATURE_SCALE`: the coordinates lie in
   about :math:`[-5, 5]`, so ``x1 / 5`` is in about :math:`[-1, 1]`);
2. ``train(init_params(sizes, seed=...), F / scale, T, ...)``: full-batch
   gradient descent on the squared error, sigmoid output for classification,
   linear output for regression;
3. fold the scales into ``W1`` (:math:`(F/s) W_1 = F (W_1 / s)`), so the
   stored network takes raw features and its weights are those of the line
   :math:`w_1 x_1 + w_2 x_2 + b = 0` in the page's coordinates.

The lab page (``docs/playground_lab.md``) has no numbers module of its own: its numbers are
here too, under ``lab_*`` keys (``{{ playground.lab_* }}``), computed on the browser
playground's own data and first weights (:func:`mlp_lessons.playground.lab_data`,
:func:`~mlp_lessons.playground.lab_init_params`): the comparison with TensorFlow Playground's
partial-batch rule (:func:`tf_comparison`) and the answers of its check questions
(``lab_ex_*``, :func:`lab_one_step`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from mlp_lessons.network import _backward, _forward, init_params, loss_value, resolve_activations
from mlp_lessons.numpy_mlp import accuracy, predict, train
from mlp_lessons.playground import (DATASETS, feature_map, lab_data, lab_init_params, train_test_split,
                                    train_tf_playground, updates_per_epoch)
from mlp_lessons.loss import get_loss

__all__ = ["N_SAMPLES", "TEST_RATIO", "DATA_SEED", "SPLIT_SEED", "SEED_NO_HIDDEN", "SEED_HIDDEN",
           "LEARNING_RATE", "EPOCHS", "HIDDEN_UNITS", "PLANE_NOISE", "FEATURE_SCALE", "CLASSIFICATION",
           "Split", "Model", "split", "fit", "best_line_accuracy", "gaussians_model", "plane_model",
           "circle_models", "xor_no_hidden", "xor_hidden", "xor_activation_models", "overfit_model",
           "OVERFIT", "LAB", "LAB_TF_SETUPS", "lab_fragment", "tf_comparison", "lab_one_step", "numbers"]

#: Points per data set (the Playground shows a few hundred).
N_SAMPLES = 200
#: Fraction held out as test data (the Playground's default ratio is 50 %).
TEST_RATIO = 0.5
#: Seeds: data, train/test split, initial weights of the model without and with a 은닉층.
DATA_SEED, SPLIT_SEED, SEED_NO_HIDDEN, SEED_HIDDEN = 0, 1, 2, 3
#: 학습률 and number of epochs (full-batch gradient descent) of every experiment.
LEARNING_RATE = 0.5
EPOCHS = 3000
#: Units of the one hidden layer in "은닉층을 추가한 실습".
HIDDEN_UNITS = 4
#: Standard deviation of the noise on the regression target of the plane set.
PLANE_NOISE = 0.1
#: Fixed scale of each input feature (its typical size on data in [-5, 5]^2).
FEATURE_SCALE = {"x1": 5.0, "x2": 5.0, "x1^2": 25.0, "x2^2": 25.0, "x1x2": 25.0,
                 "sin x1": 1.0, "sin x2": 1.0}
#: The Playground's classification sets, in the order the chapter lists them.
CLASSIFICATION = ("circle", "xor", "gaussians", "spiral")


@dataclass(frozen=True)
class Split:
    """A data set split into training and test data (``y`` as 0/1 labels or regression targets)."""

    name: str
    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray


@dataclass(frozen=True)
class Model:
    """A trained network together with what it needs to make a prediction.

    ``params`` take raw features (the scales are folded into ``W1``);
    ``loss_history`` is the training loss per epoch
    (:attr:`mlp_lessons.numpy_mlp.TrainResult.loss_history`); ``test_loss``
    holds ``(epoch, test loss)`` pairs when :func:`fit` was asked to record them.
    """

    params: dict
    activations: tuple
    features: tuple
    loss_history: np.ndarray
    test_loss: tuple = ()

    def features_of(self, X) -> np.ndarray:
        """The model's input features of raw points ``X`` of shape (n, 2)."""
        return feature_map(X, self.features)

    def output(self, X) -> np.ndarray:
        """The network's output for raw points ``X`` (n, 2), shape (n,)."""
        return predict(self.params, self.features_of(X), list(self.activations))[:, 0]

    def accuracy(self, X, y) -> float:
        """Fraction of points of ``X`` whose class (output >= 0.5) is the label ``y``."""
        return accuracy(self.output(X).reshape(-1, 1), np.asarray(y).reshape(-1, 1))

    def loss(self, X, y) -> float:
        """Mean over samples of ½ (output − y)², the loss ``train`` minimises."""
        return float(0.5 * np.mean((self.output(X) - np.asarray(y, dtype=float)) ** 2))


def split(name: str, *, noise=None, n_samples=N_SAMPLES) -> Split:
    """Data set ``name`` of :data:`mlp_lessons.playground.DATASETS`, split 50:50 with the page's seeds.

    Examples
    --------
    >>> s = split("xor")
    >>> s.X_train.shape, s.X_test.shape
    ((100, 2), (100, 2))
    """
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; expected one of: {', '.join(DATASETS)}")
    kwargs = {} if noise is None else {"noise": noise}
    X, y = DATASETS[name](n_samples, seed=DATA_SEED, **kwargs)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_ratio=TEST_RATIO, seed=SPLIT_SEED)
    return Split(name, X_train, X_test, y_train, y_test)


def fit(X, y, *, hidden=(), activation="tanh", output="sigmoid", features=("x1", "x2"),
        seed, epochs=EPOCHS, learning_rate=LEARNING_RATE, record_every=None, test=None) -> Model:
    """Train a network on raw points ``X`` (n, 2) with labels/targets ``y`` (n,).

    Parameters
    ----------
    hidden : sequence of int
        Units per hidden layer; ``()`` is a network without a 은닉층.
    activation : str
        The hidden layers' activation function.
    output : {"sigmoid", "linear"}
        Sigmoid for classification (0/1 labels), linear for regression.
    features : sequence of str
        Input features (names of :data:`mlp_lessons.playground.FEATURES`).
    seed : int
        Seed of the initial weights (``init_params(sizes, seed=seed)``).
    record_every : int, optional
        With ``test = (X_test, y_test)``: train in chunks of this many epochs
        and record the test loss after each chunk.  Full-batch descent without
        shuffling, so the result is the same as one uninterrupted run.

    Examples
    --------
    >>> s = split("gaussians")
    >>> m = fit(s.X_train, s.y_train, seed=SEED_NO_HIDDEN, epochs=200)
    >>> m.accuracy(s.X_test, s.y_test) > 0.9
    True
    """
    features = tuple(features)
    unknown = [f for f in features if f not in FEATURE_SCALE]
    if unknown:
        raise ValueError(f"unknown feature(s) {unknown}; expected names from: {', '.join(FEATURE_SCALE)}")
    scale = np.array([FEATURE_SCALE[f] for f in features])
    F = feature_map(X, features) / scale
    T = np.asarray(y, dtype=float).reshape(-1, 1)
    hidden = tuple(int(h) for h in hidden)
    activations = (activation,) * len(hidden) + (output,)
    params = init_params([len(features), *hidden, 1], seed=seed)
    chunks = [epochs] if record_every is None else [record_every] * (epochs // record_every)
    if sum(chunks) != epochs:
        raise ValueError(f"epochs ({epochs}) must be a multiple of record_every ({record_every})")
    history, test_loss = [], []
    done = 0
    for n in chunks:
        result = train(params, F, T, activations=list(activations), learning_rate=learning_rate, epochs=n)
        params, done = result.params, done + n
        history.append(result.loss_history)
        if test is not None and record_every is not None:
            probe = Model(_unscale(params, scale), activations, features, np.empty(0))
            test_loss.append((done, probe.loss(*test)))
    return Model(_unscale(params, scale), activations, features, np.concatenate(history), tuple(test_loss))


def _unscale(params: dict, scale: np.ndarray) -> dict:
    """Fold the input scales into W1: (F / s) W1 = F (W1 / s)."""
    return dict(params, W1=params["W1"] / scale[:, None])


def best_line_accuracy(X, y, n_angles: int = 1800) -> float:
    """The best accuracy any straight line :math:`w_1 x_1 + w_2 x_2 + b = 0` reaches on ``(X, y)``.

    For each of ``n_angles`` directions of the normal :math:`(w_1, w_2)` the
    points are sorted by their projection and every threshold between two of
    them is tried, with either side called class 1.  (A finer set of
    directions can only find an equal or better line.)

    Examples
    --------
    >>> best_line_accuracy([[0, 0], [1, 1], [0, 1], [1, 0]], [0, 0, 1, 1])   # XOR: 3 of 4 at best
    0.75
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y).reshape(-1)
    best = 0.0
    for angle in np.linspace(0.0, np.pi, n_angles, endpoint=False):
        order = np.argsort(X @ np.array([np.cos(angle), np.sin(angle)]), kind="stable")
        labels = y[order]
        zeros_below = np.concatenate([[0], np.cumsum(labels == 0)])
        ones_above = np.sum(labels == 1) - np.concatenate([[0], np.cumsum(labels == 1)])
        correct = (zeros_below + ones_above) / len(y)     # class 1 above the threshold
        best = max(best, float(correct.max()), float((1.0 - correct).max()))
    return best


# --- the page's experiments ------------------------------------------------------

def gaussians_model() -> tuple[Split, Model]:
    """「선형 분리 가능한 입력 데이터」: two Gaussian clouds, a network without a hidden layer."""
    s = split("gaussians")
    return s, fit(s.X_train, s.y_train, seed=SEED_NO_HIDDEN)


def plane_model() -> tuple[Split, Model]:
    """「문제 유형: 회귀」: the plane data, a network without a hidden layer and a linear output."""
    s = split("plane", noise=PLANE_NOISE)
    return s, fit(s.X_train, s.y_train, output="linear", seed=SEED_NO_HIDDEN)


def circle_models() -> tuple[Split, Model, Model]:
    """「입력 특징 선택」: the circle set without a hidden layer, on (x1, x2) and on (x1², x2²)."""
    s = split("circle")
    raw = fit(s.X_train, s.y_train, seed=SEED_NO_HIDDEN)
    squared = fit(s.X_train, s.y_train, features=("x1^2", "x2^2"), seed=SEED_NO_HIDDEN)
    return s, raw, squared


def xor_no_hidden() -> tuple[Split, Model]:
    """「은닉층 없이 분류 실습」: XOR, a 2-1 network (one straight boundary)."""
    s = split("xor")
    return s, fit(s.X_train, s.y_train, seed=SEED_NO_HIDDEN, record_every=50, test=(s.X_test, s.y_test))


def xor_hidden(activation: str = "tanh") -> tuple[Split, Model]:
    """「은닉층을 추가한 실습」: XOR, a 2-4-1 network (tanh hidden units, as the Playground's default)."""
    s = split("xor")
    return s, fit(s.X_train, s.y_train, hidden=(HIDDEN_UNITS,), activation=activation,
                  seed=SEED_HIDDEN, record_every=50, test=(s.X_test, s.y_test))


def xor_activation_models() -> dict[str, Model]:
    """「활성화 함수 선택」: the 2-4-1 XOR network trained with each hidden activation."""
    s = split("xor")
    return {act: fit(s.X_train, s.y_train, hidden=(HIDDEN_UNITS,), activation=act, seed=SEED_HIDDEN)
            for act in ("tanh", "relu", "sigmoid", "linear")}


#: 「학습 완료」 (when to stop): a noisy XOR with few points and a large network, so the
#: test loss has a lowest point and then rises while the training loss keeps falling.
OVERFIT = {"dataset": "xor", "noise": 1.5, "n_samples": 60, "hidden": (8, 8), "epochs": 6000,
           "record_every": 50}


def overfit_model() -> tuple[Split, Model]:
    """「학습 완료」: the noisy XOR of :data:`OVERFIT`, 2-8-8-1 tanh, test loss recorded every 50 epochs."""
    s = split(OVERFIT["dataset"], noise=OVERFIT["noise"], n_samples=OVERFIT["n_samples"])
    return s, fit(s.X_train, s.y_train, hidden=OVERFIT["hidden"], seed=SEED_HIDDEN, epochs=OVERFIT["epochs"],
                  record_every=OVERFIT["record_every"], test=(s.X_test, s.y_test))


@functools.lru_cache(maxsize=1)
def _overfit_numbers() -> dict[str, float | int | str]:
    s, m = overfit_model()
    done, test = np.array([e for e, _ in m.test_loss]), np.array([v for _, v in m.test_loss])
    best = int(np.argmin(test))
    return {
        "overfit_noise": OVERFIT["noise"], "overfit_n_train": len(s.X_train), "overfit_n_test": len(s.X_test),
        "overfit_hidden": "-".join(str(h) for h in OVERFIT["hidden"]), "overfit_epochs": OVERFIT["epochs"],
        "overfit_record_every": OVERFIT["record_every"],
        "overfit_best_epoch": int(done[best]), "overfit_best_test_loss": float(test[best]),
        "overfit_train_loss_at_best": float(m.loss_history[done[best] - 1]),
        "overfit_final_test_loss": float(test[-1]), "overfit_final_train_loss": float(m.loss_history[-1]),
        "overfit_first_train_loss": float(m.loss_history[0]),
    }


# --- the playground lab (docs/playground_lab.md): numbers of the browser playground ---------

#: The lab's default setup (``DEFAULTS`` of ``docs/javascripts/playground/state.js``) as far as the
#: comparisons below need it: the seed, the hidden layers, tanh everywhere, the learning rate.
LAB = {"seed": 1, "layers": (4, 2), "act": "tanh", "lr": 0.03, "epochs": 100}

#: Where this playground and TensorFlow Playground differ (a partial last batch): the default
#: setup with batch size 3 (250 training points = 83 batches of 3 and one point left over), and
#: XOR with 10 % training points (50) and batch size 30 (one full batch and 20 points left over).
LAB_TF_SETUPS = {"default": {"data": "circle", "ratio": 50, "batch": 3},
                 "small": {"data": "xor", "ratio": 10, "batch": 30}}


def lab_fragment(data: str, ratio: int, batch: int, layers=LAB["layers"]) -> str:
    """The lab's address fragment for a setup (what ``serializeState`` of ``state.js`` writes).

    >>> lab_fragment("circle", 50, 3)
    'problem=classification&data=circle&noise=0&ratio=50&batch=3&seed=1&features=x1,x2&layers=4,2&act=tanh&lr=0.03&reg=none&regRate=0&test=0'
    """
    return (f"problem=classification&data={data}&noise=0&ratio={ratio}&batch={batch}&seed={LAB['seed']}"
            f"&features=x1,x2&layers={','.join(str(n) for n in layers)}&act={LAB['act']}&lr={LAB['lr']}"
            f"&reg=none&regRate=0&test=0")


def tf_comparison() -> dict[str, float | int | str]:
    """The lab's table 「텐서플로 플레이그라운드와 다른 점」: each setup of :data:`LAB_TF_SETUPS`
    trained :data:`LAB` ``["epochs"]`` epochs from the same first weights, by this playground's rule
    (:func:`mlp_lessons.numpy_mlp.train`, the partial batch updates too) and by TensorFlow
    Playground's (:func:`mlp_lessons.playground.train_tf_playground`); keys ``lab_tf_<setup>_*``.
    The losses are the training loss the playground shows (mean of ½(y − t)²).
    """
    out: dict[str, float | int | str] = {"lab_tf_epochs": LAB["epochs"], "lab_tf_lr": LAB["lr"],
                                         "lab_tf_layers": ", ".join(str(n) for n in LAB["layers"])}
    sizes = [2, *LAB["layers"], 1]
    acts = [LAB["act"]] * (len(LAB["layers"]) + 1)
    for name, setup in LAB_TF_SETUPS.items():
        d = lab_data(setup["data"], seed=LAB["seed"], ratio=setup["ratio"])
        p0 = lab_init_params(sizes, LAB["seed"])
        ours = train(p0, d.X_train, d.T_train, activations=acts, learning_rate=LAB["lr"], epochs=LAB["epochs"],
                     batch_size=setup["batch"], shuffle=False).params
        tf = train_tf_playground(p0, d.X_train, d.T_train, activations=acts, learning_rate=LAB["lr"],
                                 batch_size=setup["batch"], epochs=LAB["epochs"])
        n = len(d.X_train)
        loss_ours = loss_value(ours, d.X_train, d.T_train, acts)
        loss_tf = loss_value(tf.params, d.X_train, d.T_train, acts)
        out.update({
            f"lab_tf_{name}_fragment": lab_fragment(setup["data"], setup["ratio"], setup["batch"]),
            f"lab_tf_{name}_href": lab_fragment(setup["data"], setup["ratio"], setup["batch"]).replace("&", "&amp;"),
            f"lab_tf_{name}_data": setup["data"], f"lab_tf_{name}_ratio": setup["ratio"],
            f"lab_tf_{name}_batch": setup["batch"], f"lab_tf_{name}_n_train": n,
            f"lab_tf_{name}_left_over": n % setup["batch"],
            f"lab_tf_{name}_updates_ours": updates_per_epoch(n, setup["batch"], "update"),
            f"lab_tf_{name}_updates_tf": updates_per_epoch(n, setup["batch"], "carry"),
            f"lab_tf_{name}_total_updates_tf": tf.updates,
            f"lab_tf_{name}_loss_ours": loss_ours, f"lab_tf_{name}_loss_tf": loss_tf,
            f"lab_tf_{name}_loss_gap": abs(loss_tf - loss_ours),
        })
    return out


#: The lab's check questions: (1) updates per epoch for 30 % of the 500 points and batch 7;
#: (2) one step on training point 1 of the experiment 「XOR, 은닉층 1개」 before any training;
#: (3) the reader's own data with fewer training points than the batch size.
LAB_EXERCISE_UPDATES = {"ratio": 30, "batch": 7, "n_points": 500}
LAB_EXERCISE_STEP = {"data": "xor", "ratio": 50, "layers": (4,), "sample": 1}
LAB_EXERCISE_OWN = {"n_points": 16, "ratio": 50, "batch": 10}


def lab_one_step(data: str = "xor", ratio: int = 50, layers=(4,), sample: int = 1) -> dict[str, float]:
    """The lab's 「한 단계 자세히」 panel for training point ``sample`` (1-based) before any training.

    The network has tanh hidden units and a tanh output (labels −1/+1), the lab's first weights
    for seed :data:`LAB` ``["seed"]`` and learning rate ``LAB["lr"]``; returns the output ``y``, the
    target ``t``, the loss ``½(y − t)²``, the output delta, the output bias change ``ΔB = −η δ``,
    and the output ``y`` after that one update is applied.
    """
    d = lab_data(data, seed=LAB["seed"], ratio=ratio)
    sizes = [2, *layers, 1]
    acts = resolve_activations(["tanh"] * (len(layers) + 1), len(layers) + 1)
    params = lab_init_params(sizes, LAB["seed"])
    x, t = d.X_train[sample - 1:sample], d.T_train[sample - 1:sample]
    fwd = _forward(params, x, acts)
    bwd = _backward(params, fwd, t, acts, get_loss("sse"))
    L = len(acts)
    new = {k: v - LAB["lr"] * bwd.grads[k] for k, v in params.items()}
    y, target = float(fwd.output[0, 0]), float(t[0, 0])
    return {"x1": float(x[0, 0]), "x2": float(x[0, 1]), "t": target, "y": y, "E": 0.5 * (y - target) ** 2,
            "delta_out": float(bwd.deltas[-1][0, 0]), "dB_out": float(-LAB["lr"] * bwd.grads[f"B{L}"][0]),
            "y_after": float(_forward(new, x, acts).output[0, 0])}


def _lab_exercises() -> dict[str, float | int | str]:
    """The answers of the lab page's check questions (keys ``lab_ex_*``)."""
    u = LAB_EXERCISE_UPDATES
    n = int(np.floor(u["n_points"] * u["ratio"] / 100 + 0.5))
    step = lab_one_step(LAB_EXERCISE_STEP["data"], LAB_EXERCISE_STEP["ratio"], LAB_EXERCISE_STEP["layers"],
                        LAB_EXERCISE_STEP["sample"])
    own = LAB_EXERCISE_OWN
    n_own = int(np.floor(own["n_points"] * own["ratio"] / 100 + 0.5))
    out: dict[str, float | int | str] = {
        "lab_ex_n_points": u["n_points"], "lab_ex_ratio": u["ratio"], "lab_ex_batch": u["batch"], "lab_ex_n_train": n,
        "lab_ex_updates_ours": updates_per_epoch(n, u["batch"], "update"),
        "lab_ex_updates_tf": updates_per_epoch(n, u["batch"], "carry"),
        "lab_ex_left_over": n % u["batch"],
        "lab_ex_step_fragment": lab_fragment(LAB_EXERCISE_STEP["data"], LAB_EXERCISE_STEP["ratio"], 10,
                                             LAB_EXERCISE_STEP["layers"]),
        "lab_ex_step_href": lab_fragment(LAB_EXERCISE_STEP["data"], LAB_EXERCISE_STEP["ratio"], 10,
                                         LAB_EXERCISE_STEP["layers"]).replace("&", "&amp;"),
        "lab_ex_step_sample": LAB_EXERCISE_STEP["sample"],
        "lab_ex_own_n_points": own["n_points"], "lab_ex_own_ratio": own["ratio"],
        "lab_ex_own_n_train": n_own, "lab_ex_own_batch": own["batch"],
        "lab_ex_own_updates_ours": updates_per_epoch(n_own, own["batch"], "update"),
        "lab_ex_own_updates_tf": updates_per_epoch(n_own, own["batch"], "carry"),
    }
    out.update({f"lab_ex_step_{k}": v for k, v in step.items()})
    return out


def numbers() -> dict[str, float | int | str]:
    """Every number the page shows, by placeholder key (``{{ playground.<key> }}``).

    Accuracies are fractions (show them with ``:.0%``); losses are the mean
    of ½ (y − t)² over the samples.

    Examples
    --------
    >>> n = numbers()
    >>> n["xor_no_hidden_test_accuracy"] <= 0.65 < 0.9 <= n["xor_hidden_test_accuracy"]
    True
    """
    out: dict[str, float | int | str] = {
        "n_samples": N_SAMPLES, "test_ratio": TEST_RATIO, "epochs": EPOCHS,
        "learning_rate": LEARNING_RATE, "hidden_units": HIDDEN_UNITS, "plane_noise": PLANE_NOISE,
        "data_seed": DATA_SEED, "split_seed": SPLIT_SEED,
        "seed_no_hidden": SEED_NO_HIDDEN, "seed_hidden": SEED_HIDDEN,
    }
    s, m = gaussians_model()
    out.update(n_train=len(s.X_train), n_test=len(s.X_test),
               gauss_w1=float(m.params["W1"][0, 0]), gauss_w2=float(m.params["W1"][1, 0]),
               gauss_b=float(m.params["B1"][0]),
               gauss_test_accuracy=m.accuracy(s.X_test, s.y_test))

    s, m = plane_model()
    out.update(plane_w1=float(m.params["W1"][0, 0]), plane_w2=float(m.params["W1"][1, 0]),
               plane_b=float(m.params["B1"][0]), plane_test_loss=m.loss(s.X_test, s.y_test),
               plane_noise_loss=0.5 * PLANE_NOISE ** 2)

    s, raw, squared = circle_models()
    w1, w2, b = float(squared.params["W1"][0, 0]), float(squared.params["W1"][1, 0]), float(squared.params["B1"][0])
    out.update(circle_raw_test_accuracy=raw.accuracy(s.X_test, s.y_test),
               circle_squared_test_accuracy=squared.accuracy(s.X_test, s.y_test),
               circle_w1=w1, circle_w2=w2, circle_b=b,
               circle_radius=float(np.sqrt(-b / ((w1 + w2) / 2))))

    s, m = xor_no_hidden()
    grid = np.stack(np.meshgrid(np.linspace(-6, 6, 61), np.linspace(-6, 6, 61)), axis=-1).reshape(-1, 2)
    out_grid = m.output(grid)
    out.update(xor_no_hidden_test_accuracy=m.accuracy(s.X_test, s.y_test),
               xor_no_hidden_train_accuracy=m.accuracy(s.X_train, s.y_train),
               xor_no_hidden_train_loss=float(m.loss_history[-1]),
               xor_no_hidden_test_loss=m.loss(s.X_test, s.y_test),
               xor_no_hidden_out_min=float(out_grid.min()), xor_no_hidden_out_max=float(out_grid.max()),
               xor_best_line_test_accuracy=best_line_accuracy(s.X_test, s.y_test),
               chance_loss=0.5 * 0.5 ** 2,
               coin_flip_se=float(np.sqrt(0.5 * 0.5 / len(s.X_test))))

    s, m = xor_hidden()
    below = np.flatnonzero(m.loss_history < 0.05)
    out.update(xor_hidden_test_accuracy=m.accuracy(s.X_test, s.y_test),
               xor_hidden_train_accuracy=m.accuracy(s.X_train, s.y_train),
               xor_hidden_train_loss=float(m.loss_history[-1]),
               xor_hidden_test_loss=m.loss(s.X_test, s.y_test),
               xor_hidden_first_loss=float(m.loss_history[0]),
               xor_hidden_epoch_below_005=int(below[0]) + 1 if below.size else -1)

    for act, model in xor_activation_models().items():
        out[f"xor_{act}_test_accuracy"] = model.accuracy(s.X_test, s.y_test)
        out[f"xor_{act}_train_loss"] = float(model.loss_history[-1])
    out.update(dict(_overfit_numbers()))
    out.update(_exercises())
    out.update(tf_comparison())
    out.update(_lab_exercises())
    return out


#: 「확인 문제」 (Check yourself): layer sizes whose weights and biases the reader counts, and a
#: point the circle model (features x1², x2², no 은닉층) classifies.
EXERCISE_SIZES = {"no_hidden": (2, 1), "hidden": (2, HIDDEN_UNITS, 1), "two_hidden": (2, HIDDEN_UNITS, HIDDEN_UNITS, 1)}
EXERCISE_POINT = (3.0, 2.0)


def _exercises() -> dict[str, float | int]:
    """The answers of the page's check questions (keys ``ex_*``)."""
    out: dict[str, float | int] = {}
    for name, sizes in EXERCISE_SIZES.items():
        out[f"ex_n_params_{name}"] = sum(int(a.size) for a in init_params(list(sizes), seed=0).values())
    _, _, squared = circle_models()
    u = squared.features_of([EXERCISE_POINT])                   # (x1², x2²)
    out["ex_point_net"] = float((u @ squared.params["W1"] + squared.params["B1"])[0, 0])
    out["ex_point_out"] = float(squared.output([EXERCISE_POINT])[0])
    out["ex_point_inside"] = int(out["ex_point_out"] >= 0.5)
    over = _overfit_numbers()
    out["ex_overfit_test_ratio"] = over["overfit_final_test_loss"] / over["overfit_best_test_loss"]
    out["ex_overfit_train_ratio"] = over["overfit_train_loss_at_best"] / over["overfit_final_train_loss"]
    return out

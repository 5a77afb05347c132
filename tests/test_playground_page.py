"""Tests of the page "플레이그라운드": its numbers (mlp_lessons.pages.playground) and figures.

The page's ``>>>`` examples are run by Sybil (``pytest docs/playground.md``);
here we check what the page shows through placeholders and images, and that
the experiments behind them say what the page says.

Thresholds (also explained on the page, in the note under 「은닉층을 추가한 실습」):

* XOR without a hidden layer: test accuracy <= 0.65.  Chance is 0.5; the
  standard error of a coin-flip accuracy on 100 test points is
  sqrt(0.25 / 100) = 0.05, and 0.65 is three of them above chance.
* XOR with one hidden layer: test accuracy >= 0.9.  The classes keep 0.3 away
  from the axes (mlp_lessons.playground.make_xor), so a boundary exists that
  classifies every point; 0.9 leaves room for a few points next to the axes.
* No straight line does well on XOR: the best line over the test set stays
  <= 0.8 (on the whole distribution it is about 0.69; a line chosen on 100
  points gains some by chance).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

from mlp_lessons.activations import collapse_linear, sigmoid
from mlp_lessons.figures import lesson_style, render_svg
from mlp_lessons.figures import playground as figs
from mlp_lessons.network import init_params
from mlp_lessons.numpy_mlp import accuracy, predict, train
from mlp_lessons.pages import PLACEHOLDER, fill
from mlp_lessons.pages import playground as page
from mlp_lessons.playground import make_xor, train_test_split

PAGE = Path(__file__).resolve().parents[1] / "docs" / "playground.md"


@pytest.fixture(scope="module")
def numbers():
    return page.numbers()


@pytest.fixture(scope="module")
def xor_split():
    X, y = make_xor(page.N_SAMPLES, seed=page.DATA_SEED)
    return train_test_split(X, y, test_ratio=page.TEST_RATIO, seed=page.SPLIT_SEED)


# --- placeholders ---------------------------------------------------------------

def test_every_placeholder_on_the_page_has_a_number(numbers):
    text = PAGE.read_text(encoding="utf-8")
    found = list(PLACEHOLDER.finditer(text))
    assert len(found) >= 30
    assert {m["lesson"] for m in found} == {"playground"}
    filled = fill(text, {"playground": numbers}, where=str(PAGE))
    assert "{{" not in filled


def test_numbers_are_plain_python_values(numbers):
    for key, value in numbers.items():
        assert type(value) in (float, int, str), (key, type(value))


def test_page_has_the_sections_other_pages_link_to():
    text = PAGE.read_text(encoding="utf-8")
    for anchor in ("our-playground", "xor-no-hidden", "xor-hidden", "input-features", "problem-type",
                   "hidden-layers"):
        assert "{#" + anchor + "}" in text, anchor
    # the tour ends by pointing to our own playground and every prepared experiment
    section = text.split("{#our-playground}", 1)[1]
    for experiment in ("exp-separable", "exp-xor-no-hidden", "exp-xor-hidden", "exp-circle-linear",
                       "exp-circle-squares", "exp-lr-diverge"):
        assert f"playground_lab.md#{experiment}" in section, experiment


# --- the experiments -----------------------------------------------------------------

def test_split_sizes(numbers):
    assert numbers["n_train"] == numbers["n_test"] == page.N_SAMPLES // 2 == 100


def test_xor_numbers_match_the_pages_code(numbers, xor_split):
    """The page's >>> examples (train on X/5) give the numbers its prose shows."""
    X_train, X_test, y_train, y_test = xor_split
    T = y_train.reshape(-1, 1)
    no_hidden = train(init_params([2, 1], seed=page.SEED_NO_HIDDEN), X_train / 5, T, activations="sigmoid",
                      learning_rate=page.LEARNING_RATE, epochs=page.EPOCHS)
    hidden = train(init_params([2, page.HIDDEN_UNITS, 1], seed=page.SEED_HIDDEN), X_train / 5, T,
                   activations=["tanh", "sigmoid"], learning_rate=page.LEARNING_RATE, epochs=page.EPOCHS)
    assert accuracy(predict(no_hidden.params, X_test / 5, "sigmoid"), y_test) == \
        numbers["xor_no_hidden_test_accuracy"]
    assert accuracy(predict(hidden.params, X_test / 5, ["tanh", "sigmoid"]), y_test) == \
        numbers["xor_hidden_test_accuracy"]
    assert float(no_hidden.loss_history[-1]) == pytest.approx(numbers["xor_no_hidden_train_loss"], abs=1e-12)
    assert float(hidden.loss_history[-1]) == pytest.approx(numbers["xor_hidden_train_loss"], abs=1e-12)


def test_xor_needs_a_hidden_layer(numbers):
    assert numbers["coin_flip_se"] == pytest.approx(0.05)
    assert 0.5 + 3 * numbers["coin_flip_se"] == pytest.approx(0.65)
    assert numbers["xor_no_hidden_test_accuracy"] <= 0.65
    assert numbers["xor_hidden_test_accuracy"] >= 0.9
    assert numbers["xor_hidden_train_accuracy"] >= 0.9


def test_no_line_solves_xor(numbers):
    best = numbers["xor_best_line_test_accuracy"]
    assert best <= 0.8
    assert numbers["xor_no_hidden_test_accuracy"] <= best


def test_xor_without_hidden_layer_stays_at_chance_loss(numbers):
    assert numbers["chance_loss"] == 0.125
    assert numbers["xor_no_hidden_train_loss"] >= 0.125 - 0.01
    assert numbers["xor_no_hidden_test_loss"] >= 0.125 - 0.01
    assert 0.4 < numbers["xor_no_hidden_out_min"] < 0.5 < numbers["xor_no_hidden_out_max"] < 0.6
    assert numbers["xor_hidden_train_loss"] < 0.02 and numbers["xor_hidden_test_loss"] < 0.02
    assert numbers["xor_hidden_first_loss"] > 0.1
    assert 1 <= numbers["xor_hidden_epoch_below_005"] < page.EPOCHS


def test_gaussians_are_separated_by_a_line(numbers):
    assert numbers["gauss_test_accuracy"] >= 0.95
    # the clouds sit at (2, 2) and (-2, -2): the normal of the line points along (1, 1), through the origin
    assert numbers["gauss_w1"] > 0 and numbers["gauss_w2"] > 0
    distance_from_origin = abs(numbers["gauss_b"]) / np.hypot(numbers["gauss_w1"], numbers["gauss_w2"])
    assert distance_from_origin < 0.3


def test_plane_regression_recovers_the_plane(numbers):
    assert numbers["plane_w1"] == pytest.approx(0.1, abs=0.01)
    assert numbers["plane_w2"] == pytest.approx(0.1, abs=0.01)
    assert abs(numbers["plane_b"]) < 0.02
    assert numbers["plane_noise_loss"] == pytest.approx(0.5 * 0.1 ** 2)
    assert 0.5 * numbers["plane_noise_loss"] < numbers["plane_test_loss"] < 2 * numbers["plane_noise_loss"]


def test_circle_is_separable_with_squared_features(numbers):
    assert numbers["circle_raw_test_accuracy"] <= 0.65
    assert numbers["circle_squared_test_accuracy"] >= 0.95
    assert 2.5 < numbers["circle_radius"] < 3.5
    assert numbers["circle_w1"] < 0 and numbers["circle_w2"] < 0 < numbers["circle_b"]


def test_activation_choice(numbers):
    assert numbers["xor_tanh_test_accuracy"] == numbers["xor_hidden_test_accuracy"]
    assert numbers["xor_relu_test_accuracy"] >= 0.9
    assert numbers["xor_linear_test_accuracy"] <= 0.65
    # sigmoid learns more slowly than tanh in the same epochs (its derivative is at most 1/4)
    assert numbers["xor_sigmoid_train_loss"] > numbers["xor_tanh_train_loss"]


def test_linear_hidden_layer_is_one_straight_line():
    """A hidden layer with a linear activation collapses to one layer: sigmoid(X W + b)."""
    s = page.split("xor")
    model = page.xor_activation_models()["linear"]
    p = model.params
    W, b = collapse_linear([p["W1"], p["W2"]], [p["B1"], p["B2"]])
    P = np.random.default_rng(0).uniform(-6, 6, size=(50, 2))
    np.testing.assert_allclose(model.output(P), sigmoid(P @ W + b)[:, 0], rtol=0, atol=1e-12)
    assert model.accuracy(s.X_test, s.y_test) <= page.best_line_accuracy(s.X_test, s.y_test)


def test_recording_test_loss_does_not_change_training():
    s = page.split("xor")
    chunked = page.fit(s.X_train, s.y_train, hidden=(4,), seed=3, epochs=200, record_every=50,
                       test=(s.X_test, s.y_test))
    whole = page.fit(s.X_train, s.y_train, hidden=(4,), seed=3, epochs=200)
    for key in whole.params:
        np.testing.assert_array_equal(chunked.params[key], whole.params[key])
    np.testing.assert_array_equal(chunked.loss_history, whole.loss_history)
    assert [e for e, _ in chunked.test_loss] == [50, 100, 150, 200]
    assert chunked.test_loss[-1][1] == pytest.approx(whole.loss(s.X_test, s.y_test), abs=1e-15)


def test_folded_scale_gives_the_same_output():
    """Model.params take raw features: predicting on X equals the scaled network on X/5."""
    s = page.split("gaussians")
    T = s.y_train.reshape(-1, 1)
    scaled = train(init_params([2, 1], seed=2), s.X_train / 5, T, activations="sigmoid",
                   learning_rate=0.5, epochs=100).params
    model = page.fit(s.X_train, s.y_train, seed=2, epochs=100)
    np.testing.assert_allclose(model.output(s.X_test), predict(scaled, s.X_test / 5)[:, 0], rtol=0, atol=1e-12)


def test_best_line_accuracy():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    assert page.best_line_accuracy(X, (X @ [1.0, -2.0] + 0.3 > 0).astype(int)) == 1.0
    assert page.best_line_accuracy(X, (X @ [1.0, -2.0] + 0.3 < 0).astype(int)) == 1.0  # either side
    assert page.best_line_accuracy([[0, 0], [1, 1], [0, 1], [1, 0]], [0, 0, 1, 1]) == 0.75


def test_fit_rejects_unknown_features():
    with pytest.raises(ValueError, match="unknown feature"):
        page.fit([[0.0, 0.0]], [0], features=("x3",), seed=0)
    with pytest.raises(ValueError, match="unknown data set"):
        page.split("moons")


# --- figures ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered():
    """Every figure drawn once in the lesson style: {name: (figure facts, svg bytes, warnings)}."""
    out = {}
    with lesson_style():
        for name, func in figs.FIGURES.items():
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                fig = func()
                facts = {"type": type(fig), "axes": fig.get_axes(),
                         "titles": [ax.get_title() for ax in fig.get_axes()],
                         "lines": [list(ax.get_lines()) for ax in fig.get_axes()]}
                svg = render_svg(fig)
            out[name] = (facts, svg, [str(w.message) for w in caught])
    return out


def test_datasets_figure_shows_the_four_sets(rendered):
    facts, _, _ = rendered["datasets"]
    assert facts["titles"] == [figs.TITLES[n] for n in page.CLASSIFICATION]
    for lines in facts["lines"]:
        assert sum(len(line.get_xdata()) for line in lines) == page.N_SAMPLES


def test_separable_line_lies_on_the_boundary(rendered):
    facts, _, _ = rendered["separable_line"]
    _, model = page.gaussians_model()
    boundary = [line for line in facts["lines"][0] if line.get_linestyle() == "-"][0]
    P = np.column_stack([boundary.get_xdata(), boundary.get_ydata()])
    np.testing.assert_allclose(model.output(P), 0.5, atol=1e-9)


def test_xor_figures_show_the_pages_accuracies(rendered, numbers):
    for name, key in (("xor_no_hidden", "xor_no_hidden_test_accuracy"), ("xor_hidden", "xor_hidden_test_accuracy")):
        title = rendered[name][0]["titles"][0]
        assert f"{numbers[key]:.0%}" in title, (name, title)


def test_hidden_units_figure_has_one_panel_per_unit(rendered):
    titles = rendered["hidden_units"][0]["titles"]
    assert titles == [f"은닉 유닛 {j}" for j in range(1, page.HIDDEN_UNITS + 1)] + ["출력 유닛"]


def test_loss_curve_has_train_and_test_curves(rendered):
    lines = rendered["loss_curve"][0]["lines"][0]
    curves = [line for line in lines if len(line.get_xdata()) > 2]
    assert len(curves) == 4
    assert max(len(line.get_xdata()) for line in curves) == page.EPOCHS


def test_split_figure_shows_train_and_test(rendered):
    titles = rendered["split"][0]["titles"]
    assert titles == ["학습 데이터 (100개)", "테스트 데이터 (100개)"]


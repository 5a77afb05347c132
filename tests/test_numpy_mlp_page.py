"""Tests of the page "넘파이로 MLP 구현": its chapter code, numbers and figures.

The page's ``>>>`` examples are run by Sybil (``pytest docs/numpy_mlp.md``);
the package is tested in ``tests/test_numpy_mlp.py`` (which also checks that
``fit_chapter`` for 90000 epochs reproduces the chapter's printed outputs:
``test_fit_chapter_reproduces_the_chapter_to_8_decimals``).  Here:

* the page's full chapter program (the block after ``<!-- chapter-code: numpy_mlp -->``)
  is executed with its 90000 epochs replaced by a few hundred, and must give
  exactly what ``fit_chapter_numpy`` gives (and ``fit_chapter`` to 1e-12);
* the numbers the page shows through placeholders match the chapter's
  printed values and independent computations;
* the figures render small, deterministic, without missing glyphs, and draw
  what the page says.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import numpy as np
import pytest

from mlp_lessons.figures import numpy_mlp as figs
from mlp_lessons.forward_pass import chapter_params, chapter_test_table, format_test_table
from mlp_lessons.loss import sse
from mlp_lessons.numpy_mlp import T_XNOR, T_XOR, XOR_X, fit_chapter, fit_chapter_numpy, predict, train
from mlp_lessons.pages import PLACEHOLDER, fill
from mlp_lessons.pages import numpy_mlp as page
from mlp_lessons.pages.forward_pass import numbers as forward_pass_numbers

PAGE = Path(__file__).resolve().parents[1] / "docs" / "numpy_mlp.md"
MARKER = "<!-- chapter-code: numpy_mlp -->"
SHORT = 300          # epochs for running the page's program in a test


def chapter_program() -> str:
    """The ```python block right after the marker on the page."""
    text = PAGE.read_text(encoding="utf-8")
    assert text.count(MARKER) == 1
    after = text.split(MARKER, 1)[1]
    match = re.match(r"\s*```python\n(?P<body>.*?)\n```", after, re.S)
    assert match, "the marker must be followed by a ```python block"
    return match["body"]


def run_program(epochs: int) -> tuple[dict, str]:
    """Run the page's program with ``range(90000)`` replaced by ``range(epochs)``."""
    source = chapter_program()
    assert source.count("range(90000)") == 1
    source = source.replace("range(90000)", f"range({epochs})")
    namespace: dict = {"__name__": "chapter"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, "numpy_mlp.md chapter code", "exec"), namespace)
    return namespace, out.getvalue().rstrip("\n")


@pytest.fixture(scope="module")
def short_run():
    return run_program(SHORT)


@pytest.fixture(scope="module")
def numbers():
    return page.numbers()


# --- the chapter's program on the page ------------------------------------------------

def test_program_has_the_chapters_structure():
    source = chapter_program()
    for needle in ("global W1, W2, B1, B2", "T = np.array([[1], [0], [0], [1]])", "learning_rate=0.2",
                   "layer2_delta = layer2_error*actf_deriv(layer2)", "np.dot(layer2_delta, W2.T)",
                   "np.sum(layer1_delta, axis=0)", "fit()\ntest()"):
        assert needle in source, needle
    for typo in (r"\text", "x^*", "layer2 error"):            # the chapter's typesetting slips, fixed
        assert typo not in source


def test_program_gives_exactly_the_numpy_loop_of_the_package(short_run):
    namespace, _ = short_run
    expected = fit_chapter_numpy(chapter_params(), XOR_X, T_XNOR, epochs=SHORT, learning_rate=0.2)
    for key in ("W1", "B1", "W2", "B2"):
        np.testing.assert_array_equal(namespace[key], expected[key], err_msg=key)


def test_program_agrees_with_the_fast_loop(short_run):
    namespace, _ = short_run
    fast = fit_chapter(chapter_params(), XOR_X, T_XNOR, epochs=SHORT, learning_rate=0.2)
    for key in ("W1", "B1", "W2", "B2"):
        np.testing.assert_allclose(namespace[key], fast[key], rtol=0, atol=1e-12, err_msg=key)


def test_program_prints_the_chapters_test_table(short_run):
    namespace, printed = short_run
    trained = {k: namespace[k] for k in ("W1", "B1", "W2", "B2")}
    assert printed == format_test_table(chapter_test_table(trained, XOR_X, T_XNOR))
    assert printed.splitlines()[0].startswith("[[0 0]] [1] [[")


def test_program_uses_an_unmodified_copy_of_the_initial_weights(short_run):
    # the program's globals start from the chapter's weights: one epoch from the page equals one from the package
    namespace, _ = run_program(1)
    one = fit_chapter_numpy(chapter_params(), XOR_X, T_XNOR, epochs=1)
    np.testing.assert_array_equal(namespace["W2"], one["W2"])


# --- numbers --------------------------------------------------------------------

def test_every_placeholder_on_the_page_has_a_number(numbers):
    text = PAGE.read_text(encoding="utf-8")
    found = list(PLACEHOLDER.finditer(text))
    assert len(found) >= 10
    # its own numbers, and the chapter's weights the explorable starts from (the forward pass's)
    assert {m["lesson"] for m in found} == {"numpy_mlp", "forward_pass"}
    assert {m["key"] for m in found if m["lesson"] == "forward_pass"} <= set(forward_pass_numbers())
    assert "{{" not in fill(text, {"numpy_mlp": numbers, "forward_pass": forward_pass_numbers()},
                            where=str(PAGE))


def test_numbers_are_plain_python_values(numbers):
    for key, value in numbers.items():
        assert type(value) in (float, int, str), (key, type(value))


def test_trained_outputs_match_the_chapter_to_its_8_decimals(numbers):
    shown = [round(numbers[f"xnor_y{i}"], 8) for i in range(4)]
    assert shown == list(page.CHAPTER_PRINTED)


def test_numbers_match_a_direct_run(numbers):
    direct = fit_chapter(chapter_params(), XOR_X, T_XNOR, epochs=90000, learning_rate=0.2)
    y = predict(direct, XOR_X).ravel()
    assert [numbers[f"xnor_y{i}"] for i in range(4)] == y.tolist()     # the chunked curve run is the same run
    assert numbers["loss_end"] == sse(y.reshape(-1, 1), T_XNOR)
    assert numbers["loss_start"] == sse(predict(chapter_params(), XOR_X), T_XNOR)
    assert numbers["epochs"] == 90000 and numbers["updates"] == 360000


def test_xor_numbers(numbers):
    direct = fit_chapter(chapter_params(), XOR_X, T_XOR, epochs=90000, learning_rate=0.2)
    y = predict(direct, XOR_X).ravel()
    assert [numbers[f"xor_y{i}"] for i in range(4)] == y.tolist()
    assert numbers["loss_end_xor"] == sse(y.reshape(-1, 1), T_XOR)
    assert y[1] > 0.99 and y[2] > 0.99 and y[0] < 0.01 and y[3] < 0.02


def test_plateau_exit_epoch(numbers):
    curve = page.chapter_loss_curve("xnor")
    exit_epoch, every = numbers["plateau_exit_epoch"], numbers["curve_every"]
    loss = dict(zip(curve.epochs.tolist(), curve.loss.tolist()))
    assert loss[exit_epoch] < 0.1 <= loss[exit_epoch - every]
    assert all(abs(loss[e] - 0.125) < 0.002 for e in range(500, 4000, every))   # the plateau at 1/8


def test_loss_curve_validation():
    with pytest.raises(ValueError, match="target must be"):
        page.chapter_loss_curve("and")
    with pytest.raises(TypeError, match="epochs"):
        page.chapter_loss_curve(epochs=1.5)


# --- figures --------------------------------------------------------------------

def test_loss_curve_draws_the_three_runs():
    epochs, every = 2000, 250
    fig = figs.loss_curve(epochs=epochs, every=every)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    runs = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert len(runs) == 3
    chapter = page.chapter_loss_curve("xnor", epochs=epochs, every=every)
    np.testing.assert_array_equal(runs[0].get_xdata(), chapter.epochs)
    np.testing.assert_array_equal(runs[0].get_ydata(), chapter.loss)
    full = train(chapter_params(), XOR_X, T_XNOR, learning_rate=figs.FULL_BATCH_RATE, epochs=epochs)
    np.testing.assert_array_equal(runs[2].get_ydata(), full.loss_history[::every])
    np.testing.assert_array_equal(page.full_batch_loss(epochs, figs.FULL_BATCH_RATE), full.loss_history)


def test_decision_boundary_shows_the_trained_outputs():
    epochs, resolution = 3000, 31
    fig = figs.decision_boundary(epochs=epochs, resolution=resolution)
    panels = [ax for ax in fig.axes if ax.get_images()]
    assert len(panels) == 2
    for ax, (target, T) in zip(panels, [("xnor", T_XNOR), ("xor", T_XOR)]):
        image = np.asarray(ax.get_images()[0].get_array())
        assert image.shape == (resolution, resolution)
        params = page.chapter_loss_curve(target, epochs=epochs, every=epochs).params
        grid = np.linspace(-0.25, 1.25, resolution)
        # pixel (row i, column j) is the output at (x1, x2) = (grid[j], grid[i])
        i, j = 5, 20
        assert image[i, j] == pytest.approx(float(predict(params, [[grid[j], grid[i]]])[0, 0]))
        points = [line for line in ax.get_lines() if len(line.get_xdata()) == 1]
        assert [[float(p.get_xdata()[0]), float(p.get_ydata()[0])] for p in points] == XOR_X.tolist()
        labels = [t.get_text() for t in ax.texts]
        assert labels == [f"t={t:g}" for t in T.ravel()]


def test_prose_numbers_by_another_route(numbers):
    """The numbers the prose states about training (how close, the plateau, the full-batch
    rate, the stuck outputs), each from the chapter's printed values or by hand."""
    targets = [1.0, 0.0, 0.0, 1.0]      # the chapter's T, inputs in XOR_X order
    assert numbers["max_error"] == pytest.approx(
        max(abs(y - t) for y, t in zip(page.CHAPTER_PRINTED, targets)), abs=1e-8)
    assert f"{numbers['max_error']:.2f}" == "0.01"   # the page: "0.01 안팎"
    # the plateau: one output for every input; ½(y-t)² averaged over the samples is least
    # at the targets' mean, 1/2, and is then 1/8
    assert numbers["plateau_output"] == 0.5 and numbers["plateau_loss"] == 0.125
    assert all(sum((c - t) ** 2 for t in targets) / 8 > 0.125 for c in (0.49, 0.51))
    # full batch: the mean of the 4 samples' gradients, so 4 times the chapter's rate
    assert numbers["samples"] == 4
    assert numbers["full_batch_eta"] == pytest.approx(4 * 0.2) == figs.FULL_BATCH_RATE
    # 학습률 5: the page's >>> example shows the outputs [0.998, 0.355, 0.355, 0.355]
    assert page.STUCK_LEARNING_RATE == 5.0           # the question's learning_rate = 5
    assert numbers["ex_stuck_y"] == pytest.approx(0.355, abs=5e-4)

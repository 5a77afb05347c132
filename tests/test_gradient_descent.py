"""Tests of mlp_lessons.gradient_descent: the chapter's 1-D lab, the 2-D bowl, learning rates."""

import contextlib
import io
import math

import numpy as np
import pytest

from mlp_lessons.gradient_descent import (MINIMUM_1D, DescentHistory, bowl, bowl_gradient, chapter_output,
                                          descent_1d, descent_2d, gradient_1d, gradient_field,
                                          learning_rate_sweep, loss_1d)

# The chapter's program (its `(x-3)^{**}2` is a typesetting slip for `(x-3)**2`).
CHAPTER_CODE = '''
x = 10
learning_rate = 0.2
precision = 0.00001
max_iterations = 100
# 손실함수를 람다식으로 정의한다.
loss_func = lambda x: (x-3)**2 + 10
# 그래디언트를 람다식으로 정의한다. 손실함수의 1차 미분값이다.
gradient = lambda x: 2*x-6
# 그래디언트 강하법
for i in range(max_iterations):
  x = x - learning_rate * gradient(x)
  print("손실함수값(", x, ")=", loss_func(x))
print("최소값 = ", x)
'''


def run_chapter_code() -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(CHAPTER_CODE, {})
    return out.getvalue().rstrip("\n")


def test_loss_and_gradient():
    assert loss_1d(10.0) == 59.0 and loss_1d(3.0) == 10.0
    assert gradient_1d(10.0) == 14.0 and gradient_1d(MINIMUM_1D) == 0.0
    np.testing.assert_array_equal(loss_1d(np.array([1.0, 5.0])), [14.0, 14.0])
    # the gradient is the derivative: central difference
    h = 1e-6
    assert (loss_1d(4.2 + h) - loss_1d(4.2 - h)) / (2 * h) == pytest.approx(gradient_1d(4.2), rel=1e-8)


def test_chapter_output_is_what_the_chapter_code_prints():
    assert chapter_output(descent_1d()) == run_chapter_code()


def test_what_the_chapter_code_really_prints():
    lines = chapter_output(descent_1d()).splitlines()
    assert len(lines) == 101                      # precision is never used: all 100 iterations run
    # the first line is the first iterate 7.2, not 5.52 as the chapter's printed output begins
    assert lines[0] == "손실함수값( 7.199999999999999 )= 27.639999999999993"
    assert lines[1] == "손실함수값( 5.52 )= 16.350399999999997"          # chapter: 16.35039999999997
    assert lines[2] == "손실함수값( 4.512 )= 12.286143999999998"         # chapter: 12.28614399999998
    assert lines[3] == "손실함수값( 3.9071999999999996 )= 10.82301184"   # chapter: 3.907199999999996
    assert lines[4] == "손실함수값( 3.54432 )= 10.2962842624"
    assert lines[-2] == "손실함수값( 3.0000000000000004 )= 10.0"         # chapter: 3.0000000000000000
    assert lines[-1] == "최소값 =  3.0000000000000004"                  # chapter: 3.000000000000004


def test_history_follows_the_closed_form():
    h = descent_1d()
    assert isinstance(h, DescentHistory)
    assert h.x.shape == (101,) and h.loss.shape == (101,)
    assert h.x[0] == 10.0 and h.n_iterations == 100
    k = np.arange(21)
    np.testing.assert_allclose(h.x[:21] - 3, 7 * 0.6 ** k, rtol=1e-12)   # e_{k+1} = (1 - 2η) e_k
    np.testing.assert_array_equal(h.loss, loss_1d(h.x))
    assert not h.stopped_at_precision and not h.diverged


def test_stop_at_precision():
    h = descent_1d(stop_at_precision=True)
    assert h.stopped_at_precision and h.n_iterations == 26
    assert abs(h.x[-1] - h.x[-2]) < 0.00001 <= abs(h.x[-2] - h.x[-3])
    assert descent_1d(precision=0.1, stop_at_precision=True).n_iterations < 26


def test_divergence_is_data_not_an_error():
    h = descent_1d(learning_rate=1.5, max_iterations=10000)
    assert h.diverged and h.n_iterations < 10000
    assert np.all(np.isfinite(h.loss))
    np.testing.assert_array_equal(descent_1d(learning_rate=1.5, max_iterations=3).x, [10.0, -11.0, 31.0, -53.0])


@pytest.mark.parametrize("eta", [1e100, 1e300, 1e308])
def test_a_huge_learning_rate_diverges_without_an_error_or_a_warning(eta):
    """The explorables accept any η > 0; the package must answer it too (the last loss may be inf,
    as NumPy and JavaScript give it, where Python's float ** raises OverflowError)."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        one, two = descent_1d(learning_rate=eta), descent_2d((4.0, 3.0), learning_rate=eta, steps=100)
    for h in (one, two):
        assert h.diverged and h.n_iterations <= 2
        assert np.all(np.isfinite(h.loss[:-1])) and not np.isnan(h.loss[-1])
        assert h.loss[-1] > 1e300


@pytest.mark.parametrize("kwargs, error, match", [
    ({"learning_rate": 0}, ValueError, "learning_rate must be a positive number, got 0"),
    ({"learning_rate": -0.2}, ValueError, "learning_rate must be a positive number"),
    ({"learning_rate": float("nan")}, ValueError, "learning_rate must be a positive number"),
    ({"x0": float("nan")}, ValueError, "x0 must be a finite number, got nan"),
    ({"x0": float("inf")}, ValueError, "x0 must be a finite number"),
    ({"x0": "10"}, TypeError, "x0 must be a real number, got str"),
    ({"max_iterations": 0}, ValueError, "max_iterations must be an integer >= 1"),
    ({"max_iterations": 2.5}, TypeError, "max_iterations must be an integer"),
    ({"precision": 0}, ValueError, "precision must be a positive number"),
    ({"stop_at_precision": 1}, TypeError, "stop_at_precision must be True or False"),
])
def test_descent_1d_validation(kwargs, error, match):
    with pytest.raises(error, match=match):
        descent_1d(**kwargs)


def test_chapter_output_needs_a_1d_history():
    with pytest.raises(TypeError, match="1-D DescentHistory"):
        chapter_output(descent_2d())


def test_bowl_and_gradient():
    np.testing.assert_array_equal(bowl([1.0, -2.0], [2.0, 0.5]), [5.0, 4.25])
    gx, gy = bowl_gradient([[1.0, -2.0]], [[2.0, 0.5]])
    np.testing.assert_array_equal(gx, [[2.0, -4.0]])
    np.testing.assert_array_equal(gy, [[4.0, 1.0]])
    with pytest.raises(ValueError, match="X and Y must have the same shape"):
        bowl([1.0, 2.0], [1.0])


def test_gradient_field_is_the_chapters_quiver():
    X, Y, U, V = gradient_field()
    x = np.arange(-5, 5, 0.5)
    assert X.shape == Y.shape == U.shape == V.shape == (20, 20)
    np.testing.assert_array_equal(X[0], x)
    np.testing.assert_array_equal(Y[:, 0], x)
    np.testing.assert_array_equal(U, -2 * X)
    np.testing.assert_array_equal(V, -2 * Y)
    # every arrow points towards the minimum: U·X + V·Y <= 0
    assert np.all(U * X + V * Y <= 0)
    with pytest.raises(ValueError, match="must not be empty"):
        gradient_field([], [1.0])


def test_descent_2d_path():
    start = np.array([4.0, 3.0])
    path = descent_2d(start, learning_rate=0.1, steps=15)
    assert path.x.shape == (16, 2) and path.loss.shape == (16,)
    np.testing.assert_allclose(path.x, np.outer(0.8 ** np.arange(16), start), rtol=1e-12)
    np.testing.assert_array_equal(start, [4.0, 3.0])                  # not modified
    assert np.all(np.diff(path.loss) < 0)
    far = descent_2d(start, learning_rate=1.2, steps=5000)
    assert far.diverged and np.all(np.isfinite(far.x))
    with pytest.raises(ValueError, match=r"start must have shape \(2,\), got \(3,\)"):
        descent_2d([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="start must hold only finite numbers"):
        descent_2d([np.nan, 1.0])
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        descent_2d(learning_rate=0.0)


def test_learning_rate_sweep():
    results = learning_rate_sweep((0.01, 0.2, 0.5, 0.9, 1.0, 1.1), steps=20)
    assert [r.learning_rate for r in results] == [0.01, 0.2, 0.5, 0.9, 1.0, 1.1]
    assert [r.status for r in results] == ["too slow", "converged", "converged", "too slow",
                                           "oscillating", "diverged"]
    assert results[2].history.x[1] == 3.0                   # η = 0.5 lands on the minimum in one step
    assert results[-1].history.final_x == pytest.approx(3 + 7 * 1.2 ** 20)
    assert learning_rate_sweep((3.0,), steps=1000)[0].status == "diverged"
    with pytest.raises(ValueError, match="at least one learning rate"):
        learning_rate_sweep(())
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        learning_rate_sweep((0.2, -1.0))
    assert math.isclose(learning_rate_sweep(0.2)[0].history.final_x, 3.0, abs_tol=1e-3)

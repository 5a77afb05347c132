r"""경사 하강법 (gradient descent) in 1-D and 2-D (page: ``docs/gradient_descent.md``).

The chapter's lab minimises the 1-D loss

.. math:: y = (x - 3)^2 + 10, \qquad y' = 2x - 6,

by repeating the update

.. math:: x \leftarrow x - \eta\, y'(x)

(:math:`\eta` is the 학습률, ``learning_rate``), then draws the gradient of the
bowl :math:`z = x^2 + y^2` as arrows.  This module computes both, keeping the
whole history so a page can print or plot it.

Two things about the chapter's code are worth knowing (both checked in
``tests/test_gradient_descent.py``):

* it defines ``precision = 0.00001`` but never uses it: the loop always runs
  ``max_iterations = 100`` times.  :func:`descent_1d` does the same unless
  ``stop_at_precision=True``;
* it prints the iterate *after* each update, so its first line is
  ``x = 7.199999999999999`` (10 − 0.2·14), not 5.52 as the chapter's printed
  output suggests.  :func:`chapter_output` reproduces what the code prints.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._checks import as_float_array, positive_int, positive_number

__all__ = [
    "loss_1d", "gradient_1d", "MINIMUM_1D", "DescentHistory", "descent_1d", "chapter_output",
    "bowl", "bowl_gradient", "gradient_field", "descent_2d",
    "SweepResult", "learning_rate_sweep",
]

MINIMUM_1D = 3.0
"""Where the chapter's 1-D loss :func:`loss_1d` has its minimum (loss 10)."""

# Beyond this distance from the minimum the next square overflows a float:
# the run has diverged and we stop it (the divergence is recorded, not raised).
_OVERFLOW_GUARD = 1e150


def loss_1d(x):
    r"""The chapter's 1-D loss, :math:`y = (x - 3)^2 + 10`.

    Parameters
    ----------
    x : float or array_like

    Returns
    -------
    float or ndarray, same shape as ``x``

    Examples
    --------
    >>> loss_1d(10.0)
    59.0
    >>> loss_1d(np.array([3.0, 5.0]))
    array([10., 14.])
    """
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return (x - 3) ** 2 + 10
    x = as_float_array(x, "x")
    return (x - 3) ** 2 + 10


def gradient_1d(x):
    r"""Derivative of :func:`loss_1d`, :math:`y' = 2x - 6`.

    Examples
    --------
    >>> gradient_1d(10.0)
    14.0
    >>> gradient_1d(3.0)     # zero at the minimum
    0.0
    """
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return 2 * x - 6
    x = as_float_array(x, "x")
    return 2 * x - 6


@dataclass(frozen=True)
class DescentHistory:
    """Every iterate of a gradient-descent run.

    Attributes
    ----------
    x : ndarray of shape (n_iterations + 1,) for 1-D, (n_iterations + 1, 2) for 2-D
        ``x[0]`` is the start, ``x[k]`` the point after ``k`` updates.
    loss : ndarray of shape (n_iterations + 1,)
        The loss at each point of ``x``.
    learning_rate : float
    stopped_at_precision : bool
        True when the run stopped early because a step was shorter than
        ``precision`` (only with ``stop_at_precision=True``).
    diverged : bool
        True when the iterates ran off towards infinity and the run was cut
        short to avoid overflow.
    """

    x: np.ndarray
    loss: np.ndarray
    learning_rate: float
    stopped_at_precision: bool = False
    diverged: bool = False

    @property
    def n_iterations(self) -> int:
        """Number of updates performed (``len(x) - 1``)."""
        return len(self.x) - 1

    @property
    def final_x(self):
        """The last iterate (a float in 1-D, an array of shape (2,) in 2-D)."""
        last = self.x[-1]
        return float(last) if np.ndim(last) == 0 else last.copy()


def _check_start(x0, name="x0") -> float:
    if isinstance(x0, bool) or not isinstance(x0, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a real number, got {type(x0).__name__} {x0!r}")
    if not math.isfinite(x0):
        raise ValueError(f"{name} must be a finite number, got {x0!r}")
    return float(x0)


def _loss_or_inf(x: float) -> float:
    """:func:`loss_1d` of a float, or ``inf`` where the square overflows (a diverged run's last
    point with a huge learning rate: Python's ``**`` raises there, NumPy and JavaScript give inf)."""
    try:
        return loss_1d(x)
    except OverflowError:
        return math.inf


def descent_1d(x0=10.0, learning_rate=0.2, precision=0.00001, max_iterations=100, *,
               stop_at_precision=False) -> DescentHistory:
    r"""Minimise the chapter's loss :math:`(x-3)^2 + 10` by gradient descent.

    Repeats :math:`x_{k+1} = x_k - \eta\,(2 x_k - 6)` (the chapter's
    ``x = x - learning_rate * gradient(x)``) ``max_iterations`` times.  The
    chapter defines ``precision`` but never uses it; here it is used only when
    ``stop_at_precision=True``: the run then stops after the first update with
    :math:`|x_{k+1} - x_k| <` ``precision``.

    Since :math:`x_{k+1} - 3 = (1 - 2\eta)(x_k - 3)`, the run converges for
    :math:`0 < \eta < 1`, bounces for ever between two points at
    :math:`\eta = 1` and diverges for :math:`\eta > 1`.  Divergence is the
    lesson, not an error: the history is returned with ``diverged=True``
    (cut short before the numbers overflow).

    Parameters
    ----------
    x0 : float
        Starting point (the chapter: 10).
    learning_rate : float > 0
        :math:`\eta` (the chapter: 0.2).
    precision : float > 0
        Step length below which the run counts as converged.
    max_iterations : int >= 1
    stop_at_precision : bool, keyword-only

    Returns
    -------
    DescentHistory
        ``x`` of shape (n_iterations + 1,) starting with ``x0``; ``loss`` likewise.

    Examples
    --------
    >>> h = descent_1d()
    >>> h.n_iterations, h.x[:3]
    (100, array([10.  ,  7.2 ,  5.52]))
    >>> h.final_x
    3.0000000000000004
    >>> descent_1d(stop_at_precision=True).n_iterations    # precision 0.00001
    26
    >>> descent_1d(learning_rate=1.5, max_iterations=3).x   # η > 1 diverges
    array([ 10., -11.,  31., -53.])
    >>> h = descent_1d(learning_rate=1e300)     # diverged: recorded, not raised
    >>> h.diverged, h.n_iterations, float(h.loss[-1])
    (True, 1, inf)
    """
    x = _check_start(x0)
    eta = positive_number(learning_rate, "learning_rate")
    precision = positive_number(precision, "precision")
    max_iterations = positive_int(max_iterations, "max_iterations")
    if not isinstance(stop_at_precision, bool):
        raise TypeError(f"stop_at_precision must be True or False, got {stop_at_precision!r}")

    xs = [x]
    stopped = diverged = False
    for _ in range(max_iterations):
        x_new = x - eta * gradient_1d(x)         # the chapter's update, in Python floats
        xs.append(x_new)
        if abs(x_new - MINIMUM_1D) > _OVERFLOW_GUARD:
            diverged = True
            break
        if stop_at_precision and abs(x_new - x) < precision:
            stopped = True
            break
        x = x_new
    x_arr = np.array(xs)
    return DescentHistory(x=x_arr, loss=np.array([_loss_or_inf(v) for v in xs]),
                          learning_rate=eta, stopped_at_precision=stopped, diverged=diverged)


def chapter_output(history: DescentHistory) -> str:
    """What the chapter's code prints under Python 3 for this run.

    The chapter's loop prints ``print("손실함수값(", x, ")=", loss_func(x))``
    after every update, then ``print("최소값 = ", x)``.  ``print`` separates its
    arguments by a space, so every number has a space on both sides, and Python
    prints the shortest repr of each float (``7.199999999999999``).

    Parameters
    ----------
    history : DescentHistory
        A 1-D run from :func:`descent_1d`.

    Returns
    -------
    str
        The printed lines, joined by newlines (no trailing newline).

    Examples
    --------
    >>> lines = chapter_output(descent_1d()).splitlines()
    >>> print("\\n".join(lines[:3]))
    손실함수값( 7.199999999999999 )= 27.639999999999993
    손실함수값( 5.52 )= 16.350399999999997
    손실함수값( 4.512 )= 12.286143999999998
    >>> print(lines[-1])
    최소값 =  3.0000000000000004
    >>> len(lines)
    101
    """
    if not isinstance(history, DescentHistory) or np.ndim(history.x) != 1:
        raise TypeError("history must be a 1-D DescentHistory from descent_1d()")
    lines = [f"손실함수값( {float(x)!r} )= {float(y)!r}" for x, y in zip(history.x[1:], history.loss[1:])]
    lines.append(f"최소값 =  {float(history.x[-1])!r}")
    return "\n".join(lines)


# --- 2-D: the bowl z = x^2 + y^2 -------------------------------------------

def bowl(X, Y):
    r"""The chapter's 2-D loss surface, :math:`z = x^2 + y^2`.

    Parameters
    ----------
    X, Y : array_like of the same shape (e.g. from ``np.meshgrid``)

    Returns
    -------
    ndarray, same shape as ``X``

    Examples
    --------
    >>> bowl([1.0, 3.0], [2.0, 4.0])
    array([ 5., 25.])
    """
    X = as_float_array(X, "X")
    Y = as_float_array(Y, "Y")
    if X.shape != Y.shape:
        raise ValueError(f"X and Y must have the same shape, got {X.shape} and {Y.shape}")
    return X ** 2 + Y ** 2


def bowl_gradient(X, Y):
    r"""Gradient of :func:`bowl`, :math:`\nabla z = (2x,\ 2y)`.

    Returns
    -------
    (dX, dY) : tuple of ndarray, each the shape of ``X``

    Examples
    --------
    >>> bowl_gradient([1.0, 0.5], [-2.0, 0.0])
    (array([2., 1.]), array([-4.,  0.]))
    """
    X = as_float_array(X, "X")
    Y = as_float_array(Y, "Y")
    if X.shape != Y.shape:
        raise ValueError(f"X and Y must have the same shape, got {X.shape} and {Y.shape}")
    return 2 * X, 2 * Y


def gradient_field(x=None, y=None):
    r"""Arrows of the negative gradient of the bowl on a grid, for ``plt.quiver``.

    As the chapter: ``X, Y = np.meshgrid(x, y)``, ``U = -2*X``, ``V = -2*Y``.
    Each arrow :math:`-\nabla z` points downhill, towards the minimum (0, 0).

    Parameters
    ----------
    x, y : array_like, 1-D, optional
        Grid coordinates; default ``np.arange(-5, 5, 0.5)`` (the chapter's).

    Returns
    -------
    X, Y, U, V : ndarray, each of shape (len(y), len(x))

    Examples
    --------
    >>> X, Y, U, V = gradient_field([-1.0, 0.0, 1.0], [2.0])
    >>> U, V
    (array([[ 2., -0.,  -2.]]), array([[-4., -4., -4.]]))
    >>> gradient_field()[0].shape
    (20, 20)
    """
    x = np.arange(-5, 5, 0.5) if x is None else as_float_array(x, "x", ndim=1)
    y = np.arange(-5, 5, 0.5) if y is None else as_float_array(y, "y", ndim=1)
    if x.size == 0 or y.size == 0:
        raise ValueError(f"x and y must not be empty, got sizes {x.size} and {y.size}")
    X, Y = np.meshgrid(x, y)
    dX, dY = bowl_gradient(X, Y)
    return X, Y, -dX, -dY


def descent_2d(start=(4.0, 3.0), learning_rate=0.1, steps=20) -> DescentHistory:
    r"""Gradient descent on the bowl :math:`z = x^2 + y^2` from ``start``.

    Each step is :math:`(x, y) \leftarrow (x, y) - \eta\,(2x, 2y)`, so the path
    runs straight to (0, 0), shrinking by :math:`(1 - 2\eta)` per step.

    Parameters
    ----------
    start : array_like of shape (2,)
    learning_rate : float > 0
    steps : int >= 1

    Returns
    -------
    DescentHistory
        ``x`` of shape (steps + 1, 2) (fewer rows if it diverged), ``loss`` of shape (steps + 1,).

    Examples
    --------
    >>> path = descent_2d((4.0, 3.0), learning_rate=0.25, steps=2)
    >>> path.x
    array([[4.  , 3.  ],
           [2.  , 1.5 ],
           [1.  , 0.75]])
    >>> path.loss
    array([25.    ,  6.25  ,  1.5625])
    >>> far = descent_2d((4.0, 3.0), learning_rate=1e300)    # diverged: recorded, not raised
    >>> far.diverged, far.n_iterations, float(far.loss[-1])
    (True, 1, inf)
    """
    p = as_float_array(start, "start", ndim=1)
    if p.shape != (2,):
        raise ValueError(f"start must have shape (2,), got {p.shape}")
    eta = positive_number(learning_rate, "learning_rate")
    steps = positive_int(steps, "steps")
    points = [p]
    diverged = False
    # a huge learning rate overflows to inf on the step that diverges: recorded, not warned
    with np.errstate(over="ignore"):
        for _ in range(steps):
            gx, gy = bowl_gradient(p[0], p[1])
            p = p - eta * np.array([gx, gy])
            points.append(p)
            if np.max(np.abs(p)) > _OVERFLOW_GUARD:
                diverged = True
                break
        path = np.array(points)
        loss = path[:, 0] ** 2 + path[:, 1] ** 2      # bowl(), which refuses an infinite point
    return DescentHistory(x=path, loss=loss, learning_rate=eta, diverged=diverged)


# --- learning-rate sweep ------------------------------------------------------

@dataclass(frozen=True)
class SweepResult:
    """One learning rate of :func:`learning_rate_sweep`.

    ``status`` is ``"converged"`` (within ``tolerance`` of the minimum),
    ``"too slow"`` (closer than at the start, not there yet),
    ``"oscillating"`` (no closer and no farther: :math:`\\eta = 1`) or
    ``"diverged"`` (farther than at the start).
    """

    learning_rate: float
    history: DescentHistory
    status: str


def learning_rate_sweep(rates=(0.01, 0.2, 0.9, 1.0, 1.1), x0=10.0, steps=20, *,
                        tolerance=1e-3) -> list[SweepResult]:
    r"""Run :func:`descent_1d` for several learning rates and classify each run.

    With :math:`e_k = x_k - 3` the update gives :math:`e_{k+1} = (1-2\eta)e_k`:
    a small :math:`\eta` creeps, :math:`\eta = 0.5` lands in one step,
    :math:`0.5 < \eta < 1` overshoots but converges, :math:`\eta = 1` bounces and
    :math:`\eta > 1` diverges.  Divergence is reported as data.

    Parameters
    ----------
    rates : sequence of float > 0
    x0 : float
    steps : int >= 1
    tolerance : float > 0, keyword-only
        Distance to the minimum 3 that counts as converged.

    Returns
    -------
    list of SweepResult, one per rate, in the order given

    Examples
    --------
    >>> for r in learning_rate_sweep((0.01, 0.2, 1.0, 1.1), steps=20):
    ...     print(r.learning_rate, r.status, round(r.history.final_x, 3))
    0.01 too slow 7.673
    0.2 converged 3.0
    1.0 oscillating 10.0
    1.1 diverged 271.363
    """
    rates = list(rates) if not isinstance(rates, (int, float)) else [rates]
    if not rates:
        raise ValueError("rates must hold at least one learning rate, got an empty sequence")
    tolerance = positive_number(tolerance, "tolerance")
    start_error = abs(_check_start(x0) - MINIMUM_1D)
    results = []
    for rate in rates:
        h = descent_1d(x0, rate, max_iterations=steps)
        error = abs(h.final_x - MINIMUM_1D)
        if h.diverged or error > start_error:
            status = "diverged"
        elif error <= tolerance:
            status = "converged"
        elif error == start_error:
            status = "oscillating"
        else:
            status = "too slow"
        results.append(SweepResult(float(rate), h, status))
    return results

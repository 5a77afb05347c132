"""Input validation shared by the package.

Every public function of :mod:`mlp_lessons` checks what it is given and, when the
input is wrong, raises an error that says what it expected and what it got.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_float_array(x, name: str, *, ndim: int | tuple[int, ...] | None = None,
                   allow_nonfinite: bool = False) -> np.ndarray:
    """Return ``x`` as a new float64 array, checking its rank and values.

    Raises
    ------
    TypeError
        If ``x`` cannot be read as an array of numbers.
    ValueError
        If its number of dimensions is not ``ndim`` or it holds NaN/inf.

    Examples
    --------
    >>> as_float_array([[1, 2]], "X", ndim=2)
    array([[1., 2.]])
    >>> as_float_array([1, 2], "X", ndim=2)
    Traceback (most recent call last):
    ...
    ValueError: X must be a 2-D array, got a 1-D array of shape (2,)
    """
    if isinstance(x, (str, bytes)) or x is None:
        raise TypeError(f"{name} must be an array of numbers, got {type(x).__name__}")
    try:
        arr = np.array(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers, got {type(x).__name__}: {exc}") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be a {want} array, got a {arr.ndim}-D array of shape {arr.shape}")
    if not allow_nonfinite and not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must hold only finite numbers, got {bad} NaN/inf value(s)")
    return arr


def positive_number(value, name: str) -> float:
    """Return ``value`` as a float, requiring a finite number > 0.

    Examples
    --------
    >>> positive_number(0.2, "learning_rate")
    0.2
    >>> positive_number(0, "learning_rate")
    Traceback (most recent call last):
    ...
    ValueError: learning_rate must be a positive number, got 0
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive number, got {type(value).__name__} {value!r}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    return float(value)


def positive_int(value, name: str, *, minimum: int = 1) -> int:
    """Return ``value`` as an int, requiring an integer >= ``minimum``.

    Examples
    --------
    >>> positive_int(3, "epochs")
    3
    >>> positive_int(2.5, "epochs")
    Traceback (most recent call last):
    ...
    TypeError: epochs must be an integer >= 1, got float 2.5
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer >= {minimum}, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def make_rng(seed=None, rng=None) -> np.random.Generator:
    """Return a Generator from exactly one of ``seed`` or ``rng``.

    Randomness in the package comes only from here, so every result can be
    reproduced from the seed that produced it.

    Examples
    --------
    >>> float(make_rng(seed=0).random()) == float(make_rng(seed=0).random())
    True
    """
    if rng is not None and seed is not None:
        raise ValueError("give either seed or rng, not both")
    if rng is not None:
        if not isinstance(rng, np.random.Generator):
            raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
        return rng
    if seed is None:
        raise ValueError("a seed (int) or rng (numpy.random.Generator) is required: results must be reproducible")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an int, got {type(seed).__name__} {seed!r}")
    return np.random.default_rng(int(seed))

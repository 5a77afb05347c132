"""The numbers each lesson page prints in its prose and formulas.

A page never types a derived number by hand.  It writes a placeholder,
``{{ forward_pass.a1:.6f }}``, and the build (``hooks/numbers.py``) replaces it
with ``format(numbers()["a1"], ".6f")`` from ``mlp_lessons/pages/forward_pass.py``.
Each lesson module here defines ``numbers() -> dict[str, float | int | str]``,
computed by the package.  ``{{ name }}`` without a format spec uses ``str``.
"""

from __future__ import annotations

import importlib
import re

LESSONS = ["activations", "forward_pass", "loss", "gradient_descent", "backprop", "numpy_mlp", "playground"]

PLACEHOLDER = re.compile(r"\{\{\s*(?P<lesson>[a-z_]+)\.(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*(?::(?P<spec>[^}\s]+))?\s*\}\}")
"""``{{ lesson.key }}`` or ``{{ lesson.key:spec }}``."""


def all_numbers() -> dict[str, dict]:
    """``{lesson: numbers()}`` for every lesson that has a ``pages`` module.

    Examples
    --------
    >>> isinstance(all_numbers(), dict)
    True
    """
    out = {}
    for lesson in LESSONS:
        try:
            module = importlib.import_module(f"{__name__}.{lesson}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{lesson}":
                continue
            raise
        out[lesson] = dict(module.numbers())
    return out


def fill(markdown: str, numbers: dict[str, dict], where: str = "page") -> str:
    """Replace every placeholder in ``markdown`` by its formatted number.

    Raises
    ------
    KeyError
        For a placeholder that names no known number (the build fails: a
        page must never show a stale or missing value).

    Examples
    --------
    >>> fill("a1 = {{ forward_pass.a1:.3f }}", {"forward_pass": {"a1": 0.5249791}})
    'a1 = 0.525'
    """
    def replace(match: re.Match) -> str:
        lesson, key, spec = match["lesson"], match["key"], match["spec"]
        if lesson not in numbers or key not in numbers[lesson]:
            known = sorted(numbers.get(lesson, {}))
            raise KeyError(f"{where}: unknown number {{{{ {lesson}.{key} }}}}; "
                           f"mlp_lessons/pages/{lesson}.py numbers() has {known}")
        value = numbers[lesson][key]
        return format(value, spec) if spec else str(value)

    return PLACEHOLDER.sub(replace, markdown)

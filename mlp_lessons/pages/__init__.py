"""The numbers each lesson page prints in its prose and formulas.

A page never types a derived number by hand.  It writes a placeholder,
``{{ forward_pass.a1:.6f }}``, and the build (``hooks/page_numbers.py``) replaces it
with ``format(numbers()["a1"], ".6f")`` from ``mlp_lessons/pages/forward_pass.py``.
Each lesson module here defines ``numbers() -> dict[str, float | int | str]``,
computed by the package.  ``{{ name }}`` without a format spec uses ``str``.

The lessons with numbers are those :data:`mlp_lessons.lessons.PAGES` declares with
``numbers=True``.  The registry itself fills ``{{ lessons.<key> }}``
(:func:`mlp_lessons.lessons.numbers`: the home page's contents tables).
"""

from __future__ import annotations

import importlib
import re

from mlp_lessons import lessons as _registry

#: Lessons with a numbers module ``mlp_lessons/pages/<lesson>.py``, in page order.
LESSONS = [page.slug for page in _registry.PAGES if page.numbers]

#: The placeholder name of the numbers :mod:`mlp_lessons.lessons` computes itself.
REGISTRY = "lessons"

PLACEHOLDER = re.compile(r"\{\{\s*(?P<lesson>[a-z_]+)\.(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*(?::(?P<spec>[^}\s]+))?\s*\}\}")
"""``{{ lesson.key }}`` or ``{{ lesson.key:spec }}``."""


def all_numbers() -> dict[str, dict]:
    """``{lesson: numbers()}`` for every lesson of :data:`LESSONS`, and ``{"lessons": ...}``
    from the registry (:func:`mlp_lessons.lessons.numbers`).

    Raises
    ------
    ModuleNotFoundError
        For a lesson the registry declares with ``numbers=True`` that has no
        ``mlp_lessons/pages/<lesson>.py``.

    Examples
    --------
    >>> numbers = all_numbers()
    >>> list(numbers) == LESSONS + ["lessons"]
    True
    """
    out = {}
    for lesson in LESSONS:
        try:
            module = importlib.import_module(f"{__name__}.{lesson}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{lesson}":
                raise ModuleNotFoundError(
                    f"mlp_lessons/lessons.py declares page {lesson!r} with numbers=True, but "
                    f"mlp_lessons/pages/{lesson}.py does not exist", name=exc.name) from None
            raise
        out[lesson] = dict(module.numbers())
    out[REGISTRY] = _registry.numbers()
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
            source = ("mlp_lessons/lessons.py numbers()" if lesson == REGISTRY
                      else f"mlp_lessons/pages/{lesson}.py numbers()")
            raise KeyError(f"{where}: unknown number {{{{ {lesson}.{key} }}}}; {source} has {known}")
        value = numbers[lesson][key]
        return format(value, spec) if spec else str(value)

    return PLACEHOLDER.sub(replace, markdown)

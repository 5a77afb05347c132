"""The numbers of the page "요약 · 연습문제" (docs/summary.md, docs_en/summary.md).

The exercises' answers state derived numbers in their prose through ``{{ summary.<key> }}``
placeholders, filled from ``mlp_lessons/pages/summary.py`` ``numbers()``.  Here every such
number is computed again by another route -- by hand with :mod:`math`, a closed formula or a
central difference, never by the function that produced it -- and each is checked as the page
shows it (its format).  The answers' ``>>>`` examples are run by Sybil (``pytest docs/summary.md``).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from mlp_lessons.pages import PLACEHOLDER, fill
from mlp_lessons.pages.summary import numbers as summary_numbers

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"ko": ROOT / "docs" / "summary.md", "en": ROOT / "docs_en" / "summary.md"}


@pytest.fixture(scope="module")
def numbers():
    return summary_numbers()


def shown(numbers, key: str) -> str:
    """The number as the page shows it: ``{{ summary.<key>:g }}``, or ``str`` for a count."""
    value = numbers[key]
    return str(value) if isinstance(value, int) else format(value, "g")


@pytest.mark.parametrize("edition", PAGES)
def test_every_placeholder_on_the_page_has_a_number(numbers, edition):
    text = PAGES[edition].read_text(encoding="utf-8")
    found = list(PLACEHOLDER.finditer(text))
    assert {m["lesson"] for m in found} == {"summary"}, found
    assert {m["key"] for m in found} == set(numbers), (
        f"{PAGES[edition].name}: numbers shown {sorted({m['key'] for m in found})}, "
        f"computed {sorted(numbers)}")
    assert "{{" not in fill(text, {"summary": numbers}, where=str(PAGES[edition]))


def test_numbers_are_plain_python_values(numbers):
    for key, value in numbers.items():
        assert type(value) in (float, int), (key, type(value))


def test_exercise_1_sigmoid_slope_at_0(numbers):
    sig = lambda z: 1.0 / (1.0 + math.exp(-z))
    h = 1e-6
    assert numbers["ex1_sigmoid"] == sig(0.0)
    assert numbers["ex1_slope"] == pytest.approx((sig(h) - sig(-h)) / (2 * h), abs=1e-9)
    assert (shown(numbers, "ex1_sigmoid"), shown(numbers, "ex1_slope")) == ("0.5", "0.25")


def test_exercise_5_two_steps_of_gradient_descent(numbers):
    # y = (x - 3)^2 + 10 from x0 = 10 with rate 0.2: the distance to 3 shrinks by 1 - 2*0.2
    x0, eta = 10.0, 0.2
    factor = 1 - 2 * eta
    x1, x2 = 3 + factor * (x0 - 3), 3 + factor ** 2 * (x0 - 3)
    expected = {"ex5_grad0": 2 * x0 - 6, "ex5_x1": x1, "ex5_loss1": (x1 - 3) ** 2 + 10,
                "ex5_grad1": 2 * x1 - 6, "ex5_x2": x2, "ex5_shrink": factor}
    for key, value in expected.items():
        assert numbers[key] == pytest.approx(value, abs=1e-12), key
    assert [shown(numbers, key) for key in expected] == ["14", "7.2", "27.64", "8.4", "5.52", "0.6"]


def test_exercise_7_parameter_count(numbers):
    sizes = [64, 128, 10]
    counts = {}
    for layer, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]), start=1):
        counts[f"ex7_W{layer}"] = n_in * n_out
        counts[f"ex7_B{layer}"] = n_out
    assert {key: numbers[key] for key in counts} == counts
    assert numbers["ex7_total"] == sum(counts.values()) == 9610


def test_exercise_8_two_linear_layers_are_one(numbers):
    W1, b1, W2, b2 = [1.0, 2.0], [0.0, 1.0], [3.0, 4.0], 1.0
    W = sum(w1 * w2 for w1, w2 in zip(W1, W2))            # (1x2) @ (2x1)
    b = sum(v * w2 for v, w2 in zip(b1, W2)) + b2
    assert (numbers["ex8_W"], numbers["ex8_b"]) == (W, b)
    # and the one layer is the two: the same output for an input
    x = 0.7
    assert (x * W1[0] + b1[0]) * W2[0] + (x * W1[1] + b1[1]) * W2[1] + b2 == pytest.approx(x * W + b)
    assert (shown(numbers, "ex8_W"), shown(numbers, "ex8_b")) == ("11", "5")

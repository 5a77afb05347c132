"""The lesson pages' explorables: reference vectors are current, and Node's tests pass.

``tests/js/explorable_vectors.json`` holds mlp_lessons' numbers for the explorables' JavaScript
tests (``tests/js/explorables.test.mjs``): gradient-descent iterates as Python prints them, the
activations and their derivatives on a grid, the 2-2-1 network's forward pass, gradients and
update.  It is committed so that ``node --test tests/js/explorables.test.mjs`` runs on its own;
here it is regenerated in memory and compared, so it cannot go stale when the package changes.
Node is needed (skipped without it, except with ``CI=true`` where that is a failure).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from mlp_devtools.node import node_tests
from mlp_lessons.forward_pass import worked_example

ROOT = Path(__file__).resolve().parent.parent
JS_TESTS = ROOT / "tests" / "js"


def _generator():
    spec = importlib.util.spec_from_file_location("make_explorable_vectors",
                                                  JS_TESTS / "make_explorable_vectors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _assert_same(actual, expected, where="vectors"):
    """Same nesting and strings; floats within 1e-12 (BLAS may round the last bits differently)."""
    if isinstance(expected, dict):
        assert sorted(actual) == sorted(expected), f"{where}: keys {sorted(actual)} != {sorted(expected)}"
        for key in expected:
            _assert_same(actual[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), \
            f"{where}: expected a list of {len(expected)}, got {actual!r:.200}"
        for i, (a, e) in enumerate(zip(actual, expected)):
            _assert_same(a, e, f"{where}[{i}]")
    elif isinstance(expected, float):
        np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-13, err_msg=where)
    else:
        assert actual == expected, f"{where}: {actual!r} (package today) != {expected!r} (committed)"


def test_explorable_vectors_json_is_what_mlp_lessons_computes_today():
    gen = _generator()
    committed = json.loads((JS_TESTS / "explorable_vectors.json").read_text(encoding="utf-8"))
    fresh = json.loads(gen.dumps(gen.make_vectors()))
    _assert_same(fresh, committed)
    # the cases the pages show are there: the chapter's η and the page's w5 after one step
    chapter_run = next(r for r in committed["gradient_descent"]["runs"]
                       if r["x0"] == 10 and r["learning_rate"] == 0.2)
    assert chapter_run["x_repr"][1] == "7.199999999999999"
    w5_new = worked_example(steps=1).w5_new     # the chapter's 0.484645 (tests/test_forward_pass.py)
    assert committed["network"]["worked_example"]["w5_new"] == pytest.approx(w5_new, rel=1e-12)


def test_the_comparison_sees_a_change():
    with pytest.raises(AssertionError, match="x_repr"):
        _assert_same({"x_repr": ["7.2"]}, {"x_repr": ["7.199999999999999"]})
    with pytest.raises(AssertionError):
        E = worked_example(steps=1).E
        _assert_same({"E": E}, {"E": round(E, 4)}, "E")


def test_node_explorable_tests_pass():
    node_tests(["tests/js/explorables.test.mjs"])

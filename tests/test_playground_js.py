"""The playground's JavaScript: reference vectors are current, and Node's tests pass.

``tests/js/vectors.json`` holds mlp_lessons' numbers for the JavaScript tests
(``tests/js/mlp.test.mjs``).  It is committed so that ``node --test tests/js/*.test.mjs``
runs on its own; here it is regenerated in memory and compared, so it cannot go stale when
``mlp_lessons.network`` changes.  Then the Node tests run (Node ≥ 20; skipped without
Node, except with ``CI=true`` where that is a failure).  The test files are named one by
one: Node 20 searches a folder given to ``--test``, Node 22 and later run it as a module.
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


def _make_vectors_module():
    spec = importlib.util.spec_from_file_location("make_vectors", JS_TESTS / "make_vectors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _assert_same(actual, expected, where="vectors"):
    if isinstance(expected, dict):
        assert sorted(actual) == sorted(expected), where
        for key in expected:
            _assert_same(actual[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list) and expected and not isinstance(expected[0], (int, float)):
        assert len(actual) == len(expected), where
        for i, (a, e) in enumerate(zip(actual, expected)):
            _assert_same(a, e, f"{where}[{i}]")
    elif isinstance(expected, (list, int, float)) and not isinstance(expected, bool):
        # Not bit for bit: NumPy's BLAS picks its kernels by CPU, and their rounding differs
        # in the last bits.  A change to mlp_lessons.network shows far above 1e-12 (the
        # tolerance of the JavaScript tests against these numbers).
        np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-13, err_msg=where)
    else:
        assert actual == expected, where


def test_vectors_json_is_what_mlp_lessons_computes_today():
    make_vectors = _make_vectors_module()
    committed = json.loads((JS_TESTS / "vectors.json").read_text(encoding="utf-8"))
    fresh = json.loads(make_vectors.dumps(make_vectors.make_vectors()))
    _assert_same(fresh, committed)
    names = [case["name"] for case in committed["cases"]]
    assert any("2-3-2-1" in n and "tanh" in n for n in names)
    # the chapter's network on (0, 0): its output a_y (0.709383, tests/test_forward_pass.py)
    assert committed["cases"][0]["X"][0] == [0.0, 0.0]
    assert committed["cases"][0]["layers"][2][0][0] == pytest.approx(worked_example(steps=1).a_y, rel=1e-12)


def test_node_unit_tests_pass():
    files = sorted(path.relative_to(ROOT).as_posix() for path in JS_TESTS.glob("*.test.mjs"))
    assert len(files) >= 4, files
    node_tests(files)

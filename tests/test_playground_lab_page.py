"""The lab page (docs/playground_lab.md, both editions) says what the playground's code does.

The limits the page states for the reader's own data (points in the address, rounding step,
coordinate range, characters per point, points to start with) are read from custom.js by
Node and must appear in the page's sentences; the TF Playground differences section must
name the tests that pin them, and those tests must exist.  Skipped without Node, except
with ``CI=true``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlp_devtools.node import node_json

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"ko": ROOT / "docs" / "playground_lab.md", "en": ROOT / "docs_en" / "playground_lab.md"}

NODE_SCRIPT = """
import * as c from "./docs/javascripts/playground/custom.js";
const pts = (problem) => Array.from({ length: 10 }, () => c.makePoint(1, 2, 1, problem));
const per = (problem) => (c.encodePoints(pts(problem), problem).length - 3) / 10;
process.stdout.write(JSON.stringify({ max: c.MAX_POINTS, step: c.STEP, limit: c.COORD_LIMIT,
  starter: c.STARTER_POINTS, perClass: per("classification"), perRegression: per("regression") }));
"""

#: The sentences of each edition that carry the numbers.
PHRASES = {
    "ko": ["점 {starter}개를 가져와", "점은 최대 {max}개까지", "{step} 단위로 반올림", "−{limit}에서 {limit} 사이",
           "한 점에 글자 {perClass}개(회귀는 {perRegression}개)"],
    "en": ["{starter} points taken from", "at most {max} points", "steps of {step}", "between −{limit} and {limit}",
           "{perClass} characters per point ({perRegression} for regression)"],
}


@pytest.fixture(scope="module")
def constants():
    return node_json(NODE_SCRIPT)


def section(text: str, anchor: str) -> str:
    """The text of the section whose heading carries {#anchor}, up to the next heading."""
    rest = text[text.index("{#" + anchor + "}"):]
    nxt = re.search(r"\n#{2,3} ", rest)
    return rest if nxt is None else rest[:nxt.start()]


@pytest.mark.parametrize("edition", PAGES)
def test_own_data_section_states_the_codes_limits(constants, edition):
    text = section(PAGES[edition].read_text(encoding="utf-8"), "own-data")
    for phrase in PHRASES[edition]:
        expected = phrase.format(**constants)
        assert expected in text, f"{edition}: expected {expected!r} in the own-data section"


@pytest.mark.parametrize("edition", PAGES)
def test_take_home_and_tf_differences_name_their_tests(edition):
    text = PAGES[edition].read_text(encoding="utf-8")
    home = section(text, "take-home")
    assert "tests/test_playground_export.py" in home and "10^{-9}" in home
    from test_playground_export import TOLERANCE
    assert TOLERANCE == 1e-9
    tf = section(text, "tf-differences")
    assert "tests/js/trainer.test.mjs" in tf
    pinned = (ROOT / "tests" / "js" / "trainer.test.mjs").read_text(encoding="utf-8")
    assert pinned.count('test("differs from TF Playground:') == 2
    for word in ({"ko": "L1", "en": "L1"}[edition], {"ko": "마지막 배치", "en": "last batch"}[edition]):
        assert word in tf

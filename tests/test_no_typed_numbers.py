"""Nothing typed by hand that code can compute.

The numbers the chapter derives (0.709383, the descent iterates, the trained XOR
outputs, ...) may appear on a page only where code put them there: a ``>>>``
example's output (checked by Sybil) or a ``{{ lesson.key:spec }}`` placeholder
filled at build time.  A page may still *quote* what the chapter printed, to
correct it: on the corrections page, inside a "원문 정정" / "Correction to the
original" admonition, or on a line that sets the quote beside the computed
placeholder.  This test fails when a derived number is typed anywhere else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([*ROOT.glob("docs/*.md"), *ROOT.glob("docs_en/*.md")])

# Derived in the chapter (not given): forward pass, loss, backprop, descent, training.
CHAPTER_DERIVED = [
    "0.524979", "0.549834", "0.892389", "0.89239", "0.709383", "0.251612", "0.206158", "0.076775",
    "0.484645", "0.699553", "0.244687", "0.005770", "0.000016", "0.99196032", "0.00835708",
    "0.00836107", "0.98974873", "0.70938314", "0.72844306", "0.71791234", "0.73598705",
    "16.3504", "12.286", "10.823", "10.2962", "3.907", "3.000000000000004", "3.0000000000000004",
]
QUOTE_ADMONITION = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?)\s+\w+\s+"(?:원문 정정|Correction to the original)')
ANY_ADMONITION = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s")
INLINE_CODE = re.compile(r"`[^`]*`")


def unquoted_numbers(text: str) -> list[tuple[int, str, str]]:
    """(line number, number, line) for derived numbers typed outside code and quotes."""
    found, fence, quote_indent = [], False, None
    for i, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence or line.lstrip().startswith(">>>"):
            continue
        indent = len(line) - len(line.lstrip())
        if quote_indent is not None and line.strip() and indent <= quote_indent:
            quote_indent = None
        m = QUOTE_ADMONITION.match(line)
        if m:
            quote_indent = len(m.group(1))
            continue
        if quote_indent is not None or "{{" in line:
            continue
        prose = INLINE_CODE.sub("", line)
        found += [(i, n, line.strip()) for n in CHAPTER_DERIVED if n in prose]
    return found


def test_the_checker_catches_a_typed_number():
    page = "출력은 0.709383입니다.\n\n```pycon\n>>> 0.709383\n0.709383\n```\n"
    assert [(n, num) for n, num, _ in unquoted_numbers(page)] == [(1, "0.709383")]
    assert unquoted_numbers('!!! warning "원문 정정"\n    교재는 0.076775라고 썼다.\n') == []
    assert unquoted_numbers("| 0.99196032 | {{ numpy_mlp.xnor_y0:.8f }} |") == []
    assert unquoted_numbers('!!! note "참고"\n    0.251612\n')[0][1] == "0.251612"


@pytest.mark.parametrize("page", [p for p in PAGES if p.name != "corrections.md"],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_derived_number_is_typed_by_hand(page):
    typed = unquoted_numbers(page.read_text(encoding="utf-8"))
    assert not typed, "typed by hand (use a placeholder or a >>> example): " + "; ".join(
        f"{page.name}:{n} {num!r} in {line[:80]!r}" for n, num, line in typed)

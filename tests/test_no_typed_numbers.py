"""Nothing typed by hand that code can compute.

The numbers the chapter derives (the forward pass's output, the descent iterates, the
trained XOR outputs, ...) may appear on a page only where code put them there: a ``>>>``
example's output (checked by Sybil) or a ``{{ lesson.key:spec }}`` placeholder
filled at build time.  A page may still *quote* what the chapter printed, to
correct it: on the corrections page, inside a "교재 정정" / "Correction to the
textbook" admonition (the old titles "원문 정정" / "Correction to the original" are
still accepted while the pages are renamed, issue 17), or on a line that sets the
quote beside the computed placeholder.  This test fails when a derived number is typed anywhere else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlp_lessons.forward_pass import CHAPTER_NUMBERS, worked_example
from mlp_lessons.gradient_descent import descent_1d
from mlp_lessons.pages import gradient_descent as descent_page
from mlp_lessons.pages import numpy_mlp as numpy_mlp_page
from mlp_lessons.pages.forward_pass import CHAPTER_LAB_OUTPUTS

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([*ROOT.glob("docs/*.md"), *ROOT.glob("docs_en/*.md")])

#: Derived in the chapter (not given), as the chapter prints them, from the package's records of
#: what it printed: forward pass, loss, backprop, descent, training.
CHAPTER_DERIVED = sorted({
    *CHAPTER_NUMBERS.values(),                                   # the hand calculation (6 decimals)
    f"{worked_example().z_y:.5f}",                               # z_y printed again, to 5 decimals
    *CHAPTER_LAB_OUTPUTS,                                        # the forward-pass Lab's outputs
    *(f"{y:.8f}" for y in numpy_mlp_page.CHAPTER_PRINTED),       # the trained network's outputs
    descent_page.CHAPTER_PRINTED[-1].split("=")[-1].strip(),     # the descent's minimum, as printed
    repr(descent_1d().final_x),                                  # ... and as Python prints it
    # the descent's iterates, cut where a rounded quote of them would still match
    "16.3504", "12.286", "10.823", "10.2962", "3.907",
})
QUOTE_ADMONITION = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?)\s+\w+\s+"(?:교재 정정|Correction to the textbook'
                              r'|원문 정정|Correction to the original)[":]')   # the last two: old titles
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
    a_y, dE_dw5, E = CHAPTER_NUMBERS["a_y"], CHAPTER_NUMBERS["dE_dw5"], CHAPTER_NUMBERS["E"]
    xnor = f"{numpy_mlp_page.CHAPTER_PRINTED[0]:.8f}"
    page = f"출력은 {a_y}입니다.\n\n```pycon\n>>> {a_y}\n{a_y}\n```\n"
    assert [(n, num) for n, num, _ in unquoted_numbers(page)] == [(1, a_y)]
    for title in ("교재 정정", "Correction to the textbook", "원문 정정", "Correction to the original"):
        assert unquoted_numbers(f'!!! warning "{title}"\n    교재는 {dE_dw5}라고 썼다.\n') == []
    assert unquoted_numbers(f'!!! warning "교재 정정: 조판"\n    {dE_dw5}\n') == []
    assert unquoted_numbers(f'!!! warning "교재 정정 요약"\n    {dE_dw5}\n') != []
    assert unquoted_numbers(f"| {xnor} | {{{{ numpy_mlp.xnor_y0:.8f }}}} |") == []
    assert unquoted_numbers(f'!!! note "참고"\n    {E}\n')[0][1] == E


@pytest.mark.parametrize("page", [p for p in PAGES if p.name != "corrections.md"],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_derived_number_is_typed_by_hand(page):
    typed = unquoted_numbers(page.read_text(encoding="utf-8"))
    assert not typed, "typed by hand (use a placeholder or a >>> example): " + "; ".join(
        f"{page.name}:{n} {num!r} in {line[:80]!r}" for n, num, line in typed)

"""Corrections out of the way (issue 17 item 7).

Where the textbook is wrong, a lesson page shows the right thing and a one-line
"교재 정정" / "Correction to the textbook" box that links to the entry of the
corrections page (``docs/corrections.md``, ``docs_en/corrections.md``) telling
what was printed, why it is wrong and how we know.  Here we check, for every
lesson page of both editions (:data:`mlp_lessons.lessons.PAGES`):

- every correction box has the plain title, one line, and a link to an anchor
  that exists on the corrections page, in its "자세히" / "Details" section;
- every details entry exists in both editions, in the same order, is linked from
  a lesson and from a row of the corrections page's tables, and keeps what left
  the lesson (the textbook's printed text and the placeholders of the numbers).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlp_lessons.lessons import EDITIONS, PAGES

ROOT = Path(__file__).resolve().parents[1]
EDITION_DIRS = {"ko": ROOT / "docs", "en": ROOT / "docs_en"}
#: The title of a correction box, per edition (the glossary's 교재 정정 / correction to the textbook).
FLAG_TITLE = {"ko": "교재 정정", "en": "Correction to the textbook"}
#: Box titles that are correction boxes too: longer titles ("교재 정정: 조판 오류") and the old ones.
FLAG_PREFIXES = ("교재 정정", "Correction to the textbook", "원문 정정", "Correction to the original")
BOX = re.compile(r'^(?P<indent> *)(?:!!!|\?\?\?\+?) +\w+ +"(?P<title>[^"]*)"\n'
                 r'(?P<body>(?:(?P=indent) {4}.*\n|[ \t]*\n)*)', re.M)
ANCHOR_LINK = re.compile(r"\]\(corrections\.md#(?P<anchor>[\w-]+)\)")
LOCAL_LINK = re.compile(r"\]\(#(?P<anchor>[\w-]+)\)")
HEADING_ID = re.compile(r"^(?P<level>#+) .*\{ *#(?P<id>[\w-]+) *\}\s*$", re.M)
#: The pages that teach (every page of the registry but the corrections page itself and the home
#: page, whose box is an example of what such a box looks like, not a correction).
LESSONS = [p.slug for p in PAGES if p.slug != "corrections"]

#: Each details entry of the corrections page, and what it must keep (language-neutral: the
#: textbook's printed text, code, formulas and placeholders, so the same list checks both editions).
DETAILS = {
    "act-relu-spelling": ["Rectifed", "Rectified", "0보다 **적으면**", "0보다 **작으면**"],
    "act-step-code": ["else return 0", "else: return 0", "astype(np.int)", "astype(int)",
                      "AttributeError: module 'numpy' has no attribute 'int'", "グ"],
    "fp-z-y": ["{{ forward_pass.chapter_z_y }}", "{{ forward_pass.z_y:.6f }}", "{{ forward_pass.z_y:.10f }}",
               "{{ forward_pass.a_y:.6f }}"],
    "fp-lab-code": ["W1 = np.array([[0.10, 0.20], [0.30, 0.40]]`", "W1 = np.array([[0.10, 0.20], [0.30, 0.40]])",
                    "T = np.array([[0], [1], [1], [0]])", "T = np.array([[1], [0], [0], [1]])",
                    "{{ forward_pass.out_min:.2f }}", "{{ forward_pass.out_max:.2f }}"],
    "loss-sse": [r"\mathrm{MSE} = \frac{1}{n}\sum_i (y_i - t_i)^2", "{{ loss.E:.6f }}",
                 "{{ loss.mean_of_squares:.6f }}"],
    "gd-power": ["(x-3)^{**}2", "(x-3)**2"],
    "gd-output": ["{{ gradient_descent.x1 }}", "{{ gradient_descent.loss_final }}"],
    "gd-ulp": ["math.ulp(3.0)", "{{ gradient_descent.stuck_from }}"],
    "gd-precision": ["precision = 0.00001", "{{ gradient_descent.n_precision }}"],
    "gd-2d-code": ["add subplot", "add_subplot", "mpl_toolkits.mplot3d"],
    "bp-w5": [r"w_5(t) + \eta", r"w_5(t) - \eta",
              "{{ backprop.chapter_dE_dw5 }}", "{{ backprop.w5_plus:.6f }}", "f'(out_y)", "f'(net_y)",
              "{{ backprop.fprime_at_out:.6f }}", "{{ backprop.chapter_factor2 }}", "{{ backprop.f2:.10f }}",
              "{{ backprop.dE_dw5:.10f }}", "{{ backprop.chapter_rounded_product:.7f }}",
              r"t \, arg \, et", "소실함수"],
    "bp-steps": ["{{ backprop.out_1:.6f }}", "{{ backprop.out_n:.6f }}", "{{ backprop.E_n:.6f }}",
                 "{{ backprop.chapter_out_y_after_n }}", "{{ backprop.chapter_E_after_n }}",
                 "{{ backprop.out_long:.6f }}", "{{ backprop.E_long:.6f }}",
                 "{{ backprop.chapter_E_from_out:.7f }}"],
    "nm-typesetting": [r"\text{np.array}", r"\text{np.dot(layer1, W2)+B2}", "x^*(1-x)", "x*(1-x)",
                       "layer2 error", "layer2_error"],
    "nm-xnor": ["T = np.array([[1], [0], [0], [1]])", "T = np.array([[0], [1], [1], [0]])",
                r"1 - \mathrm{XOR}"],
}


def read(edition: str, slug: str) -> str:
    return (EDITION_DIRS[edition] / f"{slug}.md").read_text(encoding="utf-8")


def correction_flags(text: str) -> list[tuple[str, list[str]]]:
    """(title, non-empty body lines) of every correction box of a page (longer and old titles included)."""
    return [(m["title"], [line.strip() for line in m["body"].splitlines() if line.strip()])
            for m in BOX.finditer(text) if m["title"].startswith(FLAG_PREFIXES)]


def details_entries(corrections: str) -> dict[str, str]:
    """Anchor -> text of each ``### … { #anchor }`` entry under the ``## … { #details }`` heading."""
    headings = list(HEADING_ID.finditer(corrections))
    starts = [i for i, h in enumerate(headings) if h["id"] == "details" and h["level"] == "##"]
    if not starts:
        return {}
    entries = {}
    for i, h in enumerate(headings[starts[0] + 1:], start=starts[0] + 1):
        if len(h["level"]) <= 2:                    # a later ## section ends the details
            break
        end = headings[i + 1].start() if i + 1 < len(headings) else len(corrections)
        entries[h["id"]] = corrections[h.end():end]
    return entries


def flag_problems(text: str, edition: str, details: set[str]) -> list[str]:
    """What is wrong with a page's correction boxes: a title other than the plain one, a body that
    is not one line, no link to corrections.md#…, a link to an anchor that is no details entry."""
    problems = []
    for title, body in correction_flags(text):
        if title != FLAG_TITLE[edition]:
            problems.append(f"title {title!r} is not {FLAG_TITLE[edition]!r}")
        if len(body) != 1:
            problems.append(f"{title!r}: {len(body)} lines, not one: {body[:2]}")
        links = [m["anchor"] for line in body for m in ANCHOR_LINK.finditer(line)]
        if not links:
            problems.append(f"{title!r}: no link to corrections.md#…: {body[:1]}")
        problems += [f"{title!r}: corrections.md has no details entry #{a}" for a in links if a not in details]
    return problems


def test_a_planted_long_or_unlinked_correction_box_is_caught():
    good = '!!! warning "교재 정정"\n    교재의 `x`는 틀렸습니다. [자세히](corrections.md#gd-power)\n\n본문\n'
    assert flag_problems(good, "ko", {"gd-power"}) == []
    assert flag_problems(good, "ko", set()) == ["'교재 정정': corrections.md has no details entry #gd-power"]
    long = good.replace("[자세히]", "둘째 줄\n    [자세히]")
    assert flag_problems(long, "ko", {"gd-power"}) == [
        "'교재 정정': 2 lines, not one: ['교재의 `x`는 틀렸습니다. 둘째 줄', '[자세히](corrections.md#gd-power)']"]
    titled = '!!! warning "Correction to the textbook: typesetting"\n    Wrong. [Details](corrections.md#x)\n'
    assert flag_problems(titled, "en", {"x"}) == [
        "title 'Correction to the textbook: typesetting' is not 'Correction to the textbook'"]
    old = '!!! warning "원문 정정: 실행 결과"\n    교재는 틀렸다. [자세히](corrections.md#gd-output)\n'
    assert flag_problems(old, "ko", {"gd-output"}) == ["title '원문 정정: 실행 결과' is not '교재 정정'"]
    unlinked = '!!! warning "교재 정정"\n    교재는 틀렸다.\n'
    assert flag_problems(unlinked, "ko", set()) == ["'교재 정정': no link to corrections.md#…: ['교재는 틀렸다.']"]
    bullets = '!!! warning "교재 정정"\n    - 하나\n\n    - 둘 [자세히](corrections.md#x)\n'
    assert flag_problems(bullets, "ko", {"x"}) == ["'교재 정정': 2 lines, not one: ['- 하나', '- 둘 [자세히](corrections.md#x)']"]
    assert flag_problems('!!! note "참고"\n    둘\n    줄\n', "ko", set()) == []      # other boxes are free


def test_details_entries_are_read_from_the_details_section_only():
    page = ("## 표\n\n### 위 { #above }\n\n## 자세히 { #details }\n\n### 하나 { #one }\n\n가\n\n"
            "### 둘 { #two }\n\n나\n\n## 다음 { #next }\n\n### 셋 { #three }\n")
    assert details_entries(page) == {"one": "\n가\n\n", "two": "\n나\n\n"}
    assert details_entries(page.replace("{ #details }", "")) == {}


def test_every_lesson_page_is_checked():
    assert {"activations", "forward_pass", "loss", "gradient_descent", "backprop", "numpy_mlp"} <= set(LESSONS)


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("slug", LESSONS)
def test_every_correction_box_is_one_line_linking_to_its_details(edition, slug):
    details = details_entries(read(edition, "corrections"))
    assert flag_problems(read(edition, slug), edition, set(details)) == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_corrections_page_keeps_every_detail(edition):
    """Each entry exists, is linked from a lesson's flag and from a row of the page's own tables,
    and keeps what left the lesson."""
    corrections = read(edition, "corrections")
    entries = details_entries(corrections)
    assert set(entries) == set(DETAILS), (sorted(set(DETAILS) - set(entries)), sorted(set(entries) - set(DETAILS)))
    flagged = {m["anchor"] for slug in LESSONS for m in ANCHOR_LINK.finditer(read(edition, slug))}
    assert set(DETAILS) - flagged == set(), "details entries no lesson links to"
    tables = corrections[:corrections.index("{ #details }")]
    rows = {m["anchor"] for line in tables.splitlines() if line.startswith("|") for m in LOCAL_LINK.finditer(line)}
    assert set(DETAILS) - rows == set(), "details entries no table row links to"
    for anchor, kept in DETAILS.items():
        missing = [text for text in kept if text not in entries[anchor]]
        assert missing == [], f"{edition} corrections.md#{anchor} lost {missing}"


def test_both_editions_have_the_same_entries_in_the_same_order():
    ko, en = (list(details_entries(read(edition, "corrections"))) for edition in EDITIONS)
    assert ko == en

"""Every lesson page is a lesson: goals at the top, check questions, a summary at the end.

For each lesson page of both editions (the pages of :data:`mlp_lessons.lessons.PAGES`
with ``chapter=True``, except the home page and the chapter summary):

- right after the H1 (and the page's first admonition, if any), before the first section,
  a box ``!!! abstract "이 페이지에서 배울 것"`` (``"What you will learn"``) with 3 to 5
  goals, one ``-`` item each;
- a section ``## 확인 문제`` (``## Check yourself``) with 2 to 4 questions
  (``??? question``), each followed by its folded answer (``??? success "정답"`` /
  ``"Answer"``);
- the last section ``## 정리`` (``## Summary``), after the check section;
- the Korean and the English page have as many goals and as many questions.

A failure names the page and what is missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlp_lessons.lessons import PAGES

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"ko": "docs", "en": "docs_en"}
NOT_LESSONS = {"index", "summary"}
LESSONS = [p.slug for p in PAGES if p.chapter and p.slug not in NOT_LESSONS]

#: The titles the structure is recognised by, per edition.
TITLES = {
    "ko": {"goals": "이 페이지에서 배울 것", "check": "확인 문제", "summary": "정리", "answer": "정답"},
    "en": {"goals": "What you will learn", "check": "Check yourself", "summary": "Summary", "answer": "Answer"},
}
GOALS, QUESTIONS = (3, 5), (2, 4)

H2 = re.compile(r"^## +(?P<title>.+?)(?:\s*\{[^}]*\})?\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def _h2_sections(text: str) -> list[tuple[str, list[str]]]:
    """``[(title, lines)]``: the text before the first ``##`` (title ``""``), then each
    ``##`` section; ``#`` lines inside code fences are not headings."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    fence = False
    for line in text.split("\n"):
        if FENCE.match(line):
            fence = not fence
        m = None if fence else H2.match(line)
        if m:
            sections.append((m["title"], []))
        else:
            sections[-1][1].append(line)
    return sections


def _admonition_items(lines: list[str], title: str) -> int | None:
    """The number of top-level ``-`` items in the admonition ``!!! abstract "title"``
    among ``lines``, or ``None`` when there is no such box."""
    start = next((i for i, line in enumerate(lines) if line.strip() == f'!!! abstract "{title}"'), None)
    if start is None:
        return None
    items = 0
    for line in lines[start + 1:]:
        if line.strip() and not line.startswith("    "):
            break
        if re.match(r"^    [-*] ", line):
            items += 1
    return items


def structure(text: str, lang: str) -> dict:
    """What a page has: ``goals`` (items in the top box, ``None`` without a box),
    ``questions`` and ``answers`` in the check section (``None`` without the section),
    ``summary_last`` and ``check_before_summary``."""
    t = TITLES[lang]
    sections = _h2_sections(text)
    titles = [title for title, _ in sections]
    check = next((lines for title, lines in sections if title == t["check"]), None)
    questions = answers = None
    if check is not None:
        questions = sum(bool(re.match(r'^\?\?\?\+? question "', line)) for line in check)
        answers = sum(line.strip() == f'??? success "{t["answer"]}"' for line in check)
    return {
        "goals": _admonition_items(sections[0][1], t["goals"]),
        "questions": questions,
        "answers": answers,
        "summary": t["summary"] in titles,
        "summary_last": titles[-1] == t["summary"],
        "check_before_summary": (t["check"] in titles and t["summary"] in titles
                                 and titles.index(t["check"]) < titles.index(t["summary"])),
    }


def problems(text: str, lang: str) -> list[str]:
    """What the page lacks, one sentence each (empty when it is a lesson)."""
    t, s, out = TITLES[lang], structure(text, lang), []
    if s["goals"] is None:
        out.append(f'no box !!! abstract "{t["goals"]}" before the first ## section')
    elif not GOALS[0] <= s["goals"] <= GOALS[1]:
        out.append(f'the box "{t["goals"]}" has {s["goals"]} goals, expected {GOALS[0]} to {GOALS[1]} "- " items')
    if s["questions"] is None:
        out.append(f'no section "## {t["check"]}"')
    else:
        if not QUESTIONS[0] <= s["questions"] <= QUESTIONS[1]:
            out.append(f'the section "## {t["check"]}" has {s["questions"]} questions, '
                       f'expected {QUESTIONS[0]} to {QUESTIONS[1]} "??? question" boxes')
        if s["answers"] != s["questions"]:
            out.append(f'the section "## {t["check"]}" has {s["questions"]} questions but '
                       f'{s["answers"]} folded answers (??? success "{t["answer"]}")')
    if not s["summary"]:
        out.append(f'no section "## {t["summary"]}"')
    elif not s["summary_last"]:
        out.append(f'"## {t["summary"]}" is not the last ## section')
    if s["summary"] and s["questions"] is not None and not s["check_before_summary"]:
        out.append(f'"## {t["check"]}" must come before "## {t["summary"]}"')
    return out


def _page(lang: str, slug: str) -> tuple[str, str]:
    path = f"{FOLDERS[lang]}/{slug}.md"
    return path, (ROOT / path).read_text(encoding="utf-8")


GOOD = {
    "ko": ('# 제목\n\n!!! tip "노트북"\n    - [노트북](x.ipynb)\n\n!!! abstract "이 페이지에서 배울 것"\n'
           "    - 하나\n    - 둘\n    - 셋\n\n## 본문\n\n```python\n## 코드 속 주석은 제목이 아니다\n```\n\n"
           '## 확인 문제 { #check }\n\n??? question "문제 1"\n    묻기\n\n??? success "정답"\n    답\n\n'
           '??? question "문제 2"\n    묻기\n\n??? success "정답"\n    답\n\n## 정리 { #summary }\n\n- 요점\n'),
}


def test_the_check_accepts_a_lesson():
    assert problems(GOOD["ko"], "ko") == []
    assert structure(GOOD["ko"], "ko")["goals"] == 3
    assert structure(GOOD["ko"], "ko")["questions"] == 2


@pytest.mark.parametrize("change, expected", [
    (('!!! abstract "이 페이지에서 배울 것"', '!!! note "이 페이지에서 배울 것"'), "no box"),
    (("    - 셋\n", ""), "has 2 goals"),
    (('??? success "정답"\n    답\n\n## 정리', "## 정리"), "2 questions but 1 folded answers"),
    (("## 확인 문제 { #check }", "## 연습"), 'no section "## 확인 문제"'),
    (("## 정리 { #summary }", "## 요약"), 'no section "## 정리"'),
    (("## 정리 { #summary }\n\n- 요점\n", "## 정리\n\n- 요점\n\n## 부록\n"), "is not the last"),
])
def test_the_check_names_what_is_missing(change, expected):
    old, new = change
    assert old in GOOD["ko"]
    found = problems(GOOD["ko"].replace(old, new), "ko")
    assert any(expected in p for p in found), found


def test_the_goals_box_must_open_the_page():
    moved = GOOD["ko"].replace('!!! abstract "이 페이지에서 배울 것"\n    - 하나\n    - 둘\n    - 셋\n\n', "")
    moved = moved.replace("## 본문\n", '## 본문\n\n!!! abstract "이 페이지에서 배울 것"\n    - 하나\n    - 둘\n    - 셋\n')
    assert any("no box" in p for p in problems(moved, "ko"))


def test_the_lessons_are_the_registry_pages():
    assert LESSONS == ["activations", "forward_pass", "loss", "gradient_descent", "backprop",
                       "numpy_mlp", "playground", "playground_lab"]


@pytest.mark.parametrize("lang", list(FOLDERS))
@pytest.mark.parametrize("slug", LESSONS)
def test_lesson_page_has_goals_checks_and_summary(slug, lang):
    path, text = _page(lang, slug)
    found = problems(text, lang)
    assert not found, f"{path}: " + "; ".join(found)


@pytest.mark.parametrize("slug", LESSONS)
def test_both_editions_have_as_many_goals_and_questions(slug):
    (ko_path, ko), (en_path, en) = _page("ko", slug), _page("en", slug)
    ko_s, en_s = structure(ko, "ko"), structure(en, "en")
    for what in ("goals", "questions"):
        assert ko_s[what] == en_s[what], (f"{ko_path} has {ko_s[what]} {what}, "
                                          f"{en_path} has {en_s[what]}")

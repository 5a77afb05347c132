"""Nothing before its time (issue 17, item 2): every page and Lab notebook of both editions
uses a glossary term, a lesson's module or a lesson's code name only from the page that
introduces it on, in the reading order of mlp_lessons/lessons.py.

The rules and their exceptions (quoted chapter text, explicit forward references, code)
are in :mod:`mlp_lessons.prerequisites`.  The first tests plant each kind of violation in
a small text and show that the lint reports it (and that each exception lets it pass);
the last ones run the lint on the site's pages, one test per page and edition.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlp_lessons import lessons
from mlp_lessons.glossary import TERMS
from mlp_lessons.prerequisites import (
    CODE_NAMES, CORRECTION_TITLES, NAME_PAGES, check_notebook, check_text, concepts, module_page,
    position,
)

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"ko": "docs", "en": "docs_en"}


def found(text: str, page: str = "activations.md", lang: str = "ko") -> list[tuple[int, str, str]]:
    return [(p.line, p.term, p.introduced_on) for p in check_text(text, page, lang)]


# --- terms --------------------------------------------------------------------------------

def test_a_term_before_its_page_is_reported_with_page_line_term_and_introducing_page():
    text = "# 활성화 함수\n\n시그모이드는 매끄럽습니다.\n그래서 경사 하강법으로\n학습할 수 있습니다.\n"
    problems = check_text(text, "activations.md", "ko", "docs/activations.md")
    assert [(p.line, p.term, p.introduced_on) for p in problems] == [(4, "경사 하강법", "gradient_descent.md")]
    message = str(problems[0])
    for part in ("docs/activations.md:4", "'경사 하강법'", "gradient_descent.md"):
        assert part in message, message


def test_a_term_at_or_after_its_page_passes():
    assert found("경사 하강법으로 내려갑니다.\n", "gradient_descent.md") == []
    assert found("경사 하강법으로 내려갑니다.\n", "backprop.md") == []
    assert found("The chain rule.\n", "numpy_mlp.md", "en") == []


def test_english_terms_are_whole_words_in_any_case_and_plural():
    assert found("Gradients flow back by the chain rule.\n", "activations.md", "en") == [
        (1, "Gradients", "gradient_descent.md"), (1, "chain rule", "backprop.md")]
    assert found("A gradiently shaded chart; chainrule.\n", "activations.md", "en") == []


def test_a_term_wrapped_over_two_lines_is_found():
    assert found("이것은 경사\n하강법입니다.\n") == [(1, "경사\n하강법".replace("\n", " "), "gradient_descent.md")]


def test_every_glossary_term_is_looked_for_in_both_editions():
    for term in TERMS:
        concept = next(c for c in concepts() if c.label == f"{term.ko} / {term.en}")
        assert concept.page == term.page and term.ko in concept.ko and concept.en, term


def test_symbols_and_extra_words_are_looked_for():
    assert found(r"손실 \(E(w)\)의 그림" + "\n") == [(1, "손실", "loss.md"), (1, "E(w)", "loss.md")]
    assert found(r"델타 \(\delta_j\)와 \(\eta\)" + "\n", "forward_pass.md") == [
        (1, "델타", "backprop.md"), (1, r"\delta", "backprop.md"), (1, r"\eta", "gradient_descent.md")]


# --- the exceptions -------------------------------------------------------------------------

def test_a_forward_reference_links_the_introducing_page_in_the_same_sentence():
    assert found("이유는 [역전파](backprop.md)에서 다룹니다.\n") == []
    assert found("See [backpropagation](backprop.md#chain) for the chain rule.\n", lang="en") == []
    # a link to another page, or in another sentence, is no forward reference for it
    assert found("[경사 하강법](gradient_descent.md)과 역전파를 씁니다.\n") == [(1, "역전파", "backprop.md")]
    assert found("역전파를 씁니다. 자세한 것은 [역전파](backprop.md)에서 다룹니다.\n") == [
        (1, "역전파", "backprop.md")]


@pytest.mark.parametrize("title", CORRECTION_TITLES)
def test_quoted_chapter_text_is_not_checked(title):
    text = (f'!!! warning "{title}"\n    교재는 경사하강법과 gradient descent를 씁니다.\n\n'
            "    - 역전파\n\n"
            "> 교재: 경사하강법\n\n"
            '교재의 말로 하면 "역전파 알고리즘"입니다.\n')
    assert found(text) == []
    assert found(text.replace(f'"{title}"', '"참고"')) != []         # any other box is prose


def test_code_is_not_checked_for_terms():
    assert found("`경사 하강법`\n\n```python\n# 역전파\nx = 1\n```\n") == []


# --- code -----------------------------------------------------------------------------------

def test_a_later_lesson_module_in_code_is_reported():
    block = "```pycon\n>>> import numpy as np\n>>> from mlp_lessons.network import forward\n```\n"
    assert found(block) == [(3, "mlp_lessons.network.forward", "forward_pass.md")]
    assert found(block, "forward_pass.md") == []
    assert found("```python\nfrom mlp_lessons import backprop as bp\n```\n", "loss.md") == [
        (2, "mlp_lessons.backprop", "backprop.md")]
    assert found("See `mlp_lessons.pages.loss.numbers`.\n", lang="en") == [
        (1, "mlp_lessons.pages.loss.numbers", "loss.md")]


def test_a_later_name_of_an_earlier_module_is_reported():
    block = "```pycon\n>>> from mlp_lessons.network import forward, backward\n```\n"
    assert found(block, "forward_pass.md") == [(2, "mlp_lessons.network.backward", "backprop.md")]
    assert NAME_PAGES["network.backward"] == "backprop.md"


def test_code_names_of_later_lessons_are_reported():
    block = "```pycon\n>>> coef, *_ = np.linalg.lstsq(A, T, rcond=None)\n```\n"
    assert found(block) == [(2, "lstsq", "loss.md")]
    assert found("교재는 `actf_deriv(layer2)`를 씁니다.\n") == [
        (1, "actf_deriv", "forward_pass.md"), (1, "layer2", "forward_pass.md")]
    assert found("`actf_deriv`.\n", "forward_pass.md") == [] and CODE_NAMES["Z2"] == "forward_pass.md"


def test_a_code_block_after_a_paragraph_linking_its_page_is_a_forward_reference():
    block = "```pycon\n>>> from mlp_lessons.network import forward\n```\n"
    assert found("[순방향 패스](forward_pass.md)의 함수를 미리 씁니다:\n\n" + block) == []
    assert found("미리 씁니다:\n\n" + block) != []


def test_every_lesson_module_of_the_package_belongs_to_its_lesson():
    for page in lessons.PAGES:
        for module in (page.slug, f"figures.{page.slug}", f"pages.{page.slug}"):
            if (ROOT / "mlp_lessons" / (module.replace(".", "/") + ".py")).is_file():
                assert module_page(module) == page.file, module
        for module in page.modules:
            assert position(module_page(module)) <= position(page.file), (page.slug, module)


# --- notebooks ------------------------------------------------------------------------------

def test_a_notebook_takes_its_lesson_s_place(tmp_path):
    nb = {"cells": [{"cell_type": "markdown", "source": ["# 실습\n", "\n", "경사 하강법으로 학습합니다.\n"]},
                    {"cell_type": "code", "source": ["x = 1\n", "from mlp_lessons.backprop import gradient_check\n"]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    problems = check_notebook(path, "notebooks/01_activations.ipynb", "ko")
    assert [(p.line, p.term, p.introduced_on) for p in problems] == [
        ("cell 0:3", "경사 하강법", "gradient_descent.md"),
        ("cell 1:2", "mlp_lessons.backprop.gradient_check", "backprop.md")]
    assert check_notebook(path, "notebooks/04_numpy_mlp.ipynb", "ko") == []


# --- the site ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, planted, term", [
    ("ko", "이 계산을 에포크마다 되풀이합니다.", "에포크"),
    ("en", "We repeat this every epoch.", "epoch"),
    ("ko", "```pycon\n>>> from mlp_lessons.numpy_mlp import train\n```", "mlp_lessons.numpy_mlp.train"),
])
def test_a_violation_planted_in_a_real_page_is_caught(lang, planted, term):
    file = f"{FOLDERS[lang]}/backprop.md"
    text = (ROOT / file).read_text(encoding="utf-8")
    before = {(p.line, p.term) for p in check_text(text, "backprop.md", lang, file)}
    lines = text.split("\n")
    at = lines.index("## 행렬로 표시한 역전파" if lang == "ko" else "## Backpropagation in matrix form {#행렬로-표시한-역전파}")
    grown = "\n".join(lines[:at] + [planted, ""] + lines[at:])
    new = [p for p in check_text(grown, "backprop.md", lang, file) if (p.line, p.term) not in before]
    assert [(p.line, p.term, p.introduced_on) for p in new][:1] == [
        (at + 1 + planted.startswith("```"), term, "numpy_mlp.md")]     # the planted line


PAGES = [(lang, p.file) for lang in FOLDERS for p in lessons.PAGES if p.chapter and p.slug != "index"]
NOTEBOOKS = [(lang, nb.file) for lang in FOLDERS for p in lessons.PAGES for nb in p.notebooks]


@pytest.mark.parametrize("lang, page", PAGES, ids=[f"{FOLDERS[l]}/{f}" for l, f in PAGES])
def test_page_uses_nothing_before_its_time(lang, page):
    file = f"{FOLDERS[lang]}/{page}"
    problems = check_text((ROOT / file).read_text(encoding="utf-8"), page, lang, file)
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("lang, notebook", NOTEBOOKS, ids=[f"{FOLDERS[l]}/{f}" for l, f in NOTEBOOKS])
def test_notebook_uses_nothing_before_its_time(lang, notebook):
    file = f"{FOLDERS[lang]}/{notebook}"
    problems = check_notebook(ROOT / file, notebook, lang, file)
    assert not problems, "\n".join(map(str, problems))

"""The playground lab's check questions: every answer computed again by another route (issue 17).

``tests/test_lesson_structure.py`` checks that the lab page is a lesson (goals, check questions,
summary) like the others.  The answers of the lab's 「확인 문제」 / "Check yourself" are the
``{{ playground.lab_ex_* }}`` numbers of :mod:`mlp_lessons.pages.playground`; here each is computed
again by another route (counting the training loops, the 2-4-1 network written out with
:mod:`math`), and each must be shown in the check section of both editions.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from mlp_lessons.pages import playground as page
from mlp_lessons.playground import derived_seed, lab_data, lab_init_params, mulberry32

ROOT = Path(__file__).resolve().parents[1]
TITLES = {"docs": "확인 문제", "docs_en": "Check yourself"}


@pytest.fixture(scope="module")
def numbers():
    return page.numbers()


def _text(folder: str) -> str:
    return (ROOT / folder / "playground_lab.md").read_text(encoding="utf-8")


def _check_section(text: str, title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\b.*?$(.*?)(?=^## |\Z)", text, re.M | re.S)
    return m.group(1) if m else ""


#: lab_ex_* keys not printed: the address is shown through its HTML-escaped twin ``lab_ex_step_href``.
UNSHOWN = {"lab_ex_step_fragment"}


@pytest.mark.parametrize("folder", list(TITLES))
def test_every_lab_answer_is_shown_in_the_check_section(numbers, folder):
    section = _check_section(_text(folder), TITLES[folder])
    assert section, f"{folder}/playground_lab.md: no section '## {TITLES[folder]}'"
    shown = set(re.findall(r"\{\{\s*playground\.(lab_ex_\w+)", section))
    missing = sorted(k for k in numbers if k.startswith("lab_ex_") and k not in shown | UNSHOWN)
    assert not missing, f"{folder}/playground_lab.md: '## {TITLES[folder]}' never shows {missing}"


def test_question_1_updates_per_epoch(numbers):
    n = numbers
    n_train = round(500 * 30 / 100)                                   # the question: 500 points, 30 %, batch 7
    assert (n["lab_ex_n_points"], n["lab_ex_ratio"], n["lab_ex_batch"], n["lab_ex_n_train"]) == (500, 30, 7, n_train)
    ours = len(range(0, n_train, 7))                                   # batches, the last one shorter
    tf = sum((i + 1) % 7 == 0 for i in range(n_train))                 # TF Playground's (i + 1) % batch == 0
    assert (n["lab_ex_updates_ours"], n["lab_ex_updates_tf"]) == (ours, tf) == (22, 21)
    assert n["lab_ex_left_over"] == n_train - 7 * tf == 3


def test_question_3_fewer_points_than_the_batch(numbers):
    n = numbers
    n_train = round(16 * 50 / 100)                                     # 16 own points, 50 %, batch 10
    assert n["lab_ex_own_n_train"] == n_train == 8
    assert n["lab_ex_own_updates_ours"] == len(range(0, n_train, 10)) == 1
    assert n["lab_ex_own_updates_tf"] == sum((i + 1) % 10 == 0 for i in range(n_train)) == 0


def test_question_2_one_step_by_hand(numbers):
    """Training point 1 of 「XOR, 은닉층 1개」 (seed 1, 2-4-1 tanh, η = 0.03) before training, with plain floats."""
    n = numbers
    d = lab_data("xor", seed=1, ratio=50)
    p = lab_init_params([2, 4, 1], seed=1)
    x, t = d.X_train[0].tolist(), float(d.T_train[0, 0])
    W1, B1, W2, B2 = p["W1"].tolist(), p["B1"].tolist(), p["W2"].tolist(), p["B2"].tolist()

    def output(W1, B1, W2, B2):
        a1 = [math.tanh(x[0] * W1[0][j] + x[1] * W1[1][j] + B1[j]) for j in range(4)]
        return a1, math.tanh(sum(a1[j] * W2[j][0] for j in range(4)) + B2[0])

    a1, y = output(W1, B1, W2, B2)
    d2 = (y - t) * (1 - y * y)                                         # δ2 = (y − t) f'(z), tanh' = 1 − y²
    d1 = [d2 * W2[j][0] * (1 - a1[j] ** 2) for j in range(4)]
    eta = 0.03
    assert (n["lab_ex_step_x1"], n["lab_ex_step_x2"], n["lab_ex_step_t"]) == (x[0], x[1], t)
    assert n["lab_ex_step_y"] == pytest.approx(y, abs=1e-12)
    assert n["lab_ex_step_E"] == pytest.approx(0.5 * (y - t) ** 2, abs=1e-12)
    assert n["lab_ex_step_delta_out"] == pytest.approx(d2, abs=1e-12)
    assert n["lab_ex_step_dB_out"] == pytest.approx(-eta * d2, abs=1e-12)
    new = output([[W1[i][j] - eta * x[i] * d1[j] for j in range(4)] for i in range(2)],
                 [B1[j] - eta * d1[j] for j in range(4)],
                 [[W2[j][0] - eta * a1[j] * d2] for j in range(4)], [B2[0] - eta * d2])
    assert n["lab_ex_step_y_after"] == pytest.approx(new[1], abs=1e-12)
    assert abs(new[1] - t) < abs(y - t)                               # the answer: one step towards t
    assert n["lab_ex_step_fragment"] == next(
        e for e in _experiments() if "data=xor" in e and "layers=4&" in e)  # the question's link is the experiment's


def _experiments() -> list[str]:
    """The prepared experiments' fragments, as the Korean lab page lists them."""
    return [m.replace("&amp;", "&") for m in re.findall(r'<li id="exp-[^"]+"[^>]*><a href="#([^"]+)"', _text("docs"))]


def test_the_playground_random_numbers_are_the_browsers():
    """First numbers of mulberry32(1) and derivedSeed(1, 1) as data.js gives them (node, printed once);
    tests/js/trainer.test.mjs compares whole data sets and weights."""
    rng = mulberry32(1)
    assert [rng(), rng(), rng()] == [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]
    assert derived_seed(1, 1) == 992153577

"""Tests of the page "경사 하강법": its numbers, its shown code and its figures.

The page's ``>>>`` examples are run by Sybil (``pytest docs/gradient_descent.md``);
the package itself is tested in ``tests/test_gradient_descent.py``.  Here we
check what the page shows through placeholders, plain code blocks and images,
against the chapter's printed output and independent computations.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.quiver import Quiver

from mlp_lessons.figures import gradient_descent as figs
from mlp_lessons.gradient_descent import chapter_output, descent_1d, descent_2d, gradient_field, loss_1d
from mlp_lessons.pages import PLACEHOLDER, fill
from mlp_lessons.pages import gradient_descent as page

PAGE = Path(__file__).resolve().parents[1] / "docs" / "gradient_descent.md"
FENCE = re.compile(r"^(?P<indent> *)```(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)```", re.M | re.S)


def code_blocks(language: str = "python") -> list[str]:
    """The page's fenced blocks of ``language`` without ``>>>`` examples (shown, not run by Sybil)."""
    text = PAGE.read_text(encoding="utf-8")
    return [m["body"] for m in FENCE.finditer(text)
            if m["info"].strip() == language and ">>>" not in m["body"]]


def ref_run(x0=10, eta=0.2, n=100):
    """The 1-D descent written out independently of the package."""
    xs = [x0]
    for _ in range(n):
        xs.append(xs[-1] - eta * (2 * xs[-1] - 6))
    return xs


@pytest.fixture(scope="module")
def numbers():
    return page.numbers()


# --- placeholders ---------------------------------------------------------------

def test_every_placeholder_on_the_page_has_a_number(numbers):
    text = PAGE.read_text(encoding="utf-8")
    found = list(PLACEHOLDER.finditer(text))
    assert len(found) > 20
    assert {m["lesson"] for m in found} == {"gradient_descent"}
    assert "{{" not in fill(text, {"gradient_descent": numbers}, where=str(PAGE))


def test_numbers_are_plain_python_values(numbers):
    for key, value in numbers.items():
        assert type(value) in (float, int, str), (key, type(value))


def test_inputs_are_the_chapters(numbers):
    assert (numbers["x0"], numbers["eta"], numbers["precision"], numbers["max_iterations"]) == (10, 0.2, 0.00001, 100)
    assert numbers["minimum"] == 3 and numbers["start_gradient"] == 2 * 10 - 6
    assert numbers["factor"] == pytest.approx(0.6)


def test_iterates_match_an_independent_run(numbers):
    xs = ref_run()
    for k in (1, 2, 3, 4):
        assert numbers[f"x{k}"] == repr(xs[k])
    for k in (1, 2, 3):
        assert numbers[f"loss{k}"] == repr((xs[k] - 3) ** 2 + 10)
    assert numbers["x_final"] == repr(xs[-1])
    assert numbers["stuck_from"] == xs.index(xs[-1])
    assert numbers["idle_iterations"] == 100 - xs.index(xs[-1])
    losses = [(x - 3) ** 2 + 10 for x in xs]
    assert numbers["loss_flat_from"] == losses.index(10.0)
    assert numbers["n_lines"] == 101


def test_the_chapters_printed_numbers_differ_from_python(numbers):
    """The chapter's "실행 결과" drops digits and the first line; Python prints these.

    What Python prints is checked once, in tests/test_gradient_descent.py; here the page's
    numbers are compared with it and with the chapter's lines (``page.CHAPTER_PRINTED``).
    """
    python = chapter_output(descent_1d()).splitlines()        # what the fixed code prints
    assert f"( {numbers['x1']} )" in python[0]                 # the line the chapter's listing leaves out
    assert python[1].endswith(f"( {numbers['x2']} )= {numbers['loss2']}")
    assert python[2].endswith(f"= {numbers['loss3']}")
    assert python[3].endswith(f"( {numbers['x4']} )= {numbers['loss4']}")
    assert numbers["x_final"] == repr(descent_1d().final_x) and python[-1].endswith(numbers["x_final"])
    # the chapter's lines: (x, loss) as printed, then its minimum
    chapter = [re.fullmatch(r"손실함수값\(\s*(\S+?)\s*\)= (\S+)", line).groups() for line in page.CHAPTER_PRINTED[:-1]]
    assert all(numbers["x1"] not in line for line in page.CHAPTER_PRINTED)
    assert chapter[0][0] == numbers["x2"]
    for printed, true in ((chapter[0][1], numbers["loss2"]), (chapter[1][1], numbers["loss3"]),
                          (chapter[2][0], numbers["x4"])):
        assert printed != true and float(printed) == pytest.approx(float(true), rel=1e-14)   # a digit dropped
    assert chapter[2][1] == numbers["loss4"] == repr((float(numbers["x4"]) - 3) ** 2 + 10)  # the chapter has it right
    assert chapter[-1][0] != numbers["x_final"]
    book_min = float(page.CHAPTER_PRINTED[-1].split("=")[1])
    assert book_min - 3 == pytest.approx(10 * (float(numbers["x_final"]) - 3), rel=0.01)
    assert numbers["final_gap"] == numbers["ulp3"] == math.ulp(3.0)


def test_precision_stopping_rule(numbers):
    xs = [10.0]
    while True:
        step = 0.2 * (2 * xs[-1] - 6)
        xs.append(xs[-1] - step)
        if abs(step) < 0.00001:
            break
    assert numbers["n_precision"] == len(xs) - 1 == 26
    assert numbers["x_precision"] == repr(xs[-1])
    assert numbers["last_step"] == pytest.approx(abs(xs[-1] - xs[-2]), rel=1e-12)
    assert numbers["last_step"] < 0.00001 <= abs(xs[-2] - xs[-3])


def test_sweep_and_2d_numbers(numbers):
    assert numbers["sweep_slow_x"] == pytest.approx(3 + 7 * 0.98 ** 20, rel=1e-12)
    assert numbers["sweep_good_x"] == pytest.approx(3 + 7 * 0.6 ** 20, rel=1e-9)
    assert numbers["sweep_diverge_x"] == pytest.approx(3 + 7 * (-1.2) ** 20, rel=1e-9)
    assert numbers["grid_points"] == 400                       # np.arange(-5, 5, 0.5) squared
    p = np.array([4.0, 3.0]) * 0.8 ** 15
    assert numbers["path_steps"] == 15 and numbers["path_loss0"] == 25.0
    assert numbers["path_loss_final"] == pytest.approx(float(p @ p), rel=1e-12)


# --- the code the page shows ----------------------------------------------------

def test_the_chapters_1d_code_is_shown_verbatim_and_fails_as_printed():
    chapter = code_blocks()[0]
    assert "(x-3)^{**}2" in chapter
    with pytest.raises(SyntaxError):
        compile(chapter, "chapter", "exec")


def test_the_chapters_1d_code_once_fixed_prints_chapter_output_exactly():
    chapter = code_blocks()[0].replace("(x-3)^{**}2", "(x-3)**2")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(chapter, "chapter", "exec"), {})
    printed = out.getvalue().rstrip("\n")
    assert printed == chapter_output(descent_1d())                     # spaces included
    lines = printed.splitlines()
    assert lines[-1] == f"최소값 =  {descent_1d().final_x!r}"             # two spaces from print's sep
    assert not set(page.CHAPTER_PRINTED) & set(lines)                  # no chapter line is printed as is


def test_the_2d_code_runs_and_draws_the_chapters_field(monkeypatch):
    blocks = [b for b in code_blocks() if "meshgrid" in b]
    assert len(blocks) == 2
    assert "add_subplot(111, projection='3d')" in blocks[0] and "add subplot" not in blocks[0]
    import matplotlib.pyplot as plt
    backend = matplotlib.get_backend()
    plt.switch_backend("agg")
    monkeypatch.setattr(plt, "show", lambda *a, **k: None)
    try:
        surface_ns, quiver_ns = {}, {}
        exec(compile(blocks[0], "surface", "exec"), surface_ns)
        exec(compile(blocks[1], "quiver", "exec"), quiver_ns)
    finally:
        plt.close("all")
        plt.switch_backend(backend)
    X, Y, U, V = gradient_field()
    np.testing.assert_array_equal(surface_ns["Z"], X ** 2 + Y ** 2)
    np.testing.assert_array_equal(quiver_ns["U"], U)
    np.testing.assert_array_equal(quiver_ns["V"], V)


# --- figures --------------------------------------------------------------------

def test_descent_path_draws_the_iterates_on_the_curve():
    fig = figs.descent_path(steps=6)
    ax = fig.axes[0]
    curve, points = ax.get_lines()[:2]
    np.testing.assert_allclose(curve.get_ydata(), loss_1d(np.asarray(curve.get_xdata())))
    np.testing.assert_array_equal(points.get_xdata(), ref_run(10.0, 0.2, 6))
    arrows = [t for t in ax.texts if getattr(t, "arrow_patch", None) is not None and t.get_text() == ""]
    assert len(arrows) == 6
    starts = [a.xyann[0] for a in arrows]
    assert starts == ref_run(10.0, 0.2, 6)[:-1]


def test_rate_sweep_has_one_curve_per_rate_and_the_diverging_one_grows():
    fig = figs.rate_sweep()
    ax_x, ax_e = fig.axes
    assert len(ax_x.get_lines()) == len(figs.SWEEP_RATES) + 1      # + the line at x = 3
    distances = {float(line.get_label().split("=")[1].split()[0]): np.asarray(line.get_ydata())
                 for line in ax_e.get_lines()}
    assert sorted(distances) == sorted(figs.SWEEP_RATES)
    assert distances[1.1][-1] > distances[1.1][0] == 7                # diverges
    np.testing.assert_allclose(distances[1.0], 7)                      # bounces between 10 and -4
    assert distances[0.2][-1] < 1e-3 < distances[0.01][-1]
    assert ax_e.get_yscale() == "log"


def test_bowl_surface_is_the_chapters_grid():
    fig = figs.bowl_surface()
    ax = fig.axes[0]
    assert ax.name == "3d"
    assert len(ax.collections) == 1
    FigureCanvasAgg(fig).draw()                                      # 3-D faces are made at draw time
    assert len(ax.collections[0].get_paths()) == 19 * 19             # faces of a 20 x 20 grid
    z_low, z_high = ax.get_zlim()
    assert z_low <= 0 and z_high >= 50                               # z = x² + y² on [-5, 4.5]²


def test_bowl_quiver_arrows_point_to_the_minimum_and_the_path_follows():
    fig = figs.bowl_quiver()
    ax = fig.axes[0]
    quiver = next(c for c in ax.collections if isinstance(c, Quiver))
    X, Y = quiver.X, quiver.Y
    U, V = quiver.U, quiver.V
    assert quiver.N == 11 * 11
    np.testing.assert_allclose(U, -2 * X)
    np.testing.assert_allclose(V, -2 * Y)
    path_line = next(line for line in ax.get_lines() if "경로" in line.get_label())
    expected = descent_2d(figs.PATH_2D_START, figs.PATH_2D_RATE, figs.PATH_2D_STEPS).x
    np.testing.assert_allclose(np.column_stack([path_line.get_xdata(), path_line.get_ydata()]), expected)
    assert page.PATH_2D == {"start": figs.PATH_2D_START, "learning_rate": figs.PATH_2D_RATE,
                            "steps": figs.PATH_2D_STEPS}


# --- corrections: a one-line flag on the lesson, the detail on the corrections page ----------
# The check of every lesson's flags, and its planted violations, is tests/test_corrections.py;
# here only what this page must flag.

from test_corrections import ANCHOR_LINK, EDITION_DIRS, correction_flags, details_entries, flag_problems  # noqa: E402


@pytest.mark.parametrize("edition", EDITION_DIRS)
def test_the_lessons_corrections_are_one_line_flags_to_the_corrections_page(edition):
    folder = EDITION_DIRS[edition]
    details = set(details_entries((folder / "corrections.md").read_text(encoding="utf-8")))
    text = (folder / "gradient_descent.md").read_text(encoding="utf-8")
    flags = correction_flags(text)
    assert len(flags) >= 5, flags               # power, output, precision, add_subplot, the lost '#'
    assert flag_problems(text, edition, details) == []
    linked = {m["anchor"] for _, body in flags for m in ANCHOR_LINK.finditer(body[0])}
    assert linked >= {"gd-power", "gd-output", "gd-precision", "gd-2d-code"}


@pytest.mark.parametrize("edition", EDITION_DIRS)
def test_the_corrections_page_keeps_the_detail(edition):
    """What left the lesson is on the corrections page: the chapter's printed lines, the computed
    ones beside them, print's spaces, the ulp and where x stops."""
    text = (EDITION_DIRS[edition] / "corrections.md").read_text(encoding="utf-8")
    python = {line.replace(" ", "") for line in chapter_output(descent_1d()).splitlines()}
    wrong = [line for line in page.CHAPTER_PRINTED if line.replace(" ", "") not in python]
    assert len(wrong) == len(page.CHAPTER_PRINTED) - 1                 # only 3.54432's line is right
    for line in wrong:
        assert f"`{line}`" in text, line
    for key in ("x1", "loss1", "x2", "loss2", "x3", "loss3", "x4", "loss4", "x_final", "loss_final",
                "ulp3", "stuck_from", "idle_iterations", "loss_flat_from", "n_precision"):
        assert f"{{{{ gradient_descent.{key} }}}}" in text, key
    assert "`손실함수값( x )= y`" in text and '`"최소값 = "`' in text       # print's spaces
    assert "math.ulp(3.0)" in text and "(x-3)^{**}2" in text and "add_subplot" in text
    assert "mpl_toolkits.mplot3d" in text


def test_new_numbers_of_the_rewritten_prose(numbers):
    assert numbers["x1_exact"] == 7.2 != float(numbers["x1"])        # 3 + 7·0.6 exactly, not the float iterate
    assert numbers["x2_exact"] == 5.52
    assert numbers["bounce_other"] == descent_1d(numbers["x0"], 1.0, max_iterations=1).x[1] == -4
    assert (numbers["path_x0"], numbers["path_y0"]) == page.PATH_2D["start"]
    assert numbers["path_eta"] == page.PATH_2D["learning_rate"]

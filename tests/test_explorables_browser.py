"""The lesson pages' explorables (docs/javascripts/explorables/) in headless Chromium.

Each explorable is driven by the keyboard only (focus a control, press keys, as a reader
without a mouse would) and what it shows is compared with the page's numbers, read from
``mlp_lessons.pages.<lesson>.numbers()`` — never typed here.  Also, on both editions: each
builds only when it comes near the screen, every control has a label, its texts are in the
page's language, axe finds nothing at 320, 768 and 1280 px in the light and the dark scheme,
and without JavaScript (or on paper) the static figure beside it is what the reader gets.

A page load is most of a test's time here, so one load serves every check of a first visit:
built near the screen, labelled, in the page's language, reached with Tab, then (Korean
edition) axe in both schemes, the dark one switched to with the header's toggle as a reader
does (the explorable's colours compared between the two), and last the printed page.
"Run to the end" steps on the page's own interval timer, run in simulated time (Playwright's
clock), not waited for in real time.

Uses the built site (both editions), the server and the browser of tests/conftest.py
(``base_url``, ``browser``); skipped like tests/test_browser.py when Playwright or Chromium is
missing (failing in CI).
"""

from __future__ import annotations

import pytest

from mlp_devtools.browser import Watcher
from mlp_lessons.forward_pass import chapter_params
from mlp_lessons.gradient_descent import descent_1d, descent_2d, learning_rate_sweep
from mlp_lessons.network import forward
from mlp_lessons.pages import activations as activations_page
from mlp_lessons.pages import backprop as backprop_page
from mlp_lessons.pages import forward_pass as forward_pass_page
from mlp_lessons.pages import gradient_descent as gradient_descent_page
from mlp_lessons.pages import loss as loss_page
from mlp_lessons.pages import numpy_mlp as numpy_mlp_page
import visits as visiting

#: Bound of every wait (ms): it only limits a failure, a loaded 2-core machine is slow.
TIMEOUT_MS = 60_000
#: explorable → (its name, module file, the static figure it sits beside); the page is the key's
#: lesson (PAGES names the page of a second explorable on a page)
EXPLORABLES = {
    "gradient_descent": ("gradient-descent", "gradient_descent.js", "figures/gradient_descent/rate_sweep.svg"),
    "gradient_descent_2d": ("gradient-descent-2d", "gradient_descent_2d.js", "figures/gradient_descent/bowl_quiver.svg"),
    "activations": ("activations", "activations.js", "figures/activations/all.svg"),
    "forward_pass": ("forward-pass", "forward_pass.js", "figures/forward_pass/forward_values.svg"),
    "backprop": ("backprop", "backprop.js", "figures/backprop/delta_flow.svg"),
    "loss": ("loss", "loss.js", "figures/loss/sse_vs_ce.svg"),
    "numpy_mlp": ("numpy-mlp", "numpy_mlp.js", "figures/numpy_mlp/decision_boundary.svg"),
}
PAGES = {"gradient_descent_2d": "gradient_descent"}
EDITIONS = {"ko": "", "en": "en/"}
WIDTHS = (320, 768, 1280)


def new_page(browser, base_url, **options):
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.watcher = Watcher(page, base_url)
    return page


@pytest.fixture()
def page(browser, base_url):
    page = new_page(browser, base_url)
    yield page
    assert not page.watcher.problems, page.watcher.problems
    page.context.close()


def open_explorable(page, base_url, lesson: str, edition: str = "ko"):
    """Open the lesson page, bring the explorable into view, wait until it is built; its root."""
    name = EXPLORABLES[lesson][0]
    page.goto(f"{base_url}{EDITIONS[edition]}{PAGES.get(lesson, lesson)}/", wait_until="load")
    root = page.locator(f'[data-explorable="{name}"]')
    root.scroll_into_view_if_needed()
    page.wait_for_selector(f'[data-explorable="{name}"][data-ready="true"]')
    return root


def messages(page, lesson: str) -> dict:
    """The explorable's texts in the page's language (the module's MESSAGES)."""
    module = EXPLORABLES[lesson][1]
    return page.evaluate(f"""() => import(new URL('../javascripts/explorables/{module}', location.href).href)
        .then(m => m.MESSAGES[document.documentElement.lang.startsWith('en') ? 'en' : 'ko'])""")


def press(page, control, key: str, times: int = 1) -> None:
    """Focus a control and press a key on it (`times` times)."""
    control.focus()
    for _ in range(times):
        page.keyboard.press(key)


def type_into(page, control, text: str) -> None:
    """Replace a field's text by typing, as a reader would."""
    control.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


#: Bound of a run in simulated seconds (page.clock): it only limits a failure.
MAX_RUN_S = 600


def run_to_the_end(page, root) -> None:
    """Start "Run to the end" with Space and run it to its end on the page's own interval
    timer (common.js runToggle), in simulated time: the test installed Playwright's clock
    before loading the page, and the clock is moved on one second at a time, each timer due
    in that second firing in order, until the page says the run stopped
    (data-running="false")."""
    press(page, root.locator("[data-action=run]"), "Space")
    assert root.get_attribute("data-running") == "true", "Space on the run button should start the run"
    for _ in range(MAX_RUN_S):
        if root.get_attribute("data-running") == "false":
            return
        page.clock.run_for(1000)
    raise AssertionError(f"the run had not stopped after {MAX_RUN_S} simulated seconds: "
                         f"data-running={root.get_attribute('data-running')!r}")


def table_rows(root) -> list[list[str]]:
    return root.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))")


# --- gradient descent ------------------------------------------------------------------------

def test_gradient_descent_with_the_chapters_rate_prints_the_pages_lines(page, base_url):
    n = gradient_descent_page.numbers()
    page.clock.install()  # "Run to the end" in simulated time
    root = open_explorable(page, base_url, "gradient_descent")
    assert root.locator("input[type=number]").first.input_value() == str(n["eta"])
    press(page, root.locator("[data-action=step]"), "Enter", 4)
    rows = table_rows(root)
    assert [r[1] for r in rows] == [repr(float(n["x0"])), n["x1"], n["x2"], n["x3"], n["x4"]]
    assert [r[2] for r in rows[1:]] == [n["loss1"], n["loss2"], n["loss3"], n["loss4"]]
    assert root.get_attribute("data-status") == "too slow"
    # run to the end with the keyboard: the page's last line and minimum
    run_to_the_end(page, root)
    rows = table_rows(root)
    assert len(rows) == n["max_iterations"] + 1, "the start and one row per iteration"
    assert rows[-1][1:] == [n["x_final"], n["loss_final"]]
    assert rows[n["stuck_from"]][1] == n["x_final"] != rows[n["stuck_from"] - 1][1]
    assert root.get_attribute("data-status") == "converged"
    # the step button is used up; the focus went on to "reset", not to the page's top
    assert page.evaluate("document.activeElement.dataset.action") in ("run", "reset")


def test_gradient_descent_above_one_diverges_and_says_so(page, base_url):
    n = gradient_descent_page.numbers()
    (diverging,) = [r for r in learning_rate_sweep((1.1,), x0=n["x0"], steps=20)]
    assert diverging.status == "diverged"
    root = open_explorable(page, base_url, "gradient_descent")
    T = messages(page, "gradient_descent")
    eta = root.locator(f"input#{root.locator('input[type=number]').first.get_attribute('id')}")
    # 0.2 → 1.1 with the arrow keys (step 0.05)
    steps = round((diverging.learning_rate - n["eta"]) / 0.05)
    press(page, eta, "ArrowUp", steps)
    assert float(eta.input_value()) == pytest.approx(diverging.learning_rate)
    press(page, root.locator("[data-action=step]"), "Enter", 20)
    rows = table_rows(root)
    assert [r[1] for r in rows] == [repr(float(v)) for v in diverging.history.x]
    assert float(rows[-1][1]) == pytest.approx(n["sweep_diverge_x"])
    assert root.get_attribute("data-status") == "diverged"
    status = root.locator("[role=status]")
    assert T["diverged"] in status.inner_text()
    assert "ex-warn" in status.get_attribute("class")
    assert T["offscreen"] in root.locator("svg").text_content(), "the iterate left the picture: say so"
    # η = 1 bounces between two points for ever
    type_into(page, eta, "1")
    press(page, root.locator("[data-action=step]"), "Enter", 3)
    assert [r[1] for r in table_rows(root)] == [repr(float(v)) for v in descent_1d(n["x0"], 1.0, max_iterations=3).x]
    assert root.get_attribute("data-status") == "oscillating"


def test_gradient_descent_refuses_a_learning_rate_of_zero(page, base_url):
    root = open_explorable(page, base_url, "gradient_descent")
    T = messages(page, "gradient_descent")
    type_into(page, root.locator("input[type=number]").first, "0")
    assert root.locator("input[type=number]").first.get_attribute("aria-invalid") == "true"
    assert root.locator("[role=status]").inner_text() == T["invalid"]


# --- gradient descent on the 2-D bowl ----------------------------------------------------------

def rows_2d(root) -> list[list[str]]:
    """The table's rows without the iteration number: [x, y, z] as printed."""
    return [r[1:] for r in table_rows(root)]


def python_rows(start, eta, steps) -> list[list[str]]:
    """descent_2d's iterates, each float as Python prints it."""
    run = descent_2d(start, learning_rate=eta, steps=steps)
    return [[repr(float(x)), repr(float(y)), repr(float(z))] for (x, y), z in zip(run.x, run.loss)]


@pytest.mark.parametrize("edition", EDITIONS)
def test_gradient_descent_2d_by_keyboard_gives_the_pages_path_and_a_start_of_ones_own(page, base_url, edition):
    n = gradient_descent_page.numbers()
    start = (n["path_x0"], n["path_y0"])
    page.clock.install()  # "Run to the end" in simulated time
    root = open_explorable(page, base_url, "gradient_descent_2d", edition)
    eta = root.locator("input[type=number]")
    assert float(eta.input_value()) == n["path_eta"]
    assert root.get_attribute("data-start") == f"{start[0]:g},{start[1]:g}"
    # the page's path: "Step" pressed path_steps times with Enter
    press(page, root.locator("[data-action=step]"), "Enter", n["path_steps"])
    assert rows_2d(root) == python_rows(start, n["path_eta"], n["path_steps"])
    assert float(table_rows(root)[-1][3]) == n["path_loss_final"]
    assert root.get_attribute("data-status") == "too slow"
    # a start of one's own: the cross moved with the arrow keys (0.5; with Shift 0.1), Enter starts there
    plot = root.locator("[data-action=pick]")
    press(page, plot, "ArrowLeft", 2)
    press(page, plot, "ArrowDown")
    press(page, plot, "Shift+ArrowUp", 2)
    cross = (start[0] - 1.0, round(start[1] - 0.5 + 0.2, 10))
    assert root.get_attribute("data-cursor") == f"{cross[0]:g},{cross[1]:g}"
    assert root.get_attribute("data-start") == f"{start[0]:g},{start[1]:g}", "moving the cross does not start"
    page.keyboard.press("Enter")
    assert root.get_attribute("data-start") == f"{cross[0]:g},{cross[1]:g}"
    assert rows_2d(root) == python_rows(cross, 0.1, 1)[:1]
    # another learning rate with the arrow keys (step 0.05), then "Run to the end" with Space
    press(page, eta, "ArrowUp", 4)
    rate = float(eta.input_value())
    assert rate == pytest.approx(n["path_eta"] + 0.2)
    run_to_the_end(page, root)
    assert rows_2d(root) == python_rows(cross, rate, n["max_iterations"])
    assert root.get_attribute("data-status") == "converged"
    assert table_rows(root)[-1][1] in root.locator("[role=status]").inner_text()


@pytest.mark.parametrize("edition", EDITIONS)
def test_gradient_descent_2d_click_picks_the_start_and_odd_input_never_breaks_it(page, base_url, edition):
    root = open_explorable(page, base_url, "gradient_descent_2d", edition)
    T = messages(page, "gradient_descent_2d")
    status = root.locator("[role=status]")

    def click_at(x, y, *, plot_units=False):
        """Click the plot at the point (x, y) of the plane (or at SVG user units (x, y)).  The
        point is found as an offset inside the plot's box, and Playwright's click places it
        once the box stands still: blocks above the plot that content-visibility skipped get
        their real height as they come near the screen and move the plot (a click at window
        coordinates read a moment earlier could miss it)."""
        offset = page.evaluate("""async ([x, y, units]) => {
            const m = await import(new URL('../javascripts/explorables/gradient_descent_2d.js', location.href).href);
            const svg = document.querySelector('[data-explorable=gradient-descent-2d] svg');
            const [u, v] = units ? [x, y] : m.project(x, y);
            const p = new DOMPoint(u, v).matrixTransform(svg.getScreenCTM());
            const box = svg.getBoundingClientRect();
            return {x: p.x - box.left, y: p.y - box.top};
        }""", [x, y, plot_units])
        root.locator("svg").click(position=offset)

    root.locator("svg").scroll_into_view_if_needed()
    click_at(-2, 1.5)
    assert root.get_attribute("data-start") == "-2,1.5"
    press(page, root.locator("[data-action=step]"), "Enter", 2)
    assert rows_2d(root) == python_rows((-2.0, 1.5), 0.1, 2)
    # outside the plotted square (the margin of the ticks): said, nothing else changes
    click_at(4, 4, plot_units=True)
    assert status.inner_text() == T["outside"]
    assert root.get_attribute("data-start") == "-2,1.5" and len(table_rows(root)) == 3
    # η = 0 and a negative η are refused in words
    eta = root.locator("input[type=number]")
    for bad in ("0", "-1"):
        type_into(page, eta, bad)
        assert eta.get_attribute("aria-invalid") == "true" and status.inner_text() == T["invalid"]
    # the page's question 2: η = 1.2 jumps over the origin and away
    type_into(page, eta, "1.2")
    press(page, root.locator("[data-action=step]"), "Enter", 3)
    assert rows_2d(root) == python_rows((-2.0, 1.5), 1.2, 3)
    assert root.get_attribute("data-status") == "diverged" and T["diverged"] in status.inner_text()
    # a huge η: one step throws the point out by 1e300 and its z overflows to inf; the run ends
    # there, said in words, the point off the picture
    type_into(page, eta, "1e300")
    press(page, root.locator("[data-action=step]"), "Enter")
    expected = python_rows((-2.0, 1.5), 1e300, 3)
    assert len(expected) == 2 and expected[-1][2] == "inf"
    assert rows_2d(root) == expected
    assert root.get_attribute("data-status") == "diverged"
    assert T["diverged"] in status.inner_text() and T["overflow"] in status.inner_text()
    assert "ex-warn" in status.get_attribute("class")
    assert T["offscreen"] in root.locator("svg").text_content()
    assert root.locator("[data-action=step]").is_disabled()
    assert page.evaluate("document.activeElement.dataset.action") == "reset", "the focus moved on, not lost"


# --- activations ------------------------------------------------------------------------------

def test_activations_show_the_pages_peak_slopes_at_zero(page, base_url):
    n = activations_page.numbers()
    root = open_explorable(page, base_url, "activations")
    slider = root.locator("input[type=range]")
    start = float(slider.input_value())
    press(page, slider, "ArrowLeft", round(start / float(slider.get_attribute("step"))))
    assert float(slider.input_value()) == 0
    cells = root.locator("table td")
    assert cells.nth(0).inner_text() == f"{n['sigmoid_at_0']:g}"
    assert cells.nth(1).inner_text() == f"{n['sigmoid_deriv_max']:g}"
    assert f"{n['sigmoid_deriv_max']:g}" in root.locator("[role=status]").inner_text()
    # the next function with the arrow keys of the radio group: tanh
    press(page, root.locator("input[type=radio]:checked"), "ArrowRight")
    assert root.locator("input[type=radio]:checked").get_attribute("value") == "tanh"
    assert cells.nth(1).inner_text() == f"{n['tanh_deriv_max']:g}"


def test_activations_mark_the_saturated_region(page, base_url):
    root = open_explorable(page, base_url, "activations")
    T = messages(page, "activations")
    slider = root.locator("input[type=range]")
    press(page, slider, "End")
    assert root.get_attribute("data-saturated") == "true"
    assert root.locator("table td").nth(2).inner_text() == T["saturated"]
    assert root.locator(".ex-band").count() == 2, "one band on each side of the sigmoid"
    press(page, slider, "Home")
    press(page, slider, "ArrowRight", round(float(slider.get_attribute("max")) / float(slider.get_attribute("step"))))
    assert root.get_attribute("data-saturated") == "false"
    assert root.locator("table td").nth(2).inner_text() == T["active"]


# --- forward pass -----------------------------------------------------------------------------

VALUES = ["z1", "a1", "z2", "a2", "z_y", "a_y", "E"]


def shown_values(root) -> dict[str, str]:
    return root.locator("td[data-value]").evaluate_all(
        "cells => Object.fromEntries(cells.map(c => [c.dataset.value, c.textContent]))")


def test_forward_pass_shows_the_pages_numbers_and_follows_an_edit(page, base_url):
    n = forward_pass_page.numbers()
    root = open_explorable(page, base_url, "forward_pass")
    assert shown_values(root) == {k: f"{n[k]:.6f}" for k in VALUES}
    # the diagram carries the same numbers
    diagram = root.locator("svg").text_content()
    assert all(f"{n[k]:.6f}" in diagram for k in VALUES)
    # input (1, 1): the page's exercise, with the arrow keys (step 0.1)
    for key in ("x1", "x2"):
        press(page, root.locator(f"input[data-key={key}]"), "ArrowUp", 10)
    shown = shown_values(root)
    assert shown["z1"] == f"{n['z1_11']:.6f}" and shown["z2"] == f"{n['z2_11']:.6f}"
    assert shown["z_y"] == f"{n['z_y_11']:.6f}" and shown["a_y"] == f"{n['out_11']:.6f}"
    assert shown["E"] == f"{0.5 * (n['out_11'] - n['t']) ** 2:.6f}"
    # a weight, typed: w5 = 0 (the package computes the same network)
    type_into(page, root.locator("input[data-key=w5]"), "0")
    params = chapter_params()
    params["W2"][0, 0] = 0.0
    fwd = forward(params, [[1.0, 1.0]], "sigmoid")
    shown = shown_values(root)
    assert shown["z_y"] == f"{fwd.Z[1][0, 0]:.6f}" and shown["a_y"] == f"{fwd.output[0, 0]:.6f}"
    assert shown["z1"] == f"{n['z1_11']:.6f}", "w5 does not reach the hidden layer"
    # back to the chapter's values
    press(page, root.locator("[data-action=reset]"), "Enter")
    assert shown_values(root) == {k: f"{n[k]:.6f}" for k in VALUES}


# --- backprop -------------------------------------------------------------------------------

def test_backprop_steps_through_and_the_update_gives_the_pages_w5(page, base_url):
    n = backprop_page.numbers()
    root = open_explorable(page, base_url, "backprop")
    assert root.get_attribute("data-stage") == "start"
    assert root.locator("td[data-after=w5]").inner_text() == "—"
    stages = []
    nxt = root.locator("[data-action=next]")
    nxt.focus()
    while not nxt.is_disabled():
        page.keyboard.press("Enter")
        stages.append(root.get_attribute("data-stage"))
    assert stages == ["forward", "loss", "delta_y", "grad_out", "delta_h", "grad_hidden"]
    assert root.locator("td[data-grad=w5]").inner_text() == f"{n['dE_dw5']:.6f}"
    assert root.locator("td[data-grad=w6]").inner_text() == f"{n['dE_dw6']:.6f}"
    # the focus moved on to "apply the update"
    assert page.evaluate("document.activeElement.dataset.action") == "apply"
    page.keyboard.press("Enter")
    assert root.get_attribute("data-stage") == "updated"
    assert root.locator("td[data-after=w5]").inner_text() == f"{n['w5_new']:.6f}"
    status = root.locator("[role=status]").inner_text()
    assert f"{n['w5_new']:.6f}" in status and f"{n['dE_dw5']:.6f}" in status
    assert f"{n['E_1']:.6f}" in status, "the loss after one step of every weight"
    # the diagram's w5 edge shows the new weight
    assert f"{n['w5_new']:.6f}" in root.locator("svg").text_content()


# --- loss ------------------------------------------------------------------------------------

def loss_cells(root) -> dict[str, str]:
    return root.locator("td[data-value]").evaluate_all(
        "cells => Object.fromEntries(cells.map(c => [c.dataset.value, c.textContent]))")


def test_loss_shows_the_confidently_wrong_case_and_follows_the_prediction(page, base_url):
    n = loss_page.numbers()
    root = open_explorable(page, base_url, "loss")
    assert loss_cells(root) == {"sse": f"{n['cw_sse']:.6f}", "sse_grad": f"{n['cw_sse_grad']:.6f}",
                                "ce": f"{n['cw_ce']:.6f}", "ce_grad": f"{n['cw_ce_grad']:.6f}"}
    assert f"{n['cw_ratio']:.1f}" in root.locator("[data-value=ratio]").inner_text()
    # the page's exercise: p = 0.9, with the arrow keys
    slider = root.locator("input[type=range]")
    press(page, slider, "ArrowRight", round((n["ex_p"] - n["cw_p"]) / float(slider.get_attribute("step"))))
    assert float(slider.input_value()) == pytest.approx(n["ex_p"])
    cells = loss_cells(root)
    assert cells["sse_grad"] == f"{n['ex_p_sse_grad']:.6f}" and cells["ce_grad"] == f"{n['ex_p_ce_grad']:.6f}"
    assert f"{n['ex_p_ratio']:.1f}" in root.locator("[data-value=ratio]").inner_text()
    # target 0, with the radio group's arrow keys: the package's numbers for t = 0
    press(page, root.locator("input[type=radio]:checked"), "ArrowLeft")
    g = loss_page.sigmoid_output_grads(loss_page.logit([n["ex_p"]]), 0)
    assert loss_cells(root) == {k: f"{g[k][0]:.6f}" for k in ("sse", "sse_grad", "ce", "ce_grad")}


# --- NumPy MLP ---------------------------------------------------------------------------------

def outputs(root) -> list[str]:
    return root.locator("td[data-output]").all_inner_texts()


def test_numpy_mlp_scrubs_through_the_chapters_training(page, base_url):
    n = numpy_mlp_page.numbers()
    fp = forward_pass_page.numbers()
    root = open_explorable(page, base_url, "numpy_mlp")
    assert root.get_attribute("data-epoch") == str(n["epochs"])
    assert outputs(root) == [f"{n[f'xnor_y{i}']:.8f}" for i in range(4)]
    slider = root.locator("input[type=range]")
    press(page, slider, "Home")
    assert root.get_attribute("data-epoch") == "0"
    assert outputs(root) == [f"{fp[k]:.8f}" for k in ("out_00", "out_01", "out_10", "out_11")]
    assert f"{n['loss_start']:.6f}".rstrip("0") in root.locator("[role=status]").inner_text()
    # the plateau ends where the page says: one arrow key = curve_every epochs
    press(page, slider, "ArrowRight", n["plateau_exit_epoch"] // n["curve_every"])
    assert root.get_attribute("data-epoch") == str(n["plateau_exit_epoch"])
    # XOR instead of the chapter's XNOR (radio group, arrow key), at the last epoch
    press(page, root.locator("input[type=radio]:checked"), "ArrowRight")
    press(page, slider, "End")
    assert outputs(root) == [f"{n[f'xor_y{i}']:.8f}" for i in range(4)]


# --- every explorable, both editions -----------------------------------------------------------

def switch_scheme(page, scheme: str) -> None:
    """Switch the palette as a reader does: a click on the light/dark toggle in the header
    (overrides/partials/palette.html); return once the switch is done (Material's styles turn
    transitions off for its frame) and the page shows ``scheme`` ("default" or "slate")."""
    toggle = page.locator("form[data-md-palette] label.md-header__button[for^=__palette]:visible")
    assert toggle.count() == 1, f"one light/dark toggle shown in the header, got {toggle.count()}"
    toggle.click()
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    assert shown == scheme, f"after the toggle: expected the {scheme!r} scheme, got {shown!r}"


#: The explorable's colours that follow the scheme: its text, its border and (where drawn)
#: the curve of explorables.css's --ex-curve.
COLOURS = """r => {
    const curve = r.querySelector('.ex-curve');
    return {text: getComputedStyle(r).color, border: getComputedStyle(r).borderTopColor,
            ...(curve ? {curve: getComputedStyle(curve).stroke} : {})};
}"""


def axe_finds_nothing(page, root, lesson: str) -> None:
    """axe-core in the explorable at each of WIDTHS in the light scheme (the system's), then
    in the dark one, switched to with the header's toggle, with everything drawn; the page no
    wider than the window; each of its COLOURS differs between the schemes.  One page load for
    all: axe.run builds its tree of the whole page (about 12 000 elements on a lesson page,
    most of them MathJax's) each time."""
    if not visiting.AXE.is_file():
        return  # the test is skipped at its end
    if lesson == "backprop":        # everything drawn: every stage, and the update
        press(page, root.locator("[data-action=next]"), "Enter", 6)
        page.keyboard.press("Enter")
    if lesson in ("gradient_descent", "gradient_descent_2d"):
        press(page, root.locator("[data-action=step]"), "Enter", 3)
    if lesson == "gradient_descent_2d":           # the cross the keyboard moves, drawn
        press(page, root.locator("[data-action=pick]"), "ArrowLeft")
    page.add_script_tag(path=str(visiting.AXE))
    found, colours = {}, {}
    # light from the widest width down, dark from the narrowest up: the dark scheme is switched
    # to at the width the light one ended at, so one resize fewer (each waits for Material's
    # transitions across its breakpoints)
    for scheme, md_scheme, widths in (("light", "default", sorted(WIDTHS, reverse=True)),
                                      ("dark", "slate", sorted(WIDTHS))):
        if scheme == "dark":
            switch_scheme(page, md_scheme)
        shown = page.evaluate("document.body.dataset.mdColorScheme")
        assert shown == md_scheme, f"{scheme} scheme: expected body[data-md-color-scheme={md_scheme!r}], got {shown!r}"
        for width in widths:
            page.set_viewport_size({"width": width, "height": 900})
            page.evaluate(visiting.SETTLED)
            colours.setdefault(scheme, root.evaluate(COLOURS))
            found[f"{scheme} scheme, {width} px"] = page.evaluate("""async ([name, tags]) => (await axe.run(
                {include: [[`[data-explorable="${name}"]`]]},
                {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})).violations
                .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.failureSummary).join(' | '))""",
                [EXPLORABLES[lesson][0], visiting.AXE_TAGS])
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, f"{scheme} scheme, {width} px: the page is {wide} px wide"
    assert len(found) == 2 * len(WIDTHS)
    assert lesson != "activations" or "curve" in colours["light"], "the activations' curve is drawn"
    same = {k: v for k, v in colours["light"].items() if colours["dark"].get(k) == v}
    assert not same, f"the same colour in the light and the dark scheme: {same} ({colours})"
    violations = {k: v for k, v in found.items() if v}
    assert not violations, "axe found, by scheme and width:\n" + "\n".join(
        f"{where}: {'; '.join(v)}" for where, v in violations.items())


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("lesson", EXPLORABLES)
def test_explorable_is_built_near_the_screen_labelled_and_in_the_pages_language(browser, base_url, lesson, edition):
    """A first visit: built only near the screen, labelled, in the page's language, reached
    with Tab in order; in the Korean edition axe finds nothing in it (:func:`axe_finds_nothing`,
    on the same load); on paper it gives way to the static figure beside it."""
    page = new_page(browser, base_url, viewport={"width": 1280, "height": 700}, color_scheme="light")
    name = EXPLORABLES[lesson][0]
    page.goto(f"{base_url}{EDITIONS[edition]}{PAGES.get(lesson, lesson)}/", wait_until="load")
    root = page.locator(f'[data-explorable="{name}"]')
    assert root.count() == 1
    # beside its static figure: the figure is the element just before
    figure = EXPLORABLES[lesson][2]
    assert root.evaluate("(r, f) => !!r.previousElementSibling.querySelector(`img[src$='${f}']`)", figure)
    assert root.get_attribute("data-deferred") == "true" and root.inner_text() == "", "built at load"
    root.scroll_into_view_if_needed()
    page.wait_for_selector(f'[data-explorable="{name}"][data-ready="true"]')
    unlabelled = root.evaluate("""r => [...r.querySelectorAll('input, button, select, [tabindex]')].filter(e => {
        const name = e.labels && e.labels.length ? [...e.labels].map(l => l.textContent).join('')
                   : e.getAttribute('aria-label') || (e.tagName === 'BUTTON' ? e.textContent : '');
        return !name.trim();
    }).map(e => e.outerHTML.slice(0, 120))""")
    assert unlabelled == []
    assert root.locator("[role=status][aria-live=polite]").count() == 1
    text = root.inner_text()
    hangul = any("\uac00" <= ch <= "\ud7a3" for ch in text)
    assert hangul == (edition == "ko"), text[:200]
    # every control is reached with Tab, in the order it is shown
    tabbable = "input:not([type=radio]):not(:disabled), input[type=radio]:checked, button:not(:disabled), [tabindex]"
    controls = root.locator(tabbable).count()
    root.locator(tabbable).first.focus()
    reached = 1
    for _ in range(controls + 3):
        page.keyboard.press("Tab")
        if not root.evaluate("(r) => r.contains(document.activeElement)"):
            break
        reached += 1
    assert reached == controls
    if edition == "ko":
        axe_finds_nothing(page, root, lesson)
    # on paper: the built explorable is not printed, the static figure is
    page.emulate_media(media="print")
    assert root.evaluate("e => getComputedStyle(e).display") == "none", "printed: the explorable"
    assert page.locator(f"img[src$='{figure}']").is_visible(), "not printed: the static figure"
    assert not page.watcher.problems, page.watcher.problems
    page.context.close()
    if edition == "ko" and not visiting.AXE.is_file():
        pytest.skip(f"{visiting.AXE} not found (npm ci): axe not run")


@pytest.mark.parametrize("lesson", EXPLORABLES)
def test_without_javascript_the_static_figure_remains(browser, base_url, lesson):
    """(On paper: test_explorable_is_built_near_the_screen_labelled_and_in_the_pages_language.)"""
    name, _, figure = EXPLORABLES[lesson]
    page = new_page(browser, base_url, java_script_enabled=False)
    page.goto(f"{base_url}{PAGES.get(lesson, lesson)}/", wait_until="load")
    assert page.locator(f"img[src$='{figure}']").count() == 1
    assert page.locator(f'[data-explorable="{name}"]').inner_text() == ""
    page.context.close()

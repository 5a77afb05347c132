"""The in-page playground (docs/playground_lab.md) in headless Chromium.

Each prepared experiment is loaded from its URL, trained a fixed number of epochs through
the page's test hook ``window.__playground`` (no wall-clock timing), and must show what the
chapter claims.  Also: the URL fragment round-trips, hostile fragments are refused with a
visible message and no dialog, controls are labelled and keyboard-usable, the page fits a
390 px phone and follows the dark scheme, and nothing is requested outside the site.  The
script's texts come from i18n.js in the page's language: English on the English edition.

Uses the built site (both editions), the server and the browser of tests/conftest.py
(``base_url``, ``browser``); skipped like tests/test_browser.py when Playwright or Chromium
is missing (failing in CI).
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from mlp_devtools.browser import Watcher

PAGE = "playground_lab/"
EN_PAGE = "en/" + PAGE          # the English edition (mkdocs.en.yml builds into site/en/)
#: Bound of every wait (ms): it only limits a failure, a loaded 2-core machine is slow.
TIMEOUT_MS = 60_000
READY = "#playground[data-ready='true']"
#: Built (ready), or waiting to be built until it comes near (ui.js startWhenNear).
DECIDED = "#playground[data-ready='true'], #playground[data-deferred='true']"
#: The playground is built and has acted on the address's fragment (ui.js sets data-hash
#: after it handles a hashchange, which the browser fires some time after the navigation).
HANDLED = """() => {
    const root = document.getElementById('playground');
    return root.dataset.ready === 'true' && root.dataset.hash === location.hash;
}"""

# The playground's texts come from docs/javascripts/playground/i18n.js in the page's language
# (<html lang>); the tests read them from there instead of repeating them.
TEXTS = """() => import(new URL('../javascripts/playground/i18n.js', location.href).href)
    .then(m => m.MESSAGES[m.language()])"""

# Classification targets are −1/+1 and the output unit is tanh, so a network answering 0
# everywhere has loss ½(0 − (±1))² = 0.5: the chance level ("찍기 수준").
CHANCE_LOSS = 0.5

# (experiment id, epochs, check(metrics) -> bool, what the chapter claims)
CLAIMS = [
    ("separable", 100, lambda m: m["testAccuracy"] >= 0.99,
     "linearly separable data is learned without a hidden layer"),
    # Without a hidden layer the boundary is one straight line; on XOR the loss cannot get
    # below chance.  A line can still put up to ~3/4 of XOR's quadrant points on the right
    # side, so accuracy alone is a weak signal: the loss is the claim, accuracy a bound.
    ("xor-no-hidden", 200, lambda m: m["testLoss"] >= 0.9 * CHANCE_LOSS and m["testAccuracy"] <= 0.75,
     "XOR without a hidden layer stays at chance"),
    # With a hidden layer: a fifth of the chance loss and 95 % of the test points right.
    ("xor-hidden", 200, lambda m: m["testLoss"] <= 0.2 * CHANCE_LOSS and m["testAccuracy"] >= 0.95,
     "XOR with one hidden layer is learned"),
    ("circle-linear", 200, lambda m: m["testLoss"] >= 0.9 * CHANCE_LOSS,
     "the circle with x1, x2 only and no hidden layer fails"),
    ("circle-squares", 200, lambda m: m["testAccuracy"] >= 0.99,
     "the circle with x1², x2² is linear in those features"),
    # Regression targets (x1 + x2)/12 lie in [−1, 1]; their variance is 1/6, so predicting
    # the mean 0 has loss ½·(1/6) ≈ 0.083.  0.02 is four times better than that.
    ("lr-ok", 50, lambda m: not m["diverged"] and m["testLoss"] < 0.02,
     "learning rate 0.03 converges"),
    ("lr-diverge", 50, lambda m: m["diverged"], "learning rate 3 diverges"),
]


@pytest.fixture()
def page(browser, base_url):  # noqa: F811
    context = new_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watcher = Watcher(page, base_url)
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def new_context(browser, **options):
    """A browser context whose waits fail after TIMEOUT_MS."""
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


def open_lab(page, base_url, fragment: str = "", page_path: str = PAGE) -> None:
    """Open the lab page (only the fragment changes if it is open: no new page) and
    return once the playground is built and has acted on the fragment."""
    page.goto(base_url + page_path + fragment, wait_until="load")
    page.wait_for_function(HANDLED)


def hook(page, expression: str):
    return page.evaluate(f"window.__playground.{expression}")


def texts(page) -> dict[str, str]:
    """The page's playground texts (i18n.js, in the language of the page)."""
    return page.evaluate(TEXTS)


def fill(template: str, **params) -> str:
    """i18n.js's t(): {name} replaced by params[name]."""
    return re.sub(r"\{(\w+)\}", lambda m: str(params[m.group(1)]), template)


def template_pattern(template: str) -> str:
    """A message template as a regular expression ({name} matches any text)."""
    return ".+?".join(re.escape(part) for part in re.split(r"\{\w+\}", template))


def has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def experiments(page) -> list[dict]:
    return hook(page, "experiments")


def settle(page) -> None:
    """Return once every request the page has made has ended.  Also before the page leaves
    its document (a reload, another page): a request the old document's search worker
    leaves behind would get no "finished" or "failed" event."""
    page.watcher.settle(page, TIMEOUT_MS / 1000)


def assert_clean(page) -> None:
    settle(page)
    assert not page.watcher.problems, "\n".join(page.watcher.problems)
    assert not page.dialogs, f"dialogs opened: {page.dialogs}"


def test_prepared_links_on_the_page_are_the_experiments(page, base_url):
    open_lab(page, base_url)
    expected = {e["id"]: "#" + e["fragment"] for e in experiments(page)}
    assert set(expected) == {c[0] for c in CLAIMS}
    links = page.eval_on_selector_all(
        "[data-experiment]",
        "items => items.map(li => [li.dataset.experiment, li.id, li.querySelector('a').getAttribute('href')])")
    assert {name: href for name, _, href in links} == expected
    assert all(anchor == f"exp-{name}" for name, anchor, _ in links)
    assert_clean(page)


def test_prepared_experiment_shows_the_claim(page, base_url, subtests):
    """Each prepared experiment (:data:`CLAIMS`, one subtest each), loaded by its fragment into
    the one open page: the playground reads a fragment the same way whatever it showed before
    (ui.js onHashChange: a new state from the fragment alone, the trainer configured afresh)."""
    open_lab(page, base_url)
    for name, epochs, check, claim in CLAIMS:
        with subtests.test(msg=name):
            fragment = next(e["fragment"] for e in experiments(page) if e["id"] == name)
            open_lab(page, base_url, "#" + fragment)
            assert hook(page, "fragment()") == fragment
            assert page.evaluate("location.hash") == "#" + fragment
            assert page.locator(".pg-message").is_hidden()
            assert hook(page, "metrics()")["epoch"] == 0, "the experiment starts untrained"
            metrics = hook(page, f"step({epochs})")
            assert check(metrics), f"{claim}: {json.dumps(metrics)}"
            alert = page.locator(".pg-diverged")
            if metrics["diverged"]:
                # A clear message over the heatmap (Korean on this page), training stops.
                assert alert.is_visible()
                assert alert.text_content() == fill(texts(page)["msg.diverged"], epoch=metrics["epoch"])
                assert page.locator("#pg-play").is_disabled()
                assert metrics["epoch"] < epochs
            else:
                assert alert.is_hidden()
    assert_clean(page)


def test_short_experiment_anchor_loads_the_same_setup(page, base_url):
    open_lab(page, base_url)
    fragment = next(e["fragment"] for e in experiments(page) if e["id"] == "xor-hidden")
    open_lab(page, base_url, "#exp-xor-hidden")
    assert hook(page, "fragment()") == fragment
    assert page.evaluate("location.hash") == "#" + fragment
    # Clicking another experiment's link switches the playground.
    page.locator("#exp-circle-squares a").click()
    page.wait_for_function(HANDLED)
    assert hook(page, "state()")["features"] == ["x1sq", "x2sq"]
    assert_clean(page)


def test_training_in_the_page_is_deterministic(page, base_url):
    open_lab(page, base_url, "#data=spiral&layers=8,8&seed=42&noise=10")
    first = hook(page, "step(30)")
    params = hook(page, "params()")
    settle(page)
    page.reload()
    page.wait_for_function(HANDLED)
    assert hook(page, "step(30)") == first
    assert hook(page, "params()") == params
    assert_clean(page)


def test_url_state_round_trips_through_the_controls(page, base_url):
    open_lab(page, base_url, "#data=xor&layers=&seed=7")
    page.select_option("#pg-lr", "0.1")
    page.select_option("#pg-act", "relu")
    page.locator("#pg-add-layer").click()
    page.locator("#pg-add-layer").click()
    page.get_by_role("button", name=fill(texts(page)["ui.neuron.add"], layer=2)).click()
    page.locator("label[for='pg-feature-x1x2']").click()
    page.locator("label[for='pg-show-test']").click()
    page.fill("#pg-seed", "123")
    page.locator("#pg-seed").press("Enter")
    state = hook(page, "state()")
    assert state["layers"] == [2, 3] and state["lr"] == 0.1 and state["act"] == "relu"
    assert state["features"] == ["x1", "x2", "x1x2"] and state["test"] is True and state["seed"] == 123
    url = page.url
    assert "layers=2,3" in url and "seed=123" in url
    fresh = page.context.new_page()
    fresh.goto(url)
    fresh.wait_for_function(HANDLED)
    assert fresh.evaluate("window.__playground.state()") == state
    assert fresh.locator(".pg-message").is_hidden()
    assert_clean(page)


HOSTILE = [
    "#<script>alert(1)</script>",
    "#layers=999",
    "#data=<img src=x onerror=alert(1)>",
    "#%E0%A4%A",
    "#lr=1e9&batch=-3&__proto__=x",
    "#" + "x=1&" * 300,
]


def test_hostile_fragment_falls_back_with_a_message(page, base_url, subtests):
    """Each of :data:`HOSTILE` (one subtest each) given to the one open page as a new fragment,
    as a reader editing the address would; before each, the page is back on the default
    setup by its own fragment (by way of another setup: after a fallback the address already
    holds the default setup's fragment, and going there again would fire no hashchange), with
    no message."""
    open_lab(page, base_url)
    defaults, default_fragment = hook(page, "state()"), hook(page, "fragment()")
    url_messages = "|".join(template_pattern(texts(page)[k]) for k in ("msg.fallback", "msg.rejected", "msg.unknown"))
    message = page.locator(".pg-message")
    for fragment in HOSTILE:
        with subtests.test(msg=fragment[:40]):
            open_lab(page, base_url, "#exp-xor-hidden")
            open_lab(page, base_url, "#" + default_fragment)
            assert message.is_hidden() and hook(page, "state()") == defaults
            open_lab(page, base_url, quote(fragment, safe="#=&,%"))
            assert message.is_visible()
            assert has_hangul(message.text_content()), "message in Korean"
            assert re.fullmatch(f"(?:{url_messages})(?: (?:{url_messages}))*", message.text_content())
            for bad in ("<", "script", "alert", "999", "onerror"):
                assert bad not in message.text_content()
            state = hook(page, "state()")
            assert state == defaults or fragment.startswith("#lr") and state["lr"] == defaults["lr"]
            assert page.locator("#playground script, #playground img, #playground iframe").count() == 0
            # The URL now holds a valid setup again.
            assert page.evaluate("location.hash") == "#" + hook(page, "fragment()")
            hook(page, "step(2)")
    assert_clean(page)


def test_every_control_has_a_label(page, base_url):
    open_lab(page, base_url)
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('#playground input, #playground select')]
        .filter(e => !(e.id && document.querySelector(`label[for="${e.id}"]`)))
        .map(e => e.outerHTML)""")
    assert not unlabelled, unlabelled
    nameless = page.evaluate("""() => [...document.querySelectorAll('#playground button')]
        .filter(b => !(b.textContent.trim() || b.getAttribute('aria-label'))).map(b => b.outerHTML)""")
    assert not nameless, nameless
    assert_clean(page)


def test_keyboard_play_pause_step_and_weights(page, base_url):
    open_lab(page, base_url)
    ui = texts(page)
    page.focus("#pg-play")
    page.keyboard.press("Enter")
    assert page.locator("#pg-play").get_attribute("data-playing") == "true"
    assert page.locator("#pg-play").text_content() == ui["ui.pause"]
    page.wait_for_function("window.__playground.metrics().epoch >= 3")
    page.keyboard.press("Space")
    assert page.locator("#pg-play").get_attribute("data-playing") == "false"
    assert page.locator("#pg-play").text_content() == ui["ui.play"]
    epoch = hook(page, "metrics()")["epoch"]
    page.focus("#pg-step")
    page.keyboard.press("Enter")
    assert hook(page, "metrics()")["epoch"] == epoch + 1
    assert page.locator("#pg-epoch").text_content() == f"{epoch + 1:,}"
    # Links: one tab stop, arrow keys move along, the weight is shown and matches the network.
    first = page.locator(".pg-link[tabindex='0']")
    assert first.count() == 1
    first.focus()
    tooltip = page.locator(".pg-tooltip")
    assert tooltip.is_visible()
    weight = ui["ui.weight"].split("{w}")[0]          # the text before the number
    w = hook(page, "params()")["W1"][0][0]
    assert f"{weight}{w:.3f}" in tooltip.text_content()
    page.keyboard.press("ArrowRight")
    w = hook(page, "params()")["W1"][0][1]
    assert f"{weight}{w:.3f}" in tooltip.text_content()
    assert page.evaluate("document.activeElement.getAttribute('tabindex')") == "0"
    assert_clean(page)


def test_hovering_a_link_shows_its_weight(page, base_url):
    open_lab(page, base_url, "#layers=3&data=gauss")
    hook(page, "step(5)")
    link = page.locator(".pg-link").nth(4)          # W1[1][1]: x2 → hidden neuron 2
    link.locator(".pg-link-hit").hover(force=True)
    w = hook(page, "params()")["W1"][1][1]
    text = page.locator(".pg-tooltip").text_content()
    assert text == fill(texts(page)["ui.weight"], w=f"{w:.3f}", **{"from": "x2", "to": fill(
        texts(page)["ui.unit.hidden"], layer=1, neuron=2)})
    assert_clean(page)


OUTPUT_COLOURS = """() => {
    const c = document.getElementById('pg-output');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let blue = 0, orange = 0;
    for (let i = 0; i < d.length; i += 4) {
        if (d[i + 2] > d[i] + 60) blue++;
        if (d[i] > d[i + 2] + 60) orange++;
    }
    return [blue, orange, c.width * c.height];
}"""


def test_heatmaps_are_drawn_and_follow_the_dark_scheme(browser, base_url):  # noqa: F811
    mids = {}
    for scheme in ("light", "dark"):
        context = new_context(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        watcher = Watcher(page, base_url)
        open_lab(page, base_url, "#data=xor&layers=4")
        page.evaluate("window.__playground.step(100)")
        blue, orange, total = page.evaluate(OUTPUT_COLOURS)
        assert blue > total / 5 and orange > total / 5, (blue, orange, total)
        assert page.locator(".pg-node canvas").count() == 2 + 4 + 1
        mids[scheme] = page.evaluate(
            "getComputedStyle(document.getElementById('playground')).getPropertyValue('--pg-mid').trim()")
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
        assert not watcher.problems, watcher.problems
        context.close()
    assert mids["light"] != mids["dark"]


def test_largest_network_fits_a_phone(browser, base_url):  # noqa: F811
    context = new_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    watcher = Watcher(page, base_url)
    try:
        open_lab(page, base_url, "#layers=8,8,8,8,8,8&features=x1,x2,x1sq,x2sq,x1x2,sin1,sin2")
        assert page.evaluate("window.__playground.step(2)")["epoch"] == 2
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        boxes = page.eval_on_selector_all(".pg-node, .pg-mini", "es => es.map(e => e.getBoundingClientRect().right)")
        assert len(boxes) == 7 + 48 + 1 + 12 and max(boxes) <= 390
        assert page.locator("#pg-add-layer").is_disabled()
        page.locator("#pg-remove-layer").click()
        assert page.evaluate("window.__playground.state().layers") == [8] * 5
        assert not watcher.problems, watcher.problems
    finally:
        context.close()


def test_english_page_speaks_english(page, base_url):
    """On the English edition (site/en/) the playground's texts are the English ones."""
    open_lab(page, base_url)
    ko = texts(page)
    settle(page)
    open_lab(page, base_url, "#exp-lr-diverge", page_path=EN_PAGE)
    assert page.evaluate("document.documentElement.lang") == "en"
    en = texts(page)
    assert en.keys() == ko.keys() and en["ui.play"] != ko["ui.play"]
    # Every label, button and aria-label the script wrote is English.
    rendered = page.evaluate("""() => {
        const root = document.getElementById('playground');
        const labels = [...root.querySelectorAll('[aria-label], [title]')]
            .map(e => (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || ''));
        return root.textContent + ' ' + labels.join(' ');
    }""")
    assert not has_hangul(rendered), rendered
    assert page.locator("#pg-play").text_content() == en["ui.play"]
    # The divergence message.
    metrics = hook(page, "step(50)")
    assert metrics["diverged"]
    alert = page.locator(".pg-diverged")
    assert alert.is_visible()
    assert alert.text_content() == fill(en["msg.diverged"], epoch=metrics["epoch"])
    assert not has_hangul(alert.text_content()) and "diverged" in alert.text_content()
    # The message for a malformed fragment.
    open_lab(page, base_url, "#%E0%A4%A", page_path=EN_PAGE)
    message = page.locator(".pg-message")
    assert message.is_visible()
    assert message.text_content() in (en["msg.fallback"], fill(en["msg.unknown"], count=1))
    assert not has_hangul(message.text_content())
    open_lab(page, base_url, "#layers=999", page_path=EN_PAGE)
    assert page.locator(".pg-message").text_content() == fill(en["msg.rejected"], names=en["key.layers"])
    assert_clean(page)


def assert_deferred(page) -> None:
    """The playground script has decided, at load, to wait: the playground is not built."""
    page.wait_for_selector(DECIDED, state="attached")
    decided = page.evaluate("({...document.getElementById('playground').dataset})")
    assert decided.get("deferred") == "true" and "ready" not in decided, decided
    assert page.evaluate("window.__playground") is None


def test_built_when_about_to_be_seen_on_a_phone(browser, base_url):
    """On a phone the playground sits about two screens down the page: it is not built at
    load (its build was the page's longest task), it is built once it comes within one
    screen, and an experiment link clicked before that builds it with that experiment.
    "Not built at load": the script's first look at where the playground is (its
    IntersectionObserver's first report) finds it out of reach and marks it data-deferred."""
    context = new_context(browser, viewport={"width": 412, "height": 823}, is_mobile=True)
    page = context.new_page()
    watcher = Watcher(page, base_url)
    try:
        page.goto(base_url + PAGE, wait_until="load")
        assert_deferred(page)
        top = page.evaluate("document.getElementById('playground').getBoundingClientRect().top")
        assert top > 2 * 823, f"the playground is {top:.0f} px down: this test proves nothing"
        page.evaluate(f"scrollTo(0, {top - 1.4 * 823})")  # 0.4 screen below the window's bottom
        page.wait_for_selector(READY, state="attached")
        assert page.evaluate("document.getElementById('playground').dataset.deferred") is None
        assert hook(page, "metrics().epoch") == 0 and page.locator(".pg-node canvas").count() > 0

        page.goto(base_url + EN_PAGE, wait_until="load")
        assert_deferred(page)
        link = page.locator("#exp-xor-hidden a")
        fragment = link.get_attribute("href")
        link.click()
        page.wait_for_selector(READY, state="attached")
        assert "#" + hook(page, "fragment()") == fragment
        assert not watcher.problems, watcher.problems
    finally:
        context.close()


# --- the reader's own data, import and export (issue 20) ----------------------------------

#: Plane coordinates of a spot on the output picture → the mouse position on the page.
def canvas_point(page, x1: float, x2: float) -> tuple[float, float]:
    box = page.locator("#pg-output").bounding_box()
    domain = page.evaluate("import(new URL('../javascripts/playground/data.js', location.href).href)"
                           ".then(m => m.DOMAIN)")
    return (box["x"] + (x1 + domain) / (2 * domain) * box["width"],
            box["y"] + (domain - x2) / (2 * domain) * box["height"])


def own_points(page) -> list[dict]:
    return hook(page, "state()")["points"]


def test_add_move_and_delete_points_by_pointer_and_keyboard(page, base_url):
    open_lab(page, base_url, "#data=custom&layers=3")
    ui = texts(page)
    assert own_points(page) == []
    assert page.locator(".pg-custom").is_visible()
    # Pointer: a click adds a point of the chosen class where it lands (to 0.01).
    page.locator("label[for='pg-class-neg']").click()
    page.mouse.click(*canvas_point(page, 2, 3))
    page.locator("label[for='pg-class-pos']").click()
    page.mouse.click(*canvas_point(page, -4, -1))
    points = own_points(page)
    assert [p["label"] for p in points] == [-1, 1]
    for p, (x1, x2) in zip(points, [(2, 3), (-4, -1)]):
        assert abs(p["x1"] - x1) <= 0.05 and abs(p["x2"] - x2) <= 0.05, p
        assert round(p["x1"], 2) == p["x1"] and round(p["x2"], 2) == p["x2"]
    # Drag the first point to (−1, −5).
    page.mouse.move(*canvas_point(page, points[0]["x1"], points[0]["x2"]))
    page.mouse.down()
    page.mouse.move(*canvas_point(page, 0, -2), steps=4)
    page.mouse.move(*canvas_point(page, -1, -5), steps=4)
    page.mouse.up()
    moved = own_points(page)
    assert len(moved) == 2 and abs(moved[0]["x1"] + 1) <= 0.05 and abs(moved[0]["x2"] + 5) <= 0.05, moved
    assert moved[1] == points[1]
    assert "points=" + hook(page, "fragment()").split("points=")[1] in page.url   # written on release
    # Click the second point, then the button deletes it.
    page.mouse.click(*canvas_point(page, moved[1]["x1"], moved[1]["x2"]))
    assert len(own_points(page)) == 2, "a click on a point selects it, adds nothing"
    page.locator("#pg-delete-point").click()
    assert own_points(page) == [moved[0]]
    # Keyboard: Tab stop on the picture, arrows move the cursor, Enter adds, Delete removes.
    canvas = page.locator("#pg-output")
    assert canvas.get_attribute("tabindex") == "0" and canvas.get_attribute("aria-label") == ui["ui.custom.aria"]
    canvas.focus()
    # The cursor stands where the last click was (the deleted point); Shift moves by 1, else 0.25.
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    x1, x2 = round(moved[1]["x1"] + 1, 2), round(moved[1]["x2"] + 0.25, 2)
    last = own_points(page)[-1]
    assert (last["x1"], last["x2"], last["label"]) == (x1, x2, 1), last
    status = page.locator("#pg-custom-status").text_content()
    assert status.startswith(fill(ui["ui.custom.status"], count=2, max=500, x1=f"{x1:.2f}", x2=f"{x2:.2f}")), status
    page.keyboard.press("Shift+ArrowDown")    # off the point: nothing selected, Delete does nothing
    page.keyboard.press("Delete")
    assert len(own_points(page)) == 2
    page.keyboard.press("Shift+ArrowUp")
    page.keyboard.press("Delete")
    assert own_points(page) == [moved[0]]
    page.locator("#pg-clear-points").click()
    assert own_points(page) == []
    assert hook(page, "step(2)")["epoch"] == 2        # no points: trains nothing, breaks nothing
    assert_clean(page)


def test_choosing_your_own_starts_from_the_current_points(page, base_url):
    open_lab(page, base_url, "#data=xor&seed=3")
    page.locator("label[for='pg-data-custom']").click()
    state = hook(page, "state()")
    assert state["data"] == "custom" and len(state["points"]) == 50
    assert all(p["label"] == (1 if p["x1"] * p["x2"] >= 0 else -1) for p in state["points"]), "XOR's points"
    # Regression: the same points, labels kept as values.
    page.select_option("#pg-problem", "regression")
    after = hook(page, "state()")
    assert after["data"] == "custom" and after["points"] == state["points"]
    assert page.locator("#pg-new-value").is_visible() and page.locator(".pg-class").is_hidden()
    assert_clean(page)


BAD_CSV = "x1,x2,label\n1,2,1\n3,4\n-2,-2,-1\nfoo,1,1\n0.5,0.5,7\n20,0,1\n<img src=x onerror=alert(1)>,0,1\n"


def test_csv_with_bad_rows_keeps_the_good_ones_and_names_the_bad(page, base_url, tmp_path):
    open_lab(page, base_url)
    ui = texts(page)
    page.fill("#pg-csv-text", BAD_CSV)
    page.locator("#pg-csv-apply").click()
    assert own_points(page) == [{"x1": 1, "x2": 2, "label": 1}, {"x1": -2, "x2": -2, "label": -1}]
    assert hook(page, "state()")["data"] == "custom"
    messages = page.locator("#pg-io-messages li").all_text_contents()
    assert messages == [
        fill(ui["csv.read"], count=2),
        fill(ui["csv.fields"], line=3, count=2),
        fill(ui["csv.number"], line=5, column="x1"),
        fill(ui["csv.class"], line=6),
        fill(ui["csv.range"], line=7, column="x1", limit=10),
        fill(ui["csv.number"], line=8, column="x1"),
    ]
    assert page.locator("#playground img, #playground script").count() == 0
    # The same through a file; a file with nothing good changes nothing.
    good = tmp_path / "points.csv"
    good.write_text("x1,x2,label\n0,1,1\n1,0,-1\n2,2,1\n", encoding="utf-8")
    page.set_input_files("#pg-csv-file", str(good))
    page.wait_for_function("window.__playground.state().points.length === 3")
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,c\nd,e,f\n\x00\x01,2\n", encoding="utf-8")
    page.set_input_files("#pg-csv-file", str(bad))
    page.wait_for_function("document.querySelectorAll('#pg-io-messages li').length === 3")
    assert page.locator("#pg-io-messages li").last.text_content() == ui["csv.empty"]
    assert len(own_points(page)) == 3
    assert_clean(page)


def test_a_link_with_own_data_reproduces_it_exactly(page, base_url):
    open_lab(page, base_url, "#data=spiral&seed=5&noise=10&ratio=70&layers=4")
    page.locator("label[for='pg-data-custom']").click()
    page.mouse.click(*canvas_point(page, 4.321, -2.5))
    first = hook(page, "step(20)")
    state, predictions = hook(page, "state()"), hook(page, "predictions()")
    assert len(state["points"]) == 51 and state["noise"] == 10 and state["ratio"] == 70
    url = page.url
    assert re.search(r"points=1c\.[A-Za-z0-9_-]{255}(&|$)", url), url
    fresh = page.context.new_page()
    fresh.goto(url)
    fresh.wait_for_function(HANDLED)
    assert fresh.evaluate("window.__playground.state()") == state
    assert fresh.locator(".pg-message").is_hidden()
    assert fresh.evaluate("window.__playground.step(20)") == first
    assert fresh.evaluate("window.__playground.predictions()") == predictions
    fresh.close()
    assert_clean(page)


HOSTILE_POINTS = [
    "#data=custom&points=1c.<script>alert(1)</script>",
    "#data=custom&points=1c.AAAAC",
    "#data=custom&points=7c.AAAAA",
    "#data=custom&points=1c." + "AAAAA" * 501,
    "#data=custom&points=1c." + "A" * 5000,
    "#data=custom&points=1c.__proto__",
]


@pytest.mark.parametrize("fragment", HOSTILE_POINTS, ids=range(len(HOSTILE_POINTS)))
def test_hostile_points_in_the_address_give_a_message(page, base_url, fragment):
    open_lab(page, base_url, quote(fragment, safe="#=&,%"))
    message = page.locator(".pg-message")
    assert message.is_visible()
    ui = texts(page)
    keys = ("msg.fallback", "msg.rejected", "msg.unknown", "msg.tooLong", "msg.points.tooMany", "msg.points.version")
    pattern = "|".join(template_pattern(ui[k]) for k in keys)
    assert re.fullmatch(f"(?:{pattern})(?: (?:{pattern}))*", message.text_content()), message.text_content()
    for bad in ("<", "script", "alert", "proto"):
        assert bad not in message.text_content()
    assert own_points(page) == []
    assert page.evaluate("location.hash") == "#" + hook(page, "fragment()")
    hook(page, "step(2)")
    assert_clean(page)


def test_export_csv_and_python_script_and_import_back(page, base_url, tmp_path):
    import subprocess
    from pathlib import Path

    open_lab(page, base_url, "#data=xor&layers=3,2&features=x1,x2,x1x2&act=relu&noise=20")
    hook(page, "step(15)")
    predictions = hook(page, "predictions()")
    with page.expect_download() as download:
        page.locator("#pg-export-py").click()
    script = tmp_path / download.value.suggested_filename
    download.value.save_as(script)
    python = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python"
    result = subprocess.run([str(python), "-I", str(script)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    printed = [float(v) for v in result.stdout.split()]
    assert len(printed) == len(predictions) == 500
    assert max(abs(a - b) for a, b in zip(printed, predictions)) <= 1e-9
    # The data as CSV, and read back in: the same points, rounded to 0.01.
    with page.expect_download() as download:
        page.locator("#pg-export-csv").click()
    csv = tmp_path / download.value.suggested_filename
    download.value.save_as(csv)
    exported = hook(page, "points()")
    rows = csv.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "x1,x2,label" and len(rows) == 501
    assert [float(v) for v in rows[7].split(",")] == [exported[6]["x1"], exported[6]["x2"], exported[6]["label"]]
    page.set_input_files("#pg-csv-file", str(csv))
    page.wait_for_function("window.__playground.state().data === 'custom'")
    back = own_points(page)
    assert len(back) == 500
    assert all(abs(p["x1"] - q["x1"]) <= 0.005 + 1e-9 and p["label"] == q["label"] for p, q in zip(back, exported))
    assert_clean(page)


def touch_drag(page, path: list[tuple[float, float]]) -> None:
    """One finger down at path[0], moved through the rest, lifted at path[-1] (Chromium's touch
    events through CDP: Playwright's touchscreen only taps).  The browser turns them into the
    pointer events (pointerType "touch") the page listens to."""
    cdp = page.context.new_cdp_session(page)
    try:
        def send(kind, point=None):
            points = [] if point is None else [{"x": point[0], "y": point[1], "id": 1}]
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
        send("touchStart", path[0])
        for point in path[1:]:
            send("touchMove", point)
        send("touchEnd")
    finally:
        cdp.detach()


@pytest.mark.parametrize("page_path", [PAGE, EN_PAGE])
def test_tap_to_add_and_drag_to_move_by_touch_on_a_phone(browser, base_url, page_path):
    context = new_context(browser, viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True)
    page = context.new_page()
    watcher = Watcher(page, base_url)
    try:
        open_lab(page, base_url, "#data=custom", page_path)
        page.locator("#pg-output").scroll_into_view_if_needed()
        # Tap: a point of the chosen class where the finger lands.
        page.touchscreen.tap(*canvas_point(page, -3, 3))
        points = page.evaluate("window.__playground.state().points")
        assert len(points) == 1 and abs(points[0]["x1"] + 3) <= 0.1 and abs(points[0]["x2"] - 3) <= 0.1, points
        page.touchscreen.tap(*canvas_point(page, 4, -2))
        first, second = page.evaluate("window.__playground.state().points")
        assert abs(second["x1"] - 4) <= 0.1 and abs(second["x2"] + 2) <= 0.1, second
        # Drag the first point with a finger to (1, −4): it moves, the other stays, nothing is added.
        touch_drag(page, [canvas_point(page, first["x1"], first["x2"]), canvas_point(page, -1, 0),
                          canvas_point(page, 1, -4)])
        after = page.evaluate("window.__playground.state().points")
        assert len(after) == 2, after
        assert abs(after[0]["x1"] - 1) <= 0.1 and abs(after[0]["x2"] + 4) <= 0.1, after
        assert after[1] == second
        assert "points=" + page.evaluate("window.__playground.fragment()").split("points=")[1] in page.url
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert page.evaluate("getComputedStyle(document.getElementById('pg-output')).touchAction") == "none"
        assert not watcher.problems, watcher.problems
    finally:
        context.close()


def test_axe_clean_with_own_data_and_messages(browser, base_url):
    """axe on the playground in its new states (the site-wide gate sees only the first load)."""
    from visits import AXE, AXE_TAGS, EXCLUDED_RULES, RUN_AXE
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    for width, scheme in ((320, "light"), (768, "dark"), (1280, "dark")):
        context = new_context(browser, viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        try:
            open_lab(page, base_url, "#data=custom&points=1c.PoPoBLoPoA")
            page.fill("#pg-csv-text", BAD_CSV)
            page.locator("#pg-csv-apply").click()
            page.locator("#pg-output").focus()
            page.locator("#playground button.pg-node").first.click()        # the math panel
            page.locator(".pg-one-step summary").click()
            page.add_script_tag(path=str(AXE))
            found = page.evaluate(RUN_AXE, [AXE_TAGS, list(EXCLUDED_RULES)])
            serious = [v for v in found if v["impact"] in ("serious", "critical")]
            assert not serious, json.dumps(serious, indent=1, ensure_ascii=False)
        finally:
            context.close()


# --- the math on screen --------------------------------------------------------------------

NUMBER = r"-?\d+\.\d+"


def after_last_equals(line: str):
    return json.loads(line.rsplit(" = ", 1)[1])


def test_math_panel_numbers_are_the_packages(page, base_url):
    """The neuron's formula and the one-step panel against mlp_lessons.network (4 decimals shown)."""
    import numpy as np

    from mlp_lessons import network

    open_lab(page, base_url, "#data=xor&layers=3,2&act=tanh&seed=2&lr=0.3")
    hook(page, "step(10)")
    ui = texts(page)
    assert page.locator("#pg-math-neuron").text_content() == ui["ui.math.choose"]
    name = fill(ui["ui.unit.hidden"], layer=2, neuron=2)
    page.get_by_role("button", name=name, exact=True).click()
    assert page.get_by_role("button", name=name, exact=True).get_attribute("aria-pressed") == "true"
    page.mouse.move(*canvas_point(page, 2, -3))
    point = hook(page, "mathPoint()")
    assert abs(point["x1"] - 2) < 0.1 and abs(point["x2"] + 3) < 0.1
    params = {k: np.array(v, dtype=float) for k, v in hook(page, "params()").items()}
    acts = ["tanh", "tanh", "tanh"]
    fwd = network.forward(params, [[point["x1"], point["x2"]]], acts)
    lines = page.locator("#pg-math-neuron").text_content().split("\n")
    assert lines[0] == fill(ui["ui.math.at"], name=name, x1=f"{point['x1']:.2f}", x2=f"{point['x2']:.2f}")
    shown = [float(v) for v in re.findall(NUMBER, lines[2])]
    expected = [v for i in range(3) for v in (params["W2"][i, 1], fwd.layers[1][0, i])] + [params["B2"][1]]
    np.testing.assert_allclose(shown, expected, atol=5.1e-5, rtol=0)
    np.testing.assert_allclose(after_last_equals(lines[1]), fwd.layers[1][0], atol=5.1e-5, rtol=0)
    assert abs(float(lines[3].split("=")[1]) - fwd.Z[1][0, 1]) <= 5.1e-5
    assert lines[4].startswith("a = tanh(z) = ") and abs(after_last_equals(lines[4]) - fwd.layers[2][0, 1]) <= 5.1e-5

    # One step for training point 3 (batch size 1, not applied).
    page.locator(".pg-one-step summary").click()
    page.fill("#pg-step-sample", "3")
    page.locator("#pg-step-sample").press("Enter")
    sample = hook(page, "points()")[2]
    X, T = [[sample["x1"], sample["x2"]]], [[sample["label"]]]
    fwd = network.forward(params, X, acts)
    bwd = network.backward(params, fwd, T, acts, loss="sse")
    text = page.locator("#pg-one-step").text_content()
    rows = {line.strip().split(" = ")[0]: after_last_equals(line) for line in text.split("\n") if " = [" in line}
    assert rows.keys() >= {"layer0", "Z1", "layer3", "delta1", "delta3", "ΔW1", "ΔB3"}, rows.keys()
    for l in (1, 2, 3):
        np.testing.assert_allclose(rows[f"Z{l}"], fwd.Z[l - 1][0], atol=5.1e-5, rtol=0)
        np.testing.assert_allclose(rows[f"layer{l}"], fwd.layers[l][0], atol=5.1e-5, rtol=0)
        np.testing.assert_allclose(rows[f"delta{l}"], bwd.deltas[l - 1][0], atol=5.1e-5, rtol=0)
        np.testing.assert_allclose(rows[f"ΔW{l}"], -0.3 * bwd.grads[f"W{l}"], atol=5.1e-5, rtol=0)
        np.testing.assert_allclose(rows[f"ΔB{l}"], -0.3 * bwd.grads[f"B{l}"], atol=5.1e-5, rtol=0)
    assert np.abs(bwd.grads["W1"]).max() > 1e-3, "the changes compared are not all zero"
    assert page.locator(".pg-one-step a").get_attribute("href") == "../backprop/"
    assert hook(page, "metrics()")["epoch"] == 10, "showing a step does not train"
    assert {k: np.array(v) for k, v in hook(page, "params()").items()}.keys() == params.keys()

    # Apply it: the weights change by exactly the update shown (network.update with this sample's
    # gradients), the epoch stays, the status names the point's output before and after.
    y_before = hook(page, "predictions()")[2]
    page.locator("#pg-step-apply").click()
    after = {k: np.array(v, dtype=float) for k, v in hook(page, "params()").items()}
    expected = network.update(params, bwd.grads, 0.3)
    for k in params:
        np.testing.assert_allclose(after[k], expected[k], rtol=0, atol=1e-12, err_msg=k)
        np.testing.assert_allclose(after[k] - params[k], rows[f"Δ{k}"], atol=5.1e-5, rtol=0, err_msg=k)
    y_after = float(network.forward(expected, X, acts).output[0, 0])
    assert hook(page, "predictions()")[2] == pytest.approx(y_after, abs=1e-12)
    assert abs(y_after - sample["label"]) < abs(y_before - sample["label"]), "one step towards the target"
    assert hook(page, "metrics()")["epoch"] == 10, "one sample is not an epoch"
    assert page.locator("#pg-step-applied").text_content() == fill(
        ui["ui.math.applied"], k=3, before=f"{y_before:.4f}", after=f"{y_after:.4f}")
    # The panel now shows the next update, from the new weights.
    fwd2 = network.forward(expected, X, acts)
    text2 = page.locator("#pg-one-step").text_content()
    rows2 = {line.strip().split(" = ")[0]: after_last_equals(line) for line in text2.split("\n") if " = [" in line}
    np.testing.assert_allclose(rows2["layer3"], fwd2.layers[3][0], atol=5.1e-5, rtol=0)
    assert_clean(page)

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

from browser_support import Watcher

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


@pytest.mark.parametrize("name, epochs, check, claim", CLAIMS, ids=[c[0] for c in CLAIMS])
def test_prepared_experiment_shows_the_claim(page, base_url, name, epochs, check, claim):
    open_lab(page, base_url)
    fragment = next(e["fragment"] for e in experiments(page) if e["id"] == name)
    open_lab(page, base_url, "#" + fragment)
    assert hook(page, "fragment()") == fragment
    assert page.evaluate("location.hash") == "#" + fragment
    assert page.locator(".pg-message").is_hidden()
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


@pytest.mark.parametrize("fragment", HOSTILE)
def test_hostile_fragment_falls_back_with_a_message(page, base_url, fragment):
    open_lab(page, base_url)
    defaults = hook(page, "state()")
    open_lab(page, base_url, quote(fragment, safe="#=&,%"))
    message = page.locator(".pg-message")
    assert message.is_visible()
    assert has_hangul(message.text_content()), "message in Korean"
    url_messages = "|".join(template_pattern(texts(page)[k]) for k in ("msg.fallback", "msg.rejected", "msg.unknown"))
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
    load (its build was the page's longest task), it is built once it comes within half a
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
        assert top > 1.5 * 823, f"the playground is {top:.0f} px down: this test proves nothing"
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

"""The light/dark toggle in the header (overrides/partials/palette.html and
overrides/partials/javascripts/palette.html, which replace Material's palette component).

In Chromium: the palette follows the system setting until the reader picks one; a pick holds
across pages and reloads; the toggle works by click and by Enter; Material's transition
switch-off lasts one frame; <meta name="theme-color"> carries the header's colour.
"""

from __future__ import annotations

import pytest

LIGHT, DARK = "default", "slate"
TIMEOUT_MS = 60_000  # bound of every wait: it only limits a failure


@pytest.fixture()
def context(browser):
    """A fresh profile (no stored palette) whose system setting starts light."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def change_system_scheme(page, scheme: str) -> None:
    """Emulate the system's colour scheme changing to ``scheme``; return once the page has
    been told.  The page's palette script listens to a MediaQueryList it made at load; the
    one made here is newer, and a change event reaches MediaQueryLists oldest first (CSSOM
    View, "evaluate media queries and report changes"): when this one has heard, the page's
    listener has run."""
    page.evaluate("""dark => {
        const query = matchMedia('(prefers-color-scheme: dark)');
        window.__systemSchemeHeard = query.matches === dark;  // no change: nothing to hear
        query.addEventListener('change', () => {
            if (query.matches === dark) window.__systemSchemeHeard = true;
        });
    }""", scheme == "dark")
    page.emulate_media(color_scheme=scheme)
    page.wait_for_function("window.__systemSchemeHeard === true")


def toggle(page):
    """The toggle's visible label (the one of the palette not in use)."""
    labels = page.locator("form[data-md-palette] label:visible")
    assert labels.count() == 1, "exactly one toggle label should be shown"
    return labels.first


def test_follows_the_system_setting_until_a_pick(context, base_url):
    page = context.new_page()
    page.goto(base_url + "activations/")
    assert scheme(page) == LIGHT
    change_system_scheme(page, "dark")
    assert scheme(page) == DARK, "without a pick the palette should follow the system setting"
    reloaded = context.new_page()
    reloaded.emulate_media(color_scheme="dark")
    reloaded.goto(base_url + "backprop/")
    assert scheme(reloaded) == DARK, "a dark system setting should give the dark palette on load"
    assert reloaded.evaluate("document.body.getAttribute('data-md-color-media')") == \
        "(prefers-color-scheme: dark)"


def test_a_pick_holds_across_pages_and_system_changes(context, base_url):
    page = context.new_page()
    page.goto(base_url + "loss/")
    before = toggle(page).get_attribute("for")
    toggle(page).click()
    assert scheme(page) == DARK
    assert toggle(page).get_attribute("for") != before, "the other label should show after a switch"
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    # A pick outranks the system setting: the system goes dark, then light again (which,
    # without the pick, would give the light palette); the page hears both and stays dark.
    change_system_scheme(page, "dark")
    change_system_scheme(page, "light")
    assert scheme(page) == DARK
    page.goto(base_url + "numpy_mlp/")
    assert scheme(page) == DARK, "the pick should hold on another page"
    page.reload()
    assert scheme(page) == DARK
    assert page.evaluate("document.querySelector('#__palette_1').checked")


def test_enter_on_the_focused_option_switches(context, base_url):
    page = context.new_page()
    page.goto(base_url)
    page.focus("#__palette_0")
    page.keyboard.press("Enter")
    assert scheme(page) == DARK
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    assert scheme(page) == LIGHT


def test_theme_color_is_the_header_colour(context, base_url):
    page = context.new_page()
    page.goto(base_url + "gradient_descent/", wait_until="load")
    # set by the page's load listener
    page.wait_for_function("document.querySelector('meta[name=theme-color]').content !== ''")
    header = page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor")
    metas = page.locator("meta[name=theme-color]")
    assert metas.count() == 1
    assert metas.first.get_attribute("content") == header
    toggle(page).click()
    now = page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor")
    assert metas.first.get_attribute("content") == now

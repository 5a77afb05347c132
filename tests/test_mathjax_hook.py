"""hooks/mathjax.py: formulas typeset at build time by MathJax in Node (hooks/mathjax_render.mjs).

Without a site build: the hook's page function on small HTML snippets, with its disk cache
in a temporary folder.  Node starts a few times (a fresh cache has none of the formulas);
the whole module takes a few seconds.  Skipped without Node or ``npm ci`` (failed with
``CI=true``).
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("mathjax_hook", ROOT / "hooks" / "mathjax.py")
mathjax = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mathjax)

try:
    mathjax.check_installed(ROOT)
except PluginError as error:  # the message says to run `npm ci`
    if os.environ.get("CI", "").lower() == "true":
        raise  # scripts/test.sh runs npm ci: in CI this is a failure
    pytest.skip(str(error), allow_module_level=True)

PAGE = "<html><head><title>t</title></head><body class=\"x\">{}</body></html>"
NOTEBOOK_CELL = ('<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" '
                 'data-mime-type="text/markdown">{}</div>')


def page(content: str) -> str:
    return PAGE.format(content)


@pytest.fixture(scope="module")
def typesetter(tmp_path_factory):
    typesetter = mathjax.Typesetter(cache=tmp_path_factory.mktemp("mathjax-cache"))
    yield typesetter
    typesetter.close()


def typeset(typesetter, content: str) -> str:
    return mathjax.typeset_page(page(content), typesetter.typeset, "docs/test.md")


def test_a_formula_becomes_svg_with_mathml(typesetter):
    out = typeset(typesetter, r'<p>Area <span class="arithmatex">\(x^2 &lt; 1\)</span>.</p>')
    assert r"\(" not in out and "arithmatex" in out
    container = re.search(r"<mjx-container[^>]*>.*?</mjx-container>", out, re.S).group(0)
    assert 'jax="SVG"' in container and 'display="true"' not in container
    # what is seen: the SVG (hidden from screen readers), its glyphs from the page's font cache
    assert re.search(r'<svg[^>]*aria-hidden="true"', container)
    used = set(re.findall(r'xlink:href="#([^"]+)"', container))
    defined = set(re.findall(r'<path id="([^"]+)"', out))
    assert used and used <= defined
    assert out.count('id="MJX-SVG-global-cache"') == 1
    assert re.search(r'<body class="x"><svg id="MJX-SVG-global-cache" style="display: none;">', out)
    # what is read: MathML
    assert "<mi>x</mi>" in container and "<mn>2</mn>" in container and "<mo>&lt;</mo>" in container
    # the styles MathJax's SVG output and the hidden MathML need
    style = re.search(r'<style id="MJX-SVG-styles">(.*?)</style></head>', out).group(1)
    assert "mjx-assistive-mml" in style and "clip" in style and "max-width: none" in style


def test_display_math(typesetter):
    out = typeset(typesetter, r'<div class="arithmatex">\[\begin{aligned} a &amp;= b \\ c &amp;= \frac{\partial E}{\partial w} \end{aligned}\]</div>')
    assert '<mjx-container class="MathJax" jax="SVG" display="true"' in out
    assert "<mtable" in out and "<mfrac>" in out and "∂" in out


def test_hangul_in_text_is_drawn_and_read(typesetter):
    out = typeset(typesetter, r'<span class="arithmatex">\(\sum_{\text{샘플}} \delta\)</span>')
    assert "<mtext>샘플</mtext>" in out
    drawn = re.findall(r"<text[^>]*>([^<]*)</text>", out)
    assert "".join(drawn) == "샘플"


@pytest.mark.parametrize("tex, message", [
    (r"\frac{1}{", "Missing close brace"),
    (r"\foo x", r"Undefined control sequence \foo"),  # no "noundefined": unknown macros are errors
])
def test_a_tex_error_names_the_page_and_the_formula(typesetter, tex, message):
    with pytest.raises(PluginError) as error:
        typeset(typesetter, f'<p><span class="arithmatex">\\(a\\)</span> <span class="arithmatex">\\({tex}\\)</span></p>')
    assert "docs/test.md" in str(error.value)
    assert f"{message} in: {tex}" in str(error.value)


def test_notebook_cells_use_jupyters_delimiters(typesetter):
    cell = NOTEBOOK_CELL.format(r"<p>$a_1$ costs \$5, <code>$b$</code> stays code.</p>"
                                r"<p>$$\delta = y - t$$</p>")
    out = typeset(typesetter, cell + "<p>$c$ outside a cell stays text</p>")
    cell_out = out[out.index("jp-RenderedMarkdown"):out.index("outside")]
    assert cell_out.count("<mjx-container") == 2 and cell_out.count('display="true"') == 1
    assert "<code>$b$</code>" in cell_out and "<span>$</span>5" in cell_out
    assert "<p>$c$ outside a cell stays text</p>" in out


def test_a_page_without_math_is_unchanged(typesetter):
    html = page("<p>No math, not even in a cell.</p>" + NOTEBOOK_CELL.format("<p>plain</p>"))
    assert mathjax.typeset_page(html, typesetter.typeset, "docs/x.md") == html


def test_cache_is_keyed_by_the_formula(tmp_path):
    first = mathjax.Typesetter(cache=tmp_path)
    try:
        a = typeset(first, r'<span class="arithmatex">\(a+b\)</span>')
    finally:
        first.close()
    cached = sorted(first.cache.glob("*.json"))
    assert len(cached) == 2  # the formula and the stylesheet

    again = mathjax.Typesetter(cache=tmp_path)
    try:
        assert typeset(again, r'<span class="arithmatex">\(a+b\)</span>') == a
        assert again.renderer.process is None, "a cached formula must not start Node"
        changed = typeset(again, r'<span class="arithmatex">\(a-b\)</span>')
        assert again.renderer.process is not None
    finally:
        again.close()
    assert changed != a and "<mo>−</mo>" in changed
    assert len(list(again.cache.glob("*.json"))) == 3

    # the same TeX displayed is another entry
    display = mathjax.Typesetter(cache=tmp_path)
    try:
        shown = typeset(display, r'<div class="arithmatex">\[a+b\]</div>')
        assert display.renderer.process is not None
    finally:
        display.close()
    assert 'jax="SVG" display="true"' in shown and 'jax="SVG" display="true"' not in a
    assert len(list(display.cache.glob("*.json"))) == 4


def test_output_is_deterministic(tmp_path, typesetter):
    html = r'<span class="arithmatex">\(\eta \nabla E\)</span><div class="arithmatex">\[W \leftarrow W - \eta\]</div>'
    fresh = mathjax.Typesetter(cache=tmp_path)
    try:
        assert typeset(fresh, html) == typeset(typesetter, html)
    finally:
        fresh.close()


def test_missing_node_modules_says_npm_ci(tmp_path):
    with pytest.raises(PluginError, match="npm ci"):
        mathjax.check_installed(tmp_path)


# --- fewer elements, the same drawing (flatten() in hooks/mathjax_render.mjs) ---------------

SVG_NS = "{http://www.w3.org/2000/svg}"
FORMULAS = [  # subscripts, a fraction, a matrix, Hangul text, aligned equations, a root, sizes
    (r"w_3", False),
    (r"\frac{\partial E}{\partial w_{1}} = \sigma(x)\,\text{입력}", True),
    (r"\begin{bmatrix} w_{11} & w_{12} \\ w_{21} & w_{22} \end{bmatrix}", True),
    (r"\begin{aligned} y &= \sigma\left(\sum_{i} w_i x_i + b\right) \\ \delta &= \sqrt{2}\,\hat{y} \end{aligned}", True),
    (r"\boldsymbol{W}^{(1)} \mathbf{x} \in \mathbb{R}^{2\times 1}", False),
]


def drawn(html: str) -> list[tuple]:
    """What an <svg> draws: each leaf (glyph <use>, <rect>, <text>, ...) in document order,
    with the transforms of all its ancestors and its own, in order, and its other attributes."""
    import xml.etree.ElementTree as ET
    svg = ET.fromstring(re.search(r"<svg.*</svg>", html, re.S).group(0))
    leaves = []

    def walk(element, transforms):
        own = transforms + ([element.get("transform")] if element.get("transform") else [])
        children = list(element)
        if element.tag == SVG_NS + "g" or element is svg:
            for child in children:
                walk(child, own)
            return
        attributes = {k: v for k, v in element.attrib.items()
                      if k != "transform" and not k.startswith("data-mml") and k != "data-mjx-texclass"}
        leaves.append((element.tag, " ".join(own), tuple(sorted(attributes.items())),
                       element.text or "", len(children)))
    walk(svg, [])
    return leaves


@pytest.mark.parametrize("tex, display", FORMULAS)
def test_flattened_svg_draws_the_same(typesetter, tex, display):
    made = typesetter.typeset([{"tex": tex, "display": display, "flatten": False}], "test")[0]["html"]
    flat = typesetter.typeset([{"tex": tex, "display": display}], "test")[0]["html"]
    assert drawn(flat) == drawn(made)
    assert flat.count("<g") < made.count("<g"), "nothing was merged"
    # everything outside the <svg> (the container, the MathML) is untouched
    assert re.sub(r"<svg.*</svg>", "", flat, flags=re.S) == re.sub(r"<svg.*</svg>", "", made, flags=re.S)
    # what MathJax's stylesheet selects is kept: tables keep their <g data-mml-node="mtable">
    assert flat.count('data-mml-node="mtable"') == made.count('data-mml-node="mtable"')

"""Gate: page weight of every lesson page, both editions, on a reader's first visit.

Each page is loaded once in a fresh browser context (empty cache: tests/visits.py); the
sizes of the site's files it fetched are summed (the site is static: a response body is its
file).  The math is typeset at build time (hooks/mathjax.py: SVG
+ MathML in the HTML, no MathJax JavaScript or fonts): the table shows how many of the
page's HTML bytes are math (``<mjx-container>`` elements, the glyphs' ``<svg><defs>``
and MathJax's ``<style>``).  It is printed (``pytest -s`` to see it).

Budget: < 4 MB per page.  Material's JS/CSS is ~0.3 MB; the figures are SVG; the math
of the heaviest page (backprop) is a few hundred KB of HTML, which compresses well.
A page above 4 MB means something unplanned (a raster image, a bloated SVG, MathJax
shipped again) and is slow on a phone connection.  Every figure SVG must stay < 150 KB.
"""

from __future__ import annotations

import re

import pytest


from conftest import EDITIONS

PAGE_BUDGET = 4_000_000
SVG_BUDGET = 150_000


def test_every_figure_svg_is_small(edition_site):
    for edition in EDITIONS:
        site = edition_site(edition)
        svgs = sorted((site / "figures").rglob("*.svg"))
        assert svgs, f"no figures in {site}"
        big = [f"{p.relative_to(site)}: {p.stat().st_size} B" for p in svgs
               if p.stat().st_size >= SVG_BUDGET]
        assert not big, f"figure SVGs ≥ {SVG_BUDGET} B:\n" + "\n".join(big)


#: What the build's MathJax adds to a page's HTML (hooks/mathjax.py).
MATH_MARKUP = re.compile(r"<mjx-container\b.*?</mjx-container>"
                         r'|<svg id="MJX-SVG-global-cache".*?</svg>'
                         r'|<style id="MJX-SVG-styles">.*?</style>', re.S)


def math_bytes(html: str) -> int:
    """Bytes (UTF-8) of the typeset math in a page's HTML."""
    return sum(len(m.group().encode()) for m in MATH_MARKUP.finditer(html))


def test_math_bytes_counts_the_typeset_math():
    html = ('<html><head><style id="MJX-SVG-styles">x{}</style></head><body>'
            '<svg id="MJX-SVG-global-cache" style="display: none;"><defs></defs></svg>'
            '<p>a <mjx-container jax="SVG"><svg></svg></mjx-container> b</p></body></html>')
    assert math_bytes(html) == len('<style id="MJX-SVG-styles">x{}</style>'
                                   '<svg id="MJX-SVG-global-cache" style="display: none;"><defs></defs></svg>'
                                   '<mjx-container jax="SVG"><svg></svg></mjx-container>')


@pytest.mark.parametrize("edition", EDITIONS)
def test_page_weight(visits, site, edition):
    """Each page's first visit (tests/visits.py: a fresh context, every request seen): the
    bytes of the site's files it fetched, under the budget; no MathJax file among them."""
    rows, heavy, shipped = [], [], []
    for path, seen in visits(edition).items():
        sizes = seen.fetched_bytes(site)
        html = (site / path / "index.html").read_text(encoding="utf-8")
        total = sum(sizes.values())
        rows.append((path or "/", total, len(html.encode()), math_bytes(html)))
        if total >= PAGE_BUDGET:
            heavy.append(f"{path or '/'}: {total} B")
        shipped += [f"{path or '/'}: {u}" for u in sizes if "mathjax" in u.lower()]
    print("\n| page | KB total | KB HTML | KB math in the HTML | math share of the HTML |"
          "\n|---|---:|---:|---:|---:|")
    for path, total, html, math in rows:
        print(f"| {path} | {total / 1000:.0f} | {html / 1000:.0f} | {math / 1000:.0f} "
              f"| {100 * math / max(html, 1):.0f} % |")
    assert rows and all(total > html > 0 for _, total, html, _ in rows)
    assert any(math for *_, math in rows), "no typeset math found on any page"
    assert not heavy, f"pages over {PAGE_BUDGET} B on a first visit:\n" + "\n".join(heavy)
    assert not shipped, "MathJax files fetched (math is typeset at build time):\n" + "\n".join(shipped)

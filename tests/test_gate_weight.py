"""Gate: page weight of every lesson page, both editions, on a reader's first visit.

Each page is loaded in a fresh browser context (empty cache); the bytes of every
response body are summed, and the MathJax part (``assets/mathjax/``: tex-chtml.js and
its fonts) is shown apart.  The table is printed (``pytest -s`` to see it).

Budget: < 4 MB per page, MathJax included.  MathJax's tex-chtml.js alone is ~1.1 MB and
its fonts a few hundred KB; Material's JS/CSS ~0.3 MB; the figures are SVG.  A page
above 4 MB means something unplanned (a raster image, a bloated SVG, a second copy of
MathJax) and is slow on a phone connection.  Every figure SVG must stay < 150 KB.
"""

from __future__ import annotations

import pytest

from conftest import EDITIONS
from test_browser import load, site_pages

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


def first_visit(browser, url: str) -> tuple[int, int]:
    """(all bytes, MathJax bytes) of the response bodies of one page load, empty cache."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sizes: dict[str, int] = {}

    def record(response):
        try:
            sizes[response.url] = len(response.body())
        except Exception:  # redirects have no body
            sizes.setdefault(response.url, 0)

    page = context.new_page()
    page.on("response", record)
    try:
        load(page, url)
    finally:
        context.close()
    mathjax = sum(n for u, n in sizes.items() if "/assets/mathjax/" in u)
    return sum(sizes.values()), mathjax


def test_page_weight(browser, base_url, site, edition_site):
    rows, heavy = [], []
    for edition in EDITIONS:
        edition_site(edition)
        for path in site_pages(site, edition):
            total, mathjax = first_visit(browser, base_url + path)
            rows.append((path or "/", total, mathjax))
            if total >= PAGE_BUDGET:
                heavy.append(f"{path or '/'}: {total} B")
    print("\n| page | KB total | KB without MathJax |\n|---|---:|---:|")
    for path, total, mathjax in rows:
        print(f"| {path} | {total / 1000:.0f} | {(total - mathjax) / 1000:.0f} |")
    assert rows and all(total > 0 for _, total, _ in rows)
    assert not heavy, f"pages over {PAGE_BUDGET} B on a first visit:\n" + "\n".join(heavy)

"""The PDF of each edition (issue 19), read as a reader's PDF tools read it.

``scripts/build.sh`` prints each built edition to a PDF with ``scripts/pdf.py``; here the same
script prints the session's build (fixture ``pdfs``) and Debian's poppler-utils read the files:
``pdftotext`` (the text, in reading order: every page's headings in nav order, the chapter's
computed numbers), ``pdffonts`` (every font embedded), ``pdfinfo`` (A4 on every sheet, the
title) — as a reader's PDF viewer, search and copy would see them.
"""

from __future__ import annotations

import importlib.util
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EDITIONS, ROOT, edition_pages

from mlp_devtools import unavailable
from mlp_lessons.pages import all_numbers

PDF_SCRIPT = ROOT / "scripts" / "pdf.py"
_spec = importlib.util.spec_from_file_location("pdf_script", PDF_SCRIPT)
pdf_script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pdf_script)
BOOKS = pdf_script.BOOKS
#: A4 in PDF points, as pdfinfo prints it (Chromium's 210 x 297 mm).
A4 = (595.92, 842.88)


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:    # skipped, or failed with CI=true, as a missing browser is
        unavailable(f"{tool} not found: install poppler-utils (sudo apt-get install poppler-utils; "
                    ".ci/run does)")
    return found


@pytest.fixture(scope="module")
def pdfs(edition_site, browser, tmp_path_factory) -> dict[str, Path]:
    """``{edition: PDF}``: the session's build printed by ``scripts/pdf.py --site`` as
    ``scripts/build.sh`` prints it, but into a folder of this test (the session's site stays
    as ``mkdocs build`` made it: gate 5 compares it with a second build).  ``browser`` only so
    that a missing Chromium skips, or fails in CI, as for the browser tests."""
    site, out = edition_site("ko"), tmp_path_factory.mktemp("pdf")
    edition_site("en")
    run = subprocess.run([sys.executable, str(PDF_SCRIPT), "--site", str(site), "--out", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0, f"scripts/pdf.py --site failed:\n{run.stdout}{run.stderr}"
    return {edition: out / folder / name for edition, (folder, name) in BOOKS.items()}


def pdf_text(pdf: Path) -> str:
    run = subprocess.run([_poppler("pdftotext"), str(pdf), "-"], capture_output=True, text=True)
    assert run.returncode == 0 and not run.stderr.strip(), run.stderr    # poppler reads it cleanly
    return run.stdout


class _Headings(HTMLParser):
    """The text of every h1/h2 inside the page's <article>, in order (without the ¶ links)."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self._article = self._in = 0
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article":
            self._article += 1
        elif self._article and tag in ("h1", "h2"):
            self._in, self._text = 1, []
        elif self._in and tag == "a" and ({"headerlink", "anchor-link"} & set(classes)):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self._article -= 1
        elif self._in and tag in ("h1", "h2"):
            self._in = 0
            self.headings.append(" ".join("".join(self._text).split()))
        elif self._skip and tag == "a":
            self._skip -= 1

    def handle_data(self, data):
        if self._in and not self._skip:
            self._text.append(data)


class _NavLinks(HTMLParser):
    """The ``href`` of every ``a.md-nav__link`` inside ``nav.md-nav--primary``, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.open_navs: list[bool] = []   # per open <nav>: is it (inside) the primary navigation

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "nav":
            self.open_navs.append("md-nav--primary" in classes or any(self.open_navs))
        elif tag == "a" and any(self.open_navs) and "md-nav__link" in classes and attrs.get("href"):
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "nav" and self.open_navs:
            self.open_navs.pop()


def nav_paths(root: Path) -> list[str]:
    """The book's pages as the edition's home page lists them in its navigation: URL paths
    ("" the home page, "backprop/", ...) in nav order, without :data:`pdf_script.SKIP` — read
    from the built HTML here, independently of scripts/pdf_book.js, which the PDF follows."""
    parser = _NavLinks()
    parser.feed((root / "index.html").read_text(encoding="utf-8"))
    order = []
    for href in parser.hrefs:
        path = posixpath.normpath(href.split("#")[0] or ".") + "/"
        if "://" in href or path.startswith("..") or not href.split("#")[0].endswith(("/", ".")):
            continue    # outside the edition, or not a page of the site
        path = "" if path == "./" else path
        if path not in order and not path.startswith(tuple(pdf_script.SKIP)):
            order.append(path)
    return order if "" in order else ["", *order]


def test_nav_paths_reads_the_primary_navigation():
    """nav_paths, the oracle of the next test, on a page of Material's shape."""
    html = ('<nav class="md-tabs"><a class="md-nav__link" href="tabs/">x</a></nav>'
            '<nav class="md-nav md-nav--primary"><a class="md-nav__link" href=".">Home</a>'
            '<nav class="md-nav"><a class="md-nav__link" href="b/">B</a>'
            '<a class="md-nav__link" href="b/#part">B, part</a></nav>'
            '<a class="md-nav__link" href="notebooks/01/">nb</a>'
            '<a class="md-nav__link" href="https://example.org/">out</a>'
            '<a class="md-nav__link" href="../">up</a><a class="md-nav__link" href="a/">A</a></nav>')
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "index.html").write_text(html, encoding="utf-8")
        assert nav_paths(Path(folder)) == ["", "b/", "a/"]


def _squeeze(text: str) -> str:
    """Text without whitespace (pdftotext breaks lines where the paper does)."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_heading_is_in_the_pdf_in_nav_order(pdfs, edition_site, edition):
    root = edition_site(edition)
    text = _squeeze(pdf_text(pdfs[edition]))
    nav = nav_paths(root)
    # every page but 404.html and those the book leaves out (the notebooks, the benchmarks)
    kept = [p for p in edition_pages(root, edition) if p.name != "404.html"
            and not p.relative_to(root).as_posix().startswith(tuple(pdf_script.SKIP))]
    assert len(nav) == len(kept) >= 13, nav
    position = text.index(_squeeze({"ko": "차례", "en": "Contents"}[edition]))
    for path in nav:
        parser = _Headings()
        parser.feed((root / path / "index.html").read_text(encoding="utf-8"))
        # math in a heading is drawn, not text: compare the words around it
        for heading in parser.headings:
            words = [w for w in re.split(r"[^\w가-힣]+", heading) if len(w) > 1][:4]
            for word in words:
                found = text.find(word, position)
                assert found >= 0, f"{path or '/'}: heading {heading!r} ({word!r}) not in the PDF after its place"
                position = found


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_chapter_numbers_are_in_the_pdf(pdfs, edition):
    text = pdf_text(pdfs[edition])
    numbers = all_numbers()
    for value in [f"{numbers['forward_pass']['a_y']:.6f}", f"{numbers['forward_pass']['E']:.6f}",
                  f"{numbers['backprop']['w5_new']:.6f}", f"{numbers['backprop']['dE_dw5']:.6f}"]:
        assert value in text, f"{value} not in the {edition} PDF's text"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_font_is_embedded_and_hangul_is_text(pdfs, edition):
    run = subprocess.run([_poppler("pdffonts"), str(pdfs[edition])], capture_output=True, text=True,
                         check=True)
    rows = [line.split() for line in run.stdout.splitlines()[2:] if line.strip()]
    assert rows, run.stdout
    # columns: name type... emb sub uni object ID; emb/sub/uni are the 3 yes/no before the id
    not_embedded = [row[0] for row in rows if row[-5] != "yes"]
    assert not_embedded == [], f"fonts not embedded: {not_embedded}"
    without_unicode = [row[0] for row in rows if row[-3] != "yes"]
    assert without_unicode == [], f"fonts whose text cannot be copied or searched: {without_unicode}"
    if edition == "ko":
        assert "역전파" in pdf_text(pdfs[edition])             # Hangul comes out as text


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_sheet_is_a4_with_bookmarks(pdfs, edition):
    info = subprocess.run([_poppler("pdfinfo"), "-f", "1", "-l", "9999", str(pdfs[edition])],
                          capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    assert len(sizes) == pages > 20
    assert {(float(w), float(h)) for w, h in sizes} == {A4}
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    outline = subprocess.run([sys.executable, "-c", OUTLINE, str(pdfs[edition])],
                             capture_output=True, text=True)
    assert outline.returncode == 0, outline.stderr
    assert int(outline.stdout) >= 13, "the PDF should have a bookmark for every page of the book"


#: Prints the number of the PDF's bookmarks: the /Count of its /Outlines dictionary (Chromium
#: writes it uncompressed; without a PDF library).
OUTLINE = r"""
import re, sys
found = re.search(rb"/Type /Outlines\s*/First \d+ 0 R\s*/Last \d+ 0 R\s*/Count (\d+)",
                  open(sys.argv[1], "rb").read())
print(found[1].decode() if found else 0)
"""

def test_a_too_wide_element_is_refused(tmp_path, browser):
    """The check that no printed element is wider than the paper can fail."""
    site = tmp_path / "site"
    (site / "wide").mkdir(parents=True)
    nav = ('<nav class="md-nav md-nav--primary"><a class="md-nav__link" href="./">Home</a>'
           '<a class="md-nav__link" href="wide/">Wide</a></nav>')
    page = ('<!doctype html><html lang="en"><head><title>t</title></head><body>{nav}'
            '<article class="md-content__inner md-typeset"><h1>{title}</h1>{body}</article></body></html>')
    (site / "index.html").write_text(page.format(nav=nav, title="Home", body="<p>hi</p>"))
    (site / "wide" / "index.html").write_text(page.format(
        nav=nav, title="Wide", body='<div style="width: 2000px">wide</div>'))
    run = subprocess.run([sys.executable, str(PDF_SCRIPT), str(site), str(tmp_path / "out.pdf")],
                         capture_output=True, text=True)
    assert run.returncode != 0
    assert "wider than the paper: wide/" in run.stderr + run.stdout
    assert not (tmp_path / "out.pdf").exists()

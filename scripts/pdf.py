"""Print the built site to a PDF book per edition: ``python scripts/pdf.py --site site``.

``--site site`` prints both editions side by side, into ``site/mlp-ko.pdf`` and
``site/en/mlp-en.pdf`` (:data:`BOOKS`; every page links to its edition's PDF):
``scripts/build.sh`` runs it after the builds, and so does the test suite's build
(tests/conftest.py).  ``python scripts/pdf.py site/en out.pdf`` prints one edition.

How: the built edition is served on 127.0.0.1 and opened in Debian's Chromium (Playwright;
both from :mod:`mlp_devtools.browser`, as the browser tests use them).  In
the edition's home page, ``scripts/pdf_book.js`` replaces the content by the book — a cover, a
table of contents, then the ``<article>`` of every page of the navigation (but :data:`SKIP`), in nav order — with
each page's ids made unique and its links between pages turned into links inside the PDF.  The
pages are the built ones: formulas already typeset as SVG by the build (vectors in the PDF),
figures as SVG, the text in the site's fonts (embedded by Chromium, selectable and searchable).
``scripts/pdf_print.css`` wraps code and tables to the paper and puts each page on new paper;
interactive parts (the playground, the explorables) are replaced by a line that links to them
on the site.  Chromium's own printing (``page.pdf``: A4, page numbers in the footer, bookmarks
from the headings, a tagged PDF) writes the file.

Nothing here uses a network: the site is served from disk.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from mlp_devtools.browser import launched_chromium, served

HERE = Path(__file__).resolve().parent
#: Pages the book leaves out: the notebooks (each is a download of its own, run in Jupyter)
#: and the benchmarks page (about the site, not the chapter).  Half the printing time.
SKIP = ["notebooks/", "benchmarks/"]
#: Each edition's folder in the built site and its PDF's name in that folder.
BOOKS = {"ko": ("", "mlp-ko.pdf"), "en": ("en", "mlp-en.pdf")}
BOOK_JS = HERE / "pdf_book.js"
PRINT_CSS = HERE / "pdf_print.css"

#: Paper and margins (Chromium's units).  The width of the text is A4 minus the margins:
#: 210 - 2 x 16 mm = 178 mm = 673 CSS px.
PAPER = {"format": "A4", "margin": {"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}}
TEXT_WIDTH_PX = 673

FOOTER = ('<div style="width:100%;font-size:8px;color:#555;text-align:center;'
          'font-family:sans-serif"><span class="pageNumber"></span> / '
          '<span class="totalPages"></span></div>')

#: Texts of the book's own parts, per edition (``<html lang>`` of the home page).
LABELS = {
    "ko": {"contents": "차례", "online": "이 부분은 움직이는 실습입니다. 사이트에서 열어 보세요:",
           "edition": "인쇄판 (PDF)"},
    "en": {"contents": "Contents", "online": "This part is interactive. Open it on the site:",
           "edition": "Print edition (PDF)"},
}


def cannot_print(reason: str):
    """Stop: Chromium or Playwright is missing (``reason`` says how to install it)."""
    raise SystemExit(f"scripts/pdf.py cannot print: {reason}")


def compose(page, base_url: str, skip: list[str], list_only: bool = False) -> dict:
    """Open the edition's home page and turn it into the book; return what the script saw
    (``pages``: the URL paths in book order, ``problems``: what could not be placed)."""
    page.goto(base_url, wait_until="load")
    lang = page.evaluate("document.documentElement.lang") or "ko"
    labels = LABELS.get(lang, LABELS["en"])
    page.add_style_tag(content=PRINT_CSS.read_text(encoding="utf-8"))
    result = page.evaluate(BOOK_JS.read_text(encoding="utf-8"),
                           {"labels": labels, "skip": skip, "listOnly": list_only})
    if list_only:
        return result
    # every image of the book loaded (or failed: reported), then the fonts
    page.evaluate("""async () => {
        await Promise.all([...document.images].map(i => i.decode().catch(() => null)));
        await document.fonts.ready;
    }""")
    broken = page.evaluate("[...document.images].filter(i => !(i.complete && i.naturalWidth))"
                           ".map(i => i.getAttribute('src'))")
    result["problems"] += [f"image not loaded: {src}" for src in broken]
    result["problems"] += [f"wider than the paper: {what}" for what in page.evaluate(TOO_WIDE)]
    return result


#: Elements of the book that reach past the right edge of the text (what printing would clip):
#: the deepest such elements, with the page they are on.  A formula's MathML for screen
#: readers (``mjx-assistive-mml``) is laid out but clipped to nothing: not counted.
TOO_WIDE = """() => {
    const right = document.querySelector(".book-cover").getBoundingClientRect().right + 2;  // 2 px: sub-pixel rounding
    const wide = [...document.querySelectorAll(".book-page *")].filter(e => {
        if (e.closest("mjx-assistive-mml")) return false;
        const box = e.getBoundingClientRect();
        return box.width > 0 && box.right > right && ![...e.children].some(
            c => c.getBoundingClientRect().right > right);
    });
    return wide.slice(0, 20).map(e => `${e.closest(".book-page").dataset.path || "/"}: `
        + `<${e.tagName.toLowerCase()}> ${Math.round(e.getBoundingClientRect().right - right)} px `
        + JSON.stringify((e.textContent || "").trim().slice(0, 60)));
}"""


def write_pdf(edition_root: Path, out: Path | None, skip: list[str] | None = None) -> dict:
    """Print the edition whose built files are in ``edition_root`` to ``out``; return the
    composition's report (see :func:`compose`) with ``seconds``.  With ``out=None`` only list
    the pages the book would have."""
    start = time.perf_counter()
    with served(edition_root) as base_url, launched_chromium(on_missing=cannot_print) as browser:
        page = browser.new_page(viewport={"width": TEXT_WIDTH_PX, "height": 1000})
        page.emulate_media(media="print")
        result = compose(page, base_url, skip or [], list_only=out is None)
        if out is None:
            return result
        if result["problems"]:
            raise SystemExit("scripts/pdf.py: the book is incomplete:\n  "
                             + "\n  ".join(result["problems"]))
        out.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(out), **PAPER, print_background=True, display_header_footer=True,
                 header_template="<span></span>", footer_template=FOOTER,
                 outline=True, tagged=True)
    result["seconds"] = time.perf_counter() - start
    return result


def print_site(site: Path, out: Path | None = None) -> int:
    """Print every edition of the built ``site`` (:data:`BOOKS`), each in its own process, side
    by side, into the site (or into ``out``, in the same layout); return the worse exit status."""
    import subprocess

    out = site if out is None else out
    running = {
        edition: subprocess.Popen([sys.executable, __file__, str(site / folder), str(out / folder / name),
                                   *[f"--skip={prefix}" for prefix in SKIP]])
        for edition, (folder, name) in BOOKS.items()
    }
    return max(process.wait() for process in running.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition_root", type=Path, nargs="?", help="the built edition: site/ or site/en/")
    parser.add_argument("--site", type=Path, help="print every edition of this built site (see BOOKS)")
    parser.add_argument("--out", dest="out_dir", type=Path,
                        help="with --site: write the PDFs here (same layout) instead of into the site")
    parser.add_argument("out", type=Path, nargs="?", help="the PDF to write")
    parser.add_argument("--list", action="store_true",
                        help="print the URL paths of the book's pages, in order (\"\" is the home page: ./)")
    parser.add_argument("--skip", action="append",
                        help=f"leave out pages whose URL path starts with this (default: {' '.join(SKIP)})")
    args = parser.parse_args(argv)
    args.skip = SKIP if args.skip is None else args.skip
    if args.site is not None:
        return print_site(args.site, args.out_dir)
    if args.edition_root is None:
        parser.error("give the built edition (or --site)")
    if not (args.edition_root / "index.html").is_file():
        parser.error(f"{args.edition_root} has no index.html: build the site first (bash scripts/build.sh)")
    if args.list:
        print("\n".join(path or "./" for path in write_pdf(args.edition_root, None, args.skip)["pages"]))
        return 0
    if args.out is None:
        parser.error("the PDF to write is missing")
    result = write_pdf(args.edition_root, args.out, args.skip)
    size = os.path.getsize(args.out)
    print(f"{args.out}: {len(result['pages'])} pages of the site, {size / 1e6:.1f} MB, "
          f"{result['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

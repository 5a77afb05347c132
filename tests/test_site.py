"""The built site, both editions: strict build, pages, figures, MathJax, no outside requests,
the language switcher."""

from __future__ import annotations

import html.parser
import re
import subprocess
import sys
import warnings
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.config import load_config

from conftest import DOCS_DIRS, EDITIONS, edition_pages

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("matplotlib")


def nav_pages(edition: str = "ko") -> list[str]:
    """Every Markdown file named in the edition's nav (mkdocs.yml, mkdocs.en.yml), in order."""
    config = load_config(str(ROOT / EDITIONS[edition][0]))

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from walk(value)
            elif isinstance(value, str) and value.endswith(".md"):
                yield value

    return list(walk(config.nav))


def page_html(site: Path, md: str) -> Path:
    """Where mkdocs (use_directory_urls) writes the page of ``md``."""
    stem = PurePosixPath(md).with_suffix("")
    if stem.name == "index":
        return site / stem.parent / "index.html"
    return site / stem / "index.html"


class TagCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(path: Path) -> list[tuple[str, dict]]:
    parser = TagCollector()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def resolve(site: Path, page: Path, url: str) -> Path:
    """The file a relative URL in ``page`` points to."""
    path = unquote(urlsplit(url).path)
    base = site if path.startswith("/") else page.parent  # 404.html uses root-absolute URLs
    target = (base / path.lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target


# --- build ----------------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_strict_build_succeeds(builds, edition):
    build = builds[edition]
    assert build.returncode == 0, build.output
    # MkDocs' own warnings (the Jupyter kernel prints "[IPKernelApp] WARNING" noise; not ours)
    warnings_ = [line for line in build.output.splitlines() if line.startswith("WARNING")]
    assert not warnings_, "\n".join(warnings_)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_nav_page_is_built(edition_site, edition):
    site = edition_site(edition)
    pages = nav_pages(edition)
    assert "index.md" in pages and len(pages) >= 11
    missing = [md for md in pages if not page_html(site, md).is_file()]
    assert not missing, f"nav pages not built: {missing}"
    for md in pages:
        assert (DOCS_DIRS[edition] / md).is_file(), md


def test_both_editions_have_the_same_pages():
    """The English edition is a translation: the same files, the same nav order."""
    assert nav_pages("en") == nav_pages("ko")
    korean = sorted(p.relative_to(DOCS_DIRS["ko"]).as_posix() for p in DOCS_DIRS["ko"].rglob("*")
                    if p.suffix in (".md", ".ipynb"))
    english = sorted(p.relative_to(DOCS_DIRS["en"]).as_posix() for p in DOCS_DIRS["en"].rglob("*")
                     if p.suffix in (".md", ".ipynb"))
    assert english == korean, (f"missing in docs_en/: {sorted(set(korean) - set(english))}; "
                               f"only in docs_en/: {sorted(set(english) - set(korean))}")


def test_shared_assets_are_not_copied_into_docs_en():
    # hooks/shared_assets.py adds docs/javascripts and docs/stylesheets to the English build
    for folder in ("javascripts", "stylesheets"):
        assert not (DOCS_DIRS["en"] / folder).exists(), f"docs_en/{folder}/: edit docs/{folder}/ only"


def test_shared_assets_are_in_the_english_site(edition_site):
    site = edition_site("en")
    for source in sorted((ROOT / "docs" / "javascripts").rglob("*")) + sorted(
            (ROOT / "docs" / "stylesheets").rglob("*")):
        if source.is_file():
            built = site / source.relative_to(ROOT / "docs")
            assert built.read_bytes() == source.read_bytes(), built


def test_build_writes_nothing_into_docs(build):
    generated = [p for p in build.new_docs_files
                 if p.endswith(".svg") or "/figures/" in p or "/assets/" in p]
    assert not generated, f"the builds wrote into docs/ or docs_en/: {generated}"
    svgs = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all",
                           "--", "docs", "docs_en"], cwd=ROOT, capture_output=True, text=True).stdout
    assert ".svg" not in svgs, f"SVG files in docs/ or docs_en/:\n{svgs}"


# --- figures ---------------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_every_registered_figure_is_in_the_site(edition_site, edition):
    from mlp_lessons.figures import all_figures

    site = edition_site(edition)
    keys = list(all_figures())
    assert "activations/sigmoid" in keys
    for key in keys:
        svg = site / "figures" / f"{key}.svg"
        assert svg.is_file(), f"figure missing from the site: {svg}"
        head = svg.read_bytes()[:500]
        assert b"<svg" in head, f"{svg} is not an SVG file"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_image_on_every_page_exists(edition_site, edition):
    site = edition_site(edition)
    problems = []
    for page in edition_pages(site, edition):
        for tag, attrs in tags(page):
            if tag == "img":
                src = attrs.get("src", "")
                if src.startswith("data:"):
                    continue
                if not resolve(site, page, src).is_file():
                    problems.append(f"{page.relative_to(site)}: {src}")
                if not (attrs.get("alt") or "").strip():
                    problems.append(f"{page.relative_to(site)}: <img src={src!r}> has no alt text")
    assert not problems, "\n".join(problems)


def test_importing_figures_changes_no_matplotlib_setting():
    code = ("import matplotlib; before = dict(matplotlib.rcParams); "
            "import mlp_lessons.figures as f; f.all_figures(); "
            "changed = [k for k, v in matplotlib.rcParams.items() if before[k] != v]; "
            "assert not changed, changed; "
            "assert 'koreanize_matplotlib' not in __import__('sys').modules")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_figure_functions_work_without_the_style():
    from matplotlib.figure import Figure

    from mlp_lessons.figures import all_figures

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # default font: Hangul glyphs are missing here
        for key, func in all_figures().items():
            fig = func()
            assert isinstance(fig, Figure), key
            fig.canvas.draw()  # lays out text with Matplotlib's default settings
            fig.clear()


# Figures drawn the same way twice, and without a missing glyph: tests/test_figures.py
# (every figure, both languages, in this process) and tests/test_gate_reproducible.py
# (the figures of two clean builds, each drawn by its own process, byte for byte).


# --- MathJax and requests ----------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_math_is_typeset_at_build_time(edition_site, edition):
    """hooks/mathjax.py typesets every formula into the HTML (SVG + MathML): no page
    loads MathJax, none keeps arithmatex's raw TeX."""
    site = edition_site(edition)
    assert not (site / "assets" / "mathjax").exists()
    assert not (site / "javascripts" / "mathjax.js").exists()
    formulas = 0
    for page in edition_pages(site, edition):
        scripts = [resolve(site, page, a["src"]) for t, a in tags(page) if t == "script" and "src" in a]
        assert not [s for s in scripts if "mathjax" in s.as_posix().lower()], page
        assert all(s.is_file() for s in scripts), page
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'class="arithmatex"[^>]*>\\[(\[]', text), page
        formulas += text.count("<mjx-container")
    assert formulas > 500, f"only {formulas} typeset formulas in the {edition} edition"


#: <link rel=...> values that make the browser fetch the URL.
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload",
                 "prefetch", "preconnect", "dns-prefetch", "modulepreload", "prerender"}
#: Attributes that are requests on any tag (href on <a> is a link, not a request).
FETCHING_ATTRS = {"src", "srcset", "data", "poster"}


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_request_outside_the_site(edition_site, edition):
    site = edition_site(edition)
    outside = []
    for page in edition_pages(site, edition):
        for tag, attrs in tags(page):
            urls = [v for k, v in attrs.items() if k in FETCHING_ATTRS and v]
            if tag == "link" and set((attrs.get("rel") or "").lower().split()) & FETCHING_RELS:
                urls.append(attrs.get("href") or "")
            for url in urls:
                for part in url.split(","):  # srcset
                    part = part.strip().split(" ")[0]
                    if part.startswith(("http:", "https:", "//")):
                        outside.append(f"{page.relative_to(site)}: <{tag}> {part}")
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for marker in ("url(http", "url(\"http", "url('http", "@import \"http", "url(//"):
            if marker in text:
                outside.append(f"{css.relative_to(site)}: {marker}...")
    assert not outside, "\n".join(outside)


# --- the language switcher ---------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_language_links_lead_to_the_same_page(site, edition_site, edition):
    """On every page, the switcher's links (hooks/alternate.py) go to this page in each edition."""
    root = edition_site(edition)
    for other in EDITIONS:
        edition_site(other)
    problems = []
    for page in edition_pages(root, edition):
        rel = page.relative_to(root).as_posix()
        if rel == "404.html":
            continue
        links = {a.get("hreflang"): a.get("href") for t, a in tags(page)
                 if t == "a" and "md-select__link" in (a.get("class") or "")}
        if set(links) != set(EDITIONS):
            problems.append(f"{edition}/{rel}: switcher links {links}")
            continue
        for lang, href in links.items():
            assert not href.startswith(("/", "http:", "https:")), href
            target = resolve(site, page, href)
            expected = site / EDITIONS[lang][1] / rel
            if target != expected.resolve():
                problems.append(f"{edition}/{rel}: {lang} link {href} → {target}, expected {expected}")
            elif not target.is_file():
                problems.append(f"{edition}/{rel}: {lang} link {href} → missing {target}")
        # Material's <link rel=alternate hreflang> are left out (overrides/main.html)
        if any(t == "link" and a.get("hreflang") for t, a in tags(page)):
            problems.append(f"{edition}/{rel}: <link rel=alternate hreflang> in the head")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_edition_is_in_its_language(edition_site, edition):
    site = edition_site(edition)
    html = (site / "activations" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{edition}"' in html
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert f'"lang":["{edition}"]' in index.replace(" ", "")

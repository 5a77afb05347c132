"""The registry of pages (mlp_lessons/lessons.py) against everything that names a page.

:data:`mlp_lessons.lessons.PAGES` is the one list of the site's pages.  The page tree
of both editions and the home page's contents table are made from it; these tests
fail, saying what to add where, when a page, a figure module, a numbers module or a
notebook exists that the registry does not name (or the other way round), and when a
config or the home page stops reading the registry.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from mlp_lessons import lessons
from mlp_lessons.glossary import TERMS
from mlp_lessons.lessons import PAGES, Page

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = {"ko": "mkdocs.yml", "en": "mkdocs.en.yml"}
DOCS = {"ko": ROOT / "docs", "en": ROOT / "docs_en"}
REGISTRY = "mlp_lessons/lessons.py"
LINK = re.compile(r"\]\(([^)#\s]+)\)")


def flat(nav, section: str = "") -> list[tuple[str, str, str]]:
    """``(file, title, section)`` of every entry of a MkDocs nav, in order."""
    out = []
    for item in nav:
        title, value = next(iter(item.items())) if isinstance(item, dict) else ("", item)
        if isinstance(value, list):
            out += flat(value, title)
        else:
            out.append((value, title, section))
    return out


def nav_problems(expected, got) -> list[str]:
    """What ``got`` (a nav) lacks, adds, orders or titles differently from ``expected``."""
    want, have = flat(expected), flat(got)
    want_files, have_files = [e[0] for e in want], [e[0] for e in have]
    problems = [f"missing page {f!r}" for f in want_files if f not in have_files]
    problems += [f"extra page {f!r} (not in {REGISTRY})" for f in have_files if f not in want_files]
    common_want = [f for f in want_files if f in have_files]
    common_have = [f for f in have_files if f in want_files]
    for i, (w, h) in enumerate(zip(common_want, common_have)):
        if w != h:
            after = f"after {common_want[i - 1]!r}" if i else "first"
            problems.append(f"misordered: expected {w!r} {after}, got {h!r}")
            break
    titles = {f: (t, s) for f, t, s in have}
    for f, t, s in want:
        if f in titles and titles[f] != (t, s):
            problems.append(f"{f!r}: expected title {t!r} in section {s!r}, got {titles[f][0]!r} "
                            f"in section {titles[f][1]!r}")
    return problems


def contents_rows(markdown: str) -> list[str]:
    """The link target of each row of the contents table(s) in ``markdown``."""
    return [LINK.search(line)[1] for line in markdown.splitlines()
            if line.startswith("| [") and LINK.search(line)]


# --- the page tree ---------------------------------------------------------------------

def test_the_nav_check_names_what_is_wrong():
    expected = lessons.nav("en")
    assert nav_problems(expected, expected) == []
    dropped = [item for item in expected if "loss.md" not in item.values()]
    assert nav_problems(expected, dropped) == ["missing page 'loss.md'"]
    assert nav_problems(expected, expected + [{"Extra": "extra.md"}]) == [
        f"extra page 'extra.md' (not in {REGISTRY})"]
    swapped = [expected[0], expected[2], expected[1], *expected[3:]]
    assert nav_problems(expected, swapped) == [
        "misordered: expected 'activations.md' after 'index.md', got 'forward_pass.md'"]
    retitled = [{"Start": "index.md"}, *expected[1:]]
    assert nav_problems(expected, retitled) == [
        "'index.md': expected title 'Home' in section '', got 'Start' in section ''"]


@pytest.mark.parametrize("edition", CONFIGS)
def test_the_nav_is_the_registry(edition):
    config = load_config(str(ROOT / CONFIGS[edition]))
    problems = nav_problems(lessons.nav(edition), config.nav)
    assert not problems, (f"{CONFIGS[edition]} nav differs from {REGISTRY} (set `nav: "
                          f"!!python/object/apply:mlp_lessons.lessons.nav [{edition}]`): "
                          + "; ".join(problems))


# --- the files of each page ---------------------------------------------------------

@pytest.mark.parametrize("edition", DOCS)
def test_every_registered_page_and_notebook_exists(edition):
    files = [p.file for p in PAGES] + [nb.file for p in PAGES for nb in p.notebooks]
    missing = [f for f in files if not (DOCS[edition] / f).is_file()]
    assert not missing, f"{REGISTRY} names pages that {DOCS[edition].name}/ lacks: {missing}"


@pytest.mark.parametrize("edition", DOCS)
def test_every_page_and_notebook_is_registered(edition):
    registered = {p.file for p in PAGES} | {nb.file for p in PAGES for nb in p.notebooks}
    found = {path.relative_to(DOCS[edition]).as_posix()
             for pattern in ("*.md", "notebooks/*.ipynb") for path in DOCS[edition].glob(pattern)}
    extra = sorted(found - registered)
    assert not extra, (f"{DOCS[edition].name}/ has pages that {REGISTRY} does not name "
                       f"(add a Page or a Notebook to PAGES): {extra}")


def module_files(folder: str) -> set[str]:
    return {p.stem for p in (ROOT / "mlp_lessons" / folder).glob("*.py")
            if not p.name.startswith("_")}


@pytest.mark.parametrize("folder, flag", [("figures", "figures"), ("pages", "numbers")])
def test_the_lesson_modules_are_the_registered_ones(folder, flag):
    declared = {p.slug for p in PAGES if getattr(p, flag)}
    found = module_files(folder)
    assert not found - declared, (f"mlp_lessons/{folder}/ has modules of pages that {REGISTRY} "
                                  f"does not declare with {flag}=True: {sorted(found - declared)}")
    assert not declared - found, (f"{REGISTRY} declares {flag}=True for pages without "
                                  f"mlp_lessons/{folder}/<slug>.py: {sorted(declared - found)}")


def test_the_modules_named_exist_and_each_lesson_module_has_its_tests():
    for page in PAGES:
        for name in page.modules:
            assert importlib.util.find_spec(f"mlp_lessons.{name}"), (
                f"{REGISTRY}: page {page.slug!r} names mlp_lessons.{name}, which does not exist")
        if page.slug in page.modules:
            assert (ROOT / "tests" / f"test_{page.slug}.py").is_file(), (
                f"mlp_lessons/{page.slug}.py has no tests/test_{page.slug}.py")


# --- the home page's contents table --------------------------------------------------

@pytest.mark.parametrize("edition", DOCS)
def test_the_home_page_shows_the_registrys_contents_table(edition):
    text = (DOCS[edition] / "index.md").read_text(encoding="utf-8")
    placeholder = f"{{{{ lessons.contents_{edition} }}}}"
    assert text.count(placeholder) == 1, f"{DOCS[edition].name}/index.md: no {placeholder}"
    assert contents_rows(text) == [], (f"{DOCS[edition].name}/index.md types contents rows by "
                                       f"hand: {contents_rows(text)}; {REGISTRY} makes them")
    rows = contents_rows(lessons.contents(edition))
    assert rows == [p.file for p in PAGES if p.learn_ko], rows
    assert all((DOCS[edition] / row).is_file() for row in rows), rows


def test_the_contents_table_lists_each_page_with_a_description_in_order():
    table = lessons.contents("ko").splitlines()
    assert table[:2] == ["| 페이지 | 배우는 것 | 패키지 모듈 |", "|---|---|---|"]
    assert table[2].startswith("| [활성화 함수](activations.md) | 계단·시그모이드")
    assert table[2].endswith("| `mlp_lessons.activations` |")
    assert "| [용어집](glossary.md)" not in "\n".join(table)       # no description: not listed
    assert table[-1].endswith("| — |")


def test_the_contents_table_uses_the_glossary_terms():
    korean = "\n".join(p.learn_ko + p.ko for p in PAGES)
    used = [(variant, term.ko) for term in TERMS for variant in term.variants_ko if variant in korean]
    assert not used, f"{REGISTRY}: write the glossary's terms (variant, term): {used}"


# --- the registry itself --------------------------------------------------------------

def test_the_registry_refuses_what_it_cannot_build():
    with pytest.raises(ValueError, match="lower-case Python name"):
        Page("Gradient-Descent", "경사 하강법", "Gradient descent")
    with pytest.raises(ValueError, match="in one edition only"):
        Page("loss", "손실 함수", "Loss", learn_ko="제곱 오차")
    with pytest.raises(ValueError, match="heavy_figures=True needs figures=True"):
        Page("loss", "손실 함수", "Loss", heavy_figures=True)
    with pytest.raises(ValueError, match=r"declared more than once: \['loss'\]"):
        lessons._check((PAGES[0], Page("loss", "a", "b"), Page("loss", "c", "d")))
    with pytest.raises(ValueError, match="first page must be the home page"):
        lessons._check(PAGES[1:])
    with pytest.raises(ValueError, match="unknown edition 'de'"):
        lessons.nav("de")


def test_readme_points_to_the_registry_instead_of_listing_the_lessons():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert REGISTRY in readme
    listed = [p.file for p in PAGES if re.search(rf"^\| `{re.escape(p.file)}`", readme, re.M)]
    assert not listed, f"README.md lists pages in a table ({listed}): {REGISTRY} is that list"

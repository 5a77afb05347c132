"""hooks/page_html.py: the passes that rewrite a page's HTML run in one declared order, said
once, and both editions' configs use the one hooks list of mkdocs.yml."""

from __future__ import annotations

import re
import sys
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT

from mlp_devtools.hooks import load

HOOKS = ROOT / "hooks"


@pytest.fixture(scope="module")
def page_html():
    return load("page_html")   # as MkDocs loads a hook (UPSTREAM.md: hooks-sys-path)


def _events(module) -> set[str]:
    return {name for name in vars(module) if name.startswith("on_") and callable(getattr(module, name))}


def test_every_html_pass_is_in_the_order_and_none_elsewhere(page_html):
    """A hook that rewrites a page's HTML (on_page_content, on_post_page) is one of the passes;
    the other hooks do not."""
    rewriting = sorted(p.stem for p in HOOKS.glob("*.py") if p.stem != "page_html"
                       and re.search(r"^def on_(?:page_content|post_page)\(", p.read_text(encoding="utf-8"), re.M))
    assert sorted(page_html.ORDER) == rewriting


def test_every_event_of_a_pass_is_passed_on(page_html):
    handled = set().union(*(_events(module) for module in page_html.PASSES))
    assert handled <= _events(page_html), f"events of passes page_html.py does not run: {handled - _events(page_html)}"


def test_the_hooks_list_is_said_once():
    """mkdocs.en.yml inherits mkdocs.yml's hooks and plugins (INHERIT replaces lists)."""
    english = (ROOT / "mkdocs.en.yml").read_text(encoding="utf-8")
    assert re.search(r"^INHERIT: mkdocs\.yml$", english, re.M)
    assert not re.search(r"^(hooks|watch|extra_css|extra_javascript|markdown_extensions):", english, re.M)
    assert not re.search(r"^plugins:\n\s+-", english, re.M), "a plugins list would replace mkdocs.yml's"
    korean = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = re.search(r"^hooks:\n((?:[ \t]+.*\n)*)", korean, re.M).group(1)
    listed = re.findall(r"^\s*-\s*(hooks/\S+\.py)", hooks, re.M)
    assert "hooks/page_html.py" in listed and "hooks/shared_assets.py" in listed


def test_no_pass_is_also_a_hook_of_its_own(page_html):
    korean = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\s*-\s*hooks/(\w+)\.py", korean, re.M))
    assert not listed & set(page_html.ORDER)


def test_a_pass_listed_as_a_hook_fails_the_build(page_html):
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"),
                             hooks={"hooks/page_html.py": None, "hooks/tables.py": None})
    with pytest.raises(PluginError, match=r"\['hooks/tables\.py'\] run as passes"):
        page_html.on_config(config)


def test_no_hook_is_named_after_a_standard_library_module():
    clashing = sorted(p.name for p in HOOKS.glob("*.py") if p.stem in sys.stdlib_module_names)
    assert not clashing, f"hooks named after standard-library modules: {clashing}"


# --- why the order is the order --------------------------------------------------------------

PAGE = ('<p>a</p><table><tr><td>1</td></tr></table>'
        '<div class="highlight"><pre><span></span><code>x = 1</code></pre></div>')


def _run(page_html, order: list[str], html: str = PAGE) -> str:
    passes = {module.__name__.split("/")[-1].removesuffix(".py"): module for module in page_html.PASSES}
    page = SimpleNamespace(file=SimpleNamespace(src_uri="x.md"))
    config = SimpleNamespace(extra={"edition": "en"})
    for name in order:
        html = passes[name].on_page_content(html, page, config, None)
    return html


def test_the_declared_order_boxes_marks_and_ends_the_page(page_html):
    order = [name for name in page_html.ORDER if name in ("tables", "scroll_boxes", "page_end")]
    assert order == ["tables", "scroll_boxes", "page_end"]
    out = _run(page_html, order)
    assert '<div data-page-end class="md-typeset__scrollwrap" tabindex="0" role="group" aria-label="Table 1"' in out
    assert '<code tabindex="0" role="group" aria-label="Code 1" data-scroll-box>' in out
    assert '<div data-page-end class="highlight">' in out


@pytest.mark.parametrize("order, lost", [
    (["scroll_boxes", "tables", "page_end"], 'aria-label="Table 1"'),   # the box came too late
    (["tables", "page_end", "scroll_boxes"], 'aria-label="Code 1"'),    # the block's tag changed
    (["page_end", "tables", "scroll_boxes"], '<div data-page-end class="md-typeset__scrollwrap"'),
])
def test_another_order_loses_a_mark(page_html, order, lost):
    assert lost not in _run(page_html, order)


def test_shared_assets_does_nothing_in_the_korean_edition():
    """mkdocs.yml lists hooks/shared_assets.py so that mkdocs.en.yml can inherit the list: in
    the edition whose docs_dir is docs/ itself it adds nothing (it would add each file twice and
    fail); in the English one it adds them (the English site's scripts: tests/test_site.py)."""
    from conftest import hook
    shared_assets = hook("shared_assets")

    class Files(list):
        def get_file_from_path(self, uri):
            return "already there"   # as in the Korean edition: docs/ holds every shared file

    korean = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs"))
    assert shared_assets.on_files(Files(), korean) == []
    english = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.en.yml"), docs_dir=str(ROOT / "docs_en"))
    with pytest.raises(PluginError, match="duplicates docs/"):
        shared_assets.on_files(Files(), english)

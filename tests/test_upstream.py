"""UPSTREAM.md: every use of another package's insides, each with a check that fails when an
upgrade breaks it.

One check per row id of UPSTREAM.md (:data:`CHECKS`; the two sets must be equal), plus two
scans that keep the list complete: every file in ``overrides/`` is a row, and every private
name of another package the code uses (``x._name``, ``from x import _name``) is mentioned.
A check reads the installed package (its files, its functions' signatures); none builds the
site.
"""

from __future__ import annotations

import hashlib
import inspect
import io
import json
import os
import re
import shutil
import subprocess
import tokenize
from pathlib import Path

import pytest

from conftest import ROOT

from mlp_devtools.hooks import load

LIST = ROOT / "UPSTREAM.md"
#: Folders of our own code scanned for private names of other packages.
OUR_CODE = ["hooks", "tests", "mlp_lessons", "benchmarks", "conftest.py"]


# --- the list ------------------------------------------------------------------------------

def rows() -> dict[str, dict[str, str]]:
    """UPSTREAM.md's table rows by id: {id: {column header: cell}}."""
    found: dict[str, dict[str, str]] = {}
    header: list[str] = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = []
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not header:
            header = cells
        elif not set(cells[0]) <= set("-"):
            if cells[0] in found:
                raise AssertionError(f"UPSTREAM.md: id {cells[0]!r} appears twice")
            found[cells[0]] = dict(zip(header, cells))
    return found


def _code(cell: str) -> str:
    """The first `...` of a table cell."""
    match = re.search(r"`([^`]+)`", cell)
    assert match, f"expected a `...` in {cell!r}"
    return match.group(1)


def _material() -> Path:
    import material
    return Path(material.__file__).parent / "templates"


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {folder}, found {[p.name for p in found]}"
    return found[0]


def _bundle() -> str:
    return _one(_material() / "assets" / "javascripts", "bundle.*.min.js").read_text(encoding="utf-8")


def _main_css() -> str:
    return _one(_material() / "assets" / "stylesheets", "main.*.min.css").read_text(encoding="utf-8")


def _hook(name: str):
    return load(name, module_name=f"upstream_{name}")   # as MkDocs loads it (hooks-sys-path)


def _parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


# --- copied templates ----------------------------------------------------------------------

def _original_text(row: dict[str, str]) -> str:
    """The text the row's copy was made from: the original file, or its named block."""
    original = _material() / _code(row["original (in `material/templates/`)"])
    text = original.read_text(encoding="utf-8")
    block = re.search(r"block `?(\w+)`?", row["our file"])
    if block:
        found = re.search(r"\{%% block %s %%\}.*?\{%% endblock %%\}" % block.group(1), text, re.S)
        assert found, f"{original} has no block {block.group(1)}"
        text = found.group(0)
    return text


def check_template(row_id: str) -> None:
    row = rows()[row_id]
    copy = ROOT / _code(row["our file"])
    assert copy.is_file(), f"{copy} is listed in UPSTREAM.md but missing"
    digest = hashlib.sha256(_original_text(row).encode("utf-8")).hexdigest()
    recorded = _code(row["sha256 of the original"])
    assert digest == recorded, (
        f"Material's {_code(row['original (in `material/templates/`)'])} changed since "
        f"{_code(row['our file'])} was made from it (sha256 {recorded[:12]}…, now {digest[:12]}…): "
        "redo the copy from the new original and record its sha256 in UPSTREAM.md")


# --- Material's script and styles ----------------------------------------------------------

def check_content_lazy() -> None:
    assert re.search(r'\w+\("content\.lazy"\)', _bundle()), \
        "Material's bundle no longer reads the feature flag content.lazy (mkdocs.yml sets it)"


def check_code_tabindex() -> None:
    # the code block component: tabindex "0" while it scrolls, removed otherwise
    pattern = (r'\{scrollable:(\w+)\}\)=>\{\1&&\w+\?(\w+)\.setAttribute\("tabindex","0"\)'
               r':\2\.removeAttribute\("tabindex"\)\}')
    assert re.search(pattern, _bundle()), (
        "Material's code blocks no longer set tabindex by whether they scroll: "
        "re-check what docs/javascripts/scroll_boxes.js corrects")


def check_md_get_set() -> None:
    base = (_material() / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    for name in ("__md_get=", "__md_set="):
        assert name in base, f"partials/javascripts/base.html no longer defines {name[:-1]}"
    bundle = _bundle()
    assert '__md_get("__palette")' in bundle and '__md_set("__palette"' in bundle, \
        "Material's palette component no longer stores the choice under __palette"
    assert re.search(r"index:\w+\.findIndex", bundle), \
        "Material's stored palette no longer has an index"
    ours = (ROOT / "overrides" / "partials" / "javascripts" / "palette.html").read_text(encoding="utf-8")
    assert '__md_get("__palette")' in ours and '__md_set("__palette"' in ours


def check_table_boxing() -> None:
    bundle = _bundle()
    tables = _hook("tables")
    assert f'"{tables.MATERIAL}"' in bundle, \
        f"Material's script no longer selects {tables.MATERIAL} (hooks/tables.py MATERIAL)"
    assert re.search(r'\{class:"md-typeset__scrollwrap"\},\w+\("div",\{class:"md-typeset__table"\}',
                     bundle), "Material's table box is no longer div.md-typeset__scrollwrap > div.md-typeset__table"


def check_table_css() -> None:
    tables = _hook("tables")
    restated = tables.restated(tables.material_stylesheet())
    rules = restated.count("{") - restated.count("@media") - restated.count("@supports")
    assert rules >= 5, f"hooks/tables.py found {rules} table rules in Material's stylesheet: {restated!r:.300}"
    assert "table.lesson-table" in restated


def check_svg_max_width() -> None:
    # a rule whose selector list holds .md-typeset svg and whose body sets max-width: 100%
    assert re.search(r"(?:^|[},])(?:[^{}]*,)?\.md-typeset svg(?:,[^{}]*)?\{[^}]*max-width:100%",
                     _main_css()), \
        "Material no longer limits .md-typeset svg to max-width: 100% (hooks/mathjax.py MATERIAL_CSS)"


# --- MkDocs --------------------------------------------------------------------------------

def check_hooks_sys_path() -> None:
    from mkdocs.config.config_options import Hooks
    source = inspect.getsource(Hooks._load_hook)
    assert "sys.path.insert(0, os.path.dirname(path))" in source, \
        "MkDocs no longer puts a hook's folder on sys.path while loading it"


# --- mkdocs-jupyter and nbconvert ----------------------------------------------------------

def check_jupyter_cache_key() -> None:
    from mkdocs_jupyter import plugin
    assert _parameters(plugin._compute_cache_key) == ["nb_path", "config", "exec_nb"]
    assert _parameters(plugin._get_cache_path) == ["cache_dir", "cache_key"]
    source = inspect.getsource(plugin)
    for key in ('cached["content"]', 'cached["toc_tokens"]', 'cached.get("title")'):
        assert key in source, f"mkdocs-jupyter no longer reads {key} from its cache"


def check_jupyter_toc_tokens() -> None:
    from mkdocs_jupyter import plugin
    assert _parameters(plugin._get_nb_toc_tokens) == ["fpath", "toc_depth"]


def check_jupyter_nb2html() -> None:
    from mkdocs_jupyter import convert
    used = set(re.findall(r"(\w+)=settings\[", inspect.getsource(_hook("notebook_cache")._execute)))
    assert used, "no keyword arguments found in hooks/notebook_cache.py _execute"
    missing = used - set(_parameters(convert.nb2html))
    assert not missing, f"mkdocs_jupyter.convert.nb2html no longer takes {sorted(missing)}"


def check_jupyter_subcell() -> None:
    from mkdocs_jupyter import nbconvert2
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor, Preprocessor
    assert "SubCell" in nbconvert2.nb2html.__code__.co_names, \
        "nb2html no longer looks SubCell up in its module when it runs: swapping it does nothing"
    assert issubclass(nbconvert2.SubCell, Preprocessor)
    assert issubclass(CoalesceStreamsPreprocessor, Preprocessor)


def _converted_notebook(tmp_path: Path) -> str:
    import nbformat
    from mkdocs_jupyter import convert
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 제목 `code`\n\n## Part two"),
        nbformat.v4.new_code_cell('plt.title("A plot")')])
    path = tmp_path / "probe.ipynb"
    nbformat.write(nb, path)
    return convert.nb2html(str(path), execute=False)


def check_jupyter_headings(tmp_path: Path) -> None:
    html = _converted_notebook(tmp_path)
    toc = _hook("notebook_toc")
    headings = [(h["level"], h["id"]) for h in toc._HEADING.finditer(html)]
    assert [level for level, _ in headings] == ["1", "2"], \
        f"mkdocs-jupyter's heading markup changed (hooks/notebook_toc.py _HEADING): {html[:2000]}"
    assert re.search(r'<div class="clipboard-copy-txt"[^>]*>plt\.title', html), \
        "mkdocs-jupyter no longer writes a cell's code in div.clipboard-copy-txt (hooks/notebook_a11y.py)"


def check_nbconvert_alt() -> None:
    from nbconvert.exporters import html
    placeholder = _hook("notebook_a11y").PLACEHOLDER
    assert placeholder in inspect.getsource(html), \
        f"nbconvert's HTML exporter no longer writes the alt text {placeholder!r}"


# --- Matplotlib ----------------------------------------------------------------------------

def check_findfont_cache() -> None:
    from matplotlib import font_manager
    cached = font_manager.FontManager._findfont_cached
    assert callable(getattr(cached, "cache_clear", None)), \
        "FontManager._findfont_cached is no longer an lru_cache with cache_clear()"


# --- LinkChecker ---------------------------------------------------------------------------

def check_linkchecker_director() -> None:
    from linkcheck import director
    from linkcheck.cache import urlqueue
    from linkcheck.director import aggregator, checker
    assert _parameters(director.check_url) == ["aggregate"]
    assert issubclass(urlqueue.Timeout, Exception)
    assert "timeout" in _parameters(urlqueue.UrlQueue.join)
    assert callable(aggregator.Aggregate.remove_stopped_threads)
    assert "self.threads" in inspect.getsource(aggregator.Aggregate.__init__)
    assert inspect.isclass(checker.Checker)


def check_linkchecker_anchorcheck() -> None:
    from linkcheck.checker import urlbase
    from linkcheck.htmlutil import linkparse
    from linkcheck.plugins import anchorcheck
    assert _parameters(anchorcheck.AnchorCheck.check) == ["self", "url_data"]
    assert _parameters(anchorcheck.UrlAnchorCheck.check_anchor) == ["self", "url_data"]
    assert "anchors" in vars(anchorcheck.UrlAnchorCheck()) and callable(anchorcheck.UrlAnchorCheck.add_anchor)
    assert _parameters(linkparse.find_links) == ["soup", "callback", "tags"]
    assert isinstance(linkparse.AnchorTags, dict)
    assert callable(urlbase.UrlBase.get_soup) and callable(urlbase.UrlBase.add_info)


def check_linkchecker_command() -> None:
    import linkcheck
    # linkcheck's command modules call the builtin _() (its gettext) when first imported; a
    # doctest run since linkcheck itself was imported (tests/test_gate_links.py) leaves _ =
    # the doctest's last value, so the translator is installed again first
    linkcheck.init_i18n()
    from linkcheck.command import linkchecker as command
    from linkcheck.director import aggregator
    from linkcheck.plugins import PluginManager
    assert _parameters(command.check_urls) == ["aggregate"]
    assert _parameters(command.drop_privileges) == []
    assert callable(command.linkchecker)
    assert "self.config = config" in inspect.getsource(aggregator.Aggregate.__init__)
    assert "self.content_plugins" in inspect.getsource(PluginManager)


# --- Lighthouse ----------------------------------------------------------------------------

def check_lighthouse_runner() -> None:
    from mlp_devtools import unavailable
    if shutil.which("node") is None or not (ROOT / "node_modules" / "lighthouse").is_dir():
        unavailable("node or node_modules/lighthouse missing (npm ci)")
    script = ("Promise.all([import('lighthouse/core/gather/navigation-runner.js'), "
              "import('lighthouse/core/runner.js')]).then(([n, r]) => console.log(JSON.stringify("
              "[typeof n.navigationGather, typeof r.Runner.audit])))")
    out = subprocess.run(["node", "--input-type=module", "-e", script], cwd=ROOT, capture_output=True,
                         text=True, timeout=60, env=dict(os.environ))
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout) == ["function", "function"], out.stdout


def check_offline_polyfill() -> None:
    from material.plugins.offline import plugin

    source = inspect.getsource(plugin.OfflinePlugin.on_config)
    assert '"iframe-worker" in url' in source and "https://unpkg.com/iframe-worker/shim" in source, source
    assert 'config.extra["polyfills"]' in source


# --- the checks, by UPSTREAM.md id ---------------------------------------------------------

CHECKS = {
    "template-actions": lambda: check_template("template-actions"),
    "template-alternate": lambda: check_template("template-alternate"),
    "template-search": lambda: check_template("template-search"),
    "template-palette": lambda: check_template("template-palette"),
    "template-palette-script": lambda: check_template("template-palette-script"),
    "template-site-meta": lambda: check_template("template-site-meta"),
    "content-lazy": check_content_lazy,
    "code-tabindex": check_code_tabindex,
    "md-get-set": check_md_get_set,
    "table-boxing": check_table_boxing,
    "offline-polyfill": check_offline_polyfill,
    "table-css": check_table_css,
    "svg-max-width": check_svg_max_width,
    "hooks-sys-path": check_hooks_sys_path,
    "jupyter-cache-key": check_jupyter_cache_key,
    "jupyter-toc-tokens": check_jupyter_toc_tokens,
    "jupyter-nb2html": check_jupyter_nb2html,
    "jupyter-subcell": check_jupyter_subcell,
    "jupyter-headings": check_jupyter_headings,
    "nbconvert-alt": check_nbconvert_alt,
    "findfont-cache": check_findfont_cache,
    "linkchecker-director": check_linkchecker_director,
    "linkchecker-anchorcheck": check_linkchecker_anchorcheck,
    "linkchecker-command": check_linkchecker_command,
    "lighthouse-runner": check_lighthouse_runner,
}


def test_every_row_has_a_check_and_every_check_a_row():
    listed, checked = set(rows()), set(CHECKS)
    assert listed == checked, (f"UPSTREAM.md rows without a check: {sorted(listed - checked)}; "
                               f"checks without a row: {sorted(checked - listed)}")


@pytest.mark.parametrize("row_id", sorted(CHECKS))
def test_upstream_still_offers_what_we_use(row_id, tmp_path):
    check = CHECKS[row_id]
    check(tmp_path) if "tmp_path" in inspect.signature(check).parameters else check()


def test_a_changed_original_fails_its_check(monkeypatch):
    """The template check compares hashes: a copy whose original differs is reported."""
    real = _original_text
    monkeypatch.setitem(globals(), "_original_text", lambda row: real(row) + " ")
    with pytest.raises(AssertionError, match="changed since"):
        check_template("template-search")


def test_every_override_is_listed():
    listed = {_code(row["our file"]) for row in rows().values() if "our file" in row}
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "overrides").rglob("*") if p.is_file()}
    assert files <= listed, f"overrides/ files not in UPSTREAM.md: {sorted(files - listed)}"


def private_names(source: str, own_modules: frozenset[str] = frozenset()) -> set[str]:
    """Private names (one leading underscore) a Python source reads as an attribute or imports,
    but not those imported from ``own_modules`` (top-level names) or relatively.

    >>> sorted(private_names("import a._b as c\\nfrom x import _y, z\\nv = m._w(1)\\ns = '_q._r'\\n"
    ...                      "from ours.sub import _mine\\nfrom . import _near", frozenset({"ours"})))
    ['_b', '_w', '_y']
    """
    found, previous, importing, skipping = set(), None, False, False
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NEWLINE:
            importing = skipping = False
        elif token.type == tokenize.NAME and token.string in ("import", "from") and previous in (None, "\n"):
            importing = True
        elif importing and previous == "from":
            skipping = token.string == "." or token.string in own_modules
        elif token.type == tokenize.NAME and re.fullmatch(r"_[A-Za-z]\w*", token.string) and not skipping:
            if previous == "." or (importing and previous != "as"):
                found.add(token.string)
        if token.type not in (tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT):
            previous = "\n" if token.type == tokenize.NEWLINE else token.string
    return found


def _our_sources() -> list[Path]:
    paths = []
    for name in OUR_CODE:
        path = ROOT / name
        paths += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [p for p in paths if "__pycache__" not in p.parts]


def test_every_private_name_of_another_package_is_listed():
    """A private name the code uses is ours (defined, assigned or a module of ours) or in
    UPSTREAM.md."""
    sources = {p: p.read_text(encoding="utf-8") for p in _our_sources()}
    ours = {p.stem for p in sources}
    for text in sources.values():
        ours |= set(re.findall(r"^\s*(?:async\s+)?(?:def|class)\s+(_\w+)", text, re.M))
        ours |= set(re.findall(r"^\s*(_\w+)\s*(?::[^=\n]*)?=", text, re.M))
        ours |= set(re.findall(r"\b(?:self|cls)\.(_\w+)\s*=", text))
        ours |= set(re.findall(r"\bas\s+(_\w+)", text))
    listed = LIST.read_text(encoding="utf-8")
    unlisted = sorted(f"{path.relative_to(ROOT)}: {name}" for path, text in sources.items()
                      for name in private_names(text, frozenset(ours) | {"mlp_lessons"}) - ours
                      if name not in listed)
    assert not unlisted, "private names of other packages not in UPSTREAM.md:\n" + "\n".join(unlisted)

"""MkDocs hook: the passes that rewrite a page's HTML, run in the one order they need.

Each pass is a module of this folder with MkDocs event functions of its own; it is not listed
in mkdocs.yml's ``hooks:``, this hook runs it.  :data:`PASSES` is the order: for every event,
each pass that handles it runs in that order, and each gets what the one before returned.
What the order decides, on ``on_page_content`` (the article's HTML, before the theme):

- ``tables`` before ``scroll_boxes``: the box tables.py puts around a table is the element
  scroll_boxes.py marks (a table not yet boxed would get no keyboard stop);
- ``scroll_boxes`` before ``page_end``: scroll_boxes.py finds a code block by its start tag
  ``<div class="highlight"``, which page_end.py's ``data-page-end`` would change;
- ``tables`` before ``page_end``: page_end.py marks the top-level elements, and a boxed
  table's top-level element is its box;
- the notebook passes (``notebook_toc``, ``notebook_a11y``) and ``images`` touch nothing the
  others read.

``mathjax`` runs on ``on_post_page`` (the whole page, after every ``on_page_content``): it
typesets the formulas the other passes only moved or marked.  tests/test_page_html_hook.py
checks these orders on a page and that neither config lists a pass as a hook of its own.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

HERE = Path(__file__).resolve().parent

#: The HTML passes, in the order they run (names of modules in hooks/).
ORDER = ("notebook_toc", "notebook_a11y", "tables", "scroll_boxes", "images", "page_end", "mathjax")


def _load(name: str):
    """hooks/<name>.py, executed afresh (under ``mkdocs serve`` an edited pass is reloaded
    with this hook, as MkDocs reloads its hooks)."""
    path = HERE / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"hooks/{name}.py", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # as MkDocs registers a hook
    spec.loader.exec_module(module)
    return module


PASSES = tuple(_load(name) for name in ORDER)


def _chain(event: str, value, *args):
    """Run ``event`` of every pass in order, each on what the previous one returned (a pass
    returning None keeps the value, as MkDocs does)."""
    for module in PASSES:
        handler = getattr(module, event, None)
        if handler is not None:
            result = handler(value, *args)
            if result is not None:
                value = result
    return value


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    listed = {(root / hook).resolve(): hook for hook in config.hooks}
    twice = [listed[p] for p in (HERE / f"{name}.py" for name in ORDER) if p in listed]
    if twice:
        raise PluginError(f"hooks: {twice} run as passes of hooks/page_html.py (its ORDER); "
                          "remove them from the config's hooks list")
    return _chain("on_config", config)


def on_files(files, config):
    return _chain("on_files", files, config)


def on_page_content(html, page, config, files):
    return _chain("on_page_content", html, page, config, files)


def on_post_page(output, page, config):
    return _chain("on_post_page", output, page, config)


def on_post_build(config):
    _chain("on_post_build", config)


def on_build_error(error):
    _chain("on_build_error", error)

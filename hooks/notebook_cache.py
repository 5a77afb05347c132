"""MkDocs hook: executed notebooks — cached by package version, printed text kept whole.

mkdocs-jupyter's own cache keys a notebook by its file and settings only, so a
change in ``mlp_lessons`` would leave stale outputs; with the cache off, every
rebuild under ``mkdocs serve`` re-runs all notebooks (tens of seconds for a
one-word page edit).  This hook turns the cache on in a folder per edition
(``cache_dir``) named after a hash of what else decides a notebook's outputs:
the package sources (the hash the figures use, with Matplotlib's version), this
hook's own code, and the environment (the Python, the distributions installed
in it, the kernel's spec).  An edit of a page reuses the executed notebooks; an
edit of the package or of this hook, or a ``pip install``, runs them again.

Each cache entry also records the ``sys.prefix`` of the kernel that ran the
notebook (``kernel_prefix``; mkdocs-jupyter reads only its own keys): the tests
read the built pages instead of running the notebooks again
(tests/test_notebooks.py), and check from it that the kernel was their venv's.

Reproducible pages: the kernel sends what a cell prints in pieces, whenever its
output buffer is flushed (on a timer, every 0.2 s), so the same cell can give one
text output in one build and two in the next — and the HTML differs.  Jupyter's
own front ends join consecutive pieces of the same stream; this hook makes the
build do the same (nbconvert's ``CoalesceStreamsPreprocessor``, run after the
execution), so a page depends on what a cell printed, not on when.

Speed: mkdocs-jupyter runs the notebooks one after another, each when MkDocs
reaches its page (a kernel start and shutdown each: seconds of waiting).  At
``on_config`` this hook starts every notebook that is not cached yet, all at
once in threads (the kernels are processes: they run side by side, and beside
the figures being drawn), and writes what mkdocs-jupyter would cache for it;
``on_pre_page`` waits for a notebook's run before mkdocs-jupyter renders the
page, which then finds it in the cache.  The HTML conversion is mkdocs-jupyter's
own (``nb2html``, of the executed notebook), one at a time: it keeps counters in
module globals.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

from mkdocs.exceptions import PluginError

from figures import sources_hash  # hooks/ is on sys.path while hooks load

CACHE = Path(".cache") / "mkdocs-jupyter"

#: Appended to each notebook for its run, then removed: what ``kernel_prefix`` records.
PROBE = "import sys as _sys\nprint(_sys.prefix, end='')"

_running: dict[Path, Future] = {}   # cache file → the run that writes it
_one_conversion = threading.Lock()  # mkdocs-jupyter's nb2html is not thread-safe


def _join_printed_text() -> None:
    """Make mkdocs-jupyter join consecutive stream outputs after executing a notebook.

    mkdocs-jupyter 0.26.3 runs its own ``SubCell`` preprocessor after nbconvert's
    ``ExecutePreprocessor`` (nbconvert's ``CoalesceStreamsPreprocessor`` runs before
    it, on the not yet executed notebook); ``SubCell`` is swapped for a subclass that
    also coalesces the streams.  Its settings still apply (traitlets matches the
    parent class name ``SubCell``).
    """
    from mkdocs_jupyter import nbconvert2
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    if getattr(nbconvert2.SubCell, "joins_streams", False):
        return
    original = nbconvert2.SubCell

    class SubCell(original):
        joins_streams = True

        def preprocess(self, nb, resources):
            nb, resources = super().preprocess(nb, resources)
            return CoalesceStreamsPreprocessor().preprocess(nb, resources)

    nbconvert2.SubCell = SubCell


def on_config(config):
    _join_printed_text()
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None or not plugin.config.get("execute"):
        return config
    root = Path(config.config_file_path).resolve().parent
    edition = config.extra.get("edition", "ko")
    plugin.config["cache"] = True
    plugin.config["cache_dir"] = str(cache_dir(root, edition, plugin.config["kernel_name"]))
    _start(plugin, Path(config.docs_dir))
    return config


def on_pre_page(page, config, files):
    if _running and page.file.src_uri.endswith(".ipynb"):
        plugin = config.plugins.get("mkdocs-jupyter")
        future = _running.pop(cache_file(plugin.config, page.file.abs_src_path), None)
        if future is not None:
            try:
                future.result()
            except Exception as exc:
                raise PluginError(f"executing {page.file.src_uri} failed:\n{exc}") from exc
    return page


def cache_dir(root: Path, edition: str, kernel_name: str) -> Path:
    """The folder of ``edition``'s executed notebooks, for the current sources and environment.

    One folder per edition: after a build, mkdocs-jupyter deletes every entry of its
    folder that this build did not use (a shared folder lost the other edition's).
    mkdocs-jupyter's key (``cache_file``) covers the notebook and its own settings.
    """
    digest = hashlib.sha256()
    digest.update(f"mlp_lessons {sources_hash(root)}\n".encode())
    digest.update(Path(__file__).read_bytes() + b"\0")
    digest.update(_environment(kernel_name).encode())
    return root / CACHE / f"{digest.hexdigest()[:16]}-{edition}"


def _environment(kernel_name: str) -> str:
    """The Python running MkDocs, the distributions installed in it (their folders
    ``<name>-<version>.dist-info`` name the versions), and the kernel's spec.

    The ``python3`` kernel of a venv is this Python (its spec says ``python``, which
    jupyter_client runs as ``sys.executable``); a kernel of another Python is noticed
    when its spec changes, not when packages change inside it.
    """
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(kernel_name)
    lines = [sys.prefix, sys.version, spec.resource_dir, json.dumps(spec.to_dict(), sort_keys=True)]
    paths = sysconfig.get_paths()
    for folder in sorted({paths["purelib"], paths["platlib"]}):
        if os.path.isdir(folder):
            lines += sorted(name for name in os.listdir(folder)
                            if name.endswith((".dist-info", ".egg-info")))
    return "\n".join(lines)


def cache_file(settings, path) -> Path:
    """The file mkdocs-jupyter 0.26.3 caches the notebook at ``path`` in (its own functions),
    under its settings ``settings`` (the plugin's config, with ``cache_dir``)."""
    from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

    return _get_cache_path(settings["cache_dir"], _compute_cache_key(str(path), settings, True))


def _start(plugin, docs_dir: Path) -> None:
    """Start running, side by side, every notebook of the site that is not cached yet."""
    settings = dict(plugin.config)
    if settings["execute_ignore"] or settings["remove_tag_config"]:
        return  # options that act before execution: leave the notebooks to mkdocs-jupyter
    todo = []
    for path in sorted(docs_dir.rglob("*.ipynb")):
        if plugin.should_include(SimpleNamespace(abs_src_path=str(path))):
            target = cache_file(plugin.config, path)
            running = _running.get(target)
            if not target.exists() and (running is None or running.done()):
                todo.append((path, target))
    if todo:
        pool = ThreadPoolExecutor(max_workers=len(todo), thread_name_prefix="notebook")
        for path, target in todo:
            _running[target] = pool.submit(_execute, path, target, settings)
        pool.shutdown(wait=False)


def _execute(path: Path, target: Path, settings: dict) -> None:
    """Run the notebook at ``path``; write to ``target`` what mkdocs-jupyter would cache.

    The same steps as mkdocs-jupyter's own page rendering with ``execute: true``:
    nbconvert's ``ExecutePreprocessor`` is an nbclient ``NotebookClient``, run here
    with the same settings (in the notebook's folder); then ``nb2html`` converts the
    executed notebook without running it again.  A last cell, removed before the
    conversion, prints the kernel's ``sys.prefix`` for the entry's ``kernel_prefix``.
    The kernel talks over Unix sockets in a temporary folder, not TCP: with many
    kernels starting at once (two builds side by side) a TCP port picked for one
    kernel was sometimes taken by another.
    """
    import nbformat
    from mkdocs_jupyter import convert
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens
    from nbclient import NotebookClient
    from traitlets.config import Config

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    with tempfile.TemporaryDirectory() as sockets:
        ipc = Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(sockets, "kernel")}})
        NotebookClient(nb, config=ipc, kernel_name=settings["kernel_name"],
                       allow_errors=settings["allow_errors"], store_widget_state=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    probe = nb.cells.pop()
    kernel_prefix = "".join(o.get("text", "") for o in probe.outputs if o.get("name") == "stdout")
    with tempfile.TemporaryDirectory() as tmp, _one_conversion:
        executed = Path(tmp) / path.name
        nbformat.write(nb, executed)
        body = convert.nb2html(
            str(executed), execute=False, kernel_name=settings["kernel_name"],
            theme=settings["theme"], allow_errors=settings["allow_errors"],
            show_input=settings["show_input"], no_input=settings["no_input"],
            no_prompt=settings["no_prompt"], remove_tag_config=settings["remove_tag_config"],
            highlight_extra_classes=settings["highlight_extra_classes"],
            include_requirejs=settings["include_requirejs"],
            custom_mathjax_url=settings["custom_mathjax_url"])
        toc_tokens, title = _get_nb_toc_tokens(str(path), settings["toc_depth"])
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}-{threading.get_ident()}")
    partial.write_text(json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title,
                                   "kernel_prefix": kernel_prefix}), encoding="utf-8")
    partial.replace(target)

"""MkDocs hook: draw every registered figure at build time.

The figures live in the package (``mlp_lessons/figures/<lesson>.py``), not in
``docs/``.  On each build this hook:

1. hashes every ``mlp_lessons/**/*.py`` source (and the Matplotlib version);
2. ``on_config``: unless ``.cache/figures/<hash>-<lang>/`` exists, starts
   ``python -m mlp_lessons figures --lang <lang> --jobs 2`` into a temporary folder of
   the cache, in a fresh subprocess (so an edited figure function is never served
   from an already imported module under ``mkdocs serve``).  It draws in the
   background while MkDocs reads the pages, the notebooks run and the pages are
   written;
3. ``on_files``: adds each figure as ``figures/<lesson>/<name>.svg``, its name taken
   from the list of figures the render writes before it draws anything;
4. ``on_post_build``: waits for the render, renames its folder to ``<hash>-<lang>``
   and copies the SVGs into the site.

``<lang>`` is the edition being built (``extra.edition``: ``ko`` in mkdocs.yml,
``en`` in mkdocs.en.yml): the English site gets the same figure URIs with
English text.  Two builds that need the same render at the same time both draw
it; the first to finish keeps its folder.

Nothing is written into ``docs/``: that would make ``mkdocs serve`` rebuild in
a loop.  ``watch: [mlp_lessons, hooks]`` in mkdocs.yml triggers the rebuild
after a figure function changes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.hooks.figures")

PACKAGE = "mlp_lessons"
CACHE = Path(".cache") / "figures"
KEEP = 4  # cached renders (<hash>-<lang>) kept besides the current one
STALE = 3600  # seconds after which an unfinished render's folder is deleted
JOBS = 2  # worker processes of a render (the machines have two cores)


def sources_hash(root: Path) -> str:
    """Hash of the package's Python sources (paths and bytes) and Matplotlib's version."""
    digest = hashlib.sha256()
    digest.update(f"matplotlib {metadata.version('matplotlib')}\n".encode())
    for path in sorted((root / PACKAGE).rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@dataclass
class Render:
    """A render this process started: its subprocess and temporary folder."""

    digest: str
    lang: str
    process: subprocess.Popen
    work: Path   # figures.txt, stderr.txt, svg/<lesson>/<name>.svg

    def abort(self) -> None:
        """Stop the subprocess and delete its folder."""
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.work, ignore_errors=True)


class Figure(File):
    """A figure's SVG: registered at ``on_files``, copied at ``on_post_build`` once drawn."""

    def copy_file(self, dirty: bool = False) -> None:
        pass  # on_post_build copies it


_render: Render | None = None   # started by this process, not collected yet
_figures: list[Figure] = []     # this build's figures, to copy when drawn


def start(root: Path, digest: str, lang: str) -> Render:
    """Start drawing every figure in ``lang`` into a new temporary folder of the cache."""
    cache = root / CACHE
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{digest}-{lang}-", dir=cache))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(root), *filter(None, [os.environ.get("PYTHONPATH")])]))
    with open(work / "stderr.txt", "w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", PACKAGE, "figures", "--lang", lang, "--jobs", str(JOBS),
             "--out", str(work / "svg"), "--list", str(work / "figures.txt")],
            cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
        )
    return Render(digest, lang, process, work)


def finish(render: Render) -> None:
    """Wait for ``render`` and move its figures to ``<digest>-<lang>`` in the cache."""
    cache = render.work.parent
    try:
        returncode = render.process.wait()
        stderr = (render.work / "stderr.txt").read_text(encoding="utf-8", errors="replace")
        if returncode != 0:
            raise PluginError(f"drawing the figures failed:\n{stderr}")
        for line in stderr.splitlines():
            log.warning("figures: %s", line)  # e.g. a missing glyph: --strict fails
        out = cache / f"{render.digest}-{render.lang}"
        try:
            (render.work / "svg").rename(out)
        except OSError:
            if not out.is_dir():
                raise
            # else another build finished the same render first: keep that one
    finally:
        shutil.rmtree(render.work, ignore_errors=True)
    prune(cache, f"{render.digest}-{render.lang}")


def prune(cache: Path, current: str) -> None:
    """Delete all but the newest cached renders, and what renders that did not finish
    left behind (temporary folders older than :data:`STALE`)."""
    def age(path: Path) -> float:
        try:
            return time.time() - path.stat().st_mtime
        except FileNotFoundError:   # deleted meanwhile by another build
            return 0.0

    folders = [p for p in cache.iterdir() if p.is_dir() and p.name != current]
    renders = sorted((p for p in folders if not p.name.startswith(".")), key=age)
    stale = [p for p in folders if p.name.startswith(".") and age(p) > STALE]
    for path in renders[KEEP:] + stale:
        shutil.rmtree(path, ignore_errors=True)


def figure_names(render: Render | None, out: Path) -> list[str]:
    """``<lesson>/<name>`` of every figure: from the cached render ``out``, or from the
    list ``render`` writes before it draws."""
    if render is None:
        return sorted(p.relative_to(out).with_suffix("").as_posix() for p in out.rglob("*.svg"))
    listed = render.work / "figures.txt"
    while not listed.is_file():
        if render.process.poll() is not None:   # ended before writing the list: it failed
            finish(render)                      # raises PluginError with its error output
            raise PluginError("drawing the figures: the render wrote no list of figures")
        time.sleep(0.05)
    return listed.read_text(encoding="utf-8").split()


def _edition(config) -> tuple[Path, str, str, Path]:
    """The project root, the sources' hash, the edition's language, the cached render."""
    root = Path(config.config_file_path).resolve().parent
    digest, lang = sources_hash(root), config.extra.get("edition", "ko")
    return root, digest, lang, root / CACHE / f"{digest}-{lang}"


def on_config(config):
    global _render
    root, digest, lang, out = _edition(config)
    if _render is not None and (_render.digest, _render.lang) != (digest, lang):
        _render.abort()   # mkdocs serve: left by an interrupted build, for other sources
        _render = None
    if _render is None and not out.is_dir():
        _render = start(root, digest, lang)
    return config


def on_files(files, config):
    out = _edition(config)[3]
    _figures.clear()
    for name in figure_names(_render, out):
        figure = Figure.generated(config, f"figures/{name}.svg", abs_src_path=str(out / f"{name}.svg"))
        files.append(figure)
        _figures.append(figure)
    return files


def on_post_build(config):
    global _render
    if _render is not None:
        render, _render = _render, None
        log.info("figures: waiting for the render in %s", render.work.name)
        finish(render)
    for figure in _figures:
        File.copy_file(figure)


def on_build_error(error):
    global _render
    if _render is not None:
        _render.abort()
        _render = None

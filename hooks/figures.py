"""MkDocs hook: draw every registered figure at build time.

The figures live in the package (``mlp_lessons/figures/<lesson>.py``), not in
``docs/``.  On each build this hook:

1. hashes every ``mlp_lessons/**/*.py`` source (and the Matplotlib version);
2. if ``.cache/figures/<hash>-<lang>/`` does not exist yet, runs
   ``python -m mlp_lessons figures --out <tmp> --lang <lang>`` in a fresh subprocess (so an
   edited figure function is never served from an already imported module
   under ``mkdocs serve``) and renames ``<tmp>`` to ``<hash>``;
3. adds each SVG to the site as ``figures/<lesson>/<name>.svg``.

``<lang>`` is the edition being built (``extra.edition``: ``ko`` in mkdocs.yml,
``en`` in mkdocs.en.yml): the English site gets the same figure URIs with English text.

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
from importlib import metadata
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.hooks.figures")

PACKAGE = "mlp_lessons"
CACHE = Path(".cache") / "figures"
KEEP = 5  # cached renders kept besides the current one (both languages)


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


def render(root: Path, out: Path, lang: str = "ko") -> None:
    """Render all figures into ``out`` in a fresh Python process, their text in ``lang``."""
    cache = out.parent
    cache.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=cache))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(root), *filter(None, [os.environ.get("PYTHONPATH")])]))
    result = subprocess.run(
        [sys.executable, "-m", PACKAGE, "figures", "--out", str(tmp), "--lang", lang],
        cwd=root, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        raise PluginError(f"drawing the figures failed:\n{result.stderr}")
    for line in result.stderr.splitlines():
        log.warning("figures: %s", line)  # e.g. a missing glyph: --strict fails
    try:
        tmp.rename(out)
    except OSError:  # another build finished the same render first
        shutil.rmtree(tmp, ignore_errors=True)
    prune(cache, out)


def prune(cache: Path, current: Path) -> None:
    """Delete all but the newest cached renders."""
    old = sorted((p for p in cache.iterdir() if p.is_dir() and p != current
                  and not p.name.startswith(".")),
                 key=lambda p: p.stat().st_mtime, reverse=True)
    for path in old[KEEP:]:
        shutil.rmtree(path, ignore_errors=True)


def on_files(files, config):
    root = Path(config.config_file_path).resolve().parent
    lang = config.extra.get("edition", "ko")
    out = root / CACHE / f"{sources_hash(root)}-{lang}"
    if not out.is_dir():
        log.info("figures: drawing into %s", out.relative_to(root))
        render(root, out, lang)
    for svg in sorted(out.rglob("*.svg")):
        uri = "figures/" + svg.relative_to(out).as_posix()
        files.append(File.generated(config, uri, abs_src_path=str(svg)))
    return files

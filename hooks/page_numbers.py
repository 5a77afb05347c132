"""MkDocs hook: fill each page's ``{{ lesson.key:spec }}`` placeholders with computed numbers.

A page never types a number the chapter derives.  It writes a placeholder and
this hook replaces it with the value from ``mlp_lessons/pages/<lesson>.py``
(see :mod:`mlp_lessons.pages`).  The numbers are computed in a fresh
subprocess (``python -m mlp_lessons numbers``), like the figures, so an edit of
the package under ``mkdocs serve`` is never answered from a stale import; the
JSON is cached under ``.cache/numbers/`` by the hash of the package sources.
An unknown placeholder fails the build.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from figures import PACKAGE, sources_hash  # hooks/ is on sys.path while hooks load

log = logging.getLogger("mkdocs.hooks.page_numbers")

CACHE = Path(".cache") / "numbers"
_numbers: dict[str, dict] = {}


def compute(root: Path) -> dict[str, dict]:
    """All pages' numbers, from the cache or a fresh subprocess."""
    path = root / CACHE / f"{sources_hash(root)}.json"
    if not path.is_file():
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            [str(root), *filter(None, [os.environ.get("PYTHONPATH")])]))
        result = subprocess.run([sys.executable, "-m", PACKAGE, "numbers"],
                                cwd=root, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise PluginError(f"computing the pages' numbers failed:\n{result.stderr}")
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("*.json"):
            old.unlink()
        tmp = path.with_suffix(".tmp")
        tmp.write_text(result.stdout, encoding="utf-8")
        tmp.replace(path)
    return json.loads(path.read_text(encoding="utf-8"))


def on_pre_build(config):
    _numbers.clear()
    _numbers.update(compute(Path(config.config_file_path).resolve().parent))


def on_page_markdown(markdown, page, config, files):
    from mlp_lessons.pages import fill  # pure text substitution: no stale state to fear

    try:
        return fill(markdown, _numbers, where=page.file.src_uri)
    except KeyError as exc:
        raise PluginError(str(exc.args[0])) from None

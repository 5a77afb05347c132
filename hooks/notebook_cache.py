"""MkDocs hook: cache executed notebooks, keyed by the package's sources.

mkdocs-jupyter's own cache keys a notebook by its file and settings only, so a
change in ``mlp_lessons`` would leave stale outputs; with the cache off, every
rebuild under ``mkdocs serve`` re-runs all notebooks (tens of seconds for a
one-word page edit).  This hook turns the cache on in a folder named after the
hash of the package sources (the same hash the figures use): an edit of a page
reuses the executed notebooks, an edit of the package runs them again.
"""

from __future__ import annotations

from pathlib import Path

from figures import sources_hash  # hooks/ is on sys.path while hooks load

CACHE = Path(".cache") / "mkdocs-jupyter"


def on_config(config):
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None or not plugin.config.get("execute"):
        return config
    root = Path(config.config_file_path).resolve().parent
    plugin.config["cache"] = True
    plugin.config["cache_dir"] = str(root / CACHE / sources_hash(root))
    return config

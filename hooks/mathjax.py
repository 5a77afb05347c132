"""MkDocs hook: serve MathJax 3.2.2 from the site itself (no CDN).

The files come from the ``django-static-mathjax`` wheel
(``mathjax/static/mathjax/es5`` in site-packages) and are added as generated
files under ``assets/mathjax/``:

- ``tex-chtml.js`` (TeX input, CommonHTML output),
- ``output/chtml/fonts/woff-v2/*`` (the fonts CHTML loads),
- ``input/tex/extensions/**`` (TeX packages, loaded on demand).

``docs/javascripts/mathjax.js`` configures MathJax before this script loads.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

DEST = "assets/mathjax"
PARTS = ["tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions"]


def mathjax_root() -> Path:
    spec = importlib.util.find_spec("mathjax")  # locate only; importing needs Django
    if spec is None or not spec.submodule_search_locations:
        raise PluginError("MathJax not found: pip install django-static-mathjax==3.2.2.1")
    root = Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax" / "es5"
    if not (root / "tex-chtml.js").is_file():
        raise PluginError(f"MathJax es5 files not found in {root}")
    return root


def on_files(files, config):
    root = mathjax_root()
    for part in PARTS:
        path = root / part
        for src in [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()):
            uri = f"{DEST}/{src.relative_to(root).as_posix()}"
            files.append(File.generated(config, uri, abs_src_path=str(src)))
    return files

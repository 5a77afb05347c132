"""A file of ``hooks/`` loaded as MkDocs loads it, for the tests and benchmarks that call a hook
directly.

MkDocs puts a hook's folder first on ``sys.path`` while it runs the hook's file
(``Hooks._load_hook``; UPSTREAM.md, row hooks-sys-path), so a hook imports its siblings by
their bare names (``hooks/page_numbers.py``: ``from figures import ...``).  :func:`load` does
the same, in this one place, and puts ``sys.path`` back afterwards.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from mlp_devtools import ROOT


def load(name: str, root: Path = ROOT, module_name: str | None = None) -> ModuleType:
    """``<root>/hooks/<name>.py`` as a new module named ``module_name`` (default
    ``<name>_hook``), registered in ``sys.modules`` (dataclasses look their module up while
    the hook runs), loaded with ``hooks/`` first on ``sys.path`` as MkDocs loads it.

    >>> load("page_numbers").compute.__module__      # it imports hooks/figures.py by name
    'page_numbers_hook'
    """
    path = Path(root) / "hooks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(module_name or f"{name}_hook", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{path} cannot be loaded as a module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    saved = sys.path.copy()
    sys.path.insert(0, str(path.parent))   # as MkDocs does (UPSTREAM.md: hooks-sys-path)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved
    return module


def compute_numbers(root: Path = ROOT) -> None:
    """Fill hooks/page_numbers.py's cache of the pages' numbers in ``<root>/.cache`` once,
    before two builds run side by side (else both would compute and write it).  Run it in a
    subprocess with ``root`` as its working directory, as the builds run::

        python -c "from mlp_devtools.hooks import compute_numbers; compute_numbers(Path('.'))"

    (see :data:`COMPUTE_NUMBERS`)."""
    load("page_numbers", root).compute(Path(root).resolve())


#: :func:`compute_numbers` for ``python -c``, in the current working directory.
COMPUTE_NUMBERS = ("from pathlib import Path; from mlp_devtools.hooks import compute_numbers; "
                   "compute_numbers(Path('.'))")

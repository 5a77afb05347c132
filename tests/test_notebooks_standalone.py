"""Every notebook runs where a reader downloads it: a fresh virtual environment without this project.

The lesson pages say the ``.ipynb`` files open in Jupyter or Colab; each notebook writes its lab
code out and needs only NumPy, Matplotlib and (05_digits) scikit-learn.  This module checks that
as a reader would meet it:

1. One fresh venv per test run (``python3 -m venv --without-pip``), outside the project.  Into it,
   this venv's pip installs (``--python``) NumPy, Matplotlib, scikit-learn, ipykernel and nbclient
   with all their dependencies, each at the version installed here (so NumPy, Matplotlib,
   scikit-learn and ipykernel at pyproject.toml's pins), ``--no-deps``: the dependency closure is
   read from this venv's package metadata, so pip resolves nothing and installs exactly those
   wheels (``--no-compile``), kept in ``.cache/standalone-wheels/`` after the first download
   (from PyPI, or ``PIP_FIND_LINKS``).  ``mlp_lessons`` is not among them.
2. Every notebook file of both editions is copied, alone, into its own empty folder (as a
   download is) and executed there by nbclient running inside the fresh venv, with the venv's
   ``python3`` kernel, no ``PYTHONPATH``, and a Matplotlib and IPython configuration of its own
   (none of this machine's fonts settings or startup files).  All notebooks run in one driver
   process, a few kernels side by side.
3. Each notebook's test fails naming the notebook, the cell (number and id) and the error.  A
   probe run after each notebook in the same kernel checks that the kernel was the fresh venv's
   Python and could not import ``mlp_lessons``; a planted notebook that imports it shows that
   such a notebook fails here (as all ten did before they were written out).

The output text is not compared here (tests/test_notebooks.py compares the numbers of the built
pages with the package's); a run in the fresh venv must only finish without an error.

Cost (measured on the 2-core machine, wheels kept): venv and install 5-9 s, first imports
6-9 s, the ten notebooks 13-24 s: 25-40 s in all, about twice the time the same ten notebooks
take in this project's venv in the same run.  The first run also downloads the wheels (~100 MB).
Marked ``site`` so the quick loop (``-m "not site"``) leaves it out.
Needs PyPI (or the wheels in ``PIP_FIND_LINKS``): when pip cannot install, the tests skip,
except under ``CI=true``, where they fail.

Run alone: ``.venv/bin/pytest tests/test_notebooks_standalone.py``.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted([*(ROOT / "docs" / "notebooks").glob("*.ipynb"),
                    *(ROOT / "docs_en" / "notebooks").glob("*.ipynb")])

pytestmark = pytest.mark.site

#: What a reader installs (Colab has them all); nbclient drives the notebooks inside the venv.
READER_PACKAGES = ["numpy", "matplotlib", "scikit-learn"]
DRIVER_PACKAGES = ["ipykernel", "nbclient"]
#: Wheels of the fresh venv, kept between runs (git-ignored, like the build caches).
WHEELS = ROOT / ".cache" / "standalone-wheels"
#: What the notebooks and their kernels import, imported once first (see ``fresh_venv``).
WARM_UP = ("import numpy, matplotlib.pyplot, mpl_toolkits.mplot3d, sklearn.datasets, sklearn.model_selection, "
           "ipykernel.kernelapp, nbclient")
#: Kernels running at the same time (the machine has two cores; a kernel start is mostly waiting).
PARALLEL = 4


def ids(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.stem}"


def pinned_closure(names) -> list[str]:
    """``name==version`` for the packages and all their dependencies, as installed in this venv.

    >>> any(line.startswith("numpy==") for line in pinned_closure(["numpy"]))
    True
    """
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    todo, pins = list(names), {}
    while todo:
        name = canonicalize_name(todo.pop())
        if name in pins:
            continue
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            raise AssertionError(f"{name} is needed in the fresh venv but not installed in this one "
                                 f"({sys.prefix}): pip install -e '.[test]'") from None
        pins[name] = dist.version
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    assert "mlp-lessons" not in pins, "the project itself would be installed"
    return [f"{name}=={version}" for name, version in sorted(pins.items())]


#: Runs inside the fresh venv: executes each notebook in its own folder, prints a JSON report.
DRIVER = textwrap.dedent('''
    import asyncio, json, shutil, sys, tempfile
    from pathlib import Path
    import nbformat
    from nbclient import NotebookClient

    PROBE = ("import sys as _sys, importlib.util as _util\\n"
             "print(_sys.prefix, _util.find_spec('mlp_lessons') is not None)")

    async def run(path, limit):
        async with limit:
            folder = Path(tempfile.mkdtemp(prefix="download-"))
            copy = folder / Path(path).name
            shutil.copy(path, copy)                      # alone in an empty folder, as downloaded
            nb = nbformat.read(copy, as_version=4)
            nb.cells.append(nbformat.v4.new_code_cell(PROBE))
            client = NotebookClient(nb, kernel_name="python3", timeout=600, allow_errors=True,
                                    resources={"metadata": {"path": str(folder)}})
            report = {"path": path, "errors": [], "probe": None}
            try:
                await client.async_execute()
            except Exception as error:                   # the kernel died, a timeout
                report["errors"].append({"cell": None, "id": None, "error": f"{type(error).__name__}: {error}"})
            for number, cell in enumerate(nb.cells[:-1], 1):
                for output in cell.get("outputs", []):
                    if output.output_type == "error":
                        report["errors"].append({"cell": number, "id": cell.get("id"),
                                                 "error": f"{output.ename}: {output.evalue}"})
            probe = [o for o in nb.cells[-1].get("outputs", []) if o.output_type == "stream"]
            report["probe"] = "".join(o.text for o in probe).strip() or None
            shutil.rmtree(folder, ignore_errors=True)
            return report

    async def main(paths, parallel):
        limit = asyncio.Semaphore(parallel)
        return await asyncio.gather(*(run(p, limit) for p in paths))

    print(json.dumps(asyncio.run(main(sys.argv[2:], int(sys.argv[1])))))
''')


def fresh_env(home: Path) -> dict:
    """The environment of the fresh venv's processes: nothing from this project or this user."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "JUPYTER", "IPYTHON", "MPL", "VIRTUAL_ENV"))}
    home.mkdir(parents=True, exist_ok=True)
    env.update(MPLCONFIGDIR=str(home / "matplotlib"), IPYTHONDIR=str(home / "ipython"),
               JUPYTER_CONFIG_DIR=str(home / "jupyter"), JUPYTER_DATA_DIR=str(home / "jupyter-data"),
               PYTHONNOUSERSITE="1")
    return env


def pip(*args) -> subprocess.CompletedProcess:
    """This venv's pip, quiet, without ``PYTHONPATH``."""
    return subprocess.run([sys.executable, "-m", "pip", *args, "--quiet"], capture_output=True, text=True,
                          env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})


def install_wheels(python: Path, pins: list[str]) -> str:
    """Install exactly ``pins`` (``--no-deps``) into the venv of ``python``; return pip's error, or "".

    The wheels are kept in :data:`WHEELS` (.cache/, not in git): a run whose wheels are all
    there installs offline (``--no-index``); otherwise the missing ones are downloaded first.
    """
    install = ["--python", str(python), "install", "--no-deps", "--only-binary", ":all:", "--no-compile"]
    if pip(*install, "--no-index", "--find-links", str(WHEELS), *pins).returncode == 0:
        return ""
    download = pip("download", "--no-deps", "--only-binary", ":all:", "--dest", str(WHEELS), *pins)
    if download.returncode != 0:
        return download.stderr
    offline = pip(*install, "--no-index", "--find-links", str(WHEELS), *pins)
    return (offline.stderr or f"pip exited with {offline.returncode}") if offline.returncode else ""


def fail_or_skip(message: str):
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory) -> tuple[Path, dict]:
    """A new venv with the reader's packages (and nbclient, ipykernel) and nothing of this project."""
    folder = tmp_path_factory.mktemp("fresh")
    venv = folder / "venv"
    # from this venv's Python, venv builds on the base interpreter: the new venv sees none of this one
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    pins = pinned_closure(READER_PACKAGES + DRIVER_PACKAGES)
    problem = install_wheels(python, pins)
    if problem:
        fail_or_skip(f"pip could not install the reader's packages into a fresh venv "
                     f"(PyPI or PIP_FIND_LINKS needed):\n{problem[-2000:]}")
    env = fresh_env(folder / "home")
    # Import once what the notebooks import, before the kernels start side by side: Python compiles
    # those modules (pip installed them --no-compile) and Matplotlib builds its font cache once.
    warm = subprocess.run([str(python), "-c", WARM_UP], capture_output=True, text=True, env=env, cwd=folder)
    assert warm.returncode == 0, f"the fresh venv cannot import the reader's packages:\n{warm.stderr[-2000:]}"
    return python, env


@pytest.fixture(scope="module")
def reports(fresh_venv, tmp_path_factory) -> dict:
    """Every notebook (and the planted one) executed in the fresh venv: path → report."""
    python, env = fresh_venv
    folder = tmp_path_factory.mktemp("driver")
    driver = folder / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    planted = folder / "planted.ipynb"
    planted.write_text(json.dumps(planted_notebook()), encoding="utf-8")
    paths = [str(p) for p in NOTEBOOKS] + [str(planted)]
    run = subprocess.run([str(python), str(driver), str(PARALLEL), *paths], cwd=folder,
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, f"the notebook driver failed in the fresh venv:\n{run.stderr[-3000:]}"
    return {Path(r["path"]): r for r in json.loads(run.stdout)}


def planted_notebook() -> dict:
    """A notebook as the ten were before they wrote their code out: its second cell imports the package."""
    import nbformat
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# planted"),
        nbformat.v4.new_code_cell("import numpy as np"),
        nbformat.v4.new_code_cell("from mlp_lessons.activations import step"),
        nbformat.v4.new_code_cell("print('not reached')"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def describe(report: dict) -> str:
    return "\n".join(f"  cell {e['cell']} (id {e['id']}): {e['error']}" if e["cell"] else f"  {e['error']}"
                     for e in report["errors"])


def test_there_are_ten_notebooks():
    assert len(NOTEBOOKS) == 10, [p.relative_to(ROOT).as_posix() for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_runs_in_a_fresh_venv_without_this_project(reports, fresh_venv, path):
    report = reports[path]
    name = path.relative_to(ROOT).as_posix()
    assert not report["errors"], f"{name} failed in a fresh venv without mlp_lessons:\n{describe(report)}"
    python, _ = fresh_venv
    prefix, importable = (report["probe"] or " ").rsplit(" ", 1)
    assert Path(prefix) == python.parent.parent, \
        f"{name} ran in {prefix!r}, not in the fresh venv {python.parent.parent}"
    assert importable == "False", f"{name}: mlp_lessons was importable in the fresh venv's kernel"


def test_a_notebook_that_imports_the_package_fails_there(reports):
    """The check can fail: the planted notebook stops at its third cell, as the ten did before."""
    planted = next(r for p, r in reports.items() if p.name == "planted.ipynb")
    assert [(e["cell"], e["error"]) for e in planted["errors"]] == [
        (3, "ModuleNotFoundError: No module named 'mlp_lessons'")], planted

"""The shared helpers are a package, not files found through ``sys.path`` (issue 16).

``mlp_devtools`` (the repository's second top-level package, installed with the project) holds
what tests/, benchmarks/ and scripts/ share.  Here:

- no Python file of the project edits ``sys.path`` outside :data:`ALLOWED` (each entry says
  why it must stay); a new edit fails with its file and line, an entry that no longer matches
  fails too, so the list only shrinks;
- ``mlp_lessons`` never imports ``mlp_devtools``, and importing ``mlp_devtools`` brings in
  neither pytest nor Playwright (``scripts/pdf.py`` uses it while building the site, with
  only the ``[docs]`` extra installed);
- every benchmark script still starts the way benchmarks/README.md runs it
  (``.venv/bin/python benchmarks/bench_x.py``);
- the doctests of ``mlp_devtools`` (not in pytest's ``testpaths``) pass.
"""

from __future__ import annotations

import ast
import doctest
import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from mlp_devtools import ROOT

#: Where the project's Python lives (tests, benchmarks, scripts, hooks, both packages).
SCANNED = ["tests", "benchmarks", "scripts", "hooks", "mlp_devtools", "mlp_lessons", "conftest.py"]

_HOOKS = ("a hook of hooks/ loaded as MkDocs loads it, with hooks/ on sys.path (it imports a "
          "sibling by bare name; UPSTREAM.md: hooks-sys-path)")

#: File → {a piece of the line that edits sys.path: why it stays}.
ALLOWED: dict[str, dict[str, str]] = {
    "mlp_devtools/hooks.py": {
        "sys.path.insert(0, str(path.parent))": _HOOKS + ": the one loader the others can use",
        "sys.path[:] = saved": "puts sys.path back after loading the hook",
    },
    "tests/test_upstream.py": {
        '"sys.path.insert(0, os.path.dirname(path))" in source':
            "not an edit: the line of MkDocs' source that check_hooks_sys_path looks for",
    },
}

#: An edit written inside a string: code run with ``python -c``.
_IN_STRING = re.compile(r"sys\.path\s*\.\s*(?:insert|append|extend)\s*\(|sys\.path\s*(?:\[[^\]]*\])?\s*\+?=[^=]")


def path_edits(source: str) -> list[int]:
    """The line numbers of ``source`` (Python) that change ``sys.path``: ``sys.path.insert``,
    ``.append``, ``.extend``, an assignment to ``sys.path`` or a slice of it, ``+=`` — in code
    or in a string of code.  Comments and ``sys.path.remove`` do not count.

    >>> path_edits("import sys\\nsys.path.remove('x')  # sys.path.insert(0, 'x')\\n")
    []
    """
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
              if t.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE,
                                tokenize.INDENT, tokenize.DEDENT)]
    lines = set()
    for i, token in enumerate(tokens):
        if token.type == tokenize.STRING and _IN_STRING.search(token.string):
            lines.add(token.start[0])
        if [t.string for t in tokens[i:i + 3]] != ["sys", ".", "path"]:
            continue
        rest = tokens[i + 3:]
        if not rest:
            continue
        if rest[0].string == "." and len(rest) > 1 and rest[1].string in ("insert", "append", "extend"):
            lines.add(token.start[0])
        elif rest[0].string in ("=", "+="):
            lines.add(token.start[0])
        elif rest[0].string == "[":
            depth = 0
            for j, t in enumerate(rest):
                depth += {"[": 1, "]": -1}.get(t.string, 0)
                if depth == 0:
                    if j + 1 < len(rest) and rest[j + 1].string in ("=", "+="):
                        lines.add(token.start[0])
                    break
    return sorted(lines)


def python_files() -> list[Path]:
    found = []
    for name in SCANNED:
        path = ROOT / name
        found += [path] if path.is_file() else sorted(path.rglob("*.py"))
    # this file names the edits it looks for (ALLOWED, the planted ones): it is not scanned
    return [p for p in found if "__pycache__" not in p.parts and p != Path(__file__).resolve()]


def unexplained_edits(files: list[Path], allowed: dict[str, dict[str, str]]) -> list[str]:
    """Each edit of ``sys.path`` in ``files`` that ``allowed`` does not list, and each entry of
    ``allowed`` that matches no edit any more, as messages."""
    problems, used = [], set()
    for path in files:
        name = path.relative_to(ROOT).as_posix()
        lines = path.read_text(encoding="utf-8").splitlines()
        for number in path_edits("\n".join(lines) + "\n"):
            line = lines[number - 1].strip()
            piece = next((p for p in allowed.get(name, {}) if p in line), None)
            if piece is None:
                problems.append(f"{name}:{number}: edits sys.path: {line}\n"
                                "  import the helper from a package instead (mlp_devtools: "
                                "pyproject.toml installs it), or add it to ALLOWED with why")
            used.add((name, piece))
    problems += [f"{name}: ALLOWED lists {piece!r}, which no longer edits sys.path there: "
                 "remove it from ALLOWED"
                 for name, pieces in allowed.items() for piece in pieces if (name, piece) not in used]
    return problems


def test_no_sys_path_edits_outside_the_allowed_list():
    files = python_files()
    assert len(files) > 80 and ROOT / "tests" / "conftest.py" in files
    problems = unexplained_edits(files, ALLOWED)
    assert not problems, "\n".join(problems)


def test_the_check_finds_every_kind_of_edit(tmp_path, monkeypatch):
    edit = "sys.path."  # split, so that this file holds no edit itself
    planted = "\n".join([
        "import sys",
        edit + "insert(0, 'benchmarks')",
        edit + "append('tests')",
        edit + "extend(['a'])",
        "sys.path = ['a']",
        "sys.path += ['a']",
        "sys.path[:0] = ['a']",
        f"code = \"import sys; {edit}insert(0, 'hooks')\"",
        "sys.path.remove('a')         # not an edit: " + edit + "insert in a comment",
        "print(sys.path[0] == 'a')",
    ]) + "\n"
    assert path_edits(planted) == [2, 3, 4, 5, 6, 7, 8]
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text(planted, encoding="utf-8")
    problems = unexplained_edits([tmp_path / "tests" / "test_x.py"],
                                 {"tests/test_x.py": {"'benchmarks'": "planted", "'gone'": "stale"}})
    assert [p.split(": edits")[0] for p in problems[:-1]] == [f"tests/test_x.py:{n}" for n in range(3, 9)]
    assert "'gone'" in problems[-1] and "remove it from ALLOWED" in problems[-1]


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_mlp_lessons_never_imports_the_devtools():
    modules = sorted((ROOT / "mlp_lessons").rglob("*.py"))
    assert len(modules) > 10
    assert "mlp_lessons" in _imports(ROOT / "mlp_devtools" / "lighthouse.py")  # the check can see imports
    importing = [p.relative_to(ROOT).as_posix() for p in modules if "mlp_devtools" in _imports(p)]
    assert not importing, f"mlp_lessons (what readers import) must not import mlp_devtools: {importing}"


def test_importing_the_devtools_needs_neither_pytest_nor_playwright():
    """scripts/pdf.py imports mlp_devtools.browser during the site's build, where only the
    ``[docs]`` extra is installed (no pytest)."""
    code = ("import sys, mlp_devtools, mlp_devtools.browser, mlp_devtools.hooks, "
            "mlp_devtools.lighthouse, mlp_devtools.node; "
            "print(sorted(m for m in ('pytest', 'playwright') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], cwd="/", capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["[]"], f"imported at module level: {run.stdout}"


def test_benchmark_scripts_start_as_the_readme_runs_them():
    """``.venv/bin/python benchmarks/bench_x.py --help`` from the repository root, for every
    script: its imports resolve (benchmarks/_results.py from the script's own folder, which
    Python puts first on the path; mlp_devtools and mlp_lessons installed)."""
    scripts = sorted(s.relative_to(ROOT).as_posix() for s in (ROOT / "benchmarks").glob("*.py")
                     if not s.name.startswith("_"))
    assert {"benchmarks/run_all.py", "benchmarks/bench_lighthouse.py"} <= set(scripts)
    running = {script: subprocess.Popen([sys.executable, script, "--help"], cwd=ROOT, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for script in scripts}
    failed = []
    for script, process in running.items():
        out, err = process.communicate(timeout=300)
        if process.returncode != 0 or "usage:" not in out:
            failed.append(f"{script} --help: exit status {process.returncode}\n{err[-1500:]}")
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize("module", ["hooks", "node"])
def test_doctests(module):
    """The package's doctests (mlp_devtools/lighthouse.py's run in tests/test_gate_lighthouse.py)."""
    import importlib

    if module == "node":
        from mlp_devtools.node import node
        node()   # skipped (failed with CI=true) without Node
    failed, tried = doctest.testmod(importlib.import_module(f"mlp_devtools.{module}"))
    assert tried >= 1 and failed == 0

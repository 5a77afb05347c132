"""Benchmark: how much the build's computation costs, Korean edition (mkdocs.yml).

In one run, in a temporary copy of the repository's files (``git ls-files``: tracked and
untracked-but-not-ignored, so no ``.cache/`` and no ``site/``):

(a) **full**: a clean ``mkdocs build --strict`` with empty caches: every figure drawn,
    every number computed, every notebook executed;
(b) **bare**: the same Markdown through MkDocs + Material with the computing hooks off:
    a config that inherits mkdocs.yml but keeps only the hooks that copy files or rewrite
    links (hooks/mathjax.py, hooks/alternate.py), ``NOTEBOOKS_EXECUTE=false`` (notebooks
    converted, not run), no ``--strict`` (figure links then point nowhere and the
    ``{{ number }}`` placeholders stay as text);
(c) **warm**: after (a), one page (docs/activations.md) edited, built again with the
    caches (a) filled: what an author waits for.

Goals: full ≤ 2.5 × bare, warm ≤ 1.5 × bare.  Each build is run --repeats times (best
counts; (a) empties the caches before each run).

    .venv/bin/python benchmarks/bench_build.py [--repeats 1]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {"full": 2.5, "warm": 1.5}
BARE_CONFIG = "INHERIT: mkdocs.yml\nhooks:\n  - hooks/mathjax.py\n  - hooks/alternate.py\n"


def copy_sources(dest: Path) -> Path:
    """Copy the working tree's files that git knows about or would add (no caches, no site)."""
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, files.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def mkdocs(repo: Path, config: str, site: Path, *, strict: bool = True, **env) -> float:
    """Run ``mkdocs build`` in ``repo``; return its wall time in seconds (exit on failure)."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    environ = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000", **env)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=repo, env=environ, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"mkdocs build -f {config} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def measure(repeats: int) -> dict[str, float]:
    times: dict[str, list[float]] = {"full": [], "bare": [], "warm": []}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        repo = copy_sources(Path(tmp) / "repo")
        (repo / "mkdocs.bare.yml").write_text(BARE_CONFIG, encoding="utf-8")
        page = repo / "docs" / "activations.md"
        original = page.read_text(encoding="utf-8")
        for r in range(repeats):
            shutil.rmtree(repo / ".cache", ignore_errors=True)
            times["full"].append(mkdocs(repo, "mkdocs.yml", Path(tmp) / "full"))
            times["bare"].append(mkdocs(repo, "mkdocs.bare.yml", Path(tmp) / "bare",
                                        strict=False, NOTEBOOKS_EXECUTE="false"))
            page.write_text(original + f"\n<!-- edit {r} -->\n", encoding="utf-8")
            times["warm"].append(mkdocs(repo, "mkdocs.yml", Path(tmp) / "warm"))
            page.write_text(original, encoding="utf-8")
    return {name: min(values) for name, values in times.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args(argv)
    best = measure(args.repeats)
    bare = best["bare"]
    print(f"{'build':<6} {'seconds':>8} {'× bare':>7}  goal")
    ok = True
    for name in ("bare", "full", "warm"):
        ratio = best[name] / bare
        goal = GOALS.get(name)
        verdict = "" if goal is None else f"≤ {goal}×  {'met' if ratio <= goal else 'MISSED'}"
        ok &= goal is None or ratio <= goal
        print(f"{name:<6} {best[name]:>8.1f} {ratio:>7.2f}  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

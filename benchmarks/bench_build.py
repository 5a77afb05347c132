"""Benchmark: how much the build's computation costs, Korean edition (mkdocs.yml).

In one run, in a temporary copy of the repository's files (``git ls-files``: tracked and
untracked-but-not-ignored, so no ``.cache/`` and no ``site/``; ``node_modules/`` is linked):

(a) **bare**: the same Markdown with figure drawing and notebook execution turned off: a
    config that inherits mkdocs.yml and keeps all its hooks but hooks/figures.py, and
    ``NOTEBOOKS_EXECUTE=false`` (notebooks converted, not run); no ``--strict`` (the figure
    links point nowhere).  The pages' numbers are still computed (hooks/page_numbers.py): the
    math is typeset at build time, and a formula holding a ``{{ number }}`` placeholder
    would not typeset;
(b) **full**: a clean ``mkdocs build --strict``: every figure drawn, every number
    computed, every notebook executed;
(c) **warm**: after (b), one page (docs/activations.md) edited, built again with the
    caches (b) filled: what an author waits for.

(a) and (b) start from empty caches, so what both do (e.g. typesetting the math) is
counted in both.  With ``--both-editions`` it also times (d): both editions' clean builds
side by side, as tests/conftest.py runs them (numbers computed first, then ``mkdocs.yml``
and ``mkdocs.en.yml`` at the same time): the build the test suite waits for.

Goals: full ≤ 2.5 × bare, warm ≤ 1.5 × bare (exit status 1 if missed).  Each build is run
``--repeats`` times; the best time counts.  ``--json PATH`` writes the rows for
``run_all.py`` (format in ``_results.py``).

    .venv/bin/python benchmarks/bench_build.py [--repeats 1] [--both-editions] [--json PATH]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _results import add_json_option, row, write

from mlp_devtools import ROOT
from mlp_devtools.hooks import COMPUTE_NUMBERS

GOALS = {"full": 2.5, "warm": 1.5}
#: Hooks left out of the bare build (notebooks are not run there: NOTEBOOKS_EXECUTE=false).
COMPUTING_HOOKS = {"hooks/figures.py"}
EDITED_PAGE = Path("docs") / "activations.md"
LABELS = {"bare": "bare: no figures drawn, no notebooks run",
          "full": "full: clean build, everything computed",
          "warm": "warm: rebuild after editing one page",
          "both": "both editions, clean, side by side (tests)"}


def copy_sources(dest: Path) -> Path:
    """Copy the working tree's files that git knows about or would add (no caches, no site);
    link node_modules/ (the MathJax hook runs Node)."""
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, files.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    if (ROOT / "node_modules").is_dir():
        (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def bare_config(repo: Path) -> str:
    """A config inheriting mkdocs.yml with its hooks except :data:`COMPUTING_HOOKS`."""
    text = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^hooks:\n((?:[ \t]+.*\n|\n)*)", text, re.MULTILINE)
    hooks = re.findall(r"^\s*-\s*(hooks/\S+\.py)", block.group(1), re.MULTILINE) if block else []
    if not set(COMPUTING_HOOKS) <= set(hooks):
        sys.exit(f"mkdocs.yml's hooks {hooks} lack some of {sorted(COMPUTING_HOOKS)}: update this script")
    kept = "".join(f"  - {hook}\n" for hook in hooks if hook not in COMPUTING_HOOKS)
    return f"INHERIT: mkdocs.yml\nhooks:\n{kept}"


def environ(**extra) -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000", **extra)


def build_command(config: str, site: Path, strict: bool = True) -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "--site-dir", str(site)]
    return command + ["--strict"] if strict else command


def mkdocs(repo: Path, config: str, site: Path, *, strict: bool = True, **env) -> float:
    """Run ``mkdocs build`` in ``repo``; return its wall time in seconds (exit on failure)."""
    start = time.perf_counter()
    result = subprocess.run(build_command(config, site, strict), cwd=repo, env=environ(**env),
                            capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"mkdocs build -f {config} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def both_editions(repo: Path, site: Path) -> float:
    """Both editions' clean builds as tests/conftest.py runs them; wall time in seconds."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", COMPUTE_NUMBERS], cwd=repo, env=environ(), check=True,
                   capture_output=True)
    running = [subprocess.Popen(build_command(config, site / name), cwd=repo, env=environ(),
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
               for name, config in (("ko", "mkdocs.yml"), ("en", "mkdocs.en.yml"))]
    outputs = [process.communicate()[0] for process in running]
    elapsed = time.perf_counter() - start
    for process, output in zip(running, outputs):
        if process.returncode != 0:
            sys.exit(f"{' '.join(process.args)} failed:\n{output}")
    return elapsed


def measure(repeats: int, both: bool) -> dict[str, float]:
    times: dict[str, list[float]] = {"bare": [], "full": [], "warm": [], "both": []}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        repo = copy_sources(Path(tmp) / "repo")
        (repo / "mkdocs.bare.yml").write_text(bare_config(repo), encoding="utf-8")
        page = repo / EDITED_PAGE
        original = page.read_text(encoding="utf-8")
        for r in range(repeats):
            shutil.rmtree(repo / ".cache", ignore_errors=True)
            times["bare"].append(mkdocs(repo, "mkdocs.bare.yml", Path(tmp) / "bare",
                                        strict=False, NOTEBOOKS_EXECUTE="false"))
            shutil.rmtree(repo / ".cache", ignore_errors=True)
            times["full"].append(mkdocs(repo, "mkdocs.yml", Path(tmp) / "full"))
            page.write_text(original + f"\n<!-- edit {r} -->\n", encoding="utf-8")
            times["warm"].append(mkdocs(repo, "mkdocs.yml", Path(tmp) / "warm"))
            page.write_text(original, encoding="utf-8")
            if both:
                shutil.rmtree(repo / ".cache", ignore_errors=True)
                times["both"].append(both_editions(repo, Path(tmp) / "both"))
    return {name: min(values) for name, values in times.items() if values}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--both-editions", action="store_true",
                        help="also time both editions' clean builds side by side (as the tests)")
    add_json_option(parser)
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    best = measure(args.repeats, args.both_editions)
    bare = best["bare"]
    print(f"Korean edition, best of {args.repeats}; 1-minute load average before: {load:.1f}")
    print(f"{'build':<44} {'seconds':>8} {'x bare':>7}  goal")
    rows, ok = [], True
    for name, seconds in best.items():
        ratio = seconds / bare
        goal = GOALS.get(name)
        met = None if goal is None else bool(ratio <= goal)
        ok &= met is not False
        verdict = "" if goal is None else f"<= {goal}x  {'met' if met else 'MISSED'}"
        shown = f"{ratio:>7.2f}" if name != "both" else f"{'':>7}"
        print(f"{LABELS[name]:<44} {seconds:>8.1f} {shown}  {verdict}")
        if goal is not None:
            rows.append(row("build", LABELS[name].split(": ", 1)[1] + " (Korean edition)", seconds, "s",
                            reference="bare build (no figures drawn, no notebooks run)",
                            reference_value=bare, ratio=ratio, ratio_label="x bare", goal=goal, met=met))
        elif name == "both":
            rows.append(row("build", "both editions, clean, side by side (the test suite's build)",
                            seconds, "s"))
    write(args.json, rows)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

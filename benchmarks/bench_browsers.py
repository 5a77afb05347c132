"""Benchmark: Debian's two Chromium builds doing the browser tests' work (issue 15).

The tests, the PDFs and the browser benchmarks launch Debian's ``chromium-headless-shell`` when
it is installed (``mlp_devtools.browser.CHROMIUM``); Lighthouse keeps the desktop ``chromium``.
This measures why: both editions are built (``mkdocs build --strict``, side by side, with this
working tree's caches) into a temporary folder, then each browser in turn — the headless shell,
then the desktop build as the peer, ``--rounds`` times alternately so that the machine's load
falls on both alike — loads every page of the Korean edition, each in a fresh context, and runs
axe-core on it at 1280 and 320 px: the heart of a page's visit in tests/visits.py.  Measured: the
CPU seconds of the browser's processes (``/proc``, read before each context closes), and the
wall time.  The CPU is what the test suite runs out of on two
cores; the ratio is the peer's over ours ("speed-up": higher is better).

    .venv/bin/python benchmarks/bench_browsers.py [--rounds N] [--json PATH]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _results import add_json_option, row, write

ROOT = Path(__file__).resolve().parent.parent
from mlp_devtools.browser import DESKTOP, HEADLESS_SHELL, launched_chromium, served

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => (await axe.run(document, {runOnly: {type: "tag",
    values: ["wcag2a", "wcag2aa", "best-practice"]}, resultTypes: ["violations"]})).violations.length"""
TICK = os.sysconf("SC_CLK_TCK")


def descendants_cpu(pid: int) -> dict[int, int]:
    """Clock ticks of CPU (user + system) used so far by each living descendant of ``pid``."""
    children: dict[int, list[int]] = {}
    cpu: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
        cpu[int(entry)] = int(fields[11]) + int(fields[12])
    found, stack = {}, list(children.get(pid, []))
    while stack:
        child = stack.pop()
        found[child] = cpu.get(child, 0)
        stack.extend(children.get(child, []))
    return found


def pages(site: Path) -> list[str]:
    """URL paths of the Korean edition's pages (not the English edition in en/)."""
    return sorted(html.parent.relative_to(site).as_posix().removeprefix(".") + "/"
                  for html in site.rglob("index.html")
                  if "assets" not in html.parts and html.relative_to(site).parts[0] != "en")


def visit_all(executable: str, base_url: str, paths: list[str]) -> tuple[float, float]:
    """(CPU seconds of the browser, wall seconds): each page loaded in a fresh context (a first
    visit, as tests/visits.py loads it), axe at 1280 and 320 px.  A context's renderer ends with
    the context, so the browser's processes are read before each context closes."""
    start = time.perf_counter()
    used: dict[int, int] = {}     # process → its CPU ticks when last read
    with launched_chromium(on_missing=sys.exit, executable=executable) as browser:
        for path in paths:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base_url + path.lstrip("/"), wait_until="load")
            page.add_script_tag(path=str(AXE))
            for width in (1280, 320):
                page.set_viewport_size({"width": width, "height": 900})
                page.evaluate(RUN_AXE)
            used.update(descendants_cpu(os.getpid()))
            context.close()
        used.update(descendants_cpu(os.getpid()))
    return sum(used.values()) / TICK, time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="alternate rounds per browser (default 2)")
    add_json_option(parser)
    args = parser.parse_args(argv)
    for needed in (HEADLESS_SHELL, DESKTOP):
        if not Path(needed).is_file():
            sys.exit(f"{needed} not found (sudo apt-get install -y chromium-headless-shell chromium)")
    if not AXE.is_file():
        sys.exit(f"{AXE} not found (npm ci)")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", "mkdocs.yml",
                        "--site-dir", str(site)], cwd=ROOT, env=env, check=True)
        paths = pages(site)
        measured: dict[str, list[tuple[float, float]]] = {HEADLESS_SHELL: [], DESKTOP: []}
        with served(site) as base_url:
            for _ in range(args.rounds):
                for executable in measured:
                    measured[executable].append(visit_all(executable, base_url, paths))
    best = {executable: min(runs) for executable, runs in measured.items()}
    for executable, runs in measured.items():
        print(f"{executable}: " + ", ".join(f"{cpu:.1f} CPU s / {wall:.1f} s" for cpu, wall in runs))
    (ours_cpu, ours_wall), (peer_cpu, peer_wall) = best[HEADLESS_SHELL], best[DESKTOP]
    case = f"{len(paths)} pages loaded, axe at 1280 and 320 px"
    rows = [row("browsers", f"{case}: CPU of the browser", ours_cpu, "s",
                reference="chromium (desktop), same run", reference_value=peer_cpu,
                ratio=peer_cpu / ours_cpu, ratio_label="speed-up"),
            row("browsers", f"{case}: wall time", ours_wall, "s",
                reference="chromium (desktop), same run", reference_value=peer_wall,
                ratio=peer_wall / ours_wall, ratio_label="speed-up")]
    print(f"CPU {peer_cpu / ours_cpu:.2f}x less, wall {peer_wall / ours_wall:.2f}x faster with "
          f"the headless shell; 1-minute load average {os.getloadavg()[0]:.1f}")
    write(args.json, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

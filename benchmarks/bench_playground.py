"""Speed of the in-page playground in headless Chromium (Debian's /usr/bin/chromium).

For the default setup, the largest network (6 hidden layers of 8 units, all 7 input
features) and the reader's own data (``직접 만들기``: 50 points taken from the circle, edited
on the output picture, which is drawn with its editing layer every frame), measured inside
the page with performance.now():

* training only: epochs per second (one epoch = every training point once, in minibatches),
  and weight updates per second;
* one frame = one epoch + drawing every heatmap (output, one per unit), the links and the
  loss chart: frames per second when nothing else limits it;
* playing (requestAnimationFrame, as a reader sees it): epochs shown per second over a few
  seconds of wall time (capped by the display's refresh rate, 60 Hz in headless Chromium).

    .venv/bin/python benchmarks/bench_playground.py            # a small page with the playground
    .venv/bin/python benchmarks/bench_playground.py --site /tmp/site   # a built site instead

Each figure is the median of --repeat runs.  Not a test: numbers depend on the machine
(and on whatever else runs on it).  Seeds are fixed, so the work is the same on
every run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from _results import add_json_option, row, write

from mlp_devtools import ROOT
from mlp_devtools.browser import launched_chromium, served

#: Smooth, as issue 5 defines it: frames per second (one epoch trained + everything drawn)
#: at the default setup.
SMOOTH_FPS = 30

SETUPS = [  # (name, URL fragment, short English name for the results table, how to prepare)
    ("기본 (원, 4-2, tanh, 배치 10)", "", "default (circle, 4-2, tanh, batch 10)", None),
    ("최대 6×8, 특징 7개 (나선)",
     "#data=spiral&layers=8,8,8,8,8,8&features=x1,x2,x1sq,x2sq,x1x2,sin1,sin2&act=tanh",
     "largest (spiral, 6x8, 7 features)", None),
    # The reader's own data: "직접 만들기" starts from 50 points of the current set, as a reader does.
    ("직접 만든 데이터 (원에서 50점, 4-2)", "#data=circle", "own data (50 points from the circle, 4-2)", "custom"),
]

#: What a setup's "how to prepare" does after the page is ready.
PREPARE = {"custom": "label[for='pg-data-custom']"}

HARNESS = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>playground benchmark</title>
<link rel="stylesheet" href="../stylesheets/playground.css"></head>
<body><div id="playground" class="pg"></div>
<script type="module" src="../javascripts/playground/ui.js"></script></body></html>
"""

MEASURE = """async ([epochs, frames, playMs]) => {
    const pg = window.__playground;
    pg.reset();
    let t0 = performance.now();
    pg.train(epochs);
    const trainS = (performance.now() - t0) / 1000;
    pg.reset();
    t0 = performance.now();
    for (let i = 0; i < frames; i++) pg.step(1);        // step(1) trains one epoch and draws
    const frameS = (performance.now() - t0) / 1000;
    pg.reset();
    t0 = performance.now();
    for (let i = 0; i < frames; i++) pg.render();
    const renderS = (performance.now() - t0) / 1000;
    pg.reset();
    const e0 = pg.metrics().epoch;
    pg.play();
    await new Promise((r) => setTimeout(r, playMs));
    pg.pause();
    const played = pg.metrics().epoch - e0;
    return { trainS, frameS, renderS, played, state: pg.state() };
}"""


def harness_site(tmp: Path) -> Path:
    shutil.copytree(ROOT / "docs" / "javascripts" / "playground", tmp / "javascripts" / "playground")
    (tmp / "stylesheets").mkdir()
    shutil.copy(ROOT / "docs" / "stylesheets" / "playground.css", tmp / "stylesheets")
    (tmp / "playground_lab").mkdir()
    (tmp / "playground_lab" / "index.html").write_text(HARNESS, encoding="utf-8")
    return tmp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (mkdocs build) instead of the small harness page")
    parser.add_argument("--epochs", type=int, default=200, help="epochs for the training-only measurement")
    parser.add_argument("--frames", type=int, default=100, help="frames for the step+draw measurement")
    parser.add_argument("--play-seconds", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=3, help="repetitions; the median is shown")
    add_json_option(parser)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or harness_site(Path(tmp))
        rows = []
        with served(site) as base_url, launched_chromium(on_missing=sys.exit) as browser:
            url = base_url + "playground_lab/"
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, fragment, _, prepare in SETUPS:
                page.goto(url + fragment)
                page.wait_for_selector("#playground[data-ready='true']")
                if prepare:
                    page.locator(PREPARE[prepare]).click()
                    page.wait_for_function("window.__playground.state().data === 'custom'")
                page.evaluate("window.__playground.step(30)")         # warm up the JIT
                runs = [page.evaluate(MEASURE, [args.epochs, args.frames, int(args.play_seconds * 1000)])
                        for _ in range(args.repeat)]
                s = runs[0]["state"]
                n_points = len(s["points"]) if s["data"] == "custom" else 500
                n_train = round(n_points * s["ratio"] / 100)
                batches = -(-n_train // s["batch"])
                eps = statistics.median(args.epochs / r["trainS"] for r in runs)
                rows.append((name, eps, eps * batches,
                             statistics.median(args.frames / r["frameS"] for r in runs),
                             statistics.median(1000 * r["renderS"] / args.frames for r in runs),
                             statistics.median(r["played"] / args.play_seconds for r in runs)))

    head = ("설정", "에포크/s (학습만)", "갱신/s", "프레임/s (학습+그림)", "그림 ms/프레임", "재생 에포크/s (rAF)")
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    for name, eps, ups, fps, render_ms, played in rows:
        print(f"{name} | {eps:,.0f} | {ups:,.0f} | {fps:,.1f} | {render_ms:.1f} | {played:,.1f}")
    results = []
    for (_, _, short, _), (_, eps, _, fps, _, _) in zip(SETUPS, rows):
        results.append(row("playground", f"{short}: training only", eps, "epochs/s"))
        smooth = {} if short != SETUPS[0][2] else {"goal": SMOOTH_FPS, "met": bool(fps >= SMOOTH_FPS)}
        results.append(row("playground", f"{short}: one epoch + drawing", fps, "frames/s", **smooth))
    write(args.json, results)


if __name__ == "__main__":
    main()

"""Frame time of the lesson pages' explorables in headless Chromium (Debian's /usr/bin/chromium).

For each explorable (docs/javascripts/explorables/), one interaction a reader makes — a slider
moved, a button pressed, a number edited — is repeated ``--interactions`` times.  Each one is
timed inside the page with performance.now() from dispatching the event to the end of the
style and layout it causes (the handler redraws the SVG, the table and the live region;
reading the root's size makes the browser do the style and layout in the same task).  Painting
is not included (it happens after the task, on the compositor).  The table shows the median and
the worst interaction against one frame at 60 Hz (16.7 ms).  For the NumPy MLP explorable also
the one-off cost of building it (the chapter's 90000-epoch training, run once in the page).

    .venv/bin/python benchmarks/bench_explorables.py                # a small page with all seven
    .venv/bin/python benchmarks/bench_explorables.py --site /tmp/site   # a built site's pages

The harness page holds the seven roots with the data-* attributes the lesson pages give them,
computed from mlp_lessons.pages.<lesson>.numbers().  Not a test: numbers depend on the machine
(and on whatever else runs on it).
"""

from __future__ import annotations

import argparse
import html
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from _results import add_json_option, row, write

from mlp_devtools import ROOT
from mlp_devtools.browser import launched_chromium, served

FRAME_MS = 1000 / 60

#: explorable → (module, lesson page, the interaction: JavaScript run with the root `r` and the
#: interaction's number `i`, which dispatches one event)
INTERACTIONS = {
    "gradient-descent": ("gradient_descent.js", "gradient_descent",
                         "if (i % 50 === 0) r.querySelector('[data-action=reset]').click();"
                         " else r.querySelector('[data-action=step]').click();"),
    "gradient-descent-2d": ("gradient_descent_2d.js", "gradient_descent",
                            "if (i % 50 === 0) r.querySelector('[data-action=reset]').click();"
                            " else if (i % 3 === 0) r.querySelector('[data-action=pick]').dispatchEvent("
                            "new KeyboardEvent('keydown', {key: i % 2 ? 'ArrowLeft' : 'ArrowRight'}));"
                            " else r.querySelector('[data-action=step]').click();"),
    "activations": ("activations.js", "activations",
                    "const s = r.querySelector('input[type=range]'); s.value = String(-6 + (i % 121) / 10);"
                    " s.dispatchEvent(new Event('input'));"),
    "forward-pass": ("forward_pass.js", "forward_pass",
                     "const e = r.querySelector('input[data-key=w1]'); e.value = String((i % 20) / 10);"
                     " e.dispatchEvent(new Event('input'));"),
    "backprop": ("backprop.js", "backprop",
                 "r.querySelector(i % 12 < 6 ? '[data-action=next]' : '[data-action=prev]').click();"),
    "loss": ("loss.js", "loss",
             "const s = r.querySelector('input[type=range]'); s.value = String(0.01 + (i % 99) / 100);"
             " s.dispatchEvent(new Event('input'));"),
    "numpy-mlp": ("numpy_mlp.js", "numpy_mlp",
                  "const s = r.querySelector('input[type=range]'); s.value = String((i * 250 * 7) % 90250);"
                  " s.dispatchEvent(new Event('input'));"),
}

MEASURE = """async ([name, body, n]) => {
    const r = document.querySelector(`[data-explorable="${name}"]`);
    const act = new Function('r', 'i', body);
    for (let i = 0; i < 20; i++) { act(r, i); r.getBoundingClientRect(); }      // warm up the JIT
    const times = [];
    for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        act(r, i);
        r.getBoundingClientRect();              // style and layout now, inside the measurement
        times.push(performance.now() - t0);
        if (i % 10 === 9) await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    }
    return times;
}"""

BUILD = """async (name) => {
    const r = document.querySelector(`[data-explorable="${name}"]`);
    const t0 = performance.now();
    r.scrollIntoView();
    while (r.dataset.ready !== 'true') await new Promise((done) => setTimeout(done, 1));
    return performance.now() - t0;
}"""


def roots() -> str:
    """The roots with the attributes the pages give them (from mlp_lessons' numbers)."""
    from mlp_lessons.pages import backprop, forward_pass, gradient_descent, loss, numpy_mlp

    fp = forward_pass.numbers()
    net = {k: fp[k] for k in ("x1", "x2", "t", "w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3")}
    gd, nm = gradient_descent.numbers(), numpy_mlp.numbers()
    attrs = {
        "gradient-descent": {"x0": gd["x0"], "eta": gd["eta"], "max-iterations": gd["max_iterations"]},
        "gradient-descent-2d": {"x0": gd["path_x0"], "y0": gd["path_y0"], "eta": gd["path_eta"],
                                "max-iterations": gd["max_iterations"]},
        "activations": {},
        "forward-pass": net,
        "backprop": {**net, "eta": backprop.numbers()["eta"]},
        "loss": {"p": loss.numbers()["cw_p"]},
        "numpy-mlp": {"epochs": nm["epochs"], "eta": nm["eta"], "every": nm["curve_every"], **net},
    }
    out = []
    for name, values in attrs.items():
        data = " ".join(f'data-{k}="{html.escape(str(v))}"' for k, v in values.items())
        out.append(f'<div style="margin-top: 150vh" data-explorable="{name}" {data}></div>')
    scripts = "".join(f'<script type="module" src="../javascripts/explorables/{m}"></script>'
                      for m, _, _ in INTERACTIONS.values())
    return "\n".join(out) + scripts


def harness_site(tmp: Path) -> Path:
    shutil.copytree(ROOT / "docs" / "javascripts", tmp / "javascripts")
    shutil.copytree(ROOT / "docs" / "stylesheets", tmp / "stylesheets")
    (tmp / "bench").mkdir()
    (tmp / "bench" / "index.html").write_text(
        '<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>explorables benchmark</title>'
        '<link rel="stylesheet" href="../stylesheets/explorables.css"></head>'
        f'<body data-md-color-scheme="default">{roots()}</body></html>', encoding="utf-8")
    return tmp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (mkdocs build): measure on its lesson pages")
    parser.add_argument("--interactions", type=int, default=300, help="interactions per explorable")
    add_json_option(parser)
    args = parser.parse_args()

    results, lines = [], []
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or harness_site(Path(tmp))
        with served(site) as base, launched_chromium(on_missing=sys.exit) as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            if not args.site:
                page.goto(base + "bench/")
            for name, (_, lesson, body) in INTERACTIONS.items():
                if args.site:
                    page.goto(f"{base}{lesson}/")
                build_ms = page.evaluate(BUILD, name)
                times = page.evaluate(MEASURE, [name, body, args.interactions])
                median, worst = statistics.median(times), max(times)
                p95 = statistics.quantiles(times, n=20)[-1]
                lines.append((name, median, p95, worst, build_ms))
                results.append(row("explorables", f"{name}: one interaction, median", median, "ms",
                                   reference="one frame at 60 Hz", reference_value=FRAME_MS,
                                   ratio=FRAME_MS / median, ratio_label="speed-up", goal=1, met=bool(median <= FRAME_MS)))
                results.append(row("explorables", f"{name}: one interaction, worst", worst, "ms",
                                   reference="one frame at 60 Hz", reference_value=FRAME_MS,
                                   ratio=FRAME_MS / worst, ratio_label="speed-up", goal=1, met=bool(worst <= FRAME_MS)))
                if name == "numpy-mlp":
                    results.append(row("explorables", f"{name}: build (90000-epoch training, once)", build_ms, "ms"))

    head = ("explorable", "median ms", "95th percentile ms", "worst ms", "frame budget ÷ worst",
            "build ms (scroll → ready)")
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    for name, median, p95, worst, build_ms in lines:
        print(f"{name} | {median:.2f} | {p95:.2f} | {worst:.2f} | {FRAME_MS / worst:.1f} | {build_ms:.0f}")
    write(args.json, results)


if __name__ == "__main__":
    main()

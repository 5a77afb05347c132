"""Benchmark: the chapter's per-sample XOR loop, NumPy (fit_chapter_numpy) vs plain floats (fit_chapter).

Both run the chapter's full training (90000 epochs x 4 samples, η = 0.2) in the
same process, interleaved and repeated, so machine noise hits both alike; the
best time of each is compared.  It also checks that both give the chapter's
outputs to 8 decimals and how far apart their weights end up.  For the record
it also times the general plain-float loop (chapter_loop, any shape) on the
same 2-2-1 network, which fit_chapter uses for every other shape.

    .venv/bin/python benchmarks/bench_chapter_loop.py [--epochs 90000] [--repeats 2]
"""

from __future__ import annotations

import argparse
import platform
import time

import numpy as np

from _results import add_json_option, row, write
from mlp_lessons.forward_pass import chapter_params, predict
from mlp_lessons.numpy_mlp import T_XNOR, XOR_X, chapter_loop, fit_chapter, fit_chapter_numpy

CHAPTER_OUTPUTS = np.array([0.99196032, 0.00835708, 0.00836107, 0.98974873])


def timed(fit, epochs):
    start = time.perf_counter()
    params = fit(chapter_params(), XOR_X, T_XNOR, epochs=epochs, learning_rate=0.2)
    return time.perf_counter() - start, params


def general_loop(params, X, T, epochs, learning_rate):
    """fit_chapter's arithmetic through chapter_loop, the loop it uses for shapes other than 2-2-1."""
    state = [params[k].tolist() for k in ("W1", "B1", "W2", "B2")]
    return chapter_loop(*state, list(zip(X.tolist(), T.tolist())), epochs, learning_rate)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=90000)
    parser.add_argument("--repeats", type=int, default=2, help="rounds of (numpy, python x3)")
    add_json_option(parser)
    args = parser.parse_args(argv)

    print(f"Python {platform.python_version()}, NumPy {np.__version__}, {platform.machine()}; "
          f"{args.epochs} epochs x 4 samples, {args.repeats} rounds")
    t_np, t_py, t_general = [], [], []
    for r in range(args.repeats):
        t, p_np = timed(fit_chapter_numpy, args.epochs)
        t_np.append(t)
        for _ in range(3):
            t, p_py = timed(fit_chapter, args.epochs)
            t_py.append(t)
        t_general.append(timed(general_loop, args.epochs)[0])
        print(f"  round {r + 1}: numpy {t_np[-1]:8.3f} s   python {min(t_py[-3:]):7.3f} s   "
              f"general loop {t_general[-1]:7.3f} s")

    best_np, best_py = min(t_np), min(t_py)
    print(f"fit_chapter_numpy (chapter's NumPy loop): best {best_np:.3f} s  "
          f"({best_np / args.epochs / 4 * 1e6:.2f} us per sample)")
    print(f"fit_chapter       (plain Python floats):  best {best_py:.3f} s  "
          f"({best_py / args.epochs / 4 * 1e6:.2f} us per sample)")
    print(f"speed-up: {best_np / best_py:.1f}x (target >= 20x); the general loop chapter_loop on 2-2-1: "
          f"{best_np / min(t_general):.1f}x")

    out_np = predict(p_np, XOR_X)[2].ravel()
    out_py = predict(p_py, XOR_X)[2].ravel()
    weight_diff = max(float(np.max(np.abs(p_np[k] - p_py[k]))) for k in p_np)
    print(f"outputs numpy : {np.array2string(out_np, precision=8)}")
    print(f"outputs python: {np.array2string(out_py, precision=8)}")
    print(f"max |weight difference| = {weight_diff:.3e}, max |output difference| = "
          f"{float(np.max(np.abs(out_np - out_py))):.3e}")
    same8 = np.array_equal(out_np.round(8), out_py.round(8))
    print(f"identical to 8 decimals: {same8}; bit-identical: "
          f"{all(np.array_equal(p_np[k], p_py[k]) for k in p_np)}")
    if args.epochs == 90000:
        print(f"chapter's printed outputs reproduced: {np.array_equal(out_py.round(8), CHAPTER_OUTPUTS)}")
    speed_up = best_np / best_py
    write(args.json, [row("chapter_loop", f"XOR, {args.epochs} epochs x 4 samples (fit_chapter)",
                          best_py, "s", reference="the chapter's NumPy loop (fit_chapter_numpy)",
                          reference_value=best_np, ratio=speed_up, ratio_label="speed-up",
                          goal=20, met=bool(speed_up >= 20 and same8))])
    return 0 if same8 else 1


if __name__ == "__main__":
    raise SystemExit(main())

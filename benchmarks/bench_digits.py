"""Benchmark: numpy_mlp.train vs scikit-learn's MLPClassifier on the bundled 8x8 digits.

A 64-128-10 network (ReLU hidden layer, softmax output, cross-entropy), plain
SGD with batch 64, the same learning rate and number of epochs, shuffled every
epoch, in the same process, interleaved and repeated (best time per epoch
counts).  Also reports the achieved GFLOP/s (2·m·n·k for each of the five
matrix products of forward + backward) and the time of those matrix products
alone at the same shapes, i.e. the floor for any NumPy implementation.

    .venv/bin/python benchmarks/bench_digits.py [--epochs 20] [--repeats 3]
"""

from __future__ import annotations

import argparse
import platform
import time
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from _results import add_json_option, row, write
from mlp_lessons.network import init_params
from mlp_lessons.numpy_mlp import accuracy, predict, train

SIZES = (64, 128, 10)
BATCH = 64


def data():
    digits = load_digits()
    X, y = digits.data / 16.0, digits.target
    return X[:1437], y[:1437], X[1437:], y[1437:]


def flops_per_epoch(n: int) -> int:
    n0, n1, n2 = SIZES
    # forward: X@W1, A1@W2; backward: A1.T@d2, d2@W2.T, X.T@d1
    return 2 * n * (n0 * n1 + n1 * n2 + n1 * n2 + n2 * n1 + n0 * n1)


def matmul_floor(n: int, dtype, repeats: int = 20) -> float:
    """Seconds per epoch spent in the five matrix products alone, same shapes, same layouts."""
    rng = np.random.default_rng(0)
    n0, n1, n2 = SIZES
    W1, W2 = rng.normal(size=(n0, n1)).astype(dtype), rng.normal(size=(n1, n2)).astype(dtype)
    sizes = [BATCH] * (n // BATCH) + ([n % BATCH] if n % BATCH else [])
    batches = [(rng.normal(size=(b, n0)).astype(dtype), rng.normal(size=(b, n1)).astype(dtype),
                rng.normal(size=(b, n2)).astype(dtype), rng.normal(size=(b, n1)).astype(dtype)) for b in sizes]
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for x, a1, d2, d1 in batches:
            x @ W1
            a1 @ W2
            a1.T @ d2
            d2 @ W2.T
            x.T @ d1
        best = min(best, time.perf_counter() - start)
    return best


def time_ours(X, y, epochs, lr, dtype):
    params = init_params(SIZES, seed=0)
    start = time.perf_counter()
    result = train(params, X, y, activations=["relu", "softmax"], loss="cross_entropy", learning_rate=lr,
                   epochs=epochs, batch_size=BATCH, seed=0, dtype=dtype)
    return (time.perf_counter() - start) / epochs, result


def time_sklearn(X, y, epochs, lr):
    clf = MLPClassifier(hidden_layer_sizes=(SIZES[1],), activation="relu", solver="sgd", batch_size=BATCH,
                        learning_rate_init=lr, momentum=0.0, alpha=0.0, max_iter=epochs, tol=0.0,
                        n_iter_no_change=epochs, shuffle=True, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start = time.perf_counter()
        clf.fit(X, y)
    return (time.perf_counter() - start) / epochs, clf


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    add_json_option(parser)
    args = parser.parse_args(argv)
    X, y, X_test, y_test = data()
    n = len(X)
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, scikit-learn {sklearn.__version__}; "
          f"digits {n} training samples, {'-'.join(map(str, SIZES))}, batch {BATCH}, "
          f"lr {args.learning_rate}, {args.epochs} epochs, {args.repeats} rounds")

    runs = {"ours float64": [], "ours float32": [], "sklearn float64": []}
    results = {}
    for r in range(args.repeats):
        t, results["ours float64"] = time_ours(X, y, args.epochs, args.learning_rate, np.float64)
        runs["ours float64"].append(t)
        t, results["ours float32"] = time_ours(X, y, args.epochs, args.learning_rate, np.float32)
        runs["ours float32"].append(t)
        t, results["sklearn float64"] = time_sklearn(X, y, args.epochs, args.learning_rate)
        runs["sklearn float64"].append(t)
        print("  round", r + 1, "  ".join(f"{k}: {v[-1] * 1e3:.2f} ms" for k, v in runs.items()))

    best = {k: min(v) for k, v in runs.items()}
    flops = flops_per_epoch(n)
    floor = {np.float64: matmul_floor(n, np.float64), np.float32: matmul_floor(n, np.float32)}
    print(f"\n{'':30s} {'ms/epoch':>9s} {'GFLOP/s':>8s} {'matmul floor':>13s} {'fraction':>9s}")
    for key, t in best.items():
        dtype = np.float32 if "float32" in key else np.float64
        print(f"{key:30s} {t * 1e3:9.2f} {flops / t / 1e9:8.2f} {floor[dtype] * 1e3:10.2f} ms "
              f"{floor[dtype] / t:9.0%}")
    print(f"FLOPs per epoch (5 matmuls): {flops / 1e6:.1f} M")
    print(f"speed-up per epoch vs sklearn: float64 {best['sklearn float64'] / best['ours float64']:.2f}x, "
          f"float32 {best['sklearn float64'] / best['ours float32']:.2f}x (target >= 2x)")

    acc = {
        "ours float64": accuracy(predict(results["ours float64"].params, X_test, ["relu", "softmax"]), y_test),
        "ours float32": accuracy(predict(results["ours float32"].params, X_test, ["relu", "softmax"]), y_test),
        "sklearn float64": float(results["sklearn float64"].score(X_test, y_test)),
    }
    print("test accuracy (last 360 digits): " + ", ".join(f"{k} {v:.3f}" for k, v in acc.items()))
    print("final training loss: "
          f"ours float64 {results['ours float64'].loss_history[-1]:.4f}, "
          f"sklearn {results['sklearn float64'].loss_curve_[-1]:.4f}")
    sklearn_ms = best["sklearn float64"] * 1e3
    rows = []
    for key in ("ours float64", "ours float32"):
        speed_up = best["sklearn float64"] / best[key]
        rows.append(row("digits", f"64-128-10, batch 64, per epoch ({key.split()[1]}, "
                        f"{flops / best[key] / 1e9:.1f} GFLOP/s)", best[key] * 1e3, "ms",
                        reference="scikit-learn MLPClassifier (sgd, float64)",
                        reference_value=sklearn_ms, ratio=speed_up, ratio_label="speed-up",
                        goal=2, met=bool(speed_up >= 2)))
    write(args.json, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

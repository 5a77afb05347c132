"""Command line: ``python -m mlp_lessons <command> ...`` (also ``mlp-lessons``).

One function per subcommand: ``add_<name>(subparsers)`` declares its arguments
and sets ``func`` to ``run_<name>(args) -> int``.  To add a command, write
those two functions and list ``add_<name>`` in :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


# --- figures ----------------------------------------------------------------

def add_figures(subparsers) -> None:
    parser = subparsers.add_parser(
        "figures",
        help="그림을 SVG로 그리기 (render every registered figure to SVG)",
        description="Render every figure registered in mlp_lessons.figures "
                    "to OUT/<lesson>/<name>.svg (byte-identical across runs).",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="output folder (created if missing)")
    parser.add_argument("--lang", choices=["ko", "en", "all"], default="ko",
                        help="language of the figures' text (default: ko); all: every language, "
                             "into OUT/<lang>/, each figure's data computed once")
    parser.add_argument("--jobs", type=_positive_int, default=1, metavar="N",
                        help="worker processes, one lesson at a time each (default: 1)")
    parser.add_argument("--list", type=Path, metavar="FILE",
                        help="first write the figures' names (<lesson>/<name>, one a line) to FILE")
    parser.set_defaults(func=run_figures)


def run_figures(args: argparse.Namespace) -> int:
    from mlp_lessons import figures  # needs Matplotlib: import only here

    if args.list is not None:   # written whole or not at all: a build may be waiting for it
        partial = args.list.with_name(args.list.name + ".partial")
        partial.write_text("".join(f"{key}\n" for key in sorted(figures.all_figures())), encoding="utf-8")
        partial.replace(args.list)
    if args.lang != "all" and args.jobs == 1:
        paths = figures.write_all(args.out, lang=args.lang)
    else:
        langs = figures.LANGUAGES if args.lang == "all" else (args.lang,)
        paths = figures.write_parallel(args.out, langs, jobs=args.jobs)
    for path in paths:
        print(path)
    return 0


# --- numbers ----------------------------------------------------------------

def add_numbers(subparsers) -> None:
    parser = subparsers.add_parser(
        "numbers",
        help="페이지에 나오는 수치를 JSON으로 출력 (print every page's numbers as JSON)",
        description="Print {lesson: {key: value}} from mlp_lessons.pages as JSON: the "
                    "numbers the site's pages show in place of {{ lesson.key }} placeholders.",
    )
    parser.add_argument("--lesson", help="only this lesson (e.g. forward_pass)")
    parser.set_defaults(func=run_numbers)


def run_numbers(args: argparse.Namespace) -> int:
    import json

    from mlp_lessons.pages import all_numbers

    numbers = all_numbers()
    if args.lesson is not None:
        if args.lesson not in numbers:
            print(f"unknown lesson {args.lesson!r}; expected one of: {', '.join(numbers)}", file=sys.stderr)
            return 2
        numbers = {args.lesson: numbers[args.lesson]}
    json.dump(numbers, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    print()
    return 0


# --- xor ----------------------------------------------------------------------

class _ProgressBar:
    """A tiny text progress bar: ``progress(done)`` redraws ``[#####.....] done/total`` on a stream."""

    def __init__(self, total: int, stream=None, width: int = 30):
        self.total, self.width = total, width
        self.stream = sys.stderr if stream is None else stream

    def __call__(self, done: int) -> None:
        filled = int(self.width * done / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        end = "\n" if done >= self.total else ""
        print(f"\r학습 중 [{bar}] {done}/{self.total} epochs", end=end, file=self.stream, flush=True)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def add_xor(subparsers) -> None:
    parser = subparsers.add_parser(
        "xor",
        help="교재의 2-2-1 신경망을 학습시키고 test() 결과 출력 (train the chapter's network)",
        description="Train the chapter's 2-2-1 sigmoid network with its per-sample loop "
                    "(mlp_lessons.numpy_mlp.fit_chapter), then print what its test() prints. "
                    "A progress bar goes to stderr.",
    )
    parser.add_argument("--epochs", type=_positive_int, default=90000, help="epochs (default: 90000)")
    parser.add_argument("--learning-rate", type=_positive_float, default=0.2, help="학습률 (default: 0.2)")
    parser.add_argument("--targets", choices=["xnor", "xor"], default="xnor",
                        help="xnor: T=[[1],[0],[0],[1]], what the chapter's code trains (default); "
                             "xor: T=[[0],[1],[1],[0]], what its text says")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.set_defaults(func=run_xor)


def run_xor(args: argparse.Namespace) -> int:
    from mlp_lessons.data import T_XNOR, T_XOR, XOR_X, chapter_params
    from mlp_lessons.forward_pass import chapter_test_table, format_test_table
    from mlp_lessons.numpy_mlp import TrainingDiverged, fit_chapter

    T = T_XNOR if args.targets == "xnor" else T_XOR
    progress = None if args.no_progress else _ProgressBar(args.epochs)
    try:
        trained = fit_chapter(chapter_params(), XOR_X, T, epochs=args.epochs,
                              learning_rate=args.learning_rate, progress=progress)
    except TrainingDiverged as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(format_test_table(chapter_test_table(trained, XOR_X, T)))
    return 0


# --- descent ------------------------------------------------------------------

def add_descent(subparsers) -> None:
    parser = subparsers.add_parser(
        "descent",
        help="경사 하강법 실습의 반복 출력 (the chapter's 1-D gradient-descent lab)",
        description="Minimise (x-3)**2 + 10 by x = x - learning_rate * (2x - 6) and print what "
                    "the chapter's loop prints under Python 3: one line per iteration, then the minimum.",
    )
    parser.add_argument("--x0", type=float, default=10.0, help="starting x (default: 10)")
    parser.add_argument("--learning-rate", type=_positive_float, default=0.2, help="학습률 (default: 0.2)")
    parser.add_argument("--iterations", type=_positive_int, default=100,
                        help="max_iterations (default: 100)")
    parser.add_argument("--precision", type=_positive_float, default=0.00001,
                        help="step length that counts as converged (default: 0.00001)")
    parser.add_argument("--stop-at-precision", action="store_true",
                        help="stop once a step is shorter than --precision "
                             "(the chapter defines precision but never uses it)")
    parser.set_defaults(func=run_descent)


def run_descent(args: argparse.Namespace) -> int:
    from mlp_lessons.gradient_descent import chapter_output, descent_1d

    try:
        history = descent_1d(args.x0, args.learning_rate, args.precision, args.iterations,
                             stop_at_precision=args.stop_at_precision)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(chapter_output(history))
    if history.diverged:
        print(f"발산: |x| grew past 1e150 after {history.n_iterations} iterations "
              f"(learning_rate={args.learning_rate} > 1 diverges)", file=sys.stderr)
    return 0


# --- parser -----------------------------------------------------------------

#: Subcommand builders, in the order ``--help`` lists them.
COMMANDS = [add_figures, add_numbers, add_xor, add_descent]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m mlp_lessons",
        description="다층 퍼셉트론(MLP) 교재의 코드 — the MLP chapter's code.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS:
        add(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

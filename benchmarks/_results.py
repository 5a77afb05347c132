"""One row format for every benchmark, so ``run_all.py`` prints one table (and the site shows it).

A benchmark script adds ``--json PATH`` with :func:`add_json_option` and, at the end, calls
:func:`write` with its rows.  A row is one measured comparison::

    row("chapter_loop", "XOR 학습 90000 에포크", 0.335, "s", reference="넘파이 루프 (원문 코드)",
        reference_value=21.27, ratio=63.5, ratio_label="speed-up", goal=20, met=True)

- ``value``/``unit``: our implementation's figure (seconds, ms per epoch, frames per second, a score);
- ``reference``/``reference_value``: the peer measured in the same run (None when there is none);
- ``ratio``: how the two compare, in the direction ``ratio_label`` names — ``"speed-up"`` (peer time
  ÷ our time: higher is better), ``"x bare"`` (our time ÷ the bare build's: lower is better) — or
  None for an absolute figure (e.g. a Lighthouse score, frames per second);
- ``goal``/``met``: the issue's target in the same terms as ``ratio`` (or ``value`` when ``ratio``
  is None) and whether this run met it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

#: Which way each ratio counts as better (run_all.py checks ``met`` against it).
RATIO_LABELS = {"speed-up": "higher", "x bare": "lower"}


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", type=Path, metavar="PATH",
                        help="also write the results as JSON rows (benchmarks/_results.py)")


def row(benchmark: str, case: str, value: float, unit: str, *, reference: str | None = None,
        reference_value: float | None = None, ratio: float | None = None,
        ratio_label: str | None = None, goal: float | None = None,
        met: bool | None = None) -> dict:
    """One result row; raises ValueError on an inconsistent row."""
    if (reference is None) != (reference_value is None):
        raise ValueError(f"{benchmark}/{case}: reference and reference_value go together, "
                         f"got {reference!r} and {reference_value!r}")
    if (ratio is None) != (ratio_label is None):
        raise ValueError(f"{benchmark}/{case}: ratio needs ratio_label, got {ratio!r}, {ratio_label!r}")
    if ratio_label is not None and ratio_label not in RATIO_LABELS:
        raise ValueError(f"{benchmark}/{case}: ratio_label must be one of {sorted(RATIO_LABELS)}, "
                         f"got {ratio_label!r}")
    if (goal is None) != (met is None):
        raise ValueError(f"{benchmark}/{case}: goal and met go together, got {goal!r} and {met!r}")
    return {"benchmark": benchmark, "case": case, "value": float(value), "unit": unit,
            "reference": reference,
            "reference_value": None if reference_value is None else float(reference_value),
            "ratio": None if ratio is None else float(ratio), "ratio_label": ratio_label,
            "goal": goal, "met": met}


def write(path: Path | None, rows: list[dict]) -> None:
    """Write ``rows`` to ``path`` as JSON (nothing when ``path`` is None)."""
    if path is not None:
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

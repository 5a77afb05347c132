"""Benchmark: what the PDFs cost (issue 19): printing time and size of each edition's PDF.

In one run: both editions are built (``mkdocs build --strict``, side by side, as
``scripts/build.sh`` and the tests build them; the caches of this working tree are used) into a
temporary folder — the peer — and then printed with ``scripts/pdf.py --site`` (both editions
side by side, as ``scripts/build.sh`` prints them).  The printing time is given as a ratio to
that build's time ("x bare": the build is the bare work the PDFs add to); the sizes are absolute.
No goal: the record says what a reader downloads and what an instructor waits for.

    .venv/bin/python benchmarks/bench_pdf.py [--json PATH]
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
BOOKS = {"ko": Path("mlp-ko.pdf"), "en": Path("en") / "mlp-en.pdf"}


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_json_option(parser)
    args = parser.parse_args(argv)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        start = time.perf_counter()
        builds = [subprocess.Popen([python, "-m", "mkdocs", "build", "--strict", "-q", "-f", config,
                                    "--site-dir", str(folder)], cwd=ROOT, env=env)
                  for config, folder in [("mkdocs.yml", site), ("mkdocs.en.yml", Path(tmp) / "en")]]
        if any(build.wait() for build in builds):
            print("the build failed", file=sys.stderr)
            return 1
        build_seconds = time.perf_counter() - start
        (Path(tmp) / "en").rename(site / "en")
        pdf_seconds = timed([python, str(ROOT / "scripts" / "pdf.py"), "--site", str(site)], env)
        sizes = {edition: (site / book).stat().st_size for edition, book in BOOKS.items()}
    print(f"both editions built in {build_seconds:.1f} s, printed in {pdf_seconds:.1f} s "
          f"({pdf_seconds / build_seconds:.2f}x); 1-minute load average {os.getloadavg()[0]:.1f}")
    rows = [row("pdf", "print both editions (scripts/pdf.py --site)", pdf_seconds, "s",
                reference="both editions' mkdocs build, same run", reference_value=build_seconds,
                ratio=pdf_seconds / build_seconds, ratio_label="x bare")]
    for edition, size in sizes.items():
        print(f"{BOOKS[edition]}: {size / 1e6:.1f} MB")
        rows.append(row("pdf", f"size of {BOOKS[edition].name}", size / 1e6, "MB"))
    write(args.json, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The offline copy: the whole site, both editions, as a zip that works opened from disk.

    python scripts/offline.py --site site            # writes site/mlp-offline.zip

``scripts/build.sh`` runs it after the builds and the PDFs.  Both editions are built again
with ``OFFLINE=true`` (Material's ``offline`` plugin and ``hooks/offline.py``: pages as
``….html`` files, search without a server, the playground's and the explorables' modules as
classic scripts), side by side, into ``mlp-offline/`` (Korean) and ``mlp-offline/en/``
(English), as the site is laid out; the PDFs of ``site/`` are copied in when they are there.
The builds reuse the figures, numbers and notebooks the site's build left in ``.cache/``.

The zip's entries are sorted and dated ``SOURCE_DATE_EPOCH`` (else 1980-01-01): the same site
gives the same zip.  A reader unzips it and opens ``mlp-offline/index.html``
(``mlp-offline/en/index.html`` for the English edition).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "mlp-offline"
ZIP = f"{NAME}.zip"
#: Edition → (config, folder in the copy, the PDF scripts/pdf.py printed into that folder).
EDITIONS = {"ko": ("mkdocs.yml", "", "mlp-ko.pdf"), "en": ("mkdocs.en.yml", "en", "mlp-en.pdf")}


def build(out: Path, with_pdf: bool) -> None:
    """Build both editions with OFFLINE=true into ``out`` (English in ``out/en``); with the
    PDF download buttons if the PDFs will be copied in (hooks/offline.py)."""
    env = dict(os.environ, OFFLINE="true", NO_MKDOCS_2_WARNING="1", MLP_OFFLINE_PDF="1" if with_pdf else "0")
    staging = out.parent / (out.name + "-en")
    targets = {"ko": out, "en": staging}
    running = {edition: subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "--site-dir", str(targets[edition])],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for edition, (config, _, _) in EDITIONS.items()}
    outputs = {edition: process.communicate()[0] for edition, process in running.items()}
    failed = {e: o for e, o in outputs.items() if running[e].returncode != 0}
    if failed:
        raise SystemExit("scripts/offline.py: the offline build failed:\n"
                         + "\n".join(f"[{e}]\n{o}" for e, o in failed.items()))
    shutil.move(str(staging), str(out / "en"))


def write_zip(folder: Path, zip_path: Path) -> None:
    """``folder`` as ``zip_path``, under its own name, entries sorted and dated alike."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    date = time.gmtime(max(epoch, 315532800))[:6]
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    partial = zip_path.with_name(zip_path.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    partial.replace(zip_path)


def make(site: Path, out: Path) -> Path:
    """Build the offline copy, copy in the PDFs of ``site``, zip it to ``out/mlp-offline.zip``."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / NAME
        pdfs = [(site / folder / pdf, copy / folder / pdf) for _, folder, pdf in EDITIONS.values()]
        with_pdf = all(source.is_file() for source, _ in pdfs)
        build(copy, with_pdf)
        for source, target in pdfs if with_pdf else []:
            shutil.copy2(source, target)
        write_zip(copy, out / ZIP)
    return out / ZIP


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="the built site (its PDFs are copied in)")
    parser.add_argument("--out", type=Path, help="where to write mlp-offline.zip (default: the site)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    made = make(args.site, args.out or args.site)
    print(f"{made}: {made.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

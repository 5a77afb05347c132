"""Gate 5 (issue 7): two clean builds give byte-identical sites.

Build A is the session build (fixture ``builds`` of tests/conftest.py: the working
tree, both editions, ``SOURCE_DATE_EPOCH`` fixed).  Build B starts from nothing: the
project's files (those git tracks, and new ones it does not ignore) are copied into
a temporary folder — no ``.cache/``, no ``site/``, so every figure is drawn, every
number computed and every notebook executed again — and both editions are built
there side by side, with the same ``SOURCE_DATE_EPOCH``, Korean into ``site/`` and
English into ``site/en/`` as ``scripts/build.sh`` does.  Every file of the two sites
must have the same bytes and the same permission bits; a failure names each file
that differs and shows where it first does.

Build B costs about as much as the session build (the notebooks and figures).  The
cheap tests below pin the known sources of difference one by one, so a regression
there says what broke: the build date, the notebooks' printed text, clocks in
notebooks.

Run alone: ``.venv/bin/pytest tests/test_gate_reproducible.py``.
"""

from __future__ import annotations

import datetime
import difflib
import gzip
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import EDITIONS, ROOT, SOURCE_DATE_EPOCH, start_builds

#: Seconds one edition's clean build may take (about 1-2.5 min here, on a busy machine).
BUILD_TIMEOUT = 900
#: Files reported in detail when the sites differ (all are counted).
REPORTED = 8
#: Lines of diff shown per file, and characters shown around the first difference in a line.
DIFF_LINES = 8
AROUND = 90


# --- build B -------------------------------------------------------------------------------

def project_files(root: Path) -> list[str]:
    """The files a fresh clone would have (plus new files git does not ignore), relative."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root, capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.fail(f"`git ls-files` failed in {root}: {listed.stderr.strip()}", pytrace=False)
    return sorted({name for name in listed.stdout.split("\0")
                   if name and (root / name).is_file()})     # a deleted, uncommitted file is gone


def copy_project(root: Path, dest: Path) -> None:
    """Copy the project's files (not ``.cache/``, ``site/``, ``.venv/``) into ``dest``.

    ``node_modules/`` (installed from package-lock.json, used by the build) is linked, not
    copied: it is an installed dependency like ``.venv/``, not an input of the site.
    """
    for name in project_files(root):
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    if (root / "node_modules").is_dir():
        (dest / "node_modules").symlink_to(root / "node_modules", target_is_directory=True)


def clean_build(project: Path, site: Path) -> None:
    """Build both editions of ``project`` with ``--strict`` side by side into ``site``
    (English into ``site/en``); fail the test, with mkdocs' output, if either fails."""
    english = site.with_name(site.name + "-en")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH,
               # notebooks import mlp_lessons from the copy, not from the editable install
               PYTHONPATH=os.pathsep.join([str(project), *filter(None, [os.environ.get("PYTHONPATH")])]))
    running = start_builds(project, {"ko": site, "en": english}, env)
    failed = []
    for edition, process in running.items():
        try:
            output = process.communicate(timeout=BUILD_TIMEOUT)[0]
        except subprocess.TimeoutExpired:
            process.kill()
            output = process.communicate()[0] + f"\n(killed after {BUILD_TIMEOUT} s)"
        if process.returncode != 0:
            failed.append(f"--- clean build B ({edition}) failed:\n{output}")
    if failed:
        pytest.fail("\n".join(failed), pytrace=False)
    shutil.move(str(english), str(site / "en"))


@pytest.fixture(scope="module")
def second_build(tmp_path_factory) -> Path:
    """Build B: both editions built from a fresh copy of the project, caches empty."""
    work = tmp_path_factory.mktemp("clean-build")
    project = work / "project"
    copy_project(ROOT, project)
    site = work / "site"
    clean_build(project, site)
    return site


# --- comparing two sites -------------------------------------------------------------------

def files(root: Path) -> dict[str, Path]:
    """Every file below ``root`` by its relative path."""
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def first_difference(a, b) -> int:
    """Index of the first item where ``a`` and ``b`` differ (the shorter length if one is a prefix)."""
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def _clip(line: str, column: int) -> str:
    start = max(0, column - AROUND)
    return ("…" if start else "") + line[start:column + AROUND] + ("…" if len(line) > column + AROUND else "")


def text_diff(a: str, b: str) -> list[str]:
    """The first lines of a unified diff of ``a`` and ``b`` (no context), long lines clipped
    around the column where the first removed and added lines of each hunk differ."""
    shown: list[str] = []
    matcher = difflib.SequenceMatcher(None, a_lines := a.splitlines(), b_lines := b.splitlines(),
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old, new = a_lines[i1:i2], b_lines[j1:j2]
        column = first_difference(old[0], new[0]) if old and new else 0
        shown.append(f"@@ A line {i1 + 1}, B line {j1 + 1} (column {column + 1})")
        shown += ["- " + _clip(line, column) for line in old[:2]]
        shown += ["+ " + _clip(line, column) for line in new[:2]]
        if len(shown) >= DIFF_LINES:
            break
    return shown[:DIFF_LINES]


def describe(name: str, a: bytes, b: bytes) -> list[str]:
    """Lines saying how two versions of one file differ."""
    if name.endswith(".gz"):
        inner_a, inner_b = gzip.decompress(a), gzip.decompress(b)
        if inner_a == inner_b:
            mtime = lambda data: int.from_bytes(data[4:8], "little")   # noqa: E731  (RFC 1952)
            return [f"{name}: same content, different gzip header (MTIME A {mtime(a)}, "
                    f"B {mtime(b)}; SOURCE_DATE_EPOCH {SOURCE_DATE_EPOCH})"]
        return describe(name + " (decompressed)", inner_a, inner_b)
    try:
        text_a, text_b = a.decode("utf-8"), b.decode("utf-8")
    except UnicodeDecodeError:
        at = first_difference(a, b)
        return [f"{name}: binary, {len(a)} vs {len(b)} bytes, first difference at byte {at}: "
                f"A {a[at:at + 16].hex(' ')} / B {b[at:at + 16].hex(' ')}"]
    return [f"{name}: {len(a)} vs {len(b)} bytes"] + ["    " + line for line in text_diff(text_a, text_b)]


def compare_sites(a: Path, b: Path) -> list[str]:
    """Lines describing every difference between the sites ``a`` and ``b`` (empty: identical)."""
    files_a, files_b = files(a), files(b)
    report = [f"only in A: {name}" for name in sorted(files_a.keys() - files_b.keys())]
    report += [f"only in B: {name}" for name in sorted(files_b.keys() - files_a.keys())]
    differing = []
    for name in sorted(files_a.keys() & files_b.keys()):
        data_a, data_b = files_a[name].read_bytes(), files_b[name].read_bytes()
        mode_a, mode_b = (stat.S_IMODE(files_a[name].stat().st_mode),
                          stat.S_IMODE(files_b[name].stat().st_mode))
        if data_a != data_b:
            differing.append(describe(name, data_a, data_b))
        elif mode_a != mode_b:
            differing.append([f"{name}: same bytes, permissions {mode_a:o} vs {mode_b:o}"])
    if differing:
        report.append(f"{len(differing)} file(s) differ:")
        for lines in differing[:REPORTED]:
            report += lines
        if len(differing) > REPORTED:
            report.append(f"… and {len(differing) - REPORTED} more: "
                          + ", ".join(lines[0].split(":")[0] for lines in differing[REPORTED:]))
    return report


# --- the gate --------------------------------------------------------------------------------

def test_two_clean_builds_are_byte_identical(site, edition_site, second_build):
    """Build A (session, working tree) and build B (fresh copy, empty caches): same bytes."""
    edition_site("en")                                   # fails here if the English build A failed
    report = compare_sites(site, second_build)
    if report:
        pytest.fail(
            "two builds of the same sources differ (A: the session build of the working tree; "
            f"B: a clean build of a copy; both with SOURCE_DATE_EPOCH={SOURCE_DATE_EPOCH}).\n"
            "A difference that goes away after deleting .cache/ came from an old cache; "
            "otherwise the build is not deterministic: fix its source.\n" + "\n".join(report),
            pytrace=False)


# --- known sources of difference, one by one (cheap) ------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_sitemap_dates_come_from_source_date_epoch(edition_site, edition):
    """sitemap.xml.gz's gzip header carries the fixed build day, and so would each <lastmod>
    of sitemap.xml (MkDocs lists pages there only when ``site_url`` is set)."""
    root = edition_site(edition)
    day = datetime.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), datetime.timezone.utc).date()
    sitemap = (root / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>") == sitemap.count(f"<lastmod>{day.isoformat()}</lastmod>")
    packed = (root / "sitemap.xml.gz").read_bytes()
    # MTIME (RFC 1952): MkDocs writes the pages' newest update date, the build day at 00:00 UTC
    midnight = datetime.datetime.combine(day, datetime.time(), datetime.timezone.utc)
    assert int.from_bytes(packed[4:8], "little") == int(midnight.timestamp())
    assert gzip.decompress(packed).decode("utf-8") == sitemap


NOTEBOOKS = sorted((ROOT / "docs" / "notebooks").glob("*.ipynb")) + \
    sorted((ROOT / "docs_en" / "notebooks").glob("*.ipynb"))
#: What reads a clock in a code cell; the site executes notebooks at build time.
CLOCKS = ("time.time(", "perf_counter", "process_time", "monotonic(", "datetime.now", "date.today",
          "%time", "%%time", "%timeit")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_notebook_code_reads_no_clock(path):
    """A measured time printed by a notebook changes every build (benchmarks/ measure speed)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for i, cell in enumerate(cells):
        source = "".join(cell["source"])
        if cell["cell_type"] == "code":
            found = [clock for clock in CLOCKS if clock in source]
            assert not found, f"{path.name} cell {i} reads a clock ({found}): its output would " \
                              "differ between builds; time it in benchmarks/ instead"


def test_printed_text_is_one_output_however_the_kernel_flushed():
    """hooks/notebook_cache.py joins consecutive pieces of a cell's printed text (the kernel
    flushes on a timer), keeps the cell range mkdocs-jupyter asks for, and keeps the order of
    text and pictures."""
    nbformat = pytest.importorskip("nbformat")
    from traitlets.config import Config

    from mlp_devtools.hooks import load

    load("notebook_cache")._join_printed_text()
    from mkdocs_jupyter import nbconvert2

    out = nbformat.v4.new_output
    cells = [nbformat.v4.new_code_cell(f"cell {i}", outputs=[
        out("stream", name="stdout", text="a\n"), out("stream", name="stdout", text="b\n"),
        out("stream", name="stderr", text="w\n"), out("display_data", data={"text/plain": "plot"}),
        out("stream", name="stdout", text="c\n")]) for i in range(3)]
    nb = nbformat.v4.new_notebook(cells=cells)
    config = Config({"SubCell": {"enabled": True, "start": 1, "end": None}})
    result, _ = nbconvert2.SubCell(config=config)(nb, {})
    assert [cell.source for cell in result.cells] == ["cell 1", "cell 2"]
    assert [(o.output_type, o.get("name"), o.get("text")) for o in result.cells[0].outputs] == [
        ("stream", "stdout", "a\nb\n"), ("stream", "stderr", "w\n"),
        ("display_data", None, None), ("stream", "stdout", "c\n")]

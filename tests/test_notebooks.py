"""The Lab notebooks: stored clean, run top to bottom, show the chapter's numbers.

Both editions: docs/notebooks/ (Korean) and docs_en/notebooks/ (English: the same
file names, translated Markdown cells, identical code cells).  An English
notebook that does not exist yet simply has no tests.

(a) Every notebook is stored without outputs, execution counts or execution
    metadata (the site executes them; the download must be the clean file).
(b) Every notebook runs in a fresh ``python3`` kernel of this venv (nbclient,
    several at once, in a worker thread: Playwright's sync API may hold an
    asyncio loop in the main thread when the browser tests ran first) without an error or a line on stderr; a cell appended in
    memory prints a JSON summary of the notebook's own variables, and the
    chapter's numbers are asserted from it and from the printed outputs.
(c) The built site (session fixture ``site`` of tests/conftest.py) has one
    page per notebook, with its outputs, the clean .ipynb next to it, and
    links that resolve.

Run alone: ``.venv/bin/pytest tests/test_notebooks.py``.  After editing a
notebook in Jupyter, store it clean again (byte-identical to what is stored now)::

    .venv/bin/jupyter nbconvert --clear-output --inplace \
        --ClearMetadataPreprocessor.enabled=True \
        "--ClearMetadataPreprocessor.preserve_nb_metadata_mask=[('language_info','name'),('kernelspec',)]" \
        docs/notebooks/*.ipynb docs_en/notebooks/*.ipynb
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import html.parser
import json
import os
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

from conftest import EDITIONS, ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK_DIRS = {"ko": ROOT / "docs" / "notebooks", "en": ROOT / "docs_en" / "notebooks"}
STEMS = ["01_activations", "02_forward_pass", "03_gradient_descent", "04_numpy_mlp", "05_digits"]
#: Every notebook file of both editions, as (edition, path).
NOTEBOOKS = [(edition, path) for edition, folder in NOTEBOOK_DIRS.items()
             for path in sorted(folder.glob("*.ipynb"))]
#: (edition, stem) of every notebook file that exists; the English ones appear as they are written.
RUNS = [(edition, path.stem) for edition, path in NOTEBOOKS if path.stem in STEMS]
#: Editions with a notebook folder.
PRESENT = [edition for edition, folder in NOTEBOOK_DIRS.items() if folder.is_dir()]


def ids(value) -> str:
    """Test id of one parameter: a notebook by its stem."""
    return value.stem if isinstance(value, Path) else str(value)


def with_stems(stems) -> list:
    """(edition, stem) pairs of the notebooks that exist, for the given stems."""
    return [(edition, stem) for edition, stem in RUNS if stem in stems]

#: Lesson page of each notebook (the notebook links back to it).
LESSON = {"01_activations": "activations", "02_forward_pass": "forward_pass",
          "03_gradient_descent": "gradient_descent", "04_numpy_mlp": "numpy_mlp",
          "05_digits": "numpy_mlp"}

#: The chapter's printed outputs after 90000 epochs (its test()), inputs (0,0), (0,1), (1,0), (1,1).
CHAPTER_XNOR = ["0.99196032", "0.00835708", "0.00836107", "0.98974873"]

#: Test accuracy the digits notebook must reach.  Its run: 64-32-10 sigmoid MLP,
#: MSE, learning rate 2.0, 30 epochs, batches of 32, init_params(seed=0), shuffle
#: seed 0, 25 % stratified test split (random_state=0, 450 test images).  Observed
#: here: 0.9622 (17 wrong).  Everything is seeded, so only float rounding (BLAS)
#: can move it by an image or two; 0.90 leaves ~28 images of margin and still
#: fails for a broken trainer (chance level is 0.10).
DIGITS_MIN_ACCURACY = 0.90

#: Per cell, seconds (the slowest cell takes ~2 s here; a hang fails instead of blocking).
CELL_TIMEOUT = 120

#: Python expression evaluated after the last cell of each notebook; its value is printed as JSON.
SUMMARY = {
    "01_activations": '{"tanh_identity": bool(same)}',
    "02_forward_pass": '{"a_y": a_y, "batch": layer2.ravel().tolist(), "loss": float(mse(layer2, T_XOR))}',
    "03_gradient_descent": '{"final_x": history.final_x, "iterations": history.n_iterations,'
                           ' "path_end": path.final_x.tolist()}',
    "04_numpy_mlp": '{"outputs": predict(trained, XOR_X)[2].ravel().tolist(),'
                    ' "numpy_vs_fast": numpy_vs_fast, "train_vs_fast": train_vs_fast,'
                    ' "batch_loss": float(batch.loss_history[-1])}',
    "05_digits": '{"test_accuracy": test_accuracy, "accuracy_mse": accuracy_mse.tolist(),'
                 ' "accuracy_ce": accuracy_ce.tolist(), "n_test": len(y_test)}',
}
MARK = "NOTEBOOK-SUMMARY "

#: Labels the activations notebook prints (its code speaks the edition's language):
#: three linear layers, the one layer they collapse into, the stack with ReLU.
COLLAPSE_LABELS = {"ko": ("세 층의 출력", "한 층의 출력", "ReLU를 넣으면"),
                   "en": ("Three layers", "One layer", "With ReLU")}


@pytest.mark.parametrize("edition", PRESENT)
def test_the_five_notebooks_are_there(edition):
    assert [p.stem for e, p in NOTEBOOKS if e == edition] == STEMS


# --- (a) stored clean ----------------------------------------------------------------

@pytest.mark.parametrize("edition, path", NOTEBOOKS, ids=ids)
def test_stored_without_outputs(edition, path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    nbformat.validate(nbformat.from_dict(raw))
    assert set(raw["metadata"]) <= {"kernelspec", "language_info"}, raw["metadata"]
    assert raw["metadata"]["kernelspec"]["name"] == "python3"
    assert set(raw["metadata"].get("language_info", {})) <= {"name"}, "language_info has version noise"
    for i, cell in enumerate(raw["cells"]):
        where = f"{path.name} cell {i} ({cell['cell_type']})"
        assert cell["metadata"] == {}, f"{where}: metadata {cell['metadata']}"
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{where} has outputs: clear them (see this module's docstring)"
            assert cell["execution_count"] is None, f"{where} has an execution count"
        assert "attachments" not in cell, f"{where} has attachments"


@pytest.mark.parametrize("edition, path", NOTEBOOKS, ids=ids)
def test_structure(edition, path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "title (H1) first"
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert f"(../../{LESSON[path.stem]}/)" in markdown, "link back to the lesson page"
    assert "$" in markdown, "formulas in Markdown cells"
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "mlp_lessons" in code


# --- (b) executed ------------------------------------------------------------------------

def summary_cell(stem: str) -> str:
    return f"import json as _json\nprint({MARK!r} + _json.dumps({SUMMARY[stem]}))\n"


async def _execute(path: Path, slots: asyncio.Semaphore):
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        summary_cell(path.stem) + "import sys as _sys\nprint('KERNEL-PREFIX', _sys.prefix)\n"))
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    async with slots:
        await client.async_execute()
    return nb


#: Kernels running at the same time (2 cores here; more only adds memory).
PARALLEL = 4


def _execute_all(paths: list[Path]) -> list:
    async def run_all():
        slots = asyncio.Semaphore(PARALLEL)
        return await asyncio.gather(*(_execute(p, slots) for p in paths))
    return asyncio.run(run_all())


@pytest.fixture(scope="module")
def executed() -> dict:
    """Each notebook run in its own fresh kernel, as {(edition, stem): executed notebook}.

    ``asyncio.run`` goes to a worker thread: when Chromium is open (the session fixture
    ``browser``), Playwright's sync API keeps an event loop running in the main thread,
    and ``asyncio.run`` refuses to start there.
    """
    paths = [NOTEBOOK_DIRS[edition] / f"{stem}.ipynb" for edition, stem in RUNS]
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        notebooks = pool.submit(_execute_all, paths).result()
    return dict(zip(RUNS, notebooks))


def outputs(nb, kind: str) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == kind]


def stdout(nb) -> str:
    return "".join(o.text for o in outputs(nb, "stream") if o.name == "stdout")


def summary(nb) -> dict:
    lines = [line for line in stdout(nb).splitlines() if line.startswith(MARK)]
    assert len(lines) == 1
    return json.loads(lines[0][len(MARK):])


def n_images(nb) -> int:
    return sum("image/png" in o.data for o in outputs(nb, "display_data"))


@pytest.mark.parametrize("edition, stem", RUNS, ids=ids)
def test_runs_cleanly_in_the_venv_kernel(executed, edition, stem):
    nb = executed[edition, stem]
    assert outputs(nb, "error") == []
    stderr = "".join(o.text for o in outputs(nb, "stream") if o.name == "stderr")
    assert stderr == "", f"{stem} wrote to stderr (a warning, a missing glyph?):\n{stderr}"
    prefix = [line for line in stdout(nb).splitlines() if line.startswith("KERNEL-PREFIX ")]
    assert prefix == [f"KERNEL-PREFIX {sys.prefix}"], "the kernel is not this venv's Python"
    # every code cell of the notebook itself printed or drew something, none was left silent by mistake
    assert n_images(nb) >= {"01_activations": 5, "02_forward_pass": 1, "03_gradient_descent": 5,
                            "04_numpy_mlp": 3, "05_digits": 4}[stem]


@pytest.mark.parametrize("edition", [e for e, stem in with_stems(["01_activations"])])
def test_activations_notebook(executed, edition):
    nb = executed[edition, "01_activations"]
    text = stdout(nb)
    assert "AttributeError: module 'numpy' has no attribute 'int'" in text   # the chapter's np.int
    assert "step(x)         = [0 0 1 1 1]" in text                           # threshold 0, as the formula
    assert "chapter_step(x) = [0 0 0 1 1]" in text                           # the chapter's 0.000001
    assert summary(nb)["tanh_identity"] is True
    lines = dict(line.split(":", 1) for line in text.splitlines() if line.endswith("]") and ":" in line)
    three, one, relu = COLLAPSE_LABELS[edition]
    assert lines[three] == lines[one]           # linear layers collapse into one
    assert lines[relu] != lines[three]


@pytest.mark.parametrize("edition", [e for e, stem in with_stems(["02_forward_pass"])])
def test_forward_pass_notebook(executed, edition):
    nb = executed[edition, "02_forward_pass"]
    result = summary(nb)
    assert f"{result['a_y']:.8f}" == "0.70938314"
    assert [f"{v:.8f}" for v in result["batch"]] == ["0.70938314", "0.72844306", "0.71791234", "0.73598705"]
    assert "layer2 = [[0.70938314]]" in stdout(nb)


@pytest.mark.parametrize("edition", [e for e, stem in with_stems(["03_gradient_descent"])])
def test_gradient_descent_notebook(executed, edition):
    result = summary(executed[edition, "03_gradient_descent"])
    assert result["iterations"] == 100
    assert abs(result["final_x"] - 3.0) < 1e-4
    assert max(abs(v) for v in result["path_end"]) < 0.2          # 2-D path heads to (0, 0)
    assert "최소값 =  3.0000000000000004" in stdout(executed[edition, "03_gradient_descent"])


@pytest.mark.parametrize("edition", [e for e, stem in with_stems(["04_numpy_mlp"])])
def test_numpy_mlp_notebook(executed, edition):
    nb = executed[edition, "04_numpy_mlp"]
    result = summary(nb)
    assert [f"{v:.8f}" for v in result["outputs"]] == CHAPTER_XNOR
    for line in ("[[0 0]] [1] [[0.99196032]]", "[[0 1]] [0] [[0.00835708]]",
                 "[[1 0]] [0] [[0.00836107]]", "[[1 1]] [1] [[0.98974873]]"):
        assert line in stdout(nb)
    assert result["numpy_vs_fast"] < 1e-12      # the chapter's NumPy loop = the fast loop
    assert result["train_vs_fast"] < 1e-12      # train(batch_size=1, shuffle=False) = the chapter's loop
    assert result["batch_loss"] < 0.01          # the full-batch run left the 1/8 plateau


@pytest.mark.parametrize("edition", [e for e, stem in with_stems(["05_digits"])])
def test_digits_notebook(executed, edition):
    result = summary(executed[edition, "05_digits"])
    assert result["n_test"] == 450
    assert result["test_accuracy"] >= DIGITS_MIN_ACCURACY, result["test_accuracy"]
    mse, ce = result["accuracy_mse"], result["accuracy_ce"]
    assert len(mse) == len(ce) == 30
    # the notebook's claim: cross-entropy climbs much faster in the first epochs (seed 0: 0.69 vs 0.28)
    assert sum(ce[:5]) / 5 > sum(mse[:5]) / 5 + 0.2
    assert ce[-1] >= DIGITS_MIN_ACCURACY


# --- (c) the built site --------------------------------------------------------------------

class _Tags(html.parser.HTMLParser):
    """Start tags of a page, and the links inside its <article> (the content, not the nav)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.article_links = []
        self._in_article = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "article":
            self._in_article = True
        elif tag == "a" and self._in_article:
            self.article_links.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article = False


def parse(page: Path) -> _Tags:
    parser = _Tags()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def tags(page: Path) -> list:
    return parse(page).tags


def notebook_page(site: Path, stem: str) -> Path:
    return site / "notebooks" / stem / "index.html"


@pytest.mark.parametrize("edition, stem", RUNS, ids=ids)
def test_site_has_the_executed_notebook(edition_site, edition, stem):
    page = notebook_page(edition_site(edition), stem)
    text = page.read_text(encoding="utf-8")
    assert "jp-OutputArea-output" in text and "data:image/png;base64," in text, "outputs missing"
    assert "jp-RenderedMarkdown" in text
    expected = {"02_forward_pass": "[[0.70938314]]", "04_numpy_mlp": "[[0.99196032]]",
                "03_gradient_descent": "3.0000000000000004"}.get(stem)
    if expected:
        assert expected in text


@pytest.mark.parametrize("edition, stem", RUNS, ids=ids)
def test_site_offers_the_clean_notebook(edition_site, edition, stem):
    site = edition_site(edition)
    copy = notebook_page(site, stem).parent / f"{stem}.ipynb"
    assert copy.read_bytes() == (NOTEBOOK_DIRS[edition] / f"{stem}.ipynb").read_bytes()
    links = [a.get("href") for t, a in tags(notebook_page(site, stem)) if t == "a" and "download" in a]
    assert f"{stem}.ipynb" in links, links


@pytest.mark.parametrize("edition, stem", RUNS, ids=ids)
def test_notebook_page_links_and_scripts_stay_in_the_site(edition_site, edition, stem):
    """Links in notebook cells are not checked by ``mkdocs build --strict``: check them here."""
    page = notebook_page(edition_site(edition), stem)
    for tag, attrs in tags(page):
        url = attrs.get("href") if tag == "a" else None
        if tag == "script" and attrs.get("src") is not None:
            src = attrs["src"]
            # mkdocs-jupyter writes an empty MathJax 2 <script src="">: the browser fetches nothing
            assert src == "" or not src.startswith(("http:", "https:", "//")), src
        if not url or url.startswith(("#", "http:", "https:", "mailto:")):
            continue
        path = unquote(urlsplit(url).path)
        if not path:
            continue
        target = (page.parent / path).resolve()
        if target.is_dir():
            target = target / "index.html"
        assert target.is_file(), f"{stem}: broken link {url}"
    assert f"../../{LESSON[stem]}/" in parse(page).article_links, "no link back to the lesson page"


@pytest.mark.parametrize("edition", EDITIONS)
def test_site_nav_lists_the_notebooks(edition_site, edition):
    hrefs = {a.get("href") for t, a in tags(edition_site(edition) / "index.html") if t == "a"}
    for stem in STEMS:
        assert f"notebooks/{stem}/" in hrefs


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("stem", STEMS[:4])
def test_lesson_page_links_to_its_notebook(edition_site, edition, stem):
    """Each lesson page links to its notebook (``[노트북으로 실습하기](notebooks/<stem>.ipynb)``)."""
    links = parse(edition_site(edition) / LESSON[stem] / "index.html").article_links
    assert f"../notebooks/{stem}/" in links, f"{LESSON[stem]}.md does not link to notebooks/{stem}.ipynb"


@pytest.mark.parametrize("edition", EDITIONS)
def test_mkdocs_jupyter_settings(edition):
    from mkdocs.config import load_config
    config = load_config(str(ROOT / EDITIONS[edition][0]))
    plugin = config.plugins["mkdocs-jupyter"].config
    if "NOTEBOOKS_EXECUTE" not in os.environ:
        assert plugin["execute"] is True
    assert plugin["include"] == ["notebooks/*.ipynb"]
    assert plugin["allow_errors"] is False          # a failing cell fails the build
    assert plugin["kernel_name"] == "python3"
    assert plugin["cache"] is False                 # a cache would not notice changes to mlp_lessons
    assert plugin["include_requirejs"] is False and plugin["include_source"] is True
    assert plugin["custom_mathjax_url"] == ""       # no MathJax 2 from a CDN


def test_python3_kernel_is_this_venv():
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert Path(spec.resource_dir).is_relative_to(sys.prefix) or spec.argv[0] == sys.executable, spec.resource_dir
    assert PurePosixPath(spec.argv[0]).name.startswith("python")

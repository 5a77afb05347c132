"""The Lab notebooks: stored clean, run once by the site build, show the chapter's numbers.

Both editions: docs/notebooks/ (Korean) and docs_en/notebooks/ (English: the same
file names, translated Markdown cells, identical code cells but for the labels
they print and the figures' language: tests/test_editions.py checks that).  An English
notebook that does not exist yet simply has no tests.

(a) Every notebook is stored without outputs, execution counts or execution
    metadata (the site executes them; the download must be the clean file).
(b) Every notebook runs in a fresh ``python3`` kernel of this venv without an
    error or a line on stderr, and prints the chapter's numbers: the same numbers
    as ``mlp_lessons`` computes.  The notebooks do not import the package (they
    write the lab code out, so that a downloaded notebook runs anywhere:
    tests/test_notebooks_standalone.py runs them in a fresh venv without it); the
    tests below compute each printed number with the package's own functions and
    compare the printed text.  The tests do not
    run the notebooks: the site build (session fixture ``builds`` of
    tests/conftest.py) already did, once each (hooks/notebook_cache.py; with
    ``allow_errors: false`` a failing cell fails the build).  They read the built
    page of each notebook: nbconvert's output markup tells printed text, stderr and
    errors, and pictures apart, and the numbers are read from the printed text.
    A page may come from .cache/mkdocs-jupyter/, executed by an earlier build: the
    hook keys its cache on the package sources, the notebook, its own code and the
    environment, and the tests find the entry for the current ones, check that the
    page shows that entry's outputs and that its kernel was this venv's Python.
(c) The built site (session fixture ``site`` of tests/conftest.py) has one
    page per notebook, with its outputs, the clean .ipynb next to it, and
    links that resolve.

Run alone: ``.venv/bin/pytest tests/test_notebooks.py`` (builds both editions).
After editing a notebook in Jupyter, store it clean again (byte-identical to what
is stored now)::

    .venv/bin/jupyter nbconvert --clear-output --inplace \
        --ClearMetadataPreprocessor.enabled=True \
        "--ClearMetadataPreprocessor.preserve_nb_metadata_mask=[('language_info','name'),('kernelspec',)]" \
        docs/notebooks/*.ipynb docs_en/notebooks/*.ipynb
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import html.parser
import json
import os
import re
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import ast
import pytest

import numpy as np

from conftest import EDITIONS, ROOT
from mlp_devtools.hooks import load
from mlp_lessons.activations import relu, step
from mlp_lessons.data import T_XNOR, T_XOR, XOR_X, chapter_params
from mlp_lessons.forward_pass import chapter_test_table, format_test_table, worked_example
from mlp_lessons.forward_pass import predict as forward_predict
from mlp_lessons.gradient_descent import chapter_output, descent_1d, descent_2d, learning_rate_sweep
from mlp_lessons.loss import sse, one_hot
from mlp_lessons.network import init_params
from mlp_lessons.numpy_mlp import accuracy, fit_chapter, predict, train
from mlp_lessons.pages import numpy_mlp as numpy_mlp_page
from mlp_lessons.pages.activations import apply_stack, chapter_step, random_linear_stack
from mlp_lessons.pages.forward_pass import CHAPTER_LAB_OUTPUTS

nbformat = pytest.importorskip("nbformat")

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
CHAPTER_XNOR = [f"{y:.8f}" for y in numpy_mlp_page.CHAPTER_PRINTED]

#: Test accuracy the digits notebook must reach.  Its run: 64-32-10 sigmoid MLP,
#: MSE, learning rate 2.0, 30 epochs, batches of 32, init_params(seed=0), shuffle
#: seed 0, 25 % stratified test split (random_state=0, 450 test images).  Observed
#: here: 0.9622 (17 wrong).  Everything is seeded, so only float rounding (BLAS)
#: can move it by an image or two; 0.90 leaves ~28 images of margin and still
#: fails for a broken trainer (chance level is 0.10).
DIGITS_MIN_ACCURACY = 0.90

#: Pictures each notebook draws at least (every code cell of it printed or drew something).
MIN_IMAGES = {"01_activations": 5, "02_forward_pass": 1, "03_gradient_descent": 5,
              "04_numpy_mlp": 3, "05_digits": 4}

#: Labels the activations notebook prints (its code speaks the edition's language):
#: three linear layers, the one layer they collapse into, the stack with ReLU.
COLLAPSE_LABELS = {"ko": ("세 층의 출력", "한 층의 출력", "ReLU를 넣으면"),
                   "en": ("Three layers", "One layer", "With ReLU")}

#: How a printed line that carries one of the chapter's numbers starts, per edition.
LABELS = {
    "ko": {"iterations": "반복 횟수:", "final_x": "100번 뒤의 x:", "path_end": "15번 뒤:",
           "numpy_vs_fast": "가중치의 최대 차이:", "batch_loss": "3000 에포크 뒤의 손실:",
           "train_vs_fast": "train(batch_size=1)과 fit_fast의 최대 차이:",
           "test_accuracy": "테스트 정확도:", "wrong": "틀린 개수:", "epoch": "에포크",
           "loss_before": "학습 전 손실 (XOR):", "rate": "학습률", "loss": "손실"},
    "en": {"iterations": "Iterations:", "final_x": "x after 100 iterations:",
           "path_end": "After 15 steps:", "numpy_vs_fast": "Largest weight difference:",
           "batch_loss": "Loss after 3000 epochs:",
           "train_vs_fast": "Largest difference between train(batch_size=1) and fit_fast:",
           "test_accuracy": "Test accuracy:", "wrong": "Wrong:", "epoch": "Epoch",
           "loss_before": "Loss before training (XOR):", "rate": "learning rate", "loss": "loss"},
}


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
    assert "mlp_lessons" not in code, "the lab code is written out in the notebook, not imported"
    imported = imported_modules(code)
    assert imported <= STANDALONE_MODULES, \
        f"{path.name} imports {sorted(imported - STANDALONE_MODULES)}: a reader's Jupyter or Colab may not have it"


#: What a notebook may import: what a reader installs (numpy, matplotlib, scikit-learn) and the standard library.
STANDALONE_MODULES = {"numpy", "matplotlib", "mpl_toolkits", "sklearn", "math"}


def imported_modules(code: str) -> set:
    """Top-level names of the modules a notebook's code imports (IPython's ``%`` lines left out).

    >>> sorted(imported_modules("%matplotlib inline\\nimport numpy as np\\nfrom sklearn.datasets import load_digits"))
    ['numpy', 'sklearn']
    """
    tree = ast.parse("\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add((node.module or "").split(".")[0])
    return names


# --- (b) executed (by the site build) ------------------------------------------------------

#: nbconvert's mime type for a stderr stream and for an error's traceback (lab template).
STDERR = "application/vnd.jupyter.stderr"


@dataclasses.dataclass
class Outputs:
    """The cell outputs in a notebook's HTML, as nbconvert's lab template marks them
    (mkdocs-jupyter's template extends it): each ``div.jp-OutputArea-output`` in a
    ``div.jp-OutputArea-child``, text in its ``<pre>``."""

    printed: str = ""                                   # stdout (a text-only display looks the same)
    stderr: list = dataclasses.field(default_factory=list)    # stderr streams and error tracebacks
    results: list = dataclasses.field(default_factory=list)   # a cell's value (Out[n]) as text
    images: list = dataclasses.field(default_factory=list)    # SHA-256 of each PNG's data: URL
    other: list = dataclasses.field(default_factory=list)     # any other output's classes

    def __bool__(self) -> bool:
        return any((self.printed, self.stderr, self.results, self.images, self.other))


class _Outputs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = Outputs()
        self._result = False       # the current jp-OutputArea-child holds an execute_result
        self._output = None        # [kind, text] of the output being read
        self._depth = 0            # <div>s open inside it
        self._pre = 0              # <pre>s open inside it

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if self._output is not None:
            self._depth += tag == "div"
            self._pre += tag == "pre"
            src = attrs.get("src") or ""
            if tag == "img" and src.startswith("data:image/png;base64,"):
                self.found.images.append(hashlib.sha256(src.encode()).hexdigest())
        elif tag == "div" and "jp-OutputArea-child" in classes:
            self._result = "jp-OutputArea-executeResult" in classes
        elif tag == "div" and "jp-OutputArea-output" in classes:
            mime = attrs.get("data-mime-type")
            if mime == "text/plain":
                kind = "result" if self._result or "jp-OutputArea-executeResult" in classes else "printed"
            elif mime == STDERR:
                kind = "stderr"
            elif "jp-RenderedImage" in classes:
                kind = "image"
            else:
                kind = " ".join(classes)
            self._output, self._depth, self._pre = [kind, ""], 1, 0

    def handle_endtag(self, tag):
        if self._output is None:
            return
        self._pre -= tag == "pre"
        self._depth -= tag == "div"
        if self._depth == 0:
            kind, text = self._output
            self._output = None
            if kind == "printed":
                self.found.printed += text if text.endswith("\n") else text + "\n"
            elif kind == "stderr":
                self.found.stderr.append(text)
            elif kind == "result":
                self.found.results.append(text)
            elif kind != "image":
                self.found.other.append(kind)

    def handle_data(self, data):
        if self._output is not None and self._pre:
            self._output[1] += data


def read_outputs(html_text: str) -> Outputs:
    """The outputs in a notebook page's HTML (or in mkdocs-jupyter's cached HTML of it)."""
    parser = _Outputs()
    parser.feed(html_text)
    parser.close()
    return parser.found


@pytest.fixture(scope="module")
def shown(edition_site):
    """``shown(edition, stem)``: the outputs on that notebook's built page (read once)."""
    found: dict = {}

    def show(edition: str, stem: str) -> Outputs:
        if (edition, stem) not in found:
            page = notebook_page(edition_site(edition), stem)
            outputs = read_outputs(page.read_text(encoding="utf-8"))
            if not outputs:
                pytest.fail(f"{page}: no outputs: the build did not execute {stem} "
                            f"(NOTEBOOKS_EXECUTE={os.environ.get('NOTEBOOKS_EXECUTE')!r}?)",
                            pytrace=False)
            found[edition, stem] = outputs
        return found[edition, stem]
    return show


@functools.cache
def notebook_cache():
    """hooks/notebook_cache.py as a module (it imports hooks/figures.py by name)."""
    return load("notebook_cache")


@functools.cache
def jupyter_settings(edition: str):
    """mkdocs-jupyter's settings in the edition's config file, as MkDocs loads them."""
    from mkdocs.config import load_config
    return load_config(str(ROOT / EDITIONS[edition][0])).plugins["mkdocs-jupyter"].config


def cache_entry(edition: str, stem: str) -> Path:
    """Where a build of the current sources finds (or writes) the executed notebook:
    hooks/notebook_cache.py's own functions, on the edition's settings."""
    hook = notebook_cache()
    settings = dict(jupyter_settings(edition))
    settings["cache_dir"] = str(hook.cache_dir(ROOT, edition, settings["kernel_name"]))
    return hook.cache_file(settings, NOTEBOOK_DIRS[edition] / f"{stem}.ipynb")


def printed_after(text: str, label: str) -> str:
    """What follows ``label`` on the one printed line that starts with it."""
    found = [line[len(label):].strip() for line in text.splitlines() if line.startswith(label)]
    assert len(found) == 1, f"{len(found)} printed lines start with {label!r}:\n{text}"
    return found[0]


def test_outputs_are_told_apart_in_nbconvert_markup(tmp_path):
    """The reading of pages sees what the tests below assert is absent: a notebook with one
    output of each kind, converted as the build converts it (mkdocs-jupyter's nb2html)."""
    from mkdocs_jupyter import convert

    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
    new = nbformat.v4.new_output
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("print(1 < 2)", outputs=[new("stream", name="stdout", text="a < b\n")]),
        nbformat.v4.new_code_cell("warn()", outputs=[new("stream", name="stderr", text="careful\n")]),
        nbformat.v4.new_code_cell("1 / 0", outputs=[new("error", ename="ZeroDivisionError",
                                                        evalue="division by zero",
                                                        traceback=["ZeroDivisionError: division by zero"])]),
        nbformat.v4.new_code_cell("2", outputs=[new("execute_result", data={"text/plain": "2"},
                                                    execution_count=1)]),
        nbformat.v4.new_code_cell("plot()", outputs=[new("display_data", data={
            "image/png": png, "text/plain": "<Figure>"})]),
    ])
    path = tmp_path / "kinds.ipynb"
    nbformat.write(nb, path)
    settings = jupyter_settings("ko")
    body = convert.nb2html(
        str(path), execute=False, kernel_name=settings["kernel_name"], theme=settings["theme"],
        allow_errors=True, show_input=settings["show_input"], no_input=settings["no_input"],
        no_prompt=settings["no_prompt"], remove_tag_config=settings["remove_tag_config"],
        highlight_extra_classes=settings["highlight_extra_classes"],
        include_requirejs=settings["include_requirejs"],
        custom_mathjax_url=settings["custom_mathjax_url"])
    found = read_outputs(body)
    assert found.printed == "a < b\n"
    assert [text.strip() for text in found.stderr] == ["careful", "ZeroDivisionError: division by zero"]
    assert found.results == ["2"]
    assert found.images == [hashlib.sha256(f"data:image/png;base64,{png}".encode()).hexdigest()]
    assert found.other == []


@pytest.mark.parametrize("edition, stem", RUNS, ids=ids)
def test_the_page_is_a_run_of_the_current_sources_in_this_venv(shown, edition, stem):
    """The page may have been executed by an earlier build (hooks/notebook_cache.py's cache):
    the entry a build of the current package sources, notebook, hook and environment uses
    holds what the page shows, and the kernel that ran it was this venv's Python."""
    entry = cache_entry(edition, stem)
    assert entry.is_file(), (
        f"no cache entry {entry.relative_to(ROOT)} for the current sources: mlp_lessons, the "
        "notebook, hooks/notebook_cache.py, mkdocs-jupyter's settings or the venv's packages "
        "changed after the build (edited, or a pip install, during the test run?)")
    cached = json.loads(entry.read_text(encoding="utf-8"))
    assert read_outputs(cached["content"]) == shown(edition, stem), \
        "the page does not show the outputs of the current sources' run"
    assert "kernel_prefix" in cached, "not executed by hooks/notebook_cache.py (no kernel_prefix)"
    assert cached["kernel_prefix"] == sys.prefix, "the kernel is not this venv's Python"


def test_the_cache_key_follows_the_package_sources(tmp_path):
    """An edit of mlp_lessons gives the notebooks a new cache folder (they run again)."""
    hook = notebook_cache()
    root = tmp_path / "project"
    (root / "mlp_lessons").mkdir(parents=True)
    module = root / "mlp_lessons" / "network.py"
    module.write_text("WEIGHT = 1\n", encoding="utf-8")
    before = hook.cache_dir(root, "ko", "python3")
    module.write_text("WEIGHT = 2\n", encoding="utf-8")
    after = hook.cache_dir(root, "ko", "python3")
    assert before.parent == after.parent == root / hook.CACHE
    assert before != after and before.name.endswith("-ko")
    assert hook.cache_dir(root, "en", "python3").name.endswith("-en")


@pytest.mark.parametrize("edition, stem", RUNS, ids=ids)
def test_runs_cleanly_in_the_venv_kernel(shown, edition, stem):
    outputs = shown(edition, stem)
    stderr = "".join(outputs.stderr)
    assert stderr == "", f"{stem} raised or wrote to stderr (a warning, a missing glyph?):\n{stderr}"
    other = outputs.other
    assert other == [], f"{stem}: outputs of an unexpected kind"
    # every code cell of the notebook itself printed or drew something, none was left silent by mistake
    assert len(outputs.images) >= MIN_IMAGES[stem]
    # the kernel: test_the_page_is_a_run_of_the_current_sources_in_this_venv


# What the package computes for each notebook's experiments (the notebooks write the same
# code out; the experiments' settings — seeds, learning rates, epochs — are the notebooks').

@functools.cache
def numpy_mlp_reference():
    """The numpy_mlp notebook's runs by the package: the chapter's test() table after 90000
    epochs, and the full-batch run (learning rate 4, 3000 epochs)."""
    trained = fit_chapter(chapter_params(), XOR_X, T_XNOR, epochs=90000, learning_rate=0.2)
    batch = train(chapter_params(), XOR_X, T_XNOR, activations="sigmoid", loss="sse",
                  learning_rate=4.0, epochs=3000)
    return (format_test_table(chapter_test_table(trained, XOR_X, T_XNOR)), batch.loss_history[-1],
            predict(batch.params, XOR_X).ravel().round(4))


@functools.cache
def digits_reference():
    """The digits notebook's runs by the package: (test accuracy, wrong, test size,
    {epoch: (accuracy with sigmoid + MSE, with softmax + cross-entropy)})."""
    datasets = pytest.importorskip("sklearn.datasets")
    from sklearn.model_selection import train_test_split

    digits = datasets.load_digits()
    X_train, X_test, y_train, y_test = train_test_split(
        digits.data / 16.0, digits.target, test_size=0.25, random_state=0, stratify=digits.target)
    T_train = one_hot(y_train, 10)
    result = train(init_params([64, 32, 10], seed=0), X_train, T_train, activations="sigmoid",
                   loss="sse", learning_rate=2.0, epochs=30, batch_size=32, seed=0)
    Y_test = predict(result.params, X_test, "sigmoid")
    wrong = int(np.sum(np.argmax(Y_test, axis=1) != y_test))

    def per_epoch(activations, loss, targets):
        params, rng, scores = init_params([64, 32, 10], seed=0), np.random.default_rng(0), []
        for _ in range(30):
            params = train(params, X_train, targets, activations=activations, loss=loss,
                           learning_rate=0.5, epochs=1, batch_size=32, rng=rng).params
            scores.append(accuracy(predict(params, X_test, activations), y_test))
        return scores

    with_sse = per_epoch("sigmoid", "sse", T_train)
    with_ce = per_epoch(["sigmoid", "softmax"], "cross_entropy", y_train)
    return (accuracy(Y_test, y_test), wrong, len(y_test),
            {epoch: (with_sse[epoch - 1], with_ce[epoch - 1]) for epoch in (1, 3, 5, 10, 30)})


@pytest.mark.parametrize("edition", [e for e, stem in with_stems(["01_activations"])])
def test_activations_notebook(shown, edition):
    text = shown(edition, "01_activations").printed
    assert "AttributeError: module 'numpy' has no attribute 'int'" in text   # the chapter's np.int
    x = np.array([-1.0, 0.0, 1e-9, 0.5, 2.0])
    assert f"step(x)         = {step(x)}" in text                 # threshold 0, as the formula
    assert f"chapter_step(x) = {chapter_step(x)}" in text         # the chapter's 0.000001
    assert step(x).tolist() != chapter_step(x).tolist()           # (the input shows the difference)
    assert printed_after(text, "tanh(x) = 2*sigmoid(2x) - 1 ?") == "True"
    lines = {k: v.strip() for k, v in (line.split(":", 1) for line in text.splitlines()
                                        if line.endswith("]") and ":" in line)}
    three, one, relu_label = COLLAPSE_LABELS[edition]
    weights, biases = random_linear_stack((2, 4, 3, 1), seed=0)
    X = np.random.default_rng(1).normal(size=(5, 2))
    assert lines[three] == lines[one] == str(apply_stack(X, weights, biases).ravel().round(6))
    assert lines[relu_label] == str(apply_stack(X, weights, biases, activation=relu).ravel().round(6))
    assert lines[relu_label] != lines[three]


@pytest.mark.parametrize("edition", [e for e, stem in with_stems(["02_forward_pass"])])
def test_forward_pass_notebook(shown, edition):
    text, label = shown(edition, "02_forward_pass").printed, LABELS[edition]
    # by hand (math.exp), printed to 6 places as on the lesson page
    assert re.search(r"\ba_y = (\S+)$", text, re.MULTILINE).group(1) == f"{worked_example().a_y:.6f}"
    layer0, layer1, layer2 = forward_predict(chapter_params(), [[0.0, 0.0]])
    assert f"layer1 = {layer1.round(6)}" in text
    assert f"layer2 = {layer2}" in text
    assert f"layer2 = [[{CHAPTER_LAB_OUTPUTS[0]}]]" in text     # predict() on (0, 0), as the chapter prints it
    # the chapter's test(), then predict() on the four XOR inputs at once (8 decimals, as the chapter's Lab)
    assert format_test_table(chapter_test_table(chapter_params(), XOR_X, T_XOR)) in text
    outputs = forward_predict(chapter_params(), XOR_X)[2]
    assert str(outputs) in text and "[[" + "]\n [".join(CHAPTER_LAB_OUTPUTS) + "]]" in text
    assert printed_after(text, label["loss_before"]) == f"{sse(outputs, T_XOR):.6f}"


@pytest.mark.parametrize("edition", [e for e, stem in with_stems(["03_gradient_descent"])])
def test_gradient_descent_notebook(shown, edition):
    text, label = shown(edition, "03_gradient_descent").printed, LABELS[edition]
    history = descent_1d(x0=10.0, learning_rate=0.2, max_iterations=100)
    assert printed_after(text, label["iterations"]) == str(history.n_iterations)
    assert printed_after(text, label["final_x"]) == repr(history.final_x)
    # the lines the chapter's own code prints: the first four, then the last two
    chapter = chapter_output(history).splitlines()
    assert "\n".join(chapter[:4] + ["..."] + chapter[-2:]) in text
    assert f"최소값 =  {history.final_x!r}" in text
    printed = text.splitlines()
    for result in learning_rate_sweep((0.01, 0.2, 0.9, 1.0, 1.1), x0=10.0, steps=20):
        line = (f"{label['rate']} {result.learning_rate:<5} → {result.status:<12} "
                f"x_20 = {result.history.final_x:.4f}")
        assert line in printed, f"{line!r} not printed:\n{text}"
    path = descent_2d(start=(4.0, 3.0), learning_rate=0.1, steps=15)
    assert printed_after(text, label["path_end"]) == \
        f"{path.final_x.round(4)}  {label['loss']} {round(float(path.loss[-1]), 6)}"
    assert max(abs(path.final_x)) < 0.2     # the 2-D path heads to (0, 0)


@pytest.mark.parametrize("edition", [e for e, stem in with_stems(["04_numpy_mlp"])])
def test_numpy_mlp_notebook(shown, edition):
    text, label = shown(edition, "04_numpy_mlp").printed, LABELS[edition]
    table, batch_loss, batch_output = numpy_mlp_reference()
    assert table in text                        # the package's fit_chapter, then the chapter's test()
    for x, t, y in zip(("[[0 0]]", "[[0 1]]", "[[1 0]]", "[[1 1]]"), ("1", "0", "0", "1"), CHAPTER_XNOR):
        assert f"{x} [{t}] [[{y}]]" in text     # the chapter's printed outputs after 90000 epochs
    # printed to one decimal ("2.5e-16"): a printed value below 1e-12 was below it before rounding
    assert float(printed_after(text, label["numpy_vs_fast"])) < 1e-12   # the chapter's NumPy loop = the fast loop
    assert float(printed_after(text, label["train_vs_fast"])) < 1e-12   # train(batch_size=1) = it
    assert printed_after(text, label["batch_loss"]) == f"{batch_loss:.6f}"   # the package's train()
    assert str(batch_output) in text
    assert batch_loss < 0.01                    # the full-batch run left the 1/8 plateau


@pytest.mark.parametrize("edition", [e for e, stem in with_stems(["05_digits"])])
def test_digits_notebook(shown, edition):
    text, label = shown(edition, "05_digits").printed, LABELS[edition]
    test_accuracy, wrong, n_test, expected = digits_reference()
    assert printed_after(text, label["wrong"]) == f"{wrong} / {n_test}"
    assert printed_after(text, label["test_accuracy"]) == f"{test_accuracy:.4f}"
    assert test_accuracy >= DIGITS_MIN_ACCURACY, test_accuracy
    # test accuracy after some epochs, sigmoid + MSE and softmax + cross-entropy (learning rate 0.5)
    epoch_line = re.compile(rf"^{re.escape(label['epoch'])}\s+(\d+): \D*(\d\.\d+)\D*(\d\.\d+)$", re.MULTILINE)
    scores = {int(e): (sse_score, ce) for e, sse_score, ce in epoch_line.findall(text)}
    assert scores == {e: (f"{a:.3f}", f"{b:.3f}") for e, (a, b) in expected.items()}
    # the notebook's claim: cross-entropy climbs much faster in the first epochs
    # (seed 0, epochs 1, 3, 5: 0.58 vs 0.30 on average)
    early = [expected[e] for e in expected if e <= 5]
    assert sum(ce for _, ce in early) / len(early) > sum(m for m, _ in early) / len(early) + 0.2
    assert expected[30][1] >= DIGITS_MIN_ACCURACY


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
    expected = {"02_forward_pass": f"[[{CHAPTER_LAB_OUTPUTS[0]}]]", "04_numpy_mlp": f"[[{CHAPTER_XNOR[0]}]]",
                "03_gradient_descent": repr(descent_1d().final_x)}.get(stem)
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
        if attrs.get("data-download") in ("pdf", "offline"):
            continue    # made after the build by scripts/build.sh: tests/test_downloads.py
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
    plugin = jupyter_settings(edition)
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

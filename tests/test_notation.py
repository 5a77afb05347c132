"""docs/notation.md: every package identifier in the 기호 표 exists, and means what the table says.

The table's column 「패키지 식별자」 holds backticked names relative to
``mlp_lessons``, in three forms:

* ``module.name.attr``: resolved with importlib + getattr.  An attribute of a
  result class (``network.Forward.layers``) is looked up on a real object of
  that class, computed from the chapter's network on input (0, 0);
* ``module.func(arg, ...)``: ``func`` must take parameters named ``arg, ...``;
* anything after the dotted name that is a call or a subscript
  (``forward_pass.chapter_params()["W1"][0, 0]``, ``...layers[1][:, 0]``) is
  evaluated on the resolved object.

Where a row names symbols of the chapter's hand calculation (\\(w_1\\), \\(a_1\\), ...),
the k-th identifier of the row must evaluate to the k-th symbol's value.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import re
from pathlib import Path

import numpy as np
import pytest

from mlp_lessons import activations, forward_pass, network

PAGE = Path(__file__).resolve().parents[1] / "docs" / "notation.md"
ID_COLUMN = "패키지 식별자"
PAGE_COLUMN = "뜻 · 교재 코드 · 정의된 곳"

#: The chapter's given parameters and the numbers of its hand calculation (input (0, 0),
#: target 0): the package's worked example, which tests/test_forward_pass.py compares with
#: the chapter's printed digits (once, there).
_EX = forward_pass.worked_example()
EXPECTED = {
    "x_1": 0.0, "x_2": 0.0,
    "w_1": 0.1, "w_2": 0.2, "w_3": 0.3, "w_4": 0.4, "w_5": 0.5, "w_6": 0.6,
    "b_1": 0.1, "b_2": 0.2, "b_3": 0.3,
    "z_1": _EX.z1, "z_2": _EX.z2, "a_1": _EX.a1, "a_2": _EX.a2,
    "z_y": _EX.z_y, "a_y": _EX.a_y, "t": 0.0, "E": _EX.E,
    r"\eta": None,  # a parameter name, no value
}

#: Symbols the chapter uses: the table must keep a row for each.
REQUIRED_SYMBOLS = [
    "x_1", "x_2", "w_1", "w_2", "w_3", "w_4", "w_5", "w_6", "b_1", "b_2", "b_3",
    "z_1", "z_2", "a_1", "a_2", "z_y", "a_y", "t", "E", r"\eta", "f", "f'",
    "X", "T", "W_1", "B_1", "W_2", "B_2", "Z_1", "Z_2", "A_1", "A_2",
    r"\delta_2", r"\delta_1", r"\dfrac{\partial E}{\partial w}",
]


def table_rows() -> list[dict[str, str]]:
    """Every row of every Markdown table on the page, as {header: cell}."""
    rows, header = [], None
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif set(line.replace("|", "").strip()) <= {"-", ":", " "}:
            continue
        else:
            assert len(cells) == len(header), f"row has {len(cells)} cells, header {len(header)}: {line}"
            rows.append(dict(zip(header, cells)))
    return rows


def identifiers(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def symbols(cell: str) -> list[str]:
    return [s.strip() for s in re.findall(r"\\\((.+?)\\\)", cell)]


@pytest.fixture(scope="module")
def examples() -> dict[type, object]:
    """One real object of each result class the table names attributes of."""
    params = forward_pass.chapter_params()
    fwd = network.forward(params, [[0.0, 0.0]], "sigmoid")
    bwd = network.backward(params, fwd, [[0.0]], "sigmoid")
    return {
        network.Forward: fwd,
        network.Backward: bwd,
        activations.Activation: activations.get_activation("sigmoid"),
        forward_pass.WorkedExample: forward_pass.worked_example(steps=1),
    }


def resolve(identifier: str, examples: dict[type, object]):
    """The value an identifier of the table names (see the module docstring)."""
    match = re.fullmatch(r"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(.*)", identifier)
    assert match, f"not an identifier: {identifier!r}"
    path, rest = match.groups()
    first, *attrs = path.split(".")
    obj = importlib.import_module(f"mlp_lessons.{first}")
    for i, name in enumerate(attrs):
        if isinstance(obj, type) and obj in examples:
            if dataclasses.is_dataclass(obj):
                names = {f.name for f in dataclasses.fields(obj)} | {
                    n for n, v in vars(obj).items() if isinstance(v, property)}
                assert name in names, f"{identifier}: {obj.__name__} has no attribute {name!r}"
            obj = examples[obj]
        assert hasattr(obj, name), f"{identifier}: {'.'.join([first, *attrs[:i]])} has no {name!r}"
        obj = getattr(obj, name)
    rest = rest.strip()
    params = re.fullmatch(r"\(\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*\)", rest)
    if params:
        wanted = [p.strip() for p in params.group(1).split(",")]
        have = inspect.signature(obj).parameters
        missing = [p for p in wanted if p not in have]
        assert not missing, f"{identifier}: {path} has no parameter {missing}; it has {list(have)}"
        return None
    if rest:
        return eval(f"obj{rest}", {"obj": obj})  # a call () or a subscript [...]
    return obj


def all_identifiers() -> list[str]:
    return [ident for row in table_rows() for ident in identifiers(row[ID_COLUMN])]


def test_page_has_tables_with_the_expected_columns():
    rows = table_rows()
    assert len(rows) >= 30
    for row in rows:
        assert ID_COLUMN in row and PAGE_COLUMN in row, row


@pytest.mark.parametrize("identifier", all_identifiers())
def test_identifier_exists_in_the_package(identifier, examples):
    resolve(identifier, examples)


def test_every_row_names_at_least_one_identifier():
    for row in table_rows():
        assert identifiers(row[ID_COLUMN]), f"row without a package identifier: {row}"


def test_chapter_symbols_all_have_a_row():
    listed = {s for row in table_rows() for s in symbols(row["기호"])}
    missing = [s for s in REQUIRED_SYMBOLS if s not in listed]
    assert not missing, f"symbols missing from the table: {missing}"


def test_identifiers_give_the_chapters_numbers(examples):
    """The k-th identifier of a row computes the k-th symbol's value in the chapter's example."""
    checked = set()
    for row in table_rows():
        syms = symbols(row["기호"])
        for sym, ident in zip(syms, identifiers(row[ID_COLUMN])):
            if EXPECTED.get(sym) is None:
                continue
            value = np.asarray(resolve(ident, examples), dtype=float)
            assert value.size == 1, f"{ident} should be one number for one sample, got shape {value.shape}"
            assert float(value.reshape(-1)[0]) == pytest.approx(EXPECTED[sym], rel=1e-12, abs=1e-15), (sym, ident)
            checked.add(sym)
    assert checked == {s for s, v in EXPECTED.items() if v is not None}


def test_every_identifier_of_a_row_agrees(examples):
    """Two identifiers given for one symbol (network result, hand calculation) agree."""
    for row in table_rows():
        syms = symbols(row["기호"])
        idents = identifiers(row[ID_COLUMN])
        if len(syms) == 0 or len(idents) < 2 * len(syms):
            continue
        for k, sym in enumerate(syms):
            first, second = idents[k], idents[k + len(syms)]
            a, b = resolve(first, examples), resolve(second, examples)
            if a is None or b is None or callable(a) or callable(b):
                continue
            np.testing.assert_allclose(np.asarray(a, float).reshape(-1), np.asarray(b, float).reshape(-1),
                                       rtol=0, atol=1e-12, err_msg=f"{sym}: {first} vs {second}")


def test_matrix_rows_have_the_chapters_shapes(examples):
    fwd = examples[network.Forward]
    shapes = {"Z_1": (1, 2), "Z_2": (1, 1), "A_1": (1, 2), "A_2": (1, 1),
              r"\delta_2": (1, 1), r"\delta_1": (1, 2),
              "W_1": (2, 2), "B_1": (2,), "W_2": (2, 1), "B_2": (1,)}
    for row in table_rows():
        syms = symbols(row["기호"])
        for sym, ident in zip(syms, identifiers(row[ID_COLUMN])):
            if sym in shapes:
                assert np.shape(resolve(ident, examples)) == shapes[sym], (sym, ident)
    assert len(fwd.layers) == 3


def test_page_links_point_to_existing_pages():
    docs = PAGE.parent
    for row in table_rows():
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", row[PAGE_COLUMN]):
            assert (docs / target).is_file(), f"link to missing page {target}"


# --- links from the reference pages to the lessons ------------------------------------

LINKING_PAGES = ["notation.md", "summary.md", "index.md"]


def page_anchors(path: Path) -> set[str]:
    """Ids of the headings of a Markdown page: explicit ``{ #id }`` or the toc slug of the text."""
    from pymdownx.slugs import slugify

    slug = slugify(case="lower")  # as mkdocs.yml configures toc
    anchors = set()
    in_fence = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        if in_fence or not re.match(r"#{1,6} ", line):
            continue
        explicit = re.search(r"\{\s*#([\w-]+)[^}]*\}\s*$", line)
        if explicit:
            anchors.add(explicit.group(1))
            continue
        text = re.sub(r"^#+\s*", "", line)
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("`", "").replace("**", "")
        anchors.add(slug(text, "-"))
    return anchors


@pytest.mark.parametrize("name", LINKING_PAGES)
def test_links_point_to_existing_pages_and_sections(name):
    docs = PAGE.parent
    text = (docs / name).read_text(encoding="utf-8")
    for target, anchor in re.findall(r"\]\(([\w./-]+\.md)(?:#([^)\s]+))?\)", text):
        assert (docs / target).is_file(), f"{name}: link to missing page {target}"
        if anchor:
            assert anchor in page_anchors(docs / target), f"{name}: {target} has no section #{anchor}"

r"""Every page of the site, declared once, in the order a reader meets them.

:data:`PAGES` is the one list of the site's pages.  Everything that walks the
lessons reads it:

- the page tree of both editions: ``nav`` in ``mkdocs.yml`` and ``mkdocs.en.yml`` is
  ``!!python/object/apply:mlp_lessons.lessons.nav [ko]`` (``[en]``), see :func:`nav`;
- the contents table of the home page: ``{{ lessons.contents_ko }}`` in ``docs/index.md``
  (``contents_en`` in ``docs_en/index.md``), filled by the build like every number
  (:func:`numbers`, :mod:`mlp_lessons.pages`);
- the figures drawn (:data:`mlp_lessons.figures.LESSONS`), the numbers computed
  (:data:`mlp_lessons.pages.LESSONS`), the pages Lighthouse measures
  (``benchmarks/_lighthouse.py``) and the tests that loop over lessons.

Adding a lesson ``<slug>``: one :class:`Page` here, the pages ``docs/<slug>.md`` and
``docs_en/<slug>.md``, and what the page needs: ``mlp_lessons/<slug>.py``,
``mlp_lessons/figures/<slug>.py`` (``figures=True``), ``mlp_lessons/pages/<slug>.py``
(``numbers=True``) and ``tests/test_<slug>.py``.  ``tests/test_lessons.py`` says what
is missing.

Examples
--------
>>> [page.slug for page in PAGES][:3]
['index', 'activations', 'forward_pass']
>>> page("backprop").en, page("backprop").figures, page("backprop").url
('Backpropagation', True, 'backprop/')
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["EDITIONS", "NOTEBOOK_SECTION", "Notebook", "PAGES", "Page", "contents", "nav",
           "numbers", "page"]

#: The site's editions: ``ko`` (``mkdocs.yml``, ``docs/``) and ``en`` (``mkdocs.en.yml``, ``docs_en/``).
EDITIONS = ("ko", "en")


@dataclass(frozen=True)
class Notebook:
    """A Lab notebook, ``docs/notebooks/<stem>.ipynb`` and ``docs_en/notebooks/<stem>.ipynb``.

    ``ko``, ``en``: its title in the page tree of each edition.
    """

    stem: str
    ko: str
    en: str

    @property
    def file(self) -> str:
        """Its path under ``docs/`` (and ``docs_en/``).

        >>> Notebook("05_digits", "숫자", "Digits").file
        'notebooks/05_digits.ipynb'
        """
        return f"notebooks/{self.stem}.ipynb"


@dataclass(frozen=True)
class Page:
    """One page of the site, ``docs/<slug>.md`` and ``docs_en/<slug>.md``.

    Attributes
    ----------
    slug : str
        The file name without ``.md`` (``index`` for the home page); also the name of
        its figure module and of its numbers module.
    ko, en : str
        Its title in the page tree and the contents table, in each edition.
    learn_ko, learn_en : str
        "What you learn", its row in the home page's contents table (Markdown); a page
        without it is not listed there.
    modules : tuple of str
        The package modules the contents table names (``"network"`` is
        ``mlp_lessons.network``).
    figures : bool
        ``mlp_lessons/figures/<slug>.py`` registers its figures (``FIGURES``).
    heavy_figures : bool
        Its figures train networks: they are drawn first
        (:data:`mlp_lessons.figures.HEAVY_FIRST`).
    numbers : bool
        ``mlp_lessons/pages/<slug>.py`` computes the numbers it shows (``numbers()``).
    chapter : bool
        A page of the chapter read in order (the home page, the lessons, the lab, the
        summary), which Lighthouse measures (gate 4); ``False`` for a reference page.
    notebooks : tuple of Notebook
        The Lab notebooks of this lesson; they link back to it.
    """

    slug: str
    ko: str
    en: str
    learn_ko: str = ""
    learn_en: str = ""
    modules: tuple[str, ...] = ()
    figures: bool = False
    heavy_figures: bool = False
    numbers: bool = False
    chapter: bool = True
    notebooks: tuple[Notebook, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.slug.isidentifier() or not self.slug.islower():
            raise ValueError(f"a page's slug is a lower-case Python name (its modules are "
                             f"named after it), got {self.slug!r}")
        if bool(self.learn_ko) != bool(self.learn_en):
            raise ValueError(f"page {self.slug!r}: 'what you learn' in one edition only "
                             f"(learn_ko={self.learn_ko!r}, learn_en={self.learn_en!r})")
        if self.heavy_figures and not self.figures:
            raise ValueError(f"page {self.slug!r}: heavy_figures=True needs figures=True")

    @property
    def file(self) -> str:
        """Its path under ``docs/`` (and ``docs_en/``).

        >>> page("loss").file
        'loss.md'
        """
        return f"{self.slug}.md"

    @property
    def url(self) -> str:
        """Its address relative to the edition's root (``use_directory_urls``).

        >>> page("index").url, page("loss").url
        ('', 'loss/')
        """
        return "" if self.slug == "index" else f"{self.slug}/"

    def title(self, lang: str) -> str:
        """Its title in edition ``lang``.

        >>> page("loss").title("en")
        'Loss function'
        """
        return {"ko": self.ko, "en": self.en}[_edition(lang)]


#: The site's pages in reading order: the order of the page tree and of the contents table.
PAGES: tuple[Page, ...] = (
    Page("index", "홈", "Home"),
    Page("activations", "활성화 함수", "Activation functions",
         "계단·시그모이드·tanh·ReLU 함수와 그 미분, 선형 레이어만 쌓으면 소용없는 이유",
         "The step, sigmoid, tanh and ReLU functions and their derivatives; "
         "why stacking only linear layers is useless",
         modules=("activations",), figures=True, heavy_figures=True, numbers=True,
         notebooks=(Notebook("01_activations", "활성화 함수 구현", "Activation functions"),)),
    Page("forward_pass", "MLP의 순방향 패스", "Forward pass",
         r"2-2-1 신경망의 출력을 손으로, 행렬 \(Z_1 = XW_1 + B_1\)로 계산하기",
         r"Computing the output of the 2-2-1 network by hand and with matrices, "
         r"\(Z_1 = XW_1 + B_1\)",
         modules=("forward_pass", "network"), figures=True, numbers=True,
         notebooks=(Notebook("02_forward_pass", "MLP 순방향 패스", "The MLP forward pass"),)),
    Page("loss", "손실 함수", "Loss function",
         r"오차제곱합(SSE) \(E = \frac{1}{2}\sum (y - t)^2\), 학습은 최적화 문제",
         r"The sum of squared errors (SSE) \(E = \frac{1}{2}\sum (y - t)^2\); learning is an optimization problem",
         modules=("loss",), figures=True, numbers=True),
    Page("gradient_descent", "경사 하강법", "Gradient descent",
         r"\(x \leftarrow x - \eta\, y'(x)\)로 최솟값 찾기, 학습률의 영향, 2차원 그래디언트",
         r"Finding a minimum with \(x \leftarrow x - \eta\, y'(x)\), the effect of the learning "
         r"rate, the gradient in two dimensions",
         modules=("gradient_descent",), figures=True, numbers=True,
         notebooks=(Notebook("03_gradient_descent", "경사 하강법", "Gradient descent"),)),
    Page("backprop", "역전파", "Backpropagation",
         r"연쇄 법칙으로 \(\partial E / \partial w_5\) 계산, 수치 미분으로 검증",
         r"Computing \(\partial E / \partial w_5\) with the chain rule, checking it with "
         r"numerical differentiation",
         modules=("backprop", "network"), figures=True, heavy_figures=True, numbers=True),
    Page("numpy_mlp", "넘파이로 MLP 구현", "NumPy MLP",
         "XOR을 학습하는 MLP를 넘파이로 구현, 행렬로 한꺼번에 학습",
         "Implementing an MLP that learns XOR with NumPy; training on all samples at once "
         "with matrices",
         modules=("numpy_mlp",), figures=True, heavy_figures=True, numbers=True,
         notebooks=(Notebook("04_numpy_mlp", "넘파이로 MLP 구현", "An MLP in NumPy"),
                    Notebook("05_digits", "더 나아가기: 손글씨 숫자",
                             "Going further: handwritten digits"))),
    Page("playground", "플레이그라운드", "Playground",
         "구글 텐서플로 플레이그라운드 둘러보기, 은닉층이 있을 때와 없을 때",
         "A tour of Google's TensorFlow Playground; with and without a hidden layer",
         modules=("playground",), figures=True, heavy_figures=True, numbers=True),
    Page("playground_lab", "플레이그라운드 실습", "Playground lab",
         "데이터·특징·은닉층·학습률을 바꿔 가며 브라우저에서 직접 학습시키기",
         "Training in your browser while changing the data, features, hidden layers and "
         "learning rate"),
    Page("summary", "요약 · 연습문제", "Summary and exercises",
         "장 전체 요약, 핵심 공식, 풀이가 달린 연습문제",
         "Summary of the whole chapter, key formulas, exercises with solutions", numbers=True),
    Page("notation", "기호 표", "Notation",
         "교재의 기호와 패키지의 이름 대응표",
         "Table matching the chapter's symbols to the package's names", chapter=False),
    Page("glossary", "용어집", "Glossary", chapter=False),
    Page("corrections", "교재 정정 목록", "Corrections to the textbook",
         "교재에서 바로잡은 곳 전체 목록",
         "The full list of places where the site corrects the textbook", chapter=False),
    Page("benchmarks", "성능 측정과 품질 검사", "Benchmarks and quality gates", chapter=False),
)

#: The page tree's last section, the notebooks of every lesson in lesson order.
NOTEBOOK_SECTION = {"ko": "노트북(실습)", "en": "Notebooks (hands-on)"}

#: Column headings of the contents table.
_CONTENTS_HEADER = {"ko": ("페이지", "배우는 것", "패키지 모듈"),
                    "en": ("Page", "What you learn", "Package module")}


def _edition(lang: str) -> str:
    if lang not in EDITIONS:
        raise ValueError(f"unknown edition {lang!r}; expected one of {EDITIONS}")
    return lang


def _check(pages: tuple[Page, ...]) -> None:
    slugs = [p.slug for p in pages]
    stems = [nb.stem for p in pages for nb in p.notebooks]
    for kind, names in (("page slug", slugs), ("notebook", stems)):
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise ValueError(f"mlp_lessons/lessons.py: {kind} declared more than once: {twice}")
    if "lessons" in slugs:
        raise ValueError("mlp_lessons/lessons.py: no page may be called 'lessons': "
                         "{{ lessons.<key> }} are the registry's own placeholders")
    if not slugs or slugs[0] != "index":
        raise ValueError(f"mlp_lessons/lessons.py: the first page must be the home page "
                         f"'index', got {slugs[:1]}")


_check(PAGES)


def page(slug: str) -> Page:
    """The page ``slug`` of :data:`PAGES`.

    >>> page("loss").ko
    '손실 함수'
    >>> page("los")
    Traceback (most recent call last):
    ...
    KeyError: "no page 'los' in mlp_lessons/lessons.py; the pages are index, activations, ..."
    """
    for candidate in PAGES:
        if candidate.slug == slug:
            return candidate
    raise KeyError(f"no page {slug!r} in mlp_lessons/lessons.py; the pages are "
                   + ", ".join(p.slug for p in PAGES))


def nav(lang: str) -> list[dict[str, str | list]]:
    """The page tree (MkDocs ``nav``) of edition ``lang``: every page, then the notebooks.

    ``mkdocs.yml`` reads it with ``nav: !!python/object/apply:mlp_lessons.lessons.nav [ko]``
    (MkDocs loads its configuration with PyYAML's full loader, as for the ``toc``
    extension's ``slugify``).

    >>> tree = nav("en")
    >>> tree[:2]
    [{'Home': 'index.md'}, {'Activation functions': 'activations.md'}]
    >>> tree[-1]["Notebooks (hands-on)"][0]
    {'Activation functions': 'notebooks/01_activations.ipynb'}
    """
    lang = _edition(lang)
    tree: list[dict[str, str | list]] = [{p.title(lang): p.file} for p in PAGES]
    notebooks = [{getattr(nb, lang): nb.file} for p in PAGES for nb in p.notebooks]
    if notebooks:
        tree.append({NOTEBOOK_SECTION[lang]: notebooks})
    return tree


def contents(lang: str) -> str:
    """The home page's contents table of edition ``lang`` (Markdown): each page that says
    what it teaches, linked, with what it teaches and the package modules behind it.

    >>> print(contents("en").splitlines()[2])
    | [Activation functions](activations.md) | The step, sigmoid, ... | `mlp_lessons.activations` |
    """
    lang = _edition(lang)
    rows = ["| " + " | ".join(_CONTENTS_HEADER[lang]) + " |", "|---|---|---|"]
    for p in PAGES:
        learn = p.learn_ko if lang == "ko" else p.learn_en
        if learn:
            modules = ", ".join(f"`mlp_lessons.{m}`" for m in p.modules) or "—"
            rows.append(f"| [{p.title(lang)}]({p.file}) | {learn} | {modules} |")
    return "\n".join(rows)


def numbers() -> dict[str, str]:
    """What the pages show from this registry, as placeholders ``{{ lessons.<key> }}``
    (:mod:`mlp_lessons.pages`): ``contents_ko`` and ``contents_en``, the home page's
    contents table of each edition.

    >>> sorted(numbers())
    ['contents_en', 'contents_ko']
    """
    return {f"contents_{lang}": contents(lang) for lang in EDITIONS}

"""The glossary: one Korean term, one English term, for every concept of the chapter.

One data source for the glossary pages of both editions (docs/glossary.md,
docs_en/glossary.md, whose tables are :func:`table`; ``tests/test_glossary.py``
checks that they equal it) and for the one-name lint of both editions' pages
(``tests/test_glossary.py``):

- a term's ``variants_ko`` / ``variants_en`` are other names for the same idea: the
  pages' own prose never uses them (code, quotes of the chapter and the bodies of
  correction boxes may); an English variant is also matched with a capital first letter;
- a term's ``labels_ko`` / ``labels_en`` are names the *textbook* uses for the idea
  (its 「평균 제곱 오차」 for the half sum of squares, its 「입력의 총합」 for
  the weighted sum) or the everyday word the term replaces (뉴런 for 유닛): prose
  may use them only on a line that also names the term (:meth:`Term.names`), that is,
  a sentence that sets the two side by side and explains the mismatch.  The lint
  cannot read the sentence's meaning: it checks that the right name is there.

Decisions (issue 17, item 3):

- ``z = Σ w x + b`` is the **가중합** (weighted sum); ``a = f(z)`` is the unit's
  **출력** (output).
- The chapter the site follows is the **교재** (the textbook), never 원문 ("the
  original"); a box where the site corrects it is titled **교재 정정** /
  "Correction to the textbook" (the old title 원문 정정 / "Correction to the
  original" is still accepted while the pages are renamed).  The English edition
  also says "the chapter" for the textbook's Chapter 6, the part the site follows.
- **시드** (seed), not 씨앗값; **유닛** (unit), not 뉴런, except when naming the
  biological analogy.
- ``½ Σ (y − t)²`` is the **오차제곱합 (SSE)**, the name Deep Learning from Scratch
  gives it; the textbook calls it 평균 제곱 오차 (MSE), which it is not (there is no
  mean).  The real MSE, ``(1/n) Σ (y − t)²``, appears only beside the SSE.  The bare
  제곱 오차 / "squared error" is a label too: a line that says it names the SSE as well.
- ``(f(x + h) − f(x − h)) / 2h`` is the **중심 차분** (central difference), the numerical
  derivative the pages check derivatives and gradients with.
- ``오차 역전파`` (the long name, "error backpropagation") is not a variant of 역전파
  but an accepted full name; ``기울기`` (slope) is an ordinary word, not a variant of
  그래디언트; only ``기울기 하강법`` is.

Examples
--------
>>> from mlp_lessons.glossary import TERMS, by_korean
>>> by_korean()["은닉층"].en
'hidden layer'
>>> by_korean()["오차제곱합"].names("en")
('sum of squared errors (SSE)', 'sum of squared errors', 'SSE')
>>> len({t.ko for t in TERMS}) == len(TERMS)
True
"""

from __future__ import annotations

from typing import NamedTuple

from mlp_lessons import lessons


class Term(NamedTuple):
    """One glossary entry.

    Attributes
    ----------
    ko : str
        The Korean term the pages use.
    en : str
        The English term of the English edition.
    symbol : str
        Its symbol as inline math (``\\(\\eta\\)``), or ``""``.
    page : str
        The page (file name, same in both editions) that introduces it.
    variants_ko, variants_en : tuple of str
        Other names for the idea that the pages' prose must not use.
    labels_ko, labels_en : tuple of str
        The textbook's (or everyday) names for the idea: allowed in prose only on a
        line that also names the term.
    also_en : tuple of str
        Short forms of the English term that also name it (``"SSE"``).
    """

    ko: str
    en: str
    symbol: str
    page: str
    variants_ko: tuple[str, ...] = ()
    variants_en: tuple[str, ...] = ()
    labels_ko: tuple[str, ...] = ()
    labels_en: tuple[str, ...] = ()
    also_en: tuple[str, ...] = ()

    def names(self, lang: str) -> tuple[str, ...]:
        """The spellings that name this term in edition ``lang``: the term, then short forms.

        A Korean line may name a term by its English short form too ("SSE").

        >>> by_korean()["가중합"].names("ko")
        ('가중합',)
        """
        short = tuple(s for s in self.also_en if s.isupper())
        if lang == "ko":
            return (self.ko, *short)
        if lang == "en":
            return (self.en, *self.also_en)
        raise ValueError(f"unknown edition {lang!r}; expected 'ko' or 'en'")


#: Every term, in the order of the pages that introduce them.
TERMS: list[Term] = [
    Term("다층 퍼셉트론", "multilayer perceptron (MLP)", "", "index.md", ("다층퍼셉트론",)),
    Term("교재", "textbook", "", "index.md", ("원문",),
         variants_en=("the original", "original text", "source text")),
    Term("유닛", "unit", "", "index.md", labels_ko=("뉴런",), labels_en=("neuron",)),
    Term("활성화 함수", "activation function", r"\(f\)", "activations.md",
         ("활성 함수", "활성화함수")),
    Term("가중치", "weight", r"\(w\)", "activations.md", ("웨이트",)),
    Term("바이어스", "bias", r"\(b\)", "activations.md", ("편향",)),
    Term("가중합", "weighted sum", r"\(z\)", "activations.md",
         ("입력합", "순입력", "가중 합"),
         variants_en=("net input", "summed input", "input sum"),
         labels_ko=("총합",), labels_en=("total input",)),
    Term("출력", "output", r"\(a\)", "activations.md", ("활성값", "활성화 값", "활성화값"),
         variants_en=("activation value",)),
    Term("계단 함수", "step function", "", "activations.md", ("계단함수",)),
    Term("시그모이드", "sigmoid", r"\(\sigma\)", "activations.md", ("시그머이드",)),
    Term("중심 차분", "central difference", r"\(\frac{f(x+h)-f(x-h)}{2h}\)", "activations.md",
         ("중심차분", "중앙 차분", "중앙차분"), variants_en=("centered difference", "centred difference")),
    Term("입력층", "input layer", "", "forward_pass.md", ("입력 레이어", "입력 층")),
    Term("은닉층", "hidden layer", "", "forward_pass.md",
         ("숨겨진 레이어", "숨은층", "은닉 레이어", "히든 레이어", "은닉 층")),
    Term("출력층", "output layer", "", "forward_pass.md", ("출력 레이어", "출력 층")),
    Term("순방향 패스", "forward pass", "", "forward_pass.md", ("순방향패스", "포워드 패스")),
    Term("손실 함수", "loss function", r"\(E\)", "loss.md", ("손실함수", "소실함수")),
    Term("오차제곱합", "sum of squared errors (SSE)", r"\(\tfrac12\sum(y-t)^2\)", "loss.md",
         ("오차 제곱합", "제곱오차합", "제곱 오차 합", "제곱 오차의 절반 합"),
         variants_en=("half sum of squared errors", "sum of squares error"),
         labels_ko=("평균 제곱 오차", "평균제곱오차", "MSE", "제곱 오차"),
         labels_en=("mean squared error", "MSE", "squared error"),
         also_en=("sum of squared errors", "SSE")),
    Term("교차 엔트로피", "cross-entropy", "", "loss.md", ("교차엔트로피", "크로스 엔트로피")),
    Term("경사 하강법", "gradient descent", "", "gradient_descent.md",
         ("경사하강법", "기울기 하강법")),
    Term("학습률", "learning rate", r"\(\eta\)", "gradient_descent.md", ("학습 속도", "학습율")),
    Term("그래디언트", "gradient", r"\(\partial E/\partial w\)", "gradient_descent.md",
         ("그라디언트", "그레디언트")),
    Term("시드", "seed", "", "backprop.md", ("씨앗값", "씨앗 값", "난수 씨앗")),
    Term("역전파", "backpropagation", "", "backprop.md", ("역 전파", "역전달")),
    Term("연쇄 법칙", "chain rule", "", "backprop.md", ("연쇄법칙", "체인 룰")),
    Term("델타", "delta", r"\(\delta\)", "backprop.md", ()),
    Term("에포크", "epoch", "", "numpy_mlp.md", ("에폭",)),
    Term("플레이그라운드", "playground", "", "playground.md", ()),
    # its old name 원문 정정 / "correction to the original" is caught by 교재's variants
    Term("교재 정정", "correction to the textbook", "", "corrections.md"),
]

#: Column headings of the glossary table, per edition.
_TABLE_HEADER = {"ko": ("한국어", "English", "기호", "처음 나오는 곳"),
                 "en": ("Korean", "English", "Symbol", "Introduced in")}


def by_korean() -> dict[str, Term]:
    """``{term.ko: term}`` for every term."""
    return {term.ko: term for term in TERMS}


def table(lang: str) -> str:
    """The glossary table of edition ``lang`` (Markdown), as docs/glossary.md and
    docs_en/glossary.md show it: Korean | English | symbol | the introducing page,
    linked under its title in that edition (:mod:`mlp_lessons.lessons`).

    >>> print(table("en").splitlines()[3])
    | 교재 | textbook | | [Home](index.md) |
    """
    if lang not in _TABLE_HEADER:
        raise ValueError(f"unknown edition {lang!r}; expected one of {tuple(_TABLE_HEADER)}")
    header = _TABLE_HEADER[lang]
    rows = ["| " + " | ".join(header) + " |", "|---|---|---|---|"]
    for term in TERMS:
        title = lessons.page(term.page.removesuffix(".md")).title(lang)
        symbol = f" {term.symbol} " if term.symbol else " "
        rows.append(f"| {term.ko} | {term.en} |{symbol}| [{title}]({term.page}) |")
    return "\n".join(rows)

"""The glossary: one Korean term, one English term, for every concept of the chapter.

One data source for the glossary pages of both editions (docs/glossary.md,
docs_en/glossary.md, written from :data:`TERMS`; ``tests/test_glossary.py``
checks that their tables equal it) and for the consistency check of the Korean
pages: a term's ``variants_ko`` are spellings the pages must not use in their
own prose (quotes of the chapter, code and ``원문 정정`` boxes may).

Decisions: ``오차 역전파`` (the long name, "error backpropagation") is not a
variant of 역전파 but an accepted full name; ``기울기`` (slope) is an ordinary
word, not a variant of 그래디언트; only ``기울기 하강법`` is.

Examples
--------
>>> from mlp_lessons.glossary import TERMS, by_korean
>>> by_korean()["은닉층"].en
'hidden layer'
>>> len({t.ko for t in TERMS}) == len(TERMS)
True
"""

from __future__ import annotations

from typing import NamedTuple


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
    variants_ko : tuple of str
        Wrong or inconsistent Korean spellings the pages' prose must not use.
    """

    ko: str
    en: str
    symbol: str
    page: str
    variants_ko: tuple[str, ...] = ()


#: Every term, in the order of the pages that introduce them.
TERMS: list[Term] = [
    Term("다층 퍼셉트론", "multilayer perceptron (MLP)", "", "index.md", ("다층퍼셉트론",)),
    Term("활성화 함수", "activation function", r"\(f\)", "activations.md",
         ("활성 함수", "활성화함수")),
    Term("계단 함수", "step function", "", "activations.md", ("계단함수",)),
    Term("시그모이드", "sigmoid", r"\(\sigma\)", "activations.md", ("시그머이드",)),
    Term("입력층", "input layer", "", "forward_pass.md", ("입력 레이어", "입력 층")),
    Term("은닉층", "hidden layer", "", "forward_pass.md",
         ("숨겨진 레이어", "숨은층", "은닉 레이어", "히든 레이어", "은닉 층")),
    Term("출력층", "output layer", "", "forward_pass.md", ("출력 레이어", "출력 층")),
    Term("가중치", "weight", r"\(w\)", "forward_pass.md", ("웨이트",)),
    Term("바이어스", "bias", r"\(b\)", "forward_pass.md", ("편향",)),
    Term("순방향 패스", "forward pass", "", "forward_pass.md", ("순방향패스", "포워드 패스")),
    Term("손실 함수", "loss function", r"\(E\)", "loss.md", ("손실함수", "소실함수")),
    Term("평균 제곱 오차", "mean squared error (MSE)", "", "loss.md",
         ("평균제곱오차", "평균 제곱 오류")),
    Term("교차 엔트로피", "cross-entropy", "", "loss.md", ("교차엔트로피", "크로스 엔트로피")),
    Term("경사 하강법", "gradient descent", "", "gradient_descent.md",
         ("경사하강법", "기울기 하강법")),
    Term("학습률", "learning rate", r"\(\eta\)", "gradient_descent.md", ("학습 속도", "학습율")),
    Term("그래디언트", "gradient", r"\(\partial E/\partial w\)", "gradient_descent.md",
         ("그라디언트", "그레디언트")),
    Term("역전파", "backpropagation", "", "backprop.md", ("역 전파", "역전달")),
    Term("연쇄 법칙", "chain rule", "", "backprop.md", ("연쇄법칙", "체인 룰")),
    Term("델타", "delta", r"\(\delta\)", "backprop.md", ()),
    Term("에포크", "epoch", "", "numpy_mlp.md", ("에폭",)),
    Term("플레이그라운드", "playground", "", "playground.md", ()),
    Term("원문 정정", "correction to the original", "", "corrections.md", ()),
]


def by_korean() -> dict[str, Term]:
    """``{term.ko: term}`` for every term."""
    return {term.ko: term for term in TERMS}

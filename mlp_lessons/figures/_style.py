"""Figure style: NanumGothic for Hangul and a clean, readable look.

Nothing here changes Matplotlib's global state on import.  :func:`lesson_style`
is a context manager: inside it figures are drawn with the lesson style, and
Matplotlib's settings are restored when it exits.  Figure functions must also
work without it (they then use Matplotlib's defaults).
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import matplotlib.font_manager

#: Fixed salt for the ids Matplotlib writes into SVG files, so that drawing a
#: figure twice gives the same bytes.
SVG_HASHSALT = "mlp-lessons"

#: Languages figures are drawn in: the Korean and the English edition.
LANGUAGES = ("ko", "en")

#: Language of the text the figure functions draw (read by ``mlp_lessons.figures.tr``).
#: A context variable, set only inside :func:`lesson_style`: no global state.
LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("mlp_lessons_figure_language",
                                                                default="ko")

#: Font families tried in order: NanumGothic has Hangul, DejaVu Sans the rest.
FONT_FAMILY = ["NanumGothic", "DejaVu Sans"]

STYLE = {
    "font.family": FONT_FAMILY,
    "font.size": 11,
    "axes.unicode_minus": False,  # NanumGothic has no U+2212 MINUS SIGN
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linestyle": "-",
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "savefig.bbox": "tight",
    "svg.fonttype": "path",
    "svg.hashsalt": SVG_HASHSALT,
}


def nanum_gothic_path(style: str = "") -> Path:
    """Return the path of NanumGothic{style}.ttf bundled with the koreanize-matplotlib wheel.

    The module ``koreanize_matplotlib`` is located without importing it: importing
    it changes Matplotlib's global settings.
    """
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "koreanize-matplotlib is needed for Hangul in figures: "
            "pip install -e '.[figures]'"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / f"NanumGothic{style}.ttf"
    if not path.is_file():
        raise FileNotFoundError(f"NanumGothic{style}.ttf not found at {path}")
    return path


def register_korean_font() -> None:
    """Add NanumGothic to Matplotlib's font list, once.

    Matplotlib warns unless a font has the exact weight asked for: regular is
    400 (NanumGothic.ttf) and ``"bold"`` is 700, which is NanumGothicExtraBold.ttf
    (NanumGothicBold.ttf is 600, ``"semibold"``).
    """
    manager = matplotlib.font_manager.fontManager
    known = {entry.fname for entry in manager.ttflist}
    for style in ("", "Bold", "ExtraBold"):
        path = str(nanum_gothic_path(style))
        if path not in known:
            manager.addfont(path)


@contextlib.contextmanager
def lesson_style(lang: str = "ko") -> Iterator[None]:
    """Draw figures with the lesson style, their text in ``lang``, inside a ``with`` block.

    Parameters
    ----------
    lang : {"ko", "en"}
        Language of the figures' text (what ``tr(ko, en)`` returns inside the block).

    Examples
    --------
    >>> import matplotlib
    >>> from mlp_lessons.figures import lesson_style, tr
    >>> with lesson_style():
    ...     matplotlib.rcParams["axes.unicode_minus"]
    False
    >>> with lesson_style("en"):
    ...     tr("은닉층", "hidden layer")
    'hidden layer'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    register_korean_font()
    token = LANGUAGE.set(lang)
    try:
        with matplotlib.rc_context(STYLE):
            yield
    finally:
        LANGUAGE.reset(token)

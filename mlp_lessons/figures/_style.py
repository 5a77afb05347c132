"""Figure style: NanumGothic for Hangul and a clean, readable look.

Nothing here changes Matplotlib's global state on import.  :func:`lesson_style`
is a context manager: inside it figures are drawn with the lesson style, and
Matplotlib's settings are restored when it exits.  Figure functions must also
work without it (they then use Matplotlib's defaults).
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import matplotlib.font_manager
import matplotlib.ft2font

#: Fixed salt for the ids Matplotlib writes into SVG files, so that drawing a
#: figure twice gives the same bytes.
SVG_HASHSALT = "mlp-lessons"

#: Languages figures are drawn in: the Korean and the English edition.
LANGUAGES = ("ko", "en")

#: Language of the text the figure functions draw (read by ``mlp_lessons.figures.tr``).
#: A context variable, set only inside :func:`lesson_style`: no global state.
LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("mlp_lessons_figure_language",
                                                                default="ko")

#: The family name :func:`register_korean_font` gives the NanumGothic files bundled with the
#: koreanize-matplotlib wheel.  A name of our own: under the font's own name "NanumGothic"
#: Matplotlib would pick a system NanumGothic where one is installed (Debian's fonts-nanum),
#: and the glyph outlines written into the SVGs would depend on the machine.
BUNDLED_FAMILY = "MLP Lessons NanumGothic"

#: Font families tried in order: the bundled NanumGothic has Hangul, DejaVu Sans (shipped
#: with Matplotlib) the rest.
FONT_FAMILY = [BUNDLED_FAMILY, "DejaVu Sans"]

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
    """Add the bundled NanumGothic files to Matplotlib's font list, once.

    Each file is added twice: under the family name :data:`BUNDLED_FAMILY`, which
    the lesson style uses and which names these files only, whatever fonts the
    machine has; and under its own name "NanumGothic" (``fontManager.addfont``)
    for code that asks for "NanumGothic" (on a machine with a system NanumGothic,
    that name may give the system's files).

    Matplotlib warns unless a font has the exact weight asked for: regular is
    400 (NanumGothic.ttf) and ``"bold"`` is 700, which is NanumGothicExtraBold.ttf
    (NanumGothicBold.ttf is 600, ``"semibold"``).
    """
    font_manager = matplotlib.font_manager
    manager = font_manager.fontManager  # looked up on each call: Matplotlib may rebuild it
    known = {(entry.name, entry.fname) for entry in manager.ttflist}
    added = False
    for style in ("", "Bold", "ExtraBold"):
        path = str(nanum_gothic_path(style))
        if (BUNDLED_FAMILY, path) not in known:
            # as addfont adds a font under its alternative names, with a name of our own
            entry = font_manager.ttfFontProperty(matplotlib.ft2font.FT2Font(path))
            manager.ttflist.append(dataclasses.replace(entry, name=BUNDLED_FAMILY))
            added = True
        if not any(fname == path and name != BUNDLED_FAMILY for name, fname in known):
            manager.addfont(path)
    if added:
        # Private Matplotlib API: FontManager._findfont_cached, the lru_cache of findfont,
        # cleared as addfont clears it (a lookup made before the name existed must not stay).
        manager._findfont_cached.cache_clear()


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

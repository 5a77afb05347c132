"""HTML pass (page_html.py): typeset every formula at build time with MathJax 3.2.2, so pages
ship no MathJax JavaScript.

The formulas are typeset by MathJax itself (npm ``mathjax-full``, pinned in
package-lock.json) running in Node: ``hooks/mathjax_render.mjs``, TeX input, SVG output,
with assistive MathML (a visually hidden ``<math>`` copy that screen readers read).
For each page (``on_post_page``):

- each ``pymdownx.arithmatex`` element (``<span class="arithmatex">\\(...\\)</span>``,
  ``<div class="arithmatex">\\[...\\]</div>``) gets MathJax's ``<mjx-container>`` in
  place of its TeX;
- each notebook Markdown cell (mkdocs-jupyter, ``jp-RenderedMarkdown``) is typeset by
  MathJax's own math finder, with Jupyter's delimiters ``$..$``, ``$$..$$``, ``\\(..\\)``,
  ``\\[..\\]`` (``\\$`` is a dollar sign);
- the glyphs the page's formulas draw go once into a hidden ``<svg><defs>`` at the top
  of ``<body>``, and MathJax's stylesheet into a ``<style>`` in ``<head>``.

A TeX error fails the build, naming the page and the formula.  One Node process serves
the whole build (started on the first formula not in the cache, JSON lines on its
stdin/stdout); results are cached in ``.cache/mathjax/<renderer>/``, keyed by the request
(TeX, display or inline) and ``<renderer>`` = MathJax's version + the script's bytes, so a
warm rebuild starts no Node at all.  Output is deterministic.

Needs Node.js and ``npm ci`` (``scripts/build.sh`` and ``scripts/serve.sh`` run it).
"""

from __future__ import annotations

import atexit
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent  # node_modules/ and .cache/ are here
SCRIPT = ROOT / "hooks" / "mathjax_render.mjs"
MATHJAX_VERSION = "3.2.2"  # package.json pins mathjax-full to this
CACHE = Path(".cache") / "mathjax"

# pymdownx.arithmatex (generic: true): the TeX, HTML-escaped, with its delimiters.
ARITHMATEX = re.compile(r'<(?P<tag>span|div) class="arithmatex"(?:\s[^>]*)?>(?P<tex>.*?)</(?P=tag)>', re.S)
# A notebook cell whose HTML may hold $...$ math (Markdown cells, Markdown/LaTeX outputs).
CELL = re.compile(r'<div class="[^"]*\bjp-Rendered(?:Markdown|Latex)\b[^"]*"[^>]*>')
DIV = re.compile(r"<div\b|</div>")
MATH_MARKERS = ("$", "\\(", "\\[", "\\begin")
BODY = re.compile(r"<body\b[^>]*>")
# Material's ``.md-typeset svg {max-width: 100%; height: auto}`` is meant for images: inside
# display math (``div.arithmatex > * {width: min-content}`` on phones) it shrinks a
# formula's <svg> to 1 px.  MathJax's <svg> has its own size.
MATERIAL_CSS = ' .md-typeset mjx-container[jax="SVG"] > svg { max-width: none; }'


# --- the Node process ---------------------------------------------------------------

def check_installed(root: Path) -> None:
    """Fail with a clear message unless Node and the pinned mathjax-full are installed."""
    if shutil.which("node") is None:
        raise PluginError("MathJax typesetting needs Node.js (node not found on PATH); "
                          "install Node 18+ and run `npm ci`")
    package = root / "node_modules" / "mathjax-full" / "package.json"
    try:
        version = json.loads(package.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        raise PluginError(f"{package} not found: run `npm ci` in {root}") from None
    if version != MATHJAX_VERSION:
        raise PluginError(f"node_modules has mathjax-full {version}, the site pins "
                          f"{MATHJAX_VERSION}: run `npm ci` in {root}")


class Renderer:
    """The Node process of hooks/mathjax_render.mjs, started on first use."""

    def __init__(self, root: Path):
        self.root = root
        self.process: subprocess.Popen | None = None
        self.stderr = None

    def ask(self, requests: list[dict]) -> list[dict]:
        """Send a batch of requests (one JSON line), return the answers (one JSON line)."""
        if self.process is None:
            check_installed(self.root)
            self.stderr = tempfile.TemporaryFile()
            self.process = subprocess.Popen(
                ["node", str(SCRIPT)], cwd=self.root, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=self.stderr, text=True, encoding="utf-8")
        try:
            self.process.stdin.write(json.dumps(requests, ensure_ascii=False) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        except (BrokenPipeError, OSError):
            line = ""
        if not line:
            self.stderr.seek(0)
            message = self.stderr.read().decode("utf-8", "replace").strip()
            self.close()
            raise PluginError(f"MathJax (node {SCRIPT.name}) stopped: {message or 'no output'}"
                              "\n(is node_modules up to date? run `npm ci`)")
        return json.loads(line)

    def close(self) -> None:
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait(timeout=30)
            self.stderr.close()
            self.process = None


class Typesetter:
    """Typeset requests through the disk cache, asking Node only for what it lacks."""

    def __init__(self, root: Path = ROOT, cache: Path | None = None):
        self.renderer = Renderer(root)
        digest = hashlib.sha256(f"mathjax-full {MATHJAX_VERSION}\0".encode() + SCRIPT.read_bytes())
        self.cache = (cache or root / CACHE) / digest.hexdigest()[:16]
        for old in self.cache.parent.glob("*"):  # renders of an earlier script or MathJax
            if old.is_dir() and old != self.cache:
                shutil.rmtree(old, ignore_errors=True)

    def typeset(self, requests: list[dict], where: str) -> list[dict]:
        """Answers to ``requests`` (see hooks/mathjax_render.mjs); a TeX error raises
        PluginError naming ``where`` and the formula."""
        keys = [hashlib.sha256(json.dumps(r, sort_keys=True, ensure_ascii=False).encode())
                .hexdigest() for r in requests]
        answers = [self._cached(key) for key in keys]
        missing = [i for i, answer in enumerate(answers) if answer is None]
        if missing:
            fresh = self.renderer.ask([requests[i] for i in missing])
            for i, answer in zip(missing, fresh):
                if "errors" in answer:
                    problems = "\n".join(f"  {e['message']} in: {e['tex']}" for e in answer["errors"])
                    raise PluginError(f"MathJax could not typeset the math of {where}:\n{problems}")
                self._store(keys[i], answer)
                answers[i] = answer
        return answers

    def _cached(self, key: str) -> dict | None:
        try:
            return json.loads((self.cache / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _store(self, key: str, answer: dict) -> None:
        # Written whole, then renamed: two builds at once may share the cache.
        self.cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.cache, prefix=f".{key}-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(answer, out, ensure_ascii=False)
        os.replace(tmp, self.cache / f"{key}.json")

    def close(self) -> None:
        self.renderer.close()


# --- the page ------------------------------------------------------------------------

def strip_delimiters(tex: str) -> tuple[str, bool]:
    """arithmatex's text → (TeX, display)."""
    if tex.startswith("\\(") and tex.endswith("\\)"):
        return tex[2:-2], False
    if tex.startswith("\\[") and tex.endswith("\\]"):
        return tex[2:-2], True
    return tex, True  # a bare \begin{...}...\end{...} block


def cells(output: str) -> list[tuple[int, int]]:
    """(start, end) of the inner HTML of each notebook cell that may hold math."""
    spans = []
    for match in CELL.finditer(output):
        depth, start = 1, match.end()
        for tag in DIV.finditer(output, start):
            depth += 1 if tag.group() == "<div" else -1
            if depth == 0:
                if any(marker in output[start:tag.start()] for marker in MATH_MARKERS):
                    spans.append((start, tag.start()))
                break
    return spans


def typeset_page(output: str, typeset, where: str) -> str:
    """``output`` (a page's HTML) with every formula typeset by ``typeset`` (a
    Typesetter's method), the glyphs in a hidden <svg> and MathJax's CSS in <head>."""
    edits = []  # (start, end, request)
    for match in ARITHMATEX.finditer(output):
        tex, display = strip_delimiters(html.unescape(match.group("tex")).strip())
        edits.append((match.start("tex"), match.end("tex"), {"tex": tex, "display": display}))
    edits += [(start, end, {"markup": output[start:end]}) for start, end in cells(output)]
    if not edits:
        return output
    edits.sort(key=lambda edit: edit[0])
    for (_, end, _), (start, _, _) in zip(edits, edits[1:]):
        if start < end:  # e.g. arithmatex's markup inside a notebook cell
            raise PluginError(f"{where}: nested math markup at character {start}")
    answers = typeset([request for _, _, request in edits] + [{"stylesheet": True}], where)
    css = " ".join(answers.pop()["css"].split()) + MATERIAL_CSS
    glyphs = {}
    parts, last = [], 0
    for (start, end, _), answer in zip(edits, answers):
        parts += [output[last:start], answer["html"]]
        glyphs.update(answer["glyphs"])
        last = end
    parts.append(output[last:])
    output = "".join(parts)
    defs = "".join(f'<path id="{name}" d="{glyphs[name]}"></path>' for name in sorted(glyphs))
    font_cache = f'<svg id="MJX-SVG-global-cache" style="display: none;"><defs>{defs}</defs></svg>'
    body = BODY.search(output)
    if body is None:
        raise PluginError(f"{where}: no <body> to put MathJax's glyphs in")
    output = output[:body.end()] + font_cache + output[body.end():]
    return output.replace("</head>", f'<style id="MJX-SVG-styles">{css}</style></head>', 1)


# --- MkDocs events -------------------------------------------------------------------

_typesetter: Typesetter | None = None


def _close() -> None:
    global _typesetter
    if _typesetter is not None:
        _typesetter.close()
        _typesetter = None


atexit.register(_close)


def on_config(config):
    global _typesetter
    _close()
    _typesetter = Typesetter(ROOT)


def on_post_page(output, page, config):
    where = f"{Path(config.docs_dir).name}/{page.file.src_uri}"  # docs/backprop.md
    return typeset_page(output, _typesetter.typeset, where)


def on_post_build(config):
    _close()


def on_build_error(error):
    _close()

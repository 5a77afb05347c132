// Typeset TeX with MathJax at build time, for hooks/mathjax.py: TeX input, SVG output,
// assistive MathML (a hidden <math> copy that screen readers read).
//
// One process serves a whole build.  Protocol: on stdin, one line per batch, a JSON list
// of requests; on stdout, one line per batch, the JSON list of their answers, in order.
//
//   {"tex": "\\frac{1}{2}", "display": false}
//       -> {"html": "<mjx-container ...>...</mjx-container>", "glyphs": {"MJX-TEX-N-31": "M...", ...}}
//   (with "flatten": false, MathJax's SVG as it makes it: for tests/test_mathjax_hook.py)
//   {"markup": "<p>... $x$ ... $$y$$ ...</p>"}    (a notebook cell's HTML: $..$, $$..$$, \(..\) and \[..\])
//       -> {"html": "<p>... <mjx-container ...>...</p>", "glyphs": {...}}
//   {"stylesheet": true}
//       -> {"css": "mjx-container[jax=\"SVG\"] {...} ..."}
//   a TeX error -> {"errors": [{"tex": "\\frac{1}{", "message": "Missing close brace"}]}
//
// Glyphs use MathJax's "global" font cache: a formula's <svg> draws each glyph with
// <use xlink:href="#MJX-TEX-I-1D465">, and "glyphs" lists the <path>s those ids name, so
// the hook writes each glyph once per page (one hidden <svg><defs>).  An answer depends
// only on its request (every per-formula state is reset), so the hook caches it on disk.

import {createInterface} from 'node:readline';
import {mathjax} from 'mathjax-full/js/mathjax.js';
import {TeX} from 'mathjax-full/js/input/tex.js';
import {SVG} from 'mathjax-full/js/output/svg.js';
import {liteAdaptor} from 'mathjax-full/js/adaptors/liteAdaptor.js';
import {RegisterHTMLHandler} from 'mathjax-full/js/handlers/html.js';
import {AssistiveMmlHandler} from 'mathjax-full/js/a11y/assistive-mml.js';
// The TeX packages the pages may use.  No "noundefined"/"noerrors": an unknown macro is
// an error, and an error fails the build.
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';
import 'mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js';
import 'mathjax-full/js/input/tex/newcommand/NewcommandConfiguration.js';
import 'mathjax-full/js/input/tex/configmacros/ConfigMacrosConfiguration.js';

const PACKAGES = ['base', 'ams', 'boldsymbol', 'newcommand', 'configmacros'];
// Notebook Markdown cells: the delimiters Jupyter uses.
const CELL_DELIMITERS = {
  inlineMath: [['$', '$'], ['\\(', '\\)']],
  displayMath: [['$$', '$$'], ['\\[', '\\]']],
  processEscapes: true,
  processEnvironments: true,
};
// Sizes MathJax assumes when no browser measures them (it then writes sizes in ex).
const METRICS = {em: 16, ex: 8, containerWidth: 80 * 16};

// Without a browser, MathJax estimates the width of text its fonts lack (Hangul in \text{})
// as cjkCharWidth em per full-width character, but draws that text scaled by the math
// font's x-height ratio (0.442 / (ex / em)).  The same factor here puts Hangul syllables
// side by side instead of spaced out.
const TEXT_SCALE = 0.442 / (METRICS.ex / METRICS.em);
const adaptor = liteAdaptor({cjkCharWidth: TEXT_SCALE});
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));

let errors = [];

/** A TeX input jax that records errors (with their formula) instead of only drawing them in red. */
function texInput(options = {}) {
  return new TeX({
    packages: PACKAGES,
    ...options,
    formatError(jax, error) {
      errors.push({tex: jax.latex, message: error.message});
      return jax.formatError(error);
    },
  });
}

/** An SVG output jax whose glyphs go into the global font cache. */
function svgOutput() {
  return new SVG({fontCache: 'global'});
}

/** The paths of the glyphs that the last typesetting put into ``svg``'s font cache. */
function glyphs(svg) {
  return Object.fromEntries([...svg.fontCache.cache].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const formulaTex = texInput();
const formulaSvg = svgOutput();
const formulas = mathjax.document('', {InputJax: formulaTex, OutputJax: formulaSvg});

// Elements MathJax's stylesheet selects by data-mml-node (tables, errors): never merged away.
const STYLED = new Set(['mtable', 'merror', 'maction']);
// What a <g>'s transform can move onto (an inner <svg> ignores transform in browsers).
const MOVABLE = new Set(['g', 'use', 'path', 'rect', 'line', 'text']);

/**
 * Fewer elements per formula, the same drawing: MathJax wraps each glyph, and each node of
 * its MathML, in a <g data-mml-node=...> of its own, often around a single element only to
 * label it or to move it.  Such a <g> (no attribute but data-mml-node, data-mjx-texclass
 * and transform) is replaced by its one child, with its transform put before the child's;
 * one without a transform is replaced by its children, however many; an empty one goes.
 * On a lesson page this removes over a thousand elements, which the browser otherwise
 * styles and lays out at every load (benchmarks/bench_lighthouse.py).
 */
function flatten(node) {
  for (const child of adaptor.childNodes(node)) {
    if (adaptor.kind(child) !== '#text' && adaptor.kind(child) !== '#comment') flatten(child);
  }
  if (adaptor.kind(node) !== 'g' || STYLED.has(adaptor.getAttribute(node, 'data-mml-node'))) return;
  const names = adaptor.allAttributes(node).map(attribute => attribute.name);
  if (!names.every(name => ['transform', 'data-mml-node', 'data-mjx-texclass'].includes(name))) return;
  const children = adaptor.childNodes(node);
  if (children.length === 0) {  // draws nothing (e.g. an empty mstyle)
    adaptor.remove(node);
    return;
  }
  if (!names.includes('transform')) {
    for (const child of children) {
      adaptor.remove(child);
      adaptor.insert(child, node);
    }
    adaptor.remove(node);
    return;
  }
  if (children.length !== 1 || !MOVABLE.has(adaptor.kind(children[0]))) return;
  const child = children[0];
  const transform = [adaptor.getAttribute(node, 'transform'), adaptor.getAttribute(child, 'transform')]
    .filter(Boolean).join(' ');
  if (transform) adaptor.setAttribute(child, 'transform', transform);
  adaptor.replace(child, node);
}

/** One formula (TeX without delimiters) -> the <mjx-container> element and its glyphs. */
function renderFormula(tex, display, flat = true) {
  formulaTex.reset();  // equation numbers and labels start afresh for every formula
  formulaSvg.fontCache.clearCache();
  const node = formulas.convert(tex, {display, ...METRICS});
  if (flat) flatten(node);
  return {html: adaptor.outerHTML(node), glyphs: glyphs(formulaSvg)};
}

/** The HTML of a notebook Markdown cell -> the same HTML with its math typeset, and the glyphs. */
function renderMarkup(markup) {
  const svg = svgOutput();
  const doc = mathjax.document(markup, {InputJax: texInput(CELL_DELIMITERS), OutputJax: svg});
  doc.render();
  const body = adaptor.body(doc.document);
  for (const container of adaptor.tags(body, 'mjx-container')) flatten(container);
  for (const cache of adaptor.tags(body, 'svg').filter(n => adaptor.getAttribute(n, 'id') === SVG.FONTCACHEID)) {
    adaptor.remove(cache);  // the hook writes one font cache per page
  }
  return {html: adaptor.innerHTML(body), glyphs: glyphs(svg)};
}

/** The CSS that MathJax's SVG output and the assistive MathML need. */
function stylesheet() {
  return {css: adaptor.textContent(formulaSvg.styleSheet(formulas))};
}

function answer(request) {
  errors = [];
  let result;
  if (request.stylesheet) result = stylesheet();
  else if (typeof request.markup === 'string') result = renderMarkup(request.markup);
  else if (typeof request.tex === 'string') {
    result = renderFormula(request.tex, Boolean(request.display), request.flatten !== false);
  }
  else throw new Error(`unknown request: ${JSON.stringify(request).slice(0, 200)}`);
  return errors.length ? {errors} : result;
}

const lines = createInterface({input: process.stdin, crlfDelay: Infinity});
for await (const line of lines) {
  if (!line.trim()) continue;
  const replies = JSON.parse(line).map(request => {
    try {
      return answer(request);
    } catch (error) {
      return {errors: [{tex: request.tex ?? request.markup ?? null, message: String(error?.stack ?? error)}]};
    }
  });
  process.stdout.write(JSON.stringify(replies) + '\n');
}

// Shared helpers of the lesson pages' explorables (docs/javascripts/explorables/*.js).
//
// Each explorable is a plain ES module that finds its root elements,
// <div data-explorable="<name>">, and builds itself when the element comes near the screen.
// The root is placed beside the static figure it extends; the figure stays for readers
// without JavaScript and in print.  Texts come in Korean and English, chosen by <html lang>.
// Nothing here keeps state between explorables: every function works on what it is given.

/** "en" on the English edition, "ko" otherwise (the page's <html lang>). */
export function language(doc = globalThis.document) {
  const lang = (doc && doc.documentElement.lang) || "ko";
  return lang.toLowerCase().startsWith("en") ? "en" : "ko";
}

/** A message template with {name} replaced by params[name]. */
export function fill(template, params = {}) {
  return template.replace(/\{(\w+)\}/g, (_, name) => {
    if (!Object.hasOwn(params, name)) throw new Error(`fill: no value for {${name}} in ${JSON.stringify(template)}`);
    return String(params[name]);
  });
}

/**
 * What Python's repr() prints for a float: the shortest digits that read back as the same
 * number (as JavaScript's String()), but with Python's layout — "10.0" not "10",
 * "1e-05" not "0.00001", "1e+16" not "10000000000000000".
 */
export function pyRepr(x) {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mantissa, exp] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const n = Number(exp);
  if (n < -4 || n >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  if (n < 0) return `${sign}0.${"0".repeat(-n - 1)}${digits}`;
  const whole = digits.slice(0, n + 1).padEnd(n + 1, "0");
  const frac = digits.slice(n + 1) || "0";
  return `${sign}${whole}.${frac}`;
}

/** x with `digits` decimals, as Python's f"{x:.{digits}f}" (no "-0.000"). */
export function fixed(x, digits) {
  if (!Number.isFinite(x)) return pyRepr(x);
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** x with at most `digits` decimals and no trailing zeros: 0.25, 1, -0.4621. */
export function short(x, digits = 4) {
  const s = fixed(x, digits);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

const SVG_NS = "http://www.w3.org/2000/svg";

function build(element, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") element.textContent = value;
    else if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An HTML element: h("button", {type: "button", onclick: f}, "text"). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element: s("line", {x1: 0, ...}). */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** "w1" → ["w", "1"], "z_y" → ["z", "y"], "E" → ["E", ""]: a symbol's letter and subscript. */
export function symbolParts(key) {
  const m = /^([A-Za-zδ]+?)_?(\d+|y|h\d)?$/.exec(key);
  return m ? [m[1], m[2] || ""] : [key, ""];
}

/** A symbol as HTML: w<sub>1</sub>. */
export function symHTML(key) {
  const [base, sub] = symbolParts(key);
  return h("span", { class: "ex-sym" }, h("i", {}, base), sub ? h("sub", {}, sub) : null);
}

/** A symbol as SVG tspans, for inside a <text>: w + a lowered, smaller 1. */
export function symSVG(key) {
  const [base, sub] = symbolParts(key);
  return [s("tspan", { "font-style": "italic", text: base }),
    sub ? s("tspan", { class: "ex-sub", "baseline-shift": "sub", text: sub }) : null];
}

/** Replace the children of `element` (a table body, an SVG group) by `children`. */
export function replaceChildren(element, ...children) {
  element.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
}

/**
 * Call start(root) once, when root comes within half a screen of the viewport.
 * Until then root carries data-deferred="true"; once built, data-ready="true".
 */
export function whenNear(root, start) {
  let started = false;
  function once() {
    if (started) return;
    started = true;
    delete root.dataset.deferred;
    start(root);
    root.dataset.ready = "true";
  }
  if (typeof IntersectionObserver === "undefined") { once(); return; }
  root.dataset.deferred = "true";
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) { observer.disconnect(); once(); }
  }, { rootMargin: "50% 0px 50% 0px" });
  observer.observe(root);
}

/** This folder's stylesheet, ../../stylesheets/explorables.css. */
export const STYLESHEET = new URL("../../stylesheets/explorables.css", import.meta.url);

/**
 * Link the stylesheet unless the page has it already (mkdocs.yml's extra_css puts it in
 * every page's <head>; this fallback serves a site built without that line).
 */
export function ensureStylesheet(doc) {
  const has = [...doc.querySelectorAll('link[rel="stylesheet"]')].some((link) => link.href === STYLESHEET.href);
  if (!has) doc.head.append(h("link", { rel: "stylesheet", href: STYLESHEET.href }));
}

/** Build every <… data-explorable="name"> of the page with start(root, index) when near. */
export function mountAll(name, start) {
  if (typeof document === "undefined") return;   // imported by Node's tests
  ensureStylesheet(document);
  document.querySelectorAll(`[data-explorable="${name}"]`).forEach((root, index) => {
    root.classList.add("ex");
    whenNear(root, () => {
      root.replaceChildren();                    // drop the no-script note
      start(root, `ex-${name}-${index}`);
    });
  });
}

/** A number read from the root's data attribute (filled at build time from mlp_lessons). */
export function dataNumber(root, name) {
  const raw = root.dataset[name];
  const value = Number(raw);
  if (raw === undefined || raw === "" || !Number.isFinite(value)) {
    throw new Error(`data-explorable="${root.dataset.explorable}": data-${name} must be a number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** A labelled number field: [label, input]; onInput(value) with the parsed number. */
export function numberField(id, label, value, { step = "any", min, max, onInput } = {}) {
  const input = h("input", { type: "number", id, step, min, max, value: String(value), inputmode: "decimal" });
  if (onInput) input.addEventListener("input", () => {
    const v = input.valueAsNumber;
    input.setAttribute("aria-invalid", Number.isFinite(v) ? "false" : "true");
    if (Number.isFinite(v)) onInput(v);
  });
  return [h("label", { for: id }, label), input];
}

/** Map [lo, hi] onto [a, b] linearly. */
export function scale(lo, hi, a, b) {
  const k = (b - a) / (hi - lo);
  return (v) => a + (v - lo) * k;
}

/**
 * A run/pause toggle on `button`: while running, `step()` is called every `everyMs` ms until it
 * returns false.  The button's text (`texts.run` / `texts.pause`), its aria-pressed and
 * `root.dataset.running` follow the state.  Returns {run, pause}: run() toggles.
 */
export function runToggle(root, button, step, texts, everyMs = 120) {
  let timer = null;
  function pause() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    button.textContent = texts.run;
    button.setAttribute("aria-pressed", "false");
    root.dataset.running = "false";
  }
  function run() {
    if (timer !== null) { pause(); return; }
    button.textContent = texts.pause;
    button.setAttribute("aria-pressed", "true");
    root.dataset.running = "true";
    timer = setInterval(() => { if (!step()) pause(); }, everyMs);
  }
  return { run, pause };
}

// The playground's setup as a URL fragment: #problem=classification&data=xor&...&seed=1
//
// Parsing is strict: only the keys below, each checked against a whitelist or a numeric
// range.  Anything else is dropped (the default is used) and a message (in the page's language, i18n.js) says which
// setting was ignored.  The message never repeats what the fragment contained, except
// the names of known keys, and the page shows it with textContent only.

import { MAX_CODE_LENGTH, MAX_POINTS, decodePoints, encodePoints } from "./custom.js";
import { CUSTOM, DATASETS } from "./data.js";
import { FEATURE_NAMES } from "./features.js";
import { t } from "./i18n.js";
import { ACTIVATIONS, REGULARIZATIONS } from "./mlp.js";

export const MAX_LAYERS = 6;
export const MAX_NEURONS = 8;
/** The settings alone fit in 600 characters; the reader's own points add at most their code. */
export const MAX_FRAGMENT_LENGTH = 600 + "&points=".length + MAX_CODE_LENGTH;

export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const PROBLEMS = ["classification", "regression"];

export const DEFAULTS = Object.freeze({
  problem: "classification",
  data: "circle",
  noise: 0,          // %, in steps of 5
  ratio: 50,         // % of the points used for training, in steps of 10
  batch: 10,
  seed: 1,
  features: ["x1", "x2"],
  layers: [4, 2],    // neurons per hidden layer
  act: "tanh",
  lr: 0.03,
  reg: "none",
  regRate: 0,
  test: false,       // show the test points on the heatmap
  points: [],        // the reader's own data (data=custom): [{x1, x2, label}], see custom.js
});


const INT = /^(0|[1-9][0-9]{0,6})$/;
const NUMBER = /^[0-9]{1,3}(\.[0-9]{1,6})?$/;

/** Integers lo, lo + step, ..., hi (the values the page's slider can take). */
function intIn(lo, hi, step = 1) {
  return (text) => {
    if (!INT.test(text)) return undefined;
    const v = Number(text);
    return v >= lo && v <= hi && (v - lo) % step === 0 ? v : undefined;
  };
}

function oneOf(list) {
  return (text) => (list.includes(text) ? text : undefined);
}

function numberIn(list) {
  return (text) => {
    if (!NUMBER.test(text)) return undefined;
    const v = Number(text);
    return list.includes(v) ? v : undefined;
  };
}

// One reader per key: text → value, or undefined when the text is not acceptable.
const READERS = {
  problem: oneOf(PROBLEMS),
  data: oneOf([...Object.keys(DATASETS), CUSTOM]),
  noise: intIn(0, 50, 5),
  ratio: intIn(10, 90, 10),
  batch: intIn(1, 30),
  seed: intIn(0, 999999),
  features: (text) => {
    const names = text.split(",");
    if (!names.every((n) => FEATURE_NAMES.includes(n)) || new Set(names).size !== names.length) return undefined;
    return FEATURE_NAMES.filter((n) => names.includes(n));   // canonical order
  },
  layers: (text) => {
    if (text === "") return [];                                 // no hidden layer
    const parts = text.split(",");
    if (parts.length > MAX_LAYERS) return undefined;
    const sizes = parts.map(intIn(1, MAX_NEURONS));
    return sizes.every((s) => s !== undefined) ? sizes : undefined;
  },
  act: oneOf(Object.keys(ACTIVATIONS)),
  lr: numberIn(LEARNING_RATES),
  reg: oneOf(Object.keys(REGULARIZATIONS)),
  regRate: numberIn(REG_RATES),
  test: (text) => (text === "1" ? true : text === "0" ? false : undefined),
  points: decodePoints,   // {problem, points} or {error}: parseFragment says which
};

export const KEYS = Object.keys(READERS);

/** A fresh copy of the defaults (arrays copied too). */
export function defaultState() {
  return { ...DEFAULTS, features: [...DEFAULTS.features], layers: [...DEFAULTS.layers], points: [] };
}

/** Number as the fragment writes it: 0.00001 stays "0.00001", never "1e-5". */
function numberText(v) {
  const s = String(v);
  return s.includes("e") ? v.toFixed(10).replace(/0+$/, "") : s;
}

/** The fragment (without "#") for a state: every key, in a fixed order (points only with data=custom). */
export function serializeState(state) {
  const text = {
    problem: state.problem, data: state.data, noise: String(state.noise), ratio: String(state.ratio),
    batch: String(state.batch), seed: String(state.seed), features: state.features.join(","),
    layers: state.layers.join(","), act: state.act, lr: numberText(state.lr), reg: state.reg,
    regRate: numberText(state.regRate), test: state.test ? "1" : "0",
    points: state.data === CUSTOM ? encodePoints(state.points, state.problem) : undefined,
  };
  // Commas may stand unescaped in a fragment (RFC 3986 sub-delims): "layers=4,2" reads better.
  return KEYS.filter((k) => text[k] !== undefined)
    .map((k) => `${k}=${encodeURIComponent(text[k]).replace(/%2C/g, ",")}`).join("&");
}

/**
 * Parse a fragment (with or without the leading "#").
 *
 * Returns {state, messages}: state is complete (missing or rejected keys take the
 * default); messages is a list of sentences in the page's language (i18n.js), empty when everything was read.
 */
export function parseFragment(fragment) {
  const state = defaultState();
  const messages = [];
  let text = typeof fragment === "string" ? fragment : "";
  if (text.startsWith("#")) text = text.slice(1);
  if (text === "") return { state, messages };
  const fallback = t("msg.fallback");
  if (text.length > MAX_FRAGMENT_LENGTH) {
    return { state, messages: [t("msg.tooLong", { length: text.length, max: MAX_FRAGMENT_LENGTH })] };
  }
  if (!text.includes("=")) return { state, messages: [fallback] };
  const seen = new Set();
  const rejected = [];
  let unknown = 0;
  for (const pair of text.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    let key, value;
    try {
      key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      value = decodeURIComponent(eq < 0 ? "" : pair.slice(eq + 1));
    } catch {
      unknown += 1;                      // malformed %-escape
      continue;
    }
    if (eq < 0 || !Object.hasOwn(READERS, key) || seen.has(key)) {
      unknown += 1;
      continue;
    }
    seen.add(key);
    const v = READERS[key](value);
    if (v === undefined) rejected.push(key);
    else state[key] = v;
  }
  // The reader's own points: their code names its problem type, which must agree.
  const code = state.points;
  state.points = [];
  if (state.data === CUSTOM && seen.has("points")) {
    if (code.error === "tooMany") messages.push(t("msg.points.tooMany", { max: MAX_POINTS }));
    else if (code.error === "version") messages.push(t("msg.points.version"));
    else if (code.error) rejected.push("points");
    else {
      if (!seen.has("problem")) state.problem = code.problem;
      if (code.problem === state.problem) state.points = code.points;
      else rejected.push("points");
    }
  }
  // The data set must belong to the problem type (a data set alone implies its problem type).
  if (state.data !== CUSTOM && seen.has("data") && !seen.has("problem")) state.problem = DATASETS[state.data].problem;
  if (state.data !== CUSTOM && DATASETS[state.data].problem !== state.problem) {
    if (seen.has("data") && !rejected.includes("data")) rejected.push("data");
    state.data = state.problem === "classification" ? "circle" : "plane";
  }
  if (seen.size === 0) return { state: defaultState(), messages: [fallback] };
  if (rejected.length) {
    messages.push(t("msg.rejected", { names: rejected.map((k) => t(`key.${k}`)).join(", ") }));
  }
  if (unknown) messages.push(t("msg.unknown", { count: unknown }));
  return { state, messages };
}

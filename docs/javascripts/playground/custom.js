// The reader's own data, and the network taken home.
//
// Points are {x1, x2, label}.  Every coordinate and every regression label of the reader's
// own data is a multiple of STEP = 0.01, so the address can hold it exactly in a short code:
//
//   points=1c.<5 characters per point>      classification (label −1 or +1)
//   points=1r.<6 characters per point>      regression     (label in [−1, 1])
//
// "1" is the version of the code, "c"/"r" the problem type.  A point is x1 and x2 as
// indices (x + COORD_LIMIT) / STEP in 0..2000, two base64url digits each, then the label:
// one digit (0: −1, 1: +1) or two ((label + 1) / STEP in 0..200).  At most MAX_POINTS points.
//
// Text read from a file, a paste or the address is checked here, character by character,
// and never reaches the page except as numbers; messages come from i18n.js.

import { t } from "./i18n.js";
import { FEATURE_NAMES } from "./features.js";

export const MAX_POINTS = 500;          // the address holds at most this many points
export const COORD_LIMIT = 10;          // |x1|, |x2| ≤ 10 (the heatmap shows [−6, 6]²)
export const STEP = 0.01;
export const MAX_CSV_CHARS = 200_000;   // a pasted text or a file larger than this is refused
export const MAX_ROW_MESSAGES = 8;      // bad rows named one by one; the rest are counted
export const STARTER_POINTS = 50;      // 'Your own' starts with this many points of the current set
export const CODE_VERSION = "1";
export const CODE_KINDS = { classification: "c", regression: "r" };

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const COORD_MAX_INDEX = Math.round((2 * COORD_LIMIT) / STEP);   // 2000
const LABEL_MAX_INDEX = Math.round(2 / STEP);                   // 200
/** The longest points code: version, kind, ".", six characters per point. */
export const MAX_CODE_LENGTH = 3 + 6 * MAX_POINTS;

/** v rounded to a multiple of STEP (never −0). */
export function quantize(v) {
  return Math.round(v / STEP) / Math.round(1 / STEP) + 0;
}

/** A valid point of the reader's own data: coordinates clamped and rounded, label fitted. */
export function makePoint(x1, x2, label, problem) {
  const coord = (v) => quantize(Math.max(-COORD_LIMIT, Math.min(COORD_LIMIT, v)));
  const y = problem === "classification" ? (label >= 0 ? 1 : -1) : quantize(Math.max(-1, Math.min(1, label)));
  return { x1: coord(x1), x2: coord(x2), label: y };
}

/** True when p is a point makePoint could have made for this problem type. */
export function isValidPoint(p, problem) {
  const onGrid = (v, lim) => Number.isFinite(v) && Math.abs(v) <= lim && quantize(v) === v;
  if (!p || !onGrid(p.x1, COORD_LIMIT) || !onGrid(p.x2, COORD_LIMIT)) return false;
  return problem === "classification" ? p.label === 1 || p.label === -1 : onGrid(p.label, 1);
}

const digits2 = (k) => ALPHABET[k >> 6] + ALPHABET[k & 63];

/** The address code of valid points ("1c.…" or "1r.…"). */
export function encodePoints(points, problem) {
  let out = CODE_VERSION + CODE_KINDS[problem] + ".";
  for (const p of points) {
    out += digits2(Math.round((p.x1 + COORD_LIMIT) / STEP)) + digits2(Math.round((p.x2 + COORD_LIMIT) / STEP));
    out += problem === "classification" ? ALPHABET[p.label > 0 ? 1 : 0] : digits2(Math.round((p.label + 1) / STEP));
  }
  return out;
}

const CODE = /^([0-9])([a-z])\.([A-Za-z0-9_-]*)$/;

/**
 * Read a points code.  Returns {problem, points} or {error} with error one of "version"
 * (a code this page cannot read), "format", "tooMany".
 */
export function decodePoints(text) {
  const m = typeof text === "string" && text.length <= MAX_CODE_LENGTH + 1 ? CODE.exec(text) : null;
  if (!m) return { error: typeof text === "string" && text.length > MAX_CODE_LENGTH + 1 ? "tooMany" : "format" };
  if (m[1] !== CODE_VERSION) return { error: "version" };
  const problem = Object.keys(CODE_KINDS).find((k) => CODE_KINDS[k] === m[2]);
  if (!problem) return { error: "format" };
  const size = problem === "classification" ? 5 : 6, body = m[3];
  if (body.length % size !== 0) return { error: "format" };
  if (body.length / size > MAX_POINTS) return { error: "tooMany" };
  const index = (i, n) => {
    let k = 0;
    for (let c = 0; c < n; c++) k = k * 64 + ALPHABET.indexOf(body[i + c]);
    return k;
  };
  const points = [];
  for (let i = 0; i < body.length; i += size) {
    const a = index(i, 2), b = index(i + 2, 2), c = index(i + 4, size - 4);
    if (a > COORD_MAX_INDEX || b > COORD_MAX_INDEX) return { error: "format" };
    if (problem === "classification" ? c > 1 : c > LABEL_MAX_INDEX) return { error: "format" };
    const fromIndex = (k, offset) => (k - offset * Math.round(1 / STEP)) / Math.round(1 / STEP) + 0;
    points.push({
      x1: fromIndex(a, COORD_LIMIT), x2: fromIndex(b, COORD_LIMIT),
      label: problem === "classification" ? (c === 1 ? 1 : -1) : fromIndex(c, 1),
    });
  }
  return { problem, points };
}

// --- CSV -------------------------------------------------------------------------------

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/;
const COLUMNS = ["x1", "x2", "label"];

/**
 * Read CSV text with rows x1,x2,label (a header row without numbers, empty lines and lines
 * starting with # are skipped).  Every good row becomes a point (rounded to STEP); every bad
 * row gets one message naming its line and what is wrong.
 *
 * Returns {points, messages, rounded}: messages in the page's language; rounded counts the
 * values changed by rounding to STEP.
 */
export function parseCSV(text, problem) {
  if (typeof text !== "string") return { points: [], messages: [t("csv.empty")], rounded: 0 };
  if (text.length > MAX_CSV_CHARS) {
    return { points: [], messages: [t("csv.tooBig", { size: text.length, max: MAX_CSV_CHARS })], rounded: 0 };
  }
  const points = [], rowMessages = [];
  let bad = 0, skipped = 0, rounded = 0, first = true;
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const cells = line.split(",").map((c) => c.trim());
    const isHeader = first && cells.every((c) => !NUMBER.test(c));
    first = false;
    if (isHeader) return;
    const complain = (key, params = {}) => {
      bad += 1;
      if (rowMessages.length < MAX_ROW_MESSAGES) rowMessages.push(t(key, { line: i + 1, ...params }));
    };
    if (cells.length !== 3) return complain("csv.fields", { count: cells.length });
    const values = [];
    for (let c = 0; c < 3; c++) {
      const v = NUMBER.test(cells[c]) ? Number(cells[c]) : NaN;
      if (!Number.isFinite(v)) return complain("csv.number", { column: COLUMNS[c] });
      values.push(v);
    }
    const [x1, x2, label] = values;
    for (const [c, v] of [[0, x1], [1, x2]]) {
      if (Math.abs(v) > COORD_LIMIT) return complain("csv.range", { column: COLUMNS[c], limit: COORD_LIMIT });
    }
    if (problem === "classification" && label !== 1 && label !== -1) return complain("csv.class");
    if (problem !== "classification" && Math.abs(label) > 1) return complain("csv.target");
    if (points.length >= MAX_POINTS) { skipped += 1; return; }
    const p = makePoint(x1, x2, label, problem);
    rounded += (p.x1 !== x1) + (p.x2 !== x2) + (p.label !== label);
    points.push(p);
  });
  const messages = [...rowMessages];
  if (bad > rowMessages.length) messages.push(t("csv.more", { count: bad - rowMessages.length }));
  if (skipped) messages.push(t("csv.tooMany", { max: MAX_POINTS, count: skipped }));
  if (rounded) messages.push(t("csv.rounded", { count: rounded, step: STEP }));
  return { points, messages, rounded };
}

/** Points as CSV text: a header x1,x2,label, then one row per point (numbers round-trip exactly). */
export function toCSV(points) {
  return ["x1,x2,label", ...points.map((p) => `${p.x1},${p.x2},${p.label}`)].join("\n") + "\n";
}

// --- the network as a Python script ------------------------------------------------------

/** The Python expression of each input feature, in the columns of features.js. */
export const PYTHON_FEATURES = {
  x1: "x1", x2: "x2", x1sq: "x1 ** 2", x2sq: "x2 ** 2", x1x2: "x1 * x2", sin1: "np.sin(x1)", sin2: "np.sin(x2)",
};

/** A JavaScript number as a Python literal that reads back as the same float. */
function py(v) {
  if (Number.isNaN(v)) return "np.nan";
  if (!Number.isFinite(v)) return v > 0 ? "np.inf" : "-np.inf";
  return String(v);
}

const pyRow = (row) => `[${row.map(py).join(", ")}]`;

/**
 * A short Python script (NumPy only) that rebuilds the network with its weights and prints
 * its prediction for every point, one per line, in the order of `points`.
 *
 * @param {object} o  {params, activations (one per weight layer), features (names),
 *                     points, nTrain (the first nTrain points are training points), epoch, address}
 */
export function pythonScript({ params, activations, features, points, nTrain, epoch, address = "" }) {
  const L = activations.length;
  const columns = FEATURE_NAMES.filter((n) => features.includes(n)).map((n) => PYTHON_FEATURES[n]);
  const lines = [
    '"""The network of the MLP playground, taken home: its weights, its data, its predictions.',
    "",
    "Needs only NumPy.  Run:  python this_file.py",
    "Prints the network's output y for every point of DATA, one per line.",
    "Forward pass as in the chapter: Z_l = layer_{l-1} W_l + B_l, layer_l = f(Z_l).",
    '"""',
    "",
    "import numpy as np",
    "",
    `# Playground setup (the address after #): ${address.replace(/[^A-Za-z0-9=&,._~%-]/g, "")}`,
    `# Trained for ${Number.isInteger(epoch) ? epoch : 0} epoch(s).`,
    "",
    "# x1, x2, label of every point: the first TRAIN rows are training points, the rest test points.",
    `TRAIN = ${nTrain}`,
    "DATA = np.array([",
    ...points.map((p) => `    ${pyRow([p.x1, p.x2, p.label])},`),
    "], dtype=float).reshape(-1, 3)",
    "",
    "",
    "def features(x1, x2):",
    "    \"\"\"layer0: one column per input feature chosen in the playground.\"\"\"",
    `    return np.column_stack([${columns.join(", ")}])`,
    "",
    "",
    "def sigmoid(z):",
    "    e = np.exp(-np.abs(z))",
    "    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))",
    "",
    "",
    "ACTIVATIONS = {",
    '    "relu": lambda z: np.maximum(z, 0),',
    '    "tanh": np.tanh,',
    '    "sigmoid": sigmoid,',
    '    "linear": lambda z: z,',
    "}",
    "",
    "# W_l has shape (units of layer l-1, units of layer l); B_l one bias per unit of layer l.",
    "params = {",
  ];
  for (let l = 1; l <= L; l++) {
    lines.push(`    "W${l}": np.array([`, ...params[`W${l}`].map((row) => `        ${pyRow(row)},`), "    ]),");
    lines.push(`    "B${l}": np.array(${pyRow(params[`B${l}`])}),`);
  }
  lines.push(
    "}",
    `activations = ${JSON.stringify(activations)}  # hidden layers, then the output unit`,
    "",
    "",
    "def forward(params, X):",
    "    layer = X                                              # layer0",
    "    for l, name in enumerate(activations, start=1):",
    '        Z = layer @ params[f"W{l}"] + params[f"B{l}"]     # Z_l = layer_{l-1} W_l + B_l',
    "        layer = ACTIVATIONS[name](Z)                       # layer_l = f(Z_l)",
    "    return layer",
    "",
    "",
    'if __name__ == "__main__":',
    "    Y = forward(params, features(DATA[:, 0], DATA[:, 1]))",
    "    for y in Y[:, 0]:",
    "        print(repr(float(y)))",
  );
  return lines.join("\n") + "\n";
}

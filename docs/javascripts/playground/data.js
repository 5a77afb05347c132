// Seeded 2-D data sets for the playground.  Every random number comes from an explicit
// seed through mulberry32, so a seed in the URL reproduces the same points everywhere.
//
// A point is {x1, x2, label}; the plane is the square [-6, 6]².  Classification labels are
// −1 (orange) and +1 (blue), as in the TensorFlow Playground: the output unit is tanh and
// a point counts as class +1 when the output is > 0.  Regression targets lie in [−1, 1].

import { t } from "./i18n.js";

export const DOMAIN = 6;             // the heatmaps show x1, x2 in [−DOMAIN, DOMAIN]
export const N_POINTS = 500;

/** mulberry32: a tiny 32-bit PRNG; returns a function giving numbers in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function rng() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A second, independent stream from the same seed (e.g. for the initial weights). */
export function derivedSeed(seed, salt) {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ salt) >>> 0;
}

const uniform = (rng, lo, hi) => lo + (hi - lo) * rng();

/** Standard normal sample (Box–Muller). */
function normal(rng) {
  const u = 1 - rng(), v = rng();          // u in (0, 1]: log(u) is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

// noise is a fraction in [0, 0.5] (the slider's 0–50 %).

function circle(n, noise, rng) {
  const R = 5, points = [];
  for (let i = 0; i < n; i++) {
    const inner = i < n / 2;                          // inner disc: +1, outer ring: −1
    const r = inner ? uniform(rng, 0, 0.5 * R) : uniform(rng, 0.7 * R, R);
    const angle = uniform(rng, 0, 2 * Math.PI);
    points.push({
      x1: r * Math.sin(angle) + uniform(rng, -R, R) * noise,
      x2: r * Math.cos(angle) + uniform(rng, -R, R) * noise,
      label: inner ? 1 : -1,
    });
  }
  return points;
}

function xor(n, noise, rng) {
  const pad = 0.3, points = [];
  for (let i = 0; i < n; i++) {
    let x1 = uniform(rng, -5, 5), x2 = uniform(rng, -5, 5);
    x1 += x1 > 0 ? pad : -pad;                        // keep the points off the axes
    x2 += x2 > 0 ? pad : -pad;
    const label = x1 * x2 >= 0 ? 1 : -1;              // the label comes from the clean point
    points.push({ x1: x1 + uniform(rng, -5, 5) * noise, x2: x2 + uniform(rng, -5, 5) * noise, label });
  }
  return points;
}

function gauss(n, noise, rng) {
  const sd = Math.sqrt(0.5 + 7 * noise), points = [];
  for (let i = 0; i < n; i++) {
    const label = i < n / 2 ? 1 : -1, c = 2 * label;  // centres (2, 2) and (−2, −2)
    points.push({ x1: c + sd * normal(rng), x2: c + sd * normal(rng), label });
  }
  return points;
}

function spiral(n, noise, rng) {
  const half = Math.floor(n / 2), points = [];
  for (const [label, delta] of [[1, 0], [-1, Math.PI]]) {
    for (let i = 0; i < half; i++) {
      const r = (i / half) * 5, t = (1.75 * i / half) * 2 * Math.PI + delta;
      points.push({
        x1: r * Math.sin(t) + uniform(rng, -1, 1) * noise * 2,
        x2: r * Math.cos(t) + uniform(rng, -1, 1) * noise * 2,
        label,
      });
    }
  }
  return points;
}

/** Regression target of the plane: (x1 + x2) / 12, in [−1, 1] on the square. */
export function planeTarget(x1, x2) {
  return (x1 + x2) / (2 * DOMAIN);
}

const BUMPS = [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]];

/** Regression target of the Gaussian bumps: Σ ± exp(−|p − c|² / 2σ²), σ = 1.2. */
export function bumpsTarget(x1, x2) {
  let s = 0;
  for (const [cx, cy, sign] of BUMPS) s += sign * Math.exp(-((x1 - cx) ** 2 + (x2 - cy) ** 2) / (2 * 1.2 * 1.2));
  return Math.max(-1, Math.min(1, s));
}

function regression(target) {
  return (n, noise, rng) => {
    const points = [];
    for (let i = 0; i < n; i++) {
      const x1 = uniform(rng, -DOMAIN, DOMAIN), x2 = uniform(rng, -DOMAIN, DOMAIN);
      const label = target(x1, x2);
      points.push({ x1: x1 + uniform(rng, -DOMAIN, DOMAIN) * noise, x2: x2 + uniform(rng, -DOMAIN, DOMAIN) * noise, label });
    }
    return points;
  };
}

export const DATASETS = {
  circle: { problem: "classification", get label() { return t("data.circle"); }, generate: circle },
  xor: { problem: "classification", get label() { return t("data.xor"); }, generate: xor },
  gauss: { problem: "classification", get label() { return t("data.gauss"); }, generate: gauss },
  spiral: { problem: "classification", get label() { return t("data.spiral"); }, generate: spiral },
  plane: { problem: "regression", get label() { return t("data.plane"); }, generate: regression(planeTarget) },
  bumps: { problem: "regression", get label() { return t("data.bumps"); }, generate: regression(bumpsTarget) },
};

/** Fisher–Yates shuffle into a new array. */
export function shuffled(items, rng) {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The name of the reader's own data (its points come from the address, see custom.js). */
export const CUSTOM = "custom";

/**
 * The reader's own points with noise, as the built-in sets add it to their clean points:
 * each coordinate moves by uniform(−5, 5) · noise.  Each point keeps `src`, the index of the
 * point it came from (the page moves or deletes that one).
 */
function custom(points, noise, rng) {
  return points.map((p, src) => ({
    x1: p.x1 + uniform(rng, -5, 5) * noise, x2: p.x2 + uniform(rng, -5, 5) * noise, label: p.label, src,
  }));
}

/**
 * The points of data set `name` for a seed: generated (or, for CUSTOM, the given `points`
 * with noise), shuffled, then split so that the first ratio % are training points and the
 * rest test points.
 */
export function makeData(name, { seed, noise = 0, ratio = 50, n = N_POINTS, points = [] }) {
  if (name !== CUSTOM && !Object.hasOwn(DATASETS, name)) throw new Error(`unknown data set ${JSON.stringify(name)}`);
  const rng = mulberry32(seed);
  const made = name === CUSTOM ? custom(points, noise, rng) : DATASETS[name].generate(n, noise, rng);
  return splitTrainTest(shuffled(made, rng), ratio);
}

/** The first ratio % of the points for training, the rest for testing. */
export function splitTrainTest(points, ratio) {
  const nTrain = Math.round((points.length * ratio) / 100);
  return { train: points.slice(0, nTrain), test: points.slice(nTrain) };
}

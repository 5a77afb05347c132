// mlp.js against mlp_lessons: vectors.json is written by make_vectors.py from mlp_lessons.network
// (tests/test_playground_js.py checks that the committed file is what the package gives today).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  ACTIVATIONS, addRegularization, backward, forward, initParams, isFiniteParams, layerSizes,
  lossValue, regularizationValue, sigmoid, update,
} from "../../docs/javascripts/playground/mlp.js";
import { mulberry32 } from "../../docs/javascripts/playground/data.js";

const VECTORS = JSON.parse(readFileSync(new URL("./vectors.json", import.meta.url), "utf8"));
const TOL = 1e-12;

/** Every number of `actual` within TOL of `expected` (same nesting). */
function close(actual, expected, what) {
  if (Array.isArray(expected)) {
    assert.equal(actual.length, expected.length, `${what}: length`);
    expected.forEach((e, i) => close(actual[i], e, `${what}[${i}]`));
  } else if (typeof expected === "object") {
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${what}: keys`);
    for (const k of Object.keys(expected)) close(actual[k], expected[k], `${what}.${k}`);
  } else {
    assert.ok(Math.abs(actual - expected) <= TOL, `${what}: ${actual} vs ${expected} (Python)`);
  }
}

test("the chapter's 2-2-1 network gives 0.70938314 for input (0, 0)", () => {
  const params = { W1: [[0.1, 0.2], [0.3, 0.4]], B1: [0.1, 0.2], W2: [[0.5], [0.6]], B2: [0.3] };
  const fwd = forward(params, [[0, 0]], "sigmoid");
  assert.equal(fwd.layers[2][0][0].toFixed(8), "0.70938314");
  assert.equal(fwd.layers[1][0].map((a) => a.toFixed(6)).join(" "), "0.524979 0.549834");
  // the chapter's E = ½(0 − 0.709383)² = 0.251612 for target 0
  assert.equal(lossValue(params, [[0, 0]], [[0]], "sigmoid").toFixed(6), "0.251612");
});

for (const c of VECTORS.cases) {
  test(`forward, backward, update match mlp_lessons to 1e-12: ${c.name}`, () => {
    const fwd = forward(c.params, c.X, c.activations);
    close(fwd.layers, c.layers, "layers");
    close(fwd.Z, c.Z, "Z");
    close(lossValue(c.params, c.X, c.T, c.activations), c.loss, "loss");
    const bwd = backward(c.params, fwd, c.T, c.activations, "sse");
    close(bwd.deltas, c.deltas, "deltas");
    close(bwd.grads, c.grads, "grads");
    const updated = update(c.params, bwd.grads, c.learning_rate);
    close(updated, c.updated, "updated");
    close(lossValue(updated, c.X, c.T, c.activations), c.loss_after, "loss after one step");
  });
}

test("forward, backward and update leave their arguments unchanged", () => {
  const c = VECTORS.cases[1];
  const before = JSON.stringify(c);
  const fwd = forward(c.params, c.X, c.activations);
  update(c.params, backward(c.params, fwd, c.T, c.activations).grads, 0.5);
  assert.equal(JSON.stringify(c), before);
});

/** Central differences of the loss for every parameter. */
function numericalGradient(params, X, T, acts, lossOf, h = 1e-6) {
  const grads = {};
  for (const [key, value] of Object.entries(params)) {
    const shaped = key.startsWith("W") ? value : [value];
    const g = shaped.map((row, i) => row.map((_, j) => {
      const at = (d) => {
        const p = structuredClone(params);
        if (key.startsWith("W")) p[key][i][j] += d; else p[key][j] += d;
        return lossOf(p);
      };
      return (at(h) - at(-h)) / (2 * h);
    }));
    grads[key] = key.startsWith("W") ? g : g[0];
  }
  return grads;
}

function maxRelativeError(a, b) {
  const fa = Object.values(a).flat(2), fb = Object.values(b).flat(2);
  return Math.max(...fa.map((x, i) => Math.abs(x - fb[i]) / Math.max(1e-8, Math.abs(x) + Math.abs(fb[i]))));
}

test("backpropagation agrees with a numerical gradient (every activation, with L1/L2)", () => {
  const rng = mulberry32(5);
  const X = Array.from({ length: 6 }, () => [rng() * 4 - 2, rng() * 4 - 2, rng() * 4 - 2]);
  const T = X.map(([a, b]) => [Math.tanh(a * b)]);
  for (const act of ["tanh", "sigmoid", "relu", "linear"]) {
    for (const [reg, rate] of [["none", 0], ["L2", 0.03], ["L1", 0.01]]) {
      const params = initParams([3, 4, 3, 1], mulberry32(11));
      params.B1 = [0.1, -0.2, 0.3, 0.05];       // nonzero biases: the check covers them too
      const acts = [act, act, "tanh"];
      const fwd = forward(params, X, acts);
      const analytic = addRegularization(backward(params, fwd, T, acts).grads, params, reg, rate);
      const lossOf = (p) => lossValue(p, X, T, acts) + regularizationValue(p, reg, rate);
      const numeric = numericalGradient(params, X, T, acts, lossOf);
      const err = maxRelativeError(analytic, numeric);
      assert.ok(err < 1e-6, `${act}/${reg}: max relative error ${err}`);
    }
  }
});

test("L1 and L2 regularization add rate·sign(w) and rate·w to the weights' gradients only", () => {
  const params = { W1: [[0.5, -2]], B1: [1, -1] };
  const grads = { W1: [[0, 0]], B1: [0, 0] };
  assert.deepEqual(addRegularization(grads, params, "L2", 0.1), { W1: [[0.05, -0.2]], B1: [0, 0] });
  assert.deepEqual(addRegularization(grads, params, "L1", 0.1), { W1: [[0.1, -0.1]], B1: [0, 0] });
  assert.deepEqual(addRegularization(grads, params, "none", 0.1), grads);
});

test("activations and their derivatives", () => {
  assert.equal(ACTIVATIONS.relu.deriv(0), 0);                  // ReLU'(0) = 0, as mlp_lessons
  assert.equal(ACTIVATIONS.sigmoid.f(0), 0.5);
  assert.equal(sigmoid(-1000), 0);                              // no overflow
  assert.equal(sigmoid(1000), 1);
  assert.ok(Number.isNaN(ACTIVATIONS.relu.f(NaN)), "ReLU keeps NaN visible (divergence detection)");
  for (const a of Object.values(ACTIVATIONS)) {
    for (const x of [-1.3, -0.2, 0.4, 2.1]) {
      const numeric = (a.f(x + 1e-6) - a.f(x - 1e-6)) / 2e-6;
      assert.ok(Math.abs(numeric - a.deriv(x)) < 1e-8, `${a.name}'(${x})`);
    }
  }
});

test("initParams: seeded Glorot-uniform weights, zero biases", () => {
  const a = initParams([2, 8, 8, 1], mulberry32(3)), b = initParams([2, 8, 8, 1], mulberry32(3));
  assert.deepEqual(a, b);
  assert.deepEqual(layerSizes(a), [2, 8, 8, 1]);
  assert.ok(a.W1.flat().every((w) => Math.abs(w) <= Math.sqrt(6 / 10)));
  assert.deepEqual(a.B2, new Array(8).fill(0));
  assert.ok(isFiniteParams(a));
  assert.ok(!isFiniteParams({ ...a, B1: [NaN, ...a.B1.slice(1)] }));
});

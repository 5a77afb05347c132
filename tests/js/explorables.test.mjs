// The lesson pages' explorables against mlp_lessons: explorable_vectors.json is written by
// make_explorable_vectors.py from the package (tests/test_explorables_js.py checks that the
// committed file is what the package gives today).  The modules are imported without a DOM:
// they build nothing until a page holds their root element.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { fill, fixed, pyRepr, short } from "../../docs/javascripts/explorables/common.js";
import { descend, status } from "../../docs/javascripts/explorables/gradient_descent.js";
import { FUNCTIONS, saturated, saturatedIntervals } from "../../docs/javascripts/explorables/activations.js";
import { forwardValues } from "../../docs/javascripts/explorables/forward_pass.js";
import { applyUpdate, gradients } from "../../docs/javascripts/explorables/backprop.js";
import * as gd from "../../docs/javascripts/explorables/gradient_descent.js";
import * as gd2 from "../../docs/javascripts/explorables/gradient_descent_2d.js";
import * as act from "../../docs/javascripts/explorables/activations.js";
import * as fp from "../../docs/javascripts/explorables/forward_pass.js";
import * as bp from "../../docs/javascripts/explorables/backprop.js";
import * as ls from "../../docs/javascripts/explorables/loss.js";
import * as nm from "../../docs/javascripts/explorables/numpy_mlp.js";

const V = JSON.parse(readFileSync(new URL("./explorable_vectors.json", import.meta.url), "utf8"));
const TOL = 1e-12;

function near(actual, expected, what) {
  assert.ok(Math.abs(actual - expected) <= TOL * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} (JavaScript) vs ${expected} (mlp_lessons)`);
}

test("pyRepr prints floats as Python's repr does", () => {
  const cases = [[10, "10.0"], [7.199999999999999, "7.199999999999999"], [0.00001, "1e-05"], [1.5e-5, "1.5e-05"],
    [0.0001, "0.0001"], [1e16, "1e+16"], [123456789012345680, "1.2345678901234568e+17"], [-4, "-4.0"],
    [0, "0.0"], [-0, "-0.0"], [271.36320000000006, "271.36320000000006"], [Infinity, "inf"], [NaN, "nan"]];
  for (const [x, expected] of cases) assert.equal(pyRepr(x), expected, `pyRepr(${x})`);
  const all = V.gradient_descent.runs.flatMap((r) => r.x.map((x, i) => [x, r.x_repr[i]]));
  for (const [x, expected] of all) assert.equal(pyRepr(x), expected, `pyRepr(${x})`);
});

test("fixed, short and fill format as the pages do", () => {
  assert.equal(fixed(0.52497918747894, 6), "0.524979");
  assert.equal(fixed(-0.0000001, 3), "0.000");
  assert.equal(short(0.25), "0.25");
  assert.equal(short(1), "1");
  assert.equal(short(-0.46211715726000974), "-0.4621");
  assert.equal(fill("k = {k}", { k: 3 }), "k = 3");
  assert.throws(() => fill("{missing}", {}), /no value for \{missing\}/);
});

for (const run of V.gradient_descent.runs) {
  test(`gradient descent x0=${run.x0}, η=${run.learning_rate}: every iterate and loss as Python prints them`, () => {
    const js = descend(run.x0, run.learning_rate, run.steps);
    assert.equal(js.diverged, run.diverged, "diverged");
    assert.deepEqual(js.x.map(pyRepr), run.x_repr);
    assert.deepEqual(js.loss.map(pyRepr), run.loss_repr);
  });
}

test("gradient descent's verdict after 20 steps is learning_rate_sweep's", () => {
  for (const r of V.gradient_descent.sweep) {
    const js = descend(r.x0, r.learning_rate, r.steps);
    assert.equal(status(r.x0, js.x[js.x.length - 1], js.diverged), r.status, `η = ${r.learning_rate}`);
  }
});

for (const run of V.gradient_descent_2d.runs) {
  test(`2-D bowl from (${run.start}), η=${run.learning_rate}: every iterate and z as descent_2d, as Python prints them`, () => {
    const js = gd2.descend(run.start, run.learning_rate, run.steps);
    assert.equal(js.diverged, run.diverged, "diverged");
    assert.deepEqual(js.points.map(([x]) => pyRepr(x)), run.x_repr, "x");
    assert.deepEqual(js.points.map(([, y]) => pyRepr(y)), run.y_repr, "y");
    assert.deepEqual(js.loss.map(pyRepr), run.loss_repr, "z");
  });
}

test("2-D bowl: the page's start and η reproduce the page's final loss after the page's steps", () => {
  const p = V.gradient_descent_2d.page;
  const js = gd2.descend([p.path_x0, p.path_y0], p.path_eta, p.path_steps);
  assert.equal(js.points.length, p.path_steps + 1);
  assert.equal(js.loss[js.loss.length - 1], p.path_loss_final);
});

test("2-D bowl: the guard and tolerance are the 1-D explorable's (descent_1d's, learning_rate_sweep's)", () => {
  assert.equal(gd2.OVERFLOW_GUARD, gd.OVERFLOW_GUARD);
  assert.equal(gd2.TOLERANCE, gd.TOLERANCE);
});

test("2-D bowl: verdicts, odd input and the picture's coordinates", () => {
  const at = (start, eta, n) => { const r = gd2.descend(start, eta, n); return gd2.status(start, r.points.at(-1), r.diverged); };
  assert.equal(at([4, 3], 0.1, 15), "too slow");
  assert.equal(at([4, 3], 0.1, 100), "converged");
  assert.equal(at([4, 3], 0.5, 1), "converged");
  assert.equal(at([4, 3], 1.0, 3), "oscillating");
  assert.equal(at([4, 3], 1.2, 3), "diverged");
  assert.equal(at([4, 3], 1e300, 100), "diverged");
  assert.equal(at([0, 0], 0.3, 5), "converged");
  assert.equal(gd2.status([4, 3], [NaN, 0]), "diverged", "NaN is no convergence");
  assert.equal(gd2.outOfBounds([NaN, 0]), true);
  // η = 0 is refused by the explorable's field; the loop itself stays put without throwing
  assert.deepEqual(gd2.descend([4, 3], 0, 2).points, [[4, 3], [4, 3], [4, 3]]);
  // a click maps back to the point it was drawn at; outside the plotted square gives null
  for (const [x, y] of [[4, 3], [-5.8, 5.8], [0, 0], [-3.3, 2.7]]) {
    const [u, v] = gd2.project(x, y);
    const back = gd2.unproject(u, v);
    assert.ok(Math.abs(back[0] - x) < 1e-9 && Math.abs(back[1] - y) < 1e-9, `${x}, ${y} → ${back}`);
  }
  assert.equal(gd2.unproject(1, 1), null);
  assert.equal(gd2.unproject(NaN, 5), null);
  assert.equal(gd2.tenth(3.2999999), 3.3);
});

for (const [name, ref] of Object.entries(V.activations)) {
  test(`activation ${name}: f and f′ match mlp_lessons.activations on the grid`, () => {
    ref.x.forEach((x, i) => {
      near(FUNCTIONS[name].f(x), ref.f[i], `${name}(${x})`);
      near(FUNCTIONS[name].deriv(x), ref.deriv[i], `${name}′(${x})`);
    });
  });
}

test("the peak slopes are the page's σ′(0) = 0.25 and tanh′(0) = 1, computed", () => {
  const at0 = (name) => V.activations[name].deriv[V.activations[name].x.indexOf(0)];
  assert.equal(FUNCTIONS.sigmoid.peak, at0("sigmoid"));
  assert.equal(FUNCTIONS.tanh.peak, at0("tanh"));
  assert.equal(short(FUNCTIONS.sigmoid.deriv(0)), "0.25");
  assert.equal(short(FUNCTIONS.tanh.deriv(0)), "1");
});

test("saturation: the sigmoid is saturated far from 0 and not at 0; ReLU below 0; the step everywhere", () => {
  assert.equal(saturated("sigmoid", 0), false);
  assert.equal(saturated("sigmoid", 6), true);
  assert.equal(saturated("sigmoid", -6), true);
  assert.equal(saturated("tanh", 1), false);
  assert.equal(saturated("relu", -1), true);
  assert.equal(saturated("relu", 1), false);
  assert.equal(saturated("step", 1), true);
  const bands = saturatedIntervals("sigmoid", -6, 6);
  assert.equal(bands.length, 2, JSON.stringify(bands));
  // σ′(x) = 0.05 · 0.25 where σ(x)(1 − σ(x)) = 0.0125: |x| = ln((1 + √(1 − 4·0.0125)) / (1 − √(1 − 4·0.0125)))
  const r = Math.sqrt(1 - 4 * 0.0125), edge = Math.log((1 + r) / (1 - r));
  assert.ok(Math.abs(bands[0][1] + edge) < 0.011 && Math.abs(bands[1][0] - edge) < 0.011, JSON.stringify(bands));
});

for (const [t, ref] of Object.entries(V.loss)) {
  test(`loss, target ${t}: both losses and ∂E/∂z match sigmoid_output_grads for p = 0.01 … 0.99`, () => {
    ref.p.forEach((p, i) => {
      const g = ls.outputGrads(ls.logit(p), Number(t));
      for (const k of ["sse", "sse_grad", "ce", "ce_grad"]) near(g[k], ref[k][i], `${k} at p = ${p}`);
    });
  });
}

for (const [target, ref] of Object.entries(V.numpy_mlp.runs)) {
  test(`the chapter's training (${target}): loss every ${V.numpy_mlp.every} epochs and final weights as mlp_lessons`, () => {
    const start = V.network.cases[0].params;
    const { epochs, eta, every } = V.numpy_mlp;
    const snapshots = nm.train(start, nm.TARGETS[target], epochs, eta, every);
    assert.equal(snapshots.length, ref.loss.length, "one snapshot per recorded loss");
    // Math.exp and the C library's exp may differ in the last bit; 360000 updates later the
    // two runs agree to about 1e-15 (measured), so 1e-12 leaves room and still catches a change.
    snapshots.forEach((p, k) => {
      const js = nm.loss(p, nm.TARGETS[target]);
      assert.ok(Math.abs(js - ref.loss[k]) <= 1e-12, `loss at epoch ${ref.epochs[k]}: ${js} vs ${ref.loss[k]}`);
    });
    const last = snapshots[snapshots.length - 1];
    for (const k of Object.keys(ref.params)) assert.ok(Math.abs(last[k] - ref.params[k]) <= 1e-12, `${k}: ${last[k]} vs ${ref.params[k]}`);
  });
}

V.network.cases.forEach((c, i) => {
  test(`2-2-1 network case ${i} (x = ${c.x1}, ${c.x2}; t = ${c.t}): forward, gradients, update`, () => {
    const p = { ...c.params, x1: c.x1, x2: c.x2, t: c.t };
    const v = forwardValues(p);
    for (const k of Object.keys(c.values)) near(v[k], c.values[k], k);
    const g = gradients(p);
    for (const k of Object.keys(c.grads)) near(g.grads[k], c.grads[k], `∂E/∂${k}`);
    for (const k of Object.keys(c.deltas)) near(g.deltas[k], c.deltas[k], `δ_${k}`);
    const after = applyUpdate(p, c.eta);
    for (const k of Object.keys(c.updated)) near(after[k], c.updated[k], `${k} after the update`);
    near(forwardValues(after).E, c.E_after, "E after the update");
    assert.deepEqual(p, { ...c.params, x1: c.x1, x2: c.x2, t: c.t }, "arguments unchanged");
  });
});

test("the chapter's case gives the page's w5 = 0.484645 (from worked_example)", () => {
  const c = V.network.cases[0];
  const after = applyUpdate({ ...c.params, x1: c.x1, x2: c.x2, t: c.t }, c.eta);
  near(after.w5, V.network.worked_example.w5_new, "w5 after one step");
  assert.equal(fixed(after.w5, 6), fixed(V.network.worked_example.w5_new, 6));
});

test("every explorable has its texts in Korean and English, with the same keys", () => {
  for (const [name, mod] of Object.entries({ gd, gd2, act, fp, bp, ls, nm })) {
    const keys = (o) => Object.keys(o).sort();
    assert.deepEqual(keys(mod.MESSAGES.en), keys(mod.MESSAGES.ko), name);
    for (const [k, v] of Object.entries(mod.MESSAGES.ko)) {
      if (typeof v === "object") assert.deepEqual(keys(mod.MESSAGES.en[k]), keys(v), `${name}.${k}`);
    }
  }
});

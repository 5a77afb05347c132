// data.js and features.js: seeded, reproducible data sets.
import assert from "node:assert/strict";
import { test } from "node:test";

import { DATASETS, DOMAIN, makeData, mulberry32, shuffled, splitTrainTest } from "../../docs/javascripts/playground/data.js";
import { FEATURE_NAMES, featureMatrix } from "../../docs/javascripts/playground/features.js";

test("mulberry32 is deterministic, in [0, 1), and seeds differ", () => {
  const a = mulberry32(42), b = mulberry32(42), c = mulberry32(43);
  const xs = Array.from({ length: 1000 }, () => a());
  assert.deepEqual(xs, Array.from({ length: 1000 }, () => b()));
  assert.notEqual(xs[0], c());
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
});

test("every data set: same seed → same points; another seed → other points", () => {
  for (const name of Object.keys(DATASETS)) {
    const one = makeData(name, { seed: 7, noise: 0.2, ratio: 50 });
    assert.deepEqual(one, makeData(name, { seed: 7, noise: 0.2, ratio: 50 }));
    assert.notDeepEqual(one, makeData(name, { seed: 8, noise: 0.2, ratio: 50 }));
    const all = [...one.train, ...one.test];
    assert.equal(all.length, 500);
    assert.ok(all.every((p) => Number.isFinite(p.x1) && Number.isFinite(p.x2) && Number.isFinite(p.label)));
    if (DATASETS[name].problem === "classification") {
      assert.ok(all.every((p) => p.label === 1 || p.label === -1), name);
      const plus = all.filter((p) => p.label === 1).length;
      if (name === "xor") assert.ok(plus > 200 && plus < 300, `xor: roughly balanced (${plus})`);
      else assert.equal(plus, 250, `${name}: balanced classes`);
    } else {
      assert.ok(all.every((p) => p.label >= -1 && p.label <= 1), name);
    }
  }
});

test("noise 0: points lie in the square and the labels follow the pattern", () => {
  const { train, test } = makeData("xor", { seed: 1, noise: 0, ratio: 50 });
  for (const p of [...train, ...test]) {
    assert.ok(Math.abs(p.x1) <= DOMAIN && Math.abs(p.x2) <= DOMAIN);
    assert.equal(p.label, Math.sign(p.x1 * p.x2));
  }
  const circle = makeData("circle", { seed: 1, noise: 0, ratio: 50 });
  for (const p of [...circle.train, ...circle.test]) {
    const r = Math.hypot(p.x1, p.x2);
    assert.ok(p.label === 1 ? r <= 2.5 : r >= 3.5 && r <= 5);
  }
});

test("the train/test ratio splits the points", () => {
  for (const ratio of [10, 30, 50, 90]) {
    const { train, test } = makeData("gauss", { seed: 3, ratio });
    assert.equal(train.length, 5 * ratio);
    assert.equal(test.length, 500 - 5 * ratio);
  }
  assert.deepEqual(splitTrainTest([1, 2, 3, 4], 50), { train: [1, 2], test: [3, 4] });
  const items = [1, 2, 3, 4, 5, 6];
  assert.deepEqual(shuffled(items, mulberry32(1)).sort(), items);
});

test("features: one column per chosen feature, in a fixed order", () => {
  const X = featureMatrix([{ x1: 2, x2: -3 }], ["sin2", "x1", "x1x2", "x1sq", "x2sq", "x2", "sin1"]);
  assert.deepEqual(X, [[2, -3, 4, 9, -6, Math.sin(2), Math.sin(-3)]]);
  assert.deepEqual(featureMatrix([{ x1: 2, x2: -3 }], ["x2sq"]), [[9]]);
  assert.equal(FEATURE_NAMES.length, 7);
});

// trainer.js: the prepared experiments show what the chapter claims (fixed epochs, seeded).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { makePoint } from "../../docs/javascripts/playground/custom.js";
import { EXPERIMENTS } from "../../docs/javascripts/playground/experiments.js";
import { LOSSES, addRegularization, backward, forward, update } from "../../docs/javascripts/playground/mlp.js";
import { defaultState, parseFragment } from "../../docs/javascripts/playground/state.js";
import { Trainer } from "../../docs/javascripts/playground/trainer.js";

const trained = (id, epochs) => {
  const { state, messages } = parseFragment(EXPERIMENTS.find((e) => e.id === id).fragment);
  assert.deepEqual(messages, []);
  const t = new Trainer(state);
  t.step(epochs);
  return t;
};

// Classification targets are −1/+1 with a tanh output, so the loss ½(y − t)² of a network
// that always answers 0 ("don't know") is 0.5: the chance level.
const CHANCE_LOSS = 0.5;

test("training is deterministic: the same fragment gives the same numbers", () => {
  const a = trained("xor-hidden", 20), b = trained("xor-hidden", 20);
  assert.deepEqual(a.params, b.params);
  assert.deepEqual(a.metrics(), b.metrics());
});

test("linearly separable data: no hidden layer is enough", () => {
  const t = trained("separable", 100);
  assert.ok(t.testAccuracy >= 0.99 && t.testLoss < 0.01, JSON.stringify(t.metrics()));
});

test("XOR without a hidden layer stays at chance; with one hidden layer it is learned", () => {
  const flat = trained("xor-no-hidden", 200);
  assert.ok(flat.testLoss >= 0.9 * CHANCE_LOSS, `no hidden layer: ${JSON.stringify(flat.metrics())}`);
  assert.ok(flat.testAccuracy <= 0.75, `no hidden layer: ${JSON.stringify(flat.metrics())}`);
  const deep = trained("xor-hidden", 200);
  assert.ok(deep.testLoss <= 0.2 * CHANCE_LOSS && deep.testAccuracy >= 0.95, JSON.stringify(deep.metrics()));
});

test("circle: x1, x2 alone fail without a hidden layer; x1², x2² make it linear", () => {
  const flat = trained("circle-linear", 200);
  assert.ok(flat.testLoss >= 0.9 * CHANCE_LOSS, JSON.stringify(flat.metrics()));
  const squares = trained("circle-squares", 200);
  assert.ok(squares.testAccuracy >= 0.99 && squares.testLoss < 0.01, JSON.stringify(squares.metrics()));
});

test("regression: learning rate 0.03 converges, 3 diverges (non-finite, training stops)", () => {
  const ok = trained("lr-ok", 50);
  assert.ok(!ok.diverged && ok.testLoss < 0.02, JSON.stringify(ok.metrics()));
  const bad = trained("lr-diverge", 50);
  assert.ok(bad.diverged, JSON.stringify(bad.metrics()));
  assert.ok(bad.epoch < 50, "training stops at the first non-finite epoch");
  const epoch = bad.epoch;
  bad.step(5);
  assert.equal(bad.epoch, epoch);
  bad.reset();
  assert.ok(!bad.diverged && bad.epoch === 0);
});

test("the grid gives every unit's value at res² points", () => {
  const t = trained("xor-hidden", 1);
  const g = t.grid(10);
  assert.deepEqual(g.layers.map((l) => [l.length, l[0].length]), [[100, 2], [100, 4], [100, 1]]);
  assert.ok(g.layers[0][0][0] < 0 && g.layers[0][0][1] > 0, "row 0 is the top-left corner (x1 < 0, x2 > 0)");
});

// Where we differ from TensorFlow Playground (said on docs/playground_lab.md, #differences):
// these two tests pin our behaviour, so a change to it has to change the page too.

const tenPoints = Array.from({ length: 10 }, (_, i) =>
  makePoint(i - 4.5, (i * 7) % 10 - 4.5, i % 3 === 0 ? 1 : -1, "classification"));

test("differs from TF Playground: a partial last batch updates the weights (7 points, batch 3: 3 updates)", () => {
  const state = { ...defaultState(), data: "custom", points: tenPoints, ratio: 70, batch: 3, layers: [3], lr: 0.1 };
  const trainer = new Trainer(state);
  assert.equal(trainer.Xtrain.length, 7);
  let params = trainer.params;
  const acts = trainer.activations;
  const updates = [[0, 3], [3, 6], [6, 7]].map(([a, b]) => {
    const X = trainer.Xtrain.slice(a, b), T = trainer.Ttrain.slice(a, b);
    params = update(params, backward(params, forward(params, X, acts), T, acts).grads, 0.1);
    return params;
  });
  trainer.step(1);
  assert.deepEqual(trainer.params, updates[2], "the 7th point gives an update of its own");
  assert.notDeepEqual(trainer.params, updates[1], "TF Playground would stop after two updates");
});

test("differs from TF Playground: L1 moves a weight across zero, no clipping to 0, no freezing", () => {
  const state = { ...defaultState(), data: "custom", points: tenPoints, ratio: 90, batch: 30, layers: [3],
    lr: 0.1, reg: "L1", regRate: 1 };
  const trainer = new Trainer(state);
  // Tiny weights: the L1 step η·λ·sign(w) = 0.1 pushes each across zero (TF would set it to 0).
  const tiny = trainer.params.W1.map((row) => row.map((w) => 1e-4 * Math.sign(w)));
  trainer.params = { ...trainer.params, W1: tiny };
  const acts = trainer.activations;
  const { grads } = backward(trainer.params, forward(trainer.params, trainer.Xtrain, acts), trainer.Ttrain, acts);
  const expected = update(trainer.params, addRegularization(grads, trainer.params, "L1", 1), 0.1);
  trainer.step(1);
  assert.deepEqual(trainer.params, expected);
  const crossed = tiny.flat().filter((w, k) => Math.sign(trainer.params.W1.flat()[k]) === -Math.sign(w));
  assert.ok(crossed.length >= 4, `weights that changed sign: ${crossed.length} of ${tiny.flat().length}`);
  assert.ok(trainer.params.W1.flat().every((w) => w !== 0), "none clipped to 0");
  const after = trainer.params.W1.flat();
  trainer.step(1);
  assert.ok(trainer.params.W1.flat().every((w, k) => w !== after[k]), "none frozen: every weight still moves");
});

// The lab page's numbers (docs/playground_lab.md #tf-differences and 「확인 문제」) are computed in
// Python (mlp_lessons/pages/playground.py) by a port of this playground's data and first weights;
// vectors.json carries them (tests/js/make_vectors.py).  Here the browser's own code must give the
// same: the same points and weights, our training loss, and TensorFlow Playground's loss with its
// rule transcribed per point from its src/playground.ts oneStep() and src/nn.ts updateWeights().

const VECTORS = JSON.parse(readFileSync(new URL("./vectors.json", import.meta.url), "utf8"));
const close = (a, b, tol, what) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

/** TensorFlow Playground's training loop: every point's gradient is summed; after point i of an epoch
 * the weights change when (i + 1) % batch === 0, by the sum over the points summed so far divided by their count. */
function trainLikeTFPlayground(params, X, T, acts, lr, batch, epochs) {
  let sum = null, count = 0, updates = 0;
  for (let e = 0; e < epochs; e++) {
    for (let i = 0; i < X.length; i++) {
      const { grads } = backward(params, forward(params, [X[i]], acts), [T[i]], acts);
      if (sum === null) sum = grads;
      else for (const k of Object.keys(grads)) {
        sum[k] = k.startsWith("W") ? sum[k].map((row, a) => row.map((v, c) => v + grads[k][a][c]))
          : sum[k].map((v, c) => v + grads[k][c]);
      }
      count += 1;
      if ((i + 1) % batch === 0) {
        const mean = Object.fromEntries(Object.entries(sum).map(([k, v]) =>
          [k, k.startsWith("W") ? v.map((row) => row.map((g) => g / count)) : v.map((g) => g / count)]));
        params = update(params, mean, lr);
        sum = null; count = 0; updates += 1;
      }
    }
  }
  return { params, updates };
}

for (const setup of VECTORS.lab.tf) {
  test(`the lab page's TF comparison (${setup.name}): same points, weights and losses as the playground`, () => {
    const { state, messages } = parseFragment(setup.fragment);
    assert.deepEqual(messages, []);
    const trainer = new Trainer(state);
    assert.equal(trainer.Xtrain.length, setup.X_train.length);
    trainer.Xtrain.forEach((row, i) => row.forEach((v, j) => close(v, setup.X_train[i][j], 1e-12, `x[${i}][${j}]`)));
    assert.deepEqual(trainer.Ttrain, setup.T_train);
    assert.deepEqual(trainer.params, setup.params, "the first weights of the seed");
    const acts = trainer.activations;
    const tf = trainLikeTFPlayground(trainer.params, trainer.Xtrain, trainer.Ttrain, acts, state.lr, state.batch, setup.epochs);
    assert.equal(tf.updates, setup.updates_tf);
    trainer.step(setup.epochs);
    close(trainer.trainLoss, setup.loss_ours, 1e-9, "our rule: the training loss the page shows");
    const tfLoss = LOSSES.sse.f(forward(tf.params, trainer.Xtrain, acts).layers[acts.length], trainer.Ttrain);
    close(tfLoss, setup.loss_tf, 1e-9, "TF Playground's rule: the loss the page shows");
  });
}

test("'apply this update' (Trainer.stepSample) makes exactly the one-step update, and the page's answer follows", () => {
  const s = VECTORS.lab.step;
  const { state, messages } = parseFragment(s.fragment);
  assert.deepEqual(messages, []);
  const trainer = new Trainer(state);
  const k = s.sample - 1, acts = trainer.activations, before = trainer.params;
  assert.deepEqual([trainer.train[k].x1, trainer.train[k].x2, trainer.Ttrain[k][0]].map((v) => Number(v.toFixed(12))),
    [s.x1, s.x2, s.t].map((v) => Number(v.toFixed(12))));
  close(trainer.predict([trainer.train[k]])[0], s.y, 1e-12, "y before");
  const { grads } = backward(before, forward(before, [trainer.Xtrain[k]], acts), [trainer.Ttrain[k]], acts);
  close(-state.lr * grads[`B${acts.length}`][0], s.dB_out, 1e-12, "ΔB of the output unit");
  trainer.stepSample(k);
  assert.deepEqual(trainer.params, update(before, grads, state.lr), "exactly W − η ∂E/∂W, nothing else");
  assert.equal(trainer.epoch, 0, "one sample is not an epoch");
  close(trainer.predict([trainer.train[k]])[0], s.y_after, 1e-12, "y after");
  assert.throws(() => trainer.stepSample(trainer.Xtrain.length), RangeError);
});

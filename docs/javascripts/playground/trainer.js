// Training loop of the playground: data + features + network, one epoch at a time.
// No DOM here, so Node's tests can train exactly what the page trains.

import { DOMAIN, derivedSeed, makeData, mulberry32 } from "./data.js";
import { featureMatrix } from "./features.js";
import {
  LOSSES, addRegularization, backward, forward, initParams, isFiniteParams, nLayers, update,
} from "./mlp.js";

const MAX_HISTORY = 4000;

/** Output unit per problem type: tanh for classes −1/+1, linear for regression. */
export const OUTPUT_ACTIVATION = { classification: "tanh", regression: "linear" };

export class Trainer {
  /** @param {object} state a complete, validated state (see state.js) */
  constructor(state) {
    this.configure(state);
  }

  /** Rebuild data and network from a state, then reset the weights. */
  configure(state) {
    this.state = { ...state, features: [...state.features], layers: [...state.layers] };
    const { train, test } = makeData(state.data,
      { seed: state.seed, noise: state.noise / 100, ratio: state.ratio, points: state.points });
    this.train = train;
    this.test = test;
    this.Xtrain = featureMatrix(train, state.features);
    this.Ttrain = train.map((p) => [p.label]);
    this.Xtest = featureMatrix(test, state.features);
    this.Ttest = test.map((p) => [p.label]);
    this.reset();
  }

  /** Layer sizes [n_features, hidden..., 1]. */
  get sizes() {
    return [this.state.features.length, ...this.state.layers, 1];
  }

  /** One activation name per weight layer: the chosen one for hidden layers, then the output's. */
  get activations() {
    return [...this.state.layers.map(() => this.state.act), OUTPUT_ACTIVATION[this.state.problem]];
  }

  /** Learning rate and regularization change without a reset. */
  setHyperparameters({ lr, reg, regRate }) {
    if (lr !== undefined) this.state.lr = lr;
    if (reg !== undefined) this.state.reg = reg;
    if (regRate !== undefined) this.state.regRate = regRate;
  }

  /** New initial weights from the seed; epoch 0. */
  reset() {
    this.params = initParams(this.sizes, mulberry32(derivedSeed(this.state.seed, 1)));
    this.epoch = 0;
    this.diverged = false;
    this.history = [];
    this.evaluate();
  }

  /** Train n epochs (each: every training point once, in minibatches of `batch`). */
  step(n = 1) {
    const { batch, lr, reg, regRate } = this.state;
    const acts = this.activations;
    for (let k = 0; k < n && !this.diverged; k++) {
      for (let start = 0; start < this.Xtrain.length; start += batch) {
        const X = this.Xtrain.slice(start, start + batch);
        const T = this.Ttrain.slice(start, start + batch);
        const fwd = forward(this.params, X, acts);
        const { grads } = backward(this.params, fwd, T, acts, "sse");
        this.params = update(this.params, addRegularization(grads, this.params, reg, regRate), lr);
      }
      this.epoch += 1;
      this.evaluate();
    }
    return this.metrics();
  }

  /**
   * One update of batch size 1 on training point k (0-based): exactly the update the math panel's
   * "one step" shows, ΔW_l = −η layer_{l−1}ᵀ delta_l (without a regularization term, as shown).
   * The epoch count stays; the losses are measured again.  Returns the gradients used.
   */
  stepSample(k) {
    if (!Number.isInteger(k) || k < 0 || k >= this.Xtrain.length) {
      throw new RangeError(`training point index must be 0..${this.Xtrain.length - 1}, got ${k}`);
    }
    if (this.diverged) return null;
    const acts = this.activations;
    const X = [this.Xtrain[k]], T = [this.Ttrain[k]];
    const { grads } = backward(this.params, forward(this.params, X, acts), T, acts, "sse");
    this.params = update(this.params, grads, this.state.lr);
    this.evaluate();
    return grads;
  }

  /** Loss (and accuracy for classification) on the training and test points. */
  evaluate() {
    const acts = this.activations;
    const measure = (X, T) => {
      if (X.length === 0) return { loss: NaN, accuracy: NaN };
      const Y = forward(this.params, X, acts).layers[nLayers(this.params)];
      const correct = Y.filter((y, i) => (y[0] > 0 ? 1 : -1) === T[i][0]).length;
      return { loss: LOSSES.sse.f(Y, T), accuracy: correct / Y.length };
    };
    const train = measure(this.Xtrain, this.Ttrain);
    const test = measure(this.Xtest, this.Ttest);
    this.trainLoss = train.loss;
    this.testLoss = test.loss;
    this.trainAccuracy = train.accuracy;
    this.testAccuracy = test.accuracy;
    // No training point (the reader's own data can be empty) gives loss NaN without diverging.
    if (!isFiniteParams(this.params) || (this.Xtrain.length > 0 && !Number.isFinite(this.trainLoss))) {
      this.diverged = true;
    }
    this.history.push({ epoch: this.epoch, train: this.trainLoss, test: this.testLoss });
    if (this.history.length > MAX_HISTORY) this.history = this.history.filter((_, i) => i % 2 === 0);
  }

  metrics() {
    const classification = this.state.problem === "classification";
    return {
      epoch: this.epoch,
      trainLoss: this.trainLoss,
      testLoss: this.testLoss,
      trainAccuracy: classification ? this.trainAccuracy : null,
      testAccuracy: classification ? this.testAccuracy : null,
      diverged: this.diverged,
    };
  }

  /** Every point, training points first, then test points (the order of the exports). */
  get points() {
    return [...this.train, ...this.test];
  }

  /** The network's output y for each of `points` (one number per point). */
  predict(points) {
    const fwd = forward(this.params, featureMatrix(points, this.state.features), this.activations);
    return fwd.layers[fwd.layers.length - 1].map((row) => row[0]);
  }

  /**
   * Every unit's value on a res × res grid over the square [−DOMAIN, DOMAIN]², row 0 at the top
   * (x2 = +DOMAIN): {layers: [layer0, ..., layerL]} with one row per grid point.
   */
  grid(res) {
    const points = [];
    for (let r = 0; r < res; r++) {
      const x2 = DOMAIN - ((r + 0.5) / res) * 2 * DOMAIN;
      for (let c = 0; c < res; c++) points.push({ x1: -DOMAIN + ((c + 0.5) / res) * 2 * DOMAIN, x2 });
    }
    return forward(this.params, featureMatrix(points, this.state.features), this.activations);
  }
}


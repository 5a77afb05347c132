// The playground's network math: the same names and formulas as mlp_lessons.network.
//
//   Z_l     = layer_{l-1} W_l + B_l            (forward,  docs/forward_pass.md)
//   layer_l = f_l(Z_l)
//   delta_L = dE/dY ⊙ f_L'(Z_L)                (backward, docs/backprop.md)
//   delta_l = (delta_{l+1} W_{l+1}^T) ⊙ f_l'(Z_l)
//   dE/dW_l = layer_{l-1}^T delta_l,  dE/dB_l = Σ_samples delta_l
//   W_l     ← W_l − η dE/dW_l                  (update,   docs/gradient_descent.md)
//
// Parameters are an object {W1: [[...]], B1: [...], W2: ..., B2: ...} (W_l of shape
// n_{l-1} × n_l as arrays of rows, B_l of length n_l), exactly the dict of
// mlp_lessons.network.  Matrices are arrays of rows: one sample per row.
// Nothing here keeps state or modifies its arguments: new arrays come back.

// --- small matrix helpers (arrays of rows) --------------------------------------
// Plain loops rather than Array.map: the page runs them thousands of times per frame.

/** A new n × m matrix of zeros. */
function zeros(n, m) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = new Array(m).fill(0);
  return out;
}

/** A (n×k) times B (k×m). */
export function matmul(A, B) {
  const n = A.length, k = B.length, m = k ? B[0].length : 0;
  const out = zeros(n, m);
  for (let r = 0; r < n; r++) {
    const row = A[r], o = out[r];
    for (let i = 0; i < k; i++) {
      const a = row[i], Bi = B[i];
      for (let j = 0; j < m; j++) o[j] += a * Bi[j];
    }
  }
  return out;
}

/** The transpose of A. */
export function transpose(A) {
  const n = A.length, m = n ? A[0].length : 0;
  const out = zeros(m, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j][i] = A[i][j];
  return out;
}

/** Apply f to every entry of A. */
export function mapMatrix(A, f) {
  const n = A.length, m = n ? A[0].length : 0;
  const out = zeros(n, m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i][j] = f(A[i][j]);
  return out;
}

/** Entry-wise product A ⊙ B. */
export function hadamard(A, B) {
  const n = A.length, m = n ? A[0].length : 0;
  const out = zeros(n, m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i][j] = A[i][j] * B[i][j];
  return out;
}

/** A + b, the row vector b added to every row (NumPy broadcasting). */
export function addRow(A, b) {
  const n = A.length, m = b.length;
  const out = zeros(n, m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i][j] = A[i][j] + b[j];
  return out;
}

/** Column sums of A: Σ over samples. */
export function sumRows(A) {
  const m = A.length ? A[0].length : 0;
  const out = new Array(m).fill(0);
  for (const row of A) for (let j = 0; j < m; j++) out[j] += row[j];
  return out;
}

// --- activation functions, each next to its derivative (the derivative takes Z) ----

/** Sigmoid written as in mlp_lessons.activations.sigmoid: no overflow for large |x|. */
export function sigmoid(x) {
  const e = Math.exp(-Math.abs(x));
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

export const ACTIVATIONS = {
  relu: { name: "relu", f: (x) => Math.max(x, 0), deriv: (x) => (x > 0 ? 1 : 0) },  // ReLU'(0) = 0
  tanh: { name: "tanh", f: Math.tanh, deriv: (x) => { const t = Math.tanh(x); return 1 - t * t; } },
  sigmoid: { name: "sigmoid", f: sigmoid, deriv: (x) => { const s = sigmoid(x); return s * (1 - s); } },
  linear: { name: "linear", f: (x) => x, deriv: () => 1 },
};

export function getActivation(name) {
  if (!Object.hasOwn(ACTIVATIONS, name)) {
    throw new Error(`unknown activation ${JSON.stringify(name)}; expected one of ${Object.keys(ACTIVATIONS)}`);
  }
  return ACTIVATIONS[name];
}

// --- loss: E = mean over samples of ½ Σ (y − t)², the chapter's E for one sample ------

export const LOSSES = {
  sse: {
    name: "sse",
    f: (Y, T) => {
      let s = 0;
      Y.forEach((row, i) => row.forEach((y, j) => { const d = y - T[i][j]; s += d * d; }));
      return (0.5 * s) / Y.length;
    },
    grad: (Y, T) => Y.map((row, i) => row.map((y, j) => (y - T[i][j]) / Y.length)),  // dE/dY
  },
};

// --- regularization: penalty(w) added to E for every weight (not the biases) ----------

export const REGULARIZATIONS = {
  none: { name: "none", penalty: () => 0, deriv: () => 0 },
  L1: { name: "L1", penalty: (w) => Math.abs(w), deriv: (w) => Math.sign(w) },
  L2: { name: "L2", penalty: (w) => 0.5 * w * w, deriv: (w) => w },
};

// --- the network ---------------------------------------------------------------------

/** Number of weight layers L (W1..WL). */
export function nLayers(params) {
  let L = 0;
  while (Object.hasOwn(params, `W${L + 1}`)) L += 1;
  return L;
}

/** Layer sizes [n0, n1, ..., nL]. */
export function layerSizes(params) {
  const L = nLayers(params);
  const sizes = [params.W1.length];
  for (let l = 1; l <= L; l++) sizes.push(params[`B${l}`].length);
  return sizes;
}

function resolveActivations(activations, L) {
  if (typeof activations === "string") return new Array(L).fill(getActivation(activations));
  if (!Array.isArray(activations) || activations.length !== L) {
    throw new Error(`need one activation per layer (${L}), got ${JSON.stringify(activations)}`);
  }
  return activations.map(getActivation);
}

/**
 * Glorot-uniform initial weights W_l ~ U(−r, r), r = √(6/(n_{l−1}+n_l)), biases 0,
 * as mlp_lessons.network.init_params(method="glorot").  `rng()` returns numbers in [0, 1).
 */
export function initParams(sizes, rng) {
  const params = {};
  for (let l = 1; l < sizes.length; l++) {
    const nIn = sizes[l - 1], nOut = sizes[l], r = Math.sqrt(6 / (nIn + nOut));
    params[`W${l}`] = Array.from({ length: nIn }, () => Array.from({ length: nOut }, () => (2 * rng() - 1) * r));
    params[`B${l}`] = new Array(nOut).fill(0);
  }
  return params;
}

/** Forward pass: returns {layers: [layer0, ..., layerL], Z: [Z1, ..., ZL]}. */
export function forward(params, X, activations = "sigmoid") {
  const L = nLayers(params);
  const acts = resolveActivations(activations, L);
  let layer = X;                                                   // layer0 = X
  const layers = [layer], Z = [];
  for (let l = 1; l <= L; l++) {
    const Zl = addRow(matmul(layer, params[`W${l}`]), params[`B${l}`]);  // Z_l = layer_{l-1} W_l + B_l
    layer = mapMatrix(Zl, acts[l - 1].f);                          // layer_l = f(Z_l)
    Z.push(Zl);
    layers.push(layer);
  }
  return { layers, Z };
}

/** Backpropagation: returns {deltas: [delta1, ..., deltaL], grads: {W1, B1, ...}}. */
export function backward(params, fwd, T, activations = "sigmoid", loss = "sse") {
  const L = nLayers(params);
  const acts = resolveActivations(activations, L);
  const Y = fwd.layers[L];
  // Output layer: delta_L = dE/dY ⊙ f'(Z_L)   (the chapter's ① × ②)
  let delta = hadamard(LOSSES[loss].grad(Y, T), mapMatrix(fwd.Z[L - 1], acts[L - 1].deriv));
  const deltas = [delta];
  for (let l = L - 1; l >= 1; l--) {
    // The error flows back through the transposed weights, then through f'.
    const error = matmul(deltas[0], transpose(params[`W${l + 1}`]));
    deltas.unshift(hadamard(error, mapMatrix(fwd.Z[l - 1], acts[l - 1].deriv)));
  }
  const grads = {};
  for (let l = 1; l <= L; l++) {
    grads[`W${l}`] = matmul(transpose(fwd.layers[l - 1]), deltas[l - 1]);  // layer_{l-1}^T delta_l  (③)
    grads[`B${l}`] = sumRows(deltas[l - 1]);
  }
  return { deltas, grads };
}

/** Add the regularization term's gradient rate · penalty'(w) to every weight's gradient. */
export function addRegularization(grads, params, regularization = "none", rate = 0) {
  const reg = REGULARIZATIONS[regularization];
  const out = { ...grads };
  if (reg.name === "none" || rate === 0) return out;
  for (let l = 1; l <= nLayers(params); l++) {
    out[`W${l}`] = grads[`W${l}`].map((row, i) => row.map((g, j) => g + rate * reg.deriv(params[`W${l}`][i][j])));
  }
  return out;
}

/** Regularization penalty rate · Σ penalty(w) over all weights. */
export function regularizationValue(params, regularization = "none", rate = 0) {
  const reg = REGULARIZATIONS[regularization];
  let s = 0;
  for (let l = 1; l <= nLayers(params); l++) for (const row of params[`W${l}`]) for (const w of row) s += reg.penalty(w);
  return rate * s;
}

/** One gradient-descent step w ← w − η dE/dw for every parameter; returns new arrays. */
export function update(params, grads, learningRate) {
  const out = {};
  for (const [key, value] of Object.entries(params)) {
    const g = grads[key];
    out[key] = key.startsWith("W")
      ? value.map((row, i) => row.map((w, j) => w - learningRate * g[i][j]))
      : value.map((b, j) => b - learningRate * g[j]);
  }
  return out;
}

/** The loss of params on (X, T): a forward pass, then the loss. */
export function lossValue(params, X, T, activations = "sigmoid", loss = "sse") {
  const fwd = forward(params, X, activations);
  return LOSSES[loss].f(fwd.layers[fwd.layers.length - 1], T);
}

/** True when every weight and bias is a finite number (no NaN, no ±Infinity). */
export function isFiniteParams(params) {
  return Object.values(params).every((v) => v.flat().every(Number.isFinite));
}

// Canvas drawing for the playground: heatmaps, data points, the loss chart.
// Colours come from CSS custom properties (see docs/stylesheets/playground.css), so the
// light and dark (Material "slate") schemes both work.

import { DOMAIN } from "./data.js";

/** "#rrggbb" or "rgb(r, g, b)" → [r, g, b]. */
export function parseColor(text) {
  const s = (text || "").trim();
  let m = /^#([0-9a-f]{6})$/i.exec(s);
  if (m) return [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16));
  m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/i.exec(s);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  return [128, 128, 128];
}

/** The palette of the current colour scheme, read from the CSS variables of `root`. */
export function readPalette(root) {
  const css = getComputedStyle(root);
  const get = (name) => css.getPropertyValue(name).trim();
  return {
    neg: parseColor(get("--pg-neg")),
    pos: parseColor(get("--pg-pos")),
    mid: parseColor(get("--pg-mid")),
    negText: get("--pg-neg"),
    posText: get("--pg-pos"),
    pointStroke: get("--pg-point-stroke"),
    testStroke: get("--pg-test-stroke"),
    train: get("--pg-chart-train"),
    test: get("--pg-chart-test"),
    grid: get("--pg-chart-grid"),
  };
}

const LUT_SIZE = 256;

/** 256 colours from −1 to +1, so a heatmap pixel is one table look-up. */
function colourTable(palette) {
  if (!palette.lut) {
    palette.lut = new Uint8ClampedArray(4 * LUT_SIZE);
    for (let k = 0; k < LUT_SIZE; k++) {
      palette.lut.set([...valueColor((2 * k) / (LUT_SIZE - 1) - 1, palette), 255], 4 * k);
    }
  }
  return palette.lut;
}

/** Colour of a value in [−1, 1]: orange (−1) → background (0) → blue (+1). */
export function valueColor(v, palette) {
  const t = Math.min(1, Math.abs(v));
  const end = v > 0 ? palette.pos : palette.neg;
  return [0, 1, 2].map((i) => Math.round(palette.mid[i] + (end[i] - palette.mid[i]) * t));
}

/**
 * Fill `canvas` (whose width and height equal res) with one pixel per grid value:
 * values[k] is the value at grid point k (row-major, row 0 at the top).
 */
export function drawHeatmap(canvas, values, res, palette) {
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(res, res);
  const lut = colourTable(palette), data = image.data;
  const mid = LUT_SIZE / 2;
  for (let k = 0; k < res * res; k++) {
    const v = values[k];
    const t = Number.isFinite(v) ? Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * (LUT_SIZE - 1)) : mid;
    data[4 * k] = lut[4 * t];
    data[4 * k + 1] = lut[4 * t + 1];
    data[4 * k + 2] = lut[4 * t + 2];
    data[4 * k + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

/** Canvas pixel of a data point (x1, x2) on a square canvas of `size` pixels. */
export function toPixel(x1, x2, size) {
  return [((x1 + DOMAIN) / (2 * DOMAIN)) * size, ((DOMAIN - x2) / (2 * DOMAIN)) * size];
}

/**
 * The data points on a transparent canvas of the output's size (drawn once per data set,
 * not every frame): training points with the light outline, test points with the dark one.
 */
export function drawPoints(canvas, { train, test, showTest, palette }) {
  const ctx = canvas.getContext("2d");
  const size = canvas.width;
  ctx.clearRect(0, 0, size, size);
  const radius = Math.max(2.5, size / 110);
  const dot = (p, stroke) => {
    const [x, y] = toPixel(p.x1, p.x2, size);
    const [r, g, b] = valueColor(p.label, palette);
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
    ctx.fill();
    ctx.lineWidth = Math.max(1, radius / 3);
    ctx.strokeStyle = stroke;
    ctx.stroke();
  };
  for (const p of train) dot(p, palette.pointStroke);
  if (showTest) for (const p of test) dot(p, palette.testStroke);
}

/** The decision heatmap: the small heatmap canvas `source` scaled up, then the points on top. */
export function drawOutput(canvas, source, points) {
  const ctx = canvas.getContext("2d");
  const size = canvas.width;
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(source, 0, 0, size, size);
  ctx.drawImage(points, 0, 0, size, size);
}

/** Loss curves: training (solid) and test (dashed) loss against the epoch. */
export function drawLossChart(canvas, history, palette) {
  const ctx = canvas.getContext("2d");
  const w = canvas.width, h = canvas.height, pad = 4;
  ctx.clearRect(0, 0, w, h);
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(pad, h - pad);
  ctx.lineTo(w - pad, h - pad);
  ctx.stroke();
  let finite = history.filter((e) => Number.isFinite(e.train) && Number.isFinite(e.test));
  if (finite.length < 2) return;
  const every = Math.ceil(finite.length / w);               // at most about one point per pixel
  if (every > 1) finite = finite.filter((_, i) => i % every === 0 || i === finite.length - 1);
  let top = 0;
  for (const e of finite) top = Math.max(top, e.train, e.test);
  top = top || 1;
  const first = finite[0].epoch, last = finite[finite.length - 1].epoch || 1;
  const xOf = (epoch) => pad + ((epoch - first) / Math.max(1, last - first)) * (w - 2 * pad);
  const yOf = (loss) => h - pad - (loss / top) * (h - 2 * pad);
  for (const [key, colour, dash] of [["test", palette.test, [5, 3]], ["train", palette.train, []]]) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    finite.forEach((e, i) => (i ? ctx.lineTo(xOf(e.epoch), yOf(e[key])) : ctx.moveTo(xOf(e.epoch), yOf(e[key]))));
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

/** Stroke colour and width of a link for weight w. */
export function linkStyle(w, palette) {
  if (!Number.isFinite(w)) return { colour: palette.grid, width: 1 };
  return { colour: w > 0 ? palette.posText : palette.negText, width: Math.min(8, 0.6 + 2.5 * Math.abs(w)) };
}

/**
 * Over the output picture while the reader edits their own data: a ring around the selected
 * point (where it is drawn) and the keyboard cursor, a cross at `cursor` ({x1, x2} or null).
 */
export function drawEditing(canvas, { cursor, selected, palette }) {
  const ctx = canvas.getContext("2d");
  const size = canvas.width, radius = Math.max(2.5, size / 110);
  ctx.save();
  ctx.lineWidth = Math.max(2, size / 200);
  ctx.strokeStyle = palette.testStroke;
  for (const p of selected) {
    const [x, y] = toPixel(p.x1, p.x2, size);
    ctx.beginPath();
    ctx.arc(x, y, 2.6 * radius, 0, 2 * Math.PI);
    ctx.stroke();
  }
  if (cursor) {
    const [x, y] = toPixel(cursor.x1, cursor.x2, size), arm = 5 * radius;
    ctx.setLineDash([3, 2]);
    ctx.beginPath();
    ctx.moveTo(x - arm, y); ctx.lineTo(x + arm, y);
    ctx.moveTo(x, y - arm); ctx.lineTo(x, y + arm);
    ctx.stroke();
    ctx.strokeStyle = palette.pointStroke;
    ctx.setLineDash([]);
    ctx.strokeRect(x - radius * 1.5, y - radius * 1.5, radius * 3, radius * 3);
  }
  ctx.restore();
}

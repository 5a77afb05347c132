// Explorable of docs/activations.md: move x and switch the function; f(x), f′(x), the tangent
// line and the saturated region (where f′ is under 5 % of its peak) follow.
//
// sigmoid, tanh and ReLU are the playground's (docs/javascripts/playground/mlp.js, the same
// formulas as mlp_lessons.activations); the step function is mlp_lessons.activations.step.
// tests/js/explorables.test.mjs compares all four with the package on a grid.
import { ACTIVATIONS as PLAYGROUND } from "../playground/mlp.js";
import { fill, h, language, mountAll, replaceChildren, s, scale, short } from "./common.js";

/** The largest f′(x) on a grid of [-6, 6] (step 0.01). */
function peakSlope(deriv) {
  let peak = 0;
  for (let i = -600; i <= 600; i++) peak = Math.max(peak, deriv(i / 100));
  return peak;
}

function withPeak(fn, range) {
  return { ...fn, peak: peakSlope(fn.deriv), range };
}

/** name → {f, deriv, peak, range}: the derivative takes x (not f(x)); peak = max f′; range of the plot. */
export const FUNCTIONS = {
  sigmoid: withPeak(PLAYGROUND.sigmoid, [-0.2, 1.2]),
  tanh: withPeak(PLAYGROUND.tanh, [-1.2, 1.2]),
  relu: withPeak(PLAYGROUND.relu, [-1, 4]),
  step: withPeak({ name: "step", f: (x) => (x > 0 ? 1 : 0), deriv: () => 0 }, [-0.2, 1.2]),
};

/** Share of the peak slope below which a unit counts as saturated (it barely learns). */
export const SATURATION = 0.05;

/** Is f′(x) under SATURATION × peak?  (The step function's slope is 0 everywhere.) */
export function saturated(name, x) {
  const fn = FUNCTIONS[name];
  return fn.peak === 0 || fn.deriv(x) < SATURATION * fn.peak;
}

/** The intervals of [lo, hi] where the function is saturated, sampled every `dx`. */
export function saturatedIntervals(name, lo, hi, dx = 0.01) {
  const out = [];
  let begin = null;
  const n = Math.round((hi - lo) / dx);
  for (let i = 0; i <= n; i++) {
    const x = lo + i * dx, sat = saturated(name, x);
    if (sat && begin === null) begin = x;
    if ((!sat || i === n) && begin !== null) { out.push([begin, sat ? x : x - dx]); begin = null; }
  }
  return out;
}

const MESSAGES = {
  ko: {
    title: "직접 해 보기: x를 움직이고 함수를 바꿔 보기",
    intro: "슬라이더(화살표 키)로 x를 움직이면 곡선 위의 점과 그 점의 접선이 따라 움직입니다. 접선의 기울기가 도함수 f′(x)입니다. 회색 띠는 f′(x)가 최댓값의 5%보다 작은 포화 영역입니다.",
    fn: "활성화 함수", x: "입력 x",
    names: { sigmoid: "시그모이드", tanh: "tanh", relu: "ReLU", step: "계단 함수" },
    fx: "f(x)", dfx: "f′(x) (접선의 기울기)", region: "영역",
    saturated: "포화: 기울기가 거의 0", active: "기울기가 살아 있음",
    flat: "기울기가 모든 곳에서 0", undefinedAt0: "정의되지 않음 (x = 0에서 뛰어오름)",
    state: "{name}: x = {x}, f(x) = {f}, f′(x) = {d}. {region}.",
    plotLabel: "{name}의 그래프(실선), 도함수(점선), x = {x}에서의 접선",
    legendF: "f(x)", legendD: "f′(x)", legendT: "접선",
  },
  en: {
    title: "Try it: move x and switch the function",
    intro: "Move x with the slider (arrow keys): the point on the curve and its tangent line follow. The tangent's slope is the derivative f′(x). The grey bands are the saturated region, where f′(x) is under 5 % of its peak.",
    fn: "Activation function", x: "Input x",
    names: { sigmoid: "Sigmoid", tanh: "tanh", relu: "ReLU", step: "Step function" },
    fx: "f(x)", dfx: "f′(x) (slope of the tangent)", region: "Region",
    saturated: "saturated: slope almost 0", active: "slope alive",
    flat: "slope 0 everywhere", undefinedAt0: "undefined (jumps at x = 0)",
    state: "{name}: x = {x}, f(x) = {f}, f′(x) = {d}. {region}.",
    plotLabel: "{name} (solid), its derivative (dashed) and the tangent at x = {x}",
    legendF: "f(x)", legendD: "f′(x)", legendT: "tangent",
  },
};
export { MESSAGES };

const W = 560, H = 280, PAD = { l: 40, r: 12, t: 12, b: 28 }, XMIN = -6, XMAX = 6;

function start(root, id) {
  const T = MESSAGES[language()];
  let name = "sigmoid", x = 2;

  const px = scale(XMIN, XMAX, PAD.l, W - PAD.r);
  const bands = s("g"), grid = s("g"), curves = s("g"), tangent = s("g");
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "ex-plot", role: "img" },
    s("defs", {}, s("clipPath", { id: `${id}-clip` },
      s("rect", { x: PAD.l, y: PAD.t, width: W - PAD.l - PAD.r, height: H - PAD.t - PAD.b }))),
    bands, grid, s("g", { "clip-path": `url(#${id}-clip)` }, curves, tangent));

  const radios = Object.keys(FUNCTIONS).map((key) => {
    const input = h("input", { type: "radio", name: `${id}-fn`, id: `${id}-fn-${key}`, value: key, checked: key === name });
    input.addEventListener("change", () => { if (input.checked) { name = key; render(true); } });
    return h("span", { class: "ex-radio" }, input, h("label", { for: input.id }, T.names[key]));
  });
  const slider = h("input", { type: "range", id: `${id}-x`, min: String(XMIN), max: String(XMAX), step: "0.1", value: String(x) });
  const xText = h("output", { for: slider.id, class: "ex-value" });
  slider.addEventListener("input", () => { x = slider.valueAsNumber; render(false); });

  const cells = { f: h("td"), d: h("td"), region: h("td") };
  const table = h("table", { class: "ex-table ex-values" }, h("tbody", {},
    h("tr", {}, h("th", { scope: "row" }, T.fx), cells.f),
    h("tr", {}, h("th", { scope: "row" }, T.dfx), cells.d),
    h("tr", {}, h("th", { scope: "row" }, T.region), cells.region)));
  const live = h("p", { class: "ex-status", role: "status", "aria-live": "polite" });
  const legend = h("p", { class: "ex-legend", "aria-hidden": "true" },
    h("span", { class: "ex-key ex-key-f" }, T.legendF), h("span", { class: "ex-key ex-key-d" }, T.legendD),
    h("span", { class: "ex-key ex-key-t" }, T.legendT));

  root.append(
    h("p", { class: "ex-title" }, T.title),
    h("p", { class: "ex-intro" }, T.intro),
    h("fieldset", { class: "ex-controls" }, h("legend", {}, T.fn), ...radios),
    h("div", { class: "ex-controls" }, h("span", { class: "ex-field ex-slider" },
      h("label", { for: slider.id }, T.x), slider, xText)),
    svg, legend, table, live);

  function render(functionChanged) {
    const fn = FUNCTIONS[name];
    const [ylo, yhi] = fn.range;
    const py = scale(ylo, yhi, H - PAD.b, PAD.t);
    if (functionChanged || !grid.firstChild) {
      const lines = [];
      for (let gx = XMIN; gx <= XMAX; gx += 2) {
        lines.push(s("line", { class: "ex-grid", x1: px(gx), x2: px(gx), y1: PAD.t, y2: H - PAD.b }),
          s("text", { class: "ex-tick", x: px(gx), y: H - 8, "text-anchor": "middle", text: String(gx) }));
      }
      const step = yhi - ylo > 3 ? 1 : 0.5;
      for (let gy = Math.ceil(ylo / step) * step; gy <= yhi; gy += step) {
        lines.push(s("line", { class: gy === 0 ? "ex-axis" : "ex-grid", x1: PAD.l, x2: W - PAD.r, y1: py(gy), y2: py(gy) }),
          s("text", { class: "ex-tick", x: PAD.l - 6, y: py(gy) + 4, "text-anchor": "end", text: short(gy, 1) }));
      }
      lines.push(s("line", { class: "ex-axis", x1: px(0), x2: px(0), y1: PAD.t, y2: H - PAD.b }));
      replaceChildren(grid, lines);
      replaceChildren(bands, saturatedIntervals(name, XMIN, XMAX).map(([a, b]) =>
        s("rect", { class: "ex-band", x: px(a), width: Math.max(px(b) - px(a), 1), y: PAD.t, height: H - PAD.t - PAD.b })));
      const fPts = [], dPts = [];
      for (let i = 0; i <= 240; i++) {
        const t = XMIN + (XMAX - XMIN) * i / 240;
        fPts.push(`${px(t).toFixed(1)},${py(fn.f(t)).toFixed(1)}`);
        dPts.push(`${px(t).toFixed(1)},${py(fn.deriv(t)).toFixed(1)}`);
      }
      replaceChildren(curves, s("polyline", { class: "ex-curve", points: fPts.join(" ") }),
        s("polyline", { class: "ex-curve-d", points: dPts.join(" ") }));
    }
    const fx = fn.f(x), dx = fn.deriv(x);
    const jump = name === "step" && x === 0;
    replaceChildren(tangent,
      jump ? null : s("line", { class: "ex-tangent", x1: px(x - 2), x2: px(x + 2), y1: py(fx - 2 * dx), y2: py(fx + 2 * dx) }),
      s("line", { class: "ex-guide", x1: px(x), x2: px(x), y1: PAD.t, y2: H - PAD.b }),
      s("circle", { class: "ex-dot-d", cx: px(x), cy: py(dx), r: 4 }),
      s("circle", { class: "ex-dot ex-dot-now", cx: px(x), cy: py(fx), r: 6 }));
    const xs = short(x, 2), fs = short(fx), ds = jump ? T.undefinedAt0 : short(dx);
    const region = FUNCTIONS[name].peak === 0 ? T.flat : saturated(name, x) ? T.saturated : T.active;
    xText.textContent = `x = ${xs}`;
    cells.f.textContent = fs; cells.d.textContent = ds; cells.region.textContent = region;
    root.dataset.saturated = String(saturated(name, x));
    svg.setAttribute("aria-label", fill(T.plotLabel, { name: T.names[name], x: xs }));
    live.textContent = fill(T.state, { name: T.names[name], x: xs, f: fs, d: ds, region });
  }
  render(true);
}

mountAll("activations", start);

// Explorable of docs/numpy_mlp.md: scrub through the chapter's XOR training (its fit() loop,
// 90000 epochs of per-sample updates on the 2-2-1 network): the loss curve, the outputs for
// the four samples and the decision boundary at the chosen epoch.
//
// The run is the package's: train() below is mlp_lessons.numpy_mlp.chapter_loop_2_2_1, the
// same arithmetic in the same order, run once in the browser when the explorable is built, with
// the weights kept every `every` epochs.  tests/js/explorables.test.mjs compares its loss
// curve and final weights with mlp_lessons.pages.numpy_mlp.chapter_loss_curve.
import { dataNumber, fill, fixed, h, language, mountAll, replaceChildren, s, scale, short } from "./common.js";
import { chapterValues } from "./forward_pass.js";

/** The four inputs and the two targets: the chapter's T (XNOR) and XOR. */
export const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
export const TARGETS = { xnor: [1, 0, 0, 1], xor: [0, 1, 1, 0] };

/** mlp_lessons.numpy_mlp.actf_float: 1/(1 + e^(−z)), 0 where e^(−z) overflows. */
const EXP_LIMIT = -Math.log(Number.MAX_VALUE);
export function actf(z) {
  return z < EXP_LIMIT ? 0 : 1 / (1 + Math.exp(-z));
}

/** The network's output for input (x1, x2) with weights p = {w1..w6, b1..b3}. */
export function output(p, x1, x2) {
  const a1 = actf(x1 * p.w1 + x2 * p.w3 + p.b1), a2 = actf(x1 * p.w2 + x2 * p.w4 + p.b2);
  return actf(a1 * p.w5 + a2 * p.w6 + p.b3);
}

/** mlp_lessons.loss.sse on the four samples: the mean of ½(y − t)². */
export function loss(p, target) {
  let sum = 0;
  X.forEach(([x1, x2], i) => { const d = output(p, x1, x2) - target[i]; sum += 0.5 * d * d; });
  return sum / X.length;
}

/**
 * The chapter's loop (chapter_loop_2_2_1): `epochs` epochs, each sample in turn, the hidden
 * deltas from w5, w6 before their update.  Returns the weights every `every` epochs (and at the
 * end): snapshots[k] after k·every epochs.
 */
export function train(start, target, epochs, eta, every) {
  let { w1, w2, w3, w4, w5, w6, b1, b2, b3 } = start;
  const snapshots = [{ w1, w2, w3, w4, w5, w6, b1, b2, b3 }];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = 0; i < 4; i++) {
      const x1 = X[i][0], x2 = X[i][1], t = target[i];
      const a1 = actf(x1 * w1 + x2 * w3 + b1);
      const a2 = actf(x1 * w2 + x2 * w4 + b2);
      const a_y = actf(a1 * w5 + a2 * w6 + b3);
      const delta_y = (a_y - t) * (a_y * (1 - a_y));
      const delta_1 = (delta_y * w5) * (a1 * (1 - a1));
      const delta_2 = (delta_y * w6) * (a2 * (1 - a2));
      w5 += -eta * (a1 * delta_y);
      w6 += -eta * (a2 * delta_y);
      w1 += -eta * (x1 * delta_1);
      w2 += -eta * (x1 * delta_2);
      w3 += -eta * (x2 * delta_1);
      w4 += -eta * (x2 * delta_2);
      b3 += -eta * delta_y;
      b1 += -eta * delta_1;
      b2 += -eta * delta_2;
    }
    if (epoch % every === 0 || epoch === epochs) snapshots.push({ w1, w2, w3, w4, w5, w6, b1, b2, b3 });
  }
  return snapshots;
}

const MESSAGES = {
  ko: {
    title: "직접 해 보기: 학습 과정을 에포크별로 되감아 보기",
    intro: "교재의 학습 루프를 이 브라우저에서 한 번 그대로 돌려, {every}에포크마다 가중치를 기록했습니다. 슬라이더(화살표 키: {every}에포크, Page Up/Down: 크게)로 에포크를 옮기면 그때의 손실, 네 샘플의 출력, 결정 경계가 보입니다.",
    target: "정답", targets: { xnor: "교재의 정답 (XNOR)", xor: "XOR" },
    epoch: "에포크", loss: "손실 (로그 눈금)", boundary: "출력 (결정 경계 0.5)",
    input: "입력 (x₁, x₂)", t: "정답", y: "출력 y",
    table: "네 샘플의 출력",
    state: "에포크 {epoch}: 손실 {loss}. 출력 {outputs}.",
    plotLabel: "에포크 {epoch}의 손실 곡선과 결정 경계",
  },
  en: {
    title: "Try it: rewind the training epoch by epoch",
    intro: "The chapter's training loop has run once in this browser, its weights kept every {every} epochs. Move the slider (arrow keys: {every} epochs, Page Up/Down: larger) to see the loss, the four outputs and the decision boundary at that epoch.",
    target: "Target", targets: { xnor: "The chapter's target (XNOR)", xor: "XOR" },
    epoch: "Epoch", loss: "Loss (log scale)", boundary: "Output (decision boundary 0.5)",
    input: "Input (x₁, x₂)", t: "Target", y: "Output y",
    table: "The four samples' outputs",
    state: "Epoch {epoch}: loss {loss}. Outputs {outputs}.",
    plotLabel: "Loss curve and decision boundary at epoch {epoch}",
  },
};
export { MESSAGES };

const W = 600, H = 250, CURVE = { x0: 46, x1: 330, y0: 14, y1: 214 }, MAP = { x0: 370, size: 200, y0: 14 };
const N = 20;   // the boundary map's cells per side
const LOG_MIN = -5, LOG_MAX = 0;

function start(root, id) {
  const T = MESSAGES[language()];
  const epochs = dataNumber(root, "epochs"), eta = dataNumber(root, "eta"), every = dataNumber(root, "every");
  const chapter = chapterValues(root);
  const runs = {};
  const run = (name) => {
    if (!runs[name]) {
      const snapshots = train(chapter, TARGETS[name], epochs, eta, every);
      runs[name] = { snapshots, loss: snapshots.map((p) => loss(p, TARGETS[name])) };
    }
    return runs[name];
  };
  let target = "xnor", index = Math.round(epochs / every);

  const ex = scale(0, epochs, CURVE.x0, CURVE.x1), ly = scale(LOG_MAX, LOG_MIN, CURVE.y0, CURVE.y1);
  const axes = s("g"), curve = s("g"), marker = s("g");
  const cells = [];
  const map = s("g");
  for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) {
    const cell = s("rect", { x: MAP.x0 + c * MAP.size / N, y: MAP.y0 + r * MAP.size / N, width: MAP.size / N + 0.5, height: MAP.size / N + 0.5 });
    cells.push([cell, (c + 0.5) / N, 1 - (r + 0.5) / N]);
    map.append(cell);
  }
  const points = s("g");
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "ex-plot ex-wide", role: "img" }, axes, curve, marker, map, points);

  const slider = h("input", { type: "range", id: `${id}-epoch`, min: "0", max: String(epochs), step: String(every), value: String(epochs) });
  const epochText = h("output", { for: slider.id, class: "ex-value" });
  slider.addEventListener("input", () => { index = Math.round(slider.valueAsNumber / every); render(false); });
  const radios = Object.keys(TARGETS).map((key) => {
    const input = h("input", { type: "radio", name: `${id}-target`, id: `${id}-target-${key}`, value: key, checked: key === target });
    input.addEventListener("change", () => { if (input.checked) { target = key; render(true); } });
    return h("span", { class: "ex-radio" }, input, h("label", { for: input.id }, T.targets[key]));
  });
  const body = h("tbody");
  const table = h("table", { class: "ex-table" }, h("caption", {}, T.table),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, T.input), h("th", { scope: "col" }, T.t), h("th", { scope: "col" }, T.y))), body);
  const live = h("p", { class: "ex-status", role: "status", "aria-live": "polite" });
  root.append(h("p", { class: "ex-title" }, T.title), h("p", { class: "ex-intro" }, fill(T.intro, { every })),
    h("fieldset", { class: "ex-controls" }, h("legend", {}, T.target), ...radios),
    h("div", { class: "ex-controls" }, h("span", { class: "ex-field ex-slider" }, h("label", { for: slider.id }, T.epoch), slider, epochText)),
    svg, table, live);

  function render(targetChanged) {
    const { snapshots, loss: losses } = run(target);
    if (targetChanged || !axes.firstChild) {
      const parts = [];
      for (let e = LOG_MIN; e <= LOG_MAX; e++) {
        parts.push(s("line", { class: "ex-grid", x1: CURVE.x0, x2: CURVE.x1, y1: ly(e), y2: ly(e) }),
          s("text", { class: "ex-tick", x: CURVE.x0 - 4, y: ly(e) + 4, "text-anchor": "end", text: `1e${e}` }));
      }
      for (let e = 0; e <= epochs; e += epochs / 3) {
        parts.push(s("text", { class: "ex-tick", x: ex(e), y: H - 18, "text-anchor": "middle", text: String(e) }));
      }
      parts.push(s("text", { class: "ex-tick", x: (CURVE.x0 + CURVE.x1) / 2, y: H - 2, "text-anchor": "middle", text: T.loss }),
        s("text", { class: "ex-tick", x: MAP.x0 + MAP.size / 2, y: H - 2, "text-anchor": "middle", text: T.boundary }),
        s("rect", { class: "ex-frame", x: MAP.x0, y: MAP.y0, width: MAP.size, height: MAP.size }));
      replaceChildren(axes, parts);
      replaceChildren(curve, s("polyline", { class: "ex-curve", points: losses.map((v, k) =>
        `${ex(Math.min(k * every, epochs)).toFixed(1)},${ly(Math.max(LOG_MIN, Math.log10(v))).toFixed(1)}`).join(" ") }));
    }
    const p = snapshots[index], epoch = Math.min(index * every, epochs), value = losses[index];
    replaceChildren(marker, s("line", { class: "ex-guide", x1: ex(epoch), x2: ex(epoch), y1: CURVE.y0, y2: CURVE.y1 }),
      s("circle", { class: "ex-dot ex-dot-now", cx: ex(epoch), cy: ly(Math.max(LOG_MIN, Math.log10(value))), r: 5 }));
    for (const [cell, x1, x2] of cells) {
      const y = output(p, x1, x2);
      cell.setAttribute("class", y >= 0.5 ? "ex-cell-1" : "ex-cell-0");
      cell.setAttribute("fill-opacity", (0.15 + 0.75 * Math.abs(y - 0.5) * 2).toFixed(2));
    }
    const ys = X.map(([x1, x2]) => output(p, x1, x2));
    replaceChildren(points, X.map(([x1, x2], i) => s("circle", {
      class: TARGETS[target][i] ? "ex-point-1" : "ex-point-0",
      cx: MAP.x0 + (0.04 + 0.92 * x1) * MAP.size, cy: MAP.y0 + (0.96 - 0.92 * x2) * MAP.size, r: 7 })));
    replaceChildren(body, X.map(([x1, x2], i) => h("tr", {},
      h("td", {}, `(${x1}, ${x2})`), h("td", {}, String(TARGETS[target][i])), h("td", { "data-output": String(i) }, fixed(ys[i], 8)))));
    epochText.textContent = String(epoch);
    root.dataset.epoch = String(epoch);
    svg.setAttribute("aria-label", fill(T.plotLabel, { epoch }));
    live.textContent = fill(T.state, { epoch, loss: short(value, 6), outputs: ys.map((y) => fixed(y, 4)).join(", ") });
  }
  render(true);
}

mountAll("numpy-mlp", start);

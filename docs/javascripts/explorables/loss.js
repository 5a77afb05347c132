// Explorable of docs/loss.md: move the prediction p of one sigmoid output unit (p = σ(z)) and
// see both losses and their gradients with respect to z, for target t = 0 or 1:
//
//   SSE             E = ½(p − t)²                  ∂E/∂z = (p − t) σ′(z)
//   cross-entropy   E = −[t ln p + (1 − t) ln(1 − p)]  ∂E/∂z = p − t
//
// The same computation as mlp_lessons.pages.loss.sigmoid_output_grads (cross-entropy as a
// 2-class softmax over (0, z)); tests/js/explorables.test.mjs compares the two.
import { sigmoid } from "../playground/mlp.js";
import { dataNumber, fill, fixed, h, language, mountAll, replaceChildren, s, scale, short } from "./common.js";

/** Inverse of the sigmoid, z = ln(p / (1 − p)), written as mlp_lessons.pages.loss.logit. */
export function logit(p) {
  return Math.log(p) - Math.log1p(-p);
}

/** Both losses and their ∂E/∂z for one output z and target t ∈ {0, 1}. */
export function outputGrads(z, t) {
  const p = sigmoid(z);
  const sse = 0.5 * (p - t) * (p - t);
  const sseGrad = (p - t) * (p * (1 - p));                 // (p − t) σ′(z)
  const m = Math.max(0, z), s0 = 0 - m, s1 = z - m;         // softmax over (0, z), shifted
  const logSum = Math.log(Math.exp(s0) + Math.exp(s1));
  const ce = -((t === 1 ? s1 : s0) - logSum);
  const ceGrad = Math.exp(s1) / (Math.exp(s0) + Math.exp(s1)) - t;
  return { p, sse, sse_grad: sseGrad, ce, ce_grad: ceGrad };
}

const MESSAGES = {
  ko: {
    title: "직접 해 보기: 예측을 움직여 두 손실 비교하기",
    intro: "슬라이더(화살표 키)로 출력 유닛의 예측 p를 움직이세요. 위 그래프는 손실, 아래 그래프는 출력 유닛의 가중합 z에 대한 기울기의 크기 |∂E/∂z|입니다. 정답과 반대쪽 끝으로 갈수록(자신 있게 틀릴수록) 오차제곱합(SSE)의 기울기는 오히려 작아집니다.",
    p: "예측 p = σ(z)", t: "정답 t",
    sse: "오차제곱합 (SSE)", ce: "교차 엔트로피", loss: "손실 E", grad: "∂E/∂z",
    table: "두 손실과 기울기", top: "손실 E", bottom: "|∂E/∂z|",
    ratio: "교차 엔트로피의 기울기가 오차제곱합의 {ratio}배입니다.",
    state: "p = {p}, t = {t}: 오차제곱합 E = {sse}, ∂E/∂z = {sse_grad}; 교차 엔트로피 E = {ce}, ∂E/∂z = {ce_grad}. {ratio}",
    plotLabel: "예측 p에 따른 오차제곱합과 교차 엔트로피(위), 그 기울기의 크기(아래), p = {p}",
  },
  en: {
    title: "Try it: move the prediction and compare the two losses",
    intro: "Move the output unit's prediction p with the slider (arrow keys). The upper graph is the loss, the lower one the size of its gradient with respect to the unit's weighted sum z, |∂E/∂z|. Towards the end opposite the target (confidently wrong), the gradient of the sum of squared errors (SSE) gets smaller, not larger.",
    p: "Prediction p = σ(z)", t: "Target t",
    sse: "Sum of squared errors (SSE)", ce: "Cross-entropy", loss: "Loss E", grad: "∂E/∂z",
    table: "The two losses and their gradients", top: "Loss E", bottom: "|∂E/∂z|",
    ratio: "The cross-entropy's gradient is {ratio} times the SSE's.",
    state: "p = {p}, t = {t}: SSE E = {sse}, ∂E/∂z = {sse_grad}; cross-entropy E = {ce}, ∂E/∂z = {ce_grad}. {ratio}",
    plotLabel: "The sum of squared errors and cross-entropy against the prediction p (top), the size of their gradients (bottom), p = {p}",
  },
};
export { MESSAGES };

const W = 560, H = 340, PAD = { l: 44, r: 12, t: 10, b: 26 }, GAP = 30;
const TOP = { y0: PAD.t, y1: 175, max: 5 }, BOTTOM = { y0: 175 + GAP, y1: H - PAD.b, max: 1 };

function start(root, id) {
  const T = MESSAGES[language()];
  let p = dataNumber(root, "p"), t = 1;
  const px = scale(0, 1, PAD.l, W - PAD.r);
  const ty = scale(0, TOP.max, TOP.y1, TOP.y0), by = scale(0, BOTTOM.max, BOTTOM.y1, BOTTOM.y0);
  const axes = s("g"), curves = s("g"), marks = s("g");
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "ex-plot", role: "img" }, axes, curves, marks);

  const slider = h("input", { type: "range", id: `${id}-p`, min: "0.01", max: "0.99", step: "0.01", value: String(p) });
  const pText = h("output", { for: slider.id, class: "ex-value" });
  slider.addEventListener("input", () => { p = slider.valueAsNumber; render(false); });
  const radios = [0, 1].map((value) => {
    const input = h("input", { type: "radio", name: `${id}-t`, id: `${id}-t${value}`, value: String(value), checked: value === t });
    input.addEventListener("change", () => { if (input.checked) { t = value; render(true); } });
    return h("span", { class: "ex-radio" }, input, h("label", { for: input.id }, String(value)));
  });
  const cells = { sse: h("td", { "data-value": "sse" }), sse_grad: h("td", { "data-value": "sse_grad" }),
    ce: h("td", { "data-value": "ce" }), ce_grad: h("td", { "data-value": "ce_grad" }) };
  const table = h("table", { class: "ex-table ex-values" }, h("caption", {}, T.table),
    h("thead", {}, h("tr", {}, h("td"), h("th", { scope: "col" }, T.loss), h("th", { scope: "col" }, T.grad))),
    h("tbody", {},
      h("tr", {}, h("th", { scope: "row" }, h("span", { class: "ex-key ex-key-f" }), T.sse), cells.sse, cells.sse_grad),
      h("tr", {}, h("th", { scope: "row" }, h("span", { class: "ex-key ex-key-d" }), T.ce), cells.ce, cells.ce_grad)));
  const ratio = h("p", { class: "ex-note", "data-value": "ratio" });
  const live = h("p", { class: "ex-status", role: "status", "aria-live": "polite" });
  root.append(h("p", { class: "ex-title" }, T.title), h("p", { class: "ex-intro" }, T.intro),
    h("fieldset", { class: "ex-controls" }, h("legend", {}, T.t), ...radios),
    h("div", { class: "ex-controls" }, h("span", { class: "ex-field ex-slider" }, h("label", { for: slider.id }, T.p), slider, pText)),
    svg, table, ratio, live);

  function curve(f, y, max) {
    const pts = [];
    for (let i = 1; i < 200; i++) {
      const q = i / 200, v = Math.min(f(outputGrads(logit(q), t)), max * 1.02);
      pts.push(`${px(q).toFixed(1)},${y(v).toFixed(1)}`);
    }
    return pts.join(" ");
  }

  function render(targetChanged) {
    if (targetChanged || !axes.firstChild) {
      const parts = [];
      for (const q of [0, 0.25, 0.5, 0.75, 1]) {
        parts.push(s("line", { class: "ex-grid", x1: px(q), x2: px(q), y1: TOP.y0, y2: TOP.y1 }),
          s("line", { class: "ex-grid", x1: px(q), x2: px(q), y1: BOTTOM.y0, y2: BOTTOM.y1 }),
          s("text", { class: "ex-tick", x: px(q), y: H - 8, "text-anchor": "middle", text: short(q, 2) }));
      }
      for (const v of [0, 1, 2, 3, 4, 5]) {
        parts.push(s("line", { class: v ? "ex-grid" : "ex-axis", x1: PAD.l, x2: W - PAD.r, y1: ty(v), y2: ty(v) }),
          s("text", { class: "ex-tick", x: PAD.l - 6, y: ty(v) + 4, "text-anchor": "end", text: String(v) }));
      }
      for (const v of [0, 0.5, 1]) {
        parts.push(s("line", { class: v ? "ex-grid" : "ex-axis", x1: PAD.l, x2: W - PAD.r, y1: by(v), y2: by(v) }),
          s("text", { class: "ex-tick", x: PAD.l - 6, y: by(v) + 4, "text-anchor": "end", text: short(v, 1) }));
      }
      parts.push(s("text", { class: "ex-tick", x: W - PAD.r, y: TOP.y0 + 12, "text-anchor": "end", text: T.top }),
        s("text", { class: "ex-tick", x: W - PAD.r, y: BOTTOM.y0 + 12, "text-anchor": "end", text: T.bottom }));
      replaceChildren(axes, parts);
      replaceChildren(curves,
        s("polyline", { class: "ex-curve", points: curve((g) => g.sse, ty, TOP.max) }),
        s("polyline", { class: "ex-curve-d", points: curve((g) => g.ce, ty, TOP.max) }),
        s("polyline", { class: "ex-curve", points: curve((g) => Math.abs(g.sse_grad), by, BOTTOM.max) }),
        s("polyline", { class: "ex-curve-d", points: curve((g) => Math.abs(g.ce_grad), by, BOTTOM.max) }));
    }
    const g = outputGrads(logit(p), t);
    replaceChildren(marks,
      s("line", { class: "ex-guide", x1: px(p), x2: px(p), y1: TOP.y0, y2: BOTTOM.y1 }),
      s("circle", { class: "ex-dot", cx: px(p), cy: ty(Math.min(g.sse, TOP.max)), r: 5 }),
      s("circle", { class: "ex-dot-d", cx: px(p), cy: ty(Math.min(g.ce, TOP.max)), r: 5 }),
      s("circle", { class: "ex-dot", cx: px(p), cy: by(Math.abs(g.sse_grad)), r: 5 }),
      s("circle", { class: "ex-dot-d", cx: px(p), cy: by(Math.abs(g.ce_grad)), r: 5 }));
    const text = { sse: fixed(g.sse, 6), sse_grad: fixed(g.sse_grad, 6), ce: fixed(g.ce, 6), ce_grad: fixed(g.ce_grad, 6) };
    for (const k of Object.keys(cells)) cells[k].textContent = text[k];
    const r = fill(T.ratio, { ratio: fixed(g.ce_grad / g.sse_grad, 1) });
    ratio.textContent = r;
    const ps = short(p, 2);
    pText.textContent = `p = ${ps}`;
    svg.setAttribute("aria-label", fill(T.plotLabel, { p: ps }));
    live.textContent = fill(T.state, { p: ps, t, ...text, ratio: r });
  }
  render(true);
}

mountAll("loss", start);

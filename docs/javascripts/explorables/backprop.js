// Explorable of docs/backprop.md: step forward, then backward, through the chapter's 2-2-1
// network for input (0, 0) and target 0; each edge shows its weight and, once the backward pass
// reaches it, its gradient ∂E/∂w.  "Apply the update" does w ← w − η ∂E/∂w for every parameter.
//
// The numbers are the playground's backward pass and update (docs/javascripts/playground/mlp.js,
// the formulas of mlp_lessons.network.backward and update); with the chapter's values the update
// gives the page's w5 = 0.484645 (tests/test_explorables_browser.py reads it from
// mlp_lessons.pages.backprop.numbers()).
import { backward, update } from "../playground/mlp.js";
import { dataNumber, fill, fixed, h, language, mountAll, replaceChildren, s, short, symHTML } from "./common.js";
import { chapterValues, drawNetwork, forwardValues, toParams, VIEWBOX, WEIGHTS } from "./forward_pass.js";

/** ∂E/∂(each parameter) and the deltas, by the chapter's names (w1..w6, b1..b3). */
export function gradients(p) {
  const v = forwardValues(p);
  const bwd = backward(toParams(p), v.fwd, [[p.t]], "sigmoid", "sse");
  const G = bwd.grads;
  const grads = { w1: G.W1[0][0], w2: G.W1[0][1], w3: G.W1[1][0], w4: G.W1[1][1],
    w5: G.W2[0][0], w6: G.W2[1][0], b1: G.B1[0], b2: G.B1[1], b3: G.B2[0] };
  const deltas = { h1: bwd.deltas[0][0][0], h2: bwd.deltas[0][0][1], y: bwd.deltas[1][0][0] };
  return { values: v, grads, deltas, G };
}

/** The parameters after one step w ← w − η ∂E/∂w (mlp.js update). */
export function applyUpdate(p, eta) {
  const { G } = gradients(p);
  const U = update(toParams(p), G, eta);
  return { ...p, w1: U.W1[0][0], w2: U.W1[0][1], w3: U.W1[1][0], w4: U.W1[1][1],
    w5: U.W2[0][0], w6: U.W2[1][0], b1: U.B1[0], b2: U.B1[1], b3: U.B2[0] };
}

/** The stages, in order; the edges whose gradient is known from each stage on. */
export const STAGES = ["start", "forward", "loss", "delta_y", "grad_out", "delta_h", "grad_hidden", "updated"];
const OUT_EDGES = ["w5", "w6"], HIDDEN_EDGES = ["w1", "w2", "w3", "w4"];

const MESSAGES = {
  ko: {
    title: "직접 해 보기: 역전파를 한 단계씩",
    intro: "‘다음 단계’를 누르면 순방향으로 값을 구한 뒤, 출력에서 입력 쪽으로 그래디언트를 거꾸로 구합니다. 연결선마다 가중치와 그 그래디언트 ∂E/∂w가 적힙니다.",
    prev: "이전 단계", next: "다음 단계", apply: "업데이트 적용", reset: "처음으로",
    eta: "학습률 η = {eta}",
    stages: {
      start: "교재의 가중치, 입력 (x₁, x₂) = ({x1}, {x2}), 정답 t = {t}. 아직 아무것도 계산하지 않았습니다.",
      forward: "순방향: a₁ = {a1}, a₂ = {a2}, a_y = {a_y}.",
      loss: "손실: E = ½(t − a_y)² = {E}.",
      delta_y: "출력의 델타: δ_y = (a_y − t) · f′(z_y) = {delta_y}.",
      grad_out: "출력층 가중치의 그래디언트: ∂E/∂w₅ = δ_y · a₁ = {g_w5}, ∂E/∂w₆ = δ_y · a₂ = {g_w6}, ∂E/∂b₃ = {g_b3}.",
      delta_h: "은닉층의 델타: δ_h₁ = δ_y · w₅ · f′(z₁) = {delta_h1}, δ_h₂ = δ_y · w₆ · f′(z₂) = {delta_h2}.",
      grad_hidden: "은닉층 가중치의 그래디언트: ∂E/∂w₁ = {g_w1}, ∂E/∂w₂ = {g_w2}, ∂E/∂w₃ = {g_w3}, ∂E/∂w₄ = {g_w4}. 이제 ‘업데이트 적용’을 누를 수 있습니다.",
      updated: "업데이트: w₅ ← w₅ − η · ∂E/∂w₅ = {w5_old} − {eta} · {g_w5} = {w5}. 새 손실 E = {E_new}.",
    },
    table: "매개변수와 그래디언트", param: "매개변수", value: "값", grad: "∂E/∂w", after: "업데이트 뒤",
    plotLabel: "교재의 2-2-1 신경망: 연결선마다 가중치와 그래디언트",
    figure: "신경망 그림(좁은 화면에서는 옆으로 밀어 볼 수 있습니다)",
    scrollHint: "그림이 화면보다 넓습니다. 옆으로 밀어 보세요. 같은 값이 아래 표에도 있습니다.",
    stage: "{n}/{total}단계",
  },
  en: {
    title: "Try it: backpropagation one stage at a time",
    intro: "Press “Next stage”: first the values go forward, then the gradients come back from the output towards the inputs. Each edge shows its weight and its gradient ∂E/∂w.",
    prev: "Previous stage", next: "Next stage", apply: "Apply the update", reset: "Reset",
    eta: "Learning rate η = {eta}",
    stages: {
      start: "The chapter's weights, input (x₁, x₂) = ({x1}, {x2}), target t = {t}. Nothing computed yet.",
      forward: "Forward: a₁ = {a1}, a₂ = {a2}, a_y = {a_y}.",
      loss: "Loss: E = ½(t − a_y)² = {E}.",
      delta_y: "Output delta: δ_y = (a_y − t) · f′(z_y) = {delta_y}.",
      grad_out: "Gradients of the output weights: ∂E/∂w₅ = δ_y · a₁ = {g_w5}, ∂E/∂w₆ = δ_y · a₂ = {g_w6}, ∂E/∂b₃ = {g_b3}.",
      delta_h: "Hidden deltas: δ_h₁ = δ_y · w₅ · f′(z₁) = {delta_h1}, δ_h₂ = δ_y · w₆ · f′(z₂) = {delta_h2}.",
      grad_hidden: "Gradients of the hidden weights: ∂E/∂w₁ = {g_w1}, ∂E/∂w₂ = {g_w2}, ∂E/∂w₃ = {g_w3}, ∂E/∂w₄ = {g_w4}. “Apply the update” is now available.",
      updated: "Update: w₅ ← w₅ − η · ∂E/∂w₅ = {w5_old} − {eta} · {g_w5} = {w5}. New loss E = {E_new}.",
    },
    table: "Parameters and gradients", param: "Parameter", value: "Value", grad: "∂E/∂w", after: "After the update",
    plotLabel: "The chapter's 2-2-1 network: each edge's weight and gradient",
    figure: "The network diagram (on a narrow screen it scrolls sideways)",
    scrollHint: "The diagram is wider than the screen: scroll it sideways. The table below has the same values.",
    stage: "Stage {n} of {total}",
  },
};
export { MESSAGES };

function start(root, id) {
  const T = MESSAGES[language()];
  const chapter = chapterValues(root);
  const eta = dataNumber(root, "eta");
  let stage = 0, after = null;

  const group = s("g");
  const svg = s("svg", { viewBox: VIEWBOX, class: "ex-plot ex-network", role: "img", "aria-label": T.plotLabel }, group);
  const prev = h("button", { type: "button", class: "ex-button", "data-action": "prev" }, T.prev);
  const next = h("button", { type: "button", class: "ex-button", "data-action": "next" }, T.next);
  const apply = h("button", { type: "button", class: "ex-button ex-button-primary", "data-action": "apply" }, T.apply);
  const reset = h("button", { type: "button", class: "ex-button", "data-action": "reset" }, T.reset);
  const counter = h("p", { class: "ex-note" });
  const live = h("p", { class: "ex-status", role: "status", "aria-live": "polite" });
  const body = h("tbody");
  const table = h("table", { class: "ex-table" }, h("caption", {}, T.table),
    h("thead", {}, h("tr", {}, ...[T.param, T.value, T.grad, T.after].map((c) => h("th", { scope: "col" }, c)))), body);
  const tableBox = h("div", { class: "ex-table-box", tabindex: "0", role: "region", "aria-label": T.table }, table);

  root.append(h("p", { class: "ex-title" }, T.title), h("p", { class: "ex-intro" }, T.intro),
    h("div", { class: "ex-controls" }, prev, next, apply, reset, h("span", { class: "ex-value" }, fill(T.eta, { eta: String(eta) }))),
    counter, h("p", { class: "ex-note ex-scroll-hint" }, T.scrollHint),
    // on a phone the diagram keeps a readable size and scrolls sideways in this box (explorables.css)
    h("div", { class: "ex-scroll", tabindex: "0", role: "region", "aria-label": T.figure }, svg),
    live, tableBox);

  prev.addEventListener("click", () => { if (stage > 0) { stage--; after = null; render(); } });
  next.addEventListener("click", () => { if (stage < STAGES.indexOf("grad_hidden")) { stage++; render(); } });
  apply.addEventListener("click", () => {
    if (stage < STAGES.indexOf("grad_hidden")) return;
    after = applyUpdate(chapter, eta); stage = STAGES.indexOf("updated"); render();
  });
  reset.addEventListener("click", () => { stage = 0; after = null; render(); });

  function render() {
    const focused = root.ownerDocument.activeElement;
    const name = STAGES[stage];
    const { values, grads, deltas } = gradients(chapter);
    const f6 = (x) => fixed(x, 6);
    const known = (edge) => (stage >= STAGES.indexOf("grad_out") && OUT_EDGES.includes(edge))
      || (stage >= STAGES.indexOf("grad_hidden") && HIDDEN_EDGES.includes(edge));
    const shown = after || chapter;
    drawNetwork(group, (edge) => [[{ sym: edge }, ` = ${short(shown[edge], 6)}`],
      ...(known(edge) ? [["∂E/∂", { sym: edge }, ` = ${f6(grads[edge])}`]] : [])],
    (node) => {
      const lines = [];
      if (node.startsWith("x")) lines.push(short(chapter[node], 6));
      const fwd = stage >= STAGES.indexOf("forward");
      if (node === "h1" && fwd) lines.push([{ sym: "a1" }, ` = ${f6(values.a1)}`]);
      if (node === "h2" && fwd) lines.push([{ sym: "a2" }, ` = ${f6(values.a2)}`]);
      if (node === "y" && fwd) lines.push([{ sym: "a_y" }, ` = ${f6(values.a_y)}`]);
      if (node === "y" && stage >= STAGES.indexOf("loss")) lines.push([{ sym: "E" }, ` = ${f6(values.E)}`]);
      if (node === "y" && stage >= STAGES.indexOf("delta_y")) lines.push([{ sym: "δy" }, ` = ${f6(deltas.y)}`]);
      if (node.startsWith("h") && stage >= STAGES.indexOf("delta_h")) lines.push([{ sym: `δ${node}` }, ` = ${f6(deltas[node])}`]);
      return lines;
    }, (edge) => (known(edge) ? "ex-edge-known" : ""));
    const params = {
      x1: short(chapter.x1, 6), x2: short(chapter.x2, 6), t: short(chapter.t, 6), a1: f6(values.a1), a2: f6(values.a2),
      a_y: f6(values.a_y), E: f6(values.E), delta_y: f6(deltas.y), delta_h1: f6(deltas.h1), delta_h2: f6(deltas.h2),
      ...Object.fromEntries(WEIGHTS.map((k) => [`g_${k}`, f6(grads[k])])),
      eta: String(eta), w5_old: String(chapter.w5), w5: after ? f6(after.w5) : "",
      E_new: after ? f6(forwardValues(after).E) : "",
    };
    live.textContent = fill(T.stages[name], params);
    counter.textContent = fill(T.stage, { n: stage, total: STAGES.length - 1 });
    root.dataset.stage = name;
    prev.disabled = stage === 0;
    next.disabled = stage >= STAGES.indexOf("grad_hidden");
    apply.disabled = stage < STAGES.indexOf("grad_hidden") || after !== null;
    // A button that becomes disabled drops the keyboard focus: hand it to the next useful one.
    if (focused && focused.disabled) (apply.disabled ? reset : apply).focus();
    replaceChildren(body, WEIGHTS.map((k) => h("tr", {},
      h("th", { scope: "row" }, symHTML(k)), h("td", {}, String(chapter[k])),
      h("td", { "data-grad": k }, known(k) || (k.startsWith("b") && stage >= STAGES.indexOf(k === "b3" ? "grad_out" : "grad_hidden")) ? f6(grads[k]) : "—"),
      h("td", { "data-after": k }, after ? f6(after[k]) : "—"))));
  }
  render();
}

mountAll("backprop", start);

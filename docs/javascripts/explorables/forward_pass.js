// Explorable of docs/forward_pass.md: the chapter's 2-2-1 network; edit an input or a weight
// and every intermediate value updates on the diagram and in the table.
//
//   z₁ = w₁x₁ + w₃x₂ + b₁,  a₁ = f(z₁);   z₂ = w₂x₁ + w₄x₂ + b₂,  a₂ = f(z₂)
//   z_y = w₅a₁ + w₆a₂ + b₃,  a_y = f(z_y);  E = ½(t − a_y)²
//
// The numbers come from the playground's forward pass (docs/javascripts/playground/mlp.js, the
// formulas of mlp_lessons.network.forward); the chapter's values are the root's data-*
// attributes, filled at build time from mlp_lessons.pages.forward_pass.numbers().
import { forward, LOSSES } from "../playground/mlp.js";
import { dataNumber, fill, fixed, h, language, mountAll, replaceChildren, s, symHTML, symSVG } from "./common.js";

/** The names of the chapter's parameters and of the sample. */
export const WEIGHTS = ["w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3"];
export const SAMPLE = ["x1", "x2", "t"];
/** The intermediate values, in the order of the page's hand calculation. */
export const VALUES = ["z1", "a1", "z2", "a2", "z_y", "a_y", "E"];

/** {w1..w6, b1..b3} → the params dict of mlp_lessons.network (W1 of shape 2×2, ...). */
export function toParams(p) {
  return { W1: [[p.w1, p.w2], [p.w3, p.w4]], B1: [p.b1, p.b2], W2: [[p.w5], [p.w6]], B2: [p.b3] };
}

/** Every intermediate of the chapter's hand calculation for sample (x1, x2) with target t. */
export function forwardValues(p) {
  const fwd = forward(toParams(p), [[p.x1, p.x2]], "sigmoid");
  const [z1, z2] = fwd.Z[0][0], [a1, a2] = fwd.layers[1][0];
  const z_y = fwd.Z[1][0][0], a_y = fwd.layers[2][0][0];
  const E = LOSSES.sse.f(fwd.layers[2], [[p.t]]);                // ½(a_y − t)², one sample
  return { z1, a1, z2, a2, z_y, a_y, E, fwd };
}

/** The chapter's parameters and sample from the root's data-* attributes. */
export function chapterValues(root) {
  return Object.fromEntries([...WEIGHTS, ...SAMPLE].map((k) => [k, dataNumber(root, k)]));
}

// Layout of the diagram (viewBox units): inputs, hidden units, output.  The top hidden unit
// writes its values above itself, the others below; edge labels sit where no other text is
// (w6's near its hidden unit: nearer the output it ran into the output's E = … line).
export const NODES = { x1: [40, 100], x2: [40, 320], h1: [240, 100], h2: [240, 320], y: [420, 210] };
export const VIEWBOX = "0 0 500 420";
export const EDGES = [["w1", "x1", "h1"], ["w2", "x1", "h2"], ["w3", "x2", "h1"], ["w4", "x2", "h2"],
  ["w5", "h1", "y"], ["w6", "h2", "y"]];
const ABOVE = new Set(["h1"]);
/**
 * Each edge's label: where along the edge (0 = source, 1 = target), above or below it, and its
 * text-anchor.  On a slanted edge the label starts at that point and runs away from the line.
 */
const LABEL_AT = { w1: [0.45, true, "middle"], w2: [0.2, true, "start"], w3: [0.2, false, "start"],
  w4: [0.45, false, "middle"], w5: [0.5, true, "start"], w6: [0.3, false, "start"] };
const R = 24, LINE = 15;

/** One line of SVG text: a string, or an array of strings and {sym: "w1"} symbols. */
function svgLine(line) {
  return (typeof line === "string" ? [line] : line).flatMap((part) =>
    (typeof part === "string" ? [s("tspan", { text: part })] : symSVG(part.sym)));
}

/** A <text> of several lines; `top` is the first line's baseline. */
function textBlock(cls, x, top, lines, anchor = "middle") {
  return s("text", { class: cls, x, y: top, "text-anchor": anchor },
    lines.map((line, i) => s("tspan", { x, dy: i ? LINE : 0 }, svgLine(line))));
}

/**
 * Draw the 2-2-1 network into an SVG group: edges with their label(s) `edgeText(name)`
 * (an array of lines, see svgLine), nodes with `nodeText(node)` lines beside them.
 * Lines first, then circles, then every text on top.
 */
export function drawNetwork(group, edgeText, nodeText, edgeClass = () => "") {
  const lines = [], circles = [], texts = [];
  for (const [name, from, to] of EDGES) {
    const [x1, y1] = NODES[from], [x2, y2] = NODES[to];
    lines.push(s("line", { class: `ex-edge ${edgeClass(name)}`, x1, y1, x2, y2 }));
    const [at, above, anchor] = LABEL_AT[name];
    const label = edgeText(name);
    const lx = x1 + (x2 - x1) * at, ly = y1 + (y2 - y1) * at;
    texts.push(textBlock("ex-edge-label", lx, above ? ly - 8 - LINE * (label.length - 1) : ly + 18, label, anchor));
  }
  for (const [node, [cx, cy]] of Object.entries(NODES)) {
    circles.push(s("circle", { class: "ex-node", cx, cy, r: R }),
      s("text", { class: "ex-node-name", x: cx, y: cy + 5, "text-anchor": "middle" }, symSVG(node)));
    const label = nodeText(node);
    if (!label.length) continue;
    const top = ABOVE.has(node) ? cy - R - 8 - LINE * (label.length - 1) : cy + R + 16;
    texts.push(textBlock("ex-node-value", node === "y" ? cx + 10 : cx, top, label));
  }
  replaceChildren(group, lines, circles, texts);
}

const MESSAGES = {
  ko: {
    title: "직접 해 보기: 입력과 가중치를 바꿔 보기",
    intro: "칸의 숫자를 바꾸면(화살표 키로 0.1씩) 모든 중간값이 다시 계산됩니다. 처음 값은 교재의 값이고, 그때의 숫자는 위의 손 계산과 같습니다.",
    sample: "샘플", weights: "가중치", biases: "바이어스",
    reset: "교재의 값으로", table: "중간값", name: "값", value: "계산 결과",
    plotLabel: "2-2-1 신경망: 가중치와 각 유닛의 z, a",
    state: "a_y = {a_y}, E = {E}",
    labels: { x1: "입력 x₁", x2: "입력 x₂", t: "정답 t" },
    figure: "2-2-1 신경망 그림",
    scrollHint: "그림이 화면보다 넓습니다. 옆으로 밀어 보세요. 같은 값이 아래 표에도 있습니다.",
  },
  en: {
    title: "Try it: change an input or a weight",
    intro: "Change a number (arrow keys step by 0.1) and every intermediate value is computed again. The fields start at the chapter's values, which give the numbers of the hand calculation above.",
    sample: "Sample", weights: "Weights", biases: "Biases",
    reset: "Back to the chapter's values", table: "Intermediate values", name: "Value", value: "Result",
    plotLabel: "The 2-2-1 network: weights and each unit's z and a",
    state: "a_y = {a_y}, E = {E}",
    labels: { x1: "Input x₁", x2: "Input x₂", t: "Target t" },
    figure: "Diagram of the 2-2-1 network",
    scrollHint: "The diagram is wider than the screen: scroll it sideways. The table below has the same values.",
  },
};
export { MESSAGES };

function start(root, id) {
  const T = MESSAGES[language()];
  const chapter = chapterValues(root);
  const p = { ...chapter };
  const inputs = {};
  function field(key, label, step) {
    const input = h("input", { type: "number", id: `${id}-${key}`, step, value: String(p[key]), "data-key": key });
    input.addEventListener("input", () => {
      const v = input.valueAsNumber;
      input.setAttribute("aria-invalid", Number.isFinite(v) ? "false" : "true");
      if (Number.isFinite(v)) { p[key] = v; render(); }
    });
    inputs[key] = input;
    return h("span", { class: "ex-field" }, h("label", { for: input.id }, typeof label === "string" ? label : symHTML(label.sym)), input);
  }
  const group = s("g");
  const svg = s("svg", { viewBox: VIEWBOX, class: "ex-plot ex-network", role: "img", "aria-label": T.plotLabel }, group);
  const cells = Object.fromEntries(VALUES.map((k) => [k, h("td", { "data-value": k })]));
  const table = h("table", { class: "ex-table ex-values" },
    h("caption", {}, T.table),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, T.name), h("th", { scope: "col" }, T.value))),
    h("tbody", {}, VALUES.map((k) => h("tr", {}, h("th", { scope: "row" }, symHTML(k)), cells[k]))));
  const live = h("p", { class: "ex-status", role: "status", "aria-live": "polite" });
  const reset = h("button", { type: "button", class: "ex-button", "data-action": "reset" }, T.reset);
  reset.addEventListener("click", () => {
    Object.assign(p, chapter);
    for (const [k, input] of Object.entries(inputs)) input.value = String(p[k]);
    render();
  });

  root.append(
    h("p", { class: "ex-title" }, T.title),
    h("p", { class: "ex-intro" }, T.intro),
    h("div", { class: "ex-fieldsets" },
      h("fieldset", { class: "ex-controls" }, h("legend", {}, T.sample), SAMPLE.map((k) => field(k, T.labels[k], "0.1"))),
      h("fieldset", { class: "ex-controls" }, h("legend", {}, T.weights),
        WEIGHTS.filter((k) => k.startsWith("w")).map((k) => field(k, { sym: k }, "0.1"))),
      h("fieldset", { class: "ex-controls" }, h("legend", {}, T.biases),
        WEIGHTS.filter((k) => k.startsWith("b")).map((k) => field(k, { sym: k }, "0.1")))),
    reset,
    h("p", { class: "ex-note ex-scroll-hint" }, T.scrollHint),
    // on a phone the diagram keeps a readable size and scrolls sideways in its box (explorables.css)
    h("div", { class: "ex-side" },
      h("div", { class: "ex-scroll", tabindex: "0", role: "region", "aria-label": T.figure }, svg), table),
    live);

  function render() {
    const v = forwardValues(p);
    const text = Object.fromEntries(VALUES.map((k) => [k, fixed(v[k], 6)]));
    const eq = (k, value) => [{ sym: k }, ` = ${value}`];
    drawNetwork(group, (name) => [eq(name, fixed(p[name], 2))], (node) => ({
      x1: [fixed(p.x1, 2)], x2: [fixed(p.x2, 2)],
      h1: [eq("z1", text.z1), eq("a1", text.a1), eq("b1", fixed(p.b1, 2))],
      h2: [eq("z2", text.z2), eq("a2", text.a2), eq("b2", fixed(p.b2, 2))],
      y: [eq("z_y", text.z_y), eq("a_y", text.a_y), eq("b3", fixed(p.b3, 2)), eq("E", text.E)],
    })[node]);
    for (const k of VALUES) cells[k].textContent = text[k];
    live.textContent = fill(T.state, text);
  }
  render();
}

mountAll("forward-pass", start);

// Explorable of docs/gradient_descent.md: the chapter's 1-D lab, step by step.
//
//   y = (x − 3)² + 10,   y′ = 2x − 6,   x_{k+1} = x_k − η y′(x_k)
//
// The same loop as mlp_lessons.gradient_descent.descent_1d (Python floats and JavaScript
// numbers are both IEEE doubles, so each iterate is the same number); the table prints each
// float as Python's repr, so with the chapter's η it shows the page's lines digit for digit.
// The status after k steps is learning_rate_sweep's rule.  tests/js/explorables.test.mjs checks
// both against vectors from the package.
import { dataNumber, fill, h, language, mountAll, pyRepr, replaceChildren, s, scale, short, runToggle } from "./common.js";

export const MINIMUM = 3;
/** As descent_1d: beyond this distance from the minimum the run has diverged (no overflow). */
export const OVERFLOW_GUARD = 1e150;
/** As learning_rate_sweep: within this distance of the minimum counts as converged. */
export const TOLERANCE = 0.001;

export const loss = (x) => (x - 3) ** 2 + 10;
export const gradient = (x) => 2 * x - 6;

/** One update, written as the chapter's `x = x - learning_rate * gradient(x)`. */
export function stepOnce(x, eta) {
  return x - eta * gradient(x);
}

/** The iterates x_0 … x_n of descent_1d (cut short, diverged, past OVERFLOW_GUARD). */
export function descend(x0, eta, maxIterations) {
  const xs = [x0];
  let x = x0, diverged = false;
  for (let k = 0; k < maxIterations; k++) {
    const next = stepOnce(x, eta);
    xs.push(next);
    if (Math.abs(next - MINIMUM) > OVERFLOW_GUARD) { diverged = true; break; }
    x = next;
  }
  return { x: xs, loss: xs.map(loss), diverged };
}

/** learning_rate_sweep's verdict on a run that is now at x (started at x0). */
export function status(x0, x, diverged = false) {
  const start = Math.abs(x0 - MINIMUM), error = Math.abs(x - MINIMUM);
  if (diverged || error > start) return "diverged";
  if (error <= TOLERANCE) return "converged";
  if (error === start) return "oscillating";
  return "too slow";
}

const MESSAGES = {
  ko: {
    title: "직접 해 보기: 학습률을 바꿔 가며 한 걸음씩",
    intro: "학습률 η와 출발점 x₀를 고르고 ‘한 걸음’을 누르세요. 아래 표에 교재 코드가 찍는 줄이 한 줄씩 채워집니다.",
    eta: "학습률 η", x0: "출발점 x₀",
    step: "한 걸음", run: "끝까지 실행", pause: "멈춤", reset: "처음으로",
    k: "반복 k", x: "x_k", loss: "손실 (x_k − 3)² + 10",
    tableCaption: "반복값 (파이썬이 찍는 그대로)",
    plotLabel: "손실 곡선 y = (x − 3)² + 10 위의 반복값",
    factor: "배율 1 − 2η = {factor}: 최솟값까지의 거리가 걸음마다 이만큼 곱해집니다.",
    state: "{k}번 반복: x = {x}, 손실 = {loss}. {verdict}",
    start: "출발: x₀ = {x}, 손실 = {loss}.",
    "converged": "최솟값 3에서 0.001 안에 들어왔습니다(수렴).",
    "too slow": "최솟값을 향해 가는 중입니다.",
    "oscillating": "최솟값을 사이에 두고 같은 두 점을 오갑니다(진동).",
    "diverged": "발산: 걸음마다 최솟값에서 더 멀어집니다(|1 − 2η| > 1).",
    offscreen: "x가 그림 밖으로 나갔습니다",
    done: "{n}번 반복을 마쳤습니다.",
    invalid: "학습률은 0보다 큰 수여야 합니다.",
  },
  en: {
    title: "Try it: step by step, with a learning rate of your choice",
    intro: "Pick the learning rate η and the start x₀, then press “Step”. The table fills in with the lines the chapter's code prints.",
    eta: "Learning rate η", x0: "Start x₀",
    step: "Step", run: "Run to the end", pause: "Pause", reset: "Reset",
    k: "Iteration k", x: "x_k", loss: "Loss (x_k − 3)² + 10",
    tableCaption: "Iterates (exactly as Python prints them)",
    plotLabel: "Iterates on the loss curve y = (x − 3)² + 10",
    factor: "Factor 1 − 2η = {factor}: each step multiplies the distance to the minimum by it.",
    state: "Iteration {k}: x = {x}, loss = {loss}. {verdict}",
    start: "Start: x₀ = {x}, loss = {loss}.",
    "converged": "Within 0.001 of the minimum 3 (converged).",
    "too slow": "On its way to the minimum.",
    "oscillating": "Bouncing between the same two points around the minimum (oscillating).",
    "diverged": "Diverging: every step lands farther from the minimum (|1 − 2η| > 1).",
    offscreen: "x has left the picture",
    done: "All {n} iterations done.",
    invalid: "The learning rate must be a number above 0.",
  },
};
export { MESSAGES };

const VIEW = { xmin: -5, xmax: 11, ymin: 5, ymax: 80 };
const W = 560, H = 260, PAD = { l: 40, r: 12, t: 10, b: 28 };

function start(root, id) {
  const T = MESSAGES[language()];
  const chapter = {
    x0: dataNumber(root, "x0"), eta: dataNumber(root, "eta"), n: dataNumber(root, "maxIterations"),
  };
  let eta = chapter.eta, x0 = chapter.x0, xs = [x0], diverged = false;

  const px = scale(VIEW.xmin, VIEW.xmax, PAD.l, W - PAD.r);
  const py = scale(VIEW.ymin, VIEW.ymax, H - PAD.b, PAD.t);
  const curve = [];
  for (let i = 0; i <= 160; i++) {
    const x = VIEW.xmin + (VIEW.xmax - VIEW.xmin) * i / 160;
    curve.push(`${px(x).toFixed(1)},${py(Math.min(loss(x), VIEW.ymax + 20)).toFixed(1)}`);
  }
  const ticks = [];
  for (let x = -4; x <= 10; x += 2) {
    ticks.push(s("line", { class: "ex-grid", x1: px(x), x2: px(x), y1: PAD.t, y2: H - PAD.b }),
      s("text", { class: "ex-tick", x: px(x), y: H - 8, "text-anchor": "middle", text: String(x) }));
  }
  for (let y = 10; y <= 70; y += 20) {
    ticks.push(s("line", { class: "ex-grid", x1: PAD.l, x2: W - PAD.r, y1: py(y), y2: py(y) }),
      s("text", { class: "ex-tick", x: PAD.l - 6, y: py(y) + 4, "text-anchor": "end", text: String(y) }));
  }
  const path = s("g"), marks = s("g");
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "ex-plot", role: "img", "aria-label": T.plotLabel },
    s("defs", {}, s("clipPath", { id: `${id}-clip` },
      s("rect", { x: PAD.l, y: PAD.t, width: W - PAD.l - PAD.r, height: H - PAD.t - PAD.b }))),
    ...ticks,
    s("polyline", { class: "ex-curve", points: curve.join(" "), "clip-path": `url(#${id}-clip)` }),
    s("g", { "clip-path": `url(#${id}-clip)` }, path), marks);

  // No min: the arrow keys step from the chapter's value (0.2 → 0.25 → …), not from a min.
  const etaField = h("input", { id: `${id}-eta`, type: "number", step: "0.05", value: String(eta), inputmode: "decimal" });
  const x0Field = h("input", { id: `${id}-x0`, type: "number", step: "1", value: String(x0), inputmode: "decimal" });
  const stepButton = h("button", { type: "button", class: "ex-button", "data-action": "step" }, T.step);
  const runButton = h("button", { type: "button", class: "ex-button", "data-action": "run" }, T.run);
  const resetButton = h("button", { type: "button", class: "ex-button", "data-action": "reset" }, T.reset);
  const factor = h("p", { class: "ex-note" });
  const live = h("p", { class: "ex-status", role: "status", "aria-live": "polite" });
  const body = h("tbody");
  const table = h("table", { class: "ex-table" },
    h("caption", {}, T.tableCaption),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, T.k), h("th", { scope: "col" }, T.x), h("th", { scope: "col" }, T.loss))),
    body);
  const tableBox = h("div", { class: "ex-table-box", tabindex: "0", role: "region", "aria-label": T.tableCaption }, table);

  root.append(
    h("p", { class: "ex-title" }, T.title),
    h("p", { class: "ex-intro" }, T.intro),
    h("div", { class: "ex-controls" },
      h("span", { class: "ex-field" }, h("label", { for: etaField.id }, T.eta), etaField),
      h("span", { class: "ex-field" }, h("label", { for: x0Field.id }, T.x0), x0Field),
      stepButton, runButton, resetButton),
    factor, svg, live, tableBox);

  function row(k) {
    return h("tr", {}, h("td", {}, String(k)), h("td", {}, h("code", {}, pyRepr(xs[k]))), h("td", {}, h("code", {}, pyRepr(loss(xs[k])))));
  }

  function draw() {
    const pts = [], dots = [];
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k], inView = x >= VIEW.xmin && x <= VIEW.xmax && loss(x) <= VIEW.ymax;
      const cx = px(Math.max(VIEW.xmin, Math.min(VIEW.xmax, x)));
      const cy = py(Math.min(loss(x), VIEW.ymax));
      pts.push(`${cx.toFixed(1)},${cy.toFixed(1)}`);
      if (inView) dots.push(s("circle", { class: k === xs.length - 1 ? "ex-dot ex-dot-now" : "ex-dot", cx, cy, r: k === xs.length - 1 ? 6 : 3.5 }));
    }
    replaceChildren(path, s("polyline", { class: "ex-path", points: pts.join(" ") }), dots);
    const last = xs[xs.length - 1];
    const out = !(last >= VIEW.xmin && last <= VIEW.xmax && loss(last) <= VIEW.ymax);
    replaceChildren(marks, out ? s("text", {
      class: "ex-warn-text", x: last < MINIMUM ? PAD.l + 6 : W - PAD.r - 6, y: PAD.t + 16,
      "text-anchor": last < MINIMUM ? "start" : "end", text: `${last < MINIMUM ? "← " : ""}${T.offscreen}${last < MINIMUM ? "" : " →"}`,
    }) : null);
  }

  function report() {
    const k = xs.length - 1, x = xs[k];
    const focused = root.ownerDocument.activeElement;
    const verdict = status(x0, x, diverged);
    root.dataset.status = k === 0 ? "start" : verdict;
    root.dataset.iterations = String(k);
    let text = k === 0 ? fill(T.start, { x: pyRepr(x), loss: pyRepr(loss(x)) })
      : fill(T.state, { k, x: pyRepr(x), loss: pyRepr(loss(x)), verdict: T[verdict] });
    if (k >= chapter.n || diverged) text += ` ${fill(T.done, { n: k })}`;
    live.textContent = text;
    live.classList.toggle("ex-warn", k > 0 && verdict === "diverged");
    stepButton.disabled = k >= chapter.n || diverged;
    // A button that becomes disabled drops the keyboard focus: hand it to "reset".
    if (stepButton.disabled && focused === stepButton) resetButton.focus();
  }

  function reset() {
    pause();
    xs = [x0]; diverged = false;
    factor.textContent = fill(T.factor, { factor: short(1 - 2 * eta, 6) });
    replaceChildren(body, row(0));
    draw(); report();
  }

  function step() {
    if (xs.length - 1 >= chapter.n || diverged) { pause(); return false; }
    const next = stepOnce(xs[xs.length - 1], eta);
    xs.push(next);
    if (Math.abs(next - MINIMUM) > OVERFLOW_GUARD) diverged = true;
    body.append(row(xs.length - 1));
    draw(); report();
    return true;
  }

  const { run, pause } = runToggle(root, runButton, step, T);

  etaField.addEventListener("input", () => {
    const v = etaField.valueAsNumber;
    const ok = Number.isFinite(v) && v > 0;
    etaField.setAttribute("aria-invalid", ok ? "false" : "true");
    if (!ok) { live.textContent = T.invalid; return; }
    eta = v; reset();
  });
  x0Field.addEventListener("input", () => {
    const v = x0Field.valueAsNumber;
    if (!Number.isFinite(v)) return;
    x0 = v; reset();
  });
  stepButton.addEventListener("click", step);
  runButton.addEventListener("click", run);
  resetButton.addEventListener("click", reset);
  reset();
}

mountAll("gradient-descent", start);

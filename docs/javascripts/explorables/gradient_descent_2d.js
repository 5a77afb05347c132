// Explorable of docs/gradient_descent.md: gradient descent on the chapter's bowl, in 2-D.
//
//   z = x² + y²,   ∇z = (2x, 2y),   (x, y) ← (x, y) − η ∇z
//
// The arrows are the chapter's quiver, −∇z on a grid (the static figure's 1-spaced grid).  A click
// on the picture (or the arrow keys and Enter on it) picks the start point; "Step" and "Run" add
// iterates, drawn as a path and listed in a table as Python prints them.  The loop is
// mlp_lessons.gradient_descent.descent_2d's (the same IEEE doubles in the same order), so with the
// page's start and η the table shows the page's numbers; tests/js/explorables.test.mjs checks it
// against vectors from the package.
// (Not imported from gradient_descent.js: the offline copy bundles each module with what it
// imports, and that module's bundle would then build the 1-D explorable a second time.)
import { dataNumber, fill, h, language, mountAll, pyRepr, replaceChildren, s, scale, short, runToggle } from "./common.js";

/** As descent_2d: a coordinate beyond this ends the run as diverged (before squares overflow). */
export const OVERFLOW_GUARD = 1e150;
/** As learning_rate_sweep: within this distance of the minimum counts as converged. */
export const TOLERANCE = 0.001;

export const bowl = (x, y) => x * x + y * y;
export const gradient = (x, y) => [2 * x, 2 * y];

/** One update of descent_2d: p − η ∇z(p). */
export function stepOnce([x, y], eta) {
  const [gx, gy] = gradient(x, y);
  return [x - eta * gx, y - eta * gy];
}

/** descent_2d's guard: a coordinate beyond OVERFLOW_GUARD (or not a number) ends the run. */
export function outOfBounds([x, y]) {
  return !(Math.max(Math.abs(x), Math.abs(y)) <= OVERFLOW_GUARD);
}

/** The iterates of descent_2d(start, eta, steps): points [[x, y], …], loss, diverged. */
export function descend(start, eta, steps) {
  const points = [[start[0], start[1]]];
  let diverged = false;
  for (let k = 0; k < steps; k++) {
    const next = stepOnce(points[points.length - 1], eta);
    points.push(next);
    if (outOfBounds(next)) { diverged = true; break; }
  }
  return { points, loss: points.map(([x, y]) => bowl(x, y)), diverged };
}

/** learning_rate_sweep's verdict, measured as the distance to the minimum (0, 0). */
export function status(start, point, diverged = false) {
  const from = Math.hypot(start[0], start[1]), now = Math.hypot(point[0], point[1]);
  if (diverged || !(now <= from)) return "diverged";
  if (now <= TOLERANCE) return "converged";
  if (now === from) return "oscillating";
  return "too slow";
}

/** The picture: [-LIMIT, LIMIT]² as the static figure, arrows on the integer grid. */
export const LIMIT = 5.8;
export const W = 340, H = 340, PAD = { l: 34, r: 10, t: 10, b: 30 };
const px = scale(-LIMIT, LIMIT, PAD.l, W - PAD.r);
const py = scale(-LIMIT, LIMIT, H - PAD.b, PAD.t);
const ARROW = 0.06;            // drawn length of −∇z per unit (the longest arrow, at a corner: 0.85)
/** Where the cursor may go, and its steps (the chapter's grid spacing; Shift: a tenth). */
const CURSOR_LIMIT = 5.5, CURSOR_STEP = 0.5, CURSOR_FINE = 0.1;

/** A point (x, y) in the SVG's own coordinates (the viewBox). */
export function project(x, y) {
  return [px(x), py(y)];
}

/** The point of the plane at SVG coordinates (u, v), or null outside the plotted square. */
export function unproject(u, v) {
  const x = -LIMIT + (u - PAD.l) * (2 * LIMIT) / (W - PAD.l - PAD.r);
  const y = -LIMIT + (H - PAD.b - v) * (2 * LIMIT) / (H - PAD.t - PAD.b);
  return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= LIMIT && Math.abs(y) <= LIMIT ? [x, y] : null;
}

/** v rounded to one decimal (a picked start: 3.3, not 3.2999…). */
export const tenth = (v) => Math.round(v * 10) / 10;

const MESSAGES = {
  ko: {
    title: "직접 해 보기: 밥그릇에서 출발점 고르기",
    intro: "그림을 눌러 출발점을 고르세요. 키보드로는 그림에 초점을 두고 화살표 키로 십자 표시를 옮긴 뒤 Enter를 누릅니다(Shift와 함께 누르면 0.1씩). 그다음 ‘한 걸음’이나 ‘끝까지 실행’을 누르면 화살표를 따라 내려가는 경로가 그려집니다.",
    eta: "학습률 η",
    step: "한 걸음", run: "끝까지 실행", pause: "멈춤", reset: "처음으로",
    k: "반복 k", x: "x_k", y: "y_k", z: "z = x_k² + y_k²",
    tableCaption: "반복값 (파이썬이 찍는 그대로)",
    plotLabel: "밥그릇 z = x² + y²의 화살표 그림(그래디언트의 음수)과 경사 하강 경로. 화살표 키로 십자 표시를 옮기고 Enter로 출발점을 정합니다.",
    factor: "배율 1 − 2η = {factor}: 두 좌표가 걸음마다 이만큼 곱해집니다.",
    cursor: "십자 표시 ({x}, {y}): Enter를 누르면 여기서 출발합니다.",
    start: "출발: (x, y) = ({x}, {y}), z = {z}.",
    state: "{k}번 반복: (x, y) = ({x}, {y}), z = {z}. {verdict}",
    "converged": "최솟값 (0, 0)에서 0.001 안에 들어왔습니다(수렴).",
    "too slow": "최솟값 (0, 0)을 향해 가는 중입니다.",
    "oscillating": "원점을 사이에 두고 같은 두 점을 오갑니다(진동).",
    "diverged": "발산: 걸음마다 원점에서 더 멀어집니다(|1 − 2η| > 1).",
    overflow: "수가 너무 커져서 멈췄습니다.",
    offscreen: "점이 그림 밖으로 나갔습니다",
    outside: "그림의 네모 안을 눌러야 출발점이 됩니다.",
    done: "{n}번 반복을 마쳤습니다.",
    invalid: "학습률은 0보다 큰 수여야 합니다.",
  },
  en: {
    title: "Try it: pick a start on the bowl",
    intro: "Click the picture to pick a start point. With the keyboard, focus the picture, move the cross with the arrow keys and press Enter (with Shift it moves by 0.1). Then press “Step” or “Run to the end”: the path down along the arrows is drawn.",
    eta: "Learning rate η",
    step: "Step", run: "Run to the end", pause: "Pause", reset: "Reset",
    k: "Iteration k", x: "x_k", y: "y_k", z: "z = x_k² + y_k²",
    tableCaption: "Iterates (exactly as Python prints them)",
    plotLabel: "The bowl z = x² + y²: arrows of the negative gradient and the gradient descent path. Move the cross with the arrow keys and press Enter to start there.",
    factor: "Factor 1 − 2η = {factor}: each step multiplies both coordinates by it.",
    cursor: "Cross at ({x}, {y}): press Enter to start here.",
    start: "Start: (x, y) = ({x}, {y}), z = {z}.",
    state: "Iteration {k}: (x, y) = ({x}, {y}), z = {z}. {verdict}",
    "converged": "Within 0.001 of the minimum (0, 0) (converged).",
    "too slow": "On its way to the minimum (0, 0).",
    "oscillating": "Bouncing between the same two points around the origin (oscillating).",
    "diverged": "Diverging: every step lands farther from the origin (|1 − 2η| > 1).",
    overflow: "The numbers grew too large, so the run stopped.",
    offscreen: "The point has left the picture",
    outside: "Click inside the square of the picture to pick a start.",
    done: "All {n} iterations done.",
    invalid: "The learning rate must be a number above 0.",
  },
};
export { MESSAGES };

function arrow(x, y) {
  const [u, v] = [-2 * x * ARROW, -2 * y * ARROW];          // −∇z, shortened
  const [x0, y0] = project(x, y), [x1, y1] = project(x + u, y + v);
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (len < 1e-9) return s("circle", { class: "ex-quiver-head", cx: x0, cy: y0, r: 1.5 });
  const [ux, uy] = [(x1 - x0) / len, (y1 - y0) / len], head = Math.min(5, len * 0.45);
  const [bx, by] = [x1 - ux * head, y1 - uy * head];
  return s("g", {},
    s("line", { class: "ex-quiver", x1: x0, y1: y0, x2: bx, y2: by }),
    s("polygon", { class: "ex-quiver-head",
      points: `${x1},${y1} ${bx - uy * head * 0.5},${by + ux * head * 0.5} ${bx + uy * head * 0.5},${by - ux * head * 0.5}` }));
}

function start(root, id) {
  const T = MESSAGES[language()];
  const page = {
    start: [dataNumber(root, "x0"), dataNumber(root, "y0")],
    eta: dataNumber(root, "eta"), n: dataNumber(root, "maxIterations"),
  };
  let eta = page.eta, from = [...page.start], cursor = [...page.start];
  let points = [from], diverged = false;

  // the fixed picture: frame, level circles, axes, ticks and the quiver, drawn once
  const fixedParts = [s("rect", { class: "ex-frame", x: PAD.l, y: PAD.t, width: W - PAD.l - PAD.r, height: H - PAD.t - PAD.b })];
  for (let r = 1; r <= 5; r++) {
    fixedParts.push(s("circle", { class: "ex-grid", cx: px(0), cy: py(0), r: px(r) - px(0), fill: "none" }));
  }
  fixedParts.push(s("line", { class: "ex-axis", x1: px(-LIMIT), x2: px(LIMIT), y1: py(0), y2: py(0) }),
    s("line", { class: "ex-axis", x1: px(0), x2: px(0), y1: py(-LIMIT), y2: py(LIMIT) }));
  for (let t = -4; t <= 4; t += 2) {
    fixedParts.push(s("text", { class: "ex-tick", x: px(t), y: H - 10, "text-anchor": "middle", text: String(t) }),
      s("text", { class: "ex-tick", x: PAD.l - 6, y: py(t) + 4, "text-anchor": "end", text: String(t) }));
  }
  for (let gx = -5; gx <= 5; gx++) for (let gy = -5; gy <= 5; gy++) fixedParts.push(arrow(gx, gy));
  const path = s("g"), marks = s("g"), cursorMark = s("g", { class: "ex-cursor" });
  const live = h("p", { class: "ex-status", role: "status", "aria-live": "polite", id: `${id}-status` });
  const svg = s("svg", {
    viewBox: `0 0 ${W} ${H}`, class: "ex-plot ex-bowl", role: "application", tabindex: "0",
    "aria-label": T.plotLabel, "aria-describedby": live.id, "data-action": "pick",
  },
  s("defs", {}, s("clipPath", { id: `${id}-clip` },
    s("rect", { x: PAD.l, y: PAD.t, width: W - PAD.l - PAD.r, height: H - PAD.t - PAD.b }))),
  ...fixedParts, s("g", { "clip-path": `url(#${id}-clip)` }, path, cursorMark), marks);

  const etaField = h("input", { id: `${id}-eta`, type: "number", step: "0.05", value: String(eta), inputmode: "decimal" });
  const stepButton = h("button", { type: "button", class: "ex-button", "data-action": "step" }, T.step);
  const runButton = h("button", { type: "button", class: "ex-button", "data-action": "run" }, T.run);
  const resetButton = h("button", { type: "button", class: "ex-button", "data-action": "reset" }, T.reset);
  const factor = h("p", { class: "ex-note" });
  const body = h("tbody");
  const table = h("table", { class: "ex-table" },
    h("caption", {}, T.tableCaption),
    h("thead", {}, h("tr", {}, ...[T.k, T.x, T.y, T.z].map((c) => h("th", { scope: "col" }, c)))),
    body);
  const tableBox = h("div", { class: "ex-table-box", tabindex: "0", role: "region", "aria-label": T.tableCaption }, table);

  root.append(
    h("p", { class: "ex-title" }, T.title),
    h("p", { class: "ex-intro" }, T.intro),
    h("div", { class: "ex-controls" },
      h("span", { class: "ex-field" }, h("label", { for: etaField.id }, T.eta), etaField),
      stepButton, runButton, resetButton),
    factor, svg, live, tableBox);

  const zOf = ([x, y]) => bowl(x, y);
  const row = (k) => h("tr", {}, h("td", {}, String(k)),
    ...[points[k][0], points[k][1], zOf(points[k])].map((v) => h("td", {}, h("code", {}, pyRepr(v)))));
  const inView = ([x, y]) => Math.abs(x) <= LIMIT && Math.abs(y) <= LIMIT;
  // a point far outside (or infinite) is drawn just outside the frame, in its direction
  const clamp = (v) => (Number.isNaN(v) ? 0 : Math.max(-LIMIT - 1, Math.min(LIMIT + 1, v)));

  function draw() {
    const pts = points.map(([x, y]) => project(clamp(x), clamp(y)).map((c) => c.toFixed(1)).join(","));
    const dots = points.map((p, k) => (inView(p) ? s("circle", {
      class: k === points.length - 1 ? "ex-dot ex-dot-now" : k === 0 ? "ex-dot ex-dot-start" : "ex-dot",
      cx: project(...p)[0], cy: project(...p)[1], r: k === points.length - 1 ? 6 : k === 0 ? 5 : 3.5,
    }) : null));
    replaceChildren(path, points.length > 1 ? s("polyline", { class: "ex-path", points: pts.join(" ") }) : null, dots);
    const last = points[points.length - 1];
    replaceChildren(marks, inView(last) ? null : s("text", {
      class: "ex-warn-text", x: W / 2 + PAD.l / 2, y: PAD.t + 18, "text-anchor": "middle", text: T.offscreen }));
    const [cx, cy] = project(...cursor);
    replaceChildren(cursorMark,
      s("line", { x1: cx - 9, x2: cx + 9, y1: cy, y2: cy }), s("line", { x1: cx, x2: cx, y1: cy - 9, y2: cy + 9 }),
      s("circle", { cx, cy, r: 5, fill: "none" }));
  }

  function report(extra = "") {
    const k = points.length - 1, p = points[k];
    const focused = root.ownerDocument.activeElement;
    const verdict = status(from, p, diverged);
    root.dataset.status = k === 0 ? "start" : verdict;
    root.dataset.iterations = String(k);
    root.dataset.start = `${from[0]},${from[1]}`;
    const values = { x: pyRepr(p[0]), y: pyRepr(p[1]), z: pyRepr(zOf(p)) };
    let text = k === 0 ? fill(T.start, values) : fill(T.state, { k, ...values, verdict: T[verdict] });
    if (diverged) text += ` ${T.overflow}`;
    if (k >= page.n || diverged) text += ` ${fill(T.done, { n: k })}`;
    live.textContent = extra ? `${extra} ${text}` : text;
    live.classList.toggle("ex-warn", k > 0 && verdict === "diverged");
    stepButton.disabled = k >= page.n || diverged;
    if (stepButton.disabled && focused === stepButton) resetButton.focus();
  }

  function reset(extra = "") {
    pause();
    points = [from]; diverged = false;
    factor.textContent = fill(T.factor, { factor: short(1 - 2 * eta, 6) });
    replaceChildren(body, row(0));
    draw(); report(extra);
  }

  function step() {
    if (points.length - 1 >= page.n || diverged) { pause(); return false; }
    const next = stepOnce(points[points.length - 1], eta);
    points.push(next);
    if (outOfBounds(next)) diverged = true;
    body.append(row(points.length - 1));
    draw(); report();
    return true;
  }

  const { run, pause } = runToggle(root, runButton, step, T);

  /** Start from `point` (a click, or Enter on the cursor): a new run with the same η. */
  function pick(point) {
    from = [tenth(point[0]), tenth(point[1])];
    cursor = [...from];
    reset();
  }

  function moveCursor(dx, dy) {
    const c = (v) => Math.max(-CURSOR_LIMIT, Math.min(CURSOR_LIMIT, tenth(v)));
    cursor = [c(cursor[0] + dx), c(cursor[1] + dy)];
    draw();
    live.textContent = fill(T.cursor, { x: short(cursor[0], 1), y: short(cursor[1], 1) });
    root.dataset.cursor = `${cursor[0]},${cursor[1]}`;
  }

  svg.addEventListener("click", (event) => {
    const ctm = svg.getScreenCTM();
    if (!ctm) return;
    const pt = new DOMPoint(event.clientX, event.clientY).matrixTransform(ctm.inverse());
    const point = unproject(pt.x, pt.y);
    if (!point) { live.textContent = T.outside; return; }
    pick(point);
  });
  svg.addEventListener("keydown", (event) => {
    const d = event.shiftKey ? CURSOR_FINE : CURSOR_STEP;
    const moves = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, d], ArrowDown: [0, -d] };
    if (moves[event.key]) { event.preventDefault(); moveCursor(...moves[event.key]); return; }
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pick(cursor); }
  });
  svg.addEventListener("focus", () => svg.classList.add("ex-focused"));
  svg.addEventListener("blur", () => svg.classList.remove("ex-focused"));

  etaField.addEventListener("input", () => {
    const v = etaField.valueAsNumber;
    const ok = Number.isFinite(v) && v > 0;
    etaField.setAttribute("aria-invalid", ok ? "false" : "true");
    if (!ok) { pause(); live.textContent = T.invalid; return; }
    eta = v; reset();
  });
  stepButton.addEventListener("click", step);
  runButton.addEventListener("click", run);
  resetButton.addEventListener("click", () => { cursor = [...from]; reset(); });
  reset();
}

mountAll("gradient-descent-2d", start);

// The playground page: controls, network diagram, heatmaps, loss chart, URL state.
// Loaded by docs/playground_lab.md with <script type="module">; builds everything inside
// <div id="playground">.  Text from the URL never reaches innerHTML: all text is set
// with textContent, and the fragment is read only through state.js's whitelists.

import {
  MAX_CSV_CHARS, MAX_POINTS, STARTER_POINTS, makePoint, parseCSV, pythonScript, quantize, toCSV,
} from "./custom.js";
import { CUSTOM, DATASETS, DOMAIN, makeData } from "./data.js";
import {
  drawEditing, drawHeatmap, drawLossChart, drawOutput, drawPoints, linkStyle, readPalette,
} from "./draw.js";
import { EXPERIMENTS } from "./experiments.js";
import { FEATURES, FEATURE_NAMES, featureMatrix } from "./features.js";
import { backward, forward } from "./mlp.js";
import { locale, t } from "./i18n.js";
import {
  LEARNING_RATES, MAX_LAYERS, MAX_NEURONS, REG_RATES, defaultState, parseFragment, serializeState,
} from "./state.js";
import { Trainer } from "./trainer.js";

/** The URL of the site's page ``slug`` as the navigation links it (``../backprop/`` on the site,
 *  ``backprop.html`` in the offline copy, where pages are files), else the site's form. */
function pageLink(slug) {
  const link = [...document.querySelectorAll("a.md-nav__link[href]")]
    .find(a => new RegExp(`(^|/)${slug}(/|\\.html)?$`).test(a.getAttribute("href").split("#")[0]));
  return link ? link.getAttribute("href") : `../${slug}/`;
}

const GRID = 40;                        // heatmap resolution (GRID × GRID points)
const SVG = "http://www.w3.org/2000/svg";

// Choices of the menus; their labels come from i18n.js in the page's language.
const ACTS = ["relu", "tanh", "sigmoid", "linear"];
const REGS = ["none", "L1", "L2"];
const PROBLEMS = ["classification", "regression"];
const choices = (prefix, values) => values.map((v) => [v, t(`${prefix}.${v}`)]);

/** document.createElement with attributes; "text" sets textContent, "on…" adds a listener. */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== false && v !== undefined) e.setAttribute(k, v === true ? "" : v);
  }
  e.append(...children);
  return e;
}

function svg(tag, attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** A feature's name with <sub>/<sup> elements (text only, never HTML strings). */
function featureLabel(name) {
  const span = el("span", { class: "pg-feature" });
  for (const [text, tag] of FEATURES[name].parts) span.append(tag ? el(tag, { text }) : document.createTextNode(text));
  return span;
}

function decodeURIComponentSafe(text) {
  try { return decodeURIComponent(text); } catch { return text; }
}

function formatLoss(v) {
  if (!Number.isFinite(v)) return "—";
  return Math.abs(v) < 1000 ? v.toFixed(3) : v.toExponential(2);
}

function formatNumber(v) {
  return String(v).includes("e") ? v.toFixed(10).replace(/0+$/, "") : String(v);
}

function select(id, label, options, onchange) {
  const s = el("select", { id, onchange });
  for (const [value, text] of options) s.append(el("option", { value, text }));
  return el("div", { class: "pg-field" }, el("label", { for: id, text: label }), s);
}

function range(id, label, { min, max, step }, onchange) {
  const out = el("output", { for: id, id: `${id}-value` });
  const input = el("input", { type: "range", id, min, max, step, oninput: () => { out.textContent = input.value; }, onchange });
  return el("div", { class: "pg-field pg-range" },
    el("label", { for: id }, document.createTextNode(label + " "), out), input);
}

export class PlaygroundUI {
  constructor(root) {
    this.root = root;
    this.playing = false;
    this.source = el("canvas", { width: GRID, height: GRID });      // offscreen: the output heatmap
    this.points = el("canvas");                                      // offscreen: the data points
    this.pointsDrawn = {};
    // Editing the reader's own data: the keyboard cursor, the selected point (index into
    // state.points, or null) and the point being dragged.
    this.cursor = { x1: 0, x2: 0 };
    this.selected = null;
    this.drag = null;
    this.newClass = 1;
    this.newValue = 0.5;
    // The math panel: the chosen neuron {l, j, name} (l ≥ 1) and the point it is shown for.
    this.mathUnit = null;
    this.probe = null;
    const { state, messages } = this.readHash();
    this.state = state;
    this.trainer = new Trainer(state);
    this.build();
    this.showMessages(messages);
    this.sync();
    this.rebuildNetwork();
    const original = location.hash;
    if (this.fragmentOf(original) !== null) {
      this.writeHash();
      // A link to a setup lands on the playground (a link to an experiment's anchor
      // already shows that experiment's description just above it).
      if (document.getElementById(decodeURIComponentSafe(original.slice(1))) === null) {
        root.scrollIntoView({ block: "start" });
      }
    }
    this.palette = readPalette(root);
    this.render();

    // data-hash: the address fragment last acted on (tests wait for it after a navigation)
    root.dataset.hash = location.hash;
    window.addEventListener("hashchange", () => {
      this.onHashChange();
      root.dataset.hash = location.hash;
    });
    new MutationObserver(() => { this.palette = readPalette(root); this.render(); })
      .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    let lastWidth = this.netBox.clientWidth;
    new ResizeObserver(() => {
      if (this.netBox.clientWidth === lastWidth) return;       // height changes come from rebuildNetwork
      lastWidth = this.netBox.clientWidth;
      this.rebuildNetwork();
      this.resizeCanvases();
      this.render();
    }).observe(this.netBox);
    for (const link of document.querySelectorAll("[data-experiment] a")) {
      link.addEventListener("click", (event) => {
        if (link.hash === location.hash) { event.preventDefault(); this.onHashChange(); }
      });
    }
  }

  // --- URL fragment -----------------------------------------------------------------

  /**
   * What a fragment means: a prepared experiment's id (an element with data-experiment, e.g.
   * #exp-xor-hidden) gives that experiment's setup; the id of another element (a heading link)
   * gives null (not a setup); anything else is parsed as a setup.
   */
  fragmentOf(hash) {
    if (!hash || hash === "#") return null;
    let id;
    try { id = decodeURIComponent(hash.slice(1)); } catch { return hash; }
    const target = document.getElementById(id);
    if (target === null) return hash;
    const experiment = EXPERIMENTS.find((e) => e.id === target.dataset.experiment);
    return experiment ? experiment.fragment : null;
  }

  readHash() {
    const fragment = this.fragmentOf(location.hash);
    return fragment === null ? { state: defaultState(), messages: [] } : parseFragment(fragment);
  }

  writeHash() {
    history.replaceState(null, "", `#${serializeState(this.state)}`);
  }

  onHashChange() {
    const fragment = this.fragmentOf(location.hash);
    if (fragment === null) return;
    const { state, messages } = parseFragment(fragment);
    this.pause();
    this.selected = null;
    this.drag = null;
    this.state = state;
    this.trainer.configure(state);
    this.showMessages(messages);
    this.sync();
    this.rebuildNetwork();
    this.writeHash();
    this.render();
    this.root.scrollIntoView({ block: "start" });
  }

  showMessages(messages) {
    this.message.textContent = messages.join(" ");
    this.message.hidden = messages.length === 0;
  }

  // --- state changes from the controls ----------------------------------------------

  /** Apply changes; rebuild data and network unless only hyperparameters changed. */
  change(changes, { writeHash = true } = {}) {
    this.state = { ...this.state, ...changes };
    const keys = Object.keys(changes);
    const hyper = keys.every((k) => ["lr", "reg", "regRate", "test"].includes(k));
    if (hyper) {
      this.trainer.setHyperparameters(this.state);
    } else {
      this.pause();
      this.trainer.configure(this.state);
      if (!keys.every((k) => k === "points")) this.rebuildNetwork();   // the diagram has no data
    }
    if (this.selected !== null && this.selected >= this.state.points.length) this.selected = null;
    this.showMessages([]);
    this.sync();
    if (writeHash) this.writeHash();
    this.render();
  }

  setLayers(layers) {
    this.change({ layers });
  }

  // --- building the page ------------------------------------------------------------

  build() {
    const r = this.root;
    r.textContent = "";
    r.classList.add("pg");
    this.message = el("p", { class: "pg-message", role: "status", hidden: true });

    // Top bar: training controls and hyperparameters.
    this.playButton = el("button", { type: "button", class: "pg-button pg-primary", id: "pg-play",
      onclick: () => (this.playing ? this.pause() : this.play()) });
    this.stepButton = el("button", { type: "button", class: "pg-button", id: "pg-step", text: t("ui.step"),
      title: t("ui.step.title"), onclick: () => { this.pause(); this.trainer.step(1); this.render(); } });
    this.resetButton = el("button", { type: "button", class: "pg-button", id: "pg-reset", text: t("ui.reset"),
      title: t("ui.reset.title"), onclick: () => { this.pause(); this.trainer.reset(); this.render(); } });
    this.epochText = el("output", { id: "pg-epoch", "aria-live": "off" });
    const bar = el("div", { class: "pg-bar" },
      el("div", { class: "pg-buttons" }, this.resetButton, this.playButton, this.stepButton),
      el("div", { class: "pg-epoch" }, el("span", { text: t("ui.epoch") }), this.epochText),
      select("pg-lr", t("ui.lr"), LEARNING_RATES.map((v) => [String(v), formatNumber(v)]),
        (e) => this.change({ lr: Number(e.target.value) })),
      select("pg-act", t("ui.act"), choices("act", ACTS), (e) => this.change({ act: e.target.value })),
      select("pg-reg", t("ui.reg"), choices("reg", REGS), (e) => this.change({ reg: e.target.value })),
      select("pg-regRate", t("ui.regRate"), REG_RATES.map((v) => [String(v), formatNumber(v)]),
        (e) => this.change({ regRate: Number(e.target.value) })),
      select("pg-problem", t("ui.problem"), choices("problem", PROBLEMS), (e) => {
        const problem = e.target.value;
        if (this.state.data === CUSTOM) {         // the same points, labels fitted to the problem type
          this.change({ problem, points: this.state.points.map((p) => makePoint(p.x1, p.x2, p.label, problem)) });
          return;
        }
        const data = Object.keys(DATASETS).find((k) => DATASETS[k].problem === problem);
        this.change({ problem, data });
      }),
    );

    // Data.
    this.dataChoices = el("div", { class: "pg-choices", role: "radiogroup", "aria-label": t("ui.datasets") });
    const dataSets = [...Object.entries(DATASETS), [CUSTOM, { problem: "any", label: t("data.custom") }]];
    for (const [name, d] of dataSets) {
      const id = `pg-data-${name}`;
      const input = el("input", { type: "radio", name: "pg-data", id, value: name,
        onchange: () => (name === CUSTOM ? this.startCustom() : this.change({ data: name })) });
      this.dataChoices.append(el("div", { class: "pg-choice", "data-problem": d.problem },
        input, el("label", { for: id, text: d.label })));
    }
    const seedInput = el("input", { type: "number", id: "pg-seed", min: 0, max: 999999, step: 1, inputmode: "numeric",
      onchange: (e) => {
        const v = Number(e.target.value);
        if (Number.isInteger(v) && v >= 0 && v <= 999999) this.change({ seed: v });
        else { this.sync(); this.showMessages([t("msg.seed")]); }
      } });
    const data = el("fieldset", { class: "pg-panel pg-data" }, el("legend", { text: t("ui.data") }),
      this.dataChoices,
      range("pg-ratio", t("ui.ratio"), { min: 10, max: 90, step: 10 },
        (e) => this.change({ ratio: Number(e.target.value) })),
      range("pg-noise", t("ui.noise"), { min: 0, max: 50, step: 5 }, (e) => this.change({ noise: Number(e.target.value) })),
      range("pg-batch", t("ui.batch"), { min: 1, max: 30, step: 1 }, (e) => this.change({ batch: Number(e.target.value) })),
      el("div", { class: "pg-field pg-seed" }, el("label", { for: "pg-seed", text: t("ui.seed") }), seedInput,
        el("button", { type: "button", class: "pg-button", id: "pg-regenerate", text: t("ui.regenerate"),
          title: t("ui.regenerate.title"),
          onclick: () => this.change({ seed: Math.floor(Math.random() * 1000000) }) })),
    );

    // Features.
    this.featureBoxes = {};
    const features = el("fieldset", { class: "pg-panel pg-features" }, el("legend", { text: t("ui.features") }));
    for (const name of FEATURE_NAMES) {
      const id = `pg-feature-${name}`;
      const box = el("input", { type: "checkbox", id, onchange: (e) => {
        const chosen = FEATURE_NAMES.filter((n) => (n === name ? e.target.checked : this.state.features.includes(n)));
        if (chosen.length === 0) {
          e.target.checked = true;
          this.showMessages([t("msg.features")]);
          return;
        }
        this.change({ features: chosen });
      } });
      this.featureBoxes[name] = box;
      features.append(el("div", { class: "pg-choice" }, box, el("label", { for: id }, featureLabel(name))));
    }

    // Network.
    this.layerCount = el("span", { class: "pg-layer-count", "aria-live": "polite" });
    this.addLayer = el("button", { type: "button", class: "pg-button", id: "pg-add-layer", text: t("ui.addLayer"),
      onclick: () => this.setLayers([...this.state.layers, 2]) });
    this.removeLayer = el("button", { type: "button", class: "pg-button", id: "pg-remove-layer", text: t("ui.removeLayer"),
      onclick: () => this.setLayers(this.state.layers.slice(0, -1)) });
    this.netBox = el("div", { class: "pg-net" });
    this.tooltip = el("div", { class: "pg-tooltip", role: "status", hidden: true });
    const network = el("section", { class: "pg-panel pg-network", "aria-label": t("ui.network") },
      el("div", { class: "pg-net-head" }, el("h3", { class: "pg-title", text: t("ui.network") }),
        this.removeLayer, this.layerCount, this.addLayer),
      el("p", { class: "pg-hint", text: t("ui.hint") }),
      this.netBox);

    // Output.
    this.outputCanvas = el("canvas", { class: "pg-output-canvas", id: "pg-output", width: 300, height: 300,
      role: "img", "aria-label": t("ui.output.aria") });
    this.outputCanvas.addEventListener("pointerdown", (e) => this.onPointerDown(e));
    this.outputCanvas.addEventListener("pointermove", (e) => this.onPointerMove(e));
    for (const type of ["pointerup", "pointercancel"]) this.outputCanvas.addEventListener(type, () => this.onPointerUp());
    this.outputCanvas.addEventListener("keydown", (e) => this.onCanvasKey(e));
    this.outputCanvas.addEventListener("focus", () => this.renderEditing());
    this.outputCanvas.addEventListener("blur", () => this.renderEditing());
    this.customBox = this.buildCustom();
    this.outputCanvas.addEventListener("pointermove", (e) => {
      if (this.drag) return;
      const q = this.planeOf(e);
      this.probe = { x1: q.x1, x2: q.x2 };
      this.renderMath();
    });
    this.divergedBox = el("div", { class: "pg-diverged", role: "alert", hidden: true });
    this.showTest = el("input", { type: "checkbox", id: "pg-show-test",
      onchange: (e) => this.change({ test: e.target.checked }) });
    this.trainLossText = el("output", { id: "pg-train-loss" });
    this.testLossText = el("output", { id: "pg-test-loss" });
    this.accuracyText = el("output", { id: "pg-accuracy" });
    this.chart = el("canvas", { class: "pg-chart", id: "pg-chart", width: 300, height: 80, role: "img",
      "aria-label": t("ui.chart.aria") });
    const output = el("section", { class: "pg-panel pg-output", "aria-label": t("ui.output") },
      el("h3", { class: "pg-title", text: t("ui.output") }),
      el("dl", { class: "pg-losses" },
        el("dt", { text: t("ui.trainLoss") }), el("dd", {}, this.trainLossText),
        el("dt", { text: t("ui.testLoss") }), el("dd", {}, this.testLossText),
        el("dt", { class: "pg-acc", text: t("ui.testAccuracy") }), el("dd", { class: "pg-acc" }, this.accuracyText)),
      this.chart,
      el("p", { class: "pg-legend" }, el("span", { class: "pg-key-train", text: t("ui.key.train") }), " ",
        el("span", { class: "pg-key-test", text: t("ui.key.test") })),
      el("div", { class: "pg-canvas-box" }, this.outputCanvas, this.divergedBox),
      this.customBox,
      el("div", { class: "pg-choice" }, this.showTest, el("label", { for: "pg-show-test", text: t("ui.showTest") })),
      el("p", { class: "pg-scale" },
        el("span", { class: "pg-neg", text: "−1" }), el("span", { class: "pg-scale-bar", "aria-hidden": "true" }),
        el("span", { class: "pg-pos", text: "+1" })),
    );

    r.append(this.message, bar, el("div", { class: "pg-grid" },
      el("div", { class: "pg-left" }, data, features), network, output, this.buildMath(), this.buildIO()));
    this.resizeCanvases();
  }

  /** Put every control in line with this.state. */
  sync() {
    const s = this.state;
    const set = (id, v) => { document.getElementById(id).value = String(v); };
    set("pg-lr", s.lr); set("pg-act", s.act); set("pg-reg", s.reg); set("pg-regRate", s.regRate);
    set("pg-problem", s.problem); set("pg-seed", s.seed);
    for (const k of ["ratio", "noise", "batch"]) {
      set(`pg-${k}`, s[k]);
      document.getElementById(`pg-${k}-value`).textContent = String(s[k]);
    }
    for (const choice of this.dataChoices.children) {
      choice.hidden = choice.dataset.problem !== "any" && choice.dataset.problem !== s.problem;
      const input = choice.querySelector("input");
      input.checked = input.value === s.data;
    }
    for (const [name, box] of Object.entries(this.featureBoxes)) box.checked = s.features.includes(name);
    this.showTest.checked = s.test;
    const n = s.layers.length;
    this.layerCount.textContent = t("ui.layerCount", { n });
    this.addLayer.disabled = n >= MAX_LAYERS;
    this.removeLayer.disabled = n === 0;
    for (const e of this.root.querySelectorAll(".pg-acc")) e.hidden = s.problem !== "classification";
    const custom = s.data === CUSTOM;
    this.customBox.hidden = !custom;
    this.outputCanvas.classList.toggle("pg-editing", custom);
    if (custom) this.outputCanvas.setAttribute("tabindex", "0");
    else this.outputCanvas.removeAttribute("tabindex");
    this.outputCanvas.setAttribute("role", custom ? "application" : "img");
    this.outputCanvas.setAttribute("aria-label", t(custom ? "ui.custom.aria" : "ui.output.aria"));
    this.classChoice.hidden = s.problem !== "classification";
    this.valueField.hidden = s.problem === "classification";
    this.clearButton.disabled = s.points.length === 0;
    this.syncStatus();
  }

  resizeCanvases() {
    const dpr = window.devicePixelRatio || 1;
    for (const canvas of [this.outputCanvas, this.chart]) {
      const w = Math.round(canvas.clientWidth * dpr) || canvas.width;
      const h = Math.round(canvas.clientHeight * dpr) || canvas.height;
      if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    }
  }

  /** The diagram: one column per layer (inputs, hidden layers, output), links as SVG paths. */
  rebuildNetwork() {
    const box = this.netBox;
    // Keep the keyboard focus on a neuron button across the rebuild.
    const focused = box.contains(document.activeElement) ? document.activeElement.getAttribute("aria-label") : null;
    const sizes = [this.state.features.length, ...this.state.layers, 1];
    const width = box.clientWidth || 400;
    const labelW = 44;
    const cols = sizes.length;
    const node = Math.max(20, Math.min(40, (width - labelW) / (cols * 1.7)));
    // The −/+ buttons of a hidden layer sit side by side, or stacked when columns are narrow.
    const stacked = (width - labelW - node) / Math.max(1, cols - 1) < 56;
    const head = stacked ? 56 : 30;
    const gapY = node * 1.3;
    const height = head + Math.max(...sizes) * gapY + 8;
    const xOf = (c) => labelW + (c * (width - labelW - node)) / Math.max(1, cols - 1);
    const yOf = (c, i) => head + (Math.max(...sizes) - sizes[c]) * gapY / 2 + i * gapY;
    box.textContent = "";
    box.style.height = `${height}px`;
    const links = svg("svg", { class: "pg-links", width, height, role: "group",
      "aria-label": t("ui.links.aria") });
    box.append(links);
    this.links = [];
    this.nodes = [];
    const names = this.state.features.map((n) => FEATURES[n].label);
    const unitName = (c, i) => (c === 0 ? names[i] : c === cols - 1 ? t("ui.unit.output") : t("ui.unit.hidden", { layer: c, neuron: i + 1 }));
    for (let c = 0; c + 1 < cols; c++) {
      for (let i = 0; i < sizes[c]; i++) {
        for (let j = 0; j < sizes[c + 1]; j++) {
          const x0 = xOf(c) + node, y0 = yOf(c, i) + node / 2, x1 = xOf(c + 1), y1 = yOf(c + 1, j) + node / 2;
          const mx = (x0 + x1) / 2;
          const d = `M${x0},${y0} C${mx},${y0} ${mx},${y1} ${x1},${y1}`;
          const g = svg("g", { class: "pg-link", tabindex: this.links.length === 0 ? "0" : "-1", role: "img",
            "aria-label": t("ui.link.aria", { from: unitName(c, i), to: unitName(c + 1, j) }) });
          const line = svg("path", { d, class: "pg-link-line" });
          g.append(line, svg("path", { d, class: "pg-link-hit" }));
          const link = { g, line, l: c + 1, i, j, from: unitName(c, i), to: unitName(c + 1, j), x: mx, y: (y0 + y1) / 2 };
          const index = this.links.length;
          g.addEventListener("mouseenter", () => this.showTooltip(link));
          g.addEventListener("mouseleave", () => { if (document.activeElement !== g) this.hideTooltip(); });
          g.addEventListener("focus", () => this.showTooltip(link));
          g.addEventListener("blur", () => this.hideTooltip());
          g.addEventListener("keydown", (e) => this.moveFocus(e, index));
          links.append(g);
          this.links.push(link);
        }
      }
    }
    for (let c = 0; c < cols; c++) {
      const column = [];
      for (let i = 0; i < sizes[c]; i++) {
        const canvas = el("canvas", { width: GRID, height: GRID, "aria-hidden": "true" });
        // Hidden and output neurons are buttons: choosing one shows its formula (the math panel).
        const div = c === 0 ? el("div", { class: "pg-node", title: unitName(c, i) }, canvas)
          : el("button", { type: "button", class: "pg-node", title: unitName(c, i), "aria-label": unitName(c, i),
            "aria-pressed": String(this.mathUnit?.l === c && this.mathUnit?.j === i),
            onclick: () => this.chooseUnit(c, i, unitName(c, i)) }, canvas);
        Object.assign(div.style, { left: `${xOf(c)}px`, top: `${yOf(c, i)}px`, width: `${node}px`, height: `${node}px` });
        box.append(div);
        if (c === 0) {
          const label = el("span", { class: "pg-node-label" }, featureLabel(this.state.features[i]));
          Object.assign(label.style, { top: `${yOf(c, i) + node / 2}px`, width: `${labelW - 4}px` });
          box.append(label);
        }
        column.push(canvas);
      }
      this.nodes.push(column);
    }
    // Neuron buttons above each hidden layer.
    this.state.layers.forEach((n, h) => {
      const c = h + 1;
      const setCount = (count) => {
        const layers = [...this.state.layers];
        layers[h] = count;
        this.setLayers(layers);
      };
      const controls = el("div", { class: stacked ? "pg-layer-buttons pg-stacked" : "pg-layer-buttons" },
        el("button", { type: "button", class: "pg-mini", text: "−", "aria-label": t("ui.neuron.remove", { layer: c }),
          disabled: n <= 1, onclick: () => setCount(n - 1) }),
        el("button", { type: "button", class: "pg-mini", text: "+", "aria-label": t("ui.neuron.add", { layer: c }),
          disabled: n >= MAX_NEURONS, onclick: () => setCount(n + 1) }));
      Object.assign(controls.style, { left: `${xOf(c) + node / 2}px` });
      box.append(controls);
    });
    box.append(this.tooltip);
    if (this.mathUnit && (this.mathUnit.l >= cols || this.mathUnit.j >= sizes[this.mathUnit.l])) this.mathUnit = null;
    if (this.mathUnit) this.mathUnit.name = unitName(this.mathUnit.l, this.mathUnit.j);
    this.tooltipLink = null;
    this.hideTooltip();
    if (focused) {
      const again = [...box.querySelectorAll("button")].find((b) => b.getAttribute("aria-label") === focused);
      (again && !again.disabled ? again : again?.parentElement.querySelector("button:not([disabled])"))?.focus();
    }
  }

  moveFocus(event, index) {
    const keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    let next;
    if (event.key in keys) next = Math.min(this.links.length - 1, Math.max(0, index + keys[event.key]));
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = this.links.length - 1;
    else return;
    event.preventDefault();
    this.links[index].g.setAttribute("tabindex", "-1");
    this.links[next].g.setAttribute("tabindex", "0");
    this.links[next].g.focus();
  }

  weightText(link) {
    const w = this.trainer.params[`W${link.l}`][link.i][link.j];
    return t("ui.weight", { w: Number.isFinite(w) ? w.toFixed(3) : t("ui.weight.diverged"), from: link.from, to: link.to });
  }

  showTooltip(link) {
    this.tooltipLink = link;
    this.tooltip.textContent = this.weightText(link);
    link.g.setAttribute("aria-label", this.tooltip.textContent);
    this.tooltip.hidden = false;
    const maxLeft = Math.max(0, this.netBox.clientWidth - 200);
    Object.assign(this.tooltip.style, { left: `${Math.min(maxLeft, Math.max(0, link.x - 60))}px`, top: `${link.y + 10}px` });
  }

  hideTooltip() {
    this.tooltipLink = null;
    this.tooltip.hidden = true;
  }

  // --- the reader's own data -------------------------------------------------------

  /** The editing tools under the output picture (shown with data=custom). */
  buildCustom() {
    const radio = (value, text) => {
      const id = `pg-class-${value > 0 ? "pos" : "neg"}`;
      return el("div", { class: "pg-choice" },
        el("input", { type: "radio", name: "pg-class", id, value: String(value), checked: value === this.newClass,
          onchange: () => { this.newClass = value; } }),
        el("label", { for: id, class: value > 0 ? "pg-pos" : "pg-neg", text }));
    };
    this.classChoice = el("fieldset", { class: "pg-class" }, el("legend", { text: t("ui.custom.class") }),
      radio(1, t("ui.custom.pos")), radio(-1, t("ui.custom.neg")));
    const value = el("input", { type: "number", id: "pg-new-value", min: -1, max: 1, step: 0.1, value: this.newValue,
      onchange: (e) => {
        const v = Number(e.target.value);
        if (e.target.value !== "" && Number.isFinite(v)) this.newValue = quantize(Math.max(-1, Math.min(1, v)));
        e.target.value = String(this.newValue);
      } });
    this.valueField = el("div", { class: "pg-field" }, el("label", { for: "pg-new-value", text: t("ui.custom.value") }), value);
    this.deleteButton = el("button", { type: "button", class: "pg-button", id: "pg-delete-point",
      text: t("ui.custom.delete"), onclick: () => this.deletePoint() });
    this.clearButton = el("button", { type: "button", class: "pg-button", id: "pg-clear-points",
      text: t("ui.custom.clear"), onclick: () => { this.selected = null; this.change({ points: [] }); } });
    this.customStatus = el("p", { class: "pg-custom-status", id: "pg-custom-status", role: "status" });
    return el("div", { class: "pg-custom", hidden: true },
      el("h4", { class: "pg-title", text: t("ui.custom") }),
      this.classChoice, this.valueField,
      el("div", { class: "pg-buttons" }, this.deleteButton, this.clearButton),
      this.customStatus,
      el("p", { class: "pg-hint", text: t("ui.custom.hint") }));
  }

  /** CSV in (paste or file) and out, and the Python script. */
  buildIO() {
    this.csvText = el("textarea", { id: "pg-csv-text", rows: 4, spellcheck: "false", placeholder: "x1,x2,label" });
    const file = el("input", { type: "file", id: "pg-csv-file", accept: ".csv,text/csv,text/plain",
      onchange: (e) => {
        const f = e.target.files && e.target.files[0];
        e.target.value = "";                         // the same file can be read again
        if (!f) return;
        if (f.size > MAX_CSV_CHARS) {
          this.showIOMessages([t("csv.tooBig", { size: f.size, max: MAX_CSV_CHARS })]);
          return;
        }
        f.text().then((text) => this.importCSV(text), () => this.showIOMessages([t("csv.empty")]));
      } });
    this.ioMessages = el("ul", { class: "pg-io-messages", id: "pg-io-messages" });
    return el("section", { class: "pg-panel pg-io", "aria-labelledby": "pg-io-title" },
      el("h3", { class: "pg-title", id: "pg-io-title", text: t("ui.io") }),
      el("p", { class: "pg-hint", text: t("ui.io.hint") }),
      el("div", { class: "pg-io-grid" },
        el("div", { class: "pg-field" }, el("label", { for: "pg-csv-text", text: t("ui.csv.text") }), this.csvText,
          el("div", { class: "pg-buttons" },
            el("button", { type: "button", class: "pg-button", id: "pg-csv-apply", text: t("ui.csv.apply"),
              onclick: () => this.importCSV(this.csvText.value) }))),
        el("div", { class: "pg-io-side" },
          el("div", { class: "pg-field" }, el("label", { for: "pg-csv-file", text: t("ui.csv.file") }), file),
          el("div", { class: "pg-buttons pg-exports" },
            el("button", { type: "button", class: "pg-button", id: "pg-export-csv", text: t("ui.export.csv"),
              onclick: () => this.download("playground-data.csv", this.exportCSV()) }),
            el("button", { type: "button", class: "pg-button", id: "pg-export-py", text: t("ui.export.py"),
              onclick: () => this.download("playground_network.py", this.exportPython()) })))),
      el("div", { role: "status" }, this.ioMessages));
  }

  showIOMessages(messages) {
    this.ioMessages.textContent = "";
    for (const m of messages) this.ioMessages.append(el("li", { text: m }));
  }

  /** Switch to the reader's own data; the first time, start from points of the current set. */
  startCustom() {
    let points = this.state.points;
    if (points.length === 0 && this.state.data !== CUSTOM) {
      const { train } = makeData(this.state.data, { seed: this.state.seed, noise: 0, ratio: 100 });
      points = train.slice(0, STARTER_POINTS).map((p) => makePoint(p.x1, p.x2, p.label, this.state.problem));
    }
    this.selected = null;
    this.change({ data: CUSTOM, points });
  }

  /** Read CSV text into the reader's own data; every bad row is named, the good ones kept. */
  importCSV(text) {
    const { points, messages } = parseCSV(text, this.state.problem);
    if (points.length === 0) {
      this.showIOMessages([...messages, t("csv.empty")]);
      return;
    }
    this.selected = null;
    this.change({ data: CUSTOM, points });
    this.showIOMessages([t("csv.read", { count: points.length }), ...messages]);
  }

  exportCSV() {
    return toCSV(this.trainer.points);
  }

  exportPython() {
    const tr = this.trainer;
    return pythonScript({ params: tr.params, activations: tr.activations, features: this.state.features,
      points: tr.points, nTrain: tr.train.length, epoch: tr.epoch,
      address: serializeState(this.state).replace(/&points=[^&]*/, "") });
  }

  download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const a = el("a", { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /** Plane coordinates of a pointer event over the output picture, inside [−DOMAIN, DOMAIN]². */
  planeOf(event) {
    const r = this.outputCanvas.getBoundingClientRect();
    const clamp = (v) => Math.max(-DOMAIN, Math.min(DOMAIN, v));
    const width = r.width || 1;
    return {
      x1: clamp(-DOMAIN + ((event.clientX - r.left) / width) * 2 * DOMAIN),
      x2: clamp(DOMAIN - ((event.clientY - r.top) / (r.height || 1)) * 2 * DOMAIN),
      perPixel: (2 * DOMAIN) / width,
    };
  }

  /** Index in state.points of the drawn point nearest (x1, x2) within `radius`, or null. */
  pointNear(x1, x2, radius) {
    let best = null, bestDistance = radius;
    for (const p of this.trainer.points) {
      const d = Math.hypot(p.x1 - x1, p.x2 - x2);
      if (p.src !== undefined && d <= bestDistance) { best = p.src; bestDistance = d; }
    }
    return best;
  }

  addPoint(x1, x2) {
    if (this.state.points.length >= MAX_POINTS) {
      this.showMessages([t("msg.points.full", { max: MAX_POINTS })]);
      return false;
    }
    const label = this.state.problem === "classification" ? this.newClass : this.newValue;
    const p = makePoint(x1, x2, label, this.state.problem);
    this.selected = this.state.points.length;
    this.cursor = { x1: p.x1, x2: p.x2 };
    this.change({ points: [...this.state.points, p] });
    return true;
  }

  /** Delete the selected point (the one clicked, or under the keyboard cursor). */
  deletePoint() {
    const i = this.selected;
    if (i === null || i >= this.state.points.length) return;
    this.selected = null;
    this.change({ points: this.state.points.filter((_, k) => k !== i) });
  }

  onPointerDown(event) {
    if (this.state.data !== CUSTOM || event.button > 0) return;
    event.preventDefault();
    this.outputCanvas.focus({ preventScroll: true });
    const q = this.planeOf(event);
    const radius = (event.pointerType === "touch" ? 16 : 8) * q.perPixel;
    let hit = this.pointNear(q.x1, q.x2, radius);
    if (hit === null) {
      if (!this.addPoint(q.x1, q.x2)) return;
      hit = this.selected;
    } else {
      this.selected = hit;
      const p = this.state.points[hit];
      this.cursor = { x1: p.x1, x2: p.x2 };
      this.syncStatus();
      this.renderEditing();
    }
    this.drag = { index: hit, moved: false };
    try { this.outputCanvas.setPointerCapture(event.pointerId); } catch { /* pointer already gone */ }
  }

  onPointerMove(event) {
    if (!this.drag || this.state.data !== CUSTOM) return;
    const q = this.planeOf(event);
    const i = this.drag.index, old = this.state.points[i];
    if (!old) { this.drag = null; return; }
    const p = makePoint(q.x1, q.x2, old.label, this.state.problem);
    if (p.x1 === old.x1 && p.x2 === old.x2) return;
    const points = [...this.state.points];
    points[i] = p;
    this.drag.moved = true;
    this.cursor = { x1: p.x1, x2: p.x2 };
    this.change({ points }, { writeHash: false });   // the address is written once, on release
  }

  onPointerUp() {
    if (this.drag && this.drag.moved) this.writeHash();
    this.drag = null;
  }

  onCanvasKey(event) {
    if (this.state.data !== CUSTOM) return;
    const step = event.shiftKey ? 1 : 0.25;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const clamp = (v) => quantize(Math.max(-DOMAIN, Math.min(DOMAIN, v)));
    if (Object.hasOwn(moves, event.key)) {
      const [d1, d2] = moves[event.key];
      this.cursor = { x1: clamp(this.cursor.x1 + d1), x2: clamp(this.cursor.x2 + d2) };
      this.selected = this.pointNear(this.cursor.x1, this.cursor.x2, 0.3);
      this.probe = { ...this.cursor };
      this.syncStatus();
      this.renderEditing();
      this.renderMath();
    } else if (event.key === "Enter" || event.key === " ") {
      this.addPoint(this.cursor.x1, this.cursor.x2);
    } else if (event.key === "Delete" || event.key === "Backspace") {
      this.deletePoint();
    } else {
      return;
    }
    event.preventDefault();
  }

  syncStatus() {
    if (!this.customStatus) return;
    const f = (v) => v.toFixed(2);
    let text = t("ui.custom.status", { count: this.state.points.length, max: MAX_POINTS,
      x1: f(this.cursor.x1), x2: f(this.cursor.x2) });
    const p = this.selected === null ? undefined : this.state.points[this.selected];
    if (p) text += t("ui.custom.selected", { x1: f(p.x1), x2: f(p.x2), label: String(p.label) });
    this.customStatus.textContent = text;
    this.deleteButton.disabled = !p;
  }

  /** The keyboard cursor and the selected point over the output picture (own data only). */
  renderEditing(redraw = true) {
    if (this.state.data !== CUSTOM || this.trainer.diverged) return;
    if (redraw) drawOutput(this.outputCanvas, this.source, this.points);
    const shown = this.selected === null ? [] : this.trainer.points.filter((p) => p.src === this.selected);
    drawEditing(this.outputCanvas, {
      cursor: document.activeElement === this.outputCanvas ? this.cursor : null,
      selected: shown, palette: this.palette,
    });
  }

  // --- the math on screen ------------------------------------------------------------

  buildMath() {
    this.mathText = el("pre", { class: "pg-math-text", id: "pg-math-neuron", tabindex: "0",
      "aria-label": t("ui.math.neuron") });
    this.stepSample = el("input", { type: "number", id: "pg-step-sample", min: 1, step: 1, value: 1, inputmode: "numeric",
      onchange: () => { this.applyStatus.textContent = ""; this.renderMath(); } });
    this.stepText = el("pre", { class: "pg-math-text", id: "pg-one-step", tabindex: "0", "aria-label": t("ui.math.step") });
    this.applyStepButton = el("button", { type: "button", class: "pg-button", id: "pg-step-apply",
      text: t("ui.math.apply"), onclick: () => this.applyOneStep() });
    this.applyStatus = el("p", { class: "pg-hint", id: "pg-step-applied", role: "status" });
    this.stepDetails = el("details", { class: "pg-one-step", ontoggle: () => this.renderMath() },
      el("summary", { text: t("ui.math.step") }),
      el("p", { class: "pg-hint" }, document.createTextNode(t("ui.math.step.hint") + " "),
        el("a", { href: pageLink("backprop"), text: t("ui.math.backprop") })),
      el("div", { class: "pg-field pg-step-field" },
        el("label", { for: "pg-step-sample", text: t("ui.math.sample") }), this.stepSample),
      this.stepText,
      el("div", { class: "pg-buttons" }, this.applyStepButton),
      this.applyStatus);
    return el("section", { class: "pg-panel pg-math", "aria-labelledby": "pg-math-title" },
      el("h3", { class: "pg-title", id: "pg-math-title", text: t("ui.math") }),
      el("p", { class: "pg-hint", text: t("ui.math.hint") }),
      this.mathText, this.stepDetails);
  }

  chooseUnit(l, j, name) {
    this.mathUnit = { l, j, name };
    for (const b of this.netBox.querySelectorAll("button.pg-node")) {
      b.setAttribute("aria-pressed", String(b.getAttribute("aria-label") === name));
    }
    this.renderMath();
  }

  /** The point the formula is shown for: the pointer's or the keyboard cursor's, else the first training point. */
  probePoint() {
    if (this.probe) return this.probe;
    const p = this.trainer.train[0] || this.trainer.test[0];
    return p ? { x1: p.x1, x2: p.x2 } : { x1: 0, x2: 0 };
  }

  renderMath() {
    if (!this.mathText) return;
    const tr = this.trainer;
    // Set only what changed: render() calls this every frame while training plays.
    const text = this.mathUnit ? neuronFormula(tr, this.mathUnit, this.probePoint()) : t("ui.math.choose");
    if (this.mathText.textContent !== text) this.mathText.textContent = text;
    if (!this.stepDetails.open) return;
    const n = tr.train.length;
    this.stepSample.max = String(Math.max(1, n));
    let k = Math.round(Number(this.stepSample.value));
    if (!Number.isFinite(k) || k < 1) k = 1;
    if (k > n) k = Math.max(1, n);
    this.stepSample.value = String(k);
    const step = n === 0 ? t("ui.math.noTrain") : oneStepText(tr, k - 1);
    if (this.stepText.textContent !== step) this.stepText.textContent = step;
    this.applyStepButton.disabled = n === 0 || tr.diverged;
  }

  /** Apply the update the "one step" panel shows (training point k, batch size 1), then show the next one. */
  applyOneStep() {
    const tr = this.trainer, k = Math.round(Number(this.stepSample.value)) - 1;
    if (tr.diverged || k < 0 || k >= tr.train.length) return;
    this.pause();
    const point = [tr.train[k]];
    const before = tr.predict(point)[0];
    tr.stepSample(k);
    const after = tr.predict(point)[0];
    this.render();
    this.applyStatus.textContent = t("ui.math.applied", { k: k + 1, before: f4(before), after: f4(after) });
  }

  // --- training loop ---------------------------------------------------------------

  play() {
    if (this.playing || this.trainer.diverged) return;
    this.playing = true;
    const frame = () => {
      if (!this.playing) return;
      this.trainer.step(1);
      this.render();
      if (this.trainer.diverged) this.pause();
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    this.syncPlayButton();
  }

  pause() {
    this.playing = false;
    this.syncPlayButton();
  }

  syncPlayButton() {
    this.playButton.textContent = t(this.playing ? "ui.pause" : "ui.play");
    this.playButton.dataset.playing = String(this.playing);
  }

  // --- drawing ------------------------------------------------------------------------

  render() {
    const trainer = this.trainer, m = trainer.metrics(), palette = this.palette;
    this.syncPlayButton();
    this.epochText.textContent = m.epoch.toLocaleString(locale());
    this.trainLossText.textContent = formatLoss(m.trainLoss);
    this.testLossText.textContent = formatLoss(m.testLoss);
    this.accuracyText.textContent = m.testAccuracy === null || !Number.isFinite(m.testAccuracy) ? "—"
      : `${(100 * m.testAccuracy).toFixed(1)}%`;
    this.playButton.disabled = m.diverged;
    this.stepButton.disabled = m.diverged;

    this.divergedBox.hidden = !m.diverged;
    this.divergedBox.textContent = m.diverged
      ? t("msg.diverged", { epoch: m.epoch })
      : "";
    this.root.classList.toggle("pg-is-diverged", m.diverged);

    if (!m.diverged) {
      const grid = trainer.grid(GRID);
      const column = new Float64Array(GRID * GRID);
      grid.layers.forEach((layer, c) => {
        this.nodes[c]?.forEach((canvas, i) => {
          for (let k = 0; k < column.length; k++) column[k] = layer[k][i];
          drawHeatmap(canvas, column, GRID, palette);
        });
      });
      const out = grid.layers[grid.layers.length - 1];
      for (let k = 0; k < column.length; k++) column[k] = out[k][0];
      drawHeatmap(this.source, column, GRID, palette);
      // The points change only with the data, the test toggle, the size or the colours.
      // The reader's own data shows its test points too: a point just added must not vanish.
      const showTest = this.state.test || this.state.data === CUSTOM;
      const key = { train: trainer.train, test: showTest, width: this.outputCanvas.width, palette };
      if (Object.keys(key).some((k) => key[k] !== this.pointsDrawn[k])) {
        this.points.width = this.points.height = this.outputCanvas.width;
        drawPoints(this.points, { train: trainer.train, test: trainer.test, showTest, palette });
        this.pointsDrawn = key;
      }
      drawOutput(this.outputCanvas, this.source, this.points);
      this.renderEditing(false);
    }
    for (const link of this.links) {
      const { colour, width } = linkStyle(trainer.params[`W${link.l}`][link.i][link.j], palette);
      const w = width.toFixed(1);
      if (link.colour !== colour || link.width !== w) {
        link.line.setAttribute("stroke", colour);
        link.line.setAttribute("stroke-width", w);
        link.colour = colour;
        link.width = w;
      }
    }
    if (this.tooltipLink) {
      this.tooltip.textContent = this.weightText(this.tooltipLink);
      this.tooltipLink.g.setAttribute("aria-label", this.tooltip.textContent);
    }
    drawLossChart(this.chart, trainer.history, palette);
    this.renderMath();
  }
}

// --- the text of the math panel (numbers to 4 decimals, "-" for minus: easy to copy) -------

const f4 = (v) => (Number.isFinite(v) ? v.toFixed(4) : String(v));
const vec = (row) => `[${row.map(f4).join(", ")}]`;
const mat = (rows) => `[${rows.map(vec).join(", ")}]`;

/**
 * Neuron j of layer l at point p: z = Σ wᵢxᵢ + b with its numbers, then a = f(z).
 * xᵢ are the neuron's inputs (layer_{l−1}), wᵢ = W_l[i][j], b = B_l[j].
 */
function neuronFormula(trainer, { l, j, name }, p) {
  const fwd = forward(trainer.params, featureMatrix([p], trainer.state.features), trainer.activations);
  const x = fwd.layers[l - 1][0], W = trainer.params[`W${l}`], b = trainer.params[`B${l}`][j];
  const act = trainer.activations[l - 1];
  const terms = x.map((xi, i) => `(${f4(W[i][j])})(${f4(xi)})`).join(" + ");
  return [
    t("ui.math.at", { name, x1: p.x1.toFixed(2), x2: p.x2.toFixed(2) }),
    `x = layer${l - 1} = ${vec(x)}`,
    `z = Σ wᵢxᵢ + b = ${terms} + (${f4(b)})`,
    `  = ${f4(fwd.Z[l - 1][0][j])}`,
    `a = ${act}(z) = ${f4(fwd.layers[l][0][j])}`,
  ].join("\n");
}

/** One update of batch size 1 on training point k: forward values, deltas, weight changes. */
function oneStepText(trainer, k) {
  const acts = trainer.activations, params = trainer.params, L = acts.length, lr = trainer.state.lr;
  const X = [trainer.Xtrain[k]], T = [trainer.Ttrain[k]], p = trainer.train[k];
  const fwd = forward(params, X, acts);
  const { deltas, grads } = backward(params, fwd, T, acts);
  const y = fwd.layers[L][0][0], target = T[0][0];
  const lines = [t("ui.math.sampleLine", { k: k + 1, x1: f4(p.x1), x2: f4(p.x2), t: f4(target) }),
    t("ui.math.forward"), `  layer0 = ${vec(fwd.layers[0][0])}`];
  for (let l = 1; l <= L; l++) {
    lines.push(`  Z${l} = layer${l - 1} W${l} + B${l} = ${vec(fwd.Z[l - 1][0])}`);
    lines.push(`  layer${l} = ${acts[l - 1]}(Z${l}) = ${vec(fwd.layers[l][0])}`);
  }
  lines.push(`  E = ½(y − t)² = ${f4(0.5 * (y - target) ** 2)}`, t("ui.math.backward"));
  lines.push(`  delta${L} = (y − t) ⊙ f'(Z${L}) = ${vec(deltas[L - 1][0])}`);
  for (let l = L - 1; l >= 1; l--) {
    lines.push(`  delta${l} = (delta${l + 1} W${l + 1}ᵀ) ⊙ f'(Z${l}) = ${vec(deltas[l - 1][0])}`);
  }
  lines.push(t("ui.math.update", { lr: String(lr) }));
  for (let l = 1; l <= L; l++) {
    lines.push(`  ΔW${l} = −η layer${l - 1}ᵀ delta${l} = ${mat(grads[`W${l}`].map((row) => row.map((g) => -lr * g)))}`);
    lines.push(`  ΔB${l} = −η delta${l} = ${vec(grads[`B${l}`].map((g) => -lr * g))}`);
  }
  if (trainer.state.reg !== "none" && trainer.state.regRate > 0) lines.push(t("ui.math.reg"));
  return lines.join("\n");
}

// --- start, and a small hook for the browser tests and benchmarks ------------------------

/**
 * Call start() once, when the playground is about to be seen: at once when the address has a
 * fragment (a shared setup, an experiment or a heading: the link leads to it), else when it
 * comes within one screen of the window or an experiment link changes the address.  On a
 * phone it sits about two screens down the page, and building it (controls, network diagram,
 * heatmaps) was the longest task of the page's first load (benchmarks/bench_lighthouse.py);
 * built a screen ahead, it is ready before it scrolls into view.  (One screen, not half: on a
 * desktop the page's goals box and prepared experiments put it about 1.5 screens down, and it
 * should be ready at load there; on a phone it is still three or more screens down.)
 * While it waits, root has data-deferred="true" (from the first time the observer finds it
 * out of reach until start(); tests/test_playground_browser.py waits for it).
 */
export function startWhenNear(root, start) {
  let started = false;
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) once();
    else if (!started) root.dataset.deferred = "true";
  }, { rootMargin: "0px 0px 100% 0px" });
  function once() {
    if (started) return;
    started = true;
    observer.disconnect();
    window.removeEventListener("hashchange", once);
    delete root.dataset.deferred;
    start();
  }
  if (location.hash.length > 1) { once(); return; }
  observer.observe(root);
  window.addEventListener("hashchange", once);
}

const root = document.getElementById("playground");
if (root) startWhenNear(root, () => {
  const ui = new PlaygroundUI(root);
  window.__playground = {
    step(n = 1) { ui.pause(); const m = ui.trainer.step(n); ui.render(); return m; },
    /** Train n epochs without drawing (for speed measurements). */
    train(n = 1) { ui.pause(); return ui.trainer.step(n); },
    render() { ui.render(); },
    play() { ui.play(); },
    pause() { ui.pause(); },
    reset() { ui.pause(); ui.trainer.reset(); ui.render(); },
    state() { return JSON.parse(JSON.stringify(ui.state)); },
    fragment() { return serializeState(ui.state); },
    metrics() { return ui.trainer.metrics(); },
    params() { return JSON.parse(JSON.stringify(ui.trainer.params)); },
    experiments: EXPERIMENTS.map((e) => ({ ...e })),
    /** The points in the order of the exports (training, then test) and the network's outputs for them. */
    points() { return ui.trainer.points.map(({ x1, x2, label }) => ({ x1, x2, label })); },
    predictions() { return ui.trainer.predict(ui.trainer.points); },
    exportCSV() { return ui.exportCSV(); },
    exportPython() { return ui.exportPython(); },
    /** The point the math panel's formula is shown for. */
    mathPoint() { return ui.probePoint(); },
  };
  root.dataset.ready = "true";
});

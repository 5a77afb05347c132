// The playground page: controls, network diagram, heatmaps, loss chart, URL state.
// Loaded by docs/playground_lab.md with <script type="module">; builds everything inside
// <div id="playground">.  Text from the URL never reaches innerHTML: all text is set
// with textContent, and the fragment is read only through state.js's whitelists.

import { DATASETS } from "./data.js";
import { drawHeatmap, drawLossChart, drawOutput, drawPoints, linkStyle, readPalette } from "./draw.js";
import { EXPERIMENTS } from "./experiments.js";
import { FEATURES, FEATURE_NAMES } from "./features.js";
import { locale, t } from "./i18n.js";
import {
  LEARNING_RATES, MAX_LAYERS, MAX_NEURONS, REG_RATES, defaultState, parseFragment, serializeState,
} from "./state.js";
import { Trainer } from "./trainer.js";

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
  change(changes) {
    this.state = { ...this.state, ...changes };
    const hyper = Object.keys(changes).every((k) => ["lr", "reg", "regRate", "test"].includes(k));
    if (hyper) {
      this.trainer.setHyperparameters(this.state);
    } else {
      this.pause();
      this.trainer.configure(this.state);
      this.rebuildNetwork();
    }
    this.showMessages([]);
    this.sync();
    this.writeHash();
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
        const data = Object.keys(DATASETS).find((k) => DATASETS[k].problem === problem);
        this.change({ problem, data });
      }),
    );

    // Data.
    this.dataChoices = el("div", { class: "pg-choices", role: "radiogroup", "aria-label": t("ui.datasets") });
    for (const [name, d] of Object.entries(DATASETS)) {
      const id = `pg-data-${name}`;
      const input = el("input", { type: "radio", name: "pg-data", id, value: name,
        onchange: () => this.change({ data: name }) });
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
      el("div", { class: "pg-choice" }, this.showTest, el("label", { for: "pg-show-test", text: t("ui.showTest") })),
      el("p", { class: "pg-scale" },
        el("span", { class: "pg-neg", text: "−1" }), el("span", { class: "pg-scale-bar", "aria-hidden": "true" }),
        el("span", { class: "pg-pos", text: "+1" })),
    );

    r.append(this.message, bar, el("div", { class: "pg-grid" },
      el("div", { class: "pg-left" }, data, features), network, output));
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
      choice.hidden = choice.dataset.problem !== s.problem;
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
        const div = el("div", { class: "pg-node", title: unitName(c, i) }, canvas);
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
      const key = { train: trainer.train, test: this.state.test, width: this.outputCanvas.width, palette };
      if (Object.keys(key).some((k) => key[k] !== this.pointsDrawn[k])) {
        this.points.width = this.points.height = this.outputCanvas.width;
        drawPoints(this.points, { train: trainer.train, test: trainer.test, showTest: this.state.test, palette });
        this.pointsDrawn = key;
      }
      drawOutput(this.outputCanvas, this.source, this.points);
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
  }
}

// --- start, and a small hook for the browser tests and benchmarks ------------------------

/**
 * Call start() once, when the playground is about to be seen: at once when the address has a
 * fragment (a shared setup, an experiment or a heading: the link leads to it), else when it
 * comes within half a screen of the window or an experiment link changes the address.  On a
 * phone it sits about two screens down the page, and building it (controls, network diagram,
 * heatmaps) was the longest task of the page's first load (benchmarks/bench_lighthouse.py);
 * built half a screen ahead, it is ready before it scrolls into view.
 * While it waits, root has data-deferred="true" (from the first time the observer finds it
 * out of reach until start(); tests/test_playground_browser.py waits for it).
 */
export function startWhenNear(root, start) {
  let started = false;
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) once();
    else if (!started) root.dataset.deferred = "true";
  }, { rootMargin: "0px 0px 50% 0px" });
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
  };
  root.dataset.ready = "true";
});

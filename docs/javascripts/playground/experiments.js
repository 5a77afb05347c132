// Prepared experiments: the chapter's claims, each as a complete setup (a URL fragment).
// The page links to them (docs/playground_lab.md); the tests train each one and check the claim.

import { t } from "./i18n.js";
import { DEFAULTS, serializeState } from "./state.js";

const setup = (changes) => serializeState({ ...DEFAULTS, ...changes });

export const EXPERIMENTS = [
  { id: "separable", get title() { return t(`exp.${this.id}`); },
    fragment: setup({ data: "gauss", layers: [] }) },
  { id: "xor-no-hidden", get title() { return t(`exp.${this.id}`); },
    fragment: setup({ data: "xor", layers: [] }) },
  { id: "xor-hidden", get title() { return t(`exp.${this.id}`); },
    fragment: setup({ data: "xor", layers: [4] }) },
  { id: "circle-linear", get title() { return t(`exp.${this.id}`); },
    fragment: setup({ data: "circle", layers: [] }) },
  { id: "circle-squares", get title() { return t(`exp.${this.id}`); },
    fragment: setup({ data: "circle", layers: [], features: ["x1sq", "x2sq"] }) },
  { id: "lr-ok", get title() { return t(`exp.${this.id}`); },
    fragment: setup({ problem: "regression", data: "plane", lr: 0.03 }) },
  { id: "lr-diverge", get title() { return t(`exp.${this.id}`); },
    fragment: setup({ problem: "regression", data: "plane", lr: 3 }) },
];

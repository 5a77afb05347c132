// Prepared experiments: the chapter's claims, each as a complete setup (a URL fragment).
// The page links to them (docs/playground_lab.md); the tests train each one and check the claim.

import { DEFAULTS, serializeState } from "./state.js";

const setup = (changes) => serializeState({ ...DEFAULTS, ...changes });

export const EXPERIMENTS = [
  { id: "separable", title: "선형 분리 가능한 데이터, 은닉층 없음",
    fragment: setup({ data: "gauss", layers: [] }) },
  { id: "xor-no-hidden", title: "XOR, 은닉층 없음 (실패)",
    fragment: setup({ data: "xor", layers: [] }) },
  { id: "xor-hidden", title: "XOR, 은닉층 1개 (성공)",
    fragment: setup({ data: "xor", layers: [4] }) },
  { id: "circle-linear", title: "원, 입력 x1, x2만 (실패)",
    fragment: setup({ data: "circle", layers: [] }) },
  { id: "circle-squares", title: "원, 입력 x1², x2² (성공)",
    fragment: setup({ data: "circle", layers: [], features: ["x1sq", "x2sq"] }) },
  { id: "lr-ok", title: "회귀(평면), 학습률 0.03 (수렴)",
    fragment: setup({ problem: "regression", data: "plane", lr: 0.03 }) },
  { id: "lr-diverge", title: "회귀(평면), 학습률 3 (발산)",
    fragment: setup({ problem: "regression", data: "plane", lr: 3 }) },
];

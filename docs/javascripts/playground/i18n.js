// User-visible text of the playground in each edition's language.
// The page's language is <html lang="…"> (Material sets "ko" on the Korean site, "en" on
// the English one); without a document (Node's tests) it is Korean, the default edition.
// Texts are plain strings: ui.js puts them in the page with textContent only.

export const MESSAGES = {
  ko: {
    // Choices of the select menus and radio buttons.
    "act.relu": "ReLU", "act.tanh": "tanh", "act.sigmoid": "시그모이드", "act.linear": "선형",
    "reg.none": "없음", "reg.L1": "L1", "reg.L2": "L2",
    "problem.classification": "분류", "problem.regression": "회귀",
    "data.circle": "원", "data.xor": "XOR", "data.gauss": "두 가우시안", "data.spiral": "나선",
    "data.plane": "평면", "data.bumps": "가우시안 봉우리",
    // Names of the settings (labels and messages about the URL).
    "key.problem": "문제 유형", "key.data": "데이터", "key.noise": "잡음", "key.ratio": "학습 데이터 비율",
    "key.batch": "배치 크기", "key.seed": "씨앗값", "key.features": "입력 특징", "key.layers": "은닉층",
    "key.act": "활성화 함수", "key.lr": "학습률", "key.reg": "정규화", "key.regRate": "정규화 비율",
    "key.test": "테스트 데이터 보기",
    // Prepared experiments (docs/playground_lab.md lists the same ones).
    "exp.separable": "선형 분리 가능한 데이터, 은닉층 없음",
    "exp.xor-no-hidden": "XOR, 은닉층 없음 (실패)",
    "exp.xor-hidden": "XOR, 은닉층 1개 (성공)",
    "exp.circle-linear": "원, 입력 x1, x2만 (실패)",
    "exp.circle-squares": "원, 입력 x1², x2² (성공)",
    "exp.lr-ok": "회귀(평면), 학습률 0.03 (수렴)",
    "exp.lr-diverge": "회귀(평면), 학습률 3 (발산)",
    // Messages.
    "msg.fallback": "주소(# 뒤)의 설정을 읽을 수 없어 기본 설정으로 시작합니다.",
    "msg.rejected": "주소의 설정 중 {names} 값이 허용 범위를 벗어나 기본값을 사용했습니다.",
    "msg.unknown": "주소에서 알 수 없는 항목 {count}개를 무시했습니다.",
    "msg.seed": "씨앗값은 0부터 999999까지의 정수입니다.",
    "msg.features": "입력 특징은 하나 이상 골라야 합니다.",
    "msg.diverged": "학습이 발산했습니다(에포크 {epoch}): 손실이 무한대 또는 NaN(숫자가 아님)이 되었습니다. "
      + "학습률이 너무 큽니다. 학습률을 낮추고 ‘처음부터’를 누르세요.",
    // Controls.
    "ui.play": "학습 시작", "ui.pause": "일시 정지",
    "ui.step": "한 단계", "ui.step.title": "한 에포크만 학습",
    "ui.reset": "처음부터", "ui.reset.title": "가중치를 처음 값으로 되돌림",
    "ui.epoch": "에포크 ",
    "ui.lr": "학습률", "ui.act": "활성화 함수", "ui.reg": "정규화", "ui.regRate": "정규화 비율", "ui.problem": "문제 유형",
    "ui.datasets": "데이터 세트", "ui.data": "데이터",
    "ui.ratio": "학습 데이터 비율(%)", "ui.noise": "잡음(%)", "ui.batch": "배치 크기", "ui.seed": "씨앗값",
    "ui.regenerate": "새 데이터", "ui.regenerate.title": "무작위 씨앗값으로 데이터를 다시 만듦",
    "ui.features": "입력 특징",
    "ui.addLayer": "＋ 은닉층", "ui.removeLayer": "－ 은닉층", "ui.layerCount": "은닉층 {n}개",
    "ui.network": "신경망",
    "ui.hint": "연결선에 마우스를 올리거나 Tab으로 선택하면(화살표 키로 이동) 가중치가 보입니다.",
    "ui.output": "출력", "ui.output.aria": "결정 경계 히트맵과 데이터 점",
    "ui.chart.aria": "에포크에 따른 학습 손실과 테스트 손실 그래프",
    "ui.trainLoss": "학습 손실", "ui.testLoss": "테스트 손실", "ui.testAccuracy": "테스트 정확도",
    "ui.key.train": "— 학습", "ui.key.test": "- - 테스트",
    "ui.showTest": "테스트 데이터 보기",
    "ui.links.aria": "연결(가중치). 화살표 키로 이동합니다.",
    "ui.unit.output": "출력", "ui.unit.hidden": "은닉층 {layer}의 뉴런 {neuron}",
    "ui.link.aria": "가중치 ({from} → {to})",
    "ui.neuron.remove": "은닉층 {layer}에서 뉴런 빼기", "ui.neuron.add": "은닉층 {layer}에 뉴런 추가",
    "ui.weight": "가중치 {w} ({from} → {to})", "ui.weight.diverged": "발산",
  },
  en: {
    "act.relu": "ReLU", "act.tanh": "tanh", "act.sigmoid": "Sigmoid", "act.linear": "Linear",
    "reg.none": "None", "reg.L1": "L1", "reg.L2": "L2",
    "problem.classification": "Classification", "problem.regression": "Regression",
    "data.circle": "Circle", "data.xor": "XOR", "data.gauss": "Two gaussians", "data.spiral": "Spiral",
    "data.plane": "Plane", "data.bumps": "Gaussian bumps",
    "key.problem": "problem type", "key.data": "data", "key.noise": "noise", "key.ratio": "training data ratio",
    "key.batch": "batch size", "key.seed": "seed", "key.features": "features", "key.layers": "hidden layers",
    "key.act": "activation function", "key.lr": "learning rate", "key.reg": "regularization",
    "key.regRate": "regularization rate", "key.test": "show test data",
    "exp.separable": "Linearly separable data, no hidden layer",
    "exp.xor-no-hidden": "XOR, no hidden layer (fails)",
    "exp.xor-hidden": "XOR, one hidden layer (succeeds)",
    "exp.circle-linear": "Circle, inputs x1, x2 only (fails)",
    "exp.circle-squares": "Circle, inputs x1², x2² (succeeds)",
    "exp.lr-ok": "Regression (plane), learning rate 0.03 (converges)",
    "exp.lr-diverge": "Regression (plane), learning rate 3 (diverges)",
    "msg.fallback": "The settings in the address (after #) could not be read; starting with the default settings.",
    "msg.rejected": "In the address, the value of {names} was out of range; the default was used.",
    "msg.unknown": "Ignored {count} unknown item(s) in the address.",
    "msg.seed": "The seed is a whole number from 0 to 999999.",
    "msg.features": "Choose at least one input feature.",
    "msg.diverged": "Training diverged (epoch {epoch}): the loss became infinite or NaN (not a number). "
      + "The learning rate is too large. Lower the learning rate and press ‘Reset’.",
    "ui.play": "Start training", "ui.pause": "Pause",
    "ui.step": "Step", "ui.step.title": "Train one epoch only",
    "ui.reset": "Reset", "ui.reset.title": "Put the weights back to their initial values",
    "ui.epoch": "Epoch ",
    "ui.lr": "Learning rate", "ui.act": "Activation", "ui.reg": "Regularization", "ui.regRate": "Regularization rate",
    "ui.problem": "Problem type",
    "ui.datasets": "Data set", "ui.data": "Data",
    "ui.ratio": "Training data ratio (%)", "ui.noise": "Noise (%)", "ui.batch": "Batch size", "ui.seed": "Seed",
    "ui.regenerate": "New data", "ui.regenerate.title": "Make the data again from a random seed",
    "ui.features": "Input features",
    "ui.addLayer": "＋ layer", "ui.removeLayer": "－ layer", "ui.layerCount": "{n} hidden",
    "ui.network": "Network",
    "ui.hint": "Hover over a link or select it with Tab (move with the arrow keys) to see its weight.",
    "ui.output": "Output", "ui.output.aria": "Decision boundary heatmap and data points",
    "ui.chart.aria": "Training and test loss against the epoch",
    "ui.trainLoss": "Training loss", "ui.testLoss": "Test loss", "ui.testAccuracy": "Test accuracy",
    "ui.key.train": "— training", "ui.key.test": "- - test",
    "ui.showTest": "Show test data",
    "ui.links.aria": "Links (weights). Move with the arrow keys.",
    "ui.unit.output": "output", "ui.unit.hidden": "neuron {neuron} of hidden layer {layer}",
    "ui.link.aria": "weight ({from} → {to})",
    "ui.neuron.remove": "Remove a neuron from hidden layer {layer}",
    "ui.neuron.add": "Add a neuron to hidden layer {layer}",
    "ui.weight": "weight {w} ({from} → {to})", "ui.weight.diverged": "diverged",
  },
};

/** The page's language: "en" for an English page, otherwise "ko". */
export function language() {
  const lang = typeof document === "undefined" ? "" : (document.documentElement.lang || "");
  return lang.toLowerCase().startsWith("en") ? "en" : "ko";
}

/** Locale for numbers (toLocaleString) in the page's language. */
export function locale() {
  return language() === "en" ? "en-US" : "ko-KR";
}

/**
 * The text of `key` in the page's language, with {name} replaced by params[name].
 * A key missing from the dictionary is a programming error and throws.
 */
export function t(key, params = {}, lang = language()) {
  const text = MESSAGES[lang][key];
  if (text === undefined) throw new Error(`i18n: no text for ${key} (${lang})`);
  return text.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

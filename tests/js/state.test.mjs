// state.js: the URL fragment is parsed strictly and round-trips.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  DEFAULTS, LEARNING_RATES, REG_RATES, defaultState, parseFragment, serializeState,
} from "../../docs/javascripts/playground/state.js";
import { MESSAGES, t } from "../../docs/javascripts/playground/i18n.js";

/** A message template of i18n.js ("… {names} …") as a regular expression for a whole message. */
function templatePattern(template) {
  const parts = template.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".+?")}$`);
}
const URL_MESSAGES = ["msg.fallback", "msg.rejected", "msg.unknown", "msg.tooLong", "msg.points.tooMany",
  "msg.points.version"];

test("defaults round-trip and an empty fragment gives the defaults without a message", () => {
  for (const frag of ["", "#"]) {
    const { state, messages } = parseFragment(frag);
    assert.deepEqual(state, defaultState());
    assert.deepEqual(messages, []);
  }
  const text = serializeState(defaultState());
  assert.equal(text, "problem=classification&data=circle&noise=0&ratio=50&batch=10&seed=1"
    + "&features=x1,x2&layers=4,2&act=tanh&lr=0.03&reg=none&regRate=0&test=0");
  assert.deepEqual(parseFragment("#" + text), { state: defaultState(), messages: [] });
});

test("every setting round-trips: parse(serialize(s)) == s", () => {
  const states = [
    { ...DEFAULTS, data: "xor", layers: [], features: ["x1", "x2", "sin2"], act: "relu", test: true },
    { ...DEFAULTS, problem: "regression", data: "bumps", layers: [8, 8, 8, 8, 8, 8], seed: 999999,
      noise: 50, ratio: 90, batch: 30, reg: "L1", regRate: 0.003, lr: 0.00001 },
    { ...DEFAULTS, data: "spiral", layers: [1], features: ["x1x2"], act: "linear", ratio: 10, batch: 1,
      seed: 0, reg: "L2", regRate: 10, lr: 10 },
  ];
  for (const lr of LEARNING_RATES) states.push({ ...DEFAULTS, lr });
  for (const regRate of REG_RATES) states.push({ ...DEFAULTS, regRate });
  for (const s of states) {
    const text = serializeState(s);
    assert.ok(!/e-/.test(text), `no exponent notation in ${text}`);
    const { state, messages } = parseFragment(text);
    assert.deepEqual(messages, [], text);
    assert.deepEqual(state, s, text);
    assert.equal(serializeState(state), text);
  }
});

test("a partial fragment fills the rest with defaults; a data set implies its problem type", () => {
  const { state, messages } = parseFragment("#data=plane&layers=");
  assert.deepEqual(messages, []);
  assert.equal(state.problem, "regression");
  assert.deepEqual(state.layers, []);
  assert.equal(state.seed, DEFAULTS.seed);
});

const GARBAGE = [
  "#<script>alert(1)</script>",
  "#layers=999",
  "#layers=1,2,3,4,5,6,7",
  "#layers=0",
  "#layers=4,,2",
  "#layers=-1",
  "#noise=51", "#noise=7", "#ratio=55", "#noise=1e1", "#noise=0x10", "#noise= 5", "#ratio=5", "#ratio=95", "#batch=0",
  "#seed=-1", "#seed=1000000", "#seed=1.5",
  "#lr=0.02", "#lr=Infinity", "#lr=NaN", "#regRate=2",
  "#act=softmax", "#act=__proto__", "#data=moons", "#problem=ranking", "#reg=L3", "#test=yes",
  "#features=", "#features=x1,x1", "#features=x3", "#features=constructor",
  "#__proto__=1", "#constructor=x", "#data=%E0%A4%A", "#%zz=1", "#javascript:alert(1)",
  "#" + "a=1&".repeat(400),
  "#problem=regression&data=xor",
  "#data=<img src=x onerror=alert(1)>",
  "#data=custom&points=" + "x".repeat(4000),
  "#data=custom&points=1c.<b>",
  "#data=custom&points=8r.",
];

test("garbage or hostile fragments fall back to defaults with a message from the dictionary", () => {
  for (const frag of GARBAGE) {
    const { state, messages } = parseFragment(frag);
    assert.ok(messages.length > 0, `no message for ${frag}`);
    for (const m of messages) {
      // Without a document the language is Korean, the default edition.
      assert.ok(URL_MESSAGES.some((key) => templatePattern(MESSAGES.ko[key]).test(m)), `not a Korean message: ${m}`);
      assert.ok(!/[<>]|alert|script|999|onerror/.test(m), `message repeats the fragment: ${m}`);
    }
    // The state is always complete and valid: it serializes and parses back without a message.
    const again = parseFragment(serializeState(state));
    assert.deepEqual(again.messages, [], frag);
    assert.deepEqual(again.state, state, frag);
  }
  assert.deepEqual(parseFragment("#<script>alert(1)</script>").state, defaultState());
  assert.deepEqual(parseFragment("#layers=999").state.layers, DEFAULTS.layers);
  assert.equal(parseFragment("#problem=regression&data=xor").state.data, "plane");
  assert.equal(Object.getPrototypeOf(parseFragment("#__proto__=1").state), Object.prototype);
});

test("one bad key keeps the good ones", () => {
  const { state, messages } = parseFragment("#data=xor&layers=999&lr=0.1");
  assert.equal(state.data, "xor");
  assert.equal(state.lr, 0.1);
  assert.deepEqual(state.layers, DEFAULTS.layers);
  assert.equal(messages.length, 1);
  assert.equal(messages[0], t("msg.rejected", { names: MESSAGES.ko["key.layers"] }, "ko"));
});

test("non-string input gives the defaults", () => {
  for (const x of [undefined, null, 42, {}]) assert.deepEqual(parseFragment(x).state, defaultState());
});

test("every text has a Korean and an English version with the same placeholders", () => {
  const keys = Object.keys(MESSAGES.ko);
  assert.deepEqual(Object.keys(MESSAGES.en).sort(), [...keys].sort());
  const names = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of keys) {
    assert.deepEqual(names(MESSAGES.en[key]), names(MESSAGES.ko[key]), key);
    assert.ok(!/[가-힣]/.test(MESSAGES.en[key]), `Hangul in English text ${key}`);
  }
  assert.equal(t("msg.unknown", { count: 3 }, "en"), "Ignored 3 unknown item(s) in the address.");
  assert.equal(t("msg.unknown", { count: 3 }), "주소에서 알 수 없는 항목 3개를 무시했습니다.");
  assert.throws(() => t("no.such.key"), /no text/);
});
